"""A one-line progress report on standard error: documents, documents per second, ETA.

It draws only when standard error is a terminal (a pipeline's logs stay clean) and at most a few
times a second, so it costs nothing measurable per document.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.25


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Counts documents and bytes; draws ``\\r``-refreshed status lines when enabled."""

    def __init__(self, total_bytes: int | None = None, *, enabled: bool | None = None,
                 stream: TextIO | None = None, unit: str = "docs") -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_bytes = total_bytes
        self.unit = unit
        self.count = 0
        self.bytes = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int = 1, size: int = 0) -> None:
        self.count += count
        self.bytes += size
        if self.enabled and time.monotonic() - self._drawn >= REDRAW_SECONDS:
            self._draw()

    def line(self) -> str:
        """The status text, e.g. ``1,200 docs  400 docs/s  3.1/10.0 MB  ETA 0:00:07``."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        parts = [f"{self.count:,} {self.unit}", f"{self.count / elapsed:,.0f} {self.unit}/s"]
        if self.total_bytes:
            parts.append(f"{self.bytes / 1e6:,.1f}/{self.total_bytes / 1e6:,.1f} MB")
            if self.bytes:
                remaining = elapsed * (self.total_bytes - self.bytes) / self.bytes
                parts.append(f"ETA {_duration(max(remaining, 0))}")
        else:
            parts.append(f"{self.bytes / 1e6:,.1f} MB")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        return "  ".join(parts)

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line (a skipped input, say) without tearing the status line."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream)
        if self.enabled:
            self._draw()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
