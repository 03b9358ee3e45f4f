"""Letters: rendered in every format and read back, matching the contract's terms."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import docx_paragraphs, pdf_text

from contractkit.assemble.contract import clause_numbers
from contractkit.cli import main
from contractkit.job.reader import load_job
from contractkit.library.letters import KINDS, letter_library

FACTS = [
    "--sent", "2026-11-03",
    "--invoice", "INV-1042",
    "--amount", "4800",
    "--paid", "800",
    "--invoiced", "6000",
    "--work", "1000",
    "--work-value", "4000",
    "--due", "2026-09-01",
    "--as-of", "2026-11-23",
]  # fmt: skip


def flat(text: str) -> str:
    """Collapse whitespace (line wraps, Babel's no-break spaces) for comparisons."""
    return " ".join(text.replace("\xa0", " ").split())


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def read_back(path: Path) -> str:
    if path.suffix == ".pdf":
        return flat(pdf_text(path))
    if path.suffix == ".docx":
        return flat(" ".join(docx_paragraphs(path)))
    if path.suffix == ".eml":
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None
        return flat(f"{msg['Subject']} {body.get_content()}")
    return flat(path.read_text(encoding="utf-8"))


def test_library_has_every_kind() -> None:
    assert tuple(x.meta.id for x in letter_library("en")) == KINDS


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ext", ["pdf", "docx", "txt", "eml"])
def test_every_kind_in_every_format(kind: str, ext: str, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.{ext}"
    result = run("letter", kind, str(sample_path), *FACTS, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = read_back(out)
    assert "Łukasz Wójcik" in text
    assert "Website redesign" in text
    assert "[" not in text  # every fact given: no fill-in blank left
    if ext != "eml":
        assert "23 November 2026" in text


def test_clause_numbers_match_the_contract(write_job: Any, tmp_path: Path) -> None:
    """Including the optional approval clause renumbers stop-work; the letter follows."""
    job_path = write_job(**{"clauses": ["approval"]})
    numbers = clause_numbers(load_job(job_path))
    result = run("build", str(job_path), "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    contract = flat(pdf_text(tmp_path / "out" / "contract.pdf"))
    stop = numbers["stop-work"]
    assert f"{stop}. Stop-work and kill fee" in contract
    letter = flat(pdf_text(tmp_path / "out" / "letters" / "04-work-paused.pdf"))
    assert f"Clause {stop} of our agreement of 20 November 2026 allows me to pause" in letter
    assert "10 business days" in letter
    assert "25% of the part of the €12,000.00 fee" in letter


def test_build_writes_letters_with_blanks_and_known_terms(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run("build", str(sample_path), "-o", str(out), "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (out / "letters").iterdir())
    assert len(files) == 36
    assert files[:3] == ["01-follow-up.docx", "01-follow-up.pdf", "01-follow-up.txt"]
    assert (out / "timeline.ics").is_file()
    final = read_back(out / "letters" / "10-final-notice.txt")
    assert "invoice [invoice no.]" in final and "[due date]" in final
    assert "Stockholm District Court" in final
    n = clause_numbers(load_job(sample_path))
    assert f"clause {n['law']} of our agreement" in final
    assert f"Under clause {n['late-payment']} of our agreement" in final
    assert "1.5% per month" in final


def test_build_txt_only_letters_follow_format(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(sample_path), "-o", str(out), "--format", "pdf")
    assert result.exit_code == 0, result.output
    exts = {p.suffix for p in (out / "letters").iterdir()}
    assert exts == {".pdf", ".txt"}


def test_final_notice_days_overdue_balance_fee_and_deadline(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "final.pdf"
    result = run(
        "letter", "final-notice", str(sample_path),
        "--invoice", "INV-1042", "--amount", "4800", "--paid", "800",
        "--due", "2026-09-01", "--as-of", "2026-11-23", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert "83 days overdue" in text
    assert "balance of €4,000.00" in text
    assert "€4,000.00 × 1.5% × 12 ÷ 365 × 83 = €163.73" in text
    assert "total now due to €4,163.73" in text
    # 10 business days after Monday 23 November 2026 on the Swedish calendar
    assert "reaches me by 7 December 2026" in text
    # a Polish client of a Swedish freelancer: the EU's cross-border routes, not Kronofogden
    assert "Stockholm District Court" in text and "European Order for Payment" in text
    assert "Kronofogden" not in text


def test_deadline_on_a_holiday_moves_to_the_next_business_day(sample_path: Path) -> None:
    result = run(
        "letter", "overdue-30", str(sample_path), "--invoice", "7", "--amount", "100",
        "--due", "2026-11-01", "--as-of", "2026-12-01", "--deadline", "2026-12-24",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "by 28 December 2026" in flat(result.output)


def test_uk_statutory_interest_letter(write_job: Any, delete: object, tmp_path: Path) -> None:
    job = write_job(
        **{
            "law.country": "GB",
            "law.governing": "the laws of England and Wales",
            "law.venue": "the County Court at Central London",
            "payment.currency": "GBP",
            "payment.late_fee_percent_per_month": delete,
            "payment.statutory_interest": True,
        }
    )
    out = tmp_path / "overdue.pdf"
    result = run(
        "letter", "overdue-30", str(job), "--invoice", "A-7", "--amount", "2000",
        "--due", "2025-08-01", "--as-of", "2025-09-15", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert "45 days overdue" in text
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in text
    assert "Bank of England Bank Rate of 4.25% on 30 June 2025" in text
    assert "plus 8 percentage points" in text
    assert "£2,000.00 × 12.25% ÷ 365 × 45 = £30.21" in text
    assert "compensation for recovery costs of £70.00" in text
    assert "total now due to £2,100.21" in text
    final = run(
        "letter", "final-notice", str(job), "--invoice", "A-7", "--amount", "2000",
        "--due", "2025-08-01", "--as-of", "2025-09-15",
    )  # fmt: skip
    assert "small claims track" in flat(final.output)


def test_no_late_fee_when_the_contract_has_none(write_job: Any, delete: object) -> None:
    job = write_job(**{"payment.late_fee_percent_per_month": delete})
    result = run(
        "letter", "overdue-60", str(job), "--invoice", "7", "--amount", "100",
        "--due", "2026-09-01", "--as-of", "2026-11-23",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(result.output).lower()
    assert "late fee" not in text and "interest" not in text
    assert "please treat this as a priority and pay €100.00" in text


@pytest.mark.parametrize(
    ("kind", "flags"),
    [
        ("follow-up", "--sent"),
        ("work-paused", "--sent"),
        ("kill-fee", "--amount, --invoiced"),
        ("payment-reminder", "--invoice, --amount, --due"),
        ("final-notice", "--invoice, --amount, --due"),
    ],
)
def test_missing_facts_are_refused_naming_the_flag(
    kind: str, flags: str, sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    result = run("letter", kind, str(sample_path), "--as-of", "2026-11-23", "-o", str(out))
    assert result.exit_code == 2
    assert flags in result.output
    assert not out.exists()


def test_statutory_without_a_known_rate_asks_for_it(write_job: Any, delete: object) -> None:
    job = write_job(
        **{"payment.late_fee_percent_per_month": delete, "payment.statutory_interest": True}
    )
    args = ["letter", "overdue-30", str(job), "--invoice", "1", "--amount", "100"]
    result = run(*args, "--due", "2026-09-01", "--as-of", "2026-11-23")
    assert result.exit_code == 2 and "--reference-rate" in result.output
    ok = run(*args, "--due", "2026-09-01", "--as-of", "2026-11-23", "--reference-rate", "1.75")
    assert ok.exit_code == 0, ok.output
    text = flat(ok.output)
    assert "reference rate of 1.75% on 1 July 2026" in text
    assert "SEK 450.00" in text or "SEK 450" in text


def test_kill_fee_is_computed_from_the_contract(sample_path: Path) -> None:
    result = run(
        "letter", "kill-fee", str(sample_path), "--amount", "1500", "--invoiced", "6000",
        "--as-of", "2026-11-23",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "remaining, uninvoiced: €4,500.00" in text
    assert "kill fee, 25% of €4,500.00: €1,125.00" in text
    assert "My invoice for €2,625.00" in text
    assert "by 7 December 2026" in text  # 14 days' terms


def test_closing_the_loop_is_one_paragraph(sample_path: Path) -> None:
    result = run(
        "letter", "closing-the-loop", str(sample_path), "--sent", "2026-11-17",
        "--as-of", "2026-11-30",
    )  # fmt: skip
    assert result.exit_code == 0
    body = result.output.split("Dear Łukasz Wójcik,\n\n", 1)[1].split("\n\nKind regards,")[0]
    assert "\n\n" not in body
    assert "17 November 2026" in flat(body)


def test_follow_up_eml_opens_in_a_mail_parser(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "follow-up.eml"
    result = run(
        "letter", "follow-up", str(sample_path), "--sent", "2026-11-17",
        "--as-of", "2026-11-23", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert msg["To"].addresses[0].addr_spec == "lukasz@wojcik.example"
    assert msg["To"].addresses[0].display_name == "Łukasz Wójcik"
    assert msg["From"].addresses[0].addr_spec == "asa@oberg-design.example"
    assert msg["Subject"] == "Website redesign: a quick question"
    assert msg["Date"].datetime.date().isoformat() == "2026-11-23"
    assert not msg.is_multipart()
    body = flat(msg.get_content())
    assert body.startswith("Dear Łukasz Wójcik,")
    assert "17 November 2026" in body and body.endswith("Åsa Öberg Öberg Design AB")


def final_notice_eml(sample_path: Path, tmp_path: Path, attachment: str) -> Any:
    """The final notice as .eml with a file called ``attachment`` attached, parsed."""
    out = tmp_path / "final.eml"
    invoice = tmp_path / attachment
    invoice.write_bytes(b"%PDF-1.4 invoice")
    result = run(
        "letter", "final-notice", str(sample_path), *FACTS, "-o", str(out),
        "--attach", str(invoice),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return email.message_from_bytes(out.read_bytes(), policy=policy.default)


def test_formal_eml_attaches_the_pdf(sample_path: Path, tmp_path: Path) -> None:
    msg = final_notice_eml(sample_path, tmp_path, "INV-1042.pdf")
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names == ["10-final-notice.pdf", "INV-1042.pdf"]
    letter_pdf = next(msg.iter_attachments()).get_content()
    assert "83 days overdue" in flat(pdf_text(letter_pdf))


def test_an_attachment_name_with_a_line_break_stays_one_header(
    sample_path: Path, tmp_path: Path
) -> None:
    msg = final_notice_eml(sample_path, tmp_path, "INV\nX-Evil: 1.pdf")
    assert "X-Evil" not in msg
    assert [a.get_filename() for a in msg.iter_attachments()][1] == "INV X-Evil: 1.pdf"


@pytest.mark.parametrize(
    ("flag", "out", "expected"),
    [
        ("--attach", "f.pdf", "attachments go with an e-mail draft"),
        ("--attach", "f.txt", "attachments go with an e-mail draft"),
        ("--template", "f.pdf", "a .docx template shapes a .docx letter"),
        ("--template", "f.eml", "a .docx template shapes a .docx letter"),
    ],
)
def test_options_that_would_be_ignored_are_refused(
    sample_path: Path, tmp_path: Path, flag: str, out: str, expected: str
) -> None:
    extra = tmp_path / "extra.docx"
    extra.write_bytes(b"x")
    result = run(
        "letter", "final-notice", str(sample_path), *FACTS, "-o", str(tmp_path / out),
        flag, str(extra),
    )  # fmt: skip
    assert result.exit_code == 2
    assert expected in result.output
    assert not (tmp_path / out).exists()


def test_hostile_text_stays_text(write_job: Any, tmp_path: Path) -> None:
    job = write_job(**{"client.name": "{{ 7*7 }} <b>Bob</b> & Co"})
    for ext in ("pdf", "docx", "eml"):
        out = tmp_path / f"f.{ext}"
        result = run("letter", "follow-up", str(job), *FACTS, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "{{ 7*7 }} <b>Bob</b> & Co" in read_back(out)


def test_output_never_clobbered(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.txt"
    out.write_text("mine")
    result = run("letter", "follow-up", str(sample_path), *FACTS, "-o", str(out))
    assert result.exit_code == 1 and out.read_text() == "mine"
    assert (
        run("letter", "follow-up", str(sample_path), *FACTS, "-o", str(out), "--force").exit_code
        == 0
    )


def test_unknown_kind_and_extension(sample_path: Path, tmp_path: Path) -> None:
    bad = run("letter", "nope", str(sample_path), *FACTS)
    assert bad.exit_code == 2 and "follow-up" in bad.output
    ext = run("letter", "follow-up", str(sample_path), *FACTS, "-o", str(tmp_path / "x.rtf"))
    assert ext.exit_code == 2


def test_letters_command_lists_kinds_with_when_to_use() -> None:
    result = run("letters")
    assert result.exit_code == 0
    for kind in KINDS:
        assert re.search(rf"^{re.escape(kind)}\s", result.output, re.M)
    assert "Tuesday of the week after" in result.output


def test_eml_to_an_internationalised_address(tmp_path: Path) -> None:
    import email
    from email import policy

    from click.testing import CliRunner

    from contractkit.cli import main

    job = tmp_path / "idn.yaml"
    text = (Path(__file__).parent.parent / "samples" / "website-redesign.yaml").read_text("utf-8")
    job.write_text(text.replace("lukasz@wojcik.example", "łukasz@wójcik.example"), "utf-8")
    out = tmp_path / "f.eml"
    result = CliRunner().invoke(
        main,
        [
            "letter",
            "follow-up",
            str(job),
            "--sent",
            "2026-11-16",
            "--as-of",
            "2026-11-23",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    # an SMTPUTF8 message (RFC 6532): its headers are UTF-8 text
    msg = email.message_from_string(out.read_bytes().decode("utf-8"), policy=policy.default)
    (addr,) = msg["To"].addresses
    assert (addr.username, addr.domain) == ("łukasz", "xn--wjcik-0ta.example")


def test_eml_with_attachment_is_byte_stable(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from contractkit.cli import main

    sample = Path(__file__).parent.parent / "samples" / "website-redesign.yaml"
    outs = []
    for name in ("a.eml", "b.eml"):
        result = CliRunner().invoke(
            main,
            [
                "letter",
                "final-notice",
                str(sample),
                "--invoice",
                "I-1",
                "--amount",
                "4800",
                "--due",
                "2026-09-01",
                "--as-of",
                "2026-11-23",
                "-o",
                str(tmp_path / name),
            ],
        )
        assert result.exit_code == 0, result.output
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    assert b"application/pdf" in outs[0]


def test_exchange_rate_is_printed_with_every_digit() -> None:
    from decimal import Decimal

    from contractkit.library.formatting import Formatter

    assert Formatter("pl", "PL").number(Decimal("4.2655")) == "4,2655"
