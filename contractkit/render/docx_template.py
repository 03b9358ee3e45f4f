"""Generate the default docxtpl template with python-docx.

Why: the template ships as code, not an opaque binary, so it is reviewed like code and
always matches the context that :mod:`contractkit.render.docx` passes. A user who wants
their own branding exports it (``contractkit template FILE``), restyles it in Word,
and passes it back with ``--template``.

Template rules followed (docxtpl): every ``{%p %}`` tag alone in its paragraph; tables
that vary in shape are inserted by the renderer at a marker paragraph.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

FONT = "DejaVu Sans"
INK = RGBColor(0x1D, 0x23, 0x27)
MUTED = RGBColor(0x5F, 0x6B, 0x73)


def _font(style: ParagraphStyle, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 9.5)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.15

    title = styles["Title"]
    _font(title, 19, bold=True)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.paragraph_format.space_after = Pt(2)

    subtitle = styles["Subtitle"]
    _font(subtitle, 12, color=MUTED)
    subtitle.font.italic = False
    subtitle.paragraph_format.space_after = Pt(12)

    heading = styles["Heading 1"]
    _font(heading, 11, bold=True)
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    clause = styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = normal
    clause.paragraph_format.left_indent = Mm(10.5)
    clause.paragraph_format.first_line_indent = Mm(-10.5)
    clause.paragraph_format.tab_stops.add_tab_stop(Mm(10.5), WD_TAB_ALIGNMENT.LEFT)

    for name, size, bold, color in (
        ("Lead", 9.5, False, INK),
        ("Small", 8, False, MUTED),
        ("Subject", 9.5, True, INK),
        ("Signoff", 9.5, False, INK),
        ("Role", 8, True, MUTED),
        ("Sender", 8.5, False, MUTED),
        ("Recipient", 9.5, False, INK),
        ("Date", 9.5, False, INK),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, size, bold=bold, color=color)
    # a letter's head: sender and date flush right, recipient flush left
    styles["Sender"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styles["Sender"].paragraph_format.space_after = Pt(30)
    styles["Recipient"].paragraph_format.space_after = Pt(16)
    styles["Date"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styles["Date"].paragraph_format.space_after = Pt(20)
    styles["Subject"].paragraph_format.space_after = Pt(8)
    styles["Signoff"].paragraph_format.space_before = Pt(6)
    bullet = styles["List Bullet"]
    _font(bullet, 9.5)
    bullet.paragraph_format.left_indent = Mm(14)


def _field(paragraph: Any, code: str) -> None:
    """Append a simple field (PAGE, NUMPAGES) that Word and LibreOffice update to a
    paragraph's element (python-docx has no API for fields)."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph.append(fld)


def _tag(doc: DocxDocument, tag: str) -> None:
    doc.add_paragraph(tag)


def _two_column_table(doc: DocxDocument, left: list[str], right: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        cell.paragraphs[0].style = doc.styles["Role"]
        for line in lines[1:]:
            style = "Small" if line.startswith("{{ b.signature") or "date_label" in line else None
            p = cell.add_paragraph(line)
            if style:
                p.style = doc.styles[style]


def build_template() -> DocxDocument:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin"):
        setattr(section, side, Mm(20))
    section.bottom_margin = Mm(22)
    _footer(doc)
    _body(doc)
    doc.core_properties.title = "{{ title }}"
    doc.core_properties.author = "{{ author }}"
    doc.core_properties.subject = "{{ subject }}"
    doc.core_properties.language = "{{ language }}"
    doc.core_properties.comments = ""
    _slim(doc)
    return doc


def _footer(doc: DocxDocument) -> None:
    """The running footer: the title, then "Page X of Y" with Word's own fields."""
    footer = doc.sections[0].footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    _font(doc.styles["Footer"], 7.5, color=MUTED)
    # the same paragraph as an XML element: the footer part's only paragraph
    footer_part = cast(XmlPart, doc.part.part_related_by(RT.FOOTER))
    footer_p = footer_part.element.find(qn("w:p"))
    footer.add_run("{{ footer_left }}\t\t{{ page_before }}")
    _field(footer_p, "PAGE")
    footer.add_run("{{ page_middle }}")
    _field(footer_p, "NUMPAGES")
    footer.add_run("{{ page_after }}")


def _body(doc: DocxDocument) -> None:
    """The title, then one branch per kind of block in the loop over ``blocks``."""
    _tag(doc, "{%p if show_title %}")
    doc.add_paragraph("{{ title }}", style="Title")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if subtitle %}")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for b in blocks %}")
    _tag(doc, "{%p if b.kind == 'heading' %}")
    doc.add_paragraph("{{ b.text }}", style="Heading 1")
    _tag(doc, "{%p elif b.kind == 'numbered' %}")
    clause = doc.add_paragraph(style="Clause")
    clause.add_run("{{ b.number }}")
    clause.add_run().add_tab()
    clause.add_run("{{ b.text }}")
    for kind, style in (
        ("body", "Normal"),
        ("lead", "Lead"),
        ("small", "Small"),
        ("subject", "Subject"),
        ("signoff", "Signoff"),
        ("bullet", "List Bullet"),
        ("sender", "Sender"),
        ("recipient", "Recipient"),
        ("date", "Date"),
    ):
        _tag(doc, f"{{%p elif b.kind == '{kind}' %}}")
        doc.add_paragraph("{{ b.text }}", style=style)
    _tag(doc, "{%p elif b.kind == 'table' %}")
    doc.add_paragraph("{{ b.marker }}")
    _tag(doc, "{%p elif b.kind == 'parties' %}")
    _two_column_table(
        doc,
        ["{{ b.left.role }}", "{{ b.left.text }}"],
        ["{{ b.right.role }}", "{{ b.right.text }}"],
    )
    _tag(doc, "{%p elif b.kind == 'signatures' %}")
    doc.add_paragraph("{{ b.heading }}", style="Heading 1")
    sign = ["", "", "________________________________", "{{ b.signature_label }}"]
    date = ["", "________________________________", "{{ b.date_label }}"]
    _two_column_table(
        doc,
        ["{{ b.left.role }}", *sign, "{{ b.left.text }}", *date],
        ["{{ b.right.role }}", *sign, "{{ b.right.text }}", *date],
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")


# Parts of python-docx's stock template that a contract never uses. Why drop them: every
# DOCX we write parses, re-serialises and compresses each part, and these (with ~150
# unused table styles) are over 90 % of the bytes — dropping them makes each DOCX several
# times faster to write and smaller, with nothing lost.
_UNUSED_PARTS = ("stylesWithEffects", "webSettings", "customXml", "thumbnail")
_KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Header",
    "Footer",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Title",
    "Subtitle",
    "List Bullet",
    "List Paragraph",
}


def _slim(doc: DocxDocument) -> None:
    for owner in (doc.part, doc.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if any(name in rel.reltype or name in str(rel.target_ref) for name in _UNUSED_PARTS):
                owner.rels.pop(rel_id)
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {sid for sid, s in by_id.items() if _style_name(s) in _KEEP_STYLES}
    keep |= {sid for sid, s in by_id.items() if s.get(qn("w:customStyle")) == "1"}
    pending = list(keep)
    while pending:  # a kept style keeps what it is based on, links to and is followed by
        style = by_id[pending.pop()]
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            target = ref.get(qn("w:val")) if ref is not None else None
            if target in by_id and target not in keep:
                keep.add(target)
                pending.append(target)
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):  # optional: Word's defaults apply
        styles.remove(latent)


def _style_name(style: Any) -> str:
    name = style.find(qn("w:name"))
    return str(name.get(qn("w:val"))) if name is not None else ""


@cache
def template_bytes() -> bytes:
    """The default template as .docx bytes, built once per process."""
    buf = io.BytesIO()
    build_template().save(buf)
    return buf.getvalue()
