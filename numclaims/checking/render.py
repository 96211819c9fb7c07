"""Reports for people: a terminal table and a self-contained HTML page.

The HTML page shows the findings first (each group's claims side by side, coloured by verdict),
then every document with its quantities highlighted in the same colours; hovering a highlight shows
the explanation. It loads nothing from the network, and every piece of text is escaped.
"""

from __future__ import annotations

import calendar
import html
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from numclaims.checking.text import data_lines
from numclaims.figures import at_latest_rate, clip, plural
from numclaims.model import CheckItem, Claim, Report

# most severe first: a quantity in several items is coloured by the worst verdict it has
SEVERITY = ("conflict", "divergent", "updated", "unchecked", "consistent", "single_source")
COLOURS = {
    "conflict": ("#b3261e", "#fde7e7"),
    "divergent": ("#a15c00", "#fff1d6"),
    "updated": ("#6a3fa0", "#f1e9fb"),
    "unchecked": ("#3558a8", "#e6edfb"),
    "consistent": ("#1e7b34", "#e3f4e6"),
    "single_source": ("#5f6368", "#eeeeee"),
}
SECTIONS = (
    ("inline", "Restatements inside a document"),
    ("groups", "Claims across sources"),
    ("dates", "Dates and weekdays"),
)
_WIDTH = 100


def verdict_meanings() -> dict[str, str]:
    """Verdict -> what it means, in one sentence (``data/verdicts.tsv``)."""
    return dict(line.split("\t", 1) for line in data_lines("verdicts.tsv"))  # type: ignore[misc]


def _counts(items: Iterable[CheckItem]) -> str:
    """Findings by verdict; a claim one source states is counted as unchecked, never beside
    the ones that agree.

    >>> from numclaims.model import Claim
    >>> c = Claim("a", 0, 4, "17km", 17.0, "kilometer", None, None, None)
    >>> _counts([CheckItem((c,), "single_source", ""), CheckItem((c,), "consistent", "")])
    '1 unchecked (single source), 1 consistent'
    """
    counts = Counter(item.verdict for item in items)
    shown = {"single_source": "unchecked (single source)"}
    order = ("conflict", "divergent", "updated", "unchecked", "single_source", "consistent")
    # a verdict a newer check gives (and this list does not know yet) is still counted, last
    order += tuple(sorted(v for v in counts if v not in order))
    return ", ".join(f"{counts[v]} {shown.get(v, v)}" for v in order if counts[v]) or "none"


def explanation(item: CheckItem) -> str:
    """What a finding says about its numbers, whichever check made it: its ``explanation``, else
    one its ``details`` carry (a check may put its own there).

    >>> explanation(CheckItem((), "conflict", "", {"check": "arithmetic", "explanation": "2 + 3 ≠ 6"}))
    '2 + 3 ≠ 6'
    """
    return item.explanation or str(item.details.get("explanation") or "")


def _claim_parts(item: CheckItem) -> list[str]:
    """'doc: "text"' per claim; a document named once when all claims come from it."""
    if len({c.doc for c in item.claims}) == 1:
        first, *rest = item.claims
        return [f'{first.doc}: "{first.text}"'] + [f'"{c.text}"' for c in rest]
    return [f'{c.doc}: "{c.text}"' for c in item.claims]


def _join(parts: list[str], first: str, indent: str) -> list[str]:
    """Parts joined with "; ", breaking lines only between parts so a quoted claim stays whole."""
    lines, line = [], first
    for part in parts:
        piece = part if line in (first, indent) else "; " + part
        if len(line) + len(piece) > _WIDTH and line not in (first, indent):
            lines.append(line + ";")
            line, piece = indent, part
        line += piece
    lines.append(line)
    return lines


def story_heading(story: str, documents: int) -> str:
    """The line above a story's table.

    >>> story_heading("kim-putin-2019", 1)
    '== story kim-putin-2019: 1 document'
    """
    return f"== story {story}: {plural(documents, 'document')}"


def _wrap(text: str, indent: str) -> list[str]:
    # never inside a word: a long token (a URL, a hyphenated figure) gets a line of its own
    return textwrap.wrap(text, _WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def _single_sources(items: Sequence[CheckItem]) -> list[str]:
    """Figures only one document states, one line (or more) per document, not one per figure."""
    by_doc: dict[str, list[str]] = {}
    for item in items:
        for claim in item.claims:
            by_doc.setdefault(claim.doc, []).append(f'"{claim.text}"')
    head = "  single source: "
    lines: list[str] = []
    for doc, texts in by_doc.items():
        lines.extend(_join([f"{doc}: {texts[0]}", *texts[1:]], head, " " * len(head)))
    return lines


def latest_rate_documents(report: Report) -> list[str]:
    """The documents whose money was converted at the latest rate (they had no date)."""
    found: dict[str, None] = {}
    for name, _ in SECTIONS:
        for item in getattr(report, name):
            for claim in item.claims:
                if at_latest_rate(claim.normalized):
                    found[claim.doc] = None
    return list(found)


def _latest_rate_line(report: Report) -> str | None:
    docs = latest_rate_documents(report)
    if not docs:
        return None
    return (f"Money in {', '.join(docs)} converted at the latest rate: "
            f"{'it has' if len(docs) == 1 else 'they have'} no publication date")


def format_table(report: Report) -> str:
    """A terminal summary: findings first, one block per item, single-source claims in brief
    (one line per document).

    >>> from numclaims.model import Claim
    >>> claim = Claim("a", 0, 4, "17km", 17.0, "kilometer", None, None, None)
    >>> two = Claim("a", 9, 13, "2011", 2011.0, None, None, None, None)
    >>> print(format_table(Report(groups=(CheckItem((claim,), "single_source", "only a"),
    ...                                   CheckItem((two,), "single_source", "only a")))))
    Restatements inside a document: none
    Claims across sources: 2 unchecked (single source)
      single source: a: "17km"; "2011"
    Dates and weekdays: none
    """
    lines: list[str] = []
    latest = _latest_rate_line(report)
    if latest:
        lines.extend(_wrap(latest, ""))
    for name, title in SECTIONS:
        items: Sequence[CheckItem] = getattr(report, name)
        lines.append(f"{title}: {_counts(items)}")
        for item in items:
            if item.verdict == "single_source":
                continue
            head = f"  {item.verdict.upper():<11} "
            lines.extend(_join(_claim_parts(item), head, " " * len(head)))
            lines.extend(_wrap(explanation(item), " " * len(head)))
        lines.extend(_single_sources([item for item in items if item.verdict == "single_source"]))
    return "\n".join(lines)


_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #202124; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
.summary span { margin-right: 1.5em; }
.item { border-left: 6px solid; margin: 1em 0; padding: .4em .8em; border-radius: 4px; }
.claims { display: flex; flex-wrap: wrap; gap: .6em; margin: .4em 0; }
.claim { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: .3em .6em; flex: 1 1 14em; }
.claim .doc { font-size: .8em; color: #5f6368; display: block; }
.claim .frame { font-size: .8em; color: #3c4043; display: block; }
.verdict { font-weight: bold; text-transform: uppercase; font-size: .85em; letter-spacing: .05em; }
.explanation { margin: .2em 0; }
.doc-text { white-space: pre-wrap; background: #fafafa; border: 1px solid #e0e0e0; padding: 1em; border-radius: 4px; }
mark { border-radius: 3px; padding: 0 2px; border-bottom: 2px solid; }
details > summary { cursor: pointer; }
.doc-id { color: #5f6368; font-size: .85em; margin-top: -.6em; }
.why { font: .8em/1.5 system-ui, sans-serif; border-left: 3px solid; background: #fff; margin: 0 .3em;
       padding: .05em .4em; white-space: normal; }
"""


_TITLE = 90      # characters of a document's title in the page
_SHORT_TITLE = 40  # ... and where a claim names its document
_TITLE_LINES = 12  # a headline is near the top; a line further down is the body
_NOTE_TITLE, _NOTE = 24, 200  # a note beside a figure: titles in it, and the note itself
# the verdicts whose explanation stands in the text beside the figures, not only on hover
_EXPLAINED = ("conflict", "divergent", "updated")


def document_title(doc: Mapping[str, Any], width: int = _TITLE) -> str:
    """A name a reader knows a document by: its ``title``, else its headline, the first line of
    its text that reads like one (four words or more, no label such as "Source:", no URL;
    Markdown marks dropped), else its first line, else its id. page.js picks the same.

    >>> document_title({"id": "003_77de", "text": "\\n\\n# Kim Jong Un Looks to **Putin**\\nBy ..."})
    'Kim Jong Un Looks to Putin'
    >>> document_title({"id": "004", "text": "Source:\\nhttps://x.com/a\\nAsia/ East Asia\\n\\nKim arrives in Russia"})
    'Kim arrives in Russia'
    >>> document_title({"id": "a", "text": "   "}), document_title({"id": "b", "text": "Short"})
    ('a', 'Short')
    """
    if doc.get("title"):
        return clip(" ".join(str(doc["title"]).split()), width)
    lines = [" ".join(line.replace("**", "").replace("__", "").strip().lstrip("#").split())
             for line in str(doc.get("text") or "").splitlines()[:_TITLE_LINES]]
    lines = [line for line in lines if line]
    for line in lines:
        if len(line.split()) >= 4 and not line.endswith(":") and "://" not in line:
            return clip(line, width)
    return clip(lines[0], width) if lines else str(doc.get("id", ""))


def _style(verdict: str) -> str:
    ink, paper = COLOURS.get(verdict, COLOURS["unchecked"])
    return f"border-color: {ink}; background: {paper}; color: #202124"


def _anchor(doc_index: Mapping[str, int], doc: str, start: int) -> str:
    return f"d{doc_index.get(doc, 0)}-{start}"


def _period(start: str, end: str) -> str:
    """A ``when``'s dates as briefly as they read: a whole year or month by itself, one day as
    that day, else both ends.

    >>> _period("2018-01-01", "2018-12-31"), _period("2024-02-01", "2024-02-29")
    ('2018', '2024-02')
    >>> _period("2019-04-25", "2019-04-25")
    '2019-04-25'
    >>> _period("2020-01-01", "2019-04-25"), _period("2024-13-01", "2024-13-31")
    ('2020-01-01 to 2019-04-25', '2024-13-01 to 2024-13-31')
    """
    if start == end:
        return start
    try:
        year, month, day = (int(p) for p in start.split("-"))
        last_year, last_month, last_day = (int(p) for p in end.split("-"))
        if day == 1 and year == last_year:
            if (month, last_month, last_day) == (1, 12, 31):
                return f"{year:04d}"
            if month == last_month and last_day == calendar.monthrange(year, month)[1]:
                return f"{year:04d}-{month:02d}"
    except ValueError:  # not an ISO date (a stored finding edited by hand): as written
        pass
    return f"{start} to {end}"


def claim_frame(claim: Claim) -> list[tuple[str, str]]:
    """(field, label) for each frame field the claim states, in reading order; none for a field
    that is unset, so a claim with no frame gets no labels at all.

    >>> claim = Claim("a", 0, 6, "$71.20", 71.2, "USD", None, None, None, direction="down",
    ...               change="delta", per="barrel", about="WTI crude",
    ...               when={"start": "2024-03-01", "end": "2024-03-31", "text": "last month"})
    >>> " · ".join(label for _, label in claim_frame(claim))
    'down · delta · per barrel · when 2024-03 (last month) · about WTI crude'
    """
    parts = [(name, str(value)) for name, value in
             (("direction", claim.direction), ("change", claim.change)) if value]
    if claim.per:
        parts.append(("per", f"per {claim.per}"))
    when = claim.when if isinstance(claim.when, Mapping) else {}
    said = str(when.get("text") or "")
    ends = when.get("start"), when.get("end")
    period = _period(str(ends[0]), str(ends[1])) if all(ends) else ""
    if period or said:
        # the dates it resolved to, and the words they were read from unless they say the same
        parts.append(("when", f"when {period} ({said})" if period and said and said != period
                      else f"when {period or said}"))
    if claim.about:
        parts.append(("about", f"about {claim.about}"))
    return parts


# what each frame label is, on hover: the labels themselves are kept to a word or a phrase
_FRAME_TITLES = {
    "direction": "direction: the way the figure changed",
    "change": "change: the figure's role in it (delta, level or start)",
    "per": "per: the denominator of a rate",
    "when": "when: the period the figure holds for",
    "about": "about: what the figure is stated of",
}


def _frame_html(claim: Claim) -> str:
    e = html.escape
    parts = claim_frame(claim)
    if not parts:
        return ""
    labels = (f'<span class="f-{name}" title="{e(_FRAME_TITLES[name])}">{e(label)}</span>'
              for name, label in parts)
    return f'<span class="frame">{" &middot; ".join(labels)}</span>'


def _item_html(item: CheckItem, doc_index: Mapping[str, int], names: Mapping[str, str]) -> str:
    e = html.escape
    claims = "".join(
        f'<a class="claim" href="#{_anchor(doc_index, c.doc, c.start)}">'
        f'<span class="doc" title="{e(c.doc)}">{e(names.get(c.doc, c.doc))}</span>{e(c.text)}'
        f'{_frame_html(c)}</a>'
        for c in item.claims
    )
    ink = COLOURS.get(item.verdict, COLOURS["unchecked"])[0]
    return (
        f'<div class="item v-{e(item.verdict)}" style="{_style(item.verdict)}">'
        f'<span class="verdict" style="color: {ink}">{e(item.verdict.replace("_", " "))}</span>'
        f'<div class="claims">{claims}</div>'
        f'<p class="explanation">{e(explanation(item))}</p></div>'
    )


def _readable(explanation: str, names: Mapping[str, str]) -> str:
    """An explanation with each document id replaced by the document's short title (for the
    notes beside the figures; a finding's own explanation keeps the ids, as JSON and CSV do)."""
    for ident in sorted(names, key=len, reverse=True):  # "a-1" before "a"
        if ident and ident != names[ident]:
            explanation = explanation.replace(ident, f"“{names[ident]}”")
    return explanation


Mark = tuple[str, str, str]  # worst verdict, every explanation, the worst one's explanation


def _marks(report: Report) -> dict[tuple[str, int, int], Mark]:
    """(doc, start, end) -> :data:`Mark` for every claim in the report."""
    found: dict[tuple[str, int, int], Mark] = {}
    for name, _ in SECTIONS:
        for item in getattr(report, name):
            for c in item.claims:
                key = (c.doc, c.start, c.end)
                verdict, text, why = found.get(key, ("single_source", "", ""))
                if item.verdict in SEVERITY and SEVERITY.index(item.verdict) < SEVERITY.index(verdict):
                    verdict, why = item.verdict, explanation(item)
                text = f"{text}\n{item.verdict}: {explanation(item)}".strip()
                found[key] = (verdict, text, why)
    return found


def _document_html(doc: Mapping[str, Any], n: int, marks: Mapping[tuple[str, int, int], Mark],
                   names: Mapping[str, str]) -> str:
    e = html.escape
    ident, text = str(doc.get("id", n)), str(doc.get("text", ""))
    spans = sorted((start, end, found) for (d, start, end), found in marks.items() if d == ident)
    out, pos = [], 0
    for start, end, (verdict, title, why) in spans:
        if start < pos or end > len(text):
            continue  # overlapping or stale span: leave the text as it is
        out.append(e(text[pos:start]))
        out.append(f'<mark id="d{n}-{start}" class="v-{e(verdict)}" style="{_style(verdict)}" '
                   f'title="{e(title)}">{e(text[start:end])}</mark>')
        if verdict in _EXPLAINED:  # why, beside the figure: a reader should not have to hover
            ink = COLOURS[verdict][0]
            out.append(f'<span class="why" style="color: {ink}; border-color: {ink}">'
                       f'{e(verdict.replace("_", " "))}: {e(clip(_readable(why, names), _NOTE))}</span>')
        pos = end
    out.append(e(text[pos:]))
    published = f" &middot; published {e(str(doc['published']))}" if doc.get("published") else ""
    return (f'<section class="document"><h3>{e(document_title(doc))}</h3>'
            f'<p class="doc-id">{e(ident)}{published}</p>'
            f'<div class="doc-text">{"".join(out)}</div></section>')


def render_html(report: Report, documents: Sequence[Mapping[str, Any]]) -> str:
    """A self-contained HTML page of the report, with each document's quantities highlighted.

    >>> from numclaims.model import Claim
    >>> claim = Claim("a", 0, 8, "<script>", None, None, None, None, None)
    >>> page = render_html(Report(groups=(CheckItem((claim,), "conflict", "x < y"),)),
    ...                    [{"id": "a", "text": "<script> alert(1)"}])
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    e = html.escape
    doc_index = {str(doc.get("id", n)): n for n, doc in enumerate(documents)}
    names = {str(doc.get("id", n)): document_title(doc, _SHORT_TITLE) for n, doc in enumerate(documents)}
    note_names = {str(doc.get("id", n)): document_title(doc, _NOTE_TITLE) for n, doc in enumerate(documents)}
    sections = []
    for name, title in SECTIONS:
        items: Sequence[CheckItem] = getattr(report, name)
        shown = [i for i in items if i.verdict != "single_source"]
        alone = [i for i in items if i.verdict == "single_source"]
        body = "".join(_item_html(i, doc_index, names) for i in shown) or "<p>Nothing to check.</p>"
        if alone:
            body += (f"<details><summary>{len(alone)} stated by one source only</summary>"
                     + "".join(_item_html(i, doc_index, names) for i in alone) + "</details>")
        sections.append(f'<section id="{name}"><h2>{e(title)} <small>({e(_counts(items))})</small></h2>{body}</section>')
    marks = _marks(report)
    docs_html = "".join(_document_html(doc, n, marks, note_names) for n, doc in enumerate(documents))
    meanings = verdict_meanings()
    legend = "".join(f'<span><mark style="{_style(v)}" title="{e(meanings.get(v, ""))}">'
                     f'{e(v.replace("_", " "))}</mark></span>' for v in SEVERITY)
    legend += ('<details class="verdicts"><summary>What the verdicts mean</summary><dl>'
               + "".join(f'<dt>{e(v.replace("_", " "))}</dt><dd>{e(meanings[v])}</dd>'
                         for v in SEVERITY if v in meanings) + "</dl></details>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>numclaims check: {plural(len(documents), 'document')}</title><style>{_CSS}</style></head><body>"
        f"<h1>numclaims check: {plural(len(documents), 'document')}</h1>"
        f'<p class="summary">{legend}</p>'
        + (f'<p class="latest-rate">{e(latest)}</p>' if (latest := _latest_rate_line(report)) else "")
        + "".join(sections)
        + f'<h2>Documents</h2>{docs_html}</body></html>\n'
    )
