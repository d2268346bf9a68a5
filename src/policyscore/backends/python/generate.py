"""Generate and compile one Python function per policy.

The whole policy (field checks, lets, filters, factors, bands, points,
adjustments, clamp and tier) becomes a single function over a record.  Points
are whole numbers of the smallest unit (``10 ** -decimals``), rounded by the
one rule of :func:`policyscore.language.rounding.to_units`, so sums are exact.
Two variants are generated from the same plan: one keeps every intermediate
value for the explanation, one keeps only what a score needs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from policyscore.backends.python.expressions import Emitter
from policyscore.backends.python.recordcheck import record_checks
from policyscore.engine.reference import NOT_COMPUTED, checked_fields
from policyscore.engine.result import Result
from policyscore.language.rounding import FAST_ABOVE, FAST_BELOW, FAST_LIMIT, to_units
from policyscore.language.semantics import guard
from policyscore.policyfile.program import Expression, Program

__all__ = ["generate"]

# Fast-path rounding equals to_units below FAST_LIMIT (proof in language/rounding.py).
_FAST_LIMIT = FAST_LIMIT


class _Src:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)


def _checked(em: Emitter, expr: Expression, kind: str) -> str:
    """Source for a `when` (boolean) or `value` (number); checked at run time when its type is not declared."""
    src = em.emit(expr.folded)
    if expr.type.kind == "any":
        return f"{em.bind(guard(frozenset({kind})), 'g')}({src})"
    return src


def _result(parts: dict[str, str]) -> str:
    """``return`` of a :class:`Result` built in its declared field order (absent parts are None)."""
    unknown = set(parts) - set(Result._fields)
    assert not unknown, f"not fields of Result: {unknown}"
    return "return _new(_R, (" + ", ".join(parts.get(name, "None") for name in Result._fields) + ",))"


def generate(plan: Program, check_all_fields: bool = False) -> tuple[Callable[..., Result], str]:
    """Compile a program; return (``evaluate(record, as_of, explain)``, its source).

    Records are checked on the declared fields the policy reads, or on every
    declared field with ``check_all_fields``.
    """
    names: dict[str, str] = {"as_of": "as_of"}
    declared = set(plan.fields)
    for i, name in enumerate(plan.read_fields):
        names[name] = f"f{i}"
    for i, let in enumerate(plan.lets):
        names[let.name] = f"l{i}"
    for i, call in enumerate(plan.portfolio):
        names[call.key] = f"q{i}"
    em = Emitter(names)
    ns = em.namespace
    ns.update({"_date": date, "_datetime": datetime, "_R": Result, "_new": tuple.__new__, "_units": to_units, "_program": plan})

    src = _Src()
    src.add(0, "def _evaluate(r, as_of, _explain, _pv=None):")
    for i, call in enumerate(plan.portfolio):  # values of the whole portfolio, computed before this record
        src.add(1, f"q{i} = _pv[{call.key!r}]")
    # Fields: the checked ones (read by expressions, or all) are checked; the ones expressions read are kept in locals.
    checked = tuple(plan.fields[name] for name in checked_fields(plan, check_all_fields))
    for line in record_checks(checked, set(plan.read_fields), names, em):
        src.add(1, line)
    for name in plan.read_fields:
        if name not in declared:
            src.add(1, f"{names[name]} = r.get({name!r})")
    # Lets the filters need are computed first; the others only for eligible records.
    for let in plan.lets:
        if let.for_filters:
            src.add(1, f"{names[let.name]} = {em.emit(let.expr.folded)}")
    lets_tuple = "(" + "".join(f"{names[let.name]}, " for let in plan.lets) + ")"
    early_lets_tuple = "(" + "".join((f"{names[let.name]}, " if let.for_filters else "_LATER, ") for let in plan.lets) + ")"
    ns["_LATER"] = NOT_COMPUTED

    for i, flt in enumerate(plan.filters):
        src.add(1, f"g{i} = {_checked(em, flt.expr, 'boolean')}")
    filters_tuple = "(" + "".join(f"g{i}, " for i in range(len(plan.filters))) + ")"
    if plan.filters:
        src.add(1, "if " + " and ".join(f"g{i} is True" for i in range(len(plan.filters))) + ":")
        body = 2
    else:
        src.add(1, "if True:")
        body = 2

    for let in plan.lets:
        if not let.for_filters:
            src.add(body, f"{names[let.name]} = {em.emit(let.expr.folded)}")
    d = plan.decimals
    scale = 10.0**d
    for i, fac in enumerate(plan.factors):
        missing_units = fac.missing_units
        if fac.bands is not None:
            first = True
            for j, band in enumerate(fac.bands):
                cond, value, units = band.expr, band.value, band.units
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
        assert fac.expr is not None
        src.add(body, f"x{i} = {_checked(em, fac.expr, 'number')}")
        # A value that is null, or not a finite number (an overflow: x - x is then NaN), is missing.
        if fac.expr.type.maybe_null:
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
    for k, adj in enumerate(plan.adjustments):
        src.add(body, f"a{k} = {_checked(em, adj.expr, 'boolean')}")
        parts.append(f"({adj.units} if a{k} is True else 0)")
    src.add(body, f"_raw = {' + '.join(parts) if parts else '0'}")
    src.add(body, "_tot = _raw")
    if plan.min_units is not None:
        src.add(body, f"if _tot < {plan.min_units}: _tot = {plan.min_units}")
    if plan.max_units is not None:
        src.add(body, f"if _tot > {plan.max_units}: _tot = {plan.max_units}")
    if plan.tiers:
        # relative tiers (top_percent) depend on the run: the facade places them once it knows the thresholds
        pieces = "".join(f"{j} if _tot >= {t.units} else " for j, t in enumerate(plan.tiers) if t.units is not None)
        src.add(body, f"_tier = {pieces}None")
    else:
        src.add(body, "_tier = None")
    points_tuple = "(" + "".join(f"p{i}, " for i in factor_range) + ")"
    adj_tuple = "(" + "".join(f"a{k}, " for k in range(len(plan.adjustments))) + ")"
    values_tuple = "(" + "".join(f"x{i}, " for i in factor_range) + ")"
    bands_tuple = "(" + "".join((f"b{i}, " if fac.bands is not None else "None, ") for i, fac in enumerate(plan.factors)) + ")"
    common = {"program": "_program", "record": "r", "as_of": "as_of", "filter_values": filters_tuple, "portfolio_values": "_pv"}
    full = {"let_values": lets_tuple, "factor_values": values_tuple, "band_indexes": bands_tuple}
    scored = {"factor_units": points_tuple, "adjustment_values": adj_tuple}
    scored |= {"raw_units": "_raw", "total_units": "_tot", "tier_index": "_tier"}
    src.add(body, "if _explain:")
    src.add(body + 1, _result(common | full | scored))
    src.add(body, _result(common | scored))
    src.add(1, "if _explain:")
    src.add(2, _result(common | {"let_values": early_lets_tuple}))
    src.add(1, _result(common))
    source = "\n".join(src.lines) + "\n"
    code = compile(source, f"<policy {plan.name}>", "exec")
    exec(code, ns)  # noqa: S102 - the source is generated from checked expressions only
    return ns["_evaluate"], source
