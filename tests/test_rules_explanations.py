"""Hand-computed explanations for every policy in rules/, checked field by field.

The expected values live in tests/expected_rules_*.py, one module per policy,
each with the hand computation written next to the numbers.  Each record is
checked section by section (filters, lets, factors, adjustments, total,
reasons) so that a failure points at one part of the explanation.
"""

from __future__ import annotations

import hashlib
from types import ModuleType

import expected_rules_balanced
import expected_rules_startup
import expected_rules_subscription
import pytest
from rules_cases import make_scorer, mismatches, project

import policyscore

SUITES = {m.NAME: m for m in (expected_rules_startup, expected_rules_subscription, expected_rules_balanced)}
SCORERS = {name: make_scorer(m.POLICY_PATH) for name, m in SUITES.items()}
SECTIONS = ("filters", "lets", "factors", "adjustments", "total", "reasons")


def scored(suite: ModuleType, record_id: str):
    return SCORERS[suite.NAME][1](record_id)


def _cases():
    for name, suite in SUITES.items():
        for record_id, case in suite.CASES.items():
            yield pytest.param(suite, record_id, id=f"{name}-{record_id}-{case['label']}")


def _sections():
    for name, suite in SUITES.items():
        for record_id, case in suite.CASES.items():
            for section in SECTIONS:
                if section in case:
                    yield pytest.param(suite, record_id, section, id=f"{name}-{record_id}-{case['label']}-{section}")


@pytest.mark.parametrize(("suite", "record_id", "section"), list(_sections()))
def test_hand_computed_explanation(suite, record_id, section):
    _, expl = scored(suite, record_id)
    problems = mismatches(suite.CASES[record_id][section], project(expl, section), f"{record_id}.{section}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("suite", "record_id"), list(_cases()))
def test_result_object_agrees_with_explanation(suite, record_id):
    result, _ = scored(suite, record_id)
    case = suite.CASES[record_id]
    expected = case["total"]
    assert result.id == record_id
    assert result.eligible is expected["eligible"]
    assert result.score == expected["score"]
    assert result.tier == expected["tier"]
    failed = [fid for fid in suite.FILTER_ORDER if not case["filters"][fid]["passed"]]
    assert result.failed_filters == failed
    if expected["eligible"]:
        assert result.points == {fid: case["factors"][fid]["points"] for fid in suite.FACTOR_ORDER}
    else:
        assert result.points is None


@pytest.mark.parametrize(("suite", "record_id"), list(_cases()))
def test_reason_texts_name_their_factor_or_filter(suite, record_id):
    _, expl = scored(suite, record_id)
    for reason in expl["reasons"]:
        assert reason["id"] in reason["text"]


@pytest.mark.parametrize("suite", list(SUITES.values()), ids=list(SUITES))
def test_policy_header_in_explanation(suite):
    _, expl = scored(suite, next(iter(suite.CASES)))
    assert expl["policy"]["name"] == suite.NAME
    assert expl["policy"]["version"] == 1
    # the policy's bytes, then (as docs/semantics.md defines) the record schema file it reads
    digest = hashlib.sha256(suite.POLICY_PATH.read_bytes())
    schema = (suite.POLICY_PATH.parent / "../schemas/customer.schema.json").read_bytes()
    digest.update(b"\0record-schema\0%d\0" % len(schema) + schema)
    assert expl["policy"]["sha256"] == digest.hexdigest()
    assert expl["engine"]["version"] == policyscore.__version__


@pytest.mark.parametrize("suite", [s for s in SUITES.values() if s.ABSENT_PAIR], ids=[n for n, s in SUITES.items() if s.ABSENT_PAIR])
def test_absent_fields_score_like_null_fields(suite):
    nulls_id, absent_id = suite.ABSENT_PAIR
    _, nulls = scored(suite, nulls_id)
    _, absent = scored(suite, absent_id)
    for key in ("eligible", "score", "tier", "lets", "filters", "factors", "adjustments", "total", "next_tier", "reasons"):
        assert absent[key] == nulls[key], key


def _divisions():
    for name, suite in SUITES.items():
        for d in suite.DIVISIONS:
            yield pytest.param(suite, *d, id=f"{name}-{d[0]}-{d[1]}")


@pytest.mark.parametrize(("suite", "record_id", "factor_id", "let_name", "division"), list(_divisions()))
def test_division_by_zero_makes_the_factor_missing_and_says_where(suite, record_id, factor_id, let_name, division):
    """ "division (and %) by zero gives null (the explanation says where)"."""
    _, expl = scored(suite, record_id)
    entry = next(f for f in expl["factors"] if f["id"] == factor_id)
    let = next(item for item in expl["lets"] if item["name"] == let_name)
    assert let["value"] is None
    assert entry["missing"] is True
    assert f"division by zero in '{division}' (in let '{let_name}')" in entry["missing_reason"]
