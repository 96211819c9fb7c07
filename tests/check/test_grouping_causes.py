"""Why the same fact of several reports was not grouped, one cause per test: each a small case in
the shape of the development stories (tests/stories) that the checker once kept apart."""

from __future__ import annotations

from typing import Any

from numclaims import check
from numclaims.checking.claims import build_items
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract


def _groups(*texts: str, published: str = "2024-02-22") -> dict[tuple[str, ...], str]:
    """The cross-source groups of documents a, b, ...: their members -> the verdict."""
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    report = check(docs)
    return {tuple(sorted(f"{c.doc}:{c.text}" for c in g.claims)): g.verdict for g in report.groups
            if g.verdict != "single_source" and g.details.get("check", "group") == "group"}


def test_a_stock_average_quoted_in_yen_is_its_level_and_its_move() -> None:
    # nikkei-record-2024: News On Japan quotes the Nikkei in yen, as Japanese reports do; the
    # yen drop the average's decimals ("38,915 yen" of the 38,915.87 close)
    found = _groups(
        "The 225-issue Nikkei Stock Average ended at 39,098.68, up 836.52 points from Wednesday,"
        " above its previous record close of 38,915.87 set in 1989.",
        "Tokyo's Nikkei surged on Thursday and closed at a record high.\n\n"
        "The closing price was 39,098 yen, up 836 yen from the previous day.")
    assert found.get(("a:836.52 points", "b:836 yen")) == "consistent"
    assert found.get(("a:39,098.68", "b:39,098 yen")) == "consistent"


def test_a_price_in_yen_in_a_report_on_the_nikkei_stays_money() -> None:
    text = ("Tokyo's Nikkei closed at a record.\n\nToyota shares rose 100 yen, and the dollar"
            " fetched 150 yen in Tokyo. Profit was 1,800 billion yen.")
    kinds = [(i.mention.text, i.mention.kind) for i in build_items(Document("a", text), extract(text))]
    assert all(kind == "money" for t, kind in kinds if "yen" in t), kinds
