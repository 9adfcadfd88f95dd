"""The colleague review page: plan, phase, agreement, reconciliation and year on year, via the services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from audit_app.gui import workers
from audit_app.gui.colleague_models import RAW_ROLE
from audit_app.gui.plan_dialog import PlanDialog
from audit_app.gui.reconcile_dialog import ReconcileDialog
from audit_app.services.agreement import agreement_csv, audit_agreement
from audit_app.services.blinding import audit_phase
from audit_app.services.comparison import compare_audits
from audit_app.services.context import AppContext
from audit_app.services.review_plan import show_plan
from tests.gui.colleague_helpers import answer_dialog, open_page, reviewed_audit
from tests.services.colleague_fixtures import make_audit


def test_plan_is_created_and_changed_through_the_dialog(make_window, qtbot, gui_ctx: AppContext,
                                                        tmp_path: Path, monkeypatch) -> None:
    audit_id = make_audit(gui_ctx, tmp_path, "Plan 2025")
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    assert page.plan_tab.reviewers.rowCount() == 0
    assert page.plan_tab.cases.rowCount() == 6  # every case listed, not yet assigned

    def fill(dialog: PlanDialog) -> bool:
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() is False
        dialog.reviewers.setText("anna, bo, cilla")
        dialog.share.setValue(50)
        dialog.seed.setValue(7)
        return True

    seen = answer_dialog(page, monkeypatch, fill)
    qtbot.mouseClick(page.plan_tab.change, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    plan = show_plan(gui_ctx, audit_id)
    assert plan["plan"]["reviewers"] == ["anna", "bo", "cilla"]
    assert plan["plan"]["double_share"] == 0.5 and plan["plan"]["seed"] == 7
    assert page.plan_tab.reviewers.rowCount() == 3
    assert [page.plan_tab.reviewers.index(r, 1).data(RAW_ROLE) for r in range(3)] == \
        [r["cases"] for r in plan["reviewers"]]
    assert "7" in page.plan_tab.settings.text()

    answer_dialog(page, monkeypatch, lambda d: (d.reviewers.setText("anna, bo"),
                                                d.share.setValue(100)) and True)
    assert page.plan_tab.edit_plan()
    plan = show_plan(gui_ctx, audit_id)
    assert plan["plan"]["reviewers"] == ["anna", "bo"] and plan["plan"]["double_share"] >= 1
    assert all(len(c["reviewers"]) == 2 for c in plan["cases"])


def test_phase_changes_only_after_confirmation(make_window, qtbot, gui_ctx: AppContext,
                                               tmp_path: Path, monkeypatch) -> None:
    audit_id = reviewed_audit(gui_ctx, tmp_path, end_review=False)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    end = page.phase_buttons["reconcile"]
    assert end.isVisible() and not page.phase_buttons["closed"].isVisible()
    assert not page.reconcile_tab.decide_button.isEnabled()  # blinded: nothing compared
    page.tabs.setCurrentWidget(page.agreement_tab)
    assert page.agreement_tab.model.agreement is None and not workers.busy()
    monkeypatch.setattr(page, "confirm", lambda title, text: False)
    qtbot.mouseClick(end, Qt.MouseButton.LeftButton)
    assert audit_phase(gui_ctx, audit_id) == "review"
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda title, text: asked.append(text) or True)
    qtbot.mouseClick(end, Qt.MouseButton.LeftButton)
    assert audit_phase(gui_ctx, audit_id) == "reconcile" and len(asked) == 1
    assert page.phase_buttons["closed"].isVisible() and not end.isVisible()
    assert page.reconcile_tab.model.rowCount() == 2  # K2 and K5 now compared
    qtbot.mouseClick(page.phase_buttons["closed"], Qt.MouseButton.LeftButton)
    assert audit_phase(gui_ctx, audit_id) == "closed"
    assert page.phase_buttons["reopen"].isVisible()
    assert not page.plan_tab.change.isEnabled()


def test_agreement_model_shows_the_service_values_and_exports_them(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path, monkeypatch) -> None:
    audit_id = reviewed_audit(gui_ctx, tmp_path)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    page.tabs.setCurrentWidget(page.agreement_tab)
    qtbot.waitUntil(lambda: page.agreement_tab.model.agreement is not None, timeout=30000)
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
    expected = audit_agreement(gui_ctx, audit_id)
    model = page.agreement_tab.model
    assert model.rowCount() == len(expected["questions"]) + 1
    for q in expected["questions"]:
        assert model.value(q["id"], "units") == q["units"]
        assert model.value(q["id"], "percent_agreement") == q["percent_agreement"]
        for name in ("cohen_kappa", "krippendorff_alpha", "gwet_ac1"):
            assert model.value(q["id"], name) == q[name]
            assert model.value(q["id"], f"{name}_ci") == q["ci95"][name]
    assert model.value("_overall", "gwet_ac1") == expected["overall"]["gwet_ac1"]
    first = model.index(0, 2).data()
    assert first.endswith("%")  # shown as a percentage
    out = tmp_path / "agreement.csv"
    monkeypatch.setattr(page, "ask_save_path", lambda *args: out)
    qtbot.mouseClick(page.agreement_tab.csv_button, Qt.MouseButton.LeftButton)
    assert out.read_text(encoding="utf-8") == agreement_csv(expected)


def test_disagreement_is_decided_with_a_required_rationale(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path, monkeypatch,
        shown: list[tuple[str, str]]) -> None:
    audit_id = reviewed_audit(gui_ctx, tmp_path)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    tab = page.reconcile_tab
    model = tab.model
    assert model.headers[2:4] == ["Granskare 1", "Granskare 2"]  # blinded numbering
    assert [model.index(r, 0).data() for r in range(2)] == ["K2", "K5"]
    assert "journalen" in (model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) or "")

    def fill(dialog: ReconcileDialog) -> bool:
        assert dialog.answers.model().index(0, 0).data() == "Granskare 1"
        assert dialog.answers.model().index(0, 2).data() == "står i journalen"
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.set_answer("ja", "")
        assert not ok.isEnabled()  # no rationale, no consensus
        dialog.set_answer("ja", "Barnet träffades enligt journalen den 3 maj")
        assert ok.isEnabled()
        return True

    seen = answer_dialog(page, monkeypatch, fill)
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and not shown
    with gui_ctx.db.unit_of_work() as repo:
        consensus = repo.consensus(audit_id)
        log = [c for c in repo.changes(audit_id) if c.action.startswith("consensus")]
    assert [(k.question_id, k.value, k.rationale) for k in consensus] == \
        [("barn_traffat", "ja", "Barnet träffades enligt journalen den 3 maj")]
    assert log and log[-1].reason == "Barnet träffades enligt journalen den 3 maj"
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["K5"]
    tab.unblind.setChecked(True)
    assert model.headers[2:4] == ["anna", "bo"]


def test_year_on_year_table_shows_the_service_comparison(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path) -> None:
    this = reviewed_audit(gui_ctx, tmp_path, "Kollegial 2025")
    last = reviewed_audit(gui_ctx, tmp_path, "Kollegial 2024")
    make_audit(gui_ctx, tmp_path, "Annan mall", text="Annan text", version=2)
    window = make_window()
    page = open_page(window, qtbot, this)
    tab = page.compare_tab
    names = [tab.other.itemText(i) for i in range(tab.other.count())]
    assert "Kollegial 2024" in names and "Kollegial 2025" not in names
    tab.other.setCurrentIndex(names.index("Kollegial 2024"))
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.comparison is not None, timeout=30000)
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
    expected: dict[str, Any] = compare_audits(gui_ctx, this, last)
    question = expected["questions"][0]
    tab.question.setCurrentIndex(0)
    for r, row in enumerate(question["rows"]):
        assert tab.model.index(r, 0).data() == row["label"]
        assert tab.model.index(r, 1).data(RAW_ROLE) == row["this"]["count"]["total"]
        assert tab.model.index(r, 4).data(RAW_ROLE) == row["last"]["percent"]["total"]
        assert tab.model.index(r, 5).data(RAW_ROLE) == row["difference_pp"]["total"]
    assert "AC1" in tab.details.text()
    sections = expected["sections"]
    assert tab.areas.rowCount() == len(sections) + 1  # every section (kontrollområde) and overall
    for r, section in enumerate(sections):
        assert tab.areas.index(r, 0).data() == section["title"]
        this_side = (section["this"] or {}).get("total") or {}
        last_side = (section["last"] or {}).get("total") or {}
        assert tab.areas.index(r, 1).data(RAW_ROLE) == this_side.get("units")
        assert tab.areas.index(r, 2).data(RAW_ROLE) == this_side.get("cohen_kappa")
        assert tab.areas.index(r, 3).data(RAW_ROLE) == this_side.get("krippendorff_alpha")
        assert tab.areas.index(r, 7).data(RAW_ROLE) == last_side.get("krippendorff_alpha")
    overall = tab.areas.rowCount() - 1
    assert tab.areas.index(overall, 3).data(RAW_ROLE) == \
        expected["overall"]["this"]["total"]["krippendorff_alpha"]
    assert any(side.get("total", {}).get("units") for s in sections
               for side in (s["this"] or {}, s["last"] or {}))  # the audits have pooled units


def test_the_page_speaks_swedish(make_window, qtbot, gui_ctx: AppContext, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QPushButton

    audit_id = reviewed_audit(gui_ctx, tmp_path)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    assert window.cases.findChild(QPushButton, "showColleague").text() == "Kollegial granskning…"
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == \
        ["Granskningsplan", "Samstämmighet", "Oenigheter", "Jämför med tidigare år",
         "Paket och nycklar"]
    assert page.phase_label.text().startswith("Fas: avstämning")
    assert page.reconcile_tab.model.headers[:2] == ["Akt", "Fråga"]
    assert page.plan_tab.reviewers.headers[0] == "Granskare"


def test_a_refused_phase_change_is_shown_and_nothing_changes(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path, monkeypatch,
        shown: list[tuple[str, str]]) -> None:
    from audit_app.domain.diagnostics import InputRejected

    audit_id = reviewed_audit(gui_ctx, tmp_path)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    assert page.agreement_tab.model.agreement is None  # not computed until the tab shows

    def refuse(*args: object, **kwargs: object) -> None:
        raise InputRejected("2 disagreements are not decided yet")

    monkeypatch.setattr("audit_app.services.blinding.change_phase", refuse)
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    qtbot.mouseClick(page.phase_buttons["closed"], Qt.MouseButton.LeftButton)
    assert shown and shown[-1][1] == "2 disagreements are not decided yet"
    assert audit_phase(gui_ctx, audit_id) == "reconcile"
