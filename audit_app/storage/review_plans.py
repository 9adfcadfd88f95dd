"""Queries and writes for a colleague review's plan and phase; every change goes to the change log.

Kept beside ``repository.py`` (whose ``Repository`` it works through) so the review plan's data
access lives in one place.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from audit_app.storage.models import AuditRow, ReviewAssignmentRow, ReviewPlanRow, utcnow
from audit_app.storage.repository import Repository


@dataclass(frozen=True)
class PlannedAssignment:
    """One reviewer of one case as the plan wants it; ``position`` 0 is the primary reviewer."""

    case_id: int
    reviewer: str
    position: int
    double: bool

    def as_log(self) -> str:
        """The assignment as logged: position and whether the case is double-reviewed."""
        return json.dumps({"position": self.position, "double": self.double})


@dataclass(frozen=True)
class PlanChanges:
    """What storing a plan changed."""

    added: list[tuple[int, str]]
    removed: list[tuple[int, str]]
    changed: list[tuple[int, str]]
    settings_changed: bool

    @property
    def any(self) -> bool:
        """Whether anything changed at all."""
        return bool(self.added or self.removed or self.changed or self.settings_changed)


def review_plan(repo: Repository, audit_id: str) -> ReviewPlanRow | None:
    """The audit's review plan settings, or None when no plan was made."""
    return repo.session.get(ReviewPlanRow, audit_id)


def has_review_plan(repo: Repository, audit_id: str) -> bool:
    """Whether the audit has a review plan (a colleague review), read cheaply."""
    return repo.has_review_plan(audit_id)


def assignments(repo: Repository, audit_id: str) -> list[ReviewAssignmentRow]:
    """Every assignment of an audit, by case and position."""
    stmt = (select(ReviewAssignmentRow).where(ReviewAssignmentRow.audit_id == audit_id)
            .order_by(col(ReviewAssignmentRow.case_id), col(ReviewAssignmentRow.position)))
    return list(repo.session.exec(stmt))


def _settings(plan: ReviewPlanRow) -> str:
    return json.dumps({"reviewers": json.loads(plan.reviewers_json), "double_share": plan.double_share,
                       "raters": plan.raters, "seed": plan.seed,
                       "strata": json.loads(plan.strata_json)}, ensure_ascii=False)


def put_review_plan(repo: Repository, plan: ReviewPlanRow, wanted: Sequence[PlannedAssignment],
                    case_labels: dict[int, str], actor: str) -> PlanChanges:
    """Store a plan and its assignments, replacing the earlier ones; logs every difference.

    Answers are never touched: a reviewer taken off a case keeps the answers already given.
    """
    audit_id = plan.audit_id
    old_plan = review_plan(repo, audit_id)
    new_settings = _settings(plan)
    old_settings = None if old_plan is None else _settings(old_plan)
    settings_changed = old_settings != new_settings
    if settings_changed:
        repo.log(actor, audit_id, action="plan-set" if old_plan is None else "plan-changed",
                 old_value=old_settings, new_value=new_settings)
        if old_plan is None:
            repo.session.add(plan)
        else:
            for name in ("reviewers_json", "double_share", "raters", "seed", "strata_json"):
                setattr(old_plan, name, getattr(plan, name))
            old_plan.created_by, old_plan.updated_at = actor, utcnow()
            repo.session.add(old_plan)
    existing = {(a.case_id, a.reviewer): a for a in assignments(repo, audit_id)}
    target = {(w.case_id, w.reviewer): w for w in wanted}
    added: list[tuple[int, str]] = []
    removed: list[tuple[int, str]] = []
    changed: list[tuple[int, str]] = []
    for key, row in existing.items():
        if key not in target:
            removed.append(key)
            old = PlannedAssignment(row.case_id, row.reviewer, row.position, row.double)
            repo.log(actor, audit_id, case_labels.get(row.case_id), action="assignment-removed",
                     reviewer=row.reviewer, old_value=old.as_log())
            repo.session.delete(row)
    for key, w in target.items():
        current = existing.get(key)
        if current is None:
            added.append(key)
            repo.log(actor, audit_id, case_labels.get(w.case_id), action="assignment-added",
                     reviewer=w.reviewer, new_value=w.as_log())
            repo.session.add(ReviewAssignmentRow(audit_id=audit_id, case_id=w.case_id,
                                                 reviewer=w.reviewer, position=w.position,
                                                 double=w.double))
        elif (current.position, current.double) != (w.position, w.double):
            changed.append(key)
            old = PlannedAssignment(current.case_id, current.reviewer, current.position,
                                    current.double)
            repo.log(actor, audit_id, case_labels.get(w.case_id), action="assignment-changed",
                     reviewer=w.reviewer, old_value=old.as_log(), new_value=w.as_log())
            current.position, current.double = w.position, w.double
            current.assigned_at = utcnow()
            repo.session.add(current)
    return PlanChanges(sorted(added), sorted(removed), sorted(changed), settings_changed)


def set_phase(repo: Repository, audit: AuditRow, phase: str, actor: str,
              reason: str | None = None) -> bool:
    """Move an audit to another phase (review, reconcile, closed), logging it."""
    if audit.phase == phase:
        return False
    repo.log(actor, audit.id, action="phase-changed", old_value=audit.phase, new_value=phase,
             reason=reason)
    audit.phase = phase
    repo.session.add(audit)
    return True
