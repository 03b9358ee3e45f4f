"""The real program in a pseudo-terminal: typing, Ctrl-C half way, then resuming."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow  # a real terminal / a wheel built and installed

pexpect = pytest.importorskip("pexpect")

BIN = Path(sys.executable).parent / "contractkit"


def spawn(folder: Path) -> Any:
    child = pexpect.spawn(
        str(BIN),
        ["new", str(folder), "--as-of", "2026-11-24"],
        env={**os.environ, "TERM": "dumb", "PYTHONIOENCODING": "utf-8"},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    return child


def say(child: Any, prompt: str, answer: str) -> None:
    child.expect_exact(prompt)
    child.sendline(answer)


def test_ctrl_c_half_way_keeps_every_answer_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "acme website"
    child = spawn(folder)
    say(child, "as it will be signed", "Åsa Öberg")
    say(child, "trading name", "")
    say(child, "Your email address", "asa@oberg.example")
    say(child, "Your phone number", "")
    say(child, "Your postal address", "Storgatan 1, Stockholm")
    say(child, "register number", "")
    say(child, "VAT or tax number", "SE556677889900")  # a wrong check digit: asked again
    child.expect_exact("does not check out")
    say(child, "VAT or tax number", "SE556677889901")
    say(child, "IBAN", "")
    say(child, "Other payment details", "")
    say(child, "contact person", "Łukasz Wójcik")
    say(child, "first name", "")
    say(child, "Mr or Ms", "")
    child.expect_exact("company")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    transcript = child.before or ""
    assert "Traceback" not in transcript
    assert child.exitstatus == 130
    draft = yaml.safe_load((folder / "job.draft.yaml").read_text(encoding="utf-8"))
    assert draft["client"]["name"] == "Łukasz Wójcik"
    assert draft["freelancer"]["name"] == "Åsa Öberg"

    child = spawn(folder)
    say(child, "Resume from them?", "y")
    child.expect_exact("company")  # continues where it stopped
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    assert child.exitstatus == 130


def test_a_polish_designer_with_a_uk_client_types_as_people_do(tmp_path: Path) -> None:
    """Issue 16: GBP, £6,500, a 30 % deposit + 30/40, Poland; what is meant is written."""
    folder = tmp_path / "brand"
    child = spawn(folder)
    say(child, "as it will be signed", "Marta Nowak")
    say(child, "trading name", "")
    say(child, "Your email address", "")  # Enter on a required question
    child.expect_exact("This answer is required")
    say(child, "Your email address", "marta@nowak.example")
    say(child, "Your phone number", "")
    say(child, "Your postal address", "ul. Długa 5, 00-238 Warszawa, Poland")
    say(child, "register number", "")
    say(child, "VAT or tax number", "526-025-09-95")
    say(child, "IBAN", "PL75 1050 1025 1000 0090 3123 4567")
    say(child, "BIC", "INGBPLPW")
    say(child, "Other payment details", "")
    say(child, "contact person", "James Smith")
    say(child, "first name", "")  # James, as offered
    say(child, "Mr or Ms", "Mr.")
    say(child, "company", "Smith Ltd")
    say(child, "client's email", "james@smith.example")
    say(child, "client's phone", "+44 20 7946 0000")
    say(child, "client's postal address", "1 High St, London, United Kingdom")
    say(child, "register number", "01234567")
    say(child, "VAT or tax number", "GB980780684")
    say(child, "Who signs for Smith Ltd", "James Smith, Director")
    say(child, "worked for this client before?", "n")
    for _ in range(3):  # business client, email preferred, email and phone
        say(child, "]:", "")
    say(child, "approves the work", "")
    say(child, "Choose [1]", "")  # English
    say(child, "Project title", "Brand identity")
    say(child, "What you will deliver", "A logo and a brand book.")
    say(child, "Start date", "1.12.2026")
    child.expect_exact("1 December 2026 (2026-12-01)")
    say(child, "Delivery deadline", "1 March 2027")
    say(child, "Rounds of revisions", "")
    say(child, "Currency of the fee", "kr")
    child.expect_exact("could be DKK")
    say(child, "Currency of the fee", "£")
    child.expect_exact("GBP (British Pound)")
    say(child, "in GBP", "€1500")
    child.expect_exact("but this job is paid in GBP")
    say(child, "in GBP", "£6,500")
    child.expect_exact("£6,500.00")
    say(child, "Deposit before work starts", "30%")
    child.expect_exact("of the WHOLE fee")
    say(child, "or type the shares", "4")  # custom
    say(child, "How many payments", "2")
    say(child, "Payment 1 of 2", "Designs approved")
    say(child, "share of the whole fee", "30 %")
    say(child, "Fixed due date", "")
    say(child, "Payment 2 of 2", "Brand book delivered")
    say(child, "share of the whole fee", "35")  # 95 %: the plan is asked again
    say(child, "Fixed due date", "15/02/2027")
    child.expect_exact("come to 95 % of the fee")
    say(child, "or type the shares", "4")
    say(child, "How many payments", "")
    say(child, "Payment 1 of 2 is due when (an event) [Designs approved]", "")
    say(child, "share of the whole fee, % (70 % still open) [30]", "")
    say(child, "Fixed due date", "")
    say(child, "Payment 2 of 2 is due when (an event) [Brand book delivered]", "")
    say(child, "[35]", "40")
    say(child, "('-' for none) [2027-02-15]", "")
    child.expect_exact("(adds up)")
    say(child, "pay an invoice", "")
    say(child, "answer a request for feedback", "")
    say(child, "after which work pauses", "4")
    child.expect_exact("work can pause only after the client's 5 business days")
    say(child, "after which work pauses", "")
    say(child, "Kill fee", "")
    say(child, "Choose [1]", "")  # a late fee
    say(child, "Late fee", "")
    say(child, "Choose [1]", "")  # rights on full payment
    say(child, "portfolio", "")
    say(child, "notice either side", "")
    say(child, "Include “Deemed approval”?", "y")
    say(child, "Include “Confidentiality”?", "")
    say(child, "Include “Limitation of liability”?", "")
    say(child, "Your country", "Poland")
    child.expect_exact("Poland (PL)")
    say(child, "Which law governs", "")
    say(child, "Which court hears disputes", "")
    child.expect_exact("This answer is required")
    say(child, "Which court hears disputes", "the District Court in Warsaw")
    say(child, "Where the agreement is made (a town) [Warszawa]", "")
    say(child, "Write job.yaml", "y")
    child.expect(pexpect.EOF, timeout=120)
    child.close()
    transcript = child.before or ""
    assert "Traceback" not in transcript and "internal error" not in transcript
    assert child.exitstatus == 0, transcript
    job = yaml.safe_load((folder / "job.yaml").read_text(encoding="utf-8"))
    pay = job["payment"]
    assert pay["currency"] == "GBP" and str(pay["fee"]) in ("6500", "6500.00")
    assert pay["deposit_percent"] == 30
    assert (job["client"]["first_name"], job["client"]["title"]) == ("James", "mr")
    assert [(m["name"], m["percent"]) for m in pay["milestones"]] == [
        ("Designs approved", 30),
        ("Brand book delivered", 40),
    ]
    assert str(pay["milestones"][1]["due"]) == "2027-02-15"
    assert job["project"]["start"].isoformat() == "2026-12-01"
    assert job["law"]["country"] == "PL"
    assert job["clauses"]["include"] == ["approval"]
    assert job["freelancer"]["tax_id"] == "526-025-09-95"
    bank = {k: v for k, v in job["freelancer"]["bank"].items() if v}  # other: left empty
    assert bank == {"iban": "PL75 1050 1025 1000 0090 3123 4567", "bic": "INGBPLPW"}
    assert job["client"]["signatory"] == {"name": "James Smith", "capacity": "Director"}
    assert job["client"]["tax_id"] == "GB980780684"
    assert job["agreement"]["place"] == "Warszawa"
