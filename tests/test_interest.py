"""Late fees and statutory interest: amounts to the cent, tiers, reference rates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.errors import MissingFactError
from contractkit.job.facts import Facts
from contractkit.job.reader import load_job
from contractkit.law.interest import (
    STATUTES,
    _compensation,
    days_overdue,
    late_charge,
    reference_day,
    simple_interest,
    statute_for,
)
from contractkit.law.rates import rate_on
from contractkit.money import Money


def test_domain_worked_check_uk() -> None:
    """DOMAIN.md: £2,000 at 12.25 % for 45 days = £30.21, plus £70 compensation."""
    assert simple_interest(Money.of(2000, "GBP"), Decimal("12.25"), 45) == Money.of("30.21", "GBP")
    assert _compensation(STATUTES["GB"], Money.of(2000, "GBP"), None) == Money.of(70, "GBP")


def test_uk_statutory_charge_from_rates_table(write_job: Any, delete: object) -> None:
    job = load_job(
        write_job(
            **{
                "law.country": "GB",
                "payment.currency": "GBP",
                "payment.late_fee_percent_per_month": delete,
                "payment.statutory_interest": True,
            }
        )
    )
    due = date(2025, 8, 1)  # late from 2 August: the base rate of 30 June 2025 applies
    facts = Facts(amount=Money.of(2000, "GBP"), due=due, as_of=due + timedelta(days=45))
    charge = late_charge(job, facts, Money.of(2000, "GBP"))
    assert charge is not None and charge.basis == "statutory"
    assert charge.reference_day == date(2025, 6, 30)
    assert charge.reference_rate == Decimal("4.25")
    assert charge.annual_rate == Decimal("12.25")
    assert charge.interest == Money.of("30.21", "GBP")
    assert charge.compensation == Money.of(70, "GBP")
    assert charge.total == Money.of("2100.21", "GBP")


def test_contractual_late_fee() -> None:
    """€4,000 × 1.5 % × 12 ÷ 365 × 83 days = €163.73 (163.726… rounded half-up)."""
    assert simple_interest(Money.of(4000, "EUR"), Decimal("18"), 83) == Money.of("163.73", "EUR")


def test_no_fee_without_contract_terms(write_job: Any, delete: object) -> None:
    job = load_job(write_job(**{"payment.late_fee_percent_per_month": delete}))
    facts = Facts(amount=Money.of(100, "EUR"), due=date(2026, 1, 1), as_of=date(2026, 3, 1))
    assert late_charge(job, facts, Money.of(100, "EUR")) is None


@given(
    minor=st.integers(min_value=0, max_value=10**12),
    rate=st.decimals(min_value=0, max_value=40, places=2),
    days=st.integers(min_value=0, max_value=2000),
)
def test_simple_interest_is_exact_and_half_up(minor: int, rate: Decimal, days: int) -> None:
    got = simple_interest(Money(minor, "EUR"), rate, days)
    exact = Decimal(minor) * rate * days / Decimal(36500)
    assert got.minor == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert abs(Decimal(got.minor) - exact) <= Decimal("0.5")


@given(
    minor=st.integers(min_value=0, max_value=10**10),
    days=st.integers(min_value=0, max_value=1000),
)
def test_interest_grows_with_days(minor: int, days: int) -> None:
    p = Money(minor, "GBP")
    assert simple_interest(p, Decimal("12.25"), days) <= simple_interest(
        p, Decimal("12.25"), days + 1
    )


@given(due=st.dates(), gap=st.integers(min_value=-400, max_value=400))
def test_days_overdue_counts_from_the_day_after(due: date, gap: int) -> None:
    try:
        as_of = due + timedelta(days=gap)
    except OverflowError:
        return
    assert days_overdue(due, as_of) == max(0, gap)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("999.99", 40), ("1000.00", 70), ("9999.99", 70), ("10000.00", 100)],
)
def test_uk_compensation_tiers(amount: str, expected: int) -> None:
    got = _compensation(STATUTES["GB"], Money.of(amount, "GBP"), None)
    assert got == Money.of(expected, "GBP")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("5000.00", 40), ("5000.01", 70), ("49999.99", 70), ("50000.00", 100)],
)
def test_poland_compensation_tiers_in_pln(amount: str, expected: int) -> None:
    got = _compensation(STATUTES["PL"], Money.of(amount, "PLN"), None)
    assert got == Money.of(expected, "EUR")


def test_poland_eur_invoice_needs_an_exchange_rate() -> None:
    with pytest.raises(MissingFactError, match=r"facts\.eur_rate"):
        _compensation(STATUTES["PL"], Money.of(2000, "EUR"), None)
    # €2,000 at 4.30 PLN = 8,600 PLN: the middle tier
    assert _compensation(STATUTES["PL"], Money.of(2000, "EUR"), Decimal("4.30")) == Money.of(
        70, "EUR"
    )


def test_fixed_amounts_elsewhere() -> None:
    assert _compensation(STATUTES["SE"], Money.of(10, "SEK"), None) == Money.of(450, "SEK")
    assert _compensation(STATUTES["HU"], Money.of(10, "HUF"), None) == Money.of(40, "EUR")
    assert statute_for("DE") is STATUTES["EU"]
    assert statute_for("US") is None and statute_for("GE") is None


def test_reference_days() -> None:
    gb, eu = STATUTES["GB"], STATUTES["EU"]
    assert reference_day(gb, date(2026, 3, 1)) == date(2025, 12, 31)
    assert reference_day(gb, date(2026, 7, 1)) == date(2026, 6, 30)
    assert reference_day(eu, date(2026, 6, 30)) == date(2026, 1, 1)
    assert reference_day(eu, date(2026, 12, 31)) == date(2026, 7, 1)


def test_rates_table_never_answers_beyond_its_checked_date() -> None:
    rate, series = rate_on("EU", date(2025, 7, 1))
    assert rate == Decimal("2.15") and "ECB" in series.name
    with pytest.raises(MissingFactError, match=r"facts\.reference_rate"):
        rate_on("EU", date(2030, 1, 1))


def test_statutory_interest_with_supplied_rate(write_job: Any, delete: object) -> None:
    job = load_job(
        write_job(
            **{"payment.late_fee_percent_per_month": delete, "payment.statutory_interest": True}
        )
    )  # Sweden: reference rate + 8 pp, SEK 450 (not added to a EUR balance without a rate)
    facts = Facts(
        amount=Money.of(1000, "EUR"),
        due=date(2026, 9, 1),
        as_of=date(2026, 10, 1),
        reference_rate=Decimal("1.75"),
    )
    charge = late_charge(job, facts, Money.of(1000, "EUR"))
    assert charge is not None
    assert charge.annual_rate == Decimal("9.75")
    assert charge.interest == Money.of("8.01", "EUR")  # 1000 × 9.75 % × 30 / 365 = 8.0137
    assert charge.compensation == Money.of(450, "SEK") and charge.compensation_due is None
    with pytest.raises(MissingFactError, match=r"facts\.reference_rate"):
        late_charge(job, facts.model_copy(update={"reference_rate": None}), facts.amount)  # type: ignore[arg-type]
