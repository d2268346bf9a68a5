"""Who changes tier between two versions of a policy, and why: the detail a diff page shows beside the summary.

:class:`MigrationCollector` is handed both results of every record during
:func:`policyscore.review.diff.compare`'s one pass (its ``observe``
argument).  It keeps the score distribution of each side (a count of each
distinct score) and, for each migration (old tier -> new tier, with
``(ineligible)`` as a tier), how many customers made it and the ``limit``
who moved the most, each with every factor and adjustment whose points changed
(:func:`policyscore.review.changes.point_changes`).  Memory is bounded by the number
of migrations times ``limit``, never by the book.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from policyscore.batch import Ranking
from policyscore.engine.result import Result
from policyscore.policy import Policy
from policyscore.policyfile.ids import id_order
from policyscore.review.changes import PointChange, point_changes
from policyscore.review.diff import INELIGIBLE, NO_TIER, Distribution
from policyscore.review.report import Bin, histogram

__all__ = ["TierChange", "Migration", "MigrationDetail", "MigrationCollector"]


@dataclass(frozen=True)
class TierChange:
    """One customer whose tier (or eligibility) changed."""

    id: Any
    old_tier: str
    new_tier: str
    old_score: float | int | None  # None: ineligible
    new_score: float | int | None
    delta: float | int | None  # None when either side is ineligible
    points: tuple[PointChange, ...]  # every factor and adjustment whose points changed, the biggest change first
    failed_filters: tuple[str, ...]  # on the side where the customer is ineligible


@dataclass(frozen=True)
class Migration:
    old_tier: str
    new_tier: str
    count: int
    shown: tuple[TierChange, ...]  # the ``limit`` that moved the most (by score change, then id)


@dataclass(frozen=True)
class MigrationDetail:
    migrations: tuple[Migration, ...]  # in the order of the migration matrix
    before: tuple[Bin, ...]  # score histograms over one common range
    after: tuple[Bin, ...]
    limit: int


def _label(result: Result) -> str:
    if not result.eligible:
        return INELIGIBLE
    return result.tier if result.tier is not None else NO_TIER


def _dec(value: float | int | None) -> Decimal:
    return Decimal(repr(value or 0))


def _number(x: Decimal) -> float | int:
    return int(x) if x == x.to_integral_value() else float(x)


def _order_key(delta: Decimal | None, rid: Any) -> tuple[Any, ...]:
    return (-abs(delta) if delta is not None else Decimal(0), id_order(rid))


class MigrationCollector:
    """Call it with ``(old_result, new_result)`` for every record; then :meth:`detail`."""

    def __init__(self, old: Policy, new: Policy, *, limit: int = 100):
        self.old, self.new, self.limit = old, new, limit
        self.before, self.after = Distribution(), Distribution()
        self.counts: Counter[tuple[str, str]] = Counter()
        self.kept: dict[tuple[str, str], Ranking[tuple[Result, Result]]] = {}

    def __call__(self, a: Result, b: Result) -> None:
        if a.eligible:
            self.before.add(a.score)  # type: ignore[arg-type]
        if b.eligible:
            self.after.add(b.score)  # type: ignore[arg-type]
        key = (_label(a), _label(b))
        if key[0] == key[1]:
            return
        self.counts[key] += 1
        if self.limit <= 0:
            return
        delta = _dec(b.score) - _dec(a.score) if a.eligible and b.eligible else None
        group = self.kept.get(key)
        if group is None:
            group = self.kept[key] = Ranking(self.limit)
        group.add(_order_key(delta, b.id), (a, b))

    def detail(self, rows: tuple[str, ...], columns: tuple[str, ...]) -> MigrationDetail:
        """The migrations in matrix order (``rows`` x ``columns`` of the diff), with the score histograms."""
        migrations = []
        for old_tier in rows:
            for new_tier in columns:
                count = self.counts.get((old_tier, new_tier), 0)
                if not count:
                    continue
                group = self.kept.get((old_tier, new_tier))
                shown = tuple(_change(a, b) for a, b in group.values()) if group is not None else ()
                migrations.append(Migration(old_tier, new_tier, count, shown))
        old, new = self.old.program, self.new.program
        lows = [x for x in (old.score_min, new.score_min) if x is not None]
        highs = [x for x in (old.score_max, new.score_max) if x is not None]
        low, high = (min(lows) if lows else None), (max(highs) if highs else None)
        merged = self.before.counts + self.after.counts
        if merged:  # one common range, so the two histograms share their bars
            low = float(min(merged)) if low is None else min(low, float(min(merged)))
            high = float(max(merged)) if high is None else max(high, float(max(merged)))
        return MigrationDetail(
            tuple(migrations), histogram(self.before.counts, low, high), histogram(self.after.counts, low, high), self.limit
        )


def _change(a: Result, b: Result) -> TierChange:
    failed = tuple(dict.fromkeys([*(a.failed_filters if not a.eligible else ()), *(b.failed_filters if not b.eligible else ())]))
    both = a.eligible and b.eligible
    return TierChange(
        id=b.id,
        old_tier=_label(a),
        new_tier=_label(b),
        old_score=a.score,
        new_score=b.score,
        delta=_number(_dec(b.score) - _dec(a.score)) if both else None,
        points=point_changes(a, b) if both else (),
        failed_filters=failed,
    )
