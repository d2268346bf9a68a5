"""Whose outcome a policy change moves, customer by customer.

:func:`point_changes` lists the factors and adjustments whose points differ
between two results of the same record; :class:`TierChanges` keeps the
customers who change tier grouped by migration (old tier -> new tier), a
bounded number of them per group with the count of the rest; and
:class:`ChangesWriter` writes one row per customer whose score or tier
changed (``diff --changes FILE``), as CSV or JSON Lines by the file's
extension, streaming, so every mover is named whatever the number of records.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from policyscore.engine.result import Result
from policyscore.errors import InputError
from policyscore.io.writers import dumps
from policyscore.language.rounding import from_units

__all__ = ["PointChange", "Moved", "point_changes", "TierChanges", "ChangesWriter", "changes_format"]


@dataclass(frozen=True)
class PointChange:
    """A factor or adjustment whose points changed: ``code`` is ``factor:<id>`` or ``adjustment:<id>``."""

    code: str
    old: float | int | None  # None: not in that policy (or the record was not eligible)
    new: float | int | None
    delta: float | int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "old": self.old, "new": self.new, "delta": self.delta}

    def text(self) -> str:
        def shown(x: float | int | None) -> str:
            return "none" if x is None else f"{x:g}"

        sign = "+" if self.delta > 0 else ""
        return f"{self.code.split(':', 1)[1]} {shown(self.old)} -> {shown(self.new)} ({sign}{self.delta:g})"


def _delta(old: float | int | None, new: float | int | None) -> float | int:
    x = Decimal(repr(new or 0)) - Decimal(repr(old or 0))
    return int(x) if x == x.to_integral_value() else float(x)


def _points(result: Result) -> Iterator[tuple[str, float | int]]:
    points = result.points
    if points is None:
        return
    yield from ((f"factor:{k}", v) for k, v in points.items())
    program = result.program
    for adj, hit in zip(program.adjustments, result.adjustment_values or ()):
        yield f"adjustment:{adj.id}", from_units(adj.units if hit is True else 0, program.decimals)


def point_changes(old: Result, new: Result) -> tuple[PointChange, ...]:
    """The factors and adjustments whose points differ, in the new policy's order (then the old policy's), largest change first."""
    before, after = dict(_points(old)), dict(_points(new))
    out = []
    for code in dict.fromkeys([*after, *before]):
        o, n = before.get(code), after.get(code)
        delta = _delta(o, n)
        if delta:
            out.append(PointChange(code, o, n, delta))
    return tuple(sorted(out, key=lambda c: -abs(c.delta)))


@dataclass(frozen=True)
class Moved:
    """One customer who changed tier (or eligibility)."""

    id: Any
    old_score: float | int | None
    new_score: float | int | None
    changes: tuple[PointChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "old_score": self.old_score, "new_score": self.new_score, "changes": [c.to_dict() for c in self.changes]}


@dataclass
class TierChanges:
    """Customers who change tier, by migration (old label, new label), the first ``keep`` of each in input order."""

    keep: int = 20
    groups: dict[tuple[str, str], list[Moved]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, migration: tuple[str, str], moved: Moved) -> None:
        self.counts[migration] = self.counts.get(migration, 0) + 1
        kept = self.groups.setdefault(migration, [])
        if len(kept) < self.keep:
            kept.append(moved)

    def to_list(self) -> list[dict[str, Any]]:
        return [
            {"old": old, "new": new, "count": self.counts[(old, new)], "customers": [m.to_dict() for m in self.groups[(old, new)]]}
            for old, new in self.groups
        ]


def changes_format(path: str) -> str:
    """``csv`` or ``jsonl`` from the extension of a ``--changes`` file (``.ndjson`` is JSON Lines); anything else is a usage error."""
    lower = path.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    raise InputError(f"--changes {path}: the file name must end in .csv or .jsonl", code="PS503")


class ChangesWriter:
    """One row per customer whose score or tier changed, into ``out`` as CSV or JSON Lines."""

    HEADER = ("id", "old_score", "new_score", "delta", "old_tier", "new_tier", "changes")

    def __init__(self, out: IO[str], fmt: str):
        self.out = out
        self.fmt = fmt
        self.count = 0
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writerow(self.HEADER)

    def add(self, rid: Any, old: tuple[Any, str], new: tuple[Any, str], changes: tuple[PointChange, ...]) -> None:
        """``old`` and ``new`` are (score, tier label) pairs; the label names ``(ineligible)`` and ``(no tier)``."""
        self.count += 1
        delta = None if old[0] is None or new[0] is None else _delta(old[0], new[0])
        if self.csv is not None:
            text = "; ".join(c.text() for c in changes)
            self.csv.writerow([rid, _cell(old[0]), _cell(new[0]), _cell(delta), old[1], new[1], text])
            return
        row = {"id": rid, "old": {"score": old[0], "tier": old[1]}, "new": {"score": new[0], "tier": new[1]}, "delta": delta}
        row["changes"] = [c.to_dict() for c in changes]
        self.out.write(dumps(row) + "\n")


def _cell(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
