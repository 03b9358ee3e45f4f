"""Where the freelancer works and where a claim goes: calendars and recovery routes.

Why: the contract counts business days on the freelancer's calendar (their country and
region, which need not be the governing law's), and a final notice must name the step
that really follows in that country (Kronofogden in Sweden, EPU in Poland, a notary's
payment order in Hungary, the Pre-Action Protocol before a claim against an individual
in England and Wales), not a generic "small claims court". Both come from the law
records.
"""

from __future__ import annotations

from contractkit.job.model import Job
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.records import law_book


def work_region(job: Job) -> tuple[str, str | None]:
    """The freelancer's country and holiday region: ``freelancer.country`` (default
    ``law.country``), ``freelancer.region`` (default: the law record's own region, e.g.
    England for GB)."""
    f = job.freelancer
    country = f.country or job.law.country
    if f.region:
        return country, f.region
    record = law_book().countries.get(country)
    cal = record.calendar if record else None
    return country, cal.subdiv if cal and cal.country == country else None


def work_calendar(job: Job) -> BusinessCalendar:
    """Business days for the contract's windows: the freelancer's calendar."""
    return BusinessCalendar(*work_region(job))


def debtor_is_individual(job: Job) -> bool:
    """A consumer, or a client with no company name (an individual or sole trader)."""
    return job.client.kind == "consumer" or not job.client.company


def recovery_route(job: Job, language: str) -> str | None:
    """The recovery route(s) the final notice announces, in ``language``; None where a
    route has no name in that language (the caller then says less)."""
    book = law_book()
    record = book.country(job.law.country)
    if record is None:
        return None
    other = job.client.country
    if other and other != job.law.country and {other, job.law.country} <= book.eu_members:
        cross = book.routes.get("eu_cross")  # a claim against a client in another member state
        return cross.names.get(language) if cross else None
    home = job.freelancer.country or job.law.country
    region = work_region(job)[1] if home == job.law.country else None
    individual = debtor_is_individual(job)
    for rid in record.route_ids(region):
        route = book.route(rid)
        if route.debtors == "individual" and not individual:
            continue
        return route.names.get(language)  # the first step that applies; None: say less
    return None


def route_text(job: Job, language: str, labels: dict[str, str]) -> str:
    """The recovery route in ``language``: the law records' name, else the library's own
    wording for the country (``letters.small_claims`` in labels.yaml)."""
    route = recovery_route(job, language)
    if route is not None:
        return route
    eu = job.law.country in law_book().eu_members
    return str(labels.get(job.law.country) or (labels["EU"] if eu else labels["other"]))
