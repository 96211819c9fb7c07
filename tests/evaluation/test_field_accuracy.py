"""Per-field accuracy of the development cases (``numclaims evaluate --cases``): each field an
expectation states is counted on the mention found with its text, frame fields included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from numclaims.evaluation.cases import field_accuracy


def _cases(tmp_path: Path) -> Path:
    path = tmp_path / "frames.json"
    path.write_text(json.dumps({"match": [
        {"text": "Brent fell 1.4% to $71.20 a barrel", "expect": [
            {"text": "1.4%", "kind": "ratio", "direction": "down", "change": "delta"},
            {"text": "$71.20", "kind": "money", "direction": "down", "change": "level", "per": "barrel"}]},
        # a wrong expectation on purpose: the rate is per barrel, not per tonne
        {"text": "Oil cost $70 a barrel", "expect": [{"text": "$70", "kind": "money", "per": "tonne"}]},
        # not found with this kind: not counted
        {"text": "Turnout was 64%", "expect": [{"text": "64%", "kind": "money", "value": 64}]},
    ]}), encoding="utf-8")
    return path


def test_each_stated_field_is_counted_on_the_mention_found(tmp_path: Path) -> None:
    accuracy = field_accuracy(_cases(tmp_path))
    assert accuracy == {"direction": (2, 2), "change": (2, 2), "per": (1, 2)}


def test_the_cli_prints_the_fields_and_writes_them_in_json(tmp_path: Path) -> None:
    path = _cases(tmp_path)
    run = [sys.executable, "-m", "numclaims.cli", "evaluate", "--cases", str(path)]
    text = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "Fields of the development cases" in text and "per" in text and "50.0%" in text
    report = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert report["fields"]["per"] == {"right": 1, "stated": 2}
