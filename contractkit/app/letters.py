"""One letter on demand, in the format asked for, and the timeline as a calendar.

Why: ``build`` (every letter beside the contract) and ``letter`` (one letter with the
facts of the day) must produce identical files, so both ask here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractkit.assemble.letters import RenderedLetter, build_letter
from contractkit.errors import ContractkitError
from contractkit.job.facts import Facts
from contractkit.job.fields import text_fields
from contractkit.job.model import Job
from contractkit.job.profile import profile_branding
from contractkit.law.timeline import Step, calendar_events
from contractkit.paths import read_limited
from contractkit.render import FORMATS as RENDER_FORMATS
from contractkit.render import render
from contractkit.render.fonts import check_fields

LETTER_FORMATS = ("pdf", "docx", "txt", "eml")  # what one letter can be written as


def letter_stem(letter: RenderedLetter) -> str:
    """``NN-<id>``: numbered so a folder listing is in the order of escalation."""
    return f"{letter.number:02d}-{letter.meta.id}"


def make_letter(job: Job, kind: str, facts: Facts) -> RenderedLetter:
    """One letter on demand: every fact it needs must be known (never guessed); on the
    profile's letterhead (logo, accent colour) when one is set."""
    letter = build_letter(job, kind, facts, on_demand=True)
    return replace(letter, document=replace(letter.document, brand=profile_branding()))


# The letters that ask for an invoice to be paid in a formal notice (email and registered
# post): the request the termination clause needs before the agreement can be ended for
# non-payment. The friendly payment reminder is an everyday email, so it does not count.
PAYMENT_REQUESTS = ("overdue-30", "overdue-60", "overdue-90", "final-notice")


def breach_log_facts(folder: Path, invoice: str | None) -> dict[str, Any]:
    """What the log says for a termination for non-payment: the unpaid invoice (as for a
    payment letter), everything invoiced so far (the kill fee's base) and the day the
    last formal request to pay went out (facts.sent). Nothing is guessed: without such
    a request in the log, facts.sent stays unknown and the letter asks for it."""
    from contractkit.app.followup import log_facts
    from contractkit.job.log import LetterSent, read_log
    from contractkit.law.planner import invoices

    facts = log_facts(folder, "payment", invoice)
    entries = read_log(folder)
    logged = invoices(entries)
    if logged:
        facts["invoiced"] = sum((i.amount for i in logged), start=Decimal(0))
    requests = [e.on for e in entries if isinstance(e, LetterSent) and e.kind in PAYMENT_REQUESTS]
    if requests:
        facts["sent"] = max(requests)
    return facts


def blanks_left(letter: RenderedLetter, job: Job) -> list[str]:
    """The fill-in blanks the letter still shows ("[value of the work done]"), each once,
    in the order they appear: facts that were neither given nor in the log."""
    from contractkit.library.formatting import Formatter

    fmt = Formatter(job.language, job.law.country)
    names = fmt.labels["letters"]["blanks"].values()
    wanted = {fmt.label("letters.blank", what=name) for name in names}
    text = "\n".join(letter.document.plain().texts())
    found = [m.group(0) for m in re.finditer(r"\[[^\[\]\n]+\]", text) if m.group(0) in wanted]
    return list(dict.fromkeys(found))


def letter_bytes(
    letter: RenderedLetter,
    job: Job,
    fmt: str,
    *,
    template: Path | None = None,
    attach: tuple[Path, ...] = (),
    typed: Iterable[tuple[str, str]] = (),
    bcc_self: bool = False,
) -> bytes:
    """A letter as one file format. ``typed``: facts typed for it, checked with the job's
    text when the result holds a PDF (every character must be drawable)."""
    if fmt == "pdf" or (fmt == "eml" and letter.meta.formal):  # a formal .eml carries a PDF
        check_fields([*text_fields(job), *typed])
    if fmt in RENDER_FORMATS:
        return render(letter.document, fmt, template)
    if fmt == "eml":
        return _eml(letter, job, attach, bcc_self)
    raise ContractkitError(f"unknown letter format {fmt!r}; choose {', '.join(LETTER_FORMATS)}")


MAX_ATTACHMENT = 25_000_000  # what mail servers commonly accept in one message


def _eml(
    letter: RenderedLetter, job: Job, attach: tuple[Path, ...], bcc_self: bool = False
) -> bytes:
    from contractkit.render.eml import Attachment, Mailbox, render_eml
    from contractkit.render.text import render_blocks

    files = []
    if letter.meta.formal:
        files.append(Attachment(f"{letter_stem(letter)}.pdf", render(letter.document, "pdf")))
    for path in attach:
        try:
            data = read_limited(path, MAX_ATTACHMENT, "an attachment", ContractkitError)
        except FileNotFoundError:
            raise ContractkitError(f"attachment {path}: no such file") from None
        maintype, subtype = _mime(path)
        files.append(Attachment(path.name, data, maintype, subtype))
    f, c = job.freelancer, job.client
    return render_eml(
        sender=Mailbox(f.name, f.email),
        recipient=Mailbox(c.name, c.email),
        subject=letter.subject,
        day=letter.document.created,
        body=render_blocks(letter.body),
        attachments=tuple(files),
        bcc_sender=bcc_self,
    )


def _mime(path: Path) -> tuple[str, str]:
    import mimetypes

    guessed, _ = mimetypes.guess_type(path.name)
    maintype, _, subtype = (guessed or "application/octet-stream").partition("/")
    return maintype, subtype


def timeline_ics(job: Job, steps: list[Step], stamp: date) -> bytes:
    """The steps as an iCalendar file."""
    from contractkit.render.ics import render_ics

    return render_ics(calendar_events(job, steps), stamp=stamp)


def job_calendar(given: Path, job: Job, stamp: date) -> bytes:
    """The job's whole calendar (planned dates, letters still to come) as an .ics, from
    the log of the job folder ``given`` stands for, if it has one."""
    from contractkit.job.folder import home_of, job_file
    from contractkit.job.log import read_log
    from contractkit.law.planner import calendar
    from contractkit.render.ics import render_ics

    home = home_of(job_file(given))
    entries = read_log(home) if home is not None else []
    return render_ics(calendar(job, entries, stamp), stamp=stamp)
