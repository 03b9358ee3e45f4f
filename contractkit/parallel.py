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

# Relative cost of one file of each kind, from bench/ profiles: enough to balance chunks.
_COST = {"docx": 1.0, "pdf": 0.9, "ics": 0.3, "eml": 0.9, "txt": 0.05}
_MIN_PER_WORKER = 1.5  # below this much work a worker costs more than it saves

_pending: Sequence[Maker] = ()


def workers_for(total_cost: float) -> int:
    """How many processes to use: CONTRACTKIT_WORKERS, else the usable cores."""
    forced = os.environ.get("CONTRACTKIT_WORKERS")
    if forced:
        return max(1, int(forced))
    if sys.platform != "linux":
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, int(total_cost / _MIN_PER_WORKER)))


def chunks(kinds: Sequence[str], n: int) -> list[list[int]]:
    """Split indices into ``n`` contiguous runs of similar cost, grouped by kind."""
    order = sorted(range(len(kinds)), key=lambda i: (kinds[i], i))
    costs = [_COST.get(kinds[i], 1.0) for i in order]
    share = sum(costs) / n
    out: list[list[int]] = [[]]
    acc = 0.0
    for i, cost in zip(order, costs, strict=True):
        if acc >= share * len(out) and len(out) < n:
            out.append([])
        out[-1].append(i)
        acc += cost
    return [c for c in out if c]


def _render_chunk(indices: list[int]) -> list[tuple[int, bytes]]:
    return [(i, _pending[i]()) for i in indices]


def render_all(makers: Sequence[Maker], kinds: Sequence[str]) -> list[bytes]:
    """Call every maker and return the bytes in order, in parallel where it pays."""
    global _pending
    n = workers_for(sum(_COST.get(k, 1.0) for k in kinds))
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
