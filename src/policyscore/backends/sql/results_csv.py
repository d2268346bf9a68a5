"""A line of ``score --format csv`` made in SQL, byte for byte as :func:`policyscore.render.scores.results_csv` makes it.

The DuckDB run writes its rows without bringing them into Python one by one:
each line is built by the query and only the text crosses over.  The rules
are the renderer's: numbers with the policy's decimals (``printf('%.2f')``
and Python's ``format`` both give the correctly rounded digits of the
double; a DECIMAL cast gives the same digits faster where no tie is near, see
:func:`_num`), an empty cell for no value, a ``+`` before positive adjustments, the
sum before the clamp when the score was clamped, failed filters joined by
spaces, and Python's ``csv`` quoting (a cell holding a comma, a double quote
or a newline is quoted, its quotes doubled).  It reads the shown table of
:mod:`policyscore.engines`: ``id``, ``score``, ``tier``, ``points_<factor>``,
``adjustment_points`` and ``failed_filters``.  Policies with ``decimals: 0``
or less are drawn by the renderer itself.
"""

from __future__ import annotations

from policyscore.policyfile.program import Program

__all__ = ["csv_line"]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _num(c: str, decimals: int) -> str:
    """The number ``c`` with ``decimals`` digits after the point, as ``printf`` writes it ('' for NULL).

    ``printf`` parses its format for every value; a cast to DECIMAL writes the same digits several times faster
    where it surely rounds as ``printf`` does: a number from 0 (not -0.0) to below ``10 ** (8 - decimals)``
    whose scaled value is more than 1e-6 from a tie (the scaled double is then within 1e-8 of the exact
    product, so both round it to the same whole number).  Any other number goes to ``printf``.
    """
    exact = f"printf('%.{decimals}f', {c})"
    if decimals > _FAST_DECIMALS:
        return f"coalesce({exact}, '')"
    scaled = f"{c} * {10**decimals}"
    safe = f"{c} >= 0 AND {c} < {10 ** (8 - decimals)} AND NOT signbit({c}) AND abs({scaled} - floor({scaled}) - 0.5) > 1e-6"
    return f"coalesce(CASE WHEN {safe} THEN CAST({c} AS DECIMAL(18, {decimals}))::VARCHAR ELSE {exact} END, '')"


#: The most decimals written through a DECIMAL cast (more go to ``printf``).
_FAST_DECIMALS = 6


def _quoted(c: str) -> str:
    """Python's ``csv`` quoting of the text ``c`` (QUOTE_MINIMAL, ``\\n`` line ends)."""
    return (
        f"CASE WHEN contains({c}, ',') OR contains({c}, '\"') OR contains({c}, chr(10)) "
        f"THEN '\"' || replace({c}, '\"', '\"\"') || '\"' ELSE {c} END"
    )


def csv_line(program: Program, as_of: str, include_ineligible: bool) -> str:
    """The SQL expression of one CSV line (with its ``\\n``) of a shown row."""
    d = program.decimals
    assert d > 0, "decimals of 0 or less are drawn by the renderer"
    cells = [_quoted('"id"'), _num('"score"', d), _quoted("coalesce(\"tier\", '')")]
    points = [_q(f"points_{f.id}") for f in program.factors]
    cells += [_num(p, d) for p in points]
    adj = '"adjustment_points"'
    if program.adjustments:
        cells.append(f"CASE WHEN {adj} > 0 THEN '+' || {_num(adj, d)} ELSE {_num(adj, d)} END")
    if program.score_min is not None or program.score_max is not None:
        scale = program.unit_scale
        raw = " + ".join([*(f"round({p} * {scale})" for p in points), f"round({adj} * {scale})"])
        clamped = f"({raw}) <> round(\"score\" * {scale})"
        cells.append(f"CASE WHEN \"score\" IS NOT NULL AND {clamped} THEN {_num(f'(({raw}) / {scale})', d)} ELSE '' END")
    if include_ineligible:
        cells.append(_quoted("array_to_string(\"failed_filters\", ' ')"))
    cells.append(_quoted(_lit(as_of)))
    # one concat writes the line once (each || wrote a longer copy); no cell is NULL
    return "concat(" + ", ',', ".join(f"({c})" for c in cells) + ", chr(10))"
