"""Number-dense text: checking stays linear in the number of claims (issue 15).

``"1 " * 1000`` took 34 s when every figure tested every word of its sentence against every other
figure; here it must finish within the service's time budget, and the results must still be the
ones the rules give (one single-source group per figure, no findings).
"""

from __future__ import annotations

from numclaims import check
from numclaims.checking.claims import WINDOW, build_items
from numclaims.checking.inputs import validate
from numclaims.extraction.pipeline import extract


def test_a_thousand_numbers_in_one_sentence_are_a_thousand_unchecked_figures() -> None:
    report = check([{"id": "dense", "text": "1 " * 1000}])
    assert len(report.groups) == 1000
    assert {g.verdict for g in report.groups} == {"single_source"}
    assert not report.inline and not report.dates


def test_repeated_figures_of_one_document_read_alike_and_form_one_group() -> None:
    report = check([{"id": "dense", "text": "Prices were up 5% in Russia, " * 2000}])
    [group] = report.groups
    assert group.verdict == "single_source" and len(group.claims) == 2000


def test_a_figure_reads_at_most_window_words_either_side() -> None:
    far = " ".join(f"word{n}x" for n in range(WINDOW + 50))
    text = f"alpha beta {far} 17km border {far} gamma"
    [doc] = validate([{"id": "d", "text": text}])
    [item] = [i for i in build_items(doc, extract(text)) if i.mention.text == "17km"]
    assert "border" in item.features
    assert "alpha" not in item.features and "gamma" not in item.features
    assert len(item.features) <= 2 * WINDOW + 1


def test_a_page_with_no_full_stop_is_read_a_window_per_claim(monkeypatch) -> None:
    # a page of claims with no full stop is one "sentence": each claim's marks read their sentence
    # to SENTENCE_REACH either side, not the whole page (102 kB of "At least 22 workers were
    # killed, 17 others injured" took 235 s when the forecast, design, place and price marks each
    # searched the page for every claim). The characters regular expressions of the checker scan
    # stay within a constant of the text's length times its claims' windows
    import numclaims.checking.grouping as grouping
    from numclaims.checking import text as checking_text

    read = {"tokens": 0}
    original = checking_text.tokens

    def counting(text: str, start: int = 0, end: int | None = None):  # type: ignore[no-untyped-def]
        read["tokens"] += (len(text) if end is None else end) - start
        return original(text, start, end)

    monkeypatch.setattr(grouping, "tokens", counting)
    for repeats in (200, 400):
        read["tokens"] = 0
        text = "At least 22 workers were killed, 17 others injured " * repeats
        report = check([{"id": "page", "text": text, "published": "2022-10-14"}])
        assert report.groups
        claims = 2 * repeats
        assert read["tokens"] <= claims * 4 * (grouping.SENTENCE_REACH + grouping.PLACE_REACH), read
