"""Business days on one calendar: a country (and subdivision) of the ``holidays`` package.

Why: the contract counts response windows and silence periods in business days "except
public holidays in the Freelancer's country", and some laws move a due date that falls on
a day off. Which days are working days is the ``holidays`` package's own rule
(``is_working_day``: its weekends, its holidays, and working Saturdays such as Hungary's
bridge days), never ``weekday() < 5``. England's Easter Monday and Scotland's 2 January
are subdivision holidays, so a calendar names its subdivision. Where a country has de
facto days off that are not statutory (Sweden's Christmas Eve, Midsummer Eve and New
Year's Eve), they count as holidays too: nobody answers a client on those days. The
package is slow to import, so it is imported only when a calendar is first needed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from contractkit.errors import JobError

_DE_FACTO = "de_facto"


@cache
def _calendar(country: str, subdiv: str | None) -> Any:
    import holidays

    try:
        cls = holidays.country_holidays(country).__class__
    except NotImplementedError:
        return None  # no holiday data for this country: Saturday and Sunday off
    if subdiv is not None and subdiv not in cls.subdivisions:
        aliases = getattr(cls, "subdivisions_aliases", {})
        if subdiv not in aliases:
            known = ", ".join([*cls.subdivisions, *aliases])
            raise JobError(f"freelancer.region: {subdiv!r} is not a region of {country}: {known}")
        subdiv = aliases[subdiv]
    categories = ["public"]
    if _DE_FACTO in getattr(cls, "supported_categories", ()):
        categories.append(_DE_FACTO)
    return holidays.country_holidays(country, subdiv=subdiv, categories=tuple(categories))


class BusinessCalendar:
    """The working days of one country (and subdivision), by the ``holidays`` package."""

    def __init__(self, country: str, subdiv: str | None = None) -> None:
        self.country = country
        self.subdiv = subdiv
        _calendar(country, subdiv)  # an unknown region is refused here, not mid-letter

    def holiday(self, day: date) -> str | None:
        """The holiday's name, or None when ``day`` is not a holiday."""
        cal = _calendar(self.country, self.subdiv)
        if cal is None:
            return None
        name = cal.get(day)
        return str(name) if name else None

    def is_business_day(self, day: date) -> bool:
        cal = _calendar(self.country, self.subdiv)
        if cal is None:
            return day.isoweekday() not in (6, 7)
        return bool(cal.is_working_day(day))

    def on_or_after(self, day: date) -> date:
        """``day`` itself if it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def add(self, day: date, n: int) -> date:
        """The ``n``-th business day after ``day`` (``day`` itself is not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            day += timedelta(days=1)
            if self.is_business_day(day):
                n -= 1
        return day
