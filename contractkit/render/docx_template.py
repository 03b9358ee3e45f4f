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
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from contractkit.render.docx_fonts import (
    app_properties,
    bullet_numbering,
    font_table,
    tidy_settings,
)
from contractkit.render.docx_page import DEFAULT_FONT

# Our paragraph styles, by the kind of block they show: named for what they are, so a
# user restyling the template in Word finds "Clause Paragraph", not "Clause".
STYLE = {
    "numbered": "Clause Paragraph",
    "lead": "Lead-in",
    "small": "Small Print",
    "subject": "Letter Subject",
    "signoff": "Letter Sign-off",
    "role": "Party Role",
    "sender": "Letter Sender",
    "recipient": "Letter Recipient",
    "date": "Letter Date",
}

INK = RGBColor(0x1D, 0x23, 0x27)
MUTED = RGBColor(0x5F, 0x6B, 0x73)


def _font(style: ParagraphStyle, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    """Size, weight and colour; the typeface is the document default's, set per
    language by the renderer (:mod:`docx_page`), so no style names one."""
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    for fonts in rpr.findall(qn("w:rFonts")):
        rpr.remove(fonts)


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
    for num_pr in subtitle.element.get_or_add_pPr().findall(qn("w:numPr")):  # a leftover
        num_pr.getparent().remove(num_pr)
    subtitle.font.italic = False
    subtitle.paragraph_format.space_after = Pt(12)

    heading = styles["Heading 1"]
    _font(heading, 11, bold=True)
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    # a numbered clause paragraph: Word's list puts "4.2" in the hanging indent
    clause = styles.add_style(STYLE["numbered"], WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = normal
    clause.paragraph_format.left_indent = Mm(10.5)
    clause.paragraph_format.first_line_indent = Mm(-10.5)

    for kind, size, bold, color in (
        ("lead", 9.5, False, INK),
        ("small", 8, False, MUTED),
        ("subject", 9.5, True, INK),
        ("signoff", 9.5, False, INK),
        ("role", 8, True, MUTED),
        ("sender", 8.5, False, MUTED),
        ("recipient", 9.5, False, INK),
        ("date", 9.5, False, INK),
    ):
        style = styles.add_style(STYLE[kind], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, size, bold=bold, color=color)
    # a letter's head: sender and date flush right, recipient flush left
    for kind, align, before, after in (
        ("sender", WD_ALIGN_PARAGRAPH.RIGHT, 0, 30),
        ("recipient", None, 0, 16),
        ("date", WD_ALIGN_PARAGRAPH.RIGHT, 0, 20),
        ("subject", None, 0, 8),
        ("signoff", None, 6, 5),
    ):
        fmt = styles[STYLE[kind]].paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(before), Pt(after)
    bullet = styles["List Bullet"]
    _font(bullet, 9.5)


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
        cell.paragraphs[0].style = doc.styles[STYLE["role"]]
        for line in lines[1:]:
            small = line.startswith("{{ b.signature") or "date_label" in line
            style = STYLE["small"] if small else None
            p = cell.add_paragraph(line)
            if style:
                p.style = doc.styles[style]


# The signature block's columns (the parties, and a gap so their lines stay apart) and
# the room above the signature and date lines, in mm: the block fits Letter and A4.
_SIGN_COLUMNS = (78, 14, 78)
_SIGN_ROOM, _DATE_ROOM = 14, 9


def _signature_table(doc: DocxDocument) -> None:
    """The signature block as rows shared by both parties, as in the PDF: role, the
    signature line, its label, the parties' names (each party's lines in its cell, so
    they read in order), the date line, its label.

    Why rows, not a stack of paragraphs in each party's cell: a longer name block (a
    capacity that wraps, a company) then grows the row for both, so the date lines stay
    level. The lines to write on are the cells' bottom borders, under rows of fixed
    height.
    """
    rows: list[tuple[str, str, str, float | None]] = [
        ("{{ b.left.role }}", "{{ b.right.role }}", "role", None),
        ("", "", "line", _SIGN_ROOM),
        ("{{ b.signature_label }}", "{{ b.signature_label }}", "small", None),
        ("{{ b.left.text }}", "{{ b.right.text }}", "", None),
        ("", "", "line", _DATE_ROOM),
        ("{{ b.date_label }}", "{{ b.date_label }}", "small", None),
    ]
    table = doc.add_table(rows=len(rows), cols=len(_SIGN_COLUMNS))
    table.autofit = False
    for column, width in zip(table.columns, _SIGN_COLUMNS, strict=True):
        column.width = Mm(width)
    for row, (left, right, kind, room) in zip(table.rows, rows, strict=True):
        if room is not None:
            row.height, row.height_rule = Mm(room), WD_ROW_HEIGHT_RULE.EXACTLY
        for cell, text, width in zip(row.cells, (left, "", right), _SIGN_COLUMNS, strict=True):
            cell.width = Mm(width)
            p = cell.paragraphs[0]
            p.text = text
            if kind in ("role", "small"):
                p.style = doc.styles[STYLE[kind]]
            p.paragraph_format.space_after = Pt(0)
    tbl = doc.element.body.findall(qn("w:tbl"))[-1]
    margins = OxmlElement("w:tblCellMar")  # text flush with the heading, as in the PDF
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl.tblPr.find(qn("w:tblLook")).addprevious(margins)
    for tr, (_, _, kind, _) in zip(tbl.findall(qn("w:tr")), rows, strict=True):
        if kind == "line":
            for tc in tr.findall(qn("w:tc"))[::2]:  # the parties' columns, not the gap
                _bottom_border(tc)


def _bottom_border(tc: Any) -> None:
    """A line to write on along the cell's foot (python-docx has no API for borders)."""
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "1D2327")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    tc_pr = tc.get_or_add_tcPr()
    width = tc_pr.find(qn("w:tcW"))  # tcBorders follows tcW in the schema's order
    (width.addnext if width is not None else tc_pr.append)(borders)


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
    _defaults(doc)
    bullet_numbering(doc)
    font_table(doc)
    tidy_settings(doc)
    app_properties(doc)
    return doc


def _defaults(doc: DocxDocument) -> None:
    """The document's default run: our font (not the theme's), and no theme attribute
    left anywhere in the styles, as the theme part is dropped."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for fonts in rpr.findall(qn("w:rFonts")):
        rpr.remove(fonts)
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), DEFAULT_FONT)
    rpr.insert(0, fonts)
    for el in styles.iter():
        for attr in [a for a in el.attrib if "theme" in a.lower()]:
            del el.attrib[attr]
        if el.tag == qn("w:rsid"):
            el.getparent().remove(el)


def _footer(doc: DocxDocument) -> None:
    """The running footer: the title, then "Page X of Y" with Word's own fields."""
    footer = doc.sections[0].footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    _font(doc.styles["Footer"], 7.5, color=MUTED)
    # the same paragraph as an XML element: the footer part's only paragraph
    footer_part = cast(XmlPart, doc.part.part_related_by(RT.FOOTER))
    footer_p = footer_part.element.find(qn("w:p"))
    # the stock stops are for Letter with 1" margins; the paragraph's own stop is at the
    # text width (A4 here; the renderer sets it for the document's page)
    doc.styles["Footer"].paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("{{ footer_left }}\t{{ page_before }}")
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
    doc.add_paragraph("{{ b.text }}", style=STYLE["numbered"])
    kinds = ("body", "lead", "small", "subject", "signoff", "bullet", "sender", "recipient", "date")
    for kind in kinds:
        _tag(doc, f"{{%p elif b.kind == '{kind}' %}}")
        style = {"body": "Normal", "bullet": "List Bullet"}.get(kind) or STYLE[kind]
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
    _signature_table(doc)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")


# Parts of python-docx's stock template that a contract never uses. Why drop them: every
# DOCX we write parses, re-serialises and compresses each part, and these (with ~150
# unused table styles) are over 90 % of the bytes; the theme only named fonts and
# colours no style of ours uses.
_UNUSED_PARTS = ("stylesWithEffects", "webSettings", "customXml", "thumbnail", "theme")
# Word's own styles a template needs whether or not the body shows them.
_KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Footer"}


def _slim(doc: DocxDocument) -> None:
    """Drop unused parts, and every style neither used (body, footer) nor needed."""
    for owner in (doc.part, doc.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if any(name in rel.reltype or name in str(rel.target_ref) for name in _UNUSED_PARTS):
                owner.rels.pop(rel_id)
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {sid for sid, s in by_id.items() if _style_name(s) in _KEEP_STYLES}
    footer = cast(XmlPart, doc.part.part_related_by(RT.FOOTER)).element
    for root in (doc.element, footer):
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            keep |= {el.get(qn("w:val")) for el in root.iter(qn(tag))}
    pending = list(keep & set(by_id))
    while pending:  # a kept style keeps what it is based on and is followed by
        style = by_id[pending.pop()]
        for tag in ("w:basedOn", "w:next"):
            ref = style.find(qn(tag))
            target = ref.get(qn("w:val")) if ref is not None else None
            if target in by_id and target not in keep:
                keep.add(target)
                pending.append(target)
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
        else:  # a link to a style that is gone
            for link in style.findall(qn("w:link")):
                if link.get(qn("w:val")) not in keep:
                    style.remove(link)
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
