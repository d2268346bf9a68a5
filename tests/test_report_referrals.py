"""The book report of a policy with a referral tree, and the policy's ``report:`` options.

The referral rankings are checked against the tree walked here from the
records themselves (who referred whom), and each customer's contributors
against its own explanation.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.policyfile.ids import id_order
from policyscore.render.html import book_html
from policyscore.render.html.customer import anchor
from policyscore.review.referrals import SHOWN_CONTRIBUTORS
from policyscore.review.report import BookBuilder, InputInfo, build_report

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"
NETWORK = ROOT / "examples" / "referral-network.yaml"
SAMPLE = ROOT / "examples" / "customers.jsonl"
COUNT, SUM = "referred_count(2)", "referred_sum(annual_contract_value, 2, 0.5)"


@cache
def sample() -> tuple[dict, ...]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def report_of(policy: ps.Policy, records, **options):
    return build_report(policy, policy.score_many(list(records), AS_OF, on_error="yield"), AS_OF, InputInfo("book"), **options)


def tree_values(records) -> tuple[dict, dict]:
    """referred_count(2) and referred_sum(annual_contract_value, 2, 0.5) of each customer, walking the tree from the records."""
    children: dict = {}
    for r in records:
        if r.get("referred_by") is not None:
            children.setdefault(r["referred_by"], []).append(r)
    counts, sums = {}, {}
    for r in records:
        level1 = children.get(r["id"], [])
        level2 = [c for p in level1 for c in children.get(p["id"], [])]
        counts[r["id"]] = len(level1) + len(level2)
        terms = [c["annual_contract_value"] for c in level1 if c.get("annual_contract_value") is not None]
        terms += [0.5 * c["annual_contract_value"] for c in level2 if c.get("annual_contract_value") is not None]
        sums[r["id"]] = math.fsum(terms)
    return counts, sums


def test_referral_rankings_are_the_customers_whose_trees_bring_the_most():
    policy = ps.load_policy(NETWORK)
    report = report_of(policy, sample(), top=5, referrers=7)
    tree = report.referrals
    assert tree is not None and tree.field == "referred_by"
    assert tree.customers == report.scored + report.ineligible == len(sample())
    assert tree.referred == sum(1 for r in sample() if r.get("referred_by") is not None) > 0
    assert (tree.unknown_referrers, tree.in_cycles) == (0, 0)
    counts, sums = tree_values(sample())
    assert [k.key for k in tree.rankings] == [COUNT, SUM]
    for ranking, values in zip(tree.rankings, (counts, sums)):
        best = sorted((rid for rid, v in values.items() if v > 0), key=lambda rid: (-values[rid], id_order(rid)))
        assert ranking.above_zero == len(best)
        assert [r.id for r in ranking.referrers] == best[:7]
        assert [r.rank for r in ranking.referrers] == list(range(1, 8))
        for r in ranking.referrers:
            assert r.value == pytest.approx(values[r.id], rel=1e-12)


def test_each_referrer_lists_the_contributors_its_explanation_gives():
    policy = ps.load_policy(NETWORK)
    report = report_of(policy, sample(), top=0, referrers=4)
    results = {r.id: r for r in policy.score_many(list(sample()), AS_OF, on_error="yield") if isinstance(r, ps.Result)}
    ranking = report.referrals.rankings[1]
    for r in ranking.referrers:
        entry = next(p for p in results[r.id].to_dict()["portfolio"] if p["expression"] == SUM)
        assert entry["value"] == r.value
        assert [(c.id, c.level, c.contribution) for c in r.contributors] == [
            (c["id"], c["level"], c["contribution"]) for c in entry["contributors"][:SHOWN_CONTRIBUTORS]
        ]
        assert len(r.contributors) + r.more_contributors == len(entry["contributors"]) + entry["more_contributors"]
        assert r.eligible == results[r.id].eligible and r.score == results[r.id].score and r.tier == results[r.id].tier


REFERRAL_POLICY = """policy: t
version: 1
record:
  fields: {id: string, ref: string?, revenue: number?}
referrals: {referred_by: ref}
factors:
  - {id: brought, weight: 10, value: 'referred_sum(revenue, 3) / 100'}
  - {id: depth, weight: 1, value: 'referral_depth() / 10'}
"""


def test_cycles_unknown_referrers_ties_and_a_bounded_ranking():
    policy = ps.load_policy_text(REFERRAL_POLICY, "t.yaml")
    records = [
        {"id": "A", "ref": None, "revenue": 1},
        {"id": "B", "ref": None, "revenue": 1},
        {"id": "b1", "ref": "B", "revenue": 30},
        {"id": "a1", "ref": "A", "revenue": 30},  # A and B bring 30 each: ties by id
        {"id": "X", "ref": "Y", "revenue": 5},
        {"id": "Y", "ref": "X", "revenue": 5},  # a cycle: both rejected
        {"id": "z", "ref": "nobody", "revenue": 2},  # a referrer not in the book
    ] + [{"id": f"c{i:04d}", "ref": "B" if i % 2 else None, "revenue": i} for i in range(3000)]
    builder = BookBuilder(policy, AS_OF, top=0, referrers=1)
    for outcome in policy.score_many(records, AS_OF, on_error="yield"):
        builder.add(outcome)
        assert len(builder.referrals.kept[0]._kept) <= 2 * 1 + 1000  # the ranking never holds the book
    tree = builder.report(InputInfo("book")).referrals
    assert (tree.customers, tree.in_cycles, tree.unknown_referrers) == (len(records) - 2, 2, 1)
    (ranking,) = tree.rankings  # referral_depth ranks nothing
    assert ranking.above_zero == 2 and [(r.id, r.value) for r in ranking.referrers] == [("B", 30 + sum(range(1, 3000, 2)))]
    small = report_of(policy, records[:4], referrers=5).referrals.rankings[0]
    assert [(r.id, r.value) for r in small.referrers] == [("A", 30), ("B", 30)]


def test_a_policy_without_referrals_has_no_referral_section():
    policy = ps.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
    report = report_of(policy, sample()[:20], top=2)
    assert report.referrals is None
    page = book_html(report, policy, None)
    assert 'id="referrals"' not in page and 'href="#referrals"' not in page


def test_referral_section_links_each_customer_shown_to_its_section():
    policy = ps.load_policy(NETWORK)
    report = report_of(policy, sample(), top=5)
    page = book_html(report, policy, NETWORK.read_text(encoding="utf-8"))
    section = page[page.index('<section id="referrals"') : page.index('<section id="top"')]
    shown = {t.id for t in report.top}
    listed = [r.id for ranking in report.referrals.rankings for r in ranking.referrers]
    assert 'data-chart="referrals-1"' in section and 'data-chart="referrals-2"' in section
    assert shown & set(listed) and set(listed) - shown  # some are shown below, some are not
    for rid in listed:
        linked = f'<a href="#{anchor(rid)}">{rid}</a>' in section
        assert linked == (rid in shown), rid
        if linked:
            assert f'id="{anchor(rid)}"' in page
    assert f'<td data-metric="referred">{report.referrals.referred}</td>' in section


def test_a_policy_with_only_referral_depth_says_there_is_nothing_to_rank():
    policy = ps.load_policy_text(REFERRAL_POLICY.replace("referred_sum(revenue, 3) / 100", "0.5"), "t.yaml")
    records = [{"id": "A", "ref": None, "revenue": 1}, {"id": "B", "ref": "A", "revenue": 2}]
    report = report_of(policy, records)
    assert report.referrals.rankings == () and report.referrals.referred == 1
    assert "The policy uses no <code>referred_count</code> or <code>referred_sum</code>" in book_html(report, policy, None)


def test_the_customer_section_shows_each_portfolio_value_and_its_contributors():
    policy = ps.load_policy(NETWORK)
    results = policy.score_many(list(sample()), AS_OF, on_error="yield")
    best = next(r for r in results if isinstance(r, ps.Result) and r.id == "C00075")
    from policyscore.render.html import explanation_html

    page = explanation_html([best.to_dict()], policy)
    row = page[page.index(f'<tr data-portfolio="{SUM}">') :]
    row = row[: row.index("</tr>")]
    assert "<code>C00112</code> 638172.22 (level 1)" in row and "<code>C00173</code> 7195.955 (level 2)" in row


# ---------------------------------------------------------------- report: {amount: FIELD}

AMOUNT_POLICY = """policy: t
version: 1
record:
  fields: {{id: string, acv: number?, plan: string}}
let:
  acv_k: acv / 1000
report:
  amount: {amount}
factors:
  - {{id: f, weight: 1, value: 'acv_k / 100', missing: 0}}
"""


@pytest.mark.parametrize("amount", ["acv", "acv_k"])
def test_report_amount_may_be_a_number_field_or_let_and_is_carried_in_the_program(amount):
    policy = ps.load_policy_text(AMOUNT_POLICY.format(amount=amount), "t.yaml")
    assert policy.program.report.amount == amount


def test_a_report_amount_that_is_not_a_number_field_is_an_error_at_its_position():
    (unknown,) = [d for d in ps.check_text(AMOUNT_POLICY.format(amount="avc"), "t.yaml") if d.is_error]
    assert (unknown.code, unknown.span.line, unknown.span.column) == ("PS201", 8, 11)
    assert "'avc'" in unknown.message and unknown.hint == "did you mean 'acv'?"
    (text,) = [d for d in ps.check_text(AMOUNT_POLICY.format(amount="plan"), "t.yaml") if d.is_error]
    assert (text.code, text.span.line) == ("PS203", 8) and "'plan' is string" in text.message
    misspelt = AMOUNT_POLICY.format(amount="acv").replace("  amount:", "  amout:")
    (key,) = [d for d in ps.check_text(misspelt, "t.yaml") if d.is_error]
    assert key.span.line == 8 and "amout" in key.message
    without = AMOUNT_POLICY.format(amount="acv").replace("report:\n  amount: acv\n", "")
    assert ps.load_policy_text(without, "t.yaml").program.report.amount is None


def test_the_report_shows_the_policys_amount_unless_amount_is_given(run, tmp_path):
    book = tmp_path / "book.jsonl"
    book.write_text("".join(json.dumps({"id": f"c{i}", "acv": 1000.0 * i, "plan": "pro"}) + "\n" for i in range(1, 21)), encoding="utf-8")
    policy = tmp_path / "t.yaml"
    policy.write_text(AMOUNT_POLICY.format(amount="acv"), encoding="utf-8")
    for args, field in [((), "acv"), (("--amount", "acv_k"), "acv_k")]:
        out = tmp_path / "r.html"
        result = run("report", policy, book, "--as-of", AS_OF, "--top", "1", *args, "-o", out)
        assert result.exit_code == 0, result.stderr
        page = out.read_text(encoding="utf-8")
        assert 'data-chart="pareto"' in page and f"<h3>{field} by tier</h3>" in page
