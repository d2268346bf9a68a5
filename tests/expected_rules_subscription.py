"""Expected explanations, computed by hand, for rules/subscription-health.yaml.

Every expected number below was worked out from the policy text and the
record in examples/customers.jsonl (as_of 2026-11-01), never copied from the
engine.  Points are weight x value rounded half away from zero to
score.decimals = 2 on the product's shortest decimal form; the score is the
exact sum of the rounded points plus applied adjustments, clamped to [0, 100];
tiers: keeper >= 75, healthy >= 55, watch >= 35, at_risk >= 0.

Each record is checked section by section (filters, lets, factors,
adjustments, total, reasons) so that a failure points at one part of the
explanation.
"""

from __future__ import annotations

import math

from rules_cases import AS_OF, ROOT, Contains, adjustment, approx, factor

POLICY_PATH = ROOT / "rules" / "subscription-health.yaml"

sqrt = math.sqrt


FILTER_ORDER = ["paying_subscriber", "six_months_of_history"]
FACTOR_ORDER = [
    "payment_discipline",
    "accounting_burden",
    "owner_involvement",
    "wallet_share_growth",
    "referral_network",
    "lifetime_value",
    "billing_setup",
]
ADJUSTMENT_ORDER = [
    "referrals_brought_revenue",
    "second_generation_referrals",
    "heavy_discount_haggling",
    "personal_billing_mailbox",
]


def passing_filters(status, tenure_months):
    return {
        "order": FILTER_ORDER,
        "paying_subscriber": {"passed": True, "result": True, "inputs": {"status": status}},
        "six_months_of_history": {"passed": True, "result": True, "inputs": {"tenure_months": tenure_months}},
    }


# --------------------------------------------------------------------------
# the hand computations

CASES: dict[str, dict] = {}

# EDGE-18-SUPER-REFERRER: the high scorer. No LTV estimate, so the fallback
# (spend + 24 months of recent MRR) is used; referral factor clamped by its
# scale; both referral bonuses and the personal-mailbox penalty apply.
CASES["EDGE-18-SUPER-REFERRER"] = {
    "label": "high-scorer-ltv-fallback",
    "filters": passing_filters("active", 43),
    "lets": {
        "tenure_months": 43,  # 2023-03-15 -> 2026-11-01
        # its tree in the sample: 12 direct referrals, 8 referrals of those,
        # who spent 1668339.32 together
        "weighted_referrals": 12 + 0.5 * 8,  # 16.0
        "avg_recent_mrr": (1000.0 + 1000.0 + 1000.0) / 3,  # 1000.0
        # coalesce(null, 30000 + 24 * 1000) + 1668339.32 = 1722339.32
        "ltv_with_referrals": approx(30000.0 + 24 * 1000.0 + 1668339.32),
        "ltv_k": 1722.3,  # round(1722.33932, 1)
    },
    "factors": {
        "order": FACTOR_ORDER,
        # late 0 and 12 days <= 15 -> band 0 (1); 20
        "payment_discipline": factor(20, 1, 20.0, band=0),
        # scale(1, 6, 0) = (1 - 6) / (0 - 6) = 5/6; 10 * 0.8333 = 8.33
        "accounting_burden": factor(10, approx(5 / 6), 8.33),
        # delegating -> band 1 (0.85); 15 * 0.85 = 12.75
        "owner_involvement": factor(15, 0.85, 12.75, band=1),
        # 0.6 * (25 / 50) + 0.4 * (20 / 40) = 0.3 + 0.2 = 0.5; 7.5
        "wallet_share_growth": factor(15, approx(0.5), 7.5),
        # sqrt(16) = 4 > sqrt(9) = 3 -> scale clamps to 1; 15
        "referral_network": factor(15, 1, 15.0),
        # 1722.3 > 150 -> 1; 20
        "lifetime_value": factor(20, 1, 20.0),
        "billing_setup": factor(5, 1, 5.0),  # auto_pay
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(True, 5.0),  # 1668339.32 >= 10000
        "second_generation_referrals": adjustment(True, 2.0),  # 8 > 0
        # discount null: `is not null` is false, so false and ... = false
        "heavy_discount_haggling": adjustment(False, -8.0),
        "personal_billing_mailbox": adjustment(True, -2.0),  # owner@hotmail.com
    },
    "total": {
        "id": "EDGE-18-SUPER-REFERRER",
        "eligible": True,
        "as_of": AS_OF,
        # 20 + 8.33 + 12.75 + 7.5 + 15 + 20 + 5 = 88.58; + 5 + 2 - 2 = 93.58
        "total": {
            "factor_points": 88.58,
            "adjustment_points": 5.0,
            "unclamped": 93.58,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 93.58,
        },
        "score": 93.58,
        "tier": "keeper",
        "next_tier": None,
    },
    # lost: growth 7.5, owner 2.25, accounting 1.67 (10 - 8.33); others 0
    "reasons": [
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 7.5},
        {"kind": "factor", "id": "owner_involvement", "lost_points": 2.25},
        # the applied personal_billing_mailbox penalty cost 2 points: between owner (2.25) and accounting (1.67)
        {"kind": "adjustment", "id": "personal_billing_mailbox", "code": "adjustment:personal_billing_mailbox", "lost_points": 2.0},
        {"kind": "factor", "id": "accounting_burden", "lost_points": 1.67},
    ],
}

# EDGE-10-ALL-NULLS: every nullable input null; mrr_last_6m is empty, so
# avg_recent_mrr divides by zero (null) and LTV cannot be computed.
CASES["EDGE-10-ALL-NULLS"] = {
    "label": "null-inputs-missing-values",
    "filters": passing_filters("active", 43),
    "lets": {
        "tenure_months": 43,
        "weighted_referrals": 1 + 0.5 * 0,  # 1.0
        "avg_recent_mrr": None,  # sum([]) / count([]) = 0 / 0 -> null
        "ltv_with_referrals": None,  # coalesce(null, 84000 + 24 * null) + 5798.91
        "ltv_k": None,
    },
    "factors": {
        "order": FACTOR_ORDER,
        # null == 0 -> null in band 0 -> missing 0.4; 8
        "payment_discipline": factor(20, 0.4, 8.0, missing=True, why=("late_payments_first_6m",)),
        "accounting_burden": factor(10, 0.5, 5.0, missing=True, why=("billing_tickets_first_6m",)),
        "owner_involvement": factor(15, 0.4, 6.0, missing=True, why=("owner_involvement",)),
        # 15 * 0.3 = 4.5
        "wallet_share_growth": factor(15, 0.3, 4.5, missing=True, why=("wallet_share_growth_pct", "users_growth_pct")),
        # scale(sqrt(1), 0, 3) = 1/3; 15 * 1/3 = 5
        "referral_network": factor(15, approx(1 / 3), 5.0),
        # ltv_k null (lifetime_value null, and the fallback divides 0 / 0)
        # -> missing 0.2; 4
        "lifetime_value": factor(20, 0.2, 4.0, missing=True, why=("lifetime_value", "division by zero", "mrr_last_6m")),
        "billing_setup": factor(5, 1, 5.0),  # auto_pay
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),  # its one referral spent 5798.91 < 10000
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(False, -8.0),  # null is not null = false
        # matches(lower(null), ...) is null: not applied, and the explanation
        # says which input was null
        "personal_billing_mailbox": adjustment(False, -2.0, condition=None) | {"null_reason": Contains("contact_email")},
    },
    "total": {
        "id": "EDGE-10-ALL-NULLS",
        "eligible": True,
        # 8 + 5 + 6 + 4.5 + 5 + 4 + 5 = 37.5
        "total": {"factor_points": 37.5, "adjustment_points": 0, "unclamped": 37.5, "clamped": False, "min": 0, "max": 100, "score": 37.5},
        "score": 37.5,
        "tier": "watch",
        "next_tier": {"name": "healthy", "min": 55, "points_short": 17.5},
    },
    # lost: payment 12, accounting 5, owner 9, growth 10.5, referrals 10,
    # ltv 16, billing 0
    "reasons": [
        {"kind": "factor", "id": "lifetime_value", "lost_points": 16.0},
        {"kind": "factor", "id": "payment_discipline", "lost_points": 12.0},
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 10.5},
        {"kind": "factor", "id": "referral_network", "lost_points": 10.0},
    ],
}

# EDGE-11-ABSENT-NULLABLES: the nullable fields are left out of the record
# (absent reads as null). Unlike EDGE-10 the MRR list is full, so the LTV
# fallback works: 84000 + 24 * 2475 + 0 (the one customer it referred is a
# trial that has paid nothing yet).
CASES["EDGE-11-ABSENT-NULLABLES"] = {
    "label": "absent-fields-read-as-null",
    "filters": passing_filters("active", 43),
    "lets": {
        "tenure_months": 43,
        "weighted_referrals": 1.0,
        "avg_recent_mrr": 2475.0,  # (2400 + 2450 + 4 * 2500) / 6
        "ltv_with_referrals": 84000.0 + 24 * 2475.0 + 0.0,  # 143400
        "ltv_k": 143.4,
    },
    "factors": {
        "order": FACTOR_ORDER,
        "payment_discipline": factor(20, 0.4, 8.0, missing=True, why=("late_payments_first_6m",)),
        "accounting_burden": factor(10, 0.5, 5.0, missing=True, why=("billing_tickets_first_6m",)),
        "owner_involvement": factor(15, 0.4, 6.0, missing=True, why=("owner_involvement",)),
        "wallet_share_growth": factor(15, 0.3, 4.5, missing=True, why=("wallet_share_growth_pct", "users_growth_pct")),
        "referral_network": factor(15, approx(1 / 3), 5.0),
        # (143.4 - 2) / (150 - 2) = 141.4 / 148 = 0.955405; 20 * 0.955405 = 19.108 -> 19.11
        "lifetime_value": factor(20, approx((143.4 - 2) / (150 - 2)), 19.11),
        "billing_setup": factor(5, 1, 5.0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(False, -8.0),
        "personal_billing_mailbox": adjustment(False, -2.0, condition=None) | {"null_reason": Contains("contact_email")},
    },
    "total": {
        "id": "EDGE-11-ABSENT-NULLABLES",
        "eligible": True,
        # 8 + 5 + 6 + 4.5 + 5 + 19.11 + 5 = 52.61
        "total": {
            "factor_points": 52.61,
            "adjustment_points": 0,
            "unclamped": 52.61,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 52.61,
        },
        "score": 52.61,
        "tier": "watch",
        "next_tier": {"name": "healthy", "min": 55, "points_short": 2.39},  # 55 - 52.61
    },
    # lost: payment 12, accounting 5, owner 9, growth 10.5, referrals 10,
    # ltv 0.89, billing 0
    "reasons": [
        {"kind": "factor", "id": "payment_discipline", "lost_points": 12.0},
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 10.5},
        {"kind": "factor", "id": "referral_network", "lost_points": 10.0},
        {"kind": "factor", "id": "owner_involvement", "lost_points": 9.0},
    ],
}

# EDGE-13-DETRACTOR-FAR-WEST: weakest bands everywhere, shrinking spend
# (negative growth clamped to 0), haggler on Gmail; 2.5 - 10 = -7.5 -> 0.
CASES["EDGE-13-DETRACTOR-FAR-WEST"] = {
    "label": "else-bands-clamped-to-0",
    "filters": passing_filters("past_due", 10),
    "lets": {
        "tenure_months": 10,  # 2025-12-20 -> 2026-10-20
        "weighted_referrals": 0 + 0.5 * 0,
        "avg_recent_mrr": 750.0 / 6,  # six months of 125
        "ltv_with_referrals": 1200.0 + 0.0,
        "ltv_k": 1.2,
    },
    "factors": {
        "order": FACTOR_ORDER,
        # 6 late, 75 days: bands 0-2 false -> else (band 3) 0
        "payment_discipline": factor(20, 0, 0.0, band=3),
        # scale(9, 6, 0) = (9 - 6) / (0 - 6) = -0.5 -> 0
        "accounting_burden": factor(10, 0, 0.0),
        # firefighting -> else (band 3) 0.1; 1.5
        "owner_involvement": factor(15, 0.1, 1.5, band=3),
        # 0.6 * clamp(-20/50) + 0.4 * clamp(-30/40) = 0
        "wallet_share_growth": factor(15, 0, 0.0),
        "referral_network": factor(15, 0, 0.0),  # sqrt(0) = 0
        # scale(1.2, 2, 150) < 0 -> 0
        "lifetime_value": factor(20, 0, 0.0),
        # no auto pay, check -> 0.2; 1
        "billing_setup": factor(5, 0.2, 1.0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(True, -8.0),  # 35 >= 20
        "personal_billing_mailbox": adjustment(True, -2.0),  # jo.buyer@gmail.com
    },
    "total": {
        "id": "EDGE-13-DETRACTOR-FAR-WEST",
        "eligible": True,
        # 0 + 0 + 1.5 + 0 + 0 + 0 + 1 = 2.5; - 8 - 2 = -7.5 -> clamped to 0
        "total": {"factor_points": 2.5, "adjustment_points": -10.0, "unclamped": -7.5, "clamped": True, "min": 0, "max": 100, "score": 0},
        "score": 0,
        "tier": "at_risk",
        "next_tier": {"name": "watch", "min": 35, "points_short": 35},
    },
    # lost: payment 20, accounting 10, owner 13.5, growth 15, referrals 15,
    # ltv 20, billing 4. Ties (20/20 and 15/15) have equal weights, so
    # policy order decides.
    "reasons": [
        {"kind": "factor", "id": "payment_discipline", "lost_points": 20.0},
        {"kind": "factor", "id": "lifetime_value", "lost_points": 20.0},
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 15.0},
        {"kind": "factor", "id": "referral_network", "lost_points": 15.0},
    ],
}

# EDGE-19-HAGGLER-LATE: one late invoice paid in 28 days -> band 1;
# hands-on owner -> band 2; the haggling penalty applies.
CASES["EDGE-19-HAGGLER-LATE"] = {
    "label": "haggling-penalty-middle-bands",
    "filters": passing_filters("past_due", 22),
    "lets": {
        "tenure_months": 22,  # 2024-12-20 -> 2026-10-20
        "weighted_referrals": 1 + 0.5 * 0,
        # (2400 + 2450 + 4 * 2500) / 6 = 14850 / 6 = 2475
        "avg_recent_mrr": 2475.0,
        # its one referral spent 2773.92
        "ltv_with_referrals": approx(150000.0 + 2773.92),
        "ltv_k": 152.8,  # round(152.77392, 1)
    },
    "factors": {
        "order": FACTOR_ORDER,
        # 1 late (not 0); 1 <= 1 and 28 <= 30 -> band 1 (0.7); 14
        "payment_discipline": factor(20, 0.7, 14.0, band=1),
        # scale(4, 6, 0) = (4 - 6) / (0 - 6) = 1/3; 3.333 -> 3.33
        "accounting_burden": factor(10, approx(1 / 3), 3.33),
        "owner_involvement": factor(15, 0.4, 6.0, band=2),  # hands_on
        "wallet_share_growth": factor(15, approx(0.5), 7.5),
        "referral_network": factor(15, approx(1 / 3), 5.0),
        "lifetime_value": factor(20, 1, 20.0),  # 152.8 >= 150
        "billing_setup": factor(5, 0.5, 2.5),  # card, no auto pay
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(True, -8.0),  # 40 >= 20
        "personal_billing_mailbox": adjustment(False, -2.0),
    },
    "total": {
        "id": "EDGE-19-HAGGLER-LATE",
        "eligible": True,
        # 14 + 3.33 + 6 + 7.5 + 5 + 20 + 2.5 = 58.33; - 8 = 50.33
        "total": {
            "factor_points": 58.33,
            "adjustment_points": -8.0,
            "unclamped": 50.33,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 50.33,
        },
        "score": 50.33,
        "tier": "watch",
        "next_tier": {"name": "healthy", "min": 55, "points_short": 4.67},  # 55 - 50.33
    },
    # lost: payment 6, accounting 6.67, owner 9, growth 7.5, referrals 10,
    # ltv 0, billing 2.5
    "reasons": [
        {"kind": "factor", "id": "referral_network", "lost_points": 10.0},
        {"kind": "factor", "id": "owner_involvement", "lost_points": 9.0},
        # the applied heavy_discount_haggling penalty cost 8 points: third, ahead of growth (7.5)
        {"kind": "adjustment", "id": "heavy_discount_haggling", "code": "adjustment:heavy_discount_haggling", "lost_points": 8.0},
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 7.5},
    ],
}

# EDGE-21-LATE-NO-SPEED: two late invoices, days_to_pay_avg null. Bands 0
# and 1 are false whatever the speed (2 == 0 false, 2 <= 1 false; false
# and null = false) and band 2 is true: band 2, NOT missing.
CASES["EDGE-21-LATE-NO-SPEED"] = {
    "label": "kleene-logic-decides-band",
    "filters": passing_filters("active", 43),
    "lets": {
        "tenure_months": 43,
        "weighted_referrals": 1.0,
        "avg_recent_mrr": 2475.0,
        "ltv_with_referrals": 150000.0 + 0.0,  # its one referral is a trial that has paid nothing yet
        "ltv_k": 150.0,
    },
    "factors": {
        "order": FACTOR_ORDER,
        "payment_discipline": factor(20, 0.3, 6.0, band=2),
        "accounting_burden": factor(10, approx(5 / 6), 8.33),
        "owner_involvement": factor(15, 0.85, 12.75, band=1),
        "wallet_share_growth": factor(15, approx(0.5), 7.5),
        "referral_network": factor(15, approx(1 / 3), 5.0),
        "lifetime_value": factor(20, 1, 20.0),
        "billing_setup": factor(5, 1, 5.0),
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(False, -8.0),  # 10 < 20
        "personal_billing_mailbox": adjustment(False, -2.0),
    },
    "total": {
        "id": "EDGE-21-LATE-NO-SPEED",
        "eligible": True,
        # 6 + 8.33 + 12.75 + 7.5 + 5 + 20 + 5 = 64.58
        "total": {
            "factor_points": 64.58,
            "adjustment_points": 0,
            "unclamped": 64.58,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 64.58,
        },
        "score": 64.58,
        "tier": "healthy",
        "next_tier": {"name": "keeper", "min": 75, "points_short": 10.42},
    },
    # lost: payment 14, accounting 1.67, owner 2.25, growth 7.5, referrals 10
    "reasons": [
        {"kind": "factor", "id": "payment_discipline", "lost_points": 14.0},
        {"kind": "factor", "id": "referral_network", "lost_points": 10.0},
        {"kind": "factor", "id": "wallet_share_growth", "lost_points": 7.5},
        {"kind": "factor", "id": "owner_involvement", "lost_points": 2.25},
    ],
}

# C00002: a generated record with a rounding tie in wallet_share_growth
# (15 * 0.715 = 10.725 -> 10.73, Python's round() gives 10.72) and the LTV
# fallback through the average of six MRR values.
CASES["C00002"] = {
    "label": "rounding-tie-half-away-from-zero",
    "filters": passing_filters("active", 61),
    "lets": {
        "tenure_months": 61,  # 2021-09-20 -> 2026-10-20
        "weighted_referrals": 0 + 0.5 * 0,
        # (198.21 + 195.2 + 210.57 + 207.87 + 215.98 + 222.83) / 6
        # = 1250.66 / 6 = 208.4433 -> 208.44
        "avg_recent_mrr": 208.44,
        # 11941.2 + 24 * 208.44 + 0 = 16943.76
        "ltv_with_referrals": approx(11941.2 + 24 * 208.44 + 0.0),
        "ltv_k": 16.9,  # 16.94376 -> 16.9
    },
    "factors": {
        "order": FACTOR_ORDER,
        "payment_discipline": factor(20, 1, 20.0, band=0),  # 0 late, 0.1 days
        "accounting_burden": factor(10, approx(5 / 6), 8.33),  # 1 ticket
        "owner_involvement": factor(15, 0.1, 1.5, band=3),  # firefighting
        # 0.6 * (31 / 50) + 0.4 * (34.3 / 40) = 0.372 + 0.343 = 0.715
        # 15 * 0.715 = 10.725 -> 10.73
        "wallet_share_growth": factor(15, approx(0.6 * (31.0 / 50) + 0.4 * (34.3 / 40)), 10.73),
        "referral_network": factor(15, 0, 0.0),
        # (16.9 - 2) / (150 - 2) = 0.100676; 20 * 0.100676 = 2.0135 -> 2.01
        "lifetime_value": factor(20, approx((16.9 - 2) / (150 - 2)), 2.01),
        "billing_setup": factor(5, 1, 5.0),  # auto_pay
    },
    "adjustments": {
        "order": ADJUSTMENT_ORDER,
        "referrals_brought_revenue": adjustment(False, 5.0),
        "second_generation_referrals": adjustment(False, 2.0),
        "heavy_discount_haggling": adjustment(True, -8.0),  # 25 >= 20
        "personal_billing_mailbox": adjustment(False, -2.0),  # silverhealth.net
    },
    "total": {
        "id": "C00002",
        "eligible": True,
        # 20 + 8.33 + 1.5 + 10.73 + 0 + 2.01 + 5 = 47.57; - 8 = 39.57
        "total": {
            "factor_points": 47.57,
            "adjustment_points": -8.0,
            "unclamped": 39.57,
            "clamped": False,
            "min": 0,
            "max": 100,
            "score": 39.57,
        },
        "score": 39.57,
        "tier": "watch",
        "next_tier": {"name": "healthy", "min": 55, "points_short": 15.43},
    },
    # lost: payment 0, accounting 1.67, owner 13.5, growth 4.27,
    # referrals 15, ltv 17.99, billing 0
    "reasons": [
        {"kind": "factor", "id": "lifetime_value", "lost_points": 17.99},
        {"kind": "factor", "id": "referral_network", "lost_points": 15.0},
        {"kind": "factor", "id": "owner_involvement", "lost_points": 13.5},
        # the applied heavy_discount_haggling penalty cost 8 points, more than growth's 4.27
        {"kind": "adjustment", "id": "heavy_discount_haggling", "code": "adjustment:heavy_discount_haggling", "lost_points": 8.0},
    ],
}

# Ineligible records.
CASES["EDGE-08-FIVE-MONTHS"] = {
    "label": "ineligible-five-months-of-history",
    "filters": {
        "order": FILTER_ORDER,
        "paying_subscriber": {"passed": True, "result": True, "inputs": {"status": "active"}},
        # 2026-06-01 -> 2026-11-01 = 5 whole months < 6
        "six_months_of_history": {"passed": False, "result": False, "inputs": {"tenure_months": 5, "min_tenure_months": 6}},
    },
    "total": {"id": "EDGE-08-FIVE-MONTHS", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "six_months_of_history", "lost_points": None}],
}

CASES["EDGE-06-TRIAL-NEW"] = {
    "label": "ineligible-trial-and-too-new",
    "filters": {
        "order": FILTER_ORDER,
        "paying_subscriber": {"passed": False, "result": False, "inputs": {"status": "trial"}},
        # 2026-10-12 -> 2026-11-01: 0 whole months
        "six_months_of_history": {"passed": False, "result": False, "inputs": {"tenure_months": 0, "min_tenure_months": 6}},
    },
    "total": {"id": "EDGE-06-TRIAL-NEW", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [
        {"kind": "filter", "id": "paying_subscriber", "lost_points": None},
        {"kind": "filter", "id": "six_months_of_history", "lost_points": None},
    ],
}

CASES["C00057"] = {
    "label": "ineligible-churned",
    "filters": {
        "order": FILTER_ORDER,
        "paying_subscriber": {"passed": False, "result": False, "inputs": {"status": "churned"}},
        # 2022-01-07 -> 2026-10-07 = 57 months
        "six_months_of_history": {"passed": True, "result": True, "inputs": {"tenure_months": 57}},
    },
    "total": {"id": "C00057", "eligible": False, "score": None, "tier": None, "total": None},
    "reasons": [{"kind": "filter", "id": "paying_subscriber", "lost_points": None}],
}

# EDGE-22-PAUSED-NO-LTV: lifetime_value null and mrr_last_6m empty, so
# avg_recent_mrr = sum([]) / count([]) = 0 / 0 and the LTV fallback is null.
DIVISIONS = [("EDGE-22-PAUSED-NO-LTV", "lifetime_value", "avg_recent_mrr", "sum(mrr_last_6m) / count(mrr_last_6m)")]

# EDGE-11 leaves out exactly the fields EDGE-10 sets to null; where the fields this
# policy reads are otherwise equal, both must score alike (None: not the case here).
ABSENT_PAIR = None
NAME = "subscription-health"
