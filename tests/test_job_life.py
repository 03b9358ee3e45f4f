"""A whole job's life from the folder alone: wizard → build → log the invoice → `next`
proposes the reminder on the right day → run its command (the letter, logged as sent) →
`next` no longer proposes it → part payment → the overdue letter shows the balance →
`pack` zip whose manifest matches its files."""

from __future__ import annotations

import email
import hashlib
import shlex
import zipfile
from email import policy
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import SAMPLES

from contractkit.cli import main
from contractkit.job.log import LetterSent, read_log


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def next_steps(root: Path, day: str) -> list[dict[str, str]]:
    import json

    data = json.loads(run("next", str(root), "--as-of", day, "--json").output)
    steps: list[dict[str, str]] = data["steps"]
    return steps


def run_command(command: str) -> str:
    """Run a command `next` proposed, exactly as printed (without the program's name)."""
    argv = shlex.split(command)
    assert argv[0] == "contractkit"
    return str(run(*argv[1:]).output)


def body_of(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return " ".join(str(part.get_content()).replace("\xa0", " ").split())


def test_a_job_from_wizard_to_evidence_pack(tmp_path: Path) -> None:
    root = tmp_path / "clients"
    folder = root / "acme"
    answers = SAMPLES / "website-redesign.yaml"
    run("new", str(folder), "--answers", str(answers), "--no-input", "--as-of", "2026-11-24")
    assert (folder / "contract.pdf").is_file() and (folder / "job.yaml").is_file()

    # the deposit invoice: EUR 6,000 due on Friday 15 January 2027
    run("log", str(folder), "invoice", "INV-1", "6000", "--due", "2027-01-15", "--on", "2027-01-01")
    assert next_steps(root, "2027-01-15") == []
    (step,) = next_steps(root, "2027-01-18")  # Monday: the first business day after
    assert step["letter"] == "payment-reminder" and step["due"] == "2027-01-18"
    assert "INV-1" in step["why"]
    run_command(step["command"])
    reminder = folder / "sent" / "2027-01-18-payment-reminder.eml"
    assert "INV-1" in body_of(reminder)
    (logged,) = [e for e in read_log(folder) if isinstance(e, LetterSent)]
    assert logged.kind == "payment-reminder" and logged.file == "sent/" + reminder.name
    assert logged.sha256 == hashlib.sha256(reminder.read_bytes()).hexdigest()
    sent_id = email.message_from_bytes(reminder.read_bytes(), policy=policy.default)["Message-ID"]
    assert logged.message_id == sent_id  # the draft's own Message-ID, kept in the log
    assert next_steps(root, "2027-01-19") == []  # sent: never proposed again

    # part paid; thirty days after the due date the overdue notice chases the balance
    run("log", str(folder), "paid", "2500", "--on", "2027-01-25")
    (step,) = next_steps(root, "2027-02-15")
    assert step["letter"] == "overdue-30"
    assert "3500 EUR unpaid" in step["why"]
    run_command(step["command"])
    text = body_of(folder / "sent" / "2027-02-15-overdue-30.eml")
    assert "€6,000.00" in text and "€2,500.00" in text and "€3,500.00" in text
    # each balance with its own days, and no single principal claimed for all 31 days
    assert "€6,000.00 × 1.5% × 12 ÷ 365 × 10 = €29.59" in text
    assert "€3,500.00 × 1.5% × 12 ÷ 365 × 21 = €36.25" in text
    assert "For 31 days:" in text and "For 31 days on" not in text

    out = tmp_path / "acme-evidence.zip"
    run("pack", str(folder), "-o", str(out), "--as-of", "2027-02-16")
    archive = zipfile.ZipFile(out)
    names = set(archive.namelist())
    assert {"letters/2027-01-18-payment-reminder.eml", "letters/2027-02-15-overdue-30.eml"} <= names
    assert not any("final-notice" in n for n in names)  # never a letter that was not sent
    for line in archive.read("MANIFEST.sha256").decode().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest


def test_an_eml_opens_as_a_draft_with_a_stable_message_id(tmp_path: Path) -> None:
    """Outlook reads X-Unsent, Apple Mail X-Uniform-Type-Identifier, Thunderbird
    X-Mozilla-Draft-Info; the Message-ID is the same for the same draft, and --bcc-me
    copies the sender."""
    job = str(SAMPLES / "website-redesign.yaml")
    args = ["letter", "follow-up", job, "--sent", "2026-11-17", "--as-of", "2026-11-24"]
    first, second, copy = tmp_path / "a.eml", tmp_path / "b.eml", tmp_path / "c.eml"
    run(*args, "-o", str(first))
    run(*args, "-o", str(second))
    run(*args, "-o", str(copy), "--bcc-me")
    message = email.message_from_bytes(first.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["X-Uniform-Type-Identifier"] == "com.apple.mail-draft"
    assert message["X-Mozilla-Draft-Info"].startswith("internal/draft")
    assert message["Message-ID"].endswith("@oberg-design.example>")
    assert message["Bcc"] is None
    again = email.message_from_bytes(second.read_bytes(), policy=policy.default)
    assert again["Message-ID"] == message["Message-ID"]
    copied = email.message_from_bytes(copy.read_bytes(), policy=policy.default)
    assert copied["Bcc"].addresses[0].addr_spec == "asa@oberg-design.example"
