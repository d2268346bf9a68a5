"""Sub-expressions written more than once in the query's columns, computed once in a column of their own.

The compiler writes each use of a name or a test where it is used, so a test
that several bands share (``industry in target_industries``), a text
function read twice (``starts_with(lower(preferred_language), "en")``), the
value that ``scale()`` compares and divides, or the condition of an
``if ... then ... else`` (tested for true, then for false) stands several
times in the text; SQL engines compute each copy (DuckDB eliminates common
sub-expressions only outside ``CASE``, where nearly all of these stand).
:func:`share_repeats` gives each such sub-expression a column, read by name.

Computing a sub-expression in a column computes it for every record, where a
copy inside a ``CASE`` branch ran only for some.  The values are the same (a
column is the expression itself); what must not change is whether the query
raises: a sub-expression is shared only when one of its copies is computed
for every record already (outside every branch: in the first condition of a
``CASE``, the first operand of ``AND``, ``OR`` and ``COALESCE``, or under
plain operators), or when it cannot raise in any dialect (comparisons, tests,
text functions, no arithmetic).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlglot import exp

from policyscore.backends.sql.expressions import Columns, col

__all__ = ["share_repeats"]

#: A sub-expression holding one of these is never moved (its meaning depends on where it stands), nor one
#: reading a column of another table (the referral tree's values, joined at one layer only).
_OPAQUE = (exp.Lambda, exp.Window, exp.AggFunc, exp.Subquery, exp.Select, exp.Star)
#: Nor anything inside these: their names are bound inside (a lambda's variables, a subquery's tables).
_SCOPES = (exp.Lambda, exp.Subquery, exp.Select)
#: Nodes never shared themselves: a name, a constant, a parenthesis (its content is), a CASE branch.
_PLAIN = (exp.Column, exp.Literal, exp.Boolean, exp.Null, exp.Paren, exp.If, exp.Identifier, exp.DataType, exp.Var, exp.Array)
#: Nodes that raise in no dialect whatever their operands hold (a CAST only of a constant, checked below).
_TOTAL = (
    exp.Column,
    exp.Literal,
    exp.Boolean,
    exp.Null,
    exp.Paren,
    exp.Identifier,
    exp.DataType,
    exp.Array,
    exp.Is,
    exp.Not,
    exp.And,
    exp.Or,
    exp.EQ,
    exp.NEQ,
    exp.LT,
    exp.LTE,
    exp.GT,
    exp.GTE,
    exp.In,
    exp.Case,
    exp.If,
    exp.Coalesce,
    exp.IsNan,
    exp.Lower,
    exp.Upper,
    exp.Replace,
    exp.StartsWith,
    exp.EndsWith,
    exp.RegexpLike,
    exp.Cast,
)


#: Nodes that compute nothing themselves.
_FREE = (exp.Column, exp.Identifier, exp.Literal, exp.Paren, exp.DataType, exp.Null, exp.Boolean, exp.Var)
#: A sub-expression of fewer operations (an ``IN`` counting one per value) is cheaper computed again than read from a column.
MIN_WORK = 3


@dataclass
class _Node:
    """What the scan learnt of one sub-expression."""

    key: int  # equal keys: equal text
    size: int
    work: int  # operations
    reads: bool  # reads a column
    opaque: bool
    total: bool


@dataclass
class _Copy:
    node: exp.Expr
    always: bool  # computed for every record wherever its column is


class _Scan:
    def __init__(self) -> None:
        self.keys: dict[tuple[object, ...], int] = {}
        self.copies: dict[int, list[_Copy]] = defaultdict(list)
        self.sizes: dict[int, int] = {}
        self.shareable: dict[int, bool] = {}

    def visit(self, node: exp.Expr, always: bool, bound: bool = False) -> _Node:
        parts: list[object] = [type(node).__name__]
        size, reads = 1, isinstance(node, exp.Column)
        opaque = isinstance(node, _OPAQUE) or (isinstance(node, exp.Column) and bool(node.table))
        inner = bound or isinstance(node, _SCOPES)
        work = 0 if isinstance(node, _FREE) else 1 + (len(node.expressions) if isinstance(node, exp.In) else 0)
        total = _raises_never(node)
        for name, value in node.args.items():
            items = value if isinstance(value, list) else [value]
            keys: list[object] = []
            for index, item in enumerate(items):
                if isinstance(item, exp.Expr):
                    child = self.visit(item, always and _always(node, name, index), inner)
                    keys.append(child.key)
                    size += child.size
                    work += child.work
                    reads, opaque, total = reads or child.reads, opaque or child.opaque, total and child.total
                else:
                    keys.append(item)
            parts.append((name, tuple(keys)))
        key = self.keys.setdefault(tuple(parts), len(self.keys))
        if reads and not opaque and not bound and work >= MIN_WORK and not isinstance(node, _PLAIN):
            self.copies[key].append(_Copy(node, always))
            self.sizes[key] = size
            self.shareable[key] = self.shareable.get(key, False) or total or always
        return _Node(key, size, work, reads, opaque, total)


def _always(node: exp.Expr, arg: str, index: int) -> bool:
    """Whether the operand ``arg`` (item ``index``) of ``node`` is computed wherever ``node`` is."""
    if isinstance(node, exp.Case):
        return arg == "this" or (arg == "ifs" and index == 0)  # the If of the first branch: its condition, below
    if isinstance(node, exp.If):
        return arg == "this"
    if isinstance(node, exp.Connector | exp.Coalesce):
        return arg == "this"
    return True


def share_repeats(columns: Columns) -> None:
    """Give each sub-expression standing more than once in ``columns`` a column of its own (see the module)."""
    scan = _Scan()
    for column in list(columns.by_name.values()):
        scan.visit(column.expr, True)
    owner = {id(column.expr): name for name, column in columns.by_name.items()}
    repeated = [k for k, copies in scan.copies.items() if len(copies) > 1 and scan.shareable[k]]
    for key in sorted(repeated, key=lambda k: -scan.sizes[k]):  # the largest first: the copies inside it go with it
        live = [(copy, name) for copy in scan.copies[key] if (name := _column_of(copy.node, owner)) is not None]
        if len(live) < 2 or not any(copy.always for copy, _ in live) and not _total(live[0][0].node):
            continue
        roots = [name for copy, name in live if copy.node.parent is None]
        if roots:
            shared = roots[0]
        else:
            first = live[0][0].node
            shared = columns.add("same", first, set())
            first.replace(col(shared))
            columns.by_name[live[0][1]].deps |= {shared}
            columns.by_name[shared].deps = frozenset(_reads(first, columns))
            owner[id(first)] = shared
        for copy, name in live:
            if copy.node is columns.by_name[shared].expr:
                continue
            if copy.node.parent is None:  # a whole column: it becomes the shared one's name
                del owner[id(copy.node)]
                columns.by_name[name].expr = col(shared)
                owner[id(columns.by_name[name].expr)] = name
            else:
                copy.node.replace(col(shared))
            columns.by_name[name].deps |= {shared}


def _column_of(node: exp.Expr, owner: dict[int, str]) -> str | None:
    """The column whose expression holds ``node`` now (None: it went with a copy replaced by a name)."""
    while node.parent is not None:
        node = node.parent
    return owner.get(id(node))


def _reads(node: exp.Expr, columns: Columns) -> set[str]:
    return {c.name for c in node.find_all(exp.Column) if c.name in columns.by_name}


def _total(node: exp.Expr) -> bool:
    return all(_raises_never(n) for n in node.walk())


def _raises_never(node: exp.Expr) -> bool:
    """Whether ``node`` itself raises in no dialect, whatever its operands hold."""
    return isinstance(node, _TOTAL) and (not isinstance(node, exp.Cast) or isinstance(node.this, exp.Literal))
