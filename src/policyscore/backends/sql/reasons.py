"""The reasons of a scored record in SQL: the up to four candidates that lost the most points, ranked as the
Python engine ranks them (:func:`policyscore.engine.reference.ranked_reasons`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from policyscore.backends.sql import rounding as r
from policyscore.backends.sql.expressions import Columns, col
from policyscore.policyfile.program import Program

__all__ = ["reasons_column", "places", "empty_array", "concat"]


def reasons_column(
    program: Program,
    columns: Columns,
    units: list[str],
    adjustments: list[str | None],
    maxes: list[exp.Expr],
    weights: list[exp.Expr],
) -> str:
    """Ids of the up to four largest losses, as :func:`policyscore.engine.reference.ranked_reasons` ranks them:
    factors (their maximum minus their points) and applied adjustments with negative points (the points they
    cost); most lost first, then the larger weight (an adjustment's is the points it cost), then factors before
    adjustments, then policy order.  A factor weighted by segment is measured with the record's own weight.

    Each candidate gets one number, ``lost * M + place`` (``M`` a power of two above the number of
    candidates, ``place`` higher for the candidate listed first among equal losses; -1 when nothing is
    lost), exact since the points' bound times ``M`` stays below ``2 ** 53`` (checked by ``query._check_program``).
    The four largest are found one after another with ``GREATEST``: linear in the candidates.
    """
    lost: list[exp.Expr] = [exp.paren(exp.Sub(this=m.copy(), expression=col(u))) for m, u in zip(maxes, units)]
    keys: list[tuple[float, int, int]] = [(-f.weight, 0, i) for i, f in enumerate(program.factors)]
    second: list[exp.Expr | None] = [
        None if not f.choices else exp.Neg(this=exp.paren(w.copy())) for f, w in zip(program.factors, weights)
    ]  # the sort key after the loss, when it depends on the record
    ids = [f.id for f in program.factors]
    deps = set(units) | {c.name for m in (*maxes, *weights) for c in m.find_all(exp.Column)}
    for k, (adj, adj_col) in enumerate(zip(program.adjustments, adjustments)):
        if adj.units >= 0 or adj_col is None:
            continue
        applied = exp.Is(this=col(adj_col), expression=exp.true())
        lost.append(
            exp.paren(exp.Case().when(applied, r.dbl(-adj.units), copy=False).else_(r.dbl(0), copy=False))  # type: ignore[arg-type]
        )
        keys.append((adj.points, 1, k))
        second.append(None)
        ids.append(adj.id)
        deps.add(adj_col)
    if not lost:
        return columns.add("reasons", empty_array(), set())
    static_rank = {i: n for n, i in enumerate(sorted(range(len(keys)), key=keys.__getitem__))}
    m = places(len(lost))

    def before(j: int, i: int) -> exp.Expr | bool:
        """Whether ``j`` is listed before ``i`` when they lost as much (a bool when it does not depend on the record)."""
        if second[j] is None and second[i] is None:
            return static_rank[j] < static_rank[i]
        kj = second[j] if second[j] is not None else r.dbl(keys[j][0])
        ki = second[i] if second[i] is not None else r.dbl(keys[i][0])
        tie = exp.true() if keys[j][1:] < keys[i][1:] else exp.false()
        return r.OR(exp.LT(this=kj.copy(), expression=ki.copy()), r.AND(exp.EQ(this=kj.copy(), expression=ki.copy()), tie))  # type: ignore[union-attr]

    scores = []
    for i in range(len(lost)):
        ahead = [before(j, i) for j in range(len(lost)) if j != i]
        place: exp.Expr = r.dbl(m - 1 - sum(1 for b in ahead if b is True))
        for b in ahead:
            if not isinstance(b, bool):
                one = exp.Case().when(exp.paren(b), r.dbl(1), copy=False).else_(r.dbl(0), copy=False)
                place = exp.Sub(this=place, expression=one)
        key = exp.Add(this=exp.Mul(this=lost[i].copy(), expression=r.dbl(m)), expression=place)
        positive = exp.GT(this=lost[i], expression=r.dbl(0))
        scores.append(columns.add(f"lost{i}", exp.Case().when(positive, key, copy=False).else_(r.dbl(-1), copy=False), deps))
    tops: list[str] = []
    for position in range(min(4, len(lost))):
        if not tops:
            top = _greatest([col(s) for s in scores])
        else:
            below = [
                exp.Case().when(exp.LT(this=col(s), expression=col(tops[-1])), col(s), copy=False).else_(r.dbl(-1), copy=False)
                for s in scores
            ]
            top = _greatest(below)
        tops.append(columns.add(f"top{position}", top, set(scores) | set(tops)))
    parts = []
    for t in tops:
        pick = exp.Case()
        for s, rid in zip(scores, ids):
            pick = pick.when(exp.EQ(this=col(t), expression=col(s)), exp.Array(expressions=[exp.Literal.string(rid)]), copy=False)
        chosen = exp.Case().when(exp.GTE(this=col(t), expression=r.dbl(m)), pick.else_(empty_array(), copy=False), copy=False)
        parts.append(chosen.else_(empty_array(), copy=False))
    return columns.add("reasons", concat(parts), set(scores) | set(tops))


def _greatest(items: Sequence[exp.Expr]) -> exp.Expr:
    """``GREATEST`` of ``items`` (Spark wants two arguments or more: one item is itself)."""
    return items[0] if len(items) == 1 else exp.Greatest(this=items[0], expressions=items[1:])


def places(candidates: int) -> int:
    """``M``: the smallest power of two above the number of reason candidates."""
    return 1 << max(candidates, 1).bit_length()


def empty_array() -> exp.Expr:
    return r.CAST(exp.Array(expressions=[]), exp.DataType.build("ARRAY<VARCHAR>"))


def concat(parts: Sequence[exp.Expr]) -> exp.Expr:
    if not parts:
        return empty_array()
    if len(parts) == 1:
        return parts[0]
    return exp.ArrayConcat(this=parts[0], expressions=parts[1:])
