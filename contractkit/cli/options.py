"""Shared option parsing for the commands."""

from __future__ import annotations

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
