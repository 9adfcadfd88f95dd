"""Queries and writes for audits, cases, answers and consensus; every answer write logs the change."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from audit_app.storage.driver_access import (  # noqa: E402  re-exported row types
    AnswerWrite,
    DriverAccess,
    StoredAnswer,
    StoredCase,
)
from audit_app.storage.models import (
    AnswerRow,
    AuditRow,
    CaseRow,
    ChangeRow,
    ConsensusRow,
    GenomlysningRow,
    utcnow,
)

__all__ = ["AnswerWrite", "Repository", "StoredAnswer", "StoredCase"]


class Repository(DriverAccess):
    """Data access for one unit of work (one session, one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- audits -------------------------------------------------------------------------------
    def add_audit(self, audit: AuditRow, actor: str) -> None:
        """Store a new audit and log its creation."""
        self.session.add(audit)
        self.log(actor, audit.id, action="audit-created", new_value=audit.name)

    def audit_by_id(self, audit_id: str) -> AuditRow | None:
        """The audit with this id."""
        return self.session.get(AuditRow, audit_id)

    def audit_by_name(self, name: str) -> AuditRow | None:
        """The audit with this exact name."""
        return self.session.exec(select(AuditRow).where(AuditRow.name == name)).first()

    def audits(self) -> list[AuditRow]:
        """Every audit, oldest first."""
        return list(self.session.exec(select(AuditRow).order_by(col(AuditRow.created_at))))

    def case_counts(self) -> dict[str, int]:
        """Number of cases per audit id."""
        rows = self.session.exec(
            select(CaseRow.audit_id, func.count(col(CaseRow.id))).group_by(col(CaseRow.audit_id))
        )
        return {audit_id: int(n) for audit_id, n in rows}

    # -- cases --------------------------------------------------------------------------------
    def cases(self, audit_id: str) -> list[CaseRow]:
        """Every case of an audit in the order they were added."""
        stmt = select(CaseRow).where(CaseRow.audit_id == audit_id).order_by(col(CaseRow.id))
        return list(self.session.exec(stmt))

    def case_by_label(self, audit_id: str, label: str) -> CaseRow | None:
        """The case with this label in an audit."""
        stmt = select(CaseRow).where(CaseRow.audit_id == audit_id, CaseRow.label == label)
        return self.session.exec(stmt).first()

    def rename_case(self, case: CaseRow, label: str) -> None:
        """Give a case a new label (the caller checks it and logs the rename)."""
        case.label = label
        case.updated_at = utcnow()
        self.session.add(case)
        self.session.flush()

    def save_case(
        self,
        case: CaseRow,
        fields: dict[str, str],
        excluded_reason: str | None,
        actor: str,
        reason: str | None = None,
    ) -> bool:
        """Create or update a case; logs each changed field. Returns whether anything changed."""
        old_fields: dict[str, str] = json.loads(case.fields_json or "{}")
        is_new = case.id is None
        changed = is_new
        for key in sorted(set(old_fields) | set(fields)):
            if old_fields.get(key) != fields.get(key):
                changed = True
                if not is_new:
                    self.log(actor, case.audit_id, case.label, action="case-field", question_id=key,
                             old_value=old_fields.get(key), new_value=fields.get(key), reason=reason)
        if (case.excluded_reason or None) != (excluded_reason or None):
            changed = True
            self.log(actor, case.audit_id, case.label, action="case-excluded" if excluded_reason
                     else "case-included", old_value=case.excluded_reason,
                     new_value=excluded_reason, reason=reason)
        if not changed:
            return False
        case.fields_json = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        case.excluded_reason = excluded_reason or None
        case.updated_at = utcnow()
        self.session.add(case)
        if is_new:
            self.session.flush()
            self.log(actor, case.audit_id, case.label, action="case-added",
                     new_value=case.fields_json, reason=reason)
        return True

    def set_completed_by(self, case: CaseRow, completed_by: str | None, actor: str,
                         reviewer: str, action: str) -> None:
        """Record who has marked a case complete (encoded by the caller), logging the change."""
        old = case.completed_by
        case.completed_by = completed_by
        case.updated_at = utcnow()
        self.session.add(case)
        self.log(actor, case.audit_id, case.label, action=action, reviewer=reviewer,
                 old_value=old, new_value=completed_by)

    # -- answers ------------------------------------------------------------------------------
    def answers(self, audit_id: str) -> list[AnswerRow]:
        """Every reviewer answer in an audit."""
        cases = select(CaseRow.id).where(CaseRow.audit_id == audit_id)
        return list(self.session.exec(select(AnswerRow).where(
            col(AnswerRow.case_id).in_(cases), AnswerRow.audit_id == audit_id)))

    def answers_for_case(self, case_id: int) -> list[AnswerRow]:
        """Every reviewer answer of one case."""
        return list(self.session.exec(select(AnswerRow).where(AnswerRow.case_id == case_id)))

    def answer(self, case_id: int, question_id: str, reviewer: str) -> AnswerRow | None:
        """One reviewer's answer to one question of one case."""
        stmt = select(AnswerRow).where(
            AnswerRow.case_id == case_id,
            AnswerRow.question_id == question_id,
            AnswerRow.reviewer == reviewer,
        )
        return self.session.exec(stmt).first()

    def put_answer(
        self,
        audit_id: str,
        case: CaseRow,
        question_id: str,
        reviewer: str,
        value: str | None,
        comment: str | None,
        actor: str,
        *,
        keep_comment: bool = False,
        reason: str | None = None,
    ) -> bool:
        """Set (or with ``value=None`` clear) an answer, logging the old and new value.

        ``keep_comment`` leaves an existing comment as it is. Returns whether anything changed.
        """
        assert case.id is not None
        row = self.answer(case.id, question_id, reviewer)
        if value is None:
            if row is None:
                return False
            self.log(actor, audit_id, case.label, question_id=question_id, reviewer=reviewer,
                     action="answer-cleared", old_value=row.value, reason=reason)
            self.session.delete(row)
            return True
        new_comment = row.comment if (keep_comment and row is not None) else comment
        if row is not None and row.value == value and row.comment == new_comment:
            return False
        self.log(actor, audit_id, case.label, question_id=question_id, reviewer=reviewer,
                 action="answer-set" if row is None else "answer-changed",
                 old_value=None if row is None else row.value, new_value=value, reason=reason)
        old_comment = None if row is None else row.comment
        if old_comment != new_comment:  # a comment given with a new answer is logged too
            self.log(actor, audit_id, case.label, question_id=question_id, reviewer=reviewer,
                     action="comment", old_value=old_comment, new_value=new_comment, reason=reason)
        if row is None:
            row = AnswerRow(audit_id=audit_id, case_id=case.id, question_id=question_id,
                            reviewer=reviewer, value=value, comment=new_comment)
        else:
            row.value, row.comment, row.updated_at = value, new_comment, utcnow()
        self.session.add(row)
        return True

    # -- consensus ----------------------------------------------------------------------------
    def consensus(self, audit_id: str) -> list[ConsensusRow]:
        """Every consensus answer in an audit."""
        stmt = select(ConsensusRow).where(ConsensusRow.audit_id == audit_id)
        return list(self.session.exec(stmt))

    def put_consensus(
        self,
        audit_id: str,
        case: CaseRow,
        question_id: str,
        value: str | None,
        rationale: str | None,
        actor: str,
    ) -> bool:
        """Record (or with ``value=None`` withdraw) the team's agreed answer, logging it."""
        assert case.id is not None
        stmt = select(ConsensusRow).where(
            ConsensusRow.case_id == case.id, ConsensusRow.question_id == question_id
        )
        row = self.session.exec(stmt).first()
        if value is None:
            if row is None:
                return False
            self.log(actor, audit_id, case.label, question_id=question_id,
                     action="consensus-withdrawn", old_value=row.value, reason=rationale)
            self.session.delete(row)
            return True
        if row is not None and row.value == value and row.rationale == rationale:
            return False
        self.log(actor, audit_id, case.label, question_id=question_id,
                 action="consensus-set" if row is None else "consensus-changed",
                 old_value=None if row is None else row.value, new_value=value, reason=rationale)
        if row is None:
            row = ConsensusRow(audit_id=audit_id, case_id=case.id, question_id=question_id,
                               value=value, rationale=rationale, decided_by=actor)
        else:
            row.value, row.rationale, row.decided_by = value, rationale, actor
            row.updated_at = utcnow()
        self.session.add(row)
        return True

    # -- change log ---------------------------------------------------------------------------
    def log(
        self,
        actor: str,
        audit_id: str,
        case_label: str | None = None,
        *,
        action: str,
        question_id: str | None = None,
        reviewer: str | None = None,
        old_value: str | None = None,
        new_value: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Append one entry to the change log (in the caller's transaction)."""
        self.session.add(
            ChangeRow(actor=actor, audit_id=audit_id, case_label=case_label,
                      question_id=question_id, reviewer=reviewer, action=action,
                      old_value=old_value, new_value=new_value, reason=reason)
        )

    def changes(self, audit_id: str, case_label: str | None = None,
                question_id: str | None = None) -> list[ChangeRow]:
        """The change log of an audit, optionally for one case and question, oldest first."""
        stmt = select(ChangeRow).where(ChangeRow.audit_id == audit_id)
        if case_label is not None:
            stmt = stmt.where(ChangeRow.case_label == case_label)
        if question_id is not None:
            stmt = stmt.where(ChangeRow.question_id == question_id)
        return list(self.session.exec(stmt.order_by(col(ChangeRow.id))))

    def add_all(self, rows: Iterable[object]) -> None:
        """Add several new rows."""
        self.session.add_all(list(rows))

    # -- genomlysning -------------------------------------------------------------------------
    def genomlysning(self, audit_id: str) -> list[GenomlysningRow]:
        """The genomlysning figures of an audit, one row per unit."""
        stmt = select(GenomlysningRow).where(GenomlysningRow.audit_id == audit_id)
        return list(self.session.exec(stmt.order_by(col(GenomlysningRow.id))))

    def put_genomlysning(self, audit_id: str, unit: str, active_cases: int, with_plan: int,
                         actor: str, reason: str | None = None) -> bool:
        """Set one unit's figures, logging the old and new ones; returns whether they changed."""
        stmt = select(GenomlysningRow).where(GenomlysningRow.audit_id == audit_id,
                                             GenomlysningRow.unit == unit)
        row = self.session.exec(stmt).first()
        new = {"unit": unit, "active_cases": active_cases, "with_plan": with_plan}
        if row is not None and (row.active_cases, row.with_plan) == (active_cases, with_plan):
            return False
        old = None if row is None else json.dumps(
            {"unit": unit, "active_cases": row.active_cases, "with_plan": row.with_plan})
        self.log(actor, audit_id, action="genomlysning-set" if row is None else "genomlysning-changed",
                 old_value=old, new_value=json.dumps(new), reason=reason)
        if row is None:
            row = GenomlysningRow(audit_id=audit_id, unit=unit, active_cases=active_cases,
                                  with_plan=with_plan, updated_by=actor)
        else:
            row.active_cases, row.with_plan, row.updated_by = active_cases, with_plan, actor
            row.updated_at = utcnow()
        self.session.add(row)
        return True

    def delete_genomlysning(self, audit_id: str, unit: str, actor: str) -> bool:
        """Remove one unit's figures, logging them; returns whether there were any."""
        stmt = select(GenomlysningRow).where(GenomlysningRow.audit_id == audit_id,
                                             GenomlysningRow.unit == unit)
        row = self.session.exec(stmt).first()
        if row is None:
            return False
        self.log(actor, audit_id, action="genomlysning-cleared", old_value=json.dumps(
            {"unit": unit, "active_cases": row.active_cases, "with_plan": row.with_plan}))
        self.session.delete(row)
        return True

    # -- reviewer packages (offline colleague review) -----------------------------------------
    def lock_audit(self, audit_id: str) -> AuditRow | None:
        """The audit row read afresh and locked for this transaction where the engine locks rows.

        Package exchanges rewrite the audit's settings; the lock keeps two of them apart.
        """
        stmt = (select(AuditRow).where(AuditRow.id == audit_id).with_for_update()
                .execution_options(populate_existing=True))
        return self.session.exec(stmt).first()

    def first_logged(self, audit_id: str, action: str, reason: str) -> ChangeRow | None:
        """The oldest change-log entry of an audit with this action and reason."""
        stmt = select(ChangeRow).where(ChangeRow.audit_id == audit_id, ChangeRow.action == action,
                                       ChangeRow.reason == reason).order_by(col(ChangeRow.id))
        return self.session.exec(stmt).first()

    def changes_of_reviewer(self, audit_id: str, reviewer: str) -> list[ChangeRow]:
        """The change-log entries of an audit about one reviewer's answers and cases, oldest first."""
        stmt = select(ChangeRow).where(ChangeRow.audit_id == audit_id,
                                       ChangeRow.reviewer == reviewer).order_by(col(ChangeRow.id))
        return list(self.session.exec(stmt))

    def changes_with_action_prefix(self, audit_id: str, prefix: str) -> list[ChangeRow]:
        """The change-log entries of an audit whose action starts with ``prefix``."""
        stmt = select(ChangeRow).where(ChangeRow.audit_id == audit_id,
                                       col(ChangeRow.action).startswith(prefix))
        return list(self.session.exec(stmt.order_by(col(ChangeRow.id))))

    def planned_cases(self, audit_id: str, reviewer: str | None = None) -> list[str]:
        """Labels of the cases the review plan gives ``reviewer`` (anyone with None), in case order."""
        sql = ("SELECT DISTINCT c.id, c.label FROM review_assignment a JOIN audit_case c "
               "ON c.id = a.case_id WHERE a.audit_id = ?")
        params: tuple[object, ...] = (audit_id,)
        if reviewer is not None:
            sql, params = sql + " AND a.reviewer = ?", (audit_id, reviewer)
        return [label for _id, label in sorted(self._fetchall(sql, params))]
