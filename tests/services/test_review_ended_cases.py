"""Once the review phase has ended a case is no longer marked complete and no assignment is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.services.blinding import ReviewEnded, change_phase
from audit_app.services.cases import mark_complete, reopen_case
from audit_app.services.context import AppContext
from audit_app.services.packages import export_assignment
from audit_app.services.review import open_case, set_answer
from audit_app.services.review_plan import assign_reviewers
from tests.services.colleague_fixtures import make_audit
from tests.services.package_sites import change_log, introduce, make_site
from tests.services.package_sites import make_audit as make_package_audit


def _state(ctx: AppContext, audit: str) -> tuple[list[str], int]:
    with ctx.db.unit_of_work() as repo:
        return sorted(c.completed_by or "" for c in repo.cases(audit)), len(repo.changes(audit))


@pytest.mark.parametrize("phase", ["reconcile", "closed"])
def test_marking_a_case_complete_is_refused_once_the_review_phase_has_ended(
        ctx: AppContext, tmp_path: Path, phase: str) -> None:
    audit = make_audit(ctx, tmp_path, "Klar", cases=2)
    assign_reviewers(ctx, audit, ["anna", "bo"], double_all=True)
    ctx.actor = "anna"
    set_answer(ctx, audit, "K1", "barn_traffat", "ja", reviewer="anna")
    assert open_case(ctx, audit, "K1", "anna").review_ended is False
    ctx.actor = "lena"
    change_phase(ctx, audit, phase)
    ctx.actor = "anna"
    assert open_case(ctx, audit, "K1", "anna").review_ended is True
    before = _state(ctx, audit)
    for attempt in (lambda: mark_complete(ctx, audit, "K1", "anna"),
                    lambda: reopen_case(ctx, audit, "K1", "anna")):
        with pytest.raises(ReviewEnded) as info:
            attempt()
        assert info.value.code == "review-ended" and info.value.exit_code == 2
    assert _state(ctx, audit) == before
    ctx.actor = "lena"
    change_phase(ctx, audit, "review")
    ctx.actor = "anna"
    assert open_case(ctx, audit, "K1", "anna").review_ended is False
    mark_complete(ctx, audit, "K1", "anna")  # allowed again (gaps or not, no refusal)


def test_an_assignment_is_not_sent_once_the_review_phase_has_ended(tmp_path: Path) -> None:
    tl = make_site(tmp_path / "tl", "Tina Teamleader", "tina")
    anna = make_site(tmp_path / "anna", "Anna Andersson", "anna.a")
    try:
        introduce(tl, anna)
        audit = make_package_audit(tl)
        change_phase(tl.ctx, audit, "reconcile")
        log = len(change_log(tl, audit))
        out = tmp_path / "a.akt"
        with pytest.raises(ReviewEnded) as info:
            export_assignment(tl.ctx, audit, "anna", "Anna Andersson", out, cases=["A1"])
        assert info.value.code == "review-ended"
        assert not out.exists() and len(change_log(tl, audit)) == log
        change_phase(tl.ctx, audit, "review")
        assert export_assignment(tl.ctx, audit, "anna", "Anna Andersson", out,
                                 cases=["A1"]).cases == 1
    finally:
        tl.ctx.close()
        anna.ctx.close()
