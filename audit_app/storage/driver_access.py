"""Driver-level reads and writes for the hot paths: bulk imports, the case form, plain-row reads.

The ORM is convenient but costs per row; here SQL runs through the driver cursor. Every answer
write still logs its change in the same transaction, exactly as ``Repository.put_answer`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from sqlmodel import Session

from audit_app.domain.change_checksum import change_checksum, change_checksums
from audit_app.storage.models import AuditRow, ChangeRow, utcnow

_LOG_COLUMNS = ("INSERT INTO change_log (at, actor, audit_id, case_label, question_id, reviewer, "
                "action, old_value, new_value, reason, checksum)")
_INSERT_LOG = _LOG_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ANSWER_COLUMNS = ("INSERT INTO answer (audit_id, case_id, question_id, reviewer, value, comment, "
                   "updated_at)")
#: The answers of an audit, found through its cases by the unique (case, question, reviewer) index.
_OF_AUDIT = "case_id IN (SELECT id FROM audit_case WHERE audit_id = ?) AND audit_id = ?"
#: The most parameters one multi-row INSERT binds (SQLite before 3.32 allows 999).
_MAX_PARAMETERS = 999


def sealed(row: tuple[object, ...]) -> tuple[object, ...]:
    """A change-log row (at, actor, ..., reason) with its checksum appended."""
    return (*row, change_checksum(*row))


class AnswerWrite(NamedTuple):
    """One answer to store in a bulk write; ``comment=None`` with ``keep_comment`` leaves it.

    A named tuple: a bulk write makes one per answer, and a tuple is the cheapest to make.
    """

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


class DriverAccess:
    """Mixin of ``Repository``: the same session, driver-level statements."""

    session: Session

    def answer_rows(self, audit_id: str) -> list[StoredAnswer]:
        """Every reviewer answer of an audit as plain tuples (no ORM objects: fast for big audits)."""
        rows = self._fetchall("SELECT id, case_id, question_id, reviewer, value, comment "
                              f"FROM answer WHERE {_OF_AUDIT}", (audit_id, audit_id))
        return [StoredAnswer(*row) for row in rows]

    def answer_values(self, audit_id: str) -> list[tuple[int, str, str, str]]:
        """(case id, question id, reviewer, value) of every answer, read through the driver."""
        return self._fetchall("SELECT case_id, question_id, reviewer, value FROM answer "
                              f"WHERE {_OF_AUDIT}", (audit_id, audit_id))

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

    def _insert_many(self, insert: str, rows: list[tuple[object, ...]]) -> None:
        """``INSERT ... (columns)`` of many rows, a few hundred per statement (``VALUES (...), ...``).

        The same rows as ``executemany`` would write, in the same order, with far fewer statement
        runs: one multi-row statement costs the driver and the database much less than its rows
        one by one.
        """
        if not rows:
            return
        width = len(rows[0])
        per_statement = max(1, _MAX_PARAMETERS // width)
        connection = self.session.connection()
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        one = "(" + ", ".join([mark] * width) + ")"
        full = f"{insert} VALUES " + ", ".join([one] * per_statement)
        cursor = connection.connection.cursor()
        try:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start:start + per_statement]
                sql = full if len(chunk) == per_statement else (
                    f"{insert} VALUES " + ", ".join([one] * len(chunk)))
                cursor.execute(sql, list(chain.from_iterable(chunk)))
        finally:
            cursor.close()

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
            old = existing.get((w.case_id, w.question_id, w.reviewer)) if existing else None
            comment = old.comment if (w.keep_comment and old is not None) else w.comment
            if old is None:
                inserts.append((audit_id, w.case_id, w.question_id, w.reviewer, w.value, comment,
                                now))
                logs.append((now, actor, audit_id, w.case_label, w.question_id, w.reviewer,
                             "answer-set", None, w.value, reason))
                if comment is not None:  # the comment given with a new answer is history too
                    logs.append((now, actor, audit_id, w.case_label, w.question_id, w.reviewer,
                                 "comment", None, comment, reason))
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
        self._insert_many(_ANSWER_COLUMNS, inserts)
        self._executemany("UPDATE answer SET value = ?, comment = ?, updated_at = ? WHERE id = ?",
                          updates)
        sums = change_checksums(logs)
        self._insert_many(_LOG_COLUMNS, [(*row, checksum) for row, checksum in zip(logs, sums,
                                                                                  strict=True)])
        return len(inserts), len(updates), unchanged

    # -- answers through the driver (the case form's path: one answer per transaction) -------
    def audit_version(self, audit_id: str) -> tuple[object, ...] | None:
        """Every column of an audit but its frozen template text, as the driver reads them.

        Equal versions mean an unchanged audit (the text is checked by its sha256 column).
        """
        columns = ", ".join(c.name for c in AuditRow.__table__.columns  # type: ignore[attr-defined]
                            if c.name != "template_text")
        rows = self._fetchall(f"SELECT {columns} FROM audit WHERE id = ?", (audit_id,))
        return tuple(rows[0]) if rows else None

    def has_review_plan(self, audit_id: str) -> bool:
        """Whether the audit has a review plan, read through the driver (after a pending flush)."""
        if self.session.new:
            self.session.flush()
        return bool(self._fetchall("SELECT 1 FROM review_plan WHERE audit_id = ?", (audit_id,)))

    def stored_case(self, audit_id: str, label: str) -> StoredCase | None:
        """The case with this label in an audit, as plain columns."""
        rows = self._fetchall("SELECT id, audit_id, label, fields_json, excluded_reason, "
                              "completed_by FROM audit_case WHERE audit_id = ? AND label = ?",
                              (audit_id, label))
        return StoredCase(*rows[0]) if rows else None

    def stored_cases(self, audit_id: str) -> list[StoredCase]:
        """Every case of an audit in the order they were added, as plain columns."""
        rows = self._fetchall("SELECT id, audit_id, label, fields_json, excluded_reason, "
                              "completed_by FROM audit_case WHERE audit_id = ? ORDER BY id",
                              (audit_id,))
        return [StoredCase(*row) for row in rows]

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
            if new_comment is not None:  # the comment given with a new answer is history too
                logs.append((now, actor, audit_id, case_label, question_id, reviewer, "comment",
                             None, new_comment, reason))
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
        for row in rows:
            self._execute(_INSERT_LOG, sealed(row))

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
