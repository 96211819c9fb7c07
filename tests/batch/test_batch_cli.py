"""``numclaims extract`` and ``numclaims check`` on JSON Lines: streaming, worker processes,
bad lines, Parquet, stories, progress on a terminal."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import documents
from numclaims.batch.records import FINDING_COLUMNS, MENTION_COLUMNS
from numclaims.cli import main
from numclaims.sample import sample_records

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]
BORDER = "Russia shares a {} border with North Korea."


def write_jsonl(path: Path, records: list[dict] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 synthetic documents over three stories, then the five sample reports."""
    records = list(documents(60, stories=3)) + sample_records()
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "docs.jsonl", records)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_extract_jsonl_same_output_with_one_or_two_workers(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, one, _ = run(["extract", str(corpus_file), "--jobs", "1"], capsys)
    assert status == 0
    status, two, err = run(["extract", str(corpus_file), "--jobs", "2"], capsys)
    assert status == 0 and err == ""  # stderr is not a terminal here: no progress line
    assert one == two
    rows = [json.loads(line) for line in one.splitlines()]
    assert {r["story"] for r in rows if r["document"].startswith("syn")} == {"story00000", "story00001", "story00002"}
    # input order is kept: documents appear in the order of the file
    order = list(dict.fromkeys(r["document"] for r in rows))
    assert order == sorted(order, key=lambda d: (not d.startswith("syn"), d))
    s681 = next(r for r in rows if r["text"] == "S$681 million" and not r["document"].startswith("syn"))
    # the sample report that states it was published on 2019-04-25: the ECB rate of that day
    assert s681["normalized"]["unit"] == "USD" and s681["normalized"]["rate_date"] == "2019-04-25"


def test_extract_parquet_has_the_typed_schema(corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mentions.parquet"
    assert run(["extract", str(corpus_file), "-o", str(out), "-j", "2"], capsys)[0] == 0
    table = pq.read_table(out)
    assert table.schema.names == [name for name, _ in MENTION_COLUMNS]
    assert str(table.schema.field("ambiguities").type) == "list<element: string>" or \
        str(table.schema.field("ambiguities").type).startswith("list<")
    _, lines, _ = run(["extract", str(corpus_file)], capsys)
    jsonl = [json.loads(line) for line in lines.splitlines()]
    rows = table.to_pylist()
    assert len(rows) == len(jsonl)
    for row, full in zip(rows, jsonl):
        assert (row["document"], row["start"], row["end"], row["text"]) == \
            (full["document"], full["start"], full["end"], full["text"])
        assert row["normalized_value"] == (full["normalized"] or {}).get("value") or full["kind"] == "date"


def test_extract_gzip_and_stdin(corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = tmp_path / "docs.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus_file.read_bytes()))
    _, plain, _ = run(["extract", str(corpus_file), "-j", "1"], capsys)
    _, unpacked, _ = run(["extract", str(packed), "-j", "1"], capsys)
    assert unpacked == plain
    piped = subprocess.run([*NUMCLAIMS, "extract", "-", "-j", "1"], input=corpus_file.read_bytes(),
                           capture_output=True, check=True)
    assert piped.stdout.decode() == plain
    text = subprocess.run([*NUMCLAIMS, "extract", "-"], input=BORDER.format("17km").encode(),
                          capture_output=True, check=True)
    (row,) = [json.loads(line) for line in text.stdout.splitlines()]
    assert (row["document"], row["text"], row["normalized"]["value"]) == ("-", "17km", 17000.0)


BAD_LINES = [
    {"id": "a", "text": BORDER.format("17km")},
    '{"id": "b", "text": ',                              # cut off
    '["not", "an", "object"]',
    {"id": "c"},                                         # no text
    {"id": "d", "text": "about 5%", "published": "yesterday"},
    {"id": "e", "text": BORDER.format("27km")},
]


def test_bad_line_stops_the_run_with_its_line_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "bad.jsonl", BAD_LINES)
    status, out, err = run(["extract", str(source), "-j", "1"], capsys)
    assert status == 2
    assert f"{source}:2: not valid JSON" in err and "--skip-bad" in err
    assert "Traceback" not in err
    assert [json.loads(line)["document"] for line in out.splitlines()] == ["a"]


def test_skip_bad_reports_every_skipped_line_and_keeps_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "bad.jsonl", BAD_LINES)
    rejects = tmp_path / "rejects.jsonl"
    status, out, err = run(["extract", str(source), "--skip-bad", "--rejects", str(rejects), "-j", "2"], capsys)
    assert status == 0
    assert [json.loads(line)["document"] for line in out.splitlines()] == ["a", "e"]
    for n in (2, 3, 4, 5):
        assert f"skipped {source}:{n}:" in err
    assert "4 input lines skipped" in err
    kept = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()]
    assert [k["where"] for k in kept] == [f"{source}:{n}" for n in (2, 3, 4, 5)]
    assert kept[0]["line"] == BAD_LINES[1] and "published" in kept[3]["error"]


def test_non_utf8_line_is_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin1.jsonl"
    source.write_bytes(b'{"id": "a", "text": "caf\xe9 costs \xa35"}\n{"id": "b", "text": "5 km"}\n')
    status, out, err = run(["extract", str(source), "--skip-bad"], capsys)
    assert status == 0 and f"{source}:1: not UTF-8" in err
    assert [json.loads(line)["document"] for line in out.splitlines()] == ["b"]


def test_bad_options_are_refused_before_any_document(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["extract", str(corpus_file), "--base-currency", "XYZ"], capsys)
    assert (status, out) == (2, "") and "XYZ" in err
    status, _, err = run(["extract", str(corpus_file), "--format", "parquet"], capsys)
    assert status == 2 and "--output" in err
    status, _, err = run(["extract", str(corpus_file), "--rejects", "r.jsonl"], capsys)
    assert status == 2 and "--skip-bad" in err
    with pytest.raises(SystemExit):
        main(["extract", str(corpus_file), "--jobs", "0"])


def test_check_reports_each_story_in_order_of_first_appearance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [
        {"id": "a1", "story": "border", "text": BORDER.format("17km")},
        {"id": "x1", "story": "summit", "text": "The summit was held on Thursday (April 25).",
         "published": "2019-04-25"},
        {"id": "a2", "story": "border", "text": BORDER.format("27km")},
        {"id": "x2", "story": "summit", "text": "Kim met Putin on Thursday (April 25).",
         "published": "2019-04-26"},
        {"id": "a3", "text": BORDER.format("17km")},  # no story: the default one
    ]
    source = write_jsonl(tmp_path / "stories.jsonl", records)
    status, out, _ = run(["check", str(source), "-j", "2"], capsys)
    assert status == 0
    reports = [json.loads(line) for line in out.splitlines()]
    assert [(r["story"], r["documents"]) for r in reports] == [
        ("border", ["a1", "a2"]), ("summit", ["x1", "x2"]), ("default", ["a3"])]
    assert [g["verdict"] for g in reports[0]["groups"]] == ["conflict"]
    status, _, err = run(["check", str(source), "--format", "json"], capsys)
    assert status == 2 and "3 stories" in err and "jsonl" in err


def test_check_parquet_and_single_story_json(corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "findings.parquet"
    assert run(["check", str(corpus_file), "-o", str(out)], capsys)[0] == 0
    table = pq.read_table(out)
    assert table.schema.names == [name for name, _ in FINDING_COLUMNS]
    rows = table.to_pylist()
    assert {r["story"] for r in rows} == {"story00000", "story00001", "story00002", "default"}
    sample = [r for r in rows if r["story"] == "default"]
    assert {"divergent", "conflict"} <= {r["verdict"] for r in sample}
    sample_only = write_jsonl(tmp_path / "sample.jsonl", sample_records())
    status, text, _ = run(["check", str(sample_only), "--format", "json"], capsys)
    report = json.loads(text)
    assert status == 0 and report["story"] == "default" and len(report["inline"]) == 3


def test_check_duplicate_id_in_a_story_is_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "dup.jsonl", [
        {"id": "a", "story": "s", "text": BORDER.format("17km")},
        {"id": "a", "story": "t", "text": BORDER.format("27km")},   # another story: fine
        {"id": "a", "story": "s", "text": BORDER.format("37km")},
    ])
    status, _, err = run(["check", str(source)], capsys)
    assert status == 2 and f"{source}:3:" in err and "already has a document with id 'a'" in err
    status, out, err = run(["check", str(source), "--skip-bad"], capsys)
    assert status == 0 and [json.loads(line)["documents"] for line in out.splitlines()] == [["a"], ["a"]]


def on_a_terminal(args: list[str], *, stdout_too: bool = False) -> str:
    """What a real pseudo-terminal shows as the CLI's stderr (and stdout, if ``stdout_too``)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*NUMCLAIMS, *args], stderr=follower,
                            stdout=follower if stdout_too else subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode()


def screen(shown: str) -> list[str]:
    """The lines a terminal is left showing: ``\r`` returns to column 0, later text overwrites
    earlier, ``ESC [K`` erases to the end of the line."""
    lines: list[str] = []
    line: list[str] = []
    column = 0
    for piece in re.split(r"(\r|\n|\x1b\[K)", shown):
        if piece == "\r":
            column = 0
        elif piece == "\n":
            lines.append("".join(line))
            line, column = [], 0
        elif piece == "\x1b[K":
            del line[column:]
        else:
            line[column:column + len(piece)] = piece
            column += len(piece)
    if line:
        lines.append("".join(line))
    return lines


def test_progress_line_only_on_a_terminal(corpus_file: Path) -> None:
    """A real pseudo-terminal as stderr gets the progress line; --quiet silences it."""
    shown = on_a_terminal(["extract", str(corpus_file), "-j", "1"])
    assert "65 docs" in shown and "docs/s" in shown and "MB" in shown and "ETA" in shown
    assert screen(shown) == [screen(shown)[-1]] and screen(shown)[-1].startswith("65 docs  ")
    assert on_a_terminal(["extract", str(corpus_file), "-j", "1", "--quiet"]) == ""


@pytest.mark.parametrize("args", [["extract", "-j", "1"], ["check", "--format", "table", "-j", "1"],
                                  ["extract", "--format", "csv", "-j", "2"]],
                         ids=["extract jsonl", "check table", "extract csv"])
def test_output_to_the_progress_terminal_starts_at_column_0(corpus_file: Path, args: list[str]) -> None:
    """Output and progress on one terminal: every output line is on the screen as written, none
    after progress text, and the progress line is gone at the end."""
    command, *options = args
    shown = on_a_terminal([command, str(corpus_file), *options], stdout_too=True)
    assert "docs/s" in shown  # the progress line was drawn before the output
    written = subprocess.run([*NUMCLAIMS, command, str(corpus_file), *options], capture_output=True,
                             check=True, timeout=120).stdout.decode()
    # the terminal turns every line end into CRLF: a CSV record's CR is one more return to column 0
    assert screen(shown) == screen(written)


def test_unknown_currency_hint_is_a_bad_line_not_a_failed_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "hint.jsonl", [
        {"id": "a", "story": "s", "text": BORDER.format("17km")},
        {"id": "b", "story": "s", "text": "It cost $5 million.", "currency_hint": "Narnia"},
        {"id": "c", "story": "s", "text": BORDER.format("27km")},
    ])
    status, _, err = run(["check", str(source)], capsys)
    assert status == 2 and f"{source}:2:" in err and "Narnia" in err
    status, out, err = run(["check", str(source), "--skip-bad"], capsys)
    assert status == 0 and f"skipped {source}:2:" in err
    (report,) = [json.loads(line) for line in out.splitlines()]
    assert report["documents"] == ["a", "c"] and [g["verdict"] for g in report["groups"]] == ["conflict"]


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    """"1 document", "1 input line", "1 doc" in the CLI's summaries, the plural otherwise."""
    source = write_jsonl(tmp_path / "one.jsonl", [
        {"id": "a", "story": "s", "published": "2019-04-25", "text": BORDER.format("17km")}, "{bad"])

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*NUMCLAIMS, *args], capture_output=True, text=True, timeout=120,
                              check=True)
    for command in ("extract", "check"):
        err = cli(command, str(source), "--skip-bad", "-j", "1").stderr
        assert err.splitlines()[-1] == "numclaims: 1 document done, 1 input line skipped"
    assert cli("check", str(source), "--skip-bad", "--format", "table").stdout.startswith(
        "== story s: 1 document\n")
    shown = screen(on_a_terminal(["extract", str(source), "--skip-bad", "-j", "1"]))
    assert shown[-2].startswith("1 doc  ") and "1 skipped" in shown[-2]
    assert shown[-1] == "numclaims: 1 document done, 1 input line skipped"
