"""The font chain inside reportlab: registration, and what each face can draw.

Every face of the chain (:mod:`contractkit.render.fonts`) is registered as a plain
reportlab ``TTFont`` in both weights, with the family mapping that lets ``<b>`` and a
``<font face=...>`` inside a bold paragraph pick the bold file. reportlab then embeds in
each PDF a subset of every font it uses, made for that document alone.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from contractkit.paths import FONTS
from contractkit.render.fonts import CHAIN


@cache
def register() -> None:
    """Register the chain with reportlab once per process."""
    # a documented reportlab setting (rl_settings.py): font streams as binary, not
    # ASCII85 text, which is a quarter smaller and faster to write
    rl_config.useA85 = 0
    for face in CHAIN:
        pdfmetrics.registerFont(TTFont(face.name, str(FONTS / face.regular_file)))
        pdfmetrics.registerFont(TTFont(face.bold, str(FONTS / face.bold_file)))
        addMapping(face.name, 0, 0, face.name)
        addMapping(face.name, 1, 0, face.bold)
        addMapping(face.name, 0, 1, face.name)
        addMapping(face.name, 1, 1, face.bold)


def measure_coverage() -> dict[str, list[tuple[int, int]]]:
    """Code points each face draws in both weights, as ranges (for ``coverage.json``).

    ``charToGlyph`` is the character map reportlab reads from each TrueType file (a
    plain attribute of its font face; fontTools, which would read the same table, is not
    a dependency)."""
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
