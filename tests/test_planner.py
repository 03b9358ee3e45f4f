"""The planner on its own: contract + log + date → the letters due, and nothing twice."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from contractkit.cli import main
from contractkit.job.log import parse_log
from contractkit.job.reader import load_job
from contractkit.law.planner import due_steps, open_invoices

JOB = load_job(SAMPLES / "website-redesign.yaml")  # Sweden's calendar, EUR


def log(text: str) -> Any:
    return parse_log(text, "log.yaml")


INVOICE = "- {event: invoice, on: 2027-01-01, number: INV-7, amount: 1200, due: 2027-01-15}\n"


def plan(text: str, day: str) -> list[tuple[str, str]]:
    return [
        (s.day.isoformat(), s.letter) for s in due_steps(JOB, log(text), date.fromisoformat(day))
    ]


def test_nothing_before_the_due_date_then_a_reminder() -> None:
    assert plan(INVOICE, "2027-01-15") == []
    assert plan(INVOICE, "2027-01-18") == [("2027-01-18", "payment-reminder")]  # 16th: Saturday


def test_a_sent_step_is_never_proposed_again() -> None:
    sent = INVOICE + "- {event: sent, on: 2027-01-18, kind: payment-reminder}\n"
    assert plan(sent, "2027-01-20") == []
    assert plan(sent, "2027-02-15") == [("2027-02-15", "overdue-30")]


def test_only_the_furthest_due_step_is_proposed() -> None:
    """Months late and nothing sent: the 90-day notice, not four letters at once."""
    assert plan(INVOICE, "2027-04-20") == [("2027-04-15", "overdue-90")]


def test_payments_of_part_leave_the_balance_and_full_payment_ends_it() -> None:
    part = INVOICE + "- {event: paid, on: 2027-01-20, amount: 500}\n"
    (invoice,) = open_invoices(log(part))
    assert invoice.balance == Decimal(700)
    (step,) = due_steps(JOB, log(part), date(2027, 2, 20))
    assert step.facts == {"invoice": "INV-7", "amount": "1200", "due": "2027-01-15", "paid": "500"}
    assert "700 EUR unpaid" in step.why
    full = part + "- {event: paid, on: 2027-01-25, amount: 700, invoice: INV-7}\n"
    assert open_invoices(log(full)) == []
    assert plan(full, "2027-03-01") == []


def test_a_reply_resets_the_silence_clock() -> None:
    asked = "- {event: message, on: 2027-02-01, what: approval of the draft}\n"
    assert plan(asked, "2027-02-09") == [("2027-02-09", "feedback-chase")]  # Tuesday after
    replied = asked + "- {event: replied, on: 2027-02-03}\n"
    assert plan(replied, "2027-03-01") == []
    again = replied + "- {event: message, on: 2027-02-10, what: final files}\n"
    assert plan(again, "2027-02-16") == [("2027-02-16", "feedback-chase")]


def test_a_hold_and_a_closed_job_stop_the_clocks() -> None:
    held = INVOICE + "- {event: hold, on: 2027-01-16, until: 2027-02-01}\n"
    assert plan(held, "2027-01-25") == []
    assert plan(held, "2027-02-01") == [("2027-01-18", "payment-reminder")]
    assert plan(INVOICE + "- {event: closed, on: 2027-01-16}\n", "2027-03-01") == []


def test_next_across_folders_proposes_commands_that_run(tmp_path: Path) -> None:
    for name in ("acme", "beta", "quiet"):
        (tmp_path / "jobs" / name).mkdir(parents=True)
        shutil.copy(SAMPLES / "website-redesign.yaml", tmp_path / "jobs" / name / "job.yaml")
    (tmp_path / "jobs" / "acme" / "log.yaml").write_text(INVOICE, encoding="utf-8")
    (tmp_path / "jobs" / "beta" / "log.yaml").write_text(
        "- {event: message, on: 2027-01-04, what: a decision on the logo}\n", encoding="utf-8"
    )
    args = ["next", str(tmp_path / "jobs"), "--as-of", "2027-01-19", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    steps = json.loads(result.output)["steps"]
    assert [(s["job"].rsplit("/", 1)[1], s["letter"]) for s in steps] == [
        ("beta", "feedback-chase"),
        ("acme", "payment-reminder"),
    ]
    assert "--invoice INV-7 --as-of 2027-01-19" in steps[1]["command"]
    assert steps[1]["command"].endswith("2027-01-19-payment-reminder.eml --log")


@pytest.mark.parametrize("bad", ["- {event: invoice, on: 2027-01-01}\n", "- {event: party}\n"])
def test_a_bad_log_stops_next_with_its_line(tmp_path: Path, bad: str) -> None:
    (tmp_path / "acme").mkdir()
    shutil.copy(SAMPLES / "website-redesign.yaml", tmp_path / "acme" / "job.yaml")
    (tmp_path / "acme" / "log.yaml").write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["next", str(tmp_path)])
    assert result.exit_code == 2
    assert "entry 1" in result.output and "Traceback" not in result.output
