"""The DOCX signature block is a table of rows shared by both parties, as in the PDF: a
party with more lines (a company, a capacity that wraps) grows the rows for both, so the
two date lines stay level. Read back from document.xml, and from LibreOffice's layout."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, docx_xml, libreoffice_to_pdf, require_in_ci, tiny_document
from lxml import etree
from pypdf import PdfReader

from contractkit import document as doc
from contractkit.assemble.contract import build_contract
from contractkit.job.reader import load_job
from contractkit.render.docx import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

ONE = doc.Party(role="Freelancer", lines=("Ann Smith",))
FOUR = doc.Party(
    role="Client",
    lines=(
        "Katharina Müller, Managing Director (Geschäftsführerin) of the publishing house",
        "for Sonnenblume Kinderbuchverlag GmbH",
        "Registered office: Leipzig",
        "Commercial register HRB 12345",
    ),
)


def _signature_rows(d: doc.Document) -> list[list[str]]:
    """The texts of each row's cells in the table after the signature heading."""
    data = render_docx(d)
    body = etree.fromstring(docx_xml(data).encode("utf-8")).find(f"{{{W}}}body")
    children = list(body)
    (heading,) = [c for c in children if "".join(c.itertext()) == "Signatures"]
    table = children[children.index(heading) + 1]
    assert table.tag == f"{{{W}}}tbl"
    return [
        ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in tr.findall(f"{{{W}}}tc")]
        for tr in table.findall(f"{{{W}}}tr")
    ]


def _signed(left: doc.Party, right: doc.Party) -> doc.Document:
    block = doc.Signatures("Signatures", (left, right), "Signature", "Date")
    d = tiny_document("The last clause.")
    signed: doc.Document = replace(d, blocks=(*d.blocks, block))
    return signed


@pytest.mark.parametrize(("left", "right"), [(ONE, FOUR), (FOUR, ONE)])
def test_both_parties_date_lines_are_one_row(left: doc.Party, right: doc.Party) -> None:
    rows = _signature_rows(_signed(left, right))
    assert [r[1] for r in rows] == [""] * len(rows)  # the gap between the parties
    pairs = [(r[0], r[2]) for r in rows]
    assert pairs == [
        (left.role.upper(), right.role.upper()),
        ("", ""),  # room to sign, above the signature line
        ("Signature", "Signature"),
        ("".join(left.lines), "".join(right.lines)),  # each party's lines, in order
        ("", ""),  # room for the date
        ("Date", "Date"),
    ]
    assert not any("__" in text for row in rows for text in row)  # lines are borders


def test_signature_and_date_lines_are_borders_under_rows_with_room_to_write() -> None:
    body = etree.fromstring(docx_xml(render_docx(_signed(ONE, FOUR))).encode("utf-8"))
    table = body.xpath("//w:tbl[last()]", namespaces=NS)[0]
    rows = table.findall(f"{{{W}}}tr")
    ruled = [
        tr
        for tr in rows
        if tr.xpath("./w:tc/w:tcPr/w:tcBorders/w:bottom[@w:val='single']", namespaces=NS)
    ]
    assert len(ruled) == 2  # the signature line and the date line
    for tr in ruled:
        (height,) = tr.xpath("./w:trPr/w:trHeight", namespaces=NS)
        assert height.get(f"{{{W}}}hRule") == "exact"
        assert int(height.get(f"{{{W}}}val")) >= 500  # twips: ~9 mm and more
        # both parties' cells ruled, the gap between them not
        assert [
            bool(tc.xpath("./w:tcPr/w:tcBorders/w:bottom", namespaces=NS))
            for tc in tr.findall(f"{{{W}}}tc")
        ] == [True, False, True]
    assert all(tr.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None for tr in rows)


def _label_heights(pdf: Path, label: str) -> list[float]:
    """The height on the page of each text run that is exactly ``label``, on the last
    page (where the signatures are)."""
    found: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() == label:
            found.append(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1))

    PdfReader(pdf).pages[-1].extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_libreoffice_sets_both_date_labels_at_one_height(tmp_path: Path) -> None:
    """The samples whose client's block is longer (a capacity that wraps, a company)."""
    require_in_ci("soffice")
    labels = {}
    for name in ("illustrator-poland", "ka-ilustraciebi"):
        d = build_contract(load_job(SAMPLES / f"{name}.yaml"), date(2026, 11, 24))
        (block,) = [b for b in d.blocks if isinstance(b, doc.Signatures)]
        labels[name] = block.date_label
        (tmp_path / f"{name}.docx").write_bytes(render_docx(d))
    libreoffice_to_pdf(sorted(tmp_path.glob("*.docx")), tmp_path)
    for name, label in labels.items():
        heights = _label_heights(tmp_path / f"{name}.pdf", label)
        assert len(heights) == 2, (name, heights)
        assert heights[0] == heights[1], (name, heights)
