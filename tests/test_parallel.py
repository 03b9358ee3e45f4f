"""Rendering on several cores changes nothing but the time it takes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_xml, tiny_document

from contractkit.cli import main
from contractkit.parallel import Pool, plan_roles, role_of, worker_count


def test_roles_alternate_starting_with_pdf() -> None:
    assert plan_roles(2) == ["pdf", "rest"]
    assert plan_roles(3) == ["pdf", "rest", "pdf"]
    assert {role_of(k) for k in ("docx", "txt", "ics")} == {"rest"}


def test_worker_count_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTKIT_WORKERS", "1")
    assert worker_count() == 0
    monkeypatch.setenv("CONTRACTKIT_WORKERS", "3")
    assert worker_count() == 3
    monkeypatch.setenv("CONTRACTKIT_WORKERS", "many")
    assert worker_count() >= 0  # ignored, not a crash


def test_a_failure_in_a_worker_reaches_the_caller(tmp_path: Path) -> None:

    from contractkit.errors import GlyphError
    from contractkit.tasks import RenderTask

    bad = tiny_document("株")
    with pytest.raises(GlyphError), Pool(workers=2) as pool:
        pool.submit([RenderTask(bad, "pdf"), RenderTask(bad, "txt")])
        pool.results()


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


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import contractkit.parallel as parallel
    from contractkit.tasks import RenderTask

    doc = tiny_document("x")
    monkeypatch.setattr(parallel, "perform", lambda task: os._exit(3))  # in the workers
    with pytest.raises(RuntimeError, match="stopped unexpectedly"), Pool(workers=2) as pool:
        pool.submit([RenderTask(doc, "pdf"), RenderTask(doc, "docx")])
        pool.results()


def test_many_tasks_all_come_back_in_order() -> None:

    from contractkit.tasks import RenderTask

    docs = [tiny_document(f"paragraph {i}") for i in range(60)]
    with Pool(workers=2) as pool:
        pool.submit([RenderTask(d, k) for d in docs for k in ("txt", "pdf")])
        out = pool.results()
    texts = out[0::2]
    assert [t.decode().count(f"paragraph {i}") for i, t in enumerate(texts)] == [1] * 60


def test_a_batch_failing_after_files_were_staged_leaves_nothing(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Job 2 fails only once the workers have staged job 1's files: none may remain."""
    import time

    import contractkit.app as build_module
    from contractkit.errors import ContractkitError

    real_plan = build_module.plan
    out = tmp_path / "new" / "out"

    def plan(job_path: Path, *args: Any, **kwargs: Any) -> Any:
        if job_path.name == "second.yaml":
            deadline = time.monotonic() + 10
            while not list(out.rglob("*.part")) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert list(out.rglob("*.part")), "the workers never staged a file"
            raise ContractkitError("second.yaml: broken on purpose")
        return real_plan(job_path, *args, **kwargs)

    monkeypatch.setattr(build_module, "plan", plan)
    second = tmp_path / "second.yaml"
    second.write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(sample_path), str(second), "-o", str(out)])
    assert result.exit_code != 0, result.output
    assert "broken on purpose" in result.output
    assert not (tmp_path / "new").exists(), sorted(map(str, (tmp_path / "new").rglob("*")))
