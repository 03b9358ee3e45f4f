"""The DOCX is Word-native: clause numbers are a Word list, cross-references are REF
fields to bookmarks, the signatures keep together, the footer fits, fonts and language
tags are Word's own. Read back from the produced document's XML."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

import pytest
from conftest import SAMPLES, docx_paragraphs, docx_xml, tiny_document
from lxml import etree

from contractkit import document as doc
from contractkit.assemble.contract import build_contract, clause_numbers
from contractkit.assemble.letters import build_letter
from contractkit.job.facts import Facts
from contractkit.job.reader import load_job
from contractkit.library.typography import typeset
from contractkit.render.docx import render_docx
from contractkit.render.docx_page import fit_title
from contractkit.render.text import render_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SAMPLE_NAMES = (
    "website-redesign",
    "us-copywriter",
    "ka-ilustraciebi",
    "pl-identyfikacja-wizualna",
    "sv-webbutik",
    "hu-weboldalszovegek",
)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@cache
def contract(name: str = "website-redesign") -> bytes:
    return render_docx(build_contract(load_job(SAMPLES / f"{name}.yaml"), date(2026, 11, 24)))


@cache
def letter(kind: str = "final-notice") -> bytes:
    job = load_job(SAMPLES / "website-redesign.yaml")
    rendered = build_letter(job, kind, Facts(), on_demand=False, created=date(2026, 11, 24))
    return render_docx(rendered.document)


def xml(data: bytes, member: str = "word/document.xml") -> Any:
    return etree.fromstring(docx_xml(data, member).encode("utf-8"))


def text_of(p: Any) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def style_of(p: Any) -> str | None:
    found = p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS)
    return str(found[0]) if found else None


def test_clause_numbers_are_a_word_multilevel_list() -> None:
    data = contract()
    body = xml(data)
    numbers = clause_numbers(load_job(SAMPLES / "website-redesign.yaml"))
    headings = [p for p in body.iter(w("p")) if p.find(f"{w('bookmarkStart')}") is not None]
    assert len(headings) == len(numbers)
    num_ids = set()
    for p in headings:
        assert style_of(p) == "Heading1"
        assert p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val", namespaces=NS) == ["0"]
        num_ids |= set(p.xpath("./w:pPr/w:numPr/w:numId/@w:val", namespaces=NS))
        assert not re.match(r"\d", text_of(p))  # no typed number
    clause_paragraphs = [p for p in body.iter(w("p")) if style_of(p) == "ClauseParagraph"]
    assert len(clause_paragraphs) > 20
    for p in clause_paragraphs:
        assert p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val", namespaces=NS) == ["1"]
        assert set(p.xpath("./w:pPr/w:numPr/w:numId/@w:val", namespaces=NS)) == num_ids
        assert not re.match(r"\d+\.\d+", text_of(p))
    (num_id,) = num_ids
    numbering = xml(data, "word/numbering.xml")
    (abstract_id,) = numbering.xpath(
        f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=NS
    )
    levels = numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl", namespaces=NS
    )
    texts = [lvl.find(w("lvlText")).get(w("val")) for lvl in levels]
    assert texts == ["%1.", "%1.%2"]


def test_cross_references_are_ref_fields_to_bookmarks_that_exist() -> None:
    body = xml(contract())
    numbers = clause_numbers(load_job(SAMPLES / "website-redesign.yaml"))
    bookmarks = {b.get(w("name")): b for b in body.iter(w("bookmarkStart"))}
    assert "clause_stop_work" in bookmarks and all(not name.startswith("_") for name in bookmarks)
    instructions = [i.text for i in body.iter(w("instrText"))]
    refs = [i for i in instructions if i.split()[0] == "REF"]
    assert len(refs) >= 8
    for run in body.iter(w("r")):
        instr = run.find(w("instrText"))
        if instr is None:
            continue
        name = instr.text.split()[1]
        assert name in bookmarks
        assert instr.text.split()[2:] == ["\\w", "\\h"]
        # the shown result, two runs on (after "separate"), is the clause's number now
        shown = run.getnext().getnext().findtext(w("t"))
        clause_id = name.removeprefix("clause_").replace("_", "-")
        assert shown == str(numbers[clause_id])
    # and each reference's bookmark sits on the heading of that clause
    heading = bookmarks["clause_stop_work"].getparent()
    assert text_of(heading) == "Stop-work and kill fee"


def test_text_pdf_and_letters_print_plain_numbers() -> None:
    job = load_job(SAMPLES / "website-redesign.yaml")
    d = build_contract(job, date(2026, 11, 24))
    stop_work = clause_numbers(job)["stop-work"]
    assert any(
        doc.REF_OPEN in t for t in (b.text for b in d.blocks if isinstance(b, doc.Paragraph))
    )
    assert not any("\ue000" in t or "\ue002" in t for t in d.texts())
    text = render_text(d).decode("utf-8")
    assert f"clause {stop_work}" in re.sub(r"\s+", " ", text)
    assert not re.search("[\ue000-\ue0ff]", text)
    # a letter cites the contract: no bookmark to refer to, so the number as text
    letter_xml = docx_xml(letter())
    assert "instrText" not in letter_xml and "fldChar" not in letter_xml
    assert not re.search("[\ue000-\ue0ff]", letter_xml)
    letter_text = "\n".join(docx_paragraphs(letter())).replace("\u00a0", " ")  # typography
    assert "Under clause 6 of our agreement" in letter_text


def test_typography_sees_the_number_inside_a_reference() -> None:
    marked = f"Szerződésünk {doc.reference('communication', '7')}. pontja szerint"
    result = typeset("hu", marked)
    assert doc.plain(result) == "Szerződésünk 7.\u00a0pontja szerint"
    assert doc.REF_OPEN in result  # still a reference


def test_signature_block_keeps_together_with_the_end_of_the_last_clause() -> None:
    body = xml(contract()).find(w("body"))
    children = list(body)
    (heading,) = [p for p in children if p.tag == w("p") and text_of(p) == "Signatures"]
    at = children.index(heading)
    assert heading.find(f"{w('pPr')}/{w('keepNext')}") is not None
    table = children[at + 1]
    assert table.tag == w("tbl")
    rows = table.findall(w("tr"))
    assert rows and all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)
    last_paragraph = children[at - 1]
    assert style_of(last_paragraph) == "ClauseParagraph"
    assert last_paragraph.find(f"{w('pPr')}/{w('keepNext')}") is not None
    assert last_paragraph.find(f"{w('pPr')}/{w('keepLines')}") is not None


@pytest.mark.parametrize("name", ["website-redesign", "us-copywriter"])
def test_footer_tab_stop_is_at_the_text_width(name: str) -> None:
    data = contract(name)
    sect = xml(data).find(f"{w('body')}/{w('sectPr')}")
    page = int(sect.find(w("pgSz")).get(w("w")))
    margins = sect.find(w("pgMar"))
    width = page - int(margins.get(w("left"))) - int(margins.get(w("right")))
    footer = xml(data, "word/footer1.xml")
    tabs = footer.xpath(".//w:p/w:pPr/w:tabs/w:tab", namespaces=NS)
    assert [(t.get(w("val")), int(t.get(w("pos")))) for t in tabs] == [("right", width)]
    assert abs(width - (12240 if name == "us-copywriter" else 11906) + 2 * 1134) <= 1
    instr = " ".join(footer.xpath(".//w:fldSimple/@w:instr", namespaces=NS))
    assert "PAGE" in instr and "NUMPAGES" in instr
    assert len(footer.findall(f".//{w('tab')}")) == 2  # the stop, and one tab in the text


def test_a_long_title_is_shortened_to_stay_on_the_footer_line() -> None:
    long = "Freelance Services Agreement — " + "A very long project title " * 8
    short = fit_title(long, "Page {page} of {pages}", 9638 * 635)
    assert short.endswith("…") and len(short) < 120
    d = replace(tiny_document("x"), title="T", subject=long)
    footer = "".join(xml(render_docx(d), "word/footer1.xml").itertext())
    assert "…" in footer and "A very long project title " * 8 not in footer
    assert fit_title("Short", "Page {page} of {pages}", 9638 * 635) == "Short"


def test_letters_have_no_footer() -> None:
    data = letter()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if "footer" in n]
    assert "footerReference" not in docx_xml(data)


@pytest.mark.parametrize(
    ("name", "tag", "font"),
    [
        ("website-redesign", "en-GB", "Arial"),
        ("us-copywriter", "en-US", "Arial"),
        ("pl-identyfikacja-wizualna", "pl-PL", "Arial"),
        ("sv-webbutik", "sv-SE", "Arial"),
        ("hu-weboldalszovegek", "hu-HU", "Arial"),
        ("ka-ilustraciebi", "ka-GE", "Sylfaen"),
    ],
)
def test_language_tag_and_font(name: str, tag: str, font: str) -> None:
    data = contract(name)
    styles = xml(data, "word/styles.xml")
    rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    assert dict(rpr.find(w("lang")).attrib) == {w("val"): tag}
    fonts = rpr.find(w("rFonts"))
    assert {fonts.get(w(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {font}
    settings = xml(data, "word/settings.xml")
    assert settings.find(w("themeFontLang")).get(w("val")) == tag
    decimal = "." if tag.startswith("en") else ","
    assert settings.find(w("decimalSymbol")).get(w("val")) == decimal
    assert settings.find(w("listSeparator")).get(w("val")) != decimal
    declared = xml(data, "word/fontTable.xml").xpath("./w:font/@w:name", namespaces=NS)
    # the fonts a document may name; the lari sign's carried font (tested below) too
    assert font in declared and set(declared) - {"Noto Sans"} == {"Arial", "Sylfaen"}
    # no style names a font of its own, nor a theme's
    assert not styles.xpath("./w:style//w:rFonts", namespaces=NS)
    assert "Theme" not in docx_xml(data, "word/styles.xml")


def test_style_set_is_what_the_documents_use() -> None:
    data = contract()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
    assert not [n for n in names if "theme" in n or "stylesWithEffects" in n]
    styles = xml(data, "word/styles.xml")
    ids = set(styles.xpath("./w:style/@w:styleId", namespaces=NS))
    used = set(xml(data).xpath("//w:pStyle/@w:val", namespaces=NS))
    used |= set(xml(letter()).xpath("//w:pStyle/@w:val", namespaces=NS))
    base = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer", "Title"}
    assert ids - used <= base | {"LetterSubject", "Subtitle"}
    assert {"Heading2", "Heading3", "ListParagraph", "TableGrid", "Header"}.isdisjoint(ids)
    names = styles.xpath("./w:style/w:name/@w:val", namespaces=NS)
    assert "Clause Paragraph" in names and "Party Role" in names
    numbering = xml(data, "word/numbering.xml")
    assert "Symbol" not in etree.tostring(numbering).decode()
    app = docx_xml(data, "docProps/app.xml")
    assert "<Application>contractkit</Application>" in app and "Macintosh" not in app
    settings = docx_xml(data, "word/settings.xml")
    assert "rsid" not in settings and "proofState" not in settings


def test_user_text_cannot_carry_a_directive() -> None:
    d = tiny_document("\ue003num=0 bm=x\ue004Plain text")
    body = xml(render_docx(d))
    assert not body.xpath("//w:numPr | //w:bookmarkStart", namespaces=NS)
    assert "Plain text" in "".join(body.itertext())


def test_characters_arial_and_sylfaen_lack_are_set_in_an_embedded_font() -> None:
    from contractkit.paths import FONTS
    from contractkit.render.docx_embed import _obfuscated

    data = contract("ka-ilustraciebi")
    body = xml(data)
    lari_runs = [
        r for r in body.iter(w("r")) if "₾" in "".join(r.xpath("./w:t/text()", namespaces=NS))
    ]
    assert lari_runs
    for r in lari_runs:
        assert r.xpath("./w:rPr/w:rFonts/@w:ascii", namespaces=NS) == ["Noto Sans"]
        assert "".join(r.xpath("./w:t/text()", namespaces=NS)).strip("₾") == ""
    table = xml(data, "word/fontTable.xml")
    (regular,) = table.xpath("./w:font[@w:name='Noto Sans']/w:embedRegular", namespaces=NS)
    key = regular.get(w("fontKey"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        stored = z.read("word/fonts/NotoSansCurrency-Regular.odttf")
        rels = z.read("word/_rels/fontTable.xml.rels").decode()
    original = (FONTS / "NotoSansCurrency-Regular.ttf").read_bytes()
    assert stored != original and _obfuscated(stored, key) == original  # XOR undoes itself
    assert "fonts/NotoSansCurrency-Regular.odttf" in rels
    with zipfile.ZipFile(io.BytesIO(contract())) as z:  # no lari sign, no font carried
        assert not [n for n in z.namelist() if n.startswith("word/fonts/")]


def test_a_template_that_types_the_number_does_not_show_it_twice(tmp_path: Any) -> None:
    """A template exported before Word numbered the clauses shows ``{{ b.number }}``, a
    tab, then the text: the typed number goes, Word's list number stays."""
    from docx import Document

    from contractkit.render.docx_template import template_bytes

    mine = Document(io.BytesIO(template_bytes()))
    for p in mine.paragraphs:
        if p.text == "{{ b.text }}" and p.style is not None and p.style.name == "Clause Paragraph":
            p.runs[0].text = "{{ b.number }}"
            p.add_run().add_tab()
            p.add_run("{{ b.text }}")
    path = tmp_path / "old.docx"
    mine.save(str(path))
    d = build_contract(load_job(SAMPLES / "website-redesign.yaml"), date(2026, 11, 24))
    body = xml(render_docx(d, path))
    numbered = [p for p in body.iter(w("p")) if p.find(f"{w('pPr')}/{w('numPr')}") is not None]
    assert len(numbered) > 20
    assert not [text_of(p) for p in numbered if re.match(r"\d", text_of(p))]


def test_the_footer_style_sets_no_tab_stop_of_its_own() -> None:
    """Word merges a style's tab stops with the paragraph's: a stop in the style at A4's
    text width would catch "Page X of Y" short of a Letter page's margin."""
    styles = xml(contract("us-copywriter"), "word/styles.xml")
    assert not styles.xpath("./w:style[@w:styleId='Footer']//w:tab", namespaces=NS)
