"""timeline.ics: the planned dates and, marked "only if", the letters still to come;
stable UIDs and a rising SEQUENCE so a re-import updates instead of duplicating."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import SAMPLES
from icalendar import Calendar

from contractkit.cli import main
from contractkit.job.log import parse_log
from contractkit.job.reader import load_job
from contractkit.law.planner import calendar

JOB = load_job(SAMPLES / "website-redesign.yaml")
AS_OF = date(2026, 11, 24)
INVOICE = "- {event: invoice, on: 2027-01-01, number: INV-7, amount: 6000, due: 2027-01-15}\n"


def events(text: str = "") -> dict[str, Any]:
    return {e.summary: e for e in calendar(JOB, parse_log(text, "log.yaml"), AS_OF)}


def test_the_planned_dates_come_first() -> None:
    found = events()
    assert found["Invoice the deposit: €6,000.00"].day == AS_OF
    assert found["Work starts: Website redesign"].day == date(2026, 12, 1)
    assert found["Delivery deadline: Website redesign"].day == date(2027, 3, 1)
    reminders = [e for s, e in found.items() if s.startswith("Payment reminder")]
    assert len(reminders) == 1 and "If Website launched is unpaid" in reminders[0].description


def test_a_logged_invoice_brings_its_own_steps_and_sent_ones_go() -> None:
    found = events(INVOICE)
    reminder = found["Payment reminder (email) — Website redesign"]
    assert reminder.day == date(2027, 1, 18)
    assert reminder.description.startswith("Only if invoice INV-7 is still unpaid.")
    after = events(INVOICE + "- {event: sent, on: 2027-01-18, kind: payment-reminder}\n")
    assert "Payment reminder (email) — Website redesign" not in after
    overdue = after["Overdue notice (30 days) (email and registered post) — Website redesign"]
    assert overdue.uid == found[overdue.summary].uid  # the same event, updated
    assert overdue.sequence == 2 and found[overdue.summary].sequence == 1
    paid = INVOICE + "- {event: paid, on: 2027-01-20, amount: 6000}\n"
    assert not [s for s in events(paid) if "Overdue" in s]


def test_build_in_a_job_folder_writes_the_calendar_from_its_log(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    shutil.copy(SAMPLES / "website-redesign.yaml", folder / "job.yaml")
    (folder / "log.yaml").write_text(INVOICE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical((folder / "timeline.ics").read_bytes())
    parsed = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "Work starts: Website redesign" in parsed
    reminder = parsed["Payment reminder (email) — Website redesign"]
    assert reminder.decoded("DTSTART") == date(2027, 1, 18)
    assert reminder.decoded("SEQUENCE") == 1
    assert "INV-7" in str(reminder["DESCRIPTION"])
