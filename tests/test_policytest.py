"""Policy test files: loading with line-numbered problems, every expectation passing and failing, and the files in rules/."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from policyscore.review.policytest import (
    check_test_file,
    describe_number,
    find_test_files,
    is_test_file,
    number_matches,
    run_test_file,
    run_tests,
)

ROOT = Path(__file__).resolve().parent.parent

POLICY = """\
policy: tiny
version: 3
record:
  fields:
    id: string
    country: string
    spend: number?
    nps: integer?
    vip: boolean
let:
  big: spend >= 1000
filters:
  - id: home
    when: country in ["US", "CA"]
factors:
  - id: size
    weight: 50
    missing: 0.2
    value: if big then 1 else spend / 1000
  - id: happiness
    weight: 30
    bands:
      - when: nps >= 9
        value: 1
        label: promoter
      - when: nps >= 7
        value: 0.5
      - else: 0
  - id: status
    weight: 20
    value: if vip then 1 else 0
adjustments:
  - id: vip_bonus
    when: vip and spend >= 5000
    points: 5
score: {min: 0, max: 100, decimals: 1}
tiers:
  - name: gold
    min: 70
  - name: bronze
    min: 0
"""

RECORDS = [
    # 50 (big) + 30 (promoter) + 0 = 80, gold
    {"id": "A", "country": "US", "spend": 2000, "nps": 9, "vip": False},
    {"id": "B", "country": "DE", "spend": 100, "nps": 3, "vip": True},
    # size missing: 0.2 * 50 = 10; happiness missing: 0; status 20 -> 30, bronze
    {"id": "C", "country": "CA", "spend": None, "nps": None, "vip": True},
    # 50 + 15 + 20 + 5 = 90
    {"id": "D", "country": "US", "spend": 6000, "nps": 8, "vip": True},
]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """tmp_path with the tiny policy and its records; the current folder, so paths in messages are short."""
    (tmp_path / "tiny.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "customers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return name


HEADER = """\
policy: tiny.yaml
as_of: 2026-11-01
records: customers.jsonl
cases:
"""


def line_of(name: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    for number, line in enumerate(Path(name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")


# ---------------------------------------------------------------- passing files


def test_a_passing_file_with_every_kind_of_expectation(folder):
    name = write(
        folder,
        "tiny.test.yaml",
        HEADER
        + """\
          - name: a big promoter is gold
            ids: A
            expect:
              eligible: true
              tier: gold
              score: 80
              failed_filters: []
              factors:
                size: {points: 50, value: 1, missing: false}
                happiness: {band: 1, points: 30}
                status: {value: 0}
              adjustments:
                vip_bonus: {applied: false}
              reasons:
                - {rank: 1, kind: factor, id: status, lost_points: 20, contains: "0 of 20 points"}
          - name: a promoter band by its label, scores as ranges
            ids: [A]
            expect:
              score: {min: 79.5, max: 80}
              factors:
                happiness: {band: promoter}
                size: {points: {approx: 50.04, tolerance: 0.05}}
          - name: abroad is not eligible
            ids: B
            expect:
              eligible: false
              tier: null
              score: null
              failed_filters: [home]
              reasons:
                - {kind: filter, id: home, contains: "country = 'DE'"}
          - name: missing data counts the missing value and matches no band
            ids: C
            expect:
              tier: bronze
              score: 30
              factors:
                size: {missing: true, points: 10}
                happiness: {missing: true, band: null, points: 0}
          - name: a vip big spender gets the bonus; the else band
            ids: D
            with: {nps: 2}
            expect:
              score: 75
              factors:
                happiness: {band: else}
              adjustments:
                vip_bonus: {applied: true}
          - name: an inline record
            record: {id: X, country: CA, spend: 250, nps: 7, vip: false}
            as_of: 2027-01-01
            expect:
              score: 27.5
              factors:
                size: {value: 0.25, points: 12.5}
                happiness: {band: 2}
        """,
    )
    result = run_test_file(name)
    assert result.diagnostics == ()
    assert [(c.title, c.status) for c in result.cases] == [
        ("a big promoter is gold [A]", "passed"),
        ("a promoter band by its label, scores as ranges [A]", "passed"),
        ("abroad is not eligible [B]", "passed"),
        ("missing data counts the missing value and matches no band [C]", "passed"),
        ("a vip big spender gets the bonus; the else band [D]", "passed"),
        ("an inline record", "passed"),
    ]
    assert result.ok
    assert result.policy == "tiny v3"
    assert result.cases[0].line == line_of(name, "a big promoter is gold")
    assert check_test_file(name) == []


def test_one_case_with_several_ids_gives_one_result_per_record(folder):
    name = write(folder, "many.test.yaml", HEADER + "  - name: home\n    ids: [A, C, D]\n    expect: {eligible: true}\n")
    result = run_test_file(name)
    assert [c.title for c in result.cases] == ["home [A]", "home [C]", "home [D]"]
    assert result.ok


# ---------------------------------------------------------------- failing expectations


FAILING = (
    HEADER
    + """\
  - name: everything wrong
    ids: A
    expect:
      eligible: false
      tier: bronze
      score: {min: 81}
      failed_filters: [home]
      factors:
        size: {points: {approx: 40, tolerance: 1}, missing: true}
        happiness: {band: 2, value: 0.5}
      adjustments:
        vip_bonus: {applied: true}
      reasons:
        - {id: happiness}
  - name: factors of an ineligible record
    ids: B
    expect:
      factors:
        status: {points: 20}
"""
)


def test_each_unmet_expectation_gives_expected_actual_explanation_and_line(folder):
    name = write(folder, "failing.test.yaml", FAILING)
    result = run_test_file(name)
    assert not result.ok
    first, second = result.cases
    assert first.status == "failed"
    got = {f.expectation: f for f in first.failures}
    assert list(got) == [
        "eligible",
        "tier",
        "score",
        "failed_filters",
        "factors.size.points",
        "factors.size.missing",
        "factors.happiness.band",
        "factors.happiness.value",
        "adjustments.vip_bonus.applied",
        "reasons[0]",
    ]
    expected_actual = {k: (f.expected, f.actual) for k, f in got.items()}
    assert expected_actual == {
        "eligible": ("false", "true"),
        "tier": ("'bronze'", "'gold'"),
        "score": ("at least 81", "80"),
        "failed_filters": ("['home']", "[]"),
        "factors.size.points": ("40 ± 1", "50"),
        "factors.size.missing": ("true", "false"),
        "factors.happiness.band": ("band 2", "band 1 'promoter' (nps >= 9)"),
        "factors.happiness.value": ("0.5", "1"),
        "adjustments.vip_bonus.applied": ("true", "false"),
        "reasons[0]": ("a reason, id happiness", "no such reason"),
    }
    # the line of each expectation in the test file
    assert got["eligible"].line == line_of(name, "eligible: false")
    assert got["tier"].line == line_of(name, "tier: bronze")
    assert got["factors.size.points"].line == got["factors.size.missing"].line == line_of(name, "size: {points")
    assert got["adjustments.vip_bonus.applied"].line == line_of(name, "vip_bonus: {applied: true}")
    assert got["reasons[0]"].line == line_of(name, "- {id: happiness}")
    # the explanation fragment that produced the actual value
    assert got["eligible"].explanation == ('filter home passed: country in ["US", "CA"] (with country = \'US\')',)
    assert got["score"].explanation == (
        "factors: size 50 + happiness 30 + status 0 = 80",
        "adjustments: none applied",
        "total 80",
    )
    assert got["tier"].explanation[0] == "score 80; tiers: gold from 70, bronze from 0"
    assert got["factors.size.points"].explanation == (
        "factor size (weight 50): if big then 1 else spend / 1000",
        "  reads spend = 2000, big = true",
        "  value 1",
        "  50 of 50 points",
    )
    assert got["factors.happiness.band"].explanation[-2:] == ("  matched band 1 'promoter' (nps >= 9) worth 1", "  30 of 30 points")
    assert got["adjustments.vip_bonus.applied"].explanation == (
        "adjustment vip_bonus (5 points): vip and spend >= 5000 (with vip = false, spend = 2000)",
        "  condition false: not applied",
    )
    assert got["reasons[0]"].explanation == (
        "reason 1 (factor:status, lost 20): status: 0 of 20 points; value 0 of 1; full marks need a value of 1",
    )
    # factors are not evaluated for an ineligible record: the failed filter explains why
    (failure,) = second.failures
    assert (failure.expectation, failure.expected, failure.actual) == (
        "factors.status.points",
        "20",
        "not evaluated (the record is not eligible)",
    )
    assert failure.explanation == ('filter home failed: country in ["US", "CA"] (with country = \'DE\')',)


def test_a_null_reason_is_part_of_the_explanation(folder):
    name = write(folder, "null.test.yaml", HEADER + "  - name: c\n    ids: C\n    expect:\n      factors:\n        size: {points: 50}\n")
    (failure,) = run_test_file(name).cases[0].failures
    assert failure.actual == "10"
    assert "  no value ('spend' is null (in let 'big')), counted as 0.2" in failure.explanation


def test_a_record_the_policy_rejects_is_an_error_case(folder):
    name = write(
        folder, "reject.test.yaml", HEADER + "  - name: bad type\n    record: {id: Z, country: US, vip: 3}\n    expect: {eligible: true}\n"
    )
    (case,) = run_test_file(name).cases
    assert case.status == "error"
    assert case.error.startswith("the record cannot be scored: ")
    assert "vip" in case.error and "[PS401]" in case.error


# ---------------------------------------------------------------- problems in test files, with lines


def codes_and_lines(name: str) -> list[tuple[str, int | None, int | None]]:
    return [(d.code, d.span.line if d.span else None, d.span.column if d.span else None) for d in check_test_file(name)]


def test_a_test_naming_a_missing_policy(folder):
    name = write(
        folder,
        "missing.test.yaml",
        "# tests\npolicy: nowhere.yaml\ncases:\n  - name: x\n    record: {}\n    as_of: 2026-11-01\n    expect: {eligible: true}\n",
    )
    (diag,) = check_test_file(name)
    assert (diag.code, diag.span.file, diag.span.line, diag.span.column) == ("PS601", name, 2, 9)
    assert diag.message == "the policy under test not found: nowhere.yaml"
    assert diag.hint == "the path is relative to the test file"
    result = run_test_file(name)
    assert (result.ok, result.cases) == (False, ())


def test_a_malformed_test_file_gives_a_line_numbered_yaml_error(folder):
    name = write(folder, "broken.test.yaml", HEADER + "  - name: x\n    ids: A\n     expect: {eligible: true}\n")
    (diag,) = check_test_file(name)
    assert (diag.code, diag.span.line) == ("PS101", 7)
    assert diag.message.startswith("YAML syntax error")


def test_schema_problems_are_all_reported_with_lines_and_hints(folder):
    name = write(
        folder,
        "schema.test.yaml",
        HEADER
        + """\
          - name: typo
            ids: A
            expect: {scroe: 3}
          - name: wrong types
            ids: A
            expect:
              eligible: "yes"
              score: {min: low}
              factors:
                size: {band: 0}
          - ids: A
            expect: {eligible: true}
        """,
    )
    diags = check_test_file(name)
    assert [(d.code, d.span.line, d.message) for d in diags] == [
        ("PS606", 7, "unknown key 'scroe' in cases[0].expect"),
        ("PS606", 11, "cases[1].expect.eligible must be true or false, got string 'yes'"),
        ("PS606", 12, "cases[1].expect.score must be null, a number, {min, max} or {approx, tolerance}, got a mapping"),
        (
            "PS606",
            14,
            "cases[1].expect.factors.size.band must be a band number (1 is the first band), a band label, 'else', "
            "or null (no band: the factor is missing), got number 0",
        ),
        ("PS606", 15, "cases[2] is missing the required key 'name'"),
    ]
    assert diags[0].hint == "did you mean 'score'?"


def test_a_list_of_ids_that_is_empty_or_names_an_id_twice_says_so(folder):
    # Both said "ids must be one record id or a list of ids, got a list".
    lists = ["[]", "[A, A]", "[A, [B]]"]
    cases = "".join(f"  - name: c{i}\n    ids: {ids}\n    expect: {{eligible: true}}\n" for i, ids in enumerate(lists))
    name = write(folder, "ids.test.yaml", HEADER + cases)
    assert [(d.code, d.span.line, d.message) for d in check_test_file(name)] == [
        ("PS606", 6, "cases[0].ids must not be empty"),
        ("PS606", 9, "cases[1].ids lists the same value twice"),
        ("PS606", 12, "cases[2].ids[1] must be a string or a whole number, got a list"),
    ]


def test_names_ids_and_cases_are_checked_against_the_policy_and_records(folder):
    name = write(
        folder,
        "names.test.yaml",
        HEADER
        + """\
          - name: names
            ids: [A, NOPE]
            expect:
              tier: silver
              failed_filters: [hom]
              factors:
                sise: {points: 1}
                happiness: {band: 4}
                status: {band: 1}
              adjustments:
                bonus: {applied: true}
              reasons:
                - {id: nothing}
          - name: both kinds of record
            ids: A
            record: {id: Q}
            expect: {eligible: true}
          - name: with needs ids
            record: {id: Q}
            with: {vip: true}
            expect: {eligible: true}
        """,
    )
    got = [(d.code, d.span.line, d.message, d.hint) for d in check_test_file(name)]
    assert got == [
        ("PS604", 6, "no record with id 'NOPE' in customers.jsonl", None),
        ("PS605", 8, "policy tiny has no tier 'silver'", "it has: gold, bronze"),
        ("PS605", 9, "policy tiny has no filter 'hom'", "did you mean 'home'?"),
        ("PS605", 11, "policy tiny has no factor 'sise'", "did you mean 'size'?"),
        ("PS605", 12, "factor 'happiness' has 3 bands, not 4", None),
        ("PS605", 13, "factor 'status' has no bands (it has a value expression)", None),
        ("PS605", 15, "policy tiny has no adjustment 'bonus'", "did you mean 'vip_bonus'?"),
        ("PS605", 17, "policy tiny has no factor, adjustment or filter 'nothing'", "it has: size, happiness, status, vip_bonus, home"),
        ("PS606", 18, "case 'both kinds of record' needs either 'record' (inline) or 'ids' (from a records file), not both", None),
        ("PS606", 24, "'with' in cases[2] needs 'ids'", None),
    ]
    assert not run_test_file(name).ok


def test_a_case_without_as_of_and_ids_without_records(folder):
    name = write(folder, "nodate.test.yaml", "policy: tiny.yaml\ncases:\n  - name: no date\n    ids: A\n    expect: {eligible: true}\n")
    assert [(d.code, d.span.line, d.message) for d in check_test_file(name)] == [("PS606", 3, "case 'no date' has no as_of")]
    name = write(
        folder,
        "norecords.test.yaml",
        "policy: tiny.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    ids: A\n    expect: {eligible: true}\n",
    )
    assert [(d.code, d.span.line, d.hint) for d in check_test_file(name)] == [("PS606", 5, "add 'records: FILE'")]


def test_with_must_set_declared_fields_and_not_the_id(folder):
    """A ``with`` key nothing reads would leave the record unchanged, and a new id would not be the record the
    case names: both are reported where they are written, and the file does not run."""
    name = write(
        folder,
        "with.test.yaml",
        HEADER
        + "  - name: a typo in with\n    ids: A\n    with: {nps: 5, vp: true}\n    expect: {eligible: true}\n"
        + "  - name: another id\n    ids: A\n    with:\n      id: Z\n      zzz: 1\n    expect: {eligible: true}\n",
    )
    got = [(d.code, d.span.line, d.span.column, d.message, d.hint) for d in check_test_file(name)]
    assert got == [
        ("PS605", 7, 20, "the policy declares no field 'vp': setting it in 'with' changes nothing", "did you mean 'vip'?"),
        (
            "PS606",
            12,
            7,
            "'with' cannot change the id field 'id' of the records the case picks",
            "a case picked by 'ids' keeps its record's id; for a record with another id, give an inline 'record'",
        ),
        (
            "PS605",
            13,
            7,
            "the policy declares no field 'zzz': setting it in 'with' changes nothing",
            "'with' replaces fields the policy declares, at the top of a record",
        ),
    ]
    result = run_test_file(name)
    assert not result.ok and result.cases == ()


def test_with_replaces_whole_top_level_fields():
    from policyscore.review.overrides import override_problems

    declared = ["id", "billing", "amount"]
    got = list(override_problems({"billing": {"auto_pay": True}, "billing.auto_pay": True, "amount": None}, "id", declared))
    assert [(key, code, hint) for key, code, _, hint in got] == [("billing.auto_pay", "PS605", "did you mean 'billing'?")]
    assert list(override_problems(["not", "a", "mapping"], "id", declared)) == []  # the schema check reports it


def test_an_unreadable_records_file(folder):
    name = write(
        folder,
        "norec.test.yaml",
        HEADER.replace("customers.jsonl", "gone.jsonl") + "  - name: x\n    ids: A\n    expect: {eligible: true}\n",
    )
    (diag,) = check_test_file(name)
    assert (diag.code, diag.span.line) == ("PS603", 3)
    assert "records file not found: gone.jsonl" in diag.message


def test_a_broken_policy_is_reported_with_its_own_problems(folder):
    (folder / "broken.yaml").write_text(
        "policy: broken\nversion: 1\nfactors:\n  - id: f\n    weight: 1\n    value: frobnicate(1)\n", encoding="utf-8"
    )
    name = write(
        folder, "b.test.yaml", "policy: broken.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    record: {}\n    expect: {eligible: true}\n"
    )
    diags = check_test_file(name)
    assert [(d.code, d.span.file, d.span.line) for d in diags] == [("PS602", name, 1), ("PS204", "broken.yaml", 6)]
    result = run_test_file(name)
    assert "broken.yaml" in result.sources  # so the policy's problem renders with its source line


def test_an_empty_file_and_a_file_that_is_not_a_mapping(folder):
    assert [d.code for d in check_test_file(write(folder, "empty.test.yaml", ""))] == ["PS103"]
    assert [d.code for d in check_test_file(write(folder, "list.test.yaml", "- 1\n"))] == ["PS103"]
    assert [d.code for d in check_test_file("absent.test.yaml")] == ["PS001"]


# ---------------------------------------------------------------- finding files, numbers


def test_finding_test_files(folder):
    (folder / "sub").mkdir()
    write(folder, "sub/one.test.yaml", "x: 1\n")
    write(folder, "tiny.test.yaml", "x: 1\n")
    assert list(find_test_files(["."])) == [("sub/one.test.yaml", None), ("tiny.test.yaml", None)]
    assert list(find_test_files(["tiny.yaml", "tiny.test.yaml"])) == [("tiny.test.yaml", None)]  # a policy: the file beside it
    ((path, problem),) = find_test_files(["sub/nothing.yaml"])
    assert (problem.code, problem.message) == (
        "PS607",
        "no test file for the policy sub/nothing.yaml (expected sub/nothing.test.yaml beside it)",
    )
    (folder / "void").mkdir()
    ((path, problem),) = find_test_files(["void"])
    assert problem.code == "PS607"
    assert is_test_file("a/b.test.yml") and not is_test_file("a/b.yaml")


@pytest.mark.parametrize(
    ("spec", "actual", "ok"),
    [
        (80, 80.0, True),
        (80, 80.1, False),
        ({"min": 1}, 1, True),
        ({"max": 1}, 1.01, False),
        ({"min": 1, "max": 2}, 2, True),
        ({"approx": 0.3, "tolerance": 0.001}, 0.1 + 0.2, True),
        ({"approx": 0.3}, 0.1 + 0.2, True),  # default tolerance absorbs float noise
        ({"approx": 0.3}, 0.31, False),
        (None, None, True),
        (None, 0, False),
        (0, None, False),
    ],
)
def test_number_expectations(spec, actual, ok):
    assert number_matches(spec, actual) is ok


def test_numbers_are_described():
    assert [describe_number(s) for s in (5, {"min": 1}, {"max": 2}, {"min": 1, "max": 2}, {"approx": 3, "tolerance": 0.5})] == [
        "5",
        "at least 1",
        "at most 2",
        "between 1 and 2",
        "3 ± 0.5",
    ]


# ---------------------------------------------------------------- the test files of rules/


def test_every_policy_in_rules_has_a_passing_test_file_with_full_coverage():
    run = run_tests([str(ROOT / "rules")], coverage=True, min_coverage=100)
    assert [Path(f.path).name for f in run.files] == [
        "balanced-portfolio.test.yaml",
        "startup-us-ca.test.yaml",
        "subscription-health.test.yaml",
        "will-they-last.test.yaml",
    ]
    for f in run.files:
        assert f.diagnostics == (), f.path
        assert all(c.status == "passed" for c in f.cases), [(c.title, c.failures, c.error) for c in f.cases if c.status != "passed"]
    assert {c.policy: c.percent for c in run.coverage} == {
        "balanced-portfolio": 100.0,
        "startup-us-ca": 100.0,
        "subscription-health": 100.0,
        "will-they-last": 100.0,
    }
    assert run.ok
    policies = {Path(p).stem for p in (ROOT / "rules").glob("*.yaml") if not is_test_file(p)}
    assert policies == {c.policy for c in run.coverage}


@pytest.mark.parametrize("name", ["balanced-portfolio", "startup-us-ca", "subscription-health", "will-they-last"])
def test_the_rules_test_files_check_clean(name):
    assert check_test_file(ROOT / "rules" / f"{name}.test.yaml") == []


def test_policies_in_a_folder_that_no_test_names_count_as_not_covered(folder):
    write(folder, "tiny.test.yaml", HEADER + "  - name: a\n    ids: A\n    expect: {eligible: true}\n")
    (folder / "other.yaml").write_text(POLICY.replace("policy: tiny", "policy: other"), encoding="utf-8")
    (folder / "notes.yaml").write_text("just: some yaml\n", encoding="utf-8")  # not a policy: skipped
    run = run_tests(["."], coverage=True)
    assert [(c.policy, c.tested, c.covered, c.total, c.percent) for c in run.coverage] == [
        ("tiny", True, 5, 11, 45.4),
        ("other", False, 0, 11, 0.0),
    ]
    assert run.ok  # no minimum asked
    assert not run_tests(["."], min_coverage=40).ok
    assert run_tests(["."]).coverage is None


def test_docs_describe_every_key_of_the_test_file_format():
    schema = json.loads((ROOT / "src" / "policyscore" / "schemas" / "policytest.schema.json").read_text(encoding="utf-8"))
    docs = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    defs = schema["$defs"]
    keys = set(schema["properties"]) | set(defs["case"]["properties"]) | set(defs["expect"]["properties"])
    keys |= set(defs["factor"]["properties"]) | set(defs["adjustment"]["properties"]) | set(defs["reason"]["properties"])
    keys |= {"min", "max", "approx", "tolerance"}
    missing = sorted(k for k in keys if not any(form in docs for form in (f"`{k}`", f".{k}`", f"`{k}.")))
    assert missing == []


def test_the_policy_problems_can_be_left_to_the_caller(folder):
    (folder / "broken.yaml").write_text("policy: broken\nversion: 1\nfactors: []\n", encoding="utf-8")
    name = write(
        folder, "b.test.yaml", "policy: broken.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    record: {}\n    expect: {eligible: true}\n"
    )
    assert [(d.code, d.span.file) for d in check_test_file(name)] == [("PS602", name), ("PS110", "broken.yaml")]
    assert [(d.code, d.span.file) for d in check_test_file(name, policy_problems=False)] == [("PS602", name)]


def test_reasons_are_matched_by_their_stable_code_and_name_penalties(folder):
    (folder / "pen.yaml").write_text(
        "policy: pen\nversion: 1\nrecord:\n  fields:\n    id: string\n    late: boolean\n"
        "factors:\n  - {id: size, weight: 10, value: '0.9'}\n"
        "adjustments:\n  - {id: overdue, points: -4, when: late}\n",
        encoding="utf-8",
    )
    name = write(
        folder,
        "pen.test.yaml",
        """\
        policy: pen.yaml
        as_of: 2026-11-01
        cases:
          - name: the penalty costs more than the factor
            record: {id: P, late: true}
            expect:
              reasons:
                - {rank: 1, code: "adjustment:overdue", kind: adjustment, lost_points: 4, contains: "applied because late"}
                - {rank: 2, code: "factor:size", lost_points: 1}
          - name: a wrong rank fails
            record: {id: Q, late: true}
            expect:
              reasons:
                - {rank: 1, code: "factor:size"}
          - name: an unknown code is a problem of the file
            record: {id: R, late: false}
            expect:
              reasons:
                - {code: "adjustment:overdu"}
        """,
    )
    problems = check_test_file(name)
    assert [(d.code, d.message, d.hint) for d in problems] == [
        ("PS605", "policy pen has no adjustment 'overdu'", "did you mean 'overdue'?")
    ]
    (folder / name).write_text((folder / name).read_text(encoding="utf-8").replace('overdu"}', 'overdue"}'), encoding="utf-8")
    result = run_test_file(name)
    assert [c.status for c in result.cases] == ["passed", "failed", "failed"]
    assert result.cases[1].failures[0].explanation[0].startswith("reason 1 (adjustment:overdue, lost 4): overdue: -4 points")
