"""Hypothesis strategies for the fuzzing suite: hostile policies, expressions, YAML documents and record files.

Everything here is text or bytes as a user could write it: mutated copies of
the bundled ``rules/*.yaml``, a template policy with a random expression in
every slot, random YAML documents, and record files in every format built
from the example customers with hostile values and raw snippets spliced in,
then (sometimes) mutated byte by byte.

``POLICYSCORE_FUZZ_EXAMPLES`` raises the number of examples (and draws new
ones at random) for a long fuzzing session; see docs/limits.md.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import yaml
from expr_strategies import BOOL, FIELDS, KINDS, NUM, anything
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from policyscore.language.functions import FUNCTIONS
from policyscore.language.parser import parse
from policyscore.language.portfolio import PORTFOLIO
from policyscore.language.printer import to_text

# The parser raises Python's recursion limit on its first use; Hypothesis fails a test during which
# the limit changes, so the first parse happens here, on import.
parse("0")

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted(p for p in (ROOT / "rules").glob("*.yaml") if not p.name.endswith(".test.yaml"))
RULE_TESTS = sorted((ROOT / "rules").glob("*.test.yaml"))
POLICY_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in RULES}
TEST_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in RULE_TESTS}
#: A few example customers, the edge cases first (each reaches a different branch of the rules).
_LINES = (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines()
SAMPLE_RECORDS: list[dict[str, Any]] = [json.loads(line) for line in sorted(_LINES, key=lambda s: '"EDGE-' not in s)[:40]]

_EXAMPLES = os.environ.get("POLICYSCORE_FUZZ_EXAMPLES")
EXAMPLES = int(_EXAMPLES) if _EXAMPLES else 0

#: CI: few examples per test, the same ones on every run.  A long session: many, drawn afresh.
FUZZ = settings(
    max_examples=EXAMPLES or 40,
    deadline=None,  # time is bounded by CPU time in test_fuzz.bounded(), which load on the machine does not inflate
    derandomize=not EXAMPLES,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)

# ---------------------------------------------------------------- hostile values

BIG_INTEGERS = [2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30, -(10**40), 10**400]
NUMBERS = [0, -0.0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 1e16 + 1, 0.1 + 0.2, 12345.678, float("nan"), float("inf"), float("-inf")]
TEXTS = [
    "",
    " ",
    "1",
    "1.0",
    "-0",
    "01",
    "0x10",
    "0o17",
    "1_000",
    "1:30",
    "190:20:30",
    "1e3",
    "1e999",
    "yes",
    "off",
    "null",
    "~",
    "true",
    ".inf",
    ".nan",
    "NaN",
    "Infinity",
    "2026-11-01",
    "2026-11-01T10:30:00",
    "2026-11-01T23:30:00-05:00",
    "2026-11-01 10:30:00Z",
    "2026-11-01T10:30:00.123456+14:00",
    "2026-02-30",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "2026-W01-1",
    "20261101",
    "\ud800",
    "\udfff",
    "a\x00b",
    "\u202e",
    "é",
    "ß",
    "İ",
    "\n",
    "\r\n",
    "\t",
    "(a+)+$",
    "(?=a)",
    "(a{1000}){1000}",
    "\\1",
    "[",
    "*",
    "(?P<n>x)",
    "\\pL+",
    "a.b",
    "C00015",
    "EDGE-01-PERFECT",
    "US",
    "churned",
    "active",
    "micro",
    "x" * 3000,
]
#: Ids: whole numbers and their text (the same customer), other numbers, dotted and odd text.
IDS = [1, "1", 1.0, "01", " 1", 2**70, str(2**70), -1, 0, True, None, "", "a.b", "C00015", "\ud800", [1], {"id": 1}, 1.5]
#: Field names: those the rules read, nested and dotted ones, and names the language reserves.
FIELD_NAMES = [
    "id",
    "as_of",
    "country",
    "status",
    "signup_date",
    "churned_on",
    "annual_contract_value",
    "total_spend",
    "nps_score",
    "tags",
    "company_size",
    "referred_by",
    "billing",
    "billing.currency",
    "seats_purchased",
    "renewals_count",
    "a.b",
    "",
    "mrr_last_6m",
    "owner_involvement",
    "feature_requests_submitted",
    "innovation_partner",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(BIG_INTEGERS),
    st.integers(),
    st.sampled_from(NUMBERS),
    st.floats(),
    st.sampled_from(TEXTS),
    st.text(max_size=12),
)


def nested(depth: int, leaf: Any = 1) -> Any:
    """``leaf`` inside ``depth`` lists and objects, alternating."""
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


hostile_values = st.one_of(
    scalars,
    st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3), max_leaves=8
    ),
    st.integers(55, 80).map(nested),
)


@st.composite
def records(draw: Any) -> dict[str, Any]:
    """An example customer with a few fields (or its id) changed to hostile values, dropped or added."""
    record = dict(draw(st.sampled_from(SAMPLE_RECORDS)))
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["set", "set", "drop", "id"]))
        if action == "id":
            record["id"] = draw(st.sampled_from(IDS))
        elif action == "drop" and record:
            record.pop(draw(st.sampled_from(sorted(record))))
        else:
            record[draw(st.sampled_from([*FIELD_NAMES, *sorted(record)]))] = draw(hostile_values)
    return record


record_lists = st.lists(records(), min_size=1, max_size=6)

# ---------------------------------------------------------------- record files


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value if isinstance(value, str) else repr(value)


def _csv_text(recs: list[dict[str, Any]]) -> str:
    header = list(dict.fromkeys(k for r in recs for k in r))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for r in recs:
        writer.writerow([_cell(r.get(k)) for k in header])
    return out.getvalue()


def _yaml_text(recs: list[dict[str, Any]]) -> str:
    try:
        return yaml.safe_dump(recs, allow_unicode=True, sort_keys=False, width=10**6)
    except (yaml.YAMLError, ValueError):  # a value PyYAML cannot write: JSON is YAML too
        return json.dumps(recs)


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, allow_nan=True)  # NaN and Infinity tokens, lone surrogates as \ud800


WRITERS = {
    "jsonl": lambda recs: "".join(_json_line(r) + "\n" for r in recs),
    "json": lambda recs: "[\n" + ",\n".join(_json_line(r) for r in recs) + "\n]\n",
    "csv": _csv_text,
    "yaml": _yaml_text,
}
FORMATS = tuple(WRITERS)

_BOMB = "- &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"- &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)
#: Raw text spliced between records, per format: what no writer produces.
SNIPPETS = {
    "jsonl": [
        '{"id": "deep", "x": ' + "[" * 70 + "]" * 70 + "}",
        '{"id": "dup", "a": 1, "a": 2}',
        '{"id": 1}\n{"id": "1"}',
        '{"id": "a.b", "a": {"b": 1}}',
        '{"id": 9223372036854775808, "n": 18446744073709551616}',
        '{"id": "huge", "n": ' + "9" * 5000 + "}",
        '{"id": "inf", "n": 1e999, "m": -Infinity, "o": NaN}',
        '{"id": "sur", "name": "\\ud800", "country": "\\udfff"}',
        '{"id": "cut", "a": [',
        "[1, 2]",
        '"text"',
        "null",
        "",
        '{"id": "as_of", "as_of": "2026-11-01"}',
        '{"id": "dt", "signup_date": "2026-11-01T10:00:00+02:00", "churned_on": "2026-11-01T10:00:00"}',
        '{"id": "re", "name": "(a+)+$", "buyer_title": "' + "a" * 5000 + '!"}',
        '{"id": "e", "billing": {"currency": "USD", "currency": "EUR"}}',
        "\ufeff{}",
    ],
    "csv": ['"unterminated', "x,y,z,w,v,u,t,s", ",,,,,,", "1,1,1", '"a""b",c', "id,id,id", "\x00", "=cmd|' /C calc'!A0"],
    "yaml": [
        _BOMB,
        "- id: t\n  when: 1:30\n  hex: 0x10\n  oct: 0o17\n  on: yes",
        "- id: dt\n  signup_date: 2026-11-01T10:00:00+02:00\n  churned_on: 2026-11-01 10:00:00",
        "- {id: dup, a: 1, a: 2}",
        "- id: k\n  1: one\n  null: two\n  ? [1, 2]\n  : three",
        "- !!python/object/apply:os.system [echo hi]",
        "- &r [*r]",
        "- id: deep\n  x: " + "[" * 70 + "]" * 70,
        "- id: big\n  n: 123456789012345678901234567890\n  f: .inf\n  g: .nan",
        "- id: bin\n  b: !!binary aGVsbG8=\n  s: !!set {a, b}",
        "--- \n- id: second_doc",
        "- id: tab\n\t x: 1",
        "- 'unterminated",
        "- id: 1\n- id: '1'\n- id: 1.0",
    ],
}
SNIPPETS["json"] = [s for s in SNIPPETS["jsonl"] if s and "\n" not in s]


@st.composite
def record_files(draw: Any, fmt: str) -> tuple[bytes, int | None]:
    """A records file in ``fmt`` and how many records it holds (None when raw text or mutations make that unknown)."""
    recs = draw(record_lists)
    text = WRITERS[fmt](recs)
    count: int | None = len(recs)
    if draw(st.integers(0, 2)) == 0:
        lines = text.split("\n")
        for _ in range(draw(st.integers(1, 3))):
            snippet = draw(st.sampled_from(SNIPPETS[fmt]))
            at = draw(st.integers(1 if fmt in ("csv", "json") else 0, max(len(lines) - 1, 1)))
            if fmt == "json":
                snippet += ","
            lines.insert(at, snippet)
        text, count = "\n".join(lines), None
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        raw, count = draw(mutated_bytes(raw)), None
    return raw, count


@st.composite
def mutated_bytes(draw: Any, raw: bytes) -> bytes:
    """``raw`` with a few bytes deleted, repeated, inserted or replaced."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["delete", "repeat", "insert", "replace"]))
        span = draw(st.integers(1, 16))
        if op == "delete":
            del data[at : at + span]
        elif op == "repeat":
            data[at:at] = data[at : at + span]
        elif op == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=4) | st.sampled_from([b"\xff", b"\xed\xa0\x80", b"\x00", b'"', b"\n", b"{", b"["])
            )
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


# ---------------------------------------------------------------- expressions

_CALLS = sorted(FUNCTIONS) + sorted(PORTFOLIO) + ["referred_count", "referred_sum", "referral_depth", "nope"]
_TOKENS = [
    *_CALLS,
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    " + ",
    " - ",
    " * ",
    " / ",
    " % ",
    " == ",
    " != ",
    " < ",
    " >= ",
    " and ",
    " or ",
    "not ",
    "if ",
    " then ",
    " else ",
    " in ",
    " is ",
    " null",
    " true",
    "x",
    "n",
    "s",
    "d",
    "dt",
    "e",
    "tags",
    "as_of",
    "billing.country",
    "billing",
    "l0",
    "p_num",
    "p_list",
    "1",
    "0",
    "-1",
    "0.5",
    "1e308",
    "1e999",
    "99999999999999999999999",
    "'a'",
    '"\\ud800"',
    "'(a+)+$'",
    "'2026-11-01T10:00:00+02:00'",
]
HOSTILE_EXPRESSIONS = [
    "1e309",
    "99999999999999999999999999 * 99999999999999999999999",
    "x * 1e308 * 10",
    "x / 0",
    "x % 0",
    "log(0)",
    "sqrt(-1)",
    "log(x, 1)",
    "round(x, 99999999999)",
    "round(1e308, 6)",
    "matches(s, '(a+)+$')",
    "matches(s, s)",
    "matches(s, '(?=x)')",
    "date('2026-11-01T10:00:00+02:00')",
    "date(s)",
    "days_between(d, date('9999-12-31'))",
    "months_between(date('0001-01-01'), d)",
    "dt > date('2026-11-01')",
    "'1' == 1",
    "x in [1, '1']",
    "billing.country == 'US'",
    "portfolio_sum(x) / portfolio_count(x)",
    "percent_rank(x) + group_percent_rank(x, s)",
    "cumulative_share(x) <= 0.8",
    "portfolio_quantile(x, 2)",
    "portfolio_sum(portfolio_sum(x))",
    "referred_sum(x, 1000, 0.5) + referred_count(99) + referral_depth()",
    "as_of",
    "((((((((((((((((((((x))))))))))))))))))))",
    "(" * 520 + "x" + ")" * 520,
    "-" * 600 + "x",
    "not " * 300 + "true",
    " + ".join(["x"] * 300),
    "".join(f"if x > {i} then {i} else " for i in range(150)) + "0",
    "x" * 20001,
]


@st.composite
def expressions(draw: Any, kind: str | None = None) -> str:
    """Expression text: mostly well typed over the template's fields (of ``kind`` when given), else
    hostile, a soup of tokens or any text."""
    choice = draw(st.sampled_from(["typed"] * 17 + ["hostile", "hostile", "soup", "text"]))
    if choice == "typed":
        return to_text(draw(anything(kind or draw(st.sampled_from(KINDS)), 2)).node)
    if choice == "hostile":
        return draw(st.sampled_from(HOSTILE_EXPRESSIONS))
    if choice == "soup":
        return "".join(draw(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=12)))
    return draw(st.text(max_size=20))


# ---------------------------------------------------------------- policies

#: YAML values that stand in for a value in a policy: non-finite and huge numbers, YAML 1.1 forms, tags, aliases.
YAML_VALUES = [
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "-1e13",
    "1.0e+13",
    "99999999999999999999999",
    "0x10",
    "0o17",
    "1:30",
    "1_000",
    "~",
    "''",
    "[]",
    "{}",
    "[1, 2]",
    "*a",
    "&a 1",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [ls]",
    "2026-11-01",
    "2026-11-01T10:00:00+05:00",
    "yes",
    "off",
    '"\\ud800"',
    "'\\x00'",
    "|",
    "- a",
    "{a: 1, a: 2}",
    "0",
    "-1",
    "0.5",
    "customer.id",
    "as_of",
    "'a.b'",
    "top_percent",
    "100",
    "1e-300",
]
#: Lines inserted into a policy as they are (several keys the rules do not use).
POLICY_LINES = [
    "id: customer.id",
    "id: as_of",
    "id: 'a.b'",
    "referrals: {referred_by: referred_by}",
    "referrals: {referred_by: id}",
    "  - {name: rel, top_percent: 0}",
    "  - {name: rel, top_percent: 1e-300}",
    "  - {name: rel, top_percent: 50, min: 1}",
    "record: {fields: {as_of: number}}",
    "record: {schema: /dev/zero}",
    "record: {schema: ../schemas}",
    "  as_of: date",
    "score: {min: 100, max: 0, decimals: 99}",
    "params: {p: .nan}",
    "let: {as_of: 1}",
    "<<: *a",
    "? [a]\n: b",
]

# The template's declared fields: those the typed expressions read (expr_strategies.FIELDS) and a
# datetime, an enum, a referrer and more, every kind nullable or not.
TEMPLATE_FIELDS = {
    "id": "string",
    **FIELDS,
    "x": "number?",
    "dt": "datetime?",
    "e": "enum(gold, silver, 'a b')?",
    "tags": "list[string]?",
    "nums": "list[number]?",
    "billing.country": "string?",
    "referred_by": "string?",
}
_TYPED = {
    "number": st.one_of(st.sampled_from(NUMBERS[:10]), st.integers(-5, 5)),
    "integer": st.integers(-5, 5),
    "string": st.sampled_from(["", "a", "Ab", "gold", "VP of Sales", "(a+)+$", "2026-11-01"]),
    "boolean": st.booleans(),
    "date": st.sampled_from(["2026-11-01", "2024-02-29", "2026-01-31", "2026-11-01T10:00:00+02:00"]),
    "datetime": st.sampled_from(["2026-11-01T10:00:00+02:00", "2026-11-01T10:00:00", "2026-11-01T10:00:00Z", "2026-11-01"]),
    "enum": st.sampled_from(["gold", "silver", "a b", "Gold"]),
    "list[string]": st.lists(st.sampled_from(["a", "vip", ""]), max_size=3),
    "list[number]": st.lists(st.sampled_from([0, 1, 2.5, -1]), max_size=3),
}


@st.composite
def template_records(draw: Any) -> dict[str, Any]:
    """A record for the template policy: mostly values of the declared types, some hostile, some absent."""
    record: dict[str, Any] = {"id": draw(st.sampled_from(["r1", "r2", "r3"]) | st.sampled_from(IDS))}
    for name, decl in TEMPLATE_FIELDS.items():
        if name == "id":
            continue
        choice = draw(st.sampled_from(["typed"] * 12 + ["absent", "hostile", "null"]))
        if choice == "absent":
            continue
        base = "enum" if decl.startswith("enum") else decl.rstrip("?")
        value = draw(hostile_values) if choice == "hostile" else None if choice == "null" else draw(_TYPED[base])
        head, _, rest = name.partition(".")
        if rest:
            record.setdefault(head, {})[rest] = value
        else:
            record[name] = value
    if draw(st.booleans()):
        record["referred_by"] = draw(st.sampled_from(["r1", "r2", "r3", "nobody", None]))
    return record


template_record_lists = st.lists(template_records(), min_size=1, max_size=6)


def _q(text: str) -> str:
    """A YAML single-quoted scalar (lone surrogates kept as they are: the file is written with surrogatepass)."""
    return "'" + text.replace("'", "''").replace("\n", " ") + "'"


_PLAIN_NUMBERS = st.sampled_from(["1", "5", "0.5", "10"])
_HOSTILE_NUMBERS = st.sampled_from(["0", "-1", ".inf", ".nan", "1e13", "1e-300", "99999999999999999999999", "0x10", "1:30", "'7'"])


@st.composite
def slot_policies(draw: Any) -> str:
    """The template policy with a random expression in every slot and, rarely, hostile numbers."""

    def num() -> str:
        return draw(_HOSTILE_NUMBERS if draw(st.sampled_from([False] * 15 + [True])) else _PLAIN_NUMBERS)

    def expr(kind: str | None = None) -> str:
        return _q(draw(expressions(kind)))

    lines = ["policy: fuzz", "version: 1", "record:", "  fields:"]
    lines += [f"    {k}: {_q(v)}" for k, v in TEMPLATE_FIELDS.items()]
    if draw(st.booleans()):
        lines.append("referrals: {referred_by: referred_by}")
    lines += ["params:", "  p_num: " + num(), "  p_list: ['a', 'gold']", "  p_day: 2026-11-01"]
    lines += ["let:", f"  l0: {expr()}"]
    lines += ["filters:", "  - id: f0", f"    when: {expr(BOOL)}"]
    lines += ["factors:", "  - id: v", f"    weight: {num()}", f"    missing: {draw(st.sampled_from(['0', '0.5', '1']))}"]
    lines += [f"    value: {expr(NUM)}", "  - id: bands", f"    weight: {num()}", "    bands:"]
    lines += [f"      - when: {expr(BOOL)}", f"        value: {draw(st.sampled_from(['0', '0.5', '1']))}", "      - else: 0"]
    lines += ["adjustments:", "  - id: a0", f"    points: {num()}", f"    when: {expr(BOOL)}"]
    lines += ["score: {min: 0, max: " + num() + ", decimals: " + draw(st.sampled_from(["0", "2", "2", "6"])) + "}"]
    top = draw(st.sampled_from(["top_percent: 10", "top_percent: 100", "min: 5", "top_percent: 0.0001"]))
    lines += ["tiers:", "  - {name: top, " + top + "}", "  - {name: rest, min: 0}"]
    return "\n".join(lines) + "\n"


@st.composite
def mutated_text(draw: Any, text: str) -> str:
    """``text`` (a policy or a test file) with a few lines deleted, repeated, swapped, rewritten or added."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["number", "number", "expression", "expression", "value", "delete", "repeat", "swap", "insert", "indent"])
        )
        line = lines[at]
        head, sep, _ = line.partition(": ")
        if op in ("number", "value", "expression") and sep:
            pool = {
                "number": st.sampled_from(["0", "1", "0.5", "100", "-5", "2.675", "1e12", "0.001"]),
                "value": st.sampled_from(YAML_VALUES),
            }
            lines[at] = head + sep + (draw(pool[op]) if op in pool else _q(draw(expressions())))
        elif op == "delete":
            del lines[at]
        elif op == "repeat":
            lines.insert(at, line)
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "insert":
            lines.insert(at, draw(st.sampled_from(POLICY_LINES)))
        else:
            lines[at] = " " * draw(st.integers(0, 3)) + line.lstrip()
        if not lines:
            lines = [""]
    return "\n".join(lines)


mutated_policies = st.sampled_from(sorted(POLICY_TEXTS)).flatmap(lambda name: mutated_text(POLICY_TEXTS[name]))

_KEYS = [
    "policy",
    "version",
    "factors",
    "filters",
    "let",
    "params",
    "tiers",
    "score",
    "adjustments",
    "id",
    "weight",
    "value",
    "when",
    "bands",
    "else",
    "record",
    "fields",
    "schema",
    "min",
    "max",
    "top_percent",
    "referrals",
    "missing",
    "points",
]
_leaves = st.one_of(scalars, st.sampled_from(["x", "1 + 1", "x > 1", "number?", "string", "date"]))
yaml_trees = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=4), inner, max_size=5),
    max_leaves=30,
)


@st.composite
def yaml_documents(draw: Any) -> str:
    """A random YAML document; most are mappings with a policy's top-level keys."""
    tree = draw(yaml_trees)
    if draw(st.booleans()):
        tree = {
            "policy": "p",
            "version": 1,
            "factors": [{"id": "f", "weight": 1, "value": "1"}],
            **(tree if isinstance(tree, dict) else {"x": tree}),
        }
    try:
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):
        return json.dumps(tree)


#: Policy text of every kind, for the tests that do not care which.
policy_texts = st.one_of(mutated_policies, slot_policies(), yaml_documents())
