"""At start the window holds its database (a second window is refused), checks it (a damaged one
is reported with the newest intact backup offered) and backs it up after imports and on close."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from audit_app.gui import workers
from audit_app.gui.app import build_window, prepare
from audit_app.gui.errors import dispatcher
from audit_app.services.audits import create_audit
from audit_app.services.backup import auto_backup, list_backups
from audit_app.services.context import AppContext

CASES = "case,unit,age\nB1,hv,4\nB2,kh,7\n"


def _damage(db: Path) -> None:
    """Flip bytes in the database's pages after the first, as a failing disk would."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 6), 7):
        data[offset] ^= 0xFF
    db.write_bytes(bytes(data))


def _started(qtbot, ctx: AppContext, settings):  # type: ignore[no-untyped-def]
    """A window shown and started, without waiting for the audits (the start may fail)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    prepare(app, settings)
    window = build_window(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def test_a_damaged_database_is_reported_and_the_newest_backup_restored(
        qtbot, gui_ctx: AppContext, settings, template_file: Path,  # type: ignore[no-untyped-def]
        shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    create_audit(gui_ctx, str(template_file), "Säkerhetskopierad")
    assert auto_backup(gui_ctx) is not None
    gui_ctx.close()
    db = gui_ctx.data_dir / "audit.db"
    _damage(db)
    offers: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dispatcher, "offer", lambda title, message, action, parent:
                        offers.append((title, message, action)) or True)
    window = _started(qtbot, gui_ctx, settings)
    qtbot.waitUntil(lambda: window.audits.loaded, timeout=20000)
    [(title, message, action)] = offers
    assert title == "Databasen är skadad" and action == "Återställ säkerhetskopian"
    assert str(db) in message and "skadade databasen sparas" in message
    model = window.audits.model
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Säkerhetskopierad"
    assert window.statusBar().currentMessage().startswith("Säkerhetskopian ")
    kept = [p.name for p in db.parent.glob("audit.db.*") if "before-restore" in p.name
            or "damaged" in p.name]
    assert kept  # the damaged database is kept beside the restored one
    assert not shown


def test_a_damaged_database_without_a_backup_is_only_reported(
        qtbot, gui_ctx: AppContext, settings, template_file: Path,  # type: ignore[no-untyped-def]
        shown: list[tuple[str, str]]) -> None:
    create_audit(gui_ctx, str(template_file), "Utan kopia")
    gui_ctx.close()
    _damage(gui_ctx.data_dir / "audit.db")
    window = _started(qtbot, gui_ctx, settings)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    [(title, message)] = shown
    assert title == "Databasen är skadad" and "ingen oskadad säkerhetskopia" in message
    assert not window.audits.loaded


def test_a_second_window_on_the_same_database_is_refused(
        qtbot, gui_ctx: AppContext, settings, template_file: Path,  # type: ignore[no-untyped-def]
        shown: list[tuple[str, str]]) -> None:
    create_audit(gui_ctx, str(template_file), "Låst")
    lock_file = gui_ctx.data_dir / "audit.db.lock"
    with open(lock_file, "a+", encoding="utf-8") as other:  # another program's window
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        window = _started(qtbot, gui_ctx, settings)
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        qtbot.waitUntil(lambda: not window.isVisible())
    [(title, message)] = shown
    assert title == "Programmet är redan öppet"
    assert "redan öppen i ett annat fönster" in message
    assert not window.audits.loaded


def test_a_gui_import_and_closing_leave_a_rotating_backup(
        qtbot, make_window, gui_ctx: AppContext, template_file: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    audit_id = create_audit(gui_ctx, str(template_file), "Import")
    window = make_window()
    assert list_backups(gui_ctx) == []
    window.open_audit(audit_id)
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES, encoding="utf-8")
    window.cases._import("Importera", window.session.import_cases, str(cases))
    qtbot.waitUntil(lambda: not workers.busy(), timeout=20000)
    [made] = list_backups(gui_ctx)
    assert window.session.backup_problem is None
    made.unlink()  # closing makes the next one (the rotation allows one per half hour)
    window.close()
    window.session.close()
    assert len(list_backups(gui_ctx)) == 1


def test_a_failed_backup_after_an_import_is_said_in_the_status_bar(
        qtbot, make_window, gui_ctx: AppContext, template_file: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audit_app.services import backup

    def broken(ctx: AppContext) -> None:
        raise backup.BackupError("disk full")

    monkeypatch.setattr(backup, "auto_backup", broken)
    audit_id = create_audit(gui_ctx, str(template_file), "Import")
    window = make_window()
    window.open_audit(audit_id)
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES, encoding="utf-8")
    window.cases._import("Importera", window.session.import_cases, str(cases))
    qtbot.waitUntil(lambda: not workers.busy(), timeout=20000)
    assert window.statusBar().currentMessage().endswith(
        "Den automatiska säkerhetskopieringen misslyckades; de tidigare säkerhetskopiorna finns kvar.")
    assert sorted(window.cases.labels_in_view()) == ["B1", "B2"]
