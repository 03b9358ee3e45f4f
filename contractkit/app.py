"""What the commands do, as plain functions: build packages, make one letter, a timeline.

Why: ``cli/`` only parses and prints, and the wizard only asks; everything a command
does happens here, importable and testable without a terminal. A build is one process:
each job is read and checked, its files are rendered one after another and staged, and
they all appear together once every file of every job is ready (:mod:`output`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from contractkit.assemble.contract import (
    build_contract,
    schedule_due,
    schedule_label,
    select_clauses,
)
from contractkit.assemble.letters import RenderedLetter, build_letter
from contractkit.errors import ContractkitError, JobError, OutputError
from contractkit.job.facts import Facts
from contractkit.job.fields import text_fields
from contractkit.job.folder import (
    WRITTEN_FILE,
    home_of,
    job_file,
    record_bytes,
    sha256,
    unchanged_since_written,
)
from contractkit.job.model import Job
from contractkit.job.reader import load_job
from contractkit.law.timeline import Step, calendar_events, contract_steps
from contractkit.library.formatting import Formatter
from contractkit.library.letters import letter_library
from contractkit.output import Package, write_file
from contractkit.render import FORMATS as RENDER_FORMATS
from contractkit.render import render
from contractkit.render.fonts import check_fields

FORMATS = ("pdf", "docx")  # what a build makes of the contract and each letter
LETTER_FORMATS = ("pdf", "docx", "txt", "eml")  # what one letter can be written as

Render = Callable[[], bytes]


@dataclass
class BuildResult:
    job_path: Path
    out_dir: Path
    job: Job
    files: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # the user's edited files, left alone

    def summary(self) -> dict[str, Any]:
        job = self.job
        fmt = Formatter(job.language, job.law.country)
        return {
            "job": str(self.job_path),
            "files": [str(f) for f in self.files],
            "language": job.language,
            "currency": job.payment.currency,
            "total": str(job.payment.fee_money),
            "schedule": [
                {
                    "label": schedule_label(r, fmt),
                    "percent": str(r.percent),
                    "amount": str(r.amount),
                    "due": r.due.isoformat() if r.due else None,
                    "when": schedule_due(r, fmt),
                }
                for r in job.schedule
            ],
            "clauses": [
                {"number": nc.number, "id": nc.clause.meta.id, "title": nc.clause.meta.title}
                for nc in select_clauses(job)
            ],
        }


def package_files(
    job: Job, formats: Iterable[str], template: Path | None, as_of: date
) -> list[tuple[str, Render]]:
    """Every file of a job's package, relative to its folder, each with its renderer.

    The contract in each format; every letter as ``letters/NN-<id>.<fmt>`` (and .txt);
    ``timeline.ics``. Letters made at signing time know the contract but not the events:
    their facts (invoice number, dates) are fill-in blanks.
    """
    formats = [f for f in FORMATS if f in formats]
    if "pdf" in formats:
        check_fields(text_fields(job))
    contract = build_contract(job, created=as_of)
    files: list[tuple[str, Render]] = [
        (f"contract.{fmt}", _renderer(contract, fmt, template)) for fmt in formats
    ]
    for lt in letter_library(job.language):
        letter = build_letter(job, lt.meta.id, Facts(), on_demand=False, created=as_of)
        stem = f"letters/{letter_stem(letter)}"
        files += [
            (f"{stem}.{fmt}", _renderer(letter.document, fmt, template))
            for fmt in [*formats, "txt"]
        ]
    files.append(("timeline.ics", lambda: timeline_ics(job, contract_steps(job), as_of)))
    return files


def _renderer(document: Any, fmt: str, template: Path | None) -> Render:
    return lambda: render(document, fmt, template)


@dataclass
class _Planned:
    job_path: Path
    out_dir: Path
    job: Job
    files: list[tuple[Path, Render]]
    home: Path | None = None  # the job folder, when the build is into it (in place)
    ours: set[Path] = field(default_factory=set)  # existing files we wrote, unchanged
    kept: list[Path] = field(default_factory=list)  # existing files of the user's

    @property
    def record(self) -> Path | None:
        """Where the build records what it wrote (in place only)."""
        return self.home / WRITTEN_FILE if self.home is not None else None


def build_all(
    jobs: list[tuple[Path, Path]],
    *,
    formats: Iterable[str] = FORMATS,
    force: bool = False,
    template: Path | None = None,
    as_of: date,
    language: str | None = None,
    replace: Collection[Path] = (),
    fail_after: int | None = None,
) -> list[BuildResult]:
    """Build several (job file, output folder) pairs as one batch: all or nothing.

    Every job is read and checked first, and all their problems are reported together;
    nothing is written unless every job is valid and no output would replace an
    existing file without ``force``. A build into the job's own folder rebuilds in
    place: files it wrote before and nobody changed since are replaced; files the user
    edited (or that it did not write) are kept, even with ``force``, unless named in
    ``replace``. ``fail_after`` (for tests) raises after that many files were staged.
    """
    planned = _plan_all(jobs, formats, template, as_of, language)
    for p in planned:
        _sort_out_existing(p, {r.absolute() for r in replace})
    targets = [path for p in planned for path, _ in p.files]
    _refuse_shared_targets(targets)
    records = [r for p in planned if (r := p.record) is not None]
    roots = sorted({p.out_dir for p in planned})
    ours = {t for p in planned for t in p.ours} | set(records)
    with Package(
        [*targets, *records],
        force=force,
        root=roots[0] if len(roots) == 1 else None,
        replaceable=ours,
    ) as package:
        made = 0
        for p in planned:
            hashes: dict[Path, str] = {}
            for path, make in p.files:
                if made == fail_after:
                    raise RuntimeError(f"fault injected after {made} files")
                data = make()
                hashes[path] = sha256(data)
                package.add(path, data)
                made += 1
            if p.home is not None and p.record is not None:
                package.add(p.record, record_bytes(p.home, hashes, p.kept))
    return [
        BuildResult(p.job_path, p.out_dir, p.job, [f for f, _ in p.files], p.kept) for p in planned
    ]


def _plan_all(
    jobs: list[tuple[Path, Path]],
    formats: Iterable[str],
    template: Path | None,
    as_of: date,
    language: str | None,
) -> list[_Planned]:
    """Read and check every job; every job's problems at once, or none."""
    planned: list[_Planned] = []
    problems: list[str] = []
    for given, out_dir in jobs:
        job_path = job_file(given)
        try:
            job = load_job(job_path, language)
            files = package_files(job, formats, template, as_of)
        except ContractkitError as e:
            if len(jobs) == 1:
                raise
            problems += e.lines()
            continue
        home = home_of(job_path)
        in_place = home is not None and out_dir.absolute() == home.absolute()
        targets = [(out_dir / rel, make) for rel, make in files]
        planned.append(_Planned(job_path, out_dir, job, targets, home if in_place else None))
    if problems:
        raise JobError(
            f"{len(problems)} line(s) of problems in the batch; nothing was built:", problems
        )
    return planned


def _sort_out_existing(p: _Planned, named: set[Path]) -> None:
    """In a job folder: replace what we wrote, keep what the user changed (unless named)."""
    if p.home is None:
        return
    targets = [path for path, _ in p.files]
    p.ours = unchanged_since_written(p.home, targets) | {
        t for t in targets if t.absolute() in named
    }
    p.kept = [t for t in targets if (t.exists() or t.is_symlink()) and t not in p.ours]
    p.files = [(path, make) for path, make in p.files if path not in p.kept]


def _refuse_shared_targets(targets: list[Path]) -> None:
    """Two jobs of a batch writing the same file (x.yaml and x.yml into one folder)."""
    seen: set[Path] = set()
    twice = [t for t in targets if t in seen or seen.add(t)]  # type: ignore[func-returns-value]
    if twice:
        raise OutputError(
            "two jobs would write the same file; give each its own output folder:",
            [str(t) for t in twice[:8]],
        )


def build(
    job_path: Path,
    out_dir: Path,
    *,
    formats: Iterable[str] = FORMATS,
    force: bool = False,
    template: Path | None = None,
    as_of: date,
    language: str | None = None,
) -> BuildResult:
    """Build one job into ``out_dir``."""
    (result,) = build_all(
        [(job_path, out_dir)],
        formats=formats,
        force=force,
        template=template,
        as_of=as_of,
        language=language,
    )
    return result


def letter_stem(letter: RenderedLetter) -> str:
    """``NN-<id>``: numbered so a folder listing is in the order of escalation."""
    return f"{letter.number:02d}-{letter.meta.id}"


def make_letter(job: Job, kind: str, facts: Facts) -> RenderedLetter:
    """One letter on demand: every fact it needs must be known (never guessed)."""
    return build_letter(job, kind, facts, on_demand=True)


def letter_bytes(
    letter: RenderedLetter,
    job: Job,
    fmt: str,
    *,
    template: Path | None = None,
    attach: tuple[Path, ...] = (),
    typed: Iterable[tuple[str, str]] = (),
) -> bytes:
    """A letter as one file format. ``typed``: facts typed for it, checked with the job's
    text when the result holds a PDF (every character must be drawable)."""
    if fmt == "pdf" or (fmt == "eml" and letter.meta.formal):  # a formal .eml carries a PDF
        check_fields([*text_fields(job), *typed])
    if fmt in RENDER_FORMATS:
        return render(letter.document, fmt, template)
    if fmt == "eml":
        return _eml(letter, job, attach)
    raise ContractkitError(f"unknown letter format {fmt!r}; choose {', '.join(LETTER_FORMATS)}")


def _eml(letter: RenderedLetter, job: Job, attach: tuple[Path, ...]) -> bytes:
    from contractkit.render.eml import Attachment, Mailbox, render_eml
    from contractkit.render.text import render_blocks

    files = []
    if letter.meta.formal:
        files.append(Attachment(f"{letter_stem(letter)}.pdf", render(letter.document, "pdf")))
    for path in attach:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ContractkitError(f"attachment {path}: cannot read: {e.strerror}") from None
        maintype, subtype = _mime(path)
        files.append(Attachment(path.name, data, maintype, subtype))
    f, c = job.freelancer, job.client
    return render_eml(
        sender=Mailbox(f.name, f.email),
        recipient=Mailbox(c.name, c.email),
        subject=letter.subject,
        day=letter.document.created,
        body=render_blocks(letter.body),
        attachments=tuple(files),
    )


def _mime(path: Path) -> tuple[str, str]:
    import mimetypes

    guessed, _ = mimetypes.guess_type(path.name)
    maintype, _, subtype = (guessed or "application/octet-stream").partition("/")
    return maintype, subtype


def timeline_ics(job: Job, steps: list[Step], stamp: date) -> bytes:
    """The steps as an iCalendar file."""
    from contractkit.render.ics import render_ics

    return render_ics(calendar_events(job, steps), stamp=stamp)


def log_event(folder: Path, entry: dict[str, Any]) -> Path:
    """Append one entry to a job folder's ``log.yaml``, checked with the whole log and
    the job (amounts in its currency, invoices that exist, letter kinds that exist);
    nothing is written when anything is wrong."""
    from contractkit.job.folder import JOB_FILE
    from contractkit.job.log import appended, log_path, log_problems
    from contractkit.money import digits

    home = folder if folder.is_dir() else home_of(folder)
    if home is None or not (home / JOB_FILE).is_file():
        raise JobError(
            f"{folder}: not a job folder (no {JOB_FILE} in it); the log lives beside "
            "the job file that `contractkit new` made"
        )
    job = load_job(home / JOB_FILE)
    text, entries = appended(home, entry)
    kinds = tuple(lt.meta.id for lt in letter_library(job.language))
    problems = log_problems(entries, digits(job.payment.currency), kinds)
    if problems:
        raise JobError(f"{log_path(home)}: the entry cannot be logged:", problems)
    path = log_path(home)
    write_file(path, text.encode("utf-8"), force=True)
    return path


def job_folders(roots: Iterable[Path]) -> list[Path]:
    """Every job folder (a folder with a job.yaml) at or below ``roots``, sorted."""
    import os

    from contractkit.job.folder import JOB_FILE

    found: set[Path] = set()
    for root in roots:
        for here, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            if JOB_FILE in files:
                found.add(Path(here))
                folders[:] = []  # a job folder's subfolders hold its outputs
    return sorted(found)


def next_steps(roots: Iterable[Path], as_of: date) -> list[tuple[Path, Any]]:
    """What to send on ``as_of`` across every job folder under ``roots``, oldest first.

    A folder without a log has nothing in flight (no message, no invoice) and is not
    read further; every other job is read and checked as a build would.
    """
    from contractkit.job.folder import JOB_FILE, LOG_FILE
    from contractkit.job.log import read_log
    from contractkit.law.planner import due_steps

    found = []
    for folder in job_folders(roots):
        if not (folder / LOG_FILE).is_file():
            continue
        entries = read_log(folder)
        if not entries:
            continue
        job = load_job(folder / JOB_FILE)
        found += [(folder, step) for step in due_steps(job, entries, as_of)]
    return sorted(found, key=lambda item: (item[1].day, str(item[0])))
