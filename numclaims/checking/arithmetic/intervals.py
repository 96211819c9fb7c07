"""Interval arithmetic: each figure is the interval its wording allows, and a relation holds
when what its terms imply meets what is stated."""

from __future__ import annotations

import math


Interval = tuple[float, float]


def _size(x: float) -> int:
    return math.floor(math.log10(abs(x))) if x and math.isfinite(x) else -1000


def _add(a: Interval, b: Interval, sign: float = 1.0) -> Interval:
    if sign > 0:
        return a[0] + b[0], a[1] + b[1]
    return a[0] - b[1], a[1] - b[0]


def _mul(a: Interval, b: Interval) -> Interval:
    products = [x * y for x in a for y in b]
    return min(products), max(products)


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        return -math.inf, math.inf
    quotients = [x / y for x in a for y in b]
    return min(quotients), max(quotients)


def _overlap(a: Interval, b: Interval) -> bool:
    # a hair of relative slack: bounds worked out in floating point
    slack = 1e-9 * max(abs(x) for x in (*a, *b) if math.isfinite(x)) if any(
        math.isfinite(x) for x in (*a, *b)) else 0.0
    return max(a[0], b[0]) <= min(a[1], b[1]) + slack
