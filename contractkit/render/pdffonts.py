"""The font chain inside reportlab: registration, and one font subset per character set.

Why: reportlab embeds, in every PDF, a subset of each font holding the glyphs that PDF
uses, numbered in the order the characters first appear. Cutting that subset out of the
TrueType file and compressing it costs about a fifth of a letter's rendering, and a build
makes dozens of PDFs with nearly the same characters. Here each document's characters are
numbered in code-point order before anything is drawn (so the same character set always
gives the same subset), and each font keeps what it has already made for a subset: the
compressed font program, the width table and the character map. Output stays the same
for the same input, whatever else the process rendered before.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from contractkit.paths import FONTS
from contractkit.render.fonts import CHAIN, face_index

# Distinct subsets kept per face: a batch in five languages with varied names stays in,
# and memory stays bounded (a subset is tens of kilobytes).
_KEEP = 32


class _SubsetCachingFace(TTFontFace):  # type: ignore[misc]
    """A TrueType face that makes each distinct subset, and compresses it, only once.

    ``makeSubset`` depends only on the face and the list of characters, so remembering
    it changes no byte of output. The compressed stream is handed to reportlab with its
    filter already named, which reportlab's stream writer takes as done.
    """

    _subsets: dict[tuple[int, ...], tuple[bytes, bytes]]

    def _made(self, subset: Iterable[int]) -> tuple[bytes, bytes]:
        key = tuple(subset)
        made = self._subsets.get(key)
        if made is None:
            if len(self._subsets) >= _KEEP:
                self._subsets.pop(next(iter(self._subsets)))
            raw = super().makeSubset(list(key))
            made = self._subsets[key] = (raw, zlib.compress(raw))
        return made

    def makeSubset(self, subset: list[int]) -> bytes:
        return self._made(subset)[0]

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if doc.compression:
            _compressed(stream, self._made(subset)[1])
        return ref


def _compressed(stream: Any, data: bytes) -> None:
    """Give a reportlab stream its content already deflated; a stream whose filter is
    named is written as is."""
    stream.content = data
    stream.filters = None
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])


class _Formatted(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF value already written out (a subset's width table), copied as is."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _SubsetCachingFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose per-subset PDF objects are written once per subset.

    Why: besides the font program, each subset carries a width table (a few hundred
    numbers, each formatted by reportlab in Python) and a compressed character map;
    together about a fifth of a letter's rendering. Both depend only on the subset and
    its name, so they are kept and handed back; the output bytes are the same.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, str(FONTS / filename))
        # reportlab builds the face itself; re-classing it adds the subset cache above
        # without parsing the 750 KB font file a second time
        self.face.__class__ = _SubsetCachingFace
        self.face._subsets = {}
        self._objects: dict[tuple[str, tuple[int, ...]], tuple[_Formatted, bytes]] = {}

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [tuple(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        if state is None or not doc.compression:
            return
        fonts = doc.idToObject["BasicFonts"].dict
        for n, subset in enumerate(subsets):
            pdf_font = fonts[f"{state.internalName}+{n}"]
            widths, cmap = self._made(pdf_font, subset, doc)
            pdf_font.Widths = widths
            _compressed(doc.idToObject[f"toUnicodeCMap:{pdf_font.BaseFont}"], cmap)

    def _made(self, pdf_font: Any, subset: tuple[int, ...], doc: Any) -> tuple[_Formatted, bytes]:
        key = (pdf_font.BaseFont, subset)
        made = self._objects.get(key)
        if made is None:
            if len(self._objects) >= _KEEP:
                self._objects.pop(next(iter(self._objects)))
            stream = doc.idToObject[f"toUnicodeCMap:{pdf_font.BaseFont}"]
            cmap = (
                stream.content.encode("utf-8")
                if isinstance(stream.content, str)
                else stream.content
            )
            made = self._objects[key] = (
                _Formatted(pdf_font.Widths.format(doc)),
                zlib.compress(cmap),
            )
        return made


@cache
def register() -> None:
    """Register the chain with reportlab once per process."""
    rl_config.useA85 = 0  # embed font streams as binary: smaller and faster than ASCII85
    for face in CHAIN:
        pdfmetrics.registerFont(_SubsetCachingFont(face.name, face.regular_file))
        pdfmetrics.registerFont(_SubsetCachingFont(face.bold, face.bold_file))
        addMapping(face.name, 0, 0, face.name)
        addMapping(face.name, 1, 0, face.bold)
        addMapping(face.name, 0, 1, face.name)
        addMapping(face.name, 1, 1, face.bold)


def number_glyphs(pdf: Any, texts: Iterable[str]) -> None:
    """Give every character of ``texts`` its subset code in code-point order.

    Why: reportlab numbers characters as the text first uses them, so two letters with
    the same characters in a different order would get different subsets. Numbered up
    front in a fixed order, the same character set yields the same subset bytes, which
    :class:`_SubsetCachingFace` then makes only once. ASCII is numbered by reportlab
    itself, and each face is given only the characters the fallback chain sets in it.
    """
    chars = sorted(ch for ch in set("".join(texts)) if ord(ch) > 126)
    for index, face in enumerate(CHAIN):
        mine = "".join(ch for ch in chars if face_index(ch) == index)
        if mine:
            for name in (face.name, face.bold):
                pdfmetrics.getFont(name).splitString(mine, pdf)


def measure_coverage() -> dict[str, list[tuple[int, int]]]:
    """Code points each face draws in both weights, as ranges (for ``coverage.json``)."""
    register()
    out = {}
    for face in CHAIN:
        points = sorted(
            set(pdfmetrics.getFont(face.name).face.charToGlyph)
            & set(pdfmetrics.getFont(face.bold).face.charToGlyph)
        )
        ranges: list[tuple[int, int]] = []
        for cp in points:
            if ranges and cp == ranges[-1][1] + 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
        out[face.name] = ranges
    return out
