"""rules/startup-us-ca.yaml's full explanation written by hand: the baseline for explanations.

:func:`explain` returns, for one customer record and ``as_of`` (a ``date``),
exactly the dict ``Policy.score(record, as_of).to_dict()`` returns: the same
keys, the same values, lists in the same order.  It is the function a
competent engineer would write for this one policy to produce that JSON
explanation quickly, without a DSL:

* the semantics are written out by hand (straight-line Python over the record,
  the null rules only where a nullable field is read, a missing reason per
  way a value can be null), sharing the scorer's constants, date arithmetic
  and rounding with ``handwritten.py``;
* what is plain data is read once at import: descriptions, expression texts
  and params from the policy file (PyYAML), the enumerations of the record
  fields from the record schema, the policy's sha256 (of the policy file and
  the record schema it reads), and the version string of the package;
* the record is checked on the fields the policy reads, as the engine does:
  each must hold a value of its declared type (an ISO ``YYYY-MM-DD`` string for
  a date, a whole number for an integer, one of the listed values for an
  enumeration, non-null unless nullable); a record that fails raises
  :class:`InvalidRecord` naming the field.  Fields the policy does not read
  are not looked at.

Values are shown as the engine shows them: fields as the record holds them,
lets and ``as_of`` as JSON values, points as numbers of hundredths / 100.
"""

from __future__ import annotations

import hashlib
from datetime import date
from math import log
from pathlib import Path
from typing import Any

import yaml
from handwritten import (
    CHAMPION_DEPARTMENTS,
    DORMANT_AFTER_DAYS,
    FOUNDING_BEFORE,
    HOME_COUNTRIES,
    LOG_DEAL_SPAN,
    LOG_SMALL_DEAL,
    POLICY_FILE,
    REACHABLE_REGIONS,
    SEAT_LO,
    SEAT_SPAN,
    SENIOR_TITLE,
    SWEET_SPOT_SIZES,
    TARGET_INDUSTRIES,
    _months_between,
    _units,
)
from handwritten_records import READ_FIELDS, InvalidRecord, checked_fields

from policyscore._version import __version__  # a string: the explanation names the engine's version

__all__ = ["explain", "InvalidRecord", "POLICY_FILE", "READ_FIELDS"]

_ROOT = Path(__file__).resolve().parent.parent
_POLICY_BYTES = (_ROOT / POLICY_FILE).read_bytes()
_DOC = yaml.safe_load(_POLICY_BYTES)
# The policy's sha256 covers the policy file and the record schema it reads, as the loader hashes them.
_SCHEMA_BYTES = ((_ROOT / POLICY_FILE).parent / _DOC["record"]["schema"]).read_bytes()
_SHA256 = hashlib.sha256(_POLICY_BYTES + b"\0record-schema\0%d\0" % len(_SCHEMA_BYTES) + _SCHEMA_BYTES).hexdigest()
_NAME, _VERSION = _DOC["policy"], _DOC["version"]
_PARAMS = _DOC["params"]


# ---------------------------------------------------------------- texts and params of the policy file

_LET_TEXT = {name: str(text) for name, text in _DOC["let"].items()}
_FILTER = {f["id"]: (f.get("description"), f["when"]) for f in _DOC["filters"]}
_FACTOR = {f["id"]: (f.get("description"), f.get("value")) for f in _DOC["factors"]}
_BAND_WHEN = {f["id"]: [b.get("when") for b in f["bands"]] for f in _DOC["factors"] if "bands" in f}
_BANDS = {f["id"]: [(b.get("when"), b["value"] if "when" in b else b["else"]) for b in f["bands"]] for f in _DOC["factors"] if "bands" in f}
_ADJUST = {a["id"]: (a.get("description"), a["when"]) for a in _DOC["adjustments"]}

HOME_LIST = _PARAMS["home_countries"]
TARGET_LIST = _PARAMS["target_industries"]
SWEET_LIST = _PARAMS["sweet_spot_sizes"]
CHAMPION_LIST = _PARAMS["champion_departments"]
REACHABLE_LIST = _PARAMS["reachable_regions"]
SMALL_DEAL, BIG_DEAL = _PARAMS["small_deal_usd"], _PARAMS["big_deal_usd"]
DORMANT_PARAM = _PARAMS["dormant_after_days"]
TITLE_PATTERN = _PARAMS["senior_title_pattern"]

# (id, description, expression) of each factor, in policy order; weights as in the policy
_F_SIZE, _F_PERSONA, _F_ADVOCACY, _F_NPS, _F_REPURCHASE, _F_UPSELL, _F_SEATS, _F_EASE = (
    (fid, *_FACTOR[fid]) for fid in ("purchase_size", "buyer_persona", "advocacy", "satisfaction",
                                     "repurchase", "upsell", "seat_expansion", "ease_of_service")
)  # fmt: skip
_WEIGHTS = (20, 20, 10, 10, 15, 10, 5, 10)
_MAX_UNITS = tuple(w * 100 for w in _WEIGHTS)

_NULL_TITLE = "'buyer_title' is null (in let 'senior_buyer')"
_NULL_DEPT = "'buyer_department' is null"
_NULL_LANG = "'preferred_language' is null"
_NULL_REGION = "'region' is null"


# ---------------------------------------------------------------- pieces of the explanation


def _describe(value: Any) -> str:
    """A number as the reasons show it (at most 6 decimals, no trailing zeros)."""
    if value.__class__ is float:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return str(value)


def _value_factor(
    spec: tuple[str, Any, Any], weight: int, raw: Any, missing: Any, reason: str | None, units: int, inputs: dict[str, Any]
) -> dict[str, Any]:
    """The entry of a factor computed by an expression; ``raw`` is its value (None: missing)."""
    if raw is None:
        return {
            "id": spec[0], "description": spec[1], "expression": spec[2], "weight": weight,
            "raw_value": None, "value": missing, "clamped": False, "missing": True, "missing_reason": reason,
            "band": None, "points": units / 100, "max_points": float(weight), "inputs": inputs,
        }  # fmt: skip
    return {
        "id": spec[0], "description": spec[1], "expression": spec[2], "weight": weight,
        "raw_value": raw, "value": 0 if raw < 0 else 1 if raw > 1 else raw, "clamped": raw < 0 or raw > 1,
        "missing": False, "missing_reason": None,
        "band": None, "points": units / 100, "max_points": float(weight), "inputs": inputs,
    }  # fmt: skip


def _band_factor(
    spec: tuple[str, Any, Any], weight: int, band: int | None, value: Any, missing: Any, reason: str | None, units: int,
    inputs: dict[str, Any],
) -> dict[str, Any]:  # fmt: skip
    """The entry of a factor with bands; ``band`` is the index of the matching band (None: missing)."""
    if band is None:
        return {
            "id": spec[0], "description": spec[1], "expression": None, "weight": weight,
            "raw_value": None, "value": missing, "clamped": False, "missing": True, "missing_reason": reason,
            "band": None, "points": units / 100, "max_points": float(weight), "inputs": inputs,
        }  # fmt: skip
    return {
        "id": spec[0], "description": spec[1], "expression": None, "weight": weight,
        "raw_value": value, "value": value, "clamped": False, "missing": False, "missing_reason": None,
        "band": {"index": band, "label": None, "when": _BAND_WHEN[spec[0]][band], "value": value},
        "points": units / 100, "max_points": float(weight), "inputs": inputs,
    }  # fmt: skip


def _adjustment(adj_id: str, applied: bool, units: int, inputs: dict[str, Any]) -> dict[str, Any]:
    description, expression = _ADJUST[adj_id]
    return {
        "id": adj_id, "description": description, "expression": expression, "condition": applied, "applied": applied,
        "points": units / 100 if applied else 0.0, "defined_points": units / 100, "inputs": inputs, "null_reason": None,
    }  # fmt: skip


def _sentence(entry: dict[str, Any]) -> str:
    """What a factor gave and what the customer would need to get more from it."""
    got = f"{_describe(entry['points'])} of {_describe(entry['max_points'])} points"
    if entry["missing"]:
        why = entry["missing_reason"] or "no data"
        return f"{entry['id']}: {got}; no value ({why}), counted as {_describe(entry['value'])}; needs the missing data"
    band = entry["band"]
    if band is not None:
        label = "otherwise" if band["when"] is None else band["when"]
        text = f"{entry['id']}: {got}; matched band '{label}' worth {_describe(band['value'])}"
        # the nearest earlier band worth more says what the customer would need
        for when, value in reversed(_BANDS[entry["id"]][: band["index"]]):
            if value > band["value"] and when is not None:
                return text + f"; needs {' '.join(when.split())} for {_describe(value)}"
        return text
    text = f"{entry['id']}: {got}; value {_describe(entry['value'])} of 1"
    if entry["clamped"]:
        text += f" (clamped from {_describe(entry['raw_value'])})"
    return text + "; full marks need a value of 1"


def _show(value: Any) -> str:
    """An input value as the reasons show it (the inputs of adjustments: null, strings and numbers)."""
    if value is None:
        return "null"
    return repr(value) if value.__class__ is str else _describe(value)


def _adjustment_sentence(entry: dict[str, Any]) -> str:
    shown = ", ".join(f"{k} = {_show(v)}" for k, v in entry["inputs"].items())
    rule = " ".join(entry["expression"].split())
    return f"{entry['id']}: {_describe(entry['points'])} points; applied because {rule} (with {shown}); needs that condition to be false"


_TIERS = (("best", 75, 7500), ("good", 55, 5500), ("fair", 35, 3500), ("low", 0, 0))


def _filter_entry(filter_id: str, passed: bool, inputs: dict[str, Any]) -> dict[str, Any]:
    description, expression = _FILTER[filter_id]
    return {
        "id": filter_id, "description": description, "expression": expression, "passed": passed, "result": passed,
        "inputs": inputs, "null_reason": None,
    }  # fmt: skip


def _filter_reason(entry: dict[str, Any]) -> dict[str, Any]:
    shown = ", ".join(f"{k} = {v!r}" for k, v in entry["inputs"].items())  # strings and lists of strings
    text = f"{entry['id']} failed: {entry['expression']} (with {shown})"
    return {"kind": "filter", "id": entry["id"], "filter": entry["id"], "code": f"filter:{entry['id']}", "lost_points": None, "text": text}


# ---------------------------------------------------------------- the explanation


def explain(r: dict[str, Any], as_of: date) -> dict[str, Any]:
    """The full explanation of one customer record (``as_of`` is a ``date``); raises :class:`InvalidRecord`."""
    (
        country, region, lang, industry, size, title, dept, cycle, status, signup_value, signup, login_value, login,
        first, acv, renewals, renewal, nps, is_reference, testimonial, addons, seats, seats_used, consulting, training, products,
    ) = checked_fields(r)  # fmt: skip

    # -- lets
    tenure = _months_between(signup, as_of)
    into_year = tenure % 12
    purchase = acv if acv is not None else first
    utilisation = None if seats_used is None or seats == 0 else seats_used / seats
    senior = None if title is None else SENIOR_TITLE.search(title.lower()) is not None

    rid = r.get("id")
    out: dict[str, Any] = {
        "id": rid.isoformat() if isinstance(rid, date) else rid,
        "eligible": False,
        "score": None,
        "tier": None,
        "as_of": as_of.isoformat(),
        "policy": {"name": _NAME, "version": _VERSION, "sha256": _SHA256},
        "engine": {"name": "policyscore", "version": __version__},
        "lets": [
            {
                "name": "tenure_months",
                "expression": _LET_TEXT["tenure_months"],
                "value": tenure,
                "inputs": {
                    "signup_date": signup_value if signup_value.__class__ is str else signup_value.isoformat(),
                    "as_of": as_of.isoformat(),
                },
            },
            {
                "name": "months_into_contract_year",
                "expression": _LET_TEXT["months_into_contract_year"],
                "value": into_year,
                "inputs": {"tenure_months": tenure},
            },
            {
                "name": "purchase_size",
                "expression": _LET_TEXT["purchase_size"],
                "value": purchase,
                "inputs": {"annual_contract_value": acv, "first_purchase_amount": first},
            },
            {
                "name": "seat_utilisation",
                "expression": _LET_TEXT["seat_utilisation"],
                "value": utilisation,
                "inputs": {"seats_used": seats_used, "seats_purchased": seats},
            },
            {
                "name": "senior_buyer",
                "expression": _LET_TEXT["senior_buyer"],
                "value": senior,
                "inputs": {"buyer_title": title, "senior_title_pattern": TITLE_PATTERN},
            },
        ],  # fmt: skip
    }
    home = country in HOME_COUNTRIES
    active = status != "churned"
    filters = [
        _filter_entry("home_market", home, {"country": r["country"], "home_countries": HOME_LIST}),
        _filter_entry("not_churned", active, {"status": r["status"]}),
    ]
    out["filters"] = filters
    if not (home and active):
        out["factors"] = []
        out["adjustments"] = []
        out["total"] = None
        out["next_tier"] = None
        out["reasons"] = [_filter_reason(entry) for entry in filters if not entry["passed"]]
        return out

    # -- factors
    # purchase_size (weight 20, missing 0): scale(log(purchase_size), log(2000), log(60000))
    if purchase > 0:
        v = (log(purchase) - LOG_SMALL_DEAL) / LOG_DEAL_SPAN
        raw = 0.0 if v < 0 else 1.0 if v > 1 else v
        u_size = 0 if raw == 0 else 2000 if raw == 1 else _units(20 * raw)
        f_size = _value_factor(_F_SIZE, 20, raw, 0, None, u_size, {"big_deal_usd": BIG_DEAL, "purchase_size": purchase,
                                                                   "small_deal_usd": SMALL_DEAL})  # fmt: skip
    else:
        u_size = 0
        f_size = _value_factor(_F_SIZE, 20, None, 0, "'log(purchase_size)' gave null", 0,
                               {"big_deal_usd": BIG_DEAL, "purchase_size": purchase, "small_deal_usd": SMALL_DEAL})  # fmt: skip

    # buyer_persona (weight 20, missing 0.3): four bands
    in_target = industry in TARGET_INDUSTRIES
    champion = None if dept is None else dept in CHAMPION_DEPARTMENTS
    reason = None
    if in_target and size in SWEET_SPOT_SIZES and senior is not False:
        band, value, u_persona = (0, 1, 2000) if senior else (None, 0.3, 600)
        reason = None if senior else _NULL_TITLE
    elif in_target:
        if senior or champion:
            band, value, u_persona = 1, 0.7, 1400
        elif senior is None or champion is None:
            band, value, u_persona = None, 0.3, 600
            reason = _NULL_TITLE if champion is False else _NULL_DEPT if senior is False else _NULL_TITLE + "; " + _NULL_DEPT
        else:
            band, value, u_persona = 2, 0.4, 800
    elif champion:
        band, value, u_persona = 2, 0.4, 800
    elif champion is None:
        band, value, u_persona, reason = None, 0.3, 600, _NULL_DEPT
    else:
        band, value, u_persona = 3, 0.1, 200
    f_persona = _band_factor(
        _F_PERSONA, 20, band, value, 0.3, reason, u_persona,
        {"industry": industry, "company_size": size, "senior_buyer": senior, "sweet_spot_sizes": SWEET_LIST,
         "target_industries": TARGET_LIST, "buyer_department": dept, "champion_departments": CHAMPION_LIST},
    )  # fmt: skip

    # advocacy (weight 10): 60% reference + 40% testimonial
    raw = (0.6 if is_reference else 0) + (0.4 if testimonial else 0)
    u_advocacy = _units(10 * raw)
    f_advocacy = _value_factor(_F_ADVOCACY, 10, raw, 0, None, u_advocacy, {"is_reference": is_reference, "gave_testimonial": testimonial})

    # satisfaction (weight 10, missing 0.4): three bands on nps_score
    nps_inputs = {"nps_score": r.get("nps_score")}
    if nps is None:
        u_nps = 400
        f_nps = _band_factor(_F_NPS, 10, None, None, 0.4, "'nps_score' is null", 400, nps_inputs)
    elif nps >= 9:
        u_nps = 1000
        f_nps = _band_factor(_F_NPS, 10, 0, 1, 0.4, None, 1000, nps_inputs)
    elif nps >= 7:
        u_nps = 500
        f_nps = _band_factor(_F_NPS, 10, 1, 0.5, 0.4, None, 500, nps_inputs)
    else:
        u_nps = 0
        f_nps = _band_factor(_F_NPS, 10, 2, 0, 0.4, None, 0, nps_inputs)

    # repurchase (weight 15, missing 0.35)
    repurchase_inputs = {"renewal_likelihood": renewal, "renewals_count": r.get("renewals_count")}
    if renewal is None:
        u_repurchase = 525
        f_repurchase = _value_factor(_F_REPURCHASE, 15, None, 0.35, "'renewal_likelihood' is null", 525, repurchase_inputs)
    else:
        raw = 0.7 * renewal + 0.1 * renewals
        u_repurchase = 0 if raw <= 0 else 1500 if raw >= 1 else _units(15 * raw)
        f_repurchase = _value_factor(_F_REPURCHASE, 15, raw, 0.35, None, u_repurchase, repurchase_inputs)

    # upsell (weight 10)
    raw = (
        0.4 * (addons if addons <= 2 else 2) / 2
        + (0.3 if consulting else 0)
        + (0.1 if training else 0)
        + (0.2 if len(products) >= 3 else 0)
    )
    u_upsell = 0 if raw <= 0 else 1000 if raw >= 1 else _units(10 * raw)
    f_upsell = _value_factor(
        _F_UPSELL, 10, raw, 0, None, u_upsell,
        {"addon_purchases": r.get("addon_purchases"), "consulting_purchased": consulting, "training_purchased": training,
         "products": products},
    )  # fmt: skip

    # seat_expansion (weight 5, missing 0): scale(seat_utilisation, 0.5, 0.95)
    if utilisation is None:
        u_seats = 0
        why = (
            "'seats_used' is null (in let 'seat_utilisation')"
            if seats_used is None
            else "division by zero in 'seats_used / seats_purchased' (in let 'seat_utilisation')"
        )
        f_seats = _value_factor(_F_SEATS, 5, None, 0, why, 0, {"seat_utilisation": None})
    else:
        v = (utilisation - SEAT_LO) / SEAT_SPAN
        raw = 0.0 if v < 0 else 1.0 if v > 1 else v
        u_seats = 0 if raw == 0 else 500 if raw == 1 else _units(5 * raw)
        f_seats = _value_factor(_F_SEATS, 5, raw, 0, None, u_seats, {"seat_utilisation": utilisation})

    # ease_of_service (weight 10, missing 0.5): four bands on language and region
    english = None if lang is None else lang.lower().startswith("en")
    reachable = None if region is None else region in REACHABLE_REGIONS
    reason = None
    if english is False or reachable is False:
        if english:
            band, value, u_ease = 1, 0.7, 700
        elif english is None:
            band, value, u_ease, reason = None, 0.5, 500, _NULL_LANG
        elif reachable:
            band, value, u_ease = 2, 0.5, 500
        elif reachable is None:
            band, value, u_ease, reason = None, 0.5, 500, _NULL_REGION
        else:
            band, value, u_ease = 3, 0.2, 200
    elif english is None or reachable is None:
        band, value, u_ease = None, 0.5, 500
        reason = _NULL_REGION if english else _NULL_LANG if reachable else _NULL_LANG + "; " + _NULL_REGION
    else:
        band, value, u_ease = 0, 1, 1000
    f_ease = _band_factor(
        _F_EASE, 10, band, value, 0.5, reason, u_ease,
        {"preferred_language": lang, "region": region, "reachable_regions": REACHABLE_LIST},
    )  # fmt: skip

    factors = [f_size, f_persona, f_advocacy, f_nps, f_repurchase, f_upsell, f_seats, f_ease]
    units = (u_size, u_persona, u_advocacy, u_nps, u_repurchase, u_upsell, u_seats, u_ease)
    factor_units = u_size + u_persona + u_advocacy + u_nps + u_repurchase + u_upsell + u_seats + u_ease

    # -- adjustments
    founding = signup < FOUNDING_BEFORE and renewals >= 2
    doubtful = cycle == "annual" and into_year >= 10 and renewal is not None and renewal < 0.5
    overdue = status == "past_due"
    dormant = login is None or (as_of - login).days > DORMANT_AFTER_DAYS
    adjustments = [
        _adjustment(
            "founding_customer",
            founding,
            300,
            {
                "signup_date": signup_value if signup_value.__class__ is str else signup_value.isoformat(),
                "renewals_count": r.get("renewals_count"),
            },
        ),
        _adjustment(
            "renewal_due_and_doubtful",
            doubtful,
            -400,
            {"billing_cycle": cycle, "renewal_likelihood": renewal, "months_into_contract_year": into_year},
        ),  # fmt: skip
        _adjustment("payment_overdue", overdue, -500, {"status": status}),
        _adjustment(
            "dormant_account",
            dormant,
            -300,
            {
                "last_login_date": login_value if login_value is None or login_value.__class__ is str else login_value.isoformat(),
                "as_of": out["as_of"],
                "dormant_after_days": DORMANT_PARAM,
            },
        ),  # fmt: skip
    ]
    raw_total = factor_units + (300 if founding else 0) - (400 if doubtful else 0) - (500 if overdue else 0) - (300 if dormant else 0)
    total = 0 if raw_total < 0 else 10000 if raw_total > 10000 else raw_total
    tier = 0 if total >= 7500 else 1 if total >= 5500 else 2 if total >= 3500 else 3
    score = total / 100

    out["eligible"] = True
    out["score"] = score
    out["tier"] = _TIERS[tier][0]
    out["factors"] = factors
    out["adjustments"] = adjustments
    out["total"] = {
        "factor_points": factor_units / 100,
        "adjustment_points": (raw_total - factor_units) / 100,
        "unclamped": raw_total / 100,
        "clamped": raw_total != total,
        "min": 0,
        "max": 100,
        "score": score,
    }
    if tier == 0:
        out["next_tier"] = None
    else:
        name, minimum, min_units = _TIERS[tier - 1]
        out["next_tier"] = {"name": name, "min": minimum, "points_short": (min_units - total) / 100}

    # -- reasons: the factors that lost the most points and the penalties applied, ranked together
    # (ties: the larger weight, a penalty's weight being the points it cost; then factors first; then policy order)
    ranked = [(u - m, -w, 0, i) for i, (u, m, w) in enumerate(zip(units, _MAX_UNITS, _WEIGHTS)) if u < m]
    ranked += [(a_units, a_units / 100, 1, k) for k, a_units in enumerate((0, -400 if doubtful else 0, -500 if overdue else 0,
                                                                            -300 if dormant else 0)) if a_units < 0]  # fmt: skip
    reasons = []
    for lost, _, kind, i in sorted(ranked)[:4]:
        if kind == 0:
            entry, text, kind_name = factors[i], _sentence(factors[i]), "factor"
        else:
            entry, text, kind_name = adjustments[i], _adjustment_sentence(adjustments[i]), "adjustment"
        rid = entry["id"]
        code = f"{kind_name}:{rid}"
        reasons.append({"kind": kind_name, "id": rid, kind_name: rid, "code": code, "lost_points": -lost / 100, "text": text})
    out["reasons"] = reasons
    return out
