"""The letters say what the redrafted contract says: the kill-fee letter is a formal notice
ending the agreement (not "treating the project as cancelled"), interest keeps running
after a payment letter's date, the poor-fit termination states the deposit rule of the
contract's own language (the Hungarian and Georgian earnest-money clauses), and a US job's
letters are written in US English with certified mail and the US claim route.

Every test reads what was produced: the PDF's text or the rendered text of the document.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, pdf_text
from test_letters_terms import SAMPLE_OF, flat, job_of, text_of

from contractkit.cli import main
from contractkit.errors import LibraryError
from contractkit.job.facts import Facts
from contractkit.library.formatting import Formatter
from contractkit.library.letters import KINDS, letter_library
from contractkit.money import Money


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


# ------------------------------------------------------------------ 1. kill fee


@pytest.mark.parametrize("language", sorted(SAMPLE_OF))
def test_kill_fee_after_silence_ends_the_agreement_by_formal_notice(language: str) -> None:
    job = job_of(SAMPLE_OF[language])
    fee = job.payment.fee_money
    facts = facts_of(job, amount=fee.percent(10).amount, invoiced=fee.percent(50).amount,
                     sent="2026-10-01", as_of="2026-11-23")  # fmt: skip
    text = text_of(job, "kill-fee", facts)
    delivery = label_of(job, "letters.delivery")
    assert text.index(delivery) < text.index(job.client.name)  # a formal notice's delivery line
    numbers = _numbers(job)
    assert str(numbers["termination"]) in text and str(numbers["stop-work"]) in text
    if language == "en":
        assert (
            "This letter is my formal notice: I end the agreement with immediate effect, "
            "as of 24 November 2026, the day this notice counts as received." in text
        )
        assert "cancelled" not in text and "treat" not in text
        assert "work done up to the end date, not yet invoiced: €1,200.00" in text


def test_kill_fee_after_cancellation_explains_the_clients_notice() -> None:
    job = job_of("website-redesign")
    text = text_of(
        job, "kill-fee", facts_of(job, amount="1500", invoiced="6000", as_of="2026-11-23")
    )
    assert "I have received your notice ending our agreement" in text
    assert (
        "a cancellation of the project is made by that notice, and the agreement ends "
        "30 days after the notice was received" in text
    )
    assert "kill fee, 25% of €4,500.00: €1,125.00" in text


@pytest.mark.parametrize("language", sorted(SAMPLE_OF))
def test_work_paused_announces_termination_not_cancellation(language: str) -> None:
    job = job_of(SAMPLE_OF[language])
    text = text_of(job, "work-paused", facts_of(job, sent="2026-10-01", as_of="2026-10-20"))
    words = {"en": "end our agreement with immediate effect by formal notice",
             "pl": "wypowiedzieć umowę ze skutkiem natychmiastowym zawiadomieniem formalnym",
             "sv": "häva avtalet med omedelbar verkan genom formellt meddelande",
             "hu": "hivatalos értesítéssel azonnali hatállyal felmondhatom",
             "ka": "ოფიციალური შეტყობინებით ხელშეკრულება დაუყოვნებლივ შევწყვიტო"}  # fmt: skip
    assert words[language] in text
    for stale in ("treat the project as cancelled", "lemondottnak tekinthetem",
                  "გაუქმებულად მივიჩნიო", "anses då avbeställt", "instalment"):  # fmt: skip
        assert stale not in text


# ------------------------------------------------------- 2. interest keeps running


def test_contractual_late_fee_keeps_running_with_its_daily_amount() -> None:
    job = job_of("website-redesign")
    facts = facts_of(job, invoice="INV-7", amount="3000", due="2026-10-01", as_of="2026-11-02")
    for kind in ("overdue-30", "overdue-60", "overdue-90", "final-notice"):
        text = text_of(job, kind, facts)
        assert "€3,000.00 × 1.5% × 12 ÷ 365 × 32 = €47.34" in text
        assert (
            "The late fee keeps accruing after 2 November 2026, at the same rate, until "
            "payment is received: €1.48 a day (€3,000.00 × 1.5% × 12 ÷ 365 = €1.48)." in text
        )
    reminder = text_of(job, "payment-reminder", facts)
    assert "that comes to €47.34. The late fee keeps accruing after 2 November 2026" in reminder


def test_statutory_interest_keeps_running_at_the_current_rate() -> None:
    job = job_of("hu-weboldalszovegek")
    facts = facts_of(job, invoice="INV-7", amount="375000", due="2026-10-01",
                     as_of="2026-11-02", reference_rate="6.5")  # fmt: skip
    text = text_of(job, "overdue-30", facts)
    assert "375 000 Ft × 14,5% ÷ 365 × 32 = 4 767 Ft" in text
    assert (
        "A törvényes késedelmi kamat e levél keltét követően is, a fizetés napjáig tovább "
        "folyik; a jelenlegi évi 14,5% mértékkel ez naponta 149 Ft "
        "(375 000 Ft × 14,5% ÷ 365 = 149 Ft)." in text
    )


def test_without_the_facts_interest_keeps_running_without_a_figure() -> None:
    text = text_of(job_of("website-redesign"), "overdue-30")  # beside the contract: blanks
    assert (
        "The late fee keeps accruing after [date of this letter], at the same rate, "
        "until payment is received." in text
    )
    assert "a day" not in text


# ------------------------------------------------- 3. deposit on a poor-fit ending


def test_hungarian_poor_fit_termination_states_the_foglalo_rule() -> None:
    contract = (SAMPLES.parent / "clauses/hu/contract/deposit.md").read_text(encoding="utf-8")
    assert "levonhatja belőle az addig elvégzett munka díját" in flat(contract)
    job = job_of("hu-weboldalszovegek")
    text = text_of(job, "termination", facts_of(job, as_of="2026-11-02", work_value="200000"))
    assert (
        "a 375 000 Ft összegű foglaló visszajár, de levonom belőle az addig elvégzett "
        "munka díját (200 000 Ft): 375 000 Ft − 200 000 Ft = 175 000 Ft" in text
    )
    assert "kétszeres" not in text  # the double return is for the Freelancer's breach only
    assert "fájlokkal" not in text  # working files are not part of what is handed over


def test_georgian_poor_fit_termination_states_the_be_rule() -> None:
    contract = (SAMPLES.parent / "clauses/ka/contract/deposit.md").read_text(encoding="utf-8")
    assert (
        "შემსრულებელი დამკვეთს უბრუნებს ბეს იმ ნაწილს, რომელიც შესრულებული სამუშაოს "
        "ღირებულებას აღემატება" in flat(contract)
    )
    job = job_of("ka-ilustraciebi")
    text = text_of(job, "termination", facts_of(job, as_of="2026-11-02", work_value="2000"))
    deposit = job.deposit
    assert (
        f"ბე ({money_of(job, deposit)}) ბრუნდება იმ ნაწილში, რომელიც შესრულებული "
        "სამუშაოს ღირებულებას (2 000,00 ₾) აღემატება" in text
    )
    assert "ორმაგ" not in text


# ------------------------------------------------------------------ 4. US letters


US_FACTS = ["--invoice", "INV-7", "--amount", "2880", "--due", "2026-11-01", "--sent",
            "2026-12-01", "--invoiced", "5760", "--work", "960", "--work-value", "2000",
            "--as-of", "2027-01-20"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_us_letters_are_in_us_english(kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.pdf"
    if kind in ("follow-up", "closing-the-loop", "feedback-chase", "work-paused"):
        args = ["--sent", "2026-12-28", "--as-of", "2027-01-20"]  # a message unanswered
    elif kind in ("kill-fee", "termination", "termination-non-payment"):
        args = US_FACTS
    else:  # payment letters: no --sent
        args = [
            a for i, a in enumerate(US_FACTS) if "--sent" not in US_FACTS[max(i - 1, 0) : i + 1]
        ]
    result = run("letter", kind, str(SAMPLES / "us-copywriter.yaml"), *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out))
    for british in ("licence", "instalment", "registered post", "VAT", "cancelled"):
        assert british not in text, (kind, british)
    if kind in ("kill-fee", "overdue-90", "final-notice", "termination",
                "termination-non-payment"):  # fmt: skip
        assert "Sent by email and by certified mail, return receipt requested" in text


def test_us_final_notice_names_the_claim_route_for_the_client() -> None:
    job = job_of("us-copywriter")
    text = text_of(job, "final-notice", facts_of(job, invoice="INV-7", amount="2880",
                                                 due="2026-11-01", as_of="2027-01-20"))  # fmt: skip
    assert (
        "in the small claims court for that place (in New York City, the Small Claims "
        "Part of the Civil Court of the City of New York when the claimant is an individual" in text
    )
    assert "of your county" not in text
    assert "€" not in text and "$2,880.00" in text


def test_a_variant_letter_may_not_change_how_it_goes_out(tmp_path: Path) -> None:
    for folder in ("en/letters", "en-US/letters"):
        (tmp_path / folder).mkdir(parents=True)
    for letter in letter_library("en"):
        (tmp_path / "en/letters" / letter.path.name).write_text(
            letter.path.read_text(encoding="utf-8"), encoding="utf-8"
        )
    base = (tmp_path / "en/letters/final-notice.md").read_text(encoding="utf-8")
    (tmp_path / "en-US/letters/final-notice.md").write_text(
        base.replace("channel: email+registered-post", "channel: email"), encoding="utf-8"
    )
    with pytest.raises(LibraryError, match="channel"):
        letter_library("en", tmp_path, "US")
    assert len(letter_library("en", tmp_path)) == len(KINDS)  # the base alone is fine


# ------------------------------------------------------------------------ helpers


MONEY = ("amount", "invoiced", "work", "work_value")


def facts_of(job: Any, **given: Any) -> Facts:
    """Facts as the CLI would make them: amounts in the job's currency, ISO dates."""
    values: dict[str, Any] = {}
    for name, value in given.items():
        if name in MONEY:
            value = Money.of(value, job.payment.currency)
        elif name in ("sent", "due", "as_of"):
            value = date.fromisoformat(value)
        values[name] = value
    return Facts(**values)


def label_of(job: Any, key: str) -> str:
    return Formatter(job.language, job.law.country).label(key)


def money_of(job: Any, value: Any) -> str:
    return flat(Formatter(job.language, job.law.country).money(value))


def _numbers(job: Any) -> dict[str, Any]:
    from contractkit.assemble.contract import clause_numbers

    return dict(clause_numbers(job))


def test_a_friendly_reminder_is_not_the_formal_request_to_pay(
    write_job: Any, tmp_path: Path
) -> None:
    """The termination clause needs a request in a formal notice: the payment reminder is an
    everyday email, so the log's reminder alone leaves the request date a blank."""
    write_job()
    folder = str(tmp_path)
    for entry in (("invoice", "INV-2", "3000", "--due", "2027-01-15", "--on", "2027-01-02"),
                  ("sent", "payment-reminder", "--on", "2027-01-18")):  # fmt: skip
        assert run("log", folder, *entry).exit_code == 0
    result = run("letter", "termination-non-payment", folder, "--as-of", "2027-03-01")
    assert result.exit_code == 2 and "--sent" in result.output
    assert run("log", folder, "sent", "overdue-30", "--on", "2027-02-15").exit_code == 0
    out = tmp_path / "end.txt"
    result = run("letter", "termination-non-payment", folder, "--as-of", "2027-03-01",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "On 15 February 2027 I asked you, in a formal notice, to pay it" in flat(
        out.read_text(encoding="utf-8")
    )
