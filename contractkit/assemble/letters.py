"""Ghosting-response letters: data files like the clauses, rendered against the contract.

Why: a letter that says "under clause 9 of our agreement" must agree with the contract,
so letters are assembled with the same clause numbers, job variables and sandboxed Jinja
as the contract itself. Each letter lives in ``clauses/<lang>/letters/<id>.md``: front
matter (validated by :class:`LetterMeta`) and blocks separated by blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from contractkit import document as doc
from contractkit.assemble.contract import clause_numbers, render_block, template_context
from contractkit.assemble.letter_values import letter_values
from contractkit.errors import ContractkitError, LibraryError
from contractkit.job.facts import FLAGS, Facts
from contractkit.job.model import Job
from contractkit.library.clauses import Block, parse_blocks, parse_file
from contractkit.library.formatting import Formatter
from contractkit.library.templating import render
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
    computes: tuple[Literal["late", "kill"], ...] = Field(
        default=(), description="Derived figures the letter shows: late fee, kill fee"
    )

    @field_validator("needs")
    @classmethod
    def _known_facts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [n for n in v if n not in FLAGS]
        if unknown:
            raise ValueError(f"unknown facts {unknown}; known: {', '.join(FLAGS)}")
        return v


@dataclass(frozen=True)
class Letter:
    meta: LetterMeta
    blocks: tuple[Block, ...]
    path: Path


@dataclass(frozen=True)
class RenderedLetter:
    """One letter for one job and set of facts: its document and e-mail headers."""

    meta: LetterMeta
    number: int  # 1-based position in the library: the NN of NN-<id>.pdf
    subject: str
    document: doc.Document
    body: tuple[doc.Block, ...]  # salutation to signature: the e-mail body


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


def build_letter(
    job: Job, kind: str, facts: Facts, *, on_demand: bool, created: date | None = None
) -> RenderedLetter:
    """Render letter ``kind``. On demand its needed facts are required (exit 2 if missing);
    beside the contract, unknown facts become fill-in blanks instead."""
    number, letter = find_letter(job.language, kind)
    meta = letter.meta
    if on_demand:
        facts.require(meta.needs, meta.id)
        if "late" in meta.computes and facts.due and facts.as_of and facts.due > facts.as_of:
            raise ContractkitError(
                f"the {meta.id} letter is about an unpaid invoice, but --due {facts.due} is "
                f"after the letter's date {facts.as_of}; check --due and --as-of"
            )
    fmt = Formatter(job.language, job.law.country)
    ctx = template_context(job, fmt, clause_numbers(job))
    ctx |= letter_values(job, fmt, facts, meta.deadline_days, meta.computes)
    where = str(letter.path)
    subject = " ".join(render(meta.subject, ctx, f"{where} (subject)").split())
    body: list[doc.Block] = []
    for block in letter.blocks:
        rendered = render_block(block, job, fmt, ctx, where)
        if rendered is not None:
            body.append(rendered)
    f, c = job.freelancer, job.client
    signature = [fmt.label("letters.signoff"), "", f.name, *([f.business] if f.business else [])]
    tail: list[doc.Block] = [
        doc.Paragraph(fmt.label("letters.salutation", name=c.name), style="body"),
        *body,
        doc.Paragraph("\n".join(signature), style="signoff"),
    ]
    head: list[doc.Block] = [
        doc.Paragraph("\n".join(_lines(f.business or f.name, f.address, f.email, f.phone)),
                      style="sender"),
        doc.Paragraph(
            "\n".join(_lines(c.name, c.company, c.address)), style="recipient"
        ),
        doc.Paragraph(ctx["fact"]["today"], style="date"),
        doc.Paragraph(subject, style="subject"),
    ]  # fmt: skip
    document = doc.Document(
        title=subject,
        language=job.language,
        author=f.name,
        created=facts.as_of or created or job.project.start,
        page_size=job.page_size,
        page_label=fmt.label("page"),
        blocks=(*head, *tail),
        subject=job.project.title,
        keywords=(meta.title, c.company or c.name),
        kind="letter",
    )
    return RenderedLetter(meta, number, subject, document, tuple(tail))


def _lines(*values: str | None) -> list[str]:
    return [v for v in values if v]
