"""Inline Python for the language's function calls.

A call with a statically known argument type gets inline code where Python
has the operation (``str.lower``, a precompiled regex, ``date`` subtraction,
a clamped linear map); every other call goes to the function's one
implementation in :mod:`policyscore.language.functions`, with null arguments
short-circuited when the function propagates null.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from policyscore.language import nodes as n
from policyscore.language.functions import FUNCTIONS, RuntimeTypeError
from policyscore.language.regex import RegexError, compile_regex

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.backends.python.expressions import ExprGen

__all__ = ["call"]


def call(gen: ExprGen, node: n.Call) -> str:
    """Inline source for a call whose arguments are compiled by ``gen``."""
    fn = FUNCTIONS[node.func]
    special = _SPECIAL.get(node.func)
    if special is not None:
        src = special(gen, node)
        if src is not None:
            return src
    impl = gen.em.bind(fn.impl, "f")
    args: list[str] = []
    checks: list[str] = []
    for i, arg in enumerate(node.args):
        src = gen.guarded(arg, fn.param_kinds(i))
        args.append(gen.unless_null(arg, src, checks) if fn.propagates_null else src)
    if gen.any_dynamic(node) and fn.same_kind:
        impl = gen.em.bind(_same_kind_call(fn.name, fn.impl), "f")
    src = f"{impl}({', '.join(args)})"
    if len(checks) > 1:  # every argument is computed (and checked) before any null decides, as the reference does
        held = ", ".join(check.removesuffix(" is None") for check in checks)
        return f"(None if None in ({held}) else {src})"
    if checks:
        return f"(None if {checks[0]} else {src})"
    return src


def _same_kind_call(name: str, impl: Callable[..., Any]) -> Callable[..., Any]:
    def same_kind(*args: Any) -> Any:
        try:
            return impl(*args)
        except TypeError:
            raise RuntimeTypeError(f"arguments of one type for {name}()", args[-1]) from None

    return same_kind


def _null_guarded(gen: ExprGen, arg: n.Expr, body: str) -> str:
    """``body`` with ``{x}`` replaced by ``arg``'s value, null when ``arg`` is null."""
    src = gen.gen(arg)
    if not gen.nullable(arg):
        return body.format(x=src)
    first, again = gen.hold(src)
    return f"(None if {first} is None else {body.format(x=again)})"


def _scale(gen: ExprGen, node: n.Call) -> str | None:
    x, lo, hi = node.args
    if not (isinstance(lo, n.Literal) and isinstance(hi, n.Literal)) or gen.type(x).kind == "any":
        return None
    lo_v: Any = lo.value
    hi_v: Any = hi.value
    if lo_v is None or hi_v is None:
        return "None"
    if lo_v == hi_v:
        return None
    t = gen.em.temp()
    span = hi_v - lo_v
    body = f"(0.0 if ({t} := ({{x}} - {gen.em.const(lo_v)}) / {gen.em.const(span)}) < 0 else (1.0 if {t} > 1 else {t}))"
    return _null_guarded(gen, x, body)


def _min_max(gen: ExprGen, node: n.Call) -> str | None:
    if len(node.args) != 2 or gen.any_dynamic(node):
        return None
    a, b = node.args
    if gen.nullable(a) or gen.nullable(b):
        return None
    first_a, again_a = _reusable(gen, a)
    first_b, again_b = _reusable(gen, b)
    cmp = "<=" if node.func == "min" else ">="
    return f"({again_a} if {first_a} {cmp} {first_b} else {again_b})"


def _reusable(gen: ExprGen, arg: n.Expr) -> tuple[str, str]:
    """Like :meth:`ExprGen.hold`, a literal also read twice as is (only where ``is`` does not test it)."""
    src = gen.gen(arg)
    return (src, src) if isinstance(arg, n.Literal) else gen.hold(src)


def _date_literal(gen: ExprGen, node: n.Call) -> str | None:
    if node.args and isinstance(node.args[0], n.Literal):
        value = node.args[0].value
        if isinstance(value, date):
            return gen.em.const(value)
    return None


def _string_method(method: str) -> Callable[[ExprGen, n.Call], str | None]:
    def emit(gen: ExprGen, node: n.Call) -> str | None:
        if any(gen.type(a).kind != "string" for a in node.args):
            return None  # undeclared or null-typed values go through the checked path
        if any(gen.nullable(a) for a in node.args[1:]):
            return None
        first = gen.gen(node.args[0])
        extra = [gen.gen(a) for a in node.args[1:]]
        # ``{x}`` would be read as a placeholder inside the extra arguments' source: format first
        return _guarded_source(gen, node.args[0], first, f".{method}({', '.join(extra)})")

    return emit


def _guarded_source(gen: ExprGen, arg: n.Expr, src: str, suffix: str) -> str:
    """``src + suffix``, null when ``arg`` (whose source is ``src``) is null."""
    if not gen.nullable(arg):
        return f"{src}{suffix}"
    first, again = gen.hold(src)
    return f"(None if {first} is None else {again}{suffix})"


def _matches(gen: ExprGen, node: n.Call) -> str | None:
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


def _days_between(gen: ExprGen, node: n.Call) -> str | None:
    a, b = node.args
    if gen.type(a).kind != "date" or gen.type(b).kind != "date":
        return None  # date-times and undeclared values take the checked path
    checks: list[str] = []
    asrc = gen.unless_null(a, gen.gen(a), checks)
    bsrc = gen.unless_null(b, gen.gen(b), checks)
    body = f"({bsrc} - {asrc}).days"
    return f"(None if {' or '.join(checks)} else {body})" if checks else body


_SPECIAL: dict[str, Callable[[ExprGen, n.Call], str | None]] = {
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
    "date": _date_literal,
}
