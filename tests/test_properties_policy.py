"""Property test of whole policies: the engine against an independent computation.

Random policies (tests/strategies.py) are scored on random records, and each
record's outcome (eligibility, filters, each factor's value, band, missing
flag and points, adjustments, totals, clamp, score, tier and reasons) must be
what :func:`independent_outcomes` computes from ``docs/semantics.md``: plain
Python and ``decimal``; only the expressions themselves are evaluated with the
reference interpreter.

Each evaluator is a function ``outcomes(policy_text, records, as_of)`` giving
one normalized outcome per record; comparing another evaluator is one more
entry in :data:`EVALUATORS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS, policies, records, tiers_near

import policyscore as ps
from policyscore.engine import reference
from policyscore.errors import RecordError
from policyscore.language.interpreter import interpret
from policyscore.language.parser import parse
from policyscore.language.semantics import to_plain

AS_OF = date(2026, 11, 1)
REJECTED = "rejected"
Outcome = Any
Evaluator = Callable[[str, list[dict[str, Any]], date], list[Outcome]]


# ---------------------------------------------------------------- the independent computation


def units(x: float | int, decimals: int) -> Decimal:
    """``x`` in units of ``10 ** -decimals``: taken to 15 significant digits, then rounded half away from zero."""
    exact = Decimal(x) if isinstance(x, int) else Decimal(format(x, ".15g"))
    return exact.scaleb(decimals).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _finite(x: Any) -> bool:
    return x is not None and math.isfinite(x)


def _evaluate(doc: dict[str, Any], record: dict[str, Any], as_of: date) -> Outcome:
    d = (doc.get("score") or {}).get("decimals", 2)
    lets: dict[str, Any] = {}

    def lookup(name: str) -> Any:
        if name == "as_of":
            return as_of
        return lets[name] if name in lets else record.get(name)

    def run(text: str) -> Any:
        return interpret(parse(str(text)), lookup)

    for name, text in (doc.get("let") or {}).items():
        lets[name] = run(text)
    filters = [(f["id"], run(f["when"])) for f in doc.get("filters") or []]
    failed = [fid for fid, result in filters if result is not True]
    if failed:
        return {"eligible": False, "filters": filters, "reasons": [("filter", fid, None) for fid in failed]}

    factors = []
    for f in doc["factors"]:
        band = raw = None
        if "value" in f:
            raw = run(f["value"])
            missing = not _finite(raw)
            value = f.get("missing", 0) if missing else (0 if raw < 0 else 1 if raw > 1 else raw)
        else:
            for j, b in enumerate(f["bands"]):
                condition = True if "else" in b else run(b["when"])
                if condition is not False:
                    band = j if condition is True else None
                    break
            missing = band is None
            value = f.get("missing", 0) if missing else f["bands"][band].get("else", f["bands"][band].get("value"))
            raw = None if missing else value
        points = units(f["weight"] * value, d)
        factors.append((f["id"], raw if _finite(raw) else None, value, missing, band, points))

    adjustments = []
    for a in doc.get("adjustments") or []:
        condition = run(a["when"])
        adjustments.append((a["id"], condition, units(a["points"], d) if condition is True else Decimal(0)))

    factor_units = sum((f[5] for f in factors), Decimal(0))
    adjustment_units = sum((a[2] for a in adjustments), Decimal(0))
    unclamped = factor_units + adjustment_units
    score = unclamped
    spec = doc.get("score") or {}
    if "min" in spec and score < units(spec["min"], d):
        score = units(spec["min"], d)
    if "max" in spec and score > units(spec["max"], d):
        score = units(spec["max"], d)
    tier = next((t["name"] for t in doc.get("tiers") or [] if score.scaleb(-d) >= Decimal(repr(t["min"]))), None)

    # Factors that lost points and applied penalties compete: most lost, then larger weight (a penalty's
    # weight is the points it cost), then factors before adjustments, then policy order; at most four.
    ranked = []
    for i, f in enumerate(doc["factors"]):
        lost = units(f["weight"], d) - factors[i][5]
        if lost > 0:
            ranked.append((-lost, -f["weight"], 0, i, "factor", f["id"]))
    for k, (a, (aid, condition, cost)) in enumerate(zip(doc.get("adjustments") or [], adjustments)):
        if condition is True and cost < 0:
            ranked.append((cost, a["points"], 1, k, "adjustment", aid))
    reasons = [(kind, rid, -neg) for neg, _, _, _, kind, rid in sorted(ranked)[:4]]
    return {
        "eligible": True,
        "filters": filters,
        "lets": [to_plain(v) for v in lets.values()],
        "factors": factors,
        "adjustments": adjustments,
        "total": (factor_units, adjustment_units, unclamped, score != unclamped),
        "score": score,
        "tier": tier,
        "reasons": reasons,
    }


def independent_outcomes(policy_text: str, records: list[dict[str, Any]], as_of: date) -> list[Outcome]:
    doc = yaml.safe_load(policy_text)
    out = []
    for record in records:
        try:
            out.append(_evaluate(doc, record, as_of))
        except Exception:  # noqa: BLE001 - a record the expressions cannot compute is rejected
            out.append(REJECTED)
    return out


# ---------------------------------------------------------------- the engine, normalized the same way


def _units_of(x: float | int, decimals: int) -> Decimal:
    """A number the engine shows, in units; a number with more places than ``decimals`` stays fractional."""
    if decimals == 0:
        assert isinstance(x, int), f"with decimals 0, {x!r} must be a whole number"
    return Decimal(repr(x)).scaleb(decimals)


def engine_outcomes(policy_text: str, records: list[dict[str, Any]], as_of: date) -> list[Outcome]:
    """The engine's full explanations (``Result.to_dict()``), normalized."""
    policy = ps.load_policy_text(policy_text, "random.yaml")
    d = policy.decimals
    out: list[Outcome] = []
    for result in policy.score_many(records, as_of, on_error="yield"):
        if isinstance(result, RecordError):
            out.append(REJECTED)
            continue
        x = result.to_dict()
        filters = [(f["id"], f["result"]) for f in x["filters"]]
        if not x["eligible"]:
            assert x["score"] is None and x["tier"] is None and x["total"] is None
            out.append({"eligible": False, "filters": filters, "reasons": [(r["kind"], r["id"], r["lost_points"]) for r in x["reasons"]]})
            continue
        total = x["total"]
        out.append(
            {
                "eligible": True,
                "filters": filters,
                "lets": [let["value"] for let in x["lets"]],
                "factors": [
                    (
                        f["id"],
                        f["raw_value"],
                        f["value"],
                        f["missing"],
                        None if f["band"] is None else f["band"]["index"],
                        _units_of(f["points"], d),
                    )
                    for f in x["factors"]
                ],
                "adjustments": [(a["id"], a["condition"], _units_of(a["points"], d)) for a in x["adjustments"]],
                "total": (
                    _units_of(total["factor_points"], d),
                    _units_of(total["adjustment_points"], d),
                    _units_of(total["unclamped"], d),
                    total["clamped"],
                ),
                "score": _units_of(x["score"], d),
                "tier": x["tier"],
                "reasons": [(r["kind"], r["id"], _units_of(r["lost_points"], d)) for r in x["reasons"]],
            }
        )
    return out


def engine_score_only_outcomes(policy_text: str, records: list[dict[str, Any]], as_of: date) -> list[Outcome]:
    """What a score without explanations gives: eligibility, failed filters, points, score and tier."""
    policy = ps.load_policy_text(policy_text, "random.yaml")
    d = policy.decimals
    out: list[Outcome] = []
    for result in policy.score_many(records, as_of, explain=False, on_error="yield"):
        if isinstance(result, RecordError):
            out.append(REJECTED)
        elif not result.eligible:
            assert result.score is None and result.tier is None and result.points is None
            out.append({"eligible": False, "failed": result.failed_filters})
        else:
            points = [_units_of(p, d) for p in (result.points or {}).values()]
            out.append({"eligible": True, "points": points, "score": _units_of(result.score, d), "tier": result.tier})
    return out


def reference_outcomes(policy_text: str, records: list[dict[str, Any]], as_of: date) -> list[Outcome]:
    """The reference evaluator (``policyscore.engine.reference``), read from its ``Outcome`` alone."""
    program = ps.load_program_text(policy_text, "random.yaml")
    out: list[Outcome] = []
    for record in records:
        try:
            o = reference.evaluate(program, record, as_of)
        except RecordError:
            out.append(REJECTED)
            continue
        filters = [(f.id, v) for f, v in zip(program.filters, o.filters)]
        if not o.eligible:
            failed = [("filter", f.id, None) for f, v in zip(program.filters, o.filters) if v is not True]
            out.append({"eligible": False, "filters": filters, "reasons": failed})
            continue
        assert o.values is not None and o.bands is not None and o.units is not None and o.adjustments is not None
        assert o.raw_units is not None and o.total_units is not None
        factors = []
        for f, raw, band, u in zip(program.factors, o.values, o.bands, o.units):
            missing = raw is None or not math.isfinite(raw)
            value = f.missing if missing else (0 if raw < 0 else 1 if raw > 1 else raw)
            factors.append((f.id, None if missing else raw, value, missing, band, Decimal(u)))
        adjustments = [(a.id, hit, Decimal(a.units if hit is True else 0)) for a, hit in zip(program.adjustments, o.adjustments)]
        factor_units = Decimal(sum(o.units))
        out.append(
            {
                "eligible": True,
                "filters": filters,
                "lets": [to_plain(v) for v in o.lets],
                "factors": factors,
                "adjustments": adjustments,
                "total": (factor_units, o.raw_units - factor_units, Decimal(o.raw_units), o.raw_units != o.total_units),
                "score": Decimal(o.total_units),
                "tier": None if o.tier is None else program.tiers[o.tier].name,
                "reasons": [
                    (kind, (program.factors if kind == "factor" else program.adjustments)[i].id, Decimal(lost))
                    for kind, i, lost in reference.ranked_reasons(program, o.units, o.adjustments)
                ],
            }
        )
    return out


def _score_only_view(outcome: Outcome) -> Outcome:
    """The independent outcome cut down to what a score without explanations shows."""
    if outcome == REJECTED:
        return outcome
    if not outcome["eligible"]:
        return {"eligible": False, "failed": [fid for fid, result in outcome["filters"] if result is not True]}
    return {"eligible": True, "points": [f[5] for f in outcome["factors"]], "score": outcome["score"], "tier": outcome["tier"]}


#: Evaluator name -> (outcomes function, view of the independent outcome it is compared with).
EVALUATORS: dict[str, tuple[Evaluator, Callable[[Outcome], Outcome]]] = {
    "engine": (engine_outcomes, lambda o: o),
    "engine, score only": (engine_score_only_outcomes, _score_only_view),
    "reference": (reference_outcomes, lambda o: o),
}


def same(a: Any, b: Any) -> bool:
    """Equal, with 2 and 2.0 told apart only where it matters (NaN equals NaN)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and (a is None) == (b is None) and isinstance(a, bool) == isinstance(b, bool)


@st.composite
def cases(draw: Any) -> tuple[str, list[dict[str, Any]]]:
    """A policy and records; the tiers are drawn last, near the scores the records reach, so thresholds are often hit exactly."""
    text = draw(policies())
    recs = [{**r, "id": f"r{i}"} for i, r in enumerate(draw(st.lists(records, min_size=1, max_size=6)))]
    decimals = (yaml.safe_load(text).get("score") or {}).get("decimals", 2)
    scores = [o["score"].scaleb(-decimals) for o in independent_outcomes(text, recs, AS_OF) if o != REJECTED and o["eligible"]]
    return text + draw(tiers_near(scores, decimals)), recs


@SETTINGS
@given(cases())
def test_every_evaluator_matches_the_independent_computation(case):
    policy_text, recs = case
    expected = independent_outcomes(policy_text, recs, AS_OF)
    for name, (outcomes, view) in EVALUATORS.items():
        actual = outcomes(policy_text, recs, AS_OF)
        for record, got, want in zip(recs, actual, expected):
            want = view(want)
            assert same(got, want), f"{name}\n{policy_text}\nrecord {record}\n{name:>12}: {got}\n{'independent':>12}: {want}"


# ---------------------------------------------------------------- the independent computation itself


def test_rounding_takes_fifteen_significant_digits_then_half_away_from_zero():
    assert units(15 * 0.595, 2) == 893  # 8.924999999999999 in binary, 8.925 shown
    assert units(9510125.495, 2) == 951012550
    assert units(25 * 0.107, 2) == 268
    assert units(-0.005, 2) == -1
    assert units(2.5, 0) == 3 and units(-2.5, 0) == -3
    assert units(7, 3) == 7000


def test_reasons_order_by_lost_points_then_weight_then_factors_first_then_policy_order():
    text = (
        "policy: p\nversion: 1\nfactors:\n"
        + "".join(f"  - {{id: {fid}, weight: {w}, value: '0'}}\n" for fid, w in [("a", 5), ("b", 10), ("c", 10), ("d", 3), ("e", 20)])
        + "adjustments:\n  - {id: p, when: 'true', points: -10}\n  - {id: q, when: 'true', points: 5}\n"
        + "score: {decimals: 0}\n"
    )
    [outcome] = independent_outcomes(text, [{}], AS_OF)
    assert [r[:2] for r in outcome["reasons"]] == [("factor", "e"), ("factor", "b"), ("factor", "c"), ("adjustment", "p")]
    assert outcome["reasons"][3][2] == 10
    assert same(engine_outcomes(text, [{}], AS_OF), [outcome])
