"""A chain of bundled fonts and per-character fallback.

Why: no single free font draws everything our users type. DejaVu Sans covers Latin with
Polish, Hungarian and Swedish letters, and Georgian script, but lacks the lari sign ₾,
which our Noto Sans subset has. Text is split into runs, each set in the first font of
the chain that has its glyphs; a character no font has is refused up front with the
field it came from, never drawn as a box.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from contractkit.errors import GlyphError
from contractkit.paths import FONTS


@dataclass(frozen=True)
class Face:
    name: str  # reportlab font name of the regular weight
    bold: str  # reportlab font name of the bold weight
    family: str  # human name
    regular_file: str
    bold_file: str


CHAIN = (
    Face("DejaVuSans", "DejaVuSans-Bold", "DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    Face(
        "NotoSansCurrency",
        "NotoSansCurrency-Bold",
        "Noto Sans",
        "NotoSansCurrency-Regular.ttf",
        "NotoSansCurrency-Bold.ttf",
    ),
)
# Characters the renderers treat as layout, never as glyphs.
LAYOUT = frozenset("\n\t")


COVERAGE_FILE = FONTS / "coverage.json"


@cache
def coverage() -> tuple[frozenset[int], ...]:
    """Code points each face of the chain can draw (regular and bold both).

    Why a data file: checking a job's characters must not cost parsing four TrueType
    files (and importing reportlab) before any rendering starts. ``coverage.json`` is
    generated from the fonts by ``scripts/font_coverage.py`` and a test keeps it in step.
    """
    data = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    return tuple(
        frozenset(cp for lo, hi in data[face.name] for cp in range(lo, hi + 1)) for face in CHAIN
    )


# Beyond the Basic Multilingual Plane (emoji, historic scripts) reportlab draws the
# glyph but writes a 16-bit text mapping, so the PDF's copy, search and extracted text
# would show a different character. Such characters are refused for the PDF.
LAST_FAITHFUL = 0xFFFF


def face_index(ch: str) -> int | None:
    """Index in the chain of the first face that draws ``ch``; None if none does."""
    cp = ord(ch)
    if cp > LAST_FAITHFUL:
        return None
    for i, cover in enumerate(coverage()):
        if cp in cover:
            return i
    return None


@cache
def _primary() -> frozenset[str]:
    """Characters the first face draws, with layout characters: almost all text."""
    return frozenset(map(chr, coverage()[0])) | LAYOUT


def runs(text: str) -> Iterator[tuple[int, str]]:
    """Split text into (face index, substring) runs; layout characters join any run."""
    if _primary().issuperset(text):  # the usual case, checked at C speed
        yield 0, text
        return
    current: int | None = None
    buf: list[str] = []
    for ch in text:
        idx = 0 if ch in LAYOUT else face_index(ch)
        if idx is None:
            raise GlyphError(f"cannot draw {describe(ch)} with the bundled fonts")
        if ch in LAYOUT:
            idx = current if current is not None else 0
        if idx != current and buf:
            yield current or 0, "".join(buf)
            buf = []
        current = idx
        buf.append(ch)
    if buf:
        yield current or 0, "".join(buf)


def describe(ch: str) -> str:
    name = unicodedata.name(ch, "unnamed character")
    return f"{ch!r} (U+{ord(ch):04X} {name})"


def missing(text: str) -> list[str]:
    """Characters of ``text`` that no face can draw, in order, without repeats."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in LAYOUT and ch not in seen and face_index(ch) is None:
            seen[ch] = None
    return list(seen)


def right_to_left(text: str) -> str | None:
    """The first right-to-left letter in ``text`` (Hebrew, Arabic...), if any.

    Why: reportlab draws glyphs in logical order without bidi reordering or Arabic
    shaping, so such text would come out reversed. Word lays it out correctly, so only
    the PDF refuses it.
    """
    return next((ch for ch in text if unicodedata.bidirectional(ch) in ("R", "AL")), None)


def check_fields(fields: Iterable[tuple[str, str]]) -> None:
    """Raise one :class:`GlyphError` listing every field the PDF cannot draw faithfully."""
    problems = []
    for path, text in fields:
        problems += [
            f"{path}: {describe(ch)} has no glyph in the bundled fonts "
            f"({', '.join(f.family for f in CHAIN)}); remove or replace it"
            if ord(ch) <= LAST_FAITHFUL
            else f"{path}: {describe(ch)} (an emoji or rare character) cannot be put in the "
            "PDF faithfully: its text would read as another character; remove it, or build "
            "only the DOCX (--format docx)"
            for ch in missing(text)
        ]
        rtl = right_to_left(text)
        if rtl:
            problems.append(
                f"{path}: {describe(rtl)} is right-to-left script, which the PDF cannot lay "
                "out yet; use a Latin transliteration, or build only the DOCX (--format docx)"
            )
    if problems:
        raise GlyphError("some characters cannot be drawn in the PDF:", problems)
