"""Safe writing: whole files or nothing, never a user's file replaced by surprise.

Why: an interrupted or failed run must never leave a half-written contract under its
final name, an existing file (or a symlink planted where an output goes) must never be
replaced without ``--force``, and two runs writing into one folder must never mix their
files. The mechanism is the textbook one:

- every file is written to a temp file beside its target, flushed and fsynced, then
  renamed (``os.replace``) or, when nothing may be replaced, hard-linked (``os.link``
  fails if the target exists) into place;
- a package of files is staged completely before the first one is put in place, and a
  failure takes back what this run had put in place (``try/finally``);
- each folder written to is locked (``fcntl.flock`` on the folder itself) for the whole
  run, so a second run into the same folder is refused instead of interleaved; while a
  run holds the lock, any temp file of ours in that folder is a leftover of a killed
  run, and is removed without trusting anything in its name.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from contractkit.errors import OutputError, OutputExistsError, OutputLockedError

_SHOWN = 8  # paths named in one message; a whole build folder would be 36
_SUFFIX = ".contractkit-part"  # what our temp files end in (a dot-file: hidden)


def check_targets(
    paths: Iterable[Path],
    force: bool,
    *,
    root: Path | None = None,
    replaceable: Collection[Path] = (),
) -> None:
    """Refuse, before anything is written, what this run must not or cannot write.

    A folder standing where a file goes, a symlinked folder between ``root`` and a
    target (files would land elsewhere), an unwritable folder; and, unless ``force``,
    any target that exists already (a symlink counts as existing) and is not among
    ``replaceable`` (files this program wrote and nobody has changed since).
    """
    paths = list(paths)
    _refuse(
        "a folder stands where an output file goes; nothing was written:",
        [str(p) for p in paths if p.is_dir() and not p.is_symlink()],
    )
    if root is not None:
        _refuse(
            "a folder inside the output folder is a symlink; contractkit never writes "
            "through one (remove it, or choose another output folder):",
            sorted({str(link) for p in paths for link in _linked_folders(root, p.parent)}),
        )
    _refuse(
        "cannot write the output files; nothing was written:",
        [
            problem
            for folder in sorted({p.parent for p in paths})
            for problem in _unwritable(folder)
        ],
    )
    if force:
        return
    taken = [p for p in paths if (p.is_symlink() or p.exists()) and p not in replaceable]
    if taken:
        shown = [str(p) + (" (a symlink)" if p.is_symlink() else "") for p in taken[:_SHOWN]]
        more = [f"... and {len(taken) - _SHOWN} more"] if len(taken) > _SHOWN else []
        raise OutputExistsError(
            f"{len(taken)} output file(s) already exist; nothing was written. "
            "Use --force to replace them, or choose another output:",
            shown + more,
        )


def _refuse(message: str, problems: list[str]) -> None:
    if problems:
        raise OutputError(message, problems[:_SHOWN])


def _linked_folders(root: Path, folder: Path) -> Iterator[Path]:
    """Folders from below ``root`` down to ``folder`` that are symlinks."""
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            yield current


def _unwritable(folder: Path) -> list[str]:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return [f"{folder}: {existing} is a file, not a folder"]
    if not os.access(existing, os.W_OK | os.X_OK):
        return [f"{folder}: no permission to write in {existing}"]
    return []


def write_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write one file atomically (a letter, a job file, a template): checked, locked,
    staged, put in place."""
    write_files([(path, data)], force=force)


def write_files(
    files: Iterable[tuple[Path, bytes]], *, force: bool, root: Path | None = None
) -> list[Path]:
    """Write files that appear together or not at all; see :class:`Package`."""
    files = list(files)
    with Package([p for p, _ in files], force=force, root=root) as package:
        for path, data in files:
            package.add(path, data)
    return [p for p, _ in files]


class Package:
    """A set of output files written as one: all in place, or none.

    Usage: ``with Package(targets, force=...) as p: p.add(target, data) ...``. The
    targets are checked and their folders locked on entry; each ``add`` stages a file;
    a clean exit puts every file in place; an exception (Ctrl-C and SIGTERM included)
    removes what was staged, takes back what was put in place (unless it replaced a file
    with ``--force``: the old content is gone by then) and the folders this run made.
    """

    def __init__(
        self,
        targets: list[Path],
        *,
        force: bool,
        root: Path | None = None,
        replaceable: Collection[Path] = (),
    ) -> None:
        self.targets = targets
        self.force = force
        self.root = root
        self.replaceable = frozenset(replaceable)
        self._staged: dict[Path, Path] = {}
        self._made: list[Path] = []
        self._locks = contextlib.ExitStack()

    def __enter__(self) -> Package:
        try:
            self._open()
        except BaseException:
            self._close(failed=True)
            raise
        return self

    def _open(self) -> None:
        def check() -> None:
            check_targets(self.targets, self.force, root=self.root, replaceable=self.replaceable)

        check()
        for folder in sorted({t.parent for t in self.targets}):
            self._made += _make_folder(folder)
            self._locks.enter_context(_locked(folder))
            _remove_leftovers(folder)
        check()  # again, now locked

    def add(self, target: Path, data: bytes) -> None:
        if target not in self.targets or target in self._staged:
            raise ValueError(f"{target} is not an output of this package, or added twice")
        self._staged[target] = _stage(target, data)

    def __exit__(self, kind: object, error: object, tb: object) -> None:
        self._close(failed=kind is not None)

    def _close(self, *, failed: bool) -> None:
        placed: list[Path] = []
        try:
            if not failed:
                missing = [t for t in self.targets if t not in self._staged]
                if missing:
                    raise ValueError(f"{len(missing)} output(s) were never added: {missing[0]}")
                for target in self.targets:
                    replace = self.force or target in self.replaceable
                    _place(self._staged[target], target, replace=replace)
                    del self._staged[target]  # renamed, or linked and its temp name gone
                    placed.append(target)
                for folder in sorted({t.parent for t in self.targets}):
                    _fsync_folder(folder)
                failed = False
        except BaseException:
            failed = True
            raise
        finally:
            for temp in self._staged.values():
                _discard(temp)
            if failed:
                for target in placed:  # a new file is taken back out; a replaced one
                    if not (self.force or target in self.replaceable):  # is gone already
                        _discard(target)
                for folder in reversed(self._made):
                    with contextlib.suppress(OSError):
                        folder.rmdir()  # only if empty
            self._locks.close()


def _make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` and missing parents; return those made, outermost first."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: cannot make the folder: {e.strerror}") from None
    return list(reversed(missing))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (flock on the folder itself: no lock file)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLockedError(
                f"{folder}: another contractkit run is writing here; nothing was written. "
                "Run again once it has finished."
            ) from None
        yield
    finally:
        os.close(fd)  # closing the folder releases the lock


def _remove_leftovers(folder: Path) -> None:
    """Remove temp files a killed run left (only while this run holds the folder's lock).

    Nothing in a name found on disk is trusted: only regular files ending in our
    suffix are removed, and one that cannot be removed (another user's) is left.
    """
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(_SUFFIX):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def _stage(target: Path, data: bytes) -> Path:
    """``data`` in a fsynced temp file beside ``target``, with the usual permissions."""
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=_SUFFIX)
    except OSError as e:
        raise OutputError(f"{target}: cannot write: {e.strerror}") from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _mode_for(target))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException as e:
        _discard(temp)
        if isinstance(e, OSError):
            raise OutputError(f"{target}: cannot write: {e.strerror}") from None
        raise
    return temp


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions (a contract made private stays private);
    a new one gets 0666 less the umask, as any program's new file does."""
    with contextlib.suppress(OSError):
        st = target.lstat()
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _place(temp: Path, target: Path, *, replace: bool) -> None:
    """Move the staged file to ``target``; without ``replace``, never over an existing one.

    ``os.replace`` over a symlink replaces the link, never the file it points to.
    """
    try:
        if replace:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError as e:  # a file system without hard links (FAT, some FUSE)
            if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            if target.is_symlink() or target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
            os.replace(temp, target)
        else:
            _discard(temp)
    except FileExistsError:
        raise OutputExistsError(
            f"{target}: appeared while this run was writing; it was kept. "
            "Run again with --force to replace it."
        ) from None
    except OSError as e:
        raise OutputError(f"{target}: cannot write: {e.strerror}") from None


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
