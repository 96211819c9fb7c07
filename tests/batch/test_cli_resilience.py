"""The real ``numclaims`` CLI against inputs and outputs that used to lose data or end in a
traceback (issue 15): an output that is an input, Ctrl-C mid-run, files that cannot be read or
written, FIFOs and devices, and lines or documents too large to hold."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import documents

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]
BORDER = "Russia shares a {} border with North Korea."
LIMIT_ENV = "NUMCLAIMS_MAX_DOCUMENT_BYTES"


def cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", {k: v for k, v in os.environ.items() if k != LIMIT_ENV})
    return subprocess.run([*NUMCLAIMS, *args], capture_output=True, text=True, timeout=120,
                          **kwargs)  # type: ignore[call-overload]


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    """The run failed as an input error should: exit 2, one line on stderr, no traceback."""
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    return run.stderr.strip()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary output files left in ``folder`` (they are hidden: ``.name.XXXX.tmp``)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "a", "story": "s", "text": BORDER.format("17km")},
        {"id": "b", "story": "s", "text": BORDER.format("27km")},
    ])


# -- an output that is an input ---------------------------------------------------------------

def _same_path(docs: Path) -> str:
    return str(docs)


def _other_spelling(docs: Path) -> str:
    return str(docs.parent / "." / docs.name)


def _symlink(docs: Path) -> str:
    (docs.parent / "link.jsonl").symlink_to(docs.name)
    return str(docs.parent / "link.jsonl")


def _hard_link(docs: Path) -> str:
    os.link(docs, docs.parent / "hard.jsonl")
    return str(docs.parent / "hard.jsonl")


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("output", [_same_path, _other_spelling, _symlink, _hard_link],
                         ids=["same path", "other spelling", "symlink", "hard link"])
def test_output_that_is_an_input_is_refused_and_the_input_kept(
        docs: Path, command: str, output: Callable[[Path], str]) -> None:
    before = docs.read_bytes()
    target = output(docs)
    error = one_line_error(cli(command, str(docs), "-o", target))
    assert f"--output {target} is the input file {docs}" in error
    assert docs.read_bytes() == before and leftovers(docs.parent) == []


def test_rejects_or_manifest_that_is_an_input_or_the_output_is_refused(docs: Path, tmp_path: Path) -> None:
    before = docs.read_bytes()
    error = one_line_error(cli("extract", str(docs), "--skip-bad", "--rejects", str(docs)))
    assert f"--rejects {docs} is the input file" in error
    out = str(tmp_path / "out.jsonl")
    error = one_line_error(cli("extract", str(docs), "-o", out, "--skip-bad", "--rejects", out))
    assert "--output and --rejects are the same file" in error
    assert docs.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["docs.jsonl"]
    manifest = tmp_path / "docs.json"
    manifest.write_text(json.dumps([{"id": "a", "file": "a.txt"}]))
    error = one_line_error(cli("check", "--manifest", str(manifest), "-o", str(manifest)))
    assert f"--output {manifest} is the input file {manifest}" in error
    assert json.loads(manifest.read_text()) == [{"id": "a", "file": "a.txt"}]


def test_standard_output_appending_to_the_input_is_refused(docs: Path) -> None:
    """``numclaims extract docs.jsonl >> docs.jsonl`` would read its own output forever."""
    before = docs.read_bytes()
    with open(docs, "a") as stdout:
        run = subprocess.run([*NUMCLAIMS, "extract", str(docs)], stdout=stdout,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert "standard output is the input file" in one_line_error(run)
    assert docs.read_bytes() == before


# -- outputs appear whole, or not at all --------------------------------------------------------

def _feed(proc: subprocess.Popen[bytes], count: int) -> None:
    assert proc.stdin is not None
    for doc in documents(count, stories=2):
        proc.stdin.write((json.dumps(doc) + "\n").encode())
    proc.stdin.flush()


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the CLI never got there"
        time.sleep(0.02)


def _interactive() -> None:
    """Ctrl-C as a terminal delivers it: a test run started under ``nohup`` (or in the background
    by a shell) ignores SIGINT, and a child that inherits that ignores the signal by design."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("command,name", [("extract", "mentions.jsonl"), ("extract", "mentions.parquet"),
                                          ("check", "findings.parquet"), ("check", "findings.csv")])
@pytest.mark.parametrize("existing", [False, True], ids=["new target", "old target"])
def test_ctrl_c_mid_run_exits_130_and_leaves_no_partial_output(
        tmp_path: Path, command: str, name: str, existing: bool) -> None:
    """Ctrl-C (SIGINT to the whole process group, workers included) while the CLI is reading its
    input and has its output open: exit 130 with one line, no traceback from the CLI or its
    workers, the target as it was and no temporary file."""
    target = tmp_path / name
    if existing:
        target.write_bytes(b"the previous run's output")
        target.chmod(0o640)
    proc = subprocess.Popen([*NUMCLAIMS, command, "-", "-j", "2", "-o", str(target)],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_interactive)
    try:
        _feed(proc, 200)  # and stdin stays open: the run cannot finish before the signal
        _wait_for(lambda: bool(leftovers(tmp_path)), proc)
        if name.endswith(".jsonl"):  # what used to be left behind looking complete
            temp = tmp_path / leftovers(tmp_path)[0]
            _wait_for(lambda: temp.stat().st_size > 0, proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err.decode().strip() == "numclaims: interrupted"
    assert leftovers(tmp_path) == []
    if existing:
        assert target.read_bytes() == b"the previous run's output"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    else:
        assert not target.exists()


def test_a_run_that_stops_at_a_bad_line_writes_no_output(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps({"id": "a", "text": BORDER.format("17km")}) + "\n{\"id\": \n", "utf-8")
    for name in ("out.jsonl", "out.parquet"):
        error = one_line_error(cli("extract", str(source), "-o", str(tmp_path / name)))
        assert f"{source}:2: not valid JSON" in error
    assert sorted(os.listdir(tmp_path)) == ["bad.jsonl"]


@pytest.mark.parametrize("name", ["mentions.jsonl", "mentions.parquet", "mentions.csv"])
def test_a_write_that_fails_mid_run_keeps_the_old_target(tmp_path: Path, name: str) -> None:
    """A file-size limit makes writes fail part way (EFBIG, as a full disk gives ENOSPC): one
    line naming the output, the old target intact, the temporary file gone."""
    source = write_jsonl(tmp_path / "docs.jsonl", list(documents(200, stories=2)))
    target = tmp_path / name
    target.write_bytes(b"the previous run's output")

    def small_files() -> None:  # Python ignores SIGXFSZ: a write past the limit fails instead
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    run = subprocess.run([*NUMCLAIMS, "extract", str(source), "-j", "1", "-o", str(target)],
                         capture_output=True, text=True, timeout=120, preexec_fn=small_files)
    assert f"{target}: cannot write: file too large" in one_line_error(run)
    assert target.read_bytes() == b"the previous run's output"
    assert leftovers(tmp_path) == []


def test_outputs_get_the_mode_of_a_plain_create_or_keep_the_old_one(docs: Path, tmp_path: Path) -> None:
    new, old, real = tmp_path / "new.parquet", tmp_path / "old.jsonl", tmp_path / "real.jsonl"
    old.write_text("old\n")
    old.chmod(0o604)
    real.write_text("old\n")
    (tmp_path / "link.jsonl").symlink_to(real.name)
    for out in (new, old, tmp_path / "link.jsonl"):
        run = cli("extract", str(docs), "-o", str(out), umask=0o027)
        assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 & ~umask, not mkstemp's 0600
    assert pq.read_table(new).num_rows == 2
    assert stat.S_IMODE(old.stat().st_mode) == 0o604
    assert [json.loads(line)["document"] for line in old.read_text().splitlines()] == ["a", "b"]
    # a symlinked output is written through: the link stays, its target gets the output
    assert (tmp_path / "link.jsonl").is_symlink() and real.read_text() == old.read_text()
    assert leftovers(tmp_path) == []


# -- inputs and outputs that cannot be used -----------------------------------------------------

def test_unreadable_input_is_one_line_naming_it(tmp_path: Path) -> None:
    secret_jsonl, secret_txt = tmp_path / "secret.jsonl", tmp_path / "secret.txt"
    write_jsonl(secret_jsonl, [{"id": "a", "text": BORDER.format("17km")}])
    secret_txt.write_text(BORDER.format("17km"))
    for path in (secret_jsonl, secret_txt):
        path.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads mode-000 files: run the CLI without that capability
        if shutil.which("setpriv") is None:
            pytest.skip("running as root and no setpriv to drop CAP_DAC_OVERRIDE")
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    for command, path in (("extract", secret_jsonl), ("extract", secret_txt), ("check", secret_txt)):
        run = subprocess.run([*prefix, *NUMCLAIMS, command, str(path)], capture_output=True,
                             text=True, timeout=120)
        assert f"{path}: cannot read: permission denied" in one_line_error(run)


@pytest.mark.parametrize("args,expected", [
    (("extract", "{tmp}"), "{tmp}: cannot read: is a directory"),
    (("check", "{tmp}"), "{tmp}: cannot read: is a directory"),
    (("extract", "{tmp}/missing.jsonl"), "{tmp}/missing.jsonl: cannot read: no such file or directory"),
    (("check", "--manifest", "{tmp}"), "{tmp}: cannot read the manifest: is a directory"),
    (("extract", "/proc/self/mem"), "/proc/self/mem: cannot read: input/output error"),
], ids=["directory", "directory to check", "missing", "directory as manifest", "unreadable /proc file"])
def test_inputs_that_cannot_be_read_are_one_line_naming_them(
        tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    run = cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert expected.format(tmp=tmp_path) in one_line_error(run)


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("output,expected", [
    ("{tmp}/missing/out.jsonl", "no such directory {tmp}/missing"),
    ("{tmp}/missing/out.parquet", "no such directory {tmp}/missing"),
    ("{tmp}", "is a directory"),
    ("/dev/full", "no space left on device"),          # ENOSPC on write
    ("/proc/out.jsonl", ""),
    # an existing /proc file is never written in place (the CLI's own name: harmless if it were)
    ("/proc/self/comm", ""),
], ids=["missing folder", "missing folder, Parquet", "directory", "/dev/full", "/proc", "/proc file"])
def test_outputs_that_cannot_be_written_are_one_line_naming_them(
        docs: Path, tmp_path: Path, command: str, output: str, expected: str) -> None:
    output, expected = output.format(tmp=tmp_path), expected.format(tmp=tmp_path)
    error = one_line_error(cli(command, str(docs), "-o", output))
    assert error.startswith(f"numclaims {command}: error: {output}: cannot write: {expected}"), error
    assert leftovers(tmp_path) == []


def test_parquet_to_a_full_device_is_one_line(docs: Path) -> None:
    run = cli("check", str(docs), "--format", "parquet", "-o", "/dev/full")
    assert "/dev/full: cannot write: no space left on device" in one_line_error(run)


def test_devices_and_pipes_are_written_as_they_go(docs: Path) -> None:
    run = cli("extract", str(docs), "-o", "/dev/stdout")
    assert run.returncode == 0 and len(run.stdout.splitlines()) == 2
    assert cli("extract", str(docs), "-o", "/dev/null").returncode == 0
    assert Path("/dev/null").is_char_device()


def _fifo(tmp_path: Path, name: str, data: bytes) -> tuple[Path, threading.Thread]:
    """A FIFO and the thread that writes ``data`` into it once a reader opens it."""
    fifo = tmp_path / name
    os.mkfifo(fifo)

    def write() -> None:
        try:
            with open(fifo, "wb") as stream:
                stream.write(data)
        except BrokenPipeError:  # the reader stopped early, as it may
            pass
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return fifo, writer


@pytest.mark.parametrize("command", ["extract", "check"])
def test_fifo_is_read_as_a_stream(tmp_path: Path, command: str) -> None:
    records = [{"id": "a", "story": "s", "text": BORDER.format("17km")},
               {"id": "b", "story": "s", "text": BORDER.format("27km")}]
    lines = "".join(json.dumps(r) + "\n" for r in records).encode()
    fifo, writer = _fifo(tmp_path, "feed", lines)  # no .jsonl: JSON Lines by its first byte
    run = cli(command, str(fifo), "-j", "1")
    writer.join(timeout=10)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    if command == "extract":
        assert [(r["document"], r["text"]) for r in rows] == [("a", "17km"), ("b", "27km")]
    else:
        assert [r["documents"] for r in rows] == [["a", "b"]]
        assert [g["verdict"] for g in rows[0]["groups"]] == ["conflict"]
    fifo, writer = _fifo(tmp_path, "text", BORDER.format("17km").encode())
    run = cli("extract", str(fifo))
    writer.join(timeout=10)
    assert run.returncode == 0, run.stderr
    assert [(r["document"], r["text"]) for r in map(json.loads, run.stdout.splitlines())] == \
        [(str(fifo), "17km")]


@pytest.mark.parametrize("args", [(), ("--input-format", "jsonl"), ("--input-format", "text")],
                         ids=["auto", "jsonl", "text"])
def test_dev_zero_is_stopped_by_the_size_bound(args: tuple[str, ...]) -> None:
    """An endless stream of NUL bytes, read as a stream: the default 10 MB bound ends it."""
    error = one_line_error(cli("extract", "/dev/zero", *args))
    what = "line" if "jsonl" in args else "document"
    assert f"/dev/zero{':1' if what == 'line' else ''}: {what} is longer than the limit of " \
           f"10,000,000 bytes (--max-document-bytes, env {LIMIT_ENV})" in error


# -- bounded lines and documents ----------------------------------------------------------------

def test_over_long_line_stops_with_its_place_or_is_skipped(tmp_path: Path) -> None:
    short = {"id": "a", "text": BORDER.format("17km")}
    source = write_jsonl(tmp_path / "long.jsonl", [
        short, {"id": "big", "text": BORDER.format("9km") * 20}, {"id": "c", "text": BORDER.format("27km")}])
    limit = str(len(json.dumps(short)) + 10)
    run = cli("extract", str(source), "--max-document-bytes", limit)
    error = one_line_error(run)
    assert f"{source}:2: line is longer than the limit of {int(limit):,} bytes" in error
    assert [json.loads(line)["document"] for line in run.stdout.splitlines()] == ["a"]
    rejects = tmp_path / "rejects.jsonl"
    env = {**os.environ, LIMIT_ENV: limit}  # the environment sets the same bound
    run = cli("extract", str(source), "--skip-bad", "--rejects", str(rejects), env=env)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["document"] for line in run.stdout.splitlines()] == ["a", "c"]
    (kept,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert kept["where"] == f"{source}:2" and kept["line"] is None and "limit" in kept["error"]
    run = cli("extract", str(source), env={**os.environ, LIMIT_ENV: "ten"})
    assert f"{LIMIT_ENV}: not a whole number of bytes: 'ten'" in one_line_error(run)


@pytest.mark.parametrize("command", ["extract", "check"])
def test_over_large_text_document_is_refused(tmp_path: Path, command: str) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(BORDER.format("17km"))
    large.write_text(BORDER.format("27km") * 100)
    run = cli(command, str(small), str(large), "--max-document-bytes", "1000")
    error = one_line_error(run)
    assert f"{large}: document is longer than the limit of 1,000 bytes" in error
    run = cli(command, str(small), str(large), "--max-document-bytes", "1000", "--skip-bad")
    assert run.returncode == 0 and f"skipped {large}: document is longer" in run.stderr
    assert "27km" not in run.stdout and (command == "check" or "17km" in run.stdout)
    run = cli(command, "-", "--max-document-bytes", "1000", input="x" * 5000)  # stdin too
    assert "<stdin>: document is longer than the limit of 1,000 bytes" in one_line_error(run)
    fifo, writer = _fifo(tmp_path, "stream.txt", b"x" * 5000)  # a stream stops at limit + 1
    error = one_line_error(cli(command, str(fifo), "--max-document-bytes", "1000"))
    writer.join(timeout=10)
    assert f"{fifo}: document is longer than the limit of 1,000 bytes" in error


MEASURE = """
import resource, subprocess, sys
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_kb(*args: str) -> tuple[int, int]:
    """The exit status and peak resident memory (kB) of one CLI run, measured in a fresh parent
    so that no other child counts."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *NUMCLAIMS, *args], capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    return int(out[0]), int(out[1])


def test_memory_stays_bounded_for_a_huge_line_and_a_huge_text(tmp_path: Path) -> None:
    """A 200 MB line (skipped, and the line after it read) and a 200 MB text file, with a 1 MB
    bound: the CLI's peak memory is that of a tiny input, not of the input. The files are sparse,
    so writing them costs nothing."""
    size = 200 * 1000 * 1000
    line = tmp_path / "line.jsonl"
    with open(line, "wb") as stream:
        stream.write(b'{"id": "big", "text": "')
        stream.seek(size)
        stream.write(b'"}\n' + json.dumps({"id": "c", "text": BORDER.format("27km")}).encode() + b"\n")
    text = tmp_path / "big.txt"
    with open(text, "wb") as stream:
        stream.truncate(size)
    tiny = write_jsonl(tmp_path / "tiny.jsonl", [{"id": "c", "text": BORDER.format("27km")}])
    bound = ("-j", "1", "--max-document-bytes", "1000000")
    status, baseline = peak_kb("extract", str(tiny), *bound)
    assert status == 0
    status, huge_line = peak_kb("extract", str(line), "--skip-bad", *bound)
    assert status == 0
    status, huge_text = peak_kb("extract", str(text), *bound)
    assert status == 2
    assert huge_line < baseline + 50_000 and huge_text < baseline + 50_000, (baseline, huge_line, huge_text)
    run = cli("extract", str(line), "--skip-bad", *bound)
    assert [json.loads(r)["text"] for r in run.stdout.splitlines()] == ["27km"]


def test_help_names_the_limit_and_its_default() -> None:
    for command in ("extract", "check"):
        text = " ".join(cli(command, "--help").stdout.split())
        assert "--max-document-bytes" in text and "10,000,000 = 10 MB" in text and LIMIT_ENV in text
