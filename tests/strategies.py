"""Hypothesis strategies for random policies and records, and the settings property tests share.

``POLICYSCORE_PROPERTY_EXAMPLES`` raises the number of examples (and draws new
ones at random) for a longer search than CI's fixed, derandomized run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from policyscore.language.parser import parse

# The parser raises Python's recursion limit on its first use; Hypothesis fails a test during which
# the limit changes, so the first parse happens here, on import.
parse("0")

_EXAMPLES = os.environ.get("POLICYSCORE_PROPERTY_EXAMPLES")

#: Moderate and deterministic in CI; set POLICYSCORE_PROPERTY_EXAMPLES=2000 to search more widely.
SETTINGS = settings(
    max_examples=int(_EXAMPLES) if _EXAMPLES else 150,
    deadline=None,
    derandomize=not _EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: For tests run once per item of a list (per function, say): fewer examples each.
FEW = settings(SETTINGS, max_examples=max(SETTINGS.max_examples // 8, 10))


# ---------------------------------------------------------------- random policies and records
#
# Pools are small and shared between records, band edges, tier thresholds and
# weights so that the hard cases happen often: a field equal to a band's edge,
# a score equal to a tier's minimum, a product that is a rounding tie once
# taken to 15 significant digits (15 x 0.595 = 8.924999999999999 in binary,
# 8.925 as a spreadsheet shows it; 19020250.99 x 0.5 = 9510125.495).

#: Declared fields of the random policies (the records below always match them).
POLICY_FIELDS = {"a": "number?", "b": "number?", "c": "number", "s": "string?", "flag": "boolean?", "tags": "list[string]?"}
EDGES = [0, 0.5, 0.595, 1, 2, 2.5, 7, 10, -1]
NUMBERS = [*EDGES, 0, -0.0, 0.107, -0.2, 1.5, 100, 0.35, 0.95, 0.7]
VALUES = [0, 0.1, 0.107, 0.35, 0.5, 0.595, 0.65, 0.7, 0.95, 1]
# Most weight x value products of these pools that are rounding ties at 2 or 3 decimals are only
# ties once taken to 15 significant digits (33.3 x 0.35 = 11.654999999999998, 2.3 x 0.65 = 1.4949999999999999).
WEIGHTS = [1, 2.5, 3, 7.25, 10, 15, 25, 33.3, 2.3, 0.5, 1.005, 19020250.99]
TIE_WEIGHTS, TIE_VALUES = [15, 33.3, 2.3, 7.25, 3], [0.595, 0.35, 0.65, 0.7, 0.95]
ADJUSTMENT_POINTS = [-5, -2.5, -0.005, 1.125, 3, 10, 0.595, -1.0049999999999999, 0.0005]
TIER_MINIMUMS = [0, 2.675, 8.925, 8.93, 10, 30.005, 50, -1]
SCORE_MINIMUMS = [0, 10, 20.005, -5, 8.925]
SCORE_MAXIMUMS = [50, 100, 60.5, 30.125, 8.925]

_NUMERIC_NAMES = ["a", "b", "c"]
_LETS = [
    "coalesce(a, b)",
    "a / b",
    "a * 2",
    "scale(c, 0, 10)",
    "b - a",
    "if flag then a else b",
]
_LATER_LETS = ["l0 + 0.1", "l0 * 0.5", "coalesce(l0, c)"]
_VALUES = [
    "a",
    "b",
    "c / 10",
    "scale(c, 0, 10)",
    "a * b",
    "a / b",
    "c % b",
    "if flag then 0.595 else b",
    "a * 1e308 * 10",
    "len(tags) / 2",
    "coalesce(a, 0.5)",
]


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@st.composite
def conditions(draw: Any, lets: int) -> str:
    """A `when:` condition: a comparison with a value records often hold, or a test of text, flags, lists, nulls."""
    names = _NUMERIC_NAMES + [f"l{i}" for i in range(lets)]
    kind = draw(st.sampled_from(["compare", "compare", "compare", "text", "flag", "list", "null", "and"]))
    if kind == "compare":
        op = draw(st.sampled_from([">=", ">", "<", "<=", "=="]))
        return f"{draw(st.sampled_from(names))} {op} {draw(st.sampled_from(EDGES))}"
    if kind == "text":
        return draw(st.sampled_from(["s == 'gold'", "s != 'gold'", "lower(s) == 'gold'", "s == ''"]))
    if kind == "flag":
        return draw(st.sampled_from(["flag", "not flag", "flag == false"]))
    if kind == "list":
        return draw(st.sampled_from(["'vip' in tags", "'vip' not in tags", "len(tags) >= 1"]))
    if kind == "null":
        return f"{draw(st.sampled_from(names))} is {draw(st.sampled_from(['', 'not ']))}null"
    return f"s is not null and c >= {draw(st.sampled_from(EDGES))}"


@dataclass(frozen=True)
class Pools:
    """What :func:`policies` draws from: the declared fields, let and factor value expressions, and
    conditions (a strategy given how many lets there are); ``declared`` always declares the fields."""

    fields: dict[str, str] = field(default_factory=lambda: POLICY_FIELDS)
    lets: list[str] = field(default_factory=lambda: _LETS)
    later_lets: list[str] = field(default_factory=lambda: _LATER_LETS)
    values: list[str] = field(default_factory=lambda: _VALUES)
    conditions: Callable[[int], st.SearchStrategy[str]] = conditions
    declared: bool = False


@st.composite
def factors(draw: Any, index: int, lets: int, pools: Pools = Pools()) -> list[str]:  # noqa: B008 - a frozen value
    lines = [f"  - id: x{index}", f"    weight: {draw(st.sampled_from(WEIGHTS) | st.sampled_from(TIE_WEIGHTS))!r}"]
    missing = draw(st.one_of(st.none(), st.sampled_from([0, 0.25, 0.5, 0.595, 1])))
    if missing is not None:
        lines.append(f"    missing: {missing!r}")
    if draw(st.booleans()):
        value = draw(st.sampled_from(pools.values + [f"l{i}" for i in range(lets)]))
        return lines + [f"    value: {_yaml_text(value)}"]
    lines.append("    bands:")
    for _ in range(draw(st.integers(1, 3))):
        value = draw(st.sampled_from(VALUES) | st.sampled_from(TIE_VALUES))
        lines += [f"      - when: {_yaml_text(draw(pools.conditions(lets)))}", f"        value: {value!r}"]
    return lines + [f"      - else: {draw(st.sampled_from(VALUES))!r}"]


@st.composite
def policies(draw: Any, pools: Pools = Pools()) -> str:  # noqa: B008 - a frozen value
    """A random policy as YAML text (see the pools above), without tiers: see :func:`tiers_near`."""
    lines = ["policy: random", "version: 1"]
    if pools.declared or draw(st.integers(0, 3)):  # mostly declared; undeclared fields are read as they come
        lines += ["record:", "  fields:"] + [f"    {k}: {_yaml_text(v)}" for k, v in pools.fields.items()]
    lets = draw(st.integers(0, 2))
    if lets:
        lines.append("let:")
        lines.append(f"  l0: {_yaml_text(draw(st.sampled_from(pools.lets)))}")
        if lets == 2:
            lines.append(f"  l1: {_yaml_text(draw(st.sampled_from(pools.lets + pools.later_lets)))}")
    filters = draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))
    if filters:
        lines.append("filters:")
        for i in range(filters):
            lines += [f"  - id: f{i}", f"    when: {_yaml_text(draw(pools.conditions(lets)))}"]
    lines.append("factors:")
    for i in range(draw(st.integers(1, 5))):
        lines += draw(factors(i, lets, pools))
    adjustments = draw(st.integers(0, 2))
    if adjustments:
        lines.append("adjustments:")
        for k in range(adjustments):
            points = draw(st.sampled_from(ADJUSTMENT_POINTS))
            lines += [f"  - id: adj{k}", f"    when: {_yaml_text(draw(pools.conditions(lets)))}", f"    points: {points!r}"]
    score = {}
    low, high = draw(st.one_of(st.none(), st.sampled_from(SCORE_MINIMUMS))), draw(st.one_of(st.none(), st.sampled_from(SCORE_MAXIMUMS)))
    if low is not None and high is not None and low > high:
        low, high = high, low
    for key, value in (("min", low), ("max", high), ("decimals", draw(st.sampled_from([None, None, 0, 1, 2, 3])))):
        if value is not None:
            score[key] = value
    if score:
        lines.append("score: {" + ", ".join(f"{k}: {v!r}" for k, v in score.items()) + "}")
    return "\n".join(lines) + "\n"


@st.composite
def tiers_near(draw: Any, scores: list[Decimal], decimals: int) -> str:
    """0-4 tiers (YAML lines) whose minimums are often exactly a score, half a unit below one or just above one."""
    half, tenth = Decimal(1).scaleb(-decimals) / 2, Decimal(1).scaleb(-decimals - 1)
    near = {float(x) for s in scores for x in (s, s, s - half, s + tenth)}
    pool = sorted({m for m in near | set(TIER_MINIMUMS) if "e" not in repr(m)})
    minimums = sorted(draw(st.sets(st.sampled_from(pool), max_size=4)), reverse=True)
    if not minimums:
        return ""
    return "tiers:\n" + "".join(f"  - {{name: t{j}, min: {m!r}}}\n" for j, m in enumerate(minimums))


def _pick(values: list[Any], nullable: bool = True) -> st.SearchStrategy[Any]:
    return st.sampled_from(([None] if nullable else []) + values)


#: Records for the random policies: nulls, zeros, negatives, band edges, empty text and lists.
records = st.fixed_dictionaries(
    {
        "id": st.just("r"),
        "a": _pick(NUMBERS),
        "b": _pick(NUMBERS),
        "c": _pick(NUMBERS, nullable=False),
        "s": _pick(["", "gold", "Gold", "silver"]),
        "flag": _pick([True, False]),
        "tags": _pick([[], ["vip"], ["new", "vip"], ["new"]]),
    }
)
