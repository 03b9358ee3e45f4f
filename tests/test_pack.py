"""The evidence pack: what was sent, proven unchanged, and nothing that was not sent."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from conftest import pdf_text, run_cli

run = run_cli


@pytest.fixture
def folder(job_folder: Path) -> Path:
    home = job_folder
    assert run("build", str(home), "--as-of", "2026-11-24").exit_code == 0
    (home / "invoices").mkdir()
    (home / "invoices" / "INV-7.pdf").write_bytes(b"%PDF-1.4 the invoice")
    invoice = str(home / "invoices" / "INV-7.pdf")
    reminder = str(home / "letters" / "06-payment-reminder.pdf")
    steps = [
        ("invoice", "INV-7", "1200", "--due", "2027-01-15", "--file", invoice),
        ("sent", "payment-reminder", "--on", "2027-01-18", "--file", reminder),
        ("paid", "500", "--on", "2027-01-20"),
    ]
    for step in steps:
        result = run("log", str(home), *step)
        assert result.exit_code == 0, result.output
    return home


def test_the_pack_holds_what_was_sent_and_its_manifest_verifies(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "evidence.zip"
    result = run("pack", str(folder), "-o", str(out), "--as-of", "2027-02-01")
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(out)
    names = sorted(archive.namelist())
    assert names == [
        "MANIFEST.sha256",
        "chronology.pdf",
        "contract.docx",
        "contract.pdf",
        "invoices/INV-7.pdf",
        "letters/06-payment-reminder.pdf",
    ]  # the ten letters never sent are not in it
    manifest = archive.read("MANIFEST.sha256").decode()
    for line in manifest.splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert len(manifest.splitlines()) == len(names) - 1
    text = " ".join(pdf_text(archive.read("chronology.pdf")).split())
    for part in ("Invoice issued", "INV-7", "Letter sent", "Payment reminder", "Payment received"):
        assert part in text
    # interest by period on the balance (the sample's contractual 1.5 % a month), each line
    # its working, and the next step for the contract's country
    assert "Interest by period: invoice INV-7" in text
    assert "2027-01-16 2027-01-20 €1,200.00 18% 5 €2.96" in text  # 1,200 × 18 % × 5 ÷ 365
    assert "2027-01-21 2027-02-01 €700.00 18% 12 €4.14" in text  # after 500 paid on the 20th
    assert "Total 17 €7.10" in text
    # the route for a Swedish freelancer's claim against a client in Poland
    assert "The next step:" in text and "European Order for Payment" in text
    again = run("pack", str(folder), "-o", str(tmp_path / "b.zip"), "--as-of", "2027-02-01")
    assert again.exit_code == 0
    assert (tmp_path / "b.zip").read_bytes() == out.read_bytes()


def test_a_file_changed_since_it_was_sent_is_refused(folder: Path, tmp_path: Path) -> None:
    (folder / "letters" / "06-payment-reminder.pdf").write_bytes(b"%PDF- edited later")
    result = run("pack", str(folder), "-o", str(tmp_path / "e.zip"))
    assert result.exit_code == 2
    assert "changed since it was logged" in result.output
    assert not (tmp_path / "e.zip").exists()


def test_a_file_outside_the_job_folder_cannot_be_logged(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"x")
    result = run("log", str(folder), "sent", "overdue-30", "--file", str(outside))
    assert result.exit_code == 2
    assert "outside the job folder" in result.output


def test_the_pack_is_a_zip_a_reader_opens(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "evidence.zip"
    assert run("pack", str(folder), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert archive.testzip() is None
