"""policyscore.io.readers: records from CSV, JSON, JSON Lines and YAML, with line numbers and typed CSV cells."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.io.readers import Source, format_of, loads, open_source, read_records

ROOT = Path(__file__).resolve().parent.parent

FIELDS_POLICY = """\
policy: t
version: 1
record:
  fields:
    id: string
    amount: number?
    seats: integer?
    active: boolean?
    signup: date?
    tags: list[string]
    scores: list[number]?
    billing.country: string?
    billing.auto_pay: boolean?
factors:
  - id: f
    weight: 1
    value: "1"
"""


@pytest.fixture(scope="module")
def fields():
    return ps.load_policy_text(FIELDS_POLICY, "t.yaml").fields


def items(fmt: str, data: str | bytes, fields=None, id_field: str = "id"):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(read_records(Source("mem", fmt, io.BytesIO(raw)), fields or {}, id_field))


def test_jsonl_lines_are_numbered_and_blank_lines_skipped():
    got = items("jsonl", '{"id": "a"}\n\n  \n{"id": "b"}\r\n')
    assert [(i.line, i.record) for i in got] == [(1, {"id": "a"}), (4, {"id": "b"})]


def test_json_array_items_carry_their_line():
    text = '[\n  {"id": "a"},\n\n  {"id": "b",\n   "x": 1}, {"id": "c"}\n]'
    assert [(i.line, i.record["id"]) for i in items("json", text)] == [(2, "a"), (4, "b"), (5, "c")]


def test_yaml_items_carry_their_line():
    text = "- id: a\n  n: 1\n# comment\n- {id: b}\n"
    assert [(i.line, i.record) for i in items("yaml", text)] == [(1, {"id": "a", "n": 1}), (4, {"id": "b"})]


def test_csv_rows_are_numbered_by_the_line_they_start_on():
    text = 'id,note\na,"two\nlines"\n\nb,x\n'
    got = items("csv", text)
    assert [(i.line, i.record) for i in got] == [(2, {"id": "a", "note": "two\nlines"}), (5, {"id": "b", "note": "x"})]


def test_csv_cells_are_converted_with_the_declared_types(fields):
    text = (
        "id,amount,seats,active,signup,tags,scores,billing.country,billing.auto_pay,extra\n"
        "a,12.5,3,yes,2024-02-29,core;api,1;2.5,US,0,007\n"
        "b,,,,,,,,,\n"
    )
    a, b = (i.record for i in items("csv", text, fields))
    assert a == {
        "id": "a",
        "amount": 12.5,
        "seats": 3,
        "active": True,
        "signup": date(2024, 2, 29),
        "tags": ["core", "api"],
        "scores": [1, 2.5],
        "billing": {"country": "US", "auto_pay": False},
        "extra": "007",  # not declared: kept as text
    }
    # Empty cells are null; a non-nullable list is empty; an object whose cells are all empty is null.
    assert b == {"id": "b", "amount": None, "seats": None, "active": None, "signup": None, "tags": [], "scores": None,
                 "billing": None, "extra": None}


def test_csv_cells_are_guessed_when_the_policy_declares_no_record():
    (item,) = items("csv", "id,n,x,flag,code\na,3,2.5,true,A7\n")
    assert item.record == {"id": "a", "n": 3, "x": 2.5, "flag": True, "code": "A7"}


def test_a_bad_csv_cell_is_a_located_record_error(fields):
    (item,) = items("csv", "id,seats\nC1,many\n", fields)
    assert item.record is None
    err = item.error
    assert (err.code, err.field, err.value, err.row, err.source, err.record_id) == ("PS404", "seats", "many", 2, "mem", "C1")
    assert str(err) == "mem:2, id 'C1': field 'seats' must be a whole number, got 'many'"


def test_duplicate_and_missing_ids_are_record_errors():
    got = items("jsonl", '{"id": 1}\n{"id": 1}\n{"name": "x"}\n{"id": true}\n{"id": 2.5}\n')
    assert got[0].error is None
    assert [i.error.code for i in got[1:]] == ["PS513", "PS512", "PS512", "PS512"]
    assert got[1].error.reason == "duplicate id 1 (first seen on line 1)"
    assert got[3].error.reason == "the id (field 'id') must be a string or a whole number, got a boolean"


def test_another_id_field():
    (item,) = items("jsonl", '{"customer": "x"}\n', id_field="customer")
    assert item.record == {"customer": "x"}


def test_items_that_cannot_be_read_keep_the_raw_text():
    (item,) = items("jsonl", "{nope\n")
    assert item.raw == "{nope" and item.error.code == "PS510"


def test_reading_is_lazy():
    stream = io.BytesIO(b'{"id": "a"}\n{"id": "b"}\n')
    reader = read_records(Source("mem", "jsonl", stream), {}, "id")
    assert next(reader).record == {"id": "a"}
    assert stream.tell() == len(b'{"id": "a"}\n')  # the second line is not read yet
    assert next(reader).record == {"id": "b"}


@pytest.mark.parametrize(
    "path, forced, expected",
    [
        ("a.csv", None, "csv"),
        ("A.JSON", None, "json"),
        ("a.ndjson", None, "jsonl"),
        ("a.yml", None, "yaml"),
        ("-", None, "jsonl"),
        ("a.txt", "csv", "csv"),
    ],
)
def test_format_of(path, forced, expected):
    assert format_of(path, forced) == expected


def test_format_of_unknown_extension():
    with pytest.raises(ps.InputError) as info:
        format_of("a.xlsx")
    assert info.value.code == "PS503"


def test_open_source_errors(tmp_path):
    with pytest.raises(ps.InputError, match="records file not found"):
        open_source(str(tmp_path / "x.csv"))
    with pytest.raises(ps.InputError, match="is a directory"):
        open_source(str(tmp_path))


def test_open_source_reads_stdin():
    stdin = io.BytesIO(b'{"id": "a"}\n')
    with open_source("-", None, stdin) as source:
        assert (source.name, source.format) == ("<stdin>", "jsonl")
        assert [i.record for i in read_records(source, {}, "id")] == [{"id": "a"}]
    assert not stdin.closed  # stdin is not ours to close


def test_loads_refuses_nan_and_infinity():
    assert loads('{"a": 1.5}') == {"a": 1.5}
    for text in ("NaN", "[Infinity]", "-Infinity"):
        with pytest.raises(ValueError, match="is not allowed in JSON"):
            loads(text)


def test_the_example_files_read_the_same():
    policy = ps.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
    records = {}
    for name in ("customers.csv", "customers.jsonl"):
        with open_source(str(ROOT / "examples" / name)) as source:
            got = list(read_records(source, policy.fields, policy.id_field))
        assert all(i.error is None for i in got)
        records[name] = [i.record for i in got]
    assert len(records["customers.csv"]) == len(records["customers.jsonl"]) == 324
    results = {name: [(r.id, r.score, r.tier, r.points) for r in policy.score_many(recs, "2026-11-01")] for name, recs in records.items()}
    assert results["customers.csv"] == results["customers.jsonl"]
    first = json.loads((ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert records["customers.jsonl"][0] == first
