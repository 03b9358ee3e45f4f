"""Shared option parsing for the commands."""

from __future__ import annotations

import re
from datetime import date

import click


def as_of(value: str | None) -> date:
    """``--as-of`` or today: the one place a command reads the clock."""
    if value is None:
        return date.today()
    return parse_date(value)


def parse_date(value: str) -> date:
    from contractkit.job.limits import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"must be a date as YYYY-MM-DD, got {value!r}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise click.BadParameter(f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def check_language(language: str) -> str:
    """A --language value that the library has, or a usage error listing those it has."""
    from contractkit.paths import languages

    if language not in languages():
        raise click.BadParameter(
            f"choose one of: {', '.join(languages())}", param_hint="--language"
        )
    return language


# A fact of a letter → the option that gives it. Messages below cli/ name facts as
# ``facts.<name>``; :func:`flags_for_facts` shows them as these options instead.
FLAGS: dict[str, str] = {
    "sent": "--sent",
    "invoice": "--invoice",
    "amount": "--amount",
    "paid": "--paid",
    "invoiced": "--invoiced",
    "due": "--due",
    "invoice_date": "--invoice-date",
    "work": "--work",
    "work_value": "--work-value",
    "as_of": "--as-of",
    "deadline": "--deadline",
    "deadline_days": "--deadline-days",
    "reference_rate": "--reference-rate",
    "eur_rate": "--eur-rate",
    "fx_rate": "--fx-rate",
}


def flags_for_facts(line: str) -> str:
    """A message from below ``cli/`` with each ``facts.<name>`` shown as its option."""
    return re.sub(r"\bfacts\.([a-z_]+)\b", lambda m: FLAGS.get(m[1], m[0]), line)
