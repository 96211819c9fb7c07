"""A readable table of one document's mentions (``numclaims extract --format table``)."""

from __future__ import annotations

from numclaims.model import Mention

MAX_CELL = 40


def _number(x: float | str | None) -> str:
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:.4g}"


def format_table(name: str, mentions: list[Mention]) -> str:
    """The mentions of document ``name``, one row each, with their normalised values.

    >>> print(format_table("a", [Mention(0, 4, "17km", "length", 17.0, "kilometer",
    ...                                  normalized={"value": 17000.0, "unit": "meter"})]))
    == a: 1 mentions
    text  kind    value  unit       interval  normalized
    17km  length  17     kilometer            17,000 meter
    """
    rows = [("text", "kind", "value", "unit", "interval", "normalized")]
    for m in mentions:
        norm = m.normalized or {}
        normalized = norm.get("error") or f"{_number(norm.get('value'))} {norm.get('unit') or ''}".strip()
        interval = f"[{_number(m.low)}, {_number(m.high)}]" if m.qualifier != "exact" else ""
        rows.append((m.text, m.kind, _number(m.value), m.unit or "", interval, normalized))
    widths = [min(MAX_CELL, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = [f"== {name}: {len(mentions)} mentions"]
    for row in rows:
        lines.append("  ".join(cell[:MAX_CELL].ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines)
