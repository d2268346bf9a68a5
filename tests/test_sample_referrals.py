"""The sample customers' referral tree: links and counts agree.

examples/generate.py links referred customers into a tree and derives the
stored counts from it.  These tests check, on the committed sample and on
freshly generated books, that `referred_by` names a customer of the book who
signed up strictly earlier, and that `referrals_direct`,
`referrals_second_level` and `referral_revenue` are what the links say (the
last computed here from the links, and once more by policyscore's own
referral functions).
"""

from __future__ import annotations

import io
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from support import module_from_path

import policyscore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "customers.jsonl"
AS_OF = "2026-11-01"




generate = module_from_path("_sample_generate", ROOT / "examples" / "generate.py")


def _sample() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _tree_problems(records: list[dict]) -> list[str]:
    """Every disagreement between the links and the stored referral fields."""
    by_id = {r["id"]: r for r in records}
    children: dict[str, list[str]] = defaultdict(list)
    problems = []
    for r in records:
        parent = r.get("referred_by")
        if parent is None:
            continue
        if parent not in by_id:
            problems.append(f"{r['id']}: referred by unknown {parent}")
        elif by_id[parent]["signup_date"] >= r["signup_date"]:
            problems.append(f"{r['id']} signed up {r['signup_date']}, its referrer {parent} on {by_id[parent]['signup_date']}")
        else:
            children[parent].append(r["id"])
    for r in records:
        kids = children[r["id"]]
        grandkids = [g for k in kids for g in children[k]]
        revenue = round(math.fsum(by_id[i]["total_spend"] for i in kids + grandkids), 2)
        stored = (r["referrals_direct"], r["referrals_second_level"], r["referral_revenue"])
        if stored != (len(kids), len(grandkids), revenue):
            problems.append(f"{r['id']}: stored {stored}, links say {(len(kids), len(grandkids), revenue)}")
    return problems


def test_the_committed_sample_has_a_consistent_referral_tree() -> None:
    records = _sample()
    assert _tree_problems(records) == []
    # a real tree: referrers with several customers, and referrals of referrals
    assert sum(1 for r in records if r.get("referred_by")) >= 50
    assert sum(1 for r in records if r["referrals_second_level"] > 0) >= 5


def test_each_edge_case_has_the_tree_it_asks_for() -> None:
    by_id = {r["id"]: r for r in _sample()}
    for suffix, (direct, second, most) in generate.EDGE_REFERRALS.items():
        edge = by_id[f"EDGE-{suffix}"]
        assert (edge["referrals_direct"], edge["referrals_second_level"]) == (direct, second), suffix
        referred = [r for r in by_id.values() if r.get("referred_by") == edge["id"]]
        assert all(most is None or r["total_spend"] <= most for r in referred), suffix
    others = [r for r in by_id.values() if r["id"].startswith("EDGE-") and r["id"][5:] not in generate.EDGE_REFERRALS]
    assert others and all(r["referrals_direct"] == 0 for r in others)


def test_policyscore_counts_the_same_tree() -> None:
    policy = policyscore.load_policy_text(
        """
policy: tree
version: 1
record:
  schema: schemas/customer.schema.json
referrals: {referred_by: referred_by}
let:
  direct: referred_count(1)
  second: referred_count(2) - referred_count(1)
  revenue: round(referred_sum(total_spend, 2), 2)
factors:
  - {id: f, weight: 1, value: 0}
""",
        base_dir=ROOT,
    )
    stored = {r["id"]: (r["referrals_direct"], r["referrals_second_level"], r["referral_revenue"]) for r in _sample()}
    computed = {
        result.id: tuple(let["value"] for let in result.to_dict()["lets"])  # direct, second, revenue
        for result in policy.score_many(_sample(), as_of=AS_OF)
    }
    assert computed == stored


@pytest.mark.parametrize(("count", "seed", "edges"), [(400, 3, True), (1500, 11, False), (30, 5, True)])
def test_generated_books_have_consistent_trees(count: int, seed: int, edges: bool) -> None:
    records = list(generate.generate(count, seed, edge_cases=edges))
    assert _tree_problems(records) == []
    assert len(records) == count + (len(generate.EDGE_CASES) if edges else 0)


def test_the_generator_writes_the_committed_files() -> None:
    for fmt, path in (("jsonl", SAMPLE), ("csv", ROOT / "examples" / "customers.csv")):
        out = io.StringIO(newline="")
        writer = generate.write_jsonl if fmt == "jsonl" else generate.write_csv
        writer(generate.generate(300, 7, edge_cases=True), out)
        assert out.getvalue() == path.read_text(encoding="utf-8"), path.name


def test_edge_cases_alone_referred_nobody() -> None:
    edges = generate.edge_case_records()
    assert all((r["referrals_direct"], r["referrals_second_level"], r["referral_revenue"]) == (0, 0, 0) for r in edges)
    assert _tree_problems(edges) == []
