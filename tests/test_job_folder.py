"""The job folder is the job: commands take it, and a build in it rebuilds in place
without ever overwriting a file the user edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

from contractkit.job.folder import WRITTEN_FILE, sha256

run = run_cli


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A job folder as the wizard leaves it: job.yaml and everything built from it."""
    home = tmp_path / "my first job"
    home.mkdir()
    shutil.copy(SAMPLES / "website-redesign.yaml", home / "job.yaml")
    result = run("build", str(home), "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    return home


def test_a_build_of_a_folder_lands_in_the_folder(folder: Path) -> None:
    assert (folder / "contract.pdf").is_file()
    assert len(list((folder / "letters").glob("*.pdf"))) == 12
    assert not (folder / "job").exists()  # not FOLDER/job/ as for a loose job file
    record = json.loads((folder / WRITTEN_FILE).read_text())
    assert record["contract.pdf"] == sha256((folder / "contract.pdf").read_bytes())
    assert len(record) == 39


def test_rebuilding_in_place_needs_no_force_and_keeps_edited_files(folder: Path) -> None:
    edited = folder / "letters" / "01-follow-up.txt"
    edited.write_text("my own wording\n", encoding="utf-8")
    before = (folder / "contract.pdf").read_bytes()
    result = run("build", str(folder), "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "kept 1 file(s) you changed" in result.output and str(edited) in result.output
    assert edited.read_text(encoding="utf-8") == "my own wording\n"
    assert (folder / "contract.pdf").read_bytes() != before  # rebuilt with the new date
    # --force does not change that; naming the file does
    assert run("build", str(folder), "--force").exit_code == 0
    assert edited.read_text(encoding="utf-8") == "my own wording\n"
    result = run("build", str(folder), "--replace", str(edited))
    assert result.exit_code == 0, result.output
    assert "would you still like to go ahead" in edited.read_text(encoding="utf-8")
    assert "kept" not in result.output


def test_a_file_contractkit_did_not_write_is_kept(folder: Path) -> None:
    (folder / WRITTEN_FILE).unlink()  # e.g. built by an older version
    result = run("build", str(folder))
    assert result.exit_code == 0, result.output
    assert "kept 39 file(s)" in result.output


def test_the_job_file_inside_its_folder_means_the_folder(folder: Path) -> None:
    result = run("build", str(folder / "job.yaml"), "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "built 39 files in" in result.output and "kept" not in result.output


def test_letter_and_timeline_take_the_folder(folder: Path) -> None:
    result = run("timeline", str(folder), "--due", "2026-11-24", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["steps"][0]["letter"] == "payment-reminder"
    result = run("letter", "follow-up", str(folder), "--sent", "2026-11-17")
    assert result.exit_code == 0, result.output
    assert "Website redesign" in result.output


def test_new_on_an_existing_job_points_to_build(folder: Path) -> None:
    result = run("new", str(folder), "--no-input")
    assert result.exit_code == 1
    assert f'contractkit build "{folder}"' in result.output


def test_a_loose_job_file_still_needs_force(tmp_path: Path) -> None:
    job = tmp_path / "acme.yaml"
    shutil.copy(SAMPLES / "website-redesign.yaml", job)
    assert run("build", str(job)).exit_code == 0
    assert (tmp_path / "acme" / "contract.pdf").is_file()
    again = run("build", str(job))
    assert again.exit_code == 1 and "already exist" in again.output
