"""Ctrl-C and SIGTERM: a clean stop, never a half-finished clean-up.

Why: a signal becomes an exception where the program is (KeyboardInterrupt, or
:class:`Terminated` for SIGTERM), so whatever cleans up after Ctrl-C runs, for both. A
user pressing Ctrl-C twice, or a supervisor following Ctrl-C with SIGTERM, must not cut
that clean-up short and leave temp files behind: a second signal soon after the first is
let pass, and while a failed run cleans up, signals are deferred (noted, and delivered
once the clean-up is done).

A signal mask would not do: it holds signals off for one thread only, and the kernel then
hands them to another (multiprocessing's queue threads), after which Python still raises
them in the main thread. So the handlers themselves are swapped for ones that take note.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from typing import TYPE_CHECKING

from contractkit.errors import Terminated

if TYPE_CHECKING:  # the console command imports this first: nothing it need not
    from collections.abc import Iterator
    from typing import Any

_HELD = (signal.SIGINT, signal.SIGTERM)
# After a signal, further ones are let pass for this long: the program is already on its
# way out, and one arriving before the clean-up has even begun would skip it. Later ones
# interrupt again (in case the first was lost, or the clean-up hangs).
_GRACE = 5.0
_received: list[int] = []
_stopping_since: list[float] = []


def install() -> None:
    """For the console command: SIGTERM raises :class:`Terminated` as SIGINT raises
    KeyboardInterrupt, and both are remembered (see :func:`received`)."""
    for sig in _HELD:
        signal.signal(sig, _raise)


def _raise(signum: int, frame: Any) -> None:
    _received.append(signum)
    now = time.monotonic()
    if _stopping_since and now - _stopping_since[-1] < _GRACE:
        return  # already stopping
    _stopping_since.append(now)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def raise_if_received() -> None:
    """Raise the interrupt of a signal that arrived but was lost (Python drops an
    exception raised inside a finaliser or a weak-reference callback): called before a
    point of no return, such as putting a build's files in place."""
    if _received:
        raise Terminated if _received[0] == signal.SIGTERM else KeyboardInterrupt


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
