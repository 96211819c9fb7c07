"""Each verdict is explained in one sentence, the same in the data file, the README and the HTML
report (issue 14)."""

from __future__ import annotations

import html
from pathlib import Path

from numclaims import check
from numclaims.checking.render import SEVERITY, render_html, verdict_meanings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_every_verdict_has_one_sentence() -> None:
    meanings = verdict_meanings()
    assert set(meanings) == set(SEVERITY)
    assert all(m.endswith(".") and m.count(". ") == 0 for m in meanings.values())


def test_the_readme_and_the_html_report_say_the_same() -> None:
    docs = [{"id": "a", "text": "Russia shares a 17km border with North Korea.", "published": "2019-04-25"}]
    page = render_html(check(docs), docs)
    for verdict, meaning in verdict_meanings().items():
        assert f"- **{verdict.replace('_', ' ')}**: {meaning}" in README
        assert f"<dd>{html.escape(meaning)}</dd>" in page
