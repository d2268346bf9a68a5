"""One customer's explanation as a page section: the explanation data, its waterfall chart, the policy's bands.

Used by the book report (a section per top customer) and by ``explain
--format html``.  Everything shown comes from the explanation
(``Result.to_dict()``); nothing is evaluated here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from policyscore.render.html import charts
from policyscore.render.html.common import points, signed

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.policy import Policy

__all__ = ["anchor", "customer_view", "waterfall_steps"]


def anchor(rid: Any) -> str:
    """The page anchor of a customer: ``customer-`` and the id, with characters an anchor cannot hold replaced."""
    return "customer-" + re.sub(r"[^A-Za-z0-9_.-]", "_", str(rid))


def waterfall_steps(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The points of an eligible customer step by step: each factor, each applied adjustment, the clamp, the score."""
    total = d["total"]
    if total is None:
        return []
    steps: list[dict[str, Any]] = []
    running = Decimal(0)
    factor_ids = {f["id"] for f in d["factors"]}

    def step(label: str, kind: str, amount: float | int) -> None:
        nonlocal running
        start = running
        running += Decimal(repr(amount))
        steps.append({"label": label, "kind": kind, "start": float(start), "end": float(running), "amount": amount})

    for f in d["factors"]:
        step(f["id"], "factor", f["points"])
    for a in d["adjustments"]:
        if a["applied"]:
            step(a["id"] if a["id"] not in factor_ids else f"{a['id']} (adjustment)", "adjustment", a["points"])
    if total["clamped"]:
        step("kept in range", "clamp", float(Decimal(repr(total["score"])) - running))
    steps.append({"label": "score", "kind": "score", "start": 0.0, "end": float(total["score"]), "amount": total["score"]})
    return steps


def customer_view(d: dict[str, Any], policy: Policy) -> dict[str, Any]:
    """What the customer template needs: the explanation, its anchor, its waterfall chart and each banded factor's bands."""
    dec = policy.decimals
    steps = waterfall_steps(d)
    chart = None
    if steps:
        for s in steps:
            s["points"] = points(s["amount"], dec) if s["kind"] == "score" else signed(s["amount"], dec)
        rows = [(s["label"], s["kind"], s["points"], points(s["end"], dec)) for s in steps]
        chart = charts.waterfall(
            "waterfall",
            f"Customer {d['id']}: points factor by factor, adjustments and the score",
            [{k: s[k] for k in ("label", "kind", "start", "end", "points")} for s in steps],
            headers=("step", "kind", "points", "running total"),
            rows=rows,
        )
    bands: dict[str, list[dict[str, Any]]] = {}
    for fac in policy.factors:
        if fac.bands is None:
            continue
        chosen = next((f["band"]["index"] for f in d["factors"] if f["id"] == fac.id and f["band"] is not None), None)
        bands[fac.id] = [{"chosen": i == chosen, "when": b.text, "value": b.value, "label": b.label} for i, b in enumerate(fac.bands)]
    return {"d": d, "anchor": anchor(d["id"]), "waterfall": chart, "bands": bands, "decimals": dec}
