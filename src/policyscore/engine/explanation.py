"""Explanations as data: a :class:`~policyscore.engine.result.Result` turned into the stable JSON explanation.

The explanation is assembled from what the back end produced while scoring
(lets, filter outcomes, factor values, matched bands, points, adjustments,
total, tier).  A result scored without explanations, and the lets a back end
left uncomputed for an ineligible record, are completed by the reference
evaluator.
Which rule decides what (ranking of reasons, the next tier) is defined once,
in :mod:`policyscore.engine.reference`; null reasons and ``--trace`` come from
:mod:`policyscore.engine.traces`, which reads the reference interpreter's traces.  Every renderer (text, table, markdown, JSON)
presents this data and computes nothing of its own.

What does not depend on the record (ids, descriptions, expression texts,
weights, how each input is read, the words of each band) is prepared once per
program (:class:`_Plan`); a null reason, a pure function of the values its
expression reads, is remembered per distinct set of those values.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from policyscore._version import __version__
from policyscore.engine import reference
from policyscore.engine.reference import NOT_COMPUTED, describe_value
from policyscore.engine.traces import trace_of, trace_tree, why_null
from policyscore.language.interpreter import ExprRuntimeError, interpret
from policyscore.language.rounding import from_units
from policyscore.language.semantics import to_plain
from policyscore.policyfile.program import Expression, Factor, Input, InputKind, Program

__all__ = ["explain", "why_null", "trace_tree", "trace_of", "input_values", "describe_value"]

_PLAIN = frozenset({str, int, float, bool})
_REMEMBER_LIMIT = 20_000  # null reasons, and let values, remembered per program
# Let values remembered: immutable values only (a list would be shared between explanations).
_REMEMBERED = frozenset({type(None), bool, int, float, str, date})


def _plain(value: Any) -> Any:
    """``value`` as JSON shows it, without a call for the common scalar cases."""
    cls = value.__class__
    if cls is float:
        return value if value - value == 0 else repr(value)  # an overflow (inf) or NaN: no JSON number holds it
    return value if value is None or cls in _PLAIN else to_plain(value)


# ---------------------------------------------------------------- what is the same for every record

# Declared kinds whose checked values JSON shows as they are (to_plain changes only dates, lists and objects).
_SHOWN_AS_IS = frozenset({"string", "number", "boolean"})

_Reader = Callable[[dict[str, Any], tuple[Any, ...], Any], dict[str, Any]]


def _walk(value: Any, parts: tuple[str, ...]) -> Any:
    """A nested field's value below ``value`` (null where a level is not an object)."""
    for part in parts:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _reader(program: Program, inputs: tuple[Input, ...]) -> _Reader:
    """``read(record, lets, result)``: the values of ``inputs`` by name (dotted for nested fields), as JSON
    shows them, in their order: params as JSON values, fields as the record holds them (they were checked
    when scored), lets as computed, ``as_of`` and the rest as ``result.lookup`` gives them."""
    ns: dict[str, Any] = {"_plain": _plain, "_walk": _walk}
    shown = []
    for k, item in enumerate(inputs):
        if item.kind is InputKind.PARAM:
            ns[f"_k{k}"] = program.plain_params[item.root]
            shown.append(f"{item.name!r}: _k{k}")
            continue
        if item.kind is InputKind.FIELD:
            decl = program.fields.get(item.root)
            value, kind = f"record.get({item.root!r})", decl.type.kind if decl is not None else "any"
        elif item.kind is InputKind.LET:
            let = program.lets[program.let_positions[item.root]]
            value, kind = f"lets[{program.let_positions[item.root]}]", let.expr.type.kind
            kind = "any" if kind == "number" else kind  # a computed number may have overflowed: not shown as is
        else:
            value, kind = f"result.lookup({item.root!r})", "any"
        if item.parts:
            value, kind = f"_walk({value}, {item.parts!r})", "any"
        shown.append(f"{item.name!r}: {value if kind in _SHOWN_AS_IS else f'_plain({value})'}")
    source = "def read(record, lets, result):\n    return {" + ", ".join(shown) + "}\n"
    exec(compile(source, f"<inputs of policy {program.name}>", "exec"), ns)  # noqa: S102 - names and keys written with repr
    return ns["read"]  # type: ignore[no-any-return]


class _Plan:
    """The parts of a program's explanations that no record changes, prepared once."""

    def __init__(self, program: Program):
        self.program = weakref.ref(program)
        self.lets = tuple((let.name, let.text, _reader(program, let.expr.inputs)) for let in program.lets)
        self.factor_codes = tuple(f"factor:{f.id}" for f in program.factors)
        self.filters = tuple((f, _reader(program, f.expr.inputs)) for f in program.filters)
        self.factors = tuple((f, _reader(program, f.inputs), _factor_words(f)) for f in program.factors)
        # each factor's entry with what no record changes filled in (copied per explanation, its order kept)
        self.factor_entries = tuple(_factor_template(f) for f in program.factors)
        self.band_entries: tuple[tuple[dict[str, Any], ...], ...] = tuple(
            tuple({"index": j, "label": b.label, "when": b.text, "value": b.value} for j, b in enumerate(f.bands or ()))
            for f in program.factors
        )
        d = program.decimals
        self.adjustments = tuple(
            (a, _reader(program, a.expr.inputs), from_units(a.units, d), from_units(0, d)) for a in program.adjustments
        )
        # filters' and adjustments' entries as every record starts them (copied per explanation, their order kept)
        self.filter_entries: tuple[dict[str, Any], ...] = tuple(
            {"id": f.id, "description": f.description, "expression": f.text, "passed": False, "result": None}
            | {"inputs": None, "null_reason": None}
            for f in program.filters
        )
        self.adjustment_entries: tuple[dict[str, Any], ...] = tuple(
            {
                "id": a.id,
                "description": a.description,
                "expression": a.text,
                "condition": None,
                "applied": False,
                "points": from_units(0, d),
                "defined_points": from_units(a.units, d),
                "inputs": None,
                "null_reason": None,
            }
            for a in program.adjustments
        )
        # For each expression whose null reason may be remembered: (its slot, what the reason depends on).
        self.null_keys: dict[int, tuple[int, _Recipe]] = {}
        self.reasons: dict[tuple[Any, ...], str | None] = {}
        # The reason sentences of missing and banded factors, by what they say: (factor, points, maximum,
        # missing reason, value, band).
        self.sentences: dict[tuple[Any, ...], str] = {}
        # What each let reads (fields, as_of, other lets' values), for remembering its value; None: not remembered.
        self.let_reads: tuple[_Recipe | None, ...] = tuple(None if program.portfolio else _reads(program, let.expr) for let in program.lets)
        self.let_values: dict[tuple[Any, ...], Any] = {}
        if not program.portfolio:  # portfolio values are not inputs: reasons that read them are not remembered
            exprs: list[Expression] = [let.expr for let in program.lets] + [f.expr for f in program.filters]
            exprs += [a.expr for a in program.adjustments]
            exprs += [e for f in program.factors for e in ((f.expr,) if f.bands is None else (b.expr for b in f.bands)) if e is not None]
            for slot, expr in enumerate(exprs):
                self.null_keys[id(expr)] = (slot, _recipe(program, expr))


# What a null reason depends on, read per record: (0, field) the field as the record holds it, (1, None)
# ``as_of``, (2, (position, recipe)) a let: its value, or when it is null, what the let's own reason depends on.
_Recipe = tuple[tuple[int, Any], ...]


def _recipe(program: Program, expr: Expression) -> _Recipe:
    out: dict[tuple[int, Any], None] = {}
    for item in expr.inputs:
        if item.kind is InputKind.LET:
            i = program.let_positions[item.root]
            out[(2, (i, _recipe(program, program.lets[i].expr)))] = None
        elif item.kind is InputKind.AS_OF:
            out[(1, None)] = None
        elif item.kind is InputKind.FIELD:
            out[(0, item.root)] = None
    return tuple(out)


def _reads(program: Program, expr: Expression) -> _Recipe:
    """What ``expr``'s value depends on: the fields, ``as_of`` and the values of the lets it reads."""
    return tuple((kind, (what[0], ()) if kind == 2 else what) for kind, what in _recipe(program, expr))


def _key(recipe: _Recipe, record: dict[str, Any], lets: Sequence[Any], as_of: Any) -> tuple[Any, ...]:
    """The values a null reason depends on (see :data:`_Recipe`): a value's class is part of the key (1 and
    True are equal), floats count by their bits (0.0 and -0.0 are equal)."""
    out: list[Any] = []
    for kind, what in recipe:
        if kind == 0:
            value = record.get(what)
        elif kind == 1:
            value = as_of
        else:
            value = lets[what[0]]
            if value is None:  # the reason follows a null let into its own expression
                out.append((None, _key(what[1], record, lets, as_of)))
                continue
        out.append((value.__class__, value.hex() if value.__class__ is float else value))
    return tuple(out)


_PLANS: dict[int, _Plan] = {}


def _plan_of(program: Program) -> _Plan:
    """The plan of ``program``, prepared at its first explanation and dropped with it."""
    key = id(program)
    plan = _PLANS.get(key)
    if plan is None or plan.program() is not program:
        plan = _PLANS[key] = _Plan(program)
        weakref.finalize(program, _PLANS.pop, key, None)
    return plan


def _complete_lets(result: Any, plan: _Plan) -> tuple[Any, ...]:
    """Every let's value: those the back end did not compute are interpreted, each once, or taken from the
    values remembered for the same values read (a let's value depends on nothing else)."""
    program: Program = result.program
    lets = program.lets
    values = list(result.let_values) if result.let_values is not None else [NOT_COMPUTED] * len(lets)
    positions = program.let_positions
    outer = result.lookup
    record, as_of, remembered = result.record, result.as_of, plan.let_values

    def lookup(name: str) -> Any:
        i = positions.get(name)
        if i is None:
            return outer(name)
        if values[i] is NOT_COMPUTED:
            compute(i)
        return values[i]

    def compute(i: int) -> None:
        recipe = plan.let_reads[i]
        key: Any = None
        if recipe is not None:
            for kind, what in recipe:
                if kind == 2 and values[what[0]] is NOT_COMPUTED:
                    compute(what[0])
            key = (i, _key(recipe, record, values, as_of))
            try:
                values[i] = remembered[key]
                return
            except KeyError:
                pass
            except TypeError:  # a list or an object among the values: not remembered
                key = None
        try:
            value = values[i] = interpret(lets[i].expr.node, lookup)
        except ExprRuntimeError:
            # Only an ineligible record gets here (an eligible one computed every let, or was rejected): its
            # filters did not need this let, and a value of the wrong kind in it is shown as no value.
            values[i] = None
            return
        if key is not None and value.__class__ in _REMEMBERED and len(remembered) < _REMEMBER_LIMIT:
            remembered[key] = value

    for i in range(len(lets)):
        if values[i] is NOT_COMPUTED:
            compute(i)
    return tuple(values)


def input_values(result: Any, inputs: tuple[Input, ...]) -> dict[str, Any]:
    """The values some inputs had, by name (dotted for nested fields), as JSON shows them.

    Record values are shown as the record holds them (they were checked when scored).
    """
    lets = result.let_values
    if lets is None or NOT_COMPUTED in lets:
        lets = _complete_lets(result, _plan_of(result.program))
    return _reader(result.program, inputs)(result.record, lets, result)


def explain(result: Any) -> dict[str, Any]:
    """The full explanation of ``result`` (see ``schemas/explanation.schema.json``)."""
    program: Program = result.program
    plan = _plan_of(program)
    d = program.decimals
    scale = 10**d
    eligible = result.factor_units is not None
    if eligible and result.factor_values is None:  # scored without explanations: the reference completes it
        outcome = reference.evaluate(program, result.record, result.as_of, portfolio=result.portfolio_values)
        values, bands, lets = outcome.values, outcome.bands, outcome.lets
        result = result._replace(let_values=lets, factor_values=values, band_indexes=bands, factor_segments=outcome.segments)
    lets = result.let_values
    if lets is None or NOT_COMPUTED in lets:
        lets = _complete_lets(result, plan)
        result = result._replace(let_values=lets)
    record = result.record
    out: dict[str, Any] = {
        "id": _plain(result.id),
        "eligible": eligible,
        "score": result.score,
        "tier": result.tier,
        "as_of": result.as_of.isoformat(),
        "policy": {"name": program.name, "version": program.version, "sha256": program.sha256},
        "engine": {"name": "policyscore", "version": __version__},
    }
    row = result.portfolio_values
    if row is not None:  # a policy with portfolio functions: the book it was scored against, and each value
        out["policy"]["portfolio"] = {"records": row.portfolio.size, "sha256": row.portfolio.sha256}
        if program.relative_tiers:  # the threshold each relative tier had in this run (null: no eligible customer)
            found = row.portfolio.tier_thresholds or {}
            out["policy"]["portfolio"]["tier_thresholds"] = {
                t.name: (from_units(found[i], d) if i in found else None) for i, t in enumerate(program.tiers) if t.top_percent is not None
            }
        out["portfolio"] = [row.details(call.key, record) for call in program.portfolio]
    out["lets"] = [
        {"name": name, "expression": text, "value": _plain(v), "inputs": read(record, lets, result)}
        for (name, text, read), v in zip(plan.lets, lets)
    ]
    filters = []
    for (flt, read), template, value in zip(plan.filters, plan.filter_entries, result.filter_values):
        entry = template.copy()
        entry["passed"] = value is True
        entry["result"] = value
        entry["inputs"] = read(record, lets, result)
        if value is None:
            entry["null_reason"] = _why_null(plan, flt.expr, result)
        filters.append(entry)
    out["filters"] = filters
    factors: list[dict[str, Any]] = []
    adjustments: list[dict[str, Any]] = []
    if eligible:
        segments = result.factor_segments
        points = (lambda u: u / scale) if d > 0 else (lambda u: from_units(u, d))
        parts = zip(plan.factors, result.factor_values, result.band_indexes, result.factor_units)
        for k, ((fac, read, _), raw, band, units) in enumerate(parts):
            entry = _factor_entry(plan, result, k, raw, band, points(units))
            entry["inputs"] = read(record, lets, result)
            if segments is not None and fac.by is not None:  # weights by segment: the record's segment and weight
                choice = reference.weight_choice(fac, segments[len(factors)])
                assert choice is not None
                entry.update(segment=_plain(segments[len(factors)]), weight=choice.weight, max_points=from_units(choice.max_units, d))
            factors.append(entry)
        for (adj, read, applied_points, _), template, applied in zip(plan.adjustments, plan.adjustment_entries, result.adjustment_values):
            entry = template.copy()
            entry["condition"] = applied
            if applied is True:
                entry["applied"] = True
                entry["points"] = applied_points
            entry["inputs"] = read(record, lets, result)
            if applied is None:
                entry["null_reason"] = _why_null(plan, adj.expr, result)
            adjustments.append(entry)
    out["factors"] = factors
    out["adjustments"] = adjustments
    if eligible:
        factor_units = sum(result.factor_units)
        out["total"] = {
            "factor_points": from_units(factor_units, d),
            "adjustment_points": from_units(result.raw_units - factor_units, d),
            "unclamped": from_units(result.raw_units, d),
            "clamped": result.raw_units != result.total_units,
            "min": program.score_min,
            "max": program.score_max,
            "score": result.score,
        }
        thresholds = row.portfolio.tier_thresholds if row is not None else None
        above = reference.next_tier(program, result.tier_index, result.total_units, thresholds)
        out["next_tier"] = None
        if above is not None:
            tier_min = _tier_min(program, above, result.total_units)
            out["next_tier"] = {"name": program.tiers[above[0]].name, "min": tier_min, "points_short": from_units(above[1], d)}
        out["reasons"] = _reasons(plan, program, result, factors, adjustments)
    else:
        out["total"] = None
        out["next_tier"] = None
        out["reasons"] = _filter_reasons(filters)
    return out


def _tier_min(program: Program, above: tuple[int, int], total_units: int) -> float | int:
    """The lowest score of a tier: its ``min`` as written, or a relative tier's threshold in this run."""
    tier = program.tiers[above[0]]
    return tier.min if tier.min is not None else from_units(above[1] + total_units, program.decimals)


def _factor_template(info: Factor) -> dict[str, Any]:
    """A factor's entry as every record starts it: the keys in their order, what is the same for all filled in."""
    return {
        "id": info.id,
        "description": info.description,
        "expression": info.text,
        "weight": info.weight,
        "raw_value": None,
        "value": info.missing,
        "clamped": False,
        "missing": True,
        "missing_reason": None,
        "band": None,
        "points": None,
        "max_points": info.max_points,
        "inputs": None,
    }


def _factor_entry(plan: _Plan, result: Any, k: int, raw: Any, band: int | None, points: float | int) -> dict[str, Any]:
    """Factor ``k``'s entry; its ``inputs`` are added by the caller."""
    info = plan.factors[k][0]
    entry = plan.factor_entries[k].copy()
    entry["points"] = points
    if raw is not None and raw - raw == 0:  # a finite number: not missing
        entry["raw_value"] = raw
        entry["missing"] = False
        if raw < 0 or raw > 1:
            entry["value"] = 0 if raw < 0 else 1
            entry["clamped"] = True
        else:
            entry["value"] = raw
        if band is not None:
            entry["band"] = plan.band_entries[k][band].copy()
        return entry
    reason = None if raw is None else f"'{info.text}' gave {raw!r}, not a finite number"
    if info.bands is not None:
        # Missing: the bands before the first null condition were false; that one says why.
        for b in info.bands:
            if b.expr is None:
                break
            reason = _why_null(plan, b.expr, result)
            if reason is not None:
                break
    elif raw is None:
        assert info.expr is not None
        reason = _why_null(plan, info.expr, result)
    entry["missing_reason"] = reason
    return entry


def _reasons(
    plan: _Plan, program: Program, result: Any, factors: list[dict[str, Any]], adjustments: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The causes of lost points, ranked by :func:`policyscore.engine.reference.ranked_reasons`."""
    out = []
    d = program.decimals
    sentences = plan.sentences
    for kind, i, lost in reference.ranked_reasons(program, result.factor_units, result.adjustment_values, segments=result.factor_segments):
        if kind == "factor":
            entry, code = factors[i], plan.factor_codes[i]
            band = entry["band"]
            if entry["missing"] or band is not None:  # a few sentences per factor: remembered
                key = (i, entry["points"], entry["max_points"], entry["missing_reason"], entry["value"], band and band["index"])
                text = sentences.get(key)
                if text is None:
                    text = _factor_sentence(entry, plan.factors[i][2])
                    if len(sentences) < _REMEMBER_LIMIT:
                        sentences[key] = text
            else:
                text = _factor_sentence(entry, plan.factors[i][2])
        else:
            entry = adjustments[i]
            code, text = f"adjustment:{entry['id']}", _adjustment_sentence(entry)
        rid = entry["id"]
        out.append({"kind": kind, "id": rid, kind: rid, "code": code, "lost_points": from_units(lost, d), "text": text})
    return out


def _filter_reasons(filters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for entry in filters:
        if entry["passed"]:
            continue
        shown = ", ".join(f"{k} = {describe_value(v)}" for k, v in entry["inputs"].items())
        if entry["result"] is None:
            text = f"{entry['id']} could not be checked: {entry['null_reason']}"
        else:
            text = f"{entry['id']} failed: {entry['expression']}" + (f" (with {shown})" if shown else "")
        out.append(
            {"kind": "filter", "id": entry["id"], "filter": entry["id"], "code": f"filter:{entry['id']}", "lost_points": None, "text": text}
        )
    return out


def _factor_words(factor: Factor) -> tuple[str | None, tuple[str, ...]]:
    """What a factor's reason says whatever the record: its maximum points (None: they depend on the record's
    segment), and for each band the band matched and, when an earlier band is worth more, what the customer
    would need for it."""
    phrases = []
    for j, band in enumerate(factor.bands or ()):
        label = band.label or ("otherwise" if band.text is None else band.text)
        text = f"matched band '{label}' worth {describe_value(band.value)}"
        better = _better_band(factor, j)
        phrases.append(
            text if better is None else text + f"; needs {' '.join((better.text or '').split())} for {describe_value(better.value)}"
        )
    return (describe_value(factor.max_points) if factor.by is None else None), tuple(phrases)


def _factor_sentence(entry: dict[str, Any], words: tuple[str | None, tuple[str, ...]]) -> str:
    """What the factor gave and what the customer would need to get more from it (``words``: :func:`_factor_words`)."""
    got = f"{describe_value(entry['points'])} of {words[0] or describe_value(entry['max_points'])} points"
    if entry["missing"]:
        why = entry["missing_reason"] or "no data"
        return f"{entry['id']}: {got}; no value ({why}), counted as {describe_value(entry['value'])}; needs the missing data"
    if entry["band"] is not None:
        return f"{entry['id']}: {got}; {words[1][entry['band']['index']]}"
    text = f"{entry['id']}: {got}; value {describe_value(entry['value'])} of 1"
    if entry["clamped"]:
        text += f" (clamped from {describe_value(entry['raw_value'])})"
    return text + "; full marks need a value of 1"


def _better_band(factor: Factor, matched: int) -> Any:
    """The band just above ``matched`` (the nearest earlier band) that is worth more, if any."""
    bands = factor.bands or ()
    return next((b for b in reversed(bands[:matched]) if b.value > bands[matched].value and b.text is not None), None)


def _adjustment_sentence(entry: dict[str, Any]) -> str:
    shown = ", ".join(f"{k} = {describe_value(v)}" for k, v in entry["inputs"].items())
    rule = " ".join(entry["expression"].split())
    return (
        f"{entry['id']}: {describe_value(entry['points'])} points; applied because {rule}"
        + (f" (with {shown})" if shown else "")
        + ("; needs that condition to be false")
    )


# ---------------------------------------------------------------- why a value is null


def _why_null(plan: _Plan, expr: Expression, result: Any) -> str | None:
    """:func:`why_null` of ``expr`` for ``result`` (its lets complete), remembered per distinct values of what
    the reason depends on: the fields and lets ``expr`` reads (a null let: what its own reason depends on)."""
    spec = plan.null_keys.get(id(expr))
    if spec is None:
        return why_null(expr, result.lookup, result.program)
    key = (spec[0], _key(spec[1], result.record, result.let_values, result.as_of))
    try:
        return plan.reasons[key]
    except KeyError:
        pass
    except TypeError:  # a list or an object among the values: not remembered
        return why_null(expr, result.lookup, result.program)
    reason = why_null(expr, result.lookup, result.program)
    if len(plan.reasons) < _REMEMBER_LIMIT:
        plan.reasons[key] = reason
    return reason
