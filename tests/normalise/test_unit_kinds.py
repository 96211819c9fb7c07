"""The kinds that pint's dimensionality alone cannot tell apart (bytes, degrees of arc and per-cent
figures are all dimensionless to pint; torque has the dimension of energy) get their own
canonical units, and the news conventions in units_extra.txt convert as reporters mean them."""

from __future__ import annotations

import math

import pytest

from numclaims.model import KINDS
from numclaims.normalise.units import CANONICAL, kind_of, scale_width, to_canonical

CASES = [  # (unit, kind, value, canonical value, canonical unit)
    ("gigabyte", "storage", 512, 5.12e11, "byte"),
    ("terabyte", "storage", 2, 2e12, "byte"),
    ("gigahertz", "frequency", 3.2, 3.2e9, "hertz"),
    ("revolution_per_minute", "frequency", 6000, 100, "hertz"),  # cycles, not 2*pi radians
    ("gigapascal", "pressure", 70, 7e10, "pascal"),
    ("psi", "pressure", 1, 6894.7572931683635, "pascal"),
    ("newton_meter", "torque", 400, 400, "newton_meter"),
    ("pound_force_foot", "torque", 1, 1.3558179483314001, "newton_meter"),
    ("degree", "angle", 180, math.pi, "radian"),
    ("decibel_SPL", "loudness", 85, 85, "decibel_SPL"),
    ("milliampere_hour", "charge", 5000, 18000, "coulomb"),
    ("earthquake_magnitude", "magnitude", 7.9, 7.9, "earthquake_magnitude"),
    ("brake_horsepower", "power", 1, 745.6998715822701, "watt"),
    ("metric_horsepower", "power", 1, 735.49875, "watt"),
    ("million_BTU", "energy", 1, 1.055056e9, "joule"),
    ("megaton_TNT", "energy", 1, 4.184e15, "joule"),
    ("megatonne", "mass", 40, 4e10, "kilogram"),
    ("carat", "mass", 10, 0.002, "kilogram"),
    ("karat", "ratio", 18, 0.75, "fraction"),
    ("micrometer", "length", 20, 2e-5, "meter"),
    ("percent", "ratio", 50, 0.5, "fraction"),
    ("degree_Celsius", "temperature", 35, 308.15, "kelvin"),
]


@pytest.mark.parametrize(("unit", "kind", "value", "canonical", "canonical_unit"), CASES, ids=lambda x: str(x))
def test_kind_and_canonical(unit: str, kind: str, value: float, canonical: float, canonical_unit: str) -> None:
    assert kind_of(unit) == kind
    got, got_unit = to_canonical(float(value), unit)
    assert got_unit == canonical_unit and math.isclose(got, canonical, rel_tol=1e-9)


def test_every_measure_kind_is_a_model_kind() -> None:
    assert set(CANONICAL) <= set(KINDS)


def test_an_angle_is_not_an_offset_scale() -> None:
    """"degree" is an angle: its width converts linearly, unlike a degree Celsius."""
    assert math.isclose(scale_width(0.5, "degree"), math.pi / 360)
