"""`contractkit letter`, `contractkit letters` and `contractkit timeline`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from contractkit.cli.complete import job_folders, letter_kinds
from contractkit.cli.options import FLAGS, check_language, parse_date
from contractkit.cli.options import as_of as _as_of


def _date(value: str | None) -> Any:
    return parse_date(value) if value is not None else None


_LETTER_EXAMPLES = """\b
Examples:
  contractkit letter payment-reminder "acme" -o "acme/sent/reminder.eml" --log
  contractkit letter overdue-30 job.yaml --invoice INV-7 --amount 1200 \\
      --due 2027-01-15 --paid 500@2027-01-20 -o overdue.pdf
  contractkit letter final-notice "acme" --imap-draft     (into your Drafts folder)
Dates are YYYY-MM-DD. The kinds: `contractkit letters`."""


class _LetterCommand(click.Command):
    """`letter --help` ends with the kinds of letter and what each is for."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        from contractkit.library.letters import letter_library

        with formatter.section("Kinds (KIND)"):
            formatter.write_dl([(lt.meta.id, lt.meta.title) for lt in letter_library("en")])


@click.command(cls=_LetterCommand, epilog=_LETTER_EXAMPLES)
@click.argument("kind", shell_complete=letter_kinds)
@click.argument("job", type=click.Path(path_type=Path), shell_complete=job_folders)
@click.option(
    "--sent",
    metavar="DATE",
    help="Date of your unanswered message (kill-fee: of your work-paused notice; "
    "termination-non-payment: of your request to pay sent as a formal notice, such as an "
    "overdue notice).",
)
@click.option("--invoice", metavar="NO", help="Invoice number.")
@click.option(
    "--amount",
    metavar="AMOUNT",
    help="The invoiced amount, before any payment (kill-fee: work to date).",
)
@click.option(
    "--paid",
    metavar="AMOUNT[@DATE]",
    multiple=True,
    help="A payment received against it, with its date if known. Repeatable.",
)
@click.option(
    "--invoiced", metavar="AMOUNT", help="Invoiced so far (kill fee, termination-non-payment)."
)
@click.option("--due", metavar="DATE", help="The invoice's due date.")
@click.option("--invoice-date", metavar="DATE", help="The invoice's date (its issue day).")
@click.option(
    "--work",
    metavar="AMOUNT",
    help="Work done since the last invoice, not invoiced yet (termination-non-payment).",
)
@click.option(
    "--work-value",
    metavar="AMOUNT",
    help="The value of all work done up to the end (termination: the deposit refund).",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Date of the letter. Default: today.")
@click.option("--deadline", metavar="DATE", help="Reply or pay by (moved onto a business day).")
@click.option(
    "--deadline-days", type=click.IntRange(min=1, max=365), help="... or N business days on."
)
@click.option("--reference-rate", metavar="PCT", help="Central-bank reference rate, percent.")
@click.option(
    "--eur-rate", metavar="RATE", help="Local currency per 1 EUR (statutory compensation)."
)
@click.option(
    "--fx-rate",
    metavar="RATE",
    help="Local currency per 1 unit of the invoice's currency, at the rate the law names.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Output file: .pdf .docx .txt or .eml. Default: the text on stdout.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--imap-draft",
    is_flag=True,
    help="Put the e-mail draft into your Drafts folder over IMAP (see `contractkit imap`).",
)
@click.option(
    "--bcc-me", is_flag=True, help="A .eml draft also goes to you (Bcc), for your records."
)
@click.option(
    "--log",
    "log_it",
    is_flag=True,
    help="Record the letter as sent in the job folder's log (with its SHA-256).",
)
@click.option(
    "--channel",
    type=click.Choice(["email", "post", "registered-post", "phone"]),
    default="email",
    show_default=True,
    help="How the letter goes out (with --log).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your own .docx template.",
)
@click.option(
    "--attach",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A file to attach to the .eml (e.g. the invoice). Repeatable.",
)
def letter(
    kind: str,
    job: Path,
    invoice: str | None,
    out: Path | None,
    force: bool,
    imap_draft: bool,
    bcc_me: bool,
    log_it: bool,
    channel: str,
    template: Path | None,
    attach: tuple[Path, ...],
    **given: Any,
) -> None:
    """Write one letter KIND for JOB with the facts of the day (see `contractkit letters`).

    In a job folder with a log (`contractkit log`), the facts come from the log: the
    invoice, its amount, due date and payments, the unanswered message. Options win.
    """
    from contractkit.app.letters import letter_bytes, make_letter
    from contractkit.job.reader import load_job

    fmt = _output_format(out, attach, template, log_it, imap_draft)
    account = _imap_account() if imap_draft else None
    loaded = load_job(job)
    logged = _from_log(job, kind, invoice, loaded.language, log_it)
    for name in ("sent", "due", "invoice_date", "deadline"):  # the date options: the rest
        given[name] = _date(given[name])  # (amounts, rates) are parsed in _facts
    given["as_of"] = _as_of(given["as_of"])
    invoice = " ".join(invoice.split()) if invoice else None
    facts = _facts(loaded.payment.currency, logged, invoice=invoice, **given)
    typed = [("facts.invoice", facts.invoice)] if facts.invoice else []
    made = make_letter(loaded, kind, facts)
    data = letter_bytes(made, loaded, fmt, template=template,
                        attach=attach, typed=typed, bcc_self=bcc_me)  # fmt: skip
    _note_blanks(made, loaded)
    _deliver(data, out, force, account)
    if log_it and out is not None:
        _log_sent(job, kind, out, data, channel, facts.as_of)


def _note_blanks(letter: Any, job: Any) -> None:
    """Say on stderr which blanks the letter still has: never sent unnoticed."""
    from contractkit.app.letters import blanks_left

    left = blanks_left(letter, job)
    if left:
        click.echo(
            f"note: fill in {', '.join(left)} before sending, or give the facts "
            "(`contractkit letters` lists each letter's options)",
            err=True,
        )


def _deliver(data: bytes, out: Path | None, force: bool, account: Any) -> None:
    """To the file, into the Drafts folder, or (neither asked) on stdout."""
    from contractkit.output import write_file

    if out is None and account is None:
        sys.stdout.write(data.decode("utf-8"))
    if out is not None:
        write_file(out, data, force=force)
        click.echo(f"wrote {out}")
    if account is not None:
        _put_draft(account, data)


def _imap_account() -> Any:
    """The profile's IMAP settings, read before anything is written or asked."""
    from contractkit.app.imap import imap_settings

    return imap_settings()


def _put_draft(account: Any, data: bytes) -> None:
    from contractkit.app.imap import put_draft
    from contractkit.cli.imap_cmd import with_password

    folder = with_password(account, lambda password: put_draft(account, password, data))
    click.echo(f"put the draft into {folder!r} on {account.server} as {account.user}")


def _log_sent(job: Path, kind: str, out: Path, data: bytes, channel: str, day: Any) -> None:
    from contractkit.app.followup import record_sent
    from contractkit.job.folder import home_of, job_file

    home = home_of(job_file(job))
    assert home is not None  # a folder was required with --log
    record_sent(home, kind, out, data, channel, day)
    click.echo(f"logged it as sent in {home / 'log.yaml'}")


def _output_format(
    out: Path | None,
    attach: tuple[Path, ...],
    template: Path | None,
    log_it: bool,
    imap_draft: bool = False,
) -> str:
    """The letter's format from the output's suffix (.txt on stdout without -o, .eml for
    an IMAP draft); options that only one format uses are refused with any other, never
    silently ignored."""
    from contractkit.app.letters import LETTER_FORMATS

    if log_it and out is None:
        raise click.BadParameter("to log the letter as sent, write it to a file", param_hint="-o")
    if imap_draft and out is not None and out.suffix.lower() != ".eml":
        raise click.BadParameter(
            "--imap-draft makes an e-mail draft: end the file name in .eml, or leave -o out",
            param_hint="-o",
        )
    fmt = "eml" if imap_draft else "txt"
    if out is not None:
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in LETTER_FORMATS:
            raise click.BadParameter(
                f"the file name must end in {', '.join('.' + f for f in LETTER_FORMATS)}",
                param_hint="-o",
            )
    if attach and fmt != "eml":
        raise click.BadParameter(
            "attachments go with an e-mail draft: write the letter to a .eml file",
            param_hint="--attach",
        )
    if template is not None and fmt != "docx":
        raise click.BadParameter(
            "a .docx template shapes a .docx letter: write the letter to a .docx file",
            param_hint="--template",
        )
    return fmt


def _from_log(
    job: Path, kind: str, invoice: str | None, language: str, log_it: bool
) -> dict[str, Any]:
    """The facts the job folder's log holds for this letter (none without a log)."""
    from contractkit.app.followup import log_facts
    from contractkit.job.folder import LOG_FILE, home_of, job_file
    from contractkit.library.letters import find_letter

    home = home_of(job_file(job))
    if home is None:
        if log_it:
            raise click.BadParameter(
                "only a job folder has a log: give the folder (or its job.yaml)",
                param_hint="--log",
            )
        return {}
    if not (home / LOG_FILE).is_file():
        return {}
    _, found = find_letter(language, kind)
    invoice = " ".join(invoice.split()) if invoice else None
    if kind == "termination-non-payment":
        from contractkit.app.letters import breach_log_facts

        return breach_log_facts(home, invoice)
    return log_facts(home, found.meta.phase, invoice)


def _print_steps(steps: list[Any]) -> None:
    """One block per step, wrapped to the terminal; a condition shared by the steps that
    follow ("If Website launched is unpaid") is said once, above them."""
    import shutil
    import textwrap

    width = max(60, min(shutil.get_terminal_size().columns, 100))
    title_w = max((len(s.title) for s in steps), default=0)
    condition = ""
    for s in steps:
        if s.condition != condition:
            condition = s.condition
            if condition:
                click.echo(f"{condition}:")
        head = f"{s.date.isoformat()}  {s.title:<{title_w}}  ({s.channel_words})"
        click.echo(head)
        indent = " " * 12
        for line in textwrap.wrap(s.detail or s.note, width - len(indent)):
            click.echo(indent + line)


def _facts(currency: str, logged: dict[str, Any], **given: Any) -> Any:
    """The letter's facts: each option given, else what the log holds; amounts in the
    job's currency, rates checked."""
    from contractkit.job.facts import Facts, Payment, parse_money, parse_percent, parse_rate
    from contractkit.money import Money

    for name in ("sent", "invoice", "due", "invoice_date"):
        if given[name] is None and name in logged:
            given[name] = logged[name]
    for name in ("amount", "invoiced", "work", "work_value"):
        if given[name] is None and name in logged:
            given[name] = Money.of(logged[name], currency)
        elif given[name] is not None:
            given[name] = parse_money(given[name], currency, f"facts.{name}")
    if not given["paid"] and logged.get("payments"):
        given["payments"] = tuple(
            Payment(amount=Money.of(a, currency), on=on) for a, on in logged["payments"]
        )

    paid = given.pop("paid")
    if paid:
        given["payments"] = tuple(_payment(p, currency) for p in paid)
    if given["reference_rate"] is not None:
        given["reference_rate"] = parse_percent(given["reference_rate"], "facts.reference_rate")
    for name in ("eur_rate", "fx_rate"):
        if given[name] is not None:
            given[name] = parse_rate(given[name], f"facts.{name}")
    return Facts(**given)


def _payment(text: str, currency: str) -> Any:
    """``AMOUNT`` or ``AMOUNT@DATE``: a payment, dated when the date is given."""
    from contractkit.job.facts import Payment, parse_money

    amount, at, day = text.partition("@")
    on = parse_date(day.strip()) if at else None
    return Payment(amount=parse_money(amount.strip(), currency, "facts.paid"), on=on)


@click.command()
@click.option("--language", default="en", show_default=True, help="Library language.")
def letters(language: str) -> None:
    """List the letter kinds, when to use each, and the facts each needs.

    \b
    Example:
      contractkit letters --language pl
    """
    from contractkit.library.letters import letter_library

    for lt in letter_library(check_language(language)):
        m = lt.meta
        needs = " ".join(FLAGS[n] for n in m.needs)
        click.echo(f"{m.id:<24} {m.title}{f'  (needs {needs})' if needs else ''}")
        click.echo(f"{'':<24} {m.purpose}")


@click.command()
@click.argument("job", type=click.Path(path_type=Path), shell_complete=job_folders)
@click.option("--sent", metavar="DATE", help="Your unanswered message (negotiating, mid-project).")
@click.option("--due", metavar="DATE", help="The unpaid invoice's due date (payment).")
@click.option(
    "--phase",
    type=click.Choice(["negotiating", "mid-project"]),
    help="What --sent was about. Default: negotiating before the project starts, else mid-project.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Stamp for the .ics. Default: today.")
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
@click.option("--ics", type=click.Path(path_type=Path, dir_okay=False), help="Write a calendar.")
@click.option("--force", is_flag=True, help="Replace the .ics if it exists.")
def timeline(
    job: Path,
    sent: str | None,
    due: str | None,
    phase: str | None,
    as_of: str | None,
    as_json: bool,
    ics: Path | None,
    force: bool,
) -> None:
    """Lay out the escalation steps and their dates on your country's business days.

    \b
    Examples:
      contractkit timeline "acme"                       the contract's payment steps
      contractkit timeline "acme" --due 2027-01-15      an unpaid invoice's steps
      contractkit timeline "acme" --ics acme.ics        the whole calendar, from the log
    """
    from contractkit.app.letters import job_calendar, timeline_ics
    from contractkit.job.reader import load_job
    from contractkit.law.timeline import contract_steps, escalation, steps_json
    from contractkit.output import write_file

    loaded = load_job(job)
    day = _as_of(as_of)
    if sent is None and due is None:
        steps = contract_steps(loaded)
        if ics is not None:  # the whole calendar, from the job folder's log if it has one
            write_file(ics, job_calendar(job, loaded, day), force=force)
    else:
        steps = escalation(loaded, sent=_date(sent), due=_date(due), phase=phase)
        if ics is not None:
            write_file(ics, timeline_ics(loaded, steps, day), force=force)
    if as_json:
        click.echo(json.dumps(steps_json(steps), ensure_ascii=False, indent=2))
        return
    _print_steps(steps)
    if ics is not None:
        click.echo(f"wrote {ics}")
