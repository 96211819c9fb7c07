"""What views share at run time: the store, the request time budget, and input helpers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, request

from api.budget import deadline
from api.errors import ApiError
from numclaims.errors import InputError
from numclaims.store import ClaimStore, validate_id

STORE_KEY = "numclaims_store"


def current_store() -> ClaimStore:
    """The app's claim store (opened by :func:`api.app.create_app`)."""
    return current_app.extensions[STORE_KEY]  # type: ignore[no-any-return]


@contextmanager
def time_budget() -> Iterator[None]:
    """Run the enclosed library work within what is left of ``REQUEST_TIME_BUDGET``.

    Past it, :class:`TimeBudgetExceeded` (a JSON 503) interrupts the work on whatever thread
    runs the request: gthread's pool threads, the development server's threads, the test
    client's main thread (see :mod:`api.budget`). Only pure computation runs inside: store
    writes happen outside it, so an interrupt never lands in the middle of a transaction.
    """
    budget = float(current_app.config.get("REQUEST_TIME_BUDGET") or 0)
    if budget <= 0:
        yield
        return
    with deadline(budget - (time.monotonic() - g.get("started", time.monotonic()))):
        yield


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


def positive_int_arg(name: str, limit: int = 999_999_999, minimum: int = 1) -> int | None:
    """The query argument ``name`` as an integer from ``minimum`` to ``limit``, ``None`` when absent,
    else a 422 naming it. ASCII digits only: ``str.isdigit`` also takes "²", "１" and "١"
    (``int()`` refuses the first, reads the others as 1).

    >>> from flask import Flask
    >>> with Flask(__name__).test_request_context("/?version=%C2%B2"):
    ...     positive_int_arg("version")
    Traceback (most recent call last):
    ...
    api.errors.ApiError: version: must be a positive integer to 999999999 (ASCII digits)
    """
    raw = request.args.get(name)
    if raw is None:
        return None
    # the length first: int() refuses more than 4300 digits
    if (not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(limit))
            or not minimum <= int(raw) <= limit):
        what = "a positive integer" if minimum == 1 else f"an integer from {minimum}"
        raise ApiError(422, "invalid_value", f"must be {what} to {limit} (ASCII digits)",
                       field=name)
    return int(raw)
