"""The parties to a job: the freelancer and the client, with their identity fields.

Why: who the parties are (names, addresses, countries, register and tax numbers, who signs)
is read the same way by the job file, the profile (which keeps the freelancer's) and the
wizard; it lives apart from the job's terms so each module stays small.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from contractkit.job.identity import Bank, Signatory
from contractkit.job.values import Email, StrictModel, Text, fail


def iso_country(v: Any) -> Any:
    """An ISO 3166 alpha-2 code as Babel (CLDR) knows it, upper-cased."""
    from babel import Locale

    if isinstance(v, str):
        v = v.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", v) or v == "ZZ" or v not in Locale("en").territories:
            raise fail(
                "country",
                "'{c}' is not a two-letter country code (e.g. SE, PL, HU, GE, GB, US)",
                c=v,
            )
    return v


class Freelancer(StrictModel):
    name: Text = Field(description="Your full name, as it will be signed")
    business: str | None = Field(None, description="Your business or trading name, if any")
    email: Email = Field(description="Your email address")
    phone: str | None = Field(None, description="Your phone number")
    address: Text = Field(
        description="Your postal address (US freelance laws require both parties' addresses)"
    )
    country: str | None = Field(
        None,
        description="Country whose public holidays your business days skip (default: law.country)",
    )
    region: str | None = Field(
        None, description="Region for public holidays, e.g. ENG, SCT, WLS, NIR for the UK"
    )
    registration: str | None = Field(
        None, description="Your company or business register number (org.nr, KRS...)"
    )
    tax_id: str | None = Field(
        None, description="Your VAT or tax number (e.g. PL5260250995, SE556677889901)"
    )
    signatory: Signatory | None = Field(
        None, description="Who signs for your business, and as what, if not you"
    )
    bank: Bank | None = Field(None, description="The account your fees are paid into")

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> Any:
        return iso_country(v)

    @field_validator("region", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v


class Client(StrictModel):
    name: Text = Field(description="The client's contact person")
    company: str | None = Field(None, description="The client's company, if any")
    email: Email = Field(description="The client's email address")
    phone: str | None = Field(
        None, description="The client's phone: you need it when emails go unanswered"
    )
    address: Text = Field(description="The client's postal address (for formal notices)")
    returning: bool = Field(False, description="Have you worked for this client before?")
    kind: Literal["business", "consumer"] = Field(
        "business",
        description="Is the client a business or a consumer (a private person)?",
    )
    country: str | None = Field(
        None, description="The client's country as a two-letter code (PL, GB...), if not yours"
    )
    first_name: str | None = Field(
        None, description="The contact's first name, if it is not the first word of the name"
    )
    title: Literal["mr", "ms"] | None = Field(
        None, description="How letters address the contact (Mr/Ms), where the language needs it"
    )
    salutation: str | None = Field(
        None, description="The letters' opening line exactly as you want it (e.g. 'Dear Anna,')"
    )
    registration: str | None = Field(
        None, description="The client's company or business register number (org.nr, KRS...)"
    )
    tax_id: str | None = Field(
        None, description="The client's VAT or tax number (e.g. PL5260250995, SE556677889901)"
    )
    signatory: Signatory | None = Field(
        None, description="Who signs for the client, and as what, if not the contact person"
    )

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> Any:
        return iso_country(v)
