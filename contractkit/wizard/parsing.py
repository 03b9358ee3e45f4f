"""Answers as people type them: ``£6,500``, ``30 %``, ``Polska``, ``złoty``, ``1.12.2026``.

Why: a question that refuses ``Poland`` for a country or ``30%`` for a percentage teaches
people to fight the tool. Each helper here turns what a person writes into the value the
job file keeps, using CLDR's own words (Babel) in the five languages of the library, and
refuses — in the question's words, with an example — only what could mean two things.
Every refusal is a :class:`Refusal` (a ``ValueError``) whose text is ready to show.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_territory_currencies

from contractkit.money import known_currencies, parse_amount

# The languages the library ships and whose words are understood (CLDR names).
WORDS_LANGUAGES = ("en", "pl", "sv", "hu", "ka")


class Refusal(ValueError):
    """A typed answer that cannot be read; the message says what to type instead."""


def fold(text: str) -> str:
    """Case- and accent-blind form: ``Magyarország`` and ``magyarorszag`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", kept.replace("ł", "l"))


# -- countries -----------------------------------------------------------------------------


def _is_country(code: object) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code.isupper()
        and code != "ZZ"
    )


@cache
def _countries() -> tuple[str, ...]:
    """Every ISO 3166 alpha-2 code CLDR names (no regions such as 001 or EU)."""
    return tuple(str(c) for c in Locale("en").territories if _is_country(c))


@cache
def _country_names() -> dict[str, str]:
    """Folded territory name (in each of the five languages) → ISO code."""
    names: dict[str, str] = {}
    for language in WORDS_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if _is_country(code):
                names.setdefault(fold(name), code)
    return names


def parse_country(text: str) -> str:
    """``Poland``, ``Polska``, ``პოლონეთი``, ``pl`` → ``PL``."""
    raw = text.strip().rstrip(".")
    if _is_country(raw.upper()) and raw.upper() in Locale("en").territories:
        return raw.upper()
    found = _country_names().get(fold(raw))
    if found:
        return found
    raise Refusal(
        f"{text.strip()!r} is not a country I know: type its name (Poland, Polska, Sverige) "
        "or its two-letter code (PL, SE, GB)"
    )


def country_in(address: str) -> str | None:
    """The country an address ends with (``..., Warszawa, Poland`` → ``PL``), if any."""
    for part in reversed(re.split(r"[,\n]", address)):
        if part.strip():
            try:
                return parse_country(part)
            except Refusal:
                return None
    return None


def country_shown(code: str) -> str:
    """``PL`` → ``Poland (PL)``."""
    name = Locale("en").territories.get(code)
    return f"{name} ({code})" if name else code


# -- currencies ----------------------------------------------------------------------------


@cache
def _currency_words() -> dict[str, frozenset[str]]:
    """Folded names, name words and symbols → the currencies they can mean.

    Names come from CLDR in the five languages (every plural form: ``złoty``, ``złote``,
    ``euro``); symbols from those languages and from each country's own language (``kr`` is
    the Swedish, Danish and Norwegian sign alike, so it means three currencies).
    """
    words: dict[str, set[str]] = {}
    known = known_currencies()

    def add(key: str, code: str) -> None:
        if key:
            words.setdefault(fold(key), set()).add(code)

    for language in WORDS_LANGUAGES:
        for code in known:
            for count in (1, 2, 5, Decimal("1.5")):
                name = str(get_currency_name(code, count, locale=language))
                if name != code:
                    add(name, code)
                    for word in name.split():
                        add(f"word:{word}", code)
    ids = set(locale_identifiers())
    for territory in _countries():
        for language in get_official_languages(territory)[:1]:
            if f"{language}_{territory}" in ids:
                symbols = Locale.parse(f"{language}_{territory}").currency_symbols
                for code in get_territory_currencies(territory, date(2026, 1, 1)):
                    if code in known and symbols.get(code, code) != code:
                        add(f"sign:{symbols[code]}", code)
    for language in (*WORDS_LANGUAGES, "en_GB", "pl_PL", "sv_SE", "hu_HU", "ka_GE"):
        for code, symbol in Locale.parse(language).currency_symbols.items():
            if code in known and symbol != code:
                add(f"sign:{symbol}", code)
    return {k: frozenset(v) for k, v in words.items()}


@cache
def _current() -> frozenset[str]:
    """Currencies some country pays in today (not the 1950 złoty or the Dutch guilder)."""
    day = date(2026, 1, 1)
    found = set()
    for territory in _countries():
        found.update(get_territory_currencies(territory, day))
    return frozenset(found)


def _narrow(found: frozenset[str], key: str) -> frozenset[str]:
    """Of several readings keep the current currencies, then those English names by the
    typed word (``forint`` is the Hungarian forint, though Hungarian also calls the
    guilder so); more than one left is a real ambiguity (``kr``, ``pound``)."""
    current = found & _current()
    found = current or found
    english = frozenset(c for c in found if fold(get_currency_name(c, locale="en")).endswith(key))
    return english if len(english) == 1 else found


def currency_candidates(text: str) -> frozenset[str]:
    """Every currency ``text`` (a code, a sign or a name) can mean; empty if none."""
    raw = text.strip()
    if raw.upper() in known_currencies():
        return frozenset({raw.upper()})
    words = _currency_words()
    key = fold(raw)
    found = words.get(key) or words.get(f"sign:{key}") or words.get(f"word:{key}")
    if found and len(found) > 1 and f"sign:{key}" in words:
        english = Locale("en").currency_symbols
        preferred = [c for c in found if fold(english.get(c, "")) == key]
        if len(preferred) == 1:  # £ → GBP, $ → USD, as English writes them
            return frozenset(preferred)
    return _narrow(found, key) if found else frozenset()


def parse_currency(text: str) -> str:
    """``euro``, ``€``, ``zł``, ``złoty``, ``gbp`` → the ISO code; ``kr`` → which one?"""
    found = currency_candidates(text)
    if len(found) == 1:
        return next(iter(found))
    if found:
        options = ", ".join(currency_shown(c) for c in sorted(found))
        raise Refusal(f"{text.strip()!r} could be {options}: type which one, e.g. {min(found)}")
    raise Refusal(
        f"{text.strip()!r} is not a currency I know: type its sign, name or three-letter "
        "code, e.g. €, złoty, GBP"
    )


def currency_shown(code: str) -> str:
    """``GBP`` → ``GBP (British pound)``."""
    name = get_currency_name(code, locale="en")
    return f"{code} ({name})" if name != code else code


# -- amounts and percentages ---------------------------------------------------------------

_SIGN_THEN_NUMBER = re.compile(r"\A\s*([^\d\s+\-.,][^\d]*?)\s*([+\-]?\d.*?)\s*\Z")
_NUMBER_THEN_SIGN = re.compile(
    r"\A\s*([+\-]?[\d.,][\d\s.,'_\u00a0\u202f]*?)\s*([^\d\s.,][^\d]*?)\s*\Z"
)


def parse_money(text: str, currency: str, locale: str) -> Decimal:
    """An amount in ``currency``: ``£6,500``, ``6 500 zł``, ``1500 EUR``, ``4800.50``.

    A sign or code must be the job's currency (``€1500`` for a GBP job is refused, saying
    so). Written the way the locale writes money, sign included (``£6,500`` in en_GB), the
    separators are read as that locale reads them; a bare ``4,800`` stays ambiguous and is
    refused by :func:`contractkit.money.parse_amount`.
    """
    number, sign, before = text.strip(), "", False
    if m := _SIGN_THEN_NUMBER.match(number):
        sign, number, before = m.group(1), m.group(2), True
    elif m := _NUMBER_THEN_SIGN.match(number):
        number, sign = m.group(1), m.group(2)
    if sign:
        meant = currency_candidates(sign)
        if not meant:
            raise Refusal(f"{sign!r} is not a currency sign: type the amount, e.g. 4800")
        if currency not in meant:
            which = currency_shown(min(meant)) if len(meant) == 1 else f"not {currency}"
            raise Refusal(
                f"{sign} is {which}, but this job is paid in {currency_shown(currency)}: "
                f"type the amount in {currency}, e.g. 4800"
            )
        number = _as_locale_writes(number, currency, locale, before)
    try:
        return parse_amount(number)
    except ValueError as e:
        raise Refusal(
            f"{e}; type the amount in {currency}, e.g. 4800 or 4800.50".replace(
                "must be an amount like 4800 or 4800.50, got", "cannot read"
            )
        ) from None


def _as_locale_writes(number: str, currency: str, locale: str, before: bool) -> str:
    """Rewrite ``6,500`` to ``6500`` when the locale writes this currency's sign where it
    was typed and groups thousands with a comma (or a dot): the sign settles the reading."""
    loc = Locale.parse(locale)
    pattern = loc.currency_formats["standard"].pattern.strip()
    if pattern.startswith("¤") != before:
        if not before:
            return number
        loc = Locale("en")  # £6,500 in a Polish contract: the sign is written the English way
    group, point = loc.number_symbols["latn"]["group"], loc.number_symbols["latn"]["decimal"]
    if group not in ",." or point not in ",.":
        return number
    grouped = rf"\A[+-]?\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(point)}\d+)?\Z"
    if re.fullmatch(grouped, number):
        return number.replace(group, "").replace(point, ".")
    return number


def parse_percent(text: str) -> Decimal:
    """``30``, ``30%``, ``30 %``, ``12,5 %`` → a Decimal (the range is the model's rule)."""
    raw = text.strip().removesuffix("%").strip().replace("\u00a0", "")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", raw):
        return Decimal(raw.replace(",", "."))
    raise Refusal(f"cannot read {text.strip()!r} as a percentage: type a number, e.g. 30 or 30 %")


def parse_whole(text: str, unit: str, example: int) -> int:
    """A whole number of ``unit`` (``10``, ``10 days``) → int."""
    m = re.fullmatch(r"\s*(\d{1,6})\s*([^\d]*?)\s*", text)
    if m and fold(m.group(2)) in fold(unit):  # "10", "10 days", "10 business days"
        return int(m.group(1))
    raise Refusal(f"type a whole number of {unit}, e.g. {example}")


# -- dates ---------------------------------------------------------------------------------


def typing_locale(fallback: str) -> str:
    """The locale people type dates in: the terminal's (``LC_ALL``, ``LC_TIME``, ``LANG``,
    e.g. ``en_US.UTF-8``) when it names a real one, else ``fallback`` (the contract's)."""
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(var, "").split(".")[0].split("@")[0]
        if value in ("C", "POSIX"):  # no choice made: not the US order Babel reads in it
            return fallback
        if value:
            try:
                Locale.parse(value)
            except (ValueError, LookupError, UnknownLocaleError):
                return fallback
            return value
    return fallback


@cache
def _month_names(locale: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for where in (locale, "en", *WORDS_LANGUAGES):
        months = Locale.parse(where).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(fold(name).rstrip("."), number)
    return names


def _order(locale: str) -> str:
    """``dmy``, ``mdy`` or ``ymd``: the order of the locale's short date."""
    pattern = Locale.parse(locale).date_formats["short"].pattern.lower()
    return "".join(sorted("dmy", key=lambda ch: pattern.find(ch)))


def parse_date(text: str, locale: str) -> date:
    """``2026-12-01`` always; ``1.12.2026``, ``1/12/2026`` (en_GB), ``12/1/2026`` (en_US),
    ``1 December 2026``, ``1 grudnia 2026``, ``2026. 12. 01.`` otherwise.

    Year first is always year-month-day; dots or dashes with the year last are day first
    (nobody writes month.day.year); with slashes, a day above 12 settles the order and
    otherwise the locale's order is used (the answer is shown back with the month's name).
    """
    raw = text.strip()
    example = "2026-12-01 or 1 December 2026"
    parts = [p for p in re.split(r"[\s./,-]+", raw) if p]
    words = [p for p in parts if not p.isdigit()]
    numbers = [int(p) for p in parts if p.isdigit()]
    if len(parts) != 3 or len(words) > 1:
        raise Refusal(f"cannot read {raw!r} as a date: type it as {example}")
    if words:
        month = _month_names(locale).get(fold(words[0]).rstrip("."))
        years = [p for p in parts if p.isdigit() and len(p) == 4]
        if month is None or len(years) != 1:
            raise Refusal(f"cannot read {raw!r} as a date: type it as {example}")
        day = next(int(p) for p in parts if p.isdigit() and p != years[0])
        return _day(int(years[0]), month, day, raw, example)
    if len(parts[0]) == 4:  # 2026-12-01, 2026.12.01, 2026. 12. 01. (Hungarian)
        return _day(numbers[0], numbers[1], numbers[2], raw, example)
    if len(parts[2]) != 4:
        raise Refusal(f"write the year in full: {example}")
    first, second, year = numbers
    if "/" not in raw:  # 1.12.2026, 1-12-2026: day first wherever dots are used
        return _day(year, second, first, raw, example)
    month_first = _order(locale).startswith("m")
    if first > 12 or (second <= 12 and not month_first):
        return _day(year, second, first, raw, example)
    return _day(year, first, second, raw, example)


def _day(year: int, month: int, day: int, text: str, example: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Refusal(f"{text!r} is not a real date: type it as {example}") from None


def date_shown(day: date, locale: str) -> str:
    """``2026-12-01`` → ``1 December 2026 (2026-12-01)`` in the locale's long form."""
    return f"{format_date(day, 'long', locale=locale)} ({day.isoformat()})"
