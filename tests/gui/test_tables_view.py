"""The tables view: the same numbers as ``audit-app tables --format json``, three clicks, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audit_app.domain.tables import breakdown_candidates
from audit_app.gui import workers
from audit_app.gui.tables_model import COUNT_ROLE
from audit_app.services.audits import open_audit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.export import render_tables


@pytest.fixture
def demo(gui_ctx: AppContext) -> str:
    """The demo audit."""
    return create_demo(gui_ctx)


def open_tables(window, qtbot, audit_id: str):  # type: ignore[no-untyped-def]
    """Open an audit and its tables as the user does, and wait for the counts."""
    window.open_audit(audit_id)
    window.findChild(type(window.cases.buttons["review"]), "showTables").click()
    page = window.tables
    assert window.pages.currentWidget() is page
    wait(qtbot, page)
    return page


def wait(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the view has its counts, and its gender analysis and chart have filled in."""
    qtbot.waitUntil(lambda: not page.loading and page.views is not None, timeout=20000)
    qtbot.waitUntil(lambda: not page.gender_loading, timeout=20000)


def cells(page) -> dict[str, dict[str, dict[str, int]]]:  # type: ignore[no-untyped-def]
    """The raw counts the view's model holds for the question shown: row code -> column -> count."""
    model = page.model
    out: dict[str, dict[str, int]] = {}
    codes = model.column_codes()
    for row in range(model.rowCount()):
        kind, name = model.row_kind(row)
        if kind == "stat":
            continue
        out[name] = {code: model.index(row, c).data(COUNT_ROLE) for c, code in enumerate(codes)}
    return out


def expected(question: dict) -> dict[str, dict[str, int]]:
    """The same from the CLI's JSON."""
    out = {row["code"]: row["counts"] for row in question["rows"]}
    for status in ("applicable", "answered", "unresolved", "missing"):
        out[status] = question[status]
    return out


def test_the_view_and_the_cli_agree_for_every_breakdown(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                        gui_ctx: AppContext, demo: str) -> None:
    window = make_window()
    page = open_tables(window, qtbot, demo)
    with gui_ctx.db.unit_of_work() as repo:
        template = open_audit(repo, demo).template
    breakdowns = [(None, None)] + [(b, None) for b, _ in breakdown_candidates(template)]
    breakdowns += [("unit", "gender"), ("age_group", "unit")]
    for by, by2 in breakdowns:
        page.set_breakdown(by, by2)
        wait(qtbot, page)
        assert page.shown_breakdown == (by, by2)
        cli = json.loads(render_tables(gui_ctx, demo, by, by2, "json"))
        assert [c["label"] for c in cli["columns"]] == [
            page.model.headerData(i, Qt.Orientation.Horizontal).replace("\n", " – ")
            for i in range(page.model.columnCount() - 1)]
        for question in cli["questions"]:
            page.model.set_question(question["id"])  # the chart is drawn in the next test
            assert cells(page) == expected(question), (by, by2, question["id"])
            labels = [page.model.headerData(r, Qt.Orientation.Vertical)
                      for r in range(len(question["rows"]))]
            assert labels == [r["label"] for r in question["rows"]]  # template order


def test_three_clicks_girls_and_boys_per_district(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                  demo: str) -> None:
    window = make_window()
    page = open_tables(window, qtbot, demo)  # open the demo, then "Tabeller"
    page.by.setCurrentIndex(page.by.findText("Stadsdelsförvaltning × Kön"))
    wait(qtbot, page)
    item = page.questions.findItems("barn_gp", Qt.MatchFlag.MatchStartsWith)[0]
    page.questions.setCurrentItem(item)
    assert page.model.question["id"] == "barn_gp"
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(page.model.columnCount())]
    assert "Hässelby-Vällingby\nFlicka" in headers and "Skarpnäck\nPojke" in headers
    assert headers[-1] == "Totalt"
    assert page.chart.pixmap() is not None and not page.chart.pixmap().isNull()
    assert page.gender.rowCount() > 0 and page.gender_part.findText("Kungsholmen") >= 0


def test_exports_write_an_xlsx_and_the_chart(make_window, qtbot,  # type: ignore[no-untyped-def]
                                             demo: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    window = make_window()
    page = open_tables(window, qtbot, demo)
    page.set_breakdown("unit", "gender")
    wait(qtbot, page)
    out = tmp_path / "tabeller.xlsx"
    page.export_tables(out, suffix=".xlsx")
    qtbot.waitUntil(lambda: not page.exporting and not workers.busy(), timeout=30000)
    assert "Tabeller" in load_workbook(out).sheetnames
    raw = tmp_path / "radata.xlsx"
    page.export_raw(raw)
    qtbot.waitUntil(lambda: not page.exporting and not workers.busy(), timeout=30000)
    assert raw.stat().st_size > 0
    page.show_question("barn_gp")
    said: list[str] = []
    page.message.connect(said.append)
    svg = page.save_chart(tmp_path / "barn_gp.svg")
    assert said and said[0].startswith("Diagrammet sparat")
    assert svg is not None and svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_small_cell_limit_hides_counts_in_the_view(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                       gui_ctx: AppContext, demo: str) -> None:
    from audit_app.services.audit_settings import get_small_cell_limit

    window = make_window()
    page = open_tables(window, qtbot, demo)
    page.set_breakdown("unit", "gender")
    wait(qtbot, page)
    page.limit.setValue(5)
    page.apply_limit.click()
    wait(qtbot, page)
    assert get_small_cell_limit(gui_ctx, demo) == 5
    page.show_question("barn_gp")
    shown = [page.model.index(r, c).data() for r in range(page.model.rowCount())
             for c in range(page.model.columnCount())]
    assert any(text.startswith("<5") for text in shown)
    assert page.model.index(0, 0).data(COUNT_ROLE) == 0  # the data keeps the count
    assert page.save_chart_button.text() == "Spara diagram…"


def test_the_table_appears_first_and_the_gender_analysis_fills_in(  # type: ignore[no-untyped-def]
        make_window, qtbot, demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from audit_app.gui.tables_page import TablesPage

    seen: list[tuple[int, int, str, bool]] = []
    rest_loaded = TablesPage._rest_loaded

    def spy(page, result, step, question):  # type: ignore[no-untyped-def]
        # What the page showed while the gender analysis was being counted.
        seen.append((page.model.rowCount(), page.gender.rowCount(), page.gender_note.text(),
                     page.loading))
        rest_loaded(page, result, step, question)

    monkeypatch.setattr(TablesPage, "_rest_loaded", spy)
    window = make_window()
    window.open_audit(demo)
    window.findChild(type(window.cases.buttons["review"]), "showTables").click()
    page = window.tables
    qtbot.waitUntil(lambda: not page.loading and page.views is not None, timeout=20000)
    assert page.model.rowCount() > 0
    qtbot.waitUntil(lambda: not page.gender_loading, timeout=20000)
    assert seen and seen[-1][0] > 0 and seen[-1][1] == 0 and not seen[-1][3]
    assert seen[-1][2] == "Jämställdhetsanalysen räknas…"
    assert page.gender.rowCount() > 0 and page.gender_part.findText("Kungsholmen") >= 0
    assert {"gender", "unit*gender"} <= set(page.views.views)
    assert page.chart.pixmap() is not None and not page.chart.pixmap().isNull()
    assert page.save_chart_button.isEnabled()


def test_a_gender_analysis_counted_for_an_earlier_view_is_dropped(  # type: ignore[no-untyped-def]
        make_window, qtbot, demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from audit_app.gui.tables_page import TablesPage

    held: list[tuple] = []
    count_rest = TablesPage._count_rest
    monkeypatch.setattr(TablesPage, "_count_rest", lambda page, *args: held.append((page, *args)))
    window = make_window()
    window.open_audit(demo)
    window.findChild(type(window.cases.buttons["review"]), "showTables").click()
    page = window.tables
    qtbot.waitUntil(lambda: bool(held), timeout=20000)  # the whole sample shown, painted
    assert page.gender_loading and page.gender.rowCount() == 0
    first = held.pop()
    page.set_breakdown("unit", "gender")  # a new load: what the first counts is stale
    qtbot.waitUntil(lambda: bool(held), timeout=20000)
    second = held.pop()
    count_rest(*first)
    qtbot.waitUntil(lambda: not workers.busy(), timeout=20000)
    assert page.gender.rowCount() == 0 and page.gender_loading  # dropped: the second still counts
    assert page.shown_breakdown == ("unit", "gender")
    count_rest(*second)
    qtbot.waitUntil(lambda: not page.gender_loading, timeout=20000)
    assert page.gender.rowCount() > 0 and page.gender_part.findText("Kungsholmen") >= 0
    page.set_blinded(True)
    assert not page.gender_loading and page.gender.rowCount() == 0 and page.views is None
