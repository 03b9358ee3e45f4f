"""`contractkit new` driven through CliRunner: the flows a person goes through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import docx_paragraphs, pdf_text

from contractkit.cli import main
from contractkit.job.profile import profile_path
from contractkit.job.reader import load_job
from contractkit.paths import languages

AS_OF = "2026-11-24"

# One answer per prompt, in the order a first-time user meets them (no profile yet).
YOU = [
    "Åsa Öberg",
    "Öberg Design AB",
    "asa@oberg.example",
    "+46 70 123 45 67",
    "Storgatan 1, 111 22 Stockholm, Sweden",
    *["", "", ""],  # register no., VAT no., who signs for the business: skipped
    *["", ""],  # IBAN (so no BIC question), other payment details: skipped
]
CLIENT = [
    "Łukasz Wójcik",
    "",  # first name: Łukasz, as offered
    "mr",  # Mr, for formal letters
    "Wójcik & Syn Sp. z o.o.",
    "lukasz@wojcik.example",
    "+48 600 100 200",
    "ul. Długa 5, 00-238 Warszawa, Poland",
    *["", "", ""],  # the company's register no., VAT no. and signatory: skipped
    "n",  # returning?
    "",  # a business (client.kind)
    "",  # preferred channel: email
    "",  # channels: email, phone
    "",
]  # approver: the client
# The language is asked only when the library has more than one.
LANGUAGE = [""] if len(languages()) > 1 else []
PROJECT = [
    *LANGUAGE,
    "Website redesign",
    "Responsive redesign of the company website.",
    "2026-12-01",
    "2027-03-01",
    "",
]
MONEY = [
    "eur",
    "12000",
    "",  # currency, fee, deposit 50 (new client)
    "",  # plan: 50/50 of the remainder
    "Design approved",
    "",  # no fixed date
    "Website launched",
    "",  # no fixed date
    "",
]  # terms 14
PROTECTIONS = [
    "",
    "",
    "",  # response 5, pause 10, kill fee 25
    "",
    "",  # late: fee, 1.5
    "",
    "",  # ip on_full_payment, portfolio yes
    "",  # notice 30
    *[""] * 9,
]  # the nine optional clauses as the library sets them
LAW = ["se", "", "Stockholm District Court", ""]  # place: Stockholm, read from the address
REVIEW = ["y"]


def lines(*groups: list[str]) -> str:
    return "\n".join(x for g in groups for x in g) + "\n"


FULL = lines(YOU, CLIENT, PROJECT, MONEY, PROTECTIONS, LAW, REVIEW)


def new(folder: Path, text: str, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["new", str(folder), "--as-of", AS_OF, *args], input=text, catch_exceptions=False
    )


def test_happy_path_writes_a_valid_job_and_builds_the_contract(tmp_path: Path) -> None:
    folder = tmp_path / "acme website"
    result = new(folder, FULL)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    job = load_job(folder / "job.yaml")
    assert job.client.name == "Łukasz Wójcik"
    assert (job.client.first_name, job.client.title) == ("Łukasz", "mr")  # for salutations
    assert job.payment.currency == "EUR"
    assert [m.percent for m in job.payment.milestones] == [25, 25]
    assert job.communication.preferred_channel == "email"
    assert job.law.governing == "the laws of Sweden"
    assert job.client.country == "PL"  # read from the address, shown in the review
    assert job.agreement.date == date.fromisoformat(AS_OF)  # a rebuild keeps the date
    assert "in Poland" in result.output
    # the live check showed the amounts exactly as the contract will
    assert "€6,000.00" in result.output and "€12,000.00" in result.output
    text = pdf_text(folder / "contract.pdf")
    assert "Łukasz Wójcik" in text and "€12,000.00" in text and "Website launched" in text
    assert any("Wójcik & Syn" in p for p in docx_paragraphs(folder / "contract.docx"))
    assert not (folder / "job.draft.yaml").exists()
    written = (folder / "job.yaml").read_text(encoding="utf-8")
    assert "# The client's contact person" in written  # comments from the model


def test_wrong_values_are_explained_and_asked_again(tmp_path: Path) -> None:
    you = [*YOU[:2], "not-an-email", *YOU[2:]]
    n = len(LANGUAGE)
    project = [*PROJECT[: 3 + n], "2026-11-01", "2027-02-30", *PROJECT[3 + n :]]
    money = ["zorkmid", "eur", "12,000", "-5", "12000.001", "12000", *MONEY[2:]]
    result = new(tmp_path / "j", lines(you, CLIENT, project, money, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "must be an email address like name@example.com, got 'not-an-email'" in out
    assert "the deadline must come after the start (1 December 2026 (2026-12-01))" in out
    assert "'2027-02-30' is not a real date" in out
    assert "'zorkmid' is not a currency I know" in out
    assert "'12,000' is ambiguous" in out
    assert "the fee must be more than 0" in out
    assert "has more decimals than EUR allows (2)" in out
    assert "Traceback" not in out
    assert load_job(tmp_path / "j" / "job.yaml").payment.fee == 12000


def test_second_job_offers_saved_details_and_usual_terms(tmp_path: Path) -> None:
    assert new(tmp_path / "first", FULL).exit_code == 0
    assert profile_path().is_file()
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))
    assert saved["freelancer"]["name"] == "Åsa Öberg"
    assert saved["law"]["venue"] == "Stockholm District Court"
    client = [
        "Zoë Brontë",
        "",  # first name: Zoë
        "ms",
        "",
        "zoe@example.com",
        "+44 20 7946 0000",
        "1 High St, London",
        "y",
        "consumer",
        "2",
        "",
        "",
    ]
    money = ["", "800", "", "1", "", "", ""]  # EUR from profile, 25 % for a returning client
    law = ["", "", "", ""]  # SE, governing and venue from the profile; place: Stockholm
    text = lines(["y"], client, PROJECT, money, PROTECTIONS, law, REVIEW)
    result = new(tmp_path / "second", text)
    assert result.exit_code == 0, result.output
    assert "Åsa Öberg" in result.output.split("Use them")[0]
    job = load_job(tmp_path / "second" / "job.yaml")
    assert job.freelancer.email == "asa@oberg.example"
    assert job.payment.currency == "EUR" and job.payment.deposit_percent == 25
    assert [m.percent for m in job.payment.milestones] == [75]
    assert job.law.venue == "Stockholm District Court"
    assert job.communication.preferred_channel == "phone"
    assert job.client.kind == "consumer"
    assert "Zoë Brontë" in pdf_text(tmp_path / "second" / "contract.pdf")


def test_end_of_input_keeps_a_draft_and_the_next_run_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    n = len(LANGUAGE)
    half = lines(YOU, CLIENT, PROJECT[: 2 + n])
    result = new(folder, half)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert "Nothing is lost" in result.output
    draft = yaml.safe_load((folder / "job.draft.yaml").read_text(encoding="utf-8"))
    assert draft["client"]["name"] == "Łukasz Wójcik"
    assert draft["project"]["description"] == "Responsive redesign of the company website."
    assert not (folder / "job.yaml").exists()
    rest = lines(["y"], PROJECT[2 + n :], MONEY, PROTECTIONS, LAW, REVIEW)
    result = new(folder, rest)
    assert result.exit_code == 0, result.output
    assert "Resume from them?" in result.output
    job = load_job(folder / "job.yaml")
    assert (
        job.project.title == "Website redesign" and job.client.company == "Wójcik & Syn Sp. z o.o."
    )
    assert not (folder / "job.draft.yaml").exists()


def test_review_can_go_back_and_change_a_group(tmp_path: Path) -> None:
    money_again = ["", "15000", "", "", "", "", "", "", ""]  # change the fee only
    review = ["n", "4", *money_again, "y"]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, MONEY, PROTECTIONS, LAW, review))
    assert result.exit_code == 0, result.output
    assert "Change which group?" in result.output
    job = load_job(tmp_path / "j" / "job.yaml")
    assert job.payment.fee == 15000
    assert [m.name for m in job.payment.milestones] == ["Design approved", "Website launched"]
    assert "€15,000.00" in pdf_text(tmp_path / "j" / "contract.pdf")


def test_custom_plan_checks_the_total(tmp_path: Path) -> None:
    custom = [
        "eur",
        "1000",
        "30",
        "4",
        "3",
        "Sketches",
        "20",
        "",
        "Colour",
        "20",
        "",
        "Print files",
        "20",  # 90 %: asked again
        "",
        "4",
        "2",
        "Sketches",
        "35",
        "",
        "Print files",
        "",
        "",
        "",
    ]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, custom, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "come to 90 % of the fee (30 % + 20 % + 20 % + 20 %), not 100 %" in result.output
    job = load_job(tmp_path / "j" / "job.yaml")
    assert [(m.name, m.percent) for m in job.payment.milestones] == [
        ("Sketches", Decimal(35)),
        ("Print files", Decimal(35)),
    ]


def test_skipping_the_client_phone_warns_why(tmp_path: Path) -> None:
    client = [*CLIENT[:5], "", "y", *CLIENT[6:]]
    result = new(tmp_path / "j", lines(YOU, client, PROJECT, MONEY, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "cannot reach a client who stops answering email" in result.output
    assert load_job(tmp_path / "j" / "job.yaml").client.phone is None


def test_existing_job_is_never_replaced_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    folder.mkdir()
    (folder / "job.yaml").write_text("mine\n", encoding="utf-8")
    result = new(folder, FULL)
    assert result.exit_code == 1
    assert "--force" in result.output
    assert (folder / "job.yaml").read_text(encoding="utf-8") == "mine\n"
    assert new(folder, FULL, "--force").exit_code == 0
    load_job(folder / "job.yaml")


def _answers(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_no_input_with_a_full_answers_file_builds(
    tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    answers = _answers(tmp_path, sample_data)
    result = new(tmp_path / "out", "", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.output
    job = load_job(tmp_path / "out" / "job.yaml")
    assert job.client.name == "Łukasz Wójcik" and job.payment.fee == 12000
    assert (tmp_path / "out" / "contract.pdf").is_file()


def test_no_input_lists_every_missing_answer(tmp_path: Path) -> None:
    answers = _answers(
        tmp_path, {"client": {"name": "Ada"}, "payment": {"currency": "EUR", "fee": "abc"}}
    )
    result = new(tmp_path / "out", "", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    out = result.output
    for key in (
        "freelancer.name",
        "freelancer.email",
        "freelancer.address",
        "client.email",
        "client.address",
        "project.title",
        "project.deadline",
        "law.country",
        "law.venue",
    ):
        assert f"{key}: required" in out, key
    assert "payment.fee: must be an amount like 4800 or 4800.50, got 'abc'" in out
    assert "client.name" not in out
    assert not (tmp_path / "out" / "job.yaml").exists()


def test_answers_file_prefills_and_skips_those_questions(
    tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    data = {k: sample_data[k] for k in ("freelancer", "client", "project")}
    answers = _answers(tmp_path, data)
    # asked: client.kind (not in the sample), preferred channel, channels, approver (no
    # `communication` given), revisions
    text = lines(["", "", "", ""], LANGUAGE, [""], MONEY, PROTECTIONS, LAW, REVIEW)
    result = new(tmp_path / "j", text, "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "The client's contact person" not in result.output
    assert load_job(tmp_path / "j" / "job.yaml").project.title == "Website redesign"


def test_answers_file_with_unknown_keys_is_refused(tmp_path: Path) -> None:
    answers = _answers(tmp_path, {"client": {"nmae": "Ada"}})
    result = new(tmp_path / "j", "", "--answers", str(answers))
    assert result.exit_code == 2
    assert "client.nmae: unknown key; did you mean 'name'?" in result.output


@pytest.mark.parametrize("args", [[], ["--path"]])
def test_profile_shows_where_and_what(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["profile", *args])
    assert result.exit_code == 0
    assert str(profile_path()) in result.output


def test_profile_edit_then_show(tmp_path: Path) -> None:
    text = lines(YOU, ["sek", "30", "2"], ["SE", "", "Stockholm District Court"])
    result = CliRunner().invoke(main, ["profile", "--edit"], input=text)
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(main, ["profile"]).output
    assert "Åsa Öberg" in shown and "SEK" in shown and "statutory_interest: true" in shown


def test_governing_law_is_suggested_in_the_documents_language() -> None:
    from contractkit.wizard.groups import governing_for

    assert governing_for("SE") == "the laws of Sweden"
    assert governing_for("SE", "sv") == "svensk lag"
    assert governing_for("PL", "pl") == "prawo polskie"
    assert governing_for("HU", "hu") == "a magyar jog"
    assert governing_for("GE", "ka") == "საქართველოს კანონმდებლობა"
    assert governing_for("FR", "pl") == "prawo państwa: Francja"


def test_suggested_milestone_names_follow_the_contract_language() -> None:
    from contractkit.library.formatting import Formatter
    from contractkit.wizard.money_plan import suggested_name

    assert suggested_name(Formatter("en", "SE"), 2, 0) == "First draft delivered"
    assert suggested_name(Formatter("pl", "PL"), 2, 1) == "Przekazanie końcowych plików"
    assert suggested_name(Formatter("sv", "SE"), 7, 4) == "Delmål 5"
