"""The startup-us-ca policy in other expression engines ("peers"), when they are installed.

Each peer evaluates the policy's logic in its own language, **one call per
record**: the lets are substituted textually into one expression that returns
the list ``[filter..., factor value..., adjustment...]`` (a factor value is the
band's value, the clamped-later raw value, or null when the factor is
missing).  The Python glue around the call is the same for every peer and
small: it builds the context, then turns the returned values into points
(clamp to [0, 1], weight x value rounded half away from zero like the engine,
exact integer sums), clamps the total and picks the tier.

What the peers' languages cannot express is computed by the glue in Python,
for every peer alike, and is part of the timed work:

* ``tenure_months = months_between(signup_date, as_of)`` (no calendar-month
  arithmetic in any of them);
* ``ln_purchase = log(coalesce(annual_contract_value, first_purchase_amount))``
  (no logarithm in them without a user-defined function);
* ``days_between(last_login_date, as_of) > 45`` becomes the ISO-date text
  comparison ``last_login_date < dormant_cutoff`` with a per-run constant;
* ``lower(...)`` + regex / ``starts_with`` use the language's own lower-casing
  where it has one and a case-insensitive ``(?i)`` regex in CEL.

The context holds only the fields the policy reads (favourable to the peers:
converting a whole 56-field record on each call would cost them more).

Peers: ``rule-engine`` (import ``rule_engine``), ``cel-python`` (``celpy``),
``common-expression-language`` (``cel``, Rust), ``zen-engine`` (``zen``, Rust).
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from handwritten import (
    CHAMPION_DEPARTMENTS,
    FACTOR_IDS,
    HOME_COUNTRIES,
    LOG_DEAL_SPAN,
    LOG_SMALL_DEAL,
    REACHABLE_REGIONS,
    SEAT_LO,
    SEAT_SPAN,
    SWEET_SPOT_SIZES,
    TARGET_INDUSTRIES,
    _months_between,
    _units,
)

__all__ = ["PEERS", "Peer", "available_peers"]

SENIOR_RX = r"\b(chief|c[emrt]o|vp|vice president|head of|director|founder|owner|president|partner)\b"
FIELDS = (
    "country", "status", "industry", "company_size", "buyer_title", "buyer_department", "preferred_language",
    "region", "is_reference", "gave_testimonial", "nps_score", "renewal_likelihood", "renewals_count",
    "addon_purchases", "consulting_purchased", "training_purchased", "products", "seats_used",
    "seats_purchased", "billing_cycle", "signup_date", "last_login_date",
)  # fmt: skip
WEIGHTS = (20, 20, 10, 10, 15, 10, 5, 10)
MISSING_UNITS = (0, 600, 0, 400, 525, 0, 0, 500)
ADJUSTMENT_UNITS = (300, -400, -500, -300)


def _lst(values: Any) -> str:
    return "[" + ", ".join(f"'{v}'" for v in sorted(values)) + "]"


@dataclass(frozen=True)
class Dialect:
    AND: str
    OR: str
    date_lt: Callable[[str, str], str]  # a < b for two ISO dates (text)
    double: Callable[[str], str]
    size: Callable[[str], str]
    senior: str  # boolean expression over buyer_title (not null)
    english: str  # boolean expression over preferred_language (not null)


LET_NAMES = ("months_into_contract_year", "seat_utilisation", "senior_buyer", "english", "reachable", "champion")


def policy_expressions(d: Dialect) -> tuple[str, str]:
    """The policy as two expressions of the dialect, each returning a list.

    The first computes the lets (and the sub-conditions that several bands
    share) once; the glue adds them to the context under ``LET_NAMES``; the
    second computes ``[filter..., factor value..., adjustment...]``.
    """
    and_, or_ = f" {d.AND} ", f" {d.OR} "
    lets = [
        "(tenure_months % 12)",
        f"((seats_used == null){or_}(seats_purchased == 0) ? null : {d.double('seats_used')} / {d.double('seats_purchased')})",
        f"(buyer_title == null ? null : {d.senior})",
        f"(preferred_language == null ? null : {d.english})",
        f"(region == null ? null : region in {_lst(REACHABLE_REGIONS)})",
        f"(buyer_department == null ? null : buyer_department in {_lst(CHAMPION_DEPARTMENTS)})",
    ]
    in_target = f"(industry in {_lst(TARGET_INDUSTRIES)})"
    sweet = f"({in_target}{and_}company_size in {_lst(SWEET_SPOT_SIZES)})"
    persona = (
        f"({sweet}{and_}senior_buyer == true ? 1.0 : "
        f"({sweet}{and_}senior_buyer == null ? null : "
        f"({in_target}{and_}(senior_buyer == true{or_}champion == true) ? 0.7 : "
        f"({in_target}{and_}(senior_buyer == null{or_}champion == null) ? null : "
        f"({in_target}{or_}champion == true ? 0.4 : "
        "(champion == null ? null : 0.1))))))"
    )
    founding = d.date_lt("signup_date", "'2022-01-01'")
    ease = (
        f"((english == false){or_}(reachable == false) ? "
        "(english == true ? 0.7 : (english == null ? null : (reachable == true ? 0.5 : (reachable == null ? null : 0.2)))) : "
        f"((english == null){or_}(reachable == null) ? null : 1.0))"
    )
    items = [
        f"country in {_lst(HOME_COUNTRIES)}",
        "status != 'churned'",
        f"(ln_purchase == null ? null : (ln_purchase - {LOG_SMALL_DEAL!r}) / {LOG_DEAL_SPAN!r})",
        persona,
        "((is_reference ? 0.6 : 0.0) + (gave_testimonial ? 0.4 : 0.0))",
        "(nps_score == null ? null : (nps_score >= 9 ? 1.0 : (nps_score >= 7 ? 0.5 : 0.0)))",
        f"(renewal_likelihood == null ? null : 0.7 * {d.double('renewal_likelihood')} + 0.1 * {d.double('renewals_count')})",
        f"(0.4 * {d.double('(addon_purchases <= 2 ? addon_purchases : 2)')} / 2.0 + (consulting_purchased ? 0.3 : 0.0)"
        f" + (training_purchased ? 0.1 : 0.0) + ({d.size('products')} >= 3 ? 0.2 : 0.0))",
        f"(seat_utilisation == null ? null : (seat_utilisation - {SEAT_LO!r}) / {SEAT_SPAN!r})",
        ease,
        f"({founding}{and_}renewals_count >= 2)",
        f"(billing_cycle == 'annual'{and_}months_into_contract_year >= 10{and_}renewal_likelihood != null"
        f"{and_}{d.double('renewal_likelihood')} < 0.5)",
        "status == 'past_due'",
        f"((last_login_date == null){or_}{d.date_lt('last_login_date', 'dormant_cutoff')})",
    ]
    return "[" + ", ".join(lets) + "]", "[" + ", ".join(items) + "]"


CEL = Dialect(
    AND="&&",
    OR="||",
    date_lt=lambda a, b: f"{a} < {b}",
    double=lambda x: f"double({x})",
    size=lambda x: f"size({x})",
    senior="buyer_title.matches('(?i)" + SENIOR_RX.replace("\\", "\\\\") + "')",
    english="preferred_language.matches('(?i)^en')",
)
ZEN = Dialect(
    AND="and",
    OR="or",
    date_lt=lambda a, b: f"date({a}) < date({b})",
    double=lambda x: x,
    size=lambda x: f"len({x})",
    senior=f"matches(lower(buyer_title), '{SENIOR_RX}')",
    english="startsWith(lower(preferred_language), 'en')",
)
RULE_ENGINE = Dialect(
    AND="and",
    OR="or",
    date_lt=lambda a, b: f"{a} < {b}",
    double=lambda x: x,
    size=lambda x: f"{x}.length",
    senior="buyer_title.as_lower =~~ '" + SENIOR_RX.replace("\\", "\\\\") + "'",
    english="preferred_language.as_lower.starts_with('en')",
)


def _finish(rid: Any, out: Any) -> tuple[Any, bool, float | None, str | None, dict[str, float] | None]:
    """Points, total, clamp and tier from the list a peer returned (the same for every peer)."""
    if out[0] != True or out[1] != True:  # noqa: E712 - peers return their own boolean types
        return rid, False, None, None, None
    units = []
    for i in range(8):
        v = out[2 + i]
        if v is None:
            units.append(MISSING_UNITS[i])
            continue
        v = float(v)
        units.append(0 if v <= 0 else WEIGHTS[i] * 100 if v >= 1 else _units(WEIGHTS[i] * v))
    total = sum(units)
    for k in range(4):
        if out[10 + k] == True:  # noqa: E712
            total += ADJUSTMENT_UNITS[k]
    if total < 0:
        total = 0
    elif total > 10000:
        total = 10000
    tier = "best" if total >= 7500 else "good" if total >= 5500 else "fair" if total >= 3500 else "low"
    return rid, True, total / 100, tier, {f: u / 100 for f, u in zip(FACTOR_IDS, units)}


def _context(r: dict[str, Any], as_of: date, cutoff: str) -> dict[str, Any]:
    ctx = {k: r.get(k) for k in FIELDS}
    ctx["tenure_months"] = _months_between(date.fromisoformat(r["signup_date"]), as_of)
    acv = r.get("annual_contract_value")
    purchase = acv if acv is not None else r["first_purchase_amount"]
    ctx["ln_purchase"] = math.log(purchase) if purchase > 0 else None
    ctx["dormant_cutoff"] = cutoff
    return ctx


Scorer = Callable[[dict[str, Any], date], tuple[Any, ...]]


def _cutoff(as_of: date) -> str:
    return (as_of - timedelta(days=45)).isoformat()


def _two_calls(run_lets: Callable[[dict[str, Any]], Any], run_main: Callable[[dict[str, Any]], Any]) -> Scorer:
    def score(r: dict[str, Any], as_of: date) -> tuple[Any, ...]:
        ctx = _context(r, as_of, _cutoff(as_of))
        ctx.update(zip(LET_NAMES, run_lets(ctx)))
        return _finish(r.get("id"), run_main(ctx))

    return score


def _build_cel_rust() -> Scorer:
    import cel

    lets, main = (cel.compile(e) for e in policy_expressions(CEL))
    return _two_calls(lets.execute, main.execute)


def _celpy_text(text: str) -> str:
    """cel-python follows the older CEL rule that ``x == null`` is an error unless ``x`` is null: test types instead."""
    text = re.sub(r"\b(\w+) (==|!=) null\b", r"type(\1) \2 null_type", text)
    return re.sub(r"\b(\w+) == (true|false)\b", r"(type(\1) == bool && \1 == \2)", text)


def _build_celpy() -> Scorer:
    import celpy

    env = celpy.Environment()
    lets, main = (env.program(env.compile(_celpy_text(e))) for e in policy_expressions(CEL))
    to_cel = celpy.json_to_cel

    def score(r: dict[str, Any], as_of: date) -> tuple[Any, ...]:
        ctx = to_cel(_context(r, as_of, _cutoff(as_of)))
        ctx.update(zip(LET_NAMES, lets.evaluate(ctx)))
        return _finish(r.get("id"), main.evaluate(ctx))

    return score


def _build_zen() -> Scorer:
    import zen

    lets, main = (zen.compile_expression(e) for e in policy_expressions(ZEN))
    return _two_calls(lets.evaluate, main.evaluate)


def _build_rule_engine() -> Scorer:
    import rule_engine

    context = rule_engine.Context(default_value=None)
    lets, main = (rule_engine.Rule(e, context=context) for e in policy_expressions(RULE_ENGINE))
    return _two_calls(lets.evaluate, main.evaluate)


@dataclass(frozen=True)
class Peer:
    name: str  # shown in the table
    package: str  # pip name
    module: str  # import name
    build: Callable[[], Scorer]

    def installed(self) -> bool:
        try:
            importlib.import_module(self.module)
        except Exception:  # noqa: BLE001 - any import failure means "not available"
            return False
        return True


PEERS = (
    Peer("zen-engine (Rust) expression", "zen-engine", "zen", _build_zen),
    Peer("common-expression-language (Rust CEL)", "common-expression-language", "cel", _build_cel_rust),
    Peer("rule-engine (Python)", "rule-engine", "rule_engine", _build_rule_engine),
    Peer("cel-python (celpy)", "cel-python", "celpy", _build_celpy),
)


def available_peers() -> list[Peer]:
    return [p for p in PEERS if p.installed()]
