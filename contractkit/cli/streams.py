"""Standard streams as the user's shell left them: closed, full or broken is never a bug.

Why standard input: with it closed (``contractkit new FOLDER <&-``) Python has no
``sys.stdin`` and ``input()`` raised ``RuntimeError``; it is read as empty instead, so a
closed input ends the questions as the end of input does.

Why standard output: ``contractkit build … > /dev/full`` (or onto a full disk) wrote
every file and then reported an internal error for the summary it could not print.
Written through this stream, the first failed write of standard output becomes a plain
message and exit 1 (what was asked for on it was lost); a closed pipe stays a quiet end,
as before. Later writes, Python's own last flush at exit among them, are dropped instead
of failing again.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from typing import Any

from contractkit.errors import ContractkitError


class StdoutError(ContractkitError):
    """Standard output refused what was written to it."""

    exit_code = 1


class _Stdout(io.RawIOBase):
    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if self.failed:
            return size
        try:
            return os.write(self.fd, data)
        except BrokenPipeError:
            self.failed = True
            raise
        except OSError as e:
            self.failed = True
            raise StdoutError(f"cannot write to standard output: {e.strerror}") from None


def guard_streams() -> None:
    """A closed standard input read as empty; the guarded stream in place of
    ``sys.stdout`` when that is a file or a device other than a terminal.

    Why not for a terminal or a pipe: a pipe's only failure is a closed reader, already a
    quiet end, and ``input()`` ignores any exception from flushing its prompt, so a
    SIGTERM or Ctrl-C landing in Python code there would be lost: where the wizard runs
    (a terminal, or a pipe from a script), writing stays in C, as Python has it."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole run
    out = sys.stdout
    if out is None or not isinstance(out, io.TextIOWrapper) or out.isatty():
        return
    mode = os.fstat(out.fileno()).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISCHR(mode)):
        return
    out.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Stdout(out.fileno())),
        encoding=out.encoding,
        errors=out.errors,
        line_buffering=out.line_buffering,
    )
