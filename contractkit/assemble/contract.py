"""Job → contract :class:`Document`: pick, order, number and render the clauses.

Why: this is the one place that decides which clauses a job gets and what number each
has, so a letter that says "clause 7" and the contract can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from contractkit import document as doc
from contractkit.assemble.context import job_context
from contractkit.assemble.identity import (
    agreement_opening,
    parties_block,
    payment_details,
    signatures_block,
)
from contractkit.errors import JobError, LibraryError
from contractkit.job.model import Installment, Job
from contractkit.library.clauses import Block, Clause, contract_clauses
from contractkit.library.formatting import Formatter
from contractkit.library.templating import render
from contractkit.library.typography import typeset_document

# A clause's `when:` names one of these Job properties.
PREDICATES: dict[str, Callable[[Job], bool]] = {
    "has_deposit": lambda job: job.has_deposit,
    "has_late_terms": lambda job: job.has_late_terms,
}


@dataclass(frozen=True)
class NumberedClause:
    number: int
    clause: Clause


def select_clauses(job: Job) -> list[NumberedClause]:
    """The clauses this job gets, numbered 1..N. Bad include/exclude ids are job errors."""
    library = contract_clauses(job.language, country=job.law.country)
    by_id = {c.meta.id: c for c in library}
    problems = []
    for key in ("include", "exclude"):
        for cid in getattr(job.clauses, key):
            if cid not in by_id:
                problems.append(
                    f"clauses.{key}: unknown clause {cid!r}; known: {', '.join(sorted(by_id))}"
                )
            elif key == "exclude" and not by_id[cid].meta.optional:
                problems.append(
                    f"clauses.exclude: {cid!r} is a core protection and cannot be left out"
                )
    if problems:
        raise JobError("the job's clause selection is invalid:", problems)
    chosen = [
        c
        for c in library
        if (c.meta.when is None or PREDICATES[c.meta.when](job))
        and (
            (c.meta.default and c.meta.id not in job.clauses.exclude)
            or c.meta.id in job.clauses.include
        )
    ]
    return [NumberedClause(i, c) for i, c in enumerate(chosen, start=1)]


def clause_numbers(job: Job) -> dict[str, int]:
    return {nc.clause.meta.id: nc.number for nc in select_clauses(job)}


def template_context(job: Job, fmt: Formatter, numbers: dict[str, int]) -> dict[str, Any]:
    """Job variables plus ``n(id)`` and ``has(id)`` for cross-references.

    ``n(id)`` gives a reference marker (:func:`document.reference`), not the bare number:
    the DOCX makes it a field Word renumbers, every other format prints the number.
    """

    def n(cid: str) -> str:
        if cid not in numbers:
            raise LibraryError(
                f"refers to clause {cid!r}, which this contract does not include; "
                f"guard the sentence with has({cid!r})"
            )
        return doc.reference(cid, str(numbers[cid]))

    return {**job_context(job, fmt), "n": n, "has": lambda cid: cid in numbers}


def schedule_label(row: Installment, fmt: Formatter) -> str:
    return fmt.label("schedule.deposit") if row.kind == "deposit" else row.name


def schedule_due(row: Installment, fmt: Formatter) -> str:
    if row.kind == "deposit":
        return fmt.label("schedule.on_signing")
    if row.due is not None:
        return fmt.date(row.due)
    return fmt.label("schedule.on_milestone")  # the row already names the milestone


def schedule_table(job: Job, fmt: Formatter) -> doc.Table:
    rows = tuple(
        (schedule_label(r, fmt), fmt.pct(r.percent), fmt.money(r.amount), schedule_due(r, fmt))
        for r in job.schedule
    )
    return doc.Table(
        header=tuple(
            fmt.label(f"schedule.{k}") for k in ("instalment", "percent", "amount", "due")
        ),
        rows=rows,
        numeric=(1, 2),
        total=(fmt.label("schedule.total"), fmt.pct(100), fmt.money(job.payment.fee_money), ""),
        widths=(3.2, 1.2, 2.0, 3.2),
    )


def _render_clause(
    nc: NumberedClause, job: Job, fmt: Formatter, ctx: dict[str, Any]
) -> list[doc.Block]:
    clause = nc.clause
    where = str(clause.path)
    out: list[doc.Block] = [
        doc.Heading(clause.meta.title, number=str(nc.number), anchor=clause.meta.id)
    ]
    paragraphs = sum(1 for b in clause.blocks if b.kind == "paragraph")
    k = 0
    for block in clause.blocks:
        rendered = render_block(block, job, fmt, ctx, where)
        if rendered is None:
            continue
        if isinstance(rendered, doc.Paragraph) and paragraphs > 1:
            k += 1
            rendered = doc.Paragraph(rendered.text, number=f"{nc.number}.{k}")
        out.append(rendered)
        if block.kind == "directive" and block.source[0] == "schedule":
            out += payment_details(job, fmt)  # the account under the table of instalments
    return out


def render_block(
    block: Block, job: Job, fmt: Formatter, ctx: dict[str, Any], where: str
) -> doc.Block | None:
    if block.kind == "directive":
        name = block.source[0]
        if name == "schedule":
            return schedule_table(job, fmt)
        raise LibraryError(f"{where}: unknown directive [[{name}]] (known: schedule)")
    texts = [render(src, ctx, where) for src in block.source]
    texts = [t for t in texts if t]
    if not texts:
        return None
    if block.kind == "bullets":
        return doc.Bullets(tuple(texts))
    return doc.Paragraph(texts[0])


def build_contract(job: Job, created: date) -> doc.Document:
    """The whole contract as a neutral document, dated ``created`` in its metadata."""
    fmt = Formatter(job.language, job.law.country)
    numbered = select_clauses(job)
    ctx = template_context(job, fmt, {nc.clause.meta.id: nc.number for nc in numbered})
    f, c = job.freelancer, job.client
    blocks: list[doc.Block] = [
        doc.Paragraph(agreement_opening(job, fmt, created), style="lead"),
        parties_block(job, fmt),
        doc.Paragraph(fmt.label("parties_outro"), style="lead"),
    ]
    for nc in numbered:
        blocks += _render_clause(nc, job, fmt, ctx)
    blocks.append(signatures_block(job, fmt))
    title = fmt.label("contract_title")
    return typeset_document(
        doc.Document(
            title=title,
            subtitle=fmt.label("contract_subtitle", project=job.project.title),
            language=job.language,
            author=f.name,
            created=created,
            page_size=job.page_size,
            page_label=fmt.label("page"),
            blocks=tuple(blocks),
            subject=job.project.title,
            keywords=(c.company or c.name, f.business or f.name),
            title_joiner=fmt.label("title_joiner"),
            locale=document_locale(job),
        )
    )


def document_locale(job: Job) -> str:
    """The language tag Word spells by: the language's own, but US English for a US job."""
    return "en-US" if job.language == "en" and job.law.country == "US" else ""
