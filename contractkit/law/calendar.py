"""Business days on the calendar of the freelancer's country.

Why: the contract counts response windows and silence periods in business days "except
public holidays in the Freelancer's country", so letters and the timeline must skip the
same days. The ``holidays`` package is slow to import, so it is imported only when a
calendar is first needed. Where a country has de facto days off that are not statutory
(Sweden's Christmas Eve, Midsummer Eve and New Year's Eve), they count as holidays too:
nobody answers a client on those days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

_DE_FACTO = "de_facto"


@cache
def _calendar(country: str) -> Any:
    import holidays

    try:
        cls = holidays.country_holidays(country).__class__
    except NotImplementedError:
        return None  # no holiday data for this country: weekends only
    categories = ["public"]
    if _DE_FACTO in getattr(cls, "supported_categories", ()):
        categories.append(_DE_FACTO)
    return holidays.country_holidays(country, categories=tuple(categories))


class BusinessCalendar:
    """Weekends and public (and de facto) holidays of one country are not business days."""

    def __init__(self, country: str) -> None:
        self.country = country

    def holiday(self, day: date) -> str | None:
        """The holiday's name, or None when ``day`` is not a holiday."""
        cal = _calendar(self.country)
        if cal is None:
            return None
        name = cal.get(day)
        return str(name) if name else None

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and self.holiday(day) is None

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
