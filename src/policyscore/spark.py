"""Scoring on Spark: the policy's query run as Spark SQL over a DataFrame.

``score_dataframe(policy, df, as_of)`` registers ``df`` as a temporary view,
runs the Spark SQL of :func:`policyscore.sql.to_sql` on it and returns the
result, one row per record with the columns documented in ``docs/sql.md``.
``df`` needs one column per declared field the policy reads, with the
declared types (numbers as any numeric type, dates as DATE, lists as arrays,
objects as structs).  For a policy with a referral tree the session's limits
on recursive queries (``spark.sql.cteRecursionLevelLimit`` and
``spark.sql.cteRecursionRowLimit``) are lifted: the tree's recursion ends by
construction; for any policy of the whole book the analyzer's
``spark.sql.analyzer.maxIterations`` is raised to 400 when lower.  pyspark is an optional extra: ``pip install 'policyscore[spark]'``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from policyscore.backends.sql.query import build_query, render
from policyscore.policy import Policy, as_date

__all__ = ["score_dataframe", "COLLAPSE_PROJECT"]

#: Catalyst's rule that merges the query's layers; on the reasons' ranking its work grows until the driver runs out of memory.
COLLAPSE_PROJECT = "org.apache.spark.sql.catalyst.optimizer.CollapseProject"
_EXCLUDED = "spark.sql.optimizer.excludedRules"


def _exclude_collapse_project(session: Any) -> None:
    """Add :data:`COLLAPSE_PROJECT` to the session's excluded optimizer rules, keeping the others."""
    current = session.conf.get(_EXCLUDED, "") or ""
    rules = [rule.strip() for rule in current.split(",") if rule.strip()]
    if COLLAPSE_PROJECT not in rules:
        session.conf.set(_EXCLUDED, ",".join([*rules, COLLAPSE_PROJECT]))


_ANALYZER_ROUNDS = 400


def score_dataframe(policy: Policy, df: Any, as_of: dt.date | str) -> Any:
    """Score every row of the Spark DataFrame ``df`` as of ``as_of`` (a date or an ISO string; required).

    Raises :class:`policyscore.sql.SqlUnsupported` when the policy uses what Spark cannot compute exactly.
    The session's optimizer stops merging the query's layers (:data:`COLLAPSE_PROJECT` joins
    ``spark.sql.optimizer.excludedRules``): merged, the reasons' ranking exhausts the driver's memory.
    """
    day = as_date(as_of)
    view = f"_ps_customers_{uuid.uuid4().hex[:12]}"
    query = render(policy.program, build_query(policy.program, day, view), "spark", day, view)
    df.createOrReplaceTempView(view)
    session = df.sparkSession
    _exclude_collapse_project(session)
    if policy.program.referred_by is not None:
        # The referral tree's recursive queries run as many rounds as the deepest referral chain (Spark stops at 100 by default).
        for key in ("spark.sql.cteRecursionLevelLimit", "spark.sql.cteRecursionRowLimit"):
            session.conf.set(key, "-1")
    if policy.program.uses_book and int(session.conf.get("spark.sql.analyzer.maxIterations", "100")) < _ANALYZER_ROUNDS:
        # A policy of the whole book is a long chain of common table expressions: Spark's analyzer needs more rounds.
        session.conf.set("spark.sql.analyzer.maxIterations", str(_ANALYZER_ROUNDS))
    return session.sql(query)
