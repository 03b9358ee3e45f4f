"""Holding Ctrl-C and SIGTERM off while a failed run cleans up after itself.

Why: a user who presses Ctrl-C twice (or a supervisor that follows Ctrl-C with SIGTERM)
would otherwise cut the clean-up short and leave hundreds of temp files behind. The
signals are only deferred: they arrive, and end the program, once the clean-up is done.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
