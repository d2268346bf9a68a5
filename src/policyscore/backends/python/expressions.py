"""Compile expressions to Python source, once per policy.

Each expression becomes one Python expression over local variables, in the
manner of a template engine that compiles to code.  It receives the typed tree
after :func:`policyscore.language.fold.fold` (params inlined, constants
computed), so a literal is the only constant it sees.  Statically typed
operations that cannot see a null are emitted as plain Python operators;
everything else calls :mod:`policyscore.language.semantics`, which defines the
language's meaning.
The generated code reads only the locals it is given: records, params, lets
and ``as_of``; nothing else in Python is reachable from a policy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from policyscore.language import nodes as n
from policyscore.language import semantics as rt
from policyscore.language._compat import assert_never
from policyscore.language.functions import FUNCTIONS
from policyscore.language.regex import RegexError, compile_regex
from policyscore.language.types import ANY, Type

__all__ = ["Emitter"]


@dataclass
class Emitter:
    """Emits Python source for expressions of one policy, sharing constants and temporaries.

    ``names`` maps each name an expression may read to the Python source that
    reads it (a local variable).
    """

    names: dict[str, str]
    namespace: dict[str, Any] = field(default_factory=dict)
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

    def bind(self, value: Any, prefix: str) -> str:
        key = (prefix, _hashable(value))
        name = self._const_ids.get(key)
        if name is None:
            name = f"_{prefix}{len(self._const_ids)}"
            self._const_ids[key] = name
            self.namespace[name] = value
        return name

    # ------------------------------------------------------------ entry
    def emit(self, expr: n.Expr) -> str:
        """Python source computing ``expr`` (a folded, typed tree)."""
        return _Gen(self).gen(expr)


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


class _Gen:
    def __init__(self, em: Emitter):
        self.em = em

    def type(self, node: n.Expr) -> Type:
        return node.type or ANY

    def nullable(self, node: n.Expr) -> bool:
        return self.type(node).maybe_null

    def dynamic(self, node: n.Expr) -> bool:
        return self.type(node).kind in ("any", "null")

    def guarded(self, node: n.Expr, kinds: frozenset[str]) -> str:
        """Source for ``node``, checked at run time when its type is not known statically."""
        src = self.gen(node)
        if self.type(node).kind == "any":
            return f"{self.em.bind(rt.guard(kinds), 'g')}({src})"
        return src

    # ------------------------------------------------------------ generation
    def gen(self, node: n.Expr) -> str:
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
                t = self.em.temp()
                return f"(None if ({t} := {self.gen(obj)}) is None else {t}.get({attr!r}))"
            case n.Unary(op="-", operand=operand):
                src = self.guarded(operand, frozenset({"number"}))
                if not self.nullable(operand):
                    return f"(-{src})"
                t = self.em.temp()
                return f"(None if ({t} := {src}) is None else -{t})"
            case n.Unary(operand=operand):
                src = self.guarded(operand, frozenset({"boolean"}))
                if not self.nullable(operand):
                    return f"(not {src})"
                t = self.em.temp()
                return f"(None if ({t} := {src}) is None else not {t})"
            case n.Logical(op=op, left=left, right=right):
                return self.logical(op, left, right)
            case n.IsNull(operand=operand, negated=negated):
                return f"({self.gen(operand)} is {'not ' if negated else ''}None)"
            case n.Binary(op=op, left=left, right=right):
                return self.binary(op, left, right)
            case n.Cond(cond=c, then=t, else_=e):
                csrc = self.guarded(c, frozenset({"boolean"}))
                tsrc, esrc = self.gen(t), self.gen(e)
                if not self.nullable(c):
                    return f"({tsrc} if {csrc} else {esrc})"
                v = self.em.temp()
                return f"({tsrc} if ({v} := {csrc}) is True else ({esrc} if {v} is False else None))"
            case n.Call():
                return self.call(node)
        assert_never(node)

    def logical(self, op: str, left: n.Expr, right: n.Expr) -> str:
        bool_kinds = frozenset({"boolean"})
        lsrc, rsrc = self.guarded(left, bool_kinds), self.guarded(right, bool_kinds)
        if not self.nullable(left) and not self.nullable(right):
            return f"({lsrc} {op} {rsrc})"
        a, b = self.em.temp(), self.em.temp()
        stop, go = ("False", "True") if op == "and" else ("True", "False")
        return (
            f"({stop} if ({a} := {lsrc}) is {stop} else ({stop} if ({b} := {rsrc}) is {stop} "
            f"else (None if {a} is None or {b} is None else {go})))"
        )

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
        lhs, rhs = self.gen(left), self.gen(right)
        conds: list[str] = []
        if lt.maybe_null:
            a = self.em.temp()
            conds.append(f"({a} := {lhs}) is None")
            lhs = a
        if rt_.maybe_null:
            b = self.em.temp()
            conds.append(f"({b} := {rhs}) is None")
            rhs = b
        if op in ("/", "%") and isinstance(right, n.Literal) and right.value not in (0, None):
            pass  # a constant, non-zero divisor needs no check
        elif op in ("/", "%"):
            if rt_.maybe_null:
                conds.append(f"{rhs} == 0")
            else:
                b = self.em.temp()
                conds.append(f"({b} := {rhs}) == 0")
                rhs = b
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
            a = self.em.temp()
            return f"(None if ({a} := {lsrc}) is None else {a} {pyop} {csrc})"
        fn = self.em.bind(rt.BINARY[op], "op")
        return f"{fn}({lsrc}, {self.gen(right)})"

    def call(self, node: n.Call) -> str:
        fn = FUNCTIONS[node.func]
        special = _SPECIAL.get(node.func)
        if special is not None:
            src = special(self, node)
            if src is not None:
                return src
        impl = self.em.bind(fn.impl, "f")
        args: list[str] = []
        checks: list[str] = []
        for i, arg in enumerate(node.args):
            src = self.guarded(arg, fn.param_kinds(i))
            if fn.propagates_null and self.nullable(arg):
                t = self.em.temp()
                checks.append(f"({t} := {src}) is None")
                args.append(t)
            else:
                args.append(src)
        call = f"{impl}({', '.join(args)})"
        if self.any_dynamic(node) and fn.same_kind:
            call = f"{self.em.bind(_same_kind_call(fn.name, fn.impl), 'f')}({', '.join(args)})"
        if checks:
            return f"(None if {' or '.join(checks)} else {call})"
        return call

    def any_dynamic(self, node: n.Call) -> bool:
        return any(self.type(a).kind == "any" for a in node.args)


def _same_kind_call(name: str, impl: Callable[..., Any]) -> Callable[..., Any]:
    from policyscore.language.functions import RuntimeTypeError

    def call(*args: Any) -> Any:
        try:
            return impl(*args)
        except TypeError:
            raise RuntimeTypeError(f"arguments of one type for {name}()", args[-1]) from None

    return call


def _scale(gen: _Gen, node: n.Call) -> str | None:
    x, lo, hi = node.args
    if not (isinstance(lo, n.Literal) and isinstance(hi, n.Literal)) or gen.type(x).kind == "any":
        return None
    lo_v: Any = lo.value
    hi_v: Any = hi.value
    if lo_v is None or hi_v is None:
        return "None"
    if lo_v == hi_v:
        return None
    xs = gen.gen(x)
    t = gen.em.temp()
    span = hi_v - lo_v
    body = f"(0.0 if ({t} := ({{x}} - {gen.em.const(lo_v)}) / {gen.em.const(span)}) < 0 else (1.0 if {t} > 1 else {t}))"
    if gen.nullable(x):
        v = gen.em.temp()
        return f"(None if ({v} := {xs}) is None else {body.format(x=v)})"
    return body.format(x=xs)


def _min_max(gen: _Gen, node: n.Call) -> str | None:
    if len(node.args) != 2 or gen.any_dynamic(node):
        return None
    a, b = node.args
    if gen.nullable(a) or gen.nullable(b):
        return None
    ta, tb = gen.em.temp(), gen.em.temp()
    cmp = "<=" if node.func == "min" else ">="
    return f"({ta} if ({ta} := {gen.gen(a)}) {cmp} ({tb} := {gen.gen(b)}) else {tb})"


def _coalesce(gen: _Gen, node: n.Call) -> str | None:
    parts = [gen.gen(a) for a in node.args]
    src = parts[-1]
    for part in reversed(parts[:-1]):
        t = gen.em.temp()
        src = f"({t} if ({t} := {part}) is not None else {src})"
    return src


def _date_literal(gen: _Gen, node: n.Call) -> str | None:
    if node.args and isinstance(node.args[0], n.Literal):
        value = node.args[0].value
        if isinstance(value, date):
            return gen.em.const(value)
    return None


def _null_guarded(gen: _Gen, arg: n.Expr, body: str) -> str:
    """``body`` with ``{x}`` replaced by ``arg``'s value, null when ``arg`` is null."""
    src = gen.gen(arg)
    if not gen.nullable(arg):
        return body.format(x=src)
    t = gen.em.temp()
    return f"(None if ({t} := {src}) is None else {body.format(x=t)})"


def _string_method(method: str) -> Callable[[_Gen, n.Call], str | None]:
    def emit(gen: _Gen, node: n.Call) -> str | None:
        if any(gen.type(a).kind != "string" for a in node.args):
            return None  # undeclared or null-typed values go through the checked path
        extra = [gen.gen(a) for a in node.args[1:]]
        if any(gen.nullable(a) for a in node.args[1:]):
            return None
        call = f"{{x}}.{method}({', '.join(extra)})"
        return _null_guarded(gen, node.args[0], f"{call}")

    return emit


def _matches(gen: _Gen, node: n.Call) -> str | None:
    text, pattern = node.args
    if gen.type(text).kind != "string" or not isinstance(pattern, n.Literal):
        return None
    value = pattern.value
    if not isinstance(value, str):
        return None
    try:
        search = compile_regex(value)
    except RegexError:
        return None  # the checker reports it; the checked path would raise a record error
    return _null_guarded(gen, text, f"{gen.em.bind(search, 'rx')}({{x}})")


def _days_between(gen: _Gen, node: n.Call) -> str | None:
    a, b = node.args
    if gen.type(a).kind != "date" or gen.type(b).kind != "date":
        return None  # date-times and undeclared values take the checked path
    asrc, bsrc = gen.gen(a), gen.gen(b)
    checks = []
    if gen.nullable(a):
        t = gen.em.temp()
        checks.append(f"({t} := {asrc}) is None")
        asrc = t
    if gen.nullable(b):
        t = gen.em.temp()
        checks.append(f"({t} := {bsrc}) is None")
        bsrc = t
    body = f"({bsrc} - {asrc}).days"
    return f"(None if {' or '.join(checks)} else {body})" if checks else body


_SPECIAL: dict[str, Callable[[_Gen, n.Call], str | None]] = {
    "days_between": _days_between,
    "lower": _string_method("lower"),
    "upper": _string_method("upper"),
    "trim": _string_method("strip"),
    "starts_with": _string_method("startswith"),
    "ends_with": _string_method("endswith"),
    "matches": _matches,
    "scale": _scale,
    "min": _min_max,
    "max": _min_max,
    "coalesce": _coalesce,
    "date": _date_literal,
}
