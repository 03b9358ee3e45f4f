"""Plain text → reportlab paragraph markup that reads back as exactly that text.

Why: reportlab's ``Paragraph`` reads an HTML-like markup, and user text must never be
read as markup (``<img src=...>`` would read local files, ``<b>`` would turn bold). So
``&``, ``<`` and ``>`` are escaped, and the only tags are ours: a ``<font>`` around each run
that needs a fallback face of the chain (:func:`contractkit.render.fonts.runs`), and a
``<br/>`` for each line break. One pass over the text: linear in its length.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from contractkit.render import fonts


def markup(text: str, bold: bool = False) -> str:
    """``text`` as reportlab paragraph markup; ``bold`` when the style's font is bold (a
    fallback run then takes its face's bold file)."""
    out: list[str] = []
    for idx, run in fonts.runs(text):
        body = escape(run).replace("\n", "<br/>")
        if idx == 0:
            out.append(body)
        else:
            face = fonts.CHAIN[idx]
            out.append(f'<font face="{face.bold if bold else face.name}">{body}</font>')
    return "".join(out)


def paragraph(text: str, style: ParagraphStyle, **kw: object) -> Paragraph:
    """A reportlab paragraph showing ``text`` as it is, in ``style``."""
    return Paragraph(markup(text, style.fontName.endswith("Bold")), style, **kw)
