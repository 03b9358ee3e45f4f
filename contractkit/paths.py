"""Where the shipped data lives: the clause library and the fonts.

Why: in the wheel the library sits inside the package (``contractkit/clauses``); in a
source checkout it is the top-level ``clauses/`` folder. Everything that reads data asks
here, so the two layouts never diverge.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from pathlib import Path

from contractkit.errors import ContractkitError

PACKAGE = Path(__file__).resolve().parent
FONTS = PACKAGE / "fonts"


@cache
def library_root() -> Path:
    for candidate in (PACKAGE / "clauses", PACKAGE.parent / "clauses"):
        if (candidate / "en").is_dir():
            return candidate
    raise RuntimeError("the clause library is missing from this installation")


@cache
def languages() -> tuple[str, ...]:
    """Languages whose folder has labels, contract clauses and letters: adding a language
    is adding files (a half-translated folder is not offered). A regional variant
    (``en-US``, see library/variants.py) is not a language of its own."""
    return tuple(
        sorted(
            p.name
            for p in library_root().iterdir()
            if "-" not in p.name
            and (p / "labels.yaml").is_file()
            and (p / "contract").is_dir()
            and (p / "letters").is_dir()
        )
    )


def read_limited(path: Path, limit: int, what: str, error: type[ContractkitError]) -> bytes:
    """The bytes of a file a user named, read only if it is a regular file of at most
    ``limit`` bytes; otherwise ``error`` saying why. ``FileNotFoundError`` propagates.

    Why: ``/dev/zero`` is "a file" that never ends and a FIFO blocks until someone
    writes to it; a name on the command line or in a config must not hang or exhaust a
    build. The file is opened without waiting (``O_NONBLOCK``) and checked by what the
    open file is, never by its name, so it cannot be swapped between check and read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except IsADirectoryError:
        raise error(f"{path}: is a folder; {what} must be a file") from None
    except PermissionError:
        raise error(f"{path}: cannot read {what}: permission denied") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device or a pipe"
            raise error(f"{path}: is {kind}, not a regular file; {what} must be a file")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(f"{path}: cannot read {what}: {e.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(f"{path}: too large for {what} (over {limit:,} bytes)")
    return data
