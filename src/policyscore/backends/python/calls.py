"""Inline Python for the language's function calls.

A call with a statically known argument type gets inline code where Python
has the operation (``str.lower``, a precompiled regex, ``date`` subtraction
and calendar months, a clamped linear map, ``math.log``, the first non-null
of values already computed); every other call goes to the function's one
implementation in :mod:`policyscore.language.functions`, with null arguments
short-circuited when the function propagates null.  Each inline form is the
implementation's own formula, written for the argument types it is emitted
for; the property tests compare both with the reference interpreter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from policyscore.language import nodes as n
from policyscore.language.functions import FUNCTIONS, RuntimeTypeError
from policyscore.language.regex import RegexError, compile_regex

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.backends.python.expressions import ExprGen

__all__ = ["call", "is_atom"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_atom(src: str) -> bool:
    """Whether ``src`` is a name (a local, a bound constant, ``None``, ``True``, ``False``): reading it
    twice computes nothing, and ``is`` may test it (Python warns on ``is`` with a number or string literal)."""
    return _NAME.fullmatch(src) is not None


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
    shifted = "{x}" if lo_v.__class__ is int and lo_v == 0 else f"({{x}} - {gen.em.const(lo_v)})"  # x - 0 is x for every number
    body = f"(0.0 if ({t} := {shifted} / {gen.em.const(span)}) < 0 else (1.0 if {t} > 1 else {t}))"
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
    # one memo per pattern, shared by the calls that search it
    memo, remember = gen.em.namespace[gen.em.made_once(value, lambda: _remembered(search), "rxs")]
    memo_src, remember_src = gen.em.bind(memo, "rxm"), gen.em.bind(remember, "rx")
    first, again = gen.hold(gen.gen(text))
    t = gen.em.temp()
    if not gen.nullable(text):
        return f"({t} if ({t} := {memo_src}.get({first})) is not None else {remember_src}({again}))"
    found = f"({t} if ({t} := {memo_src}.get({again})) is not None else {remember_src}({again}))"
    return f"(None if {first} is None else {found})"


#: How many distinct texts one ``matches`` call remembers the answer for.
_MEMO_LIMIT = 10_000


def _remembered(search: Callable[[str], bool]) -> tuple[dict[str, bool], Callable[[str], bool]]:
    """A memo of ``search``'s answers by text (bounded) and the function that searches and fills it.

    A regex search costs about as much as the rest of a small factor; the
    texts a policy searches (titles, industries) repeat from record to record.
    """
    memo: dict[str, bool] = {}

    def remember(text: str) -> bool:
        found = search(text)
        if len(memo) < _MEMO_LIMIT:
            memo[text] = found
        return found

    return memo, remember


def _days_between(gen: ExprGen, node: n.Call) -> str | None:
    a, b = node.args
    if gen.type(a).kind != "date" or gen.type(b).kind != "date":
        return None  # date-times and undeclared values take the checked path
    checks: list[str] = []
    asrc = gen.unless_null(a, gen.gen(a), checks)
    bsrc = gen.unless_null(b, gen.gen(b), checks)
    body = f"({bsrc} - {asrc}).days"
    return f"(None if {' or '.join(checks)} else {body})" if checks else body


def _months_between(gen: ExprGen, node: n.Call) -> str | None:
    """:func:`~policyscore.language.functions.months_between` on two dates (not date-times), inline."""
    a, b = node.args
    if gen.type(a).kind != "date" or gen.type(b).kind != "date":
        return None
    checks: list[str] = []
    a_first, a_again = gen.hold(gen.unless_null(a, gen.gen(a), checks))
    b_first, b_again = gen.hold(gen.unless_null(b, gen.gen(b), checks))
    one_day = gen.em.bind(timedelta(days=1), "day")

    def months(x: str, y: str) -> str:  # from x to y, x <= y: a month is complete on x's day or y's month's last day
        return f"(({y}.year - {x}.year) * 12 + {y}.month - {x}.month - ({y}.day < {x}.day and ({y} + {one_day}).month == {y}.month))"

    body = f"({months(a_again, b_again)} if {a_first} <= {b_first} else -{months(b_again, a_again)})"
    return f"(None if {' or '.join(checks)} else {body})" if checks else body


def _coalesce(gen: ExprGen, node: n.Call) -> str | None:
    """The first non-null argument, inline when every argument after the first is a value already computed.

    Every argument is computed before the first non-null is chosen: only a
    name or a literal (nothing left to compute) may go unread.
    """
    if gen.any_dynamic(node):
        return None
    first, *rest = node.args
    later = [gen.gen(arg) for arg in rest]
    if not all(isinstance(arg, n.Literal) or is_atom(src) for arg, src in zip(rest, later)):
        return None
    out = later[-1] if later else "None"
    sources = [gen.gen(first), *later[:-1]]
    for arg, src in zip(reversed([first, *rest[:-1]]), reversed(sources)):
        if not gen.nullable(arg):
            out = src  # never null: what follows is never chosen
            continue
        held, again = gen.hold(src)
        out = f"({again} if {held} is not None else {out})"
    return out


def _log(gen: ExprGen, node: n.Call) -> str | None:
    """The natural logarithm of a number, inline: null for x <= 0."""
    if len(node.args) != 1 or gen.type(node.args[0]).kind != "number":
        return None
    x = node.args[0]
    first, again = gen.hold(gen.gen(x))
    log = gen.em.bind(math.log, "log")
    if gen.nullable(x):
        return f"(None if {first} is None or {again} <= 0 else {log}({again}))"
    return f"(None if {first} <= 0 else {log}({again}))"


def _clamp(gen: ExprGen, node: n.Call) -> str | None:
    """A number limited to constant bounds (given in either order), inline."""
    x, lo, hi = node.args
    if gen.type(x).kind != "number" or not (isinstance(lo, n.Literal) and isinstance(hi, n.Literal)):
        return None
    low, high = lo.value, hi.value
    if not (isinstance(low, (int, float)) and isinstance(high, (int, float))) or isinstance(low, bool) or isinstance(high, bool):
        return None
    if low > high:
        low, high = high, low
    t, low_src, high_src = gen.em.temp(), gen.em.const(low), gen.em.const(high)
    return _null_guarded(gen, x, f"({low_src} if ({t} := {{x}}) < {low_src} else ({high_src} if {t} > {high_src} else {t}))")


_SPECIAL: dict[str, Callable[[ExprGen, n.Call], str | None]] = {
    "days_between": _days_between,
    "months_between": _months_between,
    "coalesce": _coalesce,
    "log": _log,
    "clamp": _clamp,
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
