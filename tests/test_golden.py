"""The bundled samples are what the code makes today: any change to any output shows here.

Why: a change meant to touch one thing (a renderer, a library upgrade, a refactoring) must
show every output it changes besides. ``scripts/regen_samples.py`` rebuilds
samples/ when an output is meant to change, and the diff is reviewed like code. Text,
calendars and every XML part of the DOCX must match byte for byte; PDFs by their text,
page by page (their bytes depend on the reportlab and zlib versions installed).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from contractkit.cli import main

JOBS = sorted(SAMPLES.glob("*.yaml"))


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("job", JOBS, ids=[p.stem for p in JOBS])
def test_sample_outputs_are_unchanged(job: Path, tmp_path: Path) -> None:
    out = tmp_path / job.stem
    result = CliRunner().invoke(main, ["build", str(job), "-o", str(out), "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    expected_dir = SAMPLES / job.stem
    made = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    expected = sorted(
        p.relative_to(expected_dir)
        for p in expected_dir.rglob("*")
        if p.is_file() and p.suffix != ".png"
    )
    assert made == expected
    for rel in made:
        new, old = out / rel, expected_dir / rel
        if rel.suffix == ".pdf":
            assert pdf_pages(new) == pdf_pages(old), rel
        elif rel.suffix == ".docx":
            assert docx_parts(new) == docx_parts(old), rel
        else:
            assert new.read_bytes() == old.read_bytes(), rel
