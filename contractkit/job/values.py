"""What a job field may hold: the value types and checks every model shares.

Why apart from the models: the checks (visible characters only, lengths that fit where a
value is printed, no binary floats for money) are the same for every field, and the
letter facts use them too; the models then read as the shape of a job file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from contractkit.job.limits import FIRST_YEAR, LAST_YEAR, MAX_DAYS
from contractkit.money import parse_amount


def fail(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


def between(lo: int, hi: int) -> AfterValidator:
    def check(v: Decimal) -> Decimal:
        if not lo <= v <= hi:
            raise fail("range", "must be between {lo} and {hi}, got {got}", lo=lo, hi=hi, got=v)
        return v

    return AfterValidator(check)


def _positive(v: int) -> int:
    if v <= 0:
        raise fail("positive", "must be a positive whole number of days, got {got}", got=v)
    if v > MAX_DAYS:
        raise fail("days", "must be at most {max} days, got {got}", max=MAX_DAYS, got=v)
    return v


def check_year(v: date) -> date:
    if not FIRST_YEAR <= v.year <= LAST_YEAR:
        raise fail(
            "year",
            "must be a date between {a} and {b}, got {got}",
            a=FIRST_YEAR,
            b=LAST_YEAR,
            got=v.isoformat(),
        )
    return v


def _not_a_number(v: Any) -> Any:
    """``1764547200`` is not a date, though pydantic would read it as seconds since 1970."""
    if isinstance(v, bool | int | float | Decimal):
        raise fail("date", "must be a date as YYYY-MM-DD, got the number {got}", got=str(v))
    return v


Day = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(check_year)]


def _text(v: str) -> str:
    v = v.strip()
    if not v:
        raise fail("empty", "must not be empty")
    return v


def _not_bool(v: Any) -> Any:
    """``true`` is not a number of days (pydantic would read it as 1)."""
    if isinstance(v, bool):
        raise fail("bool", "must be a number, got {got}", got=str(v).lower())
    return v


def no_float_text(v: Any) -> Any:
    """Accept 12000, "12 000,50" and 12000.5; never let a float's binary error through."""
    _not_bool(v)
    if isinstance(v, float):
        v = repr(v)
    if isinstance(v, str):
        try:
            return parse_amount(v)
        except ValueError as e:
            raise fail("amount", "{why}", why=str(e)) from None
    return v


_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")


def _email(v: str) -> str:
    v = v.strip()
    if not _EMAIL.match(v):
        raise fail("email", "must be an email address like name@example.com, got '{got}'", got=v)
    return v


Text = Annotated[str, AfterValidator(_text)]
Email = Annotated[str, AfterValidator(_email)]
Days = Annotated[
    int,
    BeforeValidator(_not_bool),
    AfterValidator(_positive),
    Field(json_schema_extra={"minimum": 1, "maximum": MAX_DAYS}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(no_float_text),
    between(0, 100),
    Field(json_schema_extra={"minimum": 0, "maximum": 100}),
]
Channel = Literal["email", "phone", "video", "meetings", "chat", "post"]
Count = Annotated[int, BeforeValidator(_not_bool), Field(ge=0)]  # true is not 1 round


def _once_each(v: list[Any]) -> list[Any]:
    twice = sorted({str(x) for x in v if v.count(x) > 1})
    if twice:
        raise fail("twice", "lists {items} more than once; name each once", items=", ".join(twice))
    return v


Channels = Annotated[list[Channel], AfterValidator(_once_each)]


# Invisible characters refused in every text field. Why: XML 1.0 (so DOCX) forbids most C0
# controls; docxtpl turns \a and \f into paragraph and page breaks; bidi controls, joiners,
# variation selectors, tag characters and fillers can hide, disguise or reorder words in a
# contract. Refusing (rather than silently stripping) keeps what the user typed and what
# the contract says identical. They are found by what Unicode says of them, not by a list
# of examples: every control (Cc) but tab and line feed, every format character (Cf: bidi
# marks and overrides, zero-width joiners, tags, U+2061, U+FFF9-FFFB, U+180E), surrogates,
# unassigned code points, line and paragraph separators, variation selectors, and the
# code points Unicode lists as Other_Default_Ignorable_Code_Point (PropList.txt), which
# have no category of their own (U+034F is Mn, the Hangul fillers U+115F and U+3164 Lo).
# No language contractkit writes (en, pl, sv, hu, ka) needs a joiner (ZWJ, ZWNJ).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
_KEPT = frozenset("\t\n")
_OTHER_DEFAULT_IGNORABLE = (  # Unicode 15.1 PropList.txt: Other_Default_Ignorable_Code_Point
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),  # with the tags (Cf) and variation selectors 17-256
)


@cache  # a text has few distinct characters; names are slow to look up
def _invisible(ch: str) -> bool:
    if ch in _KEPT:
        return False
    cp = ord(ch)
    return (
        unicodedata.category(ch) in _REFUSED_CATEGORIES
        or "VARIATION SELECTOR" in unicodedata.name(ch, "")
        or any(lo <= cp <= hi for lo, hi in _OTHER_DEFAULT_IGNORABLE)
        or cp == 0xAD  # soft hyphen (Cf): invisible except where a line happens to break
    )


def check_visible(text: str) -> str:
    """Refuse control, bidi, joiner and other invisible characters, naming the first one."""
    if text.isascii() and text.replace("\t", "").replace("\n", "").isprintable():
        return text  # the usual case, decided at C speed: printable ASCII has none of them
    for ch in text:
        if _invisible(ch):
            name = unicodedata.name(ch, "control or unassigned character")
            raise fail(
                "invisible",
                "contains the invisible character U+{cp} ({name}); remove it: it can hide "
                "or reorder text in the contract",
                cp=f"{ord(ch):04X}",
                name=name,
            )
    return text


# Names, addresses, titles and the like are printed in table cells and signature lines,
# which cannot break across pages; only the project description may run for pages.
MAX_LINE = 300
MAX_LINES = 8  # an address of eight lines is already long; a cell cannot outgrow a page
LONG_FIELDS = frozenset({"description"})


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo must never silently drop a protection."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _visible(cls, v: Any, info: ValidationInfo) -> Any:
        if isinstance(v, str):
            check_visible(v)
            if len(v) > MAX_LINE and info.field_name not in LONG_FIELDS:
                raise fail(
                    "long",
                    "is {n} characters long; at most {max} fit where it is printed "
                    "(a table cell, a signature line)",
                    n=len(v),
                    max=MAX_LINE,
                )
            lines = v.count("\n") + 1
            if lines > MAX_LINES and info.field_name not in LONG_FIELDS:
                raise fail(
                    "lines",
                    "has {n} lines; at most {max} fit where it is printed (a table cell, "
                    "a signature line): join some with commas",
                    n=lines,
                    max=MAX_LINES,
                )
        elif isinstance(v, list):
            for item in v:
                if isinstance(item, str):
                    check_visible(item)
        return v
