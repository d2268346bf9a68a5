"""Inputs the fuzzing suite (tests/test_fuzz.py) found mishandled, kept as regression cases."""

from __future__ import annotations

import io
import json

import pytest

import policyscore as ps
from policyscore.io.readers import Source, read_records

BIG = "9" * 5000  # past Python's 4,300 digits for reading an integer


def outcomes(fmt: str, text: str) -> list[tuple[int, str | None, str | None]]:
    """(line, error code, message) of each record read from ``text``."""
    items = read_records(Source("mem", fmt, io.BytesIO(text.encode("utf-8"))), {}, "id")
    return [(i.line, i.error.code if i.error else None, str(i.error) if i.error else None) for i in items]


def known(raises: type[BaseException], reason: str) -> pytest.MarkDecorator:
    """A failure found by fuzzing whose fix belongs to code being rewritten: it fails as described until fixed."""
    return pytest.mark.xfail(strict=True, raises=raises, reason=reason)


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


# ---------------------------------------------------------------- YAML records sharing an anchor


def test_records_that_alias_one_huge_anchor_are_rejected_without_expanding_it_again(monkeypatch):
    # An anchor of 9**9 values and a thousand records naming it (17 KB) took a minute: each record
    # expanded it up to the 100,000-value limit again.  The size of a node is now counted once per file.
    from policyscore.io import yamlrecords

    bomb = "- &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"- &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    built = []
    real_build = yamlrecords._Builder.build
    monkeypatch.setattr(yamlrecords._Builder, "build", lambda self, *a: built.append(1) or real_build(self, *a))
    got = outcomes("yaml", bomb + "- {id: x, a: *i}\n" * 1000 + "- {id: ok}\n")
    assert len(got) == 1010 and got[-1] == (1010, None, None)
    assert {code for _, code, _ in got[9:-1]} == {"PS510"}
    assert all("more than 100,000 values (aliases followed)" in m for _, _, m in got[9:-1])
    assert len(built) < 200_000  # values built for the whole file, where it was over 100,000 per record


# ---------------------------------------------------------------- policy text held in memory

LONE_SURROGATE_POLICY = 'policy: "\ud800"\nversion: 1\nfactors: [{id: f, weight: 1, value: "1"}]\n'


@pytest.mark.parametrize("call", ["check_text", "load_policy_text"])
def test_policy_text_holding_a_lone_surrogate_gives_a_diagnostic(call):
    try:
        problems = getattr(ps, call)(LONE_SURROGATE_POLICY, "p.yaml")
    except ps.PolicyError as exc:
        problems = exc.diagnostics
    assert [d.code for d in problems if d.is_error] == ["PS002"]  # not UTF-8, as the same bytes in a file
    assert problems[0].span is not None and problems[0].span.line == 1


# ---------------------------------------------------------------- known failures in the core, kept until it is fixed


CHAIN = "".join(f"if x > {i} then {i} else " for i in range(150)) + "0"
CHAIN_POLICY = f"""\
policy: chain
version: 1
record: {{fields: {{id: string, x: 'number?'}}}}
let:
  l0: '{CHAIN}'
factors:
  - {{id: f, weight: 1, value: 'coalesce(l0, 0) / 200'}}
"""


def test_a_150_branch_if_chain_over_a_nullable_field_loads():
    assert [d for d in ps.check_text(CHAIN_POLICY, "p.yaml") if d.is_error] == []
    policy = ps.load_policy_text(CHAIN_POLICY, "p.yaml")
    # the first condition that holds decides: for 149.5 it is the first one, x > 0, which gives 0
    assert policy.score({"id": "a", "x": 149.5}, "2026-11-01").lookup("l0") == 0
    assert policy.score({"id": "b", "x": -1}, "2026-11-01").lookup("l0") == 0  # no branch: the final else
    assert policy.score({"id": "c", "x": None}, "2026-11-01").lookup("l0") is None  # a null condition: null


BOOK_POLICY = """\
policy: book
version: 1
record: {fields: {id: string, n: 'integer?'}}
factors:
  - {id: f, weight: 1, value: 'percent_rank(n)'}
"""


def test_an_integer_beyond_a_float_in_a_portfolio_rejects_only_its_record():
    policy = ps.load_policy_text(BOOK_POLICY, "p.yaml")
    records = [{"id": "a", "n": 1}, {"id": "big", "n": 10**400}, {"id": "c", "n": 3}]
    outcomes = list(policy.score_many(records, "2026-11-01", on_error="yield"))
    assert [type(o).__name__ for o in outcomes] == ["Result", "RecordError", "Result"]
    assert [o.score for o in (outcomes[0], outcomes[2])] == [0, 1]


def test_a_record_whose_id_is_nan_is_rejected_or_explained_in_json():
    policy = ps.load_policy_text(BOOK_POLICY.replace("percent_rank(n)", "coalesce(n, 0) / 10"), "p.yaml")
    try:
        explanation = policy.score({"id": float("nan"), "n": 1}, "2026-11-01").to_dict()
    except ps.RecordError:
        return
    json.dumps(explanation, allow_nan=False)


# ---------------------------------------------------------------- a rejected record holding a lone surrogate


@pytest.mark.parametrize("where", ["id", "note"])
def test_a_record_with_a_lone_surrogate_is_written_to_the_rejects_file_as_an_escape(run, tmp_path, where):
    # Writing the rejects file failed with a UnicodeEncodeError traceback: UTF-8 cannot hold the surrogate.
    policy = tmp_path / "p.yaml"
    policy.write_text("policy: t\nversion: 1\nrecord:\n  fields: {id: string, x: number?}\nfactors:\n  - {id: f, weight: 10, value: x}\n")
    bad = '{"id": "\\ud800", "x": 1}' if where == "id" else '{"id": "a", "x": 1, "note": "x\\udfff"}'
    records = tmp_path / "r.jsonl"
    records.write_text(bad + '\n{"id": "ok", "x": 0.5}\n', encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    for engine in ("python", "duckdb"):
        out = run("score", policy, records, "--as-of", "2026-11-01", "--engine", engine, "--on-error", "skip", "--rejects", rejects)
        assert out.exit_code == 0 and "1 rejected" in out.stderr and "ok" in out.stdout
        (line,) = rejects.read_text(encoding="utf-8").splitlines()
        assert "\\ud800" in line or "\\udfff" in line
        rejected = json.loads(line)
        assert rejected["code"] == "PS517" and rejected["row"] == 1
        assert rejected["record"] == json.loads(bad)


def test_dumps_writes_a_lone_surrogate_as_an_escape():
    from policyscore.io.writers import dumps

    assert dumps({"a": "x\ud800é"}) == '{"a":"x\\ud800é"}'
    assert dumps({"a": "\udfff", "n": 2**70}, pretty=True) == '{\n  "a": "\\udfff",\n  "n": 1180591620717411303424\n}'
