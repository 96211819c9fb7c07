"""``--published``, ``--currency-hint`` and ``--outlet-country`` on the real CLI (issue 16): they
stand in for what a document does not state, a manifest entry or JSON Lines field wins, and money
converted at the latest rate for want of a date is said on stderr in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]
RESTATED = "Trade reached US$500 million (S$681 million) on Thursday (April 25)."
LATEST = "no publication date given: latest rate used"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NUMCLAIMS, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def ok(run: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert run.returncode == 0, run.stderr
    return run


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """Three plain reports: a restatement, a bare dollar amount, and no money at all."""
    (tmp_path / "a.txt").write_text(RESTATED, "utf-8")
    (tmp_path / "b.txt").write_text("The bridge cost $5 million.", "utf-8")
    (tmp_path / "c.txt").write_text("Russia shares a 17km border with North Korea.", "utf-8")
    return tmp_path


def claims(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every claim of a check report, by (document, text)."""
    return {(c["doc"], c["text"]): c for section in ("inline", "groups", "dates")
            for item in report[section] for c in item["claims"]}


def undated_line(count: int, remedy: str) -> str:
    has, them = ("has", "it") if count == 1 else ("have", "them")
    document = "document" if count == 1 else "documents"
    return (f"numclaims: {count} {document} {has} no publication date; money in {them} is converted "
            f"at the latest rate ({remedy})")


def test_check_plain_files_with_published_and_currency_hint(texts: Path) -> None:
    run = ok(cli("check", "a.txt", "b.txt", "c.txt", "--published", "2019-04-25",
                 "--currency-hint", "SG", cwd=texts))
    assert run.stderr == ""  # every document has a date now
    report = json.loads(run.stdout)
    found = claims(report)
    assert found["a", "S$681 million"]["normalized"]["rate_date"] == "2019-04-25"
    assert found["b", "$5 million"]["unit"] == "SGD"
    # the restatement holds at the rate of the day it was published
    assert [item["verdict"] for item in report["inline"]] == ["consistent"]
    # and "Thursday (April 25)" is read in the year of publication: a Thursday in 2019
    assert "consistent" in [item["verdict"] for item in report["dates"]]


def test_check_without_a_date_says_so_on_stderr_once(texts: Path) -> None:
    run = ok(cli("check", "a.txt", "b.txt", "c.txt", cwd=texts))
    # c.txt states no money: it is not counted
    assert run.stderr.splitlines() == [undated_line(2, "pass --published or a manifest")]
    found = claims(json.loads(run.stdout))
    assert found["a", "S$681 million"]["normalized"]["note"] == LATEST
    assert found["a", "S$681 million"]["normalized"]["rate_date"] != "2019-04-25"
    one = ok(cli("check", "a.txt", "c.txt", cwd=texts))
    assert one.stderr.splitlines() == [undated_line(1, "pass --published or a manifest")]


def test_check_manifest_entry_wins_over_the_options(texts: Path) -> None:
    (texts / "docs.json").write_text(json.dumps([
        {"id": "b", "file": "b.txt", "published": "2020-01-02", "currency_hint": "AU"}]), "utf-8")
    run = ok(cli("check", "a.txt", "b.txt", "--manifest", "docs.json",
                 "--published", "2019-04-25", "--currency-hint", "SG", cwd=texts))
    assert run.stderr == ""
    found = claims(json.loads(run.stdout))
    assert found["b", "$5 million"]["unit"] == "AUD"
    assert found["b", "$5 million"]["normalized"]["rate_date"] == "2020-01-02"
    assert found["a", "S$681 million"]["normalized"]["rate_date"] == "2019-04-25"


@pytest.mark.parametrize("command", ["check", "extract"])
def test_jsonl_fields_win_over_the_options(tmp_path: Path, command: str) -> None:
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in [
        {"id": "own", "text": "It cost $5 million.", "published": "2019-04-25", "outlet_country": "AU"},
        {"id": "bare", "text": "It cost $7 million."},
        {"id": "hinted", "text": "It cost $9 million.", "currency_hint": "HK"},
    ]), "utf-8")
    run = ok(cli(command, "docs.jsonl", "--published", "2020-01-02", "--outlet-country", "SG",
                 cwd=tmp_path))
    assert run.stderr == ""
    if command == "check":
        (report,) = [json.loads(line) for line in run.stdout.splitlines()]
        found = {doc: claim for (doc, _), claim in claims(report).items()}
    else:
        found = {m["document"]: m for m in map(json.loads, run.stdout.splitlines())}
    got = {doc: (m["unit"], m["normalized"]["rate_date"]) for doc, m in found.items()}
    assert got == {"own": ("AUD", "2019-04-25"), "bare": ("SGD", "2020-01-02"),
                   "hinted": ("HKD", "2020-01-02")}


def test_extract_without_a_date_says_so_and_published_is_a_default(texts: Path) -> None:
    run = ok(cli("extract", "a.txt", "c.txt", cwd=texts))
    assert run.stderr.splitlines() == [
        undated_line(1, 'pass --published, or a "published" field in JSON Lines')]
    assert ok(cli("extract", "a.txt", "c.txt", "--published", "2019-04-25", cwd=texts)).stderr == ""
    # the sample states its dates: nothing to say
    assert ok(cli("extract", "--sample", cwd=texts)).stderr == ""


@pytest.mark.parametrize("command", ["check", "extract"])
def test_help_says_a_document_s_own_field_wins(texts: Path, command: str) -> None:
    shown = " ".join(ok(cli(command, "--help", cwd=texts)).stdout.split())
    for flag in ("--published DATE", "--currency-hint CODE", "--outlet-country COUNTRY"):
        assert flag in shown
    assert shown.count("for documents that do not state their own (a JSON Lines field or "
                       "manifest entry wins)") == 3


@pytest.mark.parametrize("flag,value,reason", [
    ("--published", "25/04/2019", "--published: published must be an ISO date"),
    ("--currency-hint", "Narnia", "--currency-hint: currency_hint 'Narnia' is neither"),
    ("--outlet-country", "Narnia", "--outlet-country: currency_hint 'Narnia' is neither"),
])
def test_a_bad_default_is_refused_once_before_any_document(texts: Path, flag: str, value: str,
                                                           reason: str) -> None:
    for command in ("check", "extract"):
        run = cli(command, "a.txt", flag, value, cwd=texts)
        lines = run.stderr.splitlines()
        assert run.returncode == 2 and run.stdout == "" and len(lines) == 1, run.stderr
        assert lines[0].startswith(f"numclaims {command}: error: {reason}")
