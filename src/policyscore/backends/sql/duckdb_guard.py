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

__all__ = ["suspect_records", "GUARD"]

#: True for a record (its text in ``_ps_json``) that the Python reader surely reads as DuckDB does.
GUARD = """
  NOT contains(_ps_json, 'NaN') AND NOT contains(_ps_json, 'Infinity')
  AND NOT regexp_matches(_ps_json, ',[ \\t\\r\\n]*[]}]')
  AND NOT regexp_matches(_ps_json, '\\\\u[dD][89abAB]')
  AND length(_ps_json) - length(replace(replace(_ps_json, '{', ''), '[', '')) <= 64
  AND len(_ps_keys) = len(list_distinct(_ps_keys))
  AND 1 + len(_ps_objects) = length(_ps_json) - length(replace(_ps_json, '{', ''))
  AND coalesce(list_bool_and(list_transform(_ps_objects, lambda o: len(json_keys(o)) = len(list_distinct(json_keys(o))))), true)
"""


def suspect_records(con: duckdb.DuckDBPyConnection, path: str, fmt: str, objects: list[str]) -> tuple[int, int]:
    """(records read, records the guard cannot clear) of a ``jsonl`` or ``json`` (array) file.

    ``objects`` are the declared top-level fields of type object: the only objects
    a record may hold besides itself (one more, anywhere, makes it suspect).
    """
    paths = ", ".join("'$.\"" + name.replace("'", "''").replace('"', '\\"') + "\"'" for name in objects)
    reader = "newline_delimited" if fmt == "jsonl" else "array"
    if not objects:
        paths = "'$.\"\"'"  # no declared object: a path that no key matches
    query = f"""
    WITH _ps_text AS (
      SELECT json::VARCHAR AS _ps_json FROM read_json_objects(?, format = '{reader}', maximum_object_size = {1 << 26})
    ), _ps_parts AS (
      SELECT _ps_json, json_keys(_ps_json) AS _ps_keys,
             list_filter(json_extract(_ps_json, [{paths}]), lambda x: json_type(x) = 'OBJECT') AS _ps_objects
      FROM _ps_text
    )
    SELECT count(*), count(*) FILTER (WHERE NOT coalesce(({GUARD}), false)) FROM _ps_parts
    """
    rows = con.execute(query, [path]).fetchall()
    return int(rows[0][0]), int(rows[0][1])
