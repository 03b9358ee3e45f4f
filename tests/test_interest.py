"""Late fees and statutory interest: amounts to the cent, rate periods, tiers, rates.

Every worked example of issue 12 is recomputed here from the law records and the rates
table, line by line."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.errors import MissingFactError
from contractkit.job.facts import Facts, Payment
from contractkit.job.reader import load_job
from contractkit.law.interest import days_overdue, lines_for, simple_interest
from contractkit.law.rates import rate_on, rate_table, user_rates_path
from contractkit.law.records import law_book
from contractkit.law.statutory import late_charge, periods, rate_series
from contractkit.money import Money


def statutory_job(write_job: Any, delete: object, country: str, currency: str, **more: Any) -> Any:
    return load_job(
        write_job(
            **{
                "law.country": country,
                "payment.currency": currency,
                "payment.late_fee_percent_per_month": delete,
                "payment.statutory_interest": True,
                **more,
            }
        )
    )


def test_domain_worked_check_uk() -> None:
    """DOMAIN.md: £2,000 at 12.25 % for 45 days = £30.21, plus £70 compensation."""
    assert simple_interest(Money.of(2000, "GBP"), Decimal("12.25"), 45) == Money.of("30.21", "GBP")
    comp = law_book().country("GB").b2b.compensation  # type: ignore[union-attr]
    assert comp is not None and comp.tier(Decimal(2000)) == 70


def test_uk_one_rate_for_the_whole_debt(write_job: Any, delete: object) -> None:
    job = statutory_job(write_job, delete, "GB", "GBP")
    due = date(2025, 8, 1)  # late from 2 August: the base rate of 30 June 2025 applies
    facts = Facts(amount=Money.of(2000, "GBP"), due=due, as_of=due + timedelta(days=45))
    charge = late_charge(job, facts)
    assert charge is not None and charge.basis == "statutory"
    (line,) = charge.lines
    assert line.period.reference_day == date(2025, 6, 30)
    assert line.period.reference == Decimal("4.25") and line.period.annual == Decimal("12.25")
    assert charge.interest == Money.of("30.21", "GBP")
    assert charge.compensation == Money.of(70, "GBP")
    assert charge.total == Money.of("2100.21", "GBP")


def _split(job: Any, facts: Facts, first: date) -> list[tuple[int, Decimal, Money]]:
    record = law_book().country(job.law.country)
    assert record is not None and record.b2b is not None
    rule = record.b2b
    _, found = rate_series(job, rule)
    lines = lines_for(facts, periods(rule, found, facts, first), first)
    return [(ln.days, ln.period.annual, ln.amount) for ln in lines]


def test_issue_sweden_two_half_years(write_job: Any, delete: object) -> None:
    """SEK 100,000 due 2024-12-15, as of 2025-03-15: 16 days at 12 % and 74 at 10.5 %.

    The issue's SEK 2,654.79 is the exact sum (526.027… + 2,128.767… = 2,654.794…)
    rounded once. A letter rounds each line on its own, so that every line can be checked
    with a calculator, and claims the sum of the lines as printed: 526.03 + 2,128.77.
    """
    job = statutory_job(write_job, delete, "SE", "SEK")
    facts = Facts(amount=Money.of(100000, "SEK"), due=date(2024, 12, 15), as_of=date(2025, 3, 15))
    got = _split(job, facts, date(2024, 12, 16))
    assert [(d, r) for d, r, _ in got] == [(16, Decimal("12.00")), (74, Decimal("10.50"))]
    exact = sum((Decimal(100000) * r / 100 * d / 365 for d, r, _ in got), Decimal(0))
    assert exact.quantize(Decimal("0.01")) == Decimal("2654.79")  # the issue's figure
    assert [a for _, _, a in got] == [Money.of("526.03", "SEK"), Money.of("2128.77", "SEK")]


def test_sweden_due_date_on_a_sunday_moves(write_job: Any, delete: object) -> None:
    """15 December 2024 was a Sunday: under lag 1930:173 (law.yaml) payment on Monday 16th
    is in time, so interest runs from the 17th: 15 days at 12 %, 74 at 10.5 %."""
    job = statutory_job(write_job, delete, "SE", "SEK")
    facts = Facts(amount=Money.of(100000, "SEK"), due=date(2024, 12, 15), as_of=date(2025, 3, 15))
    charge = late_charge(job, facts)
    assert charge is not None and charge.first_late == date(2024, 12, 17)
    assert [ln.days for ln in charge.lines] == [15, 74]
    # 100,000 × 12 % × 15/365 = 493.150…; × 10.5 % × 74/365 = 2,128.767…; sum 2,621.917…
    assert charge.interest == Money.of("2621.92", "SEK")
    assert charge.compensation == Money.of(450, "SEK")


def test_issue_poland_two_half_years(write_job: Any, delete: object) -> None:
    """PLN 10,000 due 2025-05-31, as of 2025-09-30 → PLN 513.84: 30 days at 15.75 % (NBP
    5.75 on 1 January) and 92 at 15.25 % (5.25 on 1 July), counted from 1 June."""
    job = statutory_job(write_job, delete, "PL", "PLN")
    facts = Facts(amount=Money.of(10000, "PLN"), due=date(2025, 5, 31), as_of=date(2025, 9, 30))
    got = _split(job, facts, date(2025, 6, 1))
    assert [(d, r) for d, r, _ in got] == [(30, Decimal("15.75")), (92, Decimal("15.25"))]
    exact = sum((Decimal(10000) * r / 100 * d / 365 for d, r, _ in got), Decimal(0))
    assert exact.quantize(Decimal("0.01")) == Decimal("513.84")  # the issue's figure
    # each line rounded on its own: 129.452… → 129.45, 384.383… → 384.38
    assert [a for _, _, a in got] == [Money.of("129.45", "PLN"), Money.of("384.38", "PLN")]


def test_polish_due_date_on_a_saturday_shifts(write_job: Any, delete: object) -> None:
    """31 May 2025 was a Saturday: KC art. 115 moves the due date to Monday 2 June, so the
    letter claims interest from 3 June: 28 days at 15.75 % + 92 at 15.25 % = PLN 505.21."""
    job = statutory_job(write_job, delete, "PL", "PLN")
    facts = Facts(amount=Money.of(10000, "PLN"), due=date(2025, 5, 31), as_of=date(2025, 9, 30))
    charge = late_charge(job, facts)
    assert charge is not None and charge.first_late == date(2025, 6, 3)
    assert [ln.days for ln in charge.lines] == [28, 92]
    # 10,000 × 15.75 % × 28/365 = 120.82; × 15.25 % × 92/365 = 384.38 (each line as printed)
    assert charge.interest == Money.of("505.20", "PLN")
    assert charge.compensation == Money.of(70, "EUR")  # 5,000 < PLN 10,000 < 50,000


def test_partial_payments_on_their_dates(write_job: Any, delete: object) -> None:
    """PLN 10,000, PLN 4,000 paid on 15 July: interest on 10,000 up to 15 July, on 6,000
    after; the lines add up to the total."""
    job = statutory_job(write_job, delete, "PL", "PLN")
    facts = Facts(
        amount=Money.of(10000, "PLN"),
        payments=(Payment(amount=Money.of(4000, "PLN"), on=date(2025, 7, 15)),),
        due=date(2025, 6, 2),
        as_of=date(2025, 9, 30),
    )
    charge = late_charge(job, facts)
    assert charge is not None
    got = [(ln.principal.amount, ln.days, ln.period.annual) for ln in charge.lines]
    assert got == [
        (Decimal(10000), 28, Decimal("15.75")),
        (Decimal(10000), 15, Decimal("15.25")),
        (Decimal(6000), 77, Decimal("15.25")),
    ]
    assert charge.principal == Money.of(6000, "PLN")
    assert sum((ln.amount for ln in charge.lines), Money(0, "PLN")) == charge.interest
    exact = (
        Decimal(10000) * Decimal("0.1575") * 28
        + Decimal(10000) * Decimal("0.1525") * 15
        + Decimal(6000) * Decimal("0.1525") * 77
    ) / 365
    assert charge.interest.amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_consumer_gets_no_b2b_statute_or_compensation(write_job: Any, delete: object) -> None:
    """A Polish consumer: KC art. 481 (reference rate + 5.5 pp, the rate of each day), no
    compensation; a Hungarian consumer: no statutory rule contractkit applies at all."""
    pl = statutory_job(write_job, delete, "PL", "PLN", **{"client.kind": "consumer"})
    facts = Facts(amount=Money.of(10000, "PLN"), due=date(2025, 6, 30), as_of=date(2025, 7, 31))
    charge = late_charge(pl, facts)
    assert charge is not None and charge.compensation is None
    assert [(ln.days, ln.period.annual) for ln in charge.lines] == [
        (2, Decimal("10.75")),  # 1–2 July at 5.25 + 5.5
        (29, Decimal("10.50")),  # from 3 July at 5.00 + 5.5
    ]
    hu = statutory_job(write_job, delete, "HU", "HUF", **{"client.kind": "consumer"})
    facts = Facts(amount=Money.of(100000, "HUF"), due=date(2025, 3, 3), as_of=date(2025, 4, 1))
    assert late_charge(hu, facts) is None


def test_every_period_is_checked_against_the_table(write_job: Any, delete: object) -> None:
    """A period whose reference day is after the table's `checked` date is refused with the
    day, the source and the way out, even when the first period is known."""
    job = statutory_job(write_job, delete, "SE", "SEK")
    facts = Facts(amount=Money.of(1000, "SEK"), due=date(2025, 6, 2), as_of=date(2026, 1, 10))
    with pytest.raises(MissingFactError) as e:
        late_charge(job, facts)
    text = str(e.value)
    assert "2026-01-01" in text and "riksbank.se" in text and "facts.reference_rate" in text
    assert str(user_rates_path()) in text
    given_rate = facts.model_copy(update={"reference_rate": Decimal("1.75")})
    charge = late_charge(job, given_rate)
    assert charge is not None
    assert [(ln.period.annual, ln.period.supplied) for ln in charge.lines] == [
        (Decimal("10.50"), False),  # June 2025: the table's 2.50 + 8
        (Decimal("10.00"), False),  # July–December 2025: 2.00 + 8
        (Decimal("9.75"), True),  # January 2026: the given 1.75 + 8
    ]


def test_user_rates_table_overrides_row_by_row(isolated_home: Path) -> None:
    path = user_rates_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "SE:\n  checked: 2026-07-01\n  rates:\n"
        '    - {from: 2026-01-01, rate: "1.75"}\n    - {from: 2025-07-01, rate: "2.25"}\n',
        encoding="utf-8",
    )
    table = rate_table()
    assert table["SE"].checked == date(2026, 7, 1)
    assert rate_on("SE", date(2026, 1, 1))[0] == Decimal("1.75")
    assert rate_on("SE", date(2025, 7, 1))[0] == Decimal("2.25")  # the user's row wins
    assert rate_on("SE", date(2025, 1, 1))[0] == Decimal("2.50")  # shipped rows stay
    assert "riksbank" in table["SE"].source


def test_contractual_late_fee() -> None:
    """€4,000 × 1.5 % × 12 ÷ 365 × 83 days = €163.73 (163.726… rounded half-up)."""
    assert simple_interest(Money.of(4000, "EUR"), Decimal("18"), 83) == Money.of("163.73", "EUR")


def test_no_fee_without_contract_terms(write_job: Any, delete: object) -> None:
    job = load_job(write_job(**{"payment.late_fee_percent_per_month": delete}))
    facts = Facts(amount=Money.of(100, "EUR"), due=date(2026, 1, 1), as_of=date(2026, 3, 1))
    assert late_charge(job, facts) is None


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


@given(due=st.dates(), gap=st.integers(min_value=-400, max_value=400))
def test_days_overdue_counts_from_the_day_after(due: date, gap: int) -> None:
    try:
        as_of = due + timedelta(days=gap)
    except OverflowError:
        return
    assert days_overdue(due, as_of) == max(0, gap)


@pytest.mark.parametrize(
    ("country", "amount", "expected"),
    [
        ("GB", "999.99", 40), ("GB", "1000.00", 70), ("GB", "9999.99", 70),
        ("GB", "10000.00", 100), ("PL", "5000.00", 40), ("PL", "5000.01", 70),
        ("PL", "49999.99", 70), ("PL", "50000.00", 100), ("IE", "999", 40), ("SE", "1", 450),
        ("CZ", "1", 1200), ("DK", "1", 310), ("FR", "1", 40), ("HU", "1", 40),
    ],
)  # fmt: skip
def test_compensation_tiers(country: str, amount: str, expected: int) -> None:
    comp = law_book().country(country).b2b.compensation  # type: ignore[union-attr]
    assert comp is not None and comp.tier(Decimal(amount)) == expected


def test_records_cover_the_issue_countries() -> None:
    book = law_book()
    for cc in "GB IE PL SE HU GE DE FR IT ES NL AT CZ DK FI BE US".split():
        record = book.country(cc)
        assert record is not None and record.sources and record.checked, cc
    assert book.country("PT") is book.countries["EU"]
    assert book.country("GE").b2b is None and book.country("US").b2b is None  # type: ignore[union-attr]
    de = book.country("DE")
    assert de is not None and de.b2b is not None and de.b2b.margin == 9
    assert de.consumer is not None and de.consumer.margin == 5
    fr = book.country("FR")
    assert fr is not None and fr.b2b is not None and fr.b2b.margin == 10


def test_poland_foreign_invoice_needs_exchange_rates(write_job: Any, delete: object) -> None:
    """A PL-law invoice in GBP: the tier needs the invoice in PLN (facts.fx_rate); the
    compensation in euro converts to pounds through PLN (facts.eur_rate)."""
    job = statutory_job(write_job, delete, "PL", "GBP")
    facts = Facts(amount=Money.of(2000, "GBP"), due=date(2025, 6, 2), as_of=date(2025, 6, 30))
    with pytest.raises(MissingFactError, match=r"facts\.fx_rate"):
        late_charge(job, facts)
    fx = facts.model_copy(update={"fx_rate": Decimal("5.0000")})  # £2,000 = PLN 10,000
    charge = late_charge(job, fx)
    assert charge is not None and charge.compensation == Money.of(70, "EUR")
    assert charge.compensation_due is None  # no PLN per EUR given: not added
    both = fx.model_copy(update={"eur_rate": Decimal("4.25")})
    charge = late_charge(job, both)
    assert charge is not None  # €70 × 4.25 = PLN 297.50 = £59.50
    assert charge.compensation_due == Money.of("59.50", "GBP")


def test_czech_rate_is_fixed_at_the_start_of_the_half_year(write_job: Any, delete: object) -> None:
    """NV 351/2013: the ČNB repo rate of the first day of the half-year in which the delay
    began, + 8 pp, for the whole delay (no rows shipped: the given rate is used)."""
    job = statutory_job(write_job, delete, "CZ", "CZK")
    facts = Facts(
        amount=Money.of(100000, "CZK"),
        due=date(2025, 5, 30),
        as_of=date(2025, 8, 29),
        reference_rate=Decimal("3.75"),
    )
    charge = late_charge(job, facts)
    assert charge is not None
    (line,) = charge.lines  # one rate across 1 July
    assert line.period.reference_day == date(2025, 1, 1) and line.period.annual == Decimal("11.75")
    assert charge.compensation == Money.of(1200, "CZK")


def test_every_rule_names_a_series_the_rates_table_has() -> None:
    book, table = law_book(), rate_table()
    for code, record in book.countries.items():
        for rule in (record.b2b, record.consumer):
            if rule is not None:
                assert rule.series in table, (code, rule.series)
    assert set(book.issuers.values()) <= set(table)
