"""Arithmetic that figures state among themselves: a change and its levels, parts and a total,
a rate and its total, a share and its base.

Each relation is checked with the rounding every figure's wording allows (interval arithmetic
over the claims' readings, so "2.19 percent" is 2.185% to 2.195% and "836.52 points" 836.515 to
836.525); amounts of one currency are compared in it (whatever each report's exchange rate, and
with none: "KSh 14.8 million"). A wrong flag is the worst outcome, so what links figures across
sentences or reports reports agreement only unless said otherwise below:

* **a change and its levels**, in one sentence: a delta, a percentage and the level reached
  or started from ("gained 836.52 points, or 2.19 percent, to close at 39,098.68": 836.52 on the
  38,262.16 before is 2.186%, consistent; "fell 3.4% to £115.31bn from £119.4bn"). Any two of
  them imply the others: start + delta = level, start x (1 + percentage) = level, delta / start
  = percentage; percentage points add to a percentage level; ``conflict`` when they do not. A
  change by "per cent" of a percentage may mean points or a relative change ("cut its main rate
  by 0.25 per cent to 4.75 per cent from 5 per cent"): with both levels given it agrees when
  either reading fits and is left unchecked, never flagged, when neither does. The
  frames say each figure's role (``Mention.change``, ``Mention.direction``);
  ``arithmetic_words.tsv`` adds what they miss ("or 2.19 percent" restates the change, a bare
  figure after "to" or "at" is the level, a level may come first: "$5.16, up 33%", "412 (+211)
  seats"). Two levels alone go the way their words say ("27%, up from only 3%"). A change with
  no level in its sentence takes one from another sentence (:func:`_levels_elsewhere`), a change
  stated by how much alone takes both levels from another sentence sharing its words
  (:func:`_deltas_elsewhere`; a key point's "cuts interest rates by 0.25 per cent"), and in
  :func:`check_totals_across` a change is set against another report's start and level of the
  same figure (:func:`_changes_across`), or against where another report says it started or an
  earlier report's change left it ("by nearly 45% to 48,000 cedis" in October of April's "to
  GH¢33,120"; :func:`_starts_across`): agreement only;
* **a change that beat a named figure** (:func:`_estimates_across`): "beating estimates by USD
  1.55 billion" of "USD 22.1 billion" against another report's "estimates of $20.62 billion"
  beside the same level: ``divergent`` when they miss by less than ``ESTIMATE_WINDOW`` (the
  reports measure from different estimates);
* **parts and a total**: figures of one kind joined by "and" or "plus" ("its 149 passengers and
  eight crew") against a figure that the words around it make a total ("all 157 on board"), in
  the same report (``conflict``) or, when a story is checked at once, in another report of it
  whose sentence shares most words with the parts' sentence (``divergent``). A total is looked
  for only within ``TOTAL_WINDOW`` of the parts' sum: further off it is some other figure. A
  total in words is also set against the amounts its report gives before it
  (:func:`_parts_before`, agreement only), and against the figures of its unit that another
  report gives in sentences sharing a word with it, the total's trailing zeros taken as rounding
  ("a combined 38,600 acres" of 23,713 + 14,117 + 779; :func:`_parts_elsewhere`, agreement only);
* **a count broken down place by place** (:func:`_breakdowns`): whole counts, exact or "at
  least", one of them named by a place ("229 people died in ... Valencia, seven in ... Castilla-La
  Mancha and one in Andalusia"), against the report's count of their sum; places that share one
  count add it once each ("two in Pinellas County, and one each in Hillsborough, Polk, Orange and
  Citrus counties" is 2 + 4 x 1; the ``each`` row of ``arithmetic_words.tsv``). Agreement only;
* **segments sentence by sentence** (:func:`_segments`): the lead amounts of three or more
  consecutive sentences ("Gaming revenue was $2.87 billion, ...", "Professional Visualization
  brought in $463 million, ...", ...) against an amount of theirs in another sentence sharing a
  word ("revenue of $22.1 billion") that their sum meets to rounding; agreement only;
* **a majority over all others** (:func:`_majorities`): "648 of the 650 Commons seats ... on 412
  seats and held a majority of 176" is 2 x 412 - 648, in one sentence (agreement only);
* **a margin between finishers** (:func:`_margins`): "3min 27sec ahead of his compatriot Benson
  Kipruto" against a time in a sentence naming the one ahead and a time in a sentence naming
  the one behind, in any report of the story (agreement only);
* **a rate and its total** (:func:`_rates`, :func:`_totals_against_rates`): rate x duration =
  amount, one rate per two periods, a total over a period against a rate of the same thing
  (``divergent`` across reports);
* **a share of a count** (:func:`_count_shares`): "63 per cent of the seats" against a count of
  seats and the size of the whole ("412 seats", "the 650-seat House"), agreement only;
* **a share and its base** (:func:`_shares_against_bases`): "1.5 per cent of its economy" of an
  amount against an economy the story states (``divergent`` or ``conflict`` only when
  ``SHARE_DRIFT`` off);
* **an amount and a further share of it** (:func:`_further_shares`): "103m euros ... a further
  amount of around 30 per cent of that fixed fee ... could reach 133.9m euros", agreement only.

Every check is a :class:`~numclaims.model.CheckItem` with ``details["check"] == "arithmetic"``
and ``details["relation"]`` (``change``, ``parts``, ``rate`` or ``share``). The work is
near-linear: what is matched across sentences or reports is filed by currency or unit and size.

One module per relation: :mod:`.changes`, :mod:`.parts`, :mod:`.rates` and :mod:`.shares`; they
share :mod:`.common` (sentences, a claim's bounds, where it is filed, how it is quoted),
:mod:`.intervals` (the interval arithmetic) and :mod:`.words` (``arithmetic_words.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence

from numclaims.checking.arithmetic.changes import (
    _changes_across, _check_change, _deltas_elsewhere, _estimates_across, _levels_elsewhere,
    _margins, _runs,
    _starts_across,
)
from numclaims.checking.arithmetic.common import _sentences, remembering_sentences
from numclaims.checking.arithmetic.parts import (
    MAX_PARTS, TOTAL_REACH, TOTAL_WINDOW, _breakdowns, _check_parts, _closest, _is_total, _parts, _parts_across,
    _majorities, _parts_before, _parts_elsewhere, _segments,
)
from numclaims.checking.arithmetic.rates import _rates, _totals_against_rates
from numclaims.checking.arithmetic.shares import (
    SHARE_DRIFT, _count_shares, _further_shares, _shares_against_bases,
)
from numclaims.checking.claims import Item
from numclaims.model import CheckItem


def check_arithmetic(items: Sequence[Item]) -> list[CheckItem]:
    """The arithmetic checks inside one document (``items`` are its claims, in text order)."""
    found: list[CheckItem] = []
    sentences = _sentences(items)
    runs = _runs(sentences)
    found += [c for run in runs if (c := _check_change(run)) is not None]
    found += _levels_elsewhere(runs, [i for sentence in sentences for i in sentence])
    found += _deltas_elsewhere(runs)
    found += _rates(sentences)
    found += _shares_against_bases([items], across=False)
    found += _further_shares(sentences)
    found += _majorities(sentences)
    parts = [p for sentence in sentences for p in _parts(sentence)]
    totals = [i for i in items if _is_total(i)]
    for p in parts:
        best = _closest(p, [t for t in totals if t not in p.items])
        if best is not None:
            found.append(_check_parts(p, best))
    checked = {(c.doc, c.start) for item in found for c in item.claims}
    found += [c for c in _parts_before(items) if (c.claims[-1].doc, c.claims[-1].start) not in checked]
    checked = {(c.doc, c.start) for item in found for c in item.claims}
    found += [c for c in _breakdowns(items) if (c.claims[-1].doc, c.claims[-1].start) not in checked]
    checked = {(c.doc, c.start) for item in found for c in item.claims if item.details.get("relation") == "parts"}
    found += [c for c in _segments(items) if not checked & {(x.doc, x.start) for x in c.claims}]
    return found


def check_totals_across(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """The arithmetic across the reports of a story checked at once: parts in one report against
    the totals of the others, and a change in one against another's start and level of it.

    Each total is set against the report whose parts come near it and share most words with it,
    so that five reports of "149 passengers and eight crew" give one check of each other report's
    "157 on board".
    """
    with remembering_sentences():
        found = _parts_across(per_doc)
        found += _parts_elsewhere(per_doc)
        runs = [_runs(_sentences(items)) for items in per_doc]
        found += _changes_across(runs)
        figures = [[i for sentence in _sentences(items) for i in sentence] for items in per_doc]
        found += _starts_across(runs, figures)
        found += _estimates_across(runs, figures)
        found += _totals_against_rates(per_doc)
        found += _shares_against_bases(per_doc, across=True)
        found += _count_shares(per_doc)
        found += _margins(per_doc)
    return found


__all__ = ["MAX_PARTS", "SHARE_DRIFT", "TOTAL_REACH", "TOTAL_WINDOW", "check_arithmetic",
           "check_totals_across"]
