"""Statutory late-payment interest and compensation, read from the country's law record.

Why: which rule applies (a business client's statute, a consumer's, or none), which
reference rate on which day, how the days split into rate periods and which fixed
compensation is due are all facts of law kept in ``clauses/law.yaml``; this module only
interprets them. A rate or an exchange rate the tables cannot give is refused with the
day, the source and the fact to give: a demand letter never guesses a figure.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from contractkit.errors import ContractkitError, MissingFactError
from contractkit.job.facts import Facts
from contractkit.job.model import Job
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.interest import LateCharge, Period, contractual, lines_for
from contractkit.law.rates import RateSeries, series, stale, user_rates_path
from contractkit.law.records import Country, Rule, law_book
from contractkit.money import Money


def country_of(job: Job) -> Country | None:
    return law_book().country(job.law.country)


def rule_for(job: Job) -> Rule | None:
    """The statutory interest rule for this client, or None (no statute, or a consumer
    where the law gives a consumer none)."""
    if not job.payment.statutory_interest:
        return None
    country = country_of(job)
    return country.rule(job.client.kind) if country else None


def law_calendar(job: Job) -> BusinessCalendar:
    """The governing law's calendar: where the law moves a due date, it moves it on this."""
    country = country_of(job)
    cal = country.calendar if country else None
    if cal is None:
        return BusinessCalendar(job.law.country)
    return BusinessCalendar(cal.country, cal.subdiv)


def first_late_day(job: Job, due: date) -> date:
    """The first day of delay: the day after the due date, moved where the law moves it."""
    country = country_of(job)
    if country is not None and country.due_shift == "next_working_day":
        due = law_calendar(job).on_or_after(due)
    return due + timedelta(days=1)


def late_charge(job: Job, facts: Facts, language: str = "en") -> LateCharge | None:
    """The late fee or interest the contract provides for, or None if it provides none."""
    assert facts.due is not None and facts.as_of is not None and facts.amount is not None
    first = first_late_day(job, facts.due)
    monthly = job.payment.late_fee_percent_per_month
    if monthly is not None:
        return contractual(facts, monthly, first)
    rule = rule_for(job)
    if rule is None:
        return None
    return statutory(job, rule, facts, first, language)


def rate_series(job: Job, rule: Rule) -> tuple[str, RateSeries]:
    """The rule's reference series; a foreign-currency debt under an ``issuer`` rule uses
    the rate of the central bank that issues its currency."""
    country = country_of(job)
    currency = job.payment.currency
    if rule.foreign == "issuer" and country is not None and currency != country.local:
        key = law_book().issuers.get(currency)
        if key is None:
            raise MissingFactError(
                f"interest on a debt in {currency} follows the base rate of the central bank "
                f"issuing {currency}, which contractkit has no table for; give "
                "facts.reference_rate"
            )
        return key, series(key)
    return rule.series, series(rule.series)


def periods(rule: Rule, found: RateSeries, facts: Facts, first: date) -> list[Period]:
    """The rate periods from ``first`` to the letter's date, each with its rate."""
    assert facts.as_of is not None
    last = facts.as_of
    if last < first:
        return []
    spans: list[tuple[date, date, date]] = []  # start, end, reference day
    if rule.period == "fixed_per_debt":
        if rule.reference == "half_start":
            ref = date(first.year, 1 if first.month <= 6 else 7, 1)
        else:
            ref = date(first.year - 1, 12, 31) if first.month <= 6 else date(first.year, 6, 30)
        spans.append((first, last, ref))
    elif rule.period == "half_year":
        start = first
        while start <= last:
            half = date(start.year, 1 if start.month <= 6 else 7, 1)
            nxt = date(half.year, 7, 1) if half.month == 1 else date(half.year + 1, 1, 1)
            spans.append((start, min(last, nxt - timedelta(days=1)), half))
            start = nxt
    else:  # daily: the rate in force on each day
        cuts = found.changes_between(first, last)
        if facts.reference_rate is not None and first <= found.checked < last:
            cuts = sorted({*cuts, found.checked + timedelta(days=1)})
        starts = [first, *cuts]
        ends = [c - timedelta(days=1) for c in cuts] + [last]
        spans += [(s, e, s if e <= found.checked else e) for s, e in zip(starts, ends, strict=True)]
    unknown = sorted({ref for _, _, ref in spans if found.rate_on(ref) is None})
    if facts.reference_rate is not None and len(unknown) > 1:
        raise one_rate_for_many(found, unknown)
    return [_period(rule, found, facts, *span) for span in spans]


def one_rate_for_many(found: RateSeries, days: list[date]) -> MissingFactError:
    """One given rate cannot stand for two rate periods: the rate may have changed between
    them, and a letter must never claim interest at a rate that was not in force."""
    named = ", ".join(d.isoformat() for d in days)
    return MissingFactError(
        f"the interest runs over {len(days)} rate periods whose {found.name} is not in the "
        f"rates table ({named}); one facts.reference_rate cannot stand for them all: look "
        f"each up at {found.source} and add them as rows to {user_rates_path()}"
    )


def _period(
    rule: Rule, found: RateSeries, facts: Facts, start: date, end: date, ref: date
) -> Period:
    rate = found.rate_on(ref)
    supplied = rate is None
    if rate is None:
        if facts.reference_rate is None:
            raise stale(found, ref)
        rate = facts.reference_rate
    return Period(start, end, rate + rule.margin, rate, ref, supplied)


def statutory(job: Job, rule: Rule, facts: Facts, first: date, language: str) -> LateCharge:
    assert facts.amount is not None
    key, found = rate_series(job, rule)
    lines = tuple(lines_for(facts, periods(rule, found, facts, first), first))
    days = sum(ln.days for ln in lines)
    fixed, due, how, rate = (
        _compensation(job, rule, facts, language) if days else (None, None, "", None)
    )
    return LateCharge(
        basis="statutory",
        principal=facts.balance,
        days=days,
        lines=lines,
        interest=sum((ln.amount for ln in lines), Money(0, facts.amount.currency)),
        first_late=first,
        statute=rule.name(language),
        margin=rule.margin,
        rate_name=found.name,
        series=key,
        compensation=fixed,
        compensation_due=due,
        conversion=how,
        euro_rate=rate,
    )


def _rates(job: Job, facts: Facts) -> dict[str, Decimal]:
    """Known rates: units of the law's local currency per 1 unit of each currency."""
    country = country_of(job)
    local = country.local if country else job.payment.currency
    known = {local: Decimal(1)}
    if facts.eur_rate is not None:
        known["EUR"] = facts.eur_rate
    if facts.fx_rate is not None:
        known[job.payment.currency] = facts.fx_rate
    return known


def convert(value: Money, to: str, known: dict[str, Decimal]) -> Money | None:
    """``value`` in currency ``to`` through the local currency, if the rates are known."""
    if value.currency == to:
        return value
    if value.currency not in known or to not in known:
        return None
    return Money.of(value.amount * known[value.currency] / known[to], to)


def _need(job: Job, currency: str) -> MissingFactError:
    country = country_of(job)
    local = country.local if country else "?"
    fact = "facts.eur_rate" if currency == "EUR" else "facts.fx_rate"
    return MissingFactError(
        f"the fixed compensation needs the invoice valued in {local}; give {fact} "
        f"({local} per 1 {currency} at the rate the law names)"
    )


def _compensation(
    job: Job, rule: Rule, facts: Facts, language: str
) -> tuple[Money | None, Money | None, str, Decimal | None]:
    """The fixed compensation (statute's currency), in the invoice's currency if known,
    the conversion the law names, and the rate used (units per 1 EUR)."""
    comp = rule.compensation
    if comp is None:
        return None, None, "", None
    assert facts.amount is not None
    known = _rates(job, facts)
    country = country_of(job)
    if len(comp.tiers) == 1:
        amount = comp.tiers[0].amount
    else:
        tiers_in = comp.tiers_in or (country.local if country else facts.amount.currency)
        valued = convert(facts.amount, tiers_in, known)
        if valued is None:
            missing = facts.amount.currency if facts.amount.currency not in known else tiers_in
            raise _need(job, missing)
        amount = comp.tier(valued.amount)
    fixed = Money.of(amount, comp.currency)
    due = convert(fixed, job.payment.currency, known)
    how = ""
    rate: Decimal | None = None
    if due is not None and due.currency != fixed.currency:
        if "EUR" not in (fixed.currency, due.currency):
            return fixed, None, "", None  # the letters state rates to the euro only
        other = due.currency if fixed.currency == "EUR" else fixed.currency
        rate = known["EUR"] / known[other]  # units of the other currency per 1 EUR
        how = comp.conversion.get(language) or comp.conversion.get("en", "")
    return fixed, due, how, rate


def refuse_unknown_statute(job: Job) -> None:
    if job.payment.statutory_interest and country_of(job) is None:
        raise ContractkitError(
            f"contractkit knows no statutory late-payment rule for {job.law.country}; "
            "set payment.late_fee_percent_per_month in the job instead"
        )
