"""The answer history in the window is blinded as the services are: own answers only in review."""

from __future__ import annotations

from pathlib import Path

from audit_app.gui.session import Session
from audit_app.services.blinding import change_phase
from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from audit_app.services.review_plan import assign_reviewers
from tests.services.colleague_fixtures import make_audit


def test_the_history_shows_other_reviewers_only_after_the_review_phase(
        qtbot, gui_ctx: AppContext, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = make_audit(gui_ctx, tmp_path, "Blind historik", cases=1)
    assign_reviewers(gui_ctx, audit, ["anna", "bo"], double_all=True)
    for reviewer, value in (("anna", "ja"), ("bo", "nej")):
        gui_ctx.actor = reviewer
        set_answer(gui_ctx, audit, "K1", "barn_traffat", value, reviewer=reviewer)
    settings.reviewer = "anna"
    session = Session(gui_ctx, settings)
    assert {e.reviewer for e in session.history(audit, "K1", "barn_traffat")} == {"anna"}
    gui_ctx.actor = "lena"
    change_phase(gui_ctx, audit, "reconcile")
    assert {e.reviewer for e in session.history(audit, "K1", "barn_traffat")} == {"anna", "bo"}
