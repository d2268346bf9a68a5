"""Generate and compile one Python function per policy.

The whole policy (field checks, lets, filters, factors, bands, points,
adjustments, clamp and tier) becomes a single function over a record.  Points
are whole numbers of the smallest unit (``10 ** -decimals``), rounded half
away from zero on the product's shortest decimal form, so sums are exact.
Two variants are generated from the same plan: one keeps every intermediate
value for the explanation, one keeps only what a score needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal
from typing import Any

from policyscore.backends.python.expressions import Emitter
from policyscore.backends.python.recordcheck import record_checks
from policyscore.language.nodes import Name, children
from policyscore.language.rounding import FAST_ABOVE, FAST_BELOW, FAST_LIMIT, to_units
from policyscore.language.semantics import guard
from policyscore.language.types import Type
from policyscore.policyfile.fields import FieldDecl

__all__ = ["ExprPlan", "FactorPlan", "Plan", "generate", "threshold_units", "NOT_COMPUTED"]

#: Stands for a let an ineligible record did not need; explanations compute it on demand.
NOT_COMPUTED = object()

# Fast-path rounding equals to_units below FAST_LIMIT (proof in language/rounding.py).
_FAST_LIMIT = FAST_LIMIT


@dataclass(frozen=True)
class ExprPlan:
    """An expression ready to compile: its tree and the checker's types."""

    node: Any
    types: dict[int, Type]


@dataclass(frozen=True)
class FactorPlan:
    weight: float
    missing: float
    value: ExprPlan | None
    bands: tuple[tuple[ExprPlan | None, float], ...] | None


@dataclass(frozen=True)
class Plan:
    fields: tuple[FieldDecl, ...]  # declared fields (all are checked)
    used_fields: tuple[str, ...]  # root field names read by expressions
    params: dict[str, Any]
    lets: tuple[tuple[str, ExprPlan], ...]
    filters: tuple[ExprPlan, ...]
    factors: tuple[FactorPlan, ...]
    adjustments: tuple[tuple[ExprPlan, float], ...]
    decimals: int
    score_min: float | None
    score_max: float | None
    tiers: tuple[float, ...]


def threshold_units(minimum: float, decimals: int) -> int:
    """The smallest whole number of units whose score is >= ``minimum``."""
    return int((Decimal(repr(minimum)).scaleb(decimals)).to_integral_value(rounding=ROUND_CEILING))


class _Src:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)


def _checked(em: Emitter, plan: ExprPlan, kind: str) -> str:
    """Source for a `when` (boolean) or `value` (number); checked at run time when its type is not declared."""
    src = em.emit(plan.node, plan.types)
    if plan.types[id(plan.node)].kind == "any":
        return f"{em.bind(guard(frozenset({kind})), 'g')}({src})"
    return src


def _names_in(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, Name):
            found.add(cur.name)
        stack.extend(children(cur))
    return found


def _lets_needed(lets: tuple[tuple[str, ExprPlan], ...], roots: list[Any]) -> set[str]:
    """The lets that ``roots`` read, directly or through other lets."""
    by_name = {name: lp for name, lp in lets}
    needed: set[str] = set()
    todo = [n for root in roots for n in _names_in(root) if n in by_name]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo.extend(n for n in _names_in(by_name[name].node) if n in by_name)
    return needed


def generate(plan: Plan, result_cls: type, policy: Any) -> tuple[Callable[..., Any], str]:
    """Compile ``plan``; return (``evaluate(record, as_of, explain)``, its source)."""
    names: dict[str, str] = {"as_of": "as_of"}
    declared = {d.name for d in plan.fields}
    for i, name in enumerate(plan.used_fields):
        names[name] = f"f{i}"
    for i, (name, _) in enumerate(plan.lets):
        names[name] = f"l{i}"
    for name in plan.params:
        names[name] = f"<param {name}>"  # folded by the emitter, never emitted
    em = Emitter(names, dict(plan.params))
    ns = em.namespace
    ns.update({"_date": date, "_datetime": datetime, "_R": result_cls, "_new": tuple.__new__, "_units": to_units, "_policy": policy})

    src = _Src()
    src.add(0, "def _evaluate(r, as_of, _explain):")
    # Fields: every declared field is checked; the ones expressions read are kept in locals.
    used = set(plan.used_fields)
    for line in record_checks(plan.fields, used, names, em):
        src.add(1, line)
    for name in plan.used_fields:
        if name not in declared:
            src.add(1, f"{names[name]} = r.get({name!r})")
    # Lets the filters need are computed first; the others only for eligible records.
    early = _lets_needed(plan.lets, [fp.node for fp in plan.filters])
    for name, lp in plan.lets:
        if name in early:
            src.add(1, f"{names[name]} = {em.emit(lp.node, lp.types)}")
    lets_tuple = "(" + "".join(f"{names[n]}, " for n, _ in plan.lets) + ")"
    early_lets_tuple = "(" + "".join((f"{names[n]}, " if n in early else "_LATER, ") for n, _ in plan.lets) + ")"
    ns["_LATER"] = NOT_COMPUTED

    for i, fp in enumerate(plan.filters):
        src.add(1, f"g{i} = {_checked(em, fp, 'boolean')}")
    filters_tuple = "(" + "".join(f"g{i}, " for i in range(len(plan.filters))) + ")"
    if plan.filters:
        src.add(1, "if " + " and ".join(f"g{i} is True" for i in range(len(plan.filters))) + ":")
        body = 2
    else:
        src.add(1, "if True:")
        body = 2

    for name, lp in plan.lets:
        if name not in early:
            src.add(body, f"{names[name]} = {em.emit(lp.node, lp.types)}")
    d = plan.decimals
    scale = 10.0**d
    for i, fac in enumerate(plan.factors):
        missing_units = to_units(fac.weight * fac.missing, d)
        if fac.bands is not None:
            first = True
            for j, (cond, value) in enumerate(fac.bands):
                units = to_units(fac.weight * value, d)
                if cond is None:
                    src.add(body, "else:" if not first else "if True:")
                    src.add(body + 1, f"b{i} = {j}; x{i} = {value!r}; p{i} = {units}")
                    break
                csrc = _checked(em, cond, "boolean")
                kw = "if" if first else "elif"
                src.add(body, f"{kw} (_c := {csrc}) is True:")
                src.add(body + 1, f"b{i} = {j}; x{i} = {value!r}; p{i} = {units}")
                src.add(body, "elif _c is None:")
                src.add(body + 1, f"b{i} = None; x{i} = None; p{i} = {missing_units}")
                first = False
            continue
        assert fac.value is not None
        src.add(body, f"x{i} = {_checked(em, fac.value, 'number')}")
        # A value that is null, or not a finite number (an overflow: x - x is then NaN), is missing.
        if fac.value.types[id(fac.value.node)].maybe_null:
            src.add(body, f"if x{i} is None or x{i} - x{i} != 0: p{i} = {missing_units}")
        else:
            src.add(body, f"if x{i} - x{i} != 0: p{i} = {missing_units}")
        src.add(body, "else:")
        src.add(body + 1, f"_c = 0 if x{i} < 0 else (1 if x{i} > 1 else x{i})")
        weight = repr(fac.weight)
        src.add(body + 1, f"_p = {weight} * _c")
        src.add(body + 1, f"_y = _p * {scale!r}")
        src.add(body + 1, "_n = int(_y)")
        src.add(body + 1, "_f = _y - _n")
        if fac.weight * scale >= _FAST_LIMIT:
            src.add(body + 1, f"p{i} = _units(_p, {d})")
        else:
            src.add(body + 1, f"p{i} = _n + 1 if _f > {FAST_ABOVE!r} else (_n if _f < {FAST_BELOW!r} else _units(_p, {d}))")
    factor_range = range(len(plan.factors))
    parts = [f"p{i}" for i in factor_range]
    for k, (ap, points) in enumerate(plan.adjustments):
        src.add(body, f"a{k} = {_checked(em, ap, 'boolean')}")
        units = to_units(points, d)
        parts.append(f"({units} if a{k} is True else 0)")
    src.add(body, f"_raw = {' + '.join(parts) if parts else '0'}")
    src.add(body, "_tot = _raw")
    if plan.score_min is not None:
        lo = to_units(plan.score_min, d)
        src.add(body, f"if _tot < {lo}: _tot = {lo}")
    if plan.score_max is not None:
        hi = to_units(plan.score_max, d)
        src.add(body, f"if _tot > {hi}: _tot = {hi}")
    if plan.tiers:
        pieces = " else ".join(f"{j} if _tot >= {threshold_units(t, d)}" for j, t in enumerate(plan.tiers))
        src.add(body, f"_tier = {pieces} else None")
    else:
        src.add(body, "_tier = None")
    points_tuple = "(" + "".join(f"p{i}, " for i in factor_range) + ")"
    adj_tuple = "(" + "".join(f"a{k}, " for k in range(len(plan.adjustments))) + ")"
    values_tuple = "(" + "".join(f"x{i}, " for i in factor_range) + ")"
    bands_tuple = "(" + "".join((f"b{i}, " if fac.bands is not None else "None, ") for i, fac in enumerate(plan.factors)) + ")"
    src.add(body, "if _explain:")
    src.add(
        body + 1,
        f"return _new(_R, (_policy, r, as_of, {lets_tuple}, {filters_tuple}, {values_tuple}, {bands_tuple}, "
        f"{points_tuple}, {adj_tuple}, _raw, _tot, _tier))",
    )
    src.add(
        body,
        f"return _new(_R, (_policy, r, as_of, None, {filters_tuple}, None, None, {points_tuple}, {adj_tuple}, _raw, _tot, _tier))",
    )
    src.add(1, "if _explain:")
    src.add(2, f"return _new(_R, (_policy, r, as_of, {early_lets_tuple}, {filters_tuple}, None, None, None, None, None, None, None))")
    src.add(1, f"return _new(_R, (_policy, r, as_of, None, {filters_tuple}, None, None, None, None, None, None, None))")
    source = "\n".join(src.lines) + "\n"
    code = compile(source, f"<policy {getattr(policy, 'name', '?')}>", "exec")
    exec(code, ns)  # noqa: S102 - the source is generated from checked expressions only
    return ns["_evaluate"], source
