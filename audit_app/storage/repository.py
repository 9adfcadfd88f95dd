"""Queries and writes for audits, cases, answers and consensus; every answer write logs the change."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from audit_app.storage.models import (
    AnswerRow,
    AuditRow,
    CaseRow,
    ChangeRow,
    ConsensusRow,
    GenomlysningRow,
    utcnow,
)


@dataclass(frozen=True, slots=True)
class AnswerWrite:
    """One answer to store in a bulk write; ``comment=None`` with ``keep_comment`` leaves it."""

    case_id: int
    case_label: str
    question_id: str
    reviewer: str
    value: str
    comment: str | None
    keep_comment: bool = False


@dataclass(frozen=True)
class StoredAnswer:
    """The plain columns of a stored answer, for fast reading."""

    id: int
    case_id: int
    question_id: str
    reviewer: str
    value: str
    comment: str | None


@dataclass(frozen=True, slots=True)
class StoredCase:
    """The plain columns of a stored case that reviewing needs, for fast reading."""

    id: int
    audit_id: str
    label: str
    fields_json: str
    excluded_reason: str | None
    completed_by: str | None


#: The driver's form of a timestamp per dialect name (see Repository._db_now).
_TIME_PROCESSORS: dict[str, object] = {}


class Repository:
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
        return list(self.session.exec(select(AnswerRow).where(AnswerRow.audit_id == audit_id)))

    def answer_rows(self, audit_id: str) -> list[StoredAnswer]:
        """Every reviewer answer of an audit as plain tuples (no ORM objects: fast for big audits)."""
        rows = self._fetchall("SELECT id, case_id, question_id, reviewer, value, comment "
                              "FROM answer WHERE audit_id = ?", (audit_id,))
        return [StoredAnswer(*row) for row in rows]

    def answer_values(self, audit_id: str) -> list[tuple[int, str, str, str]]:
        """(case id, question id, reviewer, value) of every answer, read through the driver."""
        return self._fetchall("SELECT case_id, question_id, reviewer, value FROM answer "
                              "WHERE audit_id = ?", (audit_id,))

    def _fetchall(self, sql: str, params: tuple[object, ...]) -> list[tuple]:  # type: ignore[type-arg]
        """Rows of a query run through the driver cursor (no per-row processing)."""
        connection = self.session.connection()
        if connection.dialect.paramstyle != "qmark":
            sql = sql.replace("?", "%s")
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def _executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """Run one statement for many rows through the driver (``?`` marks become the driver's)."""
        if not rows:
            return
        connection = self.session.connection()
        if connection.dialect.paramstyle != "qmark":
            sql = sql.replace("?", "%s")
        connection.exec_driver_sql(sql, rows)  # type: ignore[arg-type]

    def _db_time(self, moment: object) -> object:
        """A timestamp as the driver receives it, processed once by the column type."""
        dialect = self.session.connection().dialect
        column_type = ChangeRow.__table__.c.at.type.dialect_impl(dialect)  # type: ignore[attr-defined]
        processor = column_type.bind_processor(dialect)
        return processor(moment) if processor else moment

    def bulk_put_answers(self, audit_id: str, writes: list[AnswerWrite], actor: str,
                         reason: str | None = None) -> tuple[int, int, int]:
        """Store many answers at once, logging each change; returns (created, updated, unchanged)."""
        existing = {(a.case_id, a.question_id, a.reviewer): a for a in self.answer_rows(audit_id)}
        now = self._db_time(utcnow())
        inserts: list[tuple[object, ...]] = []
        updates: list[tuple[object, ...]] = []
        logs: list[tuple[object, ...]] = []
        unchanged = 0
        for w in writes:
            old = existing.get((w.case_id, w.question_id, w.reviewer))
            comment = old.comment if (w.keep_comment and old is not None) else w.comment
            if old is None:
                inserts.append((audit_id, w.case_id, w.question_id, w.reviewer, w.value, comment,
                                now))
                logs.append((now, actor, audit_id, w.case_label, w.question_id, w.reviewer,
                             "answer-set", None, w.value, reason))
                continue
            if old.value == w.value and old.comment == comment:
                unchanged += 1
                continue
            updates.append((w.value, comment, now, old.id))
            if old.value != w.value:
                logs.append((now, actor, audit_id, w.case_label, w.question_id, w.reviewer,
                             "answer-changed", old.value, w.value, reason))
            if old.comment != comment:
                logs.append((now, actor, audit_id, w.case_label, w.question_id, w.reviewer,
                             "comment", old.comment, comment, reason))
        self._executemany("INSERT INTO answer (audit_id, case_id, question_id, reviewer, value, "
                          "comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", inserts)
        self._executemany("UPDATE answer SET value = ?, comment = ?, updated_at = ? WHERE id = ?",
                          updates)
        self._executemany("INSERT INTO change_log (at, actor, audit_id, case_label, question_id, "
                          "reviewer, action, old_value, new_value, reason) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", logs)
        return len(inserts), len(updates), unchanged

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
        if row is not None and row.comment != new_comment:
            self.log(actor, audit_id, case.label, question_id=question_id, reviewer=reviewer,
                     action="comment", old_value=row.comment, new_value=new_comment, reason=reason)
        if row is None:
            row = AnswerRow(audit_id=audit_id, case_id=case.id, question_id=question_id,
                            reviewer=reviewer, value=value, comment=new_comment)
        else:
            row.value, row.comment, row.updated_at = value, new_comment, utcnow()
        self.session.add(row)
        return True

    # -- answers through the driver (the case form's path: one answer per transaction) -------
    def audit_version(self, audit_id: str) -> tuple[object, ...] | None:
        """Every column of an audit but its frozen template text, as the driver reads them.

        Equal versions mean an unchanged audit (the text is checked by its sha256 column).
        """
        columns = ", ".join(c.name for c in AuditRow.__table__.columns  # type: ignore[attr-defined]
                            if c.name != "template_text")
        rows = self._fetchall(f"SELECT {columns} FROM audit WHERE id = ?", (audit_id,))
        return tuple(rows[0]) if rows else None

    def stored_case(self, audit_id: str, label: str) -> StoredCase | None:
        """The case with this label in an audit, as plain columns."""
        rows = self._fetchall("SELECT id, audit_id, label, fields_json, excluded_reason, "
                              "completed_by FROM audit_case WHERE audit_id = ? AND label = ?",
                              (audit_id, label))
        return StoredCase(*rows[0]) if rows else None

    def own_answers(self, case_id: int, reviewer: str) -> list[StoredAnswer]:
        """One reviewer's answers to one case, as plain columns."""
        rows = self._fetchall("SELECT id, case_id, question_id, reviewer, value, comment "
                              "FROM answer WHERE case_id = ? AND reviewer = ?",
                              (case_id, reviewer))
        return [StoredAnswer(*row) for row in rows]

    def write_answer(self, audit_id: str, case_id: int, case_label: str,
                     old: StoredAnswer | None, question_id: str, reviewer: str,
                     value: str | None, comment: str | None, actor: str, *,
                     keep_comment: bool = False, reason: str | None = None) -> bool:
        """``put_answer`` through the driver, given the answer as just read (``old``, or None).

        Writes the same rows and change-log entries in the caller's transaction. Returns
        whether anything changed.
        """
        now = self._db_now()
        if value is None:
            if old is None:
                return False
            self._execute("DELETE FROM answer WHERE id = ?", (old.id,))
            self._log_rows([(now, actor, audit_id, case_label, question_id, reviewer,
                             "answer-cleared", old.value, None, reason)])
            return True
        new_comment = old.comment if (keep_comment and old is not None) else comment
        if old is not None and old.value == value and old.comment == new_comment:
            return False
        logs: list[tuple[object, ...]] = [
            (now, actor, audit_id, case_label, question_id, reviewer,
             "answer-set" if old is None else "answer-changed",
             None if old is None else old.value, value, reason)]
        if old is None:
            self._execute("INSERT INTO answer (audit_id, case_id, question_id, reviewer, value, "
                          "comment, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          (audit_id, case_id, question_id, reviewer, value, new_comment, now))
        else:
            self._execute("UPDATE answer SET value = ?, comment = ?, updated_at = ? WHERE id = ?",
                          (value, new_comment, now, old.id))
            if old.comment != new_comment:
                logs.append((now, actor, audit_id, case_label, question_id, reviewer, "comment",
                              old.comment, new_comment, reason))
        self._log_rows(logs)
        return True

    def write_completed_by(self, case: StoredCase, completed_by: str | None, actor: str,
                           reviewer: str, action: str) -> None:
        """``set_completed_by`` through the driver for a case read with ``stored_case``."""
        now = self._db_now()
        self._execute("UPDATE audit_case SET completed_by = ?, updated_at = ? WHERE id = ?",
                      (completed_by, now, case.id))
        self._log_rows([(now, actor, case.audit_id, case.label, None, reviewer, action,
                         case.completed_by, completed_by, None)])

    def log_entry(self, actor: str, audit_id: str, case_label: str | None = None, *,
                  action: str, question_id: str | None = None, reviewer: str | None = None,
                  old_value: str | None = None, new_value: str | None = None,
                  reason: str | None = None) -> None:
        """``log`` through the driver: one change-log entry in the caller's transaction."""
        self._log_rows([(self._db_now(), actor, audit_id, case_label, question_id, reviewer,
                         action, old_value, new_value, reason)])

    def _log_rows(self, rows: list[tuple[object, ...]]) -> None:
        """Change-log entries as (at, actor, audit, case, question, reviewer, action, old, new,
        reason) tuples."""
        sql = ("INSERT INTO change_log (at, actor, audit_id, case_label, question_id, reviewer, "
               "action, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for row in rows:
            self._execute(sql, row)

    def _execute(self, sql: str, params: tuple[object, ...]) -> None:
        """One statement through the driver cursor, in the session's transaction."""
        connection = self.session.connection()
        if connection.dialect.paramstyle != "qmark":
            sql = sql.replace("?", "%s")
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
        finally:
            cursor.close()

    def _db_now(self) -> object:
        """The current time as the driver receives it (the column type's processor, cached)."""
        dialect = self.session.connection().dialect
        processor = _TIME_PROCESSORS.get(dialect.name)
        if processor is None:
            column_type = ChangeRow.__table__.c.at.type.dialect_impl(dialect)  # type: ignore[attr-defined]
            processor = column_type.bind_processor(dialect) or (lambda moment: moment)
            _TIME_PROCESSORS[dialect.name] = processor
        return processor(utcnow())  # type: ignore[operator]

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
