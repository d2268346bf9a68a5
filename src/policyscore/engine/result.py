"""The outcome of scoring one record, with a declared, named layout.

A back end builds a :class:`Result` while it scores: the values of the lets,
each filter's outcome, each factor's raw value, matched band and points, each
adjustment's outcome, the total and the tier.  Results scored without
explanations (``explain=False``) leave the explanation-only parts as None;
:meth:`Result.to_dict` then asks the reference evaluator for them.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from policyscore.engine import explanation
from policyscore.engine.reference import NOT_COMPUTED
from policyscore.language.interpreter import interpret
from policyscore.language.rounding import from_units
from policyscore.policyfile.fields import FieldDecl, field_checker
from policyscore.policyfile.program import Program

__all__ = ["Result"]


@lru_cache(maxsize=4096)
def _checker(decl: FieldDecl) -> Any:
    return field_checker(decl)


class _Layout(NamedTuple):
    program: Program
    record: dict[str, Any]
    as_of: date
    let_values: tuple[Any, ...] | None  # None when scored without explanations
    filter_values: tuple[bool | None, ...]
    factor_values: tuple[Any, ...] | None  # raw values; None when ineligible or scored without explanations
    band_indexes: tuple[int | None, ...] | None  # matched band per factor (None: not banded, or missing)
    factor_units: tuple[int, ...] | None  # points per factor in units; None when ineligible
    adjustment_values: tuple[bool | None, ...] | None
    raw_units: int | None  # factor and adjustment points, before the score's min and max
    total_units: int | None
    tier_index: int | None
    portfolio_values: Any = None  # a PortfolioRow: each portfolio call's value for this record (portfolio policies)
    factor_segments: tuple[Any, ...] | None = None  # each factor's segment (policies with weights by segment)
    # the headline, derived from the fields above when a Result is built (stored: read on every record)
    id: Any = None  # the record's id field
    score: float | int | None = None  # total_units in the score's unit; None when ineligible
    tier: str | None = None  # the name of tier tier_index


# Fields the headline is derived from: replacing one of them derives it again.
_HEADLINE_INPUTS = frozenset({"program", "record", "total_units", "tier_index"})


def headline(program: Program, record: Any, total_units: int | None, tier_index: int | None) -> tuple[Any, Any, str | None]:
    """(id, score, tier) of a result: the record's id, its total in the score's unit, its tier's name."""
    score = None if total_units is None else from_units(total_units, program.decimals)
    tier = None if tier_index is None else program.tiers[tier_index].name
    return record.get(program.id_field), score, tier


class Result(_Layout):
    """The outcome of scoring one record.  Build-order of the fields is the layout back ends fill.

    ``id``, ``score`` and ``tier`` are derived from the other fields (values
    given for them are ignored); a back end that builds the tuple directly
    stores what :func:`headline` gives.
    """

    __slots__ = ()

    def __new__(
        cls,
        program: Program,
        record: dict[str, Any],
        as_of: date,
        let_values: tuple[Any, ...] | None,
        filter_values: tuple[bool | None, ...],
        factor_values: tuple[Any, ...] | None,
        band_indexes: tuple[int | None, ...] | None,
        factor_units: tuple[int, ...] | None,
        adjustment_values: tuple[bool | None, ...] | None,
        raw_units: int | None,
        total_units: int | None,
        tier_index: int | None,
        portfolio_values: Any = None,
        factor_segments: tuple[Any, ...] | None = None,
        id: Any = None,  # noqa: A002 - the field's name; derived, so ignored
        score: float | int | None = None,
        tier: str | None = None,
    ) -> Result:
        derived = headline(program, record, total_units, tier_index)
        fields = (program, record, as_of, let_values, filter_values, factor_values, band_indexes, factor_units)
        rest = (adjustment_values, raw_units, total_units, tier_index, portfolio_values, factor_segments)
        return tuple.__new__(cls, fields + rest + derived)

    def _replace(self, **changes: Any) -> Result:
        if _HEADLINE_INPUTS.isdisjoint(changes):
            return super()._replace(**changes)
        return Result(**(self._asdict() | changes))

    @property
    def eligible(self) -> bool:
        return self.factor_units is not None

    @property
    def explained(self) -> bool:
        """Whether the back end kept what an explanation needs (``explain=True``)."""
        return self.let_values is not None

    @property
    def points(self) -> dict[str, float | int] | None:
        """Each factor's points, by factor id (None when not eligible)."""
        units = self.factor_units
        if units is None:
            return None
        program = self.program
        if program.decimals <= 0:
            return {f.id: from_units(u, program.decimals) for f, u in zip(program.factors, units)}
        scale = program.unit_scale
        return dict(zip(program.factor_ids, [u / scale for u in units]))

    @property
    def failed_filters(self) -> list[str]:
        return [f.id for f, v in zip(self.program.filters, self.filter_values) if v is not True]

    def __repr__(self) -> str:
        return f"Result(id={self.id!r}, eligible={self.eligible}, score={self.score!r}, tier={self.tier!r})"

    # ------------------------------------------------------------ values as the policy saw them
    def lookup(self, name: str) -> Any:
        """The value of a field, let, param or ``as_of`` as the policy saw it."""
        program = self.program
        if name == "as_of":
            return self.as_of
        i = program.let_positions.get(name)
        if i is not None:
            values = self.let_values
            value = values[i] if values is not None else NOT_COMPUTED
            return interpret(program.lets[i].expr.node, self.lookup) if value is NOT_COMPUTED else value
        if name in program.params:
            return program.params[name]
        row = self.portfolio_values
        if row is not None and name in row:
            return row[name]
        value = self.record.get(name)
        decl = program.fields.get(name)
        return value if decl is None else _checker(decl)(value)

    # ------------------------------------------------------------ the explanation
    def to_dict(self) -> dict[str, Any]:
        """The full explanation as JSON-ready data (see ``schemas/explanation.schema.json``)."""
        return explanation.explain(self)
