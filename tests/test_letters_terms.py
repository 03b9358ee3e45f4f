"""Issue 15 letters: named blanks, the project as a noun phrase, the agreement's date, where
to pay, the delivery line, and both termination letters stating what is owed both ways.

Every test opens what was produced (PDF text, DOCX paragraphs, the text file) and reads it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import SAMPLES, docx_paragraphs, pdf_text

from contractkit.assemble.letters import build_letter
from contractkit.cli import main
from contractkit.job.facts import Facts
from contractkit.job.reader import validate_job
from contractkit.library.formatting import Formatter
from contractkit.render.text import render_text


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def job_of(sample: str, **changes: Any) -> Any:
    data = yaml.safe_load((SAMPLES / f"{sample}.yaml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value
    return validate_job(data)


def text_of(job: Any, kind: str, facts: Facts | None = None) -> str:
    letter = build_letter(job, kind, facts or Facts(), on_demand=facts is not None)
    return flat(render_text(letter.document).decode("utf-8"))


SAMPLE_OF = {
    "en": "website-redesign",
    "pl": "pl-identyfikacja-wizualna",
    "sv": "sv-webbutik",
    "hu": "hu-weboldalszovegek",
    "ka": "ka-ilustraciebi",
}
BANK = {"iban": "SE4550000000058398257466", "bic": "ESSESESS"}
FACTS = [
    "--invoice", "INV-7", "--amount", "3000", "--due", "2027-01-15",
    "--sent", "2027-02-01", "--invoiced", "9000", "--work", "1000", "--as-of", "2027-03-01",
]  # fmt: skip


# ---------------------------------------------------------------- 1. named blanks


@pytest.mark.parametrize("language", list(SAMPLE_OF))
def test_unknown_facts_are_distinct_named_blanks_and_the_working_is_left_out(
    language: str,
) -> None:
    job = job_of(SAMPLE_OF[language])
    labels = Formatter(language, job.law.country).labels["letters"]["blanks"]
    for kind in ("overdue-30", "final-notice"):
        text = text_of(job, kind)
        blanks = re.findall(r"\[([^\]]+)\]", text)
        # the working is not printed with blanks inside it, and no command-line flag
        # reaches the client (the terminal names what is left: see the poor-fit test)
        assert "÷ 365" not in text
        assert f"[{labels['working']}]" in text and "--" not in text
        # one blank per kind of fact: the invoice amount, the days overdue and the total
        # due each have their own words, never one "[amount]" for all of them
        for key in ("invoice_amount", "days_overdue", "total", "deadline", "invoice"):
            assert labels[key] in blanks, (kind, key)
        assert len({labels[k] for k in ("invoice_amount", "total", "days_overdue")}) == 3


def test_the_english_final_notice_reads_with_its_own_blanks() -> None:
    text = text_of(job_of("website-redesign"), "final-notice")
    assert "[number of]" not in text and "[amount]" not in text
    assert "is now [days] days overdue" in text
    assert "The full amount of [invoice amount] is still outstanding" in text
    assert "[the figure and its working]" in text  # no command-line flags in a letter
    assert "That brings the total now due to [total due]." in text


# ---------------------------------------------------------------- 2. the project


@pytest.mark.parametrize(
    ("language", "kind", "phrase"),
    [
        ("en", "work-paused", "continue with the Website redesign project"),
        ("en", "follow-up", "the proposal for the Website redesign project"),
        ("pl", "work-paused", "prace nad projektem „Identyfikacja wizualna piekarni”"),
        ("pl", "final-notice", "za projekt „Identyfikacja wizualna piekarni”"),
        ("sv", "final-notice", "för projektet Webbutik för Holms Keramik"),
        ("sv", "follow-up", "offerten för projektet Webbutik för Holms Keramik"),
        ("hu", "follow-up", "visszatérni a „Weboldalszövegek” projektről szóló ajánlatomra"),
        ("hu", "final-notice", "a közös „Weboldalszövegek” projektünkről"),
        ("ka", "feedback-chase", "პროექტის „საბავშვო წიგნის ილუსტრაციები“"),
    ],
)
def test_letters_name_the_project_as_a_noun_phrase(language: str, kind: str, phrase: str) -> None:
    text = text_of(job_of(SAMPLE_OF[language]), kind)
    assert phrase in text


def test_the_hungarian_article_follows_the_title() -> None:
    job = job_of("hu-weboldalszovegek", **{"project.title": "Arculat"})
    assert "visszatérni az „Arculat” projektről szóló ajánlatomra" in text_of(job, "follow-up")


def test_a_title_ending_in_project_is_not_doubled() -> None:
    job = job_of("website-redesign", **{"project.title": "Rebrand project"})
    text = text_of(job, "work-paused")
    assert "the Rebrand project" in text and "project project" not in text


# ---------------------------------------------------------------- 5. agreement, bank


@pytest.mark.parametrize(
    ("language", "dated", "undated"),
    [
        ("en", "of our agreement of 24 November 2026", "our agreement for the Website redesign"),
        ("pl", "naszej umowy z dnia 24 listopada 2026 r.", "naszej umowy dotyczącej projektu"),
        ("sv", "i vårt avtal daterat den 24 november 2026", "i vårt avtal om projektet Webbutik"),
        ("hu", "A 2026. november 24-én kelt szerződésünk", "A „Weboldalszövegek” projektre"),
        ("ka", "ჩვენი 2026 წლის 24 ნოემბრის ხელშეკრულების", "ილუსტრაციები“ ხელშეკრულების"),
    ],
)
def test_letters_cite_the_agreement_by_its_date(language: str, dated: str, undated: str) -> None:
    sample = SAMPLE_OF[language]
    with_date = text_of(job_of(sample, **{"agreement.date": "2026-11-24"}), "overdue-30")
    assert dated in with_date
    without = text_of(job_of(sample, **{"agreement.date": None}), "overdue-30")
    assert undated in without and "2026" not in without.split("[")[0]


@pytest.mark.parametrize("language", list(SAMPLE_OF))
def test_payment_letters_print_the_freelancers_bank(language: str) -> None:
    job = job_of(SAMPLE_OF[language], **{"freelancer.bank": BANK})
    fmt = Formatter(language, job.law.country)
    for kind in ("payment-reminder", "overdue-60", "final-notice", "termination-non-payment"):
        text = text_of(job, kind)
        assert "SE45 5000 0000 0583 9825 7466" in text and "ESSESESS" in text, kind
    plain = text_of(job_of(SAMPLE_OF[language], **{"freelancer.bank": None}), "final-notice")
    assert fmt.labels["letters"]["pay_to"]["invoice"] in plain


# ---------------------------------------------------------------- 4. delivery line


@pytest.mark.parametrize("language", list(SAMPLE_OF))
def test_formal_notices_say_how_they_were_sent(language: str) -> None:
    job = job_of(SAMPLE_OF[language])
    line = Formatter(language, job.law.country).label("letters.delivery")
    for kind in ("final-notice", "overdue-90", "termination", "termination-non-payment"):
        letter = build_letter(job, kind, Facts(), on_demand=False)
        texts = [getattr(b, "text", "") for b in letter.document.blocks]
        where = texts.index(line)
        assert texts[where + 1].startswith(job.client.name)  # above the recipient block
    reminder = text_of(job, "payment-reminder")
    assert line not in reminder


# ---------------------------------------------------------------- 3. termination letters


def test_termination_for_non_payment_states_what_is_owed_both_ways(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "end.pdf"
    result = run("letter", "termination-non-payment", str(sample_path), *FACTS, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert text.index("Sent by email and by registered post") < text.index("Łukasz Wójcik")
    assert "On 1 February 2027 I asked you, in a formal notice, to pay it" in text
    # sent Monday 1 March, the formal notice counts as received (and takes effect) on the 2nd
    assert "I end the agreement with immediate effect, as of 2 March 2027, the day" in text
    assert "the unpaid invoice INV-7: €3,000.00" in text
    assert "not yet invoiced: €1,000.00" in text
    assert "(€12,000.00 − €9,000.00 invoiced − €1,000.00 work since) × 25% = €500.00" in text
    assert "In all, €4,500.00, besides the late fee on the unpaid invoice." in text
    assert "the deposit is not refunded" in text
    assert "the rights in work that is not paid for in full stay with me" in text


def test_termination_for_non_payment_waits_ten_days_after_the_request(sample_path: Path) -> None:
    early = [*FACTS[:-1], "2027-02-10"]  # the request of 1 Feb counts as received on 2 Feb
    result = run("letter", "termination-non-payment", str(sample_path), *early)
    assert result.exit_code == 2
    assert "until 2027-02-12" in result.output and "from 2027-02-13" in result.output
    assert "--as-of" in result.output
    no_request = [a for i, a in enumerate(FACTS) if "--sent" not in FACTS[max(i - 1, 0) : i + 1]]
    result = run("letter", "termination-non-payment", str(sample_path), *no_request)
    assert result.exit_code == 2 and "--sent" in result.output


def test_termination_for_non_payment_reads_the_request_from_the_log(
    write_job: Any, tmp_path: Path
) -> None:
    write_job()  # tmp_path/job.yaml: tmp_path is the job folder
    folder = str(tmp_path)
    log = [
        ("invoice", "INV-1", "6000", "--due", "2026-12-20", "--on", "2026-12-01"),
        ("invoice", "INV-2", "3000", "--due", "2027-01-15", "--on", "2027-01-02"),
        ("paid", "6000", "--on", "2026-12-18"),
        ("sent", "final-notice", "--on", "2027-02-01"),
    ]
    for entry in log:
        result = run("log", folder, *entry)
        assert result.exit_code == 0, result.output
    out = tmp_path / "end.docx"
    result = run("letter", "termination-non-payment", folder, "--as-of", "2027-03-01",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(" ".join(docx_paragraphs(out)))
    assert "Invoice INV-2 of 2 January 2027" in text
    assert "On 1 February 2027 I asked you, in a formal notice" in text
    assert "€12,000.00 − €9,000.00 invoiced" not in text  # no --work: a named blank
    assert "[work since the last invoice]" in text
    assert "[kill fee] (25% of [fee not yet invoiced])" in text


@pytest.mark.parametrize(
    ("work_value", "expected"),
    [
        ("4000", "the deposit of €6,000.00 is refunded as far as it exceeds the value of the "
         "work done (€4,000.00): €6,000.00 − €4,000.00 = €2,000.00, which I will pay back"),
        ("7000", "as the work done is worth at least the deposit, nothing is refunded"),
        (None, "[value of the work done]): [deposit refund]"),
    ],
)  # fmt: skip
def test_the_poor_fit_termination_refunds_the_deposit_above_the_work_done(
    sample_path: Path, tmp_path: Path, work_value: str | None, expected: str
) -> None:
    args = ["--as-of", "2027-03-01"] + (["--work-value", work_value] if work_value else [])
    out = tmp_path / "end.txt"
    result = run("letter", "termination", str(sample_path), *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = flat(out.read_text(encoding="utf-8"))
    assert expected.replace("(value", "([value") in text
    # the blanks left are named on the terminal, so no letter goes out with one unnoticed
    note = "note: fill in [value of the work done], [deposit refund] before sending"
    assert (note in result.output) == (work_value is None)
    assert "no kill fee applies" in text
    assert "ends 30 days after you receive it, on 1 April 2027" in text


@pytest.mark.parametrize(
    ("language", "working", "total"),
    [
        ("pl", "(18 500,00 zł − 9 000,00 zł zafakturowane − 1 000,00 zł prace od ostatniej "
         "faktury) × 30% = 2 550,00 zł", "Łącznie 6 550,00 zł, nie licząc"),
        ("sv", "(96 000,00 kr − 9 000,00 kr fakturerat − 1 000,00 kr arbete sedan senaste "
         "fakturan) × 25 % = 21 500,00 kr", "Totalt 25 500,00 kr, utöver dröjsmålsräntan"),
        ("hu", "(1 250 000 Ft − 9 000 Ft kiszámlázva − 1 000 Ft az utolsó számla óta végzett "
         "munka) × 25% = 310 000 Ft", "Összesen 314 000 Ft, a kifizetetlen számla"),
    ],
)  # fmt: skip
def test_termination_for_non_payment_in_other_languages(
    language: str, working: str, total: str, tmp_path: Path
) -> None:
    out = tmp_path / "end.pdf"
    job = SAMPLES / f"{SAMPLE_OF[language]}.yaml"
    result = run("letter", "termination-non-payment", str(job), *FACTS, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    assert working in text and total in text
    assert "[" not in text


def test_georgian_termination_for_non_payment(tmp_path: Path) -> None:
    facts = [
        "--invoice", "INV-7", "--amount", "1000", "--due", "2027-01-15", "--sent", "2027-02-01",
        "--invoiced", "3000", "--work", "500", "--as-of", "2027-03-01",
    ]  # fmt: skip
    out = tmp_path / "end.txt"
    result = run("letter", "termination-non-payment", str(SAMPLES / "ka-ilustraciebi.yaml"),
                 *facts, "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat(out.read_text(encoding="utf-8"))
    assert "2027 წლის 1 თებერვალს ოფიციალური შეტყობინებით მოგთხოვეთ" in text
    assert "× 25% = 1 075,00 ₾" in text
    assert "სულ: 2 575,00 ₾, გადაუხდელი ინვოისის პირგასამტეხლოს გარდა." in text


def test_letters_lists_the_new_kind() -> None:
    result = run("letters")
    assert "termination-non-payment" in result.output
    help_text = run("letter", "--help").output
    assert "termination-non-payment" in help_text and "--work-value" in help_text


def test_tab_completion_offers_both_terminations() -> None:
    import click

    from contractkit.cli.complete import letter_kinds

    ctx = click.Context(click.Command("letter"))
    offered = [item.value for item in letter_kinds(ctx, click.Argument(["kind"]), "termination")]
    assert offered == ["termination", "termination-non-payment"]
