"""The printed tables: every number comes from the table JSON, laid out to fit the page."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from audit_app.report import styles
from audit_app.report.tables import TableModel, breakdown_columns, question_model, render
from tests.report.conftest import load_example_tables, synthetic_data


def _pct(part: int, whole: int) -> str:
    if whole == 0:
        return "\u2013"
    return str(int((Decimal(100 * part) / whole).quantize(Decimal(1), ROUND_HALF_UP)))


def _number(x: float | None, decimals: int) -> str:
    if x is None:
        return "\u2013"
    q = Decimal(str(x)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{q:f}".rstrip("0").rstrip(".") if "." in f"{q:f}" else f"{q:f}"
    return text.replace(".", ",")


def expected_rows(question: dict, codes: list[str]) -> dict[str, tuple[str, ...]]:
    """The row label -> printed cells a reader should see, worked out from the JSON alone."""
    cols = [*codes, "total"]
    rows: dict[str, tuple[str, ...]] = {}
    with_pct = question["type"] in ("choice", "multi") and question["rows"]
    for row in question["rows"] if with_pct else []:
        cells = []
        for c in cols:
            cells += [str(row["counts"][c]), _pct(row["counts"][c], question["answered"][c])]
        rows[row["label"]] = tuple(cells)
    stats = question.get("stats")
    if stats:
        rows["n"] = tuple(str(stats[c]["n"]) for c in cols)
        rows["Medel"] = tuple(_number(stats[c]["mean"], 1) for c in cols)
        for key, label in (("median", "Median"), ("min", "Min"), ("max", "Max")):
            rows[label] = tuple(_number(stats[c][key], 2) for c in cols)
    filler = [""] if with_pct else []
    labels = {
        "answered": "Besvarade",
        "unresolved": "Oenigt (ej avgjort)",
        "missing": "Ej besvarade",
        "applicable": "Tillämpliga ärenden",
    }
    for status, label in labels.items():
        if status == "answered" and stats:
            continue
        if status != "answered" and not question[status]["total"]:
            continue
        if status == "applicable" and question["applicable"] == question["answered"]:
            continue
        cells = []
        for c in cols:
            cells += [str(question[status][c]), *filler]
        rows[label] = tuple(cells)
    return rows


def _all_questions():
    example = load_example_tables()
    synthetic = synthetic_data().tables
    for tables in (example, load_example_tables("tables_after_consensus.json"), synthetic):
        for q in tables["questions"]:
            yield pytest.param(tables, q, id=f"{tables['audit']['name']}-{q['id']}")


@pytest.mark.parametrize(("tables", "question"), list(_all_questions()))
def test_every_printed_number_equals_the_table_json(tables: dict, question: dict) -> None:
    columns = breakdown_columns(tables)
    model = question_model(question, columns, None)
    printed = {row.label: row.cells for row in model.rows}
    assert printed == expected_rows(question, [c for c, _ in columns])
    assert model.columns == [label for _, label in columns] + ["Totalt"]


def test_without_a_limit_nothing_is_marked_hidden() -> None:
    q = load_example_tables()["questions"][0]
    assert not question_model(q, breakdown_columns(load_example_tables()), None).hidden_any


def test_with_a_limit_small_counts_and_their_shares_are_hidden() -> None:
    tables = load_example_tables()
    q = tables["questions"][0]  # gp_finns: Norrby Ja 2, Söderby 1 not documented
    model = question_model(q, breakdown_columns(tables), 5)
    cells = {row.label: row.cells for row in model.rows}
    assert cells["Ja"][:2] == ("<5", "..")
    assert "2" not in cells["Ja"]
    assert model.hidden_any


def _widths(flowables) -> list[float]:
    return [sum(f._argW) for f in flowables if hasattr(f, "_argW")]


def test_a_wide_breakdown_continues_in_further_tables_that_fit_the_page() -> None:
    q = load_example_tables()["questions"][0]
    codes = [f"u{i}" for i in range(9)]
    columns = [(c, f"Stadsdelsförvaltning nummer {i}") for i, c in enumerate(codes)]
    wide = {
        **q,
        **{k: {**{c: 1 for c in codes}, "total": 9} for k in ("applicable", "answered")},
        "rows": [{**q["rows"][0], "counts": {**{c: 1 for c in codes}, "total": 9}}],
    }
    model: TableModel = question_model(wide, columns, None)
    widths = _widths(render(model))
    assert len(widths) >= 2
    assert all(w <= styles.FRAME_WIDTH + 0.01 for w in widths)
