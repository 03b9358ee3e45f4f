"""Follow-through: the job's log, and what to send today across job folders.

Why apart from building: `log` and `next` run often and across many jobs, so they import
only what reading jobs and logs needs — never the renderers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractkit.errors import JobError
from contractkit.job.folder import home_of
from contractkit.job.reader import load_job
from contractkit.library.letters import letter_library
from contractkit.output import write_file


def log_event(folder: Path, entry: dict[str, Any]) -> Path:
    """Append one entry to a job folder's ``log.yaml``, checked with the whole log and
    the job (amounts in its currency, invoices that exist, letter kinds that exist);
    nothing is written when anything is wrong."""
    from contractkit.job.folder import JOB_FILE
    from contractkit.job.log import appended, log_path, log_problems
    from contractkit.money import digits

    home = folder if folder.is_dir() else home_of(folder)
    if home is None or not (home / JOB_FILE).is_file():
        raise JobError(
            f"{folder}: not a job folder (no {JOB_FILE} in it); the log lives beside "
            "the job file that `contractkit new` made"
        )
    job = load_job(home / JOB_FILE)
    text, entries = appended(home, entry)
    kinds = tuple(lt.meta.id for lt in letter_library(job.language))
    problems = log_problems(entries, digits(job.payment.currency), kinds)
    if problems:
        raise JobError(f"{log_path(home)}: the entry cannot be logged:", problems)
    path = log_path(home)
    write_file(path, text.encode("utf-8"), force=True)
    return path


def job_folders(roots: Iterable[Path]) -> list[Path]:
    """Every job folder (a folder with a job.yaml) at or below ``roots``, sorted."""
    import os

    from contractkit.job.folder import JOB_FILE

    found: set[Path] = set()
    for root in roots:
        for here, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            if JOB_FILE in files:
                found.add(Path(here))
                folders[:] = []  # a job folder's subfolders hold its outputs
    return sorted(found)


def next_steps(roots: Iterable[Path], as_of: date) -> list[tuple[Path, Any]]:
    """What to send on ``as_of`` across every job folder under ``roots``, oldest first.

    A folder without a log, or whose log shows nothing waiting on the client, is not
    read further; every other job is read and checked as a build would.
    """
    from contractkit.job.folder import JOB_FILE, LOG_FILE
    from contractkit.job.log import read_log
    from contractkit.law.planner import due_steps, in_flight

    found = []
    for folder in job_folders(roots):
        if not (folder / LOG_FILE).is_file():
            continue
        entries = read_log(folder)
        if not in_flight(entries):  # closed, or nothing waits on the client
            continue
        job = load_job(folder / JOB_FILE)
        found += [(folder, step) for step in due_steps(job, entries, as_of)]
    return sorted(found, key=lambda item: (item[1].day, str(item[0])))


def log_facts(folder: Path, phase: str, invoice: str | None = None) -> dict[str, Any]:
    """The facts a letter of ``phase`` (see the letter's front matter) can take from the
    job folder's log.

    A payment letter gets the invoice (the one named, else the oldest still unpaid), its
    amount, due date and every payment applied to it with its date; a letter about
    silence gets the day of the message still unanswered. Facts typed on the command
    line win over these (the caller merges them); nothing here is guessed.
    """
    from contractkit.job.log import read_log
    from contractkit.law.planner import invoices, unanswered

    entries = read_log(folder)
    facts: dict[str, Any] = {}
    message = unanswered(entries)
    if message is not None and phase in ("negotiating", "mid-project"):
        facts["sent"] = message.on
    logged = invoices(entries)
    if phase != "payment":
        if logged and phase == "mid-project":  # the kill fee counts what was invoiced
            facts["invoiced"] = sum((i.amount for i in logged), start=Decimal(0))
        return facts
    chosen = (
        [i for i in logged if i.number == invoice]
        if invoice
        else [i for i in logged if i.balance > 0]
    )
    if invoice is not None and not chosen:
        raise JobError(f"{folder}: the log has no invoice {invoice}")
    if chosen:
        first = chosen[0]
        facts |= {
            "invoice": first.number,
            "amount": first.amount,
            "due": first.due,
            "invoice_date": first.issued,
            "payments": [(amount, on) for amount, on in first.payments],
        }
    return facts


def record_sent(folder: Path, kind: str, path: Path, data: bytes, channel: str, on: date) -> None:
    """Log a letter just written as sent: its file (inside the job folder), SHA-256 and,
    for an e-mail draft, its Message-ID."""
    import email

    from contractkit.job.folder import sha256

    try:
        relative = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise JobError(
            f"{path}: to log a letter as sent, write it inside the job folder {folder} "
            f"(for example {folder / 'sent' / path.name})"
        ) from None
    message_id = None
    if path.suffix.lower() == ".eml":
        message_id = email.message_from_bytes(data).get("Message-ID")
    entry = {"event": "sent", "on": on, "kind": kind, "channel": channel, "file": relative}
    log_event(folder, entry | {"sha256": sha256(data), "message_id": message_id})
