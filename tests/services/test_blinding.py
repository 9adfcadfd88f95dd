"""Blinding: in a colleague review's review phase each reviewer sees only their own answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.blinding import (
    Blinded,
    answer_history_for,
    audit_phase,
    change_phase,
)
from audit_app.services.comparison import compare_audits
from audit_app.services.context import AppContext
from audit_app.services.reconciliation import decide, disagreements
from audit_app.services.review import open_case, set_answer, set_comment
from audit_app.services.review_plan import assign_reviewers
from audit_app.storage.models import ChangeRow
from tests.services.colleague_fixtures import make_audit


def _as(ctx: AppContext, actor: str) -> AppContext:
    """The same database seen by another person."""
    ctx.actor = actor
    return ctx


@pytest.fixture
def review(ctx: AppContext, tmp_path: Path) -> str:
    """A colleague review with a plan; anna and bo have answered K1 differently."""
    audit = make_audit(ctx, tmp_path, "Blind", cases=2)
    assign_reviewers(ctx, audit, ["anna", "bo"], double_all=True)
    set_answer(_as(ctx, "anna"), audit, "K1", "barn_traffat", "ja", reviewer="anna",
               comment="samtal 3/5")
    set_answer(_as(ctx, "bo"), audit, "K1", "barn_traffat", "nej", reviewer="bo")
    return audit


def test_a_reviewer_opens_only_their_own_form_while_the_review_lasts(ctx: AppContext,
                                                                     review: str) -> None:
    anna = _as(ctx, "anna")
    assert open_case(anna, review, "K1", "anna").answers == {"barn_traffat": "ja"}
    with pytest.raises(Blinded):
        open_case(anna, review, "K1", "bo")
    with pytest.raises(Blinded):
        set_answer(anna, review, "K1", "barn_traffat", "ja", reviewer="bo")
    with pytest.raises(Blinded):
        set_comment(anna, review, "K1", "barn_traffat", "fel", reviewer="bo")
    assert open_case(_as(ctx, "bo"), review, "K1", "bo").answers == {"barn_traffat": "nej"}


def test_the_history_shows_only_the_reviewers_own_changes_until_the_phase_ends(
        ctx: AppContext, review: str) -> None:
    history = answer_history_for(_as(ctx, "anna"), review, "K1", "barn_traffat")
    assert {(e.reviewer, e.action) for e in history} == {("anna", "answer-set"), ("anna", "comment")}
    change_phase(_as(ctx, "lena"), review, "reconcile")
    history = answer_history_for(_as(ctx, "anna"), review, "K1", "barn_traffat")
    assert {e.reviewer for e in history} == {"anna", "bo"}


def test_reconciliation_and_comparison_wait_for_the_team_leader(ctx: AppContext, review: str,
                                                                tmp_path: Path) -> None:
    last = make_audit(ctx, tmp_path, "Förra året", cases=1)
    for attempt in (lambda: disagreements(ctx, review),
                    lambda: disagreements(ctx, review, unblind=True),
                    lambda: decide(ctx, review, "K1", "barn_traffat", "ja", rationale="r"),
                    lambda: compare_audits(ctx, review, last)):
        with pytest.raises(Blinded) as info:
            attempt()
        assert "audit phase" in info.value.message
    old, new = change_phase(_as(ctx, "lena"), review, "reconcile", reason="alla klara")
    assert (old, new, audit_phase(ctx, review)) == ("review", "reconcile", "reconcile")
    assert disagreements(ctx, review)["summary"]["unresolved"] == 1
    assert compare_audits(ctx, review, last, resamples=10)["this"]["phase"] == "reconcile"
    # Once the review is over, anyone may look at anyone's form again.
    assert open_case(_as(ctx, "anna"), review, "K1", "bo").answers == {"barn_traffat": "nej"}
    with ctx.db.unit_of_work() as repo:
        logged = [c for c in repo.changes(review) if c.action == "phase-changed"]
    assert [(c.actor, c.old_value, c.new_value, c.reason) for c in logged] == [
        ("lena", "review", "reconcile", "alla klara")]


def test_without_a_plan_nothing_is_blinded_but_reconciliation_still_waits(
        ctx: AppContext, tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Enkel", cases=1)
    set_answer(_as(ctx, "anna"), audit, "K1", "barn_traffat", "ja", reviewer="anna")
    assert open_case(_as(ctx, "bo"), audit, "K1", "anna").answers == {"barn_traffat": "ja"}
    with pytest.raises(Blinded):
        disagreements(ctx, audit)


def test_going_back_to_review_blinds_again_and_bad_phases_are_refused(ctx: AppContext,
                                                                      review: str) -> None:
    change_phase(ctx, review, "closed")
    change_phase(ctx, review, "review")
    with pytest.raises(Blinded):
        open_case(_as(ctx, "anna"), review, "K1", "bo")
    with pytest.raises(InputRejected):
        change_phase(ctx, review, "granskning")
    with pytest.raises(InputRejected):
        change_phase(ctx, review, "reconcile", reason="se 19121212-1212")
    assert change_phase(ctx, review, "review") == ("review", "review")
    with ctx.db.unit_of_work() as repo:
        assert sum(1 for c in repo.changes(review) if c.action == "phase-changed") == 2
        assert isinstance(repo.changes(review)[0], ChangeRow)
