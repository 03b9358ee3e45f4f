"""Renderers: one module per output format, each consuming a neutral Document."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractkit.document import Document

FORMATS = ("pdf", "docx", "txt")


def render(document: Document, fmt: str, template: Path | None = None, glyphs: str = "") -> bytes:
    """One document in one format. Renderers are imported here, on first use, so a
    process that never writes a PDF never imports reportlab.

    ``glyphs``: characters the other documents of the same package use (see
    :func:`package_glyphs`); a PDF embeds them too, so the whole package shares one
    font subset."""
    if fmt == "pdf":
        from contractkit.render.pdf import render_pdf

        return render_pdf(document, glyphs)
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


def drawn_texts(d: Document) -> Iterator[str]:
    """The document's text as the renderers draw it (party roles in capitals)."""
    from contractkit.document import Parties, Signatures

    yield from d.texts()
    if d.kind == "contract":
        yield "…"  # the running footer shortens a long title with it
    for block in d.blocks:
        if isinstance(block, Parties | Signatures):
            yield from (caps(p.role) for p in block.parties)


def package_glyphs(documents: Iterable[Document]) -> str:
    """The characters beyond ASCII that any of ``documents`` draws, in code-point order.

    Why: a contract and its letters use almost the same characters; given the union,
    every PDF of the package carries the same font subset, which is then made once.
    """
    return "".join(sorted({ch for d in documents for ch in "".join(drawn_texts(d)) if ch > "~"}))
