"""The terminal table and the HTML page."""

from __future__ import annotations

import html
import re

from numclaims.checking import check
from numclaims.checking.render import format_table, render_html
from numclaims.model import Report

PAYLOAD = '<script>alert("x")</script>'


def test_html_escapes_script_payload_in_text_and_claims() -> None:
    docs = [
        {"id": "a<b>", "text": f"{PAYLOAD} Russia shares a 17km border with North Korea."},
        {"id": "c", "text": f"Russia shares a 27km border with North Korea. {PAYLOAD}"},
    ]
    report = check(docs)
    page = render_html(report, docs)
    assert "<script" not in page.lower()
    assert html.escape(PAYLOAD) in page
    assert "a&lt;b&gt;" in page
    # the conflict is highlighted in the text, with its explanation on hover
    assert re.search(r'<mark id="d0-\d+" class="v-conflict"[^>]*title="conflict: [^"]*gap', page)


def test_html_page_is_self_contained_and_shows_conflicts(report: Report, documents: list[dict]) -> None:
    page = render_html(report, documents)
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page.replace('"http://www.w3.org', "") and "src=" not in page
    assert 'class="item v-conflict"' in page and 'class="item v-divergent"' in page
    assert page.count("<mark id=") >= 20  # every checked quantity of the five reports
    assert "Thursday (May 25)" in page


def test_table_lists_findings_first(report: Report) -> None:
    table = format_table(report)
    lines = table.splitlines()
    assert lines[0].startswith("Restatements inside a document: 3 consistent")
    groups = table[table.index("Claims across sources"):]
    assert groups.index("DIVERGENT") < groups.index("CONSISTENT") < groups.index("single source:")
    assert "CONFLICT" in table[table.index("Dates and weekdays"):]
