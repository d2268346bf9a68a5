"""Inputs the fuzzing suite (tests/test_fuzz.py) found mishandled, kept as regression cases."""

from __future__ import annotations

import io

import pytest

import policyscore as ps
from policyscore.io.readers import Source, read_records

BIG = "9" * 5000  # past Python's 4,300 digits for reading an integer


def outcomes(fmt: str, text: str) -> list[tuple[int, str | None, str | None]]:
    """(line, error code, message) of each record read from ``text``."""
    items = read_records(Source("mem", fmt, io.BytesIO(text.encode("utf-8"))), {}, "id")
    return [(i.line, i.error.code if i.error else None, str(i.error) if i.error else None) for i in items]


# ---------------------------------------------------------------- JSON arrays: one bad value rejects its record, as in JSON Lines


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", BIG])
def test_a_record_of_a_json_array_with_a_value_json_cannot_hold_is_rejected_and_the_next_read(token):
    # The whole file was refused ("not valid JSON: NaN is not allowed in JSON") with no line, column or record.
    text = '[{"id": "a", "n": 1},\n {"id": "b", "n": [' + token + ']},\n {"id": "c"}]'
    (first, second, third) = outcomes("json", text)
    assert first == (1, None, None) and third == (3, None, None)
    assert second[:2] == (2, "PS510")
    assert second[2].startswith("mem:2: not valid JSON: ")


def test_a_json_array_item_that_is_not_a_record_and_not_json_is_refused_with_its_position():
    with pytest.raises(Exception, match=r"mem:2:2: not valid JSON: NaN is not allowed"):
        outcomes("json", '[{"id": "a"},\n NaN]')


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", f'[{{"id": "a", "n": {BIG}}}]'),
        ("jsonl", f'{{"id": "a", "n": {BIG}}}'),
        ("yaml", f"- id: a\n  n: {BIG}\n"),
    ],
)
def test_an_integer_too_long_to_read_is_named_without_python_internals(fmt, text):
    # The message was Python's: "... use sys.set_int_max_str_digits() to increase the limit".
    ((line, code, message),) = outcomes(fmt, text)
    assert (line, code) == (1, "PS510")
    assert "an integer of more than 4300 digits" in message and "sys." not in message


# ---------------------------------------------------------------- policy text held in memory

LONE_SURROGATE_POLICY = 'policy: "\ud800"\nversion: 1\nfactors: [{id: f, weight: 1, value: "1"}]\n'


@pytest.mark.xfail(
    strict=True,
    raises=UnicodeEncodeError,
    reason="policyfile/loader.py encodes the text as strict UTF-8 before reading it: a str holding a lone surrogate "
    "raises UnicodeEncodeError instead of a diagnostic (with 'surrogatepass' it would be reported as the same bytes "
    "in a file are: PS002, not UTF-8)",
)
@pytest.mark.parametrize("call", ["check_text", "load_policy_text"])
def test_policy_text_holding_a_lone_surrogate_gives_a_diagnostic(call):
    try:
        problems = getattr(ps, call)(LONE_SURROGATE_POLICY, "p.yaml")
    except ps.PolicyError as exc:
        problems = exc.diagnostics
    assert [d.code for d in problems if d.is_error] == ["PS002"]  # not UTF-8, as the same bytes in a file
    assert problems[0].span is not None and problems[0].span.line == 1
