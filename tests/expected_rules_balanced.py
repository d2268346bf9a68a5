"""Expected explanations, computed by hand, for rules/balanced-portfolio.yaml.

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

import math

from rules_cases import AS_OF, ROOT, Contains, adjustment, approx, factor

POLICY_PATH = ROOT / "rules" / "balanced-portfolio.yaml"

sqrt = math.sqrt


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
        # the applied big_but_silent penalty cost 5 points: it outranks satisfaction's 2
        {"kind": "adjustment", "id": "big_but_silent", "code": "adjustment:big_but_silent", "lost_points": 5.0},
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

# EDGE-07-SIGNED-UP-TODAY: tenure_years = 0 / 365 = 0, so feedback_per_year
# = (0 + 2 * 0) / 0.
DIVISIONS = [
    ("EDGE-07-SIGNED-UP-TODAY", "feedback_value", "feedback_per_year", "(feedback_sessions + 2 * feature_requests_adopted) / tenure_years")
]

# EDGE-11 leaves out exactly the fields EDGE-10 sets to null; where the fields this
# policy reads are otherwise equal, both must score alike (None: not the case here).
ABSENT_PAIR = ("EDGE-10-ALL-NULLS", "EDGE-11-ABSENT-NULLABLES")
NAME = "balanced-portfolio"
