"""Plain text → reportlab paragraph markup that reads back as exactly that text.

Why: reportlab's ``Paragraph`` reads an HTML-like markup, and user text must never be
read as markup (``<img src=...>`` would read local files, ``<b>`` would turn bold). So
``&``, ``<`` and ``>`` are escaped, and the only tags are ours: a ``<font>`` around each run
that needs a fallback face of the chain (:func:`contractkit.render.fonts.runs`), and a
``<br/>`` for each line break, and an ``<a href="mailto:...">`` around each e-mail address
(its target percent-encoded, so no character of it can end the attribute). One pass over
the text: linear in its length.
"""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from contractkit.render import fonts

# An e-mail address, as the typography leaves it (contractkit.library.typography).
EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")


def markup(text: str, bold: bool = False) -> str:
    """``text`` as reportlab paragraph markup; ``bold`` when the style's font is bold (a
    fallback run then takes its face's bold file). E-mail addresses become links."""
    if "@" not in text:
        return _runs(text, bold)
    out: list[str] = []
    at = 0
    for m in EMAIL.finditer(text):
        href = quoteattr("mailto:" + quote(m.group(), safe="@.+-_"))
        out += [_runs(text[at : m.start()], bold), f"<a href={href}>{_runs(m.group(), bold)}</a>"]
        at = m.end()
    out.append(_runs(text[at:], bold))
    return "".join(out)


def _runs(text: str, bold: bool) -> str:
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


PIECE = 2_000
"""Characters of one paragraph laid out at a time (a page holds about 5,000).

Why: reportlab lays a paragraph that runs over a page out again, whole, for each page it
reaches, so a description of 160,000 words took minutes (time grows with the square of
its length). Laid out in pieces of at most this size, it grows in proportion."""

_SENTENCE_END = (". ", "! ", "? ", "; ")


def pieces(text: str, limit: int = PIECE) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``limit`` characters, that
    join back to it exactly: after a line break where there is one, else after the end
    of a sentence, else at a space; a single word longer than ``limit`` stays whole."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1
        if cut <= 0:
            cut = max(window.rfind(end) for end in _SENTENCE_END) + 2
        if cut <= 1:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            found = text.find(" ", start + limit)
            cut = (found + 1 - start) if found >= 0 else len(text) - start
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out
