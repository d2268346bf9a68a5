"""A book report: what one policy makes of a whole file of customers, gathered in one streaming pass.

:class:`BookBuilder` takes the outcome of every record (a result, or the
:class:`~policyscore.RecordError` that rejected it, which names its line) and
keeps only counters and a bounded buffer, so memory depends on the number of
customers shown (``top``), never on the size of the book:

- the accounting: records read, scored, ineligible (as a funnel through the
  filters, in policy order, and how often each filter failed), rejected
  (grouped by error code and field, with the first line numbers);
- the score distribution: an exact count of each distinct score (scores are
  rounded to the policy's decimals, so there are few), from which the
  histogram, mean and percentiles come; the tier counts;
- per factor: average points against the maximum, how often the value was
  missing, the points lost across the book and how often the factor was a
  customer's first reason; per adjustment: how often it applied and was
  the first reason;
- concentration over an amount field (the 80/20 view): amounts are counted in
  logarithmic buckets 1% wide, each with its exact count and sum, so the
  Pareto curve is exact at every bucket edge and within 1% between them;
- the ``top`` customers by score (ties by id), kept as results and explained
  at the end;
- for a policy with a referral tree, the customers whose referrals bring the
  most, by each ``referred_count`` and ``referred_sum`` call
  (:mod:`policyscore.review.referrals`).

:meth:`BookBuilder.report` gives a frozen :class:`BookReport` whose
``to_dict()`` is JSON-ready.  Nothing here reads the clock, prints, or knows
about HTML.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from policyscore._version import __version__
from policyscore.batch import Ranking, rank_key
from policyscore.engine import reference
from policyscore.engine.result import Result
from policyscore.errors import RecordError
from policyscore.language.rounding import from_units
from policyscore.policy import Policy, as_date
from policyscore.review.concentration import Amounts, Concentration
from policyscore.review.diff import INELIGIBLE, NO_TIER, Distribution, ScoreStats
from policyscore.review.referrals import Referrals, ReferralTree

__all__ = [
    "REFERRERS",
    "InputInfo",
    "file_sha256",
    "amount_problem",
    "Rejection",
    "FunnelStep",
    "FilterStats",
    "Bin",
    "TierCount",
    "FactorStats",
    "AdjustmentStats",
    "Concentration",
    "ReferralTree",
    "TopCustomer",
    "BookReport",
    "BookBuilder",
    "build_report",
    "histogram",
]

#: Line numbers kept for each group of rejected records.
FIRST_LINES = 5
#: Bars of the score histogram.
BINS = 20
#: Customers shown for each referral call, by default.
REFERRERS = 10


# ---------------------------------------------------------------- the input file


@dataclass(frozen=True)
class InputInfo:
    """The records file as the report's header names it (no digest for stdin)."""

    name: str
    sha256: str | None = None
    size: int | None = None


def file_sha256(path: str, chunk: int = 1 << 20) -> str:
    """The SHA-256 of a file, read in chunks (memory stays flat whatever its size)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def amount_problem(policy: Policy, name: str) -> str | None:
    """Why ``name`` cannot be the amount field of a report of ``policy`` (None when it can).

    It must be a declared number field or a let; a policy that declares no
    fields accepts any name (the values are read from the records).
    """
    lets = [let.name for let in policy.lets]
    if name in lets:
        return None
    decl = policy.fields.get(name)
    if decl is not None:
        return None if decl.type.kind in ("number", "any") else f"'{name}' is a {decl.type.kind} field, not a number"
    if not policy.fields:
        return None
    close = difflib.get_close_matches(name, [*policy.fields, *lets], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{name}' is neither a field nor a let of policy {policy.name}{hint}"


# ---------------------------------------------------------------- the parts of the report


@dataclass(frozen=True)
class Rejection:
    """Records rejected for one kind of reason: an error code and the field it is about."""

    code: str
    field: str | None
    example: str  # the first such record's message
    count: int
    lines: tuple[int, ...]  # the first few line numbers


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: int


@dataclass(frozen=True)
class FilterStats:
    id: str
    failed: int  # records this filter failed (false or unknown), whatever the others did
    unknown: int  # of which the filter could not be decided (null)
    first: int  # records for which it was the first filter, in policy order, that failed


@dataclass(frozen=True)
class Bin:
    start: float
    end: float
    count: int


@dataclass(frozen=True)
class TierCount:
    name: str
    min: float | None
    count: int
    share: float  # of the scored (eligible) records


@dataclass(frozen=True)
class FactorStats:
    id: str
    weight: float
    max_points: float | int
    mean_points: float | None  # over the scored records
    missing: int
    missing_rate: float | None
    lost_points: float | int  # maximum minus points, added up over the scored records
    first_reason: int  # records for which this factor lost the most points


@dataclass(frozen=True)
class AdjustmentStats:
    id: str
    points: float | int
    applied: int
    unknown: int
    total_points: float | int
    first_reason: int  # records for which this adjustment cost the most points (negative adjustments only)


@dataclass(frozen=True)
class TopCustomer:
    rank: int
    id: Any
    score: float | int
    tier: str | None
    points: dict[str, float | int]
    explanation: dict[str, Any]


@dataclass(frozen=True)
class BookReport:
    policy: dict[str, Any]  # name, version, sha256, path, decimals, min, max
    engine: dict[str, str]
    as_of: str
    input: InputInfo
    generated_at: str | None
    read: int
    scored: int
    ineligible: int
    rejected: int
    rejections: tuple[Rejection, ...]
    funnel: tuple[FunnelStep, ...]
    filters: tuple[FilterStats, ...]
    stats: ScoreStats
    histogram: tuple[Bin, ...]
    tiers: tuple[TierCount, ...]
    factors: tuple[FactorStats, ...]
    adjustments: tuple[AdjustmentStats, ...]
    concentration: Concentration | None
    referrals: ReferralTree | None  # policies with a referral tree
    top: tuple[TopCustomer, ...]
    top_requested: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (dataclasses as objects, tuples as lists)."""
        return asdict(self)


# ---------------------------------------------------------------- building it


def histogram(counts: Counter[Decimal], low: float | None, high: float | None, bins: int = BINS) -> tuple[Bin, ...]:
    """``bins`` equal bars from ``low`` to ``high`` (the policy's score range, else the scores seen); the last bar includes ``high``.

    Bar edges are computed in decimal, so a score on an edge always opens the bar above it.
    """
    if not counts:
        return ()
    lo, hi = min(counts), max(counts)
    lo = lo if low is None else min(lo, Decimal(repr(low)))
    hi = hi if high is None else max(hi, Decimal(repr(high)))
    if hi <= lo:
        return (Bin(float(lo), float(hi), sum(counts.values())),)
    width = (hi - lo) / bins
    tally = [0] * bins
    for value, k in counts.items():
        tally[min(bins - 1, int((value - lo) / width))] += k
    return tuple(Bin(float(lo + i * width), float(lo + (i + 1) * width), tally[i]) for i in range(bins))


class BookBuilder:
    """Counters for one pass over a book; :meth:`add` each outcome, then :meth:`report`."""

    def __init__(self, policy: Policy, as_of: date | str, *, top: int = 50, amount: str | None = None, referrers: int = REFERRERS):
        self.policy = policy
        self.day = as_date(as_of)
        self.top = top
        program = policy.program
        self.read = self.scored = self.ineligible = 0
        self.rejections: dict[tuple[str, str | None], list[Any]] = {}
        self.first_failed = [0] * len(program.filters)
        self.failed = [0] * len(program.filters)
        self.unknown = [0] * len(program.filters)
        self.distribution = Distribution()
        self.tiers = Counter[str]()
        self.units = [0] * len(program.factors)
        self.missing = [0] * len(program.factors)
        self.first_reason = [0] * len(program.factors)
        self.applied = [0] * len(program.adjustments)
        self.adjustment_unknown = [0] * len(program.adjustments)
        self.adjustment_first = [0] * len(program.adjustments)
        self.amounts = Amounts(amount) if amount is not None else None
        self.kept: Ranking[Result] = Ranking(top)
        self.referrals = Referrals(program, referrers) if program.referred_by is not None else None

    def add(self, outcome: Result | RecordError) -> None:
        self.read += 1
        if isinstance(outcome, RecordError):
            self._reject(outcome)
            if self.referrals is not None:
                self.referrals.reject(outcome)
            return
        program = self.policy.program
        if self.referrals is not None:
            self.referrals.add(outcome)
        first = True
        for i, value in enumerate(outcome.filter_values):
            if value is not True:
                self.failed[i] += 1
                self.unknown[i] += value is None
                if first:
                    self.first_failed[i] += 1
                    first = False
        if self.amounts is not None:
            label = INELIGIBLE if not outcome.eligible else (outcome.tier or NO_TIER)
            self.amounts.add(outcome.lookup(self.amounts.field), label)
        if not outcome.eligible:
            self.ineligible += 1
            return
        self.scored += 1
        self.distribution.add(outcome.score)  # type: ignore[arg-type]
        self.tiers[outcome.tier or NO_TIER] += 1
        units = outcome.factor_units
        assert units is not None
        values, bands = outcome.factor_values, outcome.band_indexes
        for i, fac in enumerate(program.factors):
            self.units[i] += units[i]
            if values is not None and bands is not None:
                raw = values[i]
                if (bands[i] is None and fac.bands is not None) or (fac.bands is None and (raw is None or raw - raw != 0)):
                    self.missing[i] += 1
        ranked = reference.ranked_reasons(program, units, outcome.adjustment_values or (), limit=1)
        if ranked:
            kind, index, _ = ranked[0]
            (self.first_reason if kind == "factor" else self.adjustment_first)[index] += 1
        for k, applied in enumerate(outcome.adjustment_values or ()):
            self.applied[k] += applied is True
            self.adjustment_unknown[k] += applied is None
        if self.top > 0:
            self.kept.add(rank_key(outcome.score, outcome.id), outcome)

    def _reject(self, error: RecordError) -> None:
        group = self.rejections.get((error.code, error.field))
        if group is None:
            self.rejections[(error.code, error.field)] = [error.reason, 1, [error.row] if error.row is not None else []]
            return
        group[1] += 1
        if error.row is not None and len(group[2]) < FIRST_LINES:
            group[2].append(error.row)

    def report(self, source: InputInfo, generated_at: str | None = None) -> BookReport:
        program = self.policy.program
        d = program.decimals
        rejected = self.read - self.scored - self.ineligible
        usable = self.scored + self.ineligible
        funnel = [FunnelStep("records read", self.read), FunnelStep("could be scored", usable)]
        passed = usable
        for flt, k in zip(program.filters, self.first_failed):
            passed -= k
            funnel.append(FunnelStep(f"passed {flt.id}", passed))
        n = self.scored
        factors = tuple(
            FactorStats(
                id=fac.id,
                weight=fac.weight,
                max_points=fac.max_points,
                mean_points=round(self.units[i] / n / program.unit_scale, d + 2) if n else None,
                missing=self.missing[i],
                missing_rate=self.missing[i] / n if n else None,
                lost_points=from_units(fac.max_units * n - self.units[i], d),
                first_reason=self.first_reason[i],
            )
            for i, fac in enumerate(program.factors)
        )
        labels = [*program.tier_names, NO_TIER, INELIGIBLE]
        tiers = tuple(
            TierCount(name, t.min if t is not None else None, self.tiers[name], self.tiers[name] / n if n else 0.0)
            for name, t in [*((t.name, t) for t in program.tiers), (NO_TIER, None)]
            if t is not None or self.tiers[name]
        )
        top = tuple(
            TopCustomer(rank, result.id, result.score, result.tier, result.points or {}, result.to_dict())  # type: ignore[arg-type]
            for rank, result in enumerate(self.kept.values(), 1)
        )
        return BookReport(
            policy={
                "name": program.name,
                "version": program.version,
                "sha256": program.sha256,
                "path": program.path,
                "decimals": d,
                "min": program.score_min,
                "max": program.score_max,
            },
            engine={"name": "policyscore", "version": __version__},
            as_of=self.day.isoformat(),
            input=source,
            generated_at=generated_at,
            read=self.read,
            scored=self.scored,
            ineligible=self.ineligible,
            rejected=rejected,
            rejections=tuple(
                Rejection(code, fld, example, count, tuple(lines))
                for (code, fld), (example, count, lines) in sorted(self.rejections.items(), key=lambda kv: -kv[1][1])
            ),
            funnel=tuple(funnel),
            filters=tuple(
                FilterStats(flt.id, self.failed[i], self.unknown[i], self.first_failed[i]) for i, flt in enumerate(program.filters)
            ),
            stats=self.distribution.stats(d),
            histogram=histogram(self.distribution.counts, program.score_min, program.score_max),
            tiers=tiers,
            factors=factors,
            adjustments=tuple(
                AdjustmentStats(
                    adj.id,
                    from_units(adj.units, d),
                    self.applied[k],
                    self.adjustment_unknown[k],
                    from_units(adj.units * self.applied[k], d),
                    self.adjustment_first[k],
                )
                for k, adj in enumerate(program.adjustments)
            ),
            concentration=self.amounts.concentration(labels) if self.amounts is not None else None,
            referrals=self.referrals.tree() if self.referrals is not None else None,
            top=top,
            top_requested=self.top,
        )


def build_report(
    policy: Policy,
    outcomes: Iterable[Result | RecordError],
    as_of: date | str,
    source: InputInfo,
    *,
    top: int = 50,
    amount: str | None = None,
    referrers: int = REFERRERS,
    generated_at: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> BookReport:
    """The report of one pass over ``outcomes`` (results scored with explanations, and rejections).

    ``progress`` is called with the number of records read, every 10,000; ``referrers`` is how many customers
    to show for each referral call of a policy with a referral tree.
    """
    builder = BookBuilder(policy, as_of, top=top, amount=amount, referrers=referrers)
    for outcome in outcomes:
        builder.add(outcome)
        if progress is not None and builder.read % 10000 == 0:
            progress(builder.read)
    return builder.report(source, generated_at)
