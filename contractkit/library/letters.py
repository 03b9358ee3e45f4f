"""The letter files: front matter that says what each letter is for, and its blocks.

Why: a letter's title, channel and timing are read by the timeline as well as the
assembler; both ask here, so neither depends on the other.
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
def letter_library(language: str, root: Path | None = None) -> tuple[Letter, ...]:
    """All letters of a language, in order."""
    folder = (root or library_root()) / language / "letters"
    if not folder.is_dir():
        raise LibraryError(f"{folder}: no letters for language {language!r}")
    letters = []
    for path in sorted(folder.glob("*.md")):
        meta, body = parse_file(path, LetterMeta)
        letters.append(Letter(meta=meta, blocks=parse_blocks(body), path=path))
    missing = sorted(set(KINDS) - {x.meta.id for x in letters})
    if missing:
        raise LibraryError(f"{folder}: letters missing: {', '.join(missing)}")
    return tuple(sorted(letters, key=lambda x: (x.meta.order, x.meta.id)))


def find_letter(language: str, kind: str) -> tuple[int, Letter]:
    for i, letter in enumerate(letter_library(language), start=1):
        if letter.meta.id == kind:
            return i, letter
    known = ", ".join(x.meta.id for x in letter_library(language))
    raise ContractkitError(f"no letter {kind!r}; known: {known}")
