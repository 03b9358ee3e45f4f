"""Locale-aware words for money, dates, percentages, channels and plurals.

Why: every number a document shows goes through Babel in the document's locale, so
"€12,000.00", "12 000,00 zł" and "2026. szeptember 1." come from one place for contract
and letters alike.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from contractkit.errors import LibraryError
from contractkit.library.clauses import labels
from contractkit.library.language import count_of, hu_date, ka_date
from contractkit.money import Money

# The region whose conventions a language's documents follow by default.
_HOME_REGION = {"en": "GB", "pl": "PL", "sv": "SE", "hu": "HU", "ka": "GE"}
# Countries where a language is native: their own variant wins (en_US, sv_FI...).
_NATIVE = {
    "en": {"US", "GB", "IE", "CA", "AU", "NZ"},
    "sv": {"SE", "FI"},
}


def locale_name(language: str, country: str) -> str:
    """``en`` + ``US`` → ``en_US``; an English contract for a Swede → ``en_GB``.

    Why: Babel has ``en_SE`` (12 000,00 €), but an English document reads best with the
    conventions of an English-speaking country; a native variant is used where one exists.
    """
    region = country if country in _NATIVE.get(language, set()) else _HOME_REGION.get(language)
    candidate = f"{language}_{region}" if region else language
    try:
        Locale.parse(candidate)
    except (ValueError, LookupError):
        return language
    return candidate


class Formatter:
    """Formats values for one document language (and the freelancer's country)."""

    def __init__(self, language: str, country: str) -> None:
        self.language = language
        self.locale = locale_name(language, country)
        self.labels = labels(language, country=country or None)

    @cached_property
    def _babel_locale(self) -> Locale:
        return Locale.parse(self.locale)

    def money(self, value: Money) -> str:
        return value.format(self.locale)

    def date(self, value: date, case: str = "nom") -> str:
        """A date in running text. Hungarian and Georgian take the ``case`` the sentence
        needs (``on``/``until``/``from``/``adj``; ``dat``/``gen``/``gena``/``until``), and
        Georgian follows legal writing, year first: «2027 წლის 15 იანვარი»."""
        if self.language == "hu" and case != "nom":
            return hu_date(value, case)
        if self.language == "ka":
            return ka_date(value, case)
        if case != "nom":
            raise LibraryError(f"dates in {self.language!r} have no case {case!r}")
        # non-breaking spaces: "1 March 2027" must never wrap between its parts
        return str(format_date(value, "long", locale=self.locale)).replace(" ", "\u00a0")

    def number(self, value: Decimal | int) -> str:
        # every digit given: an exchange rate of 4.2655 must not print as 4.266
        return str(format_decimal(value, locale=self.locale, decimal_quantization=False))

    def pct(self, value: Decimal | int) -> str:
        # the locale's own pattern ("50%", "50 %"), keeping every decimal given (33.33%)
        pct = Decimal(value) / 100
        return str(format_percent(pct, locale=self.locale, decimal_quantization=False))

    def channel(self, code: str) -> str:
        return str(self.labels["channels"].get(code, code))

    def join(self, words: Iterable[str]) -> str:
        items = list(words)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.labels['and']} {items[-1]}"

    def channels(self, codes: Iterable[str]) -> str:
        return self.join(self.channel(c) for c in codes)

    def plural(self, count: int | Decimal, **forms: str) -> str:
        """The form of a word for ``count``: ``plural(n, one='day', other='days')``."""
        category = self._babel_locale.plural_form(count)
        return forms.get(category) or forms["other"]

    def label(self, key: str, **values: Any) -> str:
        """A dotted label key (``schedule.deposit``) with ``{placeholders}`` filled.

        A number may carry its noun's forms: ``{days:one=arbetsdag;other=arbetsdagar}``
        prints «1 arbetsdag», «2 arbetsdagar» (CLDR plural rules of the language)."""
        node: Any = self.labels
        for part in key.split("."):
            node = node[part]
        return _Counted(self.locale).format(str(node), **values) if values else str(node)


class _Counted(string.Formatter):
    """str.format, plus ``{n:one=…;few=…;other=…}``: the number and its noun's form."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if "=" not in format_spec:
            return str(super().format_field(value, format_spec))
        forms = dict(part.split("=", 1) for part in format_spec.split(";"))
        return count_of(self.locale, int(value), forms)
