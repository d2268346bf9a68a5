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
