"""`contractkit new` through CliRunner: answers typed as people write them (issue 16)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_wizard import CLIENT, LAW, MONEY, PROJECT, PROTECTIONS, REVIEW, YOU, lines, new

from contractkit.job.reader import load_job


def test_shares_of_the_whole_fee_typed_in_one_line(tmp_path: Path) -> None:
    money = ["eur", "€12,000", "30 %", "30/40", "Design approved", "", "Launched", "", ""]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, money, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "Every share here is of the WHOLE fee" in result.output
    assert "two equal payments    35 % + 35 %" in result.output
    job = load_job(tmp_path / "j" / "job.yaml")
    assert job.payment.fee == 12000 and job.payment.deposit_percent == 30
    assert [m.percent for m in job.payment.milestones] == [30, 40]


def test_a_plan_that_does_not_add_up_offers_every_typed_share_again(tmp_path: Path) -> None:
    money = [
        *["eur", "1000", "30"],
        *["30/35", "Sketches", "", "Print files", ""],  # 95 %: asked again
        *["", "", "", "", ""],  # Enter keeps "30/35" and the names ...
        *["30/40", "", "", "", "", ""],  # ... until the shares are changed
    ]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, money, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("come to 95 % of the fee (30 % + 30 % + 35 %), not 100 %") == 2
    assert "or type the shares (e.g. 35/35) [30/35]" in out
    assert "[Sketches]" in out and "[Print files]" in out
    assert "deposit_percent" not in out
    job = load_job(tmp_path / "j" / "job.yaml")
    assert [(m.name, m.percent) for m in job.payment.milestones] == [
        ("Sketches", Decimal(30)),
        ("Print files", Decimal(40)),
    ]


def test_a_milestone_may_get_a_date_in_the_locales_order(tmp_path: Path) -> None:
    money = [*MONEY[:5], "15/02/2027", *MONEY[6:]]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, money, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "15 February 2027 (2027-02-15)" in result.output
    job = load_job(tmp_path / "j" / "job.yaml")
    assert [str(m.due) for m in job.payment.milestones] == ["2027-02-15", "None"]


def test_optional_clauses_are_offered_with_what_they_protect(tmp_path: Path) -> None:
    # approval in (asked first), confidentiality out, the others as the library sets them
    protections = [*PROTECTIONS[:-9], "y", "", "", "", "", "n", "", "", ""]
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, MONEY, protections, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Deemed approval") < out.index("Confidentiality") < out.index("liability")
    assert "Stops a silent Client from holding the project up" in out
    assert (
        "with: Deemed approval, Fixes after delivery, Working files, Original work, "
        "Limitation of liability, Force majeure; without: Credit, Confidentiality, Personal data"
    ) in " ".join(out.split())
    job = load_job(tmp_path / "j" / "job.yaml")
    assert job.clauses.include == ["approval"] and job.clauses.exclude == ["confidentiality"]


def test_refusals_speak_the_questions_words(tmp_path: Path) -> None:
    protections = ["", "4", "", "abc", "", *PROTECTIONS[3:]]  # pause 4 < answer 5; kill fee
    result = new(tmp_path / "j", lines(YOU, CLIENT, PROJECT, MONEY, protections, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "work can pause only after the client's 5 business days to answer" in out
    assert "cannot read 'abc' as a percentage: type a number, e.g. 30 or 30 %" in out
    assert "pause_after_days" not in out and "like 4800" not in out


def test_enter_on_a_required_question_says_it_is_required(tmp_path: Path) -> None:
    you = ["", *YOU]
    result = new(tmp_path / "j", lines(you, CLIENT, PROJECT, MONEY, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "This answer is required" in result.output and "e.g. Anna Kowalska" in result.output


def test_an_answers_file_may_say_it_as_people_do(tmp_path: Path, sample_data: Any) -> None:
    data = yaml.safe_load(yaml.safe_dump(sample_data, allow_unicode=True))
    data["payment"].update(currency="€", fee="€12 000", deposit_percent="30 %")
    data["payment"]["milestones"] = [{"name": "Launch", "percent": "70%"}]
    data["law"]["country"] = "Sverige"
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = new(tmp_path / "out", "", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.output
    job = load_job(tmp_path / "out" / "job.yaml")
    assert (job.payment.currency, job.payment.fee, job.law.country) == ("EUR", Decimal(12000), "SE")
    assert job.payment.deposit_percent == 30


def test_slash_dates_follow_the_terminals_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    n = len(PROJECT) - 5
    project = [*PROJECT[: n + 2], "12/1/2026", "3/1/2027", *PROJECT[n + 4 :]]
    result = new(tmp_path / "j", lines(YOU, CLIENT, project, MONEY, PROTECTIONS, LAW, REVIEW))
    assert result.exit_code == 0, result.output
    assert "1 December 2026 (2026-12-01)" in result.output  # shown as the contract writes it
    job = load_job(tmp_path / "j" / "job.yaml")
    assert (str(job.project.start), str(job.project.deadline)) == ("2026-12-01", "2027-03-01")
