"""Grammar a template cannot spell out itself: Hungarian articles and date endings,
Georgian date cases and ordinals, counted nouns, currency words and salutations.

Why: a value the program inserts (a company name, a date, an amount) changes the words
around it — «az SMS Media Kft.», «2027. január 15-én», «2027 წლის 15 იანვრამდე». Each
rule lives here once, over closed sets (digits, letter names, the twelve months), and the
templates call it as a filter instead of copying an inline conditional into every file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from babel import Locale

from contractkit.document import plain
from contractkit.errors import LibraryError

# ---------------------------------------------------------------- Hungarian: a / az

# Letter names that begin with a vowel sound when an acronym is spelled out:
# ef, el, em, en, er, es, iksz, ipszilon, and the vowels themselves.
_HU_VOWEL_LETTERS = set("AÁEÉIÍOÓÖŐUÚÜŰFLMNRSXY")
_HU_VOWELS = set("aáeéiíoóöőuúüű")
_LEAD = "\"'„“”«»‚‘’([{*–— \u00a0"
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)|\d+")


def _hu_number_starts_with_vowel(n: int) -> bool:
    """Whether the Hungarian reading of ``n`` starts with a vowel: egy (1), öt (5),
    ötven (50-59), ötszáz (500-599), ezer (1000-1999), egymillió, ötezer..."""
    for power in (10**9, 10**6, 10**3):
        if n >= power:
            lead = n // power
            return lead == 1 or _hu_number_starts_with_vowel(lead)
    if n >= 100:
        return n // 100 == 5  # száz (a), ötszáz (az), kétszáz (a)
    if n >= 10:
        return n // 10 == 5  # tíz, húsz... ötven
    return n in (1, 5)


def _spelled_acronym(token: str) -> bool:
    """An all-capital token read letter by letter (SMS, MTA, RTL), not as a word
    (NATO, MÁV: consonant then vowel, or a vowel first)."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    first, second = letters[0].lower(), letters[1].lower()
    return first not in _HU_VOWELS and second not in _HU_VOWELS


def hu_article(value: str) -> str:
    """«a» or «az» before ``value``, by how it is pronounced, not how it is spelled."""
    text = plain(str(value)).lstrip(_LEAD)
    if not text:
        raise LibraryError("the Hungarian article needs a value after it")
    number = _NUMBER.match(text)
    if number:
        digits = re.sub(r"\D", "", number.group(0))
        return "az" if _hu_number_starts_with_vowel(int(digits)) else "a"
    token = re.split(r"[\s\u00a0\-.,]", text, maxsplit=1)[0]
    if _spelled_acronym(token):
        return "az" if token[0] in _HU_VOWEL_LETTERS else "a"
    return "az" if text[0].lower() in _HU_VOWELS else "a"


def with_article(value: str, capital: bool = False) -> str:
    """``SMS Media Kft.`` → ``az SMS Media Kft.`` (``Az`` at the start of a sentence)."""
    article = hu_article(value)
    return f"{article.capitalize() if capital else article} {value}"


# ---------------------------------------------------------------- Hungarian: dates

_HU_MONTHS = (
    "január február március április május június július augusztus szeptember október "
    "november december"
).split()
# The vowel the day's ordinal takes before a case ending (másodikán, tizenkettedikén,
# huszadikán): by the last digit, except the lone 2 and the round tens.
_HU_DAY_VOWEL = {1: "é", 2: "é", 3: "á", 4: "é", 5: "é", 6: "á", 7: "é", 8: "á", 9: "é"}
_HU_TENS_VOWEL = {10: "é", 20: "á", 30: "á"}


def _hu_day_ending(day: int, case: str) -> str:
    if case == "adj":  # a január 1-jei, a 2027. január 15-i
        return "jei" if day == 1 else "i"
    vowel = "á" if day == 2 else _HU_TENS_VOWEL.get(day) or _HU_DAY_VOWEL[day % 10]
    back = vowel == "á"
    endings = {"on": "n", "until": "ig", "from": "tól" if back else "től"}
    if case not in endings:
        raise LibraryError(f"unknown Hungarian date case {case!r}: nom, on, until, from, adj")
    return ("j" if day == 1 else "") + vowel + endings[case]


def hu_date(value: date, case: str = "nom") -> str:
    """``2027. január 15.``; ``on`` 15-én, ``until`` 15-éig, ``from`` 15-étől, ``adj`` 15-i."""
    head = f"{value.year}.\u00a0{_HU_MONTHS[value.month - 1]}\u00a0{value.day}"
    if case == "nom":
        return head + "."
    return f"{head}-{_hu_day_ending(value.day, case)}"


# ---------------------------------------------------------------- Georgian: dates, ordinals

_KA_MONTHS = (
    "იანვარი თებერვალი მარტი აპრილი მაისი ივნისი ივლისი აგვისტო სექტემბერი ოქტომბერი "
    "ნოემბერი დეკემბერი"
).split()
# Stems that lose their last vowel before an ending: იანვარი → იანვრის, იანვრამდე.
_KA_SYNCOPE = {"იანვარი": "იანვრ", "თებერვალი": "თებერვლ", "სექტემბერი": "სექტემბრ",
               "ოქტომბერი": "ოქტომბრ", "ნოემბერი": "ნოემბრ", "დეკემბერი": "დეკემბრ"}  # fmt: skip


def _ka_month(month: int, case: str) -> str:
    name = _KA_MONTHS[month - 1]
    if case == "nom":
        return name
    vowel_stem = not name.endswith("ი")  # აგვისტო
    full = name if vowel_stem else name[:-1]  # იანვარ (dative keeps the vowel)
    short = name if vowel_stem else _KA_SYNCOPE.get(name, full)
    forms = {
        "dat": full + "ს" if not vowel_stem else name + "ს",
        "gen": short + ("ს" if vowel_stem else "ის"),
        "gena": short + ("სი" if vowel_stem else "ისა"),  # არაუგვიანეს … ივლისისა
        "until": short + ("მდე" if vowel_stem else "ამდე"),
    }
    if case not in forms:
        raise LibraryError(f"unknown Georgian date case {case!r}: nom, dat, gen, gena, until")
    return forms[case]


def ka_date(value: date, case: str = "nom") -> str:
    """Legal form with the year first: ``2027 წლის 15 იანვარი``; ``dat`` …იანვარს,
    ``gen`` …იანვრის, ``gena`` …იანვრისა, ``until`` …იანვრამდე."""
    return f"{value.year}\u00a0წლის {value.day}\u00a0{_ka_month(value.month, case)}"


def ka_ordinal(value: int | str) -> str:
    """1-ლი, მე-2 … მე-20, 21-ე, მე-40, მე-100, 101-ე (the written forms of ordinals).

    A clause reference (``n('ip') | ordinal``) stays a reference, its number in the form.
    """
    text = str(value)
    n = int(plain(text))
    if n == 1:
        form = "1-ლი"
    elif n <= 20 or (n % 20 == 0 and n <= 100) or n in (1000, 10**6):
        form = f"მე-{n}"
    else:
        form = f"{n}-ე"
    return form.replace(str(n), text, 1)


_HU_DATE_END = re.compile(r"^(.*\D)(\d{1,2})\.$", re.S)
_KA_DATE_END = re.compile(r"^(.*\d[ \u00a0])(" + "|".join(_KA_MONTHS) + r")$", re.S)


def recase(language: str, text: str, case: str) -> str:
    """A date already written in the nominative (``fact.sent``) put into ``case``:
    «2027. január 15.» → «2027. január 15-én», «2027 წლის 10 თებერვალი» → «… თებერვალს».
    Anything else (a fill-in blank such as «[dátum]») comes back unchanged."""
    if case == "nom":
        return text
    if language == "hu":
        m = _HU_DATE_END.match(text)
        return f"{m.group(1)}{m.group(2)}-{_hu_day_ending(int(m.group(2)), case)}" if m else text
    if language == "ka":
        m = _KA_DATE_END.match(text)
        month = _KA_MONTHS.index(m.group(2)) + 1 if m else 0
        return f"{m.group(1)}{_ka_month(month, case)}" if m else text
    raise LibraryError(f"dates in {language!r} have no case {case!r}")


# ---------------------------------------------------------------- counted nouns, currencies


def plural_category(language: str, count: int | Decimal) -> str:
    """CLDR plural category (one, few, many, other) of ``count`` in ``language``."""
    return str(Locale.parse(language).plural_form(count))


def count_of(language: str, count: int | Decimal, forms: Mapping[str, str]) -> str:
    """``1 arbetsdag``, ``2 arbetsdagar``, ``5 dni roboczych``: the number, a non-breaking
    space and the noun form CLDR's plural rule picks (``other`` when a form is missing)."""
    word = forms.get(plural_category(language, count)) or forms["other"]
    return f"{count}\u00a0{word}"


def pick(table: Mapping[str, Any], key: str, what: str) -> Any:
    if key not in table:
        raise LibraryError(f"no {what} for {key!r}; known: {', '.join(sorted(table))}")
    return table[key]


# Symbols Babel prints for a currency, back to its code («€» → EUR, «kr» → SEK).
_SYMBOLS = {"€": "EUR", "Ft": "HUF", "zł": "PLN", "kr": "SEK", "₾": "GEL", "US$": "USD",
            "$": "USD", "£": "GBP"}  # fmt: skip
_AMOUNT = re.compile(r"^(-?\d[\d\u00a0\u202f ]*)(?:,(\d+))?\u00a0(\S+)$")


def money_text(value: str, words: Mapping[str, str], case: str = "nom") -> str:
    """A formatted amount as running text says it: «40,00 EUR» → «40 euró», «450,00 kr» →
    «450 kronor» (``words``: the language's currency nouns by code; zero decimals dropped).
    Hungarian ``dat`` adds the dative: «40 eurónak». A blank or other text comes back as is."""
    m = _AMOUNT.match(value)
    code = _SYMBOLS.get(m.group(3), m.group(3)) if m else ""
    if not m or code not in words:
        return value
    number = (
        m.group(1) if not m.group(2) or not m.group(2).strip("0") else m.group(1) + "," + m.group(2)
    )
    word = str(words[code])
    if case == "dat":
        word += "nak" if any(v in word for v in "aáoóuú") else "nek"
    elif case != "nom":
        raise LibraryError(f"unknown case {case!r} for an amount: nom, dat")
    return f"{number}\u00a0{word}"


# ---------------------------------------------------------------- salutations

_TITLES = ("mr", "ms")


def _first_and_last(language: str, name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return name, name
    if language == "hu":  # Kovács Péter: family name first
        return parts[-1], " ".join(parts[:-1])
    return parts[0], " ".join(parts[1:])


def salutation(language: str, client: Any, formal: bool) -> str:
    """The opening line of a letter to ``client`` (a job's client or a mapping).

    ``client.salutation`` is used as typed; otherwise the form follows the language's
    custom from ``client.first_name`` (by default the given name within ``client.name``)
    and ``client.title`` (``mr``/``ms``; unknown → a neutral form).
    """

    def get(key: str) -> Any:
        return client.get(key) if isinstance(client, Mapping) else getattr(client, key, None)

    if get("salutation"):
        return str(get("salutation"))
    name = str(get("name"))
    first, last = _first_and_last(language, name)
    first = str(get("first_name") or first)
    title = get("title") if get("title") in _TITLES else None
    builder = _SALUTATIONS.get(language)
    if builder is None:
        raise LibraryError(f"no salutation rule for language {language!r}")
    return builder(name=name, first=first, last=last, title=title, formal=formal)


def _en(*, name: str, first: str, last: str, title: str | None, formal: bool) -> str:
    return f"Dear {'Mr' if title == 'mr' else 'Ms'} {last}," if title else f"Dear {name},"


def _pl(*, name: str, first: str, last: str, title: str | None, formal: bool) -> str:
    # The letters address the client as «Państwo» throughout, so the formal salutation is
    # «Szanowni Państwo,»; «Szanowny Panie,» would need the body in «Pan» forms too (and the
    # vocative of a first name, «Panie Łukaszu», cannot be derived safely). A client who
    # wants another form gives it as client.salutation. The friendly one: «Dzień dobry,».
    return "Szanowni Państwo," if formal else "Dzień dobry,"


def _sv(*, name: str, first: str, last: str, title: str | None, formal: bool) -> str:
    return f"Hej {first},"  # Swedish business letters greet by first name, formal or not


def _hu(*, name: str, first: str, last: str, title: str | None, formal: bool) -> str:
    if not formal:
        return f"Kedves {first}!"
    if title:
        return f"Tisztelt {last} {'Úr' if title == 'mr' else 'Asszony'}!"
    return f"Tisztelt {name}!"


def _ka(*, name: str, first: str, last: str, title: str | None, formal: bool) -> str:
    address = {"mr": "ბატონო", "ms": "ქალბატონო"}.get(title or "")
    if address:
        return f"პატივცემულო {address} {first}," if formal else f"{address} {first},"
    # Without a title: the first name alone, never the full name («პატივცემულო გიორგი,»).
    return f"პატივცემულო {first}," if formal else f"გამარჯობა, {first}!"


_SALUTATIONS = {"en": _en, "pl": _pl, "sv": _sv, "hu": _hu, "ka": _ka}
