"""Business days per country and the escalation timeline, as text, JSON and .ics."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contractkit.cli import main
from contractkit.job.reader import load_job
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.timeline import contract_steps, escalation

SE = BusinessCalendar("SE")


@pytest.mark.parametrize("day", ["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-06"])
def test_swedish_holidays_are_not_business_days(day: str) -> None:
    assert not SE.is_business_day(date.fromisoformat(day))


def test_swedish_business_days_around_christmas() -> None:
    assert SE.is_business_day(date(2026, 12, 23))
    assert SE.on_or_after(date(2026, 12, 24)) == date(2026, 12, 28)
    # 23 Dec + 3: 28, 29, 30 (31 Dec is New Year's Eve, a de facto holiday)
    assert SE.add(date(2026, 12, 23), 3) == date(2026, 12, 30)
    assert SE.add(date(2026, 12, 30), 1) == date(2027, 1, 4)


def test_other_countries_calendars() -> None:
    assert not BusinessCalendar("PL").is_business_day(date(2026, 11, 11))  # Independence Day
    assert BusinessCalendar("SE").is_business_day(date(2026, 11, 11))
    assert not BusinessCalendar("GB").is_business_day(date(2026, 12, 28))  # Boxing Day, observed
    assert not BusinessCalendar("US").is_business_day(date(2026, 11, 26))  # Thanksgiving
    assert not BusinessCalendar("HU").is_business_day(date(2026, 10, 23))


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=40),
    country=st.sampled_from(["SE", "PL", "GB", "HU", "US"]),
)
def test_adding_business_days_lands_on_one(day: date, n: int, country: str) -> None:
    cal = BusinessCalendar(country)
    end = cal.add(day, n)
    between = [day + timedelta(days=i) for i in range(1, (end - day).days + 1)]
    assert sum(cal.is_business_day(d) for d in between) == n
    if n:
        assert cal.is_business_day(end)


def _dates(steps: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {s.id: s.date.isoformat() for s in steps}


def test_mid_project_on_the_swedish_calendar(sample_path: Path) -> None:
    job = load_job(sample_path)  # SE, pause after 10 business days
    got = _dates(escalation(job, sent=date(2026, 12, 15)))  # after the start: mid-project
    assert got == {
        "feedback-chase": "2026-12-22",  # Tuesday of the next week
        "phone-check": "2026-12-29",
        "work-paused": "2027-01-04",  # 10 business days, skipping 24–26 and 31 Dec, 1 Jan
        "kill-fee": "2027-01-19",  # 10 more, skipping Epiphany (6 Jan)
    }


def test_negotiating_follow_up_and_closing(sample_path: Path) -> None:
    job = load_job(sample_path)
    got = _dates(escalation(job, sent=date(2026, 11, 17)))  # before the start: a proposal
    assert got == {"follow-up": "2026-11-23", "closing-the-loop": "2026-11-30"}
    forced = _dates(escalation(job, sent=date(2026, 11, 17), phase="mid-project"))
    assert forced["feedback-chase"] == "2026-11-24"


def test_payment_escalation_skips_swedish_holidays(sample_path: Path) -> None:
    job = load_job(sample_path)
    got = _dates(escalation(job, due=date(2026, 11, 24)))
    assert got["payment-reminder"] == "2026-11-25"
    assert got["resend"] == "2026-12-01"
    assert got["overdue-30"] == "2026-12-28"  # 24 Dec falls on a holiday: next business day
    assert got["overdue-60"] == "2027-01-25"  # 23 Jan is a Saturday
    assert got["overdue-90"] == "2027-02-22"
    assert got["final-notice"] > got["overdue-90"]
    assert got["small-claim"] > got["final-notice"]


def test_contract_steps_follow_the_last_instalment(sample_path: Path) -> None:
    steps = contract_steps(load_job(sample_path))
    # no dated milestone: final invoice at the deadline (1 Mar 2027) + 14 days terms
    assert steps[0].id == "payment-reminder" and steps[0].date == date(2027, 3, 16)
    assert all(s.note.startswith("If Website launched is unpaid") for s in steps)


def test_cli_json(sample_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["timeline", str(sample_path), "--sent", "2026-11-17", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["steps"][0]
    assert set(first) == {"date", "letter", "channel", "note"}
    assert (first["date"], first["letter"], first["channel"]) == (
        "2026-11-23",
        "follow-up",
        "email",
    )
    assert "17 November 2026" in first["note"].replace("\xa0", " ")


def test_cli_ics_parses_and_is_deterministic(sample_path: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    args = ["timeline", str(sample_path), "--due", "2026-11-24", "--as-of", "2026-11-24"]
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for target in (first, second):
        result = CliRunner().invoke(main, [*args, "--ics", str(target)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    cal = Calendar.from_ical(first.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 7
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 7
    first_event = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first_event.decoded("DTSTART") == date(2026, 11, 25)
    assert first_event.decoded("DTEND") - first_event.decoded("DTSTART") == timedelta(days=1)
    assert first_event.decoded("DTSTAMP").date() == date(2026, 11, 24)
    assert "Payment reminder" in str(first_event["SUMMARY"])
    alarms = list(first_event.walk("VALARM"))
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    # existing file, no --force: refused
    again = CliRunner().invoke(main, [*args, "--ics", str(first)])
    assert again.exit_code == 1
