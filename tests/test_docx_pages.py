"""The DOCX as a word processor lays it out: LibreOffice converts the contract with
descriptions of every length, and on each the signature heading, both parties'
signature lines and the end of the last clause share one page; and a Georgian contract's
lari signs are drawn in the font the DOCX carries."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLES, libreoffice_to_pdf, require_in_ci
from pypdf import PdfReader

from contractkit import document as doc
from contractkit.assemble.contract import build_contract
from contractkit.job.reader import parse_job
from contractkit.render.docx import render_docx

pytestmark = pytest.mark.slow  # LibreOffice converts 26 documents

SENTENCE = (
    "Each template is delivered with notes on its use, its spacing and the images it "
    "takes, so that the Client's team can build new pages without help. "
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_signatures_never_leave_the_end_of_the_contract(tmp_path: Path) -> None:
    require_in_ci("soffice")
    data = yaml.safe_load((SAMPLES / "website-redesign.yaml").read_text(encoding="utf-8"))
    base = data["project"]["description"]
    ka = build_contract(
        parse_job((SAMPLES / "ka-ilustraciebi.yaml").read_text()), date(2026, 11, 24)
    )
    (tmp_path / "ka.docx").write_bytes(render_docx(ka))
    ends: list[str] = []
    for extra in range(26):
        data["project"]["description"] = base + " " + SENTENCE * extra
        d = build_contract(parse_job(yaml.safe_dump(data, allow_unicode=True)), date(2026, 11, 24))
        (tmp_path / f"c{extra:02}.docx").write_bytes(render_docx(d))
        signatures = next(i for i, b in enumerate(d.blocks) if isinstance(b, doc.Signatures))
        last = d.blocks[signatures - 1]
        assert isinstance(last, doc.Paragraph)
        ends.append(doc.plain(last.text)[-60:])
    libreoffice_to_pdf(sorted(tmp_path.glob("*.docx")), tmp_path)
    pages_seen = set()
    for extra, end in enumerate(ends):
        pages = [p.extract_text() for p in PdfReader(tmp_path / f"c{extra:02}.pdf").pages]
        pages_seen.add(len(pages))
        (where,) = [i for i, text in enumerate(pages) if "Signatures" in text]
        page = pages[where]
        after = page[page.index("Signatures") :]
        assert after.count("Signature\n") + after.count("Signature ") >= 2, (extra, after)
        assert "Åsa Öberg" in after and "Łukasz Wójcik" in after, (extra, after)
        assert after.count("Date") >= 2, (extra, after)
        before = _flat(page[: page.index("Signatures")])
        assert _flat(end) in before, (extra, page)
    assert len(pages_seen) >= 2  # the sweep crossed a page break

    # the lari sign is drawn from the font the DOCX carries, not as a missing glyph
    reader = PdfReader(tmp_path / "ka.pdf")
    lari_page = next(p for p in reader.pages if "₾" in p.extract_text())
    resources: Any = lari_page["/Resources"]
    used = {str(f["/BaseFont"]) for f in resources["/Font"].values()}
    assert any("NotoSans" in name for name in used), used
