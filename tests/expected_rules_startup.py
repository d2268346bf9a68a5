"""Expected explanations, computed by hand, for rules/startup-us-ca.yaml.

Every expected number below was worked out from the policy text and the
record in examples/customers.jsonl (as_of 2026-11-01), never copied from the
engine.  Points are weight x value rounded half away from zero to
score.decimals = 2 on the product's shortest decimal form; the score is the
exact sum of the rounded points plus applied adjustments, clamped to [0, 100];
tiers: best >= 75, good >= 55, fair >= 35, low >= 0.

Each record is checked section by section (filters, lets, factors,
adjustments, total, reasons) so that a failure points at one part of the
explanation.
"""

from __future__ import annotations

import math

from rules_cases import AS_OF, ROOT, adjustment, approx, factor

POLICY_PATH = ROOT / "rules" / "startup-us-ca.yaml"

log = math.log


FILTER_ORDER = ["home_market", "not_churned"]
FACTOR_ORDER = [
    "purchase_size",
    "buyer_persona",
    "advocacy",
    "satisfaction",
    "repurchase",
    "upsell",
    "seat_expansion",
    "ease_of_service",
]
ADJUSTMENT_ORDER = ["founding_customer", "renewal_due_and_doubtful", "payment_overdue", "dormant_account"]


def passing_filters(country, status):
    return {
        "order": FILTER_ORDER,
        "home_market": {"passed": True, "result": True, "inputs": {"country": country}},
        "not_churned": {"passed": True, "result": True, "inputs": {"status": status}},
    }


# --------------------------------------------------------------------------
# the hand computations

CASES: dict[str, dict] = {}

# EDGE-01-PERFECT: the high scorer. Top band everywhere, repurchase clamped
# above 1, founding-customer bonus, total 103 clamped to 100.
CASES["EDGE-01-PERFECT"] = {
    "label": "high-scorer-clamped-to-100",
    "filters": passing_filters("US", "active"),
    "lets": {
        # signup 2020-06-10 -> as_of 2026-11-01: 6 years 4 months (+22 days)
        "tenure_months": 76,
        "months_into_contract_year": 76 % 12,  # 4
        "purchase_size": 90000.0,  # annual_contract_value
        "seat_utilisation": 30 / 30,  # seats_used / seats_purchased = 1.0
        # lower("Co-Founder & CEO") has "founder" and "ceo" as whole words
        "senior_buyer": True,
    },
    "factors": {
        "order": FACTOR_ORDER,
        # log(90000) > log(60000): scale clamps to 1; 20 * 1 = 20
        "purchase_size": factor(20, 1, 20.0),
        # software in target, small in sweet spot, senior -> band 0 (1); 20
        "buyer_persona": factor(20, 1, 20.0, band=0),
        # reference 0.6 + testimonial 0.4 = 1.0; 10
        "advocacy": factor(10, 1.0, 10.0),
        # nps 10 >= 9 -> band 0 (1); 10
        "satisfaction": factor(10, 1, 10.0, band=0),
        # 0.7 * 0.95 + 0.1 * 6 = 1.265 -> clamped to 1; 15
        "repurchase": factor(15, 1, 15.0, clamped=True) | {"raw_value": approx(0.7 * 0.95 + 0.1 * 6)},
        # 0.4 * min(3, 2) / 2 + 0.3 + 0.1 + 0.2 (4 products) = 1.0; 10
        "upsell": factor(10, approx(1.0), 10.0),
        # scale(1.0, 0.5, 0.95) -> 1; 5
        "seat_expansion": factor(5, 1, 5.0),
        # "en-US" and NY reachable -> band 0 (1); 10
        "ease_of_service": factor(10, 1, 10.0, band=0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        # 2020-06-10 < 2022-01-01 and 6 renewals >= 2
        "founding_customer": adjustment(True, 3.0),
        # months_into_contract_year 4 < 10
        "renewal_due_and_doubtful": adjustment(False, -4.0),
        "payment_overdue": adjustment(False, -5.0),  # status active
        # last login 2026-10-30: 2 days <= 45
        "dormant_account": adjustment(False, -3.0),
    },
    "total": {
        "id": "EDGE-01-PERFECT",
        "eligible": True,
        "as_of": AS_OF,
        # 20 + 20 + 10 + 10 + 15 + 10 + 5 + 10 = 100; + 3 = 103 -> clamped 100
        "total": {
            "factor_points": 100.0,
            "adjustment_points": 3.0,
            "unclamped": 103.0,
            "clamped": True,
            "min": 0,
            "max": 100,
            "score": 100.0,
        },
        "score": 100.0,
        "tier": "best",
        "next_tier": None,
    },
    # no factor lost a point
    "reasons": [],
}

# EDGE-10-ALL-NULLS: every nullable input null. Four factors fall back to
# their `missing:` value, the dormant penalty applies (no login recorded).
CASES["EDGE-10-ALL-NULLS"] = {
    "label": "null-inputs-missing-values",
    "filters": passing_filters("US", "active"),
    "lets": {
        "tenure_months": 43,  # 2023-03-15 -> 2026-11-01: 3 years 7 months
        "months_into_contract_year": 43 % 12,  # 7
        "purchase_size": 24000.0,  # coalesce(null ACV, first purchase 24000)
        "seat_utilisation": None,  # seats_used null
        "senior_buyer": None,  # buyer_title null
    },
    "factors": {
        "order": FACTOR_ORDER,
        # (log 24000 - log 2000) / (log 60000 - log 2000) = log 12 / log 30
        # = 0.730597...; 20 * 0.730597 = 14.6119 -> 14.61
        "purchase_size": factor(20, approx((log(24000) - log(2000)) / (log(60000) - log(2000))), 14.61),
        # band 0: true and true (mid) and null -> null before any band matched
        # -> missing 0.3; 20 * 0.3 = 6
        "buyer_persona": factor(20, 0.3, 6.0, missing=True, why=("buyer_title", "senior_buyer")),
        "advocacy": factor(10, 0, 0.0),  # 0 + 0
        # nps null -> missing 0.4; 4
        "satisfaction": factor(10, 0.4, 4.0, missing=True, why=("nps_score",)),
        # renewal_likelihood null -> missing 0.35; 15 * 0.35 = 5.25
        "repurchase": factor(15, 0.35, 5.25, missing=True, why=("renewal_likelihood",)),
        # 0.4 * min(1, 2) / 2 = 0.2, nothing else (2 products); 2
        "upsell": factor(10, approx(0.2), 2.0),
        # seat_utilisation null -> missing 0; 0
        "seat_expansion": factor(5, 0, 0.0, missing=True, why=("seats_used", "seat_utilisation")),
        # language and region null -> band 0 null -> missing 0.5; 5
        "ease_of_service": factor(10, 0.5, 5.0, missing=True, why=("preferred_language", "region")),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "founding_customer": adjustment(False, 3.0),  # signed up 2023
        # months_into_contract_year 7 < 10 -> false (renewal_likelihood null)
        "renewal_due_and_doubtful": adjustment(False, -4.0),
        "payment_overdue": adjustment(False, -5.0),
        # last_login_date is null -> true
        "dormant_account": adjustment(True, -3.0),
    },
    "total": {
        "id": "EDGE-10-ALL-NULLS",
        "eligible": True,
        # 14.61 + 6 + 0 + 4 + 5.25 + 2 + 0 + 5 = 36.86; - 3 = 33.86
        "total": {
            "factor_points": 36.86,
            "adjustment_points": -3.0,
            "unclamped": 33.86,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 33.86,
        },
        # 33.86 < 35 -> low; fair is 35 - 33.86 = 1.14 away
        "score": 33.86,
        "tier": "low",
        "next_tier": {"name": "fair", "min": 35, "points_short": 1.14},
    },
    # lost: purchase 5.39, persona 14, advocacy 10, satisfaction 6,
    # repurchase 9.75, upsell 8, seats 5, ease 5
    "reasons": [
        {"kind": "factor", "id": "buyer_persona", "lost_points": 14.0},
        {"kind": "factor", "id": "advocacy", "lost_points": 10.0},
        {"kind": "factor", "id": "repurchase", "lost_points": 9.75},
        {"kind": "factor", "id": "upsell", "lost_points": 8.0},
    ],
}

# EDGE-13-DETRACTOR-FAR-WEST: eligible but weak; three penalties push the
# total below zero, so the score is clamped to 0. Lowest bands.
CASES["EDGE-13-DETRACTOR-FAR-WEST"] = {
    "label": "penalties-clamped-to-0",
    "filters": passing_filters("US", "past_due"),
    "lets": {
        "tenure_months": 10,  # 2025-12-20 -> 2026-10-20 is 10 months
        "months_into_contract_year": 10,
        "purchase_size": 1500.0,
        "seat_utilisation": 10 / 40,  # 0.25
        "senior_buyer": False,  # "procurement manager"
    },
    "factors": {
        "order": FACTOR_ORDER,
        # log 1500 < log 2000 -> scale clamps to 0
        "purchase_size": factor(20, 0, 0.0),
        # manufacturing not a target industry, procurement not a champion
        # department -> else (band 3) 0.1; 2
        "buyer_persona": factor(20, 0.1, 2.0, band=3),
        "advocacy": factor(10, 0, 0.0),
        # nps 3 -> else (band 2) 0
        "satisfaction": factor(10, 0, 0.0, band=2),
        # 0.7 * 0.2 + 0.1 * 0 = 0.14; 15 * 0.14 = 2.1
        "repurchase": factor(15, approx(0.7 * 0.2 + 0.1 * 0), 2.1),
        # no add-on, no services, 1 product
        "upsell": factor(10, 0, 0.0),
        # scale(0.25, 0.5, 0.95) -> 0
        "seat_expansion": factor(5, 0, 0.0),
        # en-US but WA is not reachable -> band 1 (0.7); 7
        "ease_of_service": factor(10, 0.7, 7.0, band=1),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "founding_customer": adjustment(False, 3.0),
        # annual, months_into_contract_year 10 >= 10, 0.2 < 0.5
        "renewal_due_and_doubtful": adjustment(True, -4.0),
        "payment_overdue": adjustment(True, -5.0),  # past_due
        # 2026-07-01 -> 2026-11-01 = 123 days > 45
        "dormant_account": adjustment(True, -3.0),
    },
    "total": {
        "id": "EDGE-13-DETRACTOR-FAR-WEST",
        "eligible": True,
        # 0 + 2 + 0 + 0 + 2.1 + 0 + 0 + 7 = 11.1; -4 -5 -3 = -12; -0.9 -> 0
        "total": {"factor_points": 11.1, "adjustment_points": -12.0, "unclamped": -0.9, "clamped": True, "min": 0, "max": 100, "score": 0},
        "score": 0,
        "tier": "low",
        "next_tier": {"name": "fair", "min": 35, "points_short": 35},
    },
    # lost: purchase 20, persona 18, advocacy 10, satisfaction 10,
    # repurchase 12.9, upsell 10, seats 5, ease 3. Three ties at 10 with the
    # same weight 10: policy order picks advocacy.
    "reasons": [
        {"kind": "factor", "id": "purchase_size", "lost_points": 20.0},
        {"kind": "factor", "id": "buyer_persona", "lost_points": 18.0},
        {"kind": "factor", "id": "repurchase", "lost_points": 12.9},
        {"kind": "factor", "id": "advocacy", "lost_points": 10.0},
    ],
}

# EDGE-24-LARGE-NO-TITLE: three-valued logic inside bands. senior_buyer is
# null, but band 0 is false anyway (large is not a sweet-spot size: false
# and null = false) and band 1 is true (null or sales-is-champion = true),
# so the persona is NOT missing.
CASES["EDGE-24-LARGE-NO-TITLE"] = {
    "label": "kleene-logic-decides-band",
    "filters": passing_filters("US", "active"),
    "lets": {
        "tenure_months": 43,
        "months_into_contract_year": 7,
        "purchase_size": 30000.0,
        "seat_utilisation": 30 / 40,  # 0.75
        "senior_buyer": None,
    },
    "factors": {
        "order": FACTOR_ORDER,
        # log 15 / log 30 = 0.796204...; 20 * 0.796204 = 15.924 -> 15.92
        "purchase_size": factor(20, approx((log(30000) - log(2000)) / (log(60000) - log(2000))), 15.92),
        # band 1 (0.7); 14
        "buyer_persona": factor(20, 0.7, 14.0, band=1),
        "advocacy": factor(10, 0, 0.0),
        # nps 8 -> band 1 (0.5); 5
        "satisfaction": factor(10, 0.5, 5.0, band=1),
        # 0.7 * 0.8 + 0.1 * 3 = 0.86; 15 * 0.86 = 12.9
        "repurchase": factor(15, approx(0.7 * 0.8 + 0.1 * 3), 12.9),
        # 0.4 * 1 / 2 = 0.2; 2
        "upsell": factor(10, approx(0.2), 2.0),
        # (0.75 - 0.5) / (0.95 - 0.5) = 0.5556; 5 * 0.5556 = 2.7778 -> 2.78
        "seat_expansion": factor(5, approx((0.75 - 0.5) / (0.95 - 0.5)), 2.78),
        "ease_of_service": factor(10, 1, 10.0, band=0),  # en-US, NY
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "founding_customer": adjustment(False, 3.0),
        "renewal_due_and_doubtful": adjustment(False, -4.0),  # 7 < 10
        "payment_overdue": adjustment(False, -5.0),
        "dormant_account": adjustment(False, -3.0),  # 2 days
    },
    "total": {
        "id": "EDGE-24-LARGE-NO-TITLE",
        "eligible": True,
        # 15.92 + 14 + 0 + 5 + 12.9 + 2 + 2.78 + 10 = 62.60
        "total": {"factor_points": 62.6, "adjustment_points": 0, "unclamped": 62.6, "clamped": False, "min": 0, "max": 100, "score": 62.6},
        # good (>= 55); best is 75 - 62.6 = 12.4 away
        "score": 62.6,
        "tier": "good",
        "next_tier": {"name": "best", "min": 75, "points_short": 12.4},
    },
    # lost: purchase 4.08, persona 6, advocacy 10, satisfaction 5,
    # repurchase 2.1, upsell 8, seats 2.22, ease 0
    "reasons": [
        {"kind": "factor", "id": "advocacy", "lost_points": 10.0},
        {"kind": "factor", "id": "upsell", "lost_points": 8.0},
        {"kind": "factor", "id": "buyer_persona", "lost_points": 6.0},
        {"kind": "factor", "id": "satisfaction", "lost_points": 5.0},
    ],
}

# EDGE-23-MONTHLY-NO-ACV: ACV null -> first order (900) via coalesce, below
# the 2,000 floor; champion department only -> persona band 2; English in
# British Columbia -> ease band 1; monthly billing.
CASES["EDGE-23-MONTHLY-NO-ACV"] = {
    "label": "acv-fallback-and-middle-bands",
    "filters": passing_filters("CA", "active"),
    "lets": {
        "tenure_months": 43,
        "months_into_contract_year": 7,
        "purchase_size": 900.0,
        "seat_utilisation": 0.75,
        "senior_buyer": False,  # "marketing coordinator"
    },
    "factors": {
        "order": FACTOR_ORDER,
        "purchase_size": factor(20, 0, 0.0),  # log 900 < log 2000 -> 0
        # education not a target industry; marketing is a champion dept -> band 2
        "buyer_persona": factor(20, 0.4, 8.0, band=2),
        "advocacy": factor(10, 0, 0.0),
        "satisfaction": factor(10, 0.5, 5.0, band=1),  # nps 8
        "repurchase": factor(15, approx(0.7 * 0.8 + 0.1 * 3), 12.9),
        "upsell": factor(10, approx(0.2), 2.0),
        "seat_expansion": factor(5, approx((0.75 - 0.5) / (0.95 - 0.5)), 2.78),
        "ease_of_service": factor(10, 0.7, 7.0, band=1),  # en-CA, BC not reachable
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "founding_customer": adjustment(False, 3.0),
        "renewal_due_and_doubtful": adjustment(False, -4.0),  # monthly
        "payment_overdue": adjustment(False, -5.0),
        "dormant_account": adjustment(False, -3.0),
    },
    "total": {
        "id": "EDGE-23-MONTHLY-NO-ACV",
        "eligible": True,
        # 0 + 8 + 0 + 5 + 12.9 + 2 + 2.78 + 7 = 37.68
        "total": {
            "factor_points": 37.68,
            "adjustment_points": 0,
            "unclamped": 37.68,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 37.68,
        },
        "score": 37.68,
        "tier": "fair",
        "next_tier": {"name": "good", "min": 55, "points_short": 17.32},  # 55 - 37.68
    },
    # lost: purchase 20, persona 12, advocacy 10, satisfaction 5,
    # repurchase 2.1, upsell 8, seats 2.22, ease 3
    "reasons": [
        {"kind": "factor", "id": "purchase_size", "lost_points": 20.0},
        {"kind": "factor", "id": "buyer_persona", "lost_points": 12.0},
        {"kind": "factor", "id": "advocacy", "lost_points": 10.0},
        {"kind": "factor", "id": "upsell", "lost_points": 8.0},
    ],
}

# C00015: a generated record whose repurchase points sit exactly on a
# rounding tie: 15 * (0.7 * 0.31) = 3.255 -> 3.26 half away from zero
# (Python's round() on the binary float would give 3.25).
CASES["C00015"] = {
    "label": "rounding-tie-half-away-from-zero",
    "filters": passing_filters("US", "past_due"),
    "lets": {
        "tenure_months": 7,  # 2026-03-14 -> 2026-10-14
        "months_into_contract_year": 7,
        "purchase_size": 14019.95,  # ACV
        "seat_utilisation": approx(122 / 191),  # 0.6387
        "senior_buyer": True,  # "head of people" contains "head of"
    },
    "factors": {
        "order": FACTOR_ORDER,
        # (log 14019.95 - log 2000) / (log 60000 - log 2000) = 0.57254;
        # 20 * 0.57254 = 11.4509 -> 11.45
        "purchase_size": factor(20, approx((log(14019.95) - log(2000)) / (log(60000) - log(2000))), 11.45),
        # retail is not a target industry, hr not a champion department -> else
        "buyer_persona": factor(20, 0.1, 2.0, band=3),
        "advocacy": factor(10, 0, 0.0),
        "satisfaction": factor(10, 0.5, 5.0, band=1),  # nps 7
        # 0.7 * 0.31 + 0.1 * 0 = 0.217; 15 * 0.217 = 3.255 -> 3.26
        "repurchase": factor(15, approx(0.7 * 0.31), 3.26),
        # 0.4 * min(2, 2) / 2 + 0 + 0 + 0.2 (4 products) = 0.6; 6
        "upsell": factor(10, approx(0.6), 6.0),
        # (0.63874 - 0.5) / 0.45 = 0.30832; 5 * 0.30832 = 1.5416 -> 1.54
        "seat_expansion": factor(5, approx((122 / 191 - 0.5) / (0.95 - 0.5)), 1.54),
        "ease_of_service": factor(10, 1, 10.0, band=0),  # en-US, SC
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "founding_customer": adjustment(False, 3.0),
        "renewal_due_and_doubtful": adjustment(False, -4.0),  # 7 < 10
        "payment_overdue": adjustment(True, -5.0),  # past_due
        "dormant_account": adjustment(False, -3.0),  # 1 day
    },
    "total": {
        "id": "C00015",
        "eligible": True,
        # 11.45 + 2 + 0 + 5 + 3.26 + 6 + 1.54 + 10 = 39.25; - 5 = 34.25
        "total": {
            "factor_points": 39.25,
            "adjustment_points": -5.0,
            "unclamped": 34.25,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 34.25,
        },
        "score": 34.25,
        "tier": "low",
        "next_tier": {"name": "fair", "min": 35, "points_short": 0.75},
    },
    # lost: purchase 8.55, persona 18, advocacy 10, satisfaction 5,
    # repurchase 11.74, upsell 4, seats 3.46, ease 0
    "reasons": [
        {"kind": "factor", "id": "buyer_persona", "lost_points": 18.0},
        {"kind": "factor", "id": "repurchase", "lost_points": 11.74},
        {"kind": "factor", "id": "advocacy", "lost_points": 10.0},
        {"kind": "factor", "id": "purchase_size", "lost_points": 8.55},
    ],
}

# Ineligible records: score and tier null, the failed filters with the
# values they read, reasons = the failed filters in policy order.
CASES["EDGE-02-OUTSIDE-US-CA"] = {
    "label": "ineligible-outside-home-market",
    "filters": {
        "order": FILTER_ORDER,
        "home_market": {"passed": False, "result": False, "inputs": {"country": "DE"}},
        "not_churned": {"passed": True, "result": True, "inputs": {"status": "active"}},
    },
    "total": {"id": "EDGE-02-OUTSIDE-US-CA", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "home_market", "lost_points": None}],
}

CASES["EDGE-03-CHURNED-OLD"] = {
    "label": "ineligible-churned",
    "filters": {
        "order": FILTER_ORDER,
        "home_market": {"passed": True, "result": True, "inputs": {"country": "US"}},
        "not_churned": {"passed": False, "result": False, "inputs": {"status": "churned"}},
    },
    "total": {"id": "EDGE-03-CHURNED-OLD", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "not_churned", "lost_points": None}],
}

# C00057: German and churned, both filters fail.
CASES["C00057"] = {
    "label": "ineligible-both-filters-fail",
    "filters": {
        "order": FILTER_ORDER,
        "home_market": {"passed": False, "result": False, "inputs": {"country": "DE"}},
        "not_churned": {"passed": False, "result": False, "inputs": {"status": "churned"}},
    },
    "total": {"id": "C00057", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [
        {"kind": "filter", "id": "home_market", "lost_points": None},
        {"kind": "filter", "id": "not_churned", "lost_points": None},
    ],
}

# EDGE-12-SEATLESS: seat_utilisation = seats_used / seats_purchased = 4 / 0.
DIVISIONS = [("EDGE-12-SEATLESS", "seat_expansion", "seat_utilisation", "seats_used / seats_purchased")]

# EDGE-11 leaves out exactly the fields EDGE-10 sets to null; where the fields this
# policy reads are otherwise equal, both must score alike (None: not the case here).
ABSENT_PAIR = ("EDGE-10-ALL-NULLS", "EDGE-11-ABSENT-NULLABLES")
NAME = "startup-us-ca"
