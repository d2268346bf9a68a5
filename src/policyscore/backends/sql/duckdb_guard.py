"""What DuckDB's JSON parser accepts and the Python engine's reader refuses, found in the text of each record.

DuckDB reads ``NaN``, ``Infinity`` and trailing commas, keeps a repeated key
(and reads its first value, where Python reads the last) and nests without a
limit; the Python engine's reader rejects each of these records (PS510, PS515,
PS516, PS517).  :func:`suspect_records` counts the records of a JSON Lines or
JSON file whose text might hold one of them.  The test is conservative: a
record it cannot clear (a brace or a bracket inside a string, an object inside
a list, the letters ``NaN`` or ``Infinity`` anywhere, a ``\\uD800``-style
escape, more than 64 brackets) counts as suspect, and a run with any suspect
record is left to the Python engine as a whole, which then gives every
message.  A record it clears is one the Python reader accepts as DuckDB reads it.
"""

from __future__ import annotations

import duckdb

__all__ = ["suspect_records", "TEXT_GUARD"]

#: True for a record (its text in ``_ps_json``) whose text the Python reader surely reads as DuckDB does, keys aside.
TEXT_GUARD = """
  NOT contains(_ps_json, 'NaN') AND NOT contains(_ps_json, 'Infinity')
  AND NOT regexp_matches(_ps_json, ',[ \\t\\r\\n]*[]}]')
  AND NOT regexp_matches(_ps_json, '\\\\u[dD][89abAB]')
  AND strlen(_ps_json) - strlen(replace(replace(_ps_json, '{', ''), '[', '')) <= 64
"""


def _list_literal(items: list[str]) -> str:
    """A list of texts written into the query (a literal compares far faster than a parameter)."""
    return "CAST([" + ", ".join("'" + item.replace("'", "''") + "'" for item in items) + "] AS VARCHAR[])"


def suspect_records(con: duckdb.DuckDBPyConnection, path: str, fmt: str, objects: list[str]) -> tuple[int, int]:
    """(records read, records the guard cannot clear) of a ``jsonl`` or ``json`` (array) file.

    ``objects`` are the declared top-level fields of type object: the only objects
    a record may hold besides itself (one more, anywhere, makes it suspect).  A
    record's top-level keys are compared with the first record's (checked here
    to be distinct); only a record whose keys differ is checked for a repeated
    key, which costs far more.
    """
    reader = f"read_json_objects(?, format = '{'newline_delimited' if fmt == 'jsonl' else 'array'}', maximum_object_size = {1 << 24})"
    first = con.execute(f"SELECT json_keys(json) FROM {reader} LIMIT 1", [path]).fetchall()
    model = list(first[0][0]) if first and first[0][0] is not None else []
    if len(set(model)) != len(model):
        model = []
    braces = "strlen(_ps_json) - strlen(replace(_ps_json, '{', ''))"
    # The keys of the record and of each declared object, from one parse: [] for a value that is not an
    # object (or an empty one), NULL for an absent key.
    paths = ", ".join(["'$'", *("'$.\"" + name.replace("'", "''").replace('"', '\\"') + "\"'" for name in objects)])
    if objects:
        # Every brace of the text is the record's or a declared non-empty object's (an empty object, a brace in
        # a string or any other object makes the counts differ: suspect), and no object repeats a key.
        inner = "_ps_all[2:]"
        nested = f"""{braces} = 1 + len(list_filter({inner}, lambda k: len(k) > 0))
          AND coalesce(list_bool_and(list_transform({inner}, lambda k: k IS NULL OR len(list_distinct(k)) = len(k))), true)"""
    else:
        nested = f"{braces} = 1"
    query = f"""
    WITH _ps_text AS (SELECT json::VARCHAR AS _ps_json FROM {reader}),
    _ps_keyed AS (SELECT _ps_json, json_keys(_ps_json, [{paths}]) AS _ps_all FROM _ps_text)
    SELECT count(*), count(*) FILTER (WHERE NOT coalesce(
      ({TEXT_GUARD}) AND ({nested})
      AND CASE WHEN _ps_all[1] = {_list_literal(model)} THEN true ELSE len(list_distinct(_ps_all[1])) = len(_ps_all[1]) END, false))
    FROM _ps_keyed
    """
    rows = con.execute(query, [path]).fetchall()
    return int(rows[0][0]), int(rows[0][1])
