"""Hostile records: deep nesting, duplicate keys, huge integers, lone surrogates, YAML 1.1 surprises and alias bombs."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.errors import InputError
from policyscore.io.readers import Source, loads, read_records
from policyscore.io.recordlimits import MAX_LINE_BYTES, MAX_RECORD_DEPTH, MAX_RECORD_VALUES


def items(fmt: str, text: str):
    raw = text.encode("utf-8")
    return list(read_records(Source("mem", fmt, io.BytesIO(raw)), {}, "id"))


def outcome(item):
    """(line, record) for a record read, (line, code, message) for one rejected."""
    if item.error is None:
        return (item.line, item.record)
    return (item.line, item.error.code, str(item.error))


def nested(depth: int) -> str:
    """A JSON value ``depth`` levels deep (the record around it adds one)."""
    return "[" * depth + "]" * depth


# ---------------------------------------------------------------- depth


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
@pytest.mark.parametrize("depth", [MAX_RECORD_DEPTH, 100, 1500, 20_000])
def test_a_record_nested_too_deep_is_rejected_and_the_next_one_read(fmt, depth):
    lines = [f'{{"id": "deep", "x": {nested(depth)}}}', '{"id": "ok", "n": 1}']
    text = "\n".join(lines) if fmt == "jsonl" else "[" + ",\n".join(lines) + "]"
    first, second = items(fmt, text)
    assert outcome(second) == (2, {"id": "ok", "n": 1})
    assert first.error is not None and first.error.code == "PS515"
    assert f"nested more than {MAX_RECORD_DEPTH} levels deep" in str(first.error)


def test_a_record_just_within_the_depth_limit_is_read():
    value = nested(MAX_RECORD_DEPTH - 1)
    (item,) = items("jsonl", f'{{"id": "a", "x": {value}}}')
    assert item.error is None and json.dumps(item.record["x"]).count("[") == MAX_RECORD_DEPTH - 1


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"id": "a", "note": "[" * 500 + "{" * 500})
    (item,) = items("jsonl", text)
    assert item.error is None and item.record["note"].startswith("[[[")


def test_a_json_array_whose_deep_item_never_closes_is_invalid_json():
    with pytest.raises(Exception, match="not valid JSON"):
        items("json", '[{"id": "a", "x": ' + "[" * 5000)


# ---------------------------------------------------------------- duplicate keys


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_duplicate_key_rejects_the_record_and_names_its_id(fmt):
    lines = ['{"id": "a", "amount": 1, "amount": 2}', '{"id": "b", "billing": {"country": "US", "country": "CA"}}', '{"id": "c"}']
    text = "\n".join(lines) if fmt == "jsonl" else "[" + ",\n".join(lines) + "]"
    got = [outcome(i) for i in items(fmt, text)]
    assert got == [
        (1, "PS516", "mem:1, id 'a': the record repeats the key 'amount' in one object"),
        (2, "PS516", "mem:2, id 'b': the record repeats the key 'country' in one object"),
        (3, {"id": "c"}),
    ]


def test_a_duplicate_key_written_with_escapes_is_found():
    # "\u0061" is "a": the text has no repeated spelling, the object has a repeated key.
    (item,) = items("jsonl", '{"id": "x", "a": 1, "\\u0061": 2}')
    assert item.error is not None and item.error.code == "PS516"


_KEYS = st.text(st.sampled_from('ab:"\\{}[], \u00e9'), min_size=0, max_size=4)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False), _KEYS)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(record=st.dictionaries(_KEYS, _VALUES, max_size=5), indent=st.sampled_from([None, 1]))
def test_records_without_duplicates_are_read_exactly_as_the_standard_library_reads_them(record, indent):
    record["id"] = "r"
    text = json.dumps(record, indent=indent, ensure_ascii=indent is None)
    if indent is not None:
        text = text.replace("\n", " ")
    (item,) = items("jsonl", text)
    assert item.error is None, item.error
    assert item.record == json.loads(text)
    assert json.dumps(item.record, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)  # ints stay ints


# ---------------------------------------------------------------- integers of any size


BIG = [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63) - 1, 10**30, -(10**40)]


@pytest.mark.parametrize("number", BIG)
def test_integers_of_any_size_read_the_same_in_every_format(number):
    sources = {
        "jsonl": f'{{"id": "a", "n": {number}}}\n',
        "json": f'[{{"id": "a", "n": {number}}}]',
        "csv": f"id,n\na,{number}\n",
        "yaml": f"- id: a\n  n: {number}\n",
    }
    for fmt, text in sources.items():
        (item,) = items(fmt, text)
        assert item.error is None, (fmt, item.error)
        assert item.record["n"] == number and type(item.record["n"]) is int, (fmt, item.record)
    assert loads(str(number)) == number


def test_a_big_float_stays_a_float():
    (item,) = items("jsonl", '{"id": "a", "x": 1e19, "y": 18446744073709551616.0}')
    assert item.record == {"id": "a", "x": 1e19, "y": 18446744073709551616.0}
    assert type(item.record["x"]) is float and type(item.record["y"]) is float


# ---------------------------------------------------------------- lone surrogates


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_lone_surrogate_rejects_the_record(fmt):
    lines = ['{"id": "a", "name": "Bob \\ud800"}', '{"id": "b", "name": "smile \\ud83d\\ude00"}']
    text = "\n".join(lines) if fmt == "jsonl" else "[" + ",\n".join(lines) + "]"
    first, second = items(fmt, text)
    assert outcome(first) == (1, "PS517", "mem:1, id 'a': the record holds a lone surrogate (not a character) in the text \"Bob \\ud800\"")
    assert outcome(second) == (2, {"id": "b", "name": "smile \U0001f600"})


def test_a_lone_surrogate_in_a_key_rejects_the_record():
    (item,) = items("jsonl", '{"id": "a", "\\udc00": 1}')
    assert item.error is not None and item.error.code == "PS517"


# ---------------------------------------------------------------- YAML records


def test_yaml_records_use_core_rules_with_decimal_numbers_only():
    text = (
        "- id: a\n  t: 1:30\n  h: 0x10\n  o: 0o17\n  y: yes\n  off: off\n  d: 2026-01-01\n"
        "  f: 1e3\n  i: .inf\n  nan: .nan\n  z: ~\n  b: True\n  s: '12'\n  neg: -7\n"
    )
    (item,) = items("yaml", text)
    assert item.record == {
        "id": "a",
        "t": "1:30",
        "h": "0x10",
        "o": "0o17",
        "y": "yes",
        "off": "off",
        "d": "2026-01-01",
        "f": 1000.0,
        "i": ".inf",
        "nan": ".nan",
        "z": None,
        "b": True,
        "s": "12",
        "neg": -7,
    }


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("{id: a, 1: x, b: y}", "the key 1 must be text; quote it"),
        ("{id: a, null: x}", "the key null must be text; quote it"),
        ("{id: a, [1]: x}", "the key that is a list or mapping must be text"),
        ("{id: a, k: 1, k: 2}", "the key 'k' appears twice"),
        ("{id: a, o: {p: 1, p: 2}}", "the key 'p' in o appears twice"),
        ("{id: a, n: !!float abc}", "'abc' is not a decimal number"),
        ("{id: a, n: !!float inf}", "'inf' is not a finite number"),
        ("{id: a, n: !!timestamp 2026-01-01}", "the tag tag:yaml.org,2002:timestamp is not supported"),
    ],
)
def test_yaml_records_that_cannot_be_read_are_rejected_with_their_id(record, message):
    got = items("yaml", f"- {record}\n- {{id: next}}\n")
    assert got[0].error is not None and got[0].error.code == "PS510"
    assert str(got[0].error).startswith("mem:1, id 'a': the record cannot be read as YAML: ")
    assert message in str(got[0].error)
    assert outcome(got[1]) == (2, {"id": "next"})


def test_a_yaml_alias_bomb_in_a_record_is_rejected_quickly():
    lines = ["- id: bomb", '  a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        lines.append(f"  {level}: &{level} [" + ",".join([f"*{prev}"] * 10) + "]")
    lines.append("- id: next")
    text = "\n".join(lines) + "\n"
    assert len(text) < 600
    first, second = items("yaml", text)
    assert first.error is not None and f"more than {MAX_RECORD_VALUES:,} values" in str(first.error)
    assert outcome(second) == (len(lines), {"id": "next"})


def test_shared_yaml_values_within_the_limit_are_copied():
    (item,) = items("yaml", "- id: a\n  x: &x [1, 2]\n  y: *x\n")
    assert item.record == {"id": "a", "x": [1, 2], "y": [1, 2]}
    assert item.record["x"] is not item.record["y"]


def test_a_yaml_record_nested_too_deep_is_rejected():
    got = items("yaml", f"- id: a\n  x: {nested(MAX_RECORD_DEPTH + 5)}\n- id: b\n")
    assert got[0].error is not None and f"nested more than {MAX_RECORD_DEPTH} levels" in str(got[0].error)
    assert outcome(got[1]) == (3, {"id": "b"})


# ---------------------------------------------------------------- line length


def test_a_line_of_the_longest_length_is_one_rejected_record_and_the_next_line_is_read():
    long = '{"id": "long", "note": "' + "x" * MAX_LINE_BYTES + '"}'
    text = '{"id": "a", "n": 1}\n' + long + '\n{"id": "b", "n": 2}\n'
    got = [outcome(i) for i in items("jsonl", text)]
    assert got[0] == (1, {"id": "a", "n": 1}) and got[2] == (3, {"id": "b", "n": 2})
    assert got[1][:2] == (2, "PS518") and "16 MiB or more" in got[1][2]


def test_a_line_just_shorter_than_the_limit_is_read():
    filler = "x" * (MAX_LINE_BYTES - len('{"id": "a", "note": ""}\n'))
    line = '{"id": "a", "note": "' + filler + '"}\n'
    assert len(line.encode()) == MAX_LINE_BYTES
    got = items("jsonl", line)
    assert got[0].error is None and got[0].record["note"] == filler


def test_a_file_without_line_ends_is_read_in_bounded_pieces():
    """A stream with no newline (as /dev/zero) is one rejected line, read in pieces: never kept whole."""

    class Endless(io.RawIOBase):
        def __init__(self, total: int):
            self.left = total

        def readable(self) -> bool:
            return True

        def readinto(self, buf) -> int:
            n = min(len(buf), self.left)
            buf[:n] = b"y" * n
            self.left -= n
            return n

    raw = Endless(8 * MAX_LINE_BYTES)
    tracemalloc.start()
    try:
        got = [outcome(i) for i in read_records(Source("mem", "jsonl", io.BufferedReader(raw)), {}, "id")]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [g[:2] for g in got] == [(1, "PS518")]
    assert raw.left == 0  # read to its end
    assert peak < 5 * MAX_LINE_BYTES, peak  # a few pieces at a time (about 4 measured): the whole line is 8 times the limit


def test_a_long_csv_line_is_one_rejected_row_and_the_rows_around_it_are_read():
    text = "id,n\na,1\nb," + "9" * MAX_LINE_BYTES + "\nc,3\n"
    got = [outcome(i) for i in items("csv", text)]
    assert got[0] == (2, {"id": "a", "n": 1})
    assert got[1][:2] == (3, "PS518")
    assert got[2] == (4, {"id": "c", "n": 3})


def test_a_csv_header_too_long_is_the_header_error():
    with pytest.raises(InputError) as err:
        items("csv", "id," + "n" * MAX_LINE_BYTES + "\na,1\n")
    assert err.value.code == "PS508" and "16 MiB" in str(err.value)
