"""Bad input never gives a Python traceback: a one-line message on stderr and exit 1 (data) or 2 (usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
JSONL = ROOT / "examples" / "customers.jsonl"
CSV = ROOT / "examples" / "customers.csv"
AS_OF = ("--as-of", "2026-11-01")
LINES = JSONL.read_text(encoding="utf-8").splitlines()
CSV_LINES = CSV.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def score(run, records, *extra):
    return run("score", STARTUP, records, *AS_OF, "--format", "csv", *extra)


def one_error(result, code: int) -> str:
    """The single stderr line of a failed run (asserting there is no traceback and no output)."""
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_file(run, here):
    assert one_error(score(run, "nope.jsonl"), 1) == "policyscore: error: records file not found: nope.jsonl [PS501]"


def test_directory(run, here):
    (here / "data").mkdir()
    assert one_error(score(run, "data"), 1) == "policyscore: error: data is a directory, not a records file [PS502]"


def test_unknown_extension_is_a_usage_error(run, here):
    (here / "c.txt").write_text(LINES[0], encoding="utf-8")
    assert one_error(score(run, "c.txt"), 2) == (
        "policyscore: error: c.txt: cannot tell the records format from extension '.txt' "
        "(known: .csv, .json, .jsonl, .ndjson, .yaml, .yml); use --input-format [PS503]"
    )


def test_no_extension(run, here):
    (here / "customers").write_text(LINES[0], encoding="utf-8")
    assert "cannot tell the records format from no extension" in one_error(score(run, "customers"), 2)


@pytest.mark.parametrize("name", ["c.jsonl", "c.csv"])
def test_invalid_utf8(run, here, name):
    good = LINES[0] if name.endswith("jsonl") else CSV_LINES[0]
    (here / name).write_bytes(good.encode() + b"\n" + b'{"id": "caf\xe9"}\n')
    assert one_error(score(run, name), 1) == (
        f"policyscore: error: {name}:2: not valid UTF-8 (byte 0xe9 at column 12); save the file as UTF-8 [PS504]"
    )


def test_invalid_utf8_in_json(run, here):
    (here / "c.json").write_bytes(b'[\n  {"id": "caf\xe9"}\n]\n')
    assert one_error(score(run, "c.json"), 1) == (
        "policyscore: error: c.json:2: not valid UTF-8 (byte 0xe9 at column 14); save the file as UTF-8 [PS504]"
    )


def test_utf16_is_named(run, here):
    (here / "c.csv").write_bytes("\n".join(CSV_LINES[:2]).encode("utf-16"))
    assert one_error(score(run, "c.csv"), 1) == "policyscore: error: c.csv: the file is UTF-16; save it as UTF-8 [PS504]"


@pytest.mark.parametrize(
    "name, content",
    [
        pytest.param("c.csv", "\n".join(CSV_LINES[:3]) + "\n", id="csv"),
        pytest.param("c.json", "[" + ",\n".join(LINES[:2]) + "]\n", id="json"),
        pytest.param("c.jsonl", "\n".join(LINES[:2]) + "\n", id="jsonl"),
    ],
)
def test_a_bom_is_accepted_silently(run, here, name, content):
    (here / name).write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    result = score(run, name, "--include-ineligible")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("EDGE-01-PERFECT,100.00,best,")
    assert result.stderr.startswith("2 records read: 1 scored, 1 ineligible, 0 rejected")


@pytest.mark.parametrize(
    "name, content",
    [
        pytest.param("c.jsonl", "", id="empty-jsonl"),
        pytest.param("c.jsonl", "\n\n  \n", id="blank-jsonl"),
        pytest.param("c.json", "", id="empty-json"),
        pytest.param("c.json", " [ ]\n", id="empty-array"),
        pytest.param("c.csv", "", id="empty-csv"),
        pytest.param("c.csv", CSV_LINES[0] + "\n", id="header-only-csv"),
        pytest.param("c.yaml", "", id="empty-yaml"),
        pytest.param("c.yaml", "[]\n", id="empty-yaml-list"),
    ],
)
def test_empty_input(run, here, name, content):
    (here / name).write_text(content, encoding="utf-8")
    assert one_error(score(run, name), 1) == f"policyscore: error: {name}: no records found (the input is empty) [PS505]"


def test_empty_stdin(run):
    result = run("score", STARTUP, "-", *AS_OF, input="")
    assert one_error(result, 1) == "policyscore: error: <stdin>: no records found (the input is empty) [PS505]"


def test_duplicate_id(run, here):
    (here / "c.jsonl").write_text("\n".join([LINES[0], LINES[1], LINES[0]]) + "\n", encoding="utf-8")
    assert one_error(score(run, "c.jsonl"), 1) == (
        "policyscore: error: c.jsonl:3, id 'EDGE-01-PERFECT': duplicate id 'EDGE-01-PERFECT' (first seen on line 1) [PS513]"
    )


def test_duplicate_id_in_csv(run, here):
    (here / "c.csv").write_text("\n".join([CSV_LINES[0], CSV_LINES[1], CSV_LINES[1]]) + "\n", encoding="utf-8")
    assert "c.csv:3, id 'EDGE-01-PERFECT': duplicate id 'EDGE-01-PERFECT' (first seen on line 2) [PS513]" in one_error(
        score(run, "c.csv"), 1
    )


@pytest.mark.parametrize(
    "content, message",
    [
        pytest.param('{"id": "A"}\n', "c.json: expected a JSON array of objects (one per customer), got an object [PS507]", id="object"),
        pytest.param('"text"\n', "c.json: expected a JSON array of objects (one per customer), got a string [PS507]", id="string"),
        pytest.param("[1, 2]\n", "c.json:1: a record must be an object, got a number [PS511]", id="numbers"),
        pytest.param("[\n\n  [1]\n]\n", "c.json:3: a record must be an object, got a list [PS511]", id="nested-list"),
        pytest.param('[{"id": "A"},]\n', "c.json:1:14: not valid JSON: Expecting value [PS506]", id="trailing-comma"),
        pytest.param('[{"id": NaN}]\n', "c.json:1: not valid JSON: NaN is not allowed in JSON [PS510]", id="nan-in-a-record"),
        pytest.param("[\n  NaN]\n", "c.json:2:3: not valid JSON: NaN is not allowed in JSON [PS506]", id="nan-as-an-item"),
        pytest.param(
            '{"id": "A"}\n{"id": "B"}\n',
            "c.json:2:1: not valid JSON: Extra data; it looks like JSON Lines: use --input-format jsonl or the .jsonl extension [PS506]",
            id="json-lines-in-a-json-file",
        ),
    ],
)
def test_json_that_is_not_a_list_of_objects(run, here, content, message):
    (here / "c.json").write_text(content, encoding="utf-8")
    assert one_error(score(run, "c.json"), 1) == f"policyscore: error: {message}"


@pytest.mark.parametrize(
    "content, message",
    [
        pytest.param("a: 1\n", "c.yaml: expected a YAML list of records (one per customer), got a mapping [PS507]", id="mapping"),
        pytest.param("- [unclosed\n", "c.yaml:2:1: not valid YAML: ", id="syntax"),
        pytest.param("- just text\n", "c.yaml:1: a record must be an object, got a string [PS511]", id="not-objects"),
    ],
)
def test_yaml_problems(run, here, content, message):
    (here / "c.yaml").write_text(content, encoding="utf-8")
    assert one_error(score(run, "c.yaml"), 1).startswith(f"policyscore: error: {message}")


def test_bad_jsonl_line(run, here):
    (here / "c.jsonl").write_text(LINES[0] + "\n\n{broken\n", encoding="utf-8")
    assert one_error(score(run, "c.jsonl"), 1) == (
        "policyscore: error: c.jsonl:3: not valid JSON: Expecting property name enclosed in double quotes (column 2) [PS510]"
    )


def test_record_without_id(run, here):
    record = json.loads(LINES[0])
    del record["id"]
    (here / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert one_error(score(run, "c.jsonl"), 1) == "policyscore: error: c.jsonl:1: the record has no id (field 'id') [PS512]"


def test_bad_csv_cell_names_row_id_field_and_value(run, here):
    header = CSV_LINES[0].split(",")
    row = next(iter(__import__("csv").reader([CSV_LINES[1]])))
    row[header.index("nps_score")] = "ten"
    (here / "c.csv").write_text(CSV_LINES[0] + "\n" + ",".join(f'"{c}"' for c in row) + "\n", encoding="utf-8")
    assert one_error(score(run, "c.csv"), 1) == (
        "policyscore: error: c.csv:2, id 'EDGE-01-PERFECT': field 'nps_score' must be a whole number, got 'ten' [PS404]"
    )


def test_csv_row_with_missing_cells(run, here):
    (here / "c.csv").write_text(CSV_LINES[0] + "\n" + CSV_LINES[1] + "\nEDGE-X,short\n", encoding="utf-8")
    assert one_error(score(run, "c.csv"), 1) == (
        f"policyscore: error: c.csv:3, id 'EDGE-X': the row has 2 cells but the header has {CSV_LINES[0].count(',') + 1} columns [PS514]"
    )


def test_csv_header_with_a_repeated_column(run, here):
    (here / "c.csv").write_text("id,name,id\n1,a,1\n", encoding="utf-8")
    assert one_error(score(run, "c.csv"), 1) == "policyscore: error: c.csv:1: the CSV header names column 'id' twice [PS508]"


def test_a_record_the_policy_rejects(run, here):
    (here / "c.jsonl").write_text(json.dumps(dict(json.loads(LINES[0]), renewals_count="six")) + "\n", encoding="utf-8")
    message = one_error(score(run, "c.jsonl"), 1)
    assert message.startswith("policyscore: error: c.jsonl:1, id 'EDGE-01-PERFECT': field 'renewals_count' ")
    assert message.endswith("[PS401]")


def test_unknown_id(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C99999")
    assert one_error(result, 1) == f"policyscore: error: no customer with id 'C99999' in {JSONL}"


def test_debug_shows_the_traceback(run, here):
    result = run("score", STARTUP, "nope.jsonl", "--debug")
    assert result.exit_code == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "policyscore.errors.InputError: records file not found: nope.jsonl" in result.stderr
    assert result.stderr.endswith("policyscore: error: records file not found: nope.jsonl [PS501]\n")


def test_missing_policy(run, here):
    result = run("score", "nope.yaml", JSONL)
    assert one_error(result, 1) == "policyscore: error: policy file not found: nope.yaml [PS001]"


def test_invalid_policy_prints_the_full_rendering(run, here):
    (here / "p.yaml").write_text(
        "policy: p\nversion: 1\nrecord:\n  fields:\n    balance: number\nfactors:\n"
        "  - id: size\n    weight: 10\n    value: balanse / 10\n",
        encoding="utf-8",
    )
    result = run("explain", "p.yaml", JSONL, "--id", "X")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "p.yaml:9:12: error: unknown name 'balanse' [PS201]\n"
        "  |\n"
        "9 |     value: balanse / 10\n"
        "  |            ^^^^^^^\n"
        "  = hint: did you mean 'balance'?\n"
        "\n"
        "policyscore: error: p.yaml is not a valid policy (1 error)\n"
    )


def test_output_into_a_missing_folder(run, here):
    result = score(run, JSONL, "--output", "no/such/folder/out.csv")
    assert one_error(result, 1) == "policyscore: error: cannot write no/such/folder/out.csv: No such file or directory [PS520]"


def test_failed_run_leaves_no_output_file(run, here):
    (here / "c.jsonl").write_text(LINES[0] + "\n{broken\n", encoding="utf-8")
    result = score(run, "c.jsonl", "--output", "out.csv")
    assert result.exit_code == 1
    assert sorted(p.name for p in here.iterdir()) == ["c.jsonl"]


def test_yaml_values_that_cannot_be_built_are_rejected(run, here):
    (here / "c.yaml").write_text("- id: a\n  seats: !!float many\n- id: b\n  x: !!python/name:os.system\n", encoding="utf-8")
    result = score(run, "c.yaml", "--on-error", "skip")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "rejected: c.yaml:1, id 'a': the record cannot be read as YAML: 'many' is not a decimal number [PS510]",
        "rejected: c.yaml:3, id 'b': the record cannot be read as YAML: the tag tag:yaml.org,2002:python/name:os.system "
        "is not supported in records [PS510]",
        "2 records read: 0 scored, 0 ineligible, 2 rejected; 0 shown",
        "tiers: best 0, good 0, fair 0, low 0",
        "policyscore: error: every record of c.yaml was rejected: nothing was scored",
    ]
