"""A one-line progress report on standard error: documents, documents per second, ETA.

It draws only when standard error is a terminal (a pipeline's logs stay clean) and at most a few
times a second, so it costs nothing measurable per document. When standard output is the same
terminal, output is written over a cleared line (:meth:`Progress.clear`) and the line is erased at
the end, so no output line starts after the status text.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from numclaims.figures import plural

REDRAW_SECONDS = 0.25
ERASE = "\r\x1b[K"  # back to column 0, erase to the end of the line


def same_terminal(one: TextIO, other: TextIO) -> bool:
    """Whether two streams write to one terminal (``numclaims ...`` run bare in a shell)."""
    try:
        return (one.isatty() and other.isatty()
                and os.path.samestat(os.fstat(one.fileno()), os.fstat(other.fileno())))
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return False


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Counts documents and bytes; draws ``\\r``-refreshed status lines when enabled."""

    def __init__(self, total_bytes: int | None = None, *, enabled: bool | None = None,
                 stream: TextIO | None = None, unit: str = "doc", output: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        # output to the same terminal is written at column 0, over a cleared status line
        self.shares_terminal = self.enabled and same_terminal(self.stream, output or sys.stdout)
        self._shown = False
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
        parts = [plural(self.count, self.unit), f"{self.count / elapsed:,.0f} {self.unit}s/s"]
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
        self.stream.write(ERASE + self.line())
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the status line before output to the same terminal is written (it is drawn
        again at the next redraw)."""
        if self.shares_terminal and self._shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self._shown = False

    def message(self, text: str) -> None:
        """Print a line (a skipped input, say) without tearing the status line."""
        if self.enabled:
            self.stream.write(ERASE)
        print(text, file=self.stream)
        if self.enabled:
            self._draw()

    def close(self) -> None:
        if not self.enabled:
            return
        if self.shares_terminal:  # the output is what stays on the screen
            self.clear()
            return
        self._draw()
        self.stream.write("\n")
        self.stream.flush()
