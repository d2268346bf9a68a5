"""The book report's data: every number checked against an independent computation over the same records."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.io.readers import open_source, read_records
from policyscore.review.report import (
    InputInfo,
    amount_problem,
    build_report,
    file_sha256,
    histogram,
)

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
SAMPLE = ROOT / "examples" / "customers.jsonl"


@cache
def policy() -> ps.Policy:
    return ps.load_policy(STARTUP)


@cache
def sample() -> tuple[dict, ...]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def outcomes_of(path: Path, pol: ps.Policy):
    """What the command line feeds the report: each record's result, or the error that rejected it (naming its line)."""
    with open_source(str(path)) as source:
        for item in read_records(source, pol.fields, pol.id_field):
            if item.error is not None:
                yield item.error
                continue
            try:
                yield pol.score(item.record, AS_OF)
            except ps.RecordError as err:
                yield err.located(row=item.line)


def sample_report(**options):
    pol = policy()
    return build_report(pol, pol.score_many(sample(), AS_OF, on_error="yield"), AS_OF, InputInfo("customers.jsonl"), **options)


def test_accounting_funnel_and_tiers_match_scoring_each_record():
    report = sample_report(top=0)
    results = [policy().score(r, AS_OF) for r in sample()]
    eligible = [r for r in results if r.eligible]
    assert (report.read, report.scored, report.ineligible, report.rejected) == (
        len(results),
        len(eligible),
        len(results) - len(eligible),
        0,
    )
    assert {t.name: t.count for t in report.tiers} == Counter(r.tier for r in eligible)
    assert math.isclose(sum(t.share for t in report.tiers), 1.0)
    # The funnel: each step keeps the records that passed every filter up to it, in policy order.
    filters = [f.id for f in policy().filters]
    expected = [len(results), len(results)]
    for k in range(len(filters)):
        expected.append(sum(1 for r in results if all(v is True for v in r.filter_values[: k + 1])))
    assert [s.count for s in report.funnel] == expected
    assert report.funnel[-1].count == len(eligible)
    for i, stats in enumerate(report.filters):
        assert stats.id == filters[i]
        assert stats.failed == sum(1 for r in results if r.filter_values[i] is not True)


def test_factor_averages_missing_rates_and_reasons_match_the_explanations():
    report = sample_report(top=0)
    explained = [r.to_dict() for r in (policy().score(x, AS_OF) for x in sample()) if r.eligible]
    n = len(explained)
    for i, stats in enumerate(report.factors):
        entries = [e["factors"][i] for e in explained]
        assert stats.id == entries[0]["id"]
        points = sum(Decimal(repr(e["points"])) for e in entries)
        assert stats.mean_points == pytest.approx(float(points / n), abs=1e-4)
        assert stats.missing == sum(1 for e in entries if e["missing"])
        assert stats.lost_points == pytest.approx(float(Decimal(repr(stats.max_points)) * n - points))
        assert stats.first_reason == sum(1 for e in explained if e["reasons"] and e["reasons"][0]["code"] == f"factor:{stats.id}")
    assert any(s.missing for s in report.factors), "the sample has customers with missing values"
    for k, adj in enumerate(report.adjustments):
        applied = [e["adjustments"][k] for e in explained if e["adjustments"][k]["applied"]]
        assert adj.applied == len(applied)
        assert adj.total_points == pytest.approx(sum(a["points"] for a in applied))
        assert adj.first_reason == sum(1 for e in explained if e["reasons"] and e["reasons"][0]["code"] == f"adjustment:{adj.id}")
    firsts = sum(s.first_reason for s in report.factors) + sum(a.first_reason for a in report.adjustments)
    assert firsts == sum(1 for e in explained if e["reasons"])


def test_score_distribution_and_histogram_count_every_scored_record():
    report = sample_report(top=0)
    scores = sorted(r.score for r in (policy().score(x, AS_OF) for x in sample()) if r.eligible)
    assert report.stats.count == len(scores) == sum(b.count for b in report.histogram)
    assert report.stats.p50 == scores[math.ceil(len(scores) / 2) - 1]
    for b in report.histogram:
        inside = [s for s in scores if b.start <= s < b.end or (b.end == 100 and s == 100)]
        assert b.count == len(inside), b


def test_histogram_puts_a_score_on_an_edge_in_the_bar_above_it():
    counts = Counter({Decimal("0.15"): 2, Decimal("1"): 1, Decimal("0"): 1})
    bins = histogram(counts, 0, 1, bins=20)
    assert [b.count for b in bins][:4] == [1, 0, 0, 2]
    assert bins[-1].count == 1 and bins[-1].end == 1.0
    assert histogram(Counter(), 0, 100) == ()
    assert histogram(Counter({Decimal(5): 3}), None, None) == (histogram(Counter({Decimal(5): 3}), None, None)[0],)


def test_top_customers_are_the_best_by_score_then_id_with_their_explanations():
    report = sample_report(top=7)
    ranked = sorted((r for r in (policy().score(x, AS_OF) for x in sample()) if r.eligible), key=lambda r: (-r.score, str(r.id)))
    assert [(t.id, t.score, t.tier) for t in report.top] == [(r.id, r.score, r.tier) for r in ranked[:7]]
    assert [t.rank for t in report.top] == list(range(1, 8))
    first = report.top[0]
    assert first.explanation == ranked[0].to_dict()
    assert first.points == ranked[0].points


def test_top_buffer_stays_bounded_and_ties_break_by_id():
    pol = ps.load_policy_text(
        "policy: flat\nversion: 1\nrecord: {fields: {id: string, v: number}}\nfactors:\n  - {id: v, weight: 10, value: v}\n"
        "score: {min: 0, max: 10, decimals: 0}\n"
    )
    rng = random.Random(7)
    records = [{"id": f"c{i:05d}", "v": rng.choice([0.1, 0.5, 1.0])} for i in range(5000)]
    from policyscore.review.report import BookBuilder

    builder = BookBuilder(pol, AS_OF, top=3)
    largest = 0
    for result in pol.score_many(records, AS_OF):
        builder.add(result)
        largest = max(largest, len(builder.kept._kept))  # the buffer itself, not the N it will give
    assert largest <= 2 * 3 + 1001
    report = builder.report(InputInfo("gen"))
    assert [t.id for t in report.top] == sorted(r["id"] for r in records if r["v"] == 1.0)[:3]


def test_rejected_records_are_grouped_by_reason_with_their_first_lines(tmp_path):
    lines = [json.dumps(r) for r in sample()[:20]]
    lines.insert(3, "{not json")
    lines.insert(6, json.dumps(dict(sample()[0], id="DUP-A")))
    lines.insert(7, json.dumps(dict(sample()[1], id="DUP-A")))
    lines.insert(9, json.dumps(dict(sample()[2], id="DUP-A")))
    path = tmp_path / "book.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pol = policy()
    report = build_report(pol, outcomes_of(path, pol), AS_OF, InputInfo(path.name, file_sha256(str(path))))
    assert report.read == 24 and report.rejected == 3
    assert report.read == report.scored + report.ineligible + report.rejected
    by_code = {r.code: r for r in report.rejections}
    assert by_code["PS513"].count == 2 and by_code["PS513"].lines == (8, 10)
    assert sum(r.count for r in report.rejections) == 3
    assert report.funnel[1].count == 21
    import hashlib

    assert report.input.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_concentration_matches_an_exact_pareto_within_the_bucket_width():
    rng = random.Random(11)
    pol = ps.load_policy_text(
        "policy: amounts\nversion: 1\nrecord: {fields: {id: string, amount: number?}}\n"
        "factors:\n  - {id: a, weight: 10, value: 'scale(amount, 0, 1000)', missing: 0}\n"
        "score: {min: 0, max: 10, decimals: 2}\ntiers:\n  - {name: big, min: 5}\n  - {name: small, min: 0}\n"
    )
    amounts = [round(rng.paretovariate(1.2) * 100, 2) for _ in range(3000)] + [0.0] * 50
    records = [{"id": f"c{i}", "amount": a} for i, a in enumerate(amounts)] + [{"id": "none", "amount": None}]
    report = build_report(pol, pol.score_many(records, AS_OF), AS_OF, InputInfo("gen"), amount="amount", top=0)
    c = report.concentration
    assert c is not None and (c.counted, c.missing, c.negative) == (3050, 1, 0)
    assert c.total == pytest.approx(sum(amounts))
    ordered = sorted(amounts, reverse=True)
    for share, held in c.marks:
        k = share * len(ordered)
        exact = (sum(ordered[: math.floor(k)]) + (k - math.floor(k)) * ordered[math.floor(k)]) / sum(ordered)
        assert held == pytest.approx(exact, rel=0.01), share
    assert c.curve[0] == (0.0, 0.0) and c.curve[-1] == (1.0, 1.0)
    assert all(a <= b for (a, _), (b, _) in zip(c.curve, c.curve[1:]))
    exact_80 = next(i + 1 for i in range(len(ordered)) if sum(ordered[: i + 1]) >= 0.8 * sum(ordered)) / len(ordered)
    assert c.customers_for_80 == pytest.approx(exact_80, abs=0.01)
    by_tier = {label: (count, amount) for label, count, amount, _ in c.by_tier}
    results = [pol.score(r, AS_OF) for r in records if r["amount"] is not None]
    for tier in ("big", "small"):
        inside = [r.record["amount"] for r in results if r.tier == tier]
        assert by_tier[tier][0] == len(inside) and by_tier[tier][1] == pytest.approx(sum(inside))


def test_amount_must_be_a_number_field_or_a_let():
    pol = policy()
    assert amount_problem(pol, "annual_contract_value") is None
    assert amount_problem(pol, "purchase_size") is None  # a let
    assert "did you mean 'annual_contract_value'" in amount_problem(pol, "annual_contract_valu")
    assert "is a string field" in amount_problem(pol, "country")


def test_to_dict_is_plain_json():
    d = sample_report(top=2, amount="annual_contract_value").to_dict()
    again = json.loads(json.dumps(d, default=str))
    assert again["read"] == 324 and again["top"][0]["explanation"]["id"] == "EDGE-01-PERFECT"
    assert again["concentration"]["field"] == "annual_contract_value"
