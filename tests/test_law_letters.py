"""Issue 12 end to end: the letters a user writes, opened and read back (PDF, DOCX, text).

Each test runs the command as a user would and compares the letter's words and figures
with the law records: rate periods as lines of the working, the client's kind, foreign
currencies, calendars with regional holidays, windows that must have closed, the route."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import SAMPLES, docx_paragraphs, pdf_text, run_cli

from contractkit.cli import main
from contractkit.law.calendar import BusinessCalendar
from contractkit.law.rates import user_rates_path


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def statutory(write_job: Any, delete: object, country: str, currency: str, **more: Any) -> Path:
    path: Path = write_job(
        **{
            "law.country": country,
            "payment.currency": currency,
            "payment.late_fee_percent_per_month": delete,
            "payment.statutory_interest": True,
            **more,
        }
    )
    return path


def test_sweden_letter_shows_each_half_year(write_job: Any, delete: object, tmp_path: Path) -> None:
    """SEK 100,000 due Sunday 15 December 2024, as of 15 March 2025: payment on Monday the
    16th was in time (law.yaml: SE moves the due date), so 15 days at 12 % and 74 at
    10.5 %; the letter shows both lines and their sum."""
    job = statutory(write_job, delete, "SE", "SEK")
    out = tmp_path / "o.pdf"
    result = run(
        "letter", "overdue-60", str(job), "--invoice", "F-1", "--amount", "100000",
        "--due", "2024-12-15", "--as-of", "2025-03-15", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert "SEK 100,000.00 × 12% ÷ 365 × 15 = SEK 493.15" in text
    assert "SEK 100,000.00 × 10.5% ÷ 365 × 74 = SEK 2,128.77" in text
    assert "SEK 493.15 + SEK 2,128.77 = SEK 2,621.92" in text
    assert "4% / 2.5% on 1 July 2024 / 1 January 2025, the reference day of each period" in text
    assert "SEK 450.00" in text
    assert "the due date fell on a day off" in text
    assert "interest runs from 17 December 2024" in text
    # the days overdue agree with the days of interest: counted from Monday the 16th
    assert "is now 89 days overdue" in text and "90 days overdue" not in text


def test_polish_letter_partial_payment_on_its_date(
    write_job: Any, delete: object, tmp_path: Path
) -> None:
    """PLN 10,000 due Monday 2 June 2025, PLN 4,000 paid on 15 July: three lines."""
    job = statutory(write_job, delete, "PL", "PLN")
    out = tmp_path / "o.docx"
    result = run(
        "letter", "overdue-90", str(job), "--invoice", "F-2", "--amount", "10000",
        "--paid", "4000@2025-07-15", "--due", "2025-06-02", "--as-of", "2025-09-30",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(" ".join(docx_paragraphs(out)))
    assert "Of the PLN 10,000.00 invoiced I have received PLN 4,000.00" in text
    assert "PLN 10,000.00 × 15.75% ÷ 365 × 28 = PLN 120.82" in text
    assert "PLN 10,000.00 × 15.25% ÷ 365 × 15 = PLN 62.67" in text
    assert "PLN 6,000.00 × 15.25% ÷ 365 × 77 = PLN 193.03" in text
    assert "= PLN 376.52" in text


def test_plain_paid_amount_still_works(sample_path: Path) -> None:
    result = run(
        "letter", "overdue-30", str(sample_path), "--invoice", "I-1", "--amount", "4800",
        "--paid", "800", "--due", "2026-09-01", "--as-of", "2026-11-23",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "€4,000.00 × 1.5% × 12 ÷ 365 × 83 = €163.73" in text  # --amount is the invoiced


def test_england_deadline_skips_easter_monday(
    write_job: Any, delete: object, tmp_path: Path
) -> None:
    """Due 16 April 2025, reminder on the 17th: five business days on England's calendar
    skip Good Friday and Easter Monday, so the deadline is 28 April (not 25 April)."""
    job = statutory(write_job, delete, "GB", "GBP")
    result = run(
        "letter", "payment-reminder", str(job), "--invoice", "A-1", "--amount", "2000",
        "--due", "2025-04-16", "--as-of", "2025-04-17",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "by 28 April 2025" in flat(result.output)
    assert not BusinessCalendar("GB", "ENG").is_business_day(date(2025, 8, 25))
    assert BusinessCalendar("GB", "SCT").is_business_day(date(2025, 8, 25))
    assert not BusinessCalendar("GB", "SCT").is_business_day(date(2025, 8, 4))


def test_hungarian_working_saturday_is_a_business_day() -> None:
    assert BusinessCalendar("HU").is_business_day(date(2025, 5, 17))  # worked for 2 May


def test_consumer_gets_no_b2b_statute_or_compensation(
    write_job: Any, delete: object, tmp_path: Path
) -> None:
    job = statutory(write_job, delete, "PL", "PLN", **{"client.kind": "consumer"})
    out = tmp_path / "o.txt"
    result = run(
        "letter", "overdue-30", str(job), "--invoice", "F-3", "--amount", "10000",
        "--due", "2025-06-30", "--as-of", "2025-07-31", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(out.read_text(encoding="utf-8"))
    assert "Article 481 of the Polish Civil Code" in text
    assert "plus 5.5 percentage points" in text
    assert "compensation" not in text
    assert "commercial transactions" not in text
    reminder = run(
        "letter", "payment-reminder", str(job), "--invoice", "F-3", "--amount", "10000",
        "--due", "2025-06-30", "--as-of", "2025-07-31",
    )  # fmt: skip
    assert reminder.exit_code == 0 and "compensation" not in flat(reminder.output)
    hu = statutory(write_job, delete, "HU", "HUF", name="hu.yaml", **{"client.kind": "consumer"})
    result = run(
        "letter", "overdue-30", str(hu), "--invoice", "F-4", "--amount", "100000",
        "--due", "2025-03-03", "--as-of", "2025-04-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "interest" not in flat(result.output).lower()


def test_polish_law_gbp_invoice_gets_its_letters(
    write_job: Any, delete: object, tmp_path: Path
) -> None:
    """Polish law, a UK client, an invoice in GBP: the friendly reminder never refuses; a
    formal letter names the flag it needs; with the rates it converts the compensation."""
    job = statutory(write_job, delete, "PL", "GBP")
    facts = ["--invoice", "F-5", "--amount", "2000", "--due", "2025-06-02"]
    reminder = run("letter", "payment-reminder", str(job), *facts, "--as-of", "2025-06-30")
    assert reminder.exit_code == 0, reminder.output
    assert "As of today" not in reminder.output  # the statutory figure is left out
    refused = run("letter", "overdue-30", str(job), *facts, "--as-of", "2025-07-02")
    assert refused.exit_code == 2 and "--fx-rate" in refused.output
    out = tmp_path / "o.pdf"
    result = run(
        "letter", "final-notice", str(job), *facts, "--as-of", "2025-07-02",
        "--fx-rate", "5.0000", "--eur-rate", "4.25", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert "€70.00" in text and "£59.50 at 0.85 to the euro" in text
    assert "NBP average rate" in text
    assert "electronic order-for-payment procedure (EPU, e-sąd)" in text


def test_stale_rate_refusal_names_day_source_and_flag(write_job: Any, delete: object) -> None:
    job = statutory(write_job, delete, "SE", "SEK")
    result = run(
        "letter", "overdue-30", str(job), "--invoice", "F-6", "--amount", "1000",
        "--due", "2025-12-01", "--as-of", "2026-01-15",
    )  # fmt: skip
    assert result.exit_code == 2
    text = flat(result.output)
    assert "2026-01-01" in text and "riksbank.se" in text and "--reference-rate" in text
    friendly = run(
        "letter", "payment-reminder", str(job), "--invoice", "F-6", "--amount", "1000",
        "--due", "2025-12-01", "--as-of", "2026-01-15",
    )  # fmt: skip
    assert friendly.exit_code == 0, friendly.output


def test_user_rates_table_unblocks_the_letter(write_job: Any, delete: object) -> None:
    job = statutory(write_job, delete, "SE", "SEK")
    path = user_rates_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'SE:\n  checked: 2026-06-30\n  rates:\n    - {from: 2026-01-01, rate: "1.75"}\n',
        encoding="utf-8",
    )
    listing = run("rates")
    assert listing.exit_code == 0 and "2026-01-01 onwards" in listing.output
    assert str(path) in flat(listing.output)
    result = run(
        "letter", "overdue-30", str(job), "--invoice", "F-6", "--amount", "1000",
        "--due", "2025-12-01", "--as-of", "2026-01-15",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "× 9.75% ÷ 365 × 15" in flat(result.output)


def test_rights_are_checked_on_the_letter_date(sample_path: Path) -> None:
    """work-paused invokes the 10-business-day silence clause: not one day after the
    request. The refusal names the earliest date (receipt on the next business day)."""
    early = run("letter", "work-paused", str(sample_path), "--sent", "2026-11-02",
                "--as-of", "2026-11-03")  # fmt: skip
    assert early.exit_code != 0
    # sent Mon 2 Nov, received Tue 3 Nov; 10 business days to Tue 17 Nov
    assert "2026-11-18" in flat(early.output) and "--as-of" in early.output
    ok = run("letter", "work-paused", str(sample_path), "--sent", "2026-11-02",
             "--as-of", "2026-11-18")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    chase = run("letter", "feedback-chase", str(sample_path), "--sent", "2026-11-02",
                "--as-of", "2026-11-05")  # fmt: skip
    assert chase.exit_code != 0 and "2026-11-11" in chase.output


def test_check_command(write_job: Any, delete: object, sample_path: Path) -> None:
    clean = run("check", str(sample_path))
    assert clean.exit_code == 0, clean.output
    job = write_job(
        **{
            "law.country": "PL",
            "payment.terms_days": 90,
            "client.kind": "consumer",
            "payment.late_fee_percent_per_month": delete,
            "payment.statutory_interest": True,
        }
    )
    found = run("check", str(job))
    assert found.exit_code == 1
    assert "consumer-deposit:" in found.output
    job = write_job(name="b.yaml", **{"law.country": "PL", "payment.terms_days": 90})
    found = run("check", str(job))
    assert found.exit_code == 1 and "payment-term-cap:" in found.output
    assert "payment.terms_days" in found.output and "60" in found.output
    job = write_job(name="c.yaml", **{"law.country": "PL",
                                      "payment.late_fee_percent_per_month": "3"})  # fmt: skip
    found = run("check", str(job))
    assert found.exit_code == 1 and "late-fee-cap:" in found.output
    job = write_job(
        name="d.yaml",
        **{
            "law.country": "US",
            "payment.currency": "USD",
            "payment.terms_days": 45,
            "freelancer.region": "CA",
        },
    )
    found = run("check", str(job))
    assert found.exit_code == 1 and "us-freelance-pay-date:" in found.output
    assert "SB 988" in found.output
    bad = run("check", str(write_job(name="e.yaml", **{"law.country": "XX"})))
    assert bad.exit_code == 2


def test_cross_border_eu_claim_names_the_european_procedures(write_job: Any) -> None:
    job = write_job(**{"client.country": "pl"})  # a Swedish freelancer, a Polish client
    result = run(
        "letter", "final-notice", str(job), "--invoice", "I-1", "--amount", "4800",
        "--due", "2026-09-01", "--as-of", "2026-11-23",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "European Small Claims Procedure (up to €5,000)" in flat(result.output)


def test_countries_and_regions_are_checked(write_job: Any) -> None:
    bad = run("check", str(write_job(**{"client.country": "XX"})))
    assert bad.exit_code == 2 and "client.country" in bad.output
    job = write_job(name="r.yaml", **{"law.country": "GB", "freelancer.region": "Kent"})
    region = run("letter", "follow-up", str(job), "--sent", "2026-11-02", "--as-of", "2026-11-09")
    assert region.exit_code == 2 and "freelancer.region" in region.output
    assert "ENG" in region.output


def test_one_given_rate_never_stands_for_two_half_years(tmp_path: Path) -> None:
    """Polish statutory interest follows the NBP rate of each half-year: a debt due in
    June and chased in August spans two, and one --reference-rate cannot be both."""
    args = ["letter", "final-notice", str(SAMPLES / "pl-identyfikacja-wizualna.yaml"),
            "--invoice", "A1", "--amount", "9250", "--reference-rate", "4.00",
            "-o", str(tmp_path / "f.txt")]  # fmt: skip
    spanning = run_cli(*args, "--due", "2027-06-15", "--as-of", "2027-08-02")
    assert spanning.exit_code == 2
    assert "runs over 2 rate periods" in spanning.output
    assert "(2027-01-01, 2027-07-01)" in spanning.output and "--reference-rate" in spanning.output
    assert not (tmp_path / "f.txt").exists()
    within = run_cli(*args, "--due", "2027-01-15", "--as-of", "2027-03-01")
    assert within.exit_code == 0, within.output
