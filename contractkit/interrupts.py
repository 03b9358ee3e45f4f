"""Ctrl-C and SIGTERM: a clean stop, never a half-finished clean-up.

Why: a signal becomes an exception where the program is (KeyboardInterrupt, or
:class:`Terminated` for SIGTERM), so whatever cleans up after Ctrl-C runs, for both.
While a failed run cleans up, signals are deferred: noted, and delivered once the
clean-up is done (a user pressing Ctrl-C twice, or a supervisor following Ctrl-C with
SIGTERM, would otherwise cut it short and leave temp files behind).

A signal mask would not do: it holds signals off for one thread only, and the kernel then
hands them to another (multiprocessing's queue threads), after which Python still raises
them in the main thread. So the handlers themselves are swapped for ones that take note.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

from contractkit.errors import Terminated

_HELD = (signal.SIGINT, signal.SIGTERM)
_received: list[int] = []


def install() -> None:
    """For the console command: SIGTERM raises :class:`Terminated` as SIGINT raises
    KeyboardInterrupt, and both are remembered (see :func:`received`)."""
    for sig in _HELD:
        signal.signal(sig, _raise)


def _raise(signum: int, frame: Any) -> None:
    _received.append(signum)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def received() -> int | None:
    """The signal that stopped this process, if one did (a library may have wrapped the
    exception it raised in an error of its own)."""
    return _received[0] if _received else None


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; it is also where they would run
        return
    noted: list[int] = []

    def note(signum: int, frame: Any) -> None:
        noted.append(signum)

    previous = {sig: signal.signal(sig, note) for sig in _HELD}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if noted:
            signal.raise_signal(noted[0])
