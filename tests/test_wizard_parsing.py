"""The wizard's readers of typed answers: amounts, shares, countries, currencies, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from contractkit.money import Money
from contractkit.wizard.money_plan import equal_shares, parse_shares
from contractkit.wizard.parsing import (
    WORDS_LANGUAGES,
    Refusal,
    country_in,
    parse_country,
    parse_currency,
    parse_date,
    parse_money,
    parse_percent,
    parse_whole,
    typing_locale,
)
from contractkit.wizard.questions import in_words

# -- countries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Poland", "PL"),
        ("Polska", "PL"),
        ("polska", "PL"),
        ("Sverige", "SE"),
        ("Magyarország", "HU"),
        ("magyarorszag", "HU"),
        ("საქართველო", "GE"),
        ("United Kingdom", "GB"),
        ("Wielka Brytania", "GB"),
        ("pl", "PL"),
        (" se ", "SE"),
    ],
)
def test_country_names_in_the_five_languages_and_codes(typed: str, code: str) -> None:
    assert parse_country(typed) == code


@pytest.mark.parametrize("language", WORDS_LANGUAGES)
def test_every_cldr_territory_name_reads_back_as_its_code(language: str) -> None:
    names = Locale.parse(language).territories
    for code in ("PL", "SE", "HU", "GE", "GB", "US", "DE"):
        assert parse_country(names[code]) == code


@pytest.mark.parametrize("typed", ["Narnia", "ZZ", "XX", ""])
def test_unknown_countries_are_refused_with_an_example(typed: str) -> None:
    with pytest.raises(Refusal, match="Poland, Polska, Sverige"):
        parse_country(typed)


def test_the_country_an_address_ends_with() -> None:
    assert country_in("ul. Długa 5, 00-238 Warszawa, Poland") == "PL"
    assert country_in("Storgatan 1\n111 22 Stockholm\nSverige") == "SE"
    assert country_in("1 High St, London") is None


# -- currencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("euro", "EUR"),
        ("Euro", "EUR"),
        ("€", "EUR"),
        ("zł", "PLN"),
        ("złoty", "PLN"),
        ("zloty", "PLN"),
        ("gbp", "GBP"),
        ("£", "GBP"),
        ("Ft", "HUF"),
        ("forint", "HUF"),
        ("₾", "GEL"),
        ("lari", "GEL"),
        ("SEK", "SEK"),
    ],
)
def test_currency_signs_names_and_codes(typed: str, code: str) -> None:
    assert parse_currency(typed) == code


@pytest.mark.parametrize("typed", ["kr", "krona", "pound", "dollar"])
def test_an_ambiguous_currency_asks_which(typed: str) -> None:
    with pytest.raises(Refusal, match=r"could be .*type which one") as e:
        parse_currency(typed)
    if typed == "kr":
        assert all(c in str(e.value) for c in ("SEK", "NOK", "DKK"))


def test_an_unknown_currency_is_refused_with_examples() -> None:
    with pytest.raises(Refusal, match=r"not a currency I know.*€, złoty, GBP"):
        parse_currency("zorkmid")


# -- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "currency", "locale", "amount"),
    [
        ("€1500", "EUR", "en_GB", "1500"),
        ("£6,500", "GBP", "en_GB", "6500"),
        ("£6,500.50", "GBP", "en_GB", "6500.50"),
        ("6 500 zł", "PLN", "pl_PL", "6500"),
        ("6500,50 zł", "PLN", "pl_PL", "6500.50"),
        ("1500 GBP", "GBP", "en_GB", "1500"),
        ("GBP 1,500.50", "GBP", "en_GB", "1500.50"),
        ("12 000 kr", "SEK", "sv_SE", "12000"),
        ("1500 euro", "EUR", "pl_PL", "1500"),
        ("4800", "GBP", "en_GB", "4800"),
        ("£6,500", "GBP", "pl_PL", "6500"),  # a sign before the number: written the English way
        ("6 500 zł", "PLN", "en_GB", "6500"),
    ],
)
def test_amounts_with_signs_and_the_locales_separators(
    typed: str, currency: str, locale: str, amount: str
) -> None:
    assert parse_money(typed, currency, locale) == Decimal(amount)


def test_a_sign_that_contradicts_the_currency_is_refused_saying_so() -> None:
    with pytest.raises(Refusal, match=r"€ is EUR .* but this job is paid in GBP"):
        parse_money("€1500", "GBP", "en_GB")
    with pytest.raises(Refusal, match="this job is paid in GBP"):
        parse_money("1500 zł", "GBP", "en_GB")


@pytest.mark.parametrize("typed", ["4,800", "6,500", "£4,800,5", "6.500 £"])
def test_ambiguity_is_still_refused(typed: str) -> None:
    with pytest.raises(Refusal):
        parse_money(typed, "GBP", "en_GB")


@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_any_amount_as_the_locale_writes_it_reads_back(n: int) -> None:
    for currency, locale in (("GBP", "en_GB"), ("PLN", "pl_PL"), ("SEK", "sv_SE")):
        written = Money.of(Decimal(n), currency).format(locale)
        assert parse_money(written, currency, locale) == n, written


# -- percentages and whole numbers --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"), [("30", 30), ("30%", 30), ("30 %", 30), ("12,5 %", "12.5"), ("1.5", "1.5")]
)
def test_percentages_with_or_without_the_sign(typed: str, value: object) -> None:
    assert parse_percent(typed) == Decimal(str(value))


def test_a_percentage_refusal_speaks_of_percentages_not_amounts() -> None:
    with pytest.raises(Refusal) as e:
        parse_percent("thirty")
    assert "percentage" in str(e.value) and "4800" not in str(e.value)


def test_whole_numbers_may_carry_their_unit() -> None:
    assert parse_whole("10", "business days", 10) == 10
    assert parse_whole("10 days", "business days", 10) == 10
    with pytest.raises(Refusal, match=r"whole number of business days, e\.g\. 10"):
        parse_whole("ten", "business days", 10)


def test_plan_shares_typed_in_one_line() -> None:
    assert parse_shares("30/40") == [30, 40]
    assert parse_shares("30 % + 40 %") == [30, 40]
    assert parse_shares("22.5 47.5") == [Decimal("22.5"), Decimal("47.5")]


@given(st.integers(min_value=1, max_value=100), st.integers(min_value=1, max_value=12))
def test_equal_shares_add_up_exactly(rest: int, count: int) -> None:
    shares = equal_shares(Decimal(rest), count)
    assert len(shares) == count
    assert sum(Decimal(str(s)) for s in shares) == rest


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "locale", "day"),
    [
        ("2026-12-01", "en_US", date(2026, 12, 1)),
        ("1.12.2026", "pl_PL", date(2026, 12, 1)),
        ("01.12.2026", "en_GB", date(2026, 12, 1)),
        ("1/12/2026", "en_GB", date(2026, 12, 1)),
        ("12/1/2026", "en_US", date(2026, 12, 1)),
        ("13/12/2026", "en_US", date(2026, 12, 13)),
        ("1 December 2026", "en_GB", date(2026, 12, 1)),
        ("December 1, 2026", "en_US", date(2026, 12, 1)),
        ("1 grudnia 2026", "pl_PL", date(2026, 12, 1)),
        ("1 dec 2026", "sv_SE", date(2026, 12, 1)),
        ("2026. 12. 01.", "hu_HU", date(2026, 12, 1)),
    ],
)
def test_dates_in_the_locales_order_and_iso_always(typed: str, locale: str, day: date) -> None:
    assert parse_date(typed, locale) == day


@pytest.mark.parametrize("typed", ["31.02.2026", "1.12.26", "soon", "2026-13-01"])
def test_impossible_or_short_dates_are_refused_with_an_example(typed: str) -> None:
    with pytest.raises(Refusal, match="2026-12-01 or 1 December 2026"):
        parse_date(typed, "pl_PL")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_date_as_each_locale_writes_it_reads_back(day: date) -> None:
    for locale in ("en_GB", "en_US", "pl_PL", "sv_SE", "hu_HU"):
        for width in ("medium", "long"):
            written = format_date(day, width, locale=locale)
            assert parse_date(written, locale) == day, (written, locale)
        assert parse_date(day.isoformat(), locale) == day


# -- cross-field problems in the questions' words -----------------------------------------


def test_review_problems_speak_as_the_questions_do() -> None:
    said = in_words("communication: pause_after_days (4) must be longer than response_days (5)")
    assert "pause_after_days" not in said and "time to answer" in said
    said = in_words("payment: deposit_percent + milestones must add up to 100 exactly: 30 = 30")
    assert "deposit_percent" not in said


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, "en_US"),
        ({"LANG": "pl_PL.UTF-8", "LC_TIME": "sv_SE.UTF-8"}, "sv_SE"),
        ({"LANG": "C.UTF-8"}, "en_GB"),
        ({"LANG": "POSIX"}, "en_GB"),
        ({"LANG": "xx_NOWHERE"}, "en_GB"),
        ({}, "en_GB"),
    ],
)
def test_dates_are_read_in_the_terminals_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert typing_locale("en_GB") == expected
