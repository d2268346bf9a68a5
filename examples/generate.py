#!/usr/bin/env python3
"""Deterministic generator of realistic sample customers for policyscore.

Every record is valid against ``schemas/customer.schema.json``. The same
``--count`` and ``--seed`` always give byte-identical output: the generator
uses only ``random.Random(seed)`` and the fixed as-of date below, never the
wall clock.

Command line::

    python examples/generate.py --count 300 --seed 7 --edge-cases --format jsonl --output examples/customers.jsonl
    python examples/generate.py --count 300 --seed 7 --edge-cases --format csv   --output examples/customers.csv

As a library (the file can be imported by path, e.g. from benchmarks)::

    import importlib.util
    spec = importlib.util.spec_from_file_location("generate", "examples/generate.py")
    gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
    for record in gen.generate(10_000, seed=1):
        ...

CSV conventions: one column per field, nested fields as dotted columns
(``billing.payment_method``), lists as one cell of ``;``-separated values,
null as an empty cell, booleans as ``true``/``false``, dates as YYYY-MM-DD.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import itertools
import json
import math
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from random import Random
from typing import Any

#: The date every sample is generated "as of". Dates of past events are before it.
AS_OF = dt.date(2026, 11, 1)

#: Field order, as in the schema; nested ``billing`` fields are listed separately for CSV.
FIELDS = [
    "id", "name", "country", "region", "preferred_language", "industry", "employee_count",
    "company_size", "buyer_title", "buyer_department", "contact_email", "acquisition_channel",
    "referred_by", "plan", "billing_cycle", "status", "signup_date", "contract_end_date",
    "last_purchase_date", "last_login_date", "churned_on", "first_purchase_amount",
    "annual_contract_value", "total_spend", "lifetime_value", "mrr_last_6m",
    "discount_requested_pct", "renewals_count", "renewal_likelihood", "nps_score",
    "is_reference", "gave_testimonial", "addon_purchases", "seats_purchased", "seats_used",
    "active_users_30d", "consulting_purchased", "training_purchased", "late_payments_first_6m",
    "days_to_pay_avg", "billing_tickets_first_6m", "billing", "owner_involvement",
    "wallet_share_growth_pct", "users_growth_pct", "referrals_direct", "referrals_second_level",
    "referral_revenue", "feedback_sessions", "feature_requests_submitted",
    "feature_requests_adopted", "beta_participant", "innovation_partner", "support_tickets",
    "products", "tags",
]
BILLING_FIELDS = ["payment_method", "auto_pay", "currency"]
CSV_COLUMNS = [c for f in FIELDS for c in ([f"billing.{b}" for b in BILLING_FIELDS] if f == "billing" else [f])]
LIST_FIELDS = {"mrr_last_6m", "products", "tags"}

# --------------------------------------------------------------------------- reference data

US_STATES = [
    ("CA", 12), ("TX", 9), ("FL", 6.7), ("NY", 6), ("PA", 3.9), ("IL", 3.8), ("OH", 3.5),
    ("GA", 3.3), ("NC", 3.2), ("MI", 3), ("NJ", 2.8), ("VA", 2.6), ("WA", 2.3), ("AZ", 2.2),
    ("MA", 2.1), ("TN", 2.1), ("IN", 2), ("MD", 1.9), ("MO", 1.8), ("WI", 1.8), ("CO", 1.8),
    ("MN", 1.7), ("SC", 1.6), ("AL", 1.5), ("LA", 1.4), ("KY", 1.3), ("OR", 1.3), ("OK", 1.2),
    ("CT", 1.1), ("UT", 1), ("IA", 0.9), ("NV", 0.9), ("AR", 0.9), ("MS", 0.9), ("KS", 0.9),
    ("NM", 0.6), ("NE", 0.6), ("ID", 0.6), ("WV", 0.5), ("HI", 0.4), ("NH", 0.4), ("ME", 0.4),
    ("RI", 0.3), ("MT", 0.3), ("DE", 0.3), ("SD", 0.3), ("ND", 0.2), ("AK", 0.2), ("DC", 0.2),
    ("VT", 0.2), ("WY", 0.2),
]
CA_PROVINCES = [("ON", 39), ("QC", 22), ("BC", 14), ("AB", 12), ("MB", 3.6), ("SK", 3),
                ("NS", 2.6), ("NB", 2.1), ("NL", 1.4), ("PE", 0.4)]
# country: (weight, language, currency, regions)
OTHER_COUNTRIES = {
    "GB": (6, "en-GB", "GBP", ["ENG", "SCT", "WLS", "NIR"]),
    "DE": (4, "de-DE", "EUR", ["BE", "BY", "HH", "NW"]),
    "FR": (3, "fr-FR", "EUR", ["IDF", "ARA", "OCC"]),
    "AU": (3, "en-AU", "AUD", ["NSW", "VIC", "QLD"]),
    "MX": (2, "es-MX", "MXN", ["CMX", "JAL", "NLE"]),
    "NL": (2, "nl-NL", "EUR", ["NH", "ZH", "UT"]),
    "IN": (2, "en-IN", "INR", ["KA", "MH", "DL"]),
    "BR": (1.5, "pt-BR", "BRL", ["SP", "RJ"]),
    "IE": (1.5, "en-IE", "EUR", ["D", "C"]),
    "SE": (1, "sv-SE", "SEK", ["AB"]),
    "JP": (1, "ja-JP", "JPY", ["13", "27"]),
    "ES": (1, "es-ES", "EUR", ["MD", "CT"]),
}
INDUSTRIES = [
    ("software", 18), ("professional_services", 13), ("marketing_agency", 9), ("ecommerce", 10),
    ("healthcare", 7), ("financial_services", 7), ("manufacturing", 8), ("education", 5),
    ("nonprofit", 4), ("retail", 6), ("construction", 4), ("hospitality", 3), ("logistics", 3),
    ("real_estate", 3), ("government", 2), ("other", 3),
]
SIZES = [("micro", 25), ("small", 35), ("mid", 25), ("large", 10), ("enterprise", 5)]
SIZE_EMPLOYEES = {"micro": (1, 9), "small": (10, 49), "mid": (50, 249), "large": (250, 999),
                  "enterprise": (1000, 60000)}
TITLES = {
    "executive": ["CEO", "Founder", "Co-Founder & CEO", "Owner", "President", "COO",
                  "Managing Director", "General Manager"],
    "sales": ["VP Sales", "Head of Sales", "Sales Director", "Sales Manager",
              "Sales Operations Analyst", "CRO", "Account Executive"],
    "marketing": ["CMO", "VP Marketing", "Marketing Director", "Marketing Manager", "Growth Lead",
                  "Marketing Coordinator"],
    "customer_success": ["VP Customer Success", "Head of Customer Success",
                         "Customer Success Manager", "Support Team Lead"],
    "operations": ["VP Operations", "Operations Director", "Operations Manager", "Office Manager"],
    "finance": ["CFO", "Finance Director", "Controller", "Accounting Manager"],
    "it": ["CIO", "IT Director", "IT Manager", "Systems Administrator"],
    "engineering": ["CTO", "VP Engineering", "Engineering Manager", "Senior Developer"],
    "hr": ["Chief People Officer", "Head of People", "HR Manager"],
    "procurement": ["Procurement Manager", "Purchasing Director", "Buyer"],
    "other": ["Project Manager", "Consultant", "Analyst"],
}
DEPARTMENTS = [("executive", 22), ("sales", 16), ("marketing", 15), ("customer_success", 7),
               ("operations", 12), ("finance", 6), ("it", 8), ("engineering", 6), ("hr", 3),
               ("procurement", 3), ("other", 2)]
NAME_A = ["North", "Blue", "Bright", "Maple", "Harbor", "Summit", "Cedar", "Granite", "Silver",
          "Prairie", "Lake", "Iron", "Golden", "Pine", "River", "Coastal", "Atlas", "Beacon",
          "Frontier", "Redwood", "Aurora", "Keystone", "Falcon", "Orchard", "Canyon", "Meridian"]
NAME_B = ["Labs", "Works", "Analytics", "Logistics", "Health", "Studio", "Partners", "Foods",
          "Systems", "Supply", "Media", "Dental", "Builders", "Capital", "Learning", "Retail",
          "Robotics", "Consulting", "Outfitters", "Clinics", "Freight", "Interactive", "Energy"]
NAME_SUFFIX = ["Inc.", "LLC", "Ltd.", "Co.", "Group", "Corp."]
FIRST_NAMES = ["alex", "sam", "maria", "li", "priya", "jordan", "chris", "fatima", "noah", "emma",
               "lucas", "olivia", "mateo", "aisha", "ethan", "chloe", "raj", "sofia", "liam", "mei"]
LAST_NAMES = ["smith", "nguyen", "garcia", "tremblay", "patel", "johnson", "roy", "kim", "brown",
              "martin", "lee", "wilson", "gagnon", "lopez", "chen", "singh", "taylor", "murphy"]
PERSONAL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]
PRODUCTS = ["analytics", "automation", "integrations", "mobile", "api"]
PLAN_BY_SIZE = {
    "micro": [("starter", 70), ("growth", 30)],
    "small": [("starter", 35), ("growth", 50), ("pro", 15)],
    "mid": [("growth", 40), ("pro", 50), ("enterprise", 10)],
    "large": [("pro", 50), ("enterprise", 50)],
    "enterprise": [("pro", 20), ("enterprise", 80)],
}
# plan: (median ACV in USD, lognormal sigma, seat range, addon rate, consulting p, training p)
PLAN_INFO = {
    "starter": (1800, 0.55, (1, 10), 0.3, 0.05, 0.10),
    "growth": (9000, 0.5, (5, 50), 0.8, 0.15, 0.20),
    "pro": (35000, 0.5, (20, 200), 1.5, 0.35, 0.35),
    "enterprise": (140000, 0.6, (100, 2000), 2.5, 0.60, 0.50),
}
CYCLE_BY_PLAN = {
    "starter": [("monthly", 75), ("annual", 25)],
    "growth": [("monthly", 40), ("annual", 55), ("multi_year", 5)],
    "pro": [("monthly", 5), ("annual", 80), ("multi_year", 15)],
    "enterprise": [("annual", 60), ("multi_year", 40)],
}
CHANNELS = [("inbound", 35), ("referral", 20), ("outbound", 20), ("partner", 10), ("event", 8),
            ("marketplace", 7)]
OWNER_STYLES = [("strategic", 25), ("delegating", 30), ("hands_on", 30), ("firefighting", 15)]


# --------------------------------------------------------------------------- helpers

def _pick(rng: Random, weighted: list[tuple[Any, float]]) -> Any:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights=weights, k=1)[0]


def _poisson(rng: Random, lam: float) -> int:
    # Knuth's method; lam is small here.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _months_between(a: dt.date, b: dt.date) -> int:
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day:
        months -= 1
    return months


def _maybe(rng: Random, value: Any, p_null: float) -> Any:
    return None if rng.random() < p_null else value


def _money(x: float) -> float:
    return round(float(x), 2)


def _date_between(rng: Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


# --------------------------------------------------------------------------- one customer

def _customer(rng: Random, index: int) -> tuple[dict[str, Any], float | None, int]:
    """One realistic customer, with the two draws that place it in the referral tree.

    Fields are drawn so that they agree with each other (a churned customer has
    a churn date, spend grows with tenure, and so on). The referral fields are
    left empty: :func:`link_referrals` fills them once the whole book is known.
    Returns ``(record, referral_pick, referral_propensity)``: ``referral_pick``,
    uniform in [0, 1), chooses the referrer of a customer referred by another
    customer (None for everyone else); ``referral_propensity`` is how many
    customers this one is inclined to bring in, the weight with which later
    referred customers are linked to it.
    """
    # --- where
    u = rng.random()
    if u < 0.55:
        country = "US"
        region = _pick(rng, US_STATES)
        language = "es-US" if rng.random() < 0.06 else "en-US"
        currency = "USD"
    elif u < 0.72:
        country = "CA"
        region = _pick(rng, CA_PROVINCES)
        language = ("fr-CA" if rng.random() < 0.78 else "en-CA") if region == "QC" else (
            "fr-CA" if rng.random() < 0.03 else "en-CA")
        currency = "CAD"
    else:
        country = _pick(rng, [(c, info[0]) for c, info in OTHER_COUNTRIES.items()])
        _, language, currency, regions = OTHER_COUNTRIES[country]
        region = rng.choice(regions) if rng.random() < 0.7 else None
    region = _maybe(rng, region, 0.05)
    language = _maybe(rng, language, 0.10)

    # --- who
    industry = _pick(rng, INDUSTRIES)
    size = _pick(rng, SIZES)
    lo, hi = SIZE_EMPLOYEES[size]
    employees = int(round(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))) if size != "enterprise" \
        else int(min(hi, lo * math.exp(abs(rng.gauss(0, 1.3)))))
    employees = max(lo, min(hi, employees))
    department = _pick(rng, DEPARTMENTS)
    if size in ("micro", "small") and rng.random() < 0.4:
        department = "executive"  # in small companies the owner usually buys
    title = rng.choice(TITLES[department])
    company = f"{rng.choice(NAME_A)}{rng.choice(NAME_B).lower() if rng.random() < 0.3 else ' ' + rng.choice(NAME_B)}"
    name = f"{company} {rng.choice(NAME_SUFFIX)}"
    domain = company.lower().replace(" ", "") + rng.choice([".com", ".com", ".io", ".co", ".net"])
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if rng.random() < (0.25 if size == "micro" else 0.06):
        email = f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(PERSONAL_DOMAINS)}"
    else:
        email = f"{first}.{last}@{domain}" if rng.random() < 0.7 else f"billing@{domain}"

    channel = _pick(rng, CHANNELS)
    # Three referrals in four come from a customer in the book; the others from
    # someone outside it (a consultant, a friend), so the referrer is unknown.
    referral_pick = None
    if channel == "referral" and index > 1 and rng.random() < 0.75:
        referral_pick = rng.randrange(index - 1) / (index - 1)

    # --- when and status
    if rng.random() < 0.05:
        days_back = rng.randint(1, 45)  # fresh sign-ups, many still on trial
    else:
        days_back = int(rng.betavariate(1.3, 2.0) * 2850) + 1
    signup = AS_OF - dt.timedelta(days=days_back)
    tenure_days = (AS_OF - signup).days
    if tenure_days <= 45 and rng.random() < 0.6:
        status = "trial"
    elif tenure_days > 90:
        status = _pick(rng, [("active", 75), ("churned", 16), ("past_due", 5), ("paused", 4)])
    else:
        status = "active"
    churned_on = None
    end_of_relationship = AS_OF
    if status == "churned":
        churned_on = signup + dt.timedelta(days=rng.randint(60, tenure_days - 1))
        end_of_relationship = churned_on
    active_days = (end_of_relationship - signup).days
    active_years = active_days / 365.25

    plan = _pick(rng, PLAN_BY_SIZE[size])
    median_acv, sigma, seat_range, addon_rate, p_consult, p_train = PLAN_INFO[plan]
    cycle = _pick(rng, CYCLE_BY_PLAN[plan])

    # --- growth with us
    if tenure_days < 90 or status == "trial":
        wallet_growth = None if rng.random() < 0.7 else round(rng.uniform(0, 20), 1)
    elif rng.random() < 0.02:
        wallet_growth = round(rng.uniform(250, 900), 1)  # the occasional explosive expansion
    else:
        wallet_growth = round(max(-60.0, rng.gauss(15, 30)), 1)
    users_growth = None
    if wallet_growth is not None:
        users_growth = round(max(-80.0, wallet_growth * 0.7 + rng.gauss(0, 12)), 1)
    wallet_growth = _maybe(rng, wallet_growth, 0.08)
    users_growth = _maybe(rng, users_growth, 0.08)

    # --- money
    initial_acv = median_acv * rng.lognormvariate(0, sigma)
    if rng.random() < 0.01:
        initial_acv *= 12  # a few very large outliers
    acv = initial_acv * (1 + (wallet_growth or 0) / 100)
    months_active = max(1, math.ceil(active_days / 30.44))
    if status == "trial":
        first_purchase = 0.0
        total_spend = 0.0
        acv_value = 0.0
    else:
        if cycle == "monthly":
            first_purchase = initial_acv / 12
            total_spend = (initial_acv + acv) / 2 / 12 * months_active
        elif cycle == "annual":
            first_purchase = initial_acv
            total_spend = (initial_acv + acv) / 2 * math.ceil(active_days / 365.25 + 1e-9)
        else:
            term = rng.choice([2, 3])
            first_purchase = initial_acv * term
            total_spend = max(first_purchase, (initial_acv + acv) / 2 * term * math.ceil(active_years / term + 1e-9))
        acv_value = acv
    addons = _poisson(rng, addon_rate * (1 + min(active_years, 4) / 4))
    consulting = rng.random() < p_consult
    training = rng.random() < p_train
    if status != "trial":
        total_spend += addons * rng.uniform(0.05, 0.15) * acv
        total_spend += rng.uniform(5000, 80000) if consulting else 0
        total_spend += rng.uniform(800, 15000) if training else 0
    total_spend = max(total_spend, first_purchase)
    acv_recorded = _maybe(rng, _money(acv_value), 0.10)

    # --- renewals
    if status == "trial":
        renewals = 0
    elif cycle == "multi_year":
        renewals = int(active_years // 2.5)
    else:
        renewals = int(active_years)
    contract_end = None
    if cycle != "monthly" and status != "trial":
        term_years = 1 if cycle == "annual" else 2
        if status == "churned":
            contract_end = churned_on
        else:
            contract_end = _add_years(signup, term_years * (int(active_years // term_years) + 1))

    # --- health signals
    if status == "churned":
        renewal_likelihood = round(rng.uniform(0, 0.2), 2)
    elif status == "trial":
        renewal_likelihood = round(rng.uniform(0.2, 0.8), 2)
    else:
        base = {"active": 0.72, "past_due": 0.45, "paused": 0.35}[status]
        renewal_likelihood = round(min(1.0, max(0.0, rng.gauss(base, 0.18))), 2)
    renewal_likelihood = _maybe(rng, renewal_likelihood, 0.12)

    u = rng.random()
    nps = rng.randint(9, 10) if u < 0.45 else rng.randint(7, 8) if u < 0.75 else rng.randint(0, 6)
    if status == "churned" and rng.random() < 0.6:
        nps = rng.randint(0, 6)
    nps = _maybe(rng, nps, 0.22)
    promoter = nps is not None and nps >= 9
    is_reference = rng.random() < (0.25 if promoter else 0.03)
    testimonial = rng.random() < (0.30 if promoter else 0.04)

    # --- seats and usage
    seats = rng.randint(*seat_range)
    seats = min(seats, max(1, employees))
    if plan in ("starter", "growth") and rng.random() < 0.06:
        seats = 0  # usage-priced plan without seats
    if status == "trial":
        seats = min(seats, 5)
    util = min(1.25, max(0.05, rng.gauss(0.78, 0.22)))
    seats_used = int(round(seats * util)) if seats else rng.randint(1, 12)
    if status == "churned":
        active_users = 0 if rng.random() < 0.7 else rng.randint(0, 2)
    elif status == "paused":
        active_users = rng.randint(0, max(1, seats_used // 4))
    else:
        active_users = int(round(seats_used * min(1.0, max(0.0, rng.gauss(0.7, 0.25)))))
    seats_used = _maybe(rng, seats_used, 0.10)
    active_users = _maybe(rng, active_users, 0.10)

    # --- payment behaviour and accounting burden in the first six months
    methods = {"micro": [("card", 60), ("ach", 25), ("check", 10), ("wire", 5)],
               "small": [("card", 50), ("ach", 30), ("check", 12), ("wire", 8)],
               "mid": [("card", 25), ("ach", 40), ("wire", 20), ("check", 15)],
               "large": [("card", 5), ("ach", 35), ("wire", 50), ("check", 10)],
               "enterprise": [("card", 5), ("ach", 35), ("wire", 50), ("check", 10)]}[size]
    if country not in ("US", "CA"):
        methods = [("card", 45), ("wire", 55)]
    method = _pick(rng, methods)
    auto_pay = rng.random() < {"card": 0.75, "ach": 0.6, "wire": 0.05, "check": 0.0}[method]
    late = days_to_pay = billing_tickets = None
    if tenure_days >= 183 and status != "trial":
        late = _pick(rng, [(0, 60), (1, 20), (2, 10), (3, 5), (rng.randint(4, 9), 5)])
        if status == "past_due":
            late += rng.randint(0, 2)
        if auto_pay:
            days_to_pay = round(rng.uniform(0, 4), 1)
            late = min(late, 1)
        else:
            days_to_pay = round(max(1.0, rng.gauss(18 + 9 * late, 8)), 1)
            if rng.random() < 0.01:
                days_to_pay = round(rng.uniform(120, 200), 1)  # the customer who pays once a quarter
        billing_tickets = _pick(rng, [(0, 35), (1, 25), (2, 15), (3, 10), (rng.randint(4, 14), 15)])
        late = _maybe(rng, late, 0.08)
        days_to_pay = _maybe(rng, days_to_pay, 0.10)
        billing_tickets = _maybe(rng, billing_tickets, 0.10)
    discount = _pick(rng, [(0, 35), (round(rng.uniform(5, 15)), 35), (round(rng.uniform(15, 30)), 22),
                           (round(rng.uniform(30, 75)), 8)])
    discount = _maybe(rng, float(discount), 0.10)

    owner = _pick(rng, OWNER_STYLES if size not in ("micro", "small") else
                  [("strategic", 20), ("delegating", 20), ("hands_on", 40), ("firefighting", 20)])
    owner = _maybe(rng, owner, 0.22)

    # --- referrals: how keen this customer is to recommend us (trials are not yet)
    u = rng.random()
    if u < 0.68 or status == "trial":
        propensity = 0
    elif u < 0.985:
        propensity = min(8, 1 + _poisson(rng, 0.9))
    else:
        propensity = rng.randint(12, 40)  # a super-connector
    # These draws decide nothing any more; they keep their place in the random
    # stream, so that every field drawn after them keeps its earlier value.
    for _ in range(propensity + sum(_poisson(rng, 0.45) for _ in range(propensity))):
        rng.lognormvariate(math.log(6000), 0.8)

    # --- feedback and collaboration (small customers talk to us more)
    small = size in ("micro", "small")
    sessions = 0 if rng.random() < 0.35 else _poisson(rng, 2.6 if small else 1.2)
    if status == "trial":
        sessions = min(sessions, 1)
    submitted = _poisson(rng, 1.2 + 0.6 * sessions)
    adopted = sum(1 for _ in range(submitted) if rng.random() < 0.25)
    beta = rng.random() < (0.10 + 0.05 * min(sessions, 4))
    big = size in ("large", "enterprise")
    innovation = rng.random() < (0.02 + (0.06 if sessions >= 3 else 0) + (0.04 if big else 0))
    tickets = _poisson(rng, 2 + 1.3 * math.sqrt(max(seats, seats_used or 0, 1)))
    if rng.random() < 0.02:
        tickets += rng.randint(40, 120)

    # --- dates of last activity
    last_purchase = None
    if status != "trial":
        recent_start = max(signup, end_of_relationship - dt.timedelta(days=365))
        last_purchase = _date_between(rng, recent_start, end_of_relationship - dt.timedelta(days=1))
        if cycle == "monthly" and status in ("active", "past_due"):
            last_purchase = _date_between(rng, max(signup, AS_OF - dt.timedelta(days=31)), AS_OF - dt.timedelta(days=1))
        last_purchase = _maybe(rng, last_purchase, 0.03)
    if status == "churned":
        last_login = _date_between(rng, max(signup, churned_on - dt.timedelta(days=120)), churned_on)
    elif status == "paused":
        last_login = AS_OF - dt.timedelta(days=rng.randint(20, 150))
    else:
        last_login = AS_OF - dt.timedelta(days=min(tenure_days, int(rng.expovariate(1 / 9)) + 1))
    if last_login < signup:
        last_login = signup
    last_login = _maybe(rng, last_login, 0.06)

    # --- recurring revenue of the last six months (oldest first)
    mrr: list[float] = []
    if status != "trial":
        window_start_months = min(6, _months_between(signup, AS_OF) + 1)
        for k in range(window_start_months, 0, -1):
            month_end = AS_OF - dt.timedelta(days=30 * (k - 1))
            if status == "churned" and churned_on < month_end - dt.timedelta(days=30):
                continue
            progress = 1 - (k - 1) / 12
            value = (initial_acv + (acv - initial_acv) * min(1.0, progress)) / 12
            if status == "paused" and k <= 2:
                value = 0.0
            mrr.append(_money(value * rng.uniform(0.97, 1.03)))

    # --- lifetime value estimate
    if status == "churned":
        ltv = total_spend
    else:
        expected_years = 1 / max(0.08, 1 - (renewal_likelihood if renewal_likelihood is not None else 0.6))
        ltv = total_spend + acv_value * min(expected_years, 8) * 0.7
    ltv = _maybe(rng, _money(ltv), 0.12)

    products = ["core"] + [p for p in PRODUCTS if rng.random() < {"starter": 0.12, "growth": 0.3,
                                                                  "pro": 0.45, "enterprise": 0.6}[plan]]
    tags = []
    if acv_value > 100000:
        tags.append("vip")
    if innovation:
        tags.append("design_partner")
    if is_reference and rng.random() < 0.35:
        tags.append("case_study")
    if renewal_likelihood is not None and renewal_likelihood < 0.4 and status != "churned":
        tags.append("at_risk")
    if industry in ("government", "education"):
        tags.append("public_sector")
    if channel == "partner":
        tags.append("partner_referred")
    if beta:
        tags.append("beta")
    if rng.random() < 0.008:
        tags.append("test_account")

    return {
        "id": f"C{index:05d}",
        "name": name,
        "country": country,
        "region": region,
        "preferred_language": language,
        "industry": industry,
        "employee_count": _maybe(rng, employees, 0.10),
        "company_size": size,
        "buyer_title": _maybe(rng, title, 0.10),
        "buyer_department": _maybe(rng, department, 0.10),
        "contact_email": _maybe(rng, email, 0.05),
        "acquisition_channel": channel,
        "referred_by": None,
        "plan": plan,
        "billing_cycle": cycle,
        "status": status,
        "signup_date": signup.isoformat(),
        "contract_end_date": contract_end.isoformat() if contract_end else None,
        "last_purchase_date": last_purchase.isoformat() if last_purchase else None,
        "last_login_date": last_login.isoformat() if last_login else None,
        "churned_on": (None if rng.random() < 0.10 else churned_on.isoformat()) if churned_on else None,
        "first_purchase_amount": _money(first_purchase),
        "annual_contract_value": acv_recorded,
        "total_spend": _money(total_spend),
        "lifetime_value": ltv,
        "mrr_last_6m": mrr,
        "discount_requested_pct": discount,
        "renewals_count": renewals,
        "renewal_likelihood": renewal_likelihood,
        "nps_score": nps,
        "is_reference": is_reference,
        "gave_testimonial": testimonial,
        "addon_purchases": addons,
        "seats_purchased": seats,
        "seats_used": seats_used,
        "active_users_30d": active_users,
        "consulting_purchased": consulting,
        "training_purchased": training,
        "late_payments_first_6m": late,
        "days_to_pay_avg": days_to_pay,
        "billing_tickets_first_6m": billing_tickets,
        "billing": {"payment_method": method, "auto_pay": auto_pay, "currency": currency},
        "owner_involvement": owner,
        "wallet_share_growth_pct": wallet_growth,
        "users_growth_pct": users_growth,
        "referrals_direct": 0,
        "referrals_second_level": 0,
        "referral_revenue": 0.0,
        "feedback_sessions": sessions,
        "feature_requests_submitted": submitted,
        "feature_requests_adopted": adopted,
        "beta_participant": beta,
        "innovation_partner": innovation,
        "support_tickets": tickets,
        "products": products,
        "tags": tags,
    }, referral_pick, propensity


def generate(count: int, seed: int, edge_cases: bool = False) -> Iterator[dict[str, Any]]:
    """Yield ``count`` realistic customers drawn from ``random.Random(seed)``.

    With ``edge_cases=True`` the hand-made records of :func:`edge_case_records`
    come first, followed by the ``count`` generated ones. Records are plain
    dicts in JSON form (dates as ISO strings), with every field present.

    The referral fields agree with each other across the book: ``referred_by``
    names a customer who signed up earlier, and ``referrals_direct``,
    ``referrals_second_level`` and ``referral_revenue`` are what those links
    say (see :func:`link_referrals`). The tree needs the whole book, so the
    customers are drawn twice: once to build it (keeping a few numbers per
    customer), then again, identically, to yield them with it.
    """
    edges = edge_case_records() if edge_cases else []
    signup = array("l", (dt.date.fromisoformat(r["signup_date"]).toordinal() for r in edges))
    spend = array("d", (r["total_spend"] for r in edges))
    picks = array("d", [-1.0] * len(edges))
    propensity = array("l", [0] * len(edges))
    for record, pick, keen in _draw(count, seed):
        signup.append(dt.date.fromisoformat(record["signup_date"]).toordinal())
        spend.append(record["total_spend"])
        picks.append(-1.0 if pick is None else pick)
        propensity.append(keen)
    wanted = {i: EDGE_REFERRALS[r["id"][len("EDGE-"):]] for i, r in enumerate(edges) if r["id"][len("EDGE-"):] in EDGE_REFERRALS}
    referrer = link_referrals(signup, spend, picks, propensity, wanted, Random(f"{seed}:referrals"))
    direct, second, revenue = tree_counts(referrer, spend)
    ids = [r["id"] for r in edges] + [f"C{i:05d}" for i in range(1, count + 1)]
    drawn = (record for record, _, _ in _draw(count, seed))
    for i, record in enumerate(itertools.chain(edges, drawn)):
        if "referred_by" in record:  # an edge case may leave it out of the record
            record["referred_by"] = None if referrer[i] < 0 else ids[referrer[i]]
        record["referrals_direct"] = direct[i]
        record["referrals_second_level"] = second[i]
        record["referral_revenue"] = revenue[i]
        yield record


def _draw(count: int, seed: int) -> Iterator[tuple[dict[str, Any], float | None, int]]:
    rng = Random(seed)
    for i in range(1, count + 1):
        yield _customer(rng, i)


# --------------------------------------------------------------------------- the referral tree

def link_referrals(signup: Sequence[int], spend: Sequence[float], picks: Sequence[float], propensity: Sequence[int],
                   wanted: dict[int, tuple[int, int, float | None]], rng: Random) -> list[int]:
    """The index of each customer's referrer, -1 for a customer nobody in the book referred.

    ``signup`` holds signup dates as ordinals; ``picks[i]`` is in [0, 1) for a
    customer referred by another customer (-1 otherwise); ``propensity[i]`` is
    how keen customer ``i`` is to refer. A referrer always signed up strictly
    before the customer it referred, so the links form a forest, never a cycle.

    First, each entry of ``wanted`` (customer index: direct referrals, referrals
    of those, the most each of them spent or None) gets its tree from the
    referred customers, chosen with ``rng`` among those who signed up late
    enough; a tree gets smaller when too few are left. Nobody else links into these trees, so they keep that shape. Then
    every other referred customer is linked to one of the remaining customers
    who signed up before it, each chosen with a chance proportional to its
    propensity (by the customer's own pick); a customer with no such earlier
    customer counts as referred from outside the book.
    """
    referrer = [-1] * len(signup)
    pool = [i for i, p in enumerate(picks) if p >= 0 and i not in wanted]
    taken: set[int] = set()
    # the roots with the fewest candidates first: the latest to sign up, then those with a spending cap
    for root in sorted(wanted, key=lambda i: (-signup[i], wanted[i][2] is None, i)):
        n_direct, n_second, most = wanted[root]
        pool_of_root = [i for i in pool if most is None or spend[i] <= most]
        later = [i for i in pool_of_root if i not in taken and signup[i] > signup[root]]
        children = rng.sample(later, min(n_direct, len(later)))
        taken.update(children)
        for child in children:
            referrer[child] = root
        for _ in range(n_second if children else 0):
            first = min(signup[c] for c in children)
            later = [i for i in pool_of_root if i not in taken and signup[i] > first]
            if not later:
                break
            grandchild = rng.choice(later)
            referrer[grandchild] = rng.choice([c for c in children if signup[c] < signup[grandchild]])
            taken.add(grandchild)
    # the remaining customers may refer, by date of signup, with running totals of their propensity
    keen = sorted((i for i in range(len(signup)) if i not in taken and i not in wanted), key=lambda i: signup[i])
    dates = [signup[i] for i in keen]
    running = list(itertools.accumulate(propensity[i] for i in keen))
    for i in pool:
        if i in taken:
            continue
        before = bisect.bisect_left(dates, signup[i])  # keen[:before] signed up strictly earlier
        total = running[before - 1] if before else 0
        if total > 0:
            referrer[i] = keen[bisect.bisect_right(running, picks[i] * total, 0, before)]
    return referrer


def tree_counts(referrer: Sequence[int], spend: Sequence[float]) -> tuple[list[int], list[int], list[float]]:
    """Per customer: direct referrals, referrals of those, and the total spend of both (to the cent)."""
    children: list[list[int]] = [[] for _ in referrer]
    for i, parent in enumerate(referrer):
        if parent >= 0:
            children[parent].append(i)
    direct = [len(c) for c in children]
    second = [sum(direct[c] for c in kids) for kids in children]
    revenue = [_money(math.fsum(spend[d] for c in kids for d in (c, *children[c]))) for kids in children]
    return direct, second, revenue


# --------------------------------------------------------------------------- edge cases

def _edge_base() -> dict[str, Any]:
    """A healthy, unremarkable customer in New York; edge cases override a few fields."""
    return {
        "id": "EDGE-BASE",
        "name": "Baseline Edge Case Inc.",
        "country": "US",
        "region": "NY",
        "preferred_language": "en-US",
        "industry": "software",
        "employee_count": 120,
        "company_size": "mid",
        "buyer_title": "VP Sales",
        "buyer_department": "sales",
        "contact_email": "ops@baseline-edge.example",
        "acquisition_channel": "inbound",
        "referred_by": None,
        "plan": "pro",
        "billing_cycle": "annual",
        "status": "active",
        "signup_date": "2023-03-15",
        "contract_end_date": "2027-03-15",
        "last_purchase_date": "2026-03-15",
        "last_login_date": "2026-10-30",
        "churned_on": None,
        "first_purchase_amount": 24000.0,
        "annual_contract_value": 30000.0,
        "total_spend": 84000.0,
        "lifetime_value": 150000.0,
        "mrr_last_6m": [2400.0, 2450.0, 2500.0, 2500.0, 2500.0, 2500.0],
        "discount_requested_pct": 10.0,
        "renewals_count": 3,
        "renewal_likelihood": 0.8,
        "nps_score": 8,
        "is_reference": False,
        "gave_testimonial": False,
        "addon_purchases": 1,
        "seats_purchased": 40,
        "seats_used": 30,
        "active_users_30d": 26,
        "consulting_purchased": False,
        "training_purchased": False,
        "late_payments_first_6m": 0,
        "days_to_pay_avg": 12.0,
        "billing_tickets_first_6m": 1,
        "billing": {"payment_method": "ach", "auto_pay": True, "currency": "USD"},
        "owner_involvement": "delegating",
        "wallet_share_growth_pct": 25.0,
        "users_growth_pct": 20.0,
        "referrals_direct": 0,  # the referral fields are filled from the book's referral tree
        "referrals_second_level": 0,
        "referral_revenue": 0.0,
        "feedback_sessions": 2,
        "feature_requests_submitted": 3,
        "feature_requests_adopted": 1,
        "beta_participant": False,
        "innovation_partner": False,
        "support_tickets": 8,
        "products": ["core", "analytics"],
        "tags": [],
    }


#: Hand-made records: (id suffix, what it exercises, overrides of the baseline).
#: A value of ``...`` (Ellipsis) removes the field, to show that an absent field reads as null.
EDGE_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("01-PERFECT", "Ideal customer for every policy: top band everywhere, founding customer",
     dict(signup_date="2020-06-10", contract_end_date="2027-06-10", renewals_count=6, renewal_likelihood=0.95,
          nps_score=10, is_reference=True, gave_testimonial=True, addon_purchases=3, consulting_purchased=True,
          training_purchased=True, products=["core", "analytics", "automation", "api"], company_size="small",
          employee_count=40, seats_purchased=30, seats_used=30, active_users_30d=29,
          buyer_title="Co-Founder & CEO", buyer_department="executive",
          annual_contract_value=90000.0, first_purchase_amount=40000.0, total_spend=420000.0,
          lifetime_value=900000.0, owner_involvement="strategic", wallet_share_growth_pct=80.0,
          users_growth_pct=60.0,
          discount_requested_pct=0.0, feedback_sessions=30, feature_requests_submitted=12,
          feature_requests_adopted=12, innovation_partner=True, beta_participant=True, tags=["case_study"],
          mrr_last_6m=[7000.0, 7200.0, 7300.0, 7400.0, 7500.0, 7500.0], billing_tickets_first_6m=0,
          days_to_pay_avg=3.0)),
    ("02-OUTSIDE-US-CA", "Fails the startup's home-market filter (Germany)",
     dict(country="DE", region="BY", preferred_language="de-DE",
          billing={"payment_method": "wire", "auto_pay": False, "currency": "EUR"})),
    ("03-CHURNED-OLD", "Churned two years ago: fails not-churned, paying-subscriber and recent-relationship filters",
     dict(status="churned", churned_on="2024-09-30", contract_end_date="2024-09-30", last_purchase_date="2023-09-30",
          last_login_date="2024-09-01", renewal_likelihood=0.05, mrr_last_6m=[], renewals_count=1,
          active_users_30d=0)),
    ("04-CHURNED-RECENT", "Churned four months ago: still in the balanced portfolio, with the churn penalty",
     dict(status="churned", churned_on="2026-07-01", contract_end_date="2026-07-01", last_purchase_date="2025-07-01",
          last_login_date="2026-06-20", renewal_likelihood=0.1, mrr_last_6m=[2500.0, 2500.0], active_users_30d=0,
          nps_score=4)),
    ("05-CHURNED-NO-DATE", "Churned but the churn date is missing: the balanced filter is null and fails",
     dict(status="churned", churned_on=None, contract_end_date="2026-03-15", mrr_last_6m=[],
          renewal_likelihood=0.1, active_users_30d=0)),
    ("06-TRIAL-NEW", "Trial signed up 20 days ago: zero purchase (log undefined), under six months, no billing history",
     dict(status="trial", signup_date="2026-10-12", contract_end_date=None, last_purchase_date=None,
          billing_cycle="monthly", first_purchase_amount=0.0, annual_contract_value=0.0, total_spend=0.0,
          lifetime_value=None, mrr_last_6m=[], renewals_count=0, late_payments_first_6m=None,
          days_to_pay_avg=None, billing_tickets_first_6m=None,
          seats_purchased=5, seats_used=2, active_users_30d=1, wallet_share_growth_pct=None,
          users_growth_pct=None, feedback_sessions=0, feature_requests_submitted=0,
          feature_requests_adopted=0, plan="starter")),
    ("07-SIGNED-UP-TODAY", "Signed up on the as-of date: zero tenure, so feedback per year divides by zero",
     dict(signup_date="2026-11-01", contract_end_date="2027-11-01", last_purchase_date="2026-11-01",
          last_login_date=None, renewals_count=0, total_spend=24000.0, mrr_last_6m=[2000.0],
          late_payments_first_6m=None, days_to_pay_avg=None, billing_tickets_first_6m=None,
          wallet_share_growth_pct=None, users_growth_pct=None, feedback_sessions=0,
          feature_requests_submitted=0, feature_requests_adopted=0)),
    ("08-FIVE-MONTHS", "Paying customer of five months: fails the six-months-of-history filter",
     dict(signup_date="2026-06-01", contract_end_date="2027-06-01", last_purchase_date="2026-06-01",
          renewals_count=0, mrr_last_6m=[2500.0, 2500.0, 2500.0, 2500.0, 2500.0, 2500.0],
          late_payments_first_6m=None, days_to_pay_avg=None, billing_tickets_first_6m=None)),
    ("09-TEST-ACCOUNT", "Internal test account: fails the balanced real-customer filter",
     dict(name="Internal QA Sandbox", tags=["test_account"])),
    ("10-ALL-NULLS", "Every nullable field null: each factor falls back to its missing value",
     dict(region=None, preferred_language=None, employee_count=None, buyer_title=None, buyer_department=None,
          contact_email=None, contract_end_date=None, last_purchase_date=None, last_login_date=None,
          annual_contract_value=None, lifetime_value=None, mrr_last_6m=[], discount_requested_pct=None,
          renewal_likelihood=None, nps_score=None, seats_used=None, active_users_30d=None,
          late_payments_first_6m=None, days_to_pay_avg=None, billing_tickets_first_6m=None,
          owner_involvement=None, wallet_share_growth_pct=None, users_growth_pct=None)),
    ("11-ABSENT-NULLABLES", "Nullable fields left out of the record entirely: absent reads as null",
     dict(region=..., preferred_language=..., employee_count=..., buyer_title=..., buyer_department=...,
          contact_email=..., referred_by=..., contract_end_date=..., last_purchase_date=..., last_login_date=...,
          churned_on=..., annual_contract_value=..., lifetime_value=..., discount_requested_pct=...,
          renewal_likelihood=..., nps_score=..., seats_used=..., active_users_30d=...,
          late_payments_first_6m=..., days_to_pay_avg=..., billing_tickets_first_6m=...,
          owner_involvement=..., wallet_share_growth_pct=..., users_growth_pct=...)),
    ("12-SEATLESS", "Usage-priced plan with no seats: seat utilisation and active share divide by zero",
     dict(plan="starter", seats_purchased=0, seats_used=4, active_users_30d=4, company_size="small",
          employee_count=18)),
    ("13-DETRACTOR-FAR-WEST",
     "Weak across the board: far-west English speaker, detractor, firefighting owner, late payer",
     dict(region="WA", nps_score=3, industry="manufacturing", company_size="enterprise", employee_count=4000,
          buyer_title="Procurement Manager", buyer_department="procurement", renewal_likelihood=0.2,
          renewals_count=0, addon_purchases=0, products=["core"], seats_used=10, active_users_30d=5,
          late_payments_first_6m=6, days_to_pay_avg=75.0, billing_tickets_first_6m=9,
          owner_involvement="firefighting", wallet_share_growth_pct=-20.0, users_growth_pct=-30.0,
          feedback_sessions=0, feature_requests_submitted=0,
          feature_requests_adopted=0, support_tickets=60, annual_contract_value=1500.0,
          first_purchase_amount=1500.0, lifetime_value=1200.0, total_spend=1500.0,
          billing={"payment_method": "check", "auto_pay": False, "currency": "USD"},
          discount_requested_pct=35.0, contact_email="jo.buyer@gmail.com", last_login_date="2026-07-01",
          status="past_due", signup_date="2025-12-20", contract_end_date="2026-12-20",
          mrr_last_6m=[125.0, 125.0, 125.0, 125.0, 125.0, 125.0])),
    ("14-QUEBEC-FRENCH", "French speaker in Quebec: reachable region, not English",
     dict(country="CA", region="QC", preferred_language="fr-CA", industry="retail",
          buyer_title="Directeur des ventes", buyer_department="sales", nps_score=7,
          billing={"payment_method": "card", "auto_pay": False, "currency": "CAD"})),
    ("15-SPANISH-WEST", "Spanish speaker in California: neither English nor a reachable region",
     dict(region="CA", preferred_language="es-US", industry="hospitality", buyer_title="Office Manager",
          buyer_department="operations", nps_score=6, owner_involvement="hands_on",
          billing={"payment_method": "wire", "auto_pay": False, "currency": "USD"})),
    ("16-SMALL-AND-VOCAL", "Small company with lots of feedback and a shipped request: small-but-vocal bonus",
     dict(company_size="small", employee_count=22, plan="growth", annual_contract_value=6000.0,
          first_purchase_amount=4800.0, total_spend=16000.0, lifetime_value=30000.0, seats_purchased=10,
          seats_used=10, active_users_30d=6, feedback_sessions=7, feature_requests_submitted=5,
          feature_requests_adopted=2, industry="marketing_agency", buyer_title="Owner",
          buyer_department="executive", beta_participant=True)),
    ("17-BIG-AND-SILENT", "Enterprise that files many tickets but never gives feedback: big-but-silent penalty",
     dict(company_size="enterprise", employee_count=8000, plan="enterprise", annual_contract_value=250000.0,
          first_purchase_amount=200000.0, total_spend=700000.0, lifetime_value=1500000.0, seats_purchased=900,
          seats_used=870, active_users_30d=300, feedback_sessions=0, feature_requests_submitted=0,
          feature_requests_adopted=0, support_tickets=140, industry="financial_services",
          buyer_title="IT Director", buyer_department="it", nps_score=9, owner_involvement="hands_on",
          tags=["vip"], mrr_last_6m=[20833.33, 20833.33, 20833.33, 20833.33, 20833.33, 20833.33])),
    ("18-SUPER-REFERRER", "Super-connector: 12 direct and 8 second-level referrals",
     dict(lifetime_value=None,
          total_spend=30000.0, mrr_last_6m=[1000.0, 1000.0, 1000.0], discount_requested_pct=None,
          company_size="micro", employee_count=4, plan="starter", contact_email="owner@hotmail.com",
          buyer_title=None, buyer_department=None)),
    ("19-HAGGLER-LATE", "Haggled 40% off, one late invoice paid in 28 days on average, hands-on owner",
     dict(discount_requested_pct=40.0, late_payments_first_6m=1, days_to_pay_avg=28.0,
          billing_tickets_first_6m=4, owner_involvement="hands_on", status="past_due",
          billing={"payment_method": "card", "auto_pay": False, "currency": "USD"},
          renewal_likelihood=0.3, signup_date="2024-12-20", contract_end_date="2026-12-20", renewals_count=1,
          last_login_date="2026-08-01")),
    ("20-SLOW-PAYER", "No late invoice but 45 days to pay; growth known for spend only",
     dict(late_payments_first_6m=0, days_to_pay_avg=45.0, users_growth_pct=None, owner_involvement="strategic",
          wallet_share_growth_pct=500.0, seats_used=60, active_users_30d=8, nps_score=9,
          is_reference=True)),
    ("21-LATE-NO-SPEED", "Two late invoices, payment speed unknown (three-valued logic still decides the band)",
     dict(late_payments_first_6m=2, days_to_pay_avg=None, seats_used=None, active_users_30d=13,
          buyer_title=None, industry="healthcare", buyer_department="finance")),
    ("22-PAUSED-NO-LTV", "Paused, no LTV estimate and no recurring revenue in the window: LTV cannot be computed",
     dict(status="paused", lifetime_value=None, mrr_last_6m=[], last_login_date="2026-06-15",
          active_users_30d=3, renewal_likelihood=0.4, gave_testimonial=True)),
    ("23-MONTHLY-NO-ACV", "Month-to-month customer without a recorded ACV: purchase size falls back to first order",
     dict(billing_cycle="monthly", contract_end_date=None, annual_contract_value=None,
          first_purchase_amount=900.0, plan="growth", company_size="small", employee_count=30,
          buyer_title="Marketing Coordinator", buyer_department="marketing", industry="education",
          preferred_language="en-CA", country="CA", region="BC",
          billing={"payment_method": "card", "auto_pay": True, "currency": "CAD"})),
    ("24-LARGE-NO-TITLE", "Large company in a target industry, title unknown but a champion department",
     dict(buyer_title=None, buyer_department="sales", company_size="large", employee_count=600)),
]


#: The referral tree of an edge case in the sample (suffix: direct referrals, referrals of those,
#: the most each of them spent or None), grown by :func:`link_referrals` from generated customers;
#: the other edge cases referred nobody. A single referral is a small customer (under 10,000 USD),
#: so that it leaves the referral-revenue bonus of subscription-health out of reach.
EDGE_REFERRALS: dict[str, tuple[int, int, float | None]] = {
    "01-PERFECT": (6, 6, None),
    "02-OUTSIDE-US-CA": (1, 0, 9999.99),
    "10-ALL-NULLS": (1, 0, 9999.99),
    "11-ABSENT-NULLABLES": (1, 0, 9999.99),
    "14-QUEBEC-FRENCH": (1, 0, 9999.99),
    "18-SUPER-REFERRER": (12, 8, None),
    "19-HAGGLER-LATE": (1, 0, 9999.99),
    "21-LATE-NO-SPEED": (1, 0, 9999.99),
}


def edge_case_records() -> list[dict[str, Any]]:
    """The hand-made edge-case records, built from a baseline customer.

    On their own they referred nobody (referral counts 0); in the sample
    (``generate(..., edge_cases=True)``) those of :data:`EDGE_REFERRALS` get
    their referral tree from the generated customers.
    """
    records = []
    for suffix, purpose, overrides in EDGE_CASES:
        record = _edge_base()
        record["id"] = f"EDGE-{suffix}"
        record["name"] = f"Edge {suffix[:2]}: {purpose}"
        for key, value in overrides.items():
            if value is ...:
                record.pop(key, None)
            else:
                record[key] = value
        records.append(record)
    return records


# --------------------------------------------------------------------------- output

def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_csv_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def to_csv_row(record: dict[str, Any]) -> dict[str, str]:
    """Flatten one record into CSV cells (see the module docstring for the conventions)."""
    row = {}
    for column in CSV_COLUMNS:
        if column.startswith("billing."):
            value = (record.get("billing") or {}).get(column.split(".", 1)[1])
        else:
            value = record.get(column)
        row[column] = _csv_cell(value)
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")))
        out.write("\n")


def write_csv(records: Iterable[dict[str, Any]], out) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(to_csv_row(record))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate realistic sample customers for policyscore "
                                                 f"(as of {AS_OF.isoformat()}).")
    parser.add_argument("--count", type=int, default=300, help="number of generated customers (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default jsonl)")
    parser.add_argument("--output", default="-", help="output file (default: standard output)")
    parser.add_argument("--edge-cases", action="store_true",
                        help=f"put the {len(EDGE_CASES)} hand-made edge-case records before the generated ones")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be >= 0")
    records = generate(args.count, args.seed, edge_cases=args.edge_cases)
    writer = write_jsonl if args.format == "jsonl" else write_csv
    if args.output == "-":
        try:
            writer(records, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. piped into `head`
            sys.stderr.close()
            return 0
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            writer(records, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
