"""What the DuckDB run writes: the shown records in rank order, and Parquet whose schema is the Python run's.

The shown records are one ordered query over the scored table (no numbering,
no join); Parquet goes through a table written in that order, so a column is
REQUIRED exactly when it holds no NULL, whichever engine scored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

import policyscore
from policyscore.engines import Options, _connect, _copy_parquet, _shown_columns

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "customers.jsonl"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
AS_OF = "2026-11-01"


def _repetition(path: Path) -> dict[str, str]:
    rows = duckdb.connect().execute("SELECT name, repetition_type FROM parquet_schema(?)", [str(path)]).fetchall()
    return {name: kind for name, kind in rows[1:]}


@pytest.mark.parametrize(
    "options",
    [[], ["--include-ineligible"], ["--top", "5"], ["--tier", "good", "--include-ineligible"]],
    ids=["eligible", "ineligible", "top", "tier"],
)
def test_parquet_of_both_engines_is_the_same_file(run, tmp_path, options):
    files = {}
    for engine in ("python", "duckdb"):
        files[engine] = tmp_path / f"{engine}.parquet"
        result = run("score", STARTUP, SAMPLE, "--as-of", AS_OF, "--engine", engine, "--format", "parquet", "-o", files[engine], *options)
        assert result.exit_code == 0, result.stderr
    assert files["python"].read_bytes() == files["duckdb"].read_bytes()
    kinds = _repetition(files["duckdb"])
    # a column with no NULL among the rows written is REQUIRED; the ineligible records (shown without --tier) have no score
    expected = "OPTIONAL" if options == ["--include-ineligible"] else "REQUIRED"
    assert kinds["id"] == kinds["as_of"] == "REQUIRED"
    assert kinds["score"] == kinds["tier"] == kinds["purchase_size"] == expected


def test_parquet_rows_keep_their_order_with_several_threads_and_the_setting_is_restored(tmp_path):
    policy = policyscore.load_policy(STARTUP)
    con = _connect(str(tmp_path))
    con.execute("SET threads = 2").fetchall()
    names = _shown_columns(policy)
    points = ", ".join(f"(i % 7)::DOUBLE AS \"{n}\"" for n in names[3:-2])
    con.execute(
        f"CREATE TABLE rows AS SELECT 'r' || i AS id, (i * 7919 % 300000)::DOUBLE AS score, 'good' AS tier, {points}, "
        "0.0::DOUBLE AS adjustment_points, []::VARCHAR[] AS failed_filters FROM range(300000) t(i)"
    ).fetchall()
    out = tmp_path / "out.parquet"
    columns = ", ".join(f'"{n}"' for n in names)
    ordered = f'SELECT {columns} FROM rows ORDER BY "score" DESC'
    count = _copy_parquet(con, policy, ordered, [], Options(date(2026, 11, 1), "parquet"), str(out))
    assert count == 300000
    scores = [s for (s,) in duckdb.connect().execute("SELECT score FROM read_parquet(?)", [str(out)]).fetchall()]
    assert scores == sorted(scores, reverse=True)
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall() == [(False,)]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall() == [(0,)]


#: Numbers around the cases where a DECIMAL cast and printf could part: ties and near-ties of every decimal,
#: negative zero and negative numbers, the bound of the fast path, tiny and huge numbers, NaN and infinities.
_NUMBERS = [
    0.0, -0.0, 0.005, 0.015, 0.025, 0.125, 0.375, 1.005, 2.675, 1.0049999999, 1.0050000001, 0.5, 2.5, 17.07,
    99.995, 100.0, -0.001, -0.005, -1.5, -17.075, 5e-324, 1e-7, 999999.995, 999999.99, 1e6, 1e6 + 0.005, 123456.785,
    1e300, float("inf"), float("-inf"), float("nan"), 0.1 + 0.2, 1 / 3, 2 / 3, 12.3456789, 0.0449999, 0.0450001,
]


@pytest.mark.parametrize("decimals", [1, 2, 3, 6, 7])
def test_numbers_in_duckdb_csv_lines_have_the_digits_python_writes(decimals):
    from policyscore.backends.sql.results_csv import _num

    con = duckdb.connect()
    values = [*_NUMBERS, *(i / 1000 for i in range(-2000, 20001)), *(i * 0.005 for i in range(4000))]
    con.execute("CREATE TABLE v AS SELECT unnest(?::DOUBLE[]) AS x", [values])
    written = [text for (text,) in con.execute(f"SELECT {_num('x', decimals)} FROM v").fetchall()]
    printf = [text for (text,) in con.execute(f"SELECT printf('%.{decimals}f', x) FROM v").fetchall()]
    assert written == printf
    # and Python's format, which the renderer uses, agrees with both (printf's digits of huge numbers are not its)
    finite = [(x, text) for x, text in zip(values, written) if abs(x) < 1e15]
    assert [text for _, text in finite] == [format(x, f".{decimals}f") for x, _ in finite]
