"""The identity fields as the contract prints them, in PDF and DOCX, per language; and
as the wizard asks them and the profile keeps them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import docx_paragraphs, pdf_text, run_cli
from test_wizard import CLIENT, LAW, MONEY, PROJECT, PROTECTIONS, REVIEW, YOU, lines, new

from contractkit.job.profile import profile_path
from contractkit.job.reader import load_job
from contractkit.wizard.identity import town_in

AS_OF = "2026-11-24"


def flat(text: str) -> str:
    """Whitespace (line breaks, non-breaking spaces) as single spaces, for comparison."""
    return " ".join(text.replace("\u00a0", " ").split())


def built(job: Path, out: Path, *args: str) -> dict[str, str]:
    """The contract's text as the PDF and the DOCX show it, by format."""
    result = run_cli("build", str(job), "-o", str(out), "--as-of", AS_OF, "--force", *args)
    assert result.exit_code == 0, result.output
    return {
        "pdf": flat(pdf_text(out / "contract.pdf")),
        "docx": flat("\n".join(docx_paragraphs(out / "contract.docx"))),
    }


# The sample (website-redesign): a Swedish AB for a Polish sp. z o.o., with every field.
EXPECTED = {
    "en": [
        "This agreement is made on 20 November 2026 in Stockholm between:",
        "Org. no. 556677-8899",
        "VAT no. SE556677889901",
        "KRS no. 0000123456",
        "VAT no. PL5260250995",
        "Payments to the Freelancer’s account: IBAN SE45 5000 0000 0583 9825 7466, BIC NDEASESS",
        "Åsa Öberg, Managing Director for Öberg Design AB",
        "Łukasz Wójcik, Prezes Zarządu for Wójcik & Syn Sp. z o.o.",
    ],
    "pl": [
        "zostaje zawarta w dniu 20 listopada 2026 r. w miejscowości Stockholm pomiędzy:",
        "Nr organizacyjny (org.nr): 556677-8899",
        "NIP UE: SE556677889901",
        "KRS: 0000123456",
        "NIP UE: PL5260250995",
        "Płatności na rachunek Wykonawcy: IBAN SE45 5000 0000 0583 9825 7466, BIC NDEASESS",
        "Łukasz Wójcik, Prezes Zarządu w imieniu: Wójcik & Syn Sp. z o.o.",
    ],
    "sv": [
        "Detta avtal har ingåtts den 20 november 2026 i Stockholm mellan:",
        "Org.nr: 556677-8899",
        "Momsreg.nr: SE556677889901",
        "KRS-nr: 0000123456",
        "Momsreg.nr: PL5260250995",
        "Åsa Öberg, Managing Director för Öberg Design AB",
    ],
    "hu": [
        "A jelen szerződés 2026. november 20-án jött létre az alábbi felek között "
        "(a szerződéskötés helye: Stockholm):",
        "Szervezeti szám (org.nr): 556677-8899",
        "Közösségi adószám: SE556677889901",
        "KRS-szám: 0000123456",
        "A díjat a Vállalkozó bankszámlájára kell megfizetni: IBAN SE45",
    ],
    "ka": [
        "ხელშეკრულება იდება 2026 წლის 20 ნოემბერს შემდეგ მხარეებს შორის "
        "(დადების ადგილი: Stockholm):",
        "ორგანიზაციის ნომერი (org.nr): 556677-8899",
        "დღგ-ის გადამხდელის ნომერი: PL5260250995",
        "Prezes Zarządu: Łukasz Wójcik",
    ],
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_each_language_prints_date_place_numbers_account_and_signatories(
    tmp_path: Path, sample_path: Path, language: str
) -> None:
    texts = built(sample_path, tmp_path / "out", "--language", language)
    for fmt, text in texts.items():
        for line in EXPECTED[language]:
            assert line in text, (fmt, line)


def test_labels_follow_the_partys_country_and_the_kind_of_number(
    tmp_path: Path, write_job: Any
) -> None:
    """A Polish sole trader gives a REGON, a Polish company a KRS number; a domestic NIP
    (no prefix) prints as NIP, a Hungarian adószám as Adószám."""
    job = write_job(
        **{
            "client.registration": "123854617",  # a REGON (9 digits), not a KRS number
            "client.tax_id": "526-104-87-35",  # a domestic NIP, no prefix: ...
            "client.country": "PL",  # ... labelled by the client's country
        }
    )
    pl = built(job, tmp_path / "pl", "--language", "pl")
    for text in pl.values():
        assert "REGON: 123854617" in text and "NIP: 526-104-87-35" in text
        assert "KRS" not in text.split("Strony postanawiają")[0]
    en = built(job, tmp_path / "en")
    assert "REGON 123854617" in en["pdf"] and "NIP (tax no.) 526-104-87-35" in en["pdf"]
    hu = write_job(
        "hu.yaml",
        **{"client.country": "HU", "client.tax_id": "14573925-2-41", "client.registration": None},
    )
    text = built(hu, tmp_path / "hu", "--language", "hu")["docx"]
    assert "Adószám: 14573925-2-41" in text and "Közösségi adószám: 1457" not in text


def test_absent_fields_print_nothing(tmp_path: Path, write_bare_job: Any) -> None:
    texts = built(write_bare_job(), tmp_path / "out")
    for fmt, text in texts.items():
        assert "This agreement is made on 24 November 2026 between:" in text, fmt
        labels = ("Company no.", "Org. no.", "KRS no.", "VAT no.", "Registration no.", "IBAN")
        for label in (*labels, "BIC", "Payments to", "Managing Director"):
            assert label not in text, (fmt, label)
        # the signature block names the contact person and the company, as before
        assert "Łukasz Wójcik for Wójcik & Syn Sp. z o.o." in text, fmt


def test_a_partial_account_prints_only_what_is_given(tmp_path: Path, write_bare_job: Any) -> None:
    job = write_bare_job(**{"freelancer.bank": {"other": "Bankgiro 5050-1055"}})
    text = built(job, tmp_path / "out")["docx"]
    assert "Payments to the Freelancer’s account: Bankgiro 5050-1055" in text
    assert "IBAN" not in text and "BIC" not in text


def test_town_is_read_only_where_a_postcode_shows_it() -> None:
    assert town_in("Storgatan 1, 111 22 Stockholm, Sweden") == "Stockholm"
    assert town_in("ul. Floriańska 12/4, 31-019 Kraków") == "Kraków"
    assert town_in("Andrássy út 25., 1061 Budapest") == "Budapest"
    assert town_in("ჭავჭავაძის გამზირი 12, 0179 თბილისი") == "თბილისი"
    assert town_in("245 West 25th Street, New York, NY 10001, USA") is None


# -- the wizard --------------------------------------------------------------------------

YOU_IDENTITY = [
    *YOU[:5],
    "556677-8899",  # org.nr
    "SE556677889900",  # a wrong check digit: refused, asked again
    "SE556677889901",
    "Åsa Öberg, Managing Director",  # who signs for Öberg Design AB
    "SE45 5000 0000 0583 9825 7466",
    "NDEA",  # not a BIC: refused, asked again
    "ndeasess",
    "",  # other payment details
]
CLIENT_IDENTITY = [
    *CLIENT[:7],
    "0000123456",  # KRS
    "526-025-09-94",  # a Polish NIP with a wrong check digit (the address says Poland)
    "526-025-09-95",
    "Łukasz Wójcik, Prezes Zarządu",
    *CLIENT[10:],
]
LAW_PLACE = [*LAW[:3], "Göteborg"]


def test_wizard_answers_land_in_the_job_and_the_profile(tmp_path: Path) -> None:
    text = lines(YOU_IDENTITY, CLIENT_IDENTITY, PROJECT, MONEY, PROTECTIONS, LAW_PLACE, REVIEW)
    result = new(tmp_path / "first", text)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "'SE556677889900' does not check out" in out and "e.g. PL5260250995" in out
    assert "'526-025-09-94' does not check out" in out
    assert "'NDEA' is not a BIC" in out and "e.g. NDEASESS" in out
    review = out.split("Review")[-1]  # the summary shows what the contract will print
    assert "556677-8899 · SE556677889901 · signed by Åsa Öberg, Managing Director" in review
    assert "signed by Łukasz Wójcik, Prezes Zarządu" in review and "made in Göteborg" in review
    job = load_job(tmp_path / "first" / "job.yaml")
    f, c = job.freelancer, job.client
    assert (f.registration, f.tax_id) == ("556677-8899", "SE556677889901")
    assert f.signatory is not None and f.signatory.capacity == "Managing Director"
    assert f.bank is not None and (f.bank.iban, f.bank.bic, f.bank.other) == (
        "SE45 5000 0000 0583 9825 7466",
        "NDEASESS",
        None,
    )
    assert (c.registration, c.tax_id) == ("0000123456", "526-025-09-95")
    assert c.signatory is not None and c.signatory.name == "Łukasz Wójcik"
    assert job.agreement.place == "Göteborg" and job.agreement.date == date(2026, 11, 24)
    assert "in Göteborg between:" in flat(pdf_text(tmp_path / "first" / "contract.pdf"))

    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))["freelancer"]
    assert saved["tax_id"] == "SE556677889901"
    assert saved["signatory"] == {"name": "Åsa Öberg", "capacity": "Managing Director"}
    assert saved["bank"] == {"iban": "SE45 5000 0000 0583 9825 7466", "bic": "NDEASESS"}

    # The next job takes them from the profile without asking.
    client = ["Zoë Brontë", "", "ms", "", "zoe@example.com", "+44 20 7946 0000"]
    client += ["1 High St, London", "y", "consumer", "", "", ""]
    money = ["", "800", "", "1", "", "", ""]
    again = lines(["y"], client, PROJECT, money, PROTECTIONS, ["", "", "", ""], REVIEW)
    second = new(tmp_path / "second", again)
    assert second.exit_code == 0, second.output
    assert "  Åsa Öberg, Managing Director\n  SE45 5000" in second.output.split("Use them")[0]
    asked = second.output.split("Review")[0]
    assert "Your VAT or tax number" not in asked and "The IBAN your fees" not in asked
    job = load_job(tmp_path / "second" / "job.yaml")
    assert job.freelancer.bank is not None and job.freelancer.bank.bic == "NDEASESS"
    assert job.client.signatory is None and job.agreement.place == "Stockholm"


def test_skipped_identity_answers_are_kept_as_asked(tmp_path: Path) -> None:
    """Enter on every identity question: the profile remembers they were asked."""
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, MONEY, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))["freelancer"]
    assert {k: saved[k] for k in ("registration", "tax_id", "signatory", "bank")} == dict.fromkeys(
        ("registration", "tax_id", "signatory", "bank")
    )
    job = (tmp_path / "j" / "job.yaml").read_text(encoding="utf-8")
    assert "iban" not in job


def test_profile_edit_offers_the_identity_questions(tmp_path: Path) -> None:
    you = [*YOU[:5], "", "SE556677889901", "", "SE45 5000 0000 0583 9825 7466", "", ""]
    text = lines(you, ["sek", "30", "2"], ["SE", "", "Stockholm District Court"])
    result = run_cli_input(["profile", "--edit"], text)
    assert result.exit_code == 0, result.output
    assert "Who signs for Öberg Design AB" in result.output
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))["freelancer"]
    assert saved["tax_id"] == "SE556677889901"
    assert saved["bank"] == {"iban": "SE45 5000 0000 0583 9825 7466"}
    assert "agreement" not in yaml.safe_load(profile_path().read_text(encoding="utf-8"))


def run_cli_input(args: list[str], text: str) -> Any:
    from click.testing import CliRunner

    from contractkit.cli import main

    return CliRunner().invoke(main, args, input=text)


def test_a_profile_saved_before_the_identity_fields_asks_them_once(tmp_path: Path) -> None:
    from contractkit.job.profile import save_profile

    mine = {"name": "Åsa Öberg", "business": "Öberg Design AB", "email": "asa@oberg.example"}
    save_profile({"freelancer": {**mine, "address": "Storgatan 1, 111 22 Stockholm, Sweden"}})
    you = ["y", "", "SE556677889901", "", "", ""]  # use them; then the identity questions
    text = lines(you, CLIENT, PROJECT, MONEY, PROTECTIONS, LAW, REVIEW)
    result = new(tmp_path / "j", text)
    assert result.exit_code == 0, result.output
    assert "Who signs for Öberg Design AB" in result.output
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))["freelancer"]
    assert saved["tax_id"] == "SE556677889901" and saved["bank"] is None
