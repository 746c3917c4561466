"""``--jobs N``: a map over sources in worker processes, the local form of the per-source map.

Extraction reads one source and writes nothing another source reads, so it is a map over
sources: ``pmap`` runs a module-level function over tasks in ``jobs`` processes (spawned, so it
behaves the same on every OS) and returns the results in the order of the tasks, whatever order
the workers finish in. Everything that depends on order -- ids, errors, printed lines, files
written -- is settled afterwards in the parent, so ``--jobs 4`` writes the same bytes as
``--jobs 1``. Workers start with the parent's settings (``--max-bytes``) and ignore Ctrl-C: the
parent is interrupted, cancels what has not started and says so once.
"""

from __future__ import annotations

import signal
from typing import Any, Callable, Iterator, Sequence

from . import settings


def _init(conf: settings.Settings) -> None:
    import gc
    from . import pipeline  # noqa: F401 - loaded once, then frozen as ``cli.main`` does
    settings.SETTINGS = conf
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


def pmap(fn: Callable[[Any], Any], tasks: Sequence[Any], jobs: int) -> Iterator[Any]:
    """fn(t) for each of ``tasks``, in task order, computed in ``min(jobs, len(tasks))`` worker
    processes; results are yielded as they are ready (so a progress bar can follow them)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    workers = max(1, min(jobs, len(tasks)))
    if workers == 1:
        yield from map(fn, tasks)
        return
    # small chunks keep the workers evenly loaded; the results still come back in task order
    chunk = max(1, min(16, len(tasks) // (workers * 8)))
    ctx = multiprocessing.get_context("spawn")
    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(settings.SETTINGS,))
    try:
        yield from ex.map(fn, tasks, chunksize=chunk)
    finally:  # done, failed or interrupted: nothing is left running
        ex.shutdown(wait=True, cancel_futures=True)
