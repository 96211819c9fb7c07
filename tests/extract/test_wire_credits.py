"""How a bare currency sign is read: currency_hint, else a dateline's wire credit, else the
outlet's country (numclaims.extraction.money.sign_reading), through every path that reads one.

The texts are written for these tests in the shape of real wire copy republished abroad: AP
copy from Seattle on a Canadian finance site, Reuters copy from Tokyo on an Indian site, Canadian
Press copy on a British one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from numclaims import check, extract
from numclaims.batch.records import extract_document, record_problem
from numclaims.errors import UnknownCurrencyError
from numclaims.extraction.money import sign_reading, wire_credit

AP_SEATTLE = ("SEATTLE (AP) - Striking machinists were offered a $7,000 ratification bonus and "
              "a 35% raise over four years.")
CP_TORONTO = "TORONTO (The Canadian Press) - The province will spend $2.5 billion on transit."


def _dollars(mentions: list) -> list[str]:
    return [m.unit for m in mentions if m.kind == "money"]


@pytest.mark.parametrize("text, expected", [
    (AP_SEATTLE, ("AP", "US")),
    ("TOKYO (Reuters) - Japan's Nikkei share average rose 2.2%", ("Reuters", "US")),
    ("Oct. 23 (UPI) -- Boeing reported a loss of $6.17 billion", ("UPI", "US")),
    ("SIESTA KEY, United States (AFP) \u2013 Officials said", ("AFP", "US")),
    ("Boeing offer\nBy a staff writer\nSEATTLE (AP) \u2014 Workers voted", ("AP", "US")),
    (CP_TORONTO, ("The Canadian Press", "CA")),
    ("SYDNEY (AAP) - The dollar bought 65 US cents", ("AAP", "AU")),
    ("NEW DELHI (PTI): The cost was Rs 400 crore", ("PTI", "IN")),
], ids=["AP", "Reuters", "UPI double dash", "AFP en dash", "after a headline", "CP", "AAP", "PTI colon"])
def test_a_dateline_credit_names_its_agency(text: str, expected: tuple[str, str]) -> None:
    assert wire_credit(text) == expected


@pytest.mark.parametrize("text", [
    "Boeing offered $7,000, AP reported on Tuesday.",  # a source named in the story is no dateline
    "Shares of AP (Asia Pacific) rose",  # brackets without a dash after them
    "(ap) - lower-case is no agency's credit",
    "x" * 400 + " SEATTLE (AP) - too far in to be a dateline",
], ids=["named in a sentence", "no dash", "lower case", "past the dateline"])
def test_no_credit(text: str) -> None:
    assert wire_credit(text) is None


def test_the_credit_outranks_the_outlet_country_and_loses_to_a_hint() -> None:
    assert _dollars(extract(AP_SEATTLE, outlet_country="CA")) == ["USD"]
    assert _dollars(extract(AP_SEATTLE, currency_hint="CA")) == ["CAD"]
    assert _dollars(extract(AP_SEATTLE.replace("SEATTLE (AP) - ", ""), outlet_country="CA")) == ["CAD"]
    assert _dollars(extract(CP_TORONTO, outlet_country="GB")) == ["CAD"]


def test_a_credit_settles_the_sign_so_no_guess_is_noted() -> None:
    (money,) = [m for m in extract(AP_SEATTLE) if m.kind == "money"]
    assert money.unit == "USD" and money.ambiguities == ()
    (guessed,) = [m for m in extract("They were offered a $7,000 bonus.") if m.kind == "money"]
    assert guessed.unit == "USD" and any("read as USD" in a for a in guessed.ambiguities)


def test_sign_reading_order() -> None:
    assert sign_reading(AP_SEATTLE, "SG", "CA") == "SG"
    assert sign_reading(AP_SEATTLE, None, "CA") == "US"
    assert sign_reading("$5", None, "CA") == "CA"
    assert sign_reading("$5", None, None) is None


def test_an_unknown_outlet_country_is_named_as_such() -> None:
    with pytest.raises(UnknownCurrencyError) as err:
        extract("$5", outlet_country="ZZ")
    assert err.value.field == "outlet_country" and "outlet_country 'ZZ'" in err.value.message


def test_check_reads_wire_copy_on_a_foreign_outlet_as_its_agency_does() -> None:
    docs = [{"id": "ca-site", "text": AP_SEATTLE, "published": "2024-10-23", "outlet_country": "CA"},
            {"id": "us-site", "text": "Machinists were offered a $7,000 bonus and a 35% raise.",
             "published": "2024-10-23", "outlet_country": "US"}]
    report = check(docs)
    bonus = [g for g in report.groups if any(c.text == "$7,000" for c in g.claims)]
    assert bonus and {c.doc for c in bonus[0].claims} == {"ca-site", "us-site"}
    assert bonus[0].verdict == "consistent"


def test_batch_records_keep_the_country_apart_from_the_hint() -> None:
    _, _, mentions = extract_document({"id": "a", "text": AP_SEATTLE, "outlet_country": "CA"})
    assert _dollars(mentions) == ["USD"]
    _, _, mentions = extract_document({"id": "a", "text": AP_SEATTLE, "outlet_country": "CA",
                                       "currency_hint": "CAD"})
    assert _dollars(mentions) == ["CAD"]
    problem = record_problem({"id": "a", "text": "$5", "outlet_country": "Canada"})
    assert problem is not None and problem.field == "outlet_country"


def test_cli_manifest_reads_the_credit(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AP_SEATTLE, "utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps([{"id": "a", "file": "a.txt", "published": "2024-10-23",
                                     "outlet_country": "CA"}]), "utf-8")
    run = subprocess.run([sys.executable, "-m", "numclaims.cli", "check", "--manifest", str(manifest),
                          "--format", "json"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    units = {c.get("unit") for item in report["groups"] for c in item["claims"] if c["text"] == "$7,000"}
    assert units == {"USD"}


def test_an_explanation_says_how_a_bare_sign_was_read_when_not_by_default() -> None:
    docs = [{"id": "globe", "text": "Ottawa will spend $5 billion on housing.", "published": "2024-04-02",
             "outlet_country": "CA"},
            {"id": "star", "text": "The government will spend $5 billion on housing.", "published": "2024-04-02",
             "outlet_country": "CA"},
            {"id": "wire", "text": "OTTAWA (AP) - Canada will spend $5 billion on housing.",
             "published": "2024-04-02", "outlet_country": "CA"}]
    (group,) = [g for g in check(docs).groups if any(c.text == "$5 billion" for c in g.claims)]
    assert '"$5 billion" (globe, star: $ read as CAD)' in group.explanation
    assert '"$5 billion" (wire)' in group.explanation  # read as USD, the sign's default: nothing to say


@pytest.mark.parametrize("text, country, unit", [
    ("PARIS (AFP) - Temperatures reached 40 degrees on Tuesday.", "GB", "degree_Celsius"),
    ("PARIS (AFP) - Temperatures reached 40 degrees on Tuesday.", "US", "degree_Fahrenheit"),
    ("SEATTLE (AP) - It hit 100 degrees on Tuesday.", "CA", "degree_Fahrenheit"),
    ("It hit 30 degrees on Tuesday.", "CA", "degree_Celsius"),
], ids=["AFP in Britain", "AFP in the US", "AP in Canada", "no credit"])
def test_bare_degrees_follow_the_agency_only_where_it_has_a_house_scale(text: str, country: str, unit: str) -> None:
    # AFP and Reuters write their scale out, so a bare "degrees" is the outlet's; AP's is Fahrenheit
    (degrees,) = [m for m in extract(text, outlet_country=country) if m.kind == "temperature"]
    assert degrees.unit == unit


def test_a_source_line_near_the_top_credits_the_agency() -> None:
    # alaska-hawaiian-2023: FBC News (Fiji) runs Reuters copy under "[Source: Reuters]"
    text = ("Hawaiian Airlines parent surges on $1.9 bln buyout deal\n\n[Source: Reuters]\n\n"
            "Alaska Air Group agreed to buy it for $1.9 billion, including debt.")
    assert wire_credit(text) == ("Reuters", "US")
    assert _dollars(extract(text, published="2023-12-05", outlet_country="FJ")) == ["USD", "USD"]
    # a source named in a sentence credits nobody: the outlet's country reads the sign
    prose = "The source: Reuters said Alaska Air Group agreed to pay $1.9 billion."
    assert wire_credit(prose) is None
