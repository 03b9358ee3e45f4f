"""Shell completion of job folders: what ``contractkit build <Tab>`` offers.

Why: a job is a folder with a ``job.yaml``; completing every file and folder makes the
user pick the job out of the noise. Only folders holding a job are offered, and folders
with jobs inside them (``clients/``) so that Tab can go on down. Kept to ``pathlib`` so
that completing stays as quick as ``--help``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from click.shell_completion import CompletionItem

JOB = "job.yaml"


def _is_job(folder: Path) -> bool:
    return (folder / JOB).is_file()


def _has_jobs(folder: Path) -> bool:
    """A folder with a job folder directly inside it (``clients/acme``)."""
    try:
        return any(child.is_dir() and _is_job(child) for child in folder.iterdir())
    except OSError:
        return False


def job_folders(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Job folders (and folders of job folders) whose path starts with ``incomplete``."""
    if os.sep in incomplete:
        head, prefix = incomplete.rsplit(os.sep, 1)
        parent, shown = Path(os.path.expanduser(head or os.sep)), head + os.sep
    else:
        parent, prefix, shown = Path("."), incomplete, ""
    try:
        children = sorted(parent.iterdir())
    except OSError:
        return []
    items = []
    for child in children:
        name = child.name
        if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
            continue
        if not child.is_dir():
            continue
        if _is_job(child):
            items.append(CompletionItem(f"{shown}{name}"))
        elif _has_jobs(child):
            items.append(CompletionItem(f"{shown}{name}{os.sep}", help="folder of jobs"))
    return items


def letter_kinds(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The letter kinds (``payment-reminder``, ``overdue-30`` ...) starting with ``incomplete``."""
    from contractkit.library.letters import KINDS  # only when Tab is pressed

    return [CompletionItem(kind) for kind in KINDS if kind.startswith(incomplete)]
