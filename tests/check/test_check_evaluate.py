"""Grouping precision and recall against the development corpus's gold groups."""

from __future__ import annotations

import pytest

from numclaims.checking.evaluate import grouping_score
from tests.conftest import GOLD


def test_grouping_score(gold: dict, capsys: pytest.CaptureFixture[str]) -> None:
    score = grouping_score(GOLD)
    assert "grouping precision" in capsys.readouterr().out
    assert score["recall"] >= 0.9 and score["precision"] >= 0.9
    assert all(g["found_together"] for g in score["groups"])
