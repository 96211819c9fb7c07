"""Structured logs: one JSON object per line on stderr, for access and for errors."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

ACCESS = logging.getLogger("numclaims.access")
API = logging.getLogger("numclaims.api")


class JsonLinesFormatter(logging.Formatter):
    """Format a record as one JSON line; fields passed as ``extra={"fields": {...}}`` are merged."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


_HANDLER_FLAG = "_numclaims_json_handler"


def install(enabled: bool) -> None:
    """Send the numclaims loggers to stderr as JSON lines (once per process)."""
    for logger in (ACCESS, API):
        logger.setLevel(logging.INFO)
        if enabled and not any(getattr(h, _HANDLER_FLAG, False) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonLinesFormatter())
            setattr(handler, _HANDLER_FLAG, True)
            logger.addHandler(handler)
            logger.propagate = False
