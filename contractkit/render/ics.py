"""Calendar events → an iCalendar (.ics) file.

Why: the timeline decides what happens when; this module only knows the format. Events
arrive as plain data, so the calendar file never depends on how they were planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event with a morning reminder."""

    uid: str  # stable across runs: the same step of the same job keeps its UID
    day: date
    summary: str
    description: str
    alarm: str
    sequence: int = 0  # raised when the event changes, so calendars update it in place


def render_ics(events: list[CalendarEvent], *, stamp: date) -> bytes:
    """One all-day event per item, each with a 09:00 alarm; DTSTAMP fixed by ``stamp``."""
    from icalendar import Alarm, Calendar, Event  # only when a calendar is written

    cal = Calendar()
    cal.add("prodid", "-//contractkit//escalation timeline//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", datetime.combine(stamp, time(0, 0), tzinfo=UTC))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("sequence", item.sequence)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(hours=9))
        alarm.add("description", item.alarm)
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
