"""The job folder: ``job.yaml``, what was built from it, and what has happened since.

Why: the wizard makes a folder per job, and months later the freelancer comes back to that
folder, not to a file name. Every command that takes a job accepts the folder or the file;
a build in the folder rebuilds in place, and it remembers (by SHA-256) what it wrote, so a
file the user has since edited is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

JOB_FILE = "job.yaml"
LOG_FILE = "log.yaml"
# What contractkit last wrote here, path → SHA-256 (hidden: it is ours, not the user's).
WRITTEN_FILE = ".contractkit-written.json"


def job_file(path: Path) -> Path:
    """``path`` itself, or the ``job.yaml`` inside it when ``path`` is a job folder."""
    inside = path / JOB_FILE
    return inside if path.is_dir() and inside.is_file() else path


def home_of(job_path: Path) -> Path | None:
    """The job folder a job file lives in (``FOLDER/job.yaml``), or None for a loose file."""
    return job_path.parent if job_path.name == JOB_FILE else None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def written(folder: Path) -> dict[str, str]:
    """What contractkit last wrote into ``folder``: relative path → SHA-256.

    A missing or unreadable record is an empty one: every existing file then counts as
    the user's, which is the safe way to be wrong.
    """
    try:
        data = json.loads((folder / WRITTEN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def unchanged_since_written(folder: Path, targets: Iterable[Path]) -> set[Path]:
    """Targets that exist with exactly the content contractkit last wrote there."""
    record = written(folder)
    same = set()
    for target in targets:
        key = target.relative_to(folder).as_posix()
        if (
            key in record
            and not target.is_symlink()
            and target.is_file()
            and sha256(target.read_bytes()) == record[key]
        ):
            same.add(target)
    return same


def record_bytes(folder: Path, hashes: dict[Path, str], kept: Iterable[Path] = ()) -> bytes:
    """The record after writing files with these SHA-256 ``hashes`` and keeping the
    user's ``kept`` ones (no longer ours: they are never replaced unless named)."""
    record = written(folder)
    for target in kept:
        record.pop(target.relative_to(folder).as_posix(), None)
    for target, digest in hashes.items():
        record[target.relative_to(folder).as_posix()] = digest
    return (json.dumps(dict(sorted(record.items())), indent=1) + "\n").encode("utf-8")
