"""The wheel carries the clause library and fonts; LibreOffice opens our DOCX as valid Word."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, libreoffice_to_pdf, pdf_text, require_in_ci

pytestmark = pytest.mark.slow  # a real terminal / a wheel built and installed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("contractkit-*.whl")
    return found


def test_wheel_contains_library_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "contractkit/clauses/en/labels.yaml" in names
    assert "contractkit/clauses/en/contract/stop-work.md" in names
    assert "contractkit/fonts/DejaVuSans.ttf" in names
    assert "contractkit/fonts/NotoSansCurrency-Regular.ttf" in names
    assert "contractkit/fonts/coverage.json" in names
    assert "contractkit/clauses/rates.yaml" in names
    assert "contractkit/clauses/law.yaml" in names
    for lang in ("en", "pl", "sv", "hu", "ka"):
        assert f"contractkit/clauses/{lang}/labels.yaml" in names
        assert f"contractkit/clauses/{lang}/letters/final-notice.md" in names
        assert f"contractkit/clauses/{lang}/contract/deposit.md" in names


def test_installed_wheel_builds_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    """Only the wheel's own files are importable: a missing data file fails here."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "contractkit",
            "build",
            str(SAMPLES / "website-redesign.yaml"),
            "-o",
            "out",
            "--as-of",
            "2026-11-24",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import contractkit, sys; print(contractkit.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(target))
    assert "Stop-work and kill fee" in pdf_text(elsewhere / "out" / "contract.pdf")


def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    require_in_ci("soffice")
    from click.testing import CliRunner

    from contractkit.cli import main

    out = tmp_path / "o"
    result = CliRunner().invoke(
        main, ["build", str(SAMPLES / "website-redesign.yaml"), "-o", str(out), "--format", "docx"]
    )
    assert result.exit_code == 0, result.output
    libreoffice_to_pdf([out / "contract.docx"], tmp_path / "lo")
    text = pdf_text(tmp_path / "lo" / "contract.pdf")
    for expected in (
        "Freelance Services Agreement",
        "1. Scope of work",
        "Łukasz Wójcik",
        "€6,000.00",
        "Page 1 of",
    ):
        assert expected in text, expected
