"""The neutral document that every renderer consumes.

Why: assembling (which clause, which number, which words) and rendering (DOCX, PDF, text)
are separate jobs. Text here is plain text, never markup: each renderer escapes it at its
own border, so user input can never become markup or template code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Literal

# A cross-reference to a clause, inside a text: REF_OPEN + the clause id + REF_MID + its
# number + REF_CLOSE (private-use characters, which no language's text uses). Why a marker
# in the text: clause texts are Jinja templates that write "clause {{ n('ip') }}", and the
# DOCX renderer turns the marker into a field Word renumbers (a REF to the clause's
# bookmark); every other renderer prints the number through :func:`plain`.
REF_OPEN, REF_MID, REF_CLOSE = "\ue000", "\ue001", "\ue002"
_REF = re.compile(f"{REF_OPEN}([a-z0-9-]+){REF_MID}([0-9.]+){REF_CLOSE}")


def reference(anchor: str, number: str) -> str:
    """The marker for a reference to the heading whose ``anchor`` is given."""
    return f"{REF_OPEN}{anchor}{REF_MID}{number}{REF_CLOSE}"


def plain(text: str) -> str:
    """``text`` with each reference marker replaced by the number it shows."""
    return _REF.sub(r"\2", text) if REF_OPEN in text else text


def pieces(text: str) -> Iterator[tuple[str, str | None]]:
    """``text`` split into (text, anchor) pieces: ``anchor`` is None for plain text, the
    referenced heading's anchor for a reference (whose text is its number)."""
    at = 0
    for m in _REF.finditer(text):
        if m.start() > at:
            yield text[at : m.start()], None
        yield m.group(2), m.group(1)
        at = m.end()
    if at < len(text):
        yield text[at:], None


def with_references(text: str, change: Callable[[str], str]) -> str:
    """``change`` (a rewrite of plain text, such as typography's non-breaking spaces)
    applied to ``text`` as it reads, references as their numbers, and the references
    kept: a rule like «7.␣pontja» → «7.⍽pontja» sees the number it needs.

    A change that keeps the length maps back character by character; any other is
    applied to the text between references only.
    """
    if REF_OPEN not in text:
        return change(text)
    where: list[int] = []  # the index in ``text`` of each character of the plain text
    at = 0
    for m in _REF.finditer(text):
        where += range(at, m.start())
        where += range(m.start(2), m.end(2))
        at = m.end()
    where += range(at, len(text))
    before = plain(text)
    after = change(before)
    if len(after) != len(before):
        return "".join(p if a else change(p) for p, a in _raw_pieces(text))
    out = list(text)
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if old != new:
            out[where[i]] = new
    return "".join(out)


def _raw_pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` in pieces, each reference marker whole (True) or the text between."""
    at = 0
    for m in _REF.finditer(text):
        yield text[at : m.start()], False
        yield m.group(0), True
        at = m.end()
    yield text[at:], False


def _plain_value(value: Any) -> Any:
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, tuple):
        return tuple(_plain_value(v) for v in value)
    if isinstance(value, Party):
        return Party(plain(value.role), _plain_value(value.lines))
    return value


def plain_block(block: Block) -> Block:
    """``block`` with its references printed as plain numbers."""
    changes = {f.name: _plain_value(getattr(block, f.name)) for f in fields(block)}
    return replace(block, **changes)


# "sender", "recipient" and "date" are a letter's head: the sender's block and the date
# are set flush right, the recipient's block flush left.
ParagraphStyle = Literal[
    "body", "lead", "small", "subject", "signoff", "sender", "recipient", "date"
]


@dataclass(frozen=True)
class Heading:
    text: str
    number: str | None = None
    anchor: str | None = None  # what references to this heading name (a clause id)
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
class Branding:
    """The freelancer's logo (PNG or JPEG bytes) and accent colour (``#RRGGBB``), from
    their profile; renderers place the logo at the head of the first page and colour
    the title and headings with the accent."""

    logo: bytes | None = field(default=None, repr=False)  # up to 2 MB: kept out of repr()
    logo_kind: Literal["png", "jpeg"] = "png"
    accent: str | None = None


NO_BRAND = Branding()

LANGUAGE_TAGS = {"en": "en-GB", "pl": "pl-PL", "sv": "sv-SE", "hu": "hu-HU", "ka": "ka-GE"}


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
    # BCP 47 tag for spelling and hyphenation ("en-US" for a US contract); empty: the
    # language's usual country (:data:`LANGUAGE_TAGS`)
    locale: str = ""
    brand: Branding = NO_BRAND

    @property
    def language_tag(self) -> str:
        return self.locale or LANGUAGE_TAGS.get(self.language, self.language)

    def plain(self) -> Document:
        """This document with every reference printed as its plain number: what every
        renderer but the DOCX's shows."""
        return replace(
            self,
            title=plain(self.title),
            subtitle=plain(self.subtitle),
            subject=plain(self.subject),
            blocks=tuple(plain_block(b) for b in self.blocks),
        )

    @property
    def full_title(self) -> str:
        """Title and subject, as the running footer and file metadata show them."""
        return f"{self.title}{self.title_joiner}{self.subject}" if self.subject else self.title

    def texts(self) -> Iterator[str]:
        """Every piece of text the document shows, page furniture included; references
        as the numbers they show."""
        yield from map(plain, self._texts())

    def _texts(self) -> Iterator[str]:
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
