"""The passphrase of an encrypted database, asked for in a dialog when the window opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from audit_app.gui.passphrase_dialog import PassphraseDialog, asking_in_dialog
from audit_app.services.context import AppContext
from audit_app.services.demo import DEMO_NAME, create_demo

pytest.importorskip("sqlcipher3")


def _answer_dialog(texts: list[str], seen: list[str]) -> None:
    """Fill in and accept the next passphrase dialogs, one text each, noting any warning."""
    def fill() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, PassphraseDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, fill)
            return
        dialog = dialogs[0]
        warning = dialog.findChild(object, "wrongPassphrase")
        seen.append("wrong" if warning is not None else "asked")
        dialog.passphrase.setText(texts.pop(0))
        dialog._accept()
        if texts:
            QTimer.singleShot(20, fill)
    QTimer.singleShot(20, fill)


def test_the_window_asks_for_the_passphrase_and_opens_the_database(
        make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("AUDIT_APP_PASSPHRASE", raising=False)
    data_dir = tmp_path / "enc"
    made = AppContext.from_options(data_dir=data_dir, encrypt=True, passphrase="rätt")
    create_demo(made)
    made.close()
    ctx = asking_in_dialog(AppContext.from_options(data_dir=data_dir, actor="inspektor"))
    assert isinstance(ctx, AppContext)
    seen: list[str] = []
    _answer_dialog(["fel", "rätt"], seen)
    window = make_window(ctx)
    assert seen == ["asked", "wrong"]
    model = window.audits.model
    assert model.rowCount() == 1
    assert DEMO_NAME in [model.index(0, c).data() for c in range(model.columnCount())]
    assert ctx.passphrase == "rätt"
    ctx.close()


def test_a_new_database_needs_the_same_passphrase_twice(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog(None, creating=True, wrong=False)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("ett")
    assert dialog.again is not None
    dialog.again.setText("två")
    dialog._accept()
    assert dialog.result() != PassphraseDialog.DialogCode.Accepted and dialog.again.text() == ""
    dialog.again.setText("ett")
    dialog._accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
