"""benchmarks/small-policy.yaml written by hand: the baseline of the small-policy benchmark.

The small policy (1 filter, 4 factors over 5 declared fields, 3 tiers) leaves
little to compute per record, so the comparison shows what the engine costs
per record on top of the arithmetic.  Written like ``handwritten.py``:
straight-line Python over the record dict, no validation beyond what the
arithmetic needs, null handled where a nullable field is read, points as
integer hundredths rounded with the same helper (15 significant digits, then
half away from zero), summed exactly, clamped to [0, 100] and tiered.

Public: :func:`score` returns ``(id, eligible, score, tier, points)`` where
``points`` is ``{factor_id: points}`` (``None`` when ineligible) and ``score``
and ``tier`` are ``None`` when ineligible.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from handwritten import _units

__all__ = ["score", "FACTOR_IDS", "POLICY_FILE"]

POLICY_FILE = "benchmarks/small-policy.yaml"
FACTOR_IDS = ("contract_value", "satisfaction", "renewal", "reference")

FULL_CONTRACT_USD = 50000


def score(r: dict[str, Any], as_of: date) -> tuple[Any, bool, float | None, str | None, dict[str, float] | None]:
    """Score one record against the small policy (``as_of`` is unused: the policy reads no date)."""
    rid = r.get("id")
    if r["status"] == "churned":
        return rid, False, None, None, None

    # contract_value (weight 40, missing 0): scale(annual_contract_value, 0, 50000)
    acv = r.get("annual_contract_value")
    if acv is None or acv <= 0:
        p_acv = 0
    else:
        v = acv / FULL_CONTRACT_USD
        p_acv = 4000 if v >= 1 else _units(40 * v)

    # satisfaction (weight 25, missing 0.4)
    nps = r.get("nps_score")
    p_nps = 1000 if nps is None else 2500 if nps >= 9 else 1250 if nps >= 7 else 0

    # renewal (weight 25, missing 0.5)
    renewal = r.get("renewal_likelihood")
    if renewal is None:
        p_renewal = 1250
    else:
        p_renewal = 0 if renewal <= 0 else 2500 if renewal >= 1 else _units(25 * renewal)

    # reference (weight 10)
    p_reference = 1000 if r["is_reference"] else 0

    total = p_acv + p_nps + p_renewal + p_reference  # four factors in [0, 100]: no clamp needed
    tier = "high" if total >= 7000 else "medium" if total >= 4000 else "low"
    points = {
        "contract_value": p_acv / 100,
        "satisfaction": p_nps / 100,
        "renewal": p_renewal / 100,
        "reference": p_reference / 100,
    }
    return rid, True, total / 100, tier, points
