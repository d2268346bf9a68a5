"""Concentration of an amount over a book (the 80/20 view), in memory that does not grow with the book.

Amounts are counted in logarithmic buckets 1% wide, each with its exact count
and sum: the Pareto curve (share of customers, biggest first, against the
share of the amount they hold) is exact at every bucket edge and within 1%
between edges.  A book of a million customers with amounts from 1 to 10^9
needs about 2,100 buckets.  Zeros are counted apart; negative amounts and
values that are not finite numbers are counted and left out.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["PARETO_MARKS", "Concentration", "Amounts"]

#: Shares of customers at which the concentration table reads the share of the amount.
PARETO_MARKS = (0.01, 0.05, 0.1, 0.2, 0.5)
#: Width of a bucket: amounts within 1% of each other share one.
_BUCKET = math.log(1.01)
#: Points of the Pareto curve kept for the chart (the marks are computed from every bucket).
_CURVE_POINTS = 200


@dataclass(frozen=True)
class Concentration:
    """How much of an amount the biggest customers hold (records scored, eligible or not)."""

    field: str
    counted: int  # records with a number >= 0
    missing: int  # null, not a number, or not finite
    negative: int  # left out of the curve
    total: float
    curve: tuple[tuple[float, float], ...]  # (share of customers, share of amount), from (0, 0) to (1, 1)
    marks: tuple[tuple[float, float], ...]  # PARETO_MARKS with the share of the amount they hold
    customers_for_80: float | None  # the share of customers, biggest first, holding 80% of the amount
    by_tier: tuple[tuple[str, int, float, float], ...]  # (tier or (ineligible), records, amount, share of amount)


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


@dataclass
class Amounts:
    """Amounts counted in logarithmic buckets: index -> [count, sum]; zeros on their own."""

    field: str
    buckets: dict[int, list[float]] = dataclasses.field(default_factory=dict)
    zeros: int = 0
    missing: int = 0
    negative: int = 0
    by_tier: dict[str, list[float]] = dataclasses.field(default_factory=dict)

    def add(self, value: Any, label: str) -> None:
        amount = _amount(value)
        if amount is None:
            self.missing += 1
            return
        if amount < 0:
            self.negative += 1
            return
        slot = self.by_tier.setdefault(label, [0, 0.0])
        slot[0] += 1
        slot[1] += amount
        if amount == 0:
            self.zeros += 1
            return
        bucket = self.buckets.setdefault(math.floor(math.log(amount) / _BUCKET), [0, 0.0])
        bucket[0] += 1
        bucket[1] += amount

    def concentration(self, labels: Iterable[str]) -> Concentration:
        counted = self.zeros + int(sum(b[0] for b in self.buckets.values()))
        total = math.fsum(b[1] for b in self.buckets.values())
        steps = [(0.0, 0.0)]
        if counted and total > 0:
            seen, held = 0.0, 0.0
            for index in sorted(self.buckets, reverse=True):
                count, amount = self.buckets[index]
                seen += count
                held += amount
                steps.append((seen / counted, held / total))
            if self.zeros:
                steps.append((1.0, 1.0))
        marks = tuple((mark, _share_at(steps, mark)) for mark in PARETO_MARKS) if total > 0 else ()
        stride = max(1, math.ceil(len(steps) / _CURVE_POINTS))
        curve = steps[::stride] + ([steps[-1]] if (len(steps) - 1) % stride else [])
        by_tier = tuple(
            (label, int(self.by_tier[label][0]), self.by_tier[label][1], self.by_tier[label][1] / total if total > 0 else 0.0)
            for label in labels
            if label in self.by_tier
        )
        return Concentration(
            field=self.field,
            counted=counted,
            missing=self.missing,
            negative=self.negative,
            total=total,
            curve=tuple(curve),
            marks=marks,
            customers_for_80=_customers_for(steps, 0.8) if total > 0 else None,
            by_tier=by_tier,
        )


def _share_at(steps: list[tuple[float, float]], customers: float) -> float:
    """The share of the amount held by the first ``customers`` share of customers (linear within a bucket)."""
    for (x0, y0), (x1, y1) in zip(steps, steps[1:]):
        if x1 >= customers:
            return y0 + (y1 - y0) * (customers - x0) / (x1 - x0) if x1 > x0 else y1
    return steps[-1][1]


def _customers_for(steps: list[tuple[float, float]], amount: float) -> float:
    """The smallest share of customers, biggest first, that holds ``amount`` of the total (linear within a bucket)."""
    for (x0, y0), (x1, y1) in zip(steps, steps[1:]):
        if y1 >= amount:
            return x0 + (x1 - x0) * (amount - y0) / (y1 - y0) if y1 > y0 else x1
    return steps[-1][0]
