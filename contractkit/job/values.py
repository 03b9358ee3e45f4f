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


Day = Annotated[date, AfterValidator(check_year)]


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


# Invisible characters refused in every text field. Why: XML 1.0 (so DOCX) forbids most C0
# controls; docxtpl turns \a and \f into paragraph and page breaks; bidi overrides and
# zero-width characters can hide or reorder words in a contract. Refusing (rather than
# silently stripping) keeps what the user typed and what the contract says identical.
_INVISIBLE = frozenset(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0D, 0x20),
        *range(0x7F, 0xA0),
        0xAD,  # soft hyphen: invisible except where a line happens to break
        *(0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060),
        *(0xFEFF, 0xFFFE, 0xFFFF),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def check_visible(text: str) -> str:
    """Refuse control, bidi-override and zero-width characters, naming the first one."""
    for ch in text:
        if ord(ch) in _INVISIBLE or 0xD800 <= ord(ch) <= 0xDFFF:
            name = unicodedata.name(ch, "control character")
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
        elif isinstance(v, list):
            for item in v:
                if isinstance(item, str):
                    check_visible(item)
        return v
