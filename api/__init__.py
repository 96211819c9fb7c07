"""The numclaims REST service (Flask). Build it with :func:`api.app.create_app`."""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Shortcut for :func:`api.app.create_app` (imported lazily: importing ``api`` builds nothing)."""
    from api.app import create_app as factory

    return factory(*args, **kwargs)


__all__ = ["create_app"]
