"""A policy program as one SQL query: a sqlglot tree, then text per dialect.

The query reads a table (or view) with one column per declared field the
policy reads, and returns one row per record:

``id``, ``eligible``, ``score``, ``tier``, ``points_<factor>`` per factor,
``adjustment_points``, ``failed_filters`` (filter ids, policy order) and
``reasons`` (up to four factor ids for an eligible record, the failed filters
for an ineligible one; the Python engine's order).

It is a chain of common table expressions: the input, then one layer per
depth of computed columns (lets, filters, factor values, the steps of the
rounding rule, points, total, tier, ranks), then the output.  Each column is
written once and read by name, so the text grows linearly with the policy.

A record the query cannot score exactly (a required field that is NULL, which
the Python engine rejects; an overflow reaching ``floor``; ``round`` of a
number of 16 digits or more) comes out with every column but ``id`` NULL.
The DuckDB runner asks for the extra column ``_ps_fallback`` instead and
scores those records with the Python engine (and, for a policy with a referral
tree, ``_ps_unknown_referrer``: the record names a referrer not in the book).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from sqlglot import exp

from policyscore.backends.sql import rounding as r
from policyscore.backends.sql.expressions import Columns, ExprCompiler, Unsupported, _Info, col, sql_type
from policyscore.backends.sql.portfolio import start_book
from policyscore.backends.sql.reasons import concat, empty_array, places, reasons_column
from policyscore.backends.sql.referrals import Tree
from policyscore.backends.sql.shared import share_repeats
from policyscore.backends.sql.tables import needs_quotes, quote_names, table_of
from policyscore.engine.reference import checked_fields
from policyscore.errors import Diagnostic, PolicyError
from policyscore.policyfile.program import Expression, Factor, Program

__all__ = ["DIALECTS", "build_query", "render", "for_dialect", "output_columns", "SqlUnsupported"]

#: Dialects the query is generated for: (sqlglot name, what it is for).
DIALECTS = {
    "duckdb": "DuckDB (embedded: policyscore score --engine duckdb)",
    "spark": "Spark SQL (policyscore.spark.score_dataframe)",
    "postgres": "PostgreSQL",
    "snowflake": "Snowflake",
    "bigquery": "BigQuery",
}
_MAX_EXACT = 2**53
_INPUT = "_ps_in"


class SqlUnsupported(PolicyError):
    """The policy uses something the SQL back end cannot compute exactly (PS701 problems, with positions)."""


@dataclass
class _Stage:
    name: str
    expr: Expression
    reach_eligible: bool


def output_columns(program: Program) -> list[str]:
    """The query's output columns, in order."""
    return [
        "id",
        "eligible",
        "score",
        "tier",
        *(f"points_{f.id}" for f in program.factors),
        "adjustment_points",
        "failed_filters",
        "reasons",
    ]


def _problem(program: Program, expr: Expression | None, message: str, node: object | None = None) -> Diagnostic:
    span = None
    if expr is not None and program.source_index is not None:
        start, end = getattr(node, "span", None) or (0, len(expr.text))
        span = program.source_index.expr_span(expr.path, start, end)
    where = f"{expr.where}: " if expr is not None else ""
    return Diagnostic(
        "PS701",
        f"{where}the SQL back end cannot compute {message} exactly",
        span,
        hint="score this policy with the Python engine (--engine python)",
        file=program.path,
    )


def _check_program(program: Program) -> list[Diagnostic]:
    problems = []
    bound = sum(max([f.max_units, *(c.max_units for c in f.choices)]) for f in program.factors)
    bound += sum(abs(a.units) for a in program.adjustments)
    weights = [w for f in program.factors for w in (f.weight, *(c.weight for c in f.choices))]
    candidates = len(program.factors) + sum(1 for a in program.adjustments if a.units < 0)
    if (bound + 1) * places(candidates) > _MAX_EXACT or any(w * 10**program.decimals >= r.HIGH for w in weights):
        # the reasons are ranked by ``lost * M + place``, exact below 2 ** 53 (see reasons.py)
        problems.append(_problem(program, None, "points this large (weights times 10 ** decimals must stay below 1e15)"))
    if program.referred_by is not None:
        decl = program.fields.get(program.referred_by)
        if decl is None or decl.type.kind != "string":
            problems.append(
                _problem(program, None, f"a referral tree whose referred_by field {program.referred_by!r} is not declared as a string")
            )
    for tier in program.tiers:
        if tier.top_percent is not None and (Fraction(str(tier.top_percent)) / 100).numerator >= 2**22:
            problems.append(_problem(program, None, f"the relative tier {tier.name!r}: top_percent with this many digits"))
    for name in program.fields:
        if name.startswith("_ps_"):
            problems.append(_problem(program, None, f"a field named {name!r} (names starting with '_ps_' are the query's own)"))
    return problems


def build_query(
    program: Program,
    as_of: dt.date,
    table: str = "customers",
    *,
    fallback_column: bool = False,
    clean_column: bool = False,
    portfolio_columns: bool = False,
    with_lets: bool = False,
) -> exp.Select:
    """The sqlglot tree of the query scoring ``table`` as of ``as_of``; raise :class:`SqlUnsupported`.

    ``clean_column``: the table has a boolean ``_ps_clean`` (false for a record the Python engine
    rejects), carried to the output and keeping such records out of the book.  ``portfolio_columns``
    adds ``_ps_pf_<i>``, the value of the i-th portfolio call (``program.portfolio``) for each record
    of the book, to compare with the Python engine's.  ``with_lets`` adds a column ``let_<name>`` per
    let (its value, NULL where the row is not scored exactly), for checking the query's lets against
    the Python engine's.
    """
    problems = _check_program(program)
    columns = Columns()
    names: dict[str, tuple[str, _Info]] = {}
    required_nulls: list[exp.Expr] = []
    inputs: list[exp.Expr] = [r.ALIAS(exp.column(program.id_field, table=_INPUT, quoted=True), "_ps_id", quoted=True)]
    checked = set(checked_fields(program))
    for name in program.read_fields:
        decl = program.fields.get(name)
        if decl is None or decl.type.kind == "any":
            problems.append(_problem(program, None, f"the undeclared field {name!r} (declare its type under record:)"))
            continue
        source = exp.column(name, table=_INPUT, quoted=True)
        try:
            t = decl.type
            value = source if t.kind in ("object", "list", "string", "boolean", "datetime") else r.CAST(source, sql_type(t))
        except Unsupported as exc:
            problems.append(_problem(program, None, f"the field {name!r}: {exc}"))
            continue
        inputs.append(r.ALIAS(value, name, quoted=True))
        names[name] = (name, _Info(decl.type.nullable, False, False))
        if not decl.type.nullable and name in checked:
            required_nulls.append(exp.Is(this=col(name), expression=exp.null()))
    field_names = set(names)
    if clean_column:
        inputs.append(r.ALIAS(exp.column("_ps_clean", table=_INPUT, quoted=True), "_ps_clean", quoted=True))
        field_names.add("_ps_clean")
    compiler = ExprCompiler(columns, names, as_of)
    eligible = col("_ps_eligible")
    book = tree = None
    if program.uses_book:
        if problems:
            raise SqlUnsupported(problems)
        rejected = [t.copy() for t in required_nulls]
        if clean_column:
            rejected.append(exp.Not(this=col("_ps_clean")))
        try:
            book, tree = start_book(program, columns, compiler, names, rejected, field_names)
        except Unsupported as exc:
            raise SqlUnsupported([_problem(program, None, str(exc), exc.node)]) from None

    def compiled(expr: Expression, hint: str, reach: exp.Expr | None) -> str | None:
        try:
            sql, deps, info = compiler.compile(expr.folded, reach)
        except Unsupported as exc:
            problems.append(_problem(program, expr, str(exc), exc.node))
            return None
        return columns.add(hint, sql, deps)

    let_columns: list[str | None] = []
    for let in program.lets:
        let_col = compiled(let.expr, "let", None if let.for_filters else eligible)
        let_columns.append(let_col)
        if let_col is not None:
            names[let.name] = (let_col, _Info(let.expr.type.maybe_null, True, True))
    maybe_filters = [compiled(f.expr, "filter", None) for f in program.filters]
    if problems:
        raise SqlUnsupported(problems)
    filters = [f for f in maybe_filters if f is not None]  # all of them: a missing one is a problem raised above
    passed = [exp.Is(this=col(f), expression=exp.true()) for f in filters]
    columns.by_name["_ps_eligible"] = _column("_ps_eligible", r.AND(*passed) if passed else exp.true(), set(filters))
    units: list[str] = []
    maxes: list[exp.Expr] = []  # each factor's maximum in units, and its weight: the record's own when weighted by segment
    weights: list[exp.Expr] = []
    for i, factor in enumerate(program.factors):
        segment = compiled(factor.by, "segment", eligible) if factor.by is not None else None
        if factor.by is not None and factor.by.type.kind != "string":
            segment = None  # a segment that is not a string takes the `else` weight

        def pick(values: Sequence[float], factor: Factor = factor, segment: str | None = segment) -> exp.Expr:
            return _pick(factor, segment, values)

        choices = factor.choices
        maxes.append(pick([c.max_units for c in choices]) if choices else r.dbl(factor.max_units))
        weights.append(pick([c.weight for c in choices]) if choices else r.dbl(factor.weight))
        seg_deps = {segment} if segment is not None else set()
        missing = pick([c.missing_units for c in choices]) if choices else r.dbl(factor.missing_units)
        if factor.expr is not None:
            raw = compiled(factor.expr, "raw", eligible)
            if raw is None:
                continue
            rc = col(raw)
            finite = exp.EQ(this=exp.paren(exp.Sub(this=rc.copy(), expression=rc.copy())), expression=r.dbl(0))
            clamped = (
                exp.Case()
                .when(exp.LT(this=rc.copy(), expression=r.dbl(0)), r.dbl(0), copy=False)
                .when(exp.GT(this=rc.copy(), expression=r.dbl(1)), r.dbl(1), copy=False)
                .else_(rc.copy(), copy=False)
            )
            weight = weights[-1].copy()
            x = columns.add(
                "x",
                exp.Case().when(finite, exp.Mul(this=weight, expression=clamped), copy=False).else_(exp.null(), copy=False),
                {raw} | seg_deps,
            )
            compiler.deps = set()
            largest = max(abs(w) for w in (factor.weight, *(c.weight for c in choices)))
            points = compiler.rounded(col(x), program.decimals, as_units=True, largest=largest)
            value = exp.Case().when(exp.Is(this=col(x), expression=exp.null()), missing, copy=False).else_(points, copy=False)
            units.append(columns.add(f"units{i}", value, compiler.deps | {x} | seg_deps))
        else:
            case = exp.Case()
            deps: set[str] = set(seg_deps)
            for j, band in enumerate(factor.bands or ()):
                band_units = pick([c.band_units[j] for c in choices]) if choices else r.dbl(band.units)
                if band.expr is None:
                    case = case.else_(band_units, copy=False)
                    break
                cond = compiled(band.expr, "band", eligible)
                if cond is None:
                    continue
                deps.add(cond)
                case = case.when(exp.Is(this=col(cond), expression=exp.true()), band_units, copy=False)
                case = case.when(exp.Is(this=col(cond), expression=exp.null()), missing.copy(), copy=False)
            units.append(columns.add(f"units{i}", case, deps))
    adjustments = [compiled(a.expr, "adj", eligible) for a in program.adjustments]
    if problems:
        raise SqlUnsupported(problems)
    factor_sum: exp.Expr = r.dbl(0)
    for u in units:
        factor_sum = exp.Add(this=factor_sum, expression=col(u))
    fsum = columns.add("factor_units", factor_sum, set(units))
    raw_total: exp.Expr = col(fsum)
    for adj, adj_col in zip(program.adjustments, adjustments):
        assert adj_col is not None, "a missing adjustment is a problem raised above"
        applied = (
            exp.Case().when(exp.Is(this=col(adj_col), expression=exp.true()), r.dbl(adj.units), copy=False).else_(r.dbl(0), copy=False)
        )
        raw_total = exp.Add(this=raw_total, expression=applied)
    raw_col = columns.add("raw_units", raw_total, {fsum, *[a for a in adjustments if a]})
    total: exp.Expr = col(raw_col)
    if program.min_units is not None:
        total = (
            exp.Case()
            .when(exp.LT(this=total.copy(), expression=r.dbl(program.min_units)), r.dbl(program.min_units), copy=False)
            .else_(total, copy=False)
        )
    if program.max_units is not None:
        total = (
            exp.Case()
            .when(exp.GT(this=col(raw_col), expression=r.dbl(program.max_units)), r.dbl(program.max_units), copy=False)
            .else_(total, copy=False)
        )
    total_col = columns.add("total", total, {raw_col})
    thresholds = book.thresholds(total_col, eligible.name) if book is not None and program.relative_tiers else {}
    tier = exp.Case()
    for k, tier_def in enumerate(program.tiers):
        least = col(thresholds[k]) if k in thresholds else r.dbl(tier_def.units)  # type: ignore[arg-type]
        tier = tier.when(exp.GTE(this=col(total_col), expression=least), exp.Literal.string(tier_def.name), copy=False)
    tier_expr = (
        tier.else_(r.CAST(exp.null(), exp.DataType.build("VARCHAR")), copy=False)
        if program.tiers
        else r.CAST(exp.null(), exp.DataType.build("VARCHAR"))
    )
    tier_col = columns.add("tier", tier_expr, {total_col, *thresholds.values()})
    reasons_col = reasons_column(program, columns, units, adjustments, maxes, weights)
    fallback_terms = [c for c, _ in compiler.fallback] + required_nulls
    fb_deps: set[str] = set()
    for _, d in compiler.fallback:
        fb_deps |= d
    if book is not None:  # a record of the book the query cannot compute, or a sum out of range: the whole run
        unknown, unknown_deps = book.unknown_run([(c, set(d)) for c, d in compiler.fallback])
        fallback_terms.append(unknown)
        fb_deps |= unknown_deps
        if tree is not None:
            fallback_terms.append(col(tree.in_cycle))
            fb_deps.add(tree.in_cycle)
    fallback = columns.add(
        "fallback", r.OR(*[exp.paren(t) for t in fallback_terms]) if fallback_terms else exp.false(), fb_deps | {eligible.name}
    )
    share_repeats(columns)
    calls = enumerate(program.portfolio) if portfolio_columns else enumerate(())
    extra = [r.ALIAS(col(names[c.key][0]), f"_ps_pf_{i}", quoted=True) for i, c in calls]
    if fallback_column and tree is not None:  # the DuckDB run's summary counts them, as the Python run's does
        extra.append(r.ALIAS(col(tree.unknown_referrers()), "_ps_unknown_referrer", quoted=True))
    query = _assemble(
        program,
        as_of,
        table,
        inputs,
        field_names,
        columns,
        filters,
        units,
        fsum,
        raw_col,
        total_col,
        tier_col,
        reasons_col,
        fallback,
        fallback_column,
        clean_column,
        tree,
        extra,
    )  # type: ignore[arg-type]
    if with_lets:
        for let, let_col in zip(program.lets, let_columns):
            value = exp.Case().when(exp.Not(this=col(fallback)), col(let_col), copy=False).else_(exp.null(), copy=False)  # type: ignore[arg-type]
            query.select(r.ALIAS(value, f"let_{let.name}", quoted=True), copy=False)
    return query


def _column(name: str, e: exp.Expr, deps: set[str]):  # type: ignore[no-untyped-def]
    from policyscore.backends.sql.expressions import Column

    return Column(name, e, frozenset(deps))


def _pick(factor: Factor, segment: str | None, values: Sequence[float]) -> exp.Expr:
    """The value listed for the record's segment (``values`` follow ``factor.choices``, the ``else`` one last)."""
    if segment is None or len(set(values)) == 1:
        return r.dbl(values[-1])
    case = exp.Case()
    for choice, value in zip(factor.choices, values):
        if choice.segment is not None:
            case = case.when(exp.EQ(this=col(segment), expression=exp.Literal.string(choice.segment)), r.dbl(value), copy=False)
    return case.else_(r.dbl(values[-1]), copy=False)


def _depths(columns: Columns, fields: set[str]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def of(name: str) -> int:
        if name in fields or name == "_ps_id":
            return 0
        if name not in depth:
            column = columns.by_name[name]
            depth[name] = 1 + max((of(d) for d in column.deps), default=0)
        return depth[name]

    for name in columns.by_name:
        of(name)
    return depth


def _assemble(
    program: Program,
    as_of: dt.date,
    table: str,
    inputs: list[exp.Expr],
    fields: set[str],
    columns: Columns,
    filters: list[str],
    units: list[str],
    fsum: str,
    raw_col: str,
    total_col: str,
    tier_col: str,
    reasons_col: str,
    fallback: str,
    fallback_column: bool,
    clean_column: bool,
    tree: Tree | None,
    extra: list[exp.Expr],
) -> exp.Select:
    depth = _depths(columns, fields)
    layers: dict[int, list[str]] = {}
    for name in columns.by_name:  # in the order they were made, whatever order their depths were found in
        layers.setdefault(depth[name], []).append(name)
    query = exp.select(*inputs, copy=False).from_(r.ALIAS(table_of(table), _INPUT), copy=False)
    ctes: list[tuple[str, exp.Expr]] = [("_ps_layer_0", query)]
    previous = "_ps_layer_0"
    for d in sorted(layers):
        joined = tree is not None and any(c in tree.joined for c in layers[d])
        star: exp.Expr = exp.Column(this=exp.Star(), table=exp.to_identifier(previous)) if joined else exp.Star()
        select = exp.select(star, *[r.ALIAS(columns.by_name[c].expr, c, quoted=True) for c in layers[d]], copy=False).from_(
            previous, copy=False
        )
        if joined:  # the referral tree, joined by id
            assert tree is not None
            source, narrow = _narrow_chain(columns, depth, tree.inputs)
            ctes += narrow
            ctes += tree.ctes(source)
            select = tree.join(select, previous)
        previous = f"_ps_layer_{d}"
        ctes.append((previous, select))
    ok = exp.Not(this=col(fallback))
    eligible = col("_ps_eligible")
    scored = r.AND(ok.copy(), eligible.copy())
    scale = r.dbl(10**program.decimals)

    def when_scored(e: exp.Expr) -> exp.Expr:
        return exp.Case().when(scored.copy(), e, copy=False).else_(exp.null(), copy=False)

    failed_parts = [
        exp.Case()
        .when(exp.Is(this=col(f), expression=exp.true()), empty_array(), copy=False)
        .else_(exp.Array(expressions=[exp.Literal.string(flt.id)]), copy=False)
        for flt, f in zip(program.filters, filters)
    ]
    failed = concat(failed_parts)
    outputs = [
        r.ALIAS(col("_ps_id"), "id", quoted=True),
        r.ALIAS(exp.Case().when(ok.copy(), eligible.copy(), copy=False).else_(exp.null(), copy=False), "eligible", quoted=True),
        r.ALIAS(when_scored(exp.Div(this=col(total_col), expression=scale.copy())), "score", quoted=True),
        r.ALIAS(when_scored(col(tier_col)), "tier", quoted=True),
        *[
            r.ALIAS(when_scored(exp.Div(this=col(u), expression=scale.copy())), f"points_{f.id}", quoted=True)
            for f, u in zip(program.factors, units)
        ],
        r.ALIAS(
            when_scored(exp.Div(this=exp.paren(exp.Sub(this=col(raw_col), expression=col(fsum))), expression=scale.copy())),
            "adjustment_points",
            quoted=True,
        ),
        r.ALIAS(exp.Case().when(ok.copy(), failed, copy=False).else_(exp.null(), copy=False), "failed_filters", quoted=True),
        r.ALIAS(
            exp.Case()
            .when(scored.copy(), col(reasons_col), copy=False)
            .when(ok.copy(), failed.copy(), copy=False)
            .else_(exp.null(), copy=False),
            "reasons",
            quoted=True,
        ),
    ]
    if fallback_column:
        outputs.append(r.ALIAS(col(fallback), "_ps_fallback", quoted=True))
    if clean_column:
        outputs.append(col("_ps_clean"))
    outputs += extra
    final = exp.select(*outputs, copy=False).from_(previous, copy=False)
    for name, cte in ctes:
        final = final.with_(name, as_=cte, copy=False)
    if tree is not None:
        final.args["with_"].set("recursive", True)
    return final


def _narrow_chain(columns: Columns, depth: dict[str, int], wanted: set[str]) -> tuple[str, list[tuple[str, exp.Expr]]]:
    """Layers computing only ``wanted`` and what they read, from the input layer: the tree's recursive queries
    read it many times, and an engine that inlines common table expressions (Spark) copies what they read."""
    needed: set[str] = set()
    stack = [w for w in wanted if w in depth]
    while stack:
        name = stack.pop()
        if name in needed or depth.get(name, 0) == 0:
            continue
        needed.add(name)
        stack.extend(columns.by_name[name].deps)
    source = "_ps_layer_0"
    out: list[tuple[str, exp.Expr]] = []
    for d in sorted({depth[c] for c in needed}):
        here = [c for c in columns.by_name if c in needed and depth[c] == d]
        # copies: the main layers compute these columns too, and a node stands in one place only
        select = exp.select(exp.Star(), *[r.ALIAS(columns.by_name[c].expr.copy(), c, quoted=True) for c in here], copy=False)
        out.append((f"_ps_t_layer_{d}", select.from_(source, copy=False)))
        source = f"_ps_t_layer_{d}"
    return source, out


_SHORT_DOUBLES = ("duckdb", "spark", "bigquery", "snowflake")


def for_dialect(query: exp.Expr, dialect: str, *, copy: bool = True) -> exp.Expr:
    """The tree as written for ``dialect``: where a number with an exponent is a DOUBLE literal
    (DuckDB, Spark, BigQuery, Snowflake), ``CAST('0.7' AS DOUBLE)`` is written ``0.7e0``."""
    if dialect not in _SHORT_DOUBLES:
        return query

    def shorten(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.to.is_type(exp.DataType.Type.DOUBLE):
            text = node.this.this
            return exp.Literal.number(text + "e0" if "e" not in text else text)
        return node

    return query.transform(shorten, copy=copy)


def render(program: Program, query: exp.Expr, dialect: str, as_of: dt.date, table: str) -> str:
    """The query as text in ``dialect``, headed by a comment naming the policy and the evaluation date."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    written = for_dialect(query, dialect)
    if needs_quotes(written, dialect):
        written = quote_names(written.copy() if written is query else written, dialect)
    body = written.sql(dialect=dialect, pretty=True, copy=written is query)  # a new tree needs no copy
    header = [
        f"-- policyscore: policy {program.name} version {program.version} (sha256 {program.sha256[:12]})",
        f"-- as of {as_of.isoformat()}: the evaluation date is written into the query",
        f"-- reads the table {table}; one row per record: {', '.join(output_columns(program))}",
    ]
    return "\n".join(header) + "\n" + body + "\n"
