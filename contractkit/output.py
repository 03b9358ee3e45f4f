"""Write outputs atomically and never clobber a user's file.

Why: an interrupted run must never leave a half-written contract under its final name,
and an existing file (or a symlink planted where an output goes) must never be replaced
or followed without ``--force``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from contractkit.errors import OutputExistsError


def check_free(paths: Iterable[Path], force: bool) -> None:
    """Refuse, listing every taken path, unless ``force``. Checked before anything is written."""
    if force:
        return
    taken = [p for p in paths if p.is_symlink() or p.exists()]
    if taken:
        raise OutputExistsError(
            f"{len(taken)} output file(s) already exist; nothing was written. "
            "Use --force to replace them, or -o to choose another folder:",
            [str(p) + (" (a symlink)" if p.is_symlink() else "") for p in taken],
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder: flush, fsync, rename into place.

    ``os.replace`` on a symlink replaces the link itself, never the file it points to.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.is_dir() and not path.is_symlink():
            raise OutputExistsError(f"{path}: is a folder; cannot write a file there")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
