"""``log.yaml``: what happened on a job, oldest first — the memory between runs.

Why: ghosting is beaten by timing, and timing needs a record. Which message went out
when, which invoice is open, what was paid, which letter was sent (and its SHA-256): the
planner reads it to say what is due today, and letters read their facts from it instead
of having them typed again. The file is plain YAML a person can read and fix by hand; it
is read with the same safe reader as the job file (every problem with its line), and
entries are appended as text, so the user's own comments and layout survive.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError

from contractkit.errors import JobError
from contractkit.job import yamlsafe
from contractkit.job.folder import LOG_FILE
from contractkit.job.reader import describe_problem, read_yaml
from contractkit.job.values import Day, StrictModel, Text, no_float_text

LetterChannel = Literal["email", "post", "registered-post", "phone"]
Amount = Annotated[Decimal, BeforeValidator(no_float_text), Field(gt=0)]


class _Event(StrictModel):
    on: Day = Field(description="The day it happened")
    note: str | None = Field(None, description="Anything worth remembering")


class _WithFile(_Event):
    """An event whose document is kept as evidence: the file, and its SHA-256 when logged."""

    file: str | None = Field(None, description="The file, relative to the job folder")
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")


class MessageSent(_Event):
    event: Literal["message"]
    what: Text = Field(description="What the message asked for")
    channel: LetterChannel = "email"


class Replied(_Event):
    event: Literal["replied"]


class Approved(_Event):
    event: Literal["approved"]
    what: str | None = Field(None, description="What was approved (a milestone)")


class InvoiceIssued(_WithFile):
    event: Literal["invoice"]
    number: Text = Field(description="The invoice number")
    amount: Amount = Field(description="The amount invoiced, in the job's currency")
    due: Day = Field(description="Its due date")
    official_id: str | None = Field(None, description="An official id (e.g. KSeF)")


class PaymentReceived(_Event):
    event: Literal["paid"]
    amount: Amount = Field(description="The amount received, in the job's currency")
    invoice: str | None = Field(None, description="The invoice it pays (default: oldest open)")


class LetterSent(_WithFile):
    event: Literal["sent"]
    kind: Text = Field(description="The letter kind (see `contractkit letters`)")
    channel: LetterChannel = "email"
    message_id: str | None = Field(None, description="The .eml draft's Message-ID")


class WorkPaused(_Event):
    event: Literal["paused"]


class WorkResumed(_Event):
    event: Literal["resumed"]


class Hold(_Event):
    event: Literal["hold"]
    until: Day = Field(description="No reminders before this day")


class Closed(_Event):
    event: Literal["closed"]


Event = (
    MessageSent
    | Replied
    | Approved
    | InvoiceIssued
    | PaymentReceived
    | LetterSent
    | WorkPaused
    | WorkResumed
    | Hold
    | Closed
)
# The ``event:`` value of each kind of entry (as `contractkit log FOLDER <event>` takes it).
_MODELS: dict[str, type[_Event]] = {
    "message": MessageSent,
    "replied": Replied,
    "approved": Approved,
    "invoice": InvoiceIssued,
    "paid": PaymentReceived,
    "sent": LetterSent,
    "paused": WorkPaused,
    "resumed": WorkResumed,
    "hold": Hold,
    "closed": Closed,
}
EVENTS = tuple(_MODELS)

_HEADER = """\
# What happened on this job, oldest first. contractkit adds to it (`contractkit log`);
# you may fix or add entries by hand: each is checked when the file is read.
"""


def log_path(folder: Path) -> Path:
    return folder / LOG_FILE


def read_log(folder: Path) -> list[Event]:
    """Every entry of the folder's log (none if there is no log yet), validated."""
    path = log_path(folder)
    try:
        with path.open("rb") as f:
            raw = f.read(yamlsafe.MAX_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as e:
        raise JobError(f"{path}: cannot read: {e.strerror}") from None
    if len(raw) > yamlsafe.MAX_BYTES:
        raise JobError(f"{path}: too large for a log (over {yamlsafe.MAX_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise JobError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    return parse_log(text, str(path))


def parse_log(text: str, name: str) -> list[Event]:
    data, lines = read_yaml(text, name)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise JobError(f"{name}: a log is a list of entries, each starting with '- event:'")
    problems: list[str] = []
    entries: list[Event] = []
    for i, item in enumerate(data):
        where = f"entry {i + 1}"
        kind = item.get("event")
        model = _MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            line = lines.get((i,))
            problems.append(
                f"{where}{f' (line {line})' if line else ''}: event must be one of "
                f"{', '.join(EVENTS)}, got {kind!r}"
            )
            continue
        try:
            entries.append(model.model_validate(item))  # type: ignore[arg-type]
        except ValidationError as e:
            mine = {loc[1:]: n for loc, n in lines.items() if loc[:1] == (i,)}
            problems += [
                f"{where} ({kind}): {describe_problem(err, model, mine)}" for err in e.errors()
            ]
    if problems:
        raise JobError(f"{name}: {len(problems)} problem(s) in the log:", problems)
    return entries


_WORDS = frozenset({"event", "kind", "channel"})


def entry_text(entry: dict[str, Any]) -> str:
    """One entry as YAML text: user text as double-quoted JSON strings (valid YAML that no
    character can break out of), dates as ISO dates, amounts as plain decimals."""
    lines = []
    for n, (key, value) in enumerate((k, v) for k, v in entry.items() if v is not None):
        if key in _WORDS:  # from a fixed vocabulary: checked, shown bare
            shown = str(value)
        elif isinstance(value, date):
            shown = value.isoformat()
        elif isinstance(value, Decimal):
            shown = format(value, "f")
        else:
            shown = json.dumps(str(value), ensure_ascii=False)
        lines.append(f"{'- ' if n == 0 else '  '}{key}: {shown}")
    return "\n".join(lines) + "\n"


def appended(folder: Path, entry: dict[str, Any]) -> tuple[str, list[Event]]:
    """The log's text with ``entry`` added at the end, and its entries, checked whole:
    nothing is written if the result would not read back."""
    path = log_path(folder)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    except (OSError, UnicodeDecodeError) as e:
        raise JobError(f"{path}: cannot read: {e}") from None
    if text and not text.endswith("\n"):
        text += "\n"
    text += entry_text(entry)
    return text, parse_log(text, str(path))


def log_problems(entries: list[Event], currency_digits: int, kinds: tuple[str, ...]) -> list[str]:
    """What the entries say that cannot be right for this job (each with its entry)."""
    problems: list[str] = []
    invoices: dict[str, Decimal] = {}
    quantum = Decimal(1).scaleb(-currency_digits)
    for n, entry in enumerate(entries, start=1):
        where = f"entry {n} ({entry.event})"
        amount = getattr(entry, "amount", None)
        if amount is not None and amount != amount.quantize(quantum):
            problems.append(f"{where}: amount {amount} has more decimals than the currency has")
        if isinstance(entry, InvoiceIssued):
            if entry.number in invoices:
                problems.append(f"{where}: invoice {entry.number} is logged twice")
            invoices[entry.number] = entry.amount
        elif isinstance(entry, PaymentReceived) and entry.invoice is not None:
            if entry.invoice not in invoices:
                problems.append(f"{where}: no invoice {entry.invoice} is logged before it")
        elif isinstance(entry, LetterSent) and entry.kind not in kinds:
            problems.append(f"{where}: no letter kind {entry.kind!r}; known: {', '.join(kinds)}")
    return problems
