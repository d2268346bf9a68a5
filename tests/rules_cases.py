"""Shared helpers for the hand-computed explanation tests of the policies in rules/.

Expected values are a subset of the explanation: ``mismatches`` lists every
place an explanation disagrees with them, ``project`` picks the part of an
explanation one section of a case describes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import policyscore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "examples" / "customers.jsonl"
AS_OF = "2026-11-01"

# --------------------------------------------------------------------------
# comparison helpers (expected values are a subset of the explanation)


def approx(x: float):
    """A computed (irrational) factor value: compare to 1e-12."""
    return pytest.approx(x, rel=1e-12, abs=1e-12)


class Contains:
    """Matches a string that contains every given fragment."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and all(p in other for p in self.parts)

    def __repr__(self) -> str:
        return f"Contains{self.parts!r}"


def mismatches(expected, actual, path="$"):
    """Every place where `actual` disagrees with `expected` (a subset)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected a mapping, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing from the explanation")
            else:
                out += mismatches(value, actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += mismatches(e, a, f"{path}[{i}]")
        return out
    if expected is None or isinstance(expected, bool):
        ok = actual is expected
    elif isinstance(expected, (int, float)):
        ok = not isinstance(actual, bool) and isinstance(actual, (int, float)) and actual == expected
    else:
        ok = expected == actual
    return [] if ok else [f"{path}: expected {expected!r}, got {actual!r}"]


def project(expl: dict, section: str):
    """The part of an explanation that a section of a case describes."""
    if section == "filters":
        return {
            "order": [f["id"] for f in expl["filters"]],
            **{f["id"]: f for f in expl["filters"]},
        }
    if section == "lets":
        return {item["name"]: item["value"] for item in expl["lets"]}
    if section == "factors":
        out = {"order": [f["id"] for f in expl["factors"]]}
        for f in expl["factors"]:
            out[f["id"]] = {**f, "band": f["band"]["index"] if f["band"] is not None else None}
        return out
    if section == "adjustments":
        return {
            "order": [a["id"] for a in expl["adjustments"]],
            **{a["id"]: a for a in expl["adjustments"]},
        }
    if section == "total":
        keys = ("id", "eligible", "score", "tier", "as_of", "total", "next_tier")
        return {k: expl[k] for k in keys}
    if section == "reasons":
        return expl["reasons"]
    raise AssertionError(section)


# --------------------------------------------------------------------------
# fixtures


@cache
def sample_record(record_id: str) -> dict:
    with SAMPLE_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] == record_id:
                return record
    raise KeyError(record_id)


def make_scorer(policy_path: Path) -> tuple[Callable[[], Any], Callable[[str], Any]]:
    """(policy(), scored(record_id)) for one policy file, both cached."""

    @cache
    def policy():
        return policyscore.load_policy(policy_path)

    @cache
    def scored(record_id: str):
        result = policy().score(sample_record(record_id), as_of=AS_OF)
        return result, result.to_dict()

    return policy, scored


def factor(weight, value, points, *, band=None, missing=False, clamped=False, why=None):
    out = {
        "weight": weight,
        "value": value,
        "points": points,
        "max_points": float(weight),
        "missing": missing,
        "clamped": clamped,
        "band": band,
    }
    if missing:
        out["raw_value"] = None
        out["missing_reason"] = Contains(*why)
    else:
        out["missing_reason"] = None
    return out


_SAME = object()


def adjustment(applied, defined_points, condition=_SAME):
    """An adjustment: its condition (true/false/None) is `applied` unless given."""
    return {
        "applied": applied,
        "condition": applied if condition is _SAME else condition,
        "points": defined_points if applied else 0,
        "defined_points": defined_points,
    }
