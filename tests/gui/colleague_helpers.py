"""Helpers for the colleague review page tests: an audit with a plan and two reviewers' answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton

from audit_app.gui import workers
from audit_app.gui.colleague_page import ColleaguePage
from audit_app.gui.main_window import MainWindow
from audit_app.services.blinding import change_phase
from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from audit_app.services.review_plan import assign_reviewers
from tests.services.colleague_fixtures import make_audit

#: (case, anna's answer, bo's answer) to barn_traffat: K2 and K5 disagree.
ANSWERS = [("K1", "ja", "ja"), ("K2", "ja", "nej"), ("K3", "nej", "nej"),
           ("K4", "ej_dok", "ej_dok"), ("K5", "nej", "ja"), ("K6", "ja", "ja")]


def reviewed_audit(ctx: AppContext, tmp_path: Path, name: str = "Kollegial 2025", *,
                   end_review: bool = True) -> str:
    """Six cases read by anna and bo (every case double-reviewed), with two disagreements."""
    audit_id = make_audit(ctx, tmp_path, name)
    assign_reviewers(ctx, audit_id, ["anna", "bo"], double_all=True)
    leader = ctx.actor
    for case, anna, bo in ANSWERS:
        for reviewer, value in (("anna", anna), ("bo", bo)):
            ctx.actor = reviewer  # blinded: each reviewer writes only their own answers
            set_answer(ctx, audit_id, case, "barn_traffat", value, reviewer=reviewer,
                       comment="står i journalen" if (case, reviewer) == ("K2", "anna") else None)
            if value == "ja":
                set_answer(ctx, audit_id, case, "barn_asikt", "ja", reviewer=reviewer)
    ctx.actor = leader
    if end_review:
        change_phase(ctx, audit_id, "reconcile")
    return audit_id


def open_page(window: MainWindow, qtbot: Any, audit_id: str) -> ColleaguePage:
    """Open the audit and its colleague review page from the case list's button."""
    window.audits.reload(select=audit_id)
    window.open_audit(audit_id)
    window.cases.findChild(QPushButton, "showColleague").click()
    page = window.findChild(ColleaguePage)
    assert page is not None and window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: not workers.busy(), timeout=20000)
    return page


def answer_dialog(page: ColleaguePage, monkeypatch: Any, fill: Any) -> list[Any]:
    """Make the page's dialogs run ``fill(dialog)`` and accept; returns the dialogs seen."""
    seen: list[Any] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        return bool(fill(dialog))

    monkeypatch.setattr(page, "exec_dialog", run)
    return seen
