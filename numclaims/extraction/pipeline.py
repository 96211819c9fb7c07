"""``extract()``: text in, :class:`~numclaims.model.Mention` list out.

One pass finds dates, one finds vague amounts ("tens of thousands"), one walks every number
and decides its dimension from what surrounds it: a currency sign or name makes money, a
per-cent word a ratio, a unit word a measure, a four-digit figure alone a year, anything else
a count (with the noun it counts) or a bare number. Then parenthetical restatements are
linked and everything is normalised.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field

from numclaims.errors import InputError, UnknownCurrencyError
from numclaims.extraction import money, rules, scan
from numclaims.extraction.dates import find_dates
from numclaims.extraction.lexicon import alternation, lexicon, number_names
from numclaims.extraction.numbers import find_numbers, parse_numeral, split_words, words_precision, words_value
from numclaims.extraction.qualifiers import interval, qualifier_after, qualifier_before
from numclaims.extraction.subjects import subject_after
from numclaims.extraction.textspans import SpanSet, protected_spans
from numclaims.model import Mention
from numclaims.normalise import fx, units
from numclaims.normalise.normalize import normalise

_PLURAL_NOUN = re.compile(r"\s+[a-z][a-z]+s\b")
_DECADE = re.compile(r"'?s\b")
# matched in place, never on a slice text[end:], which would copy the rest of the text each time
_OF = re.compile(r"\s+of\b")
# A proper name's capitals: what may open a sentence, the next word, how far a line is read.
_SENTENCE_OPENERS = set(".!?:;\"'“‘(—–-")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINE_REACH = 300
_TITLE_CASE_SHARE = 0.6  # of at least _TITLE_CASE_WORDS other words longer than three letters
_TITLE_CASE_WORDS = 4
_OF_PREFIX = re.compile(r"\s+of")
_NAMES = number_names()
_SCALE_WORDS = frozenset([*_NAMES.times, *_NAMES.scales])
_DIGIT_BEFORE = re.compile(r"\d\s*$")


@dataclass
class Draft:
    """A mention being built: mutable until it becomes a frozen :class:`Mention`."""

    start: int
    end: int
    kind: str
    value: float | str | None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    precision: float | None = None
    subject: str | None = None
    ambiguities: list[str] = field(default_factory=list)
    weekday: str | None = None
    equivalent_of: int | None = None


@dataclass(frozen=True)
class Context:
    text: str
    published: dt.date | None
    currency_hint: str | None
    folded: str  # scan.fold(text): where the anchors of case-insensitive scans are searched


def parse_published(published: dt.date | dt.datetime | str | None) -> dt.date | None:
    """The publication date: a date, a datetime, or a whole ISO 8601 string.

    One rule for the library, the CLI and the API: what Python's ``date.fromisoformat`` or
    ``datetime.fromisoformat`` reads, and nothing after it.

    >>> [parse_published(s).isoformat() for s in ("2019-04-25", "20190425", "2019-W17-4", "2019-04-25T08:00:00Z")]
    ['2019-04-25', '2019-04-25', '2019-04-25', '2019-04-25']
    >>> parse_published("2019-04-25junk")
    Traceback (most recent call last):
    ...
    numclaims.errors.InputError: published must be an ISO date like 2019-04-25, got '2019-04-25junk'
    """
    if published is None or isinstance(published, dt.date) and not isinstance(published, dt.datetime):
        return published  # type: ignore[return-value]
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, str):
        text = published.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(f"published must be an ISO date like 2019-04-25, got {published!r}", field="published")


def validate_currency(code: str, field_name: str) -> str:
    """An ISO 4217 code that money can be converted to, upper-cased, else an error naming the field."""
    if not isinstance(code, str) or code.upper() not in lexicon().iso_codes:
        raise UnknownCurrencyError(f"{field_name} {code!r} is not an ISO 4217 currency code", field=field_name)
    if code.upper() not in fx.convertible_currencies():
        raise UnknownCurrencyError(
            f"{field_name} {code!r} has no exchange rates to convert to "
            f"(numclaims.normalise.fx.supported_currencies() lists those that do)", field=field_name)
    return code.upper()


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    base_currency: str = "USD",
    currency_hint: str | None = None,
) -> list[Mention]:
    """Every quantity in ``text``, in order of position, normalised.

    >>> [m.text for m in extract("more than US$500 million (S$681 million) a year")]
    ['more than US$500 million', 'S$681 million']
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}", field="text")
    published_date = parse_published(published)
    base = validate_currency(base_currency, "base_currency")
    money.validate_hint(currency_hint)
    ctx = Context(text, published_date, currency_hint, scan.fold(text))

    protected = SpanSet(protected_spans(text))
    drafts = _dates(ctx, protected) + _vague(ctx, protected) + _fractions(ctx, protected)
    taken = SpanSet(sorted((d.start, d.end) for d in drafts))
    last_end = 0
    for match in find_numbers(text, ctx.folded):
        start, end = match.span()
        if start < last_end or protected.overlaps(start, end) or taken.overlaps(start, end):
            continue
        draft = _number(ctx, match)
        # A sign or qualifier read leftwards may belong to the mention before: in "5 USD 40"
        # the code ends "5 USD", so "USD 40" would overlap it (found by fuzz/extract.py).
        if draft is not None and draft.start >= last_end and not taken.overlaps(draft.start, draft.end):
            drafts.append(draft)
            last_end = draft.end
    drafts.sort(key=lambda d: (d.start, -d.end))
    drafts = _merge_compounds(text, _merge_ranges(text, drafts))
    _link_equivalents(text, drafts)
    mentions = [_finish(text, d, published_date, base) for d in drafts]
    if all(_finite(m) for m in mentions):
        return mentions
    kept = [i for i, m in enumerate(mentions) if _finite(m)]
    new_index = {old: new for new, old in enumerate(kept)}
    return [
        dataclasses.replace(mentions[i], equivalent_of=new_index.get(mentions[i].equivalent_of))
        if mentions[i].equivalent_of is not None else mentions[i]
        for i in kept
    ]


def _finite(mention: Mention) -> bool:
    """False for a reading that overflowed a float (a 400-digit figure, 1e308 km in metres):
    there is no honest value to report, so such a figure is left out rather than sent as inf."""
    numbers = [mention.value, mention.low, mention.high, mention.precision]
    if mention.normalized:
        get = mention.normalized.get
        numbers += (get("value"), get("low"), get("high"), get("precision"))
    for x in numbers:  # a plain loop: this runs for every mention
        if isinstance(x, float) and not math.isfinite(x):
            return False
    return True


def _dates(ctx: Context, protected: SpanSet) -> list[Draft]:
    drafts = []
    for found in find_dates(ctx.text, ctx.published):
        if protected.overlaps(found.start, found.end):
            continue
        drafts.append(
            Draft(found.start, found.end, "date", found.value, weekday=found.weekday, ambiguities=list(found.notes))
        )
    return drafts


def _vague(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"tens of thousands", "several million", "dozens of": intervals without a figure."""
    lex = lexicon()
    drafts = []
    for match in scan.finditer(lex.vague_re, ctx.text, [(lex.vague_anchor, ctx.folded)]):
        start, end = match.span()
        if protected.overlaps(start, end):
            continue
        if match.group(1):
            entry = lex.vague[scan.fold(match.group(1))]  # fold: the pattern ignores case
            low, high, typical = entry.low, entry.high, entry.typical
            # "thousands"/"dozens" alone are vague only as "thousands of ..."; "tens of thousands" stands alone.
            if " of " not in scan.fold(match.group(1)) and not _OF.match(ctx.text, end):
                continue
        else:
            entry = lex.vague[scan.fold(match.group(2))]
            scale = lex.scales_ci[scan.fold(match.group(3))][0]
            low, high, typical = entry.low * scale, entry.high * scale, entry.typical * scale
        draft = Draft(start, end, "count", None, low=low, high=high, qualifier="vague")
        draft.precision = None
        qual = qualifier_before(ctx.text, start)
        if qual and qual[0] in ("more_than", "at_least"):
            draft.start, draft.high = qual[1], None
        subject = subject_after(ctx.text, end)
        currency = money.currency_after(ctx.text, _OF_PREFIX.match(ctx.text, end) and end + 3 or end)
        if currency is not None:
            code, note = money.resolve(currency[0], ctx.currency_hint, ctx.text[end:currency[1]].strip())
            draft.kind, draft.unit, draft.end = "money", code, currency[1]
            if note:
                draft.ambiguities.append(note)
        else:
            draft.subject = subject
        drafts.append(draft)
    return drafts


# "a third of", "two-thirds of": a number word below ten (or an article) over a fraction word
_ARTICLES = ("a", "an")
_NUMERATORS = [*_ARTICLES, *_NAMES.units]
_FRACTION_RE = re.compile(
    rf"(?i)\b(?:({alternation(_NUMERATORS)})[\s-])?({alternation(list(_NAMES.fractions))})(?=\s+of\b)"
)
# Where a _FRACTION_RE match can start, in scan.fold(text) (see scan.py)
_FRACTION_ANCHOR = re.compile(scan.by_first_char([
    *(rf"{word}[\s-](?:{alternation(list(_NAMES.fractions))})" for word in _NUMERATORS),
    *(rf"{word}\s+of\b" for word in _NAMES.fractions),
]))


def _fractions(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"a third of", "two-thirds of", "half of": a share, reported in per cent."""
    table = lexicon().number_words
    drafts = []
    for match in scan.finditer(_FRACTION_RE, ctx.text, [(_FRACTION_ANCHOR, ctx.folded)]):
        # fold, not lower(): "nıne" matches the case-insensitive pattern and must find "nine"
        numerator_word, denominator_word = match.group(1), scan.fold(match.group(2))
        if protected.overlaps(*match.span()) or (numerator_word is None and denominator_word != "half"):
            continue
        numerator = 1.0 if numerator_word is None or scan.fold(numerator_word) in ("a", "an") else table[scan.fold(numerator_word)][0]
        share = numerator * table[denominator_word][0] * 100
        subject = subject_after(ctx.text, match.end())
        value = float(f"{share:.12g}")
        drafts.append(Draft(match.start(), match.end(), "ratio", value, unit="percent", low=value, high=value,
                            precision=0.0, subject=subject))
    return drafts


def _glued_to_word(text: str, start: int, has_sign: bool) -> bool:
    """Digits inside a name or code: "G7", "Covid-19", "MH17", "2019/04", "v1.2", "#1"."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalnum() or prev == "_":
        return not has_sign
    if prev in "-/.#@\\" and start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "/#"):
        return not (prev == "\\" and has_sign)
    return False


def _number(ctx: Context, match: re.Match[str]) -> Draft | None:
    text = ctx.text
    start, end = match.span()
    notes: list[str] = []
    if match.group("num"):
        surface = match.group("num")
        value, precision = parse_numeral(surface)
        words: list[str] | None = None
    else:
        surface = match.group("words")
        words = split_words(surface)
        if words[0] in _SCALE_WORDS and _DIGIT_BEFORE.search(text, max(0, start - 4), start):
            # the scale of a figure that was rejected ("999...9 thousand tonnes" overflowing a
            # float, "1.2.3 million"): alone it would misreport the figure as 1,000 tonnes
            return None
        value = words_value(words)
        precision = words_precision(value) if math.isfinite(value) else math.inf
    if not math.isfinite(value):
        return None  # "10^400 digits" or "hundred" x 200 overflows a float: no honest value

    # Left side: currency sign (or a unit written first: "magnitude 6.1"), "between", qualifier.
    sign = money.currency_before(text, start)
    prefix_unit = None
    if sign is None and words is None:
        sign = money.sign_in_context(text, start, end)  # "N410 to the dollar", "R50 million"
        if sign is None:
            prefix_unit = rules.unit_before(text, start)
            if prefix_unit is not None and value < 0 and text[start - 1].isalpha():
                value = -value  # "magnitude-7.0": the numeral's "-" is a hyphen, not a minus
    if words is None and _glued_to_word(text, start, sign is not None or prefix_unit is not None):
        return None
    nxt = text[end : end + 2]
    if words is None and len(nxt) == 2 and nxt[0] in "/.:," and nxt[1].isdigit():
        return None  # "24/7", "1.2.3", "10:30"
    if words is None and rules.is_ordinal(text, end):
        return None

    mention_start = sign[1] if sign else prefix_unit[2] if prefix_unit else start
    currency_code = sign[0] if sign else None
    currency_surface = text[sign[1] : start].strip() if sign else ""
    negative = sign is not None and money.negative_before(text, sign[1])  # "-$5 million"
    if negative:
        mention_start -= 1

    # Right side: scale, range, currency name, ratio, unit.
    pos = end
    money_context = sign is not None or _currency_follows(text, end)
    scale = rules.scale_after(text, pos, money=money_context)
    if scale is None and sign is None:
        scale = money.code_scale_after(text, pos)  # "3 MUSD": the code is read below
    mult1 = 1.0
    if scale:
        mult1, pos = scale[0], scale[1]
    high_value: float | None = None
    between = rules.BETWEEN_RE.search(text, max(0, mention_start - 10), mention_start)
    rng = rules.range_after(text, pos)
    if rng and (rng.group("conn") != "and" or between):
        value2, precision2 = parse_numeral(rng.group("num"))
        pos2 = rng.end()
        scale2 = rules.scale_after(text, pos2, money=money_context or rng.group("sign") is not None)
        mult2 = scale2[0] if scale2 else mult1
        if not scale:
            mult1 = mult2
        if scale2:
            pos2 = scale2[1]
        if math.isfinite(value2) and value2 * mult2 > value * mult1 and not rules.is_ordinal(text, rng.end()):
            high_value = value2 * mult2
            precision = max(precision * mult1, precision2 * mult2) / mult1
            pos = pos2
            if between:
                mention_start = between.start(1)
    value *= mult1
    precision *= mult1
    if negative and high_value is None:
        value = -value

    kind: str
    unit: str | None = None
    minor = None
    if currency_code is None:
        suffix = money.currency_after(text, pos)
        if suffix and suffix[0] == "pound" and not scale:
            # "weighs two pounds" is a weight; "2 million pounds" is money. A guess either way.
            notes.append("'pounds' read as weight; a sum of money would be GBP")
            suffix = None
        # a minor unit first: "41 euro cents" is 0.41 EUR, not 41 EUR and a word
        minor = money.subunit_after(text, pos)  # "41 cents", "99p"
        if minor or suffix:
            found = minor or suffix
            currency_code, currency_surface = found[0], text[pos : found[1]].strip()
            pos = found[1]
    if currency_code is not None:
        kind = "money"
        unit, note = money.resolve(currency_code, ctx.currency_hint, currency_surface)
        if note:
            notes.append(note)
        if minor:
            value, precision, high_value = _in_major_units(unit, value, precision, high_value)
    elif (ratio := rules.ratio_after(text, pos)) is not None:
        kind, unit, pos = "ratio", ratio[0], ratio[1]
    elif prefix_unit is not None:
        unit, kind = prefix_unit[0], prefix_unit[1]
    elif (measured := rules.unit_after(text, pos)) is not None:
        unit, kind, pos, unit_surface = measured
        unit, kind, note = rules.unit_sense(text, start, pos, unit_surface, unit, kind)
        if note:
            notes.append(note)
        if unit_surface == "m" and scale is None and rules.scale_after(text, end, money=True):
            notes.append("'m' read as metres; it could mean million")
    elif words == ["one"] and (one_in := rules.one_in_after(text, pos)) is not None:
        denominator = one_in.group("num")
        # a numeral may open with a sign or a point ("-34", ".5"); only letters make a word
        den = words_value([scan.fold(denominator)]) if denominator.isalpha() else parse_numeral(denominator)[0]
        if den <= 0:  # "one in 0", "one in -34" (found by fuzz/extract.py): no share of anything
            return None
        kind, unit, value, precision, pos = "ratio", "percent", 100.0 / den, 0.0, one_in.end()
    else:
        kind = "count"
        if words is not None and (words == ["one"] or text[pos : pos + 1] == "-"):
            return None  # "one of them", "six-party talks": not a quantity of anything
        if words is None and not scale and _is_year(text, surface, pos):
            if high_value is None:
                return _year(text, mention_start, pos, value)
            if 1500 <= high_value <= 2100:  # "2018-2019", "between 2010 and 2015"
                return Draft(mention_start, pos, "year", None, low=value, high=high_value, qualifier="range", precision=0.5)
        if words is None and text[pos : pos + 1].isalpha():
            return None  # "4G", "3D"
        if words is None and text[pos : pos + 1] == "-" and text[pos + 1 : pos + 2].isalpha():
            return None  # "6-party", "17-member": a compound modifier, not a count

    # Qualifiers, before and after.
    qualifier = "exact"
    if high_value is not None:
        qualifier = "range"
    else:
        before = qualifier_before(text, mention_start)
        if before:
            qualifier, mention_start = before
        after = qualifier_after(text, pos)
        if after and qualifier == "exact":
            qualifier, pos = after
    if high_value is not None:
        low, high = value, high_value
        stated: float | None = None
    else:
        low, high = interval(value, precision, qualifier)
        stated = value
    if words is not None and _in_a_name(text, start, pos):
        return None  # "the Million Man March", "Thousand Oaks", "the Hundred Years War"
    subject = subject_after(text, pos) if kind != "ratio" or _OF.match(text, pos) else None
    if kind == "count" and subject is None:
        kind = "other"
    return Draft(
        mention_start, pos, kind, stated, unit=unit, low=low, high=high, qualifier=qualifier,
        precision=precision, subject=subject, ambiguities=notes,
    )


def _in_major_units(code: str, value: float, precision: float, high: float | None) -> tuple[float, float, float | None]:
    """An amount stated in minor units ("41 cents") in the currency itself: 0.41 USD, the
    precision scaled alike (±0.005).

    >>> _in_major_units("USD", 41.0, 0.5, None), _in_major_units("KWD", 250.0, 5.0, 500.0)
    ((0.41, 0.005, None), (0.25, 0.005, 0.5))
    """
    factor = money.minor_unit(code)

    def scaled(x: float) -> float:
        return float(f"{x * factor:.12g}")

    return scaled(value), scaled(precision), None if high is None else scaled(high)


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is a capitalised number word inside a proper name: capitalised mid-sentence and followed
    by another capitalised word, in a line that is not set in title case (a headline's
    capitals say nothing)?

    >>> def named(text, number):
    ...     start = text.index(number)
    ...     return _in_a_name(text, start, start + len(number))
    >>> named("He joined the Million Man March.", "Million")
    True
    >>> named("Million Man March organisers met.", "Million")  # a sentence's first word
    False
    >>> named("Officials Expect Two Million Visitors At The Annual Summer Festival", "Two Million")
    False
    """
    if not text[start : start + 1].isupper():
        return False
    before = text[max(0, start - 3) : start].rstrip()
    if not before or before[-1] in _SENTENCE_OPENERS:
        return False  # the first word of a sentence is capitalised anyway
    following = _NEXT_WORD.match(text, end)
    if following is None or not following.group(1)[0].isupper():
        return False
    name_end = following.end()
    line_start = max(text.rfind("\n", 0, start) + 1, start - _LINE_REACH)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end == -1 else line_end, end + _LINE_REACH)
    # the rest of the line, not the name itself, says whether capitals are the line's style
    words = [w.group() for w in _WORD.finditer(text, line_start, line_end)
             if len(w.group()) > 3 and not start <= w.start() < name_end]
    capitals = sum(1 for w in words if w[0].isupper())
    return not (len(words) >= _TITLE_CASE_WORDS and capitals >= _TITLE_CASE_SHARE * len(words))


def _currency_follows(text: str, end: int) -> bool:
    """Is there a currency name after the number and an optional scale ("20m euros")?"""
    scale = rules.scale_after(text, end, money=True)
    return money.currency_after(text, scale[1] if scale else end) is not None


def _is_year(text: str, surface: str, end: int) -> bool:
    if len(surface) != 4 or not surface.isdigit() or not 1500 <= int(surface) <= 2100:
        return False
    if _DECADE.match(text, end):
        return True
    # "2,000 people" has a comma; "2000 people" is rare but counts, "the 2013 estimate" is a year
    return _PLURAL_NOUN.match(text, end) is None


def _year(text: str, start: int, end: int, value: float) -> Draft:
    decade = _DECADE.match(text, end)
    if decade and int(value) % 10 == 0:
        return Draft(start, decade.end(), "year", None, low=value, high=value + 9, qualifier="range", precision=5.0)
    return Draft(start, end, "year", value, low=value, high=value, precision=0.5)


_RANGE_BETWEEN = re.compile(r"\s*(?:-|\u2013|\u2014|to|and)\s*")


def _merge_ranges(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join "from 3km to 5km", "between $10 and $20 million" and "-18°C to -34°C" into ranges.

    Ranges whose unit is written once ("5-10km") are read directly by :func:`_number`; this
    catches the ones that repeat it, which the number walk sees as two mentions.
    """
    merged: list[Draft] = []
    for draft in drafts:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == draft.kind
            and prev.unit == draft.unit
            and prev.kind not in ("date", "other")
            and prev.qualifier == draft.qualifier == "exact"
            and isinstance(prev.value, float)
            and isinstance(draft.value, float)
            and (connector := _RANGE_BETWEEN.fullmatch(text, prev.end, draft.start)) is not None
        ):
            word = connector.group().strip()
            opener = rules.BETWEEN_RE.search(text, max(0, prev.start - 10), prev.start)
            wanted = {"and": "between", "to": None}.get(word)
            if (wanted is None or opener and opener.group(1).lower() == wanted) and draft.value != prev.value:
                low, high = sorted((prev.value, draft.value))
                prev.start = opener.start(1) if opener else prev.start
                prev.end, prev.value, prev.low, prev.high = draft.end, None, low, high
                prev.qualifier = "range"
                prev.precision = max(prev.precision or 0.0, draft.precision or 0.0)
                prev.subject = draft.subject or prev.subject
                prev.ambiguities.extend(draft.ambiguities)
                continue
        merged.append(draft)
    return merged


_COMPOUND_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)?")
_COMPOUND_KINDS = frozenset({"length", "mass"})


def _merge_compounds(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join "6 feet 2 inches" and "2 km and 1 metre" into one measure in the smaller unit."""
    merged: list[Draft] = []
    for draft in drafts:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == draft.kind
            and prev.kind in _COMPOUND_KINDS
            and prev.unit != draft.unit
            and prev.qualifier in ("exact", "approx", "more_than", "nearly")
            and draft.qualifier == "exact"
            and isinstance(prev.value, float)
            and isinstance(draft.value, float)
            and prev.unit is not None
            and draft.unit is not None
            and _COMPOUND_BETWEEN.fullmatch(text, prev.end, draft.start) is not None
            and units.convert(1.0, prev.unit, draft.unit) > 1.0
        ):
            value = float(f"{units.convert(prev.value, prev.unit, draft.unit) + draft.value:.12g}")
            low, high = interval(value, draft.precision or 0.0, prev.qualifier)
            prev.end, prev.value, prev.unit, prev.low, prev.high = draft.end, value, draft.unit, low, high
            prev.precision, prev.subject = draft.precision, draft.subject or prev.subject
            continue
        merged.append(draft)
    return merged


_EQUIV_BETWEEN = re.compile(r"\s*\(\s*|,?\s+(?:or|equivalent to|or about|or roughly|about)\s+")
_EQUIV_CLOSE = re.compile(r"\s*\)")


def _link_equivalents(text: str, drafts: list[Draft]) -> None:
    """Mark "US$500 million (S$681 million)" and "17 kilometer (11 mile)" as restatements."""
    for i in range(1, len(drafts)):
        first, second = drafts[i - 1], drafts[i]
        if first.kind != second.kind or first.unit == second.unit or first.unit is None:
            continue
        if first.kind in ("count", "other", "year", "date"):
            continue
        between = _EQUIV_BETWEEN.fullmatch(text, first.end, second.start)
        if between is None:
            continue
        if between.group().strip().startswith("(") and not _EQUIV_CLOSE.match(text, second.end):
            continue
        second.equivalent_of = i - 1
        if second.subject is None:
            second.subject = first.subject


#: How a money mention's ``normalized["note"]`` says it was converted at the data's latest rate.
LATEST_RATE = "latest rate used"


def _finish(text: str, draft: Draft, published: dt.date | None, base: str) -> Mention:
    normalized = normalise(draft.kind, draft.value, draft.unit, draft.low, draft.high, draft.precision, published, base)
    if draft.kind == "money" and published is None and normalized and "error" not in normalized:
        normalized["note"] = f"no publication date given: {LATEST_RATE}"
    return Mention(
        start=draft.start,
        end=draft.end,
        text=text[draft.start : draft.end],
        kind=draft.kind,
        value=draft.value,
        unit=draft.unit,
        low=draft.low,
        high=draft.high,
        qualifier=draft.qualifier,
        precision=draft.precision,
        subject=draft.subject,
        normalized=normalized,
        equivalent_of=draft.equivalent_of,
        ambiguities=tuple(draft.ambiguities),
        weekday=draft.weekday,
    )
