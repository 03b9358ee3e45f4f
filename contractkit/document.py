"""The neutral document that every renderer consumes.

Why: assembling (which clause, which number, which words) and rendering (DOCX, PDF, text)
are separate jobs. Text here is plain text, never markup: each renderer escapes it at its
own border, so user input can never become markup or template code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# "sender", "recipient" and "date" are a letter's head: the sender's block and the date
# are set flush right, the recipient's block flush left.
ParagraphStyle = Literal[
    "body", "lead", "small", "subject", "signoff", "sender", "recipient", "date"
]


@dataclass(frozen=True)
class Heading:
    text: str
    number: str | None = None
    kind: Literal["heading"] = "heading"

    @property
    def label(self) -> str:
        """As printed: "4. Deposit"."""
        return f"{self.number}. {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``\\n`` inside ``text`` is a line break, not a new paragraph."""

    text: str
    number: str | None = None
    style: ParagraphStyle = "body"
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: Literal["bullets"] = "bullets"


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``numeric`` columns are right-aligned."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    total: tuple[str, ...] | None = None
    widths: tuple[float, ...] | None = None  # relative column widths
    kind: Literal["table"] = "table"


@dataclass(frozen=True)
class Party:
    role: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Parties:
    """Side-by-side blocks naming each party (contract) or sender/recipient (letter)."""

    parties: tuple[Party, ...]
    kind: Literal["parties"] = "parties"


@dataclass(frozen=True)
class Signatures:
    """Signature lines kept together on one page."""

    heading: str
    parties: tuple[Party, ...]
    signature_label: str
    date_label: str
    kind: Literal["signatures"] = "signatures"


Block = Heading | Paragraph | Bullets | Table | Parties | Signatures


@dataclass(frozen=True)
class Document:
    title: str
    language: str
    author: str
    created: date
    page_size: Literal["A4", "Letter"]
    page_label: str  # e.g. "Page {page} of {pages}"
    blocks: tuple[Block, ...]
    subtitle: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    # A letter has no title block or running footer text: its head is in its blocks.
    kind: Literal["contract", "letter"] = "contract"
    title_joiner: str = " — "  # the language's own dash between title and subject

    @property
    def full_title(self) -> str:
        """Title and subject, as the running footer and file metadata show them."""
        return f"{self.title}{self.title_joiner}{self.subject}" if self.subject else self.title

    def texts(self) -> Iterator[str]:
        """Every piece of text the document shows, page furniture included."""
        yield from (self.title, self.subtitle, self.subject, self.page_label, self.full_title)
        for block in self.blocks:
            if isinstance(block, Heading):
                yield block.label
            elif isinstance(block, Paragraph):
                yield block.text
                yield block.number or ""
            elif isinstance(block, Bullets):
                yield from block.items
            elif isinstance(block, Table):
                yield from block.header
                for row in (*block.rows, block.total or ()):
                    yield from row
            else:
                if isinstance(block, Signatures):
                    yield from (block.heading, block.signature_label, block.date_label)
                for party in block.parties:
                    yield party.role
                    yield from party.lines
