"""Ghosting-response letters: data files like the clauses, rendered against the contract.

Why: a letter that says "under clause 9 of our agreement" must agree with the contract,
so letters are assembled with the same clause numbers, job variables and sandboxed Jinja
as the contract itself. Each letter lives in ``clauses/<lang>/letters/<id>.md``: front
matter (validated by :class:`LetterMeta`) and blocks separated by blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from contractkit import document as doc
from contractkit.assemble.contract import (
    clause_numbers,
    document_locale,
    render_block,
    template_context,
)
from contractkit.assemble.letter_values import REMEDY_DAYS, letter_values, received, window_end
from contractkit.errors import ContractkitError
from contractkit.job.facts import Facts
from contractkit.job.model import Job
from contractkit.law.routes import work_calendar
from contractkit.library.formatting import Formatter
from contractkit.library.language import salutation
from contractkit.library.letters import LetterMeta, find_letter
from contractkit.library.templating import render
from contractkit.library.typography import city_of, date_line, typeset_document


@dataclass(frozen=True)
class RenderedLetter:
    """One letter for one job and set of facts: its document and e-mail headers."""

    meta: LetterMeta
    number: int  # 1-based position in the library: the NN of NN-<id>.pdf
    subject: str
    document: doc.Document
    body: tuple[doc.Block, ...]  # salutation to signature: the e-mail body


def build_letter(
    job: Job, kind: str, facts: Facts, *, on_demand: bool, created: date | None = None
) -> RenderedLetter:
    """Render letter ``kind``. On demand its needed facts are required (exit 2 if missing);
    beside the contract, unknown facts become fill-in blanks instead."""
    number, letter = find_letter(job.language, kind, job.law.country)
    meta = letter.meta
    if on_demand:
        facts.require(meta.needs, meta.id)
        if "late" in meta.computes and facts.due and facts.as_of and facts.due > facts.as_of:
            raise ContractkitError(
                f"the {meta.id} letter is about an unpaid invoice, but facts.due {facts.due} "
                f"is after the letter's date {facts.as_of}; check facts.due and facts.as_of"
            )
        check_right(job, meta.id, facts)
    fmt = Formatter(job.language, job.law.country)
    ctx = template_context(job, fmt, clause_numbers(job))
    ctx |= letter_values(job, fmt, facts, meta.deadline_days, meta.computes, meta.formal)
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
        doc.Paragraph(salutation(job.language, c, meta.formal), style="body"),
        *body,
        doc.Paragraph("\n".join(signature), style="signoff"),
    ]
    # a formal notice says how it went out, above the address as a lawyer expects it
    delivery = [doc.Paragraph(fmt.label("letters.delivery"), style="recipient")]
    head: list[doc.Block] = [
        doc.Paragraph("\n".join(_lines(f.business or f.name, f.address, f.email, f.phone)),
                      style="sender"),
        *(delivery if meta.delivery else []),
        doc.Paragraph(
            "\n".join(_lines(c.name, c.company, c.address)), style="recipient"
        ),
        doc.Paragraph(date_line(job.language, fmt.locale, facts.as_of, city_of(f.address))
                      if facts.as_of else ctx["fact"]["today"], style="date"),
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
        title_joiner=fmt.label("title_joiner"),
        locale=document_locale(job),
    )
    document = typeset_document(document)  # the e-mail body below shares its typography
    return RenderedLetter(meta, number, subject, document, document.blocks[len(head) :])


# Letters that invoke a contractual right, and which window must have passed first:
# the response window (feedback-chase says it "closed"), or the silence period after the
# request (work-paused) or after the work-paused notice (kill-fee, when facts.sent is it).
RIGHTS = {"feedback-chase": "response_days", "work-paused": "pause_after_days",
          "kill-fee": "pause_after_days"}  # fmt: skip
# Termination for a serious breach: the written request (facts.sent) must have gone
# unmet for the termination clause's 10 days, counted from its receipt.
BREACH = "termination-non-payment"


def check_right(job: Job, kind: str, facts: Facts) -> None:
    """Refuse a letter whose contractual right does not hold yet on its date, naming the
    earliest date it may be sent: the day after the window (counted in business days from
    the request's deemed receipt) has closed."""
    if kind == BREACH:
        _check_breach(job, facts)
        return
    window = RIGHTS.get(kind)
    if window is None or facts.sent is None or facts.as_of is None:
        return
    days = getattr(job.communication, window)
    closes = window_end(work_calendar(job), facts.sent, days)
    if facts.as_of <= closes:
        earliest = closes + timedelta(days=1)
        raise ContractkitError(
            f"the {kind} letter relies on communication.{window} ({days} business days from "
            f"the receipt of your message of {facts.sent}), which runs until {closes}; it may "
            f"be sent from {earliest}: give that date as facts.as_of"
        )


def _check_breach(job: Job, facts: Facts) -> None:
    """Refuse a termination for non-payment sent before the 10 days after the written
    request to pay (facts.sent) have run, naming the first day it may be sent."""
    if facts.sent is None or facts.as_of is None:
        return
    ends = received(work_calendar(job), facts.sent) + timedelta(days=REMEDY_DAYS)
    if facts.as_of <= ends:
        raise ContractkitError(
            f"the {BREACH} letter relies on the termination clause: the invoice must stay "
            f"unpaid {REMEDY_DAYS} days after your written request of {facts.sent} was "
            f"received, that is until {ends}; it may be sent from {ends + timedelta(days=1)}: "
            "give that date as facts.as_of"
        )


def _lines(*values: str | None) -> list[str]:
    return [v for v in values if v]
