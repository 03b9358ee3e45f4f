"""log.yaml: appended by `contractkit log`, hand-editable, checked like the job file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from contractkit.errors import JobError
from contractkit.job.log import InvoiceIssued, LetterSent, PaymentReceived, read_log

run = run_cli


@pytest.fixture
def folder(job_folder: Path) -> Path:
    return job_folder


def test_the_kept_command_shapes_record_what_happened(folder: Path) -> None:
    steps = [
        ("invoice", "INV-7", "1200.50", "--due", "2027-01-15", "--on", "2027-01-01"),
        ("paid", "500", "--on", "2027-01-20", "--invoice", "INV-7"),
        ("sent", "payment-reminder", "--on", "2027-01-16", "--channel", "email"),
        ("replied", "--on", "2027-01-22"),
        ("hold", "2027-02-01", "--on", "2027-01-22"),
    ]
    for step in steps:
        result = run("log", str(folder), *step)
        assert result.exit_code == 0, result.output
    entries = read_log(folder)
    assert [e.event for e in entries] == ["invoice", "paid", "sent", "replied", "hold"]
    invoice, payment, letter = entries[:3]
    assert isinstance(invoice, InvoiceIssued) and str(invoice.amount) == "1200.50"
    assert invoice.due.isoformat() == "2027-01-15" and invoice.number == "INV-7"
    assert isinstance(payment, PaymentReceived) and payment.invoice == "INV-7"
    assert isinstance(letter, LetterSent) and letter.kind == "payment-reminder"
    shown = run("log", str(folder))
    assert "2027-01-01  invoice" in shown.output and "number=INV-7" in shown.output


def test_user_text_cannot_break_out_of_its_entry(folder: Path) -> None:
    hostile = 'INV-1"\n- event: closed\n  on: 2027-01-01 #'
    result = run("log", str(folder), "invoice", hostile, "100", "--due", "2027-01-15")
    assert result.exit_code == 0, result.output
    (entry,) = read_log(folder)  # one entry: nothing was injected
    assert isinstance(entry, InvoiceIssued)
    assert entry.number == 'INV-1" - event: closed on: 2027-01-01 #'  # whitespace folded


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("paid", "100", "--invoice", "NOPE"), "no invoice NOPE is logged before it"),
        (("sent", "payment-remindr"), "no letter kind 'payment-remindr'"),
        (("invoice", "A", "12.345", "--due", "2027-01-15"), "ambiguous"),
        (("invoice", "A", "10.1234", "--due", "2027-01-15"), "more decimals"),
        (("paid", "0"), "greater than 0"),
        (("invoice", "A", "10", "--due", "2027-02-30"), "YYYY-MM-DD"),
    ],
)
def test_a_wrong_entry_is_refused_and_nothing_is_written(
    folder: Path, args: tuple[str, ...], says: str
) -> None:
    result = run("log", str(folder), *args)
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "Traceback" not in result.output
    assert not (folder / "log.yaml").exists()


def test_a_hand_edited_log_keeps_its_comments_and_is_checked_with_lines(folder: Path) -> None:
    log = folder / "log.yaml"
    log.write_text(
        "# my notes\n- event: invoice\n  on: 2027-01-01\n  number: A-1\n"
        "  amount: 100\n  due: 2027-01-15\n",
        encoding="utf-8",
    )
    assert run("log", str(folder), "replied", "--on", "2027-01-02").exit_code == 0
    assert log.read_text(encoding="utf-8").startswith("# my notes\n- event: invoice")
    log.write_text(
        log.read_text(encoding="utf-8") + "- event: paid\n  on: 2027-01-03\n  amount: lots\n",
        encoding="utf-8",
    )
    with pytest.raises(JobError) as info:
        read_log(folder)
    assert any("entry 3 (paid): amount" in p and "(line 11)" in p for p in info.value.problems)
    result = run("log", str(folder), "replied")
    assert result.exit_code == 2 and "entry 3 (paid)" in result.output


def test_a_folder_without_a_job_is_refused(tmp_path: Path) -> None:
    result = run("log", str(tmp_path), "replied")
    assert result.exit_code == 2
    assert "not a job folder" in result.output
