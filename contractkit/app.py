"""The ``build`` pipeline: job files → contract, letters and timeline, written safely.

Why: the CLI stays thin; this module decides which files a job produces, has them
rendered (on all cores, see :mod:`contractkit.parallel`), checks that none would
clobber an existing file, then writes them atomically. Its own imports are light and
the heavy ones happen inside the functions, after the worker processes have been
started, so that the two overlap.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from contractkit.errors import ContractkitError, JobError, OutputError
from contractkit.interrupts import raise_if_received, signals_held
from contractkit.output import (
    can_sync_filesystems,
    check_folders,
    check_free,
    commit,
    discard,
    fsync_folder,
    stage,
    sync_filesystems,
)
from contractkit.parallel import Pool
from contractkit.tasks import RenderTask, Task, TimelineTask

if TYPE_CHECKING:
    from contractkit.job.model import Job

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Artifact:
    """One output file: where it goes (relative to the job's folder) and what it is."""

    relpath: str
    task: Task


@dataclass
class BuildResult:
    job_path: Path
    out_dir: Path
    job: Job
    files: list[Path] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        from contractkit.assemble.contract import schedule_due, schedule_label, select_clauses
        from contractkit.library.formatting import Formatter

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


def job_artifacts(
    job: Job, formats: Iterable[str], template: Path | None, as_of: date
) -> list[Artifact]:
    """Every file a job produces: the contract, each letter, the timeline."""
    from contractkit.assemble.contract import build_contract

    formats = list(formats)
    if "pdf" in formats:
        from contractkit.render.fonts import check_fields
        from contractkit.textfields import text_fields

        check_fields(text_fields(job))
    contract = build_contract(job, created=as_of)
    artifacts = [
        *(Artifact(f"contract.{fmt}", RenderTask(contract, fmt, template)) for fmt in formats),
        *letter_artifacts(job, formats, template, as_of),
    ]
    pdfs = [t.document for a in artifacts if _is_pdf(t := a.task)]
    if pdfs:  # one font subset for every PDF of the package
        from contractkit.render import package_glyphs

        glyphs = package_glyphs(pdfs)
        artifacts = [
            Artifact(a.relpath, replace(a.task, glyphs=glyphs)) if _is_pdf(a.task) else a
            for a in artifacts
        ]
    return artifacts


def _is_pdf(task: Task) -> TypeGuard[RenderTask]:
    return isinstance(task, RenderTask) and task.fmt == "pdf"


def letter_artifacts(
    job: Job, formats: Iterable[str], template: Path | None, as_of: date
) -> list[Artifact]:
    """Every letter as ``letters/NN-<id>.<fmt>`` (.txt always), plus ``timeline.ics``.

    Letters made at signing time know the contract but not the events: their facts
    (invoice number, dates) are fill-in blanks.
    """
    from contractkit.assemble.letters import build_letter, letter_library
    from contractkit.job.facts import Facts
    from contractkit.letterout import letter_stem

    out = []
    wanted = [f for f in ("pdf", "docx") if f in formats] + ["txt"]
    for lt in letter_library(job.language):
        rendered = build_letter(job, lt.meta.id, Facts(), on_demand=False, created=as_of)
        stem = f"letters/{letter_stem(rendered)}"
        out += [
            Artifact(f"{stem}.{fmt}", RenderTask(rendered.document, fmt, template))
            for fmt in wanted
        ]
    out.append(Artifact("timeline.ics", TimelineTask(job, as_of)))
    return out


@dataclass
class Plan:
    """One job's outputs, decided but not yet rendered."""

    job_path: Path
    out_dir: Path
    job: Job
    artifacts: list[Artifact]

    @property
    def targets(self) -> list[Path]:
        return [self.out_dir / a.relpath for a in self.artifacts]


def plan(
    job_path: Path,
    out_dir: Path,
    *,
    formats: Iterable[str] = FORMATS,
    template: Path | None = None,
    as_of: date,
    language: str | None = None,
) -> Plan:
    from contractkit.job.reader import load_job

    job = load_job(job_path, language)
    return Plan(job_path, out_dir, job, job_artifacts(job, formats, template, as_of))


def build_all(
    jobs: list[tuple[Path, Path]],
    *,
    formats: Iterable[str] = FORMATS,
    force: bool = False,
    template: Path | None = None,
    as_of: date,
    language: str | None = None,
) -> list[BuildResult]:
    """Build several (job file, output folder) pairs as one batch.

    Workers start first; each job is then read, checked and planned, and its files go
    to the workers while the next job is read. Nothing is written unless every job is
    valid and no output would replace an existing file without ``force``.
    """
    formats = list(formats)
    plans: list[Plan] = []
    problems: list[str] = []
    claimed: set[Path] = set()
    targets: list[Path] = []  # every submitted file, in the pool's task order
    new_folders: set[Path] = set()  # the folders this build creates, to remove on failure
    staged: dict[int, Path] = {}
    batch_sync = can_sync_filesystems()
    pool = Pool()
    try:
        with pool:
            for job_path, out_dir in jobs:
                try:
                    planned = plan(
                        job_path,
                        out_dir,
                        formats=formats,
                        template=template,
                        as_of=as_of,
                        language=language,
                    )
                except ContractkitError as e:  # every job's problems, not just the first's
                    if len(jobs) == 1:
                        raise
                    problems += [e.message, *(f"  {p}" for p in e.problems)]
                    continue
                plans.append(planned)
                if not problems:
                    _claim(planned.targets, claimed)
                    check_free(planned.targets, force)
                    check_folders(planned.targets)
                    for target in planned.targets:
                        _remove_stale_parts(target)
                        new_folders.update(_missing_folders(target.parent))
                    targets += planned.targets
                    pool.submit([a.task for a in planned.artifacts], planned.targets)
            if problems:
                raise JobError(
                    f"{len(problems)} line(s) of problems in the batch; nothing was built:",
                    problems,
                )
            # each file is written (to a temp file) as soon as it is rendered ...
            for index, done in pool.as_done():  # workers stage their own files
                staged[index] = (
                    done
                    if isinstance(done, Path)
                    else stage(targets[index], done, sync=not batch_sync)
                )
            # ... made durable (one syncfs per filesystem, else fsync each) ...
            if batch_sync and not sync_filesystems({t.parent for t in targets}):
                for path in staged.values():
                    _fsync_file(path)
            raise_if_received()  # a Ctrl-C that Python lost is still a Ctrl-C
    except BaseException:  # nothing of a failed build stays behind
        with signals_held():  # a second Ctrl-C must not cut the clean-up short
            pool.abort()
            _clean_up(staged, targets, new_folders)
        raise
    # ... and all appear together once all are ready: links and renames only, quick, so
    # an interrupt waits until every file is in place (or all are taken back)
    with signals_held():
        committed: list[Path] = []
        try:
            for index, target in enumerate(targets):
                commit(staged[index], target, replace=force)
                del staged[index]
                committed.append(target)
        except BaseException:
            if not force:  # every file this build put in place was new: take them back out
                for target in committed:
                    target.unlink(missing_ok=True)
            _clean_up(staged, targets, new_folders)
            raise
    for folder in sorted({t.parent for t in targets}):
        fsync_folder(folder)
    return [BuildResult(p.job_path, p.out_dir, p.job, files=p.targets) for p in plans]


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


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _claim(targets: list[Path], claimed: set[Path]) -> None:
    """Refuse a file that an earlier job of the batch already writes (x.yaml and x.yml)."""
    twice = [t for t in targets if t in claimed]
    if twice:
        raise OutputError(
            "two jobs would write the same file; give each its own output folder:",
            [str(t) for t in twice[:8]],
        )
    claimed.update(targets)


def _clean_up(staged: dict[int, Path], targets: list[Path], new_folders: set[Path]) -> None:
    """Remove what a failed build left: its temp files (those it knows of, and any of
    its own or of its stopped workers beside a target) and the folders it made."""
    for path in staged.values():
        discard(path)
    for target in targets:
        _remove_stale_parts(target, ours=True)
    _remove_empty(new_folders)


def _remove_empty(folders: set[Path]) -> None:
    """Remove the folders a failed build made, deepest first, if nothing else is in them."""
    for folder in sorted(folders, reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet."""
    out = []
    while not folder.exists() and folder != folder.parent:
        out.append(folder)
        folder = folder.parent
    return out


def _remove_stale_parts(target: Path, *, ours: bool = False) -> None:
    """Temp files a killed run left beside ``target``: ``.<name>.<pid>.*.part`` whose
    process is gone (a run still going keeps its own); with ``ours``, this process's too."""
    if not target.parent.is_dir():
        return
    for stale in target.parent.glob(f".{target.name}.*.part"):
        pid = stale.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and ((ours and int(pid) == os.getpid()) or not _alive(int(pid))):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]
