"""Measures: a unit written before the figure ("magnitude 6.1", units_before.tsv) or after it
("a 17-km border", "35 degrees", units.tsv), its sense chosen by context (unit_senses.tsv)."""

from __future__ import annotations

from numclaims.extraction import rules as around
from numclaims.extraction.dimensions import Context, Decision, Rule
from numclaims.extraction.dimensions.figure import Reading


def unit_before(ctx: Context, r: Reading) -> Decision | None:
    """"magnitude 6.1", "a magnitude-7.0 quake": the unit was read with the figure."""
    if r.prefix_unit is None:
        return None
    return Decision(r.prefix_unit[1], r.prefix_unit[0])


def unit_after(ctx: Context, r: Reading) -> Decision | None:
    """"a 17-km border", "100,000 tonnes", "a 12-degree slope" (an angle, by the next word)."""
    measured = around.unit_after(ctx.text, r.pos)
    if measured is None:
        return None
    unit, kind, r.pos, unit_surface = measured
    unit, kind, note = around.unit_sense(ctx.text, r.start, r.pos, unit_surface, unit, kind)
    if note:
        r.notes.append(note)
    if unit_surface == "m" and r.scale is None and around.scale_after(ctx.text, r.end, money=True):
        r.notes.append("'m' read as metres; it could mean million")
    return Decision(kind, unit)


rules = [
    Rule("<unit> <figure>", 40, unit_before),
    Rule("<figure> <unit>", 50, unit_after),
]
