"""Money as integer minor units, formatted per locale by Babel.

Why: floats lose cents and percentages of a fee rarely divide evenly. Amounts are kept as
integers of the currency's minor unit (Babel knows 0, 2 or 3 digits per currency) and a
whole is split with the largest-remainder method, so the parts always add up exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.numbers import format_currency, get_currency_precision, list_currencies

MAX_AMOUNT = Decimal(10) ** 12  # a trillion: far above any freelance fee, far below overflow


_LETTERS_THEN_DIGIT = re.compile(r"([^\W\d_]{2,})(\d)")
_DIGIT_THEN_LETTERS = re.compile(r"(\d)([^\W\d_]{2,})")


# ISO 4217 codes that are not money one is paid in: no currency (XXX), the test code (XTS),
# precious metals and accounting units (XAU, XDR, …). Real X-currencies (XAF, XCD, XOF,
# XPF) stay.
_NOT_MONEY = frozenset("XXX XTS XAU XAG XPD XPT XBA XBB XBC XBD XDR XSU XUA".split())


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies()) - _NOT_MONEY


# Currencies whose minor unit exists on paper (ISO 4217) but not in practice: the forint's
# fillér left circulation in 1999 and Hungarian invoices and contracts use whole forints.
_PRACTICAL_DIGITS = {"HUF": 0}


@cache
def _pattern(currency: str, locale: str) -> dict[str, Any]:
    """Babel options that show ``digits(currency)`` decimals where CLDR would show more."""
    if currency not in _PRACTICAL_DIGITS:
        return {}
    standard = Locale.parse(locale).currency_formats["standard"].pattern
    places = digits(currency)
    decimals = "." + "0" * places if places else ""
    return {"format": re.sub(r"\.0+", decimals, standard), "currency_digits": False}


@cache
def digits(currency: str) -> int:
    """How many decimal digits the currency's minor unit has (JPY 0, EUR 2, BHD 3, HUF 0)."""
    return _PRACTICAL_DIGITS.get(currency, int(get_currency_precision(currency)))


@dataclass(frozen=True, order=True)
class Money:
    """An amount in minor units of one currency."""

    minor: int
    currency: str

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        """Round a decimal amount half-up to the currency's minor unit."""
        scale = Decimal(10) ** digits(currency)
        minor = (Decimal(amount) * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return cls(int(minor), currency)

    @property
    def amount(self) -> Decimal:
        """The amount as a Decimal with exactly the currency's digits."""
        d = digits(self.currency)
        return Decimal(self.minor).scaleb(-d).quantize(Decimal(1).scaleb(-d))

    def __str__(self) -> str:
        return str(self.amount)

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def percent(self, pct: Decimal) -> Money:
        """``pct`` percent of this amount, rounded half-up to the minor unit."""
        exact = Decimal(self.minor) * Decimal(pct) / Decimal(100)
        return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)), self.currency)

    def format(self, locale: str) -> str:
        """Babel's currency format; a letter symbol (``GEL``) is kept apart from digits.

        Why: CLDR's currency-spacing rule ("GEL 12,000.00", not "GEL12,000.00") is not
        applied by Babel, so it is applied here.
        """
        text = str(
            format_currency(
                self.amount, self.currency, locale=locale, **_pattern(self.currency, locale)
            )
        )
        text = _LETTERS_THEN_DIGIT.sub("\\1\u00a0\\2", text)
        return _DIGIT_THEN_LETTERS.sub("\\1\u00a0\\2", text)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")


_GROUPING = re.compile(r"[\s_'\u00a0\u202f]")


def _grouped(whole: str, point: int, s: str) -> bool:
    """Whether the part before the decimal separator is grouped in threes: 1.234,5 yes,
    1.2,3 and 1,2.3 no (a typo, never twelve point three)."""
    groups = whole.lstrip("+-").split("," if s[point] == "." else ".")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_amount(text: str) -> Decimal:
    """Parse an amount as people type it, refusing what could mean two things.

    Why: "4800,50" is four thousand eight hundred and a half in Polish, Swedish and
    Hungarian, while "4,800" is four thousand eight hundred in English and "4,8" in some
    hands. Both separators, or a comma followed by one or two digits, are unambiguous;
    a single "4,800" or "4.800" is not, and is refused rather than guessed.
    """
    s = _GROUPING.sub("", text.strip())
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", s):
        raise ValueError(f"must be an amount like 4800 or 4800.50, got {text!r}")
    if "," in s and "." in s:
        point = max(s.rfind(","), s.rfind("."))
        whole, frac = s[:point], s[point + 1 :]
        if s[point] in whole or not frac.isdigit() or not _grouped(whole, point, s):
            raise ValueError(
                f"must be an amount like 4800.50 or 4,800.50 (thousands in groups of "
                f"three), got {text!r}"
            )
        s = whole.replace("," if s[point] == "." else ".", "") + "." + frac
    else:
        sep = "," if "," in s else "."
        groups = s.lstrip("+-").split(sep)
        if len(groups) > 2:  # 1,234,567: only grouping reads this way
            if not all(len(g) == 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
                raise ValueError(f"must be an amount like 4800 or 4800.50, got {text!r}")
            s = s.replace(sep, "")
        elif len(groups) == 2 and len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3:
            raise ValueError(
                f"{text!r} is ambiguous: write it without a thousands separator "
                f"({''.join(groups)}) or with two decimals"
            )
        else:
            s = s.replace(",", ".")
    value = Decimal(s)
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise ValueError(f"must be an amount below {MAX_AMOUNT:,}, got {text!r}")
    return value


def allocate(total: Money, percents: Sequence[Decimal]) -> list[Money]:
    """Split ``total`` by ``percents`` (summing to 100) so the parts add up exactly.

    Each part gets the floor of its exact share; the minor units left over go one each to
    the parts with the largest remainders, earlier parts first on ties.
    """
    if sum(percents, Decimal(0)) != Decimal(100):
        raise ValueError(f"percentages sum to {sum(percents)}, not 100")
    exact = [Decimal(total.minor) * Decimal(p) / Decimal(100) for p in percents]
    floors = [int(e // 1) for e in exact]
    left = total.minor - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [Money(m, total.currency) for m in floors]
