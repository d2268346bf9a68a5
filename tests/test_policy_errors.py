"""Every class of policy mistake is reported with its code, message, line and column."""

from __future__ import annotations

import pytest
from support import diagnostics, errors, policy_text

import policyscore as ps
from policyscore.errors import render_diagnostics

GOOD = """
policy: demo
version: 1
record:
  fields:
    id: string
    country: string
    amount: number?
    tenure_months: integer
factors:
  - id: size
    weight: 10
    value: "scale(amount, 0, 100)"
"""


def only(body: str) -> ps.Diagnostic:
    found = errors(body)
    assert len(found) == 1, [str(d) for d in found]
    return found[0]


def where(d: ps.Diagnostic) -> tuple[int, int]:
    assert d.span is not None
    return d.span.line, d.span.column


def test_a_good_policy_has_no_problems():
    assert diagnostics(GOOD) == []


def test_yaml_syntax_error():
    d = only("policy: demo\nversion: 1\nfactors:\n  - id: a\n    weight: [1\n")
    assert d.code == "PS101"
    assert d.message.startswith("YAML syntax error")
    assert d.span is not None and d.span.line >= 5


def test_duplicate_yaml_key():
    d = only(GOOD + "version: 2\n")
    assert (d.code, d.message) == ("PS102", "duplicate key 'version' (first defined on line 2)")
    assert where(d) == (13, 1)


def test_policy_must_be_a_mapping():
    d = only("- a\n- b\n")
    assert d.code == "PS103"
    assert where(d) == (1, 1)


def test_unknown_key_with_suggestion():
    d = only(GOOD.replace("    weight: 10\n", "    weight: 10\n    wieght: 3\n"))
    assert (d.code, d.message, d.hint) == ("PS110", "unknown key 'wieght' in factors[0]", "did you mean 'weight'?")
    assert where(d) == (12, 5)


def test_missing_required_key():
    d = only(GOOD.replace("version: 1\n", ""))
    assert (d.code, d.message) == ("PS110", "the policy is missing the required key 'version'")


def test_wrong_type_and_range():
    found = errors(GOOD.replace("weight: 10", "weight: -3"))
    assert [(d.code, d.message, where(d)) for d in found] == [("PS110", "factors[0].weight must be greater than 0, got -3", (11, 13))]
    d = only(GOOD.replace("weight: 10", "weight: heavy"))
    assert d.message == "factors[0].weight must be a number or a mapping, got string 'heavy'"
    assert where(d) == (11, 13)


def test_empty_factor_list():
    d = only(GOOD.split("factors:")[0] + "factors: []\n")
    assert (d.code, d.message) == ("PS110", "factors must not be empty")


def test_duplicate_ids():
    body = GOOD + "  - id: size\n    weight: 5\n    value: '1'\n"
    d = only(body)
    assert (d.code, d.message) == ("PS111", "duplicate factor id 'size' (first used in factors[0])")
    assert where(d) == (13, 9)


def test_tiers_must_descend():
    body = GOOD + "tiers:\n  - {name: silver, min: 5}\n  - {name: gold, min: 8}\n"
    d = only(body)
    assert d.code == "PS112"
    assert d.message == "tiers must be listed highest first: 'gold' (min 8) comes after 'silver' (min 5)"
    assert where(d) == (15, 23)


def test_factor_needs_value_or_bands():
    d = only(GOOD.replace('    value: "scale(amount, 0, 100)"\n', ""))
    assert (d.code, d.message) == ("PS120", "a factor needs exactly one of 'value' or 'bands'")


def test_bands_must_end_with_else():
    body = GOOD.replace('    value: "scale(amount, 0, 100)"\n', "    bands:\n      - when: 'amount > 5'\n        value: 1\n")
    d = only(body)
    assert (d.code, d.message, d.hint) == ("PS120", "bands must end with an 'else' band", "add '- else: 0' as the last band")
    assert where(d) == (13, 9)


def test_band_value_must_be_a_fraction():
    body = GOOD.replace(
        '    value: "scale(amount, 0, 100)"\n', "    bands:\n      - when: 'amount > 5'\n        value: 5\n      - else: 0\n"
    )
    d = only(body)
    assert d.message == "factors[0].bands[0].value must be at most 1, got 5"
    assert where(d) == (14, 16)


def test_expression_syntax_error_points_into_the_file():
    d = only(GOOD.replace('"scale(amount, 0, 100)"', '"scale(amount, 0 100)"'))
    assert d.code == "PS202"
    assert d.message.startswith("syntax error in factor 'size': unexpected '100'")
    assert where(d) == (12, 29)


def test_unknown_name_with_suggestion():
    body = GOOD + 'filters:\n  - id: young\n    when: "amount > 10 and tenure_month < 6"\n'
    d = only(body)
    assert (d.code, d.message, d.hint) == ("PS201", "unknown name 'tenure_month'", "did you mean 'tenure_months'?")
    assert where(d) == (15, 28)
    assert (d.span.end_line, d.span.end_column) == (15, 40)


def test_type_error():
    body = GOOD + "filters:\n  - id: geo\n    when: country > 5\n"
    d = only(body)
    assert (d.code, d.message) == ("PS203", "cannot compare string with number")
    assert where(d) == (15, 11)


def test_comparison_with_null_is_an_error_with_a_hint():
    body = GOOD + "filters:\n  - id: geo\n    when: amount == null\n"
    d = only(body)
    assert (d.code, d.hint) == ("PS203", "use 'is null' or 'is not null'")


def test_wrong_arity_and_unknown_function():
    d = only(GOOD.replace('"scale(amount, 0, 100)"', '"scale(amount, 0)"'))
    assert (d.code, d.message, d.hint) == ("PS204", "scale() takes 3 arguments, got 2", "usage: scale(number, number, number)")
    d = only(GOOD.replace('"scale(amount, 0, 100)"', '"scael(amount, 0, 100)"'))
    assert (d.code, d.message, d.hint) == ("PS204", "unknown function 'scael'", "did you mean 'scale'?")
    assert where(d) == (12, 13)


def test_when_must_be_boolean_and_value_a_number():
    body = GOOD + "filters:\n  - id: geo\n    when: amount + 1\n"
    d = only(body)
    assert (d.code, d.message) == ("PS205", "filter 'geo' must be a boolean, got number?")
    d = only(GOOD.replace('"scale(amount, 0, 100)"', "country"))
    assert (d.code, d.message) == ("PS206", "factor 'size' must be a number, got string")


def test_invalid_date_and_regex_literals():
    body = GOOD + "filters:\n  - id: d\n    when: \"as_of > date('2026-02-30')\"\n  - id: r\n    when: \"matches(country, '[a-')\"\n"
    found = errors(body)
    assert [(d.code, where(d)) for d in found] == [("PS207", (15, 25)), ("PS207", (17, 29))]
    assert found[0].message == "'2026-02-30' is not a date in the form YYYY-MM-DD"
    assert found[1].message.startswith("invalid regular expression")


def test_let_used_before_definition():
    body = GOOD + 'let:\n  a: "b + 1"\n  b: "amount"\n'
    d = only(body)
    assert (d.code, d.message) == ("PS201", "let 'a' is used before it is defined".replace("'a'", "'b'"))
    assert where(d) == (14, 7)
    # 'b' is used (too early): no contradictory "never used" warning beside the error
    assert [(x.code, x.message) for x in diagnostics(body) if x.code == "PS302"] == [("PS302", "let 'a' is never used")]


def test_record_schema_file_missing():
    body = GOOD.replace(
        "  fields:\n    id: string\n    country: string\n    amount: number?\n    tenure_months: integer\n", "  schema: nowhere.json\n"
    )
    found = errors(body)
    assert found[0].code == "PS113"
    assert found[0].message.startswith("record schema file not found")
    assert where(found[0]) == (4, 11)


def test_unknown_field_type():
    d = only(GOOD.replace("amount: number?", "amount: money"))
    assert d.code == "PS110"
    assert d.message == "record.fields.amount: unknown field type 'money'"
    assert where(d) == (7, 13)


def test_all_problems_are_reported_together_sorted_by_position():
    body = GOOD.replace("weight: 10", "weight: 0") + "filters:\n  - id: a\n    when: nope\n  - id: b\n    when: '1 +'\n"
    found = errors(body)
    assert [d.code for d in found] == ["PS110", "PS201", "PS202"]
    assert [where(d)[0] for d in found] == [11, 15, 17]


def test_warnings_do_not_block_loading():
    body = GOOD + "params:\n  unused: 3\nlet:\n  spare: amount\nscore:\n  weights_total: 100\ntiers:\n  - {name: top, min: 50}\n"
    found = diagnostics(body)
    assert [(d.code, d.severity) for d in found] == [("PS301", "warning"), ("PS302", "warning"), ("PS304", "warning"), ("PS303", "warning")]
    ps.load_policy_text(policy_text(body), "t.yaml")


def test_division_by_literal_zero_is_a_warning():
    found = diagnostics(GOOD.replace('"scale(amount, 0, 100)"', '"amount / 0"'))
    assert [(d.code, d.severity) for d in found] == [("PS305", "warning")]


def test_render_looks_like_a_compiler_message():
    body = GOOD + 'filters:\n  - id: young\n    when: "amount > 10 and tenure_month < 6"\n'
    with pytest.raises(ps.PolicyError) as err:
        ps.load_policy_text(policy_text(body), "rules/t.yaml")
    assert err.value.render() == (
        "rules/t.yaml:15:28: error: unknown name 'tenure_month' [PS201]\n"
        "   |\n"
        '15 |     when: "amount > 10 and tenure_month < 6"\n'
        "   |                            ^^^^^^^^^^^^\n"
        "   = hint: did you mean 'tenure_months'?"
    )
    assert str(err.value) == "rules/t.yaml:15:28: error: unknown name 'tenure_month' [PS201]"


def test_expression_positions_inside_block_scalars():
    body = GOOD.replace('    value: "scale(amount, 0, 100)"\n', "    value: >\n      scale(amount, 0, 100)\n      + bogus\n")
    d = only(body)
    assert d.message == "unknown name 'bogus'"
    assert where(d) == (14, 9)


def test_missing_file_and_bad_encoding(tmp_path):
    missing = ps.check(tmp_path / "nope.yaml")
    assert [d.code for d in missing] == ["PS001"]
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"policy: demo\nversion: 1\n# caf\xe9\n")
    found = ps.check(bad)
    assert [(d.code, where(d)) for d in found] == [("PS002", (3, 6))]
    with pytest.raises(ps.PolicyError):
        ps.load_policy(bad)


def test_many_problems_are_capped_in_rendering():
    diags = [ps.Diagnostic("PS201", f"unknown name 'x{i}'", ps.Span("f.yaml", i + 1, 1, i + 1, 2)) for i in range(60)]
    text = render_diagnostics(diags, {}, limit=50)
    assert text.endswith("... and 10 more")
    assert text.count("[PS201]") == 50


def test_constants_compared_with_enum_fields_must_be_allowed_values(tmp_path):
    (tmp_path / "customer.json").write_text(
        '{"type": "object", "properties": {"status": {"type": "string", "enum": ["active", "churned", "trial"]}}}'
    )
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "policy: p\nversion: 1\nrecord:\n  schema: customer.json\n"
        "params:\n  closed: [churned, closed]\n"
        "filters:\n"
        "  - {id: a, when: \"status != 'chruned'\"}\n"
        "  - {id: b, when: \"status not in closed\"}\n"
        "  - {id: c, when: \"status in ['active', 'trial']\"}\n"
        "factors: [{id: f, weight: 1, value: '1'}]\n"
    )
    found = [d for d in ps.check(policy) if d.is_error]
    assert [(d.code, d.message, d.hint, where(d)) for d in found] == [
        ("PS208", "'chruned' is not a value of 'status'", "did you mean 'churned'?", (8, 30)),
        ("PS208", "'closed' is not a value of 'status'", "'status' is one of 'active', 'churned', 'trial'", (9, 34)),
    ]


def test_several_yaml_documents_in_one_file():
    d = only(GOOD + "---\npolicy: other\n")
    assert d.code == "PS101"
    assert d.message == "this file must hold one YAML document, found several (a line with --- starts another)"
    assert where(d)[0] == 14  # where the second document starts


def _caret_line(rendered: str) -> tuple[str, str]:
    """The shown source line and the caret line of one rendered diagnostic."""
    rows = rendered.splitlines()
    (i,) = [k for k, row in enumerate(rows) if set(row.split(" | ", 1)[-1]) <= {" ", "^"} and "^" in row]
    return rows[i - 1].split(" | ", 1)[1], rows[i].split(" | ", 1)[1]


def test_a_long_source_line_is_cut_around_the_caret(tmp_path):
    """A mistake far along a long line (a one-line expression of 50 terms) shows at most MAX_LINE_SHOWN characters
    of it, cut with an ellipsis, the caret still under the mistake."""
    from policyscore.errors import MAX_LINE_SHOWN

    terms = " + ".join(["amount"] * 150 + ["amonut"] + ["amount"] * 150)
    body = GOOD.replace('value: "scale(amount, 0, 100)"', f'value: "{terms}"')
    path = tmp_path / "long.yaml"
    path.write_text(body, encoding="utf-8")
    (diag,) = [d for d in ps.check(path) if d.is_error]
    assert diag.span.column > 1000
    shown, caret = _caret_line(render_diagnostics([diag], {str(path): body}))
    assert len(shown) <= MAX_LINE_SHOWN
    assert shown.startswith("…") and shown.endswith("…")
    start = caret.index("^")
    assert shown[start : start + len(caret) - start] == "amonut"


def test_a_caret_at_either_end_of_a_long_line():
    from policyscore.errors import MAX_LINE_SHOWN, Span, render_diagnostic

    text = "x" * 10 + "TARGET" + "y" * 500
    diag = ps.Diagnostic("PS201", "here", Span("f.yaml", 1, 11, 1, 17))
    shown, caret = _caret_line(render_diagnostic(diag, text))
    assert not shown.startswith("…") and shown.endswith("…") and len(shown) == MAX_LINE_SHOWN - 1
    assert caret == " " * 10 + "^" * 6
    end = ps.Diagnostic("PS201", "here", Span("f.yaml", 1, len(text) + 1, 1, len(text) + 1))  # just past the end
    shown, caret = _caret_line(render_diagnostic(end, text))
    assert shown.startswith("…") and not shown.endswith("…") and shown.endswith("y")
    assert len(caret) == len(shown) + 1 and caret.endswith("^")
    short = ps.Diagnostic("PS201", "here", Span("f.yaml", 1, 3, 1, 5))
    assert _caret_line(render_diagnostic(short, "ab cd ef")) == ("ab cd ef", "  ^^")
