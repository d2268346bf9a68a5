"""Expectations of policy test cases: matching a result against them, and why the actual value is what it is.

Each :class:`Expectation` names one part of a result (``eligible``, ``tier``,
``score``, ``failed_filters``, a factor's ``points``/``value``/``missing``/
``band``, an adjustment's ``applied``, a ``reasons`` entry).  :func:`compare`
checks it against a :class:`~policyscore.Result` and its explanation; an unmet
one becomes a :class:`Failure` holding the expected and actual values and the
lines of the explanation that produced the actual value.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policyscore.engine.reference import describe_value
from policyscore.engine.result import Result
from policyscore.policyfile.program import Program
from policyscore.policyfile.schema import path_text

__all__ = ["Expectation", "Failure", "band_problem", "compare", "number_matches", "describe_number", "impossible", "DEFAULT_TOLERANCE"]

#: Tolerance of ``{approx: X}`` when none is given.
DEFAULT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Expectation:
    """One stated outcome: ``path`` inside ``expect`` (e.g. ``("factors", "advocacy", "points")``)."""

    path: tuple[Any, ...]
    expected: Any
    line: int | None

    @property
    def label(self) -> str:
        return path_text(self.path)


@dataclass(frozen=True)
class Failure:
    """An unmet expectation: what was expected, what came out, and the explanation that produced it."""

    expectation: str
    line: int | None
    expected: str
    actual: str
    explanation: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "expectation": self.expectation,
            "line": self.line,
            "expected": self.expected,
            "actual": self.actual,
            "explanation": list(self.explanation),
        }


# ---------------------------------------------------------------- comparing


def number_matches(spec: Any, actual: Any) -> bool:
    """``actual`` against a number, ``{min, max}`` or ``{approx, tolerance}`` (``None`` matches only ``None``)."""
    if spec is None or actual is None or isinstance(actual, bool):
        return spec is None and actual is None
    if isinstance(spec, dict):
        if "approx" in spec:
            return bool(abs(actual - spec["approx"]) <= spec.get("tolerance", DEFAULT_TOLERANCE))
        return (spec.get("min") is None or actual >= spec["min"]) and (spec.get("max") is None or actual <= spec["max"])
    return bool(actual == spec)


_NUMBER_KEYS = {"min", "max", "approx", "tolerance"}


def impossible(exp: Expectation) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Where in ``exp`` (a path below it) a number expectation no result can meet is, and why.

    ``{min: 100, max: 1}`` and a NaN (``.nan`` equals no number) are found; a case with one could only ever fail.
    """
    specs: list[tuple[tuple[Any, ...], Any]] = [((), exp.expected)]
    if exp.path[0] == "reasons" and isinstance(exp.expected, dict):
        specs = [(("lost_points",), exp.expected.get("lost_points"))]
    for below, spec in specs:
        values = list(spec.values()) if isinstance(spec, dict) and spec.keys() <= _NUMBER_KEYS else [spec]
        if any(isinstance(v, float) and math.isnan(v) for v in values):
            yield below, f"{path_text(exp.path + below)}: NaN equals no number, so no result can meet this expectation"
        elif isinstance(spec, dict) and isinstance(spec.get("min"), (int, float)) and isinstance(spec.get("max"), (int, float)):
            if spec["min"] > spec["max"]:
                yield below, (
                    f"{path_text(exp.path + below)}: min {describe_value(spec['min'])} is greater than max "
                    f"{describe_value(spec['max'])}, so no result can meet this expectation"
                )


def describe_number(spec: Any) -> str:
    if isinstance(spec, dict):
        if "approx" in spec:
            return f"{describe_value(spec['approx'])} ± {describe_value(spec.get('tolerance', DEFAULT_TOLERANCE))}"
        lo, hi = spec.get("min"), spec.get("max")
        if lo is not None and hi is not None:
            return f"between {describe_value(lo)} and {describe_value(hi)}"
        return f"at least {describe_value(lo)}" if lo is not None else f"at most {describe_value(hi)}"
    return describe_value(spec)


def compare(exp: Expectation, result: Result, d: dict[str, Any]) -> Failure | None:
    """None when ``result`` (explained as ``d``, its ``to_dict()``) meets ``exp``; else the :class:`Failure`."""
    head = exp.path[0]
    policy = result.program

    def fail(expected: str, actual: str, why: list[str]) -> Failure:
        return Failure(exp.label, exp.line, expected, actual, tuple(why))

    if head == "eligible":
        if result.eligible != exp.expected:
            return fail(describe_value(exp.expected), describe_value(result.eligible), _filters_why(d))
    elif head == "tier":
        if result.tier != exp.expected:
            return fail(describe_value(exp.expected), describe_value(result.tier), _tier_why(d, policy))
    elif head == "score":
        if not number_matches(exp.expected, result.score):
            return fail(describe_number(exp.expected), describe_value(result.score), _total_why(d))
    elif head == "failed_filters":
        if sorted(result.failed_filters) != sorted(exp.expected):
            return fail(describe_value(list(exp.expected)), describe_value(result.failed_filters), _filters_why(d))
    elif head == "reasons":
        if not any(_reason_matches(exp.expected, r, k + 1) for k, r in enumerate(d["reasons"])):
            return fail(_describe_reason(exp.expected), "no such reason", _reasons_why(d))
    else:
        return _compare_part(exp, d, fail)
    return None


def _compare_part(exp: Expectation, d: dict[str, Any], fail: Any) -> Failure | None:
    section, ident, name = exp.path
    if not d["eligible"]:
        return fail(_describe_expected(name, exp.expected), "not evaluated (the record is not eligible)", _filters_why(d))
    if section == "adjustments":
        entry = next(a for a in d["adjustments"] if a["id"] == ident)
        if entry["applied"] != exp.expected:
            return fail(describe_value(exp.expected), describe_value(entry["applied"]), _adjustment_why(entry))
        return None
    entry = next(f for f in d["factors"] if f["id"] == ident)
    if name == "missing":
        ok, actual = entry["missing"] == exp.expected, describe_value(entry["missing"])
    elif name == "band":
        ok, actual = _band_matches(exp.expected, entry), _describe_band(entry)
    else:
        ok, actual = number_matches(exp.expected, entry[name]), describe_value(entry[name])
    return None if ok else fail(_describe_expected(name, exp.expected), actual, _factor_why(entry))


def _describe_expected(name: str, expected: Any) -> str:
    if name in ("points", "value"):
        return describe_number(expected)
    if name == "band":
        return "no band (missing)" if expected is None else (f"band {expected}" if isinstance(expected, int) else repr(expected))
    return describe_value(expected)


def _band_matches(expected: Any, entry: dict[str, Any]) -> bool:
    band = entry["band"]
    if expected is None or band is None:
        return expected is None and band is None
    if isinstance(expected, int):
        return bool(band["index"] + 1 == expected)
    if expected == "else":
        return band["when"] is None
    return bool(band["label"] == expected)


def _describe_band(entry: dict[str, Any]) -> str:
    band = entry["band"]
    if band is None:
        return "no band (missing)"
    text = "else" if band["when"] is None else band["when"]
    label = f" '{band['label']}'" if band["label"] else ""
    return f"band {band['index'] + 1}{label} ({text})"


def _reason_matches(spec: dict[str, Any], reason: dict[str, Any], rank: int) -> bool:
    return (
        spec.get("id", reason["id"]) == reason["id"]
        and spec.get("code", reason["code"]) == reason["code"]
        and spec.get("kind", reason["kind"]) == reason["kind"]
        and spec.get("rank", rank) == rank
        and spec.get("contains", "") in reason["text"]
        and ("lost_points" not in spec or number_matches(spec["lost_points"], reason["lost_points"]))
    )


def _describe_reason(spec: dict[str, Any]) -> str:
    parts = []
    if "rank" in spec:
        parts.append(f"reason {spec['rank']}")
    else:
        parts.append("a reason")
    for key in ("kind", "id", "code"):
        if key in spec:
            parts.append(f"{key} {spec[key]}")
    if "lost_points" in spec:
        parts.append(f"losing {describe_number(spec['lost_points'])} points")
    if "contains" in spec:
        parts.append(f"saying {spec['contains']!r}")
    return ", ".join(parts)


# ---------------------------------------------------------------- explanation fragments


def _with(inputs: dict[str, Any]) -> str:
    shown = ", ".join(f"{k} = {_value(v)}" for k, v in inputs.items())
    return f" (with {shown})" if shown else ""


def _value(value: Any) -> str:
    """A value as in explanations; a long list shows its first items and its length."""
    text = describe_value(value)
    if isinstance(value, list) and len(text) > 60:
        text = "[" + ", ".join(describe_value(v) for v in value[:4]) + f", ... ({len(value)} items)]"
    return text


def _filters_why(d: dict[str, Any]) -> list[str]:
    lines = []
    for f in d["filters"]:
        state = "passed" if f["passed"] else ("was null" if f["result"] is None else "failed")
        lines.append(f"filter {f['id']} {state}: {f['expression']}{_with(f['inputs'])}")
        if f["null_reason"]:
            lines.append(f"  null because {f['null_reason']}")
    return lines or ["the policy has no filters"]


def _tier_why(d: dict[str, Any], policy: Program) -> list[str]:
    if not d["eligible"]:
        return ["not eligible, so no tier:"] + _filters_why(d)
    tiers = ", ".join(f"{t.name} from {describe_value(t.min)}" for t in policy.tiers) or "none"
    return [f"score {describe_value(d['score'])}; tiers: {tiers}"] + _total_why(d)


def _total_why(d: dict[str, Any]) -> list[str]:
    if not d["eligible"]:
        return ["not eligible, so no score:"] + _filters_why(d)
    total = d["total"]
    factors = " + ".join(f"{f['id']} {describe_value(f['points'])}" for f in d["factors"])
    lines = [f"factors: {factors} = {describe_value(total['factor_points'])}"]
    applied = [a for a in d["adjustments"] if a["applied"]]
    if applied:
        parts = " + ".join(f"{a['id']} {describe_value(a['points'])}" for a in applied)
        lines.append(f"adjustments: {parts} = {describe_value(total['adjustment_points'])}")
    else:
        lines.append("adjustments: none applied")
    line = f"total {describe_value(total['unclamped'])}"
    if total["clamped"]:
        line += f", clamped to {describe_value(total['score'])}"
    lines.append(line)
    return lines


def _factor_why(f: dict[str, Any]) -> list[str]:
    head = f"factor {f['id']} (weight {describe_value(f['weight'])})"
    lines = [f"{head}: {f['expression']}" if f["expression"] else f"{head}, bands"]
    if f["inputs"]:
        lines.append("  reads " + _with(f["inputs"])[7:-1])
    if f["missing"]:
        lines.append(f"  no value ({f['missing_reason'] or 'no data'}), counted as {describe_value(f['value'])}")
    elif f["band"] is not None:
        lines.append(f"  matched {_describe_band(f)} worth {describe_value(f['band']['value'])}")
    else:
        clamp = f" clamped to {describe_value(f['value'])}" if f["clamped"] else ""
        lines.append(f"  value {describe_value(f['raw_value'])}{clamp}")
    lines.append(f"  {describe_value(f['points'])} of {describe_value(f['max_points'])} points")
    return lines


def _adjustment_why(a: dict[str, Any]) -> list[str]:
    lines = [f"adjustment {a['id']} ({describe_value(a['defined_points'])} points): {a['expression']}{_with(a['inputs'])}"]
    lines.append(f"  condition {describe_value(a['condition'])}: {'applied' if a['applied'] else 'not applied'}")
    if a["null_reason"]:
        lines.append(f"  null because {a['null_reason']}")
    return lines


def _reasons_why(d: dict[str, Any]) -> list[str]:
    if not d["reasons"]:
        return ["the explanation gives no reasons (no factor lost points and no penalty applied)"]
    out = []
    for k, r in enumerate(d["reasons"], 1):
        lost = f", lost {describe_value(r['lost_points'])}" if r["lost_points"] is not None else ""
        out.append(f"reason {k} ({r['code']}{lost}): {r['text']}")
    return out


def band_problem(factor: Any, band: int | str) -> str | None:
    """Why an expected band (a 1-based number, a label or ``else``) cannot be one of ``factor``'s; None when it can."""
    if factor.bands is None:
        return f"factor '{factor.id}' has no bands (it has a value expression)"
    if isinstance(band, int):
        if band > len(factor.bands):
            return f"factor '{factor.id}' has {len(factor.bands)} bands, not {band}"
        return None
    labels = [b.label for b in factor.bands if b.label]
    if band != "else" and band not in labels:
        shown = ", ".join(repr(x) for x in labels) or "none"
        return f"factor '{factor.id}' has no band labelled {band!r} (labels: {shown}; or give the band number, or 'else')"
    return None
