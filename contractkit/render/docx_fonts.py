"""The default template's font table, bullet list and settings, in place of python-docx's
stock ones.

Why: the stock template declares fonts we never use (Cambria, Calibri, Times New Roman,
Symbol), nine list definitions for one bullet list (drawn in Symbol's private-use
glyph), and settings copied from someone's Word 2010 (revision ids, a spelling check
marked done, Japanese as the East Asian language). A template we ship says only what
our documents use, and the application properties name us.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn

from contractkit.render.docx_page import DEFAULT_FONT, FONTS

# (name, PANOSE, family) of each font a document of ours may name: Word matches a font
# it lacks to a similar one by these.
_FONTS = {
    "Arial": ("020B0604020202020204", "swiss"),
    "Sylfaen": ("010A0502050306030303", "roman"),
}


def font_table(doc: DocxDocument) -> None:
    """A font table declaring exactly the fonts the documents use."""
    fonts = []
    for name in dict.fromkeys((DEFAULT_FONT, *FONTS.values())):
        panose, family = _FONTS[name]
        fonts.append(
            f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:fonts {nsdecls('w', 'r')}>{''.join(fonts)}</w:fonts>"
    ).encode()
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            doc.part.rels.pop(rel_id)
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, xml, doc.part.package)
    doc.part.relate_to(part, RT.FONT_TABLE)


def bullet_numbering(doc: DocxDocument) -> None:
    """One list definition, the bullet of the "List Bullet" style (a plain "•", which
    every font has), replacing the stock nine."""
    numbering = doc.part.numbering_part.element
    for el in [*numbering.findall(qn("w:abstractNum")), *numbering.findall(qn("w:num"))]:
        numbering.remove(el)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "0")
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    abstract.append(multi)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("start", "1"), ("numFmt", "bullet"), ("lvlText", "•"), ("lvlJc", "left")):
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:val"), value)
        lvl.append(el)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "794")  # 14 mm, the text; the bullet hangs 5 mm before it
    ind.set(qn("w:hanging"), "284")
    ppr.append(ind)
    lvl.append(ppr)
    abstract.append(lvl)
    numbering.append(abstract)
    num_id = numbering.add_num(0).numId
    style = doc.styles["List Bullet"].element.get_or_add_pPr()
    style.get_or_add_numPr().get_or_add_numId().val = num_id
    for ind_el in style.findall(qn("w:ind")):  # the list level sets the indent
        style.remove(ind_el)


# Settings that describe a past editing session, not this document.
_STALE_SETTINGS = (
    "proofState",
    "rsids",
    "shapeDefaults",
    "docId",
    "attachedTemplate",
    "savePreviewPicture",
    "mathPr",
)


def tidy_settings(doc: DocxDocument) -> None:
    """Settings without the stock template's history; Word 2013+ layout rules."""
    settings = doc.settings.element
    for el in list(settings):
        if el.tag.rsplit("}", 1)[-1] in _STALE_SETTINGS:
            settings.remove(el)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


_APP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>contractkit</Application><DocSecurity>0</DocSecurity></Properties>"
)


def app_properties(doc: DocxDocument) -> None:
    """The application properties say who wrote the file, not "Microsoft Macintosh Word"
    with a stock template's page and word counts (Word counts again when it saves)."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            package.rels.pop(rel_id)
    name = PackURI("/docProps/app.xml")
    package.relate_to(
        Part(name, CT.OFC_EXTENDED_PROPERTIES, _APP.encode(), package), RT.EXTENDED_PROPERTIES
    )
