"""Portfolio functions against a plain, independent implementation on random portfolios.

The independent side uses exact fractions for every sum (a float of a Fraction
is correctly rounded), sorts by brute force, and finds cycles by following
each customer's referrers: nothing is shared with policyscore's engine.
"""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import policyscore as ps

CALLS = [
    "portfolio_sum(x)",
    "portfolio_avg(x)",
    "portfolio_min(x)",
    "portfolio_max(x)",
    "portfolio_median(x)",
    "portfolio_count(x)",
    "portfolio_quantile(x, 0.3)",
    "group_sum(x, g)",
    "group_avg(x, g)",
    "group_min(x, g)",
    "group_max(x, g)",
    "group_median(x, g)",
    "group_count(x, g)",
    "share(x)",
    "cumulative_share(x)",
    "percent_rank(x)",
    "group_percent_rank(x, g)",
    "referred_count(2)",
    "referred_sum(x, 2)",
    "referred_sum(x, 3, 0.5)",
    "referral_depth()",
]
POLICY = ps.load_policy_text(
    "policy: t\nversion: 1\nreferrals: {referred_by: ref}\n"
    "record:\n  fields: {id: string, ref: string?, x: number?, g: string?}\n"
    "let:\n" + "".join(f"  v{i}: {c!r}\n" for i, c in enumerate(CALLS)) + "factors:\n  - {id: f, weight: 1, value: '1'}\n"
)

X = st.one_of(st.none(), st.sampled_from([0, 1, 2, 2.5, -3, 10, 0.1, 0.2, 1e16, -1e16]))
RECORD = st.tuples(X, st.sampled_from([None, "a", "b", "c"]), st.integers(-2, 9))


def _exact_sum(values):
    return float(sum((Fraction(v) for v in values), Fraction(0)))


def _expected(records):
    """{id: {call: value}} and the ids rejected for a referral cycle, computed plainly."""
    by_id = {r["id"]: r for r in records}

    def in_cycle(rid):
        seen, cur = set(), rid
        while cur in by_id and cur not in seen:
            seen.add(cur)
            cur = by_id[cur].get("ref")
            if cur == rid:
                return True
        return False

    cycle = {r["id"] for r in records if in_cycle(r["id"])}
    members = [r for r in records if r["id"] not in cycle]
    member_ids = {r["id"] for r in members}

    def parent(r):
        ref = r.get("ref")
        return ref if ref in member_ids else None

    def agg(name, values, q=None):
        vs = sorted(v for v in values if v is not None)
        if name == "count":
            return len(vs)
        if not vs:
            return None
        total = _exact_sum(vs)
        n = len(vs)
        return {
            "sum": total,
            "avg": total / n,
            "min": vs[0],
            "max": vs[-1],
            "median": vs[n // 2] if n % 2 else (vs[n // 2 - 1] + vs[n // 2]) / 2,
            "quantile": None if q is None else vs[math.floor((n - 1) * q)]
            + ((n - 1) * q - math.floor((n - 1) * q)) * (vs[min(math.floor((n - 1) * q) + 1, n - 1)] - vs[math.floor((n - 1) * q)]),
        }[name]

    def descendants(rid, depth):
        out, level = [], [rid]
        for k in range(1, depth + 1):
            level = [m["id"] for m in members if parent(m) in level]
            out += [(c, k) for c in level]
        return out

    xs = [m["x"] for m in members]
    present = [v for v in xs if v is not None]
    total = _exact_sum(present) if present else None
    want = {}
    for r in members:
        x, g = r["x"], r["g"]
        group = [m["x"] for m in members if g is not None and m["g"] == g]
        group_present = sorted(v for v in group if v is not None)
        row = {}
        for name in ("sum", "avg", "min", "max", "median", "count"):
            row[f"portfolio_{name}(x)"] = agg(name, xs)
            row[f"group_{name}(x, g)"] = (0 if name == "count" else None) if g is None else agg(name, group)
        row["portfolio_quantile(x, 0.3)"] = agg("quantile", xs, 0.3)
        row["share(x)"] = None if x is None or not total else x / total
        row["cumulative_share(x)"] = None if x is None or not total else _exact_sum([v for v in present if v >= x]) / total

        def rank(values, v):
            if v is None:
                return None
            return 0 if len(values) <= 1 else sum(1 for w in values if w < v) / (len(values) - 1)

        row["percent_rank(x)"] = rank(present, x)
        row["group_percent_rank(x, g)"] = None if g is None else rank(group_present, x)
        row["referred_count(2)"] = len(descendants(r["id"], 2))
        row["referred_sum(x, 2)"] = _exact_sum([by_id[c]["x"] for c, _ in descendants(r["id"], 2) if by_id[c]["x"] is not None])
        row["referred_sum(x, 3, 0.5)"] = _exact_sum(
            [by_id[c]["x"] * 0.5 ** (k - 1) for c, k in descendants(r["id"], 3) if by_id[c]["x"] is not None]
        )
        depth, cur = 0, parent(r)
        while cur is not None:
            depth, cur = depth + 1, parent(by_id[cur])
        row["referral_depth()"] = depth
        want[r["id"]] = row
    return want, cycle


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.lists(RECORD, min_size=1, max_size=12))
def test_portfolio_functions_match_an_independent_implementation(rows):
    records = [{"id": f"C{i}", "x": x, "g": g, "ref": None if ref < 0 else f"C{ref}"} for i, (x, g, ref) in enumerate(rows)]
    want, cycle = _expected(records)
    got = {}
    for rec, res in zip(records, POLICY.score_many(records, "2026-11-01", on_error="yield")):
        if isinstance(res, ps.RecordError):
            assert res.code == "PS405", res
            got[rec["id"]] = None
        else:
            got[rec["id"]] = {c: lv["value"] for c, lv in zip(CALLS, res.to_dict()["lets"])}
    assert {rid for rid, v in got.items() if v is None} == cycle
    for rid, row in want.items():
        assert got[rid] == row, (rid, {c: (got[rid][c], row[c]) for c in CALLS if got[rid][c] != row[c]})
