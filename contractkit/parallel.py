"""Render files on all cores, in workers started before the job is read.

Why: a build is dozens of independent documents (contract and letters, PDF and DOCX, for
one job or a batch), each CPU-bound pure Python, and a cold run spends as long importing
renderers as rendering. Workers are forked first, each loads the renderers of its role
(PDF, or DOCX with the calendar and text) while the parent reads and assembles the jobs,
and tasks stream to them as each job is planned. Where ``fork`` is unavailable (macOS,
Windows), on one core, or with CONTRACTKIT_WORKERS=1, everything runs in this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from multiprocessing.queues import Queue
from pathlib import Path
from types import TracebackType
from typing import Any

from contractkit.errors import ContractkitError
from contractkit.interrupts import signals_held
from contractkit.output import can_sync_filesystems, stage
from contractkit.tasks import Task, perform, warm_up

# Which worker role renders which kind of file: PDFs alone cost about as much as all the
# rest, so they get their own workers. The calendar (.ics) needs the job model and the
# holiday tables, which the parent has or loads while it waits anyway, so it stays here.
ROLES: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "rest": frozenset({"docx", "txt"}),
}
LOCAL = frozenset({"ics"})


def role_of(kind: str) -> str:
    return "pdf" if kind == "pdf" else "rest"


def worker_count() -> int:
    """CONTRACTKIT_WORKERS if set to a number, else the usable cores (none on one core)."""
    forced = os.environ.get("CONTRACTKIT_WORKERS", "").strip()
    if forced.isdigit():
        n = min(int(forced), 64)
    elif sys.platform != "linux":
        n = 1
    else:
        n = len(os.sched_getaffinity(0))
    return 0 if n < 2 else n


def plan_roles(n: int) -> list[str]:
    """``n`` workers split between the roles, PDF first: 2 → pdf, rest; 3 → pdf, rest, pdf."""
    names = list(ROLES)
    return [names[i % len(names)] for i in range(n)]


class Pool:
    """Submit tasks as they are planned; collect every result, in order, at the end."""

    def __init__(self, workers: int | None = None) -> None:
        self._n = worker_count() if workers is None else workers
        self._tasks: list[Task] = []
        self._queues: dict[str, Queue[Any]] = {}
        self._results: Queue[Any] | None = None
        self._procs: list[multiprocessing.process.BaseProcess] = []

    def __enter__(self) -> Pool:
        if self._n:
            ctx = multiprocessing.get_context("fork")
            self._results = ctx.Queue()
            roles = plan_roles(self._n)
            self._queues = {role: ctx.Queue() for role in set(roles)}
            self._roles = roles
            for role in roles:
                others = [q for r, q in self._queues.items() if r != role]
                proc = ctx.Process(
                    target=_work,
                    args=(ROLES[role], self._queues[role], others, self._results, os.getpid()),
                    daemon=True,
                )
                proc.start()
                self._procs.append(proc)
        return self

    def submit(self, tasks: Sequence[Task], targets: Sequence[Path] | None = None) -> None:
        """Queue tasks; with ``targets``, a worker also stages each file (writes it to a
        temp file beside its target) and hands back the temp file's path, not the bytes.

        Signals wait until the tasks are queued: a Ctrl-C inside ``Queue.put`` can leave
        the queue's lock taken, and the queue would then hang the program as it closes.
        """
        with signals_held():  # see _put
            for i, task in enumerate(tasks):
                index = len(self._tasks)
                self._tasks.append(task)
                if self._queues and task.kind not in LOCAL:
                    target = targets[i] if targets is not None else None
                    self._queues[role_of(task.kind)].put((index, task, target))

    def results(self) -> list[bytes]:
        """Every submitted task's bytes, in submission order (raises the first failure)."""
        out: list[bytes] = [b""] * len(self._tasks)
        for index, data in self.as_done():
            out[index] = data if isinstance(data, bytes) else b""
        return out

    def as_done(self) -> Iterator[tuple[int, bytes | Path]]:
        """(index, bytes or staged path) of every task as each is ready; raises on failure."""
        if not self._queues or self._results is None:
            for index, task in enumerate(self._tasks):
                yield index, perform(task)
            return
        self._finish()
        local = [i for i, task in enumerate(self._tasks) if task.kind in LOCAL]
        for i in local:  # while the workers render
            yield i, perform(self._tasks[i])
        for _ in range(len(self._tasks) - len(local)):
            index, ok, value = self._next_result()
            if not ok:
                raise value
            yield index, value

    def _finish(self) -> None:
        """Tell each worker there is no more: a stop mark queued after its role's tasks."""
        if self._procs and not getattr(self, "_finished", False):
            self._finished = True
            with signals_held():
                for role in self._roles:
                    self._queues[role].put(None)

    def _next_result(self) -> tuple[int, bool, Any]:
        """The next result; a worker that died (killed, out of memory) is an error, never
        a wait forever."""
        assert self._results is not None
        while True:
            try:
                result: tuple[int, bool, Any] = self._results.get(timeout=0.5)
                return result
            except queue.Empty:
                dead = [p.exitcode for p in self._procs if p.exitcode not in (None, 0)]
                if dead or all(p.exitcode is not None for p in self._procs):
                    with contextlib.suppress(queue.Empty):  # results that beat the exit
                        late: tuple[int, bool, Any] = self._results.get(timeout=0.5)
                        return late
                    raise RuntimeError(
                        f"a rendering worker stopped unexpectedly (exit code {dead or 0})"
                    ) from None

    def abort(self) -> None:
        """Stop the workers at once, whatever they are doing, and wait until they are gone.

        Why not let them finish their files: they would go on staging files of a build
        that has failed, and a worker stuck on a full pipe would hold everything up.
        A killed worker's partial temp file is named with its (now dead) process id,
        which is how the caller finds and removes it.
        """
        for proc in self._procs:
            if proc.is_alive():
                proc.kill()
        for proc in self._procs:
            proc.join(timeout=5)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:  # tasks left unsent must not keep this process from exiting
            for pending in self._queues.values():
                pending.cancel_join_thread()
            self.abort()
            return
        self._finish()
        for proc in self._procs:
            proc.join(timeout=5 if exc is None else 0.2)
            if proc.is_alive():
                proc.terminate()


# A worker helps with another role's files only when that role is this far behind: in a
# batch, PDFs pile up and both workers should make them; in a single build, warming a
# second renderer would cost more than it saves.
STEAL_BACKLOG = 16


def _work(
    kinds: frozenset[str],
    own: Queue[Any],
    others: list[Queue[Any]],
    results: Queue[Any],
    parent: int,
) -> None:
    """A worker: load the renderers of its role, render its tasks, then help the others.

    After its own stop mark a worker keeps taking other roles' tasks while they have a
    backlog (in a batch the PDFs finish last), and leaves when none is worth taking.
    Ctrl-C is the parent's to handle; and a worker never outlives its parent, even one
    killed outright (it would otherwise wait for tasks forever).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is the parent's
    _die_with_parent()
    warm_up(kinds)
    helped: set[int] = set()  # the other roles' queues this worker has taken tasks from
    own_done = False
    while True:
        source, item = _steal(others, helped) if own_done else _next(own, others, helped)
        if item is None:
            if source is own:
                own_done = True  # every task of this role has been taken
                continue
            if source is not None:
                source.put(None)  # another role's stop mark: not ours to take
            if own_done or os.getppid() != parent:
                return
            continue
        if source is not own:
            helped.add(id(source))
        index, task, target = item
        try:
            data = perform(task)
            if target is not None:
                results.put((index, True, stage(target, data, sync=not can_sync_filesystems())))
            else:
                results.put((index, True, data))
        except ContractkitError as e:
            results.put((index, False, e))
        except Exception as e:  # a bug: report it in one line; the traceback goes along as
            # a note, which only --debug prints
            error = RuntimeError(f"in a rendering worker: {type(e).__name__}: {e}")
            error.add_note(traceback.format_exc())
            results.put((index, False, error))


def _next(
    own: Queue[Any], others: list[Queue[Any]], helped: set[int]
) -> tuple[Queue[Any] | None, Any]:
    """(queue, item): this role's next task, else a backlogged role's, else wait a little."""
    with contextlib.suppress(queue.Empty):
        return own, own.get_nowait()
    source, item = _steal(others, helped)
    if source is not None:
        return source, item
    with contextlib.suppress(queue.Empty):
        return own, own.get(timeout=0.05)
    return None, None


def _steal(others: list[Queue[Any]], helped: set[int]) -> tuple[Queue[Any] | None, Any]:
    """A task from another role with a backlog worth helping with, else (None, None).

    A role this worker has helped before (its renderer already loaded) is helped as soon
    as more than its stop mark is waiting; another only once it is far behind.
    """
    for other in others:
        if _backlog(other) > (1 if id(other) in helped else STEAL_BACKLOG):
            with contextlib.suppress(queue.Empty):
                return other, other.get_nowait()
    return None, None


def _backlog(q: Queue[Any]) -> int:
    try:
        return q.qsize()
    except NotImplementedError:  # macOS has no qsize; workers only run on Linux anyway
        return 0


def _die_with_parent() -> None:
    """Linux: have the kernel end this worker when its parent process dies."""
    with contextlib.suppress(OSError, AttributeError):  # else the poll in _work covers it
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
