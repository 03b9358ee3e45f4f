"""A file to render, as plain data a worker process can receive.

Why: workers are forked before the job is even read (so their imports overlap with the
parent's), which means they cannot inherit the work; each file is described as a small
picklable task instead, and :func:`perform` turns it into bytes in whatever process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractkit.document import Document
    from contractkit.model import Job


@dataclass(frozen=True)
class RenderTask:
    """One document in one format (pdf, docx, txt)."""

    document: Document
    fmt: str
    template: Path | None = None

    @property
    def kind(self) -> str:
        return self.fmt


@dataclass(frozen=True)
class TimelineTask:
    """The escalation calendar (.ics) of a job's contract."""

    job: Job
    as_of: date

    @property
    def kind(self) -> str:
        return "ics"


Task = RenderTask | TimelineTask


def perform(task: Task) -> bytes:
    if isinstance(task, RenderTask):
        from contractkit.render import render

        return render(task.document, task.fmt, task.template)
    from contractkit.timeline import contract_steps, to_ics

    return to_ics(task.job, contract_steps(task.job), stamp=task.as_of)


def warm_up(kinds: frozenset[str]) -> None:
    """Load what rendering ``kinds`` needs, before any task arrives."""
    if "pdf" in kinds:
        from contractkit.render.pdf import styles

        styles()  # imports reportlab, registers the fonts
    if "docx" in kinds:
        from contractkit.render.docx_template import template_bytes

        template_bytes()
    if "ics" in kinds:
        import holidays.countries  # noqa: F401 - the slow part of the business-day calendar
        import icalendar  # noqa: F401

        from contractkit import timeline  # noqa: F401
