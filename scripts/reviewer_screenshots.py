"""Screenshots of the reviewer's side of offline packages (audits page, keys dialog, a refusal), under Xvfb.

    .venv/bin/python scripts/reviewer_screenshots.py [--out /tmp/reviewer-shots] [--lang sv]

Like ``scripts/colleague_screenshots.py``: without a display it starts itself again under
``xvfb-run``; the team leader's and the reviewer's data live in a temporary directory. The team
leader sends reviewer anna four synthetic cases; the reviewer's window opens the package through
its button and a tampered copy is refused.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.screenshots import run  # noqa: E402

SIZE = (1280, 800)


def _leader_package(tmp: Path) -> tuple[Path, Path]:
    """The team leader's audit and an assignment for anna; the reviewer's key pair and data."""
    from audit_app.services.audits import create_audit
    from audit_app.services.cases import add_case
    from audit_app.services.context import AppContext
    from audit_app.services.keys import create_identity, export_public, import_public
    from audit_app.services.packages import export_assignment

    leader = AppContext.from_options(data_dir=tmp / "leader", actor="tina")
    reviewer = AppContext.from_options(data_dir=tmp / "reviewer", actor="anna")
    create_identity(leader, "Tina Teamledare")
    create_identity(reviewer, "Anna Andersson")
    export_public(leader, tmp / "tina.json")
    export_public(reviewer, tmp / "anna.json")
    import_public(leader, tmp / "anna.json")
    import_public(reviewer, tmp / "tina.json")
    reviewer.close()
    audit_id = create_audit(leader, "kollegial_familj", "Kollegial granskning 2025")
    for i, (document, gender) in enumerate([("barnutredning", "flicka"),
                                            ("barnutredning", "pojke"),
                                            ("vuxenutredning", "kvinna"),
                                            ("vuxenutredning", "man")]):
        add_case(leader, audit_id, f"F-{i + 1:02d}",
                 {"unit": "familjeenheten", "ar": "ar2021", "dokument": document,
                  "gender": gender, "familj": f"F{i // 2 + 1}"}, reviewer="tina")
    package = tmp / "anna.akt"
    export_assignment(leader, audit_id, "anna", "Anna Andersson", package)
    leader.close()
    tampered = tmp / "andrad.akt"
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 1
    tampered.write_bytes(bytes(data))
    return package, tampered


def shoot(out: Path, lang: str) -> list[Path]:
    """Open the package in the reviewer's window and save each view."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from audit_app.gui import workers
    from audit_app.gui.app import application, build_window, prepare
    from audit_app.gui.errors import describe, dispatcher
    from audit_app.gui.reviewer_packages import KeysDialog
    from audit_app.gui.settings import Settings
    from audit_app.services.context import AppContext
    from audit_app.services.demo import create_demo

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-shots-") as name:
        tmp = Path(name)
        package, tampered = _leader_package(tmp)
        ctx = AppContext.from_options(data_dir=tmp / "reviewer", actor="anna")
        create_demo(ctx)
        app = application(["audit-app"])
        settings = Settings.at(str(tmp / "settings.ini"))
        settings.reviewer = "anna"
        settings.language = lang
        prepare(app, settings)
        window = build_window(ctx, settings)
        window.resize(*SIZE)
        window.show()
        window.start()

        def settle() -> None:
            for _ in range(10):
                app.processEvents()
            while workers.busy():
                app.processEvents()
            for _ in range(10):
                app.processEvents()

        def save(widget: object, file: str) -> None:
            settle()
            path = out / file
            widget.grab().save(str(path))  # type: ignore[attr-defined]
            written.append(path)

        settle()
        while not window.audits.loaded:
            app.processEvents()
        save(window, "reviewer_audits_before.png")
        tools = window.reviewer_packages
        boxes: list[QMessageBox] = []

        def present(title: str, message: str, parent: object) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, title, title,
                              QMessageBox.StandardButton.Ok, window)
            box.setInformativeText(message)
            box.show()
            boxes.append(box)

        dispatcher.present = present  # type: ignore[method-assign]
        tools.ask_open_path = lambda *args: tampered  # type: ignore[method-assign]
        tools.open_package()
        settle()
        if boxes:
            save(boxes[-1], "reviewer_refused.png")
            boxes[-1].close()
        tools.ask_open_path = lambda *args: package  # type: ignore[method-assign]
        tools.open_package()
        settle()
        window.show_audits()
        save(window, "reviewer_audits.png")
        dialog = KeysDialog(window.session, lambda text: None, window)
        dialog.show()
        save(dialog, "reviewer_keys_dialog.png")
        dialog.close()
        print("refusal title:", describe("package-rejected"))
        window.close()
        ctx.close()
        QApplication.processEvents()
    return written


def main() -> int:
    """Take the screenshots (under Xvfb when needed)."""
    return run(__doc__ or "", shoot, "/tmp/reviewer-shots")


if __name__ == "__main__":
    sys.exit(main())
