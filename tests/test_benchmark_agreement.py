"""The benchmark's hand-written functions and the engine agree (a correctness check, no timing).

benchmarks/run.py compares the engine's speed with hand-written Python:
``handwritten.py`` (scores of rules/startup-us-ca.yaml), ``handwritten_explain.py``
(its full explanation dict) and ``handwritten_small.py`` (scores of the small
benchmark policy).  A comparison only means something while both sides compute
the same thing.  These tests keep them equal on generated records (the
benchmark's generator), on the committed sample (which holds the hand-made
edge cases) and, for the explanation, on records altered to reach every null
and edge branch.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import pytest
import yaml

import policyscore

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 1)

sys.path.insert(0, str(ROOT / "benchmarks"))  # the hand-written modules import each other by name, as run.py does
import handwritten  # noqa: E402
import handwritten_explain  # noqa: E402
import handwritten_small  # noqa: E402
from support import module_from_path  # noqa: E402

generate = module_from_path("_bench_generate", ROOT / "examples" / "generate.py")


def _sample() -> list[dict[str, Any]]:
    lines = (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) > 300
    return records


@pytest.fixture(scope="module")
def policy() -> policyscore.Policy:
    return policyscore.load_policy(ROOT / handwritten.POLICY_FILE)


@pytest.fixture(scope="module")
def small() -> policyscore.Policy:
    return policyscore.load_policy(ROOT / handwritten_small.POLICY_FILE)


def _disagreements(policy: policyscore.Policy, scorer: Any, records: list[dict[str, Any]]) -> list[str]:
    out = []
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=False), strict=True):
        rid, eligible, score, tier, points = scorer(record, AS_OF)
        engine = (result.id, result.eligible, result.score, result.tier, result.points)
        mine = (rid, eligible, score, tier, points)
        if engine != mine:
            out.append(f"{record.get('id')}: engine {engine} != hand-written {mine}")
    return out


# ---------------------------------------------------------------- scores of startup-us-ca


def test_factor_ids_match_the_policy(policy: policyscore.Policy) -> None:
    assert handwritten.FACTOR_IDS == policy.factor_ids


def test_agree_on_generated_records(policy: policyscore.Policy) -> None:
    records = list(generate.generate(2000, seed=20261101))
    assert _disagreements(policy, handwritten.score, records) == []
    eligible = sum(1 for r in policy.score_many(records, AS_OF, explain=False) if r.eligible)
    assert 0 < eligible < len(records)  # both branches exercised


def test_agree_on_the_committed_sample(policy: policyscore.Policy) -> None:
    assert _disagreements(policy, handwritten.score, _sample()) == []


def test_agree_with_the_explanation(policy: policyscore.Policy) -> None:
    """Points in the full explanation (explain=True, to_dict) are the same numbers."""
    records = list(generate.generate(200, seed=3))
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=True), strict=True):
        _, eligible, score, tier, points = handwritten.score(record, AS_OF)
        d = result.to_dict()
        assert (d["eligible"], d["score"], d["tier"]) == (eligible, score, tier)
        if eligible:
            assert {f["id"]: f["points"] for f in d["factors"]} == points


# ---------------------------------------------------------------- scores of the small policy


def test_small_policy_factor_ids(small: policyscore.Policy) -> None:
    assert handwritten_small.FACTOR_IDS == small.factor_ids
    doc = yaml.safe_load((ROOT / handwritten_small.POLICY_FILE).read_text(encoding="utf-8"))
    assert len(doc["record"]["fields"]) == 5 and len(doc["factors"]) == 4  # the size the benchmark report claims


def test_small_policy_agrees_on_generated_records(small: policyscore.Policy) -> None:
    records = list(generate.generate(3000, seed=20261101))
    assert _disagreements(small, handwritten_small.score, records) == []
    tiers = {r.tier for r in small.score_many(records, AS_OF, explain=False)}
    assert tiers == {None, "high", "medium", "low"}  # every tier and the ineligible branch exercised


def test_small_policy_agrees_on_the_committed_sample(small: policyscore.Policy) -> None:
    assert _disagreements(small, handwritten_small.score, _sample()) == []


# ---------------------------------------------------------------- full explanations of startup-us-ca


def _differences(engine: Any, mine: Any, path: str = "") -> list[str]:
    """Where two explanations differ, values and their types (1 is not 1.0 in JSON), lists in order."""
    if isinstance(engine, dict) and isinstance(mine, dict):
        if list(engine) != list(mine) and set(engine) != set(mine):
            return [f"{path}: keys {sorted(engine)} != {sorted(mine)}"]
        return [d for k in engine for d in _differences(engine[k], mine[k], f"{path}.{k}")]
    if isinstance(engine, list) and isinstance(mine, list) and len(engine) == len(mine):
        return [d for i, (a, b) in enumerate(zip(engine, mine)) for d in _differences(a, b, f"{path}[{i}]")]
    if engine != mine or type(engine) is not type(mine):
        return [f"{path}: engine {engine!r} != hand-written {mine!r}"]
    return []


def _explanation_differences(policy: policyscore.Policy, records: list[dict[str, Any]]) -> list[str]:
    out = []
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=True), strict=True):
        mine = handwritten_explain.explain(record, AS_OF)
        out += [f"{record.get('id')}{d}" for d in _differences(result.to_dict(), mine)]
    return out


def test_explanations_agree_on_the_committed_sample(policy: policyscore.Policy) -> None:
    assert _explanation_differences(policy, _sample()) == []


def test_explanations_agree_on_generated_records(policy: policyscore.Policy) -> None:
    records = list(generate.generate(2000, seed=20261101))
    assert _explanation_differences(policy, records) == []


_NULLABLE_READ = (
    "region", "preferred_language", "buyer_title", "buyer_department", "annual_contract_value",
    "renewal_likelihood", "nps_score", "seats_used", "last_login_date",
)  # fmt: skip


def _altered(rng: Random, record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with read fields changed to valid values that reach the rarer branches."""
    r = copy.deepcopy(record)
    r["country"] = rng.choice(["US", "CA", "US", "GB"])
    r["status"] = rng.choice(["active", "past_due", "trial", "paused", "churned"])
    r["industry"] = rng.choice(["software", "ecommerce", "healthcare", "retail", "marketing_agency"])
    r["company_size"] = rng.choice(["micro", "small", "mid", "large"])
    r["buyer_department"] = rng.choice(["sales", "finance", "it", "marketing", None])
    r["buyer_title"] = rng.choice(["VP Sales", "Office manager", "Head of Growth", "analyst", None])
    r["preferred_language"] = rng.choice(["en-US", "fr-CA", "es", None])
    r["region"] = rng.choice(["NY", "CA", "ON", "BC", None])
    for name in _NULLABLE_READ:
        if rng.random() < 0.2:
            r[name] = None
    if rng.random() < 0.15:
        r["seats_purchased"] = 0
    if rng.random() < 0.1:
        r["annual_contract_value"], r["first_purchase_amount"] = None, 0
    if rng.random() < 0.1:
        r["renewal_likelihood"] = rng.choice([1.7, -0.25, 0.35, 1])  # clamped above and below
    if rng.random() < 0.05:
        r["addon_purchases"] = -3
    if rng.random() < 0.1:
        r["renewals_count"] = float(r["renewals_count"])  # a whole number written as a float
    if rng.random() < 0.1:
        r["signup_date"] = date.fromisoformat(r["signup_date"])  # a date object, as the CSV reader gives
    if rng.random() < 0.1 and r.get("last_login_date") is not None:
        r["last_login_date"] = date.fromisoformat(r["last_login_date"])
    return r


def test_explanations_agree_on_altered_records(policy: policyscore.Policy) -> None:
    rng = Random(20261128)
    records = [_altered(rng, r) for r in generate.generate(1500, seed=11)]
    assert _explanation_differences(policy, records) == []
    # the alterations reach every missing reason and both clamps
    reasons = set()
    clamped = set()
    for record in records:
        d = handwritten_explain.explain(record, AS_OF)
        reasons |= {f["missing_reason"] for f in d["factors"] if f["missing"]}
        clamped |= {(f["id"], f["raw_value"] > 1) for f in d["factors"] if f["clamped"]}
    assert reasons == {
        "'log(purchase_size)' gave null",
        "'buyer_title' is null (in let 'senior_buyer')",
        "'buyer_department' is null",
        "'buyer_title' is null (in let 'senior_buyer'); 'buyer_department' is null",
        "'nps_score' is null",
        "'renewal_likelihood' is null",
        "'seats_used' is null (in let 'seat_utilisation')",
        "division by zero in 'seats_used / seats_purchased' (in let 'seat_utilisation')",
        "'preferred_language' is null",
        "'region' is null",
        "'preferred_language' is null; 'region' is null",
    }
    assert clamped == {("repurchase", True), ("repurchase", False), ("upsell", False)}


def _declared_kind(prop: dict[str, Any]) -> str:
    """A record schema property's kind, as the wrong values below are keyed."""
    kind = next(k for k in ([prop["type"]] if isinstance(prop["type"], str) else prop["type"]) if k != "null")
    return "date" if prop.get("format") == "date" else "list" if kind == "array" else kind


def test_explanation_rejects_what_the_engine_rejects(policy: policyscore.Policy) -> None:
    """A read field holding a value not of its declared type: both reject the record, naming the field."""
    schema = json.loads((ROOT / "schemas" / "customer.schema.json").read_text(encoding="utf-8"))["properties"]
    base = next(r for r in _sample() if r["country"] == "US" and r["status"] == "active")
    wrong = {"string": 5, "number": "12", "integer": 2.5, "boolean": "yes", "date": "2026/01/31", "list": "core"}
    rejected = accepted = 0
    for name in handwritten_explain.READ_FIELDS:
        prop = schema[name]
        for value in (wrong[_declared_kind(prop)], None, "not-a-listed-value" if "enum" in prop else {"an": "object"}):
            record = {**base, name: value}
            try:
                expected = policy.score(record, AS_OF).to_dict()
            except policyscore.RecordError as err:
                assert err.field == name
                with pytest.raises(handwritten_explain.InvalidRecord) as mine:
                    handwritten_explain.explain(record, AS_OF)
                assert mine.value.field == name
                rejected += 1
            else:
                assert value is None and "null" in prop["type"]  # only null, where the schema allows it
                assert handwritten_explain.explain(record, AS_OF) == expected
                accepted += 1
    assert rejected > 2 * len(handwritten_explain.READ_FIELDS) and accepted == 9  # the nine nullable fields read


def test_explanation_does_not_read_other_fields(policy: policyscore.Policy) -> None:
    """Fields the policy does not read are not checked, by either: broken ones leave the explanation as it was."""
    record = _sample()[0]
    expected = policy.score(record, AS_OF).to_dict()
    schema = json.loads((ROOT / "schemas" / "customer.schema.json").read_text(encoding="utf-8"))["properties"]
    unread = [name for name in schema if name not in handwritten_explain.READ_FIELDS and name != "id"]
    assert len(unread) > 25
    broken = {**record, **{name: {"not": "valid"} for name in unread}}
    assert policy.score(broken, AS_OF).to_dict() == expected
    assert handwritten_explain.explain(broken, AS_OF) == expected


# ---------------------------------------------------------------- the variants of benchmarks/ceiling.py


@pytest.mark.parametrize("policy_file", [handwritten.POLICY_FILE, handwritten_small.POLICY_FILE])
def test_ceiling_variants_edit_what_they_say(policy_file: str) -> None:
    """Each variant gives the engine's scores on clean records; only the ones without checks accept a bad field."""
    ceiling = module_from_path("_bench_ceiling", ROOT / "benchmarks" / "ceiling.py")
    pol = policyscore.load_policy(ROOT / policy_file)
    records = list(generate.generate(500, seed=20261101))
    ceiling.check(pol, records)  # raises SystemExit on a disagreement
    variants = ceiling.loop_variants(pol)
    assert set(variants) == {"engine", "no Result", "no checks", "neither"}
    first = next(variants["engine"](records[:1], AS_OF, False, ceiling._fail))
    assert type(first) is policyscore.Result
    assert type(next(variants["no Result"](records[:1], AS_OF, False, ceiling._fail))) is tuple
    bad = dict(records[0], is_reference="yes")  # read by both policies, declared boolean
    for name, loop in variants.items():
        if name in ("no checks", "neither"):
            assert len(list(loop([bad], AS_OF, False, ceiling._fail))) == 1, name
        else:
            with pytest.raises(Exception):  # noqa: B017, PT011 - the check's own error, whatever its class
                list(loop([bad], AS_OF, False, ceiling._fail))


# ---------------------------------------------------------------- the stages of benchmarks/sql_floor.py


def test_sql_floor_stages_do_what_they_time(tmp_path: Path) -> None:
    """Each stage of the floor benchmark does its part of the DuckDB run: the guard clears the records, the checked
    read keeps every one clean, and the scoring query gives the Python engine's scores and tiers."""
    floor = module_from_path("_bench_sql_floor", ROOT / "benchmarks" / "sql_floor.py")
    records = list(generate.generate(300, seed=20261101))
    jsonl = tmp_path / "r.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        generate.write_jsonl(records, f)
    parquet = floor._parquet(jsonl)
    stages = floor.stages(jsonl, parquet, tmp_path)
    assert set(floor.JSONL_PATH + floor.PARQUET_PATH + floor.UNCHECKED_PATH) - {"imports"} <= set(stages)
    for stage in stages.values():
        stage()
    import duckdb

    pol = policyscore.load_policy(ROOT / handwritten.POLICY_FILE)
    want = {str(res.id): (res.score, res.tier) for res in pol.score_many(records, AS_OF, explain=False)}
    with duckdb.connect() as con:
        for name in ("scored.csv", "scored.parquet"):
            got = con.execute(f"SELECT id, score, tier FROM '{tmp_path / name}'").fetchall()
            assert {str(i): (s, t) for i, s, t in got} == want, name


def test_sql_floor_best_wall_spreads_only_duckdb_stages() -> None:
    floor = module_from_path("_bench_sql_floor", ROOT / "benchmarks" / "sql_floor.py")
    walls = {"imports": 0.5, "load + generate": 0.25, "guard": 3.0, "scoring query": 1.0}
    cpus = {"imports": 0.5, "load + generate": 0.25, "guard": 4.0, "scoring query": 2.0}
    assert floor.best_wall(("imports", "load + generate", "guard", "scoring query"), walls, cpus, 2) == 0.75 + 3.0
    rest = {"CSV write": 0.0, "checked read": 0.0, "typed Parquet read + scoring query": 1.0, "Parquet write": 0.0, "lenient read": 0.0}
    text = floor.report(1000, 1, 8.0, walls | rest, cpus | rest, 2, [0.1])
    # Parquet: 0.75 s serial + 1.0 CPU-s / 2 cores = 1.25 s; 8.0 / 1.25 = 6.4×, against a 10× target of 0.8 s
    parquet = [line for line in text.splitlines() if line.startswith("| Parquet → Parquet |")]
    assert parquet == [
        "| Parquet → Parquet | imports + load + generate + typed Parquet read + scoring query + Parquet write"
        " | 1.25 s | 10× | 0.80 s | 6.40× |"
    ]
