"""YAML surprises explained: 1.1 booleans where text was meant, and merge keys overridden as YAML defines."""

from __future__ import annotations

import pytest

import policyscore as ps

BASE = "policy: t\nversion: 1\n"
FACTOR = "factors:\n  - {id: a, weight: 1, value: '1'}\n"


@pytest.mark.parametrize("word", ["NO", "no", "yes", "On", "off"])
def test_an_unquoted_yaml_boolean_in_a_list_of_text_is_explained(word):
    text = BASE + f"params:\n  home: [US, CA, {word}]\nfilters:\n  - {{id: f, when: 'country in home'}}\n" + FACTOR
    (error,) = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert (error.code, error.span.line) == ("PS110", 4)
    assert error.hint is not None and f"unquoted {word} as the boolean" in error.hint and f"'{word}' in quotes" in error.hint


def test_an_unquoted_yaml_boolean_where_the_schema_wants_text_is_explained():
    (error,) = [d for d in ps.check_text(BASE + "description: no\n" + FACTOR, "t.yaml") if d.is_error]
    assert error.message == "description must be a string, got boolean false"
    assert error.hint == "YAML reads an unquoted no as the boolean false; write 'no' in quotes if you mean the text"


def test_a_quoted_word_or_a_real_boolean_gets_no_such_hint():
    assert ps.check_text(BASE + "description: 'no'\n" + FACTOR, "t.yaml") == []
    (error,) = [d for d in ps.check_text(BASE + "description: false\n" + FACTOR, "t.yaml") if d.is_error]
    assert error.hint is None


def test_keys_merged_with_yaml_merge_keys_may_be_overridden_with_positions_on_the_override():
    text = BASE + "factors:\n  - &base {id: a, weight: 1, value: '1'}\n  - <<: *base\n    id: b\n    weight: 2\n    value: 'x +'\n"
    policy_errors = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    # no duplicate-key error for the overridden id and weight; the syntax error points at b's own value (line 8)
    assert [(d.code, d.span.line) for d in policy_errors] == [("PS202", 8)]
    fixed = ps.load_policy_text(text.replace("value: 'x +'", "value: '0.5'"))
    assert [(f.id, f.weight) for f in fixed.factors] == [("a", 1), ("b", 2)]


def test_a_key_written_twice_in_one_mapping_is_still_a_duplicate():
    text = BASE + "factors:\n  - <<: {weight: 1}\n    id: a\n    id: b\n    value: '1'\n"
    assert "PS102" in {d.code for d in ps.check_text(text, "t.yaml")}


def test_y_and_n_stay_text_as_the_yaml_reader_reads_them():
    text = BASE + "params:\n  answers: [y, n, Y]\nfilters:\n  - {id: f, when: 'answer in answers'}\n" + FACTOR
    assert [d for d in ps.check_text(text, "t.yaml") if d.is_error] == []
