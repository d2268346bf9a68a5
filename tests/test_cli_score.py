"""`policyscore score`: every output format and option, against rules/ and examples/."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from policyscore.cli.score import Progress

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
BALANCED = ROOT / "rules" / "balanced-portfolio.yaml"
JSONL = ROOT / "examples" / "customers.jsonl"
CSV = ROOT / "examples" / "customers.csv"
AS_OF = ("--as-of", "2026-11-01")
FACTORS = ["purchase_size", "buyer_persona", "advocacy", "satisfaction", "repurchase", "upsell", "seat_expansion", "ease_of_service"]


def table_rows(stdout: str) -> list[list[str]]:
    """The body rows of a plain-text table (after the dashed rule)."""
    lines = stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    return [line.split() for line in lines[rule + 1 :] if line.strip()]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def summary_counts(stderr: str) -> dict[str, int]:
    first = stderr.splitlines()[0]  # "324 records read: 210 scored, 114 ineligible, 0 rejected; 5 shown"
    read, rest = first.split(" records read: ")
    counts = {"read": int(read)}
    for part in rest.replace(";", ",").split(", "):
        n, word = part.split(" ", 1)
        counts[word] = int(n)
    return counts


def test_table_golden(run, golden):
    result = run("score", STARTUP, JSONL, *AS_OF, "--top", "10")
    assert result.exit_code == 0
    golden("score_startup_top10.txt", result.stdout)
    assert result.stderr == (
        "324 records read: 210 scored, 114 ineligible, 0 rejected; 10 shown\ntiers: best 4, good 62, fair 99, low 45\n"
    )


def test_table_is_sorted_by_score_then_id_and_names_the_run(run):
    result = run("score", STARTUP, JSONL, *AS_OF)
    assert result.exit_code == 0
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith("policy startup-us-ca version 1 (sha256 ")
    assert first_line.endswith("), as of 2026-11-01")
    lines = result.stdout.splitlines()
    rows = table_rows("\n".join(lines[:-2]))  # the last line is the clamp note
    assert len(rows) == 210  # ineligible customers are left out
    keys = [(-float(r[1]), r[0]) for r in rows]
    assert keys == sorted(keys)
    # EDGE-01-PERFECT: 100 points of factors + 3 of adjustments = 103, clamped to 100
    assert rows[0] == [
        "EDGE-01-PERFECT",
        "100.00",
        "best",
        "20.00",
        "20.00",
        "10.00",
        "10.00",
        "15.00",
        "10.00",
        "5.00",
        "10.00",
        "+3.00",
        "103.00",
    ]
    assert len(rows[1]) == 3 + len(FACTORS) + 1  # adjustments; no clamp
    # EDGE-01-PERFECT above 100 and EDGE-13-DETRACTOR-FAR-WEST below 0
    assert lines[-1] == "2 scores clamped: 'clamped from' is the sum of the columns, the score is kept at least 0 and at most 100"


def test_summary_adds_up(run):
    result = run("score", BALANCED, CSV, *AS_OF, "--format", "csv")
    counts = summary_counts(result.stderr)
    assert counts["read"] == counts["scored"] + counts["ineligible"] + counts["rejected"] == 324
    tiers = result.stderr.splitlines()[1]
    assert tiers.startswith("tiers: cornerstone ")
    assert sum(int(x.rsplit(" ", 1)[1]) for x in tiers[len("tiers: ") :].split(", ")) == counts["scored"]


def test_include_ineligible_shows_failed_filters(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--include-ineligible", "--format", "csv")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in csv_rows(result.stdout)}
    assert len(rows) == 324
    outside = rows["EDGE-02-OUTSIDE-US-CA"]
    assert (outside["score"], outside["tier"], outside["failed_filters"]) == ("", "", "home_market")
    assert all(outside[f] == "" for f in FACTORS)
    assert rows["EDGE-01-PERFECT"]["failed_filters"] == ""
    ids = list(rows)
    assert ids.index("EDGE-02-OUTSIDE-US-CA") > max(i for i, r in enumerate(rows.values()) if r["score"])


def test_include_ineligible_in_the_table(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--include-ineligible")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[2:4]
    assert header[0].rstrip().endswith("failed") and header[1].rstrip().endswith("filters")
    line = next(line for line in result.stdout.splitlines() if line.startswith("EDGE-03-CHURNED-OLD "))
    assert line.split() == ["EDGE-03-CHURNED-OLD", "not_churned"]


def test_tier_filter(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--tier", "good", "--format", "csv")
    assert result.exit_code == 0
    rows = csv_rows(result.stdout)
    assert len(rows) == 62
    assert {r["tier"] for r in rows} == {"good"}
    assert "62 shown" in result.stderr


def test_csv_output_has_one_column_per_factor_and_the_as_of_date(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "csv", "--top", "3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "id,score,tier," + ",".join(FACTORS) + ",adjustments,clamped_from,as_of"
    assert lines[1] == "EDGE-01-PERFECT,100.00,best,20.00,20.00,10.00,10.00,15.00,10.00,5.00,10.00,+3.00,103.00,2026-11-01"
    assert len(lines) == 4


def test_markdown_output(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "markdown", "--top", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Policy **startup-us-ca** version 1 (sha256 `")
    assert lines[0].endswith("as of **2026-11-01**")
    assert lines[2].startswith("| id ") and " purchase_size |" in lines[2]
    assert lines[3].startswith("|:---")
    assert (
        lines[4].startswith("| EDGE-01-PERFECT ") and "|  100.00 |" in lines[4] and lines[4].endswith("|         +3.00 |         103.00 |")
    )
    assert lines[2].endswith("|   adjustments |   clamped from |")
    assert lines[-1] == "_1 score clamped: 'clamped from' is the sum of the columns, the score is kept at least 0 and at most 100_"
    assert len(lines) == 8


def test_jsonl_streams_full_explanations_in_input_order(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 210
    docs = [json.loads(line) for line in lines]
    input_ids = [json.loads(line)["id"] for line in JSONL.read_text(encoding="utf-8").splitlines()]
    eligible = [d["id"] for d in docs]
    assert eligible == [i for i in input_ids if i in set(eligible)]  # input order
    assert all(d["as_of"] == "2026-11-01" and d["eligible"] for d in docs)
    assert {"filters", "factors", "adjustments", "total", "reasons", "policy", "engine"} <= set(docs[0])
    assert lines[0] == json.dumps(docs[0], sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_json_is_an_array_of_explanations(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "json", "--include-ineligible")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert len(docs) == 324
    assert docs[1]["id"] == "EDGE-02-OUTSIDE-US-CA" and docs[1]["eligible"] is False


def test_json_with_nothing_to_show_is_an_empty_array(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "json", "--tier", "best", "--top", "1")
    assert json.loads(result.stdout)[0]["id"] == "EDGE-01-PERFECT"
    ineligible = "\n".join(JSONL.read_text(encoding="utf-8").splitlines()[1:3]) + "\n"
    none = run("score", STARTUP, "-", *AS_OF, "--format", "json", input=ineligible)
    assert none.exit_code == 0
    assert none.stdout == "[]\n"
    assert json.loads(none.stdout) == []


def test_top_with_jsonl_is_sorted_by_score(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "jsonl", "--top", "3")
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["EDGE-01-PERFECT", "EDGE-20-SLOW-PAYER", "C00300"]
    assert "3 shown" in result.stderr


def test_output_file_and_determinism(run, tmp_path):
    outputs = []
    for n in (1, 2):
        target = tmp_path / f"out{n}.jsonl"
        result = run("score", STARTUP, JSONL, *AS_OF, "--format", "jsonl", "--output", target)
        assert result.exit_code == 0
        assert result.stdout == ""
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out1.jsonl", "out2.jsonl"]  # no temporary left behind


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "jsonl"])
def test_csv_and_jsonl_inputs_give_the_same_scores(run, fmt):
    args = (*AS_OF, "--format", fmt, "--include-ineligible")
    from_csv = run("score", STARTUP, CSV, *args)
    from_jsonl = run("score", STARTUP, JSONL, *args)
    assert from_csv.exit_code == from_jsonl.exit_code == 0
    if fmt == "jsonl":
        pick = [(d["id"], d["score"], d["tier"], d["total"]) for d in map(json.loads, from_csv.stdout.splitlines())]
        assert pick == [(d["id"], d["score"], d["tier"], d["total"]) for d in map(json.loads, from_jsonl.stdout.splitlines())]
    else:
        assert from_csv.stdout == from_jsonl.stdout


def test_stdin_is_read_as_jsonl(run):
    text = "\n".join(JSONL.read_text(encoding="utf-8").splitlines()[:3]) + "\n"
    result = run("score", STARTUP, "-", *AS_OF, "--format", "csv", "--include-ineligible", input=text)
    assert result.exit_code == 0
    assert [r["id"] for r in csv_rows(result.stdout)] == ["EDGE-01-PERFECT", "EDGE-02-OUTSIDE-US-CA", "EDGE-03-CHURNED-OLD"]


def test_stdin_with_input_format(run):
    result = run("score", STARTUP, "-", *AS_OF, "--input-format", "csv", "--top", "1", "--format", "csv", input=CSV.read_bytes())
    assert result.exit_code == 0
    assert csv_rows(result.stdout)[0]["id"] == "EDGE-01-PERFECT"


def test_input_format_overrides_the_extension(run, tmp_path):
    data = tmp_path / "customers.txt"
    data.write_bytes(CSV.read_bytes())
    result = run("score", STARTUP, data, *AS_OF, "--input-format", "csv", "--format", "csv", "--top", "1")
    assert result.exit_code == 0
    assert csv_rows(result.stdout)[0]["id"] == "EDGE-01-PERFECT"


def test_yaml_and_json_inputs(run, tmp_path):
    import yaml

    records = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()[:5]]
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    outputs = []
    for name in ("c.yaml", "c.json"):
        result = run("score", STARTUP, tmp_path / name, *AS_OF, "--format", "csv", "--include-ineligible")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith("5 records read: ")
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


def test_as_of_defaults_to_today(run):
    result = run("score", STARTUP, JSONL, "--format", "csv", "--top", "1")
    assert result.exit_code == 0
    assert csv_rows(result.stdout)[0]["as_of"] == date.today().isoformat()


def test_skip_reports_rejects_on_stderr_and_counts_them(run, tmp_path):
    lines = JSONL.read_text(encoding="utf-8").splitlines()[:4]
    bad = json.loads(lines[2])
    bad["nps_score"] = "ten"
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join([lines[0], lines[1], json.dumps(bad), "{oops", lines[3]]) + "\n", encoding="utf-8")
    result = run("score", STARTUP, data, *AS_OF, "--on-error", "skip", "--format", "csv")
    assert result.exit_code == 0
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert rejected == [
        f"rejected: {data}:3, id 'EDGE-03-CHURNED-OLD': field 'nps_score' must be a whole number, got string 'ten' [PS401]",
        f"rejected: {data}:4: not valid JSON: Expecting property name enclosed in double quotes (column 2) [PS510]",
    ]
    counts = summary_counts(result.stderr.splitlines()[-2])
    assert counts == {"read": 5, "scored": 1, "ineligible": 2, "rejected": 2, "shown": 1}


def test_rejects_file(run, tmp_path):
    lines = JSONL.read_text(encoding="utf-8").splitlines()[:2]
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join([lines[0], lines[1], lines[0]]) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    result = run("score", STARTUP, data, *AS_OF, "--on-error", "skip", "--rejects", rejects)
    assert result.exit_code == 0
    assert "rejected:" not in result.stderr
    (entry,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert entry["code"] == "PS513"
    assert entry["row"] == 3 and entry["id"] == "EDGE-01-PERFECT"
    assert entry["reason"] == "duplicate id 'EDGE-01-PERFECT' (first seen on line 1)"
    assert entry["record"]["id"] == "EDGE-01-PERFECT"


def test_every_record_rejected_is_an_error(run, tmp_path):
    data = tmp_path / "c.jsonl"
    data.write_text('{"name": "no id"}\n[1]\n', encoding="utf-8")
    result = run("score", STARTUP, data, *AS_OF, "--on-error", "skip", "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"policyscore: error: every record of {data} was rejected: nothing was scored"


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["--as-of", "2026-13-01"], "'2026-13-01' is not a date in the form YYYY-MM-DD", id="bad-as-of"),
        pytest.param(["--as-of", "1 Nov 2026"], "is not a date in the form YYYY-MM-DD", id="as-of-words"),
        pytest.param(["--tier", "gold"], "'gold' is not a tier of startup-us-ca (best, good, fair, low)", id="unknown-tier"),
        pytest.param(["--top", "0"], "0 is not in the range x>=1", id="top-zero"),
        pytest.param(["--format", "xml"], "'xml' is not one of", id="unknown-format"),
        pytest.param(["--rejects", "r.jsonl"], "--rejects: needs --on-error skip", id="rejects-without-skip"),
        pytest.param(["--input-format", "xls"], "'xls' is not one of", id="unknown-input-format"),
    ],
)
def test_usage_mistakes_exit_2(run, args, message):
    result = run("score", STARTUP, JSONL, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_missing_arguments_exit_2(run):
    result = run("score", STARTUP)
    assert result.exit_code == 2
    assert "Missing argument 'RECORDS'" in result.stderr


def test_progress_counter_only_on_a_terminal(run, capsys):
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "csv")
    assert "scoring:" not in result.stderr  # CliRunner's stderr is not a terminal
    progress = Progress()
    progress.active = True
    for count in range(1, 6001):
        progress.tick(count)
    progress.done()
    err = capsys.readouterr().err
    assert "\rscoring: 5000 records read" in err and "\rscoring: 6000 records read" in err
    assert "4000 records" not in err


@pytest.mark.parametrize("policy_name", ["startup-us-ca", "balanced-portfolio", "subscription-health"])
def test_csv_columns_add_up_to_the_score(run, policy_name):
    """factor points + adjustments = the score, or the clamped_from sum when the score was clamped."""
    result = run("score", ROOT / "rules" / f"{policy_name}.yaml", JSONL, *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    rows = csv_rows(result.stdout)
    policy_factors = [c for c in rows[0] if c not in ("id", "score", "tier", "adjustments", "clamped_from", "as_of")]
    clamped = 0
    for row in rows:
        total = sum(Decimal(row[f]) for f in policy_factors) + Decimal(row["adjustments"])
        if row["clamped_from"]:
            clamped += 1
            assert Decimal(row["clamped_from"]) == total != Decimal(row["score"]), row["id"]
        else:
            assert total == Decimal(row["score"]), row["id"]
    assert clamped >= 1  # EDGE-01-PERFECT tops out in every policy


def test_columns_carry_record_fields_into_every_format(run, tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(
        "".join(json.dumps(r) + "\n" for r in _with_extras(JSONL, {"EDGE-01-PERFECT": {"segment": "smb", "billing": {"plan": "pro|x"}}})),
        encoding="utf-8",
    )
    cols = ("--columns", "name,segment,billing.plan")
    table = run("score", STARTUP, records, *AS_OF, "--top", "1", *cols)
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    header, row = lines[2], lines[5]
    assert header.split()[:5] == ["id", "name", "segment", "billing.plan", "score"]
    assert row.startswith("EDGE-01-PERFECT  Edge 01: Ideal customer") and " smb " in row and " pro|x " in row
    csv_out = run("score", STARTUP, records, *AS_OF, "--top", "2", "--format", "csv", *cols)
    first, second = csv_rows(csv_out.stdout)
    assert list(first)[:5] == ["id", "name", "segment", "billing.plan", "score"]
    assert (first["segment"], first["billing.plan"], second["segment"]) == ("smb", "pro|x", "")
    md = run("score", STARTUP, records, *AS_OF, "--top", "1", "--format", "markdown", *cols)
    assert "| smb " in md.stdout and "pro\\|x" in md.stdout
    jsonl = run("score", STARTUP, records, *AS_OF, "--top", "1", "--format", "jsonl", *cols)
    doc = json.loads(jsonl.stdout)
    assert doc["fields"] == {"name": first["name"], "segment": "smb", "billing.plan": "pro|x"}


def _with_extras(path: Path, extras: dict[str, dict]) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        out.append(dict(record, **extras.get(record["id"], {})))
    return out


def test_columns_with_an_empty_name_is_a_usage_mistake(run):
    result = run("score", STARTUP, JSONL, *AS_OF, "--columns", "name,,segment")
    assert result.exit_code == 2
    assert "--columns" in result.stderr and "empty field name" in result.stderr


def test_jsonl_says_which_file_and_line_each_record_came_from(run):
    result = run("score", STARTUP, CSV, *AS_OF, "--format", "jsonl")
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    lines = CSV.read_text(encoding="utf-8").splitlines()
    for d in docs:
        assert d["source"]["file"] == str(CSV)
        # the header is line 1; the record's row starts with its id
        assert lines[d["source"]["line"] - 1].startswith(d["id"] + ","), d["id"]
    validator = Draft202012Validator(json.loads((ROOT / "schemas" / "explanation.schema.json").read_text(encoding="utf-8")))
    assert [e.message for d in docs[:20] for e in validator.iter_errors(d)] == []
    ranked = json.loads(run("score", STARTUP, JSONL, *AS_OF, "--format", "json", "--top", "1").stdout)[0]
    assert ranked["source"] == {"file": str(JSONL), "line": 1}  # EDGE-01-PERFECT is the first line
