"""``numclaims extract --format table`` and ``numclaims check --format table`` run as the README
shows them (the real CLI, in a subprocess), on the sample and on small crafted inputs: figures
as people write them, cells cut at a word, singulars for one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from numclaims.checking.render import story_heading
from numclaims.figures import ELLIPSIS

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]


def run(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run([*NUMCLAIMS, *args], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done.stdout


def row(table: str, text: str) -> list[str]:
    """The cells of the table rows whose text cell is ``text`` (cells are two spaces apart); the
    rows must agree when there are several (the same figure in several documents)."""
    found = {tuple(re.split(r" {2,}", line.strip())) for line in table.splitlines()
             if line.startswith(text + "  ")}
    assert len(found) == 1, found
    return list(found.pop())


@pytest.fixture(scope="module")
def sample_table() -> str:
    return run("extract", "--sample", "--format", "table")


def test_sample_years_money_and_scales_read_as_written(sample_table: str) -> None:
    assert "2,011" not in sample_table and "e+" not in sample_table
    assert row(sample_table, "2011") == ["2011", "year", "2011"]
    # "US$6 trillion ... according to a 2013 estimate": the figure holds for 2013
    assert row(sample_table, "US$6 trillion") == ["US$6 trillion", "money", "US$6 trillion", "2013"]
    assert row(sample_table, "RM24.78 trillion") == ["RM24.78 trillion", "money", "RM24.78 trillion", "2013",
                                                     "US$5.986 trillion"]
    # the restatement of "more than US$500 million (S$681 million) a year" is a rate too
    assert row(sample_table, "S$681 million")[2:] == ["S$681 million", "per year", "US$498.7 million"]
    # "trade ... down more than 56 percent last year"
    assert row(sample_table, "more than 56 percent")[-1] == "down, delta, last year"
    assert row(sample_table, "more than US$500 million")[2:] == ["US$500 million", "US$500 million or more", "per year"]
    assert row(sample_table, "100,000 tonnes")[2:] == ["100,000 metric ton", "100 million kilogram"]
    assert row(sample_table, "about 1.5 per cent")[2:] == ["1.5%", "1.425-1.575%"]


def test_headings_count_in_the_singular_for_one(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("The deal was worth US$2.5 million.", "utf-8")
    table = run("extract", str(tmp_path / "one.txt"), "--format", "table")
    assert table.splitlines()[0] == f"== {tmp_path / 'one.txt'}: 1 mention"
    assert row(table, "US$2.5 million")[2] == "US$2.5 million"
    (tmp_path / "count.txt").write_text("About 2,500,000 people and 6 trillion won, in 2011.", "utf-8")
    table = run("extract", str(tmp_path / "count.txt"), "--format", "table")
    assert "3 mentions" in table.splitlines()[0]
    assert row(table, "About 2,500,000")[2:4] == ["2.5 million", "2.375 million-2.625 million"]
    assert row(table, "6 trillion won")[2] == "₩6 trillion"
    assert row(table, "2011")[2] == "2011"


def test_a_long_reason_is_wrapped_at_words_never_cut(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("Russia paid RM24.78 trillion that year.", "utf-8")
    table = run("extract", str(tmp_path / "old.txt"), "--published", "1980-01-02", "--format", "table")
    lines = table.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("RM24.78 trillion"))
    column = lines[0 + 1].index("normalized")
    reason = " ".join(line[column:].strip() for line in lines[start:])
    # the whole reason, every line broken between words, continuation under its column
    assert reason == "cannot convert MYR on 1980-01-02: the ECB series for MYR starts on 2005-04-01"
    assert all(not line[:column].strip() for line in lines[start + 1:])
    assert ELLIPSIS not in table


def test_a_currency_without_its_own_sign_reads_as_its_code(tmp_path: Path) -> None:
    (tmp_path / "pk.txt").write_text("Pakistan spent Rs 5bn on the road.", "utf-8")
    table = run("extract", str(tmp_path / "pk.txt"), "--currency-hint", "PK", "--published",
                "2019-04-25", "--format", "table")
    value = row(table, "Rs 5bn")[2]
    assert value == "PKR 5 billion"  # "Rs" is also India's and Sri Lanka's


def test_check_table_on_the_sample() -> None:
    table = run("check", "--sample", "--format", "table")
    assert "e+" not in table and "2,011" not in table
    body = table.splitlines()
    assert not any(len(line) > 104 for line in body)  # fits a chat message without side-scrolling
    # single-source figures: one line per document, not one per figure
    single = [line for line in body if line.startswith("  single source: 004_")]
    assert single == ['  single source: 004_e52c914e7a2d76fe: "two months"; "five"; "US$34 million"']
    explanation = [line.strip() for line in body if "ECB rate on 2019-04-24" in line]
    assert explanation and all(not line.endswith(("the EC", "EC")) for line in explanation)


def test_story_heading_counts_in_the_singular() -> None:
    assert story_heading("default", 1) == "== story default: 1 document"
    assert story_heading("kim-putin-2019", 5) == "== story kim-putin-2019: 5 documents"


def test_check_table_of_one_document_says_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia shares a 17km border with North Korea; US$500 million "
                                    "(S$681 million) a year.", "utf-8")
    table = run("check", str(tmp_path / "a.txt"), "--format", "table")
    assert table.splitlines()[0] == "== story default: 1 document"


def test_money_converted_at_the_latest_rate_says_so(tmp_path: Path) -> None:
    """Issue 16: without a publication date money converts at the latest rate, which only the
    JSON said; the tables and the HTML say it too, and a dated run does not."""
    (tmp_path / "a.txt").write_text("Singapore pledged S$681 million to the fund.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Singapore pledged S$681 million, officials said.\n", "utf-8")
    extracted = run("extract", "a.txt", "--format", "table", cwd=tmp_path)
    assert row(extracted, "S$681 million")[-1].endswith("(latest rate)")
    checked = run("check", "a.txt", "b.txt", "--format", "table", cwd=tmp_path)
    assert "Money in a, b converted at the latest rate: they have no publication date" in checked
    page = run("check", "a.txt", "b.txt", "--format", "html", cwd=tmp_path)
    assert "converted at the latest rate" in page
    dated = run("extract", "a.txt", "--format", "table", "--published", "2019-04-25", cwd=tmp_path)
    assert "latest rate" not in dated
