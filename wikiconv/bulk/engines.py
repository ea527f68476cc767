"""Run :func:`~wikiconv.bulk.article.convert_article` over many tasks, results in input order.

Every engine takes a lazy iterator of tasks and yields results in the same order, keeping only
a bounded window of tasks in flight, so memory does not grow with the number of inputs:

* ``serial``: in this process (``--jobs 1``);
* ``pool``: a :class:`~concurrent.futures.ProcessPoolExecutor`, tasks sent in chunks;
* ``dask``: windows of tasks as Dask bags on a ``distributed`` cluster (a local one unless a
  scheduler address is given); needs the ``wikiconv[dask]`` extra.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import Any

from wikiconv.bulk.article import (
    ArticleResult,
    ConvertSettings,
    convert_article,
    convert_chunk,
    worker_result,
)
from wikiconv.bulk.inputs import ArticleTask
from wikiconv.errors import WikiconvError

ENGINES = ("pool", "dask")
CHUNK_SIZE = 8  # tasks a worker gets per round trip
CHUNKS_PER_WORKER = 4  # chunks in flight per worker
DASK_WINDOW_PER_WORKER = 64  # tasks per Dask bag, per worker
# Converted once before the workers are forked, so that they inherit built parsers and imports.
WARM_UP = ArticleTask(
    0,
    "<warm-up>",
    "<warm-up>",
    title="Warm-up",
    text="# Warm-up\n\n**Warm-up** is a [[test]] company founded in 2018 in [[Paris]].[1]\n\n"
    '- a *list*\n\n## References\n\n1. Doe, Jane. "A title." Example News, 2020.\n',
)


Note = Callable[[str, float], None]  # gets (stage, seconds) of an engine's own work


def _no_note(stage: str, seconds: float) -> None:
    """Drop a timing."""


class EngineError(WikiconvError):
    """An engine cannot run (for example, Dask is not installed)."""


def batched(items: Iterable[ArticleTask], size: int) -> Iterator[list[ArticleTask]]:
    """Lists of up to ``size`` consecutive items."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def serial_results(
    tasks: Iterable[ArticleTask], settings: ConvertSettings
) -> Generator[ArticleResult, None, None]:
    """Convert in this process, one task after another."""
    for task in tasks:
        yield worker_result(task, settings)


def _worker_init() -> None:
    """Leave Ctrl-C to the parent, which stops the pool in order; exit if the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        """End this worker once its parent is gone (killed), instead of waiting forever."""
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="wikiconv-parent-watch", daemon=True).start()


def pool_results(
    tasks: Iterable[ArticleTask],
    settings: ConvertSettings,
    jobs: int,
    chunk_size: int = CHUNK_SIZE,
    note: Note = _no_note,
) -> Generator[ArticleResult, None, None]:
    """Convert on ``jobs`` worker processes; at most ``jobs * 4`` chunks are in flight."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    forked = context.get_start_method() == "fork"
    if forked:  # forked workers start warmed up, and their collector skips what they inherit
        start = time.perf_counter()
        convert_article(WARM_UP, replace(settings, parts_dir=None, save_dir=None))
        gc.freeze()  # fewer objects to scan in each collection, fewer pages copied
        note("warm-up", time.perf_counter() - start)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)
    chunks = batched(tasks, chunk_size)
    pending: deque[Future[list[ArticleResult]]] = deque()

    def fill() -> None:
        """Top up the window of chunks in flight."""
        while len(pending) < jobs * CHUNKS_PER_WORKER:
            chunk = next(chunks, None)
            if chunk is None:
                return
            pending.append(pool.submit(convert_chunk, chunk, settings))

    try:
        fill()
        while pending:
            results = pending.popleft().result()
            fill()
            yield from results
    finally:
        start = time.perf_counter()
        pool.shutdown(wait=True, cancel_futures=True)
        if forked:
            gc.unfreeze()
        note("shutdown", time.perf_counter() - start)


def dask_available() -> bool:
    """Whether ``dask.bag`` and ``distributed`` can be imported."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def dask_results(
    tasks: Iterable[ArticleTask],
    settings: ConvertSettings,
    jobs: int,
    scheduler: str | None = None,
    window: int | None = None,
) -> Generator[ArticleResult, None, None]:
    """Convert windows of tasks as Dask bags; two windows are in flight at a time."""
    if not dask_available():
        raise EngineError("the dask engine needs the extra: pip install 'wikiconv[dask]'")
    import dask.bag as db
    from distributed import Client, LocalCluster

    for name in ("distributed", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    size = window or DASK_WINDOW_PER_WORKER * max(jobs, 1)
    try:
        pending: deque[Any] = deque()
        windows = batched(tasks, size)

        def fill() -> None:
            """Keep two windows computing."""
            while len(pending) < 2:
                batch = next(windows, None)
                if batch is None:
                    return
                parts = max(1, min(len(batch), jobs * CHUNKS_PER_WORKER))
                bag = db.from_sequence(batch, npartitions=parts).map(worker_result, settings)
                pending.append(client.compute(bag))

        fill()
        while pending:
            results: list[ArticleResult] = pending.popleft().result()
            fill()
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def results(
    tasks: Iterable[ArticleTask],
    settings: ConvertSettings,
    engine: str = "pool",
    jobs: int = 1,
    scheduler: str | None = None,
    note: Note = _no_note,
) -> Generator[ArticleResult, None, None]:
    """Results of every task, in order, from the chosen engine; ``note`` gets its timings."""
    if engine == "dask":
        return dask_results(tasks, settings, jobs, scheduler)
    if engine != "pool":
        raise EngineError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if jobs <= 1:
        return serial_results(tasks, settings)
    return pool_results(tasks, settings, jobs, note=note)
