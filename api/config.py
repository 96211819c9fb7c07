"""Service settings: defaults, overridden by ``NUMCLAIMS_*`` environment variables, overridden
by the mapping passed to :func:`api.app.create_app`.

========================  ==========================================================  ==========
key (env: NUMCLAIMS_key)  meaning                                                     default
========================  ==========================================================  ==========
DATA_DIR                  directory of the embedded SQLite store                      see below
DATABASE_URL              ``postgresql://...`` or ``sqlite:///path``; empty = SQLite   (empty)
                          in DATA_DIR
MAX_CONTENT_LENGTH        largest request body in bytes (413 above it)                1048576
MAX_TEXT_CHARS            largest text of one document, in characters (413 above)    100000
MAX_DOCUMENTS             most documents in one /v1/check request                     50
MAX_STORY_DOCUMENTS       most documents kept in one story (409 above)                10000
BASE_CURRENCY             currency money is converted to unless a request says        USD
                          otherwise
REQUEST_TIME_BUDGET       seconds of extraction/checking allowed per request (503     30
                          after), enforced on every request thread; 0 disables
HEADER_TIMEOUT            seconds a client has to send its complete request headers,  10
                          from its first byte (gunicorn: JSON 408, then closed)
BODY_TIMEOUT              longest pause allowed while a client sends a request body   30
                          (gunicorn: JSON 408)
ACCESS_LOG                write JSON-lines access logs to stderr                      true
WARM_UP                   load the extractor's tables at start-up, not on the first  true
                          request
========================  ==========================================================  ==========

DATA_DIR defaults to ``$XDG_DATA_HOME/numclaims`` (``~/.local/share/numclaims``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


def default_data_dir(env: Mapping[str, str]) -> str:
    base = env.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "numclaims")


DEFAULTS: dict[str, Any] = {
    "DATA_DIR": None,  # filled from default_data_dir()
    "DATABASE_URL": "",
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_TEXT_CHARS": 100_000,
    "MAX_DOCUMENTS": 50,
    "MAX_STORY_DOCUMENTS": 10_000,
    "BASE_CURRENCY": "USD",
    "REQUEST_TIME_BUDGET": 30.0,
    "HEADER_TIMEOUT": 10.0,
    "BODY_TIMEOUT": 30.0,
    "ACCESS_LOG": True,
    "WARM_UP": True,
}

ENV_PREFIX = "NUMCLAIMS_"


def _coerce(key: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            value = raw.strip().lower()
            if value in ("1", "true", "yes", "on"):
                return True
            if value in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ValueError(f"{ENV_PREFIX}{key}={raw!r} is not a valid {type(default).__name__}") from None
    return raw


def load_config(
    overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The effective settings: defaults < environment < ``overrides``.

    >>> cfg = load_config({"BASE_CURRENCY": "EUR"}, env={"NUMCLAIMS_MAX_TEXT_CHARS": "500"})
    >>> cfg["BASE_CURRENCY"], cfg["MAX_TEXT_CHARS"], cfg["MAX_CONTENT_LENGTH"]
    ('EUR', 500, 1048576)
    """
    env = os.environ if env is None else env
    config = dict(DEFAULTS)
    config["DATA_DIR"] = default_data_dir(env)
    for key, default in DEFAULTS.items():
        raw = env.get(ENV_PREFIX + key)
        if raw is not None:
            config[key] = _coerce(key, raw, default if default is not None else "")
    config.update(overrides or {})
    config["BASE_CURRENCY"] = str(config["BASE_CURRENCY"]).upper()
    return config
