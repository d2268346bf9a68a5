"""`policyscore explain`: one customer's score taken apart, as text, Markdown or JSON, with --trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
SUBSCRIPTION = ROOT / "rules" / "subscription-health.yaml"
JSONL = ROOT / "examples" / "customers.jsonl"
CSV = ROOT / "examples" / "customers.csv"
AS_OF = ("--as-of", "2026-11-01")


@pytest.mark.parametrize(
    "customer",
    [
        pytest.param("C00250", id="ordinary-customer"),
        pytest.param("EDGE-10-ALL-NULLS", id="missing-data"),
        pytest.param("EDGE-02-OUTSIDE-US-CA", id="ineligible"),
        pytest.param("EDGE-01-PERFECT", id="clamped-and-top-tier"),
    ],
)
def test_explain_text_golden(run, golden, customer):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", customer)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(f"explain_startup_{customer}.txt", result.stdout)


def test_explain_trace_golden(run, golden):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--trace")
    assert result.exit_code == 0
    golden("explain_startup_C00250_trace.txt", result.stdout)


def test_text_names_the_tier_gap_and_reasons(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "EDGE-10-ALL-NULLS")
    out = result.stdout
    assert out.startswith("Customer EDGE-10-ALL-NULLS: score 33.86 of 100, tier low (1.14 points short of fair)\n")
    assert "\nWhy\n  1. buyer_persona: 6 of 20 points; no value (" in out
    assert "      rule   country in home_countries\n" in out
    assert "      read   country = 'US'\n" in out
    assert "      value  unknown; 'renewal_likelihood' is null; counted as 0.35\n" in out
    assert "  [applied] dormant_account: -3.00 points\n" in out
    assert "  next tier      fair from 35: 1.14 points short\n" in out


def test_bands_mark_the_one_that_matched(run):
    out = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250").stdout
    assert "             > when industry in target_industries and (senior_buyer or buyer_department\n" in out
    assert "                 in champion_departments): 0.7\n" in out
    assert "             - otherwise: 0.1\n" in out


def test_several_ids_in_the_order_given(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00002", "--id", "C00001", "--id", "C00002")
    assert result.exit_code == 0
    heads = [line for line in result.stdout.splitlines() if line.startswith("Customer ")]
    assert [h.split(":")[0] for h in heads] == ["Customer C00002", "Customer C00001"]


def test_json_one_id_is_the_explanation_object(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "C00250" and doc["as_of"] == "2026-11-01" and doc["tier"] == "good"
    assert "trace" not in doc
    assert result.stdout == json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_json_several_ids_is_an_array_and_trace_is_added(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--id", "EDGE-02-OUTSIDE-US-CA", "--format", "json", "--trace")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert [d["id"] for d in docs] == ["C00250", "EDGE-02-OUTSIDE-US-CA"]
    labels = [t["label"] for t in docs[0]["trace"]]
    assert labels[0] == "derived value tenure_months"
    assert "factor buyer_persona, band 2" in labels and "factor buyer_persona, band 3" not in labels
    # An ineligible customer's trace stops after the filters.
    assert [t["label"].split(" ")[0] for t in docs[1]["trace"]][-1] == "filter"
    tree = next(t["tree"] for t in docs[0]["trace"] if t["label"] == "filter home_market")
    assert tree == {
        "expression": "country in home_countries",
        "evaluated": True,
        "value": True,
        "children": [
            {"expression": "country", "evaluated": True, "value": "US", "children": []},
            {"expression": "home_countries", "evaluated": True, "value": ["US", "CA"], "children": []},
        ],
    }


def test_markdown(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00001", "--format", "markdown", "--trace")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("## Customer `C00001`\n\n**score 47.40 of 100, tier fair (7.6 points short of good)**\n")
    assert "| home_market | pass | `country in home_countries` | country = 'US'<br>home_countries = ['US', 'CA'] |" in out
    assert "### Factors" in out and "### Adjustments" in out and "### Trace" in out
    assert "- **score: 47.40**, tier **fair**" in out


def test_csv_input_explains_the_same(run):
    args = ("--id", "EDGE-10-ALL-NULLS", "--id", "C00117", *AS_OF)
    from_csv = run("explain", STARTUP, CSV, *args)
    from_jsonl = run("explain", STARTUP, JSONL, *args)
    assert from_csv.exit_code == from_jsonl.exit_code == 0
    assert from_csv.stdout == from_jsonl.stdout


def test_other_policy(run):
    result = run("explain", SUBSCRIPTION, JSONL, *AS_OF, "--id", "EDGE-18-SUPER-REFERRER")
    assert result.exit_code == 0
    assert result.stdout.startswith("Customer EDGE-18-SUPER-REFERRER: score ")
    assert "policy subscription-health version 1" in result.stdout


def test_numeric_ids_match(run, tmp_path):
    data = tmp_path / "c.jsonl"
    record = json.loads(JSONL.read_text(encoding="utf-8").splitlines()[0])
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "policy: p\nversion: 1\nrecord:\n  fields:\n    id: integer\n    nps_score: integer?\n"
        "factors:\n  - id: nps\n    weight: 10\n    missing: 0.5\n    value: nps_score / 10\n",
        encoding="utf-8",
    )
    data.write_text(json.dumps(dict(record, id=42)) + "\n", encoding="utf-8")
    result = run("explain", policy, data, *AS_OF, "--id", "42")
    assert result.exit_code == 0
    assert result.stdout.startswith("Customer 42: score 10.00\n")
    assert "  score          10.00\n" in result.stdout and "tier" not in result.stdout


def test_unknown_id_is_an_error(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "NOPE")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"policyscore: error: no customer with id 'NOPE' in {JSONL}\n"


def test_several_unknown_ids(run):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "NOPE", "--id", "C00001", "--id", "ALSO-NOPE")
    assert result.exit_code == 1
    assert result.stderr == f"policyscore: error: no customers with ids 'NOPE', 'ALSO-NOPE' in {JSONL}\n"


def test_id_is_required(run):
    result = run("explain", STARTUP, JSONL)
    assert result.exit_code == 2
    assert "Missing option '--id'" in result.stderr


def test_a_record_the_policy_rejects(run, tmp_path):
    record = json.loads(JSONL.read_text(encoding="utf-8").splitlines()[0])
    data = tmp_path / "c.jsonl"
    data.write_text("\n" + json.dumps(dict(record, signup_date="someday")) + "\n", encoding="utf-8")
    result = run("explain", STARTUP, data, *AS_OF, "--id", "EDGE-01-PERFECT")
    assert result.exit_code == 1
    assert result.stderr == (
        f"policyscore: error: the customer was rejected: {data}:2, id 'EDGE-01-PERFECT': "
        "field 'signup_date' must be a date (YYYY-MM-DD), got string 'someday' [PS401]\n"
    )


def test_other_bad_rows_are_counted_not_fatal(run, tmp_path):
    lines = JSONL.read_text(encoding="utf-8").splitlines()[:2]
    record = json.loads(lines[1])
    bad_value = json.dumps(dict(record, id="BAD-DATE", signup_date="someday"))
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join([lines[0], "not json", lines[1], bad_value, lines[1]]) + "\n", encoding="utf-8")
    # line 2 is not JSON, line 5 repeats the id of line 3: neither is the customer asked for
    noted = run("explain", STARTUP, data, *AS_OF, "--id", "EDGE-01-PERFECT")
    assert noted.exit_code == 0, noted.stderr
    assert noted.stdout.startswith("Customer EDGE-01-PERFECT: score 100.00 of 100, tier best (the highest tier)\n")
    assert noted.stderr.startswith(f"note: 2 other records of {data} cannot be read and were not needed (first: {data}:2: not valid JSON")
    assert noted.stderr.rstrip().endswith("--on-error skip lists them")
    skipped = run("explain", STARTUP, data, *AS_OF, "--id", "EDGE-01-PERFECT", "--on-error", "skip")
    assert skipped.exit_code == 0
    assert skipped.stderr.startswith(f"rejected: {data}:2: not valid JSON: ")
    assert skipped.stderr.count("rejected: ") == 2
    assert skipped.stdout == noted.stdout
    # the customer's own bad record is still an error, whatever the other rows hold
    own = run("explain", STARTUP, data, *AS_OF, "--id", "BAD-DATE")
    assert own.exit_code == 1
    assert "id 'BAD-DATE': field 'signup_date' must be a date" in own.stderr


def test_a_filter_that_could_not_be_checked_says_why(run):
    balanced = ROOT / "rules" / "balanced-portfolio.yaml"
    result = run("explain", balanced, JSONL, *AS_OF, "--id", "EDGE-05-CHURNED-NO-DATE")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Customer EDGE-05-CHURNED-NO-DATE: not eligible: failed current_or_recent\n")
    assert "  [FAIL, unknown] current_or_recent\n" in out
    assert "      why    unknown: 'churned_on' is null\n" in out


def test_compact_text_golden(run, golden):
    ids = ("--id", "C00250", "--id", "EDGE-10-ALL-NULLS", "--id", "EDGE-02-OUTSIDE-US-CA")
    result = run("explain", STARTUP, JSONL, *AS_OF, *ids, "--compact")
    assert result.exit_code == 0, result.stderr
    golden("explain_startup_compact.txt", result.stdout)


def test_compact_is_the_headline_the_reasons_and_a_line_per_factor(run):
    full = run("explain", STARTUP, JSONL, *AS_OF, "--id", "EDGE-10-ALL-NULLS").stdout
    out = run("explain", STARTUP, JSONL, *AS_OF, "--id", "EDGE-10-ALL-NULLS", "--compact").stdout
    lines = out.splitlines()
    assert lines[0] == full.splitlines()[0]
    why = full[full.index("\nWhy\n") : full.index("\n\nFilters")]
    assert why in out  # the same reasons, word for word
    factors = lines[lines.index("Factors") + 1 :]
    assert [line.split()[0] for line in factors] == [
        "purchase_size", "buyer_persona", "advocacy", "satisfaction", "repurchase", "upsell", "seat_expansion", "ease_of_service",
    ]  # fmt: skip
    assert "  buyer_persona     6.00 of 20  unknown, counted as 0.3" in factors
    assert "Filters" not in out and "Derived values" not in out and "Adjustments" not in out
    ineligible = run("explain", STARTUP, JSONL, *AS_OF, "--id", "EDGE-02-OUTSIDE-US-CA", "--compact").stdout
    assert "Factors" not in ineligible and "\nWhy not\n  1. home_market failed: " in ineligible


@pytest.mark.parametrize("extra", [("--format", "markdown"), ("--format", "json"), ("--trace",)])
def test_compact_goes_with_plain_text_only(run, extra):
    result = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--compact", *extra)
    assert result.exit_code == 2
    assert "--compact goes with --format text and without --trace" in result.stderr


def test_a_let_shows_the_inputs_it_read(run):
    d = json.loads(run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--format", "json").stdout)
    lets = {x["name"]: x["inputs"] for x in d["lets"]}
    assert lets["tenure_months"] == {"signup_date": "2025-11-16", "as_of": "2026-11-01"}
    assert lets["months_into_contract_year"] == {"tenure_months": 11}
    assert lets["seat_utilisation"] == {"seats_used": 1174, "seats_purchased": 1396}
    assert set(lets["senior_buyer"]) == {"buyer_title", "senior_title_pattern"}
    text = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250").stdout
    assert "                              read seats_purchased = 1396\n                                   seats_used = 1174\n" in text
    md = run("explain", STARTUP, JSONL, *AS_OF, "--id", "C00250", "--format", "markdown").stdout
    assert "| months_into_contract_year | 11 | `tenure_months % 12` | tenure_months = 11 |" in md


def test_markdown_keeps_the_plain_language_descriptions(run):
    md = run("explain", STARTUP, JSONL, *AS_OF, "--id", "EDGE-10-ALL-NULLS", "--format", "markdown").stdout
    assert "\n- **not_churned**: The customer has not left us.\n" in md
    assert "\n- **payment_overdue**: An invoice is currently overdue.\n" in md
    # the factor's description, folded onto one line, under the factors table and before the adjustments
    advocacy = md.index("- **advocacy**: Whether the customer speaks for us in public: agreeing to be a reference for")
    assert md.index("### Factors") < advocacy < md.index("### Adjustments")
