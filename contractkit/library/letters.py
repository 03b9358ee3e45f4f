"""The letter files: front matter that says what each letter is for, and its blocks.

Why: a letter's title, channel and timing are read by the timeline as well as the
assembler; both ask here, so neither depends on the other. A country's variant
(``clauses/en-US/letters/``, see :mod:`contractkit.library.variants`) may reword a letter
but not change its front matter's role, so the timeline, which reads the base language's
letters, plans the same letters the assembler renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from contractkit.errors import ContractkitError, LibraryError
from contractkit.job.facts import Facts
from contractkit.library.clauses import Block, parse_blocks, parse_file
from contractkit.library.variants import library_files
from contractkit.paths import library_root

Phase = Literal["negotiating", "mid-project", "payment", "termination"]
LetterChannel = Literal["email", "phone", "registered-post", "email+registered-post"]
KINDS = (
    "follow-up",
    "closing-the-loop",
    "feedback-chase",
    "work-paused",
    "kill-fee",
    "payment-reminder",
    "overdue-30",
    "overdue-60",
    "overdue-90",
    "final-notice",
    "termination",
    "termination-non-payment",
)


class LetterMeta(BaseModel):
    """A letter's front matter: what it is for and which facts it cannot do without."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    order: int
    phase: Phase
    purpose: str = Field(min_length=1, description="When to use it (`contractkit letters`)")
    subject: str = Field(min_length=1, description="Jinja template of the subject line")
    needs: tuple[str, ...] = Field(default=(), description="Facts the letter requires")
    formal: bool = Field(False, description="A formal notice: the .eml attaches the PDF")
    channel: LetterChannel = "email"
    deadline_days: int = Field(10, ge=1, description="Default business days to reply or pay")
    computes: tuple[Literal["late", "kill", "ending"], ...] = Field(
        default=(),
        description="Derived figures the letter shows: late fee, kill fee, what is owed "
        "both ways when the agreement ends",
    )
    delivery: bool = Field(
        False, description="A formal notice that says it was sent by email and registered post"
    )

    @field_validator("needs")
    @classmethod
    def _known_facts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [n for n in v if n not in Facts.model_fields]
        if unknown:
            raise ValueError(f"unknown facts {unknown}; known: {', '.join(Facts.model_fields)}")
        return v


@dataclass(frozen=True)
class Letter:
    meta: LetterMeta
    blocks: tuple[Block, ...]
    path: Path


@cache
def letter_library(
    language: str, root: Path | None = None, country: str | None = None
) -> tuple[Letter, ...]:
    """All letters of a language, in order; with ``country``, the country's variant files
    (``clauses/en-US/letters/``) replace the language's own where present."""
    base = (root or library_root()) / language / "letters"
    if not base.is_dir():
        raise LibraryError(f"{base}: no letters for language {language!r}")
    letters = []
    for path in library_files(language, "letters", country, root):
        meta, body = parse_file(path, LetterMeta)
        if path != base / path.name:
            _same_role(meta, parse_file(base / path.name, LetterMeta)[0], path)
        letters.append(Letter(meta=meta, blocks=parse_blocks(body), path=path))
    missing = sorted(set(KINDS) - {x.meta.id for x in letters})
    if missing:
        raise LibraryError(f"{base}: letters missing: {', '.join(missing)}")
    return tuple(sorted(letters, key=lambda x: (x.meta.order, x.meta.id)))


# What a variant letter may not change: when it is sent, what it needs and computes, and
# how it goes out. Its title, purpose, subject and text are its own.
FIXED = ("order", "phase", "needs", "formal", "channel", "deadline_days", "computes", "delivery")


def _same_role(meta: LetterMeta, base: LetterMeta, path: Path) -> None:
    differ = [k for k in FIXED if getattr(meta, k) != getattr(base, k)]
    if differ:
        raise LibraryError(f"{path}: a variant must keep the base letter's {', '.join(differ)}")


def find_letter(language: str, kind: str, country: str | None = None) -> tuple[int, Letter]:
    """The letter ``kind`` and its 1-based place in the library (country variant applied)."""
    library = letter_library(language, country=country or None)
    for i, letter in enumerate(library, start=1):
        if letter.meta.id == kind:
            return i, letter
    known = ", ".join(x.meta.id for x in library)
    raise ContractkitError(f"no letter {kind!r}; known: {known}")
