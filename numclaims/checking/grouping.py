"""Find claims about the same fact across documents, without comparing every pair.

Each claim is a weighted bag of the words around it (IDF-weighted, so words that every report of
the story uses count for little). Claims are clustered in one pass, leader-follower style: a claim
joins the most similar existing cluster if it is similar enough, else it starts one. Blocking keeps
the pass near-linear:

* a claim is only compared with clusters of its own **block** (same kind and canonical unit),
* whose **magnitude bucket** is within one of its own (orders of magnitude for quantities, months
  for dates), so "17km" meets "27km" but never "100,000 tonnes",
* and that share one of its most telling words (an inverted index), at most ``MAX_CANDIDATES``.

Two things besides the words decide where a claim goes (both ride in its vector as marks that
no word of a text starts with, so a stored story's centroids carry them too):

* its **value**: a cluster with a claim whose typical reading overlaps its own is preferred
  (``VALUE_BONUS``), one that states only other figures needs more alike words
  (``VALUE_PENALTY``): "39,098.68" meets the "39,098.68" of another report, not the "38,915.87"
  beside it, and "about 39,000" meets both;
* its **frame**: what it is per, its role in a change, whether an amount is an offer or a market
  price (:func:`price_marks`), the years it holds for and, dated to a day or a month, the months
  (:data:`MONTH_DAYS`); a claim never joins a cluster whose claims state one of those
  differently (:func:`compatible`); a revised offer joins only its own figure
  (:func:`revision_marks`), and a count of events, a count of a part of the people
  ("passengers", "crew") and a design limit meet only their like (:func:`_presence_apart`);
* its **size**: a claim more than ``FAR_FACTOR`` away from every reading of a cluster joins it
  only in words alike to ``FAR_SIMILARITY`` (:meth:`Cluster.near`);
* its **anchor**: the head noun of what it counts or is about (:func:`anchor_marks`); a claim
  within ``CLOSE_FACTOR`` of a cluster's figures that names the anchor one of its claims names
  joins it in words alike to ``ANCHOR_SIMILARITY`` only: a drift shares its fact's noun more
  often than its sentence ("181 passengers" of one report, Lion Air "carrying 189 passengers"
  of another);
* its **day**: a claim whose words alone are alike enough to join a cluster, of a day one of
  them states (:func:`day_marks`), within ``CLOSE_FACTOR`` of its figures, joins it too: "The
  closing price was 30,908 yen" of one report is the close of "The index ended the day up 2.19%
  at 39,098.68", a drift.

A telling figure (two significant digits; an amount of money three, read precisely) is also
found by its value, as written and in canonical units (:func:`precise_key`,
:func:`telling_reading`): "€103m" of one report meets "£88.5m" of another, "at just 19" meets
"The 19-year-old", however differently the two sentences are worded.

A document's claims are placed together, best match first (:meth:`Clustering.assign_document`):
in text order, "more than 170" (a majority) would take the cluster of "412 seats" before the
report's own "412" came to it, and the one-figure-per-document rule would then keep the "412"
out.

The cost per claim is bounded by those constants, not by the number of documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import groupby

from numclaims.checking.claims import Item
from numclaims.checking.readings import FLOORS, NUMERAL, reading, written_digits
from numclaims.extraction.lexicon import calendar_names, read_rows
from numclaims.model import Mention
from numclaims.checking.text import data_lines, event_heads, generic_nouns, is_content, lemma, partitive_words, tokens
from numclaims.checking.text import Token, clause_bounds, enclosing, synonyms
from numclaims.checking.scope import scope_tokens

# How many of a claim's words look up candidate clusters, and how many candidates are scored.
INDEX_WORDS = 8
MAX_CANDIDATES = 30
MAX_POSTINGS = 200
# Cosine similarity (0..1) a claim needs with a cluster's centroid to join it.
THRESHOLD = 0.3
# In reports of one event the same figure in a similar sentence is most likely the same fact: a
# cluster that already states a claim's value (to two significant digits) gets this much more
# similarity, so "412 seats" joins the "412" of another report, not the "121" of the sentence
# beside it. It stays below THRESHOLD: the words must still be alike (two "two"s of one story
# are not one fact for sharing a word), and readings still decide the verdicts. Measured on the
# development stories (numclaims evaluate --stories tests/stories): with the telling figures
# found by value, 0.29 and a VALUE_PENALTY of 0.15 met 197 expectations where 0.25 and 0.1 met
# 193, with no more false flags or merged facts; a bonus at or over THRESHOLD met no more and
# gives up the rule above.
VALUE_BONUS = 0.29
# and a cluster that states only other values this much less: a different figure needs more
# alike words to be taken for a drift of the same fact than for a fact of its own.
VALUE_PENALTY = 0.15
# The value rides in the vector as one more word, this light: it marks the cluster's centroid
# (kept by a stored story too) without moving the cosine of the words.
VALUE_TRACE = 0.05
# Two reports that give one telling figure (:func:`precise_key`: "39,098.68", "2.19%", "412
# seats", "34 seconds", "19-year-old") state one fact even in few shared words ("ended the day
# up 2.19%" and "gained 836.52 points, or 2.19 percent"; "at just 19" and "The 19-year-old"):
# such a match gets this much more, which with VALUE_BONUS passes THRESHOLD; the figure finds
# its candidates too.
SPECIFIC_BONUS = 0.1
PRECISE = 0.02
# The significant digits that make a figure telling. Amounts of money need more, and a reading
# within PRECISE of itself: the amounts of one story are set against each other (a bid at a
# premium to a market value, a fee beside a valuation), so a two-digit "£34 billion" is the
# market value in one report and the bid in another. Measured on the development stories
# (numclaims evaluate --stories tests/stories): two digits for money groups that pair.
PRECISE_DIGITS = 3
TELLING_DIGITS = 2
#: A figure more than this factor away from every reading a cluster states is another fact, not
#: a drift of it: outlets misreport a digit or round, a storm's toll climbs through the figures
#: between, but "USD 1.55 billion" beside "$20.62 billion" is a segment beside the total.
#: Measured on the development stories: it turns 4 of 31 false flags away, and no real drift.
FAR_FACTOR = 3.0
#: unless their words are this alike: "About 10,000 North Korean workers are employed in Russia"
#: and "About 50,000 ..." are one fact misreported
FAR_SIMILARITY = 0.7
#: How a value word starts: no word of a text does. The word is the claim's typical reading,
#: "=411.5:412.5" for "412", so that a stored cluster knows the readings its claims state.
VALUE_MARK = "="
#: A cluster compares a claim with this many of its readings at most, the most stated first.
MAX_VALUES = 40
#: How the index word of a precisely written value starts (:func:`precise_key`).
PRECISE_MARK = VALUE_MARK + "#"
#: How the word of a telling figure's reading in canonical units starts (:func:`telling_reading`):
#: it names the unit as written and the reading, "=@GBP:110261562.17:110386221.94" for "£88.5m".
READING_MARK = VALUE_MARK + "@"
#: How an index word of a telling reading's place on a log scale starts (:func:`reading_bins`).
BIN_MARK = VALUE_MARK + "%"
#: The width of a bin, relative: a reading spans a few of them.
BIN_WIDTH = 0.02
#: An amount restated in another currency went through the outlet's rate of its own day, not
#: ours: "31 billion-pound ($39 billion)" is one figure though £31bn is $38.7bn at the ECB's
#: rate. The two readings meet give or take this much either side, in one report or across two.
FX_SLACK = 0.015
#: How a frame mark starts ("~per:oil_barrel", "~change:level", "~year:2018"): a claim whose
#: frame states one of these families differently from every claim of a cluster that states it
#: is a different fact ("$71.20 a barrel" is not "$71.20 a tonne", a delta is not a level, last
#: year's figure is not this year's), and never joins it. An unstated denominator or role is no
#: difference; an unstated year is the report's (:func:`frame_marks`).
FRAME_MARK = "~"
YEAR_FAMILY = FRAME_MARK + "year"
#: The years of a figure its report gives no time: those of the report (:data:`UNSTATED_YEARS`).
#: They part a figure from another's stated years as stated ones do ("the 2004 quake" is not this
#: one), but a guess is no statement: beside a telling figure stated for other years they part
#: nothing ("the bubble-era closing high of 38,915 yen" is the "38,915.87" of 29 December 1989).
REPORT_YEAR_FAMILY = FRAME_MARK + "yearof"
PART_FAMILY = FRAME_MARK + "part"
#: A telling figure stated by a cluster meets it this many years apart: one precise figure placed
#: in two adjacent years is one fact whose year reports count differently (a fiscal year against
#: the calendar one, "the quarter that ended in January 2024" against "the final quarter of
#: 2023"), not two years' figures alike to the digit.
TELLING_YEARS = 1
#: A ``when`` longer than this many years marks no year ("since 1990" holds for any of them).
WHEN_YEARS = 3
#: A figure with no ``when`` holds for its report's year and this many years before it.
UNSTATED_YEARS = 1
#: A ``when`` of at most this many days (a day, a week, a month) also marks the months it covers
#: and ``MONTH_SLACK`` either side: two figures dated that many months apart are two facts (the
#: rate set on 1 August is not the one set on 7 November), while a count updated day by day,
#: across the turn of a month, stays one fact that is ``updated``.
MONTH_DAYS = 62
MONTH_SLACK = 1
MONTH_FAMILY = FRAME_MARK + "month"
#: How the mark of what a claim counts or is about starts ("~anchor:passenger" for "189
#: passengers", "~anchor:tax" for "Higher taxes will bring in £36bn"): the head noun of its
#: ``subject`` and of its ``about``. Unlike the frame families it parts nothing (one report's
#: "purchase" is another's "merger"); it only vouches for a drift (:data:`ANCHOR_SIMILARITY`).
ANCHOR_FAMILY = FRAME_MARK + "anchor"
#: A claim whose words are this alike to a cluster's, that counts what a claim of the cluster
#: counts (:data:`ANCHOR_FAMILY`) and whose figure is within ``CLOSE_FACTOR`` of the cluster's,
#: joins it though another figure needs more alike words (``VALUE_PENALTY``): "None of the 181
#: passengers survived" of one report is the Lion Air flight "carrying 189 passengers" of another,
#: a drift, though the two sentences share little else.
ANCHOR_SIMILARITY = 0.1
CLOSE_FACTOR = 1.3
#: How the mark of a day a claim states it holds for starts ("~day:2024-02-22"): the days of its
#: own ``when`` if it spans less than ``DAY_SPAN`` days, else none. Like an anchor it parts
#: nothing; it only vouches for a drift of a figure whose words are alike
#: (:meth:`Clustering.candidates`): a close stated for the day of another report's close.
DAY_FAMILY = FRAME_MARK + "day"
#: A claim with no ``when`` holds for its report's day ("~dayof:2024-02-22"): it meets a day
#: another claim states, not another report's day alone.
REPORT_DAY_FAMILY = FRAME_MARK + "dayof"
DAY_SPAN = 7
#: The weight (:func:`idf`) a head noun needs to be an anchor: a word that at most about four
#: reports in five use (six of eight; of two reports, neither may share it). Measured on the
#: development stories: 0.85 lost a drift (Lion Air's 181), 0.75 added a false flag.
ANCHOR_IDF = 0.8
#: How much the closest of such figures is preferred: too little to outrank a claim of alike words.
RANK_STEP = 1e-3


def idf(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each word, ``log(1 + N / df)``.

    The smooth form keeps words every report uses ("Russia" in a story about Russia) at a low
    but non-zero weight: with five reports they still help, with thousands they fade.

    >>> weights = idf([{"border", "russia"}, {"russia"}])
    >>> round(weights["border"], 3), round(weights["russia"], 3)
    (1.099, 0.693)
    """
    df: Counter[str] = Counter()
    n = 0
    for words in documents:
        n += 1
        df.update(set(words))
    return {word: math.log(1 + n / count) for word, count in df.items()}


# low, high, unit as a report writes them, the words of what it counts, and (not for money) the
# figure in canonical units: low, high, unit (written_figure)
Written = tuple[float | None, float | None, str | None, frozenset[str], tuple[object, object, object] | None]


@dataclass(slots=True)
class Cluster:
    """Claims taken to state one fact, with the running sum of their word vectors.

    ``bounds`` keeps, per document, the tightest typical interval of its members there: a claim
    can join only if it reads the same as every member from its own document, and an interval
    overlaps each of a set exactly when it reaches past the highest floor and below the lowest
    ceiling. ``document_count`` and ``more`` (mention text -> documents not named) are set when
    the members stand in for more documents than they name (a stored story's cluster, see
    :mod:`numclaims.checking.story`).
    """

    key: Hashable
    bucket: int
    members: list[Item] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict)
    indexed: set[str] = field(default_factory=set)
    document_count: int | None = None
    more: dict[str, int] = field(default_factory=dict)
    marks: dict[str, set[str]] = field(default_factory=dict)  # frame family -> marks its claims state
    values: dict[str, tuple[float, float]] = field(default_factory=dict)  # value word -> reading
    span: tuple[float, float] | None = None  # the lowest and highest positive readings stated
    # the telling readings stated: word -> (unit as written, reading)
    readings: dict[str, tuple[str, tuple[float, float]]] = field(default_factory=dict)
    further: set[str] = field(default_factory=set)  # documents of members that are further amounts
    vague_values: dict[str, tuple[float, float]] = field(default_factory=dict)  # of vague members
    written: dict[str, set[Written]] = field(default_factory=dict)  # document -> its written_figure()s
    totals: set[str] = field(default_factory=set)  # the running totals its members state (Item.total)
    floors: bool = False  # whether a member states a floor ("at least 632")
    # document -> the days its members state they hold for (DAY_FAMILY marks; none stated: empty)
    stated_days: dict[str, set[str]] = field(default_factory=dict)
    # the figures as written (written_reading) of its first MAX_VALUES members that write one
    figures_written: list[tuple[float, float]] = field(default_factory=list)
    # the latest publication day of its members, and whether one has none (:func:`_later`): kept
    # as they join, for a large cluster's members are too many to read for each claim scored
    latest_published: date | None = None
    undated: bool = False

    def __post_init__(self) -> None:
        for word in self.centroid:  # a cluster loaded from a stored story
            self._mark(word)

    def _mark(self, word: str, values: bool = True) -> None:
        if word.startswith(FRAME_MARK):
            self.marks.setdefault(_family(word), set()).add(word)
        elif word.startswith(READING_MARK):
            if (parsed := parse_reading(word)) is not None:
                self.readings[word] = parsed
        elif not values and word.startswith(VALUE_MARK):
            if word not in self.vague_values and (interval := value_interval(word)) is not None:
                self.vague_values[word] = interval
        elif word.startswith(VALUE_MARK) and word not in self.values:
            interval = value_interval(word)
            if interval is not None:
                self.values[word] = interval
                low, high = interval
                if 0 < low <= high < math.inf:
                    self.span = (low, high) if self.span is None else (
                        min(self.span[0], low), max(self.span[1], high))

    def states(self, value: str) -> tuple[float, float] | None:
        """The reading of a claim of this cluster that reads as the value word ``value`` does
        (their typical readings overlap: rounding intervals that only touch are two figures,
        "412" and "413"), or None."""
        values = self.values or self.vague_values
        if value in values:
            return values[value]
        mine = value_interval(value)
        if mine is None:
            return None
        heaviest = sorted(values, key=lambda w: self.centroid.get(w, 0.0), reverse=True)
        return next((values[w] for w in heaviest[:MAX_VALUES] if _overlap(mine, values[w])), None)

    def restates(self, word: str, value: str, slack: float) -> bool:
        """Whether this cluster states the telling figure of the :func:`telling_reading` word
        ``word`` (of a claim whose value word is ``value``) in other words.

        An amount of money (``slack``, an outlet's rate of its own day, either side) is matched
        in another currency, its precise reading against theirs: "£88.5m" of one report and
        "€103m" of another; in its own it is its :func:`precise_key`. Another figure is matched in
        any unit, the figures as written overlapping where their wording also allows one reading:
        "45 m/s" is "101 mph", "2.19 percent" "2.2%", but "up to 18 inches" forecast and "more
        than 18 inches" measured share only their figure."""
        parsed = parse_reading(word)
        if parsed is None:
            return False
        unit, mine = parsed
        mine = _widened(mine, slack)
        if not any((theirs[0] != unit or not slack) and _overlap(mine, _widened(theirs[1], slack))
                   for theirs in self.readings.values()):
            return False
        return bool(slack) or self.states(value) is not None

    def near(self, value: str) -> bool:
        """Whether the reading of value word ``value`` lies within ``FAR_FACTOR`` of the readings
        this cluster states (always, for a reading or a cluster with no positive finite one)."""
        mine = value_interval(value)
        if self.span is None or mine is None or not 0 < mine[0] <= mine[1] < math.inf:
            return True
        return mine[0] <= self.span[1] * FAR_FACTOR and self.span[0] <= mine[1] * FAR_FACTOR

    def distance(self, value: str) -> float:
        """How far the reading of value word ``value`` lies from the nearest reading this
        cluster states, on a log scale where ``CLOSE_FACTOR`` is 1 (0 when they overlap; infinite
        for a reading or a cluster with no positive finite one)."""
        mine = value_interval(value)
        if self.span is None or mine is None or not 0 < mine[0] <= mine[1] < math.inf:
            return math.inf
        if _gap(mine, self.span) > math.log(CLOSE_FACTOR):
            return math.inf
        # the most stated readings, as states() reads them: the cost stays bounded
        heaviest = sorted(self.values, key=lambda w: self.centroid.get(w, 0.0), reverse=True)[:MAX_VALUES]
        gaps = [_gap(mine, self.values[w]) for w in heaviest if 0 < self.values[w][0] <= self.values[w][1] < math.inf]
        return min(gaps, default=_gap(mine, self.span)) / math.log(CLOSE_FACTOR)

    def add(self, item: Item, vector: Mapping[str, float],
            interval: tuple[float, float] | None = None) -> None:
        dot = sum(self.centroid.get(w, 0.0) * x for w, x in vector.items())
        self.norm2 += 2 * dot + sum(x * x for x in vector.values())
        # "tens of thousands" spans 10,000 to 99,999: beside figures it states none another claim
        # could be found by ("another 84,800 people" is not the "about 30,000" beside it); alone,
        # it is the one reading of its group ("around 10,000" may meet it)
        values = item.mention.qualifier != "vague"
        for w, x in vector.items():
            self.centroid[w] = self.centroid.get(w, 0.0) + x
            self._mark(w, values)
        self.members.append(item)
        if item.doc.published is None:
            self.undated = True
        elif self.latest_published is None or item.doc.published > self.latest_published:
            self.latest_published = item.doc.published
        if len(self.figures_written) < MAX_VALUES and (figure := written_reading(item)) is not None:
            self.figures_written.append(figure)
        self.stated_days.setdefault(item.doc.id, set()).update(
            w for w in vector if w.startswith(DAY_FAMILY + ":"))
        if item.further:
            self.further.add(item.doc.id)
        if (written := written_figure(item)) is not None:
            self.written.setdefault(item.doc.id, set()).add(written)
        if item.total is not None:
            self.totals.add(item.total)
        self.floors = self.floors or item.mention.qualifier in FLOORS
        if interval is not None:
            floor, ceiling = self.bounds.get(item.doc.id, (-math.inf, math.inf))
            self.bounds[item.doc.id] = max(floor, interval[0]), min(ceiling, interval[1])
        else:
            self.bounds.setdefault(item.doc.id, (-math.inf, math.inf))

    def admits(self, doc: str, interval: tuple[float, float] | None, *, further: bool = False,
               written: Written | None = None,
               frame: Callable[[], Sequence[str]] = lambda: ()) -> bool:
        """Whether a claim of ``doc`` reading ``interval`` reads the same as ``doc``'s members,
        neither it nor they a further amount beside another of that report (``Item.further``),
        and not a figure of a unit its report writes otherwise here (:func:`written_figure`).

        A count of the place and concept this cluster counts (:func:`placed_marks`, its frame
        marks, which ``frame`` gives when they are needed) that holds for another day than ``doc``'s members here (one of them stating
        its day, :data:`DAY_FAMILY`) may read otherwise: a report gives a toll at two moments
        ("at least 70 people dead, rescue services said that day" in a caption of 30 October,
        "229 people died" in the final count)."""
        if doc in self.bounds and (further or doc in self.further):
            return False
        if written is not None and any(_written_apart(w, written) for w in self.written.get(doc, ())):
            return False
        if interval is None or doc not in self.bounds:
            return True
        # readings that only touch are two figures: "102 mph" and "101 mph" of one report
        if _overlap(interval, self.bounds[doc]):
            return True
        marks = frame()
        days = {w for w in marks if w.startswith(DAY_FAMILY + ":")}
        theirs = self.stated_days.get(doc, set())
        return bool(days or theirs) and not days & theirs and placed_marks(marks, self.marks)

    def similarity(self, vector: Mapping[str, float], norm: float) -> float:
        if not self.norm2 or not norm:
            return 0.0
        dot = sum(self.centroid.get(w, 0.0) * x for w, x in vector.items())
        return dot / (math.sqrt(self.norm2) * norm)

    @property
    def documents(self) -> set[str]:
        return set(self.bounds)

    @property
    def documents_stated(self) -> int:
        """How many documents state this fact (more than ``members`` name, for a stored story)."""
        return len(self.bounds) if self.document_count is None else self.document_count


def value_word(low: float, high: float) -> str:
    """The value word of a typical reading.

    >>> value_word(411.5, 412.5), value_interval(value_word(411.5, 412.5))
    ('=411.5:412.5', (411.5, 412.5))
    """
    return f"{VALUE_MARK}{low!r}:{high!r}"


def value_interval(word: str) -> tuple[float, float] | None:
    """The reading a value word names, or None for one that names none."""
    low, _, high = word[len(VALUE_MARK):].partition(":")
    try:
        return float(low), float(high)
    except ValueError:
        return None


def precise_key(item: Item) -> str | None:
    """The index word of a telling figure, or None: ``TELLING_DIGITS`` significant digits
    ("34 seconds" is "=#second:34"), for an amount of money ``PRECISE_DIGITS`` and a reading
    within ``PRECISE`` of itself ("€103m" is "=#EUR:1.03e+08"). A cluster that states it is a
    candidate even when two sentences share no telling word ("The index ended the day up 2.19%",
    "The Nikkei Stock Average gained 836.52 points, or 2.19 percent"); a round "100,000 tonnes"
    of flour and of freight are not one fact for their figure."""
    r = item.reading
    m = item.mention
    if r is not None and m.qualifier == "range" and m.kind not in ("date", "year") and _finite(m.low) \
            and _finite(m.high) and m.low < m.high:
        # a range is written to both its ends: "12-18 months" and "12 to 18 months" of the time a
        # deal takes to close, "$47 to $51" of an IPO's price range, are one figure as telling
        # as "$63.59", whatever words surround them
        return f"{PRECISE_MARK}{m.unit or ''}:{m.low:.{PRECISE_DIGITS + 1}g}-{m.high:.{PRECISE_DIGITS + 1}g}"
    numeral = NUMERAL.search(item.mention.text)
    money = item.mention.kind == "money"
    # a decimal is written to its last digit on purpose: "magnitude 6.8", "2.2%"
    decimal = numeral is not None and "." in numeral.group()
    needed = (PRECISE_DIGITS if money else TELLING_DIGITS) - decimal
    if r is None or item.mention.kind in ("date", "year") or written_digits(item.mention.text) < needed:
        return None
    if money and not precise(written_reading(item)):
        return None
    # the figure as written, in its own unit: two outlets' "€103m" convert to dollars at their
    # own day's rate, and a converted key would part them at a rounding boundary
    if not _finite(m.value):
        return None
    return f"{PRECISE_MARK}{m.unit or ''}:{m.value:.{PRECISE_DIGITS + 1}g}"


def _finite(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def telling_reading(item: Item) -> str | None:
    """The word of the reading of a telling figure (one :func:`precise_key` indexes) as written
    (:func:`written_reading`), in canonical units, with the unit it is written in, or None; an
    amount of money needs a precise reading (within ``PRECISE`` of itself). One fact written in
    two currencies, units or roundings ("€103m" of one report, "£88.5m" of another; "2.19
    percent" and "2.2%") has one reading, whatever the words of the two sentences: its figure
    is the telling part (:meth:`Cluster.restates`)."""
    written = written_reading(item)
    if precise_key(item) is None or written is None:
        return None
    if _slack(item) and not precise(written):
        return None
    return f"{READING_MARK}{item.mention.unit or ''}:{written[0]!r}:{written[1]!r}"


def written_reading(item: Item) -> tuple[float, float] | None:
    """The typical reading of a claim's figure as written, without its qualifier: "around €134m"
    and "as much as €133m" are precise figures, rounded or bounded by the wording, and name the
    fee "£115m" names. None for a range or a vague amount."""
    m = item.mention
    if item.reading is None or m.qualifier in ("range", "vague"):
        return None
    if m.qualifier in (None, "exact"):
        return item.reading.typical_low, item.reading.typical_high
    r = reading(replace(m, qualifier="exact"))
    # in the terms of the claim's reading: a rate read per year (groups.per_year) is so here too
    return None if r is None else (r.typical_low * item.per_year, r.typical_high * item.per_year)


def parse_reading(word: str) -> tuple[str, tuple[float, float]] | None:
    """The unit as written and the reading of a :func:`telling_reading` word, or None.

    >>> parse_reading("=@GBP:110.0:111.0")
    ('GBP', (110.0, 111.0))
    """
    unit, _, rest = word[len(READING_MARK):].partition(":")
    low, _, high = rest.partition(":")
    try:
        return unit, (float(low), float(high))
    except ValueError:
        return None


def _widened(interval: tuple[float, float], slack: float) -> tuple[float, float]:
    low, high = interval
    return low - slack * abs(low), high + slack * abs(high)


def reading_bins(word: str, slack: float = FX_SLACK) -> list[str]:
    """The index words of a telling reading: the ``BIN_WIDTH`` bins of a log scale its interval,
    widened by ``slack``, spans; two readings that meet so widened share one.

    >>> bool(set(reading_bins("=@GBP:110.0:111.0")) & set(reading_bins("=@EUR:113.5:114.0")))
    True
    >>> bool(set(reading_bins("=@GBP:110.0:111.0")) & set(reading_bins("=@EUR:117.0:118.0")))
    False
    """
    parsed = parse_reading(word)
    if parsed is None:
        return []
    low, high = _widened(parsed[1], slack)
    if not 0 < low <= high < math.inf:
        return []
    step = math.log1p(BIN_WIDTH)
    first, last = math.floor(math.log(low) / step), math.floor(math.log(high) / step)
    return [f"{BIN_MARK}{n}" for n in range(first, last + 1)]


def _value_marks(vector: Mapping[str, float]) -> tuple[str | None, str | None, str | None]:
    """A claim vector's value word, its precise index word and its telling reading word (any
    may be missing)."""
    value = key = exact = None
    for word in vector:
        if word.startswith(PRECISE_MARK):
            key = word
        elif word.startswith(READING_MARK):
            exact = word
        elif word.startswith(VALUE_MARK):
            value = word
    return value, key, exact


def precise(interval: tuple[float, float] | None) -> bool:
    """Whether a typical reading pins its figure down to ``PRECISE`` of itself.

    >>> precise((411.5, 412.5)), precise((15.5, 16.5)), precise((9500.0, 10500.0))
    (True, False, False)
    """
    if interval is None:
        return False
    low, high = interval
    center = abs(low + high) / 2
    return math.isfinite(high - low) and center > 0 and (high - low) <= PRECISE * center


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two typical readings share more than an end ("412" and "413" only touch), or are
    the same point.

    >>> _overlap((411.5, 412.5), (412.5, 413.5)), _overlap((411.5, 412.5), (400.0, 420.0))
    (False, True)
    >>> _overlap((412.0, 412.0), (411.5, 412.5)), _overlap((412.0, 412.0), (412.0, 412.0))
    (True, True)
    """
    low, high = max(a[0], b[0]), min(a[1], b[1])
    # a point meets an interval it lies in; two stretches that share only an end do not meet,
    # also when unit conversion left them a hair apart or across ("101 mph" and "102 mph" in m/s)
    hair = 1e-9 * max(abs(low), abs(high)) if math.isfinite(low) and math.isfinite(high) else 0.0
    if high - low > hair:
        return True
    return abs(high - low) <= hair and (a[1] - a[0] <= hair or b[1] - b[0] <= hair)


def _slack(item: Item) -> float:
    """How far a claim's telling reading may be from its restatement in another unit: only an
    amount of money, converted at an outlet's rate, has any."""
    return FX_SLACK if item.mention.kind == "money" else 0.0


def frame_marks(item: Item) -> list[str]:
    """The frame of a claim as marks of its vector: what it is per, its role in a change, the
    years its ``when`` covers (with no ``when``, those of its report: the README's reading of a
    null ``when``)."""
    m = item.mention
    marks = []
    # a figure that states no denominator is no difference: "valued each share at £25.08" is
    # the "£25.08 per share" of another report
    per = (m.normalized or {}).get("per") or m.per
    if per:
        # "£230,000 per week" is read per year (groups.per_year), as "£12 million per year" is
        # "a metric ton", "per ton" and "a tonne" of cocoa are one denominator, as outlets word it
        # (``data/check_synonyms.txt``)
        marks.append(f"{FRAME_MARK}per:{YEAR_PER if rate_period(m) is not None else lemma(str(per))}")
    if m.change:
        marks.append(f"{FRAME_MARK}change:{m.change}")
    # "721 of them critically" counts part of the figure before it (the injured), not a total
    # that another report's "632 killed" could be: parts meet parts, wholes wholes
    # that is, unless its own phrase names a place: "213 of them in the Valencia region" is part
    # of the national 217, and the whole toll of Valencia
    marks.append(f"{PART_FAMILY}:{'part' if _partitive(item) and not figure_places(item) else 'whole'}")
    # what it is beside its number: an offer or a market price, a revised offer, a count of events
    # or of a part of the people, a design limit
    marks += price_marks(item) + revision_marks(item) + event_count_marks(item)
    marks += subgroup_marks(item) + design_marks(item) + counted_marks(item) + target_marks(item)
    marks += threshold_marks(item)
    marks += name_marks(item)
    marks += place_marks(item) + where_marks(item) + beyond_marks(item) + concept_marks(item)
    marks += prospect_marks(item)
    marks += anchor_marks(item)
    marks += day_marks(item)
    marks += increment_marks(item)
    marks += since_marks(item)
    if m.when:
        try:
            first, last = int(m.when["start"][:4]), int(m.when["end"][:4])
        except (KeyError, ValueError, TypeError):
            first, last = 0, -1
        if 0 <= last - first < WHEN_YEARS:
            marks += [f"{FRAME_MARK}year:{y}" for y in range(first, last + 1)]
        marks += _month_marks(m.when)
    elif item.doc.published is not None:
        # a figure given no time holds for the time of its report (or the year before it, which
        # news often leaves unsaid): not for the 2004 quake another sentence of it recalls
        year = item.doc.published.year
        ahead = FORECAST_YEARS if _forecast(item) else 0
        marks += [f"{REPORT_YEAR_FAMILY}:{y}" for y in range(year - UNSTATED_YEARS, year + 1 + ahead)]
        if m.change in ("delta", "level"):
            # a move given no time is the move of its report's day ("sterling was 0.5% weaker"):
            # the move reported in November is not August's; so is the level it reaches ("cuts
            # interest rates to 4.75%" in November is not August's "cut to 5%")
            day = item.doc.published.isoformat()
            marks += _month_marks({"start": day, "end": day})
    return marks


def _month_marks(when: Mapping[str, str]) -> list[str]:
    """The :data:`MONTH_FAMILY` marks of a short ``when``: its months, and ``MONTH_SLACK`` either
    side; none for a longer one or one that does not parse."""
    try:
        start, end = date.fromisoformat(when["start"][:10]), date.fromisoformat(when["end"][:10])
    except (KeyError, ValueError, TypeError):
        return []
    if not 0 <= (end - start).days <= MONTH_DAYS:
        return []
    first, last = start.year * 12 + start.month - 1 - MONTH_SLACK, end.year * 12 + end.month - 1 + MONTH_SLACK
    return [f"{MONTH_FAMILY}:{n // 12}-{n % 12 + 1:02d}" for n in range(first, last + 1)]


def day_marks(item: Item) -> list[str]:
    """The :data:`DAY_FAMILY` marks of a claim: the days its ``when`` covers when it covers
    fewer than ``DAY_SPAN``, none for a longer one; with no ``when``, its report's day
    (:data:`REPORT_DAY_FAMILY`)."""
    m = item.mention
    if not m.when:
        day = item.doc.published
        return [] if day is None else [f"{REPORT_DAY_FAMILY}:{day.isoformat()}"]
    try:
        first, last = date.fromisoformat(m.when["start"]), date.fromisoformat(m.when["end"])
    except (KeyError, TypeError, ValueError):
        return []
    if not 0 <= (last - first).days < DAY_SPAN:
        return []
    return [f"{DAY_FAMILY}:{(first + timedelta(days=n)).isoformat()}" for n in range((last - first).days + 1)]


#: How the mark of a day's increment starts ("~increment:2024-07-21" for "Delta had to scrap
#: another 1,250 flights yesterday"): a further amount (``Item.further``) whose ``when`` is one
#: day. What one day adds is not what another day added, nor the running total: it joins only
#: increments of its day, or figures stated for that day alone (:func:`_increment_apart`). A
#: toll stated day by day is no increment ("the toll rose to 95 on Wednesday"): it stays one
#: fact that is ``updated``.
INCREMENT_FAMILY = FRAME_MARK + "increment"


def increment_marks(item: Item) -> list[str]:
    """The :data:`INCREMENT_FAMILY` mark of a further amount stated for one day."""
    when = item.mention.when
    if not item.further or not when or not when.get("start") or when.get("start") != when.get("end"):
        return []
    return [f"{INCREMENT_FAMILY}:{str(when['start'])[:10]}"]


#: How the marks of when a change over a period began start ("~since:2023-12" for "rocketed more
#: than 150% over the past three months" in March 2024): the month its ``when`` starts and
#: ``SINCE_SLACK`` months either side, for a change whose ``when`` spans at least ``SINCE_DAYS``
#: days and runs from a day to its report (``data/check_since_words.txt``). Its years and months
#: overlap those of a change over the past year ("more than tripled over the past year"), but the
#: two rises are measured from different days: two facts.
SINCE_FAMILY = FRAME_MARK + "since"
SINCE_DAYS = 28
SINCE_SLACK = 1


def since_marks(item: Item) -> list[str]:
    """The :data:`SINCE_FAMILY` marks of a change over a period of its own."""
    m = item.mention
    if m.change != "delta" or not m.when or not _phrases_re("check_since_words.txt").match(str(m.when.get("text", ""))):
        return []
    try:
        first, last = date.fromisoformat(m.when["start"][:10]), date.fromisoformat(m.when["end"][:10])
    except (KeyError, TypeError, ValueError):
        return []
    if (last - first).days < SINCE_DAYS:
        return []
    n = first.year * 12 + first.month - 1
    return [f"{SINCE_FAMILY}:{k // 12}-{k % 12 + 1:02d}" for k in range(n - SINCE_SLACK, n + SINCE_SLACK + 1)]


def _days(found: Iterable[str], family: str) -> set[str]:
    """The days of the marks of ``family`` among ``found`` ("~day:2024-07-21" -> "2024-07-21")."""
    return {m[len(family) + 1:] for m in found if m.startswith(family + ":")}


def _increment_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a claim with frame ``marks`` and ``candidate`` are a day's increment and a figure
    of another day, or of more days than that one (Friday's "about 1,200 flights" is not
    Sunday's "another 1,250"; "5,000 since Friday" is their sum). A figure stated for no day
    parts from nothing."""
    mine, theirs = _days(marks, INCREMENT_FAMILY), _days(candidate.marks.get(INCREMENT_FAMILY, ()), INCREMENT_FAMILY)
    if mine and theirs:
        return not mine & theirs
    if mine:
        stated = _days(candidate.marks.get(DAY_FAMILY, ()), DAY_FAMILY)
        return bool(stated) and stated != mine
    if theirs:
        stated = _days(marks, DAY_FAMILY)
        return bool(stated) and stated != theirs
    return False


#: The period every money rate of ``data/check_rate_periods.tsv`` is compared per.
YEAR_PER = "year"


def rate_period(m: Mention) -> float | None:
    """How many of a money rate's period make a year ("£230,000 per week": 52), or None for a
    figure that is no money rate per a period of ``data/check_rate_periods.tsv``.

    >>> rate_period(Mention(0, 8, "£230,000", "money", 230000.0, "GBP", per="week"))
    52.0
    >>> rate_period(Mention(0, 3, "$80", "money", 80.0, "USD", per="oil_barrel")) is None
    True
    """
    if m.kind != "money":
        return None
    per = str((m.normalized or {}).get("per") or m.per or "").lower()
    return _rate_periods().get(per)


@cache
def _rate_periods() -> dict[str, float]:
    return {period: float(count) for period, count in (line.split("\t") for line in data_lines("check_rate_periods.tsv"))}


def anchor_marks(item: Item) -> list[str]:
    """The :data:`ANCHOR_FAMILY` marks of a claim: the head noun (its last content word, as
    groups compare words: lower case, singular, synonyms) of its ``subject`` and ``about``, and
    the noun whose value it is ("ahead of estimates of $20.62 billion": ``estimate``); a generic
    noun ("people") names no fact."""
    m = item.mention
    heads = []
    before = _VALUE_OF.search(item.doc.text, max(0, m.start - _VALUE_OF_REACH), m.start)
    for phrase in (m.subject, m.about, before.group(1) if before is not None else None):
        words = _telling_lemmas(phrase or "")
        # a compass point ("63 kilometers southwest of Marrakech") says where a distance is
        # measured from, not what it measures
        if words and words[-1] not in _compass_points():
            heads.append(f"{ANCHOR_FAMILY}:{words[-1]}")
    # a noun right after the figure, then "in" or "of": the phrase names what the figure counts
    # ("a £25bn increase in employers' National Insurance contributions", "a 33.7% share of the
    # vote"), its words the anchors, for want of knowing which is the head
    named = _NOUN_IN.match(item.doc.text, m.end)
    if named is not None and lemma(named.group(1)) not in _compass_points():
        heads += [f"{ANCHOR_FAMILY}:{w}" for w in _telling_lemmas(named.group(2))[:_NOUN_IN_WORDS]]
    return list(dict.fromkeys(heads))


#: How the mark of the place a distance is measured from starts ("~from:marrakech" for "63
#: kilometers southwest of the city of Marrakech"): distances from two places are two facts.
FROM_FAMILY = FRAME_MARK + "from"
# a compass point after the figure, "of", and the place: "southwest of the city of Marrakech",
# "west-southwest of Oukaimedene", "southeast of the capital Addis Ababa"
_COMPASS_OF = re.compile(r"\s+([A-Za-z]+(?:-[A-Za-z]+)*)\s+of\s+(?:the\s+)?(?:[a-z]+\s+(?:of\s+)?)?"
                         r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


def place_marks(item: Item) -> list[str]:
    """The :data:`FROM_FAMILY` marks of a distance: the words of the place its compass point is
    measured from ("60 km west-southwest of Oukaimedene" is no distance from Marrakech). A place
    left unnamed ("62 kilometres southeast of the capital") is no difference."""
    if item.mention.kind != "length":
        return []
    found = _COMPASS_OF.match(item.doc.text, item.mention.end)
    if found is None or not all(lemma(part) in _compass_points() for part in found.group(1).split("-")):
        return []
    return [f"{FROM_FAMILY}:{lemma(w)}" for w in found.group(2).split()]


# a noun right after the figure, then "in" or "of" and what it counts ("a 2% rise in prices")
_NOUN_IN = re.compile(r"\s+([A-Za-z]+)\s+(?:in|of)\s+((?:the\s+)?[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){0,3})")
_NOUN_IN_WORDS = 3


@lru_cache(maxsize=1 << 16)
def _telling_lemmas(phrase: str) -> tuple[str, ...]:
    """The lemmas of the content words of ``phrase`` that are no generic noun, in order: the
    phrases of a story's claims repeat, and tokenising each once keeps grouping's cost down."""
    return tuple(t.lemma for t in tokens(phrase) if is_content(t) and t.lemma not in generic_nouns())


@cache
def _compass_points() -> frozenset[str]:
    """The compass points of ``data/change_words.tsv``, as groups compare words."""
    return frozenset(lemma(word) for word, _, where in read_rows("change_words.tsv") if where == "compass")


# "estimates of $20.62 billion", "a world record of 2:01:07": the noun a figure is the value of
_VALUE_OF = re.compile(r"([A-Za-z]+)\s+of\s+$")
_VALUE_OF_REACH = 40


#: A figure its sentence forecasts ("will lift the tax take ... to a record 38% by the end of the
#: parliament") with no time of its own holds for its report's year or one of this many after it.
FORECAST_YEARS = 5


@cache
def _phrases_re(name: str) -> re.Pattern[str]:
    """The phrases of ``data/<name>`` as one pattern of whole words, the longest first."""
    phrases = sorted(data_lines(name), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b",
                      re.IGNORECASE)


def _sentence_window(sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """A figure's sentence (``start``-``end`` the figure), read to ``SENTENCE_REACH`` either side
    of it: a claim's cost stays bounded in a "sentence" of any length (a page with no full stop)."""
    return max(sentence[0], start - SENTENCE_REACH), min(sentence[1], end + SENTENCE_REACH)


def _sentence_before(item: Item) -> int:
    """Where the words of a figure's sentence before it are read from (:func:`_sentence_window`)."""
    return _sentence_window(item.sentence, item.mention.start, item.mention.end)[0]


def _forecast(item: Item) -> bool:
    return _phrases_re("check_forecast_words.txt").search(
        item.doc.text, _sentence_before(item), item.mention.start) is not None


def is_estimate(item: Item) -> bool:
    """Does the figure's sentence, before it, call it an estimate or a forecast ("analysts'
    consensus of $20.31 billion", "will raise £25bn")?"""
    return _forecast(item) or _phrases_re("check_estimate_words.txt").search(
        item.doc.text, _sentence_before(item), item.mention.start) is not None


_PARTITIVE = re.compile(r"\s+of\s+(\w+)")


def _partitive(item: Item) -> bool:
    after = _PARTITIVE.match(item.doc.text, item.mention.end)
    if after is None:
        return False
    word = after.group(1).lower()
    # a count "of the" things counts some of them ("In more than 170 of the seats the
    # Conservatives lost", "648 of the 650 seats"); a percentage of them is a share of a whole
    return word in partitive_words() or word == "the" and item.mention.kind == "count"


def written_figure(item: Item) -> Written | None:
    """A figure as its report writes it, exact, approximate or a range, in its unit: one report's
    two figures of one unit that differ as written are two facts however their readings overlap
    ("6.8" of the USGS and "7 on the Richter scale" of Morocco's institute; "111-129 mph" for
    Category 3 and "130-156 mph" for Category 4; "about $900 million of Hawaiian's net debt, for
    a total equity value of about $1 billion"). Not a restatement of another figure, nor a figure of the
    report's first line, which a headline rounds ("BHP makes $39bn bid", then "$38.8bn")."""
    m = item.mention
    if m.qualifier not in _WRITTEN or m.equivalent_of is not None or "\n" not in item.doc.text[:m.start]:
        return None
    counted = _telling_lemmas(m.subject or "")
    n = m.normalized or {}
    # an amount of money in two currencies goes through a rate: no canonical figure to compare
    canonical = (n.get("low"), n.get("high"), n.get("unit")) if m.kind != "money" and n.get("unit") else None
    return m.low, m.high, m.unit, frozenset(counted), canonical


def _written_apart(a: Written, b: Written) -> bool:
    """Whether two figures of one report, as :func:`written_figure` gives them, are two facts: of
    one unit, they differ as written, or they count two things each names, in no word alike
    ("scored 24 goals and provided 24 assists": the same figure, two counts; "10,000 Optus
    customers" and "10,000 Optus customer records" are one; a generic noun, "people", names none); of
    two units of one measure, they differ in canonical units ("2:00:35" and "only 35 seconds
    slower than two hours": a time and the mark it is set against)."""
    if a[2] != b[2]:
        return a[4] is not None and b[4] is not None and a[4][2] == b[4][2] and a[4] != b[4]
    return a[:3] != b[:3] or bool(a[3]) and bool(b[3]) and not a[3] & b[3]


_WRITTEN = frozenset({"exact", "range", "approx"})


def _later(item: Item, candidate: Cluster) -> str | None:
    """Is ``item`` above every reading of ``candidate``, from a report published after all of
    its reports, where both state a floor ("More than 3,000 people died" a week after "at least
    2,000": ``"floor"``) or the same running total ("has burned 21,317 acres" after "had burned
    11,802 acres": ``"running"``)? Then it is as likely the fact updated as another fact."""
    if candidate.span is None or item.reading is None or item.reading.typical_low <= candidate.span[1]:
        return None
    day = item.doc.published
    # every member published before it: none undated, the latest of them earlier (none: no member)
    latest = candidate.latest_published
    if day is None or candidate.undated or latest is None or latest >= day:
        return None
    if item.total is not None and item.total in candidate.totals:
        return "running"
    if item.mention.qualifier in FLOORS and candidate.floors:
        return "floor"
    return None


# "Palisades Fire", "Hurricane Milton", "Interior Ministry": a name made of a common noun (its
# head, before or after) and the capitalised words that tell it from others of its kind
_NAMED = re.compile(r"(?:the\s+)?((?:[A-Z][\w'’.-]*\s+){1,3})([A-Za-z]+)")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAMED_AFTER = re.compile(r"(?:the\s+)?([A-Z][a-z]+)((?:\s+[A-Z][\w'’.-]*){1,3})")


def name_marks(item: Item) -> list[str]:
    """The marks of the named event a claim is about: one per word that tells it from others of
    its kind, in the family of its kind ("Eaton Fire" ``~name-fire:eaton``;
    ``data/check_event_heads.txt`` lists the kinds). Claims about the
    Eaton Fire never join those about the Palisades Fire; "Morocco's Interior Ministry" and
    "the Interior Ministry" share a word and meet. A word that is capitalised only where it
    opens a sentence ("Powerful earthquake") names nothing."""
    text = item.doc.text
    about = item.mention.about
    last = _LAST_WORD.search(about) if about else None
    head = _plural_head(last.group() if last is not None else "")
    if head is not None:
        # "two major wildfires", "the Palisades and Eaton fires", "crashes": of several events,
        # of no one of them (a mark no name shares)
        return [f"{FRAME_MARK}name-{lemma(head)}:+several"]
    named = _event_name(about)
    if named is None:
        # "More than 30,000 people have been told to leave their homes as the Palisades Fire
        # burned": a figure whose own phrase names no event is of the one event its sentence
        # names, if it names one
        start, end = _sentence_window(item.sentence, item.mention.start, item.mention.end)
        found = _sentence_names(text, start, end)
        if not found and (several := _several_events(text, start, end)) is not None:
            # "The fires have killed 11 people ... and have driven tens of thousands of residents
            # from their homes": a sentence that names no event but speaks of several of a kind
            # counts across them, as "the Palisades and Eaton fires" does
            return [f"{FRAME_MARK}name-{lemma(several)}:+several"]
        if len(found) != 1:
            return []
        named = found.pop()
    # one family per kind of event however it is called ("wildfire", "blaze": fire)
    return [f"{FRAME_MARK}name-{lemma(named[0])}:{w}" for w in _named_words(named, text)]


_LAST_WORD = re.compile(r"[A-Za-z]+$")


@cache
def _several_re() -> re.Pattern[str]:
    """"the fires", "The quakes", "two major wildfires", "both blazes": a word of ``several:`` of
    ``data/check_scope.txt`` (lower case or capitalised), perhaps a word between, then a plural."""
    words = sorted(_scope_row("several"), key=len, reverse=True)
    lead = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    return re.compile(r"\b(?:" + lead + r")\s+(?:[a-z]+\s+)?([a-z]+s)\b")


def _several_events(text: str, start: int, end: int) -> str | None:
    """The kind of event of which ``text[start:end]`` speaks of several ("The fires have
    killed 11 people"): a plural of ``data/check_event_heads.txt`` after "the", or None."""
    for m in _several_re().finditer(text, start, end):
        word = m.group(1)
        head = next((h for h in (word[:-1], word[:-2]) if h in event_heads()), None)
        if head is not None:
            return head
    return None

# a name in running text: a run of capitalised words, after "the" unless it opens with its head
# ("as the Palisades Fire burned", "Hurricane Milton"; not the agency "Cal Fire" nor the "Los
# Angeles Fire Chief")
_NAMED_IN = re.compile(r"(?<![\w'’.-])(?:([Tt]he)\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(?![\w'’-])")


def _sentence_names(text: str, start: int, end: int) -> set[tuple[str, tuple[str, ...]]]:
    found = set()
    for m in _NAMED_IN.finditer(text, start, end):
        named = _event_name(m.group(2))
        if named is not None and (m.group(1) or m.group(2).split()[0].lower() == named[0]) \
                and _named_words(named, text):
            found.add(named)
    return found


def _event_name(about: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The head and the telling words of the named event ``about`` is, or None."""
    if not about or not about[:1].isupper() and not about.startswith("the "):
        return None
    # not "Palisades and Eaton fires" (more than one), nor "the German club" (a party to a deal)
    if (m := _NAMED.fullmatch(about)) is not None and m.group(2).lower() in event_heads():
        return m.group(2).lower(), tuple(m.group(1).split())
    if (m := _NAMED_AFTER.fullmatch(about)) is not None and m.group(1).lower() in event_heads():
        return m.group(1).lower(), tuple(m.group(2).split())
    return None


def _named_words(named: tuple[str, tuple[str, ...]], text: str) -> list[str]:
    kept = [_POSSESSIVE.sub("", w).lower() for w in named[1] if _named_mid_sentence(w, text)]
    return [w for w in dict.fromkeys(kept) if w]


def _named_mid_sentence(word: str, text: str) -> bool:
    """Is ``word`` written capitalised after a lower-case word or a comma somewhere in ``text``,
    or at the head of a short line of its own (a heading: "Eaton fire")?"""
    return re.search(r"(?<=[a-z,] )" + re.escape(word) + r"(?![\w-])", text) is not None or re.search(
        r"(?m)^" + re.escape(word) + r"(?![\w-])[^\n.]{0,30}$", text) is not None


def _family(mark: str) -> str:
    return mark[: mark.index(":")]


def compatible(marks: Sequence[str], stated: Mapping[str, set[str]], *, years: int = 0) -> bool:
    """Whether a claim with frame ``marks`` may join a cluster whose claims state the marks
    ``stated`` (family -> marks): each family both state must share a mark (years: one of them,
    or one within ``years`` of one of them). A report's years (:data:`REPORT_YEAR_FAMILY`) are
    years like stated ones, but for a telling figure (``years``) they part it from no stated year.

    >>> compatible(["~per:oil_barrel"], {"~per": {"~per:oil_barrel"}})
    True
    >>> compatible(["~year:2018"], {"~year": {"~year:2019"}}), compatible(["~change:level"], {})
    (False, True)
    >>> compatible(["~year:2018"], {"~year": {"~year:2019"}}, years=1)
    True
    >>> compatible(["~yearof:2024"], {"~year": {"~year:1989"}}), compatible(["~yearof:2024"], {"~year": {"~year:1989"}}, years=1)
    (False, True)
    >>> compatible(["~anchor:purchase"], {"~anchor": {"~anchor:merger"}})  # an anchor parts nothing
    True
    """
    mine, stated = _years_as_stated(_families(marks), stated, telling=bool(years))

    def meet(family: str, theirs: set[str]) -> bool:
        if mine[family] & theirs:
            return True
        if family != YEAR_FAMILY or not years:
            return False
        ours = {_year(m) for m in mine[family]}
        return any(abs(_year(m) - y) <= years for m in theirs for y in ours)
    return all(not (theirs and family in mine) or meet(family, theirs)
               for family, theirs in stated.items())


def _same_day(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a claim with frame ``marks`` holds for a day a claim of ``candidate`` holds for,
    one of the two stating it (:data:`DAY_FAMILY`): a figure pinned to its day ("The index
    ended the day at 39,098.68"), not two reports' figures that merely came out the same day."""
    stated, unstated = _days(marks, DAY_FAMILY), _days(marks, REPORT_DAY_FAMILY)
    theirs = candidate.marks.get(DAY_FAMILY, set())
    their_stated = _days(theirs, DAY_FAMILY)
    their_all = their_stated | _days(candidate.marks.get(REPORT_DAY_FAMILY, ()), REPORT_DAY_FAMILY)
    return bool(stated & their_all or unstated & their_stated)


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The log-ratio gap between two positive readings (0 when they overlap)."""
    return max(0.0, math.log(b[0] / a[1]), math.log(a[0] / b[1]))


def _anchored(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a claim with frame ``marks`` counts what a claim of ``candidate`` counts (or is
    about it): both name one head noun (:data:`ANCHOR_FAMILY`)."""
    return any(mark in candidate.marks.get(ANCHOR_FAMILY, ()) for mark in marks
               if mark.startswith(ANCHOR_FAMILY + ":"))


def _year(mark: str) -> int:
    return int(mark[mark.index(":") + 1:])


def _families(marks: Iterable[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mark in marks:
        found.setdefault(_family(mark), set()).add(mark)
    return found


def _years_as_stated(mine: Mapping[str, set[str]], theirs: Mapping[str, set[str]], *,
                     telling: bool) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Two sides' families with a report's years read as stated years: a figure given no time
    holds for its report's. A side that states years is read by those alone (a cluster a telling
    figure joined with its report's years still holds for the years its claims state). For a
    telling figure a side's report years part nothing from the other's stated ones."""
    either_states = bool(mine.get(YEAR_FAMILY)) or bool(theirs.get(YEAR_FAMILY))

    def read(families: Mapping[str, set[str]]) -> dict[str, set[str]]:
        # an anchor or a day parts nothing: not copied (a large group's anchors are many); what a
        # count counts parts only other figures (_counted_apart)
        out = {f: set(marks) for f, marks in families.items()
               if f not in (REPORT_YEAR_FAMILY, ANCHOR_FAMILY, DAY_FAMILY, REPORT_DAY_FAMILY, COUNTED_FAMILY,
                             CONCEPT_FAMILY, BEYOND_FAMILY, INCREMENT_FAMILY)}
        if out.get(YEAR_FAMILY) or telling and either_states:
            return out
        guessed = {YEAR_FAMILY + m[m.index(":"):] for m in families.get(REPORT_YEAR_FAMILY, ())}
        if guessed:
            out[YEAR_FAMILY] = guessed
        return out
    return read(mine), read(theirs)


def weighted(item: Item, weights: Mapping[str, float]) -> dict[str, float]:
    """A claim's context words, each weighted by how telling it is across the documents."""
    vector = {w: x * weights.get(w, 1.0) for w, x in item.features.items()}
    for mark in frame_marks(item):
        # a head noun every report of the story uses ("fee" of a transfer, "tax" of a Budget)
        # tells no fact from another: it vouches for no drift
        if not mark.startswith(ANCHOR_FAMILY) or weights.get(mark[len(ANCHOR_FAMILY) + 1:], 1.0) >= ANCHOR_IDF:
            vector[mark] = VALUE_TRACE
    # not for a date: a wrong date is the drift its group is there to show ("Thursday (May 25)"
    # beside "Thursday (April 25)"), and its words alone find its group
    r = item.reading
    if item.mention.kind != "date" and r is not None and not math.isnan(r.typical_low + r.typical_high):
        vector[value_word(r.typical_low, r.typical_high)] = VALUE_TRACE
        if (key := precise_key(item)) is not None:
            vector[key] = VALUE_TRACE
        if (exact := telling_reading(item)) is not None:
            vector[exact] = VALUE_TRACE
    return {w: x for w, x in vector.items() if x > 0}


def _frame_of(vector: Mapping[str, float], item: Item) -> list[str]:
    """The frame marks of a count's vector, for :meth:`Cluster.admits` (none for another kind)."""
    return [w for w in vector if w.startswith(FRAME_MARK)] if item.mention.kind in _COUNTS else []


class Clustering:
    """Leader-follower clustering, one claim at a time, within blocks.

    The clusters, and the inverted index from (block, word) to clusters, live in memory here;
    a subclass keeps them elsewhere (a story's index in the claim store) by overriding the four
    storage methods, and the decisions stay the same.
    """

    def __init__(
        self,
        *,
        key: Callable[[Item], Hashable],
        bucket: Callable[[Item], int],
        interval: Callable[[Item], tuple[float, float] | None] = lambda i: None,
        threshold: float = THRESHOLD,
    ) -> None:
        self.key, self.bucket, self.interval, self.threshold = key, bucket, interval, threshold
        self.clusters: list[Cluster] = []
        self._postings: dict[tuple[Hashable, str], list[int]] = defaultdict(list)

    # -- storage: in memory here ---------------------------------------------------------

    def postings(self, block: Hashable, word: str) -> Sequence[int]:
        """The latest clusters (at most ``MAX_POSTINGS``) of ``block`` indexed by ``word``."""
        return self._postings.get((block, word), ())[-MAX_POSTINGS:]

    def cluster(self, cid: int) -> Cluster:
        return self.clusters[cid]

    def new_cluster(self, block: Hashable, bucket: int) -> int:
        self.clusters.append(Cluster(block, bucket))
        return len(self.clusters) - 1

    def add_posting(self, block: Hashable, word: str, cid: int) -> None:
        self._postings[(block, word)].append(cid)

    # -- the decisions -------------------------------------------------------------------

    def _telling(self, vector: Mapping[str, float]) -> list[str]:
        # candidates come from the words a claim shares: its value only ranks them (a wall of
        # "1 1 1" shares a value and nothing else)
        return sorted((w for w in vector if not w.startswith((VALUE_MARK, FRAME_MARK))),
                      key=vector.__getitem__, reverse=True)[:INDEX_WORDS]

    def _value_index(self, vector: Mapping[str, float], slack: float) -> list[str]:
        # a precise figure is found by its value too: as written, and in canonical units
        value, key, exact = _value_marks(vector)
        # and a round figure with words of its own by its reading, as a cluster that states it is
        # the likeliest home of another report's "5%" or "0.25 percentage points", however few
        # words they share (a wall of "1 1 1" has none: its figures stay unchecked)
        by_reading = [value] if value and self._telling(vector) else []
        return ([key] if key else []) + (reading_bins(exact, slack) if exact else []) + by_reading

    def candidates(self, item: Item, vector: Mapping[str, float]) -> list[tuple[float, int]]:
        """The clusters ``item`` may join, each with its similarity (at least the threshold),
        before the one-figure-per-document rule (:meth:`Cluster.admits`) is applied."""
        norm = math.sqrt(sum(x * x for x in vector.values()))
        block, b = self.key(item), self.bucket(item)
        value, key, exact = _value_marks(vector)
        slack = _slack(item)
        marks = [w for w in vector if w.startswith(FRAME_MARK)]
        shared: Counter[int] = Counter()
        for word in self._telling(vector) + self._value_index(vector, slack):
            # a very common word may index many clusters: its latest ones are enough to look at
            shared.update(self.postings(block, word))
        found = []
        for cid, _ in shared.most_common(MAX_CANDIDATES):
            candidate = self.cluster(cid)
            if abs(candidate.bucket - b) > 1:
                continue
            telling = bool(key and candidate.centroid.get(key, 0.0) > 0)
            years = TELLING_YEARS if telling else 0
            if marks and not compatible(marks, candidate.marks, years=years):
                continue
            if _presence_apart(marks, candidate) or _counted_apart(item, marks, candidate) \
                    or _target_apart(marks, candidate) or _beyond_apart(marks, candidate) \
                    or _increment_apart(marks, candidate) or _threshold_apart(marks, candidate):
                continue
            sim = words = candidate.similarity(vector, norm)
            placed = _placed_alike(item, marks, candidate)
            if value is not None and sim < FAR_SIMILARITY and not candidate.near(value) \
                    and _later(item, candidate) is None and not placed:
                continue
            if value is not None:
                specific = bool(key and candidate.centroid.get(key, 0.0) > 0) or bool(
                    exact and candidate.restates(exact, value, slack))
                if _revision_apart(marks, candidate) and not (
                        specific or exact is None and candidate.states(value) is not None):
                    # a revised offer of another figure is another offer: a telling figure
                    # ("around £27.53") as written, another by its reading
                    continue
                later = _later(item, candidate)
                if specific or candidate.states(value) is not None:
                    sim += VALUE_BONUS + (SPECIFIC_BONUS if specific else 0.0)
                elif later == "running":
                    # the same total grown: as telling as the same figure stated again
                    sim += VALUE_BONUS
                elif later is None:
                    sim -= VALUE_PENALTY
                if sim < self.threshold and words >= ANCHOR_SIMILARITY and _anchored(marks, candidate) \
                        and (distance := candidate.distance(value)) <= 1.0:
                    # what the figure counts vouches for it: the lowest similarity that joins,
                    # the closest figure first ("181 passengers" beside "189", not "157")
                    sim = self.threshold + RANK_STEP * (1.0 - distance)
                if sim < self.threshold and words >= self.threshold and _same_day(marks, candidate) \
                        and (distance := candidate.distance(value)) <= 1.0:
                    # words alike enough to join on their own, of the day a claim of the cluster
                    # holds for, and a figure within CLOSE_FACTOR of its figures: the fact drifted
                    # ("The closing price was 30,908 yen" beside "The index ended the day up 2.19%
                    # at 39,098.68"), the closest figure first
                    sim = self.threshold + RANK_STEP * (1.0 - distance)
                if sim < self.threshold and placed and words >= PLACED_SIMILARITY:
                    # one place, one thing counted there: the same fact, however far its figure
                    # has moved ("At least 72 people have been killed" in Valencia on the first
                    # day, "229 people died in the autonomous region of Valencia" in the final
                    # count), the closest figure first
                    sim = self.threshold + RANK_STEP * _closeness(candidate, value)
            if sim >= self.threshold:
                found.append((sim, cid))
        return found

    def place(self, item: Item, vector: Mapping[str, float], cid: int | None) -> int:
        """Add ``item`` to cluster ``cid`` (a new one if None); returns the cluster's id."""
        if cid is None:
            cid = self.new_cluster(self.key(item), self.bucket(item))
        target = self.cluster(cid)
        target.add(item, vector, self.interval(item))
        for word in self._telling(vector) + self._value_index(vector, _slack(item)):
            if word not in target.indexed:
                target.indexed.add(word)
                self.add_posting(self.key(item), word, cid)
        return cid

    def assign(self, item: Item, vector: Mapping[str, float]) -> int:
        """Put ``item`` (with its weighted ``vector``) in its cluster; returns the cluster's id."""
        interval = self.interval(item)
        best, best_sim = None, -math.inf
        for sim, cid in self.candidates(item, vector):
            # ties go to the latest cluster, as they always have
            if sim >= best_sim and self.cluster(cid).admits(item.doc.id, interval, further=item.further,
                                                            written=written_figure(item),
                                                            frame=lambda: _frame_of(vector, item)):
                best, best_sim = cid, sim
        return self.place(item, vector, best)

    def assign_document(self, claims: Sequence[tuple[Item, Mapping[str, float]]]) -> list[int]:
        """Place the claims of one document, best match first; returns each claim's cluster id.

        Every claim is scored against the clusters the other documents formed; then the best
        (claim, cluster) pairs are taken in turn, each only if the cluster still admits it (one
        reading per document), so a claim that fits a cluster better is not kept out by one of
        its document's claims that came first in the text. What is left is placed in text order
        and may start clusters of its own, which the document's later claims can join.
        """
        placed: list[int | None] = [None] * len(claims)
        # a restatement goes where the figure it restates goes: "6.1 million km" in brackets
        # after "3.8 million miles" is that claim again, in the same report
        position = {item.index: n for n, (item, _) in enumerate(claims)}
        follows = {n: position[item.mention.equivalent_of] for n, (item, _) in enumerate(claims)
                   if item.mention.equivalent_of in position
                   and self.key(claims[position[item.mention.equivalent_of]][0]) == self.key(item)}
        pairs = [(sim, n, cid) for n, (item, vector) in enumerate(claims) if n not in follows
                 for sim, cid in self.candidates(item, vector)]
        # the best similarity first; among equals the earlier claim, then the latest cluster
        pairs.sort(key=lambda p: (-p[0], p[1], -p[2]))
        for _, n, cid in pairs:
            item, vector = claims[n]
            if placed[n] is None and self.cluster(cid).admits(item.doc.id, self.interval(item),
                                                              further=item.further,
                                                              written=written_figure(item),
                                                              frame=lambda: _frame_of(vector, item)):
                placed[n] = self.place(item, vector, cid)
        for n, (item, vector) in enumerate(claims):
            if placed[n] is None and n not in follows:
                placed[n] = self.assign(item, vector)
        for n, original in follows.items():
            item, vector = claims[n]
            placed[n] = self.place(item, vector, placed[original])
        return [cid for cid in placed if cid is not None]


def cluster(
    items: Sequence[Item],
    weights: Mapping[str, float],
    *,
    key: Callable[[Item], Hashable],
    bucket: Callable[[Item], int],
    interval: Callable[[Item], tuple[float, float] | None] = lambda i: None,
    threshold: float = THRESHOLD,
) -> list[Cluster]:
    """Cluster ``items`` by the similarity of their context words, within blocks.

    ``interval(item)`` is the claim's reading; a claim joins a cluster only if it reads the same
    as every member from its own document, so that two different numbers in one report are not
    taken for one fact.

    >>> from numclaims.checking.claims import Document, Item
    >>> from numclaims.model import Mention
    >>> def item(doc, words):
    ...     return Item(Document(doc, ""), 0, Mention(0, 1, "1", "count", 1.0), None,
    ...                 features=dict.fromkeys(words, 1.0))
    >>> found = cluster([item("a", ["border", "korea"]), item("b", ["border", "korea"]),
    ...                  item("c", ["flour", "aid"])], {}, key=lambda i: 0, bucket=lambda i: 0)
    >>> [sorted(c.documents) for c in found]
    [['a', 'b'], ['c']]
    """
    clustering = Clustering(key=key, bucket=bucket, interval=interval, threshold=threshold)
    for _, claims in groupby(items, key=lambda i: i.doc.id):
        clustering.assign_document([(item, weighted(item, weights)) for item in claims])
    return clustering.clusters


# ---- frames that part two facts a report sets side by side ---------------------------------------


#: How the mark of what an amount of money is starts: an offer ("~price:offer") or a market price
#: ("~price:market"), from ``data/check_price_roles.tsv``. A claim that states neither parts nothing.
PRICE_FAMILY = FRAME_MARK + "price"


def price_marks(item: Item) -> list[str]:
    """The :data:`PRICE_FAMILY` mark of an amount of money: what a buyer offers or what the
    market pays, by the phrase of ``data/check_price_roles.tsv`` right after it (a bracketed
    restatement and two words may come between: "a 31 billion-pound ($39 billion) all-share
    offer"), else by the nearest before it in its clause ("valued each share at £25.08" after
    "its proposal"; "were still trading at £25.60"). A takeover's offer and the target's share
    price or market value sit side by side, close in value, and are never one fact."""
    m = item.mention
    if m.kind != "money":
        return []
    text = item.doc.text
    pattern, after, roles = _price_roles()
    found = after.match(text, m.end)
    phrase = found.group(1) if found is not None else None
    if phrase is None:
        # in its own clause: "Shares in Anglo, which received a bid, rose 5% to £25.60" is no bid
        clause, _ = enclosing(clause_bounds(text, *_sentence_window(item.sentence, m.start, m.end)), m.start, m.end)
        phrase = next((f.group() for f in reversed(list(pattern.finditer(text, clause, m.start)))), None)
    if phrase is None:
        return []
    return [f"{PRICE_FAMILY}:{roles[' '.join(phrase.lower().split())]}"]


#: The mark of an offer its report calls a later one than the first ("its latest offer", "a revised
#: £34bn"; ``data/check_revision_words.txt``): it joins no cluster that does not state its value,
#: and a cluster of such offers takes no claim of another value. A first offer and the revised
#: one are two facts, not one updated.
REVISED_MARK = FRAME_MARK + "revised:offer"


def revision_marks(item: Item) -> list[str]:
    """:data:`REVISED_MARK` for an offer (:func:`price_marks`) that a word of
    ``data/check_revision_words.txt`` calls revised, within three words before the figure or
    before the offer's word in its sentence."""
    if price_marks(item) != [f"{PRICE_FAMILY}:offer"]:
        return []
    m = item.mention
    start, end = _sentence_window(item.sentence, m.start, m.end)
    text = item.doc.text
    pattern, _, _ = _price_roles()
    # the figure, and every offer word of its sentence, with the three words before each
    ends = [m.start] + [f.start() for f in pattern.finditer(text, start, end)]
    for stop in ends:
        before = _WORDS_BEFORE.search(text, max(start, stop - _REVISION_REACH), stop)
        words = tokens(before.group()) if before is not None else []
        if any(t.surface.lower() in _revision_words() for t in words):
            return [REVISED_MARK]
    return []


_WORDS_BEFORE = re.compile(r"(?:[\w'’$£€.,-]+\s+){1,3}$")
_REVISION_REACH = 60


@cache
def _revision_words() -> frozenset[str]:
    return frozenset(w for line in data_lines("check_revision_words.txt") for w in line.split())


#: How the mark of a count of events starts ("~events:fire" for "At least five wildfires are
#: burning"): the events it counts are of the kind its counted noun names
#: (``data/check_event_heads.txt``). A count of events and a count of anything else ("five people
#: have died") are never one fact, nor counts of two kinds of event.
EVENTS_FAMILY = FRAME_MARK + "events"


def event_count_marks(item: Item) -> list[str]:
    """The :data:`EVENTS_FAMILY` mark of a count whose counted noun (``Mention.subject``, its last
    word) is a kind of event, singular or plural ("five wildfires", "a second quake")."""
    words = (item.mention.subject or "").split()
    if item.mention.kind not in _COUNTS or not words:
        return []
    word = words[-1].lower()
    head = word if word in event_heads() else _plural_head(word)
    return [f"{EVENTS_FAMILY}:{lemma(head)}"] if head is not None else []


# the kinds of a count (a figure with no noun of its own is "other"), not "a 6.8-magnitude quake"
_COUNTS = frozenset({"count", "other"})


def _plural_head(word: str) -> str | None:
    """The kind of event (``data/check_event_heads.txt``) whose plural ``word`` is ("wildfires":
    ``wildfire``, "crashes": ``crash``), or None."""
    word = word.lower()
    return next((h for h in (word[:-1], word[:-2]) if word.endswith("s") and h in event_heads()), None)


def _presence_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether one of a claim with frame ``marks`` and ``candidate`` counts events and the other
    does not (:data:`EVENTS_FAMILY`), one counts a part of the people of an event and the other
    does not (:data:`SUBGROUP_FAMILY`), or one is a design limit and the other not
    (:data:`DESIGN_MARK`)."""
    return any(any(m.startswith(family + ":") for m in marks) != bool(candidate.marks.get(family))
               for family in (EVENTS_FAMILY, SUBGROUP_FAMILY, _family(DESIGN_MARK)))


#: The mark of a figure its sentence calls what a thing is built to bear ("designed to cope with
#: temperatures of up to 2,500 degrees"; ``data/check_design_words.txt``): a design limit, grouped
#: only with design limits, never with what was met or measured, nor the other way round.
DESIGN_MARK = FRAME_MARK + "design:limit"


def design_marks(item: Item) -> list[str]:
    """:data:`DESIGN_MARK` for a figure whose sentence, before it, has a phrase of
    ``data/check_design_words.txt``."""
    found = _phrases_re("check_design_words.txt").search(item.doc.text, _sentence_before(item), item.mention.start)
    return [DESIGN_MARK] if found is not None else []


#: How the mark of a count of a part of the people of an event starts ("~subgroup:passenger" for
#: "149 passengers", "~subgroup:crew" for "eight crew members"; ``data/check_subgroup_nouns.txt``).
#: Such a count never joins a count of people in general ("all 189 people on board") or of
#: nothing named, nor the other way round, and counts of two parts part as frames do.
SUBGROUP_FAMILY = FRAME_MARK + "subgroup"


def subgroup_marks(item: Item) -> list[str]:
    """The :data:`SUBGROUP_FAMILY` mark of a count whose counted noun ends in a phrase of
    ``data/check_subgroup_nouns.txt`` ("passengers", "crew members"; not "a passenger plane")."""
    if item.mention.kind not in _COUNTS:
        return []
    counted = _telling_lemmas(item.mention.subject or "")
    for phrase in _subgroup_nouns():
        if counted[len(counted) - len(phrase):] == phrase:
            return [f"{SUBGROUP_FAMILY}:{phrase[0]}"]
    return []


@cache
def _subgroup_nouns() -> tuple[tuple[str, ...], ...]:
    """The phrases of ``data/check_subgroup_nouns.txt`` as groups compare words, longest first."""
    phrases = {tuple(lemma(w) for w in line.split()) for line in data_lines("check_subgroup_nouns.txt")}
    return tuple(sorted(phrases, key=len, reverse=True))


def _revision_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a claim with frame ``marks`` and ``candidate`` differ in :data:`REVISED_MARK`: one
    a revised offer, the other not."""
    return (REVISED_MARK in marks) != (REVISED_MARK in candidate.marks.get(_family(REVISED_MARK), ()))


# what may come between a figure and the word that says what it is: a restatement in brackets
# and two words ("($39 billion) all-share offer")
_AFTER_FIGURE = r"\s*(?:\([^()]*\)\s*)?(?:[\w'’-]+\s+){0,2}"


@cache
def _price_roles() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The phrases of ``data/check_price_roles.tsv`` as one pattern of whole words, the pattern
    of one right after a figure (the phrase its group 1), and each phrase's role."""
    roles = {" ".join(phrase.split()): role for phrase, role in read_rows("check_price_roles.tsv")}
    phrases = r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                   for p in sorted(roles, key=len, reverse=True)) + r")\b"
    return (re.compile(phrases, re.IGNORECASE), re.compile(_AFTER_FIGURE + f"({phrases})", re.IGNORECASE),
            roles)


#: How the marks of what a count counts start ("~counted:road" for "More than 150 roads"): the
#: words of its counted noun (``Mention.subject``), as groups compare words. Two counts of other
#: figures that each name what they count, in no word alike, count two things ("More than 150
#: roads" and "158 dead", "dozens of towns" and "205 deaths"), however close their figures; the
#: same figure is the same fact worded otherwise ("more than 2 million customers" without power,
#: "More than two million homes"); a generic noun ("people") names nothing, so "At least 72
#: people" still meets "at least 70 dead".
COUNTED_FAMILY = FRAME_MARK + "counted"


def counted_marks(item: Item) -> list[str]:
    """The :data:`COUNTED_FAMILY` marks of a count: one per word of its counted noun that is no
    generic noun; none for a figure of another kind or one that names nothing it counts."""
    if item.mention.kind not in _COUNTS:
        return []
    return [f"{COUNTED_FAMILY}:{w}" for w in dict.fromkeys(_telling_lemmas(item.mention.subject or ""))]


def _counted_apart(item: Item, marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a count with frame ``marks`` counts another thing than ``candidate`` does: both
    name what they count (:data:`COUNTED_FAMILY`), in no word alike, and no claim of
    ``candidate`` reads as the figure as written (:func:`written_reading`: "More than 150" is
    150, not the "158" its wording would allow; a vague "dozens" is no figure), or it hangs on a
    concept (:data:`CONCEPT_FAMILY`) no claim of ``candidate`` hangs on, where they state one."""
    mine = {m for m in marks if m.startswith(COUNTED_FAMILY + ":")}
    theirs = candidate.marks.get(COUNTED_FAMILY, set())
    concepts = {m for m in marks if m.startswith(CONCEPT_FAMILY + ":")}
    tolls, their_tolls = _toll_marks(concepts), _toll_marks(candidate.marks.get(CONCEPT_FAMILY, ()))
    if tolls and their_tolls and not tolls & their_tolls:
        # a count that hangs on a toll none of theirs hangs on (the ``tolls:`` of
        # ``data/check_scope.txt``): "20 have been injured" is no toll of the dead, nor are "25
        # workers injured" the "22 workers killed", whatever its readings
        written = written_reading(item)
        return written is None or not any(_overlap(written, stated) for stated in candidate.figures_written)
    if not mine or mine & theirs:
        return False
    written = written_reading(item)
    if concepts and not concepts & candidate.marks.get(CONCEPT_FAMILY, {""}):
        # nor does it hang on what they hang on: "spread over 75 municipalities" after "the storm
        # hit" is no toll, whichever floor ("At least 72 people have been killed") its figure is
        # in, and whether or not the toll names what it counts ("people" names nothing); only a
        # claim that writes its figure makes it theirs ("more than 2 million customers" without
        # power, "More than two million homes and businesses")
        if written is None:
            return True
        if not candidate.figures_written:
            # a stored story's cluster keeps its readings, not its members' figures
            return candidate.states(value_word(*written)) is None
        return not any(_overlap(written, stated) for stated in candidate.figures_written)
    if not theirs:
        return False
    return written is None or candidate.states(value_word(*written)) is None


#: How the marks of the places the phrase a claim is about names start ("~where:valencia" for
#: "The death toll in Valencia province has climbed to more than 200"): the capitalised words
#: after a word of place in its ``Mention.about``, as :mod:`numclaims.checking.scope` reads a
#: clause, not a year, month or weekday. A toll across a country and the toll of one of its
#: regions sit side by side, close in value, and are two facts: a claim never joins a cluster
#: whose claims name places, none of them its own. A claim that names no place parts nothing (its
#: whole clause's places were tried: a demonym or a destination in it parted one fact's claims).
WHERE_FAMILY = FRAME_MARK + "where"
_YEAR_WORD = re.compile(r"\d{4}")


def where_marks(item: Item) -> list[str]:
    """The :data:`WHERE_FAMILY` marks of a claim: one per place its own phrase names right after
    the figure ("202 in Valencia province", "213 of them in the Valencia region", "two in
    Castilla-La Mancha"; :func:`figure_places`), else one per place the phrase it is about
    (``Mention.about``: "death toll in Valencia province") names after a word of place. The
    figure's own place comes first: "flash floods in Spain that killed at least 158 people, with
    155 deaths confirmed in the eastern Valencia region" is about Spain, but its 155 is Valencia's."""
    own = figure_places(item)
    if own:
        return [f"{WHERE_FAMILY}:{w}" for w in own]
    about = item.mention.about or ""
    names = _calendar_words()
    places = [place_lemma(t.lemma) for t in scope_tokens(tokens(about))
              if t.capitalised and not _YEAR_WORD.fullmatch(t.surface) and t.surface.lower().rstrip(".") not in names]
    words = tokens(about)
    if any(t.surface.endswith(("'s", "’s")) for t in words):
        # "rain in Spain's eastern Valencia region": the possessive names the larger place, the
        # phrase is about the one it owns
        places = [w for n, t in enumerate(words) if t.surface.lower() in _scope_prepositions()
                  for w in _place_after(words[n + 1:], item.doc.text)]
    return [f"{WHERE_FAMILY}:{w}" for w in dict.fromkeys(places)]


@cache
def _scope_prepositions() -> frozenset[str]:
    return frozenset(w for line in data_lines("check_scope.txt") if line.startswith("prepositions:")
                     for w in line.partition(":")[2].split())


def place_lemma(word: str) -> str:
    """A place word as places are compared: a demonym in "-ian" of a name in "-ia" is that name
    ("Valencian Community" is Valencia's, "Indian" India's), so a region's adjective and its name
    meet; ``data/check_synonyms.txt`` has the demonyms no rule finds ("Korean").

    >>> [place_lemma(w) for w in ("valencian", "indian", "spain", "milan")]
    ['valencia', 'india', 'spain', 'milan']
    """
    return word[:-1] if len(word) > 5 and word.endswith("ian") else word


#: How far (characters) after or before a figure its place is looked for, and its concept either
#: side of it: a claim's cost stays bounded in a sentence of any length.
PLACE_REACH = 200
SENTENCE_REACH = 600
CONCEPT_REACH = 100
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_LAST_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")

#: How many words may stand between a figure and the word of place of its own phrase ("213 of
#: them in", "155 deaths confirmed in"), and between that word and the name ("in the
#: neighbouring region of Castilla-La Mancha", "dead in floods in Valencia").
PLACE_GAP_WORDS = 4
PLACE_FILLER_WORDS = 4


def figure_places(item: Item) -> tuple[str, ...]:
    """The place the figure's own phrase names: after it, in its clause, past at most
    ``PLACE_GAP_WORDS`` words, a word of place (``figures:`` of ``data/check_scope.txt``) and
    the name :func:`_place_after` reads there; or none. Another figure, or a word of
    ``place_stops:``, first ends the phrase: "205, including 202 in Valencia province" names no
    place of 205."""
    m = item.mention
    return _places_of(_Figure(item.doc.text, item.sentence, m.start, m.end))


class _Figure(NamedTuple):
    """Where a figure stands: its report's text, its sentence's bounds and its own."""

    text: str
    sentence: tuple[int, int]
    start: int
    end: int


@lru_cache(maxsize=1 << 12)
def _places_of(fig: _Figure) -> tuple[str, ...]:
    # frame_marks reads a figure's place more than once, one claim after another: read once (a
    # text's hash is cached; a few thousand entries keep few texts alive)
    text = fig.text
    clause, clause_end = enclosing(clause_bounds(text, *_sentence_window(fig.sentence, fig.start, fig.end)),
                                   fig.start, fig.end)
    words = tokens(text, fig.end, max(fig.end, min(clause_end, fig.end + PLACE_REACH)))
    for n, token in enumerate(words[:PLACE_GAP_WORDS + 1]):
        if token.surface[:1].isdigit() or token.lemma in _place_stops():
            return ()
        if token.surface.lower() in _figure_prepositions():
            return _place_after(words[n + 1:], text)
    return _named_region(words, text) or _place_before(fig, clause) or _sentence_place(fig)


#: How many words before a figure its clause may name its place in: "bringing the number of
#: deaths across Spain to 158".
PLACE_BEFORE_WORDS = 8


def _place_before(fig: _Figure, clause: int) -> tuple[str, ...]:
    """The place the phrase a figure is the value of names, before it in its clause: a word of
    place after a concept (:data:`CONCEPT_FAMILY`) and a name among the ``PLACE_BEFORE_WORDS``
    words before a figure that a word of ``value_words:`` in ``data/check_scope.txt`` ("to",
    "at") leads in ("the number of deaths across Spain to 158"), no other figure between; or
    none."""
    text = fig.text
    lead = _LAST_WORD_BEFORE.search(text, max(clause, fig.start - 12), fig.start)
    if lead is None or lead.group(1).lower() not in _scope_row("value_words"):
        return ()
    words = tokens(text, max(clause, fig.start - PLACE_REACH), fig.start)[-PLACE_BEFORE_WORDS:]
    if not words or words[-1].surface.lower() not in _scope_row("value_words") \
            or any(t.surface[:1].isdigit() for t in words):
        return ()
    for n, token in enumerate(words[:-1]):
        # the place must be of what is counted, a concept right before it ("deaths across
        # Spain to 158"), not of the event ("the flooding caused by the DANA in Spain to 92",
        # "caused by the storm in Germany": a kind of event, data/check_event_heads.txt)
        if token.surface.lower() in _figure_prepositions() and n and words[n - 1].lemma in _concepts() \
                and words[n - 1].lemma not in event_heads() and lemma(words[n - 1].surface) not in event_heads():
            found = _place_after(words[n + 1:-1], text)
            if found:
                return found
    return ()


def _sentence_place(fig: _Figure) -> tuple[str, ...]:
    """The place a sentence opens with, a word of place, a name and a comma ("In Castilla-La
    Mancha, the other region affected, the death toll was put at 3"): it sets where the whole
    sentence holds; none when another figure stands between it and the figure."""
    text = fig.text
    start, _ = fig.sentence
    opening = _FIRST_WORD.match(text, start)
    if opening is None or opening.group(1).lower() not in _figure_prepositions() \
            or fig.start - start > SENTENCE_REACH:
        return ()  # an opening phrase sets the place of its sentence's figures, not of a page's
    first = clause_bounds(text, start, fig.start)
    if len(first) < 2:
        return ()
    words = tokens(text, *first[0])
    if not words or words[0].surface.lower() not in _figure_prepositions() \
            or _NEXT_FIGURE.search(text, first[0][1], fig.start) is not None:
        return ()
    found = _place_after(words[1:], text)
    # the name must end the opening phrase: "In Spain's east, ..." is no place of its own
    return found if found and words[-1].capitalised else ()


def _named_region(words: Sequence[Token], text: str) -> tuple[str, ...]:
    """The first name in ``words`` (a figure's clause after it, up to another figure) that a
    noun of a region follows (``regions:`` of ``data/check_scope.txt``): "At least 72 people have
    been killed by the violent storms that hit the Valencia region of eastern Spain" is
    Valencia's toll; the name says where without a word of place."""
    regions = _scope_row("regions")
    names = _calendar_words()
    run: list[str] = []
    for token in words:
        low = token.surface.lower().rstrip(".")
        if token.surface[:1].isdigit() or low in _place_stops():
            return ()
        if token.capitalised and low not in names and not _YEAR_WORD.fullmatch(token.surface) \
                and (not run or not _written_lower(text, low)):
            run.append(place_lemma(token.lemma))
            continue
        if run and token.lemma in regions:
            return tuple(dict.fromkeys(run))
        run = []
    return ()


def _place_after(words: Sequence[Token], text: str) -> tuple[str, ...]:
    """The name right after a word of place: past at most ``PLACE_FILLER_WORDS`` lower-case
    words ("in the neighbouring region of Castilla-La Mancha"), a run of capitalised words, each
    a :func:`place_lemma`. A possessive name before a further one is the larger place of it
    ("Spain's eastern Valencia region" is Valencia); a word the text also writes in lower case
    ends the run (a headline's "92 Deaths in Valencia Following Catastrophic Floods"), as does a
    month, a weekday or a year."""
    names = _calendar_words()
    found: list[str] = []
    skipped = 0
    possessive = False  # the last name was possessive: a further name may follow it
    for token in words:
        low = token.surface.lower().replace("’", "'").rstrip(".")
        if token.capitalised and not _YEAR_WORD.fullmatch(token.surface) and low not in names \
                and (not found or possessive or not _written_lower(text, low)):
            if possessive:
                found, possessive, skipped = [], False, 0
            found.append(place_lemma(token.lemma))
            possessive = low.endswith("'s")
            continue
        if token.surface[:1].isdigit() or low in _place_stops():
            break
        skipped += 1
        if (found and not possessive) or skipped > PLACE_FILLER_WORDS:
            break
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1 << 12)
def _written_lower(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` in lower case somewhere: a capitalised one of them is a
    word of a headline or a sentence's start, no name."""
    return re.search(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", text) is not None


@cache
def _figure_prepositions() -> frozenset[str]:
    """The words of place a figure's own phrase names its place after (``figures:`` of
    ``data/check_scope.txt``)."""
    return frozenset(w for line in data_lines("check_scope.txt") if line.startswith("figures:")
                     for w in line.partition(":")[2].split())


@cache
def _place_stops() -> frozenset[str]:
    """Words that end a figure's own phrase before a place (``place_stops:`` of
    ``data/check_scope.txt``): "including", "than", "of" another figure's."""
    return frozenset(w for line in data_lines("check_scope.txt") if line.startswith("place_stops:")
                     for w in line.partition(":")[2].split())


@cache
def _calendar_words() -> frozenset[str]:
    """The month and weekday names of ``data/calendar.tsv``, lower case."""
    names = calendar_names()
    return frozenset(w.lower().rstrip(".") for w in (*names.months, *names.weekdays))


#: The mark of a figure its report calls a goal ("the Bank's 2% target", "a target of 2%";
#: ``data/check_target_words.txt``): a target is grouped only with targets, never with the level
#: measured beside it ("inflation fell back to 2%", "2.2 per cent in August"), nor the other way
#: round.
TARGET_MARK = FRAME_MARK + "target:goal"
# a goal's noun right after the figure, one or two words between ("2% inflation target"), or
# right before it, then "of" ("a target of 2%")
_TARGET_AFTER = r"\s+(?:[\w'’-]+\s+){0,2}(?:%s)\b"
_TARGET_BEFORE = r"\b(?:%s)\s+of\s+$"
_TARGET_REACH = 30


def target_marks(item: Item) -> list[str]:
    """:data:`TARGET_MARK` for a figure a word of ``data/check_target_words.txt`` names right
    after it, or right before it then "of"."""
    after, before = _target_res()
    m = item.mention
    text = item.doc.text
    found = after.match(text, m.end) or before.search(text, max(0, m.start - _TARGET_REACH), m.start)
    return [TARGET_MARK] if found is not None else []


@cache
def _target_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = "|".join(map(re.escape, sorted(data_lines("check_target_words.txt"), key=len, reverse=True)))
    return (re.compile(_TARGET_AFTER % words, re.IGNORECASE), re.compile(_TARGET_BEFORE % words, re.IGNORECASE))


#: The mark of a threshold a quantity crossed (``data/check_threshold_words.tsv``): grouped only
#: with thresholds, never with the level measured beside it, nor the other way round.
THRESHOLD_MARK = FRAME_MARK + "threshold:crossed"
_THRESHOLD_REACH = 40


def threshold_marks(item: Item) -> list[str]:
    """:data:`THRESHOLD_MARK` for a figure a noun of ``check_threshold_words.tsv`` names right
    after it, or that a verb crosses right before it (with a preposition of crossing, which the
    mention's own text may hold: "below 2 million square kilometers")."""
    noun, before = _threshold_res()
    m = item.mention
    text = item.doc.text
    if m.kind in ("year", "date"):
        return []  # "topping 1989 record": the record's year, no threshold
    if noun.match(text, m.end):
        return [THRESHOLD_MARK]
    digit = next((k for k, c in enumerate(m.text) if c.isdigit()), 0)
    lead = m.text[:digit].rsplit(" ", 1)[0] + " " if " " in m.text[:digit] else ""
    words = text[max(0, m.start - _THRESHOLD_REACH):m.start] + lead
    return [THRESHOLD_MARK] if before.search(words) else []


@cache
def _threshold_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles: dict[str, list[str]] = {}
    for line in data_lines("check_threshold_words.tsv"):
        words, role = line.split("\t")
        roles.setdefault(role, []).extend(words.split(","))

    def alternation(role: str) -> str:
        return "|".join(map(re.escape, sorted(roles.get(role, []), key=len, reverse=True)))
    noun = re.compile(r"(?:-[\w'’]+)*\s+(?:%s)\b" % alternation("noun"), re.IGNORECASE)
    before = re.compile(r"\b(?:(?:%s)|(?:%s)\s+(?:%s))\s+(?:the\s+)?$" % (
        alternation("crossing"), alternation("moving"), alternation("across")), re.IGNORECASE)
    return noun, before


def _threshold_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether one of a claim with frame ``marks`` and ``candidate`` is a threshold crossed
    (:data:`THRESHOLD_MARK`) and the other not."""
    return (THRESHOLD_MARK in marks) != bool(candidate.marks.get(_family(THRESHOLD_MARK)))


def _target_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether one of a claim with frame ``marks`` and ``candidate`` is a target
    (:data:`TARGET_MARK`) and the other not."""
    return (TARGET_MARK in marks) != bool(candidate.marks.get(_family(TARGET_MARK)))


#: How the mark of what a count's figure hangs on starts ("~concept:death" for "At least 72
#: people have been killed", "213 of them" after "217 people had died"): the concept of
#: ``data/check_synonyms.txt`` written nearest the figure in its sentence, not a generic noun
#: ("people") nor a word of ``unplaced:`` in ``data/check_scope.txt`` (a year, a record). Like an
#: anchor it parts nothing; with a place it names a fact (:func:`_placed_alike`).
CONCEPT_FAMILY = FRAME_MARK + "concept"
#: The least similarity in words a claim needs to join a cluster by its place and concept alone.
PLACED_SIMILARITY = 0.05


def concept_marks(item: Item) -> list[str]:
    """The :data:`CONCEPT_FAMILY` mark of a count: the concept written nearest its figure in its
    sentence, before or after it; none for another kind of figure or a sentence with none."""
    m = item.mention
    if m.kind not in _COUNTS:
        return []
    concepts, skip = _concepts(), generic_nouns() | _scope_row("unplaced")
    best: tuple[int, str] | None = None
    start, end = item.sentence
    text = item.doc.text
    for token in tokens(text, max(start, m.start - CONCEPT_REACH), min(end, m.end + CONCEPT_REACH)):
        if token.lemma in concepts and token.lemma not in skip and not m.start <= token.start < m.end:
            gap = m.start - token.end if token.end <= m.start else token.start - m.end
            if token.end <= m.start and _CLAUSE_JOIN.search(text, token.end, m.start):
                # another clause's word: "At least two people have died and 20 have been
                # injured" counts the injured, whatever is nearer
                gap += 2 * CONCEPT_REACH
            if best is None or gap < best[0]:
                best = (gap, token.lemma)
    return [] if best is None else [f"{CONCEPT_FAMILY}:{best[1]}"]


def _toll_marks(marks: Iterable[str]) -> set[str]:
    """The :data:`CONCEPT_FAMILY` marks among ``marks`` of a toll (``tolls:`` of
    ``data/check_scope.txt``: the dead, the injured)."""
    tolls = _scope_row("tolls")
    return {m for m in marks if m.startswith(CONCEPT_FAMILY + ":") and m[len(CONCEPT_FAMILY) + 1:] in tolls}


_CLAUSE_JOIN = re.compile(r"[,;]|\b(?:and|but|while|whereas)\b")


@cache
def _concepts() -> frozenset[str]:
    return frozenset(synonyms().values())


def _placed_alike(item: Item, marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a count names the place (:data:`WHERE_FAMILY`) and the concept
    (:data:`CONCEPT_FAMILY`) a claim of ``candidate`` names: the toll of one place, whatever its
    figure."""
    if item.mention.kind not in _COUNTS:
        return False
    return placed_marks(marks, candidate.marks)


def placed_marks(marks: Sequence[str], stated: Mapping[str, set[str]]) -> bool:
    """Whether frame ``marks`` name a place (:data:`WHERE_FAMILY`) and a concept
    (:data:`CONCEPT_FAMILY`) of the marks ``stated`` (family -> marks). Two totals that count
    beyond one place (:data:`BEYOND_FAMILY`) are not so matched: what they count beyond it is
    unsaid (measured on the development stories: valencia's national tolls split in two)."""
    where = {w for w in marks if w.startswith(WHERE_FAMILY + ":")}
    concept = {w for w in marks if w.startswith(CONCEPT_FAMILY + ":")}
    return bool(where & stated.get(WHERE_FAMILY, set()) and concept & stated.get(CONCEPT_FAMILY, set()))


def _closeness(candidate: Cluster, value: str | None) -> float:
    """0..1, 1 for a figure a cluster states, less the further its figures lie."""
    mine = value_interval(value) if value is not None else None
    if candidate.span is None or mine is None or not 0 < mine[0] <= mine[1] < math.inf:
        return 0.0
    return 1.0 / (1.0 + _gap(mine, candidate.span))


#: How the mark of a place a figure is the whole beyond starts ("~beyond:valencia" for "The death
#: toll now stands at 205, including 202 in Valencia province", "217 people had died by Sunday,
#: 213 of them in the Valencia region"): its report breaks it down into a part in that place, so
#: it counts more than that place. It never joins a cluster whose claims name that place
#: (:data:`WHERE_FAMILY`), nor the other way round; a figure of the other place is no
#: difference (a national toll is named by what it includes, not by its nation).
BEYOND_FAMILY = FRAME_MARK + "beyond"
# the next figure of the sentence after a word that makes it a part ("including 202"), or
# followed by one ("213 of them"): ``part_words:`` and ``part_after:`` of data/check_scope.txt
_NEXT_FIGURE = re.compile(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)


def beyond_marks(item: Item) -> list[str]:
    """The :data:`BEYOND_FAMILY` marks of a count: the places its sentence gives a part of it in,
    right after it ("205, including 202 in Valencia province")."""
    m = item.mention
    if m.kind not in _COUNTS:
        return []
    text = item.doc.text
    _, end = item.sentence
    found = _NEXT_FIGURE.search(text, m.end, end)
    if found is None:
        return []
    between = {t.surface.lower() for t in tokens(text, m.end, found.start())}
    # the few words after the next figure, not the rest of a sentence of any length
    after = tokens(text, found.end(), min(end, found.end() + PLACE_REACH))
    parts, part_after = _scope_row("part_words"), _scope_row("part_after")
    lead = [t.surface.lower() for t in after[:2]]
    # a colon opens a breakdown too: "Three further deaths have been recorded outside the
    # region: two in Castilla-La Mancha and one in Andalusia"
    listed = ":" in text[m.end:found.start()]
    led = len(lead) == 2 and " ".join(lead) in part_after
    if not between & parts and not led and not listed:
        return []
    start = 2 if led and between.isdisjoint(parts) else 0
    for n, token in enumerate(after[start:start + PLACE_GAP_WORDS + 1], start):
        if token.surface.lower() in _figure_prepositions():
            return [f"{BEYOND_FAMILY}:{w}" for w in _place_after(after[n + 1:], text)]
    return []


@cache
def _scope_row(name: str) -> frozenset[str]:
    """The entries of row ``name:`` of ``data/check_scope.txt``, split at ``|`` (a phrase may
    have spaces) or, with none, at whitespace."""
    for line in data_lines("check_scope.txt"):
        if line.startswith(name + ":"):
            rest = line.partition(":")[2]
            return frozenset(p.strip() for p in (rest.split("|") if "|" in rest else rest.split()))
    return frozenset()


def _beyond_apart(marks: Sequence[str], candidate: Cluster) -> bool:
    """Whether a claim with frame ``marks`` counts beyond a place a claim of ``candidate`` names,
    or names a place a claim of it counts beyond (:data:`BEYOND_FAMILY`)."""
    def places(found: Iterable[str], family: str) -> set[str]:
        return {w[len(family) + 1:] for w in found if w.startswith(family + ":")}
    mine_where, mine_beyond = places(marks, WHERE_FAMILY), places(marks, BEYOND_FAMILY)
    theirs_where = places(candidate.marks.get(WHERE_FAMILY, ()), WHERE_FAMILY)
    theirs_beyond = places(candidate.marks.get(BEYOND_FAMILY, ()), BEYOND_FAMILY)
    return bool(mine_beyond & theirs_where or mine_where & theirs_beyond)


#: How the mark of whether the level a move reaches is one expected or one reached starts
#: ("~mood:prospect" for "hopes that the Bank will lower Bank Rate from 5.25% to 5%",
#: "~mood:reached" for "The Bank of England cuts interest rate to 5%"): a level its clause, before
#: it, calls expected (``data/check_prospect_words.txt`` and the forecast words) is a prospect, and
#: a prospect and the level reached are two facts, close in value and worded alike. A prospect also
#: holds for the months of its report (:data:`MADE_FAMILY`): the Bank's August forecast of 2.75% is
#: not its November one.
MOOD_FAMILY = FRAME_MARK + "mood"
MADE_FAMILY = FRAME_MARK + "made"


def prospect_marks(item: Item) -> list[str]:
    """The :data:`MOOD_FAMILY` mark of a level a move reaches (``Mention.change`` ``level``), and
    for a prospect the :data:`MADE_FAMILY` months of its report; none for another figure."""
    m = item.mention
    if m.change != "level":
        return []
    text = item.doc.text
    clause, _ = enclosing(clause_bounds(text, *_sentence_window(item.sentence, m.start, m.end)), m.start, m.end)
    expected = any(_phrases_re(name).search(text, clause, m.start) is not None
                   for name in ("check_prospect_words.txt", "check_forecast_words.txt"))
    if not expected:
        return [f"{MOOD_FAMILY}:reached"]
    marks = [f"{MOOD_FAMILY}:prospect"]
    if item.doc.published is not None:
        day = item.doc.published.isoformat()
        marks += [MADE_FAMILY + w[len(MONTH_FAMILY):] for w in _month_marks({"start": day, "end": day})]
    return marks
