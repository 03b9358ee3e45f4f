"""Interest arithmetic: rate periods, partial payments on their dates, the lines of working.

Why: a letter that claims money must show how the figure was reached, line by line, so a
lawyer (or the client) can check each with a calculator. Interest is simple interest pro
rata per day, counted from the day after the due date (after the law's due-date shift)
up to and including the letter's date, on a 365-day year (leap years too). The days are
split wherever the rate or the balance changes: each piece is one line,
principal × annual rate × days ÷ 365. A payment received on day D reduces the balance
from D + 1 (the debt was outstanding on D); a payment given without a date is treated as
received before the first late day, which can only understate what is owed, and it is
applied to the principal (never to interest first), which understates it too.

The total is the exact sum of the lines rounded half-up to the minor unit; each line
shows its exact amount rounded so that the lines add up to the total (largest
remainder), so no line is off by more than one minor unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from contractkit.job.facts import Facts
from contractkit.money import Money

YEAR_DAYS = 365


def simple_interest(principal: Money, annual_percent: Decimal, days: int) -> Money:
    """principal × rate ÷ 365 × days, half-up to the minor unit (exact Decimal arithmetic)."""
    if days <= 0:
        return Money(0, principal.currency)
    exact = _exact(principal, annual_percent, days)
    return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)), principal.currency)


def _exact(principal: Money, annual_percent: Decimal, days: int) -> Decimal:
    """Interest in minor units, unrounded."""
    return Decimal(principal.minor) * annual_percent * days / (Decimal(100) * YEAR_DAYS)


def days_overdue(due: date, as_of: date) -> int:
    """Days from the day after ``due`` up to and including ``as_of`` (0 if not late)."""
    return max(0, (as_of - due).days)


@dataclass(frozen=True)
class Period:
    """Days ``start``..``end`` (inclusive) at one annual rate (reference + margin)."""

    start: date
    end: date
    annual: Decimal
    reference: Decimal | None = None
    reference_day: date | None = None
    supplied: bool = False  # the reference rate was given as facts.reference_rate


@dataclass(frozen=True)
class Line:
    """One line of the working: principal × annual × days ÷ 365 = amount."""

    period: Period
    principal: Money
    days: int
    amount: Money


@dataclass(frozen=True)
class LateCharge:
    """A computed late fee or statutory interest, with everything its working needs."""

    basis: Literal["contractual", "statutory"]
    principal: Money  # the balance now, after every payment
    days: int  # days of interest (from the day after the due date, after any shift)
    lines: tuple[Line, ...]
    interest: Money
    first_late: date
    statute: str = ""  # the rule's name in the letter's language
    margin: Decimal | None = None
    rate_name: str = ""
    series: str = ""  # the reference series' key in the rates table
    compensation: Money | None = None  # in the statute's currency
    compensation_due: Money | None = None  # in the invoice currency, when convertible
    conversion: str = ""  # the rate the law names for the conversion, in words
    euro_rate: Decimal | None = None  # the conversion's rate: units per 1 EUR

    @property
    def annual_rates(self) -> list[Decimal]:
        return _unique([ln.period.annual for ln in self.lines])

    @property
    def total(self) -> Money:
        """Balance + interest (+ compensation when it is in the invoice's currency)."""
        extra = self.compensation_due or Money(0, self.principal.currency)
        return self.principal + self.interest + extra


def _unique(values: Sequence[Decimal]) -> list[Decimal]:
    out: list[Decimal] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def balance_schedule(facts: Facts) -> tuple[Money, list[tuple[date, Money]]]:
    """The balance on the first late day, and (day, amount) reductions after it."""
    assert facts.amount is not None
    paid_undated = facts.paid_before_due
    start = facts.amount - paid_undated
    later = sorted((p.on + timedelta(days=1), p.amount) for p in facts.payments if p.on)
    return start, later


def lines_for(facts: Facts, periods: Sequence[Period], first_late: date) -> list[Line]:
    """Split ``periods`` further at each payment and compute each piece's interest."""
    start_balance, reductions = balance_schedule(facts)

    def balance_on(day: date) -> Money:
        paid = sum((a for d, a in reductions if d <= day), Money(0, start_balance.currency))
        return start_balance - paid

    one = timedelta(days=1)
    pieces: list[tuple[Period, Money]] = []
    for period in periods:
        cuts = sorted({d for d, _ in reductions if period.start < d <= period.end})
        start = period.start
        for cut in [*cuts, period.end + one]:
            pieces.append((_part(period, start, cut - one), balance_on(start)))
            start = cut
    return _with_amounts([(p, b) for p, b in pieces if b.minor > 0])


def _part(period: Period, start: date, end: date) -> Period:
    return Period(start, end, period.annual, period.reference, period.reference_day,
                  period.supplied)  # fmt: skip


def _with_amounts(pieces: list[tuple[Period, Money]]) -> list[Line]:
    """Each line's amount is its own formula rounded to the minor unit, so anyone can check
    every line with a calculator; the interest is the sum of the lines as printed."""
    return [
        Line(p, b, days, Money(int(_exact(b, p.annual, days).quantize(Decimal(1), ROUND_HALF_UP)),
                               b.currency))
        for p, b in pieces
        if (days := (p.end - p.start).days + 1)
    ]  # fmt: skip


def contractual(facts: Facts, monthly: Decimal, first_late: date) -> LateCharge:
    """The contract's late fee: monthly % × 12 a year, simple interest, by balance period."""
    assert facts.as_of is not None and facts.amount is not None
    annual = monthly * 12
    periods = [Period(first_late, facts.as_of, annual)] if facts.as_of >= first_late else []
    lines = tuple(lines_for(facts, periods, first_late))
    return LateCharge(
        basis="contractual",
        principal=facts.balance,
        days=sum(ln.days for ln in lines),
        lines=lines,
        interest=sum((ln.amount for ln in lines), Money(0, facts.amount.currency)),
        first_late=first_late,
    )
