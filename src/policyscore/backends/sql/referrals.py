"""Referral trees in SQL: recursive common table expressions over the book.

The query's main chain of layers reaches a layer where each row has its id
as text (``id_key``: a whole number and its decimal text are one id), its
referrer's id as text, whether it is in the book before referral cycles are
found, and the argument of every ``referred_sum``.  From that layer:

- ``links``: each record of the book with its referrer when the referrer is
  in the book (an unknown or rejected referrer counts as none);
- ``rooted`` (recursive): the records reached down from the ones nobody
  referred, with their depth.  It follows the tree downwards only, so it ends
  after as many rounds as the deepest chain, and it never enters a cycle (a
  record of a cycle is referred by a record of the cycle);
- ``loose``: every other record; each one's referrer is loose too, so the loose
  records are cycles and the chains that lead into them (rare: a cycle is a
  data error).  ``walk`` (recursive) follows each loose record's referrers at
  most as many steps as there are loose records, so it ends on cycles too;
  a record is in a cycle when its walk comes back to it; a record that leads
  into a cycle is at the depth of the records it passes before the cycle (its
  referrer in the cycle counts as unknown, as in the Python engine);
- ``forest``: the book without the cycles, a referrer in a cycle dropped;
  ``desc`` (recursive): every record's customers brought in, down to the
  largest depth any call asks for (the forest has no cycle: it ends);
- ``refs``: one row per id with every call's value, joined to the main chain.

Sums of ``referred_sum`` are exact as the portfolio's are
(:mod:`policyscore.backends.sql.exactsum`); a customer
``k`` levels below counts ``x * decay ** (k - 1)`` with the powers computed here
in Python, as the engine computes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from policyscore.backends.sql import rounding as r
from policyscore.backends.sql.exactsum import exact_sum
from policyscore.backends.sql.expressions import Columns
from policyscore.policyfile.program import PortfolioCall

__all__ = ["Tree", "REFS"]

REFS = "_ps_t_refs"
_NODE = "_ps_node"
_P = "_ps_r_"  # the prefix of REFS's columns, so that no field name is ambiguous where they are joined
_MAX_LISTED_POWERS = 64  # deeper referred_sum calls with a decay use the engine's POWER


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql(e: exp.Expr) -> str:
    return e.sql("duckdb")


@dataclass
class _Call:
    call: PortfolioCall
    x: str | None  # the argument column (referred_sum)
    column: str  # the value's column in the main chain


class Tree:
    """The referral tree's columns: ``in_cycle``, ``unknown`` and one per referral call."""

    def __init__(self, columns: Columns, key: str, referrer: str, member: str, xs: dict[str, str]) -> None:
        self.columns = columns
        self.key = key
        self.referrer = referrer
        self.member = member
        self.xs = xs  # call key -> argument column
        self.inputs = {key, referrer, member, *xs.values()}
        self.joined: set[str] = set()  # columns of the main chain read from REFS
        self.calls: list[_Call] = []
        self.in_cycle = self._joined("in_cycle", exp.EQ(this=self._ref("cyc", 0), expression=exp.Literal.number(1)))
        self.unknown = self._joined("tree_out", exp.EQ(this=self._ref("out", 0), expression=exp.Literal.number(1)))
        self.unknown_referrer: str | None = None  # see unknown_referrers()

    def unknown_referrers(self) -> str:
        """The column true for a record of the book naming a referrer that is no record of the book, as the
        Python engine counts them (``Portfolio.unknown_referrers``, in the run's summary)."""
        if self.unknown_referrer is None:
            is_unknown = exp.EQ(this=self._ref("unk", 0), expression=exp.Literal.number(1))
            self.unknown_referrer = self._joined("unknown_referrer", is_unknown)
        return self.unknown_referrer

    def _ref(self, name: str, default: float | int) -> exp.Expr:
        value = exp.column(_P + name, table=REFS, quoted=True)
        return exp.func("COALESCE", value, exp.Literal.number(default) if isinstance(default, int) else r.dbl(default))

    def _joined(self, hint: str, e: exp.Expr) -> str:
        name = self.columns.add(hint, e, self.inputs)
        self.joined.add(name)
        return name

    def call(self, call: PortfolioCall) -> str:
        """The column of a referral call's value for each record of the book."""
        i = len(self.calls)
        if call.func == "referral_depth":
            value = r.CAST(self._ref("depth", 0), exp.DataType.build("DOUBLE"))
            name = self._joined("depth", value)
        elif call.func == "referred_count":
            name = self._joined("referred", r.CAST(self._ref(f"cnt{i}", 0), exp.DataType.build("DOUBLE")))
        else:
            name = self._joined("referred_sum", self._ref(f"sum{i}", 0.0))
        self.calls.append(_Call(call, self.xs.get(call.key), name))
        return name

    # ------------------------------------------------------------ the CTEs
    def ctes(self, previous: str) -> list[tuple[str, exp.Expr]]:
        """The tree's common table expressions, reading the layer ``previous`` (recursive ones included)."""
        below = [c for c in self.calls if c.call.func in ("referred_count", "referred_sum")]
        xs = [f", {_q(c.x)} AS x{i}" for i, c in enumerate(self.calls) if c.x is not None]
        x_names = [f"x{i}" for i, c in enumerate(self.calls) if c.x is not None]
        pick = "".join(f", a.{n}" for n in x_names)
        counted = self.unknown_referrer is not None
        unknown = ", CASE WHEN a.p IS NOT NULL AND b.n IS NULL THEN 1 ELSE 0 END AS unk" if counted else ""
        out: list[tuple[str, str | exp.Expr]] = [
            (
                "_ps_t_nodes",
                f"SELECT {_q(self.key)} AS n, {_q(self.referrer)} AS p{''.join(xs)} FROM {_q(previous)} "
                f"WHERE {_q(self.member)} AND {_q(self.key)} IS NOT NULL",
            ),
            ("_ps_t_links", f"SELECT a.n, b.n AS p{pick}{unknown} FROM _ps_t_nodes AS a LEFT JOIN _ps_t_nodes AS b ON b.n = a.p"),
            (
                "_ps_t_rooted",
                "SELECT n, 0 AS d FROM _ps_t_links WHERE p IS NULL UNION ALL "
                "SELECT l.n, t.d + 1 AS d FROM _ps_t_rooted AS t JOIN _ps_t_links AS l ON l.p = t.n",
            ),
            (
                "_ps_t_loose",
                "SELECT l.n, l.p, COUNT(*) OVER () AS size FROM _ps_t_links AS l "
                "LEFT JOIN _ps_t_rooted AS t ON t.n = l.n WHERE t.n IS NULL",
            ),
            (
                "_ps_t_walk",
                "SELECT n AS s, p AS a, 1 AS k, size FROM _ps_t_loose UNION ALL "
                "SELECT w.s, l.p AS a, w.k + 1 AS k, w.size FROM _ps_t_walk AS w JOIN _ps_t_loose AS l ON l.n = w.a "
                "WHERE w.a <> w.s AND w.k < w.size",
            ),
            ("_ps_t_cycles", "SELECT DISTINCT s AS n FROM _ps_t_walk WHERE a = s"),
            (
                "_ps_t_loose_depth",
                "SELECT w.s AS n, COUNT(DISTINCT w.a) AS d FROM _ps_t_walk AS w "
                "LEFT JOIN _ps_t_cycles AS c ON c.n = w.a WHERE c.n IS NULL GROUP BY w.s",
            ),
        ]
        values = [f"MAX(CASE WHEN c.n IS NULL THEN 0 ELSE 1 END) AS {_P}cyc", f"MAX(COALESCE(t.d, ld.d, 0)) AS {_P}depth"]
        if counted:
            values.append(f"MAX(l.unk) AS {_P}unk")
        joins = ""
        if below:
            out += self._below(below, x_names)
            for i, c in enumerate(self.calls):
                if c.call.func == "referred_count":
                    values.append(f"MAX(g.cnt{i}) AS {_P}cnt{i}")
                elif c.call.func == "referred_sum":
                    values.append(f"MAX(g.sum{i}) AS {_P}sum{i}")
            values.append(f"MAX(g.out) AS {_P}out")
            joins = " LEFT JOIN _ps_t_agg AS g ON g.root = l.n"
        else:
            values.append(f"0 AS {_P}out")
        out.append(
            (
                REFS,
                f"SELECT l.n AS {_NODE}, {', '.join(values)} FROM _ps_t_links AS l "
                "LEFT JOIN _ps_t_cycles AS c ON c.n = l.n LEFT JOIN _ps_t_rooted AS t ON t.n = l.n "
                f"LEFT JOIN _ps_t_loose_depth AS ld ON ld.n = l.n{joins} GROUP BY l.n",
            )
        )
        return [(name, sqlglot.parse_one(text, read="duckdb") if isinstance(text, str) else text) for name, text in out]

    def _below(self, below: list[_Call], x_names: list[str]) -> list[tuple[str, str | exp.Expr]]:
        deepest = max(c.call.depth or 1 for c in below)
        pick = "".join(f", l.{n}" for n in x_names)
        out: list[tuple[str, str | exp.Expr]] = [
            (
                "_ps_t_forest",
                f"SELECT l.n, CASE WHEN c.n IS NULL THEN l.p END AS p{pick} FROM _ps_t_links AS l "
                "LEFT JOIN _ps_t_cycles AS c ON c.n = l.p LEFT JOIN _ps_t_cycles AS me ON me.n = l.n WHERE me.n IS NULL",
            ),
            (
                "_ps_t_desc",
                "SELECT p AS root, n AS node, 1 AS lvl FROM _ps_t_forest WHERE p IS NOT NULL UNION ALL "
                "SELECT d.root, f.n AS node, d.lvl + 1 AS lvl FROM _ps_t_desc AS d JOIN _ps_t_forest AS f ON f.p = d.node "
                f"WHERE d.lvl < {deepest}",
            ),
        ]
        terms = ["d.root", "d.lvl"]
        for i, c in enumerate(self.calls):
            if c.call.func == "referred_sum":
                terms.append(f"CASE WHEN d.lvl <= {c.call.depth or 1} THEN f.x{i} * {_weights(c.call)} END AS t{i}")
        out.append(("_ps_t_terms", f"SELECT {', '.join(terms)} FROM _ps_t_desc AS d JOIN _ps_t_forest AS f ON f.n = d.node"))
        layers: list[tuple[str, exp.Select]] = []
        fresh: set[str] = set()  # the columns of the last layer: an expression reading one starts a new layer
        count = [0]

        def add(hint: str, e: exp.Expr) -> exp.Expr:
            count[0] += 1
            name = f"_ps_s{count[0]}_{hint}"
            if not layers or any(c.name in fresh for c in e.find_all(exp.Column)):
                source = layers[-1][0] if layers else "_ps_t_terms"
                layers.append((f"_ps_t_sum_{len(layers)}", exp.select(exp.Star(), copy=False).from_(source, copy=False)))
                fresh.clear()
            layers[-1][1].select(r.ALIAS(e, name, quoted=True), copy=False)
            fresh.add(name)
            return exp.column(name, quoted=True)

        def over(func: exp.Expr, cumulative: bool) -> exp.Expr:
            return exp.Window(this=func, partition_by=[exp.column("root")])

        agg = ["root"]
        outs = []
        for i, c in enumerate(self.calls):
            if c.call.func == "referred_sum":
                total, _, too_big = exact_sum(exp.column(f"t{i}"), add, over)
                agg.append(f"MAX({_sql(total)}) AS sum{i}")
                outs.append(
                    add("out", exp.Case().when(too_big, exp.Literal.number(1), copy=False).else_(exp.Literal.number(0), copy=False))
                )
            elif c.call.func == "referred_count":
                agg.append(f"SUM(CASE WHEN lvl <= {c.call.depth or 1} THEN 1 ELSE 0 END) AS cnt{i}")
        agg.append(f"MAX(GREATEST({', '.join(_sql(o) for o in outs)}, 0)) AS out" if outs else "0 AS out")
        out += layers
        out.append(("_ps_t_agg", f"SELECT {', '.join(agg)} FROM {layers[-1][0] if layers else '_ps_t_terms'} GROUP BY root"))
        return out

    def join(self, select: exp.Select, previous: str) -> exp.Select:
        """The layer reading ``previous`` joined with the tree's values (one row per id)."""
        on = exp.EQ(this=exp.column(self.key, table=previous, quoted=True), expression=exp.column(_NODE, table=REFS, quoted=True))
        return select.join(exp.to_table(REFS), on=on, join_type="left", copy=False)


def _weights(call: PortfolioCall) -> str:
    """``decay ** (lvl - 1)`` as the engine computes it (a CASE of the powers, Python's own floats)."""
    decay = 1.0 if call.decay is None else float(call.decay)
    depth = call.depth or 1
    if depth > _MAX_LISTED_POWERS:
        return f"POWER({_sql(r.dbl(decay))}, d.lvl - 1)"
    whens = " ".join(f"WHEN d.lvl = {k} THEN {_sql(r.dbl(decay ** (k - 1)))}" for k in range(1, depth + 1))
    return f"(CASE {whens} END)"
