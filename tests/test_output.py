"""Safe writing, proven by injected faults rather than lucky timing.

Each test stops a build at a chosen file (an exception, a signal, or SIGKILL sent by the
process to itself from inside the writer) and then reads what is on disk: never a file
under its final name that is incomplete, never a temp file after a clean stop, never a
package mixed from two runs.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import AS_OF, SAMPLES

from contractkit.app.build import build, build_all
from contractkit.cli import main
from contractkit.errors import OutputLockedError

SAMPLE = SAMPLES / "website-redesign.yaml"
FILES = 39  # contract ×2, 12 letters ×3, timeline.ics
CLI = (sys.executable, "-m", "contractkit")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The sample's package, built once without interference: relative path → bytes."""
    out = tmp_path_factory.mktemp("reference") / "o"
    build(SAMPLE, out, as_of=AS_OF)
    return _contents(out)


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*")] if folder.exists() else []


@pytest.mark.parametrize("after", [0, 1, 17, FILES - 1])
def test_a_failure_while_rendering_leaves_nothing(tmp_path: Path, after: int) -> None:
    out = tmp_path / "new" / "o"
    with pytest.raises(RuntimeError, match="fault injected"):
        build_all([(SAMPLE, out)], as_of=AS_OF, fail_after=after)
    assert not (tmp_path / "new").exists()


def test_a_failure_while_rendering_keeps_the_old_files_under_force(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "o"
    build(SAMPLE, out, as_of=AS_OF)
    with pytest.raises(RuntimeError, match="fault injected"):
        build_all([(SAMPLE, out)], as_of=date(2027, 1, 1), force=True, fail_after=20)
    assert _contents(out) == reference
    assert _leftovers(out) == []


@pytest.mark.parametrize("after", [1, 18, FILES - 1])
def test_a_failure_while_putting_files_in_place_takes_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    real = os.link
    placed: list[str] = []

    def failing(src: str, dst: str, **kw: Any) -> None:
        if len(placed) == after:
            raise OSError(28, "No space left on device")
        real(src, dst, **kw)
        placed.append(dst)

    monkeypatch.setattr(os, "link", failing)
    out = tmp_path / "new" / "o"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert len(placed) == after
    assert not (tmp_path / "new").exists()


_DRIVER = """
import os, signal, sys
import contractkit.output as output

where, count, sig = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
real = getattr(output, where)
calls = [0]

def hooked(*args, **kwargs):
    calls[0] += 1
    if calls[0] == count:
        os.kill(os.getpid(), sig)
    return real(*args, **kwargs)

setattr(output, where, hooked)
sys.argv = ["contractkit", *sys.argv[4:]]
from contractkit.cli import run
run()
"""


def _build_stopped(where: str, count: int, sig: int, out: Path, *extra: str) -> Any:
    """Run a build in a child that sends itself ``sig`` at the ``count``-th call of
    ``contractkit.output.<where>``."""
    args = ["build", str(SAMPLE), "-o", str(out), "--as-of", AS_OF.isoformat(), *extra]
    return subprocess.run(
        [sys.executable, "-c", _DRIVER, where, str(count), str(sig), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "count"),
    [("_stage", 1), ("_stage", 20), ("_stage", FILES), ("_place", 1), ("_place", 20)],
)
def test_sigkill_at_any_file_leaves_no_incomplete_file(
    tmp_path: Path, reference: dict[str, bytes], where: str, count: int
) -> None:
    """kill -9 cannot be caught: files already put in place stay, each one whole; temp
    files stay hidden beside them until the next run into the folder removes them."""
    out = tmp_path / "o"
    result = _build_stopped(where, count, signal.SIGKILL, out)
    assert result.returncode == -signal.SIGKILL
    for name, data in _contents(out).items():
        if not Path(name).name.startswith("."):
            assert data == reference[name], name  # complete, or not there at all
    rerun = subprocess.run(
        [*CLI, "build", str(SAMPLE), "-o", str(out), "--as-of", AS_OF.isoformat(), "--force"],
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _leftovers(out) == []
    assert _contents(out) == reference


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code", "says"),
    [(signal.SIGTERM, 143, "Stopped"), (signal.SIGINT, 130, "Interrupted")],
)
@pytest.mark.parametrize(("where", "count"), [("_stage", 10), ("_place", 10)])
def test_a_stopped_build_leaves_nothing_behind(
    tmp_path: Path, sig: int, code: int, says: str, where: str, count: int
) -> None:
    out = tmp_path / "new" / "o"
    result = _build_stopped(where, count, sig, out)
    assert result.returncode == code, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists(), sorted(map(str, tmp_path.rglob("*")))


def test_a_folder_another_run_is_writing_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(OutputLockedError, match="another contractkit run is writing"):
            build(SAMPLE, out, as_of=AS_OF)
        result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
        assert result.exit_code == 1
        assert list(out.iterdir()) == []
    finally:
        os.close(fd)
    build(SAMPLE, out, as_of=AS_OF)  # once released, it builds


@pytest.mark.slow
def test_concurrent_builds_into_one_folder_never_mix(tmp_path: Path) -> None:
    """Five builds at once, each with its own date (so files tell which run wrote them):
    each either wins or exits 1 saying why, and the folder holds one run's package."""
    out = tmp_path / "o"
    days = [f"2026-12-0{n}" for n in range(1, 6)]
    procs = [
        subprocess.Popen(
            [*CLI, "build", str(SAMPLE), "-o", str(out), "--as-of", day, "--force"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code in (0, 1) for code, _ in outcomes), outcomes
    assert any(code == 0 for code, _ in outcomes)
    for code, err in outcomes:
        if code == 1:
            assert "another contractkit run is writing" in err, err
    from icalendar import Calendar

    stamps = set()
    for name in ("timeline.ics",):
        cal = Calendar.from_ical((out / name).read_bytes())
        stamps |= {e.decoded("DTSTAMP").date().isoformat() for e in cal.walk("VEVENT")}
    from docx import Document

    created = {
        Document(str(p)).core_properties.created.date().isoformat() for p in out.rglob("*.docx")
    }
    assert len(stamps | created) == 1, (stamps, created)  # one run's files only
    assert _leftovers(out) == []


def test_a_symlinked_folder_inside_the_output_is_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "o"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "letters").symlink_to(elsewhere)
    for extra in ([], ["--force"]):
        result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), *extra])
        assert result.exit_code == 2, result.output
        assert "is a symlink" in result.output and str(out / "letters") in result.output
        assert list(elsewhere.iterdir()) == []
        assert sorted(p.name for p in out.iterdir()) == ["letters"]


def test_the_named_output_folder_may_be_a_symlink(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "o").symlink_to(real)
    build(SAMPLE, tmp_path / "o", as_of=AS_OF)
    assert _contents(real) == reference


def test_leftovers_of_a_killed_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "letters").mkdir(parents=True)
    stale = out / ".contract.pdf.abc123.contractkit-part"
    stale.write_bytes(b"half a PDF")
    odd_folder = out / "letters" / ".x.99999999999999999999.contractkit-part"
    odd_folder.mkdir()
    mine = out / ".notes.txt"
    mine.write_text("the user's own hidden file")
    build(SAMPLE, out, as_of=AS_OF)
    assert not stale.exists()
    assert odd_folder.is_dir()  # not a file of ours: left alone, never a crash
    assert mine.read_text() == "the user's own hidden file"


def test_same_input_same_bytes(tmp_path: Path, reference: dict[str, bytes]) -> None:
    build(SAMPLE, tmp_path / "again", as_of=AS_OF)
    assert _contents(tmp_path / "again") == reference
