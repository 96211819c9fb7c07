"""Word-level mutations of real text: how a news report gets garbled on its way to numclaims.

libFuzzer's own mutator flips bytes, which on a 5 kB report mostly breaks UTF-8 or edits
prose no rule looks at. Copy-editing slips, scraping and OCR damage text differently: a word
dropped or doubled, two words swapped, a space lost ("Thursday (May 25)" cut and glued into
"ThurMay 25)"), a digit changed, a look-alike character from another script, parentheses
gone. :func:`mutate` makes such edits, driven by a ``random.Random`` so that a seed replays
exactly; :func:`custom_mutator` applies it to fuzz inputs (option bytes, then texts separated
by NUL) for atheris, alternating with libFuzzer's byte mutator.

>>> import random
>>> mutate("on Thursday (May 25), 2019", random.Random(7), edits=3)
'on Thursday Thursday May 2), 2019'
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence

#: A token is a run of spaces, a run of word characters, or one other character; joining the
#: tokens gives the text back.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

#: Characters that look like (or stand in for) what the rules read: other scripts' digits,
#: other dashes and spaces, full-width signs, Cyrillic and Greek letters, invisible marks.
LOOKALIKES: dict[str, str] = {
    "0": "０٠۰߀Оo", "1": "１١۱lI¹", "2": "２٢۲²", "3": "３٣۳³", "4": "４٤۴", "5": "５٥۵⁵",
    "6": "６٦۶", "7": "７٧۷", "8": "８٨۸", "9": "９٩۹",
    "-": "−–—‐‑﹣－", " ": "\u00a0\u202f\u2009\u2007\u3000\t\n", ".": "·．。٫",
    ",": "，٬、", "$": "＄﹩", "%": "٪％‰", "(": "（﹙[", ")": "）﹚]", "/": "⁄∕",
    "a": "а", "e": "е", "o": "оο", "p": "р", "c": "с", "x": "х", "y": "у", "K": "KΚ",
    "M": "МΜ", "T": "ТΤ", "B": "ВΒ", "S": "Ѕ", "m": "ｍ", "k": "ĸ", "u": "μ", "i": "іı",
    "I": "İ", "s": "ſ",
}
#: Inserted anywhere: zero-width space and joiner, soft hyphen, byte order mark, LTR mark.
INVISIBLE = "\u200b\u200d\u00ad\ufeff\u200e"

#: Figures to put where a number was: other formats, signs, huge and tiny ones.
FIGURES = ("0", "1", "12", "1,000", "1.5", "0.25", "-3", "−3", "1e9", "10 000", "1,00,000", "99.9",
           "3/4", "½", "2019", "1999", "31", "32", "00", "9" * 30, ".5", "5.", "1,2", "4-5", "5–10")


def _words(tokens: list[str]) -> list[int]:
    return [i for i, t in enumerate(tokens) if not t.isspace()]


def _pick_word(tokens: list[str], rng: random.Random) -> int | None:
    words = _words(tokens)
    return rng.choice(words) if words else None


def _delete(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    i = _pick_word(tokens, rng)
    if i is not None:
        del tokens[i]


def _duplicate(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    i = _pick_word(tokens, rng)
    if i is not None:
        tokens.insert(i, tokens[i] + rng.choice(("", " ", "")))


def _swap(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    words = _words(tokens)
    if len(words) >= 2:
        n = rng.randrange(len(words) - 1)
        a, b = words[n], words[n + 1]
        tokens[a], tokens[b] = tokens[b], tokens[a]


def _glue(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Lose the space between two words."""
    spaces = [i for i, t in enumerate(tokens) if t.isspace()]
    if spaces:
        del tokens[rng.choice(spaces)]


def _truncate(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Cut a word to a prefix ("Thursday" -> "Thur") or drop its first letters."""
    i = _pick_word(tokens, rng)
    if i is not None and len(tokens[i]) > 1:
        cut = rng.randrange(1, len(tokens[i]))
        tokens[i] = tokens[i][:cut] if rng.random() < 0.7 else tokens[i][cut:]


def _digits(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Change, add or drop a digit, or put another figure in the number's place."""
    numeric = [i for i, t in enumerate(tokens) if any(c.isdigit() for c in t)]
    if not numeric:
        return
    i = rng.choice(numeric)
    token = tokens[i]
    where = [n for n, c in enumerate(token) if c.isdigit()]
    n = rng.choice(where)
    roll = rng.random()
    if roll < 0.4:
        tokens[i] = token[:n] + str(rng.randrange(10)) + token[n + 1:]
    elif roll < 0.6:
        tokens[i] = token[:n] + str(rng.randrange(10)) + token[n:]
    elif roll < 0.75:
        tokens[i] = token[:n] + token[n + 1:] or "0"
    else:
        tokens[i] = rng.choice(FIGURES)


def _lookalike(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Replace a character with a look-alike, or slip in an invisible one."""
    i = rng.randrange(len(tokens))
    token = tokens[i]
    swappable = [n for n, c in enumerate(token) if c in LOOKALIKES]
    if swappable and rng.random() < 0.8:
        n = rng.choice(swappable)
        tokens[i] = token[:n] + rng.choice(LOOKALIKES[token[n]]) + token[n + 1:]
    else:
        n = rng.randrange(len(token) + 1)
        tokens[i] = token[:n] + rng.choice(INVISIBLE) + token[n:]


def _unspace(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Remove every space, or every parenthesis, in a stretch of a few words."""
    drop = str.isspace if rng.random() < 0.5 else (lambda t: t in "()[]")
    where = [i for i, t in enumerate(tokens) if drop(t)]
    if where:
        start = max(0, rng.choice(where) - rng.randrange(6))
        end = start + rng.randrange(2, 12)
        tokens[start:end] = [t for t in tokens[start:end] if not drop(t)]


def _parenthesis(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Drop one parenthesis, or add one: restatements and weekdays hang on them."""
    brackets = [i for i, t in enumerate(tokens) if t in "()"]
    if brackets and rng.random() < 0.5:
        del tokens[rng.choice(brackets)]
    else:
        tokens.insert(rng.randrange(len(tokens) + 1), rng.choice("()"))


def _case(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    i = _pick_word(tokens, rng)
    if i is not None:
        tokens[i] = rng.choice((str.upper, str.lower, str.capitalize, str.swapcase))(tokens[i])


def _insert_word(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Insert a word the rules react to (a unit, a scale, a month), glued or spaced."""
    if vocabulary:
        word = rng.choice(vocabulary)
        tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(("", " ")) + word + rng.choice(("", " ")))


def _move(tokens: list[str], rng: random.Random, vocabulary: Sequence[str]) -> None:
    """Copy a stretch of the text somewhere else (a sentence pasted twice, a list run on)."""
    start = rng.randrange(len(tokens))
    piece = tokens[start:start + rng.randrange(1, 30)]
    at = rng.randrange(len(tokens) + 1)
    tokens[at:at] = piece


Edit = Callable[[list[str], random.Random, Sequence[str]], None]
EDITS: tuple[Edit, ...] = (_delete, _duplicate, _swap, _glue, _truncate, _digits, _digits,
                           _lookalike, _unspace, _parenthesis, _case, _insert_word, _move)


def mutate(text: str, rng: random.Random, edits: int | None = None,
           vocabulary: Sequence[str] = ()) -> str:
    """``text`` after ``edits`` word-level edits (default: a few, more now and then), each
    picked by ``rng``. The same ``rng`` state gives the same result."""
    tokens = _TOKEN.findall(text)
    count = edits if edits is not None else rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 10))
    for _ in range(count):
        if not tokens:
            tokens = [rng.choice(vocabulary) if vocabulary else rng.choice(FIGURES)]
        rng.choice(EDITS)(tokens, rng, vocabulary)
    return "".join(tokens)


@functools.cache
def vocabulary() -> tuple[str, ...]:
    """The words extract() reacts to (its lexicon, as in the libFuzzer dictionary)."""
    from fuzz.run import extract_dictionary

    return tuple(extract_dictionary())


# -- fuzz inputs --------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def mutate_input(data: bytes, rng: random.Random, max_size: int, header: int = 2) -> bytes:
    """A fuzz input (``header`` option bytes, then NUL-separated texts) with one of its texts
    mutated by :func:`mutate`, and now and then one option byte changed."""
    head, parts = bytearray(data[:header].ljust(header, b"\x00")), _decode(data[header:]).split("\x00")
    if rng.random() < 0.1:
        head[rng.randrange(header)] = rng.randrange(256)
    n = rng.randrange(len(parts))
    parts[n] = mutate(parts[n], rng, vocabulary=vocabulary())
    return (bytes(head) + _encode("\x00".join(parts)))[:max_size]


def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    """atheris' ``custom_mutator``: word-level edits most of the time, libFuzzer's byte
    mutator (which also uses the dictionary and the comparisons it has seen) otherwise."""
    rng = random.Random(seed)
    if rng.random() < 0.3:
        import atheris

        return atheris.Mutate(data, max_size)
    return mutate_input(data, rng, max_size)


def custom_crossover(data1: bytes, data2: bytes, max_size: int, seed: int) -> bytes:
    """atheris' ``custom_crossover``: a stretch of words of the second input pasted into the
    first (two reports of one story mixed), options from the first."""
    rng = random.Random(seed)
    first, second = _TOKEN.findall(_decode(data1[2:])), _TOKEN.findall(_decode(data2[2:]))
    if not second:
        return data1[:max_size]
    start = rng.randrange(len(second))
    piece = second[start:start + rng.randrange(1, 60)]
    at = rng.randrange(len(first) + 1)
    return (data1[:2] + _encode("".join(first[:at] + piece + first[at:])))[:max_size]
