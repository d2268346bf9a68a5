"""Compile expressions to Python source, once per policy.

An expression is compiled from its typed tree after
:func:`policyscore.language.fold.fold` (params inlined, constants computed),
so a literal is the only constant it sees.  Statically typed operations that
cannot see a null are emitted as plain Python operators; everything else
calls :mod:`policyscore.language.semantics`, which defines the language's
meaning.  The generated code reads only the locals it is given: records,
params, lets and ``as_of``; nothing else in Python is reachable from a policy.

Two shapes keep the generated code's nesting bounded whatever the policy:

- **inline**: a sub-expression at most :data:`INLINE_HEIGHT` levels tall
  becomes one Python expression (walrus temporaries hold values read twice);
  Python's ``and``, ``or`` and conditional expressions short-circuit exactly
  where the language does.
- **flat**: a taller node becomes statements.  Each of its operands is
  computed into a temporary by its own statement, left to right, as the
  reference evaluator computes them (both sides of ``+``, every argument of a
  call, ``coalesce`` included).  What the language evaluates only on some
  condition (the right side of ``and``/``or``, the branches of ``if``) runs
  under a guard, ``if <guard>:`` one level deep; a guard inside another is a
  flag computed beforehand (``_t9 = _t4 is False and _t8 is True``), never a
  nested block.

So a statement holds at most an inline expression of bounded height, and a
block is never more than one level deeper than where the expression is
placed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from policyscore.backends.python.calls import call, is_atom
from policyscore.backends.python.shared import shape
from policyscore.language import nodes as n
from policyscore.language import semantics as rt
from policyscore.language._compat import assert_never
from policyscore.language.functions import FUNCTIONS
from policyscore.language.types import ANY, Type

__all__ = ["Emitter", "INLINE_HEIGHT", "is_atom"]

#: The tallest sub-expression compiled as one Python expression; a taller one becomes statements.
INLINE_HEIGHT = 8

@dataclass
class Emitter:
    """Emits Python source for expressions of one policy, sharing constants and temporaries.

    ``names`` maps each name an expression may read to the Python source that
    reads it (a local variable).
    """

    names: dict[str, str]
    namespace: dict[str, Any] = field(default_factory=dict)
    #: sub-expressions computed already, by :func:`~policyscore.backends.python.shared.shape`: the local holding each
    shared: dict[Any, str] = field(default_factory=dict)
    _counter: int = 0
    _const_ids: dict[tuple[str, Any], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.namespace.setdefault("_rt", rt)
        self.namespace.setdefault("_BIN", rt.BINARY)
        self.namespace.setdefault("_attr", rt.get_attr)

    # ------------------------------------------------------------ helpers
    def temp(self) -> str:
        self._counter += 1
        return f"_t{self._counter}"

    def const(self, value: Any) -> str:
        """Source for a constant value (inline when it has a literal form)."""
        if value is None or isinstance(value, (bool, int, str)):
            return repr(value)
        if isinstance(value, float) and math.isfinite(value):
            return repr(value)
        return self.bind(value, "k")

    def made_once(self, key: Any, make: Callable[[], Any], prefix: str) -> str:
        """The name of the constant ``make()`` gave the first time ``key`` was asked for: one per policy and key."""
        name = self._const_ids.get((prefix, ("made", key)))
        if name is None:
            name = f"_{prefix}{len(self._const_ids)}"
            self._const_ids[(prefix, ("made", key))] = name
            self.namespace[name] = make()
        return name

    def bind(self, value: Any, prefix: str) -> str:
        key = (prefix, _hashable(value))
        name = self._const_ids.get(key)
        if name is None:
            name = f"_{prefix}{len(self._const_ids)}"
            self._const_ids[key] = name
            self.namespace[name] = value
        return name

    # ------------------------------------------------------------ entry
    def emit(self, expr: n.Expr, lines: list[str]) -> str:
        """Python source computing ``expr`` (a folded, typed tree).

        The statements it needs first (for a tall expression) are appended to
        ``lines``, to run just before the returned source, at the same indentation.
        """
        gen = ExprGen(self, expr)
        src = gen.gen(expr)
        lines.extend(gen.layout())
        return src


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", tuple(_hashable(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(map(repr, value))))
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return (type(value).__name__, value)


def _heights(root: n.Expr) -> dict[int, int]:
    """The height of every node (a leaf is 1), by ``id``: how deep its inline Python would nest.

    ``coalesce`` nests one conditional expression per argument, so each later
    argument counts one level more.  Computed without recursion.
    """
    heights: dict[int, int] = {}
    stack: list[tuple[n.Expr, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        kids = n.children(node)
        if not ready and kids:
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in heights)
            continue
        nary = isinstance(node, n.Call) and node.func == "coalesce"
        heights[id(node)] = 1 + max((heights[id(k)] + (i if nary else 0) for i, k in enumerate(kids)), default=0)
    return heights


class ExprGen:
    """Code for one expression: an inline Python expression, after flat statements when it is tall."""

    def __init__(self, em: Emitter, root: n.Expr):
        self.em = em
        self.heights = _heights(root)
        self.stmts: list[tuple[str | None, str]] = []  # (guard, statement); None: always run
        self.guard: str | None = None  # the guard of the statements emitted now
        self.ready: dict[int, str] = {}  # operands of a flat node, already computed
        self.checked: set[int] = set()  # those of them already checked by their kind

    # ------------------------------------------------------------ types
    def type(self, node: n.Expr) -> Type:
        return node.type or ANY

    def nullable(self, node: n.Expr) -> bool:
        if isinstance(node, n.Literal):
            return node.value is None
        if isinstance(node, n.Binary) and node.op in n.COMPARISON and self.type(node).maybe_null:
            # typed before folding (``date("2022-01-01")`` may be null): compiled to a plain Python comparison
            # of two values that cannot be null, it is True or False
            left, right = node.left, node.right
            return not (self.plain_comparison(node) and self.declared_not_null(left) and self.declared_not_null(right))
        return self.type(node).maybe_null

    def declared_not_null(self, node: n.Expr) -> bool:
        return node.value is not None if isinstance(node, n.Literal) else not self.type(node).maybe_null

    def plain_comparison(self, node: n.Binary) -> bool:
        """Whether a comparison compiles to Python's own operator: both types known, no date-time."""
        kinds = (self.type(node.left).kind, self.type(node.right).kind)
        return "any" not in kinds and "null" not in kinds and "datetime" not in kinds

    def dynamic(self, node: n.Expr) -> bool:
        return self.type(node).kind in ("any", "null")

    def any_dynamic(self, node: n.Call) -> bool:
        return any(self.type(a).kind == "any" for a in node.args)

    def guarded(self, node: n.Expr, kinds: frozenset[str]) -> str:
        """Source for ``node``, checked at run time when its type is not known statically."""
        checked = id(node) in self.checked
        src = self.gen(node)
        if self.type(node).kind == "any" and not checked:
            return f"{self.em.bind(rt.guard(kinds), 'g')}({src})"
        return src

    # ------------------------------------------------------------ values read twice
    def hold(self, src: str) -> tuple[str, str]:
        """(source that computes the value, source that reads it again): a walrus unless ``src`` is an atom."""
        if is_atom(src):
            return src, src
        t = self.em.temp()
        return f"({t} := {src})", t

    def unless_null(self, node: n.Expr, src: str, checks: list[str]) -> str:
        """Source reading ``node``'s value; when it may be null, ``src`` is held and its null test added to ``checks``."""
        if not self.nullable(node):
            return src
        first, again = self.hold(src)
        checks.append(f"{first} is None")
        return again

    # ------------------------------------------------------------ statements
    def stmt(self, text: str) -> None:
        self.stmts.append((self.guard, text))

    def atom(self, src: str) -> str:
        """``src`` computed now, by a statement of its own when it is not an atom; an atom reading it."""
        if is_atom(src):
            return src
        t = self.em.temp()
        self.stmt(f"{t} = {src}")
        return t

    def enter(self, test: str) -> str | None:
        """Emit the following statements only when ``test`` (on values computed under the current guard) holds.

        Returns the guard to restore.  Inside a guard, the new guard is a flag
        computed beforehand, unconditionally, so that no block nests in another.
        """
        outer = self.guard
        if outer is None:
            self.guard = test
        else:
            flag = self.em.temp()
            self.stmts.append((None, f"{flag} = {outer} and {test}"))
            self.guard = flag
        return outer

    def layout(self) -> list[str]:
        """The statements as lines: consecutive ones under the same guard share one ``if``."""
        lines: list[str] = []
        open_guard: str | None = None
        for guard, text in self.stmts:
            if guard is None:
                lines.append(text)
            else:
                if guard != open_guard:
                    lines.append(f"if {guard}:")
                lines.append("    " + text)
            open_guard = guard
        return lines

    # ------------------------------------------------------------ generation
    def gen(self, node: n.Expr) -> str:
        ready = self.ready.pop(id(node), None)
        if ready is not None:
            return ready
        if self.em.shared and (held := self.em.shared.get(shape(node))) is not None:
            return held
        if self.heights[id(node)] <= INLINE_HEIGHT:
            return self.inline(node)
        # The first operand is computed first, under the same guard: walk a chain of tall first
        # operands (``a + b + c + ...``, ``x and y and ...``) bottom-up in a loop, not by recursion.
        spine = [node]
        while (kids := n.children(spine[-1])) and self.tall(kids[0]) and id(kids[0]) not in self.ready:
            spine.append(kids[0])
        for sub in reversed(spine[1:]):
            self.ready[id(sub)] = self.flat(sub)
        return self.flat(node)

    def tall(self, node: n.Expr) -> bool:
        return self.heights[id(node)] > INLINE_HEIGHT

    def flat(self, node: n.Expr) -> str:
        """A tall node as statements: its operands first, each into a temporary, then the node itself."""
        match node:
            case n.Logical():
                return self.flat_logical(node)
            case n.Cond():
                return self.flat_cond(node)
            case n.Call(func="coalesce", args=args):
                values = [self.atom(self.gen(a)) for a in args]
                out = self.em.temp()
                self.stmt(f"{out} = {values[0]}")
                for value in values[1:]:
                    self.stmt(f"{out} = {value} if {out} is None else {out}")
                return out
        kids = n.children(node)
        fn = FUNCTIONS[node.func] if isinstance(node, n.Call) else None
        for i, kid in enumerate(kids):
            if fn is None:
                self.ready[id(kid)] = self.atom(self.gen(kid))
            else:  # the reference checks each argument's kind as soon as it is computed
                self.ready[id(kid)] = self.atom(self.guarded(kid, fn.param_kinds(i)))
                self.checked.add(id(kid))
        src = self.inline(node)
        for kid in kids:
            self.ready.pop(id(kid), None)  # a literal operand may be read by value, not by source
            self.checked.discard(id(kid))
        return self.atom(src)

    def flat_logical(self, node: n.Logical) -> str:
        """``and``/``or`` whose right side is computed under a guard: the left side did not decide.

        A chain of tall right sides (``a and (b or (c and ...))``) is walked in a loop.
        """
        bool_kinds = frozenset({"boolean"})
        pending: list[tuple[str, str, bool, str, str | None]] = []  # (op, left value, kleene, result, outer guard)
        while True:
            op, left, right = node.op, node.left, node.right
            a = self.atom(self.guarded(left, bool_kinds))
            kleene = self.nullable(left) or self.nullable(right)
            if not self.tall(right):
                value = self.atom(self.logical_src(op, a, self.guarded(right, bool_kinds), kleene))
                break
            out = self.em.temp()
            self.stmt(f"{out} = {a}")
            stop = "False" if op == "and" else "True"
            pending.append((op, a, kleene, out, self.enter(f"{a} is not {stop}" if kleene else (a if op == "and" else f"not {a}"))))
            if not isinstance(right, n.Logical):
                value = self.atom(self.guarded(right, bool_kinds))
                break
            node = right
        for op, a, kleene, out, outer in reversed(pending):
            self.stmt(f"{out} = {self.logical_src(op, a, value, kleene)}")
            self.guard = outer
            value = out
        return value

    def flat_cond(self, node: n.Cond) -> str:
        """``if`` whose branches are computed under guards; a chain of ``else if`` is walked in a loop."""
        bool_kinds = frozenset({"boolean"})
        out: str | None = None
        outer: str | None = None
        while True:
            c, then, else_ = node.cond, node.then, node.else_
            v = self.atom(self.guarded(c, bool_kinds))
            if out is None:
                if not self.tall(then) and not self.tall(else_):
                    return self.atom(self.cond_src(c, v, then, else_))
                out, outer = self.em.temp(), self.guard
            null_cond = self.nullable(c)
            if null_cond:
                self.stmt(f"{out} = None")
            here = self.enter(f"{v} is True" if null_cond else v)
            self.stmt(f"{out} = {self.gen(then)}")
            self.guard = here
            self.enter(f"{v} is False" if null_cond else f"not {v}")
            if not (isinstance(else_, n.Cond) and self.tall(else_)):
                self.stmt(f"{out} = {self.gen(else_)}")
                break
            node = else_
        self.guard = outer
        return out

    def inline(self, node: n.Expr) -> str:
        match node:
            case n.Literal(value=value):
                return self.em.const(value)
            case n.ListExpr(items=items):
                return "[" + ", ".join(self.gen(i) for i in items) + "]"
            case n.Name(name=name):
                return self.em.names[name]
            case n.Attr(obj=obj, name=attr):
                if self.type(obj).kind != "object":
                    return f"_attr({self.gen(obj)}, {attr!r})"  # undeclared: checked at run time
                if not self.nullable(obj):
                    return f"{self.gen(obj)}.get({attr!r})"
                first, again = self.hold(self.gen(obj))
                return f"(None if {first} is None else {again}.get({attr!r}))"
            case n.Unary(op="-", operand=operand):
                src = self.guarded(operand, frozenset({"number"}))
                if not self.nullable(operand):
                    return f"(-{src})"
                first, again = self.hold(src)
                return f"(None if {first} is None else -{again})"
            case n.Unary(operand=operand):
                src = self.guarded(operand, frozenset({"boolean"}))
                if not self.nullable(operand):
                    return f"(not {src})"
                first, again = self.hold(src)
                return f"(None if {first} is None else not {again})"
            case n.Logical(op=op, left=left, right=right):
                bool_kinds = frozenset({"boolean"})
                lsrc, rsrc = self.guarded(left, bool_kinds), self.guarded(right, bool_kinds)
                if self.nullable(left) and not self.nullable(right):
                    return self.logical_null_left(op, lsrc, rsrc)
                # Python's ``and``/``or`` after a left side that is True or False: the right side's value, null included
                return self.logical_src(op, lsrc, rsrc, self.nullable(left))
            case n.IsNull(operand=operand, negated=negated):
                return f"({self.gen(operand)} is {'not ' if negated else ''}None)"
            case n.Binary(op=op, left=left, right=right):
                return self.binary(op, left, right)
            case n.Cond(cond=c, then=t, else_=e):
                return self.cond_src(c, self.guarded(c, frozenset({"boolean"})), t, e)
            case n.Call():
                return call(self, node)
        assert_never(node)

    def logical_null_left(self, op: str, lsrc: str, rsrc: str) -> str:
        """Three-valued ``and``/``or`` of a left side that may be null and a right side that is True or False."""
        stop, go = ("False", "True") if op == "and" else ("True", "False")
        left, a = self.hold(lsrc)
        if_null = f"(None if {rsrc} else False)" if op == "and" else f"(True if {rsrc} else None)"
        return f"({stop} if {left} is {stop} else ({rsrc} if {a} is {go} else {if_null}))"

    def logical_src(self, op: str, lsrc: str, rsrc: str, kleene: bool) -> str:
        """Three-valued ``and``/``or``: the right side only when the left does not decide."""
        if not kleene:
            return f"({lsrc} {op} {rsrc})"
        stop, go = ("False", "True") if op == "and" else ("True", "False")
        left, a = self.hold(lsrc)
        right, b = self.hold(rsrc)
        return f"({stop} if {left} is {stop} else ({stop} if {right} is {stop} else (None if {a} is None or {b} is None else {go})))"

    def cond_src(self, c: n.Expr, csrc: str, then: n.Expr, else_: n.Expr) -> str:
        """``if`` with the condition's source given: only the branch taken is computed; null for a null condition."""
        if not self.nullable(c):
            return f"({self.gen(then)} if {csrc} else {self.gen(else_)})"
        first, again = self.hold(csrc)
        return f"({self.gen(then)} if {first} is True else ({self.gen(else_)} if {again} is False else None))"

    def binary(self, op: str, left: n.Expr, right: n.Expr) -> str:
        lt, rt_ = self.type(left), self.type(right)
        if op in n.MEMBERSHIP:
            return self.membership(op, left, right)
        static = lt.kind not in ("any", "null") and rt_.kind not in ("any", "null")
        # Date-times with and without a time zone must not compare (Python's == would say False).
        zoned = op in n.COMPARISON and "datetime" in (lt.kind, rt_.kind)
        if not static or zoned:
            fn = self.em.bind(rt.BINARY[op], "op")
            return f"{fn}({self.gen(left)}, {self.gen(right)})"
        conds: list[str] = []
        lhs = self.unless_null(left, self.gen(left), conds)
        rhs = self.unless_null(right, self.gen(right), conds)
        if op in ("/", "%") and isinstance(right, n.Literal) and right.value not in (0, None):
            pass  # a constant, non-zero divisor needs no check
        elif op in ("/", "%"):
            if self.nullable(right):
                conds.append(f"{rhs} == 0")
            else:
                first, rhs = self.hold(rhs)
                conds.append(f"{first} == 0")
        if conds:
            return f"(None if {' or '.join(conds)} else {lhs} {op} {rhs})"
        return f"({lhs} {op} {rhs})"

    def membership(self, op: str, left: n.Expr, right: n.Expr) -> str:
        lsrc = self.gen(left)
        if isinstance(right, n.Literal) and self.type(left).kind != "datetime":
            values: Any = right.value
            if values is None:
                return "None"
            try:
                container: Any = frozenset(values)
            except TypeError:
                container = tuple(values)
            if any(v is True or v is False for v in values):
                container = tuple(values)  # keep True distinct from 1
            csrc = self.em.bind(container, "set")
            if self.dynamic(left) and self.type(left).kind == "any":
                fn = self.em.bind(rt.BINARY[op], "op")
                return f"{fn}({lsrc}, {self.em.bind(list(values), 'k')})"
            pyop = "in" if op == "in" else "not in"
            if not self.nullable(left):
                return f"({lsrc} {pyop} {csrc})"
            first, again = self.hold(lsrc)
            return f"(None if {first} is None else {again} {pyop} {csrc})"
        fn = self.em.bind(rt.BINARY[op], "op")
        return f"{fn}({lsrc}, {self.gen(right)})"
