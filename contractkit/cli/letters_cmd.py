"""`contractkit letter`, `contractkit letters` and `contractkit timeline`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from contractkit.cli.options import FLAGS, check_language, parse_date
from contractkit.cli.options import as_of as _as_of


def _date(value: str | None) -> Any:
    return parse_date(value) if value is not None else None


@click.command()
@click.argument("kind")
@click.argument("job", type=click.Path(path_type=Path))
@click.option("--sent", metavar="DATE", help="Date of your unanswered message.")
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
@click.option("--invoiced", metavar="AMOUNT", help="Invoiced before (kill-fee letter).")
@click.option("--due", metavar="DATE", help="The invoice's due date.")
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
    sent: str | None,
    invoice: str | None,
    amount: str | None,
    paid: tuple[str, ...],
    invoiced: str | None,
    due: str | None,
    as_of: str | None,
    deadline: str | None,
    deadline_days: int | None,
    reference_rate: str | None,
    eur_rate: str | None,
    fx_rate: str | None,
    out: Path | None,
    force: bool,
    template: Path | None,
    attach: tuple[Path, ...],
) -> None:
    """Write one letter KIND for JOB with the facts of the day (see `contractkit letters`)."""
    from contractkit.app.letters import letter_bytes, make_letter
    from contractkit.job.reader import load_job
    from contractkit.output import write_file

    fmt = _output_format(out, attach, template)
    loaded = load_job(job)
    facts = _facts(
        loaded.payment.currency,
        sent=_date(sent),
        invoice=" ".join(invoice.split()) if invoice else None,
        amount=amount,
        paid=paid,
        invoiced=invoiced,
        due=_date(due),
        as_of=_as_of(as_of),
        deadline=_date(deadline),
        deadline_days=deadline_days,
        reference_rate=reference_rate,
        eur_rate=eur_rate,
        fx_rate=fx_rate,
    )
    rendered = make_letter(loaded, kind, facts)
    typed = [("facts.invoice", facts.invoice)] if facts.invoice else []
    data = letter_bytes(rendered, loaded, fmt, template=template, attach=attach, typed=typed)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    write_file(out, data, force=force)
    click.echo(f"wrote {out}")


def _output_format(out: Path | None, attach: tuple[Path, ...], template: Path | None) -> str:
    """The letter's format from the output's suffix (.txt on stdout without -o); options
    that only one format uses are refused with any other, never silently ignored."""
    from contractkit.app.letters import LETTER_FORMATS

    fmt = "txt"
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


def _facts(currency: str, **given: Any) -> Any:
    """The letter's facts from the options: amounts in the job's currency, rates checked."""
    from contractkit.job.facts import Facts, parse_money, parse_percent, parse_rate

    for name in ("amount", "invoiced"):
        if given[name] is not None:
            given[name] = parse_money(given[name], currency, f"facts.{name}")
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
    """List the letter kinds and when to use each."""
    from contractkit.library.letters import letter_library

    for lt in letter_library(check_language(language)):
        m = lt.meta
        needs = " ".join(FLAGS[n] for n in m.needs)
        click.echo(f"{m.id:<18} {m.title}{f'  (needs {needs})' if needs else ''}")
        click.echo(f"{'':<18} {m.purpose}")


@click.command()
@click.argument("job", type=click.Path(path_type=Path))
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
    """Lay out the escalation steps and their dates on your country's business days."""
    from contractkit.app.letters import timeline_ics
    from contractkit.job.reader import load_job
    from contractkit.law.timeline import contract_steps, escalation, steps_json
    from contractkit.output import write_file

    loaded = load_job(job)
    day = _as_of(as_of)
    if sent is None and due is None:
        steps = contract_steps(loaded)
    else:
        steps = escalation(loaded, sent=_date(sent), due=_date(due), phase=phase)
    if ics is not None:
        write_file(ics, timeline_ics(loaded, steps, day), force=force)
    if as_json:
        click.echo(json.dumps(steps_json(steps), ensure_ascii=False, indent=2))
        return
    title_w = max((len(s.title) for s in steps), default=0)
    channel_w = max((len(s.channel_words) for s in steps), default=0)
    for s in steps:
        click.echo(
            f"{s.date.isoformat()}  {s.title:<{title_w}}  {s.channel_words:<{channel_w}}  {s.note}"
        )
    if ics is not None:
        click.echo(f"wrote {ics}")
