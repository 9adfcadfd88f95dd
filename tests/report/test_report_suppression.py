"""Small-cell protection: small counts are hidden, and no printed sum gives one back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.report.suppression import (
    GENDER,
    MAIN,
    SECONDARY_MARK,
    mask,
    mask_counts,
    mask_question,
    mask_tables,
    option_row,
    suppress,
)

ROW = ("t", ["a", "b", "c"])


def test_without_a_limit_nothing_is_hidden() -> None:
    assert suppress({"a": 1, "b": 2, "c": 0, "t": 3}, [ROW], None) == (frozenset(), frozenset())


def test_counts_below_the_limit_print_as_less_than_the_limit_and_zero_stays() -> None:
    m = mask({"a": 2, "b": 0, "c": 10, "t": 12}, [ROW], 5)
    assert m.text("a") == "<5"
    assert m.text("b") == "0"
    assert m.text("c") == "10"


def test_a_row_total_that_would_give_back_the_only_hidden_cell_is_hidden() -> None:
    # 12 - 10 - 0 = 2: printing the total would reveal the hidden 2.
    m = mask({"a": 2, "b": 0, "c": 10, "t": 12}, [ROW], 5)
    assert m.hidden("t")
    assert m.text("t") == SECONDARY_MARK


def test_a_total_stays_when_the_hidden_cells_cannot_be_told_apart() -> None:
    # Two hidden cells summing to 5 with limit 5: (1,4), (2,3), ... - nothing pinned.
    m = mask({"a": 2, "b": 3, "c": 10, "t": 15}, [ROW], 5)
    assert m.hidden("a") and m.hidden("b")
    assert not m.hidden("t")


def test_a_total_is_hidden_when_two_hidden_cells_can_only_be_ones() -> None:
    # 12 - 10 = 2 shared by two cells of at least 1: both are 1.
    m = mask({"a": 1, "b": 1, "c": 10, "t": 12}, [ROW], 5)
    assert m.hidden("t")


def test_a_total_is_hidden_when_two_hidden_cells_can_only_be_the_largest_small_value() -> None:
    m = mask({"a": 4, "b": 4, "c": 10, "t": 18}, [ROW], 5)
    assert m.hidden("t")


def test_a_public_total_stays_and_a_second_cell_is_hidden_instead() -> None:
    m = mask({"a": 2, "b": 7, "c": 10, "t": 19}, [ROW], 5, fixed=["t"])
    assert not m.hidden("t")
    assert m.hidden("b")  # the smallest visible non-zero cell
    assert not m.hidden("c")


def test_hiding_a_total_hides_it_in_the_group_it_belongs_to_as_well() -> None:
    # Row x: x1 is small, so x is hidden; x is then the only hidden part of the grand total.
    values = {"x1": 2, "x2": 9, "x": 11, "y1": 8, "y2": 9, "y": 17, "g": 28}
    groups = [("x", ["x1", "x2"]), ("y", ["y1", "y2"]), ("g", ["x", "y"])]
    m = mask(values, groups, 5)
    assert m.hidden("x")
    assert m.hidden("g") or m.hidden("y")


def _pinned_somewhere(values, groups, m, limit) -> bool:
    """Scan each hidden cell's possible values: is one group enough to pin it down?

    The reader sees the visible cells and knows "<N" is 1..N-1 and ".." at least N. For each
    hidden cell every candidate value is tried, and the rest of the group checked for a fit.
    """
    cap = 1000
    for total, parts in groups:
        cells = [total, *parts]
        hidden = [c for c in cells if m.hidden(c)]
        if not hidden or all(m.hidden(c) or values[c] == 0 for c in cells):
            continue  # nothing left to hide here (zeros are never hidden)
        sign = {c: (-1 if c == total else 1) for c in hidden}
        rhs = (0 if m.hidden(total) else values[total]) - sum(values[p] for p in parts if not m.hidden(p))
        rng = {c: (1, limit - 1) if c in m.primary else (limit, cap) for c in hidden}
        for x in hidden:
            others = [c for c in hidden if c != x]
            low = sum(min(sign[c] * rng[c][0], sign[c] * rng[c][1]) for c in others)
            high = sum(max(sign[c] * rng[c][0], sign[c] * rng[c][1]) for c in others)
            fits = [v for v in range(rng[x][0], rng[x][1] + 1) if low <= rhs - sign[x] * v <= high]
            if len(fits) == 1:
                return True
    return False


def _cross_table(counts: list[list[int]]) -> tuple[dict, list]:
    """Cells, row and column totals and the grand total of a table, with their sum groups."""
    values = {}
    groups = []
    n_cols = len(counts[0])
    for r, row in enumerate(counts):
        for c, n in enumerate(row):
            values[(r, c)] = n
        values[(r, "T")] = sum(row)
        groups.append(((r, "T"), [(r, c) for c in range(n_cols)]))
    for c in [*range(n_cols), "T"]:
        values[("T", c)] = sum(values[(r, c)] for r in range(len(counts)))
        groups.append((("T", c), [(r, c) for r in range(len(counts))]))
    return values, groups


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 14), min_size=3, max_size=3), min_size=2, max_size=3),
    st.integers(3, 5),
)
def test_no_row_or_column_sum_gives_a_hidden_cell_back(counts, limit) -> None:
    values, groups = _cross_table(counts)
    m = mask(values, groups, limit)
    assert all(m.text(k) == f"<{limit}" for k, v in values.items() if 1 <= v < limit)
    assert not _pinned_somewhere(values, groups, m, limit)


def test_a_question_table_with_a_small_unit_cell_and_missing_answers() -> None:
    question = {
        "id": "q",
        "type": "choice",
        "applicable": {"a": 12, "b": 12, "total": 24},
        "answered": {"a": 11, "b": 12, "total": 23},
        "unresolved": {"a": 0, "b": 0, "total": 0},
        "missing": {"a": 1, "b": 0, "total": 1},
        "rows": [
            {"code": "ja", "label": "Ja", "kind": "value", "counts": {"a": 2, "b": 9, "total": 11}},
            {"code": "nej", "label": "Nej", "kind": "value", "counts": {"a": 9, "b": 3, "total": 12}},
        ],
    }
    tm = mask_question(question, ["a", "b"], 5)
    assert tm.text(option_row("ja"), "a") == "<5"
    assert tm.text(option_row("nej"), "b") == "<5"
    assert tm.text("missing", "a") == "<5"
    assert tm.hidden(option_row("ja"), "total")  # 11 - 9 would give the 2 back
    assert tm.hidden(option_row("nej"), "total")


def test_the_per_unit_case_count_is_public_so_answered_stays_and_options_hide_each_other() -> None:
    question = {
        "id": "q",
        "type": "choice",
        "applicable": {"a": 12, "total": 12},
        "answered": {"a": 12, "total": 12},
        "unresolved": {"a": 0, "total": 0},
        "missing": {"a": 0, "total": 0},
        "rows": [
            {"code": "ja", "label": "Ja", "kind": "value", "counts": {"a": 3, "total": 3}},
            {"code": "nej", "label": "Nej", "kind": "value", "counts": {"a": 9, "total": 9}},
        ],
    }
    tm = mask_question(question, ["a"], 5, cases={"a": 12, "total": 12})
    assert not tm.hidden("answered", "a")
    assert tm.text(option_row("ja"), "a") == "<5"
    assert tm.hidden(option_row("nej"), "a")  # else 12 - 9 = 3


def test_a_multi_questions_options_are_not_a_sum_of_answered() -> None:
    question = {
        "id": "m",
        "type": "multi",
        "applicable": {"total": 10},
        "answered": {"total": 10},
        "unresolved": {"total": 0},
        "missing": {"total": 0},
        "rows": [
            {"code": "x", "label": "X", "kind": "value", "counts": {"total": 2}},
            {"code": "y", "label": "Y", "kind": "value", "counts": {"total": 9}},
        ],
    }
    tm = mask_question(question, [], 5)
    assert tm.text(option_row("x"), "total") == "<5"
    assert not tm.hidden(option_row("y"), "total")
    assert not tm.hidden("answered", "total")


def test_breakdowns_of_one_question_share_their_total_column() -> None:
    by_unit = {
        "id": "q",
        "type": "choice",
        "applicable": {"a": 6, "b": 6, "total": 12},
        "answered": {"a": 6, "b": 6, "total": 12},
        "unresolved": {"a": 0, "b": 0, "total": 0},
        "missing": {"a": 0, "b": 0, "total": 0},
        "rows": [{"code": "ja", "label": "Ja", "kind": "value", "counts": {"a": 6, "b": 6, "total": 12}}],
    }
    by_gender = {
        **by_unit,
        "rows": [{"code": "ja", "label": "Ja", "kind": "value", "counts": {"f": 2, "p": 10, "total": 12}}],
        "applicable": {"f": 2, "p": 10, "total": 12},
        "answered": {"f": 2, "p": 10, "total": 12},
        "unresolved": {"f": 0, "p": 0, "total": 0},
        "missing": {"f": 0, "p": 0, "total": 0},
    }
    tables = {
        MAIN: {"columns": [{"code": "a"}, {"code": "b"}], "questions": [by_unit]},
        GENDER: {"columns": [{"code": "f"}, {"code": "p"}], "questions": [by_gender]},
    }
    masks = mask_tables(tables, 5)["q"]
    # The girls' 2 is hidden, so the shared total 12 must not print in either table.
    assert masks[GENDER].text(option_row("ja"), "f") == "<5"
    assert masks[GENDER].hidden(option_row("ja"), "total")
    assert masks[MAIN].hidden(option_row("ja"), "total")


def test_a_distribution_of_the_sample_hides_a_second_count_to_protect_a_small_one() -> None:
    m = mask_counts([2, 9, 25], 36, 5)
    assert m.text(0) == "<5"
    assert m.hidden(1)
    assert m.text("total") == "36"


def test_no_table_of_the_synthetic_audit_gives_a_hidden_cell_back() -> None:
    from audit_app.report import suppression
    from tests.report.conftest import synthetic_data

    data = synthetic_data(small_cell_limit=5)
    masks = mask_tables({MAIN: data.tables, GENDER: data.gender_tables}, 5)
    for question in data.tables["questions"]:
        values: dict = {}
        groups: list = []
        for name, tables in ((MAIN, data.tables), (GENDER, data.gender_tables)):
            q = next(x for x in tables["questions"] if x["id"] == question["id"])
            view = suppression.View(q, [c["code"] for c in tables["columns"]], tables["cases"])
            suppression._view_cells(name, view, values, groups, [])
        masked = masks[question["id"]][MAIN].masked
        assert masked is masks[question["id"]][GENDER].masked
        assert not _pinned_somewhere(values, groups, masked, 5), question["id"]
