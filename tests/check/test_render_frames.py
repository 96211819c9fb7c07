"""The HTML report shows each claim's frame (direction, change, per, when, about) beside its quote,
escaped, and only the fields that are set; a finding of a check the renderer does not know (the
arithmetic checks, or one not written yet) renders like any other."""

from __future__ import annotations

import html
import re

import pytest

from numclaims.checking import check
from numclaims.checking.render import claim_frame, format_table, render_html
from numclaims.checking.story import check_item_from_dict
from numclaims.model import CheckItem, Claim, Report
from numclaims.sample import sample_documents

FRAME = re.compile(r'<span class="frame">(.*?)</span></a>')
CLAIM = re.compile(r'<a class="claim" href="[^"]*"><span class="doc"[^>]*>[^<]*</span>(.*?)</a>')


@pytest.fixture(scope="module")
def sample() -> tuple[Report, list[dict]]:
    docs = sample_documents()
    return check(docs), docs


def _frames(page: str) -> list[str]:
    """Each frame in the page as a reader sees it: tags dropped, entities read."""
    return [html.unescape(re.sub(r"<[^>]+>", "", f)) for f in FRAME.findall(page)]


def test_sample_report_shows_the_frames(sample: tuple[Report, list[dict]]) -> None:
    report, docs = sample
    frames = _frames(render_html(report, docs))
    # "more than US$500 million" a year, of North Korea: the rate first, in reading order
    assert any(f.split(" · ")[0] == "per year" for f in frames)
    assert "when 2013" in frames                       # "in 2013" is its own dates: said once
    assert "when 2018-12 (in December)" in frames
    assert "about North Korea" in frames
    # a single-source claim, in the folded list: every field it has, in reading order
    assert "down · delta · when 2018 (last year) · about trade between them" in frames


def test_only_set_fields_get_labels(sample: tuple[Report, list[dict]]) -> None:
    report, docs = sample
    page = render_html(report, docs)
    claims = [c for name in ("inline", "groups", "dates")
              for i in getattr(report, name) for c in i.claims]
    framed = [c for c in claims if claim_frame(c)]
    assert 0 < len(framed) < len(claims)
    # one frame per claim that has one, and none for the rest: no empty box, no bare label
    assert len(FRAME.findall(page)) == len(framed)
    assert len(CLAIM.findall(page)) == len(claims)
    for frame in _frames(page):
        for part in frame.split(" · "):
            assert part.strip() and part not in ("per", "when", "about", "when ()")
            assert not part.endswith(" ") and "None" not in part
    bare = Claim("a", 0, 4, "17km", 17.0, "kilometer", None, None, None)
    one = render_html(Report(groups=(CheckItem((bare,), "conflict", "x"),)),
                      [{"id": "a", "text": "17km"}])
    assert 'class="frame"' not in one


def test_frames_are_escaped_from_real_text() -> None:
    docs = [{"id": "a", "text": "AT&T <i>shares</i> fell 5% last month.", "published": "2024-04-10"},
            {"id": "b", "text": "AT&T <i>shares</i> fell 7% last month.", "published": "2024-04-10"}]
    page = render_html(check(docs), docs)
    assert "<i>" not in page
    frame = FRAME.search(page)
    assert frame is not None
    assert "AT&amp;T" in frame.group(1) and "AT&T" not in frame.group(1)
    shown = html.unescape(re.sub(r"<[^>]+>", "", frame.group(1)))
    assert shown.startswith("down · delta · when 2024-03 (last month) · about AT&T")


def test_a_frame_with_markup_stays_text() -> None:
    payload = '<script>alert("x")</script>'
    claim = Claim("a", 0, 2, "5%", 0.05, "fraction", None, None, None, per=payload, about=payload,
                  when={"start": "2024-03-01", "end": "2024-03-31", "text": payload})
    page = render_html(Report(groups=(CheckItem((claim,), "conflict", "x"),)),
                       [{"id": "a", "text": "5% up"}])
    assert "<script" not in page.lower()
    assert page.count(html.escape(payload)) == 3


def test_a_stored_finding_keeps_its_frame_and_an_old_one_still_reads() -> None:
    claim = Claim("a", 0, 6, "$71.20", 71.2, "USD", None, None, None, direction="down", change="level",
                  per="barrel", when={"start": "2024-03-01", "end": "2024-03-31", "text": "last month"})
    item = CheckItem((claim,), "single_source", "only a")
    assert check_item_from_dict(item.to_dict()) == item
    old = item.to_dict()
    for name in ("direction", "change", "per", "when", "about"):
        del old["claims"][0][name]  # a finding stored before claims carried their frame
    assert claim_frame(check_item_from_dict(old).claims[0]) == []


@pytest.mark.parametrize("check_kind", ["arithmetic", "no-such-check-yet"])
def test_a_finding_of_any_check_renders_with_its_explanation(check_kind: str) -> None:
    text = "Imports were $3bn and exports $4bn, a total of $9bn."
    parts = [Claim("a", text.index(s), text.index(s) + len(s), s, v, "USD", None, None, None)
             for s, v in (("$3bn", 3e9), ("$4bn", 4e9), ("$9bn", 9e9))]
    items = (
        CheckItem(tuple(parts), "conflict", "",
                  {"check": check_kind, "explanation": "$3bn + $4bn is $7bn, not $9bn"}),
        CheckItem(tuple(parts[:1]), "some_new_verdict", "a <verdict> no legend knows", {"check": check_kind}),
    )
    docs = [{"id": "a", "text": text}]
    page = render_html(Report(groups=items), docs)
    assert '<p class="explanation">$3bn + $4bn is $7bn, not $9bn</p>' in page
    assert "a &lt;verdict&gt; no legend knows" in page
    assert "(1 conflict, 1 some_new_verdict)" in page  # counted, not dropped
    assert 'title="conflict: $3bn + $4bn is $7bn, not $9bn' in page  # the highlight explains it too
    assert "$3bn + $4bn is $7bn, not $9bn" in format_table(Report(groups=items))
