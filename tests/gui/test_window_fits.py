"""Every page of the window fits a common laptop screen (1280 x 800) with the demo audit open."""

from __future__ import annotations

from audit_app.gui.report_editor import ReportEditorPage
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from tests.gui.test_tables_view import open_tables

SCREEN_WIDTH = 1280


def test_the_pages_fit_a_laptop_screen(make_window, qtbot, gui_ctx: AppContext) -> None:
    demo = create_demo(gui_ctx)
    window = make_window()
    page = open_tables(window, qtbot, demo)
    page.set_breakdown("unit", "gender")  # long option and question texts in both boxes
    assert page.minimumSizeHint().width() <= SCREEN_WIDTH
    assert window.cases.minimumSizeHint().width() <= SCREEN_WIDTH
    window.show_report()
    editor = window.findChild(ReportEditorPage)
    qtbot.waitUntil(lambda: editor.loaded, timeout=20000)
    assert editor.minimumSizeHint().width() <= SCREEN_WIDTH
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
