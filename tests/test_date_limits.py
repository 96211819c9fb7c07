"""Publication dates at the ends of the calendar (issue 15): from 0001-01-01 to 0001-01-10 the
exchange-rate lookback overflowed (OverflowError in fx._common_day), so the real CLI printed
a traceback and exited 1. Through the real CLI (a subprocess, as a user runs it) every such
date gives exit 0 or 2 with a one-line reason; the checker's date arithmetic holds at both ends.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from numclaims import check
from numclaims.checking.dates import _nearest_with_weekday

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("He paid S$5 million (US$3.7 million) and TWD 5m on Thursday (January 4); "
        "on December 31 the 5 km road opened, a year after 2011.")
EDGES = ["0001-01-01", "0001-01-05", "0001-01-10", "0001-01-11", "9999-12-25", "9999-12-31"]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "numclaims.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def assert_clean_exit(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), (result.returncode, result.stderr)
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("published", EDGES)
def test_cli_extract_at_the_ends_of_the_calendar(published: str, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    result = cli("extract", "report.txt", "--published", published, cwd=tmp_path)
    assert_clean_exit(result)
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    money = [r for r in rows if r["kind"] == "money"]
    assert [r["text"] for r in money] == ["S$5 million", "US$3.7 million", "TWD 5m"]
    sgd = money[0]["normalized"]
    assert sgd["value"] is None and "cannot convert SGD" in sgd["error"]


@pytest.mark.parametrize("published", ["0000-12-31", "10000-01-01", "0001-13-01"])
def test_cli_extract_refuses_a_date_outside_the_calendar(published: str, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    result = cli("extract", "report.txt", "--published", published, cwd=tmp_path)
    assert_clean_exit(result)
    assert result.returncode == 2 and "published" in result.stderr


def test_cli_check_with_publication_dates_at_the_ends_of_the_calendar(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": TEXT.replace("5 km", f"{5 + i} km"), "published": published,
             "story": published}
            for i, published in enumerate(EDGES)]
    lines = "".join(json.dumps(d) + "\n" for d in docs)
    (tmp_path / "docs.jsonl").write_text(lines, encoding="utf-8")
    result = cli("check", "docs.jsonl", "--quiet", cwd=tmp_path)
    assert_clean_exit(result)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == len(EDGES)  # one report per story


@pytest.mark.parametrize("published", EDGES)
def test_check_library_at_the_ends_of_the_calendar(published: str) -> None:
    other = TEXT.replace("January 4", "January 5")
    report = check([{"id": "a", "text": TEXT, "published": published},
                    {"id": "b", "text": other, "published": published}])
    weekday = [d for d in report.dates if d.details.get("check") == "weekday"]
    assert len(weekday) == 2


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1, 1, 31), date(1, 12, 31), date(9999, 12, 31),
                                 date(9999, 1, 31), date(9999, 12, 1)])
def test_nearest_date_with_a_weekday_stays_inside_the_calendar(day: date) -> None:
    # the 12-month search has no year 0 or 10000 to look in: fewer candidates, never an error
    found = 0
    for weekday in range(7):
        nearest = _nearest_with_weekday(day, weekday)
        if nearest is not None:
            found += 1
            assert nearest.weekday() == weekday and nearest.day == day.day
            assert abs((nearest - day).days) <= 366
    assert found >= 4
