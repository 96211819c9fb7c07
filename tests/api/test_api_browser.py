"""The web page and /docs in a real headless browser (Debian's chromium; skipped without it).

The page is driven by its own demo links, ``/?sample=1&run=1`` (check) and
``/?sample=1&run=extract`` (extract only): the browser runs page.js, which loads the sample
corpus from /sample, posts it to the API and shows the result. ``--dump-dom`` then gives the DOM
after the scripts have run, ``--screenshot`` what a reader sees (kept beside the test's files,
and copied to $NUMCLAIMS_SCREENSHOTS when that is set, to be looked at).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
               None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless browser installed "
                                "(apt-get install chromium)")


def browse(url: str, tmp_path: Any, *extra: str) -> str:
    args = [BROWSER, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000", *extra, url]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
    result = subprocess.run(args, capture_output=True, timeout=90, check=True)  # type: ignore[arg-type]
    return result.stdout.decode("utf-8")


def dump_dom(url: str, tmp_path: Any) -> str:
    return browse(url, tmp_path, "--dump-dom")


def screenshot(url: str, tmp_path: Path, name: str) -> Path:
    """A PNG of the whole page after the run, 1280 pixels wide. The window is as tall as the
    page, because headless Chromium paints a window it has scrolled only in part."""
    path = tmp_path / name
    browse(url, tmp_path, f"--screenshot={path}", "--window-size=1280,9000", "--hide-scrollbars")
    assert path.read_bytes().startswith(b"\x89PNG")
    keep = os.environ.get("NUMCLAIMS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def download(dom: str, ident: str) -> tuple[str, str]:
    """The file name and the decoded content of the page's download link ``ident``."""
    tag = re.search(rf'<a id="{ident}"[^>]*>', dom)
    assert tag, ident
    attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
    href = html.unescape(attrs["href"])
    assert href.startswith("data:")
    return attrs["download"], urllib.parse.unquote(href.split(",", 1)[1])


def test_page_checks_the_sample_corpus_in_a_browser(tmp_path: Any, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data")) as proc:
        dom = dump_dom(proc.base + "/?sample=1&run=1", tmp_path)
    assert "Checked 5 document(s)." in dom, dom[-3000:]
    assert dom.count('<fieldset class="document"') == 5 + 1  # five filled in, plus the template
    assert 'srcdoc="' in dom
    report = html.unescape(dom.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert "numclaims check: 5 documents" in report
    assert "<mark" in report  # quantities highlighted


def test_check_names_documents_explains_conflicts_offers_downloads_and_scrolls(tmp_path: Path, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data")) as proc:
        dom = dump_dom(proc.base + "/?sample=1&run=1", tmp_path)
        shot = screenshot(proc.base + "/?sample=1&run=1", tmp_path, "page-check.png")
    assert "Checked 5 document(s)." in dom, dom[-3000:]
    # readable names: the headline, not the id, in the form and in the report
    assert '<span class="title">Kim is seeking Putin’s help</span>' in dom
    assert "<span class=\"title\">North Korea’s Kim Jong-un arrives in Russia by special train" in dom
    report = html.unescape(dom.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert "<h3>Kim is seeking Putin’s help</h3>" in report
    assert '<p class="doc-id">000_09679fa63576d960' in report
    # each conflict says why, in the text, right after its highlighted figure
    conflict = re.search(r'<mark [^>]*class="v-conflict"[^>]*>Thursday \(May 25\)</mark>'
                         r'<span class="why"[^>]*>conflict: ([^<]*)</span>', report)
    assert conflict, report[-4000:]
    why = html.unescape(conflict.group(1))
    assert "2019-05-25 (Saturday)" in why and "001_722aa2a5679254b3" not in why
    # downloads, made from the JSON report: the report itself and its findings as CSV
    name, text = download(dom, "download-json")
    assert name == "numclaims-report.json"
    data = json.loads(text)
    total = sum(len(data[s]) for s in ("inline", "groups", "dates"))
    assert {g["verdict"] for g in data["dates"]} >= {"conflict"}
    name, text = download(dom, "download-csv")
    assert name == "numclaims-report.csv"
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == ["story", "section", "verdict", "explanation", "documents", "claims", "details"]
    assert len(table) == total
    assert any(r["verdict"] == "conflict" and "Thursday (May 25)" in json.loads(r["claims"])[0]["text"]
               + json.loads(r["claims"])[-1]["text"] for r in table)
    # the page brought its results into view
    assert int(re.search(r'id="results"[^>]*data-scrolled-to="(\d+)"', dom).group(1)) > 300
    assert shot.stat().st_size > 10_000


def test_extract_only_lists_each_documents_figures(tmp_path: Path, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data")) as proc:
        dom = dump_dom(proc.base + "/?sample=1&run=extract", tmp_path)
        screenshot(proc.base + "/?sample=1&run=extract", tmp_path, "page-extract.png")
    status = re.search(r"Extracted (\d+) figures from 5 document\(s\)\.", dom)
    assert status, dom[-3000:]
    assert 'srcdoc="' not in dom  # nothing was cross-checked
    assert dom.count('<table class="mentions">') == 5
    assert "<h3>Kim is seeking Putin’s help</h3>" in dom
    assert "<td>US$6 trillion</td><td>money</td><td class=\"num\">USD 6 trillion</td><td>2013</td><td></td>" in dom
    assert ("<td>RM24.78 trillion</td><td>money</td><td class=\"num\">MYR 24.78 trillion</td><td>2013</td>"
            "<td>USD 5.986 trillion</td>") in dom
    # what a figure states besides its amount: "trade ... down more than 56 percent"
    assert "<td>more than 56 percent</td><td>ratio</td><td class=\"num\">56%</td><td>down, delta, last year</td>" in dom
    assert "<td>2011</td><td>year</td><td class=\"num\">2011</td>" in dom
    name, text = download(dom, "download-csv")
    assert name == "numclaims-mentions.csv"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == int(status.group(1))
    assert rows[0]["document"] == "000_09679fa63576d960" and rows[0]["text"] == "2011"
    assert {"direction", "change", "per", "when_start", "when_end", "when_text"} <= set(rows[0])
    name, text = download(dom, "download-json")
    assert [d["id"] for d in json.loads(text)["documents"]][0] == "000_09679fa63576d960"


def test_docs_render_in_a_browser(tmp_path: Any, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data"), env={"NUMCLAIMS_WARM_UP": "0"}) as proc:
        dom = dump_dom(proc.base + "/docs", tmp_path)
    assert "swagger-ui" in dom
    for path in ("/v1/extract", "/v1/check", "/v1/stories/{story}/documents"):
        assert path in dom, path
