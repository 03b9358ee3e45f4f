"""How each kind of question reads answers and says no: amounts, shares, days, dates,
countries, currencies — and the optional clauses, offered one by one.

Why: the job file's messages name its keys ("pause_after_days (4) must be longer than
response_days (5)"); a person answering a question needs the same rule in the question's
words, with an example. Each helper returns the keyword arguments of
:meth:`contractkit.wizard.asker.Asker.ask` for one kind of answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import click

from contractkit.library.clauses import contract_clauses
from contractkit.money import Money
from contractkit.wizard.asker import Asker, note
from contractkit.wizard.fields import get, loc_of
from contractkit.wizard.parsing import (
    country_shown,
    currency_shown,
    date_shown,
    parse_country,
    parse_currency,
    parse_date,
    parse_money,
    parse_percent,
    parse_whole,
    typing_locale,
)

Kw = dict[str, Any]

# Plain words where the job file's description uses jargon, and examples for Enter.
YOU_WORDS: dict[str, Kw] = {
    "name": {"example": "Anna Kowalska"},
    "email": {"example": "anna@example.com"},
    "address": {
        "prompt": "Your postal address (it heads the contract, and invoices must show it)",
        "example": "ul. Długa 5, 00-238 Warszawa, Poland",
    },
}


def amount(currency: str, locale: str, example: str = "4800") -> Kw:
    def refuse(message: str) -> str:
        if "greater than 0" in message:
            return f"the fee must be more than 0, e.g. {example}"
        if "more decimals" in message:
            return f"{message}: type e.g. {example}"
        return f"{message}; e.g. {example}"

    return {
        "parse": lambda raw: parse_money(raw, currency, locale),
        "back": lambda v: Money.of(v, currency).format(locale),
        "refuse": refuse,
        "example": example,
    }


def percent(what: str, example: int) -> Kw:
    """A share in %: ``30``, ``30%``, ``30 %``."""
    return {
        "parse": parse_percent,
        "refuse": lambda _: f"{what} is a share from 0 to 100 %, e.g. {example} or {example} %",
        "example": f"{example} %",
    }


def whole(unit: str, example: int) -> Kw:
    """A whole number of days (or rounds), at least 1 where the model says so."""
    return {
        "parse": lambda raw: parse_whole(raw, unit, example),
        "refuse": lambda m: (
            f"type a whole number of {unit}"
            + (" of at least 1" if "positive" in m else "")
            + f", e.g. {example}"
        ),
        "example": str(example),
    }


def pause_days(a: Asker) -> Kw:
    """Work pauses only after the client's time to answer has run out."""
    kw = whole("business days", 10)
    plain_refuse: Callable[[str], str] = kw["refuse"]

    def refuse(message: str) -> str:
        if "longer than" in message:
            given = get(a.answers, loc_of("communication.response_days"), 5)
            return (
                f"work can pause only after the client's {given} business days to answer "
                f"have run out: type more than {given}, e.g. {int(given) * 2}"
            )
        return plain_refuse(message)

    return {**kw, "refuse": refuse}


def day(locale: str, after: Any = None) -> Kw:
    """A date as the terminal's locale orders it, shown back as the contract writes it."""
    typed_in = typing_locale(locale)

    def refuse(message: str) -> str:
        if "must be after" in message and isinstance(after, date):
            later = date_shown(after + timedelta(days=30), locale)
            start = date_shown(after, locale)
            return f"the deadline must come after the start ({start}): e.g. {later}"
        return "type a real date, e.g. 2026-12-01 or 1 December 2026"

    return {
        "parse": lambda raw: parse_date(raw, typed_in),
        "shown": lambda d: d.isoformat() if isinstance(d, date) else str(d),
        "back": lambda d: date_shown(d, locale) if isinstance(d, date) else str(d),
        "refuse": refuse,
        "example": "2026-12-01 or 1 December 2026",
    }


def country() -> Kw:
    return {
        "parse": parse_country,
        "back": country_shown,
        "example": "Poland, Polska or PL",
    }


def currency() -> Kw:
    return {
        "parse": parse_currency,
        "back": currency_shown,
        "example": "EUR, €, GBP, £, złoty",
    }


# -- review problems in words ----------------------------------------------------------------


def in_words(problem: str) -> str:
    """A whole-job problem (``where: message``) as the questions would say it."""
    where, _, message = problem.partition(": ")
    if "no statutory late-payment interest" in message:
        return (
            "the country you chose has no statutory late-payment interest contractkit can "
            "work out: choose a late fee in % a month instead"
        )
    if "choose one" in message and "statutory_interest" in message:
        return "choose either a late fee or statutory interest, not both"
    if "longer than" in message:
        return "work must pause later than the client's time to answer runs out"
    if "must be after start" in message:
        return "the deadline must come after the start"
    if "add up to 100" in message:
        return "the deposit and the payments must add up to 100 % of the fee"
    return problem if not where else f"{where.replace('_', ' ')}: {message}"


# -- optional clauses -------------------------------------------------------------------------


def clauses(a: Asker, again: bool) -> None:
    """Offer each optional clause (deemed approval first) with what it protects.

    The answer is kept as ``clauses.include`` / ``clauses.exclude`` (only where it differs
    from the library's default), the job file's own way of choosing clauses.
    """
    if a.has("clauses") and not again:
        return
    language = str(get(a.answers, ("language",), "en") or "en")
    optional = [c.meta for c in contract_clauses(language) if c.meta.optional]
    optional.sort(key=lambda m: (m.id != "approval", m.order))
    chosen = get(a.answers, ("clauses",), {}) or {}
    if isinstance(chosen, list):  # the job file's short form: [approval, -liability]
        chosen = {
            "include": [str(c) for c in chosen if not str(c).startswith("-")],
            "exclude": [str(c)[1:] for c in chosen if str(c).startswith("-")],
        }
    include, exclude = list(chosen.get("include", [])), list(chosen.get("exclude", []))
    if not a.interactive:
        a.set("clauses", {"include": include, "exclude": exclude})
        return
    note("Optional clauses: each protects something; the usual choice is offered.")
    for meta in optional:
        wanted = meta.id in include or (meta.default and meta.id not in exclude)
        click.echo(f"  {meta.title}: {meta.purpose}")
        keep = click.confirm(f"  Include “{meta.title}”?", default=wanted)
        include = [c for c in include if c != meta.id]
        exclude = [c for c in exclude if c != meta.id]
        if keep and not meta.default:
            include.append(meta.id)
        elif not keep and meta.default:
            exclude.append(meta.id)
    a.set("clauses", {"include": include, "exclude": exclude})
