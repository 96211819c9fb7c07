"""What views share at run time: the store, the request time budget, and input helpers."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g

from api.errors import ApiError, TimeBudgetExceeded
from numclaims.errors import InputError
from numclaims.store import ClaimStore, validate_id

STORE_KEY = "numclaims_store"


def current_store() -> ClaimStore:
    """The app's claim store (opened by :func:`api.app.create_app`)."""
    return current_app.extensions[STORE_KEY]  # type: ignore[no-any-return]


@contextmanager
def time_budget() -> Iterator[None]:
    """Run the enclosed library work within what is left of ``REQUEST_TIME_BUDGET``.

    On the main thread (gunicorn's sync workers, the test client) a real-time interval timer
    interrupts the work with :class:`TimeBudgetExceeded` (a JSON 503). Elsewhere (the threaded
    development server) the budget is not enforced; gunicorn's ``--timeout`` is the backstop
    in production. Only pure computation runs under the timer: store writes happen outside
    it, so an interrupt never lands in the middle of a transaction.
    """
    budget = float(current_app.config.get("REQUEST_TIME_BUDGET") or 0)
    if budget <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return
    remaining = budget - (time.monotonic() - g.get("started", time.monotonic()))
    if remaining <= 0:
        raise TimeBudgetExceeded()

    def on_alarm(signum: int, frame: Any) -> None:
        raise TimeBudgetExceeded()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def checked_text(text: str, field: str) -> str:
    """``text`` unless it is longer than ``MAX_TEXT_CHARS`` (then a 413 naming the field)."""
    limit = int(current_app.config["MAX_TEXT_CHARS"])
    if len(text) > limit:
        raise ApiError(413, "text_too_long",
                       f"{len(text)} characters; the limit is {limit}", field=field)
    return text


def checked_id(value: str, field: str) -> str:
    """A story or document id from the URL, or a 422 naming it."""
    try:
        return validate_id(value, field)
    except InputError as exc:
        raise ApiError(422, "invalid_id", str(exc), field=field) from None


def base_currency(requested: str | None, field: str = "base_currency") -> str:
    """The request's base currency (or the server default), which must be convertible."""
    from numclaims.normalise.fx import supported_currencies

    code = requested or current_app.config["BASE_CURRENCY"]
    if code not in supported_currencies():
        raise ApiError(422, "unknown_currency",
                       f"{code!r} is not a currency with exchange rates; see /v1/currencies",
                       field=field)
    return code
