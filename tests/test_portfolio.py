"""Portfolio functions against values worked out by hand on small portfolios (docs/language.md, "Portfolio functions")."""

from __future__ import annotations

from datetime import date

import pytest

import policyscore as ps

FIELDS = "{id: string, ref: string?, x: number?, g: string?, d: date?}"


def policy(expr: str, *, referrals: bool = False, extra: str = "") -> ps.Policy:
    text = (
        "policy: t\nversion: 1\n"
        + ("referrals: {referred_by: ref}\n" if referrals else "")
        + f"record:\n  fields: {FIELDS}\n"
        + f"let:\n  v: {expr!r}\n"
        + extra
        + "factors:\n  - {id: f, weight: 1, value: '1'}\n"
    )
    return ps.load_policy_text(text)


def values(expr: str, records: list[dict], **kw) -> dict[str, object]:
    """The value of ``expr`` for each record (a RecordError's code for a rejected one)."""
    out = {}
    for rec, res in zip(records, policy(expr, **kw).score_many(records, "2026-11-01", on_error="yield")):
        out[rec["id"]] = res.code if isinstance(res, ps.RecordError) else res.to_dict()["lets"][0]["value"]
    return out


BOOK = [
    {"id": "A", "x": 10, "g": "a"},
    {"id": "B", "x": 20, "g": "a"},
    {"id": "C", "x": 20, "g": "b"},
    {"id": "D", "x": None, "g": "b"},
    {"id": "E", "x": 40, "g": None},
]


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("portfolio_sum(x)", 90),  # 10 + 20 + 20 + 40, D's null ignored
        ("portfolio_avg(x)", 22.5),  # 90 / 4
        ("portfolio_min(x)", 10),
        ("portfolio_max(x)", 40),
        ("portfolio_median(x)", 20),  # [10, 20, 20, 40]: (20 + 20) / 2
        ("portfolio_count(x)", 4),
        ("portfolio_count(g)", 4),  # any type: A, B, C, D have a group
        ("portfolio_quantile(x, 0.25)", 17.5),  # h = 3 x 0.25 = 0.75: 10 + 0.75 x (20 - 10)
        ("portfolio_quantile(x, 0.9)", 34.0),  # h = 2.7: 20 + 0.7 x (40 - 20)
        ("portfolio_quantile(x, 0)", 10),
        ("portfolio_quantile(x, 1)", 40),
    ],
)
def test_aggregates_over_the_portfolio_are_the_same_for_every_record(expr, want):
    got = values(expr, BOOK)
    assert set(got.values()) == {want}, got


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("group_sum(x, g)", {"A": 30, "B": 30, "C": 20, "D": 20, "E": None}),  # group b: C's 20 (D is null)
        ("group_avg(x, g)", {"A": 15, "B": 15, "C": 20, "D": 20, "E": None}),
        ("group_min(x, g)", {"A": 10, "B": 10, "C": 20, "D": 20, "E": None}),
        ("group_max(x, g)", {"A": 20, "B": 20, "C": 20, "D": 20, "E": None}),
        ("group_median(x, g)", {"A": 15, "B": 15, "C": 20, "D": 20, "E": None}),
        ("group_count(x, g)", {"A": 2, "B": 2, "C": 1, "D": 1, "E": 0}),  # a null key counts 0
        ("share(x)", {"A": 10 / 90, "B": 20 / 90, "C": 20 / 90, "D": None, "E": 40 / 90}),
        # x >= this x: A 90/90; B and C (tied at 20) 80/90; E 40/90
        ("cumulative_share(x)", {"A": 1.0, "B": 80 / 90, "C": 80 / 90, "D": None, "E": 40 / 90}),
        # strictly smaller / (4 - 1): tied B and C share 1/3
        ("percent_rank(x)", {"A": 0.0, "B": 1 / 3, "C": 1 / 3, "D": None, "E": 1.0}),
        # group a [10, 20]; group b has one value: 0
        ("group_percent_rank(x, g)", {"A": 0.0, "B": 1.0, "C": 0, "D": None, "E": None}),
    ],
)
def test_per_record_functions(expr, want):
    assert values(expr, BOOK) == want


def test_a_one_record_portfolio():
    one = [{"id": "A", "x": 7}]
    assert values("percent_rank(x)", one) == {"A": 0}
    assert values("portfolio_median(x)", one) == {"A": 7}
    assert values("portfolio_quantile(x, 0.3)", one) == {"A": 7}
    assert values("share(x)", one) == {"A": 1.0}
    assert values("cumulative_share(x)", one) == {"A": 1.0}


def test_nothing_to_aggregate_gives_null_and_counts_zero():
    nulls = [{"id": "A", "x": None, "g": "a"}, {"id": "B", "x": None}]
    assert values("portfolio_sum(x)", nulls) == {"A": None, "B": None}
    assert values("portfolio_median(x)", nulls) == {"A": None, "B": None}
    assert values("portfolio_count(x)", nulls) == {"A": 0, "B": 0}
    assert values("group_avg(x, g)", nulls) == {"A": None, "B": None}  # A's group has no value; B has no group
    assert values("group_count(x, g)", nulls) == {"A": 0, "B": 0}


def test_a_share_of_a_zero_total_is_null():
    assert values("share(x)", [{"id": "A", "x": 5}, {"id": "B", "x": -5}]) == {"A": None, "B": None}


def test_sums_are_correctly_rounded_whatever_the_order():
    tenths = [{"id": f"R{i}", "x": 0.1} for i in range(10)]
    assert set(values("portfolio_sum(x)", tenths).values()) == {1.0}  # a naive running sum gives 0.9999999999999999
    big = [{"id": "A", "x": 1e16}, {"id": "B", "x": 1.0}, {"id": "C", "x": -1e16}, {"id": "D", "x": 1.0}]
    assert set(values("portfolio_sum(x)", big).values()) == {2.0}


def test_dates_have_a_smallest_and_largest():
    book = [{"id": "A", "d": "2025-03-01"}, {"id": "B", "d": "2024-12-31"}, {"id": "C", "d": None}]
    assert set(values("portfolio_min(d)", book).values()) == {"2024-12-31"}
    assert set(values("portfolio_max(d)", book).values()) == {"2025-03-01"}
    got = policy("days_between(portfolio_min(d), as_of)").score_many(book, date(2025, 1, 1))
    assert [r.to_dict()["lets"][0]["value"] for r in got] == [1, 1, 1]


# ---------------------------------------------------------------- referral trees

TREE = [
    {"id": "R1", "x": 100},
    {"id": "R2", "ref": "R1", "x": 10},
    {"id": "R3", "ref": "R2", "x": 20},
    {"id": "R4", "ref": "R3", "x": None},
    {"id": "R5", "ref": "R1", "x": 5},
    {"id": "R6", "ref": "NOBODY", "x": 1},
]


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("referred_count(1)", {"R1": 2, "R2": 1, "R3": 1, "R4": 0, "R5": 0, "R6": 0}),
        ("referred_count(2)", {"R1": 3, "R2": 2, "R3": 1, "R4": 0, "R5": 0, "R6": 0}),
        ("referred_count(3)", {"R1": 4, "R2": 2, "R3": 1, "R4": 0, "R5": 0, "R6": 0}),
        # R1: R2 10 + R5 5 (level 1) + R3 20 (level 2); R4 is null
        ("referred_sum(x, 3)", {"R1": 35, "R2": 20, "R3": 0, "R4": 0, "R5": 0, "R6": 0}),
        # with decay 0.5: level 1 counts 1, level 2 counts 0.5: R1 = 15 + 10
        ("referred_sum(x, 3, 0.5)", {"R1": 25, "R2": 20, "R3": 0, "R4": 0, "R5": 0, "R6": 0}),
        ("referred_sum(x, 1)", {"R1": 15, "R2": 20, "R3": 0, "R4": 0, "R5": 0, "R6": 0}),
        # an unknown referrer counts as not referred
        ("referral_depth()", {"R1": 0, "R2": 1, "R3": 2, "R4": 3, "R5": 1, "R6": 0}),
    ],
)
def test_referral_functions(expr, want):
    assert values(expr, TREE, referrals=True) == want


def test_a_self_referral_and_a_three_customer_cycle_are_rejected_naming_the_cycle():
    book = [
        {"id": "S1", "ref": "S1", "x": 1},
        {"id": "C5", "ref": "C3", "x": 1},
        {"id": "C3", "ref": "C7", "x": 1},
        {"id": "C7", "ref": "C5", "x": 1},
        {"id": "X", "ref": "C5", "x": 2},  # leads into the cycle: stays, its referrer counts as unknown
        {"id": "Y", "ref": "X", "x": 3},
    ]
    p = policy("referral_depth()", referrals=True)
    out = list(p.score_many(book, "2026-11-01", on_error="yield"))
    errors = {e.record_id: str(e) for e in out if isinstance(e, ps.RecordError)}
    assert errors == {
        "S1": "id 'S1': the customer refers itself: S1 -> S1",
        "C5": "id 'C5': the customer is in a referral cycle: C3 -> C7 -> C5 -> C3",
        "C3": "id 'C3': the customer is in a referral cycle: C3 -> C7 -> C5 -> C3",
        "C7": "id 'C7': the customer is in a referral cycle: C3 -> C7 -> C5 -> C3",
    }
    assert all(e.code == "PS405" for e in out if isinstance(e, ps.RecordError))
    depths = {r.id: r.to_dict()["lets"][0]["value"] for r in out if not isinstance(r, ps.RecordError)}
    assert depths == {"X": 0, "Y": 1}
    book_of = p.portfolio(book, "2026-11-01")
    assert book_of.size == 2 and book_of.unknown_referrers == 1  # X names C5, which is not in the portfolio


def test_rejected_records_are_not_in_the_portfolio():
    book = [{"id": "A", "x": 10}, {"id": "B", "x": "ten"}, {"id": "C", "x": 30}, {"id": "D", "ref": "B", "x": 1}]
    got = values("portfolio_sum(x)", book, referrals=True)
    assert got == {"A": 41, "B": "PS401", "C": 41, "D": 41}
    # B is rejected (it reads x), so it is an unknown referrer for D
    assert values("referral_depth() + 0 * portfolio_count(x)", book, referrals=True) == {"A": 0, "B": "PS401", "C": 0, "D": 0}
    assert values("referral_depth()", book, referrals=True)["D"] == 1  # a policy that does not read x keeps B


def test_contributors_are_explained_largest_first_then_by_id():
    book = [{"id": "ROOT", "x": 0}] + [{"id": f"K{i:02}", "ref": "ROOT", "x": i % 4} for i in range(14)]
    (root,) = [r for r in policy("referred_sum(x, 1)", referrals=True).score_many(book, "2026-11-01") if r.id == "ROOT"]
    entry = root.to_dict()["portfolio"][0]
    assert entry["value"] == sum(i % 4 for i in range(14))
    assert [(c["id"], c["contribution"]) for c in entry["contributors"][:5]] == [("K03", 3), ("K07", 3), ("K11", 3), ("K02", 2), ("K06", 2)]
    assert len(entry["contributors"]) == 10 and entry["more_contributors"] == 4
    assert root.to_dict()["policy"]["portfolio"] == {"records": 15, "sha256": None}


def test_a_group_value_is_explained_with_its_group_and_size():
    (a, *_) = policy("group_avg(x, g)").score_many(BOOK, "2026-11-01")
    assert a.to_dict()["portfolio"] == [
        {"expression": "group_avg(x, g)", "function": "group_avg", "value": 15.0, "portfolio_size": 5, "group": {"key": "a", "size": 2}}
    ]


def test_scoring_one_record_needs_the_portfolio():
    p = policy("share(x)")
    with pytest.raises(ps.PolicyScoreError, match="uses portfolio functions") as err:
        p.score(BOOK[0], "2026-11-01")
    assert err.value.code == "PS420"
    book = p.portfolio(BOOK, "2026-11-01")
    assert p.score(BOOK[0], "2026-11-01", portfolio=book).to_dict()["lets"][0]["value"] == 10 / 90


# ---------------------------------------------------------------- the checker


@pytest.mark.parametrize(
    ("expr", "code", "message"),
    [
        ("share(portfolio_sum(x))", "PS210", "portfolio_sum() cannot be used in the argument of share()"),
        ("portfolio_quantile(x, 1.5)", "PS210", "q of portfolio_quantile() must be a number from 0 to 1, got 1.5"),
        ("portfolio_quantile(x, x)", "PS210", "q of portfolio_quantile() must be a number written in the policy"),
        ("referred_count(0)", "PS210", "depth of referred_count() must be a whole number >= 1, got 0"),
        ("referred_sum(x, 1.5)", "PS210", "depth of referred_sum() must be a whole number >= 1, got 1.5"),
        ("referred_sum(x, 2, 2)", "PS210", "decay of referred_sum() must be a number from 0 to 1, got 2"),
        ("group_sum(x, [1])", "PS203", "argument 2 of group_sum() must be a boolean or date or number or string"),
        ("portfolio_sum(g)", "PS203", "argument 1 of portfolio_sum() must be a number"),
    ],
)
def test_misused_portfolio_functions_are_errors_with_a_position(expr, code, message):
    text = (
        f"policy: t\nversion: 1\nreferrals: {{referred_by: ref}}\nrecord:\n  fields: {FIELDS}\n"
        f"let:\n  v: {expr!r}\nfactors:\n  - {{id: f, weight: 1, value: '1'}}\n"
    )
    errors = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert [(d.code, d.span.line) for d in errors] == [(code, 7)], errors
    assert message in errors[0].message


def test_a_let_with_a_portfolio_function_cannot_be_in_the_argument_of_another():
    text = (
        f"policy: t\nversion: 1\nrecord:\n  fields: {FIELDS}\n"
        "let:\n  s: share(x)\n  v: portfolio_max(s)\nfactors:\n  - {id: f, weight: 1, value: v}\n"
    )
    (error,) = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert (error.code, error.span.line, error.span.column) == ("PS210", 7, 20)


def test_referral_functions_need_the_referral_tree_declared():
    text = f"policy: t\nversion: 1\nrecord:\n  fields: {FIELDS}\nfactors:\n  - {{id: f, weight: 1, value: referred_count(1)}}\n"
    (error,) = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert error.code == "PS211" and "referrals: {referred_by: FIELD}" in (error.hint or "")
