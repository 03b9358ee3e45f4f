"""Characters the document's font lacks, set in a bundled font embedded in the DOCX.

Why: the lari sign ₾ is in neither Arial nor Sylfaen of many Word installations, nor in
the fonts LibreOffice finds on a plain Linux; without help it shows as a box. The PDF
renderer sets such characters in our Noto Sans subset (:mod:`fonts`); the DOCX does the
same — runs of those characters name that font, and the font travels inside the file
(Word's embedded fonts, obfuscated as the format prescribes), for Word and LibreOffice.
Only a document that has such a character carries the font (14 kB a weight).
"""

from __future__ import annotations

import hashlib
import uuid
from copy import deepcopy
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from contractkit.paths import FONTS
from contractkit.render import fonts

_OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _face(ch: str) -> int:
    """The face that draws ``ch``: the first (the document's own font) unless only a
    later one has it (a character no face has is left to the reader's fonts)."""
    return 0 if ch in fonts.LAYOUT else fonts.face_index(ch) or 0


def _pieces(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for ch in text:
        face = _face(ch)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return out


def embed_fallbacks(document: DocxDocument) -> None:
    """Set each run of characters the first face lacks in the face that has them, and
    embed the faces used."""
    used: set[int] = set()
    for r in list(document.element.body.iter(qn("w:r"))):
        if any(_face(ch) for t in r.iter(qn("w:t")) for ch in t.text or ""):
            used |= _split(r)
    for face in sorted(used):
        _embed(document, fonts.CHAIN[face])


def _split(r: Any) -> set[int]:
    """The run ``r`` as runs of one face each; the faces other than the first used."""
    rpr = r.find(qn("w:rPr"))
    faces = set()
    for child in list(r):
        if child.tag == qn("w:rPr"):
            continue
        if child.tag != qn("w:t"):
            r.addprevious(_run(rpr, 0, child))
            continue
        for face, piece in _pieces(child.text or ""):
            t = OxmlElement("w:t")
            t.text = piece
            t.set(_SPACE, "preserve")
            r.addprevious(_run(rpr, face, t))
            faces.add(face)
    r.getparent().remove(r)
    return faces - {0}


def _run(rpr: Any, face: int, child: Any) -> Any:
    """A run holding ``child``, with ``rpr``, set in ``face`` unless it is the first."""
    new = OxmlElement("w:r")
    new_rpr = deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    if face:
        for old in new_rpr.findall(qn("w:rFonts")):
            new_rpr.remove(old)
        names = OxmlElement("w:rFonts")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            names.set(qn(f"w:{slot}"), fonts.CHAIN[face].family)
        new_rpr.insert(0, names)
    if len(new_rpr):
        new.append(new_rpr)
    new.append(child)
    return new


def _font_table(document: DocxDocument) -> Any:
    """The font table as an XML part we can add to (ours is stored as plain bytes)."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            if isinstance(part, XmlPart):
                return part
            document.part.rels.pop(rel_id)
            table = XmlPart.load(part.partname, part.content_type, part.blob, part.package)
            document.part.relate_to(table, RT.FONT_TABLE)
            return table
    raise RuntimeError("the default template has no font table")


def _obfuscated(data: bytes, key: str) -> bytes:
    """The font as Word stores it: its first 32 bytes XORed with the key's 16 bytes
    (the GUID's hex digits read from the end), twice over."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ secret[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _embed(document: DocxDocument, face: fonts.Face) -> None:
    table = _font_table(document)
    font = OxmlElement("w:font")
    font.set(qn("w:name"), face.family)
    for tag, file in (("embedRegular", face.regular_file), ("embedBold", face.bold_file)):
        data = (FONTS / file).read_bytes()
        # a key derived from the font: the same document gives the same bytes
        key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
        name = PackURI(f"/word/fonts/{file.rsplit('.', 1)[0]}.odttf")
        part = Part(name, _OBFUSCATED, _obfuscated(data, key), document.part.package)
        embed = OxmlElement(f"w:{tag}")
        embed.set(qn("r:id"), table.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), key)
        font.append(embed)
    table.element.append(font)
