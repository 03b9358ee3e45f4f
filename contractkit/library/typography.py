"""Per-language typography of the finished document: quotes, apostrophes, non-breaking spaces.

Why: «10⏎pkt», «w⏎Krakowie», «inom 30⏎dagar» and a straight "quote" in a Polish contract
are layout errors a native reader notices at once. :func:`typeset_document` runs once over
the finished :class:`~contractkit.document.Document` (the last step of assembling a
contract or a letter), so the PDF, the DOCX and the text show the same characters, and the
values a user typed (a city, an address, a project title) get them too. It only ever
replaces a straight quote with a curly one and a space with a non-breaking one: text stays
data (never markup), applying it twice changes nothing, and e-mail addresses and web
addresses are left exactly as typed (``o'brien@example.com`` must keep its apostrophe).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache, partial

from babel.dates import format_date

from contractkit import document as doc
from contractkit.document import REF_OPEN, with_references
from contractkit.library.language import hu_date, ka_date

NBSP = "\u00a0"

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŜŞŠŢŤŪŮŰŲŹŻŽ"

# Each rule is a pattern whose group 1 is the one space that becomes non-breaking.
# A number and the word, unit or sign after it: «30 dagar», «10 pkt», «5 %», «5 business».
_NUMBER_WORD = r"(?<=\d)( )(?=[^\W\d_]|[%‰€$£§₾])"
# Digits grouped by spaces: «12 000», «+48 600 100 200».
_GROUPS = r"(?<=\d)( )(?=\d{3}(?!\d))"
# A currency code or sign and the amount after it: «EUR 1,500», «€ 20».
_CURRENCY = r"(?<![\w.])(?:[A-Z]{3}|[€$£₾])( )(?=\d)"
# An initial and the name after it: «J. Smith», «A. B. Nowak».
_INITIAL = rf"(?<![\w.])[{_UPPER}]\.( )(?=[{_UPPER}])"
# A dash never starts a line: the space before «–» or «—» is non-breaking.
_DASH = r"( )(?=[–—])"
# A sign or abbreviation and the number after it, per language: «clause 9», «pkt 9», «§ 3».
_BEFORE_NUMBER = {
    "en": r"[Cc]lauses?|[Ss]ections?|[Pp]aragraphs?|[Aa]rticles?|[Pp]ages?|[Nn]o\.|pp?\.|§",
    "pl": r"pkt|art\.|ust\.|nr|§|poz\.|lit\.|str\.|tj\.|ok\.",
    "sv": r"nr|§|kap\.|p\.|s\.|ca|punkt|avsnitt",
    "hu": r"§|sz\.|pont",
    "ka": r"§|№",
}
_EXTRA = {
    # ordinal dot: «6:155. §», «13. pontja», «2027. január»
    "hu": (r"(?<=\d\.)( )(?=§|[a-záéíóöőúüű])",),
    # Polish one-letter words never end a line (a, i, o, u, w, z and their capitals)
    "pl": (r"(?<!\w)[aiouwzAIOUWZ]( )",),
}

# Quotes: (opening, closing) double quotes per language, and the apostrophe. English
# alone also pairs single quotes (‘…’); elsewhere a single straight quote is an apostrophe.
_QUOTES = {"en": "“”", "pl": "„”", "sv": "””", "hu": "„”", "ka": "„“"}
APOSTROPHE = "’"
# After one of these (or at the start) a quote opens; after anything else it closes.
_OPENS_AFTER = frozenset(" \t\n\u00a0\u202f([{<‘“„«‚—–-/")

# A phone number in international form never breaks: «+46 70 123 45 67».
_PHONE = re.compile(r"\+\d[\d ]{4,}\d")

# E-mail and web addresses are left exactly as typed.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")


@lru_cache(maxsize=8)
def _rules(language: str) -> tuple[re.Pattern[str], ...]:
    before = _BEFORE_NUMBER.get(language, "§")
    patterns = (
        _NUMBER_WORD,
        _GROUPS,
        _CURRENCY,
        _INITIAL,
        _DASH,
        rf"(?<![\w.])(?:{before})( )(?=\d)",
        *_EXTRA.get(language, ()),
    )
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=8192)
def typeset(language: str, text: str) -> str:
    """``text`` in ``language``'s typography: non-breaking spaces where a line must not
    break, curly quotes and apostrophes for straight ones; line breaks untouched.

    Every change keeps the length (one character for one), so the places of the e-mail
    and web addresses found at the start stay valid through every rule."""
    if " " not in text and "'" not in text and '"' not in text:
        return text
    if REF_OPEN in text:  # clause references: the rules see the numbers they print
        return with_references(text, lambda plain: typeset(language, plain))
    keep = [m.span() for m in _ADDRESS.finditer(text)]

    def free(i: int) -> bool:
        return not any(a <= i < b for a, b in keep)

    chars = list(text)
    for rule in _rules(language):
        for m in rule.finditer("".join(chars)):
            if free(m.start(1)):
                chars[m.start(1)] = NBSP
    for m in _PHONE.finditer(text):
        for i in range(*m.span()):
            if chars[i] == " " and free(i):
                chars[i] = NBSP
    opening, closing = tuple(_QUOTES.get(language, _QUOTES["en"]))
    for i, ch in enumerate(chars):
        if ch not in "'\"" or not free(i):
            continue
        opens = i == 0 or chars[i - 1] in _OPENS_AFTER
        if ch == '"':
            chars[i] = opening if opens else closing
        else:
            chars[i] = "‘" if opens and language == "en" else APOSTROPHE
    return "".join(chars)


def typeset_document(d: doc.Document) -> doc.Document:
    """Every text ``d`` shows, in its language's typography (see :func:`typeset`).

    Why one pass over the finished document: the clause texts, the labels and the values
    a user typed all reach the reader, in every format, with the same characters."""
    t = partial(typeset, d.language)
    return replace(
        d,
        title=t(d.title),
        subtitle=t(d.subtitle),
        subject=t(d.subject),
        blocks=tuple(_block(b, t) for b in d.blocks),
    )


def _block(block: doc.Block, t: Callable[[str], str]) -> doc.Block:
    def party(p: doc.Party) -> doc.Party:
        return replace(p, role=t(p.role), lines=tuple(map(t, p.lines)))

    if isinstance(block, doc.Heading):
        return replace(block, text=t(block.text))
    if isinstance(block, doc.Paragraph):
        return replace(block, text=t(block.text))
    if isinstance(block, doc.Bullets):
        return replace(block, items=tuple(map(t, block.items)))
    if isinstance(block, doc.Table):
        return replace(
            block,
            header=tuple(map(t, block.header)),
            rows=tuple(tuple(map(t, row)) for row in block.rows),
            total=tuple(map(t, block.total)) if block.total else block.total,
        )
    if isinstance(block, doc.Parties):
        return replace(block, parties=tuple(map(party, block.parties)))
    return replace(
        block,
        heading=t(block.heading),
        parties=tuple(map(party, block.parties)),
        signature_label=t(block.signature_label),
        date_label=t(block.date_label),
    )


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
