"""Portfolio functions: the signatures of the functions that see the whole book.

A portfolio function's value for a record depends on every record of the
run (the portfolio), so it cannot be computed from one record: the engine
computes the portfolio first (:mod:`policyscore.engine.portfolio`) and every
back end then reads each call's value for the record being scored.  Here are
only what the checker needs: argument kinds, which arguments must be
constants (a literal or a param) and in what range, the result type, and
whether the function needs a ``referrals:`` declaration.  Each call is known
by its :func:`call_key`, the call's text as the printer writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policyscore.language import nodes as n
from policyscore.language.printer import to_text
from policyscore.language.types import DATE, NUMBER, Type

__all__ = ["PortfolioFunction", "PORTFOLIO", "call_key", "is_portfolio_call", "KEY_KINDS"]

NUM = frozenset({"number"})
NUM_OR_DATE = frozenset({"number", "date"})
ANYK = frozenset({"any"})
#: What a group key may be: matched exactly, like ``==``.
KEY_KINDS = frozenset({"string", "number", "boolean", "date"})


def _number(args: list[Type]) -> Type:
    return NUMBER.with_nullable(True)


def _count(args: list[Type]) -> Type:
    return NUMBER


def _like_first(args: list[Type]) -> Type:
    first = args[0] if args else NUMBER
    return (DATE if first.kind == "date" else NUMBER).with_nullable(True)


@dataclass(frozen=True)
class PortfolioFunction:
    """A function of the whole portfolio; ``constants`` maps argument positions to (what, low, high, whole)."""

    name: str
    params: tuple[frozenset[str], ...]
    returns: Callable[[list[Type]], Type]
    summary: str
    min_args: int | None = None
    constants: tuple[tuple[int, str, float, float, bool], ...] = ()
    grouped: bool = False  # the last non-constant argument is a group key
    referral: bool = False  # needs a `referrals:` declaration

    @property
    def arity_min(self) -> int:
        return len(self.params) if self.min_args is None else self.min_args

    @property
    def arity_max(self) -> int:
        return len(self.params)

    def signature(self) -> str:
        names = []
        for i, kinds in enumerate(self.params):
            label = "|".join(sorted(kinds))
            const = next((c for c in self.constants if c[0] == i), None)
            if const is not None:
                label = const[1]
            if self.min_args is not None and i >= self.min_args:
                label = f"[{label}]"
            names.append(label)
        return f"{self.name}({', '.join(names)})"


_Q = (1, "q", 0.0, 1.0, False)
_DEPTH = (0, "depth", 1.0, float("inf"), True)


def _aggregate(name: str, kinds: frozenset[str], returns: Callable[[list[Type]], Type], what: str) -> list[PortfolioFunction]:
    return [
        PortfolioFunction(f"portfolio_{name}", (kinds,), returns, f"the {what} of x over the portfolio (nulls ignored)"),
        PortfolioFunction(
            f"group_{name}", (kinds, KEY_KINDS), returns, f"the {what} of x over the records whose key equals this record's", grouped=True
        ),
    ]


PORTFOLIO: dict[str, PortfolioFunction] = {
    f.name: f
    for f in [
        *_aggregate("sum", NUM, _number, "exact sum"),
        *_aggregate("avg", NUM, _number, "average"),
        *_aggregate("min", NUM_OR_DATE, _like_first, "smallest value"),
        *_aggregate("max", NUM_OR_DATE, _like_first, "largest value"),
        *_aggregate("median", NUM, _number, "median"),
        *_aggregate("count", ANYK, _count, "number of non-null values"),
        PortfolioFunction(
            "portfolio_quantile", (NUM, NUM), _number, "the q-quantile of x (linear interpolation), q in [0, 1]", constants=(_Q,)
        ),
        PortfolioFunction("share", (NUM,), _number, "x / portfolio_sum(x)"),
        PortfolioFunction("cumulative_share", (NUM,), _number, "the share of the portfolio held by the records whose x >= this x"),
        PortfolioFunction("percent_rank", (NUM,), _number, "the share of the other records with a smaller x, in [0, 1]"),
        PortfolioFunction("group_percent_rank", (NUM, KEY_KINDS), _number, "percent_rank within this record's group", grouped=True),
        PortfolioFunction(
            "referred_count", (NUM,), _count, "customers brought in, down to depth levels of referrals", constants=(_DEPTH,), referral=True
        ),
        PortfolioFunction(
            "referred_sum",
            (NUM, NUM, NUM),
            _count,
            "the sum of x over the customers brought in (a customer k levels below weighted decay^(k-1))",
            min_args=2,
            constants=((1, "depth", 1.0, float("inf"), True), (2, "decay", 0.0, 1.0, False)),
            referral=True,
        ),
        PortfolioFunction("referral_depth", (), _count, "how many referral links lead up from this customer", referral=True),
    ]
}


def is_portfolio_call(node: n.Expr) -> bool:
    return isinstance(node, n.Call) and node.func in PORTFOLIO


def call_key(node: n.Call) -> str:
    """The name by which a call's per-record value is known: its text as the printer writes it."""
    return to_text(node)
