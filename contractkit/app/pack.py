"""The evidence pack: everything a claim needs from a job folder, in one zip.

Why: when a client will not pay, the freelancer (or their lawyer, or the court's online
form) needs the contract, what was sent and when, and proof that none of it changed
since. The pack holds the contract, every file the log records as sent or invoiced
(checked against the SHA-256 logged at the time: a file changed since is refused, not
packed), a chronology PDF of every logged event, and a ``MANIFEST.sha256`` that
``sha256sum -c`` verifies. A letter the log does not record as sent is never included.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from contractkit import document as doc
from contractkit.errors import JobError, MissingFactError
from contractkit.job.facts import Facts, Payment
from contractkit.job.folder import JOB_FILE, home_of, sha256
from contractkit.job.log import Event, InvoiceIssued, LetterSent, read_log
from contractkit.job.model import Job
from contractkit.job.reader import load_job
from contractkit.law.planner import invoices
from contractkit.law.routes import route_text
from contractkit.law.statutory import late_charge
from contractkit.library.formatting import Formatter
from contractkit.library.letters import letter_library
from contractkit.money import Money
from contractkit.render import render

MANIFEST = "MANIFEST.sha256"


def pack_bytes(folder: Path, as_of: date) -> bytes:
    """The zip of a job folder's evidence, byte-identical for the same folder and date."""
    home = folder if folder.is_dir() else home_of(folder)
    if home is None or not (home / JOB_FILE).is_file():
        raise JobError(f"{folder}: not a job folder (no {JOB_FILE} in it)")
    job = load_job(home / JOB_FILE)
    entries = read_log(home)
    members: dict[str, bytes] = {}
    for name in ("contract.pdf", "contract.docx"):
        path = home / name
        if not path.is_file():
            raise JobError(f'{path}: missing; build the job first: contractkit build "{home}"')
        members[name] = path.read_bytes()
    members.update(_logged_files(home, entries))
    members["chronology.pdf"] = render(_chronology(job, entries, as_of), "pdf")
    manifest = "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(members.items()))
    members[MANIFEST] = manifest.encode("utf-8")
    return _zip(members, as_of)


def _logged_files(home: Path, entries: list[Event]) -> dict[str, bytes]:
    """Every file the log records, under letters/ or invoices/, each as it was logged."""
    found: dict[str, bytes] = {}
    problems: list[str] = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, LetterSent | InvoiceIssued) or entry.file is None:
            continue
        path = home / entry.file
        try:
            data = path.read_bytes()
        except OSError as e:
            problems.append(f"entry {n} ({entry.event}): {path}: {e.strerror}")
            continue
        if entry.sha256 is not None and sha256(data) != entry.sha256:
            problems.append(
                f"entry {n} ({entry.event}): {path} changed since it was logged "
                "(its SHA-256 differs); restore the file as it was sent"
            )
            continue
        folder = "letters" if isinstance(entry, LetterSent) else "invoices"
        found[f"{folder}/{Path(entry.file).name}"] = data
    if problems:
        raise JobError("the evidence pack cannot be made:", problems)
    return found


def _chronology(job: Job, entries: list[Event], as_of: date) -> doc.Document:
    fmt = Formatter(job.language, job.law.country)
    titles = {lt.meta.id: lt.meta.title for lt in letter_library(job.language)}
    rows = tuple(
        (
            e.on.isoformat(),  # unambiguous in every language, and never wraps
            fmt.label(f"pack.events.{e.event}"),
            _details(e, job, fmt, titles),
            _channel(getattr(e, "channel", None), fmt),
            _file(e),
        )
        for e in entries
    )
    header = tuple(str(c) for c in fmt.labels["pack"]["columns"])
    return doc.Document(
        title=fmt.label("pack.title"),
        subtitle=fmt.label("pack.subtitle", project=job.project.title),
        language=job.language,
        author=job.freelancer.name,
        created=as_of,
        page_size=job.page_size,
        page_label=fmt.label("page"),
        blocks=(
            doc.Table(header=header, rows=rows, widths=(1.2, 1.3, 2.2, 1.0, 2.5)),
            *_interest(job, entries, as_of, fmt),
            doc.Paragraph(
                fmt.label(
                    "evidence.route",
                    route=route_text(job, job.language, fmt.labels["letters"]["small_claims"]),
                )
            ),
        ),
        subject=job.project.title,
        kind="contract",
        title_joiner=fmt.label("title_joiner"),
    )


def _interest(job: Job, entries: list[Event], as_of: date, fmt: Formatter) -> list[doc.Block]:
    """For each unpaid invoice, the late fee or interest by period, each line its working
    (principal × rate × days); said plainly when it cannot be computed (a rate unknown)."""
    blocks: list[doc.Block] = []
    cur = job.payment.currency
    for invoice in invoices(entries):
        if invoice.balance <= 0 or invoice.due >= as_of:
            continue
        facts = Facts(
            invoice=invoice.number,
            amount=Money.of(invoice.amount, cur),
            due=invoice.due,
            as_of=as_of,
            payments=tuple(Payment(amount=Money.of(a, cur), on=d) for a, d in invoice.payments),
        )
        blocks.append(doc.Heading(fmt.label("evidence.interest", invoice=invoice.number)))
        try:
            charge = late_charge(job, facts, job.language)
        except MissingFactError as e:
            reason = flags_free(e.message)
            text = fmt.label("evidence.no_interest", invoice=invoice.number, reason=reason)
            blocks.append(doc.Paragraph(text))
            continue
        if charge is None:
            continue
        rows = tuple(
            (
                line.period.start.isoformat(),
                line.period.end.isoformat(),
                fmt.money(line.principal),
                fmt.pct(line.period.annual),
                str(line.days),
                fmt.money(line.amount),
            )
            for line in charge.lines
        )
        total = (
            fmt.label("evidence.total"),
            "",
            "",
            "",
            str(charge.days),
            fmt.money(charge.interest),
        )
        header = tuple(str(c) for c in fmt.labels["evidence"]["interest_columns"])
        blocks.append(doc.Table(header=header, rows=rows, numeric=(2, 3, 4, 5), total=total))
    return blocks


def _route(job: Job, fmt: Formatter) -> str:
    """The country's recovery route (law data), in the job's language."""
    return route_text(job, job.language, fmt.labels["letters"]["small_claims"])


def flags_free(message: str) -> str:
    """A message as it reads without the command line (``facts.x`` → "x")."""
    return message.replace("facts.", "")


def _file(e: Event) -> str:
    if isinstance(e, LetterSent | InvoiceIssued) and e.file is not None:
        return f"{e.file}\n{e.sha256 or ''}".strip()
    return ""


def _channel(code: str | None, fmt: Formatter) -> str:
    """A letter channel (registered post...) or a contract channel (post...), in words."""
    if code is None:
        return ""
    letter_channels: dict[str, str] = fmt.labels["letters"]["channels"]
    return str(letter_channels.get(code) or fmt.channel(code))


def _details(e: Event, job: Job, fmt: Formatter, titles: dict[str, str]) -> str:
    cur = job.payment.currency
    if isinstance(e, InvoiceIssued):
        due = fmt.label("pack.due", date=fmt.date(e.due))
        return f"{e.number}, {fmt.money(Money.of(e.amount, cur))}, {due}"
    amount = getattr(e, "amount", None)
    if amount is not None:
        invoice = getattr(e, "invoice", None)
        return fmt.money(Money.of(amount, cur)) + (f" ({invoice})" if invoice else "")
    if isinstance(e, LetterSent):
        return titles.get(e.kind, e.kind)
    until = getattr(e, "until", None)
    if until is not None:
        return fmt.label("pack.until", date=fmt.date(until))
    return str(getattr(e, "what", None) or e.note or "")


def _zip(members: dict[str, bytes], day: date) -> bytes:
    """The members in name order, each dated ``day``: the same pack, the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()
