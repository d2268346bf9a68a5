"""policyscore.batch: outcomes paired with their lines, counts that add up, --on-error, rankings, ids, dates."""

from __future__ import annotations

import io
import json
import random

import pytest

import policyscore as ps
from policyscore import batch
from policyscore.io.readers import Source

POLICY = """\
policy: tiny
version: 1
record:
  fields:
    id: string
    spend: number
filters:
  - id: positive
    when: spend > 0
factors:
  - id: size
    weight: 100
    value: spend / 100
tiers:
  - {name: high, min: 50}
  - {name: low, min: 0}
"""
AS_OF = "2026-11-01"


@pytest.fixture(scope="module")
def policy():
    return ps.load_policy_text(POLICY, "tiny.yaml")


def source(lines: list[str], name: str = "mem.jsonl") -> Source:
    return Source(name, "jsonl", io.BytesIO(("\n".join(lines) + "\n").encode("utf-8")))


def mixed(n: int, seed: int) -> tuple[list[str], dict[int, str]]:
    """``n`` JSON lines, some unreadable, some unscorable, some ineligible; and what each line should give."""
    rng = random.Random(seed)
    lines, expected = [], {}
    for i in range(1, n + 1):
        kind = rng.choice(["ok", "ok", "ok", "ineligible", "bad-json", "bad-type", "no-id"])
        if kind == "ok":
            lines.append(json.dumps({"id": f"C{i}", "spend": rng.randint(1, 100)}))
        elif kind == "ineligible":
            lines.append(json.dumps({"id": f"C{i}", "spend": -1}))
        elif kind == "bad-json":
            lines.append("{oops")
        elif kind == "bad-type":
            lines.append(json.dumps({"id": f"C{i}", "spend": "lots"}))
        else:
            lines.append(json.dumps({"spend": 5}))
        expected[i] = kind
    return lines, expected


@pytest.mark.parametrize("seed", [1, 2])
def test_every_outcome_is_paired_with_its_own_line_across_chunks(policy, seed):
    lines, expected = mixed(700, seed)  # several chunks of 256
    from policyscore.io.readers import read_records

    src = source(lines)
    got = list(batch.outcomes(policy, read_records(src, policy.fields, "id"), AS_OF, source=src.name))
    assert [s.line for s in got] == list(range(1, 701))
    for s in got:
        kind = expected[s.line]
        if kind in ("ok", "ineligible"):
            assert isinstance(s.outcome, ps.Result) and s.outcome.id == f"C{s.line}"
            assert s.outcome.eligible is (kind == "ok")
        else:
            assert isinstance(s.outcome, ps.RecordError)
            assert s.outcome.row == s.line and s.outcome.source == "mem.jsonl"
            assert s.outcome.code == {"bad-json": "PS510", "bad-type": "PS401", "no-id": "PS512"}[kind]


def test_a_run_counts_every_record_once_and_writes_rejects(policy):
    lines, expected = mixed(400, 3)
    out = io.StringIO()
    run = batch.Run(policy, source(lines), AS_OF, explain=False, rejects=batch.Rejects("skip", stream=out))
    ids = [r.id for r in run]
    summary = run.summary(shown=len(ids))
    kinds = list(expected.values())
    assert summary.read == 400 == summary.scored + summary.ineligible + summary.rejected
    assert summary.scored == kinds.count("ok") and summary.ineligible == kinds.count("ineligible")
    assert summary.rejected == 400 - kinds.count("ok") - kinds.count("ineligible")
    assert sum(n for _, n in summary.tiers) == summary.scored
    entries = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [e["row"] for e in entries] == [i for i, k in expected.items() if k not in ("ok", "ineligible")]
    bad_type = next(e for e in entries if e["code"] == "PS401")
    assert bad_type["record"] == json.loads(lines[bad_type["row"] - 1])
    assert not summary.nothing_usable


def test_fail_raises_the_first_reject_naming_its_line(policy):
    run = batch.Run(policy, source(['{"id": "a", "spend": 5}', '{"id": "b", "spend": "x"}', "{oops"]), AS_OF)
    seen = []
    with pytest.raises(ps.RecordError) as info:
        for result in run:
            seen.append(result.id)
    assert seen == ["a"]
    assert (info.value.row, info.value.record_id, info.value.field) == (2, "b", "spend")


def test_skip_reports_each_reject_when_there_is_no_stream(policy):
    reported = []
    run = batch.Run(
        policy, source(["{oops", '{"id": "a", "spend": 5}'], "f.jsonl"), AS_OF, rejects=batch.Rejects("skip", report=reported.append)
    )
    assert [r.id for r in run] == ["a"]
    assert [(e.row, e.code) for e in reported] == [(1, "PS510")]


def test_results_read_before_a_file_stops_being_readable_come_first(policy):
    data = b'{"id": "a", "spend": 5}\n{"id": "b", "spend": 6}\n{"id": "caf\xe9"}\n'
    run = batch.Run(policy, Source("f.jsonl", "jsonl", io.BytesIO(data)), AS_OF)
    seen = []
    with pytest.raises(ps.InputError, match="not valid UTF-8"):
        for result in run:
            seen.append(result.id)
    assert seen == ["a", "b"]


def test_unknown_on_error_is_refused():
    with pytest.raises(ValueError, match="on_error must be one of fail, skip"):
        batch.Rejects("ignore")


def test_ranking_keeps_the_best_n_with_ties_in_arrival_order():
    rng = random.Random(7)
    items = [(rng.randint(0, 20), i) for i in range(5000)]
    ranking: batch.Ranking[int] = batch.Ranking(top=10)
    largest = 0
    for key, i in items:
        ranking.add(key, i)
        largest = max(largest, len(ranking._kept))
    assert ranking.values() == [i for _, i in sorted(items, key=lambda pair: pair[0])][:10]
    assert largest <= 2 * 10 + 1000 + 1  # bounded memory, whatever the number of values
    unbounded: batch.Ranking[int] = batch.Ranking()
    for key, i in items:
        unbounded.add(key, i)
    assert unbounded.values() == [i for _, i in sorted(items, key=lambda pair: pair[0])]


def test_rank_key_orders_score_then_id_with_whole_numbers_first_and_ineligible_last():
    rows = [(50, "b"), (50, "10"), (50, 9), (None, "z"), (70.5, "c"), (50, "a"), (None, 3)]
    ordered = sorted(rows, key=lambda r: batch.rank_key(*r))
    assert ordered == [(70.5, "c"), (50, 9), (50, "10"), (50, "a"), (50, "b"), (None, 3), (None, "z")]


@pytest.mark.parametrize("text", ["2026-11-01", "2024-02-29"])
def test_parse_day_reads_calendar_dates(text):
    assert batch.parse_day(text).isoformat() == text


@pytest.mark.parametrize("text", ["2026-W01-1", "20261101", "2026-13-01", "2025-02-29", "2026-11-1", "２０２６-11-01", " 2026-11-01"])
def test_parse_day_refuses_anything_else(text):
    with pytest.raises(ValueError, match="is not a date in the form YYYY-MM-DD"):
        batch.parse_day(text)


def test_find_uses_the_one_id_rule(policy):
    lines = ['{"id": 42, "spend": 1}', '{"id": "042", "spend": 2}', '{"id": "7", "spend": 3}', '{"id": "42", "spend": 4}']
    fields = {}  # no declared id type: numbers and text as they come
    found = batch.find(source(lines), fields, "id", ["42", 7, "042", "nope"])
    assert set(found) == {"42", "7", "042"}
    # "42" on line 4 is the same customer as 42 on line 1: which one was meant cannot be told, so it is the duplicate's error
    assert found["42"].record is None and found["42"].error.code == "PS513" and found["42"].line == 4
    assert found["7"].record["spend"] == 3 and found["042"].record["spend"] == 2
