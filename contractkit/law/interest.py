"""Late fees and statutory interest: how much, and the working to show for it.

Why: a letter that claims money must show how the figure was reached, and must never
claim a fee the contract lacks. Two conventions, both simple interest pro rata per day
on the unpaid balance, counted from the day after the due date up to and including the
letter's date, on a 365-day year (leap years too), rounded half-up to the minor unit:

- contractual: balance × monthly % × 12 ÷ 365 × days (the contract's late fee);
- statutory, only when the job says ``payment.statutory_interest: true``: balance ×
  (reference rate + margin) ÷ 365 × days, plus the fixed compensation per invoice.

The reference rate is the one in force on the statute's reference day for the half-year
in which the debt became overdue, kept for the whole period (the UK rule; elsewhere a
cautious simplification: it never claims a rate later changes would not support).
Interest runs on the balance after partial payments for the whole period, which can
only understate what is owed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from contractkit.errors import ContractkitError, MissingFactError
from contractkit.job.facts import Facts
from contractkit.job.model import EU, Job
from contractkit.law.rates import rate_on
from contractkit.money import Money

YEAR_DAYS = 365


@dataclass(frozen=True)
class Statute:
    """One jurisdiction's late-payment rule."""

    key: str  # also the series in rates.yaml and the labels key naming the statute
    margin: Decimal  # percentage points above the reference rate
    local: str  # the local currency, for conversions at facts.eur_rate
    fixed: str  # the currency of the fixed compensation
    tiers_in: str | None  # the currency whose thresholds pick the tier
    # (upper bound, whether the bound itself is in the tier, compensation); None: no bound
    tiers: tuple[tuple[Decimal | None, bool, Decimal], ...]


STATUTES = {
    "GB": Statute(
        "GB", Decimal(8), "GBP", "GBP", "GBP",
        (
            (Decimal(1000), False, Decimal(40)),
            (Decimal(10000), False, Decimal(70)),
            (None, False, Decimal(100)),
        ),
    ),
    "EU": Statute("EU", Decimal(8), "EUR", "EUR", None, ((None, False, Decimal(40)),)),
    "PL": Statute(  # up to and including 5,000 PLN; under 50,000; 50,000 and more
        "PL", Decimal(10), "PLN", "EUR", "PLN",
        (
            (Decimal(5000), True, Decimal(40)),
            (Decimal(50000), False, Decimal(70)),
            (None, False, Decimal(100)),
        ),
    ),
    "SE": Statute("SE", Decimal(8), "SEK", "SEK", None, ((None, False, Decimal(450)),)),
    "HU": Statute("HU", Decimal(8), "HUF", "EUR", None, ((None, False, Decimal(40)),)),
}  # fmt: skip


def statute_for(country: str) -> Statute | None:
    if country in STATUTES:
        return STATUTES[country]
    return STATUTES["EU"] if country in EU else None


def simple_interest(principal: Money, annual_percent: Decimal, days: int) -> Money:
    """principal × rate ÷ 365 × days, half-up to the minor unit (exact Decimal arithmetic)."""
    if days <= 0:
        return Money(0, principal.currency)
    exact = Decimal(principal.minor) * annual_percent * days / (Decimal(100) * YEAR_DAYS)
    return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)), principal.currency)


def days_overdue(due: date, as_of: date) -> int:
    """Days from the day after ``due`` up to and including ``as_of`` (0 if not late)."""
    return max(0, (as_of - due).days)


def reference_day(statute: Statute, first_late_day: date) -> date:
    """The day whose reference rate applies to a debt that became overdue on ``first_late_day``.

    UK: the base rate of 31 December for debts late January–June, of 30 June for July–
    December. Elsewhere: the rate on 1 January or 1 July, the start of the half-year.
    """
    first_half = first_late_day.month <= 6
    if statute.key == "GB":
        return (
            date(first_late_day.year - 1, 12, 31)
            if first_half
            else date(first_late_day.year, 6, 30)
        )
    return date(first_late_day.year, 1 if first_half else 7, 1)


@dataclass(frozen=True)
class LateCharge:
    """A computed late fee or statutory interest, with everything its working needs."""

    basis: Literal["contractual", "statutory"]
    principal: Money
    days: int
    annual_rate: Decimal
    interest: Money
    statute: Statute | None = None
    reference_rate: Decimal | None = None
    reference_day: date | None = None
    rate_name: str | None = None
    rate_supplied: bool = False
    compensation: Money | None = None  # in the statute's currency
    compensation_due: Money | None = None  # in the invoice currency, when convertible
    eur_rate: Decimal | None = None

    @property
    def total(self) -> Money:
        """Balance + interest (+ compensation when it is in the invoice's currency)."""
        extra = self.compensation_due or Money(0, self.principal.currency)
        return self.principal + self.interest + extra


def late_charge(job: Job, facts: Facts, balance: Money) -> LateCharge | None:
    """The late fee or interest the contract provides for, or None if it provides none."""
    pay = job.payment
    assert facts.due is not None and facts.as_of is not None
    days = days_overdue(facts.due, facts.as_of)
    if pay.late_fee_percent_per_month is not None:
        annual = pay.late_fee_percent_per_month * 12
        return LateCharge(
            basis="contractual",
            principal=balance,
            days=days,
            annual_rate=annual,
            interest=simple_interest(balance, annual, days),
        )
    if not pay.statutory_interest:
        return None
    return _statutory(job, facts, balance, days)


def _statutory(job: Job, facts: Facts, balance: Money, days: int) -> LateCharge:
    assert facts.due is not None
    statute = statute_for(job.law.country)
    if statute is None:
        raise ContractkitError(
            f"contractkit knows no statutory late-payment rule for {job.law.country}; "
            "set payment.late_fee_percent_per_month in the job instead"
        )
    ref_day = reference_day(statute, facts.due + timedelta(days=1))
    if facts.reference_rate is not None:
        ref, name, supplied = facts.reference_rate, None, True
    else:
        ref, series = rate_on(statute.key, ref_day)
        name, supplied = series.name, False
    annual = ref + statute.margin
    amount = facts.amount or balance
    fixed = _compensation(statute, amount, facts.eur_rate)
    return LateCharge(
        basis="statutory",
        principal=balance,
        days=days,
        annual_rate=annual,
        interest=simple_interest(balance, annual, days),
        statute=statute,
        reference_rate=ref,
        reference_day=ref_day,
        rate_name=name,
        rate_supplied=supplied,
        compensation=fixed if days > 0 else None,
        compensation_due=_convert(fixed, balance.currency, statute, facts.eur_rate)
        if days > 0
        else None,
        eur_rate=facts.eur_rate,
    )


def _convert(value: Money, to: str, statute: Statute, eur_rate: Decimal | None) -> Money | None:
    """``value`` in currency ``to``, if that needs at most the given EUR rate; else None."""
    if value.currency == to:
        return value
    if eur_rate is None or {value.currency, to} != {"EUR", statute.local}:
        return None
    factor = eur_rate if value.currency == "EUR" else 1 / eur_rate
    return Money.of(value.amount * factor, to)


def _compensation(statute: Statute, amount: Money, eur_rate: Decimal | None) -> Money:
    """The fixed compensation tier for an invoice of ``amount``."""
    if statute.tiers_in is None:
        return Money.of(statute.tiers[0][2], statute.fixed)
    base = _convert(amount, statute.tiers_in, statute, eur_rate)
    if base is None:
        if amount.currency == "EUR":
            raise MissingFactError(
                f"the fixed compensation depends on the invoice's value in {statute.tiers_in}; "
                f"give facts.eur_rate ({statute.tiers_in} per 1 EUR at the rate the law names)"
            )
        raise ContractkitError(
            f"the fixed compensation tiers are in {statute.tiers_in}; an invoice in "
            f"{amount.currency} cannot be placed in a tier"
        )
    for upper, inclusive, value in statute.tiers:
        if upper is None:
            return Money.of(value, statute.fixed)
        if base.amount < upper or (inclusive and base.amount == upper):
            return Money.of(value, statute.fixed)
    raise AssertionError("the last tier has no upper bound")
