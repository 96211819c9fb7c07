"""The web page and /docs in a real headless browser (Debian's chromium; skipped without it).

The page is driven by its own demo link, ``/?sample=1&run=1``: the browser runs page.js,
which loads the sample corpus from /sample, posts it to /v1/check asking for HTML and puts
the report in a frame. ``--dump-dom`` then gives the DOM after the scripts have run.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from typing import Any

import pytest

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
               None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless browser installed "
                                "(apt-get install chromium)")


def dump_dom(url: str, tmp_path: Any) -> str:
    args = [BROWSER, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000",
            "--dump-dom", url]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
    result = subprocess.run(args, capture_output=True, timeout=90, check=True)  # type: ignore[arg-type]
    return result.stdout.decode("utf-8")


def test_page_checks_the_sample_corpus_in_a_browser(tmp_path: Any, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data")) as proc:
        dom = dump_dom(proc.base + "/?sample=1&run=1", tmp_path)
    assert "Checked 5 document(s)." in dom, dom[-3000:]
    assert dom.count('<fieldset class="document"') == 5 + 1  # five filled in, plus the template
    assert 'srcdoc="' in dom
    report = html.unescape(dom.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert "numclaims check: 5 documents" in report
    assert "<mark" in report  # quantities highlighted


def test_docs_render_in_a_browser(tmp_path: Any, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data"), env={"NUMCLAIMS_WARM_UP": "0"}) as proc:
        dom = dump_dom(proc.base + "/docs", tmp_path)
    assert "swagger-ui" in dom
    for path in ("/v1/extract", "/v1/check", "/v1/stories/{story}/documents"):
        assert path in dom, path
