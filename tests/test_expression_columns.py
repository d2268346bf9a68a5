"""A problem inside an expression is shown under the characters that wrote it, whatever the YAML style and escapes."""

from __future__ import annotations

import pytest
from support import errors

from policyscore.policyfile.scalarpos import flow_offsets


def _policy(when: str) -> str:
    return f"policy: e\nversion: 1\nrecord: {{fields: {{a: string, x: number}}}}\nfilters:\n  - id: f\n    when: {when}\n" + (
        "factors: [{id: s, weight: 1, value: '1'}]\n"
    )


def _marked(when: str) -> list[tuple[str, str]]:
    """Each error's message and the text of its line from its column to its end column."""
    text = _policy(when)
    lines = text.splitlines()
    out = []
    for d in errors(text):
        assert d.span is not None
        line = lines[d.span.line - 1]
        end = d.span.end_column if d.span.end_line == d.span.line else len(line) + 1
        out.append((d.message, line[d.span.column - 1 : end - 1]))
    return out


@pytest.mark.parametrize(
    "when, problem, marked",
    [
        (r'"a \"b\" and x >"', "unexpected '\"b\"'", r'\"b\"'),
        (r'"a == \"\u00e9\" + 1"', "'+' needs a number, got string", r'\"\u00e9\"'),
        (r'"\u0031 + true"', "'+' needs a number, got boolean", "true"),
        (r'"\u0031 + \"s\" == 2"', "'+' needs a number, got string", r'\"s\"'),
        (r'"\t\\ + zz"', "unexpected character '\\\\'", r"\\"),
        (r'"x > 1 and \"\t\" + zz > 0"', "unknown name 'zz'", "zz"),
        (r'"x > 1 and \"\t\" + 1 > 0"', "'+' needs a number, got string", r'\"\t\"'),
        (r"'a == ''b'' + 1'", "'+' needs a number, got string", "''b''"),
        ("a ==  'b' + zz", "unknown name 'zz'", "zz"),
    ],
)
def test_the_caret_is_under_what_the_problem_is_about(when, problem, marked):
    found = [m for msg, m in _marked(when) if problem in msg]
    assert found == [marked], _marked(when)


def test_a_double_quoted_expression_over_two_lines():
    text = _policy('"a == \\"b\\" and\n      x > zz"')
    (d,) = errors(text)
    assert (d.message, d.span.line, d.span.column, d.span.end_column) == ("unknown name 'zz'", 7, 11, 13)


def test_text_that_does_not_decode_to_the_value_has_no_positions():
    assert flow_offsets('"a\\tb"', "a\tb", '"') == [(1, 2), (2, 4), (4, 5)]
    assert flow_offsets('"a\\u00e9"', "aé", '"') == [(1, 2), (2, 8)]
    assert flow_offsets('"a  \n   b"', "a b", '"') == [(1, 2), (4, 5), (8, 9)]
    assert flow_offsets('"a\n\n  b"', "a\nb", '"') == [(1, 2), (3, 4), (6, 7)]
    assert flow_offsets('"a\\\n  b"', "ab", '"') == [(1, 2), (6, 7)]
    assert flow_offsets('"a\\qb"', "aqb", '"') is None  # not an escape YAML knows
    assert flow_offsets('"ab"', "a b", '"') is None  # not this value: no answer rather than a wrong one
    assert flow_offsets("ab", "ab", "|") is None
