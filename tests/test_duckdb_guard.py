"""The guard that sends a JSON file to the Python engine (``backends/sql/duckdb_guard.py``): how it reads the lines.

A JSON Lines file is read by the guard as plain lines, and by the scoring
pass through DuckDB's JSON reader; every layout below must still be scored
by DuckDB, with the Python engine's bytes, and every suspect record must
still send the run to Python.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

import policyscore
from policyscore.backends.sql import duckdb_guard
from policyscore.backends.sql.duckdb_guard import suspect_records
from policyscore.batch import Rejects
from policyscore.engines import Options, score_file
from policyscore.io.recordlimits import MAX_LINE_BYTES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "customers.jsonl"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
AS_OF = "2026-11-01"
LONGEST = MAX_LINE_BYTES // 2  # what the engine gives
GOOD = SAMPLE.read_text(encoding="utf-8").splitlines()[:30]


def _engine_used(records: Path) -> str:
    policy = policyscore.load_policy(STARTUP)
    options = Options(date(2026, 11, 1), "csv", include_ineligible=True)
    _, used = score_file(policy, str(records), options, io.StringIO(), Rejects("skip"), engine="duckdb")
    return used


def _same_bytes(run, path: Path) -> None:
    args = ("score", STARTUP, path, "--as-of", AS_OF, "--format", "csv", "--include-ineligible", "--on-error", "skip")
    py, dd = (run(*args, "--engine", e) for e in ("python", "duckdb"))
    assert (py.exit_code, py.stdout, py.stderr) == (dd.exit_code, dd.stdout, dd.stderr)
    assert py.exit_code == 0 and f"{len(GOOD)} records read" in py.stderr


#: The same 30 records laid out in lines as a JSON Lines file may hold them.
LAYOUTS = {
    "no-final-newline": "\n".join(GOOD),
    "crlf": "\r\n".join(GOOD) + "\r\n",
    "crlf-and-blank-lines": "\r\n" + "\r\n".join(GOOD[:3] + ["", " \t"] + GOOD[3:]) + "\r\n\r\n",
    "blank-lines": "\n\n" + "\n".join(GOOD[:5] + ["", "   ", "\t", "\x0b", "\x0c"] + GOOD[5:]) + "\n\n\n",
    "byte-order-mark": "\ufeff" + "\n".join(GOOD) + "\n",
    "byte-order-mark-and-crlf": "\ufeff" + "\r\n".join(GOOD) + "\r\n",
    "blanks-around-records": "\n".join(f"  {line} \t" for line in GOOD) + "\n",
    # Not read as lines (DuckDB's CSV reader refuses them): the guard reads the file again through the JSON reader.
    "line-endings-mixed": "\r\n".join(GOOD[:3]) + "\r\n" + "\n".join(GOOD[3:]) + "\n",
    "carriage-return-inside-a-line": "\n".join([GOOD[0].replace(", ", ",\r", 1), *GOOD[1:]]) + "\n",
    "a-line-over-2-mb": "\n".join([GOOD[0][:-1] + ', "note": "' + "x" * 2_200_000 + '"}', *GOOD[1:]]) + "\n",
}
READ_AGAIN = ("line-endings-mixed", "carriage-return-inside-a-line", "a-line-over-2-mb")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_line_layout_is_scored_by_duckdb_with_the_python_engines_bytes(run, tmp_path, layout):
    path = tmp_path / "records.jsonl"
    path.write_bytes(LAYOUTS[layout].encode("utf-8"))
    con = duckdb.connect()
    assert suspect_records(con, str(path), "jsonl", ["billing"], LONGEST) == (len(GOOD), 0)
    as_lines = duckdb_guard._records("lines")
    if layout in READ_AGAIN:
        with pytest.raises(duckdb.Error):
            duckdb_guard._suspect(con, str(path), as_lines, ["billing"], LONGEST)
    else:  # read as lines, blank lines skipped, without the second read
        assert duckdb_guard._suspect(con, str(path), as_lines, ["billing"], LONGEST) == (len(GOOD), 0)
    assert _engine_used(path) == "duckdb"
    _same_bytes(run, path)


#: Text the guard cannot clear, though the Python engine may accept it (a brace in a string).
SUSPECT = {
    "infinity": lambda r: json.dumps({**r, "total_spend": 0}).replace('"total_spend": 0', '"total_spend": -Infinity'),
    "nan-in-any-case": lambda r: json.dumps({**r, "total_spend": 0}).replace('"total_spend": 0', '"total_spend": nAn'),
    "inf-first-in-a-list": lambda r: json.dumps({**r, "tags": []}).replace('"tags": []', '"tags": [INF]'),
    "nan-like-letters-after-a-colon-in-a-string": lambda r: json.dumps({**r, "name": "ratio: nan"}),
    "trailing-comma-in-a-list": lambda r: json.dumps({**r, "tags": ["a"]}).replace('["a"]', '["a", ]'),
    "deep-nesting": lambda r: json.dumps(r)[:-1] + ', "deep": ' + "[" * 70 + "]" * 70 + "}",
    "surrogate-pair": lambda r: json.dumps({**r, "name": "\U0001f600"}),
    "brace-in-a-string": lambda r: json.dumps({**r, "name": "a {b"}),
    "an-object-in-a-list": lambda r: json.dumps({**r, "tags": [{"a": 1}]}),
}


@pytest.mark.parametrize("suspect", SUSPECT)
@pytest.mark.parametrize("where", [0, 12])
def test_a_suspect_line_sends_the_run_to_python_wherever_it_is(tmp_path, suspect, where):
    lines = list(GOOD)
    lines.insert(where, SUSPECT[suspect](json.loads(GOOD[20]) | {"id": "SUSPECT"}))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert suspect_records(duckdb.connect(), str(path), "jsonl", ["billing"], LONGEST) == (len(lines), 1)
    assert _engine_used(path) == "python"


def test_a_record_of_the_longest_text_given_is_not_cleared(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    longest = max(len(line.encode()) for line in GOOD)
    assert suspect_records(duckdb.connect(), str(path), "jsonl", ["billing"], longest + 1) == (len(GOOD), 0)
    assert suspect_records(duckdb.connect(), str(path), "jsonl", ["billing"], longest)[1] >= 1


def test_a_line_too_long_for_the_python_reader_is_rejected_by_both_engines_alike(run, tmp_path):
    """A line of 16 MiB or more is one rejected record (PS518) in Python; DuckDB reads it, so the run goes to Python."""
    long = GOOD[0][:-1] + ', "note": "' + "x" * MAX_LINE_BYTES + '"}'
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([*GOOD[1:15], long, *GOOD[15:]]) + "\n", encoding="utf-8")
    args = ("score", STARTUP, path, "--as-of", AS_OF, "--format", "csv", "--on-error", "skip")
    py, dd = (run(*args, "--engine", e) for e in ("python", "duckdb"))
    assert (py.exit_code, py.stdout, py.stderr) == (dd.exit_code, dd.stdout, dd.stderr)
    assert "records.jsonl:15: the line holds 16 MiB or more" in py.stderr and "[PS518]" in py.stderr
    assert f"{len(GOOD)} records read" in py.stderr and "1 rejected" in py.stderr


def test_nan_and_infinity_inside_strings_are_cleared(run, tmp_path):
    names = ["NaN Labs", "Infinity Corp", "nan", "-inf", "Nan inf"]
    records = [json.loads(line) | ({"name": names[i]} if i < len(names) else {}) for i, line in enumerate(GOOD)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert suspect_records(duckdb.connect(), str(path), "jsonl", ["billing"], LONGEST) == (len(GOOD), 0)
    assert _engine_used(path) == "duckdb"
    _same_bytes(run, path)


def test_a_json_array_file_is_guarded_as_before(tmp_path):
    path = tmp_path / "records.json"
    path.write_text("[\n" + ",\n".join(GOOD) + "\n]\n", encoding="utf-8")
    assert suspect_records(duckdb.connect(), str(path), "json", ["billing"], LONGEST) == (len(GOOD), 0)
    assert _engine_used(path) == "duckdb"
    bad = json.dumps(json.loads(GOOD[4]))[:-1] + ', "note": 1, "note": 2}'
    path.write_text("[\n" + ",\n".join([*GOOD[:4], bad, *GOOD[4:]]) + "\n]\n", encoding="utf-8")
    assert suspect_records(duckdb.connect(), str(path), "json", ["billing"], LONGEST) == (len(GOOD) + 1, 1)
    assert _engine_used(path) == "python"


@pytest.mark.parametrize("line", ["not json", GOOD[7][:-1] + ', "note": "\\ud800"}'], ids=["not-json", "lone-surrogate"])
def test_a_line_duckdb_cannot_read_fails_both_reads(tmp_path, line):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([*GOOD[:3], line, *GOOD[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(duckdb.Error):
        suspect_records(duckdb.connect(), str(path), "jsonl", ["billing"], LONGEST)
    assert _engine_used(path) == "python"


#: (first line, second line, records suspect): a record whose keys are the first record's is cleared by their text.
KEYS = {
    "same-keys": ('{"id": "a", "o": {"k": 1}, "n": 1}', '{"id": "b", "o": {"k": 2}, "n": 2}', 0),
    "other-order": ('{"id": "a", "o": {"k": 1, "j": 2}}', '{"o": {"j": 2, "k": 1}, "id": "b"}', 0),
    "repeated-key-in-the-declared-object": ('{"id": "a", "o": {"k": 1, "j": 2}}', '{"id": "b", "o": {"k": 1, "k": 2}}', 1),
    "brace-in-a-string": ('{"id": "a", "o": {"k": 1}}', '{"id": "b", "o": {"k": "{"}}', 1),
    # An empty object is suspect: its brace is not counted.
    "empty-object-then-a-full-one": ('{"id": "a", "o": {}}', '{"id": "b", "o": {"k": 1}}', 1),
    "full-object-then-an-empty-one": ('{"id": "a", "o": {"k": 1}}', '{"id": "b", "o": {}}', 1),
    "first-record-repeats-a-key": ('{"id": "a", "n": 1, "n": 2}', '{"id": "b", "n": 1}', 1),
    "keys-that-need-quotes": ('{"id": "a", "x, y": 1, "it\'s": 2, "NULL": 3}', '{"id": "b", "x, y": 1, "it\'s": 2, "NULL": 3}', 0),
    # Written as a list without quotes, both key lists would read [id, x, id]: the text must not clear the second.
    "a-key-holding-a-comma-first": ('{"id": "a", "x, id": 1}', '{"id": "b", "x": 1, "id": 2}', 1),
    "a-key-holding-a-comma-later": ('{"id": "a", "x": 1, "y": 2}', '{"id": "b", "x, y": 1, "x, y": 2}', 1),
}


@pytest.mark.parametrize("case", KEYS)
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_keys_are_cleared_by_their_text_only_when_they_are_the_first_records(tmp_path, case, fmt):
    first, second, suspect = KEYS[case]
    path = tmp_path / f"records.{fmt}"
    path.write_text(f"{first}\n{second}\n" if fmt == "jsonl" else f"[{first},\n{second}]\n", encoding="utf-8")
    assert suspect_records(duckdb.connect(), str(path), fmt, ["o"], LONGEST) == (2, suspect)
