"""Generate and compile one Python function per policy.

The whole policy (field checks, lets, filters, factors, bands, points,
adjustments, clamp and tier) becomes a single function over a record.  Points
are whole numbers of the smallest unit (``10 ** -decimals``), rounded by the
one rule of :func:`policyscore.language.rounding.to_units`, so sums are exact.
Two variants are generated from the same plan: one keeps every intermediate
value for the explanation, one keeps only what a score needs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from policyscore.backends.python.expressions import Emitter
from policyscore.backends.python.points import value_points
from policyscore.backends.python.recordcheck import record_checks
from policyscore.backends.python.shared import shape, shared_by_bands
from policyscore.engine.reference import NOT_COMPUTED, check_id, checked_fields
from policyscore.engine.result import Result
from policyscore.language.rounding import to_units
from policyscore.language.semantics import guard
from policyscore.policyfile.program import Expression, Factor, Program

__all__ = ["generate"]

# Python nests an ``elif`` in the ``if`` before it, and ``a + b + c`` in ``a + b``: so that the generated
# code nests no deeper whatever the policy, band chains (two branches a band) and sums are cut into pieces
# this long, and more tiers than _CHUNK are searched by bisection.
_BAND_CHAIN = 4
_CHUNK = 16


class _Src:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def block(self, indent: int, lines: list[str]) -> None:
        for line in lines:
            self.add(indent, line)


def _checked(em: Emitter, expr: Expression, kind: str, lines: list[str]) -> str:
    """Source for a `when` (boolean) or `value` (number), after the statements it appends to ``lines``;
    checked at run time when its type is not declared."""
    src = em.emit(expr.folded, lines)
    if expr.type.kind == "any":
        return f"{em.bind(guard(frozenset({kind})), 'g')}({src})"
    return src


def _assign(src: _Src, indent: int, em: Emitter, target: str, expr: Expression, kind: str | None = None) -> None:
    """``target = <expr>``, after the statements the expression needs."""
    lines: list[str] = []
    value = _checked(em, expr, kind, lines) if kind is not None else em.emit(expr.folded, lines)
    src.block(indent, lines)
    src.add(indent, f"{target} = {value}")


def _result(parts: dict[str, str]) -> str:
    """``return`` of a :class:`Result` built in its declared field order (absent parts are None)."""
    unknown = set(parts) - set(Result._fields)
    assert not unknown, f"not fields of Result: {unknown}"
    return "return _new(_R, (" + ", ".join(parts.get(name, "None") for name in Result._fields) + ",))"


def _units_range(plan: Program) -> tuple[int, int]:
    """The least and the most ``_raw`` (factor and adjustment units) can be for any record, or wider."""
    lo = hi = 0
    for fac in plan.factors:
        weights = [c.weight for c in fac.choices] or [fac.weight]
        units = [fac.missing_units, fac.max_units, *(to_units(w, plan.decimals) for w in weights)]
        units += [b.units for b in fac.bands or ()] + [u for c in fac.choices for u in (c.missing_units, c.max_units, *c.band_units)]
        lo += min(0, *units)
        hi += max(0, *units)
    for adj in plan.adjustments:
        lo += min(0, adj.units)
        hi += max(0, adj.units)
    return lo, hi


def _tier_lookup(tiers: list[tuple[int, int]]) -> Callable[[int], int | None]:
    """The index of the first of ``tiers`` (index, minimum in units) that a total reaches, found by bisection.

    Only a tier below every tier before it can be the first one reached; their
    minimums decrease, so the first of them at most the total is found by bisection.
    """
    keys: list[int] = []  # minus the minimums of those tiers: increasing
    index: list[int] = []
    for j, u in tiers:
        if not keys or -u > keys[-1]:
            keys.append(-u)
            index.append(j)

    def tier(total: int) -> int | None:
        k = bisect_left(keys, -total)
        return index[k] if k < len(keys) else None

    return tier


def _bands(src: _Src, body: int, em: Emitter, i: int, fac: Factor) -> None:
    """The first band whose condition is true sets factor ``i``; a null condition before it makes the factor missing.

    The conditions form ``if``/``elif`` chains of at most :data:`_BAND_CHAIN` bands; a
    condition that needs statements first starts a new chain.  A chain after
    the first runs under ``if _go:``, set when no band of the chains before it decided.
    Sub-expressions that the first condition computes first and a later one has too are computed once, before.
    """
    assert fac.bands is not None
    for node in shared_by_bands([b.expr.folded for b in fac.bands if b.expr is not None]):
        held = em.temp()
        before: list[str] = []
        value = em.emit(node, before)
        src.block(body, [*before, f"{held} = {value}"])
        em.shared[shape(node)] = held
    conds: list[tuple[list[str], str] | None] = []
    chains: list[list[int]] = [[]]
    for j, band in enumerate(fac.bands):
        if band.expr is None:
            conds.append(None)
            chains[-1].append(j)
            break
        lines: list[str] = []
        conds.append((lines, _checked(em, band.expr, "boolean", lines)))
        if chains[-1] and (lines or len(chains[-1]) >= _BAND_CHAIN):
            chains.append([])
        chains[-1].append(j)
    em.shared.clear()
    missing_units = f"_MU{i}[c{i}]" if fac.choices else str(fac.missing_units)
    missing = f"b{i} = None; x{i} = None; p{i} = {missing_units}"
    for k, chain in enumerate(chains):
        indent = body
        if k > 0:
            src.add(body, "if _go:")
            indent = body + 1
        if k < len(chains) - 1:
            src.add(indent, "_go = False")
        for pos, j in enumerate(chain):
            band = fac.bands[j]
            units = f"_BU{i}[c{i}][{j}]" if fac.choices else str(band.units)
            chosen = f"b{i} = {j}; x{i} = {band.value!r}; p{i} = {units}"
            cond = conds[j]
            if cond is None:
                src.add(indent, "else:" if pos else "if True:")
                src.add(indent + 1, chosen)
                break
            lines, csrc = cond
            src.block(indent, lines)
            band_type = band.expr.type if band.expr is not None else None
            if band_type is not None and band_type.kind == "boolean" and not band_type.maybe_null:
                src.add(indent, f"{'elif' if pos else 'if'} {csrc}:")  # True or False, never null
                src.add(indent + 1, chosen)
                continue
            src.add(indent, f"{'elif' if pos else 'if'} (_c := {csrc}) is True:")
            src.add(indent + 1, chosen)
            src.add(indent, "elif _c is None:")
            src.add(indent + 1, missing)
        if k < len(chains) - 1:
            src.add(indent, "else:")
            src.add(indent + 1, "_go = True")


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
    src.add(1, f"_id = r.get({plan.id_field!r})")
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
            _assign(src, 1, em, names[let.name], let.expr)
    lets_tuple = "(" + "".join(f"{names[let.name]}, " for let in plan.lets) + ")"
    early_lets_tuple = "(" + "".join((f"{names[let.name]}, " if let.for_filters else "_LATER, ") for let in plan.lets) + ")"
    ns["_LATER"] = NOT_COMPUTED

    for i, flt in enumerate(plan.filters):
        _assign(src, 1, em, f"g{i}", flt.expr, "boolean")
    filters_tuple = "(" + "".join(f"g{i}, " for i in range(len(plan.filters))) + ")"
    if plan.filters:
        src.add(1, "if " + " and ".join(f"g{i} is True" for i in range(len(plan.filters))) + ":")
        body = 2
    else:
        src.add(1, "if True:")
        body = 2

    for let in plan.lets:
        if not let.for_filters:
            _assign(src, body, em, names[let.name], let.expr)
    d = plan.decimals
    for i, fac in enumerate(plan.factors):
        missing_units: int | str = fac.missing_units
        if fac.by is not None:  # weights by segment: the record's weight, by its segment (else: the last choice)
            _assign(src, body, em, f"s{i}", fac.by)
            segment_index: dict[str | None, int] = {}
            for k, choice in enumerate(fac.choices[:-1]):
                segment_index.setdefault(choice.segment, k)
            table = em.bind(segment_index, "seg")
            last = len(fac.choices) - 1
            src.add(body, f"c{i} = {table}.get(s{i}, {last}) if s{i}.__class__ is str else {last}")
            ns[f"_MU{i}"] = tuple(c.missing_units for c in fac.choices)
            ns[f"_BU{i}"] = tuple(c.band_units for c in fac.choices)
            ns[f"_W{i}"] = tuple(c.weight for c in fac.choices)
            missing_units = f"_MU{i}[c{i}]"
        if fac.bands is not None:
            _bands(src, body, em, i, fac)
            continue
        assert fac.expr is not None
        _assign(src, body, em, f"x{i}", fac.expr, "number")
        if fac.by is None:
            src.block(body, value_points(em, fac, f"x{i}", f"p{i}", d))
            continue
        # A value that is null, or not a finite number (an overflow: x - x is then NaN), is missing.
        if fac.expr.type.maybe_null:
            src.add(body, f"if x{i} is None or x{i} - x{i} != 0: p{i} = {missing_units}")
        else:
            src.add(body, f"if x{i} - x{i} != 0: p{i} = {missing_units}")
        src.add(body, "else:")
        src.add(body + 1, f"_c = 0 if x{i} < 0 else (1 if x{i} > 1 else x{i})")
        src.add(body + 1, f"p{i} = _units(_W{i}[c{i}] * _c, {d})")
    factor_range = range(len(plan.factors))
    parts = [f"p{i}" for i in factor_range]
    for start in range(0, max(len(parts), 1), _CHUNK):
        terms = " + ".join(parts[start : start + _CHUNK]) or "0"
        src.add(body, f"_raw = {terms}" if start == 0 else f"_raw += {terms}")
    for k, adj in enumerate(plan.adjustments):  # an adjustment that applies adds its points
        _assign(src, body, em, f"a{k}", adj.expr, "boolean")
        if adj.units:
            src.add(body, f"if a{k} is True: _raw += {adj.units}")
    src.add(body, "_tot = _raw")
    # the score's min and max, where the points could pass them
    lowest, highest = _units_range(plan)
    if plan.min_units is not None and lowest < plan.min_units:
        src.add(body, f"if _tot < {plan.min_units}: _tot = {plan.min_units}")
    if plan.max_units is not None and highest > plan.max_units:
        src.add(body, f"if _tot > {plan.max_units}: _tot = {plan.max_units}")
    lowest = max(lowest, plan.min_units) if plan.min_units is not None else lowest
    # relative tiers (top_percent) depend on the run: the facade places them once it knows the thresholds
    fixed = [(j, t.units) for j, t in enumerate(plan.tiers) if t.units is not None]
    if len(fixed) > _CHUNK:
        src.add(body, f"_tier = {em.bind(_tier_lookup(fixed), 'tiers')}(_tot)")
        names_by_index = {None: None} | {j: t.name for j, t in enumerate(plan.tiers)}
        src.add(body, f"_tn = {em.bind(names_by_index, 'tn')}[_tier]")
    else:  # each tier's index and name together, as one constant; a tier every total reaches ends the chain
        chain, final = "", "(None, None)"
        for j, units in fixed:
            if units <= lowest:
                final = repr((j, plan.tiers[j].name))
                break
            chain += f"{(j, plan.tiers[j].name)!r} if _tot >= {units} else "
        src.add(body, f"_tier, _tn = {chain}{final}")
    # the score as from_units gives it
    score = f"_tot / {10**d}" if d > 0 else f"_tot * {10 ** (-d)}"
    points_tuple = "(" + "".join(f"p{i}, " for i in factor_range) + ")"
    adj_tuple = "(" + "".join(f"a{k}, " for k in range(len(plan.adjustments))) + ")"
    values_tuple = "(" + "".join(f"x{i}, " for i in factor_range) + ")"
    bands_tuple = "(" + "".join((f"b{i}, " if fac.bands is not None else "None, ") for i, fac in enumerate(plan.factors)) + ")"
    common = {"program": "_program", "record": "r", "as_of": "as_of", "filter_values": filters_tuple, "portfolio_values": "_pv"}
    common["id"] = "_id"
    full = {"let_values": lets_tuple, "factor_values": values_tuple, "band_indexes": bands_tuple}
    scored = {"factor_units": points_tuple, "adjustment_values": adj_tuple}
    if plan.segmented:
        segments = "".join((f"s{i}, " if fac.by is not None else "None, ") for i, fac in enumerate(plan.factors))
        scored["factor_segments"] = f"({segments})"
    scored |= {"raw_units": "_raw", "total_units": "_tot", "tier_index": "_tier", "score": score, "tier": "_tn"}
    scored["filter_values"] = "(" + "True, " * len(plan.filters) + ")"  # an eligible record passed every filter
    src.add(body, "if _explain:")
    src.add(body + 1, _result(common | full | scored))
    src.add(body, _result(common | scored))
    src.add(1, "if _explain:")
    late = [let for let in plan.lets if not let.for_filters]
    if late:
        # An ineligible record's explanation shows every let: the ones its filters did not read are computed
        # here too.  If one fails, all are left to the reference evaluator, which the explanation then asks.
        src.add(2, "try:")
        for let in late:
            _assign(src, 3, em, names[let.name], let.expr)
        src.add(2, "except Exception:")
        src.add(3, _result(common | {"let_values": early_lets_tuple}))
        src.add(2, _result(common | {"let_values": lets_tuple}))
    else:
        src.add(2, _result(common | {"let_values": early_lets_tuple}))
    src.add(1, _result(common))
    filename = f"<policy {plan.name}>"
    single = "\n".join(src.lines) + "\n"
    exec(compile(single, filename, "exec"), ns)  # noqa: S102 - the source is generated from checked expressions only
    evaluate = ns["_evaluate"]
    if plan.uses_book:
        return evaluate, single
    loop = "\n".join(_one_after_another(src.lines)) + "\n"
    ns["_check_id"] = partial(check_id, id_field=plan.id_field)
    # compiled when first used (as long again to compile as _evaluate), with the line numbers it has in the source
    evaluate.many = _compiled_when_used("\n" * (len(src.lines) + 1) + loop, filename, ns)
    return evaluate, single + "\n" + loop


def _compiled_when_used(source: str, filename: str, ns: dict[str, Any]) -> Callable[..., Any]:
    """A function calling ``_evaluate_many`` of ``source``, which is compiled at the first call."""
    compiled: list[Callable[..., Any]] = []

    def many(*args: Any) -> Any:
        if not compiled:
            exec(compile(source, filename, "exec"), ns)  # noqa: S102 - generated from checked expressions only
            compiled.append(ns["_evaluate_many"])
        return compiled[0](*args)

    return many


def _one_after_another(lines: list[str]) -> list[str]:
    """``_evaluate_many(records, as_of, explain, fail, day=None)``: a generator scoring records one after another.

    The body of ``_evaluate`` (``lines``) in a loop: each ``return`` of a result
    yields it once its id is checked (an id that is not a finite number rejects
    the record); an exception yields what ``fail(record, exception, as_of)``
    gives.  ``day(as_of)``, when given, is the date the records are scored as
    of: converted when the first result is asked for, as nothing else runs before.
    """
    out = ["def _evaluate_many(records, as_of, _explain, _fail, _day=None):", "    _pv = None"]
    out += ["    if _day is not None: as_of = _day(as_of)", "    for r in records:", "        try:"]
    for line in lines[1:]:
        text = line.lstrip()
        indent = " " * (len(line) - len(text) + 8)
        if text.startswith("return "):
            out += [f"{indent}if _id.__class__ is float: _check_id(_id)", f"{indent}yield {text[7:]}", f"{indent}continue"]
        else:
            out.append(indent + text)
    # a record that cannot be scored: the caller says what it yields
    return out + ["        except Exception as _exc:", "            yield _fail(r, _exc, as_of)"]
