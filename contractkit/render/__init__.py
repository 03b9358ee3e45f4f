"""Renderers: one module per output format, each consuming a neutral Document."""

from __future__ import annotations

import unicodedata


def caps(text: str) -> str:
    """Upper-case a label for display, leaving scripts that have no such convention.

    Why: Georgian is written without capitals; ``str.upper`` would turn it into Mtavruli
    (U+1C90…), which Georgian documents don't use and our fonts don't draw.
    """
    return "".join(
        ch if unicodedata.name(ch, "").startswith("GEORGIAN") else ch.upper() for ch in text
    )
