"""Rendering on several cores changes nothing but the time it takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import docx_xml
from hypothesis import given
from hypothesis import strategies as st

from contractkit.cli import main
from contractkit.parallel import chunks


@given(
    kinds=st.lists(st.sampled_from(["pdf", "docx", "txt", "ics", "eml"]), max_size=300),
    n=st.integers(min_value=1, max_value=8),
)
def test_chunks_cover_every_file_once(kinds: list[str], n: int) -> None:
    groups = chunks(kinds, n)
    assert len(groups) <= n
    assert sorted(i for g in groups for i in g) == list(range(len(kinds)))


def test_a_single_job_keeps_each_kind_in_one_worker() -> None:
    kinds = ["pdf", "docx"] * 12 + ["txt"] * 11 + ["ics"]
    for group in chunks(kinds, 2):
        for kind in ("pdf", "docx", "ics"):
            members = [i for i in range(len(kinds)) if kinds[i] == kind]
            assert set(members) <= set(group) or not set(members) & set(group)


def test_parallel_and_sequential_builds_are_identical(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("CONTRACTKIT_WORKERS", workers)
        out = tmp_path / workers
        result = CliRunner().invoke(
            main, ["build", str(sample_path), "-o", str(out), "--as-of", "2026-11-24"]
        )
        assert result.exit_code == 0, result.output
        outs[workers] = out
    files = sorted(p.relative_to(outs["1"]) for p in outs["1"].rglob("*") if p.is_file())
    assert len(files) == 36
    for rel in files:
        a, b = outs["1"] / rel, outs["2"] / rel
        if rel.suffix == ".docx":
            assert docx_xml(a) == docx_xml(b), rel
        else:
            assert a.read_bytes() == b.read_bytes(), rel
