"""rules/startup-us-ca.yaml written by hand: the baseline of the benchmark.

This is the function a competent engineer would write for this one policy
without any DSL: straight-line Python over the record dict, constants
precomputed at import, no validation beyond what the arithmetic needs (the
benchmark records are valid; the engine's own record checks are *its* cost).
It reproduces the engine's semantics exactly (issue 3):

* the two ISO dates it reads (``signup_date``, ``last_login_date``) are
  converted with ``date.fromisoformat``; ``as_of`` is a ``date``;
* null (``None``) follows the language's rules where a nullable field is read:
  a band whose condition is null before any band matched makes the factor
  *missing*, Kleene ``and``/``or`` only where a nullable operand can make the
  result null;
* points are ``weight x value`` (value clamped to [0, 1]) taken to 15
  significant digits and rounded half away from zero to 2 decimals, kept as
  integer hundredths and summed exactly; the score is the clamped sum / 100.

Rounding uses :func:`_units`, a local fast helper equivalent to
``policyscore.language.rounding.to_units(x, 2)`` for ``x >= 0`` (all factor products
here are >= 0 and far below 1e7): it decides on the binary product when the
fraction is more than 1e-6 away from .5 and falls back to
``Decimal(format(x, ".15g"))`` in the rare near-half case.

Public: :func:`score` returns ``(id, eligible, score, tier, points)`` where
``points`` is ``{factor_id: points}`` (``None`` when ineligible) and ``score``
and ``tier`` are ``None`` when ineligible.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["score", "FACTOR_IDS", "POLICY_FILE"]

POLICY_FILE = "rules/startup-us-ca.yaml"
FACTOR_IDS = (
    "purchase_size",
    "buyer_persona",
    "advocacy",
    "satisfaction",
    "repurchase",
    "upsell",
    "seat_expansion",
    "ease_of_service",
)

HOME_COUNTRIES = frozenset({"US", "CA"})
TARGET_INDUSTRIES = frozenset({"software", "professional_services", "marketing_agency", "ecommerce"})
SWEET_SPOT_SIZES = frozenset({"small", "mid"})
CHAMPION_DEPARTMENTS = frozenset({"sales", "marketing", "customer_success"})
SENIOR_TITLE = re.compile(r"\b(chief|c[emrt]o|vp|vice president|head of|director|founder|owner|president|partner)\b")
REACHABLE_REGIONS = frozenset(
    "CT DC DE FL GA IN KY MA MD ME MI NC NH NJ NY OH PA RI SC TN VA VT WV "
    "AL AR IA IL KS LA MN MO MS ND NE OK SD TX WI ON QC NB NS PE NL MB".split()
)
LOG_SMALL_DEAL = math.log(2000)
LOG_DEAL_SPAN = math.log(60000) - LOG_SMALL_DEAL
SEAT_LO = 0.5
SEAT_SPAN = 0.95 - 0.5
FOUNDING_BEFORE = date(2022, 1, 1)
DORMANT_AFTER_DAYS = 45

_ONE = Decimal(1)


def _units(x: float) -> int:
    """``x >= 0`` in hundredths: 15 significant digits, then half away from zero."""
    y = x * 100.0
    n = int(y)
    f = y - n
    if f > 0.500001:
        return n + 1
    if f < 0.499999:
        return n
    return int(Decimal(format(x, ".15g")).scaleb(2).quantize(_ONE, rounding=ROUND_HALF_UP))


def _months_between(a: date, b: date) -> int:
    """Whole months from a to b; a month is complete on a's day of month or b's month's last day."""
    if b < a:
        return -_months_between(b, a)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day and b.day != calendar.monthrange(b.year, b.month)[1]:
        months -= 1
    return months


def score(r: dict[str, Any], as_of: date) -> tuple[Any, bool, float | None, str | None, dict[str, float] | None]:
    """Score one customer record against startup-us-ca (``as_of`` is a ``date``)."""
    rid = r.get("id")
    # filters: country and status are required fields, so neither can be null
    if r["country"] not in HOME_COUNTRIES or r["status"] == "churned":
        return rid, False, None, None, None
    status = r["status"]
    industry = r["industry"]
    renewal = r.get("renewal_likelihood")
    renewals = r["renewals_count"]
    signup = date.fromisoformat(r["signup_date"])

    # lets
    tenure_months = _months_between(signup, as_of)
    acv = r.get("annual_contract_value")
    purchase = acv if acv is not None else r["first_purchase_amount"]
    seats_used = r.get("seats_used")
    seats = r["seats_purchased"]
    title = r.get("buyer_title")
    senior = None if title is None else SENIOR_TITLE.search(title.lower()) is not None

    # purchase_size (weight 20, missing 0): log scale from 2,000 to 60,000 USD
    if purchase > 0:
        v = (math.log(purchase) - LOG_SMALL_DEAL) / LOG_DEAL_SPAN
        p_size = 0 if v <= 0 else 2000 if v >= 1 else _units(20 * v)
    else:
        p_size = 0

    # buyer_persona (weight 20, missing 0.3 -> 6.00)
    dept = r.get("buyer_department")
    champion = None if dept is None else dept in CHAMPION_DEPARTMENTS
    in_target = industry in TARGET_INDUSTRIES
    sweet = in_target and r["company_size"] in SWEET_SPOT_SIZES
    if sweet and senior is True:
        p_persona = 2000
    elif sweet and senior is None:
        p_persona = 600
    elif in_target and (senior is True or champion is True):
        p_persona = 1400
    elif in_target and (senior is None or champion is None):
        p_persona = 600
    elif in_target or champion is True:
        p_persona = 800
    elif champion is None:
        p_persona = 600
    else:
        p_persona = 200

    # advocacy (weight 10): 60% reference + 40% testimonial
    p_advocacy = (600 if r["is_reference"] else 0) + (400 if r["gave_testimonial"] else 0)

    # satisfaction (weight 10, missing 0.4)
    nps = r.get("nps_score")
    if nps is None:
        p_nps = 400
    elif nps >= 9:
        p_nps = 1000
    elif nps >= 7:
        p_nps = 500
    else:
        p_nps = 0

    # repurchase (weight 15, missing 0.35 -> 5.25)
    if renewal is None:
        p_repurchase = 525
    else:
        v = 0.7 * renewal + 0.1 * renewals
        p_repurchase = 0 if v <= 0 else 1500 if v >= 1 else _units(15 * v)

    # upsell (weight 10)
    addons = r["addon_purchases"]
    v = (
        0.4 * (addons if addons <= 2 else 2) / 2
        + (0.3 if r["consulting_purchased"] else 0)
        + (0.1 if r["training_purchased"] else 0)
        + (0.2 if len(r["products"]) >= 3 else 0)
    )
    p_upsell = 0 if v <= 0 else 1000 if v >= 1 else _units(10 * v)

    # seat_expansion (weight 5, missing 0): seat utilisation from 50% to 95%
    if seats_used is None or seats == 0:
        p_seats = 0
    else:
        v = (seats_used / seats - SEAT_LO) / SEAT_SPAN
        p_seats = 0 if v <= 0 else 500 if v >= 1 else _units(5 * v)

    # ease_of_service (weight 10, missing 0.5)
    lang = r.get("preferred_language")
    region = r.get("region")
    english = None if lang is None else lang.lower().startswith("en")
    reachable = None if region is None else region in REACHABLE_REGIONS
    if english is False or reachable is False:
        if english is True:
            p_ease = 700
        elif english is None:
            p_ease = 500
        elif reachable is True:
            p_ease = 500
        elif reachable is None:
            p_ease = 500
        else:
            p_ease = 200
    elif english is None or reachable is None:
        p_ease = 500
    else:
        p_ease = 1000

    total = p_size + p_persona + p_advocacy + p_nps + p_repurchase + p_upsell + p_seats + p_ease

    # adjustments
    if signup < FOUNDING_BEFORE and renewals >= 2:
        total += 300
    if r["billing_cycle"] == "annual" and tenure_months % 12 >= 10 and renewal is not None and renewal < 0.5:
        total -= 400
    if status == "past_due":
        total -= 500
    last_login = r.get("last_login_date")
    if last_login is None or (as_of - date.fromisoformat(last_login)).days > DORMANT_AFTER_DAYS:
        total -= 300

    # clamp to [0, 100] and tier
    if total < 0:
        total = 0
    elif total > 10000:
        total = 10000
    tier = "best" if total >= 7500 else "good" if total >= 5500 else "fair" if total >= 3500 else "low"
    points = {
        "purchase_size": p_size / 100,
        "buyer_persona": p_persona / 100,
        "advocacy": p_advocacy / 100,
        "satisfaction": p_nps / 100,
        "repurchase": p_repurchase / 100,
        "upsell": p_upsell / 100,
        "seat_expansion": p_seats / 100,
        "ease_of_service": p_ease / 100,
    }
    return rid, True, total / 100, tier, points
