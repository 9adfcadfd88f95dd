"""Packages and keys on the colleague review page: key pair, a colleague's key, a full round trip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from audit_app.gui import workers
from audit_app.services.context import AppContext
from audit_app.services.keys import (
    create_identity,
    export_public,
    import_public,
    load_public_identity,
    trusted_contacts,
)
from audit_app.services.package_review import export_answers, open_assignment
from audit_app.services.review import set_answer
from audit_app.services.review_plan import assign_reviewers
from tests.gui.colleague_helpers import open_page
from tests.services.colleague_fixtures import make_audit


def test_round_trip_with_a_reviewer_through_the_page(make_window, qtbot, gui_ctx: AppContext,
                                                     tmp_path: Path, monkeypatch,
                                                     shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(gui_ctx, tmp_path, "Paket 2025", cases=4)
    assign_reviewers(gui_ctx, audit_id, ["anna", "inspektor"], double_all=True)
    anna = AppContext.from_options(data_dir=tmp_path / "anna", actor="anna")
    try:
        create_identity(anna, "Anna Andersson")
        window = make_window()
        page = open_page(window, qtbot, audit_id)
        tab = page.packages_tab
        page.tabs.setCurrentWidget(tab)
        assert tab.create_key.isVisible() and not tab.export_button.isEnabled()

        # Create the team leader's own key pair (name, then an empty passphrase).
        answers = iter(["Tina Teamleader", ""])
        monkeypatch.setattr(page, "ask_text", lambda *args, **kwargs: next(answers))
        qtbot.mouseClick(tab.create_key, Qt.MouseButton.LeftButton)
        own = load_public_identity(gui_ctx)
        assert own.name == "Tina Teamleader" and own.short in tab.own.text()
        assert not tab.create_key.isVisible()

        # Exchange public keys: Anna's file imported through the page, ours saved for her.
        anna_file = tmp_path / "anna.pub.json"
        export_public(anna, anna_file)
        informed: list[str] = []
        monkeypatch.setattr(page, "inform", lambda title, text: informed.append(text))
        monkeypatch.setattr(page, "ask_open_path", lambda *args: anna_file)
        qtbot.mouseClick(tab.import_key, Qt.MouseButton.LeftButton)
        assert [c.name for c in trusted_contacts(gui_ctx)] == ["Anna Andersson"]
        assert informed and "Anna Andersson" in informed[0]
        assert tab.contacts.rowCount() == 1
        mine = tmp_path / "tina.pub.json"
        monkeypatch.setattr(page, "ask_save_path", lambda *args: mine)
        qtbot.mouseClick(tab.save_key, Qt.MouseButton.LeftButton)
        import_public(anna, mine)

        # Send Anna her assignment.
        assert [tab.reviewer.itemText(i) for i in range(tab.reviewer.count())] == \
            ["anna", "inspektor"]
        tab.reviewer.setCurrentText("anna")
        assignment = tmp_path / "anna.akt"
        monkeypatch.setattr(page, "ask_save_path", lambda *args: assignment)
        qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not workers.busy() and not tab.busy, timeout=20000)
        assert assignment.exists() and not shown

        # Anna answers on her own laptop and sends the answers back.
        received = open_assignment(anna, assignment)
        assert received.cases_added == 4
        set_answer(anna, audit_id, "K1", "barn_traffat", "ja", reviewer="anna", comment="sid 2")
        set_answer(anna, audit_id, "K2", "barn_traffat", "nej", reviewer="anna")
        returned = tmp_path / "svar.akt"
        export_answers(anna, audit_id, returned)

        monkeypatch.setattr(page, "ask_open_path", lambda *args: returned)
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.last_received is not None, timeout=20000)
        qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
        assert not shown
        assert tab.last_received.written == 2 and "2" in tab.result.text()
        assert tab.conflicts.rowCount() == 0
        with gui_ctx.db.unit_of_work() as repo:
            labels = {c.id: c.label for c in repo.cases(audit_id)}
            got = {(labels[a.case_id], a.question_id): (a.value, a.comment)
                   for a in repo.answer_rows(audit_id) if a.reviewer == "anna"}
        assert got == {("K1", "barn_traffat"): ("ja", "sid 2"),
                       ("K2", "barn_traffat"): ("nej", None)}

        # The same package again changes nothing.
        tab.last_received = None
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.last_received is not None, timeout=20000)
        qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
        assert tab.last_received.already
    finally:
        anna.close()


def test_a_rejected_key_file_is_shown_and_nothing_is_trusted(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path, monkeypatch,
        shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(gui_ctx, tmp_path, "Paket 2025", cases=2)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something else"}', encoding="utf-8")
    monkeypatch.setattr(page, "ask_open_path", lambda *args: bad)
    qtbot.mouseClick(page.packages_tab.import_key, Qt.MouseButton.LeftButton)
    assert shown and shown[-1][0] == "Nyckeln kan inte användas"
    assert "public key" in shown[-1][1]
    assert trusted_contacts(gui_ctx) == []


def test_conflicts_of_an_imported_package_are_listed(make_window, qtbot, gui_ctx: AppContext,
                                                     tmp_path: Path, monkeypatch,
                                                     shown: list[tuple[str, str]]) -> None:
    from audit_app.services.packages import export_assignment, import_answers_package

    audit_id = make_audit(gui_ctx, tmp_path, "Paket 2025", cases=2)
    anna = AppContext.from_options(data_dir=tmp_path / "anna", actor="anna")
    try:
        create_identity(gui_ctx, "Tina Teamleader")
        create_identity(anna, "Anna Andersson")
        for source, target, name in ((anna, gui_ctx, "a"), (gui_ctx, anna, "t")):
            export_public(source, tmp_path / f"{name}.pub.json")
            import_public(target, tmp_path / f"{name}.pub.json")
        export_assignment(gui_ctx, audit_id, "anna", "Anna Andersson", tmp_path / "a1.akt")
        open_assignment(anna, tmp_path / "a1.akt")
        set_answer(anna, audit_id, "K1", "barn_traffat", "ja", reviewer="anna")
        export_answers(anna, audit_id, tmp_path / "p1.akt")
        import_answers_package(gui_ctx, tmp_path / "p1.akt")
        set_answer(gui_ctx, audit_id, "K1", "barn_traffat", "ej_dok", reviewer="anna")
        set_answer(anna, audit_id, "K1", "barn_traffat", "nej", reviewer="anna")
        export_answers(anna, audit_id, tmp_path / "p2.akt")

        window = make_window()
        page = open_page(window, qtbot, audit_id)
        tab = page.packages_tab
        page.tabs.setCurrentWidget(tab)
        assert not tab.conflicts_view.isVisible()
        monkeypatch.setattr(page, "ask_open_path", lambda *args: tmp_path / "p2.akt")
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.last_received is not None, timeout=20000)
        qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
        assert not shown and tab.conflicts_view.isVisible()
        assert [[tab.conflicts.index(0, c).data() for c in range(5)]] == \
            [["K1", "barn_traffat", "anna", "Framgår inte", "Nej"]]
        assert "1" in tab.result.text()
    finally:
        anna.close()


def test_sending_an_assignment_is_off_once_the_review_phase_has_ended(
        make_window, qtbot, gui_ctx: AppContext, tmp_path: Path, monkeypatch,
        shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(gui_ctx, tmp_path, "Paket 2025", cases=2)
    assign_reviewers(gui_ctx, audit_id, ["anna"])
    anna = AppContext.from_options(data_dir=tmp_path / "anna", actor="anna")
    try:
        create_identity(gui_ctx, "Tina Teamleader")
        create_identity(anna, "Anna Andersson")
        export_public(anna, tmp_path / "anna.pub.json")
        import_public(gui_ctx, tmp_path / "anna.pub.json")
    finally:
        anna.close()
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    tab = page.packages_tab
    monkeypatch.setattr(page, "confirm", lambda *args: True)
    assert tab.export_button.isEnabled() and tab.export_button.toolTip() == ""
    for phase in ("reconcile", "closed"):
        assert page.change_phase(phase) and page.phase == phase
        assert not tab.export_button.isEnabled()
        assert "Granskningsfasen är avslutad" in tab.export_button.toolTip()
    assert page.change_phase("review") and page.phase == "review"
    assert tab.export_button.isEnabled() and tab.export_button.toolTip() == ""
    assert shown == []
