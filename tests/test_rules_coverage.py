"""Branch coverage of the policies in rules/ by the sample data, and the
arithmetic consistency of every explanation.

Every record of examples/customers.jsonl is scored with every policy
(as_of 2026-11-01).  The tests prove that the sample reaches every filter
outcome, every band (including `else`), every `missing:` fallback, every
adjustment applied and not applied, every tier and both score clamps; the
expected outcomes are written out as explicit sets from the policy text.

The second half checks, for every explanation: it validates against
schemas/explanation.schema.json; factor points + applied adjustment points
add up exactly (decimal arithmetic) to total.unclamped and the score is that
value clamped; each factor's points are weight x value rounded half away
from zero to score.decimals; the tier is the first tier whose min <= score;
and reasons follow the rule of the spec.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import jsonschema
import pytest

import policyscore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "examples" / "customers.jsonl"
EXPLANATION_SCHEMA = ROOT / "schemas" / "explanation.schema.json"
AS_OF = "2026-11-01"
POLICY_NAMES = ("startup-us-ca", "subscription-health", "balanced-portfolio")

by_policy = pytest.mark.parametrize("name", POLICY_NAMES)


@cache
def records() -> tuple[dict, ...]:
    with SAMPLE_PATH.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


@cache
def policy(name: str):
    return policyscore.load_policy(ROOT / "rules" / f"{name}.yaml")


@cache
def explanations(name: str) -> tuple[dict, ...]:
    p = policy(name)
    return tuple(result.to_dict() for result in p.score_many(records(), as_of=AS_OF))


def eligible(name: str):
    return [e for e in explanations(name) if e["eligible"]]


def D(x) -> Decimal:
    return Decimal(str(x))


# --------------------------------------------------------------------------
# coverage: expected outcomes, from the policy texts

# (passed, result) pairs each filter must show. A null result (missing data)
# is only possible for balanced-portfolio's current_or_recent: status and
# country are required, tenure_months comes from the required signup_date,
# tags is a required list, but churned_on is nullable.
FILTER_OUTCOMES = {
    "startup-us-ca": {
        "home_market": {(True, True), (False, False)},
        "not_churned": {(True, True), (False, False)},
    },
    "subscription-health": {
        "paying_subscriber": {(True, True), (False, False)},
        "six_months_of_history": {(True, True), (False, False)},
    },
    "balanced-portfolio": {
        "current_or_recent": {(True, True), (False, False), (False, None)},
        "real_customer": {(True, True), (False, False)},
    },
}

# band indexes (the last one is `else`) of every banded factor
BANDS = {
    "startup-us-ca": {"buyer_persona": {0, 1, 2, 3}, "satisfaction": {0, 1, 2}, "ease_of_service": {0, 1, 2, 3}},
    "subscription-health": {"payment_discipline": {0, 1, 2, 3}, "owner_involvement": {0, 1, 2, 3}},
    "balanced-portfolio": {"engagement": {0, 1, 2, 3}},
}

# factors that have a `missing:` key and can be null (all must be seen
# missing), and the other factors (never missing: no nullable input reaches
# them unguarded).
#  startup: purchase_size is null for a zero purchase (log 0);
#           buyer_persona via senior_buyer (buyer_title), satisfaction via
#           nps_score, repurchase via renewal_likelihood, seat_expansion via
#           seats_used or a seatless plan, ease_of_service via
#           preferred_language/region.  advocacy, upsell: required booleans,
#           integers and lists only.
#  subscription: referral_network (required integers) and billing_setup
#           (required billing object) cannot be null.
#  balanced: lifetime_value = max(coalesce(...), total_spend) and longevity
#           (signup_date) cannot be null; innovation_partnership reads
#           required booleans.
MISSING_FACTORS = {
    "startup-us-ca": {"purchase_size", "buyer_persona", "satisfaction", "repurchase", "seat_expansion", "ease_of_service"},
    "subscription-health": {"payment_discipline", "accounting_burden", "owner_involvement", "wallet_share_growth", "lifetime_value"},
    "balanced-portfolio": {"feedback_value", "engagement", "satisfaction"},
}

# (applied, condition) pairs each adjustment must show. Only
# personal_billing_mailbox can have a null condition (contact_email null);
# every other condition reads required fields or guards with `is not null`.
ADJUSTMENT_OUTCOMES = {
    "startup-us-ca": {
        "founding_customer": {(True, True), (False, False)},
        "renewal_due_and_doubtful": {(True, True), (False, False)},
        "payment_overdue": {(True, True), (False, False)},
        "dormant_account": {(True, True), (False, False)},
    },
    "subscription-health": {
        "referrals_brought_revenue": {(True, True), (False, False)},
        "second_generation_referrals": {(True, True), (False, False)},
        "heavy_discount_haggling": {(True, True), (False, False)},
        "personal_billing_mailbox": {(True, True), (False, False), (False, None)},
    },
    "balanced-portfolio": {
        "small_but_vocal": {(True, True), (False, False)},
        "big_but_silent": {(True, True), (False, False)},
        "public_case_study": {(True, True), (False, False)},
        "churned_recently": {(True, True), (False, False)},
    },
}

# the values of the factors that are nothing but `if ... then ... else`
# chains: every branch (and for advocacy every combination) is reached
CONDITIONAL_VALUES = {
    "startup-us-ca": {"advocacy": {0, 0.4, 0.6, 1.0}},  # 0 + 0, 0 + 0.4, 0.6 + 0, 0.6 + 0.4
    "subscription-health": {"billing_setup": {1, 0.5, 0.2}},
    "balanced-portfolio": {"innovation_partnership": {1, 0.6, 0}},
}

# which non-missing values of the `value:` factors are seen: "zero", "one"
# or "between".  scale() clamps, so both ends show for every scaled factor.
# repurchase (0.7 * renewal_likelihood + 0.1 * renewals_count) is never 0 in
# the sample (it would need likelihood 0 and no renewal); it is not a branch.
VALUE_RANGE = {
    "startup-us-ca": {
        "purchase_size": {"zero", "between", "one"},
        "advocacy": {"zero", "between", "one"},
        "repurchase": {"between", "one"},
        "upsell": {"zero", "between", "one"},
        "seat_expansion": {"zero", "between", "one"},
    },
    "subscription-health": {
        "accounting_burden": {"zero", "between", "one"},
        "wallet_share_growth": {"zero", "between", "one"},
        "referral_network": {"zero", "between", "one"},
        "lifetime_value": {"zero", "between", "one"},
        "billing_setup": {"between", "one"},
    },
    "balanced-portfolio": {
        "lifetime_value": {"zero", "between", "one"},
        "feedback_value": {"zero", "between", "one"},
        "innovation_partnership": {"zero", "between", "one"},
        "satisfaction": {"zero", "between", "one"},
        "longevity": {"zero", "between", "one"},
    },
}

# factors whose value expression can leave [0, 1] and is clamped by the
# factor (not by scale/clamp inside the expression): only startup's
# repurchase (0.7 * 0.95 + 0.1 * 6 = 1.265 for EDGE-01).
CLAMPED_FACTORS = {
    "startup-us-ca": {"repurchase"},
    "subscription-health": set(),
    "balanced-portfolio": set(),
}

TIERS = {
    "startup-us-ca": {"best", "good", "fair", "low"},
    "subscription-health": {"keeper", "healthy", "watch", "at_risk"},
    "balanced-portfolio": {"cornerstone", "valued", "developing", "peripheral"},
}


@by_policy
def test_every_filter_passes_and_fails(name):
    seen = defaultdict(set)
    for e in explanations(name):
        for f in e["filters"]:
            seen[f["id"]].add((f["passed"], f["result"]))
    assert dict(seen) == FILTER_OUTCOMES[name]
    assert [f.id for f in policy(name).filters] == list(FILTER_OUTCOMES[name])


@by_policy
def test_every_band_including_else_is_matched(name):
    seen = defaultdict(set)
    for e in eligible(name):
        for f in e["factors"]:
            if f["band"] is not None:
                seen[f["id"]].add(f["band"]["index"])
    assert dict(seen) == BANDS[name]
    # the explicit sets above list every band of every banded factor
    banded = {f.id: set(range(len(f.bands))) for f in policy(name).factors if f.bands is not None}
    assert banded == BANDS[name]


@by_policy
def test_every_nullable_factor_is_seen_missing(name):
    seen_missing, seen_present = set(), set()
    for e in eligible(name):
        for f in e["factors"]:
            (seen_missing if f["missing"] else seen_present).add(f["id"])
    assert seen_missing == MISSING_FACTORS[name]
    # and every factor is also seen with a real value
    assert seen_present == set(policy(name).factor_ids)


@by_policy
def test_missing_factors_count_their_missing_value(name):
    fallback = {f.id: f.missing for f in policy(name).factors}
    for e in eligible(name):
        for f in e["factors"]:
            if f["missing"]:
                assert f["value"] == fallback[f["id"]], (e["id"], f["id"])
                assert f["band"] is None, (e["id"], f["id"])
                assert f["missing_reason"], (e["id"], f["id"])
            else:
                assert f["missing_reason"] is None, (e["id"], f["id"])


@by_policy
def test_every_adjustment_is_applied_and_not_applied(name):
    seen = defaultdict(set)
    for e in eligible(name):
        for a in e["adjustments"]:
            seen[a["id"]].add((a["applied"], a["condition"]))
    assert dict(seen) == ADJUSTMENT_OUTCOMES[name]


@by_policy
def test_every_branch_of_conditional_values(name):
    seen = defaultdict(set)
    for e in eligible(name):
        for f in e["factors"]:
            if f["id"] in CONDITIONAL_VALUES[name]:
                seen[f["id"]].add(f["value"])
    assert dict(seen) == CONDITIONAL_VALUES[name]


def test_balanced_yardstick_both_branches():
    # lifetime_value: `if is_small then ... else ...`
    seen = {next(item["value"] for item in e["lets"] if item["name"] == "is_small") for e in eligible("balanced-portfolio")}
    assert seen == {True, False}


@by_policy
def test_value_factors_reach_their_range(name):
    seen = defaultdict(set)
    for e in eligible(name):
        for f in e["factors"]:
            if f["band"] is None and not f["missing"]:
                v = f["value"]
                seen[f["id"]].add("zero" if v == 0 else "one" if v == 1 else "between")
    assert dict(seen) == VALUE_RANGE[name]


@by_policy
def test_factor_clamping(name):
    seen = set()
    for e in eligible(name):
        for f in e["factors"]:
            if f["clamped"]:
                seen.add(f["id"])
                raw, value = f["raw_value"], f["value"]
                assert (raw > 1 and value == 1) or (raw < 0 and value == 0), (e["id"], f)
            elif not f["missing"]:
                assert 0 <= f["value"] <= 1 and f["raw_value"] == f["value"], (e["id"], f)
    assert seen == CLAMPED_FACTORS[name]


@by_policy
def test_every_tier_and_both_score_clamps(name):
    assert {e["tier"] for e in eligible(name)} == TIERS[name] == set(policy(name).tier_names)
    clamped_scores = {e["total"]["score"] for e in eligible(name) if e["total"]["clamped"]}
    assert clamped_scores == {0, 100}


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (1 if b.day < a.day else 0)


def _eligible_by_hand(name: str, r: dict) -> bool:
    as_of = dt.date.fromisoformat(AS_OF)
    if name == "startup-us-ca":
        return r["country"] in ("US", "CA") and r["status"] != "churned"
    if name == "subscription-health":
        tenure = _months_between(dt.date.fromisoformat(r["signup_date"]), as_of)
        return r["status"] not in ("churned", "trial") and tenure >= 6
    churned_on = r.get("churned_on")
    recent = r["status"] != "churned" or (churned_on is not None and (as_of - dt.date.fromisoformat(churned_on)).days <= 365)
    return recent and "test_account" not in r["tags"]


@by_policy
def test_eligibility_agrees_with_a_direct_reading_of_the_filters(name):
    by_engine = {e["id"]: e["eligible"] for e in explanations(name)}
    by_hand = {r["id"]: _eligible_by_hand(name, r) for r in records()}
    assert by_engine == by_hand


# --------------------------------------------------------------------------
# consistency of every explanation


@cache
def _validator():
    schema = json.loads(EXPLANATION_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@by_policy
def test_explanations_validate_against_the_schema(name):
    validator = _validator()
    for e in explanations(name):
        # through JSON, as a consumer would read it
        errors = sorted(validator.iter_errors(json.loads(json.dumps(e))), key=lambda x: list(x.path))
        assert not errors, f"{e['id']}: " + "; ".join(f"{list(x.path)}: {x.message}" for x in errors[:3])


@by_policy
def test_points_add_up_exactly(name):
    p = policy(name)
    lo, hi = D(p.score_min), D(p.score_max)
    for e in eligible(name):
        factor_sum = sum((D(f["points"]) for f in e["factors"]), Decimal(0))
        adjustment_sum = sum((D(a["points"]) for a in e["adjustments"] if a["applied"]), Decimal(0))
        assert all(D(a["points"]) == 0 for a in e["adjustments"] if not a["applied"]), e["id"]
        assert all(D(a["points"]) == D(a["defined_points"]) for a in e["adjustments"] if a["applied"]), e["id"]
        total = e["total"]
        assert D(total["factor_points"]) == factor_sum, e["id"]
        assert D(total["adjustment_points"]) == adjustment_sum, e["id"]
        assert D(total["unclamped"]) == factor_sum + adjustment_sum, e["id"]
        clamped = min(max(factor_sum + adjustment_sum, lo), hi)
        assert D(total["score"]) == clamped == D(e["score"]), e["id"]
        assert total["clamped"] is (clamped != factor_sum + adjustment_sum), e["id"]
        assert (D(total["min"]), D(total["max"])) == (lo, hi)


@by_policy
def test_points_are_weight_times_value_rounded_half_away_from_zero(name):
    p = policy(name)
    quantum = Decimal(1).scaleb(-p.decimals)
    weights = {f.id: f.weight for f in p.factors}
    for e in eligible(name):
        for f in e["factors"]:
            assert f["weight"] == weights[f["id"]]
            product = f["weight"] * f["value"]
            # the product to 15 significant digits, rounded half away from zero
            expected = Decimal(format(product, ".15g")).quantize(quantum, rounding=ROUND_HALF_UP)
            assert D(f["points"]) == expected, (e["id"], f["id"], product)
            assert D(f["max_points"]) == D(f["weight"]).quantize(quantum, rounding=ROUND_HALF_UP)
            # never more digits than score.decimals
            assert -D(f["points"]).normalize().as_tuple().exponent <= p.decimals or D(f["points"]) == 0


@by_policy
def test_tier_is_the_first_whose_min_is_reached(name):
    tiers = [(t.name, D(t.min)) for t in policy(name).tiers]
    for e in explanations(name):
        if not e["eligible"]:
            assert (e["score"], e["tier"], e["total"], e["next_tier"]) == (None, None, None, None), e["id"]
            continue
        score = D(e["score"])
        index = next(i for i, (_, m) in enumerate(tiers) if m <= score)
        assert e["tier"] == tiers[index][0], e["id"]
        if index == 0:
            assert e["next_tier"] is None, e["id"]
        else:
            name_up, min_up = tiers[index - 1]
            nt = e["next_tier"]
            assert (nt["name"], D(nt["min"]), D(nt["points_short"])) == (name_up, min_up, min_up - score), e["id"]


@by_policy
def test_reasons_follow_the_rule(name):
    order = {f.id: i for i, f in enumerate(policy(name).factors)}
    for e in explanations(name):
        if not e["eligible"]:
            failed = [f["id"] for f in e["filters"] if not f["passed"]]
            assert failed, e["id"]
            assert [(r["kind"], r["id"]) for r in e["reasons"]] == [("filter", fid) for fid in failed], e["id"]
            continue
        adj_order = {a["id"]: i for i, a in enumerate(e["adjustments"])}
        lost = [(D(f["max_points"]) - D(f["points"]), D(f["weight"]), 0, order[f["id"]], f"factor:{f['id']}") for f in e["factors"]]
        # an applied penalty costs its points; its weight is what it cost
        lost += [
            (-D(a["points"]), -D(a["points"]), 1, adj_order[a["id"]], f"adjustment:{a['id']}") for a in e["adjustments"] if a["applied"]
        ]
        # largest loss first, ties by (larger) weight, then factors before adjustments, then policy order; at most four
        ranked = sorted(lost, key=lambda t: (-t[0], -t[1], t[2], t[3]))
        expected = [(code, loss) for loss, _, _, _, code in ranked if loss > 0][:4]
        assert [(r["code"], D(r["lost_points"])) for r in e["reasons"]] == expected, e["id"]
        assert all(r["code"] == f"{r['kind']}:{r['id']}" for r in e["reasons"]), e["id"]


@by_policy
def test_score_many_agrees_with_score(name):
    p = policy(name)
    for record, streamed in zip(records(), explanations(name), strict=True):
        assert p.score(record, as_of=AS_OF).to_dict() == streamed, record["id"]
