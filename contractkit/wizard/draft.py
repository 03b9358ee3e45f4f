"""The draft: answers of an unfinished run, kept beside where the job file will go.

Why: a wizard that loses ten typed answers to a stray Ctrl-C is not used twice. The draft
is rewritten after every answer (atomically, so it is never half-written) and read back
by the next ``contractkit new`` in the same folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from contractkit.errors import JobError
from contractkit.job import yamlsafe
from contractkit.job.writer import dump_job
from contractkit.output import write_file
from contractkit.paths import read_limited

DRAFT_NAME = "job.draft.yaml"
_HEADER = (
    "Unfinished answers from `contractkit new`; it offers to resume from them.\n"
    "This is not a job file yet: run `contractkit new` on this folder to finish it."
)


def draft_path(folder: Path) -> Path:
    return folder / DRAFT_NAME


def save_draft(folder: Path, answers: dict[str, Any]) -> Path | None:
    """Write the answers so far; nothing is written before the first answer."""
    if not answers:
        return None
    path = draft_path(folder)
    write_file(path, dump_job(answers, header=_HEADER).encode("utf-8"), force=True)
    return path


def read_answers(path: Path) -> dict[str, Any]:
    """A draft or an ``--answers`` file: YAML shaped like (part of) a job file."""
    try:
        raw = read_limited(path, yamlsafe.MAX_BYTES, "an answers file", JobError)
        data = yamlsafe.load(raw.decode("utf-8"))
    except FileNotFoundError:
        raise JobError(f"{path}: no such answers file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise JobError(f"{path}: cannot read: {e}") from None
    except yamlsafe.YamlProblem as e:
        raise JobError(f"{path}: {e}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise JobError(f"{path}: answers must be a mapping of job keys, like a job file")
    return data


def count_answers(data: Any) -> int:
    """How many single answers a (nested) answers dict holds, for "resume 12 answers?"."""
    if isinstance(data, dict):
        return sum(count_answers(v) for v in data.values())
    if isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        return sum(count_answers(v) for v in data)
    return 1
