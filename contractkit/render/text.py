"""Document → plain text, wrapped for e-mail and terminals.

Why: a letter is often sent as the body of an e-mail, and a ``.txt`` copy is the easiest
thing to paste into any mail client or message. Plain text needs no escaping; lines are
wrapped at 72 columns (the e-mail convention) and explicit line breaks are kept.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from contractkit import document as doc
from contractkit.render import caps

WIDTH = 72


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if not line.strip():
            out.append("")
            continue
        lead = first if (first is not None and i == 0) else indent
        out += textwrap.wrap(
            line,
            WIDTH,
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return out


def _table(t: doc.Table) -> list[str]:
    rows = [t.header, *t.rows, *([t.total] if t.total else [])]
    widths = [max(len(r[i]) for r in rows) for i in range(len(t.header))]
    lines = []
    for r in rows:
        cells = [
            r[i].rjust(widths[i]) if i in t.numeric else r[i].ljust(widths[i])
            for i in range(len(r))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def render_blocks(blocks: Iterable[doc.Block]) -> str:
    """Blocks as text, separated by blank lines."""
    chunks: list[list[str]] = []
    for block in map(doc.plain_block, blocks):  # references as plain numbers
        if isinstance(block, doc.Heading):
            text = block.label
            chunks.append([caps(text)])
        elif isinstance(block, doc.Paragraph):
            if block.number:
                lead = f"{block.number} "
                chunks.append(_wrap(block.text, " " * len(lead), lead))
            else:
                chunks.append(_wrap(block.text))
        elif isinstance(block, doc.Bullets):
            chunks.append([line for item in block.items for line in _wrap(item, "  ", "- ")])
        elif isinstance(block, doc.Table):
            chunks.append(_table(block))
        elif isinstance(block, doc.Parties | doc.Signatures):
            for party in block.parties:
                chunks.append([caps(party.role), *party.lines])
    return "\n\n".join("\n".join(c) for c in chunks if c) + "\n"


def render_text(d: doc.Document) -> bytes:
    """The whole document as UTF-8 text; a contract gets its title on top."""
    head: list[doc.Block] = []
    if d.kind == "contract":
        head.append(doc.Heading(d.title))
        if d.subtitle:
            head.append(doc.Paragraph(d.subtitle))
    return render_blocks([*head, *d.blocks]).encode("utf-8")
