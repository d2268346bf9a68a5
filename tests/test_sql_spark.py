"""The Spark back end agrees exactly with the Python engine (local mode, ANSI on).

Runs whenever pyspark and Java are present (CI installs ``.[spark]``),
otherwise skips saying what to install.  One local session (the ``spark``
fixture of ``conftest.py``) serves every Spark test: starting Spark is most of the cost.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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
