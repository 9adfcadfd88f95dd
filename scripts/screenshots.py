"""Remake the README's screenshots: the GUI on the demo audit under Xvfb, saved as PNG.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Without a display it starts itself again under ``xvfb-run``. The data and settings live in a
temporary directory, so the user's own audits are never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def _under_xvfb() -> int | None:
    """Run this script again under Xvfb when there is no display; None when there is one."""
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return None
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        sys.exit("screenshots: no DISPLAY and no xvfb-run (apt-get install xvfb xauth)")
    command = [xvfb_run, "-a", "-s", f"-screen 0 {SIZE[0] + 100}x{SIZE[1] + 100}x24",
               sys.executable, *sys.argv]
    return subprocess.call(command)


def _stage(ctx: object, demo_id: str) -> None:
    """Make the demo look like an audit under way: most cases complete, one half done."""
    from audit_app.services.audits import create_audit
    from audit_app.services.cases import add_case, exclude_case, list_cases, mark_complete
    from audit_app.services.review import set_answer

    cases = list_cases(ctx, demo_id, "inspektor").cases  # type: ignore[arg-type]
    for case in cases[:22]:
        mark_complete(ctx, demo_id, case.label, "inspektor")  # type: ignore[arg-type]
    for question in ("gp_tillsammans", "gp_mal", "program", "insats_barn", "praktiskt_stod"):
        set_answer(ctx, demo_id, "SK-03", question, None, reviewer="inspektor")  # type: ignore[arg-type]
    exclude_case(ctx, demo_id, "SK-12", "Insatsen påbörjades aldrig",  # type: ignore[arg-type]
                 reviewer="inspektor")
    other = create_audit(ctx, "barns_delaktighet",  # type: ignore[arg-type]
                         "Kollegial granskning: barns delaktighet 2025")
    for label, unit in [("M-01", "mottagning"), ("M-02", "mottagning"), ("U-01", "utredning")]:
        add_case(ctx, other, label, {"unit": unit}, reviewer="inspektor")  # type: ignore[arg-type]


def shoot(out: Path, lang: str = "sv") -> list[Path]:
    """Create the demo data, show each page and save it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from audit_app.gui.app import application, build_window, prepare
    from audit_app.gui.settings import Settings
    from audit_app.services.context import AppContext
    from audit_app.services.demo import create_demo

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="audit-shots-") as tmp:
        ctx = AppContext.from_options(data_dir=Path(tmp) / "data", actor="inspektor")
        demo_id = create_demo(ctx)
        _stage(ctx, demo_id)
        app = application(["audit-app"])
        settings = Settings.at(str(Path(tmp) / "settings.ini"))
        settings.reviewer = "inspektor"
        settings.language = lang
        prepare(app, settings)
        window = build_window(ctx, settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        from audit_app.gui import workers

        while workers.busy() or not window.audits.loaded:
            app.processEvents()

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        written = []

        def save(name: str) -> None:
            settle()
            path = out / name
            window.grab().save(str(path))
            written.append(path)

        window.audits.reload(select=demo_id)
        save("main_window.png")
        window.open_audit(demo_id)
        window.cases.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        window.cases.select("SK-03")
        save("case_list.png")
        window.open_case("SK-03")
        form = window.form
        form.go_to_section("genomforandeplan")
        form.focus_question("gp_finns")
        settle()
        form.scroll.verticalScrollBar().setValue(form._sections["genomforandeplan"][0].y() - 8)
        save("case_form.png")
        form.mark_complete()  # refused: shows the first gap
        save("case_form_gaps.png")
        _tables_and_report(app, window, save)
        window.close()
        ctx.close()
        QApplication.processEvents()
    return written


def _wait(app: object, done: object, seconds: float = 120.0) -> None:
    """Turn the event loop until ``done()`` or the time is up."""
    import time

    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def _tables_and_report(app: object, window: object, save: object) -> None:
    """The tables by district x gender on the child's participation, then the report editor."""
    from audit_app.gui import workers

    window.show_cases()  # type: ignore[attr-defined]
    window.show_tables()  # type: ignore[attr-defined]
    tables = window.tables  # type: ignore[attr-defined]
    _wait(app, lambda: not tables.loading and not tables.gender_loading and not workers.busy())
    tables.set_breakdown("unit", "gender")
    _wait(app, lambda: not tables.loading and not tables.gender_loading and not workers.busy())
    tables.show_question("barn_gp")
    save("tables_view.png")  # type: ignore[operator]
    window.show_report()  # type: ignore[attr-defined]
    from audit_app.gui.report_editor import ReportEditorPage

    editor = window.findChild(ReportEditorPage)  # type: ignore[attr-defined]
    _wait(app, lambda: editor.loaded and not workers.busy())
    _wait(app, lambda: editor.preview.pdf_path is not None and not editor.preview.busy)
    save("report_editor.png")  # type: ignore[operator]


def run(doc: str, shoot_pages: Callable[[Path, str], list[Path]], default_out: str) -> int:
    """A screenshot script's command line: ``--out`` and ``--lang``, under Xvfb when needed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", default=default_out)
    parser.add_argument("--lang", default="sv", choices=["sv", "en"])
    args = parser.parse_args()
    code = _under_xvfb()
    if code is not None:
        return code
    sys.path.insert(0, str(ROOT))
    for path in shoot_pages(Path(args.out), args.lang):
        print(path)
    return 0


def main() -> int:
    """Take the screenshots (under Xvfb when needed)."""
    return run(__doc__ or "", shoot, str(ROOT / "docs" / "screenshots"))


if __name__ == "__main__":
    sys.exit(main())
