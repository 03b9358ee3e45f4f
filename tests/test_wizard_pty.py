"""The real program in a pseudo-terminal: typing, Ctrl-C half way, then resuming."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow  # a real terminal / a wheel built and installed

pexpect = pytest.importorskip("pexpect")

BIN = Path(sys.executable).parent / "contractkit"


def spawn(folder: Path) -> Any:
    child = pexpect.spawn(
        str(BIN),
        ["new", str(folder), "--as-of", "2026-11-24"],
        env={**os.environ, "TERM": "dumb", "PYTHONIOENCODING": "utf-8"},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    return child


def say(child: Any, prompt: str, answer: str) -> None:
    child.expect_exact(prompt)
    child.sendline(answer)


def test_ctrl_c_half_way_keeps_every_answer_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "acme website"
    child = spawn(folder)
    say(child, "as it will be signed", "Åsa Öberg")
    say(child, "trading name", "")
    say(child, "Your email address", "asa@oberg.example")
    say(child, "Your phone number", "")
    say(child, "Your postal address", "Storgatan 1, Stockholm")
    say(child, "contact person", "Łukasz Wójcik")
    child.expect_exact("company")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    transcript = child.before or ""
    assert "Traceback" not in transcript
    assert child.exitstatus == 130
    draft = yaml.safe_load((folder / "job.draft.yaml").read_text(encoding="utf-8"))
    assert draft["client"]["name"] == "Łukasz Wójcik"
    assert draft["freelancer"]["name"] == "Åsa Öberg"

    child = spawn(folder)
    say(child, "Resume from them?", "y")
    child.expect_exact("company")  # continues where it stopped
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    assert child.exitstatus == 130
