"""``score --engine python|duckdb|auto`` and ``policyscore sql``: the engines give the same bytes.

Each comparison also asks the library which engine scored (``score_file``
returns it), so a DuckDB run that silently fell back to Python cannot pass
for a DuckDB run.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

import policyscore
from policyscore.batch import Rejects
from policyscore.engines import Options, choose_engine, score_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "customers.jsonl"
#: The rules/ policies, every one computed by the SQL back end (will-they-last scores against the whole book).
POLICIES = sorted(p for p in (ROOT / "rules").glob("*.yaml") if not p.name.endswith(".test.yaml"))
BOOK = ROOT / "rules" / "will-they-last.yaml"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
AS_OF = "2026-11-01"
#: A policy the SQL back end refuses (PS701): a regular expression with flags.
REFUSED = (
    "policy: t\nversion: 1\nrecord:\n  fields: {id: string, x: string?}\n"
    "factors:\n  - {id: f, weight: 1, value: \"if matches(x, '(?i)vip') then 1 else 0\"}\n"
)


def _engine_used(policy_path: Path, records: Path, fmt: str = "csv", **kw) -> str:
    policy = policyscore.load_policy(policy_path)
    _, used = score_file(policy, str(records), Options(date(2026, 11, 1), fmt, **kw), io.StringIO(), Rejects("skip"), engine="duckdb")
    return used


def _both(run, *args: str):
    results = {e: run("score", *args, "--as-of", AS_OF, "--engine", e) for e in ("python", "duckdb")}
    py, dd = results["python"], results["duckdb"]
    assert (py.exit_code, py.stdout, py.stderr) == (dd.exit_code, dd.stdout, dd.stderr)
    return py


@pytest.mark.parametrize(
    ("policy", "fmt"),
    [(STARTUP, "table"), (STARTUP, "markdown"), *((p, "csv") for p in POLICIES)],
    ids=lambda v: v.stem if isinstance(v, Path) else v,
)
def test_engines_write_the_same_bytes_on_the_sample(run, policy, fmt):
    assert _engine_used(policy, SAMPLE, fmt) == "duckdb"
    out = _both(run, policy, SAMPLE, "--format", fmt, "--include-ineligible")
    assert out.exit_code == 0 and "324 records read" in out.stderr and "EDGE-01-PERFECT" in out.stdout


@pytest.mark.parametrize(
    "options",
    [["--tier", "good", "--top", "3"], ["--format", "csv", "--top", "40", "--include-ineligible"]],
    ids=["tier-top", "csv-top-ineligible"],
)
def test_engines_agree_on_selection(run, options):
    out = _both(run, STARTUP, SAMPLE, *options)
    assert out.exit_code == 0 and out.stdout


def test_ids_that_are_numbers_sort_as_numbers_in_both_engines(run, tmp_path):
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:60]]
    for i, record in enumerate(records):  # whole numbers, their text, and text: ties in score broken by the one id rule
        record["id"] = [i * 7 - 100, str(i * 13), f"c,{i}\"q", f"id {i}"][i % 4]
        record["annual_contract_value"] = 50000
    path = tmp_path / "ids.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert _engine_used(STARTUP, path) == "duckdb"
    out = _both(run, STARTUP, path, "--format", "csv", "--include-ineligible")
    assert '"c,2""q"' in out.stdout  # quoted as Python's csv module quotes


def test_json_output_explains_the_records_duckdb_selected(run):
    assert _engine_used(STARTUP, SAMPLE, "jsonl", top=5) == "duckdb"
    out = _both(run, STARTUP, SAMPLE, "--format", "jsonl", "--top", "5")
    assert len(out.stdout.splitlines()) == 5 and '"factors"' in out.stdout


def _with(**changes):
    return lambda r: json.dumps({**r, **changes})


BAD_LINES = {  # each turns a full, good record into text the Python engine rejects (DuckDB alone would read it)
    "text-number": _with(annual_contract_value="1200"),
    "fraction-integer": _with(nps_score=12.5),
    "boolean-number": _with(annual_contract_value=True),
    "yes-boolean": _with(is_reference="yes"),
    "short-date": _with(signup_date="2026-6-1"),
    "no-such-day": _with(signup_date="2026-02-30"),
    "year-zero": _with(last_login_date="0000-01-01"),
    "not-an-enum-value": _with(industry="software2"),
    "escaped-not-an-enum-value": lambda r: json.dumps({**r, "industry": "softwar\u00e9"}),
    "number-in-a-list-of-texts": _with(products=["core", 1]),
    "number-id-with-a-fraction": _with(id=12.5),
    "nan": lambda r: json.dumps({**r, "annual_contract_value": 0}).replace('"annual_contract_value": 0', '"annual_contract_value": NaN'),
    "infinity": lambda r: json.dumps({**r, "total_spend": 0}).replace('"total_spend": 0', '"total_spend": Infinity'),
    "lowercase-nan-in-an-unread-field": lambda r: json.dumps({**r, "total_spend": 0}).replace('"total_spend": 0', '"total_spend": nan'),
    "minus-inf-in-an-unread-list": lambda r: json.dumps({**r, "tags": []}).replace('"tags": []', '"tags": [1, -inf]'),
    "trailing-comma": lambda r: json.dumps(r)[:-1] + ",}",
    "deep-nesting": lambda r: json.dumps(r)[:-1] + ', "note": ' + "[" * 65 + "]" * 65 + "}",
    "nested-duplicate-key": lambda r: json.dumps(r).replace('"billing": {', '"billing": {"currency": "USD", ', 1),
    "duplicate-key": lambda r: json.dumps(r)[:-1] + ', "note": 1, "note": 2}',
    "duplicate-key-in-a-list": lambda r: json.dumps(r)[:-1] + ', "extra": [{"a": 1, "a": 2}]}',
    "duplicate-key-in-an-undeclared-object": lambda r: json.dumps(r)[:-1] + ', "extra": {"a": 1, "a": 2}}',
    "duplicate-key-deep-in-a-declared-object": lambda r: json.dumps(r).replace('"billing": {', '"billing": {"x": {"a": 1, "a": 2}, ', 1),
    "duplicate-key-after-an-empty-object": lambda r: json.dumps({**r, "billing": {}})[:-1] + ', "extra": {"a": 1, "a": 2}}',
    "not-json": lambda r: "not json at all",
    "duplicate-id": lambda r: json.dumps({**r, "id": "EDGE-01-PERFECT"}),
}


def _bad_file(tmp_path: Path, bad: list[str], good: int) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[100])
    texts = [BAD_LINES[name]({**record, "id": f"BAD-{name}"}) for name in bad]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines[:good] + texts + lines[good : 2 * good]) + "\n", encoding="utf-8")
    return path


def test_escaped_texts_in_an_id_an_enum_and_a_list_read_the_same_in_both_engines(run, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[100])
    escaped = json.dumps({**record, "id": "ESC-\u00e9", "industry": "software", "products": ["core", "api\u00e9"]}, ensure_ascii=True)
    escaped = escaped.replace('"software"', '"soft\\u0077are"')
    path = tmp_path / "escaped.jsonl"
    path.write_text("\n".join([*lines[:20], escaped]) + "\n", encoding="utf-8")
    assert _engine_used(STARTUP, path) == "duckdb"
    out = _both(run, STARTUP, path, "--format", "csv", "--include-ineligible")
    assert out.exit_code == 0 and "ESC-\u00e9" in out.stdout


@pytest.mark.parametrize("bad", BAD_LINES)
def test_a_record_python_rejects_sends_the_run_to_python(tmp_path, bad):
    path = _bad_file(tmp_path, [bad], 2)
    assert _engine_used(STARTUP, path) == "python"
    assert _engine_used(STARTUP, _bad_file(tmp_path, [], 2)) == "duckdb"


def test_bad_records_give_the_same_rejects_and_summary_with_both_engines(run, tmp_path):
    path = _bad_file(tmp_path, list(BAD_LINES), 40)
    results = {}
    for engine in ("python", "duckdb"):
        rejects = tmp_path / f"rejects-{engine}.jsonl"
        result = run(
            "score", STARTUP, path, "--as-of", AS_OF, "--engine", engine, "--format", "csv", "--on-error", "skip", "--rejects", rejects
        )
        results[engine] = (result.exit_code, result.stdout, result.stderr, rejects.read_text(encoding="utf-8"))
    assert results["python"] == results["duckdb"]
    rejected = [json.loads(line) for line in results["python"][3].splitlines()]
    assert f"{len(BAD_LINES)} rejected" in results["python"][2] and [r["row"] for r in rejected] == list(range(41, 41 + len(BAD_LINES)))


def test_on_error_fail_stops_at_the_same_record(run, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(lines[:30] + [lines[3]]) + "\n", encoding="utf-8")
    out = _both(run, STARTUP, path, "--format", "csv")
    assert out.exit_code == 1 and "duplicate id" in out.stderr and "first seen on line 4" in out.stderr


def test_parquet_in_and_out_through_both_engines(run, tmp_path):
    parquet_in = tmp_path / "customers.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_json('{SAMPLE}', format = 'newline_delimited')) TO '{parquet_in}' (FORMAT PARQUET)").fetchall()
    assert _engine_used(STARTUP, parquet_in) == "duckdb"
    files = {}
    for engine in ("python", "duckdb"):
        files[engine] = tmp_path / f"scores-{engine}.parquet"
        result = run("score", STARTUP, parquet_in, "--as-of", AS_OF, "--engine", engine, "--format", "parquet", "-o", files[engine])
        assert result.exit_code == 0, result.stderr
    assert files["python"].read_bytes() == files["duckdb"].read_bytes()
    rows = con.execute(f"SELECT id, score, tier FROM read_parquet('{files['duckdb']}')").fetchall()
    csv_out = _both(run, STARTUP, SAMPLE, "--format", "csv").stdout.splitlines()[1:]
    assert [f"{i},{s:.2f},{t}" for i, s, t in rows] == [",".join(line.split(",")[:3]) for line in csv_out]


@pytest.mark.parametrize(("name", "fmt"), [("customers.txt", "jsonl"), ("customers.json", "jsonl"), ("array.jsonl", "json")])
def test_duckdb_reads_the_input_format_given_whatever_the_extension(run, tmp_path, name, fmt):
    """DuckDB read the file by its extension: with --input-format naming another, the run went to Python every time."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:50]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n" if fmt == "jsonl" else "[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    assert _engine_used(STARTUP, path, input_format=fmt) == "duckdb"
    out = _both(run, STARTUP, path, "--input-format", fmt, "--format", "csv", "--include-ineligible")
    assert out.exit_code == 0 and "50 records read" in out.stderr


def test_parquet_output_needs_a_file(run):
    result = run("score", STARTUP, SAMPLE, "--format", "parquet")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_auto_takes_duckdb_only_where_it_gives_the_same_output(tmp_path):
    policy = policyscore.load_policy(STARTUP)
    day = date(2026, 11, 1)
    assert choose_engine(policy, "auto", str(SAMPLE), Options(day, "csv")) == "duckdb"
    assert choose_engine(policy, "auto", str(SAMPLE), Options(day, "json")) == "python"
    assert choose_engine(policy, "auto", "-", Options(day, "csv")) == "python"
    assert choose_engine(policy, "auto", str(ROOT / "examples" / "customers.csv"), Options(day, "csv")) == "python"
    refused = policyscore.load_policy_text(REFUSED, "p.yaml")
    assert choose_engine(refused, "auto", str(SAMPLE), Options(day, "csv")) == "python"


def test_a_policy_of_the_whole_book_is_scored_by_duckdb_with_the_same_bytes(run, tmp_path):
    day = date(2026, 11, 1)
    policy = policyscore.load_policy(BOOK)
    assert choose_engine(policy, "auto", str(SAMPLE), Options(day, "csv")) == "duckdb"
    choices = (["--format", "csv", "--include-ineligible"], ["--top", "15"], ["--tier", "keeper"], ["--format", "jsonl", "--top", "3"])
    for options in choices:
        out = _both(run, BOOK, SAMPLE, *options)
        assert out.exit_code == 0 and out.stdout
    assert "keeper" in _both(run, BOOK, SAMPLE, "--format", "csv").stdout
    assert _engine_used(BOOK, SAMPLE, "csv") == "duckdb"


def test_records_naming_a_referrer_not_in_the_book_are_counted_by_both_engines(run, tmp_path):
    """The summary's line on referrers not in the portfolio: the DuckDB run left it out."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines[20:110]]  # some name a referrer outside these lines
    records[0]["referred_by"] = ""  # no record has an empty id
    records[1]["referred_by"] = records[2]["id"]  # one found
    path = tmp_path / "part.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ids = {r["id"] for r in records}
    unknown = sum(1 for r in records if r.get("referred_by") is not None and r["referred_by"] not in ids)
    assert unknown > 2
    assert _engine_used(BOOK, path) == "duckdb"
    for options in (["--format", "csv"], ["--top", "3"]):
        out = _both(run, BOOK, path, *options)
        assert f"\n{unknown} records name a referrer not in the portfolio\n" in out.stderr


def test_a_referral_cycle_sends_the_run_to_python(run, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    a, b = json.loads(lines[10]), json.loads(lines[11])
    a["referred_by"], b["referred_by"] = b["id"], a["id"]
    path = tmp_path / "cycle.jsonl"
    path.write_text("\n".join(lines[:10] + [json.dumps(a), json.dumps(b)] + lines[12:]) + "\n", encoding="utf-8")
    assert _engine_used(BOOK, path) == "python"
    out = _both(run, BOOK, path, "--format", "csv")
    assert "PS405" in out.stderr


def test_engine_duckdb_refuses_what_it_cannot_run(run, tmp_path):
    policy = tmp_path / "portfolio.yaml"
    policy.write_text(REFUSED, encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "a", "x": "VIP"}\n', encoding="utf-8")
    refused = run("score", policy, records, "--as-of", AS_OF, "--engine", "duckdb")
    assert refused.exit_code == 1 and "PS701" in refused.stderr and "(?i)vip" in refused.stderr
    assert run("score", policy, records, "--as-of", AS_OF).exit_code == 0  # auto: the Python engine
    csv_in = run("score", STARTUP, ROOT / "examples" / "customers.csv", "--as-of", AS_OF, "--engine", "duckdb")
    assert csv_in.exit_code == 2 and "DuckDB reads" in csv_in.stderr


@pytest.mark.parametrize("dialect", ["duckdb", "spark", "postgres", "snowflake", "bigquery"])
def test_sql_prints_the_query_of_each_dialect(run, dialect):
    out = run("sql", STARTUP, "--dialect", dialect, "--table", "crm.customers", "--as-of", AS_OF)
    assert out.exit_code == 0
    policy = policyscore.load_policy(STARTUP)
    from policyscore.sql import to_sql

    assert out.stdout == to_sql(policy, dialect, table="crm.customers", as_of=AS_OF)
    assert "-- as of 2026-11-01" in out.stdout and "crm" in out.stdout


@pytest.mark.parametrize(
    "table",
    ["it's", 'a"b', "", "  ", "x.", ".x", "a..b", "f(x)", "x--y", "x/*y*/", "x\nSELECT 1; --", "tab\tle"],
    ids=repr,
)
def test_sql_refuses_a_table_that_is_no_table_name_as_a_usage_mistake(run, table):
    """These gave a sqlglot traceback, read another table (``x--y`` read ``x``), or put a line of SQL outside the
    comment naming the table at the top of the query (a newline)."""
    out = run("sql", STARTUP, "--table", table, "--as-of", AS_OF)
    assert out.exit_code == 2 and not out.stdout
    assert "Invalid value for --table" in out.stderr and "is not a table name" in out.stderr and "Traceback" not in out.stderr
    from policyscore.sql import to_sql

    with pytest.raises(ValueError, match="is not a table name"):
        to_sql(policyscore.load_policy(STARTUP), "duckdb", table=table, as_of=AS_OF)


@pytest.mark.parametrize(
    ("table", "written"),
    [
        ("crm.customers", "crm.customers"),
        ('"My Table"', '"My Table"'),
        ("a b", '"a b"'),
        ("my-project.ds.t", '"my-project".ds.t'),
        ("a.b.c.d", "a.b.c.d"),
        ('"a""b"', '"a""b"'),
    ],
)
def test_sql_reads_the_table_named(run, table, written):
    out = run("sql", STARTUP, "--table", table, "--as-of", AS_OF, "--dialect", "postgres")
    assert out.exit_code == 0 and f"  FROM {written} AS _ps_in\n" in out.stdout


@pytest.mark.parametrize(
    ("dialect", "table", "written"),
    [
        ("postgres", "select", '"select"'),
        ("postgres", "crm.Order", 'crm."order"'),
        ("snowflake", "order", '"ORDER"'),
        ("spark", "user", "`user`"),
        ("bigquery", "ds.Group", "ds.`Group`"),
        ("duckdb", "table", '"table"'),
        ("postgres", "orders", "orders"),
    ],
)
def test_sql_quotes_a_table_named_by_a_reserved_word_as_the_dialect_reads_it(run, dialect, table, written):
    """``FROM select`` is no query in any dialect: a reserved word is quoted, in the case the dialect folds the
    unquoted name to where quoting stops the folding (PostgreSQL, Snowflake), so it names the same table."""
    out = run("sql", STARTUP, "--table", table, "--as-of", AS_OF, "--dialect", dialect)
    assert out.exit_code == 0 and f"  FROM {written} AS _ps_in\n" in out.stdout


def test_sql_reads_a_table_named_by_a_reserved_word_in_duckdb(run):
    query = run("sql", STARTUP, "--as-of", AS_OF, "--table", "order").stdout
    con = duckdb.connect()
    con.execute(f"CREATE TABLE \"order\" AS SELECT * FROM read_json('{SAMPLE}', format = 'newline_delimited')").fetchall()
    rows = dict(con.execute(f"SELECT id, score FROM ({query.rstrip().rstrip(';')})").fetchall())
    assert rows["EDGE-01-PERFECT"] == 100.0


def test_sql_runs_in_duckdb_and_refuses_with_ps701(run, tmp_path):
    query = run("sql", STARTUP, "--as-of", AS_OF, "--table", "customers").stdout
    con = duckdb.connect()
    con.execute(f"CREATE TABLE customers AS SELECT * FROM read_json('{SAMPLE}', format = 'newline_delimited')").fetchall()
    rows = dict(con.execute(f"SELECT id, score FROM ({query.rstrip().rstrip(';')})").fetchall())
    assert rows["EDGE-01-PERFECT"] == 100.0
    policy = tmp_path / "portfolio.yaml"
    policy.write_text(REFUSED, encoding="utf-8")
    refused = run("sql", policy, "--as-of", AS_OF)
    assert refused.exit_code == 1 and "PS701" in refused.stderr


#: Parquet files made from the sample with one row changed, in SQL over the sample's columns: (change, the engine that scores).
PARQUET_ROWS = {
    "clean": ("", "duckdb"),
    "nan-in-an-unread-column": (
        "REPLACE (CASE WHEN id = 'EDGE-01-PERFECT' THEN 'nan'::DOUBLE ELSE total_spend END AS total_spend)",
        "python",
    ),
    "nan-in-an-unread-list": (
        "REPLACE (CASE WHEN id = 'EDGE-01-PERFECT' THEN ['inf'::DOUBLE] ELSE mrr_last_6m::DOUBLE[] END AS mrr_last_6m)",
        "python",
    ),
    "fraction-in-an-integer-field": (
        "REPLACE (CASE WHEN id = 'EDGE-01-PERFECT' THEN 2.5 ELSE renewals_count::DOUBLE END AS renewals_count)",
        "python",
    ),
    "whole-double-in-an-integer-field": ("REPLACE (renewals_count::DOUBLE AS renewals_count)", "duckdb"),
    "value-outside-the-enum": ("REPLACE (CASE WHEN id = 'EDGE-01-PERFECT' THEN 'mining' ELSE industry END AS industry)", "python"),
    "required-field-null": ("REPLACE (CASE WHEN id = 'EDGE-01-PERFECT' THEN NULL ELSE status END AS status)", "python"),
    "number-as-text": ("REPLACE (renewals_count::VARCHAR AS renewals_count)", "python"),
    "float32-numbers": ("REPLACE (renewal_likelihood::FLOAT AS renewal_likelihood)", "duckdb"),
    "integer-ids": ("REPLACE (row_number() OVER () AS id)", "duckdb"),
}


@pytest.mark.parametrize("change", PARQUET_ROWS)
def test_parquet_is_checked_on_its_column_types_as_the_python_engine_checks_its_rows(run, tmp_path, change):
    """A Parquet file whose column types say what each field holds is checked on those types, never through JSON; any row the
    Python engine rejects (NaN anywhere, a fraction in an integer field, a value outside the enum) sends the run to Python."""
    from policyscore.backends.sql.typed_input import typed_checks
    from policyscore.sql import duckdb_source

    sql, engine = PARQUET_ROWS[change]
    path = tmp_path / "customers.parquet"
    con = duckdb.connect()
    source = f"read_json('{SAMPLE}', format = 'newline_delimited')"
    con.execute(f"COPY (SELECT * {sql} FROM {source}) TO '{path}' (FORMAT PARQUET)").fetchall()
    policy = policyscore.load_policy(STARTUP)
    typed = "to_json" not in duckdb_source(policy, path, con).sql("duckdb").lower()
    assert typed == (change != "number-as-text")
    assert _engine_used(STARTUP, path, include_ineligible=True) == engine
    out = _both(run, STARTUP, path, "--format", "csv", "--include-ineligible", "--on-error", "skip")
    rejected = {"duckdb": 0, "python": 1}[engine] if change != "number-as-text" else 324
    assert f"{rejected} rejected" in out.stderr and out.exit_code == (1 if rejected == 324 else 0)
    types = {"id": "VARCHAR", "status": "STRUCT(a DOUBLE)"}
    assert typed_checks(policy.program, duckdb_source(policy, path, con), types) is None


def test_typed_parquet_is_checked_inside_the_scoring_query_and_json_once_into_a_table(tmp_path):
    """The checks on Parquet column types are a view the scoring query reads (the records are not copied);
    the JSON checks go once into a temporary table.  Both give the same rows."""
    from policyscore.sql import score_duckdb

    path = tmp_path / "customers.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_json('{SAMPLE}', format = 'newline_delimited')) TO '{path}' (FORMAT PARQUET)")
    policy = policyscore.load_policy(STARTUP)
    rows = {}
    for source, kept in ((path, (0, 1)), (SAMPLE, (1, 0))):
        con = duckdb.connect()
        rows[source.suffix] = sorted(score_duckdb(policy, source, AS_OF, connection=con).fetchall(), key=lambda row: row[0])
        tables = con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall()[0][0]
        views = con.execute("SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal").fetchall()[0][0]
        assert (tables, views) == kept
        con.close()
    assert len(rows[".parquet"]) == 324 and rows[".parquet"] == rows[".jsonl"]


def test_csv_lines_made_in_duckdb_quote_as_pythons_csv_does(run, tmp_path):
    """Ids holding a comma, a quote, a newline or a carriage return, and a score clamped: the same bytes from both engines."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:40]
    ids = ["a,b", 'say "hi"', "two\nlines", "cr\rhere", "plain", " spaced "]
    records = [json.loads(line) for line in lines]
    for record, rid in zip(records, ids):
        record["id"] = rid
    path = tmp_path / "odd-ids.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert _engine_used(STARTUP, path, include_ineligible=True) == "duckdb"
    out = _both(run, STARTUP, path, "--format", "csv", "--include-ineligible")
    assert '"a,b",' in out.stdout and '"say ""hi""",' in out.stdout and '"two\nlines",' in out.stdout


def test_lower_of_a_word_final_capital_sigma_gives_the_python_engines_bytes(run, tmp_path):
    # 'ΟΔΟΣ'.lower() is 'οδος' in Python (Unicode's Final_Sigma), 'οδοσ' in DuckDB: the run is the Python engine's.
    policy = tmp_path / "sigma.yaml"
    policy.write_text(
        "policy: sigma\nversion: 1\nrecord:\n  fields: {id: string, s: string?}\n"
        "factors:\n  - {id: f, weight: 1, value: \"if lower(s) == 'οδος' then 1 else 0\"}\n",
        encoding="utf-8",
    )
    greek, plain = tmp_path / "greek.jsonl", tmp_path / "plain.jsonl"
    greek.write_text('{"id": "a", "s": "ΟΔΟΣ"}\n{"id": "b", "s": "ΣΟΦΙΑ"}\n', encoding="utf-8")
    plain.write_text('{"id": "a", "s": "οδος"}\n{"id": "b", "s": "ΣΟΦΙΑ"}\n', encoding="utf-8")
    assert (_engine_used(policy, greek), _engine_used(policy, plain)) == ("python", "duckdb")
    out = _both(run, policy, greek, "--format", "csv")
    assert out.stdout.splitlines()[1] == "a,1.00,,1.00,2026-11-01"
