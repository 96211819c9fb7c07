"""A floor of one report against a higher ceiling of another ("above 1,700 degrees", "up to 1,800
degrees"): both can hold, but the outlets state different figures for the fact, so the group is
flagged divergent, not consistent (parker-solar-probe-2024's heat-shield temperature); so is an
approximate figure that another report's bound excludes ("approximately 104,000", "nearly
100,000": valencia-floods-2024's power cut)."""

from __future__ import annotations

from numclaims import check


def _verdicts(*texts: str, published: str = "2024-12-27") -> list[tuple[str, list[str], str]]:
    docs = [{"id": chr(ord("a") + n), "text": t, "published": published} for n, t in enumerate(texts)]
    return [(g.verdict, sorted(f"{c.doc}:{c.text}" for c in g.claims), g.explanation)
            for g in check(docs).groups if g.verdict != "single_source"]


def _kiln(first: str, second: str) -> list[tuple[str, list[str], str]]:
    return _verdicts(f"The new kiln at the Leeds plant reaches {first} when it fires the glaze, the"
                     " maker said.",
                     f"When it fires the glaze, the kiln at the plant in Leeds reaches {second},"
                     " according to its maker.")


def test_a_floor_below_another_reports_ceiling_is_divergent() -> None:
    found = _kiln("up to 1,800 degrees Fahrenheit", "above 1,700 degrees Fahrenheit")
    groups = [(v, m, e) for v, m, e in found if "a:up to 1,800 degrees Fahrenheit" in m]
    assert groups, found
    verdict, members, explanation = groups[0]
    assert "b:above 1,700 degrees Fahrenheit" in members, found
    assert verdict == "divergent", found
    assert "a floor" in explanation and "a ceiling" in explanation, explanation


def test_two_ceilings_or_one_figure_still_agree() -> None:
    # two ceilings of one figure, and a ceiling met by a figure inside it, are no two figures
    for first, second in (("up to 1,800 degrees Fahrenheit", "up to 1,800 degrees Fahrenheit"),
                          ("up to 1,800 degrees Fahrenheit", "1,800 degrees Fahrenheit")):
        found = _kiln(first, second)
        assert any(v == "consistent" and len(m) == 2 for v, m, _ in found), found


def test_a_floor_met_by_a_figure_above_it_still_agrees() -> None:
    # a floor and a figure above it are one figure, not a floor against a ceiling
    found = _kiln("above 1,700 degrees Fahrenheit", "1,750 degrees Fahrenheit")
    assert any(v == "consistent" and len(m) == 2 for v, m, _ in found), found


def _outage(first: str, second: str) -> list[tuple[str, list[str], str]]:
    return _verdicts(f"In the Leeds area {first} homes were still without electricity after the storm,"
                     " the network operator said.",
                     f"The network operator said {second} homes in the Leeds area had no electricity"
                     " after the storm.")


def test_an_approximate_figure_past_another_reports_bound_is_divergent() -> None:
    # valencia-floods-2024: "approximately 104,000" residents without power, a day later "nearly
    # 100,000": the approximation reaches the bound, but the figure stated is above it
    found = _outage("approximately 104,000", "nearly 100,000")
    groups = [(v, m, e) for v, m, e in found if "a:approximately 104,000" in m]
    assert groups and "b:nearly 100,000" in groups[0][1], found
    assert groups[0][0] == "divergent", found
    assert "excludes" in groups[0][2], groups[0][2]
    # a floor the approximate figure falls short of, likewise
    found = _outage("about 2,900", "more than 3,000")
    assert any(v == "divergent" and len(m) == 2 for v, m, _ in found), found


def test_an_approximate_figure_within_another_reports_bound_agrees() -> None:
    for first, second in (("approximately 98,000", "nearly 100,000"), ("about 3,100", "more than 3,000")):
        found = _outage(first, second)
        assert any(v == "consistent" and len(m) == 2 for v, m, _ in found), (first, second, found)
