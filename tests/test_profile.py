"""The profile: kept in the OS config folder, validated like a job, never fatal to `new`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from contractkit.cli import main
from contractkit.job.profile import (
    ProfileError,
    load_profile,
    profile_from_answers,
    profile_path,
    save_profile,
)


def test_profile_lives_in_the_isolated_config_folder(isolated_home: Path) -> None:
    assert str(profile_path()).startswith(str(isolated_home))
    assert load_profile() == {}


def test_save_and_load_round_trip() -> None:
    data = {
        "freelancer": {"name": "Zoë", "email": "z@example.com", "address": "1 Road"},
        "payment": {"currency": "SEK", "terms_days": 30},
    }
    save_profile(data)
    assert load_profile() == data


def test_a_broken_profile_is_reported_with_its_place() -> None:
    profile_path().parent.mkdir(parents=True)
    profile_path().write_text(
        "freelancer:\n  name: Z\n  email: nope\n  address: x\npayment:\n  colour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as e:
        load_profile()
    assert any("freelancer.email" in p for p in e.value.problems)
    assert any("payment.colour: unknown key" in p for p in e.value.problems)
    result = CliRunner().invoke(main, ["profile"])
    assert result.exit_code == 2 and "freelancer.email" in result.output


def test_usual_terms_are_kept_once_set() -> None:
    keep = {"payment": {"currency": "EUR"}}
    answers = {
        "freelancer": {"name": "A", "phone": None},
        "payment": {"currency": "USD", "terms_days": 30},
    }
    out = profile_from_answers(answers, keep)
    assert out["payment"] == {"currency": "EUR", "terms_days": 30}
    assert out["freelancer"] == {"name": "A"}


def test_new_survives_a_broken_profile(tmp_path: Path) -> None:
    profile_path().parent.mkdir(parents=True)
    profile_path().write_text("- not a mapping\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "j"), "--no-input"])
    assert result.exit_code == 2
    assert "continuing without your saved details" in result.output
    assert "freelancer.name: required" in result.output


def test_a_broken_profile_can_still_be_edited(tmp_path: Path) -> None:
    from contractkit.errors import ContractkitError
    from contractkit.job.profile import load_profile

    path = tmp_path / "profile.yaml"
    path.write_text(
        "freelancer:\n  name: Åsa Öberg\n  email: not-an-email\n  address: Storgatan 1\n"
        "payment:\n  currency: SEK\n  colour: blue\n",
        encoding="utf-8",
    )
    with pytest.raises(ContractkitError):
        load_profile(path)
    dropped: list[str] = []
    data = load_profile(path, dropped=dropped)
    assert data["freelancer"] == {"name": "Åsa Öberg", "address": "Storgatan 1"}
    assert data["payment"] == {"currency": "SEK"}
    assert any(p.startswith("freelancer.email") for p in dropped)
    assert "payment.colour: unknown key" in dropped
