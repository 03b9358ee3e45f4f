"""Render many independent files on all cores.

Why: a build is dozens of independent documents (contract and letters, PDF and DOCX, for
one job or a batch), each CPU-bound pure Python. Forked workers inherit the imported
modules, registered fonts and compiled templates, so the work splits cleanly. Each
worker gets a contiguous run of files of mostly one kind, so it loads each renderer and
compiles each template once. Where ``fork`` is not available (macOS, Windows), or the
job is small, rendering stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence

Maker = Callable[[], bytes]

# Rough cost in ms of the first file of a kind in a fresh worker (imports, fonts, the
# holiday calendar) and of each further one, from bench/ profiles: enough to balance.
_SETUP = {"docx": 70.0, "pdf": 200.0, "ics": 190.0, "eml": 200.0, "txt": 1.0}
_EACH = {"docx": 8.0, "pdf": 10.0, "ics": 5.0, "eml": 12.0, "txt": 0.5}
_MIN_PER_WORKER = 120.0  # ms: below this much work a worker costs more than it saves

_pending: Sequence[Maker] = ()


def cost(kinds: Sequence[str]) -> float:
    return sum(_SETUP.get(k, 50.0) for k in set(kinds)) + sum(_EACH.get(k, 10.0) for k in kinds)


def workers_for(total_cost: float) -> int:
    """How many processes to use: CONTRACTKIT_WORKERS, else the usable cores."""
    forced = os.environ.get("CONTRACTKIT_WORKERS", "")
    if forced.strip().isdigit():
        return max(1, int(forced))
    if sys.platform != "linux":
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, int(total_cost / _MIN_PER_WORKER)))


def chunks(kinds: Sequence[str], n: int) -> list[list[int]]:
    """Split indices into at most ``n`` groups of similar cost, keeping kinds together.

    Each kind stays in one worker (paying its setup once) unless it alone is more than a
    worker's share, as in a large batch; then it is cut into that many pieces. Pieces go
    to the least-loaded worker, largest first.
    """
    by_kind: dict[str, list[int]] = {}
    for i, kind in enumerate(kinds):
        by_kind.setdefault(kind, []).append(i)
    share = cost(kinds) / n
    pieces: list[tuple[float, list[int]]] = []
    for kind, items in by_kind.items():
        total = cost([kind] * len(items))
        parts = max(1, min(n, len(items), int(total // share)))
        for p in range(parts):
            part = items[p::parts]
            pieces.append((cost([kind] * len(part)), part))
    loads: list[tuple[float, list[int]]] = [(0.0, []) for _ in range(n)]
    for weight, part in sorted(pieces, key=lambda x: -x[0]):
        k = min(range(n), key=lambda j: loads[j][0])
        loads[k] = (loads[k][0] + weight, loads[k][1] + part)
    return [sorted(group) for _, group in loads if group]


def _render_chunk(indices: list[int]) -> list[tuple[int, bytes]]:
    return [(i, _pending[i]()) for i in indices]


def render_all(makers: Sequence[Maker], kinds: Sequence[str]) -> list[bytes]:
    """Call every maker and return the bytes in order, in parallel where it pays."""
    global _pending
    n = workers_for(cost(kinds))
    if n <= 1:
        return [make() for make in makers]
    _pending = makers
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            done = pool.map(_render_chunk, chunks(kinds, n), chunksize=1)
    finally:
        _pending = ()
    results: list[bytes] = [b""] * len(makers)
    for chunk in done:
        for i, data in chunk:
            results[i] = data
    return results
