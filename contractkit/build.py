"""The ``build`` pipeline: job file → contract (and everything generated beside it).

Why: the CLI stays thin; this module decides which files a job produces, renders them all
in memory, checks that none would clobber an existing file, then writes them atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from contractkit.assemble import build_contract, schedule_due, schedule_label, select_clauses
from contractkit.document import Document
from contractkit.errors import JobError
from contractkit.formatting import Formatter
from contractkit.jobfile import load_job
from contractkit.model import Job
from contractkit.output import check_folders, check_free, fsync_folder, write_atomic
from contractkit.parallel import render_all
from contractkit.render import render

FORMATS = ("pdf", "docx")


@dataclass
class Artifact:
    """One output file: where it goes (relative to the job's folder) and how to make it."""

    relpath: str
    make: Callable[[], bytes]


@dataclass
class BuildResult:
    job_path: Path
    out_dir: Path
    job: Job
    files: list[Path] = field(default_factory=list)

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


def document_artifacts(
    stem: str, document: Document, formats: Iterable[str], template: Path | None
) -> list[Artifact]:
    """``stem.pdf`` / ``stem.docx`` for one neutral document, rendered when made."""
    return [Artifact(f"{stem}.{fmt}", partial(render, document, fmt, template)) for fmt in formats]


def job_artifacts(
    job: Job, formats: Iterable[str], template: Path | None, as_of: date
) -> list[Artifact]:
    formats = list(formats)
    if "pdf" in formats:
        from contractkit.fonts import check_fields
        from contractkit.textfields import text_fields

        check_fields(text_fields(job))
    contract = build_contract(job, created=as_of)
    return [
        *document_artifacts("contract", contract, formats, template),
        *letter_artifacts(job, formats, template, as_of),
    ]


def letter_artifacts(
    job: Job, formats: Iterable[str], template: Path | None, as_of: date
) -> list[Artifact]:
    """Every letter as ``letters/NN-<id>.<fmt>`` (.txt always), plus ``timeline.ics``.

    Letters made at signing time know the contract but not the events: their facts
    (invoice number, dates) are fill-in blanks.
    """
    from contractkit.facts import Facts
    from contractkit.letterout import letter_bytes, letter_stem
    from contractkit.letters import build_letter, letter_library
    from contractkit.timeline import contract_steps, to_ics

    out = []
    wanted = [f for f in ("pdf", "docx") if f in formats] + ["txt"]
    for lt in letter_library(job.language):
        rendered = build_letter(job, lt.meta.id, Facts(), on_demand=False, created=as_of)
        stem = f"letters/{letter_stem(rendered)}"
        for fmt in wanted:
            make = partial(letter_bytes, rendered, job, fmt, template=template)
            out.append(Artifact(f"{stem}.{fmt}", make))
    # computed when made: the holiday calendar is slow to load, so a worker loads it
    out.append(Artifact("timeline.ics", lambda: to_ics(job, contract_steps(job), stamp=as_of)))
    return out


def _remove_stale_parts(target: Path) -> None:
    """Temp files a killed run left beside ``target``: ``.<name>.<pid>.*.part`` whose
    process is gone (a run still going keeps its own)."""
    if not target.parent.is_dir():
        return
    for stale in target.parent.glob(f".{target.name}.*.part"):
        pid = stale.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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

    Every job is validated and every output checked before anything is rendered or
    written; all files are then rendered together, on all cores.
    """
    formats = list(formats)
    plans, problems = [], []
    for job_path, out_dir in jobs:
        try:
            plans.append(
                plan(
                    job_path,
                    out_dir,
                    formats=formats,
                    template=template,
                    as_of=as_of,
                    language=language,
                )
            )
        except JobError as e:
            problems += [e.message, *(f"  {p}" for p in e.problems)]
    if problems:
        if len(jobs) == 1:
            raise JobError(problems[0], [p.strip() for p in problems[1:]])
        raise JobError(
            f"{len(problems)} line(s) of problems in the batch; nothing was built:", problems
        )
    targets = [t for p in plans for t in p.targets]
    check_free(targets, force)
    check_folders(targets)
    artifacts = [a for p in plans for a in p.artifacts]
    rendered = render_all(
        [a.make for a in artifacts], [a.relpath.rsplit(".", 1)[-1] for a in artifacts]
    )
    for target, data in zip(targets, rendered, strict=True):
        _remove_stale_parts(target)
        write_atomic(target, data, sync_folder=False)
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
