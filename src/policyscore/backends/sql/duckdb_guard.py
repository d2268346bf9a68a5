"""What DuckDB's JSON parser accepts and the Python engine's reader refuses, found in the text of each record.

DuckDB reads ``NaN`` and ``Infinity`` (in any case: ``nan``, ``-inf``) and
trailing commas, keeps a repeated key (and reads its first value, where
Python reads the last) and nests without a limit; the Python engine's reader
rejects each of these records (PS510, PS515, PS516, PS517).
:func:`suspect_records` counts the records of a JSON Lines or JSON file whose
text might hold one of them.  The test is conservative: a record it cannot
clear (a brace or a bracket inside a string, an object inside a list, letters
such as ``nan`` or ``inf`` after a colon, a comma or a bracket, even inside a
string, a ``\\uD800``-style escape, more than 64 brackets) counts as suspect,
and a run with any suspect record is left to the Python engine as a whole,
which then gives every message.  A record it clears is one the Python reader
accepts as DuckDB reads it.

A JSON Lines file is read as plain lines (DuckDB's CSV reader with no quote,
no escape and a delimiter no JSON text holds), which costs far less than
reading it as JSON objects: each record's text is parsed once, for its keys.
A blank line (spaces, tabs, carriage returns, vertical tabs, form feeds) is
skipped, as DuckDB's JSON reader skips it.  The caller compares the count
with the records DuckDB's JSON reader reads, so a line one reader skips and
the other reads cannot pass unnoticed.  When the lines cannot be read so
(line endings mixed, a carriage return inside a line, a line over 2 MB) or a
line is not JSON, the file is read again through DuckDB's JSON reader, whose
answer stands.
"""

from __future__ import annotations

import duckdb

__all__ = ["suspect_records", "TEXT_GUARD"]

# A bare NaN or infinity as DuckDB reads it, in any case (``nan``, ``-Inf``, ``INFINITY``); it also matches some
# letters that are not one (``ian``), which only makes the test more conservative.  It is tried where a value starts.
_NOT_A_NUMBER = "-?[nNiI][aAnN][nNfF]"

#: True for a record (its text in ``_ps_json``, the number of its braces in ``_ps_braces``) whose text the Python
#: reader surely reads as DuckDB does, keys aside.  A value starts after a colon, a comma or an opening bracket;
#: each pattern starts with that one character, which DuckDB searches for far faster than for a class of characters.
TEXT_GUARD = f"""
  NOT regexp_matches(_ps_json, ',[ \\t\\r\\n]*(?:[]}}]|{_NOT_A_NUMBER})')
  AND NOT regexp_matches(_ps_json, ':[ \\t\\r\\n]*{_NOT_A_NUMBER}')
  AND NOT regexp_matches(_ps_json, '\\[[ \\t\\r\\n]*{_NOT_A_NUMBER}')
  AND NOT regexp_matches(_ps_json, '\\\\u[dD][89abAB]')
  AND _ps_braces + strlen(_ps_json) - strlen(replace(_ps_json, '[', '')) <= 64
"""

_MAX_RECORD = 1 << 24


def _list_literal(items: list[str]) -> str:
    """A list of texts written into the query (a literal compares far faster than a parameter)."""
    return "CAST([" + ", ".join("'" + item.replace("'", "''") + "'" for item in items) + "] AS VARCHAR[])"


def _text_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _records(fmt: str) -> str:
    """A subquery of the text of each record (``_ps_json``) of the file given as the query's parameter
    (``lines``: each non-blank line of a JSON Lines file, as it is)."""
    if fmt == "lines":
        lines = (
            # DuckDB's longest line (2 MB) is kept: raised to a record's 16 MB, the buffers take 130 MB more on a
            # million records. A longer line makes the read fail, and the file is read as JSON.
            "read_csv(?, columns = {'_ps_line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false,"
            " auto_detect = false)"
        )
        # An empty line is NULL; a line of blanks is skipped too (tested by a regular expression: trim() is far slower).
        return f"(SELECT _ps_line AS _ps_json FROM {lines} WHERE NOT regexp_full_match(_ps_line, '[ \\t\\r\\v\\f]*'))"
    json_format = "newline_delimited" if fmt == "jsonl" else "array"
    reader = f"read_json_objects(?, format = '{json_format}', maximum_object_size = {_MAX_RECORD})"
    return f"(SELECT json::VARCHAR AS _ps_json FROM {reader})"


def suspect_records(con: duckdb.DuckDBPyConnection, path: str, fmt: str, objects: list[str], longest: int) -> tuple[int, int]:
    """(records read, records the guard cannot clear) of a ``jsonl`` or ``json`` (array) file.

    A record whose text is ``longest`` bytes or more is not cleared: the caller
    gives half the Python reader's longest line, which the text of a record may
    be shorter than (DuckDB drops blanks of the line).

    ``objects`` are the declared top-level fields of type object: the only objects
    a record may hold besides itself (one more, anywhere, makes it suspect).  The
    keys of a record and of its declared objects are listed in one parse; when
    they are the first record's (checked here to be distinct), the record is
    cleared by one comparison of their text and a count of its braces.  Only a
    record whose keys differ pays for the tests of each list.

    A JSON Lines file is read as lines first; when that read fails (mixed line
    endings, a carriage return inside a line, a line over 2 MB, a line that is
    not JSON) it is read again as JSON objects.
    """
    if fmt != "jsonl":
        return _suspect(con, path, _records(fmt), objects, longest)
    try:
        return _suspect(con, path, _records("lines"), objects, longest)
    except duckdb.Error:
        return _suspect(con, path, _records(fmt), objects, longest)


def _suspect(con: duckdb.DuckDBPyConnection, path: str, records: str, objects: list[str], longest: int) -> tuple[int, int]:
    # The keys of the record and of each declared object, from one parse: [] for a value that is not an
    # object (or an empty one), NULL for an absent key.
    paths = ", ".join(["'$'", *("'$.\"" + name.replace("'", "''").replace('"', '\\"') + "\"'" for name in objects)])
    keyed = f"json_keys(_ps_json, [{paths}])"
    first = con.execute(f"SELECT {keyed}, {keyed}::VARCHAR FROM {records} LIMIT 1", [path]).fetchall()
    lists: list[list[str] | None] = [None if k is None else list(k) for k in first[0][0]] if first and first[0][0] else []
    model = lists[0] if lists and lists[0] is not None and len(set(lists[0])) == len(lists[0]) else []
    braces = "_ps_braces"
    # A record whose keys (its own and its declared objects') are the first record's, when those are distinct, is
    # cleared by comparing their text: lists compared item by item cost far more.  Equal texts are equal lists, as
    # DuckDB quotes a key holding a comma, a bracket, a quote or a backslash, and the first record's text, holding
    # no quote, has none of them.  Its braces must then be its own and its non-empty declared objects'.
    known = "false"
    if lists and all(k is None or len(set(k)) == len(k) for k in lists) and "'" not in first[0][1]:
        known = f"_ps_all::VARCHAR = {_text_literal(first[0][1])} AND {braces} = {1 + sum(1 for k in lists[1:] if k)}"
    if objects:
        # Every brace of the text is the record's or a declared non-empty object's (an empty object, a brace in
        # a string or any other object makes the counts differ: suspect), and no object repeats a key.
        inner = "_ps_all[2:]"
        nested = f"""{braces} = 1 + len(list_filter({inner}, lambda k: len(k) > 0))
          AND coalesce(list_bool_and(list_transform({inner}, lambda k: k IS NULL OR len(list_distinct(k)) = len(k))), true)"""
    else:
        nested = f"{braces} = 1"
    query = f"""
    WITH _ps_keyed AS (
      SELECT _ps_json, {keyed} AS _ps_all, strlen(_ps_json) - strlen(replace(_ps_json, '{{', '')) AS _ps_braces FROM {records})
    SELECT count(*), count(*) FILTER (WHERE NOT coalesce(
      ({TEXT_GUARD}) AND strlen(_ps_json) < {int(longest)} AND CASE WHEN {known} THEN true ELSE ({nested})
      AND CASE WHEN _ps_all[1] = {_list_literal(model)} THEN true ELSE len(list_distinct(_ps_all[1])) = len(_ps_all[1]) END END, false))
    FROM _ps_keyed
    """
    rows = con.execute(query, [path]).fetchall()
    return int(rows[0][0]), int(rows[0][1])
