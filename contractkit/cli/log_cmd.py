"""`contractkit log FOLDER [EVENT ...]`: record what happened on a job, or show it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from contractkit.cli.complete import job_folders, letter_kinds
from contractkit.cli.options import as_of as _as_of
from contractkit.cli.options import parse_date

_ON = click.option("--on", "on", metavar="DATE", help="The day it happened. Default: today.")
_CHANNEL = click.option(
    "--channel",
    type=click.Choice(["email", "post", "registered-post", "phone"]),
    default="email",
    show_default=True,
    help="How it was sent.",
)


_FILE = click.option(
    "--file",
    "file_",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The file itself, inside the job folder (its SHA-256 is kept, for the evidence pack).",
)


def _file_fields(ctx: click.Context, file_: Path | None) -> dict[str, str | None]:
    """``file`` (relative to the job folder) and ``sha256`` of a file given with --file."""
    if file_ is None:
        return {"file": None, "sha256": None}
    from contractkit.job.folder import home_of, sha256

    folder: Path = ctx.obj
    home = folder if folder.is_dir() else home_of(folder) or folder.parent
    try:
        relative = file_.resolve().relative_to(home.resolve())
    except ValueError:
        raise click.BadParameter(
            f"{file_} is outside the job folder {home}; copy it into the folder first",
            param_hint="--file",
        ) from None
    try:
        digest = sha256(file_.read_bytes())
    except OSError as e:
        raise click.BadParameter(f"cannot read {file_}: {e.strerror}") from None
    return {"file": relative.as_posix(), "sha256": digest}


@click.group(invoke_without_command=True)
@click.argument(
    "folder", type=click.Path(path_type=Path, file_okay=True), shell_complete=job_folders
)
@click.pass_context
def log(ctx: click.Context, folder: Path) -> None:
    """Record what happened on the job in FOLDER (its log.yaml), or show the log.

    \b
    Examples:
      contractkit log "acme" invoice INV-7 1200 --due 2027-01-15
      contractkit log "acme" paid 500 --on 2027-01-20 --invoice INV-7
      contractkit log "acme" sent payment-reminder --channel email
      contractkit log "acme" replied
      contractkit log "acme"                      show what is logged
    """
    ctx.obj = folder
    if ctx.invoked_subcommand is None:
        _show(folder)


def _show(folder: Path) -> None:
    from contractkit.job.folder import home_of
    from contractkit.job.log import read_log

    home = folder if folder.is_dir() else home_of(folder) or folder
    entries = read_log(home)
    if not entries:
        click.echo(f"Nothing logged yet in {home}. See: contractkit log --help")
        return
    for entry in entries:
        details = entry.model_dump(exclude={"on", "event"}, exclude_none=True, mode="json")
        shown = "  ".join(f"{k}={v}" for k, v in details.items())
        click.echo(f"{entry.on.isoformat()}  {entry.event:<9} {shown}".rstrip())


def _record(ctx: click.Context, event: str, on: str | None, **fields: Any) -> None:
    from contractkit.app.followup import log_event

    folder: Path = ctx.obj
    entry = {"event": event, "on": parse_date(on) if on else _as_of(None), **fields}
    path = log_event(folder, entry)
    click.echo(f"logged {event} on {entry['on'].isoformat()} in {path}")


def _amount(text: str) -> Any:
    from contractkit.money import parse_amount

    try:
        return parse_amount(text)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@log.command()
@click.argument("number")
@click.argument("amount")
@click.option("--due", required=True, metavar="DATE", help="The invoice's due date.")
@click.option("--official-id", metavar="ID", help="An official invoice id, if any.")
@_FILE
@_ON
@click.pass_context
def invoice(
    ctx: click.Context,
    number: str,
    amount: str,
    due: str,
    official_id: str | None,
    file_: Path | None,
    on: str | None,
) -> None:
    """An invoice was issued: NUMBER for AMOUNT, due on --due."""
    _record(
        ctx,
        "invoice",
        on,
        number=" ".join(number.split()),
        amount=_amount(amount),
        due=parse_date(due),
        official_id=official_id,
        **_file_fields(ctx, file_),
    )


@log.command()
@click.argument("amount")
@click.option("--invoice", "invoice_no", metavar="NUMBER", help="The invoice it pays.")
@_ON
@click.pass_context
def paid(ctx: click.Context, amount: str, invoice_no: str | None, on: str | None) -> None:
    """A payment of AMOUNT was received (part payments too)."""
    _record(ctx, "paid", on, amount=_amount(amount), invoice=invoice_no)


@log.command()
@click.argument("kind", shell_complete=letter_kinds)
@_CHANNEL
@_FILE
@_ON
@click.pass_context
def sent(ctx: click.Context, kind: str, channel: str, file_: Path | None, on: str | None) -> None:
    """A letter of KIND was sent (see `contractkit letters`)."""
    _record(ctx, "sent", on, kind=kind, channel=channel, **_file_fields(ctx, file_))


@log.command()
@click.argument("what")
@_CHANNEL
@_ON
@click.pass_context
def message(ctx: click.Context, what: str, channel: str, on: str | None) -> None:
    """You sent a message asking for WHAT (feedback, an approval, a decision)."""
    _record(ctx, "message", on, what=what, channel=channel)


@log.command()
@_ON
@click.pass_context
def replied(ctx: click.Context, on: str | None) -> None:
    """The client replied (the silence clocks start again)."""
    _record(ctx, "replied", on)


@log.command()
@click.argument("what", required=False)
@_ON
@click.pass_context
def approved(ctx: click.Context, what: str | None, on: str | None) -> None:
    """The client approved WHAT (a milestone, a draft)."""
    _record(ctx, "approved", on, what=what)


@log.command()
@_ON
@click.pass_context
def paused(ctx: click.Context, on: str | None) -> None:
    """You paused the work."""
    _record(ctx, "paused", on)


@log.command()
@_ON
@click.pass_context
def resumed(ctx: click.Context, on: str | None) -> None:
    """You resumed the work."""
    _record(ctx, "resumed", on)


@log.command()
@click.argument("until")
@_ON
@click.pass_context
def hold(ctx: click.Context, until: str, on: str | None) -> None:
    """No reminders before UNTIL (the client asked for time)."""
    _record(ctx, "hold", on, until=parse_date(until))


@log.command()
@_ON
@click.pass_context
def closed(ctx: click.Context, on: str | None) -> None:
    """The job is over: nothing more to send."""
    _record(ctx, "closed", on)
