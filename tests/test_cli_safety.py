"""Bad input exits 2 with a message; outputs are never clobbered or followed."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from contractkit.cli import main


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_invalid_job_exits_2_without_traceback_and_writes_nothing(
    write_job: Any, tmp_path: Path
) -> None:
    job = write_job(**{"payment.deposit_percent": 120})
    result = run("build", str(job), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "payment.deposit_percent: must be between 0 and 100, got 120" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_missing_job_file_exits_2(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such job file" in result.output


def test_existing_output_is_kept_without_force(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "contract.pdf").write_bytes(b"my signed copy")
    result = run("build", str(sample_path), "-o", str(out))
    assert result.exit_code == 1
    assert "already exist; nothing was written" in result.output
    assert (out / "contract.pdf").read_bytes() == b"my signed copy"
    assert not (out / "contract.docx").exists()
    assert run("build", str(sample_path), "-o", str(out), "--force").exit_code == 0
    assert (out / "contract.pdf").read_bytes().startswith(b"%PDF")


def test_symlink_at_output_is_never_followed(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("do not touch")
    (out / "contract.pdf").symlink_to(precious)
    result = run("build", str(sample_path), "-o", str(out))
    assert result.exit_code == 1
    assert "(a symlink)" in result.output
    assert run("build", str(sample_path), "-o", str(out), "--force").exit_code == 0
    assert precious.read_text() == "do not touch"
    assert not (out / "contract.pdf").is_symlink()


def test_no_temp_files_are_left_behind(sample_path: Path, tmp_path: Path) -> None:
    assert run("build", str(sample_path), "-o", str(tmp_path / "o")).exit_code == 0
    hidden = [p for p in (tmp_path / "o").rglob(".*")]
    assert hidden == []
    assert len([p for p in (tmp_path / "o").rglob("*") if p.is_file()]) == 39


def test_bad_format_and_date_are_usage_errors(sample_path: Path) -> None:
    assert run("build", str(sample_path), "--format", "odt").exit_code == 2
    assert run("build", str(sample_path), "--as-of", "yesterday").exit_code == 2


def test_schema_lists_the_job_keys() -> None:
    import json

    result = run("schema")
    schema = json.loads(result.output)
    assert {"freelancer", "client", "project", "payment", "law"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_clauses_list_and_show() -> None:
    listing = run("clauses").output
    assert "stop-work" in listing and "Stop-work and kill fee" in listing
    shown = run("clauses", "show", "deposit")
    assert shown.exit_code == 0 and "id: deposit" in shown.output
    assert run("clauses", "show", "nope").exit_code == 2


def test_template_export_is_a_usable_template(sample_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.docx"
    assert run("template", str(target)).exit_code == 0
    assert run("template", str(target)).exit_code == 1  # never clobbered
    result = run(
        "build",
        str(sample_path),
        "-o",
        str(tmp_path / "o"),
        "--template",
        str(target),
        "--format",
        "docx",
    )
    assert result.exit_code == 0, result.output


def test_broken_template_is_a_clear_error(sample_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = run("build", str(sample_path), "-o", str(tmp_path / "o"), "--template", str(bad))
    assert result.exit_code == 2
    assert "not a usable .docx template" in result.output


def test_output_folder_that_is_a_file_is_a_clear_error(sample_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    result = run("build", str(sample_path), "-o", str(blocker / "x"))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    result = run("template", str(blocker / "t.docx"))
    assert result.exit_code == 2 and "internal error" not in result.output


def test_outputs_get_ordinary_permissions(sample_path: Path, tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        assert (
            run("build", str(sample_path), "-o", str(tmp_path / "o"), "--format", "pdf").exit_code
            == 0
        )
    finally:
        os.umask(old)
    assert (tmp_path / "o" / "contract.pdf").stat().st_mode & 0o777 == 0o644


def test_a_folder_where_an_output_goes_is_refused_even_with_force(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "o"
    (out / "timeline.ics").mkdir(parents=True)
    result = run("build", str(sample_path), "-o", str(out), "--force")
    assert result.exit_code == 2
    assert "a folder stands where an output file goes" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["timeline.ics"]


def test_two_jobs_writing_the_same_files_are_refused(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "x.yaml").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "x.yml").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("build", str(folder / "x.yaml"), str(folder / "x.yml"), "--as-of", "2026-11-24")
    assert result.exit_code == 2
    assert "two jobs would write the same file" in result.output
    assert not (folder / "x").exists()


def test_a_failed_batch_leaves_no_empty_folders(sample_path: Path, tmp_path: Path) -> None:
    from docx import Document

    bad = Document()
    bad.add_paragraph("{{ 1/0 }}")
    bad.save(str(tmp_path / "bad.docx"))
    result = run(
        "build",
        str(sample_path),
        "-o",
        str(tmp_path / "deep" / "o"),
        "--template",
        str(tmp_path / "bad.docx"),
    )
    assert result.exit_code == 2
    assert not (tmp_path / "deep").exists()


def test_names_too_long_for_a_table_cell_are_refused(write_job: Any, tmp_path: Path) -> None:
    result = run(
        "build",
        str(write_job(**{"payment.milestones": [{"name": "M" * 1500, "percent": 50}]})),
        "-o",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 2
    assert "payment.milestones[0].name: is 1500 characters long; at most 300" in result.output


def test_a_file_that_appears_during_the_build_is_never_replaced(
    sample_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """Another run writes the same folder meanwhile: its file stays, and this run takes
    back the files it had already put in place (no half package)."""
    import contractkit.output as output

    out = tmp_path / "o"
    real_place = output._place
    calls: list[Path] = []

    def racing_place(staged: Path, target: Path, **kw: Any) -> None:
        calls.append(target)
        if len(calls) == 5:
            target.write_bytes(b"the other run's file")
        real_place(staged, target, **kw)

    monkeypatch.setattr(output, "_place", racing_place)
    result = run("build", str(sample_path), "-o", str(out))
    assert result.exit_code == 1
    assert "appeared while this run was writing" in result.output
    assert calls[4].read_bytes() == b"the other run's file"
    assert [p for p in out.rglob("*") if p.is_file()] == [calls[4]]
    assert all(any(d.iterdir()) for d in out.rglob("*") if d.is_dir())  # no empty folder


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOSYS, errno.EOPNOTSUPP])
def test_without_hard_links_outputs_are_renamed_into_place(
    sample_path: Path, tmp_path: Path, monkeypatch: Any, code: int
) -> None:
    """FAT, sshfs and some FUSE file systems have no hard links: still built, still no
    clobbering."""
    import os

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "o"
    result = run("build", str(sample_path), "-o", str(out), "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (out / "contract.pdf").read_bytes().startswith(b"%PDF")
    assert not list(out.rglob("*.contractkit-part"))
    again = run("build", str(sample_path), "-o", str(out), "--format", "pdf")
    assert again.exit_code == 1 and "already exist" in again.output


def test_force_keeps_the_permissions_of_a_replaced_file(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run("build", str(sample_path), "-o", str(out), "--format", "pdf").exit_code == 0
    private = out / "contract.pdf"
    private.chmod(0o600)
    result = run("build", str(sample_path), "-o", str(out), "--format", "pdf", "--force")
    assert result.exit_code == 0, result.output
    assert private.stat().st_mode & 0o777 == 0o600
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "letters" / "01-follow-up.pdf").stat().st_mode & 0o777 == 0o666 & ~umask
