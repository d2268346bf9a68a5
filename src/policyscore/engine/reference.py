"""The reference evaluator: what a policy means, written plainly.

This module is the executable form of ``docs/semantics.md`` for one record:
record checks, lets, filters, factor values and bands, missing values,
clamping, points, adjustments, the total and its clamp, and the tier.  It is
slow and obvious on purpose.  Fast back ends (generated Python, SQL) are
tested against it; explanations use it for whatever a back end did not
compute; ``--trace``, null reasons and coverage read the steps it reports.

The small rule functions (:func:`factor_points`, :func:`clamp_total`,
:func:`tier_of`, :func:`ranked_reasons`, :func:`next_tier`) are the one
definition of each rule: the explanation calls them too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from policyscore.errors import RecordError
from policyscore.language import nodes as n
from policyscore.language.functions import RuntimeTypeError
from policyscore.language.interpreter import ExprRuntimeError, Traced, interpret, traced
from policyscore.language.rounding import to_units
from policyscore.language.semantics import guard
from policyscore.policyfile.fields import field_checker
from policyscore.policyfile.program import Expression, Factor, Program, WeightChoice

__all__ = [
    "NOT_COMPUTED",
    "Step",
    "Outcome",
    "evaluate",
    "factor_points",
    "weight_choice",
    "clamp_total",
    "tier_of",
    "ranked_reasons",
    "next_tier",
    "describe_value",
    "checked_fields",
    "check_id",
    "check_record",
    "record_lookup",
    "relative_thresholds",
]

#: Stands for a let an ineligible record did not need (only the filters' lets are computed for it).
NOT_COMPUTED: Any = type("NotComputed", (), {"__repr__": lambda self: "NOT_COMPUTED"})()


@dataclass(frozen=True, slots=True)
class Step:
    """One expression evaluated for a record, in evaluation order."""

    kind: str  # "let", "filter", "factor", "band", "adjustment"
    index: int  # of the let, filter, factor or adjustment
    band: int | None  # the band's index, for kind "band"
    expr: Expression
    value: Any
    trace: Traced | None  # every sub-expression's value, when asked for


@dataclass(frozen=True)
class Outcome:
    """Everything that happened when one record was evaluated."""

    lets: tuple[Any, ...]  # NOT_COMPUTED for a let an ineligible record did not need
    filters: tuple[bool | None, ...]
    eligible: bool
    values: tuple[Any, ...] | None  # each factor's raw value (a banded factor: the matched band's value, or None)
    bands: tuple[int | None, ...] | None  # the matched band of each banded factor (None: missing, or not banded)
    units: tuple[int, ...] | None  # each factor's points, in units
    adjustments: tuple[bool | None, ...] | None
    raw_units: int | None
    total_units: int | None
    tier: int | None
    steps: tuple[Step, ...]
    segments: tuple[Any, ...] | None = None  # each factor's segment (weights by segment; None for the others)


# ---------------------------------------------------------------- the rules, one definition each


def weight_choice(factor: Factor, segment: Any) -> WeightChoice | None:
    """The weight a factor weighted by segment has for ``segment``: the one listed for it, else the ``else``
    weight (also for a null segment, or one that is not a string); None for a factor with one weight."""
    if not factor.choices:
        return None
    if segment.__class__ is not str:
        return factor.choices[-1]
    return next((c for c in factor.choices if c.segment is not None and c.segment == segment), factor.choices[-1])


def factor_points(factor: Factor, raw: Any, decimals: int, choice: WeightChoice | None = None) -> tuple[int, Any, bool]:
    """(points in units, the value counted, missing) for a factor whose expression gave ``raw``.

    A null or non-finite value is missing and counts as the factor's ``missing``
    value; any other value is clamped to [0, 1]; points are weight × value,
    rounded by :func:`policyscore.language.rounding.to_units`.  ``choice`` is
    the record's weight for a factor weighted by segment.
    """
    if raw is None or raw - raw != 0:  # null, or an overflow to inf / NaN
        return (choice.missing_units if choice is not None else factor.missing_units), factor.missing, True
    value = 0 if raw < 0 else (1 if raw > 1 else raw)
    return to_units((choice.weight if choice is not None else factor.weight) * value, decimals), value, False


def clamp_total(program: Program, raw_units: int) -> int:
    """The total after ``score.min`` and ``score.max``."""
    total = raw_units
    if program.min_units is not None and total < program.min_units:
        total = program.min_units
    if program.max_units is not None and total > program.max_units:
        total = program.max_units
    return total


def tier_of(program: Program, total_units: int, thresholds: Mapping[int, int] | None = None) -> int | None:
    """The first tier, in policy order, whose threshold the score reaches.  A relative tier's threshold
    is the run's (``thresholds``, by tier index); without one (no eligible customer) it is empty."""
    for i, tier in enumerate(program.tiers):
        units = tier.units if tier.units is not None else (thresholds or {}).get(i)
        if units is not None and total_units >= units:
            return i
    return None


def relative_thresholds(program: Program, scores: list[int]) -> dict[int, int]:
    """Each relative tier's threshold in a run: the ceil(P/100 x n)-th best final score of the n eligible
    customers (computed exactly, P may be a decimal); none when no customer is eligible."""
    if not scores:
        return {}
    ranked = sorted(scores, reverse=True)
    out = {}
    for i, tier in enumerate(program.tiers):
        if tier.top_percent is not None:
            k = math.ceil(Fraction(str(tier.top_percent)) * len(ranked) / 100)
            out[i] = ranked[min(max(k, 1), len(ranked)) - 1]
    return out


def ranked_reasons(
    program: Program,
    units: tuple[int, ...],
    adjustments: tuple[bool | None, ...],
    limit: int = 4,
    segments: tuple[Any, ...] | None = None,
) -> list[tuple[str, int, int]]:
    """(kind, index, units lost) of what cost the record the most points, at most ``limit``.

    Every factor that lost points (``kind`` "factor": its maximum minus its points; a factor
    weighted by segment is measured against the record's own weight, by ``segments``) and
    every applied adjustment with negative points (``kind`` "adjustment": the points it
    cost) compete.  Most lost first; ties: the larger weight first (an adjustment's
    weight is the points it cost), then factors before adjustments, then policy order.
    """
    ranked: list[tuple[int, float, int, int]]
    if segments is None:
        ranked = [(u - f.max_units, -f.weight, 0, i) for i, (f, u) in enumerate(zip(program.factors, units)) if u < f.max_units]
    else:
        ranked = []
        for i, (f, u) in enumerate(zip(program.factors, units)):
            choice = weight_choice(f, segments[i])
            top, weight = (choice.max_units, choice.weight) if choice is not None else (f.max_units, f.weight)
            if top - u > 0:
                ranked.append((-(top - u), -weight, 0, i))
    ranked += [(a.units, a.points, 1, k) for k, (a, hit) in enumerate(zip(program.adjustments, adjustments)) if hit is True and a.units < 0]
    ranked.sort()
    return [("factor" if kind == 0 else "adjustment", i, -lost) for lost, _, kind, i in ranked[:limit]]


def next_tier(
    program: Program, tier: int | None, total_units: int, thresholds: Mapping[int, int] | None = None
) -> tuple[int, int] | None:
    """(tier index, units short) of the nearest tier above the record's that has a threshold in this run."""
    upper = (tier if tier is not None else len(program.tiers)) - 1
    while upper >= 0:
        units = program.tiers[upper].units
        units = units if units is not None else (thresholds or {}).get(upper)
        if units is not None:
            return upper, units - total_units
        upper -= 1
    return None


# ---------------------------------------------------------------- records


def checked_fields(program: Program, check_all_fields: bool = False) -> tuple[str, ...]:
    """The declared fields checked on every record: those the policy reads, or all of them."""
    read = set(program.read_fields)
    return tuple(name for name in program.fields if check_all_fields or name in read)


def check_record(program: Program, record: Any, *, check_all_fields: bool = True) -> None:
    """Check ``record`` against the declared fields (all of them by default) without scoring it;
    raise :class:`RecordError` naming the first bad field."""
    if not isinstance(record, dict):
        raise RecordError(f"a record must be an object, got {describe_value(record)}", code="PS403")
    for name in checked_fields(program, check_all_fields):
        field_checker(program.fields[name])(record.get(name))


def check_id(rid: float, id_field: str) -> None:
    """An id that is a float must be finite: a NaN or infinite id cannot name a customer (nor be written as JSON)."""
    if rid != rid or rid in (math.inf, -math.inf):
        raise RecordError(f"the id {rid!r} is not a string or a finite number", code="PS512", field=id_field)


def describe_value(value: Any) -> str:
    """A value as an auditor reads it: ``'US'``, ``12.5``, ``null``, ``2026-01-31``."""
    if value.__class__ is float or isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(describe_value(v) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- evaluation


def evaluate(
    program: Program,
    record: Any,
    as_of: date,
    *,
    check_all_fields: bool = False,
    trace: bool = False,
    portfolio: Mapping[str, Any] | None = None,
) -> Outcome:
    """Evaluate ``record``; raise :class:`RecordError` (naming the record's problem) when it cannot be scored.

    ``portfolio`` gives the value of each portfolio function call for this
    record (by its key), for a policy that uses them.
    """
    try:
        return _Run(program, record, as_of, check_all_fields, trace, portfolio).run()
    except (OverflowError, ValueError) as exc:  # e.g. an integer too large to compute with as a float
        raise RecordError(f"a number in this record is out of range: {exc}", code="PS403") from None


def record_lookup(program: Program, record: Any, as_of: date, check_all_fields: bool = False) -> Callable[[str], Any]:
    """How one record's names read (checked fields, params, lets computed when first read, ``as_of``),
    for expressions evaluated outside a scoring run (portfolio arguments)."""
    return _Run(program, record, as_of, check_all_fields, False, None).lazy_lookup


class _Run:
    def __init__(
        self, program: Program, record: Any, as_of: date, check_all_fields: bool, trace: bool, portfolio: Mapping[str, Any] | None
    ):
        if not isinstance(record, dict):
            shown = "a list" if isinstance(record, list) else describe_value(record)
            raise RecordError(f"a record must be an object, got {shown}", code="PS403")
        self.program = program
        self.record = record
        self.as_of = as_of
        self.trace = trace
        self.fields: dict[str, Any] = {}
        for name in checked_fields(program, check_all_fields):
            self.fields[name] = field_checker(program.fields[name])(record.get(name))
        self.lets: dict[str, Any] = {}
        self.steps: list[Step] = []
        self.portfolio = portfolio or {}
        book = getattr(portfolio, "portfolio", None)  # a PortfolioRow knows its book, which knows the run's thresholds
        self.thresholds = book.tier_thresholds if book is not None else None

    def lookup(self, name: str) -> Any:
        if name == "as_of":
            return self.as_of
        if name in self.lets:
            return self.lets[name]
        if name in self.portfolio:
            return self.portfolio[name]
        if name in self.program.params:
            return self.program.params[name]
        if name in self.fields:
            return self.fields[name]
        return self.record.get(name)

    def lazy_lookup(self, name: str) -> Any:
        """:meth:`lookup`, computing a let the first time it is read."""
        let = self.program.let_named(name)
        if let is not None and name not in self.lets:
            try:
                self.lets[name] = interpret(let.expr.node, self.lazy_lookup)
            except ExprRuntimeError as exc:
                raise runtime_error(let.expr, exc, self.record) from None
        return self.lookup(name)

    def eval(self, kind: str, index: int, expr: Expression, result: str | None = None, band: int | None = None) -> Any:
        """Evaluate one expression; ``result`` ("boolean"/"number") is checked when its type is not declared."""
        try:
            if self.trace:
                tree, error = traced(expr.node, self.lookup)
                if error is not None:
                    raise error
                value = tree.value
            else:
                tree, value = None, interpret(expr.node, self.lookup)
            if result is not None and expr.type.kind == "any":
                guard(frozenset({result}))(value)
        except ExprRuntimeError as exc:
            raise runtime_error(expr, exc, self.record) from None
        except RuntimeTypeError as exc:
            raise runtime_error(expr, ExprRuntimeError(expr.node, exc), self.record) from None
        self.steps.append(Step(kind, index, band, expr, value, tree))
        return value

    def run(self) -> Outcome:
        p = self.program
        for i, let in enumerate(p.lets):
            if let.for_filters:
                self.lets[let.name] = self.eval("let", i, let.expr)
        filters = tuple(self.eval("filter", i, f.expr, "boolean") for i, f in enumerate(p.filters))
        eligible = all(v is True for v in filters)
        if not eligible:
            lets = tuple(self.lets.get(let.name, NOT_COMPUTED) for let in p.lets)
            return Outcome(lets, filters, False, None, None, None, None, None, None, None, tuple(self.steps))
        for i, let in enumerate(p.lets):
            if not let.for_filters:
                self.lets[let.name] = self.eval("let", i, let.expr)
        values, bands, units, segments = [], [], [], []
        for i, factor in enumerate(p.factors):
            segment = self.eval("segment", i, factor.by) if factor.by is not None else None
            choice = weight_choice(factor, segment)
            raw, band = self.factor(i, factor)
            segments.append(segment)
            values.append(raw)
            bands.append(band)
            if factor.bands is not None and band is not None:
                units.append(choice.band_units[band] if choice is not None else factor.bands[band].units)
            else:
                units.append(factor_points(factor, raw, p.decimals, choice)[0])
        adjustments = tuple(self.eval("adjustment", k, a.expr, "boolean") for k, a in enumerate(p.adjustments))
        raw_units = sum(units) + sum(a.units for a, hit in zip(p.adjustments, adjustments) if hit is True)
        total = clamp_total(p, raw_units)
        return Outcome(
            tuple(self.lets[let.name] for let in p.lets),
            filters,
            True,
            tuple(values),
            tuple(bands),
            tuple(units),
            adjustments,
            raw_units,
            total,
            tier_of(p, total, self.thresholds),
            tuple(self.steps),
            tuple(segments) if p.segmented else None,
        )

    def factor(self, i: int, factor: Factor) -> tuple[Any, int | None]:
        """(raw value, matched band) of one factor: the first band whose condition is true; a null
        condition before a match makes the factor missing."""
        if factor.expr is not None:
            return self.eval("factor", i, factor.expr, "number"), None
        for j, band in enumerate(factor.bands or ()):
            if band.expr is None:
                return band.value, j
            cond = self.eval("band", i, band.expr, "boolean", band=j)
            if cond is True:
                return band.value, j
            if cond is None:
                return None, None
        return None, None  # pragma: no cover - the model requires a final else


# ---------------------------------------------------------------- errors that name the record's value


def runtime_error(expr: Expression, err: ExprRuntimeError, record: dict[str, Any]) -> RecordError:
    """A value of the wrong kind reached an operator: say where, on which value, from which field."""
    node = err.node
    sub = expr.text[node.span[0] : node.span[1]]
    fields = _fields_in(node, record)
    culprit = next((name for name, value in fields if value == err.error.value and value is not None), None)
    if culprit is None and fields:
        culprit = fields[0][0]
    where = f"{expr.where}" + (f" (line {expr.line})" if expr.line else "")
    problem = err.error.problem or f"needs {err.error.expected}, got {describe_value(err.error.value)}"
    shown = ", ".join(f"{name} = {describe_value(value)}" for name, value in fields)
    message = f"{where}: '{sub}' {problem}" + (f" ({shown})" if shown else "")
    return RecordError(message, code="PS403", field=culprit, value=record.get(culprit) if culprit else err.error.value)


def _fields_in(node: n.Expr, record: dict[str, Any]) -> list[tuple[str, Any]]:
    """The record fields read under ``node`` with their values, left to right."""
    out: list[tuple[str, Any]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.Name) and cur.name in record and all(cur.name != k for k, _ in out):
            out.append((cur.name, record.get(cur.name)))
        stack.extend(reversed(n.children(cur)))
    return out


Lookup = Callable[[str], Any]
