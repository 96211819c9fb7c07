"""Stretches of text whose digits are not quantities: URLs, e-mail addresses, Markdown list
numbering, footnote markers, phone numbers and clock times.

>>> text = "See https://scmp.com/article/3007410/x\\n**1. Lifeline** at 10:30."
>>> [text[s:e] for s, e in protected_spans(text)]
['https://scmp.com/article/3007410/x', '**1.', '10:30']
"""

from __future__ import annotations

import bisect
import re

from numclaims.extraction import scan

# The kinds of protected stretch, in the order the alternation tries them. Repetitions are
# bounded so that a run of 100,000 digits or "1.1.1..." costs linear time, not quadratic
# backtracking.
_URL = r"<?(?:https?://|ftp://|www\.)[^\s<>\]\)]+>?"  # URLs, bare or in <...>
_LINK = r"\]\([^)\s]*\)"  # Markdown link targets: [text](target)
_HOST_PATH = r"\b(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}/[^\s<>)\]]*"  # host/path without a scheme
_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"  # e-mail addresses
_LIST = r"(?m:^[ \t>#*_]*\d{1,3}[.)](?=[\s*_]))"  # list numbering: "1.", "## **1. Title"
_DIGITS = [
    r"\[\^?\d+\]",  # footnote markers: [1], [^2]
    # phone numbers: a leading + or (area code), or three dash/dot-joined groups
    r"(?:\+\d{1,3}[\s.-]?)(?:\(?\d{1,4}\)?[\s.-]?){2,4}\d{2,4}",
    r"\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}",
    r"\b\d{3}[.-]\d{3,4}[.-]\d{4}\b",
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?",  # clock times
    r"\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}(?:\.\d{2})?\s?[ap]m\b",
]
# What protected_spans finds: every match of this alternation (the fast scan below is tested
# against it).
_PROTECTED_RE = re.compile("|".join([_URL, _LINK, _HOST_PATH, _EMAIL, _LIST, *_DIGITS]))

# Each kind is searched the fast way for it (see scan.py): from an anchor that starts with a
# character class, or from the one character it cannot do without ("@", "/", a line break).
_URL_RE = re.compile(_URL)
_URL_ANCHOR = re.compile(scan.by_first_char(
    [r"<https?://", r"<ftp://", r"<www\.", r"https?://", r"ftp://", r"www\."]
))
_LINK_RE = re.compile(_LINK)  # starts with a literal: re finds it fast by itself
_HOST_PATH_RE = re.compile(_HOST_PATH)
_HOST_CHAR = re.compile(r"[a-z0-9.-]")
_HOST_REACH = 8 * 64 + 24  # the longest host the pattern allows before its "/"
_EMAIL_RE = re.compile(_EMAIL)
_EMAIL_CHAR = re.compile(r"[\w.+-]")
_EMAIL_REACH = 64  # the longest local part the pattern allows before its "@"
_LIST_RE = re.compile(_LIST)
_LIST_NEXT_LINE = re.compile(r"\n[ \t>#*_]*\d")
_DIGITS_RE = re.compile("|".join(_DIGITS))
_DIGITS_ANCHORS = [
    re.compile(r"\[\^?\d|\+\d|\(\d"),  # a literal first character, which re finds fast
    # "\b" before a digit is "no word character before it"; then the head of each pattern
    re.compile(r"\d(?<!\w\d)(?:\d\d[.-]|\d?:|\d?(?:\.\d\d)?\s?[ap]\.?m)"),
]


def _search_url(text: str, pos: int) -> re.Match[str] | None:
    return scan.search(_URL_RE, text, [(_URL_ANCHOR, text)], pos)


def _search_link(text: str, pos: int) -> re.Match[str] | None:
    return _LINK_RE.search(text, pos)


def _run_start(text: str, end: int, floor: int, char: re.Pattern[str]) -> int:
    """Where the run of ``char`` characters that ends at ``end`` begins (not before ``floor``).

    Runs before two different "/" (or "@") are disjoint, so looking back costs linear time in
    all, where a regex search of the window before each one would not.
    """
    start = end
    while start > floor and char.match(text, start - 1):
        start -= 1
    return start


def _search_host_path(text: str, pos: int) -> re.Match[str] | None:
    """The host is a run of [a-z0-9.-] that ends at a "/": look back from each "/"."""
    slash = text.find("/", pos)
    while slash != -1:
        for start in range(_run_start(text, slash, max(pos, slash - _HOST_REACH), _HOST_CHAR), slash):
            found = _HOST_PATH_RE.match(text, start)
            if found is not None:
                return found
        slash = text.find("/", slash + 1)
    return None


def _search_email(text: str, pos: int) -> re.Match[str] | None:
    """The local part is a run of [\\w.+-] before an "@", and every start in that run shares the
    "@" and the domain after it: one try per "@", from the run's first character."""
    at = text.find("@", pos + 1)
    while at != -1:
        start = _run_start(text, at, max(pos, at - _EMAIL_REACH), _EMAIL_CHAR)
        if start < at:
            found = _EMAIL_RE.match(text, start)
            if found is not None:
                return found
        at = text.find("@", at + 1)
    return None


def _search_list(text: str, pos: int) -> re.Match[str] | None:
    """List numbering starts a line: try ``pos``, then the start of each line with a digit."""
    found = _LIST_RE.match(text, pos)
    while found is None:
        line = _LIST_NEXT_LINE.search(text, pos)
        if line is None:
            return None
        pos = line.start() + 1
        found = _LIST_RE.match(text, pos)
    return found


def _search_digits(text: str, pos: int) -> re.Match[str] | None:
    return scan.search(_DIGITS_RE, text, [(anchor, text) for anchor in _DIGITS_ANCHORS], pos)


_SEARCHES = [_search_url, _search_link, _search_host_path, _search_email, _search_list, _search_digits]


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans that extraction must skip."""
    return [m.span() for m in scan.first_of(_SEARCHES, text)]


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
