"""``matches`` runs on RE2: no catastrophic backtracking, clear errors for patterns RE2 refuses."""

from __future__ import annotations

import pytest

import policyscore as ps
from policyscore.language.regex import MAX_PATTERN_LENGTH, RegexError, compile_regex
from tests.support import AS_OF, both, errors, expr_policy

# Exponential for a backtracking engine: each extra letter doubles the work.
EVIL = [r"(a+)+$", r"^(a|a)*$", r"(a|aa)+$", r"^(\w+\s?)*$"]


@pytest.mark.parametrize("pattern", EVIL)
def test_evil_patterns_on_long_texts_answer_without_backtracking(pattern):
    # 5000 letters and no match: a backtracking engine would never finish.
    text = "a" * 5000 + "!"
    assert both(f"matches(name, {pattern!r})", {"name": text}, {"name": "string"}) is False
    assert both(f"matches(name, {pattern!r})", {"name": "aaaa"}, {"name": "string"}) is True


def test_evil_pattern_from_data_on_undeclared_fields():
    record = {"name": "a" * 3000 + "!", "rx": "(a+)+$"}
    assert both("matches(name, rx)", record) is False


def test_constant_folding_of_an_evil_match_is_immediate():
    # Both arguments are constant, so the loader folds the call while compiling.
    policy = expr_policy(f"matches({'a' * 40 + '!'!r}, '(a+)+$')")
    assert policy.score({}, AS_OF).lookup("out") is False


def test_search_semantics_are_kept():
    fields = {"t": "string"}
    assert both("matches(t, 'b')", {"t": "abc"}, fields) is True
    assert both("matches(t, '^b')", {"t": "abc"}, fields) is False
    assert both("matches(t, '(?i)VP|chief')", {"t": "the vp of sales"}, fields) is True
    assert both("matches(t, 'c$')", {"t": "abc"}, fields) is True
    assert both("matches(t, '\\\\d{3}')", {"t": "zip 12345"}, fields) is True
    assert both("matches(t, 'é+')", {"t": "caféé"}, fields) is True


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?=a)b", "invalid perl operator"),
        ("(a)\\\\1", "invalid escape sequence"),
        ("[a-", "missing ]"),
        ("a{1001}", "invalid repetition size"),
    ],
)
def test_a_literal_pattern_re2_refuses_is_a_load_error_with_position(pattern, reason):
    found = errors(
        f"""
        policy: t
        version: 1
        record:
          fields:
            name: string
        filters:
          - id: r
            when: "matches(name, '{pattern}')"
        factors:
          - id: f
            weight: 1
            value: "1"
        """
    )
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("PS207", 8, 26)]
    assert reason in found[0].message
    assert "RE2" in found[0].hint


def test_a_param_pattern_re2_refuses_is_a_load_error_at_the_argument():
    found = errors(
        """
        policy: t
        version: 1
        params:
          senior: "(?<!junior )manager"
        record:
          fields:
            title: string
        filters:
          - id: r
            when: matches(title, senior)
        factors:
          - id: f
            weight: 1
            value: "1"
        """
    )
    assert [(d.code, d.span.line, d.span.column, d.span.end_column) for d in found] == [("PS207", 10, 26, 32)]
    assert "invalid perl operator" in found[0].message


def test_a_pattern_longer_than_the_limit_is_refused_at_load_time():
    long = "a" * (MAX_PATTERN_LENGTH + 1)
    found = errors(
        f"""
        policy: t
        version: 1
        filters:
          - id: r
            when: "matches(name, '{long}')"
        factors:
          - id: f
            weight: 1
            value: "1"
        """
    )
    assert [d.code for d in found] == ["PS207"]
    assert f"limit is {MAX_PATTERN_LENGTH}" in found[0].message
    # exactly at the limit is fine
    assert compile_regex("a" * MAX_PATTERN_LENGTH)("a" * MAX_PATTERN_LENGTH) is True


def test_a_program_too_large_for_re2_is_refused():
    with pytest.raises(RegexError, match="too large|repetition"):
        compile_regex("((((a{100}){100}){100}){100})")


@pytest.mark.parametrize("declared", [True, False])
def test_a_pattern_from_data_that_re2_refuses_rejects_the_record(declared):
    fields = {"name": "string", "rx": "string"} if declared else None
    policy = expr_policy("matches(name, rx)", fields)
    with pytest.raises(ps.RecordError) as info:
        policy.score({"name": "x", "rx": "(?<=a)b"}, AS_OF)
    err = info.value
    assert err.field == "rx" and err.value == "(?<=a)b"
    assert "pattern '(?<=a)b' cannot be used: invalid perl operator" in err.reason
    # the next record is scored as usual
    assert policy.score({"name": "xab", "rx": "a"}, AS_OF).lookup("out") is True


def test_score_many_goes_on_after_a_record_with_a_bad_pattern():
    policy = expr_policy("matches(name, rx)", {"name": "string", "rx": "string"})
    records = [{"name": "abc", "rx": "b"}, {"name": "abc", "rx": "(b"}, {"name": "abc", "rx": "z"}]
    out = list(policy.score_many(records, AS_OF, on_error="yield"))
    assert [r.lookup("out") if not isinstance(r, ps.RecordError) else r.field for r in out] == [True, "rx", False]


def test_a_text_with_a_lone_surrogate_rejects_the_record():
    policy = expr_policy("matches(name, 'a')", {"name": "string"})
    with pytest.raises(ps.RecordError) as info:
        policy.score({"name": "a\ud800"}, AS_OF)
    assert info.value.field == "name"
    assert "lone surrogate" in info.value.reason
