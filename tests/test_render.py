"""policyscore.render.results: tables, CSV, explanations and diagnostics as text (no click, no printing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.engine.traces import trace_of
from policyscore.errors import Diagnostic, Span
from policyscore.render import results as render
from policyscore.render import scores

ROOT = Path(__file__).resolve().parent.parent

POLICY = """\
policy: tiny
version: 3
record:
  fields:
    id: string
    amount: number?
    vip: boolean
filters:
  - id: has_amount
    when: amount is not null
factors:
  - id: big_amount
    weight: 60
    value: amount / 1000
  - id: vip_status
    weight: 40
    bands:
      - when: vip
        value: 1
        label: vip
      - else: 0.25
score:
  decimals: 1
tiers:
  - name: gold
    min: 80
  - name: silver
    min: 0
"""


@pytest.fixture(scope="module")
def policy():
    return ps.load_policy_text(POLICY, "tiny.yaml")


def results(policy, *records):
    return list(policy.score_many(records, "2026-11-01"))


def test_dumps_is_deterministic_and_sorted():
    assert render.dumps({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'
    assert render.dumps({"b": 1, "a": 2}, pretty=True) == '{\n  "a": 2,\n  "b": 1\n}'


def test_sort_key_orders_by_score_then_id_with_ineligible_last():
    rows = [
        render.Row("b", 50, "x", (50,), ()),
        render.Row("a", 50, "x", (50,), ()),
        render.Row("z", None, None, None, ("f",)),
        render.Row(10, 50, "x", (50,), ()),
        render.Row("c", 70.5, "x", (70.5,), ()),
        render.Row("y", None, None, None, ("f",)),
    ]
    assert [r.id for r in sorted(rows, key=render.sort_key)] == ["c", 10, "a", "b", "y", "z"]


def test_table_csv_and_markdown(policy):
    rows = sorted(
        (
            render.row_of(r)
            for r in results(
                policy, {"id": "a", "amount": 500, "vip": True}, {"id": "b", "vip": False}, {"id": "c", "amount": 2000, "vip": False}
            )
        ),
        key=render.sort_key,
    )
    table = render.results_table(policy, rows, "2026-11-01", include_ineligible=True)
    assert table.splitlines() == [
        "policy tiny version 3 (sha256 " + policy.sha256[:12] + "), as of 2026-11-01",
        "",
        "id      score  tier         big       vip  failed",
        "                         amount    status  filters",
        "----  -------  ------  --------  --------  ----------",
        "a        70.0  silver      30.0      40.0",
        "c        70.0  silver      60.0      10.0",
        "b                                          has_amount",
    ]
    assert render.results_csv(policy, rows, "2026-11-01").splitlines() == [
        "id,score,tier,big_amount,vip_status,as_of",
        "a,70.0,silver,30.0,40.0,2026-11-01",
        "c,70.0,silver,60.0,10.0,2026-11-01",
        "b,,,,,2026-11-01",
    ]
    markdown = render.results_markdown(policy, rows[:1], "2026-11-01")
    assert markdown.splitlines()[2:] == [
        "| id   |   score | tier   |   big_amount |   vip_status |",
        "|:-----|--------:|:-------|-------------:|-------------:|",
        "| a    |    70.0 | silver |         30.0 |         40.0 |",
    ]


def test_empty_table(policy):
    assert render.results_table(policy, [], "2026-11-01").endswith("\n\n(no customers to show)\n")


def test_explanation_text_for_a_tiny_policy(policy):
    (result,) = results(policy, {"id": "a", "amount": 1500, "vip": False})
    text = render.explanation_text(result.to_dict(), policy)
    assert text.startswith("Customer a: score 70.0, tier silver (10 points short of gold)\n")
    assert "      value  1.5, more than 1, so counted as 1\n" in text
    assert "             - when vip: 1 (vip)\n             > otherwise: 0.25\n" in text
    assert "  factor points  70.0\n  adjustments    +0.0\n  score          70.0\n" in text


def test_explanation_text_when_ineligible(policy):
    (result,) = results(policy, {"id": "b", "vip": True})
    text = render.explanation_text(result.to_dict(), policy)
    assert text.startswith("Customer b: not eligible: failed has_amount\n")
    assert "  [FAIL] has_amount\n" in text
    assert "Factors" not in text and "Total" not in text


def test_explanation_markdown(policy):
    (result,) = results(policy, {"id": "a|b", "amount": 900, "vip": True})
    md = render.explanation_markdown(result.to_dict(), policy)
    assert md.startswith("## Customer `a|b`\n\n**score 94.0, tier gold (the highest tier)**\n")
    assert "| vip_status | 40.0 | 40.0 | 1 | `vip` | vip = true |" in md


def test_trace_skips_constants_and_shows_what_was_not_evaluated(policy):
    (result,) = results(policy, {"id": "a", "amount": 500, "vip": True})
    trace = trace_of(result)
    assert [t["label"] for t in trace] == ["filter has_amount", "factor big_amount", "factor vip_status, band 1"]
    text = render.explanation_text(result.to_dict(), policy, trace)
    assert text.endswith(
        "Trace: the value of every part of every rule\n"
        "  filter has_amount\n"
        "    amount is not null = true\n"
        "      amount = 500\n"
        "  factor big_amount\n"
        "    amount / 1000 = 0.5\n"
        "      amount = 500\n"
        "  factor vip_status, band 1\n"
        "    vip = true\n"
    )
    short_circuit = {
        "expression": "a or b",
        "evaluated": True,
        "value": True,
        "children": [
            {"expression": "a", "evaluated": True, "value": True, "children": []},
            {
                "expression": "b > 2",
                "evaluated": False,
                "value": None,
                "children": [
                    {"expression": "b", "evaluated": False, "value": None, "children": []},
                    {"expression": "2", "evaluated": False, "value": None, "children": []},
                ],
            },
        ],
    }
    assert render._tree_lines(short_circuit, "") == ["a or b = true", "  a = true", "  b > 2  (not evaluated)"]


def test_long_lists_are_shortened():
    assert render._value(list(range(20))) == "[0, 1, 2, 3, 4, 5, ... 20 values]"
    assert render._value(["US", "CA"]) == "['US', 'CA']"


def test_long_factor_ids_wrap_at_the_middle_underscore():
    assert scores._wrap_header("ease_of_service") == "ease_of\nservice"
    assert scores._wrap_header("purchase_size") == "purchase\nsize"
    assert scores._wrap_header("upsell") == "upsell"
    assert scores._wrap_header("satisfaction") == "satisfaction"


DIAGS = [
    (
        "p.yaml",
        [
            Diagnostic("PS201", "unknown name 'x'", Span("p.yaml", 3, 5, 3, 6), "did you mean 'y'?"),
            Diagnostic("PS301", "param 'p' is never used", Span("p.yaml", 2, 3, 2, 4), severity="warning"),
        ],
    ),
    ("q.yaml", [Diagnostic("PS001", "policy file not found: q.yaml", None)]),
    ("ok.yaml", []),
]


def test_diagnostics_text():
    text = render.diagnostics_text(DIAGS, {"p.yaml": "a: 1\nb: 2\nc: x + 1\n"})
    assert text.splitlines()[0] == "p.yaml:2:3: warning: param 'p' is never used [PS301]"
    assert "q.yaml: error: policy file not found: q.yaml [PS001]" in text
    assert "3 | c: x + 1\n  |     ^\n  = hint: did you mean 'y'?" in text
    assert text.endswith("\n3 policy files checked: 2 errors, 1 warning in 2 files\n")


def test_diagnostics_json():
    doc = json.loads(render.diagnostics_json(DIAGS))
    assert doc["valid"] is False and doc["errors"] == 2 and doc["warnings"] == 1
    assert [d["code"] for d in doc["diagnostics"]] == ["PS301", "PS201", "PS001"]
    assert doc["diagnostics"][2]["path"] == "q.yaml" and doc["diagnostics"][2]["line"] is None


def test_github_annotations_escape_their_data():
    diags = [("a,b:c.yaml", [Diagnostic("PS110", "100% wrong\nreally", Span("a,b:c.yaml", 1, 2, 2, 1))])]
    assert render.diagnostics_github(diags) == ("::error file=a%2Cb%3Ac.yaml,line=1,endLine=2,title=PS110::100%25 wrong%0Areally\n")


def test_validate_summary():
    assert render.validate_summary([("a", []), ("b", [])]) == "2 policy files checked: all valid"
    assert render.validate_summary([("a", [])]) == "1 policy file checked: all valid"
