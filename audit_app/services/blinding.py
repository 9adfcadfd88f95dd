"""Blinding in a colleague review: the audit's phase, and who may see whose answers in it.

An audit moves through three phases: ``review`` (the reviewers answer), ``reconcile`` (the team
leader compares the answers and records consensus) and ``closed``. While a colleague review
(an audit with a review plan) is in its review phase, a reviewer's views show only the
reviewer's own answers; comparing reviewers (reconciliation, the side-by-side views) waits
until the team leader ends the phase. Once it has ended, reviewers' answers are no longer
written (by hand, from a CSV file or from a package); consensus answers still are. Every phase
change is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.values import normalize_text
from audit_app.services.audits import find_audit
from audit_app.services.context import AppContext
from audit_app.storage.models import AuditRow
from audit_app.storage.repository import Repository
from audit_app.storage.review_plans import has_review_plan, set_phase

if TYPE_CHECKING:
    from audit_app.services.history import HistoryEntry

REVIEW, RECONCILE, CLOSED = "review", "reconcile", "closed"
PHASES = (REVIEW, RECONCILE, CLOSED)


class Blinded(InputRejected):
    """Other reviewers' answers are hidden while the review phase lasts."""

    code = "blinded"


class ReviewEnded(InputRejected):
    """The review phase is over: reviewers' answers can no longer be written."""

    code = "review-ended"


def blinded(repo: Repository, audit: AuditRow) -> bool:
    """Whether reviewers see only their own answers: a colleague review in its review phase."""
    return audit.phase == REVIEW and has_review_plan(repo, audit.id)


def check_viewer(repo: Repository, audit: AuditRow, reviewer: str, viewer: str) -> None:
    """Refuse to show ``reviewer``'s answers to someone else while the audit is blinded.

    Costs nothing when the viewers are the same person (the reviewer's own form).
    """
    if normalize_text(reviewer) == normalize_text(viewer) or audit.phase != REVIEW:
        return
    if has_review_plan(repo, audit.id):
        raise Blinded(f"the audit '{audit.name}' is in its review phase: each reviewer sees only "
                      f"their own answers, so {viewer} cannot open {reviewer}'s")


def require_ended(audit: AuditRow) -> None:
    """Refuse to compare reviewers' answers before the team leader has ended the review phase."""
    if audit.phase == REVIEW:
        raise Blinded(f"the audit '{audit.name}' is in its review phase: the reviewers' answers "
                      "are compared once the team leader ends it (audit-app audit phase "
                      f"'{audit.name}' reconcile)")


def review_ended(audit: AuditRow) -> bool:
    """Whether the team leader has ended the review phase (reviewers' answers are then kept)."""
    return audit.phase != REVIEW


def require_review_phase(audit: AuditRow) -> None:
    """Refuse to write a reviewer's answer once the team leader has ended the review phase."""
    if review_ended(audit):
        raise ReviewEnded(f"the review phase of the audit '{audit.name}' has ended (phase: "
                          f"{audit.phase}): reviewers' answers can no longer be changed; the team "
                          f"leader records consensus answers (audit-app reconcile '{audit.name}' "
                          f"decide), or reopens the review (audit-app audit phase '{audit.name}' "
                          "review)")


def require_unblinded(repo: Repository, audit: AuditRow, what: str | None = None) -> None:
    """Refuse while the audit is blinded (a colleague review in its review phase).

    ``what`` names what waits (the agreement, the report...) in the message.
    """
    if not blinded(repo, audit):
        return
    if what is None:
        require_ended(audit)
    raise Blinded(f"the audit '{audit.name}' is in its review phase: each reviewer sees only "
                  f"their own answers, so {what} waits until the team leader ends it "
                  f"(audit-app audit phase '{audit.name}' reconcile)")


def check_unblinded(ctx: AppContext, audit_ref: str, what: str) -> None:
    """``require_unblinded`` in a unit of work of its own, for a service that reads elsewhere."""
    with ctx.db.unit_of_work() as repo:
        require_unblinded(repo, find_audit(repo, audit_ref), what)


def is_blinded(ctx: AppContext, audit_ref: str) -> bool:
    """``blinded`` in a unit of work of its own: whether views of every reviewer's answers wait."""
    with ctx.db.unit_of_work() as repo:
        return blinded(repo, find_audit(repo, audit_ref))


def audit_phase(ctx: AppContext, audit_ref: str) -> str:
    """The audit's phase: review, reconcile or closed."""
    with ctx.db.unit_of_work() as repo:
        return find_audit(repo, audit_ref).phase


def change_phase(ctx: AppContext, audit_ref: str, phase: str,
                 reason: str | None = None) -> tuple[str, str]:
    """Move the audit to ``phase`` (the team leader ends or reopens a phase); returns (old, new).

    Any phase may follow any other, so a review can be reopened; each change is logged.
    """
    if phase not in PHASES:
        raise InputRejected(f"'{phase}' is not a phase; use one of {', '.join(PHASES)}")
    clean = normalize_text(reason or "") or None
    if clean and contains_identity_number(clean):
        raise InputRejected("the reason contains a personal identity number")
    with ctx.db.unit_of_work() as repo:
        audit = find_audit(repo, audit_ref)
        old = audit.phase
        set_phase(repo, audit, phase, ctx.actor, clean)
        return old, phase


def visible_history(entries: Iterable[HistoryEntry], viewer: str) -> list[HistoryEntry]:
    """The history entries a blinded reviewer may see: their own answers and comments only."""
    me = normalize_text(viewer)
    return [e for e in entries
            if (e.reviewer is not None and normalize_text(e.reviewer) == me)
            or (e.reviewer is None and not e.action.startswith(("answer", "comment", "consensus")))]


def answer_history_for(ctx: AppContext, audit_ref: str, case_label: str, question_id: str,
                       viewer: str | None = None) -> list[HistoryEntry]:
    """``history.answer_history`` as ``viewer`` (default: the acting user) may see it.

    While the audit is blinded, other reviewers' answers, comments and any consensus are left
    out; afterwards the whole history shows.
    """
    from audit_app.services.history import answer_history

    with ctx.db.unit_of_work() as repo:
        hidden = blinded(repo, find_audit(repo, audit_ref))
    entries = answer_history(ctx, audit_ref, case_label, question_id)
    return visible_history(entries, viewer or ctx.actor) if hidden else entries
