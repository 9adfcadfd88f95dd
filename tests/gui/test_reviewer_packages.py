"""The reviewer's side of offline packages on the audits page, against a team leader's own copy."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audit_app.gui import workers
from audit_app.gui.keys_panel import KeysPanel
from audit_app.gui.reviewer_packages import KeysDialog
from audit_app.services.context import AppContext
from audit_app.services.keys import (
    create_identity,
    export_public,
    import_public,
    load_public_identity,
    trusted_contacts,
)
from audit_app.services.packages import export_assignment, import_answers_package
from tests.services.colleague_fixtures import make_audit


@pytest.fixture
def leader(tmp_path: Path) -> Iterator[AppContext]:
    """The team leader's copy: its own data directory, key pair and an audit of three cases."""
    ctx = AppContext.from_options(data_dir=tmp_path / "leader", actor="tina")
    create_identity(ctx, "Tina Teamleader")
    yield ctx
    ctx.close()


def _keys_through_dialog(window, qtbot, monkeypatch, tmp_path: Path,  # type: ignore[no-untyped-def]
                         leader: AppContext) -> None:
    """The reviewer creates a key pair, saves the public key and trusts the team leader's."""
    tools = window.reviewer_packages
    dialogs: list[KeysDialog] = []

    def run(dialog: KeysDialog) -> bool:
        dialogs.append(dialog)
        dialog.show()
        keys: KeysPanel = dialog.keys
        assert keys.create_key.isVisible() and not keys.save_key.isEnabled()
        answers = iter(["Rita Reviewer", ""])
        monkeypatch.setattr(dialog, "ask_text", lambda *args, **kwargs: next(answers))
        qtbot.mouseClick(keys.create_key, Qt.MouseButton.LeftButton)
        assert "Rita Reviewer" in keys.own.text() and not keys.create_key.isVisible()
        monkeypatch.setattr(dialog, "ask_save_path", lambda *args: tmp_path / "rita.pub.json")
        qtbot.mouseClick(keys.save_key, Qt.MouseButton.LeftButton)
        export_public(leader, tmp_path / "tina.pub.json")
        monkeypatch.setattr(dialog, "ask_open_path", lambda *args: tmp_path / "tina.pub.json")
        monkeypatch.setattr(dialog, "inform", lambda *args: None)
        qtbot.mouseClick(keys.import_key, Qt.MouseButton.LeftButton)
        assert keys.contacts.rowCount() == 1
        dialog.close()
        return False

    monkeypatch.setattr(tools, "exec_dialog", run)
    qtbot.mouseClick(tools.keys_button, Qt.MouseButton.LeftButton)
    assert dialogs
    assert load_public_identity(window.session.ctx).name == "Rita Reviewer"
    assert [c.name for c in trusted_contacts(window.session.ctx)] == ["Tina Teamleader"]
    import_public(leader, tmp_path / "rita.pub.json")


def _open(window, qtbot, monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    tools = window.reviewer_packages
    monkeypatch.setattr(tools, "ask_open_path", lambda *args: path)
    qtbot.mouseClick(tools.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not workers.busy() and not tools.busy, timeout=20000)


def test_a_reviewer_opens_a_package_answers_and_sends_it_back(
        make_window, qtbot, gui_ctx: AppContext, leader: AppContext, tmp_path: Path,
        monkeypatch, shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(leader, tmp_path, "Paket 2025", cases=3)
    window = make_window()
    tools = window.reviewer_packages
    assert window.audits.model.rowCount() == 0 and not tools.send_button.isEnabled()
    _keys_through_dialog(window, qtbot, monkeypatch, tmp_path, leader)
    assignment = tmp_path / "rita.akt"
    export_assignment(leader, audit_id, "anna", "Rita Reviewer", assignment)

    # The package is for reviewer 'anna'; the window answers as 'inspektor' until she agrees.
    asked: list[str] = []
    monkeypatch.setattr(tools, "confirm", lambda title, text: asked.append(text) or True)
    _open(window, qtbot, monkeypatch, assignment)
    assert not shown
    assert asked and "anna" in asked[0] and window.session.reviewer == "anna"
    assert "anna" in window.reviewer_label.text()
    assert tools.last_received.cases_added == 3
    assert window.audits.model.row_of(audit_id) >= 0
    assert window.pages.currentWidget() is window.cases and window.cases.audit_id == audit_id

    # The reviewer answers K1 in the normal case form.
    window.open_case("K1")
    assert window.pages.currentWidget() is window.form
    qtbot.keyClick(window.form.cards["barn_traffat"], Qt.Key.Key_2)  # Nej
    window.show_audits()
    assert window.audits.selected() == audit_id and tools.send_button.isEnabled()

    returned = tmp_path / "svar.akt"
    monkeypatch.setattr(tools, "ask_save_path", lambda *args: returned)
    qtbot.mouseClick(tools.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not workers.busy() and not tools.busy, timeout=20000)
    assert not shown and returned.exists()
    assert tools.last_sent.answers == 1 and tools.last_sent.recipient.name == "Tina Teamleader"

    received = import_answers_package(leader, returned)
    assert received.written == 1
    with leader.db.unit_of_work() as repo:
        labels = {c.id: c.label for c in repo.cases(audit_id)}
        got = {(labels[a.case_id], a.question_id, a.reviewer): a.value
               for a in repo.answer_rows(audit_id)}
    assert got == {("K1", "barn_traffat", "anna"): "nej"}

    # The same package again changes nothing here either.
    tools.last_received = None
    _open(window, qtbot, monkeypatch, assignment)
    assert tools.last_received.already and not shown


def test_a_tampered_package_is_refused_in_swedish_and_nothing_is_written(
        make_window, qtbot, gui_ctx: AppContext, leader: AppContext, tmp_path: Path,
        monkeypatch, shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(leader, tmp_path, "Paket 2025", cases=2)
    window = make_window()
    _keys_through_dialog(window, qtbot, monkeypatch, tmp_path, leader)
    assignment = tmp_path / "rita.akt"
    export_assignment(leader, audit_id, "inspektor", "Rita Reviewer", assignment)
    data = bytearray(assignment.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "andrad.akt"
    tampered.write_bytes(bytes(data))

    _open(window, qtbot, monkeypatch, tampered)
    assert shown[-1][0] == "Paketet godtogs inte"
    assert "signaturen" in shown[-1][1] and "Inget har sparats" in shown[-1][1]
    assert window.reviewer_packages.last_received is None
    assert window.audits.model.rowCount() == 0
    with gui_ctx.db.unit_of_work() as repo:
        assert repo.audits() == []

    # A file that is no package at all, and one over the size limit, are refused the same way.
    other = tmp_path / "annat.akt"
    other.write_bytes(b"hej")
    _open(window, qtbot, monkeypatch, other)
    assert "inte ett granskningspaket" in shown[-1][1]
    from audit_app.services import package_review

    monkeypatch.setattr(package_review, "open_assignment",
                        functools.partial(package_review.open_assignment, max_bytes=100))
    _open(window, qtbot, monkeypatch, assignment)
    assert "större än" in shown[-1][1]
    assert window.audits.model.rowCount() == 0 and len(shown) == 3


def test_packages_from_or_for_someone_else_are_refused_in_swedish(
        make_window, qtbot, gui_ctx: AppContext, leader: AppContext, tmp_path: Path,
        monkeypatch, shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(leader, tmp_path, "Paket 2025", cases=2)
    window = make_window()
    _keys_through_dialog(window, qtbot, monkeypatch, tmp_path, leader)
    olle = AppContext.from_options(data_dir=tmp_path / "olle", actor="olle")
    try:
        create_identity(olle, "Olle Okänd")
        export_public(olle, tmp_path / "olle.pub.json")
        import_public(leader, tmp_path / "olle.pub.json")
        import_public(olle, tmp_path / "rita.pub.json")
        for_olle = tmp_path / "olle.akt"
        export_assignment(leader, audit_id, "olle", "Olle Okänd", for_olle)
        other_audit = make_audit(olle, tmp_path, "Olles granskning", cases=1)
        from_olle = tmp_path / "fran_olle.akt"
        export_assignment(olle, other_audit, "inspektor", "Rita Reviewer", from_olle)
    finally:
        olle.close()
    _open(window, qtbot, monkeypatch, for_olle)
    assert shown[-1] == ("Paketet godtogs inte", "Paketet är krypterat för någon annan. Be "
                         "avsändaren göra det för din publika nyckel. Inget har sparats.")
    _open(window, qtbot, monkeypatch, from_olle)
    assert "ingen betrodd kollega" in shown[-1][1] and "Mina nycklar" in shown[-1][1]
    assert window.audits.model.rowCount() == 0 and len(shown) == 2


def test_the_buttons_are_swedish_and_follow_a_language_switch(  # type: ignore[no-untyped-def]
        make_window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from audit_app.gui import translations

    tools = make_window().reviewer_packages
    texts = [b.text() for b in (tools.keys_button, tools.open_button, tools.send_button)]
    assert texts == ["Mina nycklar…", "Öppna granskningspaket…", "Skicka tillbaka svar…"]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        translations.install(app, "en")
        qtbot.waitUntil(lambda: tools.open_button.text() == "Open review package…")
        assert tools.send_button.text() == "Send answers back…"
    finally:
        translations.install(app, "sv")
    qtbot.waitUntil(lambda: tools.open_button.text() == "Öppna granskningspaket…")


def test_a_wrong_passphrase_and_a_missing_or_unreadable_file_are_explained_in_swedish(
        make_window, qtbot, gui_ctx: AppContext, leader: AppContext, tmp_path: Path,
        monkeypatch, shown: list[tuple[str, str]]) -> None:
    audit_id = make_audit(leader, tmp_path, "Paket 2025", cases=2)
    create_identity(gui_ctx, "Rita Reviewer", "rätt lösenfras")
    export_public(gui_ctx, tmp_path / "rita.pub.json")
    import_public(leader, tmp_path / "rita.pub.json")
    export_public(leader, tmp_path / "tina.pub.json")
    import_public(gui_ctx, tmp_path / "tina.pub.json")
    assignment = tmp_path / "rita.akt"
    export_assignment(leader, audit_id, "inspektor", "Rita Reviewer", assignment)
    window = make_window()
    tools = window.reviewer_packages
    passphrase = ["fel lösenfras"]
    monkeypatch.setattr(tools, "ask_text", lambda *args, **kwargs: passphrase[0])

    _open(window, qtbot, monkeypatch, assignment)
    assert shown[-1][0] == "Nyckeln kan inte användas"
    assert shown[-1][1].startswith("Lösenfrasen är fel") and "nyckelpar" in shown[-1][1]
    passphrase[0] = "rätt lösenfras"
    _open(window, qtbot, monkeypatch, tmp_path / "finns_inte.akt")
    assert shown[-1][0] == "Hittades inte"
    assert "finns_inte.akt hittas inte" in shown[-1][1] and "välj den igen" in shown[-1][1]
    _open(window, qtbot, monkeypatch, tmp_path)  # a folder: it cannot be read as a package
    assert shown[-1][0] == "Hittades inte" and "kan inte läsas" in shown[-1][1]
    assert tools.last_received is None and len(shown) == 3
    with gui_ctx.db.unit_of_work() as repo:
        assert repo.audits() == []

    def run(dialog: KeysDialog) -> bool:  # a key file that is not there
        monkeypatch.setattr(dialog, "ask_open_path", lambda *args: tmp_path / "borta.pub.json")
        qtbot.mouseClick(dialog.keys.import_key, Qt.MouseButton.LeftButton)
        return False

    monkeypatch.setattr(tools, "exec_dialog", run)
    qtbot.mouseClick(tools.keys_button, Qt.MouseButton.LeftButton)
    assert shown[-1][0] == "Hittades inte" and "borta.pub.json hittas inte" in shown[-1][1]
    assert [c.name for c in trusted_contacts(gui_ctx)] == ["Tina Teamleader"]

    _open(window, qtbot, monkeypatch, assignment)  # the right passphrase opens it
    assert tools.last_received is not None and len(shown) == 4
