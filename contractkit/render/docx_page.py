"""What the DOCX says about its language, fonts and page furniture, set per document.

Why per document, not in the template: the language tag (spelling, hyphenation), the
font Word has for the script, the footer's tab stop (at the text width, which differs
between A4 and Letter) and whether there is a footer at all (a letter has none) depend
on the document, while one template serves them all.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import get_decimal_symbol
from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

# The font every Word has for the script (Windows and macOS), by language; Arial for
# the rest. Why Arial over Calibri: it ships with Windows and with macOS itself (Calibri
# only with Office), covers the Latin letters of every language here (ő, ű, ł, å), and
# LibreOffice sets it in Liberation Sans, made to the same widths, so the pages break
# alike. Georgian: Sylfaen is Word's Georgian font on Windows; elsewhere Word and
# LibreOffice fall back to a font with the script.
FONTS = {"ka": "Sylfaen"}
DEFAULT_FONT = "Arial"
FOOTER_SIZE = 7.5  # points, as the Footer style sets it


def font_for(language: str) -> str:
    return FONTS.get(language, DEFAULT_FONT)


def set_language(document: DocxDocument, tag: str) -> None:
    """Tell Word which language the text is in: the default run properties of the
    styles (spelling, hyphenation) and the settings' language for theme fonts."""
    rpr = _default_rpr(document)
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.attrib.clear()  # the stock East Asian and bidi languages go too
        lang.set(qn("w:val"), tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.attrib.clear()
        theme_lang.set(qn("w:val"), tag)
    # the decimal sign Word's calculated fields read and write, and the list separator
    # that cannot be it
    decimal = get_decimal_symbol(tag.replace("-", "_"))
    for name, value in (
        ("decimalSymbol", decimal),
        ("listSeparator", ";" if decimal == "," else ","),
    ):
        el = settings.find(qn(f"w:{name}"))
        if el is not None:
            el.set(qn("w:val"), value)


def set_font(document: DocxDocument, language: str) -> None:
    """The document's font, in every script slot (our template sets it nowhere else)."""
    rpr = _default_rpr(document)
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    name = font_for(language)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def _default_rpr(document: DocxDocument) -> Any:
    try:
        document.part.part_related_by(RT.STYLES)
    except KeyError:  # a template without styles: Word's defaults apply
        return None
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    return rpr.find(qn("w:rPr")) if rpr is not None else None


def footer_tab(document: DocxDocument, width: int) -> None:
    """The footer's one tab stop: flush right at the text width, where "Page X of Y" ends.

    The footer part is reached through the relationships: docxtpl put a new part there
    when it rendered the footer, which ``section.footer`` (cached) does not see.
    """
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTER:
            for p in rel.target_part.element.iter(qn("w:p")):
                stops = Paragraph(p, rel.target_part).paragraph_format.tab_stops
                stops.clear_all()
                stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)


def drop_footer(document: DocxDocument) -> None:
    """No footer (a letter): the section's footer reference and its part go."""
    for section in document.sections:
        section.footer.is_linked_to_previous = True


def _width(text: str) -> float:
    """``text``'s width in points at the footer's size, in Arial's widths (which
    reportlab's Helvetica has), other scripts counted wide (Georgian is)."""
    return sum(
        stringWidth(ch, "Helvetica", FOOTER_SIZE) if ord(ch) < 0x100 else FOOTER_SIZE * 0.8
        for ch in text
    )


def fit_title(title: str, page_label: str, width: int) -> str:
    """The footer's title, shortened with an ellipsis to fit on one line beside the page
    label ("Page 88 of 88" at its widest), so it never wraps into it. Measured in Arial's
    widths with room to spare: LibreOffice without Arial sets it in a wider font."""
    label = page_label.replace("{page}", "88").replace("{pages}", "88")
    room = (Emu(width).pt - _width(label)) * 0.85 - Pt(18).pt
    title = " ".join(title.split())
    if _width(title) <= room:
        return title
    while title and _width(title + "…") > room:
        title = title[:-1]
    return title.rstrip() + "…"
