"""The Spark back end agrees exactly with the Python engine (local mode, ANSI on).

Runs whenever pyspark and Java are present (CI installs ``.[spark]``),
otherwise skips saying what to install.  One local session (the ``spark``
fixture of ``conftest.py``) serves every Spark test: starting Spark is most of the cost.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from book_support import SMALL_BOOK_POLICY, book_policy, books, compare
from hypothesis import HealthCheck, given, settings
from sql_support import differences, python_rows, spark_frame, sql_rows

import policyscore
from policyscore.io.readers import loads

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed: pip install '.[spark]' (and Java 17) to run the Spark tests")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("Java is not installed: the Spark tests need Java 17 (and pip install '.[spark]')", allow_module_level=True)


from policyscore.spark import score_dataframe  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"


def test_spark_agrees_with_python_on_the_sample(spark):
    policy = policyscore.load_policy(ROOT / "rules" / "balanced-portfolio.yaml")
    records = [loads(line) for line in (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    df, kept = spark_frame(spark, policy, records)  # the Python engine's checks and conversions (ISO dates become dates)
    assert len(kept) == len(records)
    out = score_dataframe(policy, df, AS_OF)
    got = sql_rows(out.columns, [tuple(r) for r in out.collect()])
    expected = python_rows(policy, records, AS_OF)
    mismatches = {rid: differences(want, got[rid]) for rid, want in expected.items() if want is not None and differences(want, got[rid])}
    assert not mismatches, dict(list(mismatches.items())[:5])
    assert sum(1 for row in got.values() if row["eligible"]) > 50


def test_score_dataframe_excludes_the_rule_that_exhausts_the_driver_keeping_the_others(spark):
    from policyscore.spark import COLLAPSE_PROJECT

    key = "spark.sql.optimizer.excludedRules"
    before = spark.conf.get(key, "")
    other = "org.apache.spark.sql.catalyst.optimizer.ConstantFolding"
    try:
        spark.conf.set(key, other)
        policy = policyscore.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
        records = [loads(line) for line in (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines()[:5]]
        df, _ = spark_frame(spark, policy, records)
        score_dataframe(policy, df, AS_OF)
        assert spark.conf.get(key).split(",") == [other, COLLAPSE_PROJECT]
        score_dataframe(policy, df, AS_OF)
        assert spark.conf.get(key).split(",") == [other, COLLAPSE_PROJECT]  # added once
    finally:
        spark.conf.set(key, before)


# ---------------------------------------------------------------- policies of the whole book


def _book_rows(spark, policy, records):
    from datetime import date

    from policyscore.backends.sql.query import build_query, render

    df, _ = spark_frame(spark, policy, records)  # the records the Python engine's checks pass, typed as declared
    view = "_ps_book_test"
    df.createOrReplaceTempView(view)
    day = date.fromisoformat(AS_OF)
    query = build_query(policy.program, day, view, fallback_column=True, portfolio_columns=True)
    spark.conf.set("spark.sql.cteRecursionLevelLimit", "-1")
    spark.conf.set("spark.sql.analyzer.maxIterations", "400")  # as score_dataframe sets them
    out = spark.sql(render(policy.program, query, "spark", day, view))
    got = sql_rows(out.columns, [tuple(r) for r in out.collect()])
    for row in got.values():
        row["_ps_clean"] = True
    fed = {str(row[0]) for row in df.select(policy.id_field).collect()}
    return got, fed


def test_spark_agrees_with_python_on_a_policy_of_the_whole_book(spark):
    policy = policyscore.load_policy(ROOT / "rules" / "will-they-last.yaml")
    records = [loads(line) for line in (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    got, _ = _book_rows(spark, policy, records)
    assert compare(policy, records, got) == {}
    assert {row["tier"] for row in got.values()} >= {"keeper", "solid"}


def test_spark_agrees_with_python_on_the_corpus_cases_of_the_whole_book(spark):
    import yaml

    patterns = ("portfolio-*.yaml", "tiers-top-percent*.yaml", "weights-by-segment*.yaml")
    cases = [p for pattern in patterns for p in (ROOT / "tests" / "cases").glob(pattern)]
    assert len(cases) >= 5
    for path in sorted(cases):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        policy = policyscore.load_policy_text(case["policy"], f"{path.stem}.yaml")
        records = [item["record"] for item in case["records"]]
        got, fed = _book_rows(spark, policy, records)
        # a record failing the checks cannot be a typed row: it stands as a record the checks rejected
        problems = compare(policy, records, {**got, **_rejected(policy, records, fed)})
        assert problems == {}, (path.stem, problems)
        assert fed


def _rejected(policy, records, fed):
    """Rows standing for the records that could not be put in the DataFrame (the Python engine rejects them)."""
    return {str(r[policy.id_field]): {"_ps_clean": False, "_ps_fallback": None} for r in records if str(r[policy.id_field]) not in fed}


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(records=books(max_size=25))
def test_spark_agrees_with_python_on_random_books(spark, records):
    policy = book_policy(SMALL_BOOK_POLICY)
    got, _ = _book_rows(spark, policy, records)
    problems = compare(policy, records, got)
    assert problems == {}, dict(list(problems.items())[:3])
