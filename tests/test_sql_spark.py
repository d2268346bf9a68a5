"""The Spark back end agrees exactly with the Python engine (local mode, ANSI on).

Runs whenever pyspark and Java are present (CI installs ``.[spark]``),
otherwise skips saying what to install.  One local session serves the whole
module and one query is run: starting Spark is most of the cost.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sql_support import differences, python_rows, sql_rows

import policyscore
from policyscore.io.readers import loads
from policyscore.language.types import Type

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed: pip install '.[spark]' (and Java 17) to run the Spark tests")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("Java is not installed: the Spark tests need Java 17 (and pip install '.[spark]')", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

from policyscore.spark import score_dataframe  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"


@pytest.fixture(scope="module")
def spark():
    session = (
        SparkSession.builder.master("local[2]")
        .appName("policyscore-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def _spark_type(t: Type):
    kind = t.kind
    if kind == "number":
        return T.DoubleType()
    if kind == "boolean":
        return T.BooleanType()
    if kind == "date":
        return T.DateType()
    if kind == "list":
        return T.ArrayType(_spark_type(t.item), False)
    if kind == "object":
        return T.StructType([T.StructField(name, _spark_type(sub), True) for name, sub in t.fields])
    return T.StringType()


def test_spark_agrees_with_python_on_the_sample(spark):
    policy = policyscore.load_policy(ROOT / "rules" / "balanced-portfolio.yaml")
    records = [loads(line) for line in (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    names = [policy.id_field, *[n for n in policy.program.read_fields if n != policy.id_field]]
    checked = []
    for record in records:  # the Python engine's checks and conversions (ISO dates become dates)
        checked.append({name: policy.field_value(record, name) for name in names})
    schema = T.StructType([T.StructField(n, _spark_type(policy.fields[n].type), True) for n in names])
    rows = [tuple(float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in (r[n] for n in names)) for r in checked]
    df = spark.createDataFrame([_floats(r, schema) for r in rows], schema)
    out = score_dataframe(policy, df, AS_OF)
    got = sql_rows(out.columns, [tuple(r) for r in out.collect()])
    expected = python_rows(policy, records, AS_OF)
    mismatches = {rid: differences(want, got[rid]) for rid, want in expected.items() if want is not None and differences(want, got[rid])}
    assert not mismatches, dict(list(mismatches.items())[:5])
    assert sum(1 for row in got.values() if row["eligible"]) > 50


def _floats(row: tuple, schema) -> tuple:
    """Numbers inside lists and structs as floats, as DoubleType wants them."""
    out = []
    for value, field in zip(row, schema.fields):
        out.append(_float_value(value, field.dataType))
    return tuple(out)


def _float_value(value, dtype):
    if value is None:
        return None
    if isinstance(dtype, T.DoubleType):
        return float(value)
    if isinstance(dtype, T.ArrayType):
        return [_float_value(v, dtype.elementType) for v in value]
    if isinstance(dtype, T.StructType):
        return {f.name: _float_value(value.get(f.name), f.dataType) for f in dtype.fields}
    return value
