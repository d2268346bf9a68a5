"""Name and type checking of expressions.

The checker infers a :class:`Type` for every node, records which names an
expression reads, and *yields* every problem it finds (it never stops at the
first).  Offsets in problems are inside the expression text; the loader maps
them to file positions.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from policyscore.language import nodes as n
from policyscore.language._compat import assert_never
from policyscore.language.functions import FUNCTIONS, parse_date
from policyscore.language.portfolio import PORTFOLIO, PortfolioFunction
from policyscore.language.regex import RegexError, compile_regex
from policyscore.language.types import ANY, BOOLEAN, DATE, DATETIME, NULL, NUMBER, STRING, Type, list_of, unify

__all__ = ["Scope", "Symbol", "Problem", "Checked", "check_expr", "enum_of", "type_of_value"]


@dataclass(frozen=True, slots=True)
class Symbol:
    """A name an expression may read."""

    name: str
    kind: str  # "field", "param", "let", "as_of"
    type: Type
    value: Any = None  # the constant, for params
    enum: tuple[Any, ...] | None = None  # the allowed values, for fields declared with an enum
    portfolio: bool = False  # a let whose value uses a portfolio function


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    start: int
    end: int
    hint: str | None = None
    severity: str = "error"


@dataclass
class Checked:
    """What checking one expression found out."""

    type: Type
    node: n.Expr | None = None  # the typed tree: every node carries its type
    names: set[str] = field(default_factory=set)  # root names read
    early: set[str] = field(default_factory=set)  # lets read above their definition (an error, but still a use)
    paths: list[str] = field(default_factory=list)  # dotted field paths read, in order
    portfolio: bool = False  # a portfolio function is used (directly or through a let)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


class Scope:
    """The names an expression may read.

    With ``open_fields`` (a policy that declares no record types) every other
    name is a record field of unknown type, checked at run time.  ``later``
    holds lets defined further down, so using one early gets a clear message.
    """

    def __init__(self, open_fields: bool = False):
        self.symbols: dict[str, Symbol] = {}
        self.open_fields = open_fields
        self.later: set[str] = set()
        self.referrals = False  # the policy declares `referrals:` (referral functions may be used)

    def __setitem__(self, name: str, sym: Symbol) -> None:
        self.symbols[name] = sym

    def __getitem__(self, name: str) -> Symbol:
        sym = self.get(name)
        if sym is None:
            raise KeyError(name)
        return sym

    def __contains__(self, name: object) -> bool:
        return name in self.symbols

    def __iter__(self) -> Iterator[str]:
        return iter(self.symbols)

    def get(self, name: str) -> Symbol | None:
        sym = self.symbols.get(name)
        if sym is None and self.open_fields and name not in self.later and name not in FUNCTIONS:
            sym = Symbol(name, "field", ANY)
        return sym


def type_of_value(value: Any) -> Type | None:
    """The type of a constant (params); None for values the language has no type for."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, datetime):
        return DATETIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, list):
        item: Type | None = None
        for v in value:
            t = type_of_value(v)
            if t is None or t.kind == "list":
                return None
            item = t if item is None else unify(item, t)
            if item is None:
                return None
        return list_of(item or ANY)
    return None


def _suggest(name: str, candidates: list[str]) -> str | None:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


_ORDERED = ("number", "string", "date", "datetime")


class _Checker:
    def __init__(self, scope: Scope | Mapping[str, Symbol], checked: Checked):
        self.scope = scope
        self.out = checked
        self.types: dict[int, Type] = {}  # while checking only; the result is the typed tree
        self.inside_portfolio: str | None = None  # the portfolio function whose argument is being checked

    def problem(self, code: str, message: str, span: n.Offsets, hint: str | None = None) -> None:
        self.out.problems.append(Problem(code, message, span[0], span[1], hint))

    def check(self, node: n.Expr) -> Type:
        t = self._check(node)
        self.types[id(node)] = t
        return t

    def _path_of(self, node: n.Expr) -> str | None:
        match node:
            case n.Name(name=name):
                sym = self.scope.get(name)
                return name if sym is not None and sym.kind == "field" else None
            case n.Attr(obj=obj, name=name):
                base = self._path_of(obj)
                return f"{base}.{name}" if base else None
        return None

    def _check(self, node: n.Expr) -> Type:
        match node:
            case n.Literal(value=value):
                return type_of_value(value) or ANY
            case n.ListExpr(items=items):
                item: Type | None = None
                for it in items:
                    t = self.check(it)
                    if t.kind == "list":
                        self.problem("PS203", "a list cannot contain lists", it.span)
                        continue
                    merged = t if item is None else unify(item, t)
                    if merged is None:
                        self.problem("PS203", f"list items must have one type, found {item} and {t}", it.span)
                    else:
                        item = merged
                return list_of(item or ANY)
            case n.Name(name=name):
                sym = self.scope.get(name)
                if sym is None and isinstance(self.scope, Scope) and name in self.scope.later:
                    self.problem("PS201", f"let '{name}' is used before it is defined", node.span, "a let may use only the lets above it")
                    self.out.early.add(name)
                    return ANY
                if sym is None:
                    self.problem("PS201", f"unknown name '{name}'", node.span, _suggest(name, sorted(self.scope)))
                    return ANY
                self.out.names.add(name)
                if sym.portfolio:
                    self.out.portfolio = True
                    if self.inside_portfolio is not None:
                        self.problem(
                            "PS210",
                            f"let '{name}' uses a portfolio function, so it cannot be in the argument of {self.inside_portfolio}()",
                            node.span,
                            "portfolio functions cannot be nested",
                        )
                if sym.kind == "field" and name not in self.out.paths:
                    self.out.paths.append(name)
                return sym.type
            case n.Attr(obj=obj, name=name):
                base = self.check(obj)
                if base.kind == "any":
                    path = self._path_of(node)
                    if path:
                        self._record_path(path, obj)
                    return ANY
                if base.kind == "object":
                    ft = base.field(name)
                    if ft is None:
                        names = [k for k, _ in base.fields or ()]
                        self.problem("PS201", f"unknown field '{name}'", node.name_span, _suggest(name, names))
                        return ANY
                    path = self._path_of(node)
                    if path:
                        self._record_path(path, obj)
                    return ft.with_nullable(True) if base.nullable else ft
                self.problem("PS203", f"'.{name}' needs an object, got {base}", node.name_span)
                return ANY
            case n.Unary(op="-", operand=operand):
                t = self.check(operand)
                self._expect(t, ("number",), operand, "unary '-'")
                return NUMBER.with_nullable(t.maybe_null)
            case n.Unary(op="not", operand=operand):
                t = self.check(operand)
                self._expect(t, ("boolean",), operand, "'not'")
                return BOOLEAN.with_nullable(t.maybe_null)
            case n.Unary():  # pragma: no cover - the parser makes no other
                raise AssertionError(node.op)
            case n.Logical(op=op, left=left, right=right):
                lt, rt = self.check(left), self.check(right)
                self._expect(lt, ("boolean",), left, f"'{op}'")
                self._expect(rt, ("boolean",), right, f"'{op}'")
                return BOOLEAN.with_nullable(lt.maybe_null or rt.maybe_null)
            case n.IsNull(operand=operand):
                self.check(operand)
                return BOOLEAN
            case n.Binary(op=op, left=left, right=right):
                return self._binary(node, op, left, right)
            case n.Cond(cond=c, then=t, else_=e):
                ct = self.check(c)
                self._expect(ct, ("boolean",), c, "the condition of 'if'")
                tt, et = self.check(t), self.check(e)
                u = unify(tt, et)
                if u is None:
                    self.problem("PS203", f"'then' gives {tt} but 'else' gives {et}", node.span)
                    return ANY
                return u.with_nullable(u.maybe_null or ct.maybe_null) if u.kind != "any" else u
            case n.Call():
                return self._call(node)
        assert_never(node)

    def _record_path(self, path: str, obj: n.Expr) -> None:
        root = path.split(".", 1)[0]
        if root in self.out.paths:
            self.out.paths.remove(root)
        if path not in self.out.paths:
            self.out.paths.append(path)

    def _expect(self, t: Type, kinds: tuple[str, ...], node: n.Expr, what: str) -> bool:
        if t.kind in kinds or t.kind in ("any", "null"):
            return True
        wanted = " or ".join(kinds)
        self.problem("PS203", f"{what} needs a {wanted}, got {t}", node.span)
        return False

    def _binary(self, node: n.Binary, op: str, left: n.Expr, right: n.Expr) -> Type:
        lt, rt = self.check(left), self.check(right)
        nullable = lt.maybe_null or rt.maybe_null
        if op in n.ARITHMETIC:
            ok_l = self._expect(lt, ("number",), left, f"'{op}'")
            ok_r = self._expect(rt, ("number",), right, f"'{op}'")
            if ok_l and ok_r and op in "/%" and isinstance(right, n.Literal) and right.value == 0:
                self.out.problems.append(Problem("PS305", f"'{op}' by zero is always null", right.span[0], right.span[1], None, "warning"))
            divisor = self._constant(right) if op in ("/", "%") else None
            may_divide_by_zero = op in ("/", "%") and not (isinstance(divisor, (int, float)) and divisor != 0)
            return NUMBER.with_nullable(nullable or may_divide_by_zero)
        if op in ("==", "!=", "in", "not in"):
            self._check_enum(left, right, op)
        if op in n.COMPARISON:
            for side in (left, right):
                if isinstance(side, n.Literal) and side.value is None:
                    self.problem(
                        "PS203",
                        f"comparing with null with '{op}' is always null",
                        node.span,
                        "use 'is null' or 'is not null'",
                    )
                    return BOOLEAN.with_nullable(True)
            known = lt.kind not in ("any", "null") and rt.kind not in ("any", "null")
            if known and unify(lt, rt) is None:
                self.problem("PS203", f"cannot compare {lt} with {rt}", node.span, _compare_hint(lt, rt))
            elif op not in ("==", "!="):
                for side, t in ((left, lt), (right, rt)):
                    if t.kind not in _ORDERED + ("any", "null"):
                        self.problem("PS203", f"'{op}' needs numbers, strings or dates, got {t}", side.span)
                        break
            return BOOLEAN.with_nullable(nullable)
        if op in n.MEMBERSHIP:
            if rt.kind not in ("list", "any", "null"):
                hint = "use contains(text, part) for text" if rt.kind == "string" else None
                self.problem("PS203", f"'{op}' needs a list on the right, got {rt}", right.span, hint)
            elif rt.kind == "list" and rt.item is not None and lt.kind not in ("any", "null"):
                if rt.item.kind not in ("any", "null") and unify(lt, rt.item) is None:
                    self.problem("PS203", f"cannot look for a {lt} in a list of {rt.item}", node.span)
            return BOOLEAN.with_nullable(nullable)
        raise AssertionError(op)  # pragma: no cover

    def _constant(self, node: n.Expr) -> Any:
        """The value of a literal, a param or a negated one; None when not constant."""
        match node:
            case n.Literal(value=value):
                return value
            case n.Name(name=name):
                sym = self.scope.get(name)
                return sym.value if sym is not None and sym.kind == "param" else None
            case n.Unary(op="-", operand=operand):
                value = self._constant(operand)
                return -value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        return None

    def _enum_of(self, node: n.Expr) -> tuple[str, tuple[Any, ...]] | None:
        return enum_of(node, self.scope)

    def _constants(self, node: n.Expr, many: bool) -> list[tuple[Any, n.Offsets]]:
        """Constant values on the other side of a comparison, with where they are written."""
        if not many and isinstance(node, n.Literal):
            return [(node.value, node.span)]
        if many and isinstance(node, n.ListExpr):
            return [(i.value, i.span) for i in node.items if isinstance(i, n.Literal)]
        if many and isinstance(node, n.Name):
            sym = self.scope.get(node.name)
            if sym is not None and sym.kind == "param" and isinstance(sym.value, list):
                return [(v, node.span) for v in sym.value]
        return []

    def _check_enum(self, left: n.Expr, right: n.Expr, op: str) -> None:
        """A constant compared with an enum field must be one of its values (catches typos)."""
        pairs = [(left, right, op in ("in", "not in"))]
        if op in ("==", "!="):
            pairs.append((right, left, False))
        for field_side, other, many in pairs:
            found = self._enum_of(field_side)
            if found is None:
                continue
            name, allowed = found
            for value, span in self._constants(other, many):
                if value is None or value in allowed:
                    continue
                shown = ", ".join(repr(v) for v in allowed[:10]) + (", ..." if len(allowed) > 10 else "")
                close = difflib.get_close_matches(str(value), [str(v) for v in allowed], n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"'{name}' is one of {shown}"
                self.problem("PS208", f"{value!r} is not a value of '{name}'", span, hint)

    def _call(self, node: n.Call) -> Type:
        if node.func in PORTFOLIO and node.func not in self.scope:
            return self._portfolio_call(node, PORTFOLIO[node.func])
        fn = FUNCTIONS.get(node.func)
        arg_types = [self.check(a) for a in node.args]
        if fn is None:
            if node.func in self.scope:
                self.problem("PS204", f"'{node.func}' is not a function", node.name_span)
            else:
                known = sorted([*FUNCTIONS, *PORTFOLIO])
                self.problem("PS204", f"unknown function '{node.func}'", node.name_span, _suggest(node.func, known))
            return ANY
        count = len(node.args)
        if count < fn.arity_min or (fn.arity_max is not None and count > fn.arity_max):
            if fn.arity_max is None:
                wanted = f"at least {fn.arity_min}"
            elif fn.arity_min == fn.arity_max:
                wanted = str(fn.arity_min)
            else:
                wanted = f"{fn.arity_min} to {fn.arity_max}"
            self.problem(
                "PS204",
                f"{fn.name}() takes {wanted} argument{'s' if wanted != '1' else ''}, got {count}",
                node.span,
                f"usage: {fn.signature()}",
            )
            return ANY
        for i, (arg, t) in enumerate(zip(node.args, arg_types)):
            kinds = fn.param_kinds(i)
            if "any" in kinds or t.kind in ("any", "null") or t.kind in kinds:
                continue
            label = " or ".join(sorted(kinds))
            self.problem("PS203", f"argument {i + 1} of {fn.name}() must be a {label}, got {t}", arg.span, f"usage: {fn.signature()}")
            return ANY
        if fn.same_kind:
            merged: Type | None = None
            for arg, t in zip(node.args, arg_types):
                merged = t if merged is None else unify(merged, t)
                if merged is None:
                    self.problem("PS203", f"the arguments of {fn.name}() must have one type", arg.span)
                    return ANY
        self._check_constant_args(node)
        result = fn.returns(arg_types)
        if fn.name == "coalesce":
            return result.with_nullable(all(t.maybe_null for t in arg_types))
        nullable = fn.may_return_null or (fn.propagates_null and any(t.maybe_null for t in arg_types))
        if any(t.kind == "any" for t in arg_types) and fn.same_kind:
            return ANY
        return result.with_nullable(nullable)

    def _portfolio_call(self, node: n.Call, fn: PortfolioFunction) -> Type:
        """A function of the whole portfolio: arguments over one record, constants where it needs them, never nested."""
        self.out.portfolio = True
        if self.inside_portfolio is not None:
            message = f"{fn.name}() cannot be used in the argument of {self.inside_portfolio}()"
            self.problem("PS210", message, node.span, "portfolio functions cannot be nested")
        if fn.referral and isinstance(self.scope, Scope) and not self.scope.referrals:
            self.problem(
                "PS211",
                f"{fn.name}() needs the policy to declare its referral tree",
                node.name_span,
                "add `referrals: {referred_by: FIELD}`, FIELD holding the id of the customer who referred this one",
            )
        outer, self.inside_portfolio = self.inside_portfolio, fn.name
        arg_types = [self.check(a) for a in node.args]
        self.inside_portfolio = outer
        count = len(node.args)
        if not fn.arity_min <= count <= fn.arity_max:
            wanted = str(fn.arity_min) if fn.arity_min == fn.arity_max else f"{fn.arity_min} to {fn.arity_max}"
            message = f"{fn.name}() takes {wanted} argument{'s' if wanted != '1' else ''}, got {count}"
            self.problem("PS204", message, node.span, f"usage: {fn.signature()}")
            return ANY
        constant_at = {c[0]: c for c in fn.constants}
        for i, (arg, t) in enumerate(zip(node.args, arg_types)):
            kinds = fn.params[i]
            if "any" not in kinds and t.kind not in ("any", "null") and t.kind not in kinds:
                label = " or ".join(sorted(kinds))
                self.problem("PS203", f"argument {i + 1} of {fn.name}() must be a {label}, got {t}", arg.span, f"usage: {fn.signature()}")
                return ANY
            if i in constant_at:
                _, what, low, high, whole = constant_at[i]
                value = self._constant(arg)
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    self.problem("PS210", f"{what} of {fn.name}() must be a number written in the policy (a literal or a param)", arg.span)
                elif not low <= value <= high or (whole and value != int(value)):
                    shown = f"a whole number >= {low:g}" if whole else f"a number from {low:g} to {high:g}"
                    self.problem("PS210", f"{what} of {fn.name}() must be {shown}, got {value!r}", arg.span)
        return fn.returns(arg_types)

    def _check_constant_args(self, node: n.Call) -> None:
        if node.func == "date" and node.args and isinstance(node.args[0], n.Literal):
            value = node.args[0].value
            if isinstance(value, str) and parse_date(value) is None:
                self.problem("PS207", f"{value!r} is not a date in the form YYYY-MM-DD", node.args[0].span)
        if node.func == "matches" and len(node.args) == 2:
            value = self._constant(node.args[1])  # a literal or a param: known now, so checked now
            if isinstance(value, str):
                try:
                    compile_regex(value)
                except RegexError as exc:
                    self.problem(
                        "PS207",
                        f"invalid regular expression: {exc}",
                        node.args[1].span,
                        "patterns use RE2 syntax: no look-around, no back-references",
                    )


def _compare_hint(a: Type, b: Type) -> str | None:
    kinds = {a.kind, b.kind}
    if kinds == {"date", "string"}:
        return 'write the date as date("YYYY-MM-DD")'
    if kinds == {"number", "string"}:
        return "quote both sides or neither"
    return None


def enum_of(node: n.Expr, scope: Scope | Mapping[str, Symbol]) -> tuple[str, tuple[Any, ...]] | None:
    """(field name, allowed values) when ``node`` is a record field declared with an enum."""
    if isinstance(node, n.Name):
        sym = scope.get(node.name)
        if sym is not None and sym.kind == "field" and sym.enum:
            return node.name, sym.enum
    return None


def check_expr(expr: n.Expr, scope: Scope | Mapping[str, Symbol], expect: str | None = None, what: str = "") -> Checked:
    """Infer the type of ``expr``; ``expect`` ("boolean" or "number") adds a check of the result."""
    out = Checked(ANY)
    checker = _Checker(scope, out)
    t = checker.check(expr)
    out.type = t
    out.node = n.annotate(expr, lambda node: checker.types.get(id(node), ANY))
    if expect is not None and t.kind not in (expect, "any", "null") and out.ok:
        code = "PS205" if expect == "boolean" else "PS206"
        out.problems.append(Problem(code, f"{what or 'this expression'} must be a {expect}, got {t}", expr.span[0], expr.span[1]))
    return out


def iter_nodes(expr: n.Expr) -> Iterator[n.Expr]:
    """Every node of ``expr``, parents before children."""
    yield expr
    for child in n.children(expr):
        yield from iter_nodes(child)
