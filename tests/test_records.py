"""Records are checked against the declared fields the policy reads (all of them with
``check_all_fields``), and errors name the field and value."""

from __future__ import annotations

from datetime import date

import pytest
from support import load

import policyscore as ps

POLICY = """
policy: records
version: 1
record:
  fields:
    id: string
    amount: number
    seats: integer?
    status: string
    signup: date
    closed_on: date?
    tags: list[string]?
    note: string?
    vip: boolean
factors:
  - id: size
    weight: 10
    value: "scale(amount, 0, 100)"
"""

GOOD = {"id": "c1", "amount": 50, "seats": 3, "status": "active", "signup": "2025-01-31", "closed_on": None,
        "tags": ["a"], "note": None, "vip": False}


@pytest.fixture(scope="module")
def policy():
    """The policy compiled to check every declared field, read or not (a data-quality run)."""
    return load(POLICY, check_all_fields=True)


@pytest.fixture(scope="module")
def reads_only():
    """The same policy as it scores by default: only `amount`, the one field an expression reads, is checked."""
    return load(POLICY)


def reject(policy, **changes):
    record = {**GOOD, **changes}
    for key, value in list(record.items()):
        if value is ...:
            del record[key]
    with pytest.raises(ps.RecordError) as err:
        policy.score(record, "2026-11-01")
    return err.value


def test_a_valid_record_scores(policy):
    assert policy.score(GOOD, "2026-11-01").score == 5.0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "50"}, "amount", "field 'amount' must be a number, got string '50'"),
        ({"amount": True}, "amount", "field 'amount' must be a number, got boolean true"),
        ({"amount": None}, "amount", "field 'amount' is required (a number) but is missing or null"),
        ({"seats": 2.5}, "seats", "field 'seats' must be a whole number, got number 2.5"),
        ({"status": 3}, "status", "field 'status' must be a string, got number 3"),
        ({"status": ...}, "status", "field 'status' is required (a string) but is missing or null"),
        ({"signup": "31/01/2025"}, "signup", "field 'signup' must be a date (YYYY-MM-DD), got string '31/01/2025'"),
        ({"signup": "2025-02-30"}, "signup", "field 'signup' must be a date (YYYY-MM-DD), got string '2025-02-30'"),
        ({"closed_on": 20250101}, "closed_on", "field 'closed_on' must be a date (YYYY-MM-DD), got number 20250101"),
        ({"tags": ["a", 1]}, "tags[1]", "field 'tags[1]' must be a string, got number 1"),
        ({"tags": "a;b"}, "tags", "field 'tags' must be a list of strings, got string 'a;b'"),
        ({"vip": "yes"}, "vip", "field 'vip' must be true or false, got string 'yes'"),
        ({"note": ["x"]}, "note", "field 'note' must be a string, got a list"),
    ],
    ids=lambda v: str(v),
)
def test_bad_values_are_rejected_naming_record_field_and_value(policy, changes, field, message):
    err = reject(policy, **changes)
    assert err.field == field
    assert err.record_id == "c1"
    assert str(err) == f"id 'c1': {message}"


def test_fields_no_expression_reads_are_checked_with_check_all_fields(policy):
    # only `amount` is read by the policy; with check_all_fields the others are checked too
    assert reject(policy, vip=None).field == "vip"
    assert reject(policy, signup="soon").field == "signup"


@pytest.mark.parametrize("changes", [{"vip": None}, {"signup": "soon"}, {"status": 3}, {"tags": "a;b"}, {"note": ["x"]}], ids=str)
def test_a_malformed_field_no_expression_reads_does_not_reject_the_record(reads_only, changes):
    result = reads_only.score({**GOOD, **changes}, "2026-11-01")
    assert result.score == 5.0 and result.to_dict()["factors"][0]["points"] == 5


def test_a_malformed_field_the_policy_reads_still_rejects_the_record(reads_only):
    with pytest.raises(ps.RecordError) as err:
        reads_only.score({**GOOD, "amount": "50"}, "2026-11-01")
    assert err.value.field == "amount"


def test_nullable_fields_may_be_null_or_absent(policy):
    record = {k: v for k, v in GOOD.items() if k not in ("seats", "closed_on", "tags", "note")}
    assert policy.score(record, "2026-11-01").eligible


def test_dates_accept_date_objects_and_integral_floats_pass_for_integers(policy):
    record = {**GOOD, "signup": date(2025, 1, 31), "seats": 3.0}
    assert policy.score(record, "2026-11-01").score == 5.0


def test_the_same_date_text_is_checked_every_time(policy):
    # a cache of parsed dates must never let an invalid one through
    for _ in range(3):
        assert policy.score({**GOOD, "signup": "2025-01-31"}, "2026-11-01").eligible
        assert reject(policy, signup="2025-01-32").field == "signup"


def test_nan_and_infinity_are_not_numbers(policy):
    assert reject(policy, amount=float("nan")).field == "amount"
    assert reject(policy, amount=float("inf")).field == "amount"


def test_undeclared_keys_are_ignored(policy):
    assert policy.score({**GOOD, "extra": object()}, "2026-11-01").eligible


def test_a_record_that_is_not_an_object(policy):
    with pytest.raises(ps.RecordError, match="a record must be an object"):
        policy.score(["not", "a", "dict"], "2026-11-01")  # type: ignore[arg-type]


def test_score_many_can_yield_errors_in_place(policy):
    records = [GOOD, {**GOOD, "id": "c2", "amount": "x"}, {**GOOD, "id": "c3"}]
    out = list(policy.score_many(records, "2026-11-01", on_error="yield"))
    assert [type(o).__name__ for o in out] == ["Result", "RecordError", "Result"]
    assert out[1].record_id == "c2" and out[1].field == "amount"
    with pytest.raises(ps.RecordError):
        list(policy.score_many(records, "2026-11-01"))


def test_enum_values_from_a_json_schema(tmp_path):
    (tmp_path / "c.json").write_text(
        '{"type": "object", "properties": {"id": {"type": "string"},'
        ' "plan": {"type": "string", "enum": ["basic", "pro"]},'
        ' "tier": {"type": ["string", "null"], "enum": ["a", "b", null]}}}'
    )
    (tmp_path / "p.yaml").write_text("policy: p\nversion: 1\nrecord: {schema: c.json}\nfactors: [{id: f, weight: 1, value: '1'}]\n")
    policy = ps.load_policy(tmp_path / "p.yaml", check_all_fields=True)
    assert policy.score({"id": "x", "plan": "pro", "tier": None}, "2026-11-01").eligible
    with pytest.raises(ps.RecordError) as err:
        policy.score({"id": "x", "plan": "gold", "tier": "a"}, "2026-11-01")
    assert str(err.value) == "id 'x': field 'plan' must be one of 'basic', 'pro', got string 'gold'"


def test_csv_cells_convert_with_declared_types():
    from policyscore.language.types import ANY, parse_type
    from policyscore.policyfile.fields import convert_text

    assert convert_text("", parse_type("list[string]"), "tags") == []
    assert convert_text("", parse_type("list[string]?"), "tags") is None
    assert convert_text("a; b", parse_type("list[string]"), "tags") == ["a", "b"]
    assert convert_text("yes", parse_type("boolean"), "vip") is True
    assert convert_text("2026-01-31", parse_type("date"), "d") == date(2026, 1, 31)
    assert convert_text("1_000", parse_type("number"), "n") == 1000
    # undeclared cells: numbers and booleans are recognised, codes with leading zeros stay text
    assert [convert_text(x, ANY, "x") for x in ("007", "0.5", "12", "-3", "true", "US")] == ["007", 0.5, 12, -3, True, "US"]
    with pytest.raises(ps.RecordError) as err:
        convert_text("twelve", parse_type("number"), "amount")
    assert str(err.value) == "field 'amount' must be a number, got 'twelve'"


def test_a_missing_policy_file_names_the_file(tmp_path):
    (d,) = ps.check(tmp_path / "gone.yaml")
    assert str(d) == f"{tmp_path / 'gone.yaml'}: error: policy file not found: {tmp_path / 'gone.yaml'} [PS001]"


def test_editing_the_record_schema_file_changes_the_policy_hash(tmp_path):
    schema = tmp_path / "c.json"
    schema.write_text('{"type": "object", "properties": {"id": {"type": "string"}, "plan": {"type": "string"}}}')
    (tmp_path / "p.yaml").write_text("policy: p\nversion: 1\nrecord: {schema: c.json}\nfactors: [{id: f, weight: 1, value: '1'}]\n")
    before = ps.load_policy(tmp_path / "p.yaml").sha256
    assert ps.load_policy(tmp_path / "p.yaml").sha256 == before  # the same files give the same hash
    schema.write_text('{"type": "object", "properties": {"id": {"type": "string"}, "plan": {"type": "integer"}}}')
    assert ps.load_policy(tmp_path / "p.yaml").sha256 != before
