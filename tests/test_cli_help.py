"""The CLI guides: bare `contractkit` shows the help, every --help has an example, and
Tab completes job folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from contractkit.cli import COMMANDS, main
from contractkit.cli.complete import job_folders, letter_kinds

BIN = Path(sys.executable).parent / "contractkit"


def test_bare_contractkit_prints_the_help_and_exits_0() -> None:
    result = CliRunner().invoke(main, [], prog_name="contractkit")
    assert result.exit_code == 0
    assert (
        "Usage: contractkit" in result.output and 'contractkit new "acme website"' in result.output
    )


def test_the_installed_command_bare_exits_0() -> None:
    if not BIN.exists():
        pytest.skip("contractkit is not installed beside this Python")
    done = subprocess.run([str(BIN)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Commands:" in done.stdout


# letter, letters, timeline, rates and check (cli/letters_cmd.py, law_cmd.py) are issue 12's
OWNED_ELSEWHERE = {"letter", "letters", "timeline", "rates", "check"}


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - OWNED_ELSEWHERE))
def test_every_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, name
    assert f"contractkit {name}" in result.output, name


def test_clauses_show_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["clauses", "show", "--help"])
    assert "Example" in result.output and "contractkit clauses" in result.output


@pytest.fixture
def jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("clients/acme", "clients/beta", "myjob", "notes", ".hidden"):
        (tmp_path / folder).mkdir(parents=True)
    for job in ("clients/acme", "myjob", ".hidden"):
        (tmp_path / job / "job.yaml").write_text("language: en\n", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _complete(incomplete: str) -> list[str]:
    ctx = click.Context(main)
    return [item.value for item in job_folders(ctx, click.Argument(["x"]), incomplete)]


def test_completion_offers_job_folders_and_folders_of_jobs(jobs: Path) -> None:
    assert _complete("") == ["clients/", "myjob"]
    assert _complete("cl") == ["clients/"]
    assert _complete("clients/") == ["clients/acme"]
    assert _complete("clients/b") == []
    assert _complete(".") == [".hidden"]
    assert _complete(f"{jobs}/m") == [f"{jobs}/myjob"]
    assert _complete("nowhere/") == []


@pytest.mark.parametrize("command", ["build", "log", "next", "pack"])
def test_the_shell_gets_job_folders_for_each_command(jobs: Path, command: str) -> None:
    if not BIN.exists():
        pytest.skip("contractkit is not installed beside this Python")
    env = {
        **os.environ,
        "_CONTRACTKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": f"contractkit {command} ",
        "COMP_CWORD": "2",
    }
    done = subprocess.run([str(BIN)], capture_output=True, text=True, env=env, check=False)
    assert done.stdout.split() == ["plain,clients/", "plain,myjob"], done.stderr


def test_completion_offers_letter_kinds() -> None:
    ctx = click.Context(main)
    found = [i.value for i in letter_kinds(ctx, click.Argument(["kind"]), "overdue")]
    assert found == ["overdue-30", "overdue-60", "overdue-90"]


def test_log_sent_completes_letter_kinds(jobs: Path) -> None:
    if not BIN.exists():
        pytest.skip("contractkit is not installed beside this Python")
    env = {
        **os.environ,
        "_CONTRACTKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": "contractkit log myjob sent final",
        "COMP_CWORD": "4",
    }
    done = subprocess.run([str(BIN)], capture_output=True, text=True, env=env, check=False)
    assert done.stdout.split() == ["plain,final-notice"], done.stderr


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        (
            "contractkit letter over",
            2,
            ["plain,overdue-30", "plain,overdue-60", "plain,overdue-90"],
        ),
        ("contractkit letter final-notice ", 3, ["plain,clients/", "plain,myjob"]),
        ("contractkit timeline ", 2, ["plain,clients/", "plain,myjob"]),
    ],
)
def test_letter_and_timeline_complete_kinds_and_jobs(
    jobs: Path, words: str, cword: int, expected: list[str]
) -> None:
    if not BIN.exists():
        pytest.skip("contractkit is not installed beside this Python")
    env = {
        **os.environ,
        "_CONTRACTKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run([str(BIN)], capture_output=True, text=True, env=env, check=False)
    assert done.stdout.split() == expected, done.stderr


def test_letter_help_lists_every_kind_with_an_example_and_the_date_format() -> None:
    from contractkit.library.letters import KINDS

    result = CliRunner().invoke(main, ["letter", "--help"])
    assert result.exit_code == 0
    assert "YYYY-MM-DD" in result.output and "contractkit letter payment-reminder" in result.output
    kinds = result.output.split("Kinds (KIND):", 1)[1]
    assert [line.split()[0] for line in kinds.strip().splitlines()] == list(KINDS)


def test_timeline_says_a_shared_condition_once_and_wraps(sample_path: Path) -> None:
    result = CliRunner().invoke(main, ["timeline", str(sample_path)], env={"COLUMNS": "70"})
    assert result.exit_code == 0, result.output
    assert result.output.count("If Website launched is unpaid") == 1
    assert max(len(line) for line in result.output.splitlines()) <= 70


def test_the_command_list_has_one_line_for_every_command() -> None:
    from contractkit.cli import SUMMARIES

    assert set(SUMMARIES) == set(COMMANDS)
    result = CliRunner().invoke(main, ["--help"], terminal_width=100)
    listed = result.output.split("Commands:", 1)[1].strip().splitlines()
    assert sorted(line.split()[0] for line in listed) == sorted(COMMANDS)
