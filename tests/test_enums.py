"""`enum(a, b, c)` field types in `record: fields:`: checked like JSON Schema enums."""

from __future__ import annotations

import pytest
from support import diagnostics, errors

import policyscore as ps
from policyscore.errors import RecordError
from policyscore.language.types import STRING, TypeSyntaxError, enum_values, parse_type

POLICY = """
policy: en
version: 1
record:
  fields:
    id: string
    owner_style: enum(strategic, delegating, absent)
    plan: enum("gold plus", 'silver')?
factors:
  - id: style
    weight: 10
    bands:
      - when: owner_style == "strategic"
        value: 1
      - else: 0
  - id: plan
    weight: 10
    value: if plan == "gold plus" then 1 else 0
"""


def test_enum_types_parse_to_strings_with_their_values():
    assert parse_type("enum(a, b, c)") == STRING
    assert parse_type(" enum( a ,b ) ? ") == STRING.with_nullable(True)
    assert enum_values("enum(a, b, c)") == ("a", "b", "c")
    assert enum_values("enum(\"gold plus\", 'x y', z)?") == ("gold plus", "x y", "z")
    assert enum_values("string") is None
    for bad in ("enum()", "enum(a, , b)", "enum(a, a)", 'enum("a)'):
        with pytest.raises(TypeSyntaxError):
            enum_values(bad)


def test_a_misspelled_value_is_an_error_with_a_suggestion():
    found = errors(POLICY.replace('owner_style == "strategic"', 'owner_style == "stratgic"'))
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("PS208", "'stratgic' is not a value of 'owner_style'", "did you mean 'strategic'?")
    ]
    assert diagnostics(POLICY) == []


def test_records_with_other_values_are_rejected():
    policy = ps.load_policy_text(POLICY, "en.yaml")
    assert policy.score({"id": "a", "owner_style": "strategic", "plan": "gold plus"}, "2026-11-01").score == 20
    assert policy.score({"id": "b", "owner_style": "absent", "plan": None}, "2026-11-01").score == 0
    with pytest.raises(RecordError) as info:
        policy.score({"id": "c", "owner_style": "boss", "plan": None}, "2026-11-01")
    assert (info.value.code, info.value.field) == ("PS401", "owner_style")
    assert "must be one of 'strategic', 'delegating', 'absent'" in str(info.value)
    with pytest.raises(RecordError) as info:
        policy.score({"id": "d", "owner_style": "absent", "plan": "gold"}, "2026-11-01")
    assert info.value.field == "plan"
    with pytest.raises(RecordError):  # not nullable
        policy.score({"id": "e", "owner_style": None}, "2026-11-01")


def test_a_malformed_enum_is_a_policy_error():
    found = errors(POLICY.replace("enum(strategic, delegating, absent)", "enum(strategic, strategic)"))
    assert [(d.code, d.message) for d in found] == [("PS113", "field 'owner_style': enum value 'strategic' is given twice")]


def test_every_malformed_declaration_is_reported_at_its_own_field():
    # Only the first was reported, at the line of `fields:`; a type the policy schema refused was reported twice.
    text = (
        "policy: p\nversion: 1\nrecord:\n  fields:\n    id: string\n    kind: 'enum(a, a)'\n    empty: 'enum()'\n"
        "    a: number\n    a.b: string\n    paren: 'enum(x(1), y)'\nfactors:\n  - {id: f, weight: 1, value: '1'}\n"
    )
    found = [(d.code, d.span.line, d.span.column) for d in errors(text)]
    assert found == [("PS113", 6, 11), ("PS113", 7, 12), ("PS113", 9, 10), ("PS110", 10, 12)]
