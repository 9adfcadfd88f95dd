"""The genomlysning dialog: counts per unit entered in the table, stored through the service, shares
shown; invalid counts refused with a message; a CSV imported, its errors listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audit_app.gui.genomlysning_page import (
    ACTIVE_COL,
    PLAN_COL,
    SHARE_COL,
    WITHOUT_COL,
    GenomlysningDialog,
)
from audit_app.services.audits import create_audit
from audit_app.services.context import AppContext
from audit_app.services.genomlysning import audit_genomlysning


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    """The small test audit (units Hässelby-Vällingby and Kungsholmen)."""
    return create_audit(gui_ctx, str(template_file), "Provgranskning")


@pytest.fixture
def dialog(make_window, audit: str, qtbot) -> GenomlysningDialog:  # type: ignore[no-untyped-def]
    """The dialog as the case list's "Genomlysning…" button opens it."""
    window = make_window()
    window.open_audit(audit)
    button = window.cases.findChild(object, "showGenomlysning")
    assert button is not None
    button.click()
    found = window.findChild(GenomlysningDialog)
    assert found is not None
    qtbot.waitUntil(found.isVisible)
    return found


def _text(dialog: GenomlysningDialog, row: int, col: int) -> str:
    return str(dialog.model.data(dialog.model.index(row, col), Qt.ItemDataRole.DisplayRole))


def test_entered_counts_are_stored_and_shown_with_their_share(
        dialog: GenomlysningDialog, gui_ctx: AppContext, audit: str) -> None:
    model = dialog.model
    assert [_text(dialog, r, 0) for r in range(model.rowCount())] == [
        "Hässelby-Vällingby", "Kungsholmen", "Totalt"]
    assert model.setData(model.index(0, ACTIVE_COL), "167")
    assert audit_genomlysning(gui_ctx, audit)["rows"] == []  # stored once both are given
    assert model.setData(model.index(0, PLAN_COL), "32")
    assert model.setData(model.index(1, PLAN_COL), "23")
    assert model.setData(model.index(1, ACTIVE_COL), "46")
    rows = audit_genomlysning(gui_ctx, audit)["rows"]
    stored = {r["code"]: (r["active_cases"], r["with_plan"]) for r in rows}
    assert stored == {"hv": (167, 32), "kh": (46, 23)}
    assert _text(dialog, 0, WITHOUT_COL) == "135"
    assert _text(dialog, 0, SHARE_COL) == "19,2\u00a0%"
    assert _text(dialog, 1, SHARE_COL) == "50,0\u00a0%"
    assert [_text(dialog, 2, c) for c in (ACTIVE_COL, PLAN_COL, WITHOUT_COL)] == ["213", "55", "158"]
    assert "Kungsholmen" in dialog.status.text()


@pytest.mark.parametrize("value", ["-3", "tre", "2,5", ""])
def test_a_count_that_is_not_a_whole_number_of_zero_or_more_is_refused(
        dialog: GenomlysningDialog, value: str) -> None:
    assert not dialog.model.setData(dialog.model.index(0, ACTIVE_COL), value)
    assert dialog.error.text() == "Hässelby-Vällingby: ange ett heltal, 0 eller större."
    assert _text(dialog, 0, ACTIVE_COL) == ""


def test_more_plans_than_active_cases_are_refused(
        dialog: GenomlysningDialog, gui_ctx: AppContext, audit: str) -> None:
    model = dialog.model
    assert model.setData(model.index(1, ACTIVE_COL), "10")
    assert model.setData(model.index(1, PLAN_COL), "4")
    assert not model.setData(model.index(1, PLAN_COL), "12")
    assert dialog.error.text() == ("Kungsholmen: antalet ärenden med genomförandeplan (12) kan inte "
                                   "vara större än antalet aktiva ärenden (10).")
    assert audit_genomlysning(gui_ctx, audit)["rows"][0]["with_plan"] == 4
    assert _text(dialog, 1, PLAN_COL) == "4"


def test_a_csv_file_is_imported_and_its_errors_are_listed(
        dialog: GenomlysningDialog, tmp_path: Path, shown: list[tuple[str, str]]) -> None:
    good = tmp_path / "genomlysning.csv"
    good.write_text("unit,active_cases,with_plan\nhv,167,32\nKungsholmen,46,23\n", encoding="utf-8")
    assert dialog.import_file(str(good))
    assert _text(dialog, 0, SHARE_COL) == "19,2\u00a0%"
    assert "2 nya" in dialog.status.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,active_cases,with_plan\nhv,10,12\nxx,3,1\n", encoding="utf-8")
    assert not dialog.import_file(str(bad))
    listed = [message for kind, message in shown if kind == "diagnostic"]
    assert len(listed) == 2 and ":2: error[out-of-range]" in listed[0] and "unknown-unit" in listed[1]
    assert _text(dialog, 0, ACTIVE_COL) == "167"  # nothing written
