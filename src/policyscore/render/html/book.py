"""The book report page: a :class:`~policyscore.review.report.BookReport` as one self-contained HTML file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policyscore.render.html import charts
from policyscore.render.html.common import Link, count, percent, points, render_page, value
from policyscore.render.html.customer import anchor, customer_view

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.policy import Policy
    from policyscore.review.referrals import ReferralTree
    from policyscore.review.report import BookReport

__all__ = ["book_html", "source_lines", "referral_charts"]


def source_lines(text: str | None) -> list[tuple[int, str]]:
    """A policy file's lines, numbered from 1 (an empty list when the text is not available)."""
    return list(enumerate(text.splitlines(), 1)) if text else []


def referral_charts(tree: ReferralTree, shown: set[str], decimals: int) -> list[charts.Chart]:
    """A chart per ``referred_count``/``referred_sum`` call: its customers with the largest value, with their contributors.

    ``shown`` are the anchors of the customer sections in the page: a customer who has one links to it.
    """
    out = []
    for i, ranking in enumerate(tree.rankings, 1):
        if not ranking.referrers:
            continue
        what = "customers brought in" if ranking.function == "referred_count" else "value brought in"
        rows = []
        for r in ranking.referrers:
            target = anchor(r.id)
            who = Link(str(r.id), target) if target in shown else str(r.id)
            counted = ranking.function == "referred_count"  # each contributor counts one: its level says enough
            named = [f"{c.id}{'' if counted else ' ' + value(c.contribution)} (level {c.level})" for c in r.contributors]
            if r.more_contributors:
                named.append(f"and {count(r.more_contributors)} more")
            standing = (points(r.score, decimals) + (f" ({r.tier})" if r.tier else "")) if r.eligible else "ineligible"
            rows.append((who, value(r.value), standing, ", ".join(named)))
        out.append(
            charts.bars(
                f"referrals-{i}",
                f"The {len(ranking.referrers)} customers with the largest {ranking.key}: {what}",
                [(str(r.id), r.value) for r in ranking.referrers],
                axis=ranking.key,
                color=charts.PURPLE,
                headers=("customer", ranking.key, "score (tier)", "biggest contributors (level below)"),
                rows=rows,
            )
        )
    return out


def book_html(report: BookReport, policy: Policy, policy_text: str | None) -> str:
    """The whole report; ``policy_text`` is the policy file as read (shown with line numbers)."""
    dec = policy.decimals
    read = report.read or 1
    funnel = charts.bars(
        "funnel",
        "Records through the filters: each bar keeps those that passed every filter up to it",
        [(s.label, s.count) for s in report.funnel],
        axis="records",
        headers=("step", "records", "share of records read"),
        rows=[(s.label, count(s.count), percent(s.count / read)) for s in report.funnel],
    )
    tier_marks = [(t.name, t.min) for t in report.tiers if t.min is not None]
    histogram = charts.histogram(
        "histogram",
        "Scores of the eligible customers; dashed lines mark where each tier starts",
        [(b.start, b.end, b.count) for b in report.histogram],
        tier_marks,
        headers=("score from", "to (below)", "customers"),
        rows=[(points(b.start, dec), points(b.end, dec), count(b.count)) for b in report.histogram],
    )
    tiers = charts.bars(
        "tiers",
        "Customers per tier",
        [(t.name, t.count) for t in report.tiers],
        axis="customers",
        headers=("tier", "from score", "customers", "share of scored"),
        rows=[(t.name, points(t.min, dec) if t.min is not None else "", count(t.count), percent(t.share)) for t in report.tiers],
        color=charts.GREEN,
    )
    factors = charts.bars(
        "factors",
        "Average points of each factor (dark) against its maximum (light)",
        [(f.id, f.mean_points or 0) for f in report.factors],
        axis="points",
        maxima=[f.max_points for f in report.factors],
        headers=("factor", "weight", "maximum", "average points", "of the maximum", "missing", "missing rate"),
        rows=[
            (
                f.id,
                points(f.weight, dec),
                points(f.max_points, dec),
                points(f.mean_points, dec + 2) if f.mean_points is not None else "",
                percent(f.mean_points / f.max_points) if f.mean_points is not None and f.max_points else "",
                count(f.missing),
                percent(f.missing_rate),
            )
            for f in report.factors
        ],
    )
    costly = sorted(report.factors, key=lambda f: (-f.lost_points, f.id))
    scored = report.scored or 1
    reasons = charts.bars(
        "reasons",
        "Points lost across the book, by factor (maximum minus points, added over every scored customer)",
        [(f.id, f.lost_points) for f in costly],
        axis="points lost",
        color=charts.ORANGE,
        headers=("factor", "points lost", "per customer", "first reason of"),
        rows=[(f.id, points(f.lost_points, dec), points(f.lost_points / scored, dec), count(f.first_reason)) for f in costly],
    )
    concentration = None
    if report.concentration is not None and report.concentration.total > 0:
        c = report.concentration
        concentration = charts.pareto(
            "pareto",
            f"Share of {c.field} held by the biggest customers (dashed: an even spread)",
            c.curve,
            headers=("biggest customers", f"share of {c.field}"),
            rows=[(percent(share, 0), percent(held)) for share, held in c.marks],
        )
    customers = [customer_view(t.explanation, policy) for t in report.top]
    shown = {view["anchor"] for view in customers}
    referrals = referral_charts(report.referrals, shown, dec) if report.referrals is not None else []
    view: dict[str, Any] = {
        "r": report,
        "policy": policy,
        "decimals": dec,
        "charts": {"funnel": funnel, "histogram": histogram, "tiers": tiers, "factors": factors, "reasons": reasons},
        "concentration": concentration,
        "referrals": referrals,
        "customers": customers,
        "anchor": anchor,
        "source": source_lines(policy_text),
    }
    return render_page("book.html.j2", **view)
