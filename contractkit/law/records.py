"""Late-payment law per country, as dated and sourced records (``clauses/law.yaml``).

Why: a demand letter with a wrong rate, a compensation that does not apply or a court
route that does not exist costs the freelancer the case. Each country's rules are data a
lawyer can read and correct (statute, rate rule and period, compensation, who it applies
to, business days, due-date shift, recovery routes, payment-term cap), each with its
sources and the day it was checked. Code interprets the records; it never names a country.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from contractkit.errors import LibraryError
from contractkit.job import yamlsafe
from contractkit.paths import library_root

ClientKind = Literal["business", "consumer"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _in(names: dict[str, str], language: str) -> str:
    return names.get(language) or names["en"]


class Tier(_Record):
    upto: Decimal | None = None  # None: no upper bound
    inclusive: bool = False
    amount: Decimal


class Compensation(_Record):
    currency: str
    tiers_in: str | None = None  # the currency whose thresholds pick the tier (default: local)
    tiers: tuple[Tier, ...]
    conversion: dict[str, str] = {}

    def tier(self, value: Decimal) -> Decimal:
        """The compensation for an invoice worth ``value`` (in ``tiers_in``)."""
        for t in self.tiers:
            if t.upto is None or value < t.upto or (t.inclusive and value == t.upto):
                return t.amount
        raise LibraryError("law.yaml: the last compensation tier needs no `upto`")


class Rule(_Record):
    """One statutory interest rule: reference series + margin, split into rate periods."""

    label: str | None = None  # letters.statutes.<label> in labels.yaml, where a language has it
    names: dict[str, str]
    series: str
    foreign: Literal["issuer"] | None = None
    margin: Decimal
    period: Literal["half_year", "fixed_per_debt", "daily"]
    # fixed_per_debt: the rate of the last day of the half-year before the first late day
    # (the UK), or of the first day of the half-year it falls in (Czechia)
    reference: Literal["previous_half_end", "half_start"] = "previous_half_end"
    source: str
    compensation: Compensation | None = None
    cap_multiple: Decimal | None = None  # a contractual rate may not exceed this × the rule's

    def name(self, language: str) -> str:
        return _in(self.names, language)


class Calendar(_Record):
    country: str
    subdiv: str | None = None


class Region(_Record):
    routes: tuple[str, ...]


class Country(_Record):
    name: str
    checked: date
    local: str
    calendar: Calendar | None = None
    due_shift: Literal["next_working_day", "none"] = "none"
    due_shift_source: str | None = None
    term_cap_days: int | None = None
    reminder_fee_needs_agreement: bool = False
    b2b: Rule | None = None
    consumer: Rule | None = None
    routes: tuple[str, ...] = ()
    regions: dict[str, Region] = {}
    sources: tuple[str, ...]
    uncertain: tuple[str, ...] = ()

    def rule(self, kind: ClientKind) -> Rule | None:
        """The statutory interest rule for a client of this kind, if any."""
        return self.b2b if kind == "business" else self.consumer

    def route_ids(self, region: str | None) -> tuple[str, ...]:
        if region and region in self.regions:
            return self.regions[region].routes
        if self.regions:
            return next(iter(self.regions.values())).routes
        return self.routes


class Route(_Record):
    names: dict[str, str]
    limit: Decimal | None = None
    currency: str | None = None
    debtors: Literal["individual", "any"] = "any"
    before: dict[str, str] = {}
    source: str | None = None

    def name(self, language: str) -> str:
        return _in(self.names, language)


class FreelanceAct(_Record):
    """A US freelance-worker law: written-contract contents above a threshold, pay-by day."""

    name: str
    country: str  # the country whose law.country or freelancer.country it applies in
    regions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    threshold: Decimal
    aggregation_days: int | None = None
    requires: tuple[str, ...]
    pay_within_days: int
    source: str
    uncertain: tuple[str, ...] = ()


class LawBook(_Record):
    issuers: dict[str, str]
    countries: dict[str, Country]
    eu_members: frozenset[str]
    gdpr_also: frozenset[str] = frozenset()  # GDPR outside the EU: the EEA states, the UK GDPR
    routes: dict[str, Route]
    freelance_acts: dict[str, FreelanceAct] = {}

    def country(self, code: str) -> Country | None:
        """The country's own record, the EU default for another member state, or None."""
        if code in self.countries:
            return self.countries[code]
        return self.countries.get("EU") if code in self.eu_members else None

    def gdpr(self, *codes: str | None) -> bool:
        """Whether the GDPR (or the UK GDPR) governs personal data handled by a party based
        in one of these countries: the data-protection clause then follows Article 28."""
        return any(c in self.eu_members or c in self.gdpr_also for c in codes if c)

    def route(self, rid: str) -> Route:
        return self.routes[rid]


@cache
def law_book() -> LawBook:
    where = library_root() / "law.yaml"
    try:
        book = LawBook.model_validate(yamlsafe.load(where.read_text(encoding="utf-8")))
    except (OSError, yamlsafe.YamlProblem) as e:
        raise LibraryError(f"{where}: cannot read the law records: {e}") from None
    except ValidationError as e:
        problems = [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
        raise LibraryError(f"{where}: invalid law records:", problems) from None
    missing = sorted(
        {r for c in book.countries.values() for r in c.routes} - set(book.routes)
        | {r for c in book.countries.values() for g in c.regions.values() for r in g.routes}
        - set(book.routes)
    )
    if missing:
        raise LibraryError(f"{where}: routes named but not defined: {', '.join(missing)}")
    return book
