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
    from contractkit.job.model import Job


@dataclass(frozen=True)
class RenderTask:
    """One document in one format (pdf, docx, txt)."""

    document: Document
    fmt: str
    template: Path | None = None
    glyphs: str = ""  # characters of the whole package (one font subset for all its PDFs)

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

        return render(task.document, task.fmt, task.template, task.glyphs)
    from contractkit.law.timeline import contract_steps, to_ics

    return to_ics(task.job, contract_steps(task.job), stamp=task.as_of)


def warm_up(kinds: frozenset[str]) -> None:
    """Render a one-line document in each of ``kinds`` before any task arrives.

    Why: the first document a process renders pays for imports, fonts and compiled
    templates; a worker does that while the parent is still reading the job.
    """
    from contractkit.document import Document, Heading, Paragraph, Table

    sample = Document(
        title="-",
        language="en",
        author="-",
        created=date(2000, 1, 1),
        page_size="A4",
        page_label="{page}/{pages}",
        blocks=(Heading("-", "1"), Paragraph("-", "1.1"), Table(("-",), (("-",),))),
    )
    for kind in sorted(kinds):
        perform(RenderTask(sample, kind))
