"""Plain text → reportlab paragraph fragments, with no markup parser in between.

Why: reportlab's ``Paragraph`` reads an HTML-like markup. Handing it user text would
mean escaping every ``<`` and ``&`` and trusting the escape (``<img src=...>`` reads local
files); parsing that markup back was also a tenth of a PDF's rendering time. Here the
fragments the parser would have made are built directly: the text is never read as
markup at all. Each run of characters is set in the first face of the chain that draws
them, and line breaks become reportlab's break fragments.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import (  # the whitespace rules its parser applies
    _wsc,
    _wsc_re_split,
    lstrip,
    rstrip,
    strip,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

from contractkit.render import fonts

_BREAK = None  # a piece that is a line break, where the text would be


@cache
def _prototypes(style: ParagraphStyle) -> list[tuple[Any, Any]]:
    """Per face of the chain, the text fragment and the line-break fragment that
    reportlab's own parser makes in ``style`` (from fixed markup of ours, once)."""
    bold = style.fontName.endswith("Bold")
    faces = "".join(
        f'<font face="{face.bold if bold else face.name}">x<br/></font>' for face in fonts.CHAIN[1:]
    )
    _, made, _ = ParaParser().parse(f"x<br/>{faces}", style)
    return [(made[i], made[i + 1]) for i in range(0, len(made), 2)]


def _pieces(text: str) -> list[tuple[int, str | None]]:
    """(face index, text or _BREAK) in order, whitespace cleaned as reportlab cleans it.

    reportlab cleans the whole marked-up line, tags included: it strips its whitespace
    set from both ends, then splits into words (on its own set if the line holds a
    no-break space, else on Python's) and joins them with single spaces.
    """
    nbsp = "\xa0" in text
    pieces: list[tuple[int, str | None]] = []
    for idx, run in fonts.runs(text):
        for n, line in enumerate(run.split("\n")):
            if n:
                pieces.append((idx, _BREAK))
            if line:
                pieces.append((idx, line))
    # The ends lose their whitespace, and a piece left blank goes; but not inside a
    # fallback face, where reportlab sees a <font> tag at the very end.
    for end in (0, -1):
        while pieces and _untagged_text(pieces[end]) and not strip(pieces[end][1]):
            pieces.pop(end)
        if pieces and _untagged_text(pieces[end]):
            idx, piece = pieces[end]
            assert piece is not None
            pieces[end] = (idx, lstrip(piece) if end == 0 else rstrip(piece))
    return [(idx, p if p is _BREAK else _collapse(p, nbsp)) for idx, p in pieces]


def _untagged_text(piece: tuple[int, str | None]) -> bool:
    return piece[0] == 0 and piece[1] is not _BREAK


def _collapse(piece: str, nbsp: bool) -> str:
    """Runs of whitespace as one space, one kept at either end (where a tag follows)."""

    def separates(ch: str) -> bool:
        return ch in _wsc if nbsp else ch.isspace()

    words = [w for w in (_wsc_re_split(piece) if nbsp else piece.split()) if w]
    if not words:
        return " "
    head = " " if separates(piece[0]) else ""
    tail = " " if separates(piece[-1]) else ""
    return head + " ".join(words) + tail


def fragments(text: str, style: ParagraphStyle) -> list[Any]:
    """The fragments of ``text`` in ``style``, as ``Paragraph(frags=...)`` takes them."""
    protos = _prototypes(style)
    out = [
        protos[idx][1].clone() if piece is _BREAK else protos[idx][0].clone(text=piece)
        for idx, piece in _pieces(text)
    ]
    textTransformFrags(out, style)
    return out
