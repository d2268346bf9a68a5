"""Only a record's own problems become rejected records; a back end's failure on a good record is a bug, said as one."""

from __future__ import annotations

import pytest
from support import load

import policyscore as ps
from policyscore import backends
from policyscore.policy import Policy

POLICY = """
policy: p
version: 1
record:
  fields: {id: string, a: number?, b: number?}
factors:
  - id: ratio
    weight: 10
    value: "a / b"
"""


def _broken(program, check_all_fields=False):
    def evaluate(record, as_of, explain):
        raise ZeroDivisionError("float division by zero")  # what a back end without the divisor check would raise

    return evaluate


def test_a_back_end_failing_on_a_good_record_raises_an_engine_error_not_a_record_error():
    good = load(POLICY)
    broken = Policy(good.program, _broken(good.program))
    assert good.score({"id": "x", "a": 1, "b": 0}, "2026-11-01").to_dict()["factors"][0]["missing"] is True
    with pytest.raises(ps.EngineError, match="reference evaluator scores") as err:
        broken.score({"id": "x", "a": 1, "b": 0}, "2026-11-01")
    assert not isinstance(err.value, ps.RecordError)
    with pytest.raises(ps.EngineError):
        list(broken.score_many([{"id": "x", "a": 1, "b": 0}], "2026-11-01", on_error="yield"))


def test_a_bad_record_is_still_a_record_error_whatever_the_back_end_raised():
    broken = Policy(load(POLICY).program, _broken(None))
    (error,) = broken.score_many([{"id": "x", "a": "one", "b": 2}], "2026-11-01", on_error="yield")
    assert isinstance(error, ps.RecordError) and error.field == "a" and error.record_id == "x"


def test_the_command_line_reports_an_engine_bug_with_exit_3(tmp_path, monkeypatch, run):
    (tmp_path / "p.yaml").write_text(POLICY)
    (tmp_path / "r.jsonl").write_text('{"id": "x", "a": 1, "b": 0}\n')
    monkeypatch.setitem(backends.BACKENDS, "python", _broken)
    result = run("score", tmp_path / "p.yaml", tmp_path / "r.jsonl", "--as-of", "2026-11-01", "--engine", "python")
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "bug in policyscore" in result.stderr
    assert "rejected" not in result.stderr


def test_an_ineligible_records_let_that_cannot_be_computed_is_shown_as_no_value():
    # the filter fails, so the score never needs `shout`; `note` holds a number where text is wanted
    policy = ps.load_policy_text(
        "policy: p\nversion: 1\nlet:\n  shout: upper(note)\nfilters:\n  - {id: ok, when: ok}\n"
        "factors:\n  - {id: f, weight: 1, value: \"if shout == 'X' then 1 else 0\"}\n"
    )
    for explain in (True, False):
        d = policy.score({"id": "a", "ok": False, "note": 5}, "2026-11-01", explain=explain).to_dict()
        assert d["eligible"] is False and d["lets"][0]["value"] is None
    with pytest.raises(ps.RecordError):  # an eligible record needs the let: rejected, as before
        policy.score({"id": "b", "ok": True, "note": 5}, "2026-11-01")


def test_a_let_that_overflowed_is_written_so_the_explanation_stays_json():
    import json

    policy = ps.load_policy_text("policy: p\nversion: 1\nlet:\n  big: x * 1e308 * 10\nfactors:\n  - {id: f, weight: 1, value: big}\n")
    d = policy.score({"id": "a", "x": 5}, "2026-11-01").to_dict()
    assert d["lets"][0]["value"] == "inf" and d["factors"][0]["missing"] is True
    json.dumps(d, allow_nan=False)  # strict JSON: no Infinity or NaN
