"""Build a job's package: the contract, every letter and the calendar, all or nothing.

Why: one process does it plainly: each job is read and checked, its files are rendered
one after another and staged, and they all appear together once every file of every job
is ready (:mod:`contractkit.output`). A build into the job's own folder rebuilds in
place without touching the files the user edited.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from contractkit.assemble.contract import (
    build_contract,
    schedule_due,
    schedule_label,
    select_clauses,
)
from contractkit.assemble.letters import build_letter
from contractkit.document import NO_BRAND, Branding
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
from contractkit.job.log import Event, read_log
from contractkit.job.model import Job
from contractkit.job.profile import profile_branding
from contractkit.job.reader import load_job
from contractkit.law.planner import calendar
from contractkit.library.formatting import Formatter
from contractkit.library.letters import letter_library
from contractkit.output import Package
from contractkit.render import render
from contractkit.render.fonts import check_fields
from contractkit.render.ics import render_ics

FORMATS = ("pdf", "docx")  # what a build makes of the contract and each letter

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
    job: Job,
    formats: Iterable[str],
    template: Path | None,
    as_of: date,
    entries: Sequence[Event] = (),
    brand: Branding = NO_BRAND,
) -> list[tuple[str, Render]]:
    """Every file of a job's package, relative to its folder, each with its renderer.

    The contract in each format; every letter as ``letters/NN-<id>.<fmt>`` (and .txt);
    ``timeline.ics``: the planned dates and the letters still to come, from the job's
    log ``entries`` when it has one. Letters made at signing time know the contract but
    not the events: their facts (invoice number, dates) are fill-in blanks. Documents
    are assembled when their first file is rendered, so a batch holds one job's at a time.
    ``brand``: the profile's logo and accent colour, on every PDF and DOCX.
    """
    formats = [f for f in FORMATS if f in formats]
    if "pdf" in formats:
        check_fields(text_fields(job))
    documents = _Documents(job, as_of, brand)

    def renderer(kind: str, fmt: str) -> Render:
        return lambda: render(documents.get(kind), fmt, template)

    files = [(f"contract.{fmt}", renderer("contract", fmt)) for fmt in formats]
    for number, lt in enumerate(letter_library(job.language), start=1):
        stem = f"letters/{number:02d}-{lt.meta.id}"  # as letter_stem() names it
        files += [(f"{stem}.{fmt}", renderer(lt.meta.id, fmt)) for fmt in [*formats, "txt"]]
    events = list(entries)
    files.append(("timeline.ics", lambda: render_ics(calendar(job, events, as_of), stamp=as_of)))
    return files


class _Documents:
    """A job's contract and letters, each assembled once, on first use."""

    def __init__(self, job: Job, as_of: date, brand: Branding) -> None:
        self.job = job
        self.as_of = as_of
        self.brand = brand
        self.made: dict[str, Any] = {}

    def get(self, kind: str) -> Any:
        if kind not in self.made:
            if kind == "contract":
                self.made[kind] = build_contract(self.job, created=self.as_of)
            else:
                letter = build_letter(self.job, kind, Facts(), on_demand=False, created=self.as_of)
                self.made[kind] = letter.document
            self.made[kind] = replace(self.made[kind], brand=self.brand)
        return self.made[kind]


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
        results = []
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
            results.append(BuildResult(p.job_path, p.out_dir, p.job, list(hashes), p.kept))
            p.files = []  # its documents can go: a batch holds one job's at a time
    return results


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
    brand = profile_branding()
    for given, out_dir in jobs:
        job_path = job_file(given)
        home = home_of(job_path)
        try:
            job = load_job(job_path, language)
            entries = read_log(home) if home is not None else []
            files = package_files(job, formats, template, as_of, entries, brand)
        except ContractkitError as e:
            if len(jobs) == 1:
                raise
            problems += e.lines()
            continue
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
