"""The HTML report in a real browser: Debian's headless chromium renders it, and we look at the result.

Checks that the page's DOM holds the conflict explanations, that a script in a document's text is
shown as text and never runs, and that the conflict highlight colour is actually on screen (the
screenshot is decoded with the standard library only). Skipped when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import html
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from numclaims.checking.render import COLOURS, render_html
from numclaims.checking.report import check
from numclaims.sample import sample_documents

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 60
PAYLOAD = "<script>document.title='pwned'</script>"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, channels, rows) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up_left = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, prev[i], up_left)) & 0xFF
        else:
            assert kind == 0, f"bad PNG filter type {kind}"
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def count_colours(png: Path, *colours: tuple[int, int, int], slack: int = 3) -> list[int]:
    """For each colour, how many pixels are within ``slack`` of it in every channel."""
    width, _, bpp, rows = decode_png(png.read_bytes())
    counts = [0] * len(colours)
    for row in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            for n, (r0, g0, b0) in enumerate(colours):
                if abs(r - r0) <= slack and abs(g - g0) <= slack and abs(b - b0) <= slack:
                    counts[n] += 1
    return counts


def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def _filter_png(rows: list[bytes], bpp: int, kinds: list[int]) -> bytes:
    """A PNG whose row y is encoded with filter ``kinds[y]`` (an encoder for the decoder's test)."""
    out, prev = b"", bytes(len(rows[0]))
    for row, kind in zip(rows, kinds):
        enc = bytearray()
        for i, v in enumerate(row):
            left = row[i - bpp] if i >= bpp else 0
            up_left = prev[i - bpp] if i >= bpp else 0
            pred = (0, left, prev[i], (left + prev[i]) >> 1, _paeth(left, prev[i], up_left))[kind]
            enc.append((v - pred) & 0xFF)
        out += bytes([kind]) + bytes(enc)
        prev = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", len(rows[0]) // bpp, len(rows), 8, 2 if bpp == 3 else 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(out)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("bpp", [3, 4])
def test_png_decoder_handles_every_filter(bpp: int) -> None:
    rows = [bytes((x * 37 + y * 91 + (x * y) % 13) & 0xFF for x in range(4 * bpp)) for y in range(10)]
    width, height, channels, decoded = decode_png(_filter_png(rows, bpp, [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]))
    assert (width, height, channels, decoded) == (4, 10, bpp, rows)


def test_html_report_in_headless_chromium(tmp_path: Path) -> None:
    docs = sample_documents()
    report = check(docs)
    conflicts = [i for name in ("inline", "groups", "dates") for i in getattr(report, name) if i.verdict == "conflict"]
    assert conflicts, "the sample corpus is expected to have at least one conflict"
    page = tmp_path / "report.html"
    page.write_text(render_html(report, docs), encoding="utf-8")

    # claims' offsets stay valid because the payload is appended after the text
    hostile = [dict(d) for d in docs]
    hostile[0]["text"] += "\n\n" + PAYLOAD + "\n"
    evil = tmp_path / "hostile.html"
    evil.write_text(render_html(check(hostile), hostile), encoding="utf-8")

    # the sample's conflicts are in the last findings section, about 2,200 px down at 1280 px wide,
    # so a 2000 px tall window would show only the legend's conflict swatch: take 4000 px
    png = tmp_path / "report.png"
    shot = _chromium(tmp_path, page, f"--screenshot={png}", "--window-size=1280,4000")
    assert png.is_file(), f"chromium wrote no screenshot (rc {shot.returncode}): {shot.stderr[-2000:]}"

    dom = _chromium(tmp_path, page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    for item in conflicts:
        assert html.escape(item.explanation, quote=False) in dom.stdout

    dom = _chromium(tmp_path, evil, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "pwned" in dom.stdout, "the payload is missing from the page"
    assert f"<title>numclaims check: {len(docs)} documents</title>" in dom.stdout
    assert "<title>pwned</title>" not in dom.stdout
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom.stdout
    assert "<script>" not in dom.stdout

    ink, paper = (_hex(c) for c in COLOURS["conflict"])
    # the legend's swatch alone is under 1,000 px; each conflict card is well over 100,000
    highlighted, inked = count_colours(png, paper, ink)
    assert highlighted >= 20_000, f"only {highlighted} pixels of the conflict background {paper} on screen"
    assert inked >= 500, f"only {inked} pixels of the conflict ink colour {ink} on screen"
