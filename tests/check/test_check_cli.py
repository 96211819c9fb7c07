"""``numclaims check`` on the bundled sample, a gold manifest, and plain files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from numclaims.cli import main
from tests.conftest import GOLD


def test_sample_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sample", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "DIVERGENT" in out and "CONFLICT" in out and "S$681 million" in out


def test_gold_file_is_a_manifest(capsys: pytest.CaptureFixture[str], gold: dict) -> None:
    assert main(["check", "--manifest", str(GOLD)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["inline"]) == len(gold["inline_checks"])
    assert any(i["verdict"] == "divergent" for i in data["groups"])


def test_files_take_their_manifest_entry(capsys: pytest.CaptureFixture[str], gold: dict) -> None:
    files = [str(GOLD.parent / d["file"]) for d in gold["documents"][:2]]
    assert main(["check", *files, "--manifest", str(GOLD), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    docs = {c["doc"] for i in data["inline"] for c in i["claims"]}
    assert docs == {gold["documents"][0]["id"], gold["documents"][1]["id"]}


def test_html_to_file(tmp_path: Path, gold: dict) -> None:
    out = tmp_path / "report.html"
    file = GOLD.parent / gold["documents"][3]["file"]
    assert main(["check", str(file), "--format", "html", "-o", str(out)]) == 0
    assert "17 kilometer" in out.read_text("utf-8")


def test_plain_list_manifest_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Russia shares a 17km border with North Korea.", "utf-8")
    (tmp_path / "b.txt").write_text("Russia shares a 27km border with North Korea.", "utf-8")
    manifest = tmp_path / "docs.json"
    manifest.write_text(json.dumps([{"id": "A", "file": "a.txt", "published": "2019-04-24"},
                                    {"id": "B", "file": "b.txt"}]), "utf-8")
    assert main(["check", "--manifest", str(manifest)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["verdict"] for g in data["groups"]] == ["conflict"]
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert main(["check"]) == 2
    manifest.write_text(json.dumps([{"id": "A", "file": "a.txt", "published": "yesterday"}]), "utf-8")
    assert main(["check", "--manifest", str(manifest)]) == 2
    assert "published" in capsys.readouterr().err
