"""Renderers: one module per output format, each consuming a neutral Document."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractkit.document import Document

FORMATS = ("pdf", "docx", "txt")


def render(document: Document, fmt: str, template: Path | None = None) -> bytes:
    """One document in one format. Renderers are imported here, on first use, so a
    process that never writes a PDF never imports reportlab."""
    if fmt == "pdf":
        from contractkit.render.pdf import render_pdf

        return render_pdf(document)
    if fmt == "docx":
        from contractkit.render.docx import render_docx

        return render_docx(document, template)
    if fmt == "txt":
        from contractkit.render.text import render_text

        return render_text(document)
    raise ValueError(f"unknown format {fmt!r}")


def caps(text: str) -> str:
    """Upper-case a label for display, leaving scripts that have no such convention.

    Why: Georgian is written without capitals; ``str.upper`` would turn it into Mtavruli
    (U+1C90…), which Georgian documents don't use and our fonts don't draw.
    """
    return "".join(
        ch if unicodedata.name(ch, "").startswith("GEORGIAN") else ch.upper() for ch in text
    )
