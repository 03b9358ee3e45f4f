"""Shared fixtures: the sample jobs, an isolated HOME, and readers for what was produced."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AS_OF = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own HOME and config folders: no test reads a real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


@pytest.fixture
def sample_path() -> Path:
    return SAMPLES / "website-redesign.yaml"


@pytest.fixture
def sample_data(sample_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(sample_path.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def write_job(tmp_path: Path, sample_data: dict[str, Any]) -> Iterator[Any]:
    """Write a variant of the sample job: ``write_job(**{"client.name": "X"})``."""

    def make(name: str = "job.yaml", **changes: Any) -> Path:
        data = yaml.safe_load(yaml.safe_dump(sample_data, allow_unicode=True))
        for dotted, value in changes.items():
            node = data
            *parents, last = dotted.split(".")
            for p in parents:
                node = node[p]
            if value is _DELETE:
                node.pop(last, None)
            else:
                node[last] = value
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    yield make


_DELETE = object()

# The identity fields the samples carry: left out, a job reads as one written before them.
IDENTITY_KEYS = (
    "agreement",
    *(f"{who}.{k}" for who in ("freelancer", "client") for k in ("registration", "tax_id")),
    "freelancer.signatory",
    "client.signatory",
    "freelancer.bank",
)


@pytest.fixture
def write_bare_job(write_job: Any) -> Any:
    """Like ``write_job``, from the sample without any identity field."""

    def make(name: str = "job.yaml", **changes: Any) -> Path:
        path: Path = write_job(name, **({k: _DELETE for k in IDENTITY_KEYS} | changes))
        return path

    return make


def run_cli(*args: str) -> Any:
    """``contractkit ARGS`` in-process; the click result (exit code, output)."""
    from click.testing import CliRunner

    from contractkit.cli import main

    return CliRunner().invoke(main, list(args))


@pytest.fixture
def job_folder(tmp_path: Path) -> Path:
    """A job folder as `contractkit new` leaves it, before any build: acme/job.yaml."""
    home = tmp_path / "acme"
    home.mkdir()
    shutil.copy(SAMPLES / "website-redesign.yaml", home / "job.yaml")
    return home


@pytest.fixture
def delete() -> object:
    """Pass as a value to ``write_job`` to remove a key."""
    return _DELETE


def pdf_text(path_or_bytes: Path | bytes) -> str:
    """All text of a PDF, pages joined, as pypdf extracts it."""
    from pypdf import PdfReader

    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_paragraphs(path_or_bytes: Path | bytes) -> list[str]:
    """Every paragraph of a DOCX body, table cells included, in document order."""
    from docx import Document

    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    d = Document(io.BytesIO(data))
    out: list[str] = []
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_ptext(child))
        elif tag == "tbl":
            for cell_p in child.iter():
                if cell_p.tag.endswith("}p"):
                    out.append(_ptext(cell_p))
    return out


def _ptext(p: Any) -> str:
    parts = []
    for el in p.iter():
        name = el.tag.rsplit("}", 1)[-1]
        if name == "t":
            parts.append(el.text or "")
        elif name == "br":
            parts.append("\n")
        elif name == "tab":
            parts.append("\t")
    return "".join(parts)


def docx_xml(path_or_bytes: Path | bytes, member: str = "word/document.xml") -> str:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(member).decode("utf-8")


def have(program: str) -> bool:
    return shutil.which(program) is not None


def require_in_ci(program: str) -> None:
    """Skip when a system tool is missing locally; fail in CI, where .ci/run installs it."""
    if not have(program):
        if os.environ.get("CI"):
            pytest.fail(f"{program} is required in CI (.ci/run installs it)")
        pytest.skip(f"{program} not installed")


def libreoffice_to_pdf(files: list[Path], outdir: Path, timeout: int = 600) -> None:
    """Convert DOCX ``files`` to PDF in ``outdir`` with one LibreOffice call (it is slow to
    start), with a profile of its own so parallel runs never share one."""
    require_in_ci("soffice")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *(str(f) for f in files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def tiny_document(*texts: str, language: str = "en", kind: str = "contract") -> Any:
    """A small neutral document: a heading and one paragraph per text."""
    from contractkit.document import Document, Heading, Paragraph

    return Document(
        title="t",
        language=language,
        author="a",
        created=date(2026, 1, 1),
        page_size="A4",
        page_label="{page}/{pages}",
        blocks=(Heading("Heading"), *(Paragraph(t) for t in texts)),
        kind=kind,  # type: ignore[arg-type]
    )
