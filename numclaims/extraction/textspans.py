"""Stretches of text whose digits are not quantities: URLs, e-mail addresses, Markdown list
numbering, footnote markers, phone numbers, clock times, and numbers in names and identifiers
("Article 50", "the S&P 500", "Interstate 95", "12 Harbour Road", "flight BA 117", "seat 14C"),
the last from the table in ``numclaims/data/identifiers.tsv``.

>>> text = "See https://scmp.com/article/3007410/x\\n**1. Lifeline** at 10:30."
>>> [text[s:e] for s, e in protected_spans(text)]
['https://scmp.com/article/3007410/x', '**1.', '10:30']
>>> text = "The S&P 500 fell 1.2% at 12 Harbour Road; call 020 7946 0123 (Article 50)."
>>> [text[s:e] for s, e in protected_spans(text)]
['S&P 500', '12 Harbour Road', 'call 020 7946 0123', 'Article 50']
"""

from __future__ import annotations

import bisect
import re
from importlib import resources

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
    r"\b1-\d{3}-\d{3}-\d{4}\b",  # a toll-free "1-800-555-0199"
    # a trunk "0" and space-grouped digits, as in the UK and Australia: "020 7946 0123", "0800 123 456"
    r"\b0\d{2,4}[ \t]\d{3,4}[ \t]?\d{3,4}\b(?![.,]\d)",
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?",  # clock times
    r"\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}(?:\.\d{2})?\s?[ap]m\b",
]


def _read_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without its ``#`` header block and blank lines."""
    text = resources.files("numclaims.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _variants(surface: str, case: str) -> list[str]:
    """The spellings a surface is matched in: as written, and for ``ci`` also in lower case,
    capitalised and upper case. Spelt out rather than ``(?i:...)``, which would also match "ſ"
    and "K" (the Kelvin sign) where the anchors below do not."""
    if case == "cs":
        return [surface]
    return list(dict.fromkeys([surface, surface.lower(), surface[:1].upper() + surface[1:].lower(), surface.upper()]))


def _alternation(surfaces: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=len, reverse=True))


_TABLE: dict[str, list[tuple[str, str, str]]] = {}
for _row in _read_rows("identifiers.tsv"):
    _TABLE.setdefault(_row[1], []).append((_row[0], _row[2], _row[3] if len(_row) > 3 else ""))


def _surfaces(kind: str) -> list[str]:
    return [v for surface, case, _ in _TABLE[kind] for v in _variants(surface, case)]


# Capitalised number words ("Big Four", "Group of Seven", "Formula One"): number_words.tsv's
# units, teens and tens, read here rather than through lexicon() so that this module stays a leaf.
_NUMBER_WORDS = [r[0].capitalize() for r in _read_rows("number_words.tsv") if r[2] in ("unit", "teen", "ten")]
_SEP = r"[ \t\u00a0-]"  # between a name and its number: "Article 50", "Category-5"
# The number of a name: "50", "14C", "A320neo", "737-800", "8.1", "15"; never "8,000"
_ID_NUMBER = r"(?:[A-Z]{1,2}(?=[0-9]))?[0-9]{1,5}(?:[-./][0-9]{1,4})?[A-Za-z]{0,4}(?!\w)(?![.,]\d)"
# ...unless a word after it makes it a quantity after all: "seat 12 years", "Windows 10%"
_NOT_AFTER = rf"(?![ \t\u00a0-]*(?:{_alternation(_surfaces('not_after'))})(?![A-Za-z]))"


def _name_alternation() -> str:
    """The name surfaces, longest first, each behind its "unless" words: (?<!\\ba )row."""
    spellings = sorted(
        ((v, extra) for surface, case, extra in _TABLE["name"] for v in _variants(surface, case)),
        key=lambda pair: len(pair[0]), reverse=True,
    )
    return "|".join(
        "".join(rf"(?<!\b{re.escape(word)} )" for word in extra.split(",") if word) + re.escape(v)
        for v, extra in dict(spellings).items()
    )


# "the 737 Max 8", "the Galaxy S24 Ultra 5": a model's variant and its number are the name's too
_VARIANT = rf"(?:[ \t](?:{_alternation(_surfaces('variant'))})(?:[ \t]?[0-9]{{1,2}})?(?!\w|[.,]\d))?"
# "Boeing's 737": a maker's possessive before the model
_NAME = rf"(?<!\w)(?:{_name_alternation()})(?:['’]s)?{_SEP}{_ID_NUMBER}{_VARIANT}{_NOT_AFTER}"
_NAME_WORD = (rf"(?<!\w)(?:{_alternation(_surfaces('name_word'))}){_SEP}"
              rf"(?:{_ID_NUMBER}|(?:{_alternation(_NUMBER_WORDS)})(?![\w-])){_NOT_AFTER}")
_INDEX = "(?<!\\w)(?:" + "|".join(
    rf"(?:{_alternation(_variants(surface, case))}){_SEP}?(?:{_alternation(numbers.split(','))})"
    for surface, case, numbers in _TABLE["index"]
) + rf")(?![\w.,]?\d)(?![\w-]){_NOT_AFTER}"
_FLIGHT = (rf"(?<!\w)(?:{_alternation(_surfaces('flight'))})[ \t\u00a0](?:No\.?[ \t]?)?"
           rf"(?:(?:[A-Z][A-Z0-9]|[0-9][A-Z])[ \t]?)?[0-9]{{1,4}}[A-Z]?(?!\w)(?![.,]\d){_NOT_AFTER}")
_AIRLINE = rf"(?<![\w$£€])(?:{_alternation(_surfaces('airline'))})[ \t\u00a0]?[0-9]{{1,4}}(?!\w)(?![.,]\d){_NOT_AFTER}"
_STREET = (rf"(?<![\w.,])[0-9]{{1,5}}[A-Za-z]?[ \t](?:[A-Z][a-z'’]+[ \t]){{1,3}}"
           rf"(?:{_alternation(_surfaces('street'))})(?!\w)")
_AFTER_THE = rf"(?<!\w)[Tt]he[ \t][0-9]{{1,5}}[ \t](?:{_alternation(_surfaces('after_the'))})(?!\w)"
# "a 737 Max 8", "the previous 737 MAX crash": a model number and its variant word, with no
# maker's name before it (three or four digits, and only the variants of kind model)
_MODEL = (rf"(?<![\w$£€.,])[0-9]{{3,4}}[ \t](?:{_alternation(_surfaces('model'))})"
          rf"(?:[ \t]?[0-9]{{1,2}})?(?![\w-]|[.,]\d)")
# "call 555-1234", "dial us on 020 7946 0123": digits in groups after a word that announces them;
# or in one run of six to twelve digits ("has opened a hotline, 900365112, for"), a length no
# count after such a word is written in without a separator
_PHONE_WORDS = (rf"(?<!\w)(?:{_alternation(_surfaces('phone'))})(?!\w)[:.]?(?:[ \t]+[A-Za-z]+){{0,3}}?"
                rf"(?:[ \t:]+\(?[0-9]{{3,5}}\)?(?:[ .-][0-9]{{3,4}}){{1,2}}|,?[ \t:]+[0-9]{{6,12}})(?!\w)(?![.,-]\d)")
# in the order protected_spans tries them (see _SEARCHES)
_IDENTIFIERS = [_NAME_WORD, _NAME, _INDEX, _FLIGHT, _AIRLINE, _STREET, _MODEL, _AFTER_THE, _PHONE_WORDS]


# What protected_spans finds: every match of this alternation (the fast scan below is tested
# against it).
_PROTECTED_RE = re.compile("|".join([_URL, _LINK, _HOST_PATH, _EMAIL, _LIST, *_DIGITS, *_IDENTIFIERS]))

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
    re.compile(r"\d(?<!\w\d)(?:\d\d[.-]|\d?:|\d?(?:\.\d\d)?\s?[ap]\.?m|\d{2,4}[ \t]\d|-\d{3}-)"),
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


def _reversed(kind: str) -> str:
    """The surfaces of ``kind`` spelt backwards, as an alternation (for the heads below)."""
    return _alternation([v[::-1] for v in _surfaces(kind)])


# Every identifier kind but _NAME_WORD has a digit run right after a head of words that holds no
# digit: "Article ", "flight BA ", "the ", "call us on ". So they are searched from the digit
# runs, which are few, rather than from their words, which are many and mostly lower case: at
# each run the heads are matched *backwards* (on the reversed text, one C call) and the real
# pattern is tried where a head starts. A head regex may be looser than its kind; never stricter.
# Their digits are ASCII ([0-9]), so the scan for runs is ASCII too.
_DIGIT_LED = [_NAME, _INDEX, _FLIGHT, _AIRLINE, _STREET, _MODEL, _AFTER_THE, _PHONE_WORDS]
_DIGIT_LED_RE = re.compile("|".join(_DIGIT_LED))
_HEADS = [  # each matches, in the reversed text, the head that ends where a digit run starts
    rf"(?:[A-Z]{{1,2}})?{_SEP}(?:s['’])?(?:{_reversed('name')})(?!\w)",
    rf"{_SEP}?(?:{_alternation([v[::-1] for surface, case, _ in _TABLE['index'] for v in _variants(surface, case)])})(?!\w)",
    rf"(?:[ \t]?(?:[A-Z0-9][A-Z]|[A-Z][0-9]))?(?:[ \t]?\.?oN)?[ \t\u00a0](?:{_reversed('flight')})(?!\w)",
    rf"[ \t\u00a0]?(?:{_reversed('airline')})(?![\w$£€])",
    r"[ \t]eh[Tt](?!\w)",
    rf"\(?[ \t:]+,?(?:[A-Za-z]+[ \t]+){{0,3}}[:.]?(?:{_reversed('phone')})(?!\w)",
]
_HEAD_RES = [re.compile(head) for head in _HEADS]
_ANY_HEAD_RE = re.compile("|".join(_HEADS))
_STREET_AT = re.compile(r"[0-9]{1,5}[A-Za-z]?[ \t][A-Z]")  # where a _STREET match can start
_MODEL_AT = re.compile(r"[0-9]{3,4}[ \t][A-Z]")  # where a _MODEL match can start
# the first digit of a run (as fast in re as "[0-9]", twice as fast as "[0-9]+"); ASCII, like
# the patterns above
_RUN_START = re.compile(r"[0-9](?<![0-9][0-9])")


def _search_identifiers(text: str, pos: int) -> re.Match[str] | None:
    """The leftmost _DIGIT_LED_RE match at or after ``pos``. A head holds no digit, so a match
    whose first digit run comes later cannot start earlier: the first run that yields one wins."""
    reverse = None
    n = len(text)
    for run in _RUN_START.finditer(text, pos):
        d = run.start()
        starts = []
        if _STREET_AT.match(text, d) or _MODEL_AT.match(text, d):
            starts.append(d)
        if d > pos:
            if reverse is None:
                reverse = text[::-1]
            # text[d-1] is reverse[n-d]; the head may reach back to ``pos``, no further
            if _ANY_HEAD_RE.match(reverse, n - d, n - pos):
                for head in _HEAD_RES:
                    found = head.match(reverse, n - d, n - pos)
                    if found is not None:
                        starts.append(d - (found.end() - (n - d)))
        for start in sorted(set(starts)):
            found = _DIGIT_LED_RE.match(text, start)
            if found is not None:
                return found
    return None


def _search_name_word(text: str, pos: int) -> re.Match[str] | None:
    """"Big Four", "Group of Seven", "Top 10": from the table's capitalised words (few)."""
    return scan.search(_NAME_WORD_RE, text, [(_NAME_WORD_ANCHOR, text)], pos)


_NAME_WORD_RE = re.compile(_NAME_WORD)
_NAME_WORD_ANCHOR = re.compile(scan.by_first_char(re.escape(v) + r"[ \t\u00a0-][A-Z\d]" for v in _surfaces("name_word")))

_SEARCHES = [_search_url, _search_link, _search_host_path, _search_email, _search_list, _search_digits,
             _search_name_word, _search_identifiers]


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
