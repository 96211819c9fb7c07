"""An ordered, bounded parallel map over worker processes.

``ProcessPoolExecutor.map`` and ``Pool.imap`` read their whole input ahead of the workers, so a
1 GB input would sit in memory; here at most ``jobs * AHEAD`` chunks are in flight, results come
back in input order, and memory stays flat whatever the input size.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 4  # chunks queued per worker: enough to hide scheduling gaps, small enough to stay flat
CHUNK_BYTES = 1_000_000  # input bytes per chunk at most (and one document), with chunked(weigh=)


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunked(items: Iterable[T], size: int, *, weigh: Callable[[T], int] | None = None,
            budget: int = 0) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter); with ``weigh``, a list also ends
    once its items weigh ``budget``, so that what is in flight stays small when items are large
    (a few 10 MB documents travel alone, not sixteen together).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    >>> list(chunked([1, 9, 1, 1, 1], 3, weigh=lambda n: n, budget=5))
    [[1, 9], [1, 1, 1]]
    """
    iterator = iter(items)
    if weigh is None:
        while chunk := list(itertools.islice(iterator, size)):
            yield chunk
        return
    chunk, weight = [], 0
    for item in iterator:
        chunk.append(item)
        weight += weigh(item)
        if len(chunk) >= size or weight >= budget:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's warmed caches (lexicons, pint registry) copy-on-write; where it is
    # not available, the initializer builds them once per worker instead
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start_worker(initializer: Callable[[], None] | None) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run and shuts the pool down,
    # so a worker lets it pass instead of dying mid-task with a traceback of its own. The worker
    # was born with SIGINT held back (see _forking), so one that came before this line is dropped
    # here rather than killing the worker and breaking the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer()


def ordered_map(
    func: Callable[[list[T]], R],
    chunks: Iterable[list[T]],
    jobs: int,
    *,
    initializer: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``func(chunk)`` for every chunk, in order, over ``jobs`` processes (in-process for 1)."""
    if jobs <= 1:
        if initializer is not None:
            initializer()
        yield from map(func, chunks)
        return
    pending: deque[Future[R]] = deque()
    context = _context()
    if initializer is not None and context.get_start_method() == "fork":
        initializer()  # once here, and every forked worker starts with it done
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=partial(_start_worker, initializer))
    finished = False
    try:
        for chunk in chunks:
            with _forking():
                pending.append(pool.submit(func, chunk))
            if len(pending) >= jobs * AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        # Stopped early (Ctrl-C, an error, or the reader went away): what has not started is
        # dropped, including a submit that Ctrl-C cut short, which a plain shutdown would wait
        # for forever; what is running finishes, as workers ignore Ctrl-C.
        pool.shutdown(wait=True, cancel_futures=not finished)


@contextmanager
def _forking() -> Iterator[None]:
    """SIGINT held back from this thread while ``submit`` may fork workers: a child inherits the
    mask, so Ctrl-C cannot reach it before it has set itself to ignore Ctrl-C."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
