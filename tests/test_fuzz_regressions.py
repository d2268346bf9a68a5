"""Inputs the fuzzing suite (tests/test_fuzz.py) found mishandled, kept as regression cases."""

from __future__ import annotations

import io

import pytest

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
