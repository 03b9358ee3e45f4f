"""What the PDF carries besides its text: outline, links, metadata, fonts, page breaks."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from conftest import AS_OF, SAMPLES, tiny_document

from contractkit import document as doc
from contractkit.assemble.contract import build_contract
from contractkit.job.reader import load_job
from contractkit.render.pdf import render_pdf, styles

JOBS = sorted(SAMPLES.glob("*.yaml"))


def reader(pdf: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module", params=["website-redesign", "ka-ilustraciebi"])
def built(request: pytest.FixtureRequest) -> tuple[doc.Document, bytes]:
    d = build_contract(load_job(SAMPLES / f"{request.param}.yaml"), created=AS_OF)
    return d, render_pdf(d)


def test_outline_has_one_entry_per_clause_heading_and_opens(
    built: tuple[doc.Document, bytes],
) -> None:
    d, pdf = built
    r = reader(pdf)
    headings = [" ".join(b.label.split()) for b in d.blocks if isinstance(b, doc.Heading)]
    assert [str(entry["/Title"]) for entry in r.outline] == headings
    assert r.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    # each entry leads to the page its heading is printed on
    for entry in r.outline:
        page = r.get_destination_page_number(entry)
        text = " ".join(r.pages[page].extract_text().split())
        assert " ".join(str(entry["/Title"]).split()) in text


def test_email_addresses_are_mailto_links(built: tuple[doc.Document, bytes]) -> None:
    d, pdf = built
    targets = {
        str(a.get_object()["/A"]["/URI"])
        for page in reader(pdf).pages
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Link"
    }
    emails = {m for text in d.texts() for m in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)}
    assert emails and targets == {f"mailto:{e}" for e in emails}


def test_a_hostile_address_stays_inside_its_link() -> None:
    pdf = render_pdf(
        tiny_document('write to o\'brien"x@ex.com or <a href="http://evil">', kind="letter")
    )
    uris = [str(a.get_object()["/A"]["/URI"]) for a in reader(pdf).pages[0]["/Annots"]]
    assert uris == ["mailto:x@ex.com"]


def test_xmp_and_info_agree_and_come_from_the_document(
    built: tuple[doc.Document, bytes],
) -> None:
    d, pdf = built
    r = reader(pdf)
    xmp, info = r.xmp_metadata, r.metadata
    assert xmp.dc_title == {"x-default": d.full_title} and info.title == d.full_title
    assert xmp.dc_creator == [d.author] and info.author == d.author
    assert xmp.dc_language == [d.language] and r.trailer["/Root"]["/Lang"] == d.language
    assert xmp.dc_description == {"x-default": d.subject}
    assert xmp.xmp_create_date.date() == AS_OF and xmp.xmp_modify_date.date() == AS_OF
    assert info["/CreationDate"].startswith(f"D:{AS_OF:%Y%m%d}")


def test_every_font_is_embedded_and_used(built: tuple[doc.Document, bytes]) -> None:
    _, pdf = built
    used, listed = b"", dict[str, Any]()
    for page in reader(pdf).pages:
        resources = page["/Resources"]
        used += page.get_contents().get_data()
        for xobject in resources.get("/XObject", {}).values():
            used += xobject.get_object().get_data()
        listed |= {name: ref.get_object() for name, ref in resources["/Font"].items()}
    for name, font in listed.items():
        assert "/FontDescriptor" in font, f"{font['/BaseFont']} is not embedded"
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        assert f"{name} ".encode() in used, f"{font['/BaseFont']} is listed but not used"
    assert b"/Helvetica" not in pdf.split(b"/AcroForm")[0]  # only the form's field font


def test_paragraphs_leave_no_lone_line_and_headings_keep_with_text() -> None:
    assert styles()["body"].allowWidows == 0 and styles()["body"].allowOrphans == 0
    assert all(s.allowWidows == 0 for s in styles().values())
    assert styles()["heading"].keepWithNext == 1
    # a paragraph after a filler of n lines: for some n, one line of it would fit at the
    # foot of page 1 (an orphan) or one line would be left for page 2 (a widow)
    closing = "Start " + "of a long closing paragraph " * 30
    for n in range(40, 56):
        pdf = render_pdf(tiny_document("\n".join(["Filler line."] * n), closing))
        pages = [p.extract_text().splitlines() for p in reader(pdf).pages]
        for lines in pages:
            assert sum(1 for line in lines if "paragraph" in line or "Start" in line) != 1, n


def _pages(d: doc.Document) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(d))).pages]


@pytest.mark.parametrize("kind", ["contract", "letter"])
def test_a_lead_in_stays_with_its_list_and_a_sign_off_with_the_last_paragraph(
    kind: str,
) -> None:
    """Filler lines push the end of the text down line by line across a page break: the
    lead-in is never left at the foot of a page without its first item, and the sign-off
    never starts a page alone."""
    from dataclasses import replace

    moved = set()
    for filler in range(30, 62):
        base = tiny_document(*[f"Filler line {i}." for i in range(filler)], kind=kind)
        blocks = (
            *base.blocks,
            doc.Paragraph("The Client pays what clause 16 provides, which includes:"),
            doc.Bullets(("the value of the work done", "a kill fee")),
            doc.Paragraph("If you believe any of this is wrong, tell me."),
            doc.Paragraph("Kind regards,\n\nÅsa Öberg", style="signoff"),
        )
        pages = _pages(replace(base, blocks=blocks))
        lead = next(i for i, t in enumerate(pages) if "which includes:" in t)
        assert "the value of the work done" in pages[lead], filler
        sign = next(i for i, t in enumerate(pages) if "Kind regards" in t)
        assert "tell me." in pages[sign], filler
        moved.add((lead, sign))
    assert len(moved) >= 2  # the sweep crossed a page break
