"""Explanations as data: a :class:`~policyscore.engine.result.Result` turned into the stable JSON explanation.

The explanation is assembled from what the back end produced while scoring
(lets, filter outcomes, factor values, matched bands, points, adjustments,
total, tier).  A result scored without explanations, and the lets an
ineligible record did not need, are completed by the reference evaluator.
Which rule decides what (ranking of reasons, the next tier) is defined once,
in :mod:`policyscore.engine.reference`; null reasons and ``--trace`` read the
reference interpreter's traces.  Every renderer (text, table, markdown, JSON)
presents this data and computes nothing of its own.
"""

from __future__ import annotations

from typing import Any

from policyscore._version import __version__
from policyscore.engine import reference
from policyscore.engine.reference import describe_value
from policyscore.language import nodes as n
from policyscore.language.interpreter import Traced, traced
from policyscore.language.rounding import from_units
from policyscore.language.semantics import to_plain
from policyscore.policyfile.program import Expression, Factor, Input, InputKind, Program

__all__ = ["explain", "why_null", "trace_tree", "trace_of", "input_values", "describe_value"]

_PLAIN = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    """``value`` as JSON shows it, without a call for the common scalar cases."""
    return value if value is None or value.__class__ in _PLAIN else to_plain(value)


def input_values(result: Any, inputs: tuple[Input, ...]) -> dict[str, Any]:
    """The values some inputs had, by name (dotted for nested fields), as JSON shows them.

    Record values are shown as the record holds them (they were checked when scored).
    """
    record = result.record
    params = result.program.plain_params
    out: dict[str, Any] = {}
    for item in inputs:
        kind = item.kind
        if kind is InputKind.PARAM:
            out[item.name] = params[item.root]
            continue
        value = record.get(item.root) if kind is InputKind.FIELD else result.lookup(item.root)
        for part in item.parts:
            value = value.get(part) if isinstance(value, dict) else None
        out[item.name] = _plain(value)
    return out


def explain(result: Any) -> dict[str, Any]:
    """The full explanation of ``result`` (see ``schemas/explanation.schema.json``)."""
    program: Program = result.program
    d = program.decimals
    eligible = result.eligible
    if eligible and result.factor_values is None:  # scored without explanations: the reference completes it
        outcome = reference.evaluate(program, result.record, result.as_of, portfolio=result.portfolio_values)
        values, bands, lets = outcome.values, outcome.bands, outcome.lets
        result = result._replace(let_values=lets, factor_values=values, band_indexes=bands, factor_segments=outcome.segments)
    out: dict[str, Any] = {
        "id": to_plain(result.id),
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
        out["portfolio"] = [row.details(call.key, result.record) for call in program.portfolio]
    lookup = result.lookup
    out["lets"] = [
        {"name": let.name, "expression": let.text, "value": _plain(lookup(let.name)), "inputs": input_values(result, let.expr.inputs)}
        for let in program.lets
    ]
    filters = []
    for flt, value in zip(program.filters, result.filter_values):
        filters.append(
            {
                "id": flt.id,
                "description": flt.description,
                "expression": flt.text,
                "passed": value is True,
                "result": value,
                "inputs": input_values(result, flt.expr.inputs),
                "null_reason": why_null(flt.expr, lookup, program) if value is None else None,
            }
        )
    out["filters"] = filters
    factors: list[dict[str, Any]] = []
    adjustments: list[dict[str, Any]] = []
    if eligible:
        segments = result.factor_segments
        for i, fac in enumerate(program.factors):
            entry = _factor_entry(result, fac, result.factor_values[i], result.band_indexes[i], result.factor_units[i])
            if segments is not None and fac.by is not None:  # weights by segment: the record's segment and weight
                choice = reference.weight_choice(fac, segments[i])
                assert choice is not None
                entry.update(segment=_plain(segments[i]), weight=choice.weight, max_points=from_units(choice.max_units, d))
            factors.append(entry)
        for adj, applied in zip(program.adjustments, result.adjustment_values):
            adjustments.append(
                {
                    "id": adj.id,
                    "description": adj.description,
                    "expression": adj.text,
                    "condition": applied,
                    "applied": applied is True,
                    "points": from_units(adj.units if applied is True else 0, d),
                    "defined_points": from_units(adj.units, d),
                    "inputs": input_values(result, adj.expr.inputs),
                    "null_reason": why_null(adj.expr, lookup, program) if applied is None else None,
                }
            )
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
        out["reasons"] = _reasons(program, result, factors, adjustments)
    else:
        out["total"] = None
        out["next_tier"] = None
        out["reasons"] = _filter_reasons(filters)
    return out


def _tier_min(program: Program, above: tuple[int, int], total_units: int) -> float | int:
    """The lowest score of a tier: its ``min`` as written, or a relative tier's threshold in this run."""
    tier = program.tiers[above[0]]
    return tier.min if tier.min is not None else from_units(above[1] + total_units, program.decimals)


def _factor_entry(result: Any, info: Factor, raw: Any, band: int | None, units: int) -> dict[str, Any]:
    program = result.program
    finite = raw is None or raw - raw == 0
    missing = raw is None or not finite
    reason = None if finite else f"'{info.text}' gave {raw!r}, not a finite number"
    band_entry = None
    if info.bands is not None:
        if band is None:
            # Missing: the bands before the first null condition were false; that one says why.
            for b in info.bands:
                if b.expr is None:
                    break
                reason = why_null(b.expr, result.lookup, program)
                if reason is not None:
                    break
        else:
            chosen = info.bands[band]
            band_entry = {"index": band, "label": chosen.label, "when": chosen.text, "value": chosen.value}
    elif raw is None:
        assert info.expr is not None
        reason = why_null(info.expr, result.lookup, program)
    value = info.missing if missing else (0 if raw < 0 else 1 if raw > 1 else raw)
    return {
        "id": info.id,
        "description": info.description,
        "expression": info.text,
        "weight": info.weight,
        "raw_value": raw if finite else None,  # a number or null
        "value": value,
        "clamped": (not missing) and (raw < 0 or raw > 1),
        "missing": missing,
        "missing_reason": reason,
        "band": band_entry,
        "points": from_units(units, program.decimals),
        "max_points": info.max_points,
        "inputs": input_values(result, info.inputs),
    }


def _reasons(program: Program, result: Any, factors: list[dict[str, Any]], adjustments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The causes of lost points, ranked by :func:`policyscore.engine.reference.ranked_reasons`."""
    out = []
    for kind, i, lost in reference.ranked_reasons(program, result.factor_units, result.adjustment_values, segments=result.factor_segments):
        if kind == "factor":
            entry, text = factors[i], _factor_sentence(factors[i], program.factors[i])
        else:
            entry, text = adjustments[i], _adjustment_sentence(adjustments[i])
        rid = entry["id"]
        out.append(
            {"kind": kind, "id": rid, kind: rid, "code": f"{kind}:{rid}", "lost_points": from_units(lost, program.decimals), "text": text}
        )
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


def _factor_sentence(entry: dict[str, Any], factor: Factor) -> str:
    """What the factor gave and what the customer would need to get more from it."""
    got = f"{describe_value(entry['points'])} of {describe_value(entry['max_points'])} points"
    if entry["missing"]:
        why = entry["missing_reason"] or "no data"
        return f"{entry['id']}: {got}; no value ({why}), counted as {describe_value(entry['value'])}; needs the missing data"
    if entry["band"] is not None:
        band = entry["band"]
        label = band["label"] or ("otherwise" if band["when"] is None else band["when"])
        text = f"{entry['id']}: {got}; matched band '{label}' worth {describe_value(band['value'])}"
        better = _better_band(factor, band["index"])
        return text if better is None else text + f"; needs {' '.join((better.text or '').split())} for {describe_value(better.value)}"
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


def why_null(expr: Expression, lookup: Any, program: Program, skip: frozenset[str] = frozenset()) -> str | None:
    """Say where a null came from: missing fields, divisions by zero, functions that gave null.

    A null let is followed into its own expression, so the reason names the
    field or division at the source.
    """
    tree, error = traced(expr.node, lookup)
    if error is not None or tree.value is not None:
        return None
    origins: list[str] = []
    _find_origins(tree, expr.text, origins, lookup, program, skip)
    return "; ".join(dict.fromkeys(origins)) or None


def _find_origins(tree: Traced, text: str, out: list[str], lookup: Any, program: Program, skip: frozenset[str]) -> None:
    if tree.value is not None:
        return
    null_kids = [c for c in tree.children if c.value is None]
    if null_kids:
        for c in null_kids:
            _find_origins(c, text, out, lookup, program, skip)
        return
    node = tree.node
    src = text[node.span[0] : node.span[1]]
    match node:
        case n.Name(name=name) if name not in skip and program.let_named(name) is not None:
            let = program.let_named(name)
            assert let is not None
            reason = why_null(let.expr, lookup, program, skip | {name})
            out.append(f"{reason} (in let '{name}')" if reason else f"'{name}' is null")
        case n.Name(name=name):
            out.append(f"'{name}' is null")
        case n.Attr():
            out.append(f"'{src}' is null")
        case n.Binary(op="/" | "%"):
            out.append(f"division by zero in '{src}'")
        case n.Call():
            out.append(f"'{src}' gave null")
        case n.Literal():
            out.append("the expression uses null")
        case _:
            out.append(f"'{src}' is null")


# ---------------------------------------------------------------- traces


def trace_tree(tree: Traced, text: str) -> dict[str, Any]:
    """Every sub-expression of a traced expression with its value, as a nested tree."""

    def build(node: n.Expr, done: Traced | None) -> dict[str, Any]:
        return {
            "expression": text[node.span[0] : node.span[1]],
            "evaluated": done is not None,
            "value": to_plain(done.value) if done is not None else None,
            "children": [build(c, done.child(c) if done is not None else None) for c in n.children(node)],
        }

    return build(tree.node, tree)


def trace_of(result: Any) -> list[dict[str, Any]]:
    """Every sub-expression's value for each rule the record went through (``--trace``).

    Each entry is ``{"label": "factor size", "tree": ...}`` (see :func:`trace_tree`): every let in policy
    order (also those an ineligible record did not need), then the filters, then, for an eligible record,
    each factor (bands up to the one that decided) and each adjustment, as the reference evaluator went.
    """
    program: Program = result.program
    outcome = reference.evaluate(program, result.record, result.as_of, trace=True, portfolio=result.portfolio_values)
    lets: dict[int, Traced] = {}
    rest: list[dict[str, Any]] = []
    for step in outcome.steps:
        assert step.trace is not None
        if step.kind == "let":
            lets[step.index] = step.trace
            continue
        if step.kind == "band":
            label = f"factor {program.factors[step.index].id}, band {(step.band or 0) + 1}"
        elif step.kind == "segment":
            label = f"factor {program.factors[step.index].id}, segment"
        else:
            parts: dict[str, tuple[Any, ...]] = {"filter": program.filters, "factor": program.factors, "adjustment": program.adjustments}
            label = f"{step.kind} {parts[step.kind][step.index].id}"
        rest.append({"label": label, "tree": trace_tree(step.trace, step.expr.text)})
    out = []
    for i, let in enumerate(program.lets):
        tree = lets.get(i) or traced(let.expr.node, result.lookup)[0]
        out.append({"label": f"derived value {let.name}", "tree": trace_tree(tree, let.expr.text)})
    return out + rest
