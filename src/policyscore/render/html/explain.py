"""``explain --format html``: one page with each customer's explanation and waterfall."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policyscore.render.html.common import render_page
from policyscore.render.html.customer import customer_view

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.policy import Policy

__all__ = ["explanation_html"]


def explanation_html(explanations: list[dict[str, Any]], policy: Policy, traces: list[list[dict[str, Any]]] | None = None) -> str:
    """One page for the given explanations (``Result.to_dict()``), with each one's ``--trace`` when given."""
    views = [customer_view(d, policy) for d in explanations]
    for i, view in enumerate(views):
        view["trace"] = traces[i] if traces is not None else None
    return render_page("explain.html.j2", customers=views, policy=policy)
