"""Who signs, under which numbers, and where the money goes: the parties' identity fields.

Why: a contract a client's lawyer accepts names the agreement's date and place, each
party's register and tax numbers, who signs and in what capacity, and the account the fees
are paid into. Numbers are checked with python-stdnum (check digits, lengths) where it knows
the number's country, so a mistyped VAT id or IBAN is caught before it is printed in a
contract; where it does not know the country, the number is printed as typed.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from pydantic import Field, field_validator
from stdnum import bic as stdnum_bic
from stdnum import get_cc_module
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as NumberError

from contractkit.job.values import Day, StrictModel, Text, fail

# Register numbers python-stdnum can check, by country (others are printed as typed).
_REGISTRATION_MODULES: dict[str, str] = {
    "SE": "stdnum.se.orgnr",  # organisationsnummer (sole traders: personnummer)
    "DK": "stdnum.dk.cvr",
    "FI": "stdnum.fi.ytunnus",
    "NO": "stdnum.no.orgnr",
}
# Domestic tax numbers whose check digits sit in a leading part that python-stdnum checks:
# a Hungarian adószám 12345678-1-41 is the törzsszám (8 digits, checked as hu.anum), the VAT
# code and the county code (Art. 2017. évi CL. tv.). Country → (digits in all, digits checked).
_TAX_CORE_DIGITS: dict[str, tuple[int, int]] = {"HU": (11, 8)}


class Signatory(StrictModel):
    name: Text = Field(description="Who signs, e.g. 'Anna Kowalska'")
    capacity: str | None = Field(
        None, description="In what capacity, e.g. 'Managing Director' or 'Prokurent'"
    )


class Bank(StrictModel):
    iban: str | None = Field(None, description="The IBAN your fees are paid into")
    bic: str | None = Field(None, description="The bank's BIC (SWIFT code)")
    other: str | None = Field(
        None, description="Other payment details, e.g. 'Bankgiro 123-4567' or a US routing number"
    )

    @field_validator("iban", mode="after")
    @classmethod
    def _iban(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            return str(stdnum_iban.format(stdnum_iban.validate(v)))
        except NumberError as e:
            raise fail("iban", "'{v}' is not a valid IBAN ({why})", v=v, why=_why(e)) from None

    @field_validator("bic", mode="after")
    @classmethod
    def _bic(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            return str(stdnum_bic.validate(v))
        except NumberError as e:
            raise fail(
                "bic", "'{v}' is not a BIC, like DEUTDEFF or NDEASESS ({why})", v=v, why=_why(e)
            ) from None


class Agreement(StrictModel):
    date: Day | None = Field(
        None, description="The date the agreement is made (default: the build's --as-of date)"
    )
    place: str | None = Field(None, description="Where the agreement is made, e.g. 'Kraków'")


def _why(e: NumberError) -> str:
    """python-stdnum's reason, in the lower case our messages use."""
    text = str(e.message if hasattr(e, "message") else e).rstrip(".")
    return text[:1].lower() + text[1:]


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _cc_module(country: str, kind: str) -> Any:
    try:
        return get_cc_module(country.lower(), kind)
    except (ImportError, AttributeError):
        return None


def check_tax_id(value: str, country: str | None) -> str | None:
    """Why ``value`` is not a valid tax or VAT number, or None when it is (or cannot be told).

    A number with an EU VAT prefix (PL5260250995, SE556677889901) is checked as that
    country's VAT id; one without it as the party's country's VAT or tax number.
    """
    compact = "".join(value.split()).upper()
    digits = "".join(ch for ch in compact if ch.isdigit())
    whole, core = _TAX_CORE_DIGITS.get(country or "", (0, 0))
    if whole and len(digits) == whole and digits == compact.replace("-", ""):
        compact = digits[:core]
    prefix = compact[:2]
    if prefix.isalpha() and (prefix.lower() in eu_vat.MEMBER_STATES or prefix in {"EL", "XI"}):
        checker: Any = eu_vat
    elif prefix == "GB":
        checker = _cc_module("gb", "vat")
    elif country:
        checker = _cc_module(country, "vat") or _cc_module(country, "tin")
    else:
        checker = None
    if checker is None:
        return None
    try:
        checker.validate(compact)
    except NumberError as e:
        return _why(e)
    return None


def check_registration(value: str, country: str | None) -> str | None:
    """Why ``value`` is not a valid register number for ``country``, or None."""
    name = _REGISTRATION_MODULES.get(country or "")
    module = _module(name) if name else None
    if module is None:
        return None
    try:
        module.validate(value)
    except NumberError as e:
        return _why(e)
    return None


def identity_problems(job: Any) -> list[tuple[str, str]]:
    """(field, problem) for each tax or register number that fails its country's check."""
    problems = []
    parties = (
        ("freelancer", job.freelancer, job.freelancer.country or job.law.country),
        # The client's country only when given: law.country is the freelancer's, often not theirs.
        ("client", job.client, job.client.country),
    )
    for role, party, country in parties:
        for field, check in (("tax_id", check_tax_id), ("registration", check_registration)):
            value = getattr(party, field)
            why = check(value, country) if value else None
            if why:
                fix = "correct it or leave it out"
                problems.append((f"{role}.{field}", f"'{value}' does not check out: {why}; {fix}"))
    return problems
