"""The output of a scoring run (``policyscore score``): results written as they come or ranked, and the summary.

:class:`ResultsWriter` writes to a stream it is given (it opens nothing):
``json`` and ``jsonl`` without ``top`` stream one explanation per result in
input order; every other case keeps small rows in a
:class:`~policyscore.batch.Ranking` and writes them sorted at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from policyscore.batch import Ranking, Summary, rank_key
from policyscore.io.writers import dumps
from policyscore.render import scores
from policyscore.render.scores import field_value

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.engine.result import Result
    from policyscore.policy import Policy

__all__ = ["FORMATS", "ResultsWriter", "score_summary"]

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
_TABLES = {"table": scores.results_table, "markdown": scores.results_markdown, "csv": scores.results_csv}


class ResultsWriter:
    """Results into ``out`` in one of :data:`FORMATS`; call :meth:`add` per result, then :meth:`finish`.

    ``columns`` names record fields carried into every format (``--columns``); in
    JSON and JSON Lines, ``source`` (the records file's name) and the line given
    to :meth:`add` say where each record came from.
    """

    def __init__(
        self,
        out: IO[str],
        policy: Policy,
        fmt: str,
        as_of: str,
        *,
        top: int | None = None,
        include_ineligible: bool = False,
        columns: Sequence[str] = (),
        source: str | None = None,
    ):
        self.out, self.policy, self.fmt, self.as_of = out, policy, fmt, as_of
        self.include_ineligible = include_ineligible
        self.columns = tuple(columns)
        self.source = source
        self.explained = fmt in ("json", "jsonl")
        self.streaming = self.explained and top is None
        self.ranking: Ranking[Any] = Ranking(top)
        self.shown = 0
        if fmt == "json":
            out.write("[")

    def add(self, result: Result, line: int | None = None) -> None:
        if self.streaming:
            self._write(result, line)
            return
        if self.explained:
            self.ranking.add(rank_key(result.score, result.id), (result, line))
            return
        row = scores.row_of(result, self.columns)
        self.ranking.add(rank_key(row.score, row.id), row)

    def _write(self, result: Result, line: int | None) -> None:
        d = result.to_dict()
        if self.columns:
            d["fields"] = {c: field_value(result.record, c) for c in self.columns}
        if self.source is not None or line is not None:
            d["source"] = {"file": self.source, "line": line}
        text = dumps(d)
        if self.fmt == "json":
            self.out.write(("\n" if self.shown == 0 else ",\n") + text)
        else:
            self.out.write(text + "\n")
        self.shown += 1

    def finish(self) -> None:
        if not self.streaming:
            kept = self.ranking.values()
            if self.explained:
                for result, line in kept:
                    self._write(result, line)
            else:
                self.shown = len(kept)
                table = _TABLES[self.fmt](self.policy, kept, self.as_of, include_ineligible=self.include_ineligible, columns=self.columns)
                self.out.write(table)
        if self.fmt == "json":
            self.out.write("\n]\n" if self.shown else "]\n")


def score_summary(summary: Summary) -> str:
    """``324 records read: 210 scored, 114 ineligible, 0 rejected; 5 shown`` and, when the policy has tiers, the count per tier."""
    s = summary
    line = f"{s.read} records read: {s.scored} scored, {s.ineligible} ineligible, {s.rejected} rejected; {s.shown} shown"
    if s.unknown_referrers:
        names = "records name a referrer" if s.unknown_referrers != 1 else "record names a referrer"
        line += f"\n{s.unknown_referrers} {names} not in the portfolio"
    if s.tiers:
        line += "\ntiers: " + ", ".join(f"{scores.printable(name) if name else 'no tier'} {n}" for name, n in s.tiers)
    return line
