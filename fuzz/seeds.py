"""The seed corpus: a few real and nasty inputs per target, written to ``fuzz/corpus/<target>/``.

``python -m fuzz.seeds`` rewrites the directory from this module; ``tests/test_fuzz_targets.py``
checks that the committed files match and that each target accepts every seed. libFuzzer then
grows its own corpus from these (in the work directory, never here).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from fuzz.targets import HINTS, PUBLISHED
from numclaims.sample import sample_records

CORPUS = Path(__file__).resolve().parent / "corpus"

#: extract inputs: two option bytes (publication date, currency hint / base), then the text.
PLAIN = b"\x01\x00"  # published 2019-04-25, no hint, USD

EXTRACT_TEXTS = [
    "earning more than US$500 million (S$681 million) a year",
    "North Korea has sent tens of thousands of its citizens abroad",
    "a 17km border and US$6 trillion (RM24.78 trillion)",
    "temperatures of -18°C to -34°C, about 5-10km away, 6 feet 2 inches tall",
    "between $5 and $10 million; Rs 500 crore; NT$3 billion; LKR 40bn; €20m; £2.5bn; ¥1,000",
    "more than 56 percent, about 1.5 per cent, up 25 basis points, a 0.25 percentage point cut",
    "On Thursday (April 25), 2019-04-27, the 1990s, 2018-2019, in 2011, 25 April",
    "half a million, a dozen, one in five, a third of the, two-thirds of voters, nearly 60 years",
    "See https://scmp.com/article/3007410/x\n**1. Lifeline** at 10:30, call +65 6123 4567 [1]",
    "300 sq km, 60 mph, 1,200MW, 100,000 tonnes of oil equivalent, 98.6°F, 5 m or 5m",
    "G7 Covid-19 MH17 24/7 1.2.3 v1.2 #1 4G 3D six-party talks",
    "(" * 200 + "US$5 million (S$6.8 million)" + ")" * 200,
    "$" * 2000,
    "9" * 400 + " thousand tonnes",
    "1e999 and -1e999 km and 1E-999",
    "\x00\x01\x0b\x1f 5\u00a0km \u202f10 000 \u2212 5 \ufeff US$ 5 \u2028",
    "article/792 5 LKR 40bn2",  # found by this fuzzer: "5 LKR" and "LKR 40bn" overlapped
    "a dozen, one in  -34°C, about 5-10km",  # found by this fuzzer: KeyError('-34')
    "on ThurMay 25) Putin",  # found by a seeded run of the sample reports: KeyError('thur')
]


def _sample_chunks(limit: int = 1500) -> Iterator[str]:
    """The bundled sample reports, cut at paragraph ends into pieces of about ``limit`` chars."""
    folder = files("numclaims").joinpath("data", "sample", "kim-putin-2019")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".txt")):
        chunk = ""
        for paragraph in folder.joinpath(name).read_text("utf-8").split("\n\n"):
            if chunk and len(chunk) + len(paragraph) > limit:
                yield chunk
                chunk = ""
            chunk += paragraph + "\n\n"
        if chunk:
            yield chunk


def _options(record: dict[str, Any]) -> tuple[int, int]:
    """The option nibbles that give a sample report its own publication date and hint."""
    return PUBLISHED.index(record["published"]), HINTS.index(record["outlet_country"])


def extract_seeds() -> list[bytes]:
    seeds = [PLAIN + text.encode("utf-8") for text in EXTRACT_TEXTS]
    seeds += [bytes([i % 6, 0x21]) + chunk.encode("utf-8") for i, chunk in enumerate(_sample_chunks())]
    # each whole report with its own date and outlet: what the word-level mutator works on
    seeds += [bytes(_options(r)) + r["text"].encode("utf-8") for r in sample_records()]
    seeds.append(b"\x80\x00" + b"2019-04-25\x00SG\x00EUR")  # the options themselves, fuzzed
    seeds.append(b"\x80\x00" + b"not a date\x00ZZ\x00usd")
    seeds.append(b"\x80\x00" + b"0001-01-01\x00\x00EUR")  # issue 15: OverflowError in fx
    seeds.append(PLAIN + b"invalid \xff\xfe UTF-8 \xed\xa0\x80 5 km")
    return seeds


#: check inputs: byte 0 the two publication dates (low, high half), byte 1 the two currency
#: hints; then the two texts, NUL between them.
def check_seeds() -> list[bytes]:
    records = sample_records()
    seeds = []
    # two reports of the story, each with its own date and outlet, in turn
    for a, b in zip(records, records[1:] + records[:1]):
        (pa, ha), (pb, hb) = _options(a), _options(b)
        seeds.append(bytes([pa | pb << 4, ha | hb << 4]) + f"{a['text']}\x00{b['text']}".encode("utf-8"))
    chunks = list(_sample_chunks())
    seeds += [b"\x11\x21" + f"{x}\x00{y}".encode("utf-8") for x, y in zip(chunks[::2], chunks[1::2])]
    seeds += [
        PLAIN + "Russia shares a 17km border.\x00Russia shares a 27km border.".encode("utf-8"),
        PLAIN + "on Thursday (May 25), US$5 million (S$6.8 million)\x00on ThurMay 25)".encode("utf-8"),
        b"\x77\x00" + "On Thursday (January 4), S$5 million\x00TWD 5m on December 31".encode("utf-8"),
        PLAIN + b"\x00",
    ]
    return seeds


#: request inputs: byte 0 picks the route (0 extract, 1 check, 2 story document; +16 asks for
#: HTML), byte 1 the Content-Type (0 application/json); the rest is the body.
def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def request_seeds() -> list[bytes]:
    article = next(_sample_chunks())
    doc = {"id": "a-1", "text": "Exports rose 5% to $1.2 billion (€1.1 billion).",
           "published": "2019-04-25", "source": "wire", "currency_hint": "SG"}
    return [
        b"\x00\x00" + _json({"text": article, "published": "2019-04-25", "base_currency": "EUR",
                             "currency_hint": "SG"}),
        b"\x00\x00" + _json({"text": "US$500 million (S$681 million)"}),
        b"\x00\x01" + b"\xef\xbb\xbf" + _json({"text": "17km"}),  # a UTF-8 byte order mark
        b"\x01\x00" + _json({"documents": [doc, {"id": "b", "text": "Exports rose 6% to $1.3 billion."}],
                             "base_currency": "SGD", "tolerance": 0.05}),
        b"\x11\x00" + _json({"documents": [doc]}),  # HTML rendering
        b"\x02\x00" + _json({**doc, "base_currency": "USD"}),
        b"\x00\x00" + b'{"text": NaN}',
        b"\x00\x00" + b'{"text": "5 km", "text": 1e999}',
        b"\x00\x00" + b"[" * 5000 + b"]" * 5000,
        b"\x00\x00" + b'{"text": "' + b"9" * 5000 + b'"}',
        b"\x00\x00" + b'{"text": 5}',
        b"\x00\x00" + b'{"txt": "5 km"}',
        b"\x00\x00" + b'{"text": "5 km", "published": "2019-02-30"}',
        b"\x01\x00" + _json({"documents": [{"id": "../x", "text": "5%"}]}),
        b"\x01\x00" + _json({"documents": [{"id": "a", "text": "5%"}, {"id": "a", "text": "6%"}]}),
        b"\x00\x03" + _json({"text": "5 km"}),  # latin-1 declared
        b"\x00\x05",  # no Content-Type, empty body
        b"\x00\x00" + b'{"text": "\\ud800 unpaired"}',
        # found by this fuzzer: a lone surrogate in a key made the 400 a 500
        b"\x11\x00" + b'{"documents": [{"id": "a", "text": "5%", "currenc\\ud800": "SG"}]}',
    ]


SEEDS = {"extract": extract_seeds, "check": check_seeds, "request": request_seeds}


def seed_files(target: str) -> dict[str, bytes]:
    """File name (content hash, as libFuzzer names its own) -> content."""
    return {hashlib.sha1(seed).hexdigest(): seed for seed in SEEDS[target]()}


def main() -> None:
    for target in SEEDS:
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        written = seed_files(target)
        for name, content in written.items():
            (folder / name).write_bytes(content)
        print(f"{folder}: {len(written)} seeds")


if __name__ == "__main__":
    main()
