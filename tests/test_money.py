"""Money: minor units, exact allocation, locale formatting."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.money import Money, allocate, digits


def test_currency_digits_come_from_babel() -> None:
    assert (digits("EUR"), digits("JPY"), digits("BHD")) == (2, 0, 3)


def test_of_rounds_half_up_to_minor_unit() -> None:
    assert Money.of("10.005", "EUR") == Money(1001, "EUR")
    assert Money.of("1234.5", "JPY") == Money(1235, "JPY")
    assert str(Money.of("7", "BHD")) == "7.000"


def test_allocate_largest_remainder_gives_the_cent_to_the_largest_fraction() -> None:
    parts = allocate(
        Money.of("100.00", "EUR"), [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    )
    assert [p.minor for p in parts] == [3333, 3333, 3334]
    parts = allocate(Money.of("0.10", "EUR"), [Decimal(30), Decimal(30), Decimal(40)])
    assert [p.minor for p in parts] == [3, 3, 4]
    parts = allocate(Money.of("0.02", "EUR"), [Decimal(50), Decimal(50)])
    assert [p.minor for p in parts] == [1, 1]
    parts = allocate(Money.of("0.01", "EUR"), [Decimal(50), Decimal(50)])
    assert [p.minor for p in parts] == [1, 0]  # ties go to the earlier part


def test_allocate_refuses_percentages_that_do_not_sum_to_100() -> None:
    with pytest.raises(ValueError):
        allocate(Money.of(1, "EUR"), [Decimal(50), Decimal(40)])


@st.composite
def splits(draw: st.DrawFn) -> list[Decimal]:
    """Random percentages with up to two decimals that sum to exactly 100."""
    n = draw(st.integers(min_value=1, max_value=12))
    cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 10000]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(bounds)]


@given(
    minor=st.integers(min_value=1, max_value=10**12),
    currency=st.sampled_from(["EUR", "JPY", "BHD", "PLN", "SEK", "HUF", "GEL", "USD"]),
    percents=splits(),
)
def test_parts_always_add_up_to_the_whole(
    minor: int, currency: str, percents: list[Decimal]
) -> None:
    total = Money(minor, currency)
    parts = allocate(total, percents)
    assert sum(p.minor for p in parts) == total.minor
    for part, pct in zip(parts, percents, strict=True):
        exact = Decimal(minor) * pct / 100
        assert abs(Decimal(part.minor) - exact) < 1  # never more than one minor unit off
        assert part.minor >= 0


def test_locale_formatting() -> None:
    amount = Money.of("1234.50", "EUR")
    assert amount.format("en_GB") == "€1,234.50"
    assert Money.of("12345.50", "PLN").format("pl_PL") == "12\u00a0345,50\u00a0zł"
    assert Money.of("12345.50", "GEL").format("ka_GE") == "12\u00a0345,50\u00a0₾"


def test_forint_amounts_are_whole_forints() -> None:
    assert digits("HUF") == 0
    assert Money.of("1500000", "HUF").format("hu_HU") == "1\u00a0500\u00a0000\u00a0Ft"
    assert str(Money.of("1500000.40", "HUF")) == "1500000"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("4800", "4800"),
        ("4800,50", "4800.50"),
        ("4 800,50", "4800.50"),
        ("4\u00a0800,50", "4800.50"),
        ("4,800.50", "4800.50"),
        ("4.800,50", "4800.50"),
        ("1,234,567", "1234567"),
        ("12000.123", "12000.123"),
        ("1,5", "1.5"),
    ],
)
def test_amounts_as_people_type_them(typed: str, value: str) -> None:
    from contractkit.money import parse_amount

    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["4,800", "4.800", "abc", "1e40", "1,23,4", "9" * 14])
def test_ambiguous_or_absurd_amounts_are_refused(typed: str) -> None:
    from contractkit.money import parse_amount

    with pytest.raises(ValueError):
        parse_amount(typed)
