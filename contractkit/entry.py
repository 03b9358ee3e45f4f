"""The console entry point, importing nothing before it can handle Ctrl-C.

Why: the ``contractkit`` command spends its first tens of milliseconds importing click
and the commands; a Ctrl-C then would print a Python traceback. Here it exits quietly.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    try:
        from contractkit.interrupts import install

        install()  # SIGTERM stops the program as cleanly as Ctrl-C
        from contractkit.cli import run as run_cli
    except KeyboardInterrupt as e:  # Terminated, for SIGTERM, is one too
        from contractkit.errors import Terminated

        sys.stderr.write("\nStopped.\n" if isinstance(e, Terminated) else "\nInterrupted.\n")
        sys.stderr.flush()
        os._exit(143 if isinstance(e, Terminated) else 130)
    run_cli()
