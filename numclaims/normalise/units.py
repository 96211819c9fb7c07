"""One pint registry for the process, and conversion of measures to canonical units.

Money never reaches pint: pint reads "$5" as a dimensionless 5.

>>> to_canonical(17, "kilometer")
(17000.0, 'meter')
>>> to_canonical(1.5, "percent")
(0.015, 'fraction')
"""

from __future__ import annotations

import functools
import threading
from importlib import resources

import pint

# The canonical unit for each kind of measure: SI base units, a fraction for ratios.
CANONICAL = {
    "length": "meter",
    "mass": "kilogram",
    "area": "square_meter",
    "volume": "cubic_meter",
    "speed": "meter_per_second",
    "energy": "joule",
    "power": "watt",
    "temperature": "kelvin",
    "duration": "second",
    "ratio": "fraction",
    "storage": "byte",
    "frequency": "hertz",
    "pressure": "pascal",
    "torque": "newton_meter",
    "angle": "radian",
    "loudness": "decibel_SPL",
    "charge": "coulomb",
    "magnitude": "earthquake_magnitude",
    "fuel_economy": "kilometer_per_liter",
    "points": "score_point",
}
_PINT_CANONICAL = {"square_meter": "meter**2", "cubic_meter": "meter**3", "meter_per_second": "meter/second"}
_lock = threading.Lock()


@functools.cache
def registry() -> pint.UnitRegistry:
    """The shared registry: pint's defaults plus ``numclaims/data/units_extra.txt``."""
    with _lock:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
        extra = resources.files("numclaims.data").joinpath("units_extra.txt").read_text("utf-8")
        ureg.load_definitions(extra.splitlines())
        return ureg


@functools.cache
def _linear_factor(unit: str, canonical: str) -> float | None:
    """Factor from ``unit`` to ``canonical``, or None for offset units (temperatures)."""
    ureg = registry()
    if unit.startswith("degree_"):  # offset scales: converted through pint itself
        return None
    target = _PINT_CANONICAL.get(canonical, canonical)
    if canonical == "fraction":
        target = "dimensionless"
    return float(ureg.Quantity(1.0, unit).to(target).magnitude)


@functools.cache
def _base_units(unit: str) -> str:
    """The base units of ``unit`` as pint writes them ("kilogram * meter ** 2 / second ** 2").

    Base units, not dimensionality: pint counts bits and radians as dimensionless, so only their
    base units tell a gigabyte and a degree of arc from a per-cent figure, and a newton metre
    of torque (defined per radian in units_extra.txt) from a joule.
    """
    return str(registry().Quantity(1.0, unit).to_base_units().units)


@functools.cache
def kind_of(unit: str) -> str:
    """The numclaims kind of a pint unit name ("mile" -> "length").

    >>> [kind_of(u) for u in ("gigabyte", "degree", "percent", "pound_force_foot")]
    ['storage', 'angle', 'ratio', 'torque']
    """
    base = _base_units(unit)
    for kind, canonical in CANONICAL.items():
        target = "dimensionless" if canonical == "fraction" else _PINT_CANONICAL.get(canonical, canonical)
        if _base_units(target) == base:
            return kind
    raise ValueError(f"unit {unit!r} has no numclaims kind")


def to_canonical(value: float, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` expressed in the canonical unit of its kind."""
    kind = kind_of(unit)
    canonical = CANONICAL[kind]
    factor = _linear_factor(unit, canonical)
    if factor is not None:
        return value * factor, canonical
    quantity = registry().Quantity(value, unit).to(canonical)
    return float(quantity.magnitude), canonical


def convert(value: float, unit: str, to: str) -> float:
    """``value`` from one unit to another of the same kind ("mile" to "kilometer")."""
    if unit == to:
        return value
    canonical_value, canonical = to_canonical(value, unit)
    factor = _linear_factor(to, canonical)
    if factor is not None:
        return canonical_value / factor
    return float(registry().Quantity(value, unit).to(to).magnitude)


def scale_width(width: float, unit: str) -> float:
    """A width (precision, spread) in ``unit`` expressed in the canonical unit: no offset."""
    kind = kind_of(unit)
    factor = _linear_factor(unit, CANONICAL[kind])
    if factor is None:  # temperature: a degree Fahrenheit is 5/9 of a kelvin wide
        ureg = registry()
        delta = ureg.Quantity(1.0, "delta_" + unit if unit.startswith("degree_") else unit)
        factor = float(delta.to("kelvin").magnitude)
    return width * factor
