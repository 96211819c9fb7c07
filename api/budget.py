"""Deadlines that stop pure-Python work on any thread: one watchdog thread per process.

``with deadline(seconds):`` arms a deadline for the calling thread. A daemon watchdog keeps
every armed deadline in a heap and, when one passes while its block is still running, raises
:class:`~api.errors.TimeBudgetExceeded` inside that thread with
``PyThreadState_SetAsyncExc``. That works on request threads (gunicorn's gthread workers, the
threaded development server) where ``SIGALRM`` cannot: signals reach the main thread only.

Guarantees:

- The exception is never raised after the block has exited: the watchdog fires only while
  holding the lock, and only for a deadline still armed; leaving the block disarms it under
  that lock and clears an exception that was set but not yet raised.
- A block that ran past its deadline always ends in the exception, raised by the ``with``
  statement itself when the interrupt was lost (swallowed by a gc callback or a broad
  ``except``, or delivered as the block was ending): the outcome does not depend on which
  bytecode the interrupt happened to land on.
- Library code that swallows the exception (an ``except Exception`` around pint, say) is
  interrupted again every ``REFIRE_INTERVAL`` seconds until the block exits.

The exception is delivered between bytecodes: a single long C call (one huge regex match)
finishes before it lands, as it would with ``SIGALRM``. Only computation belongs inside the
block; transactions stay outside it, so an interrupt never lands inside a store write.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from api.errors import TimeBudgetExceeded

#: Seconds between repeated interrupts of a block that caught the first one and went on.
REFIRE_INTERVAL = 0.5


@dataclass(order=True)
class _Deadline:
    at: float
    seq: int
    thread_id: int = field(compare=False)
    armed: bool = field(default=True, compare=False)
    fired: bool = field(default=False, compare=False)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    # None is passed as NULL (no argtypes set), which clears a pending exception
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


class Watchdog:
    """The per-process deadline heap and the daemon thread that enforces it."""

    def __init__(self) -> None:
        self._reset()
        # threads do not survive fork (gunicorn preloads the app in the master, then forks
        # its workers): each child starts with an empty heap and its own watchdog thread
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._heap: list[_Deadline] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> _Deadline:
        """Arm a deadline ``seconds`` from now for the calling thread."""
        entry = _Deadline(time.monotonic() + seconds, 0, threading.get_ident())
        with self._lock:
            entry.seq = next(self._seq)
            heapq.heappush(self._heap, entry)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="numclaims-watchdog",
                                                daemon=True)
                self._thread.start()
            self._wake.notify()
        return entry

    def disarm(self, entry: _Deadline) -> None:
        """Disarm ``entry`` (the calling thread's): no interrupt can follow this call."""
        with self._lock:
            entry.armed = False
            if entry.fired:
                _set_async_exc(entry.thread_id, None)

    def _run(self) -> None:
        with self._lock:
            while True:
                while self._heap and not self._heap[0].armed:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._wake.wait()
                    continue
                wait = self._heap[0].at - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                entry = heapq.heappop(self._heap)
                entry.fired = True
                _set_async_exc(entry.thread_id, TimeBudgetExceeded)
                # again later, in case the block caught it and carried on
                entry.at = time.monotonic() + REFIRE_INTERVAL
                heapq.heappush(self._heap, entry)


WATCHDOG = Watchdog()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeBudgetExceeded` in this thread if the block runs past ``seconds``.

    >>> with deadline(5):
    ...     sum(range(1000))
    499500
    >>> try:
    ...     with deadline(0.05):
    ...         while True:
    ...             pass
    ... except TimeBudgetExceeded:
    ...     print("stopped")
    stopped
    """
    if seconds <= 0:
        raise TimeBudgetExceeded()
    entry = WATCHDOG.arm(seconds)
    try:
        yield
    except BaseException:
        _leave(entry)
        raise
    _leave(entry)
    if entry.fired:
        # The deadline passed before the block ended, yet the block completed: its interrupt
        # was swallowed (a gc callback reports it as unraisable and goes on; so does a broad
        # except) or it arrived as the block was ending. Either way the work ran over budget,
        # and the caller must hear so every time, not only when the interrupt landed well.
        raise TimeBudgetExceeded()


def _leave(entry: _Deadline) -> None:
    # The interrupt may arrive while the block is ending, before disarm() holds the lock: it
    # is taken here (deadline() then raises it plainly) and the next turn disarms. A second one can
    # only follow REFIRE_INTERVAL later, so two turns suffice; the third is a margin.
    for _ in range(3):
        try:
            WATCHDOG.disarm(entry)
            return
        except TimeBudgetExceeded:
            continue
