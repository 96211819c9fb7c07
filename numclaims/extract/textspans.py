"""Stretches of text whose digits are not quantities: URLs, e-mail addresses, Markdown list
numbering, footnote markers, phone numbers and clock times.

>>> text = "See https://scmp.com/article/3007410/x\\n**1. Lifeline** at 10:30."
>>> [text[s:e] for s, e in protected_spans(text)]
['https://scmp.com/article/3007410/x', '**1.', '10:30']
"""

from __future__ import annotations

import bisect
import re

_PROTECTED_RE = re.compile(
    "|".join(
        [
            r"<?(?:https?://|ftp://|www\.)[^\s<>\]\)]+>?",  # URLs, bare or in <...>
            r"\]\([^)\s]*\)",  # Markdown link targets: [text](target)
            # Repetitions are bounded so that a run of 100,000 digits or "1.1.1..." costs
            # linear time, not quadratic backtracking.
            r"\b(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}/[^\s<>)\]]*",  # host/path without a scheme
            r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",  # e-mail addresses
            r"(?m:^[ \t>#*_]*\d{1,3}[.)](?=[\s*_]))",  # list numbering: "1.", "## **1. Title"
            r"\[\^?\d+\]",  # footnote markers: [1], [^2]
            # phone numbers: a leading + or (area code), or three dash/dot-joined groups
            r"(?:\+\d{1,3}[\s.-]?)(?:\(?\d{1,4}\)?[\s.-]?){2,4}\d{2,4}",
            r"\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}",
            r"\b\d{3}[.-]\d{3,4}[.-]\d{4}\b",
            r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?",  # clock times
            r"\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}(?:\.\d{2})?\s?[ap]m\b",
        ]
    )
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans that extraction must skip."""
    return [m.span() for m in _PROTECTED_RE.finditer(text)]


class SpanSet:
    """Answers "does [start, end) touch any of these spans?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
