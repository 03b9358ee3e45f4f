"""Per-language typography of rendered text: non-breaking spaces and the place+date line.

Why: «10⏎pkt», «w⏎Krakowie» and «inom 30⏎dagar» are layout errors a native reader
notices at once. The rules run over the text after the template has been filled, so the
values a user typed (a city, an address, a project title) get them too.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel.dates import format_date

from contractkit.document import REF_OPEN, with_references
from contractkit.library.language import hu_date, ka_date

NBSP = "\u00a0"

# A number and the word, unit or sign after it: «30 dagar», «10 pkt», «5 %», «2027 r.».
_NUMBER_WORD = re.compile(r"(?<=\d) (?=[^\W\d_]|[%‰€$£§])")
# A sign or abbreviation and the number after it, per language: «pkt 9», «art. 6», «§ 3».
_BEFORE_NUMBER = {
    "pl": r"pkt|art\.|ust\.|nr|§|poz\.|lit\.|str\.|tj\.|ok\.",
    "sv": r"nr|§|kap\.|p\.|s\.|ca",
    "hu": r"§|sz\.",
    "ka": r"§|№",
}
# Polish one-letter words never end a line (a, i, o, u, w, z and their capitals).
_PL_SINGLE = re.compile(r"(?<!\w)([aiouwzAIOUWZ]) ")
# A dash never starts a line: the space before «–» is non-breaking (not in English text).
_DASH = re.compile(r" (?=[–—])")


@lru_cache(maxsize=4096)
def typeset(language: str, text: str) -> str:
    """``text`` with the non-breaking spaces ``language`` needs; line breaks untouched.
    English text is left as written (its conventions do not ask for them)."""
    if language not in _BEFORE_NUMBER:
        return text
    if REF_OPEN in text:  # clause references: the rules see the numbers they print
        return with_references(text, lambda plain: typeset(language, plain))
    out = _NUMBER_WORD.sub(NBSP, text)
    before = _BEFORE_NUMBER.get(language)
    if before:
        out = re.sub(rf"(?<![\w.])({before}) (?=\d)", rf"\1{NBSP}", out)
    if language == "hu":  # ordinal dot: «6:155. §», «13. pontja», «2027. január»
        out = re.sub(r"(?<=\d\.) (?=§|[a-záéíóöőúüű])", NBSP, out)
    if language == "pl":
        out = _PL_SINGLE.sub(rf"\1{NBSP}", out)
    out = _DASH.sub(NBSP, out)
    return out


def city_of(address: str | None) -> str | None:
    """The town of a postal address: the last line's words after a postcode
    («ul. Długa 5, 31-147 Kraków» → «Kraków»; «Storgatan 1, 111 22 Stockholm»)."""
    if not address:
        return None
    last = re.split(r"[,\n]", address.strip())[-1].strip()
    town = re.sub(r"^(?:[A-Z]{1,3}-)?[\d\- ]+", "", last).strip()
    return town if town and not any(c.isdigit() for c in town) else None


def date_line(language: str, locale: str, when: date, place: str | None = None) -> str:
    """The dated line at the head of a letter, in the language's custom:
    «Kraków, 1 września 2025 r.», «Stockholm den 1 september 2025»,
    «Budapest, 2025. szeptember 1.», «თბილისი, 2025 წლის 1 სექტემბერი»."""
    if language == "hu":
        day = hu_date(when)
    elif language == "ka":
        day = ka_date(when)
    else:
        day = str(format_date(when, "long", locale=locale)).replace(" ", NBSP)
        if language == "pl":
            day += f"{NBSP}r."
    if not place or language == "en":  # English letters keep the date alone
        return day
    if language == "sv":
        return f"{place} den {day}"
    return f"{place}, {day}"
