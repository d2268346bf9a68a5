"""Hand-computed explanations for rules/balanced-portfolio.yaml.

Every expected number below was worked out from the policy text and the
record in examples/customers.jsonl (as_of 2026-11-01), never copied from the
engine.  Points are weight x value rounded half away from zero to
score.decimals = 1 on the product's shortest decimal form; the score is the
exact sum of the rounded points plus applied adjustments, clamped to [0, 100];
tiers: cornerstone >= 60, valued >= 45, developing >= 30, peripheral >= 0.

Day counts used below: 2020-06-10 -> 2026-11-01 = 2335 days;
2023-03-15 -> 2026-11-01 = 1327 days (tenure_years 1327 / 365 = 3.6356);
2026-07-01 -> 2026-11-01 = 123 days; 2024-09-30 -> 2026-11-01 = 762 days.

Each record is checked section by section (filters, lets, factors,
adjustments, total, reasons) so that a failure points at one part of the
explanation.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import cache
from pathlib import Path

import pytest

import policyscore

ROOT = Path(__file__).resolve().parents[1]
POLICY_PATH = ROOT / "rules" / "balanced-portfolio.yaml"
SAMPLE_PATH = ROOT / "examples" / "customers.jsonl"
AS_OF = "2026-11-01"

sqrt = math.sqrt


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


@cache
def policy():
    return policyscore.load_policy(POLICY_PATH)


@cache
def scored(record_id: str):
    result = policy().score(sample_record(record_id), as_of=AS_OF)
    return result, result.to_dict()


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


FILTER_ORDER = ["current_or_recent", "real_customer"]
FACTOR_ORDER = [
    "lifetime_value",
    "feedback_value",
    "engagement",
    "innovation_partnership",
    "satisfaction",
    "longevity",
]
ADJUSTMENT_ORDER = ["small_but_vocal", "big_but_silent", "public_case_study", "churned_recently"]

TENURE_2023_03_15 = 1327 / 365  # signup 2023-03-15, the baseline of the edge records


def passing_filters(status="active", churned_on=None, tags=()):
    return {
        "order": FILTER_ORDER,
        "current_or_recent": {"passed": True, "result": True, "inputs": {"status": status, "churned_on": churned_on}},
        "real_customer": {"passed": True, "result": True, "inputs": {"tags": list(tags)}},
    }


# --------------------------------------------------------------------------
# the hand computations

CASES: dict[str, dict] = {}

# EDGE-01-PERFECT: the high scorer, small and vocal, case study; 110 -> 100.
# current_or_recent is `true or null` (churned_on null) = true.
CASES["EDGE-01-PERFECT"] = {
    "label": "high-scorer-clamped-to-100",
    "filters": passing_filters(tags=["case_study"]),
    "lets": {
        "is_small": True,  # small
        "tenure_years": approx(2335 / 365),  # 6.397
        "ltv": 900000.0,  # max(900000, 420000)
        # (30 + 2 * 12) / 6.397 = 8.44 feedback points a year
        "feedback_per_year": approx((30 + 2 * 12) / (2335 / 365)),
        "adoption_rate": 12 / 12,
        "active_share": approx(29 / 30),
    },
    "factors": {
        "order": FACTOR_ORDER,
        # sqrt(900000) = 948.7 > sqrt(50000) = 223.6 -> 1; 30
        "lifetime_value": factor(30, 1, 30.0),
        # 0.7 * scale(8.44, 0, 8) = 0.7 * 1, + 0.3 * 1.0 = 1.0; 25
        "feedback_value": factor(25, approx(1.0), 25.0),
        "engagement": factor(20, 1, 20.0, band=0),  # 0.967 >= 0.8
        "innovation_partnership": factor(10, 1, 10.0),  # innovation partner
        "satisfaction": factor(10, 1, 10.0),  # scale(10, 5, 10) = 1
        "longevity": factor(5, 1, 5.0),  # floor(6.397) = 6 -> scale(6, 0, 5) = 1
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(True, 8.0),  # small, 30 >= 4 sessions, 12 >= 1 shipped
        "big_but_silent": adjustment(False, -5.0),  # not is_small = false
        "public_case_study": adjustment(True, 2.0),
        "churned_recently": adjustment(False, -10.0),
    },
    "total": {
        "id": "EDGE-01-PERFECT",
        "eligible": True,
        "as_of": AS_OF,
        # 30 + 25 + 20 + 10 + 10 + 5 = 100; + 8 + 2 = 110 -> 100
        "total": {
            "factor_points": 100.0,
            "adjustment_points": 10.0,
            "unclamped": 110.0,
            "clamped": True,
            "min": 0,
            "max": 100,
            "score": 100.0,
        },
        "score": 100.0,
        "tier": "cornerstone",
        "next_tier": None,
    },
    "reasons": [],
}

# EDGE-07-SIGNED-UP-TODAY: tenure_years = 0 / 365 = 0, so feedback_per_year
# divides by zero (null) and feedback_value counts its missing 0.2;
# adoption_rate is 0 / 0 (null) too.
CASES["EDGE-07-SIGNED-UP-TODAY"] = {
    "label": "division-by-zero-missing-value",
    "filters": passing_filters(),
    "lets": {
        "is_small": False,  # mid
        "tenure_years": 0,
        "ltv": 150000.0,  # max(150000, 24000)
        "feedback_per_year": None,  # (0 + 0) / 0
        "adoption_rate": None,  # 0 / 0
        "active_share": 26 / 40,  # 0.65
    },
    "factors": {
        "order": FACTOR_ORDER,
        # sqrt(150000) / sqrt(750000) = sqrt(0.2) = 0.4472; 30 * 0.4472 = 13.416 -> 13.4
        "lifetime_value": factor(30, approx(sqrt(150000) / sqrt(750000)), 13.4),
        # null -> missing 0.2; 25 * 0.2 = 5
        "feedback_value": factor(25, 0.2, 5.0, missing=True, why=("feedback_per_year",)),
        "engagement": factor(20, 0.6, 12.0, band=1),  # 0.65 >= 0.5
        "innovation_partnership": factor(10, 0, 0.0),
        "satisfaction": factor(10, approx((8 - 5) / (10 - 5)), 6.0),  # 0.6
        "longevity": factor(5, 0, 0.0),  # floor(0) = 0
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(False, 8.0),
        # not small, 0 feedback sessions, but 8 tickets < 25
        "big_but_silent": adjustment(False, -5.0),
        "public_case_study": adjustment(False, 2.0),
        "churned_recently": adjustment(False, -10.0),
    },
    "total": {
        "id": "EDGE-07-SIGNED-UP-TODAY",
        "eligible": True,
        # 13.4 + 5 + 12 + 0 + 6 + 0 = 36.4
        "total": {"factor_points": 36.4, "adjustment_points": 0, "unclamped": 36.4, "clamped": False, "min": 0, "max": 100, "score": 36.4},
        "score": 36.4,
        "tier": "developing",
        "next_tier": {"name": "valued", "min": 45, "points_short": 8.6},
    },
    # lost: ltv 16.6, feedback 20, engagement 8, innovation 10, satisfaction 4, longevity 5
    "reasons": [
        {"kind": "factor", "id": "feedback_value", "lost_points": 20.0},
        {"kind": "factor", "id": "lifetime_value", "lost_points": 16.6},
        {"kind": "factor", "id": "innovation_partnership", "lost_points": 10.0},
        {"kind": "factor", "id": "engagement", "lost_points": 8.0},
    ],
}

# EDGE-04-CHURNED-RECENT: churned 123 days ago, still in view with the
# -10 churn penalty; no active users -> engagement else band.
CASES["EDGE-04-CHURNED-RECENT"] = {
    "label": "churn-penalty-else-band",
    "filters": passing_filters(status="churned", churned_on="2026-07-01"),
    "lets": {
        "is_small": False,
        "tenure_years": approx(TENURE_2023_03_15),
        "ltv": 150000.0,
        "feedback_per_year": approx((2 + 2 * 1) / TENURE_2023_03_15),  # 1.1002
        "adoption_rate": approx(1 / 3),
        "active_share": 0 / 40,
    },
    "factors": {
        "order": FACTOR_ORDER,
        "lifetime_value": factor(30, approx(sqrt(150000) / sqrt(750000)), 13.4),
        # 0.7 * (1.1002 / 8) + 0.3 * (1 / 3) = 0.09627 + 0.1 = 0.19627
        # 25 * 0.19627 = 4.907 -> 4.9
        "feedback_value": factor(25, approx(0.7 * ((4 / TENURE_2023_03_15) / 8) + 0.3 * (1 / 3)), 4.9),
        "engagement": factor(20, 0, 0.0, band=3),  # 0.0 < 0.2
        "innovation_partnership": factor(10, 0, 0.0),
        "satisfaction": factor(10, 0, 0.0),  # scale(4, 5, 10) < 0 -> 0
        "longevity": factor(5, approx(3 / 5), 3.0),  # floor(3.6356) = 3
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(False, 8.0),
        "big_but_silent": adjustment(False, -5.0),  # 2 feedback sessions
        "public_case_study": adjustment(False, 2.0),
        "churned_recently": adjustment(True, -10.0),
    },
    "total": {
        "id": "EDGE-04-CHURNED-RECENT",
        "eligible": True,
        # 13.4 + 4.9 + 0 + 0 + 0 + 3 = 21.3; - 10 = 11.3
        "total": {
            "factor_points": 21.3,
            "adjustment_points": -10.0,
            "unclamped": 11.3,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 11.3,
        },
        "score": 11.3,
        "tier": "peripheral",
        "next_tier": {"name": "developing", "min": 30, "points_short": 18.7},
    },
    # lost: ltv 16.6, feedback 20.1, engagement 20, innovation 10,
    # satisfaction 10, longevity 2. innovation and satisfaction tie at 10
    # with the same weight: policy order.
    "reasons": [
        {"kind": "factor", "id": "feedback_value", "lost_points": 20.1},
        {"kind": "factor", "id": "engagement", "lost_points": 20.0},
        {"kind": "factor", "id": "lifetime_value", "lost_points": 16.6},
        {"kind": "factor", "id": "innovation_partnership", "lost_points": 10.0},
    ],
}

# EDGE-16-SMALL-AND-VOCAL: the small-company yardstick and the +8 bonus,
# which lifts the record from valued to cornerstone.
CASES["EDGE-16-SMALL-AND-VOCAL"] = {
    "label": "small-but-vocal-bonus",
    "filters": passing_filters(),
    "lets": {
        "is_small": True,
        "tenure_years": approx(TENURE_2023_03_15),
        "ltv": 30000.0,  # max(30000, 16000)
        "feedback_per_year": approx((7 + 2 * 2) / TENURE_2023_03_15),  # 3.0256
        "adoption_rate": 2 / 5,
        "active_share": 6 / 10,
    },
    "factors": {
        "order": FACTOR_ORDER,
        # sqrt(30000) / sqrt(50000) = 0.7746; 30 * 0.7746 = 23.238 -> 23.2
        "lifetime_value": factor(30, approx(sqrt(30000) / sqrt(50000)), 23.2),
        # 0.7 * (3.0256 / 8) + 0.3 * 0.4 = 0.26474 + 0.12 = 0.38474
        # 25 * 0.38474 = 9.619 -> 9.6
        "feedback_value": factor(25, approx(0.7 * ((11 / TENURE_2023_03_15) / 8) + 0.3 * 0.4), 9.6),
        "engagement": factor(20, 0.6, 12.0, band=1),  # 0.6 >= 0.5
        "innovation_partnership": factor(10, 0.6, 6.0),  # beta participant
        "satisfaction": factor(10, approx(0.6), 6.0),  # nps 8
        "longevity": factor(5, approx(0.6), 3.0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(True, 8.0),  # 7 >= 4 sessions, 2 >= 1 shipped
        "big_but_silent": adjustment(False, -5.0),
        "public_case_study": adjustment(False, 2.0),
        "churned_recently": adjustment(False, -10.0),
    },
    "total": {
        "id": "EDGE-16-SMALL-AND-VOCAL",
        "eligible": True,
        # 23.2 + 9.6 + 12 + 6 + 6 + 3 = 59.8; + 8 = 67.8
        "total": {
            "factor_points": 59.8,
            "adjustment_points": 8.0,
            "unclamped": 67.8,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 67.8,
        },
        "score": 67.8,
        "tier": "cornerstone",
        "next_tier": None,
    },
    # lost: ltv 6.8, feedback 15.4, engagement 8, innovation 4,
    # satisfaction 4, longevity 2
    "reasons": [
        {"kind": "factor", "id": "feedback_value", "lost_points": 15.4},
        {"kind": "factor", "id": "engagement", "lost_points": 8.0},
        {"kind": "factor", "id": "lifetime_value", "lost_points": 6.8},
        {"kind": "factor", "id": "innovation_partnership", "lost_points": 4.0},
    ],
}

# EDGE-17-BIG-AND-SILENT: the -5 big-but-silent penalty. feedback_per_year
# is 0 / 3.6356 = 0 (not null) and adoption_rate 0 / 0 is null but wrapped
# in coalesce, so feedback_value is 0 and NOT missing.
CASES["EDGE-17-BIG-AND-SILENT"] = {
    "label": "big-but-silent-penalty",
    "filters": passing_filters(tags=["vip"]),
    "lets": {
        "is_small": False,
        "tenure_years": approx(TENURE_2023_03_15),
        "ltv": 1500000.0,  # max(1500000, 700000)
        "feedback_per_year": 0,
        "adoption_rate": None,
        "active_share": approx(300 / 900),
    },
    "factors": {
        "order": FACTOR_ORDER,
        # sqrt(1500000) > sqrt(750000) -> 1; 30
        "lifetime_value": factor(30, 1, 30.0),
        "feedback_value": factor(25, 0, 0.0),
        "engagement": factor(20, 0.3, 6.0, band=2),  # 0.333 >= 0.2
        "innovation_partnership": factor(10, 0, 0.0),
        "satisfaction": factor(10, approx((9 - 5) / (10 - 5)), 8.0),  # 0.8
        "longevity": factor(5, approx(0.6), 3.0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(False, 8.0),
        "big_but_silent": adjustment(True, -5.0),  # enterprise, 0 sessions, 140 >= 25 tickets
        "public_case_study": adjustment(False, 2.0),
        "churned_recently": adjustment(False, -10.0),
    },
    "total": {
        "id": "EDGE-17-BIG-AND-SILENT",
        "eligible": True,
        # 30 + 0 + 6 + 0 + 8 + 3 = 47; - 5 = 42
        "total": {
            "factor_points": 47.0,
            "adjustment_points": -5.0,
            "unclamped": 42.0,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 42.0,
        },
        "score": 42.0,
        "tier": "developing",
        "next_tier": {"name": "valued", "min": 45, "points_short": 3.0},
    },
    # lost: ltv 0, feedback 25, engagement 14, innovation 10,
    # satisfaction 2 (weight 10), longevity 2 (weight 5): the tie at 2 goes
    # to the heavier factor.
    "reasons": [
        {"kind": "factor", "id": "feedback_value", "lost_points": 25.0},
        {"kind": "factor", "id": "engagement", "lost_points": 14.0},
        {"kind": "factor", "id": "innovation_partnership", "lost_points": 10.0},
        {"kind": "factor", "id": "satisfaction", "lost_points": 2.0},
    ],
}

# C00024: a two-week-old trial. feedback_value lands on a rounding tie
# (25 * 0.85 = 21.25 -> 21.3 at one decimal; Python's round() gives 21.2)
# and the active share 4 / 5 = 0.8 sits exactly on engagement's top band.
CASES["C00024"] = {
    "label": "rounding-tie-and-band-boundary",
    "filters": passing_filters(status="trial"),
    "lets": {
        "is_small": False,  # mid
        "tenure_years": approx(14 / 365),  # 2026-10-18 -> 2026-11-01
        "ltv": 0,  # max(coalesce(0, 0), 0)
        "feedback_per_year": approx((0 + 2 * 1) / (14 / 365)),  # 52.1
        "adoption_rate": 1 / 2,
        "active_share": 4 / 5,
    },
    "factors": {
        "order": FACTOR_ORDER,
        "lifetime_value": factor(30, 0, 0.0),  # sqrt(0) = 0
        # 0.7 * scale(52.1, 0, 8) + 0.3 * 0.5 = 0.7 + 0.15 = 0.85
        # 25 * 0.85 = 21.25 -> 21.3
        "feedback_value": factor(25, approx(0.85), 21.3),
        "engagement": factor(20, 1, 20.0, band=0),  # 0.8 >= 0.8
        "innovation_partnership": factor(10, 0, 0.0),
        "satisfaction": factor(10, approx(0.6), 6.0),  # nps 8
        "longevity": factor(5, 0, 0.0),  # floor(0.04) = 0
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "small_but_vocal": adjustment(False, 8.0),
        "big_but_silent": adjustment(False, -5.0),  # 0 sessions but 2 tickets < 25
        "public_case_study": adjustment(False, 2.0),
        "churned_recently": adjustment(False, -10.0),
    },
    "total": {
        "id": "C00024",
        "eligible": True,
        # 0 + 21.3 + 20 + 0 + 6 + 0 = 47.3
        "total": {"factor_points": 47.3, "adjustment_points": 0, "unclamped": 47.3, "clamped": False, "min": 0, "max": 100, "score": 47.3},
        "score": 47.3,
        "tier": "valued",
        "next_tier": {"name": "cornerstone", "min": 60, "points_short": 12.7},
    },
    # lost: ltv 30, feedback 3.7, engagement 0, innovation 10,
    # satisfaction 4, longevity 5
    "reasons": [
        {"kind": "factor", "id": "lifetime_value", "lost_points": 30.0},
        {"kind": "factor", "id": "innovation_partnership", "lost_points": 10.0},
        {"kind": "factor", "id": "longevity", "lost_points": 5.0},
        {"kind": "factor", "id": "satisfaction", "lost_points": 4.0},
    ],
}

# Ineligible records.
# EDGE-05: churned without a churn date: `false or null` = null -> fails,
# and the explanation says churned_on was missing.
CASES["EDGE-05-CHURNED-NO-DATE"] = {
    "label": "ineligible-null-filter",
    "filters": {
        "order": FILTER_ORDER,
        "current_or_recent": {
            "passed": False,
            "result": None,
            "inputs": {"status": "churned", "churned_on": None},
            "null_reason": Contains("churned_on"),
        },
        "real_customer": {"passed": True, "result": True, "inputs": {"tags": []}},
    },
    "total": {"id": "EDGE-05-CHURNED-NO-DATE", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "current_or_recent", "lost_points": None}],
}

# EDGE-03: churned 2024-09-30, 762 days > 365.
CASES["EDGE-03-CHURNED-OLD"] = {
    "label": "ineligible-churned-too-long-ago",
    "filters": {
        "order": FILTER_ORDER,
        "current_or_recent": {
            "passed": False,
            "result": False,
            "inputs": {"status": "churned", "churned_on": "2024-09-30"},
            "null_reason": None,
        },
        "real_customer": {"passed": True, "result": True, "inputs": {"tags": []}},
    },
    "total": {"id": "EDGE-03-CHURNED-OLD", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "current_or_recent", "lost_points": None}],
}

CASES["EDGE-09-TEST-ACCOUNT"] = {
    "label": "ineligible-test-account",
    "filters": {
        "order": FILTER_ORDER,
        "current_or_recent": {"passed": True, "result": True, "inputs": {"status": "active"}},
        "real_customer": {"passed": False, "result": False, "inputs": {"tags": ["test_account"]}},
    },
    "total": {"id": "EDGE-09-TEST-ACCOUNT", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "real_customer", "lost_points": None}],
}

# (record id, section) -> reason, for engine bugs (see the final report)
KNOWN_BUGS: dict[tuple[str, str], str] = {}

SECTIONS = ("filters", "lets", "factors", "adjustments", "total", "reasons")


def _params():
    for record_id, case in CASES.items():
        for section in SECTIONS:
            if section not in case:
                continue
            marks = []
            if (record_id, section) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(record_id, section)]))
            yield pytest.param(record_id, section, id=f"{record_id}-{case['label']}-{section}", marks=marks)


@pytest.mark.parametrize(("record_id", "section"), list(_params()))
def test_hand_computed_explanation(record_id, section):
    _, expl = scored(record_id)
    problems = mismatches(CASES[record_id][section], project(expl, section), f"{record_id}.{section}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "record_id",
    [pytest.param(rid, id=f"{rid}-{case['label']}") for rid, case in CASES.items()],
)
def test_result_object_agrees_with_explanation(record_id):
    result, expl = scored(record_id)
    expected = CASES[record_id]["total"]
    assert result.id == record_id
    assert result.eligible is expected["eligible"]
    assert result.score == expected["score"]
    assert result.tier == expected["tier"]
    failed = [fid for fid in FILTER_ORDER if not CASES[record_id]["filters"][fid]["passed"]]
    assert [getattr(f, "id", f) for f in result.failed_filters] == failed
    if expected["eligible"]:
        assert result.points == {fid: CASES[record_id]["factors"][fid]["points"] for fid in FACTOR_ORDER}
    else:
        assert result.points is None


@pytest.mark.parametrize(
    "record_id",
    [pytest.param(rid, id=f"{rid}-{case['label']}") for rid, case in CASES.items()],
)
def test_reason_texts_name_their_factor_or_filter(record_id):
    _, expl = scored(record_id)
    for reason in expl["reasons"]:
        assert reason["id"] in reason["text"]


def test_policy_header_in_explanation():
    _, expl = scored("EDGE-01-PERFECT")
    assert expl["policy"]["name"] == "balanced-portfolio"
    assert expl["policy"]["version"] == 1
    assert expl["policy"]["sha256"] == hashlib.sha256(POLICY_PATH.read_bytes()).hexdigest()
    assert expl["engine"]["version"] == policyscore.__version__


def test_absent_fields_score_like_null_fields():
    """EDGE-11 leaves out exactly the fields EDGE-10 sets to null (and the
    fields this policy reads are otherwise equal), so everything but the id
    must be the same."""
    _, nulls = scored("EDGE-10-ALL-NULLS")
    _, absent = scored("EDGE-11-ABSENT-NULLABLES")
    for key in ("eligible", "score", "tier", "lets", "filters", "factors", "adjustments", "total", "next_tier", "reasons"):
        assert absent[key] == nulls[key], key


# --------------------------------------------------------------------------
# "division (and %) by zero gives null (the explanation says where)"


def _division_case(record_id, factor_id, let_name):
    _, expl = scored(record_id)
    entry = next(f for f in expl["factors"] if f["id"] == factor_id)
    let = next(item for item in expl["lets"] if item["name"] == let_name)
    return entry, let


# EDGE-07-SIGNED-UP-TODAY: tenure_years = 0 / 365 = 0, so feedback_per_year
# = (0 + 2 * 0) / 0.
DIVISIONS = [
    ("EDGE-07-SIGNED-UP-TODAY", "feedback_value", "feedback_per_year", "(feedback_sessions + 2 * feature_requests_adopted) / tenure_years")
]


@pytest.mark.parametrize(("record_id", "factor_id", "let_name", "division"), [pytest.param(*d, id=f"{d[0]}-{d[1]}") for d in DIVISIONS])
def test_division_by_zero_makes_the_factor_missing(record_id, factor_id, let_name, division):
    entry, let = _division_case(record_id, factor_id, let_name)
    assert let["value"] is None
    assert entry["missing"] is True and entry["raw_value"] is None
    assert entry["missing_reason"]


@pytest.mark.parametrize(("record_id", "factor_id", "let_name", "division"), [pytest.param(*d, id=f"{d[0]}-{d[1]}") for d in DIVISIONS])
def test_division_by_zero_is_explained(record_id, factor_id, let_name, division):
    entry, let = _division_case(record_id, factor_id, let_name)
    # the reason follows the null let into its own expression and names the
    # division (this was an engine bug, fixed while these tests were written:
    # the reason used to stop at "'<let>' is null")
    told = json.dumps({"missing_reason": entry["missing_reason"], "let": let})
    assert "division by zero" in told.lower()
    assert division in told
