"""Write outputs atomically and never clobber a user's file.

Why: an interrupted run must never leave a half-written contract under its final name,
and an existing file (or a symlink planted where an output goes) must never be replaced
or followed without ``--force``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contractkit.errors import OutputError, OutputExistsError

_SHOWN = 8  # existing files named in the message; a whole build folder would be 36


def check_free(paths: Iterable[Path], force: bool) -> None:
    """Refuse, listing every taken path, unless ``force``. Checked before anything is written.

    A folder where a file should go is refused even with ``force``: it cannot be replaced.
    """
    paths = list(paths)
    folders = [p for p in paths if p.is_dir() and not p.is_symlink()]
    if folders:
        raise OutputError(
            "a folder stands where an output file goes; nothing was written:",
            [str(p) for p in folders[:_SHOWN]],
        )
    seen: set[Path] = set()
    twice = [p for p in paths if p in seen or seen.add(p)]  # type: ignore[func-returns-value]
    if twice:
        raise OutputError(
            "two jobs would write the same file; give each its own output folder:",
            [str(p) for p in twice[:_SHOWN]],
        )
    if force:
        return
    taken = [p for p in paths if p.is_symlink() or p.exists()]
    if taken:
        raise OutputExistsError(
            f"{len(taken)} output file(s) already exist; nothing was written. "
            "Use --force to replace them, or choose another output:",
            [str(p) + (" (a symlink)" if p.is_symlink() else "") for p in taken[:_SHOWN]]
            + ([f"... and {len(taken) - _SHOWN} more"] if len(taken) > _SHOWN else []),
        )


def check_folders(paths: Iterable[Path]) -> None:
    """Refuse, before anything is written, outputs whose folder cannot be made or written."""
    problems = []
    for folder in sorted({p.parent for p in paths}):
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            problems.append(f"{folder}: {existing} is a file, not a folder")
        elif not os.access(existing, os.W_OK | os.X_OK):
            problems.append(f"{folder}: no permission to write in {existing}")
    if problems:
        raise OutputError("cannot write the output files; nothing was written:", problems)


def temp_prefix(path: Path) -> str:
    """``.<name>.<pid>.``: a later run can tell a dead run's leftovers from a live one's."""
    return f".{path.name}.{os.getpid()}."


def write_atomic(
    path: Path, data: bytes, *, replace: bool = True, sync_folder: bool = True
) -> None:
    """Write via a temp file in the same folder: flush, fsync, rename into place.

    ``os.replace`` on a symlink replaces the link itself, never the file it points to.
    The file gets the usual permissions (0666 less the umask), not mkstemp's 0600. With
    ``replace=False`` a file that appeared meanwhile is kept (see :func:`commit`).
    """
    commit(stage(path, data), path, replace=replace)
    if sync_folder:
        fsync_folder(path.parent)


def stage(path: Path, data: bytes, *, sync: bool = True) -> Path:
    """The first half of an atomic write: ``data`` fsynced in a temp file beside ``path``.

    Why separate: a build stages each file as soon as it is rendered, and renames them
    all (:func:`commit`) only once every file of the build is ready.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".part")
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
    except BaseException as e:
        discard(Path(tmp))
        if isinstance(e, OSError):
            raise OutputError(f"{path}: cannot write: {e.strerror}") from None
        raise
    return Path(tmp)


def sync_filesystems(folders: Iterable[Path]) -> bool:
    """Flush every staged file on the folders' filesystems in one call per filesystem.

    Why: a batch stages hundreds of files; one ``syncfs`` makes them all durable before
    any is renamed, for a fraction of the cost of an ``fsync`` each. Returns False where
    ``syncfs`` is unavailable (not Linux): the caller then fsyncs each file.
    """
    syncfs = _syncfs()
    if syncfs is None:
        return False
    done: set[int] = set()
    for folder in folders:
        device = folder.stat().st_dev
        if device in done:
            continue
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                return False
        finally:
            os.close(fd)
        done.add(device)
    return True


def can_sync_filesystems() -> bool:
    return _syncfs() is not None


@functools.cache
def _syncfs() -> Any:
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def commit(staged: Path, path: Path, *, replace: bool = True) -> None:
    """The second half: move the staged file to ``path`` (never through a symlink).

    With ``replace=False`` the move is a hard link, which fails if ``path`` exists: a
    file that appeared since the outputs were checked (another run writing the same
    folder) is never replaced. Where hard links are unsupported, an existence check
    right before the rename has to do.
    """
    try:
        if path.is_dir() and not path.is_symlink():
            raise OutputExistsError(f"{path}: is a folder; cannot write a file there")
        if replace:
            _keep_mode(path, staged)
            os.replace(staged, path)
        elif not _link(staged, path):
            os.replace(staged, path)
    except BaseException as e:
        discard(staged)
        if isinstance(e, FileExistsError):
            raise OutputExistsError(
                f"{path}: appeared while this run was writing (another run?); it was kept "
                "and nothing of this run was left. Run again with --force to replace it."
            ) from None
        if isinstance(e, OSError):
            raise OutputError(f"{path}: cannot write: {e.strerror}") from None
        raise


def _keep_mode(path: Path, staged: Path) -> None:
    """A file replaced with --force keeps its permissions (a contract made private stays
    private); a symlink is replaced, not followed, so its target's mode is not taken."""
    with contextlib.suppress(OSError):
        if not path.is_symlink():
            os.chmod(staged, stat.S_IMODE(path.stat().st_mode))


def _link(staged: Path, path: Path) -> bool:
    """Hard-link ``staged`` as ``path`` and drop the temp name; False where the filesystem
    has no hard links (the caller renames instead). FileExistsError if ``path`` exists."""
    try:
        os.link(staged, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as e:
        # no hard links here (FAT, some network and FUSE file systems): rename instead
        unsupported = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS)
        if e.errno not in (*unsupported, errno.EACCES):
            raise
        if path.is_symlink() or path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        return False
    discard(staged)
    return True


def discard(staged: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(staged)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (once per folder is enough)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
