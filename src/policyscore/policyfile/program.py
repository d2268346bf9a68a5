"""The policy program: one frozen, back-end-neutral description of a checked policy.

The loader builds it in one step from a policy file.  Every expression is a
typed tree whose names are resolved (a record field, a param, a let or
``as_of``), together with its folded form (params inlined, constants computed)
that back ends compile.  Weights, points and thresholds are also kept as whole
*units* of ``10 ** -decimals``, so sums are exact.  Each part says which inputs
it reads, which is what an explanation shows beside it.  Nothing here belongs
to one back end; nothing refers to anything by ``id()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from policyscore.errors import Diagnostic
from policyscore.language import nodes as n
from policyscore.language.semantics import to_plain
from policyscore.language.types import Type
from policyscore.policyfile.fields import FieldDecl
from policyscore.policyfile.yamlsource import SourceIndex

__all__ = [
    "InputKind",
    "Input",
    "Expression",
    "Let",
    "Filter",
    "Band",
    "Factor",
    "WeightChoice",
    "Adjustment",
    "Tier",
    "PortfolioCall",
    "ReportOptions",
    "Program",
]


class InputKind(Enum):
    """What a name read by an expression resolves to."""

    FIELD = "field"
    PARAM = "param"
    LET = "let"
    AS_OF = "as_of"


@dataclass(frozen=True, slots=True)
class Input:
    """One value an expression reads, as an explanation lists it: ``country``, ``address.city``, ``home_countries``."""

    name: str
    kind: InputKind
    root: str
    parts: tuple[str, ...]  # the nested field path below ``root``


@dataclass(frozen=True, slots=True)
class Expression:
    """One checked expression: its text, typed tree, folded tree, type and what it reads."""

    text: str
    node: n.Expr  # typed, names resolved by the checker
    folded: n.Expr  # params inlined and constants computed: what back ends compile
    type: Type
    inputs: tuple[Input, ...]
    where: str  # "factor 'size'", "filter 'geo'", ...
    line: int | None
    path: tuple[Any, ...] = ()  # where the expression is in the YAML data, e.g. ("factors", 2, "value")

    @property
    def reads(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.inputs)


@dataclass(frozen=True, slots=True)
class Let:
    name: str
    text: str
    expr: Expression
    for_filters: bool  # a filter reads it (directly or through another let): computed for every record

    @property
    def node(self) -> n.Expr:
        return self.expr.node


@dataclass(frozen=True, slots=True)
class Filter:
    id: str
    description: str | None
    text: str
    expr: Expression
    path: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Band:
    text: str | None  # None for the final ``else``
    expr: Expression | None
    value: float
    label: str | None
    units: int  # the factor's points when this band matches
    path: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class WeightChoice:
    """A factor's weight for one segment (``segment`` None: the ``else`` weight), with its units."""

    segment: str | None
    weight: float
    max_units: int
    missing_units: int
    band_units: tuple[int, ...]  # each band's points under this weight (banded factors)


@dataclass(frozen=True, slots=True)
class Factor:
    id: str
    description: str | None
    weight: float
    missing: float
    text: str | None  # the ``value:`` expression, None for a banded factor
    expr: Expression | None
    bands: tuple[Band, ...] | None
    max_units: int
    missing_units: int
    max_points: float | int
    inputs: tuple[Input, ...]  # what the value, or every band condition, reads
    path: tuple[Any, ...] = ()
    by: Expression | None = None  # weights by segment: the expression giving the segment (a string)
    choices: tuple[WeightChoice, ...] = ()  # each segment's weight and units, the `else` one last


@dataclass(frozen=True, slots=True)
class Adjustment:
    id: str
    description: str | None
    text: str
    expr: Expression
    points: float
    units: int
    path: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Tier:
    name: str
    min: float | None  # None for a relative tier
    units: int | None  # the smallest score, in units, that reaches the tier (None: relative, known per run)
    description: str | None
    top_percent: float | None = None  # a relative tier: the best P percent of the eligible customers of a run


@dataclass(frozen=True, slots=True)
class PortfolioCall:
    """One call of a portfolio function, known by its text (``key``) wherever it is written."""

    key: str  # the call as the printer writes it: how back ends and explanations name its value
    func: str
    value: n.Expr | None  # the per-record argument x (typed), None for referred_count and referral_depth
    group: n.Expr | None  # the group key of group_* functions
    q: float | None = None  # portfolio_quantile
    depth: int | None = None  # referred_count, referred_sum
    decay: float | None = None  # referred_sum


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the policy asks of the book report (``report:``); command-line options override it."""

    amount: str | None = None  # a number field or let whose concentration the report shows


@dataclass(frozen=True)
class Program:
    """A checked policy, ready for any back end."""

    name: str
    version: str | int
    description: str | None
    owner: str | None
    path: str | None
    sha256: str  # of the policy file and every file it reads (a record schema)
    id_field: str
    decimals: int
    score_min: float | None
    score_max: float | None
    min_units: int | None
    max_units: int | None
    params: dict[str, Any]
    fields: dict[str, FieldDecl]  # declared record fields, in declaration order
    read_fields: tuple[str, ...]  # top-level record fields some expression reads, sorted
    lets: tuple[Let, ...]
    filters: tuple[Filter, ...]
    factors: tuple[Factor, ...]
    adjustments: tuple[Adjustment, ...]
    tiers: tuple[Tier, ...]
    warnings: tuple[Diagnostic, ...]
    source_index: SourceIndex | None = None  # positions in the policy file, for tools that report lines
    portfolio: tuple[PortfolioCall, ...] = ()  # every portfolio function call, each key once
    referred_by: str | None = None  # the field naming the customer who referred this one (`referrals:`)
    report: ReportOptions = ReportOptions()  # `report:` options, read by the book report
    # Derived once, for explanations: params as JSON shows them, and each let's position.
    plain_params: dict[str, Any] = field(init=False, repr=False, compare=False)
    let_positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain_params", {k: to_plain(v) for k, v in self.params.items()})
        object.__setattr__(self, "let_positions", {let.name: i for i, let in enumerate(self.lets)})

    @property
    def unit_scale(self) -> int:
        return 10**self.decimals

    @property
    def tier_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tiers)

    @property
    def segmented(self) -> bool:
        """Whether a factor's weight depends on the record's segment."""
        return any(f.by is not None for f in self.factors)

    @property
    def relative_tiers(self) -> bool:
        """Whether a tier is relative (``top_percent``): tiers then depend on the whole run."""
        return any(t.top_percent is not None for t in self.tiers)

    @property
    def uses_book(self) -> bool:
        """Whether scoring a record needs the whole run first (portfolio functions or relative tiers)."""
        return bool(self.portfolio) or self.relative_tiers

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.factors)

    def let_named(self, name: str) -> Let | None:
        i = self.let_positions.get(name)
        return None if i is None else self.lets[i]
