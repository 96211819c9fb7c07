"""A readable table of one document's mentions (``numclaims extract --format table``), plain
text that pastes into a chat: figures as people write them (:mod:`numclaims.figures`), cells
cut at a word, the last column wrapped under itself."""

from __future__ import annotations

import textwrap

from numclaims.figures import clip, figure, interval, normalized, plural
from numclaims.model import Mention

MAX_CELL = 40
LAST_CELL = 56  # the normalised value or the reason it has none, wrapped at this width

HEADER = ("text", "kind", "value", "interval", "states", "normalized")


def _row(m: Mention) -> tuple[str, ...]:
    stated = figure(m.value, m.kind, m.unit) or "-"
    implied = interval(m.low, m.high, m.kind, m.unit) if m.qualifier != "exact" else ""
    canonical = normalized(m.normalized)
    # a count or a date normalises to itself: say it once
    return (m.text, m.kind, stated, implied, frame(m), "" if canonical == stated else canonical)


def frame(m: Mention) -> str:
    """What the figure states besides its amount: "up, delta", "down, level, per barrel, on Friday".

    >>> frame(Mention(0, 6, "$71.20", "money", 71.2, "USD", direction="down", change="level", per="barrel"))
    'down, level, per barrel'
    """
    parts = [p for p in (m.direction, m.change) if p]
    if m.per:
        parts.append(f"per {m.per}")
    if m.when:
        parts.append(m.when["text"])
    return ", ".join(parts)


def format_table(name: str, mentions: list[Mention]) -> str:
    """The mentions of document ``name``, one row each, with their normalised values.

    >>> print(format_table("a", [Mention(0, 4, "17km", "length", 17.0, "kilometer",
    ...                                  normalized={"value": 17000.0, "unit": "meter"}),
    ...                          Mention(8, 12, "2011", "year", 2011.0)]))
    == a: 2 mentions
    text  kind    value         interval  states  normalized
    17km  length  17 kilometer                    17,000 meter
    2011  year    2011
    """
    rows = [HEADER] + [_row(m) for m in mentions]
    widths = [min(MAX_CELL, max(len(r[i]) for r in rows)) for i in range(len(HEADER) - 1)]
    indent = " " * (sum(widths) + 2 * len(widths))
    lines = [f"== {name}: {plural(len(mentions), 'mention')}"]
    for row in rows:
        head = "  ".join(clip(cell, MAX_CELL).ljust(w) for cell, w in zip(row, widths))
        last = textwrap.wrap(row[-1], LAST_CELL) or [""]
        lines.append(f"{head}  {last[0]}".rstrip())
        lines.extend(indent + more for more in last[1:])
    return "\n".join(lines)
