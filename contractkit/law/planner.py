"""What to send today: the contract's timeline, the job's log and a date → the due steps.

Why: the escalation rules (follow up after 5 days, chase on the Tuesday after, pause
after the contract's silence period, 30/60/90-day notices) only help if someone applies
them on the right day, job after job. This is a pure function of the job, its log and the
date — no clock, no files — so every rule is tested on its own: a step already logged as
sent is never proposed again, a reply resets the silence clocks, a hold or a closed job
stops them, and a payment of part leaves the rest of the balance to chase.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from contractkit.job.log import (
    Approved,
    Closed,
    Event,
    Hold,
    InvoiceIssued,
    LetterSent,
    MessageSent,
    PaymentReceived,
    Replied,
)
from contractkit.job.model import Job
from contractkit.law.timeline import Step, contract_steps, escalation
from contractkit.library.formatting import Formatter
from contractkit.render.ics import CalendarEvent


@dataclass(frozen=True)
class DueStep:
    """One letter to send: when it fell due, why, and the facts its command needs."""

    day: date
    letter: str
    title: str
    why: str
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class LoggedInvoice:
    number: str
    amount: Decimal
    due: date
    issued: date
    paid: Decimal = Decimal(0)
    payments: list[tuple[Decimal, date]] = field(default_factory=list)  # applied to it

    @property
    def balance(self) -> Decimal:
        return self.amount - self.paid


def invoices(entries: list[Event]) -> list[LoggedInvoice]:
    """Every logged invoice with the payments applied to it: a payment goes to the
    invoice it names, else to the oldest invoice still open."""
    found: list[LoggedInvoice] = []
    for entry in entries:
        if isinstance(entry, InvoiceIssued):
            found.append(LoggedInvoice(entry.number, entry.amount, entry.due, entry.on))
        elif isinstance(entry, PaymentReceived):
            left = entry.amount
            named = [i for i in found if i.number == entry.invoice]
            for invoice in named or [i for i in found if i.balance > 0]:
                part = min(left, invoice.balance) if not named else left
                invoice.paid += part
                invoice.payments.append((part, entry.on))
                left -= part
                if left <= 0:
                    break
    return found


def open_invoices(entries: list[Event]) -> list[LoggedInvoice]:
    """Invoices with something left to pay."""
    return [i for i in invoices(entries) if i.balance > 0]


def in_flight(entries: list[Event]) -> bool:
    """Whether anything waits on the client: an unanswered message or an unpaid invoice
    (and the job is not closed). Only then is the job itself needed to plan."""
    if any(isinstance(e, Closed) for e in entries):
        return False
    return unanswered(entries) is not None or bool(open_invoices(entries))


def due_steps(job: Job, entries: list[Event], as_of: date) -> list[DueStep]:
    """The letters due on ``as_of`` (or overdue and not yet sent), oldest first."""
    if any(isinstance(e, Closed) for e in entries):
        return []
    holds = [e.until for e in entries if isinstance(e, Hold) and e.on <= as_of]
    if holds and as_of < max(holds):
        return []
    sent = [e for e in entries if isinstance(e, LetterSent)]
    found: list[DueStep] = []
    message = unanswered(entries)
    if message is not None:
        steps = escalation(job, sent=message.on)
        step = _latest_due(steps, sent, message.on, as_of)
        if step is not None:
            why = f"no reply to your message of {message.on} ({message.what}): {step.note}"
            found.append(
                DueStep(step.date, step.id, step.title, why, {"sent": message.on.isoformat()})
            )
    for invoice in open_invoices(entries):
        steps = escalation(job, due=invoice.due)
        step = _latest_due(steps, sent, invoice.issued, as_of)
        if step is not None:
            cur = job.payment.currency
            why = (
                f"invoice {invoice.number} of {invoice.amount} {cur} was due on "
                f"{invoice.due}, {invoice.balance} {cur} unpaid: {step.note}"
            )
            facts = {
                "invoice": invoice.number,
                "amount": str(invoice.amount),
                "due": invoice.due.isoformat(),
            }
            if invoice.paid:
                facts["paid"] = str(invoice.paid)
            found.append(DueStep(step.date, step.id, step.title, why, facts))
    return sorted(found, key=lambda s: (s.day, s.letter))


def unanswered(entries: list[Event]) -> MessageSent | None:
    """The last message that nothing answered since (a reply or an approval)."""
    waiting: MessageSent | None = None
    for entry in entries:
        if isinstance(entry, MessageSent):
            waiting = entry
        elif isinstance(entry, Replied | Approved):
            waiting = None
    return waiting


def _latest_due(steps: list[Step], sent: list[LetterSent], since: date, as_of: date) -> Step | None:
    """The furthest letter step due by ``as_of`` — unless it, or a later step of the same
    chain, was already sent since ``since``: one letter at a time, never one twice."""
    letters = [s for s in steps if s.letter is not None]
    done = {e.kind for e in sent if e.on >= since}
    due = [s for s in letters if s.date <= as_of]
    if not due:
        return None
    latest = due[-1]
    after = letters[letters.index(latest) :]
    if any(s.id in done for s in after):
        return None
    return latest


def calendar(job: Job, entries: list[Event], as_of: date) -> list[CalendarEvent]:
    """The job's calendar: what is planned (the deposit invoice, the start, dated
    milestones, the deadline) and, each marked "only if", the letters still to come.

    UIDs name the step, never its date, and SEQUENCE counts the log's entries: after
    `contractkit log`, a rebuilt calendar imported again updates its events (a step
    moved by a payment moves) instead of adding copies.
    """
    fmt = Formatter(job.language, job.law.country)
    project = job.project.title
    plan: list[tuple[str, date, str, str]] = []  # key, day, summary, description
    if job.has_deposit:
        day = min(as_of, job.project.start)
        plan.append(
            ("deposit", day, fmt.label("calendar.deposit", amount=fmt.money(job.deposit)), "")
        )
    plan.append(("start", job.project.start, fmt.label("calendar.start", project=project), ""))
    for n, row in enumerate(job.schedule):
        if row.kind == "milestone" and row.due is not None:
            summary = fmt.label("calendar.milestone", name=row.name, amount=fmt.money(row.amount))
            plan.append((f"milestone-{n}", row.due, summary, ""))
    plan.append(
        ("deadline", job.project.deadline, fmt.label("calendar.deadline", project=project), "")
    )
    plan += _letters_to_come(job, entries, fmt)
    identity = "|".join((job.freelancer.email, job.client.email, project))
    return [
        CalendarEvent(
            uid=hashlib.sha256(f"{identity}|{key}".encode()).hexdigest()[:32] + "@contractkit",
            day=day,
            summary=summary,
            description=description,
            alarm=fmt.label("timeline.alarm", letter=summary, project=project),
            sequence=len(entries),
        )
        for key, day, summary, description in sorted(plan, key=lambda item: item[1])
    ]


def _letters_to_come(
    job: Job, entries: list[Event], fmt: Formatter
) -> list[tuple[str, date, str, str]]:
    """The escalation steps not yet sent, each worded as applying only if still needed:
    for each open invoice in the log (else, before any invoice, the contract's last
    instalment, whose notes already say so) and for a message still unanswered."""
    sent = [e for e in entries if isinstance(e, LetterSent)]
    # (chain key, sent since, steps, the label saying when they apply, its values)
    chains: list[tuple[str, date, list[Step], str | None, dict[str, str]]] = []
    logged = invoices(entries)
    for invoice in logged:
        if invoice.balance > 0:
            steps = escalation(job, due=invoice.due)
            values = {"invoice": invoice.number}
            chains.append((f"invoice-{invoice.number}", invoice.issued, steps, "if_unpaid", values))
    if not logged:
        chains.append(("contract", date.min, contract_steps(job), None, {}))
    message = unanswered(entries)
    if message is not None:
        steps = escalation(job, sent=message.on)
        values = {"date": fmt.date(message.on)}
        chains.append((f"message-{message.on}", message.on, steps, "if_unanswered", values))
    found = []
    for chain, since, steps, condition, values in chains:
        done = {e.kind for e in sent if e.on >= since}
        for step in (s for s in steps if s.id not in done):
            summary = fmt.label(
                "timeline.summary",
                letter=step.title,
                channel=step.channel_words,
                project=job.project.title,
            )
            note = (
                fmt.label(f"calendar.{condition}", note=step.note, **values)
                if condition
                else step.note
            )
            found.append((f"{chain}|{step.id}", step.date, summary, note))
    return found
