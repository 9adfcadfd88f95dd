"""The window's gateway to the services: one reviewer, one data directory, signals on change.

Services are imported on first use so that the first window appears before the database layer
has loaded.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from audit_app.gui.settings import Settings

if TYPE_CHECKING:
    from audit_app.domain.diagnostics import Diagnostic
    from audit_app.services.audits import AuditSummary
    from audit_app.services.cases import (
        AuditProgress,
        CaseChange,
        CaseList,
        Completion,
    )
    from audit_app.services.context import AppContext
    from audit_app.services.history import HistoryEntry
    from audit_app.services.imports import ImportResult
    from audit_app.services.instance import InstanceLock
    from audit_app.services.review import (
        AnswerChange,
        AnswerInput,
        CaseForm,
    )
    from audit_app.services.templates import TemplateInfo


class Session(QObject):
    """Calls the use cases for the current reviewer and announces what they changed."""

    saved = Signal(object)  # local datetime of the last durable write
    answer_changed = Signal(object)  # AnswerChange
    cases_changed = Signal(str)  # audit id
    audits_changed = Signal()

    def __init__(self, ctx: AppContext | Callable[[], AppContext], settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._lock = threading.Lock()
        self._make_ctx: Callable[[], AppContext] | None = None
        self._ctx: AppContext | None = None
        self._window_lock: InstanceLock | None = None
        self._holding = False  # this window holds its database (see hold_database)
        #: Why the last automatic backup failed, if it did (shown after an import).
        self.backup_problem: str | None = None
        if callable(ctx):
            self._make_ctx = ctx
        else:
            self._use(ctx)

    @property
    def ctx(self) -> AppContext:
        """The application context, made on first use (it loads the database layer)."""
        with self._lock:
            if self._ctx is None:
                assert self._make_ctx is not None
                self._use(self._make_ctx())
        assert self._ctx is not None
        return self._ctx

    def _use(self, ctx: AppContext) -> None:
        # The change log names who made each change: the reviewer of these settings.
        ctx.actor = self.settings.reviewer
        self._ctx = ctx

    def close(self) -> None:
        """A rotating backup (when due), then close the database and give its lock up."""
        if self._ctx is not None:
            if self._holding:
                self.auto_backup()
            self._ctx.close()
        if self._window_lock is not None:
            self._window_lock.release()
            self._window_lock = None
        self._holding = False

    def hold_database(self) -> None:
        """Take the database's window lock; AlreadyOpen when another window holds it."""
        from audit_app.services.instance import hold_database

        if not self._holding:
            self._window_lock = hold_database(self.ctx)
            self._holding = True

    def restore_newest_backup(self) -> Path:
        """Restore the newest intact backup over a damaged database (kept beside it)."""
        from audit_app.services.integrity import restore_newest_good_backup

        return restore_newest_good_backup(self.ctx)

    def auto_backup(self) -> None:
        """A rotating backup unless one is recent; a failure is kept in ``backup_problem``."""
        from audit_app.domain.diagnostics import AuditAppError
        from audit_app.services.backup import auto_backup

        try:
            auto_backup(self.ctx)
            self.backup_problem = None
        except AuditAppError as exc:
            self.backup_problem = exc.message

    @property
    def reviewer(self) -> str:
        """The name answers are stored under."""
        return self.settings.reviewer

    def _saved(self) -> None:
        self.saved.emit(dt.datetime.now().astimezone())

    # -- audits --------------------------------------------------------------------------------
    def audits(self) -> list[tuple[AuditSummary, AuditProgress | None]]:
        """Every audit with this reviewer's progress."""
        from audit_app.services.audits import list_audits
        from audit_app.services.cases import audit_progress

        progress = audit_progress(self.ctx, self.reviewer)
        return [(a, progress.get(a.id)) for a in list_audits(self.ctx)]

    def bundled_templates(self) -> list[TemplateInfo]:
        """The templates shipped with the program."""
        from audit_app.services.templates import bundled_templates

        return bundled_templates()

    def validate_template(self, path: str) -> list[Diagnostic]:
        """Every problem of a template file."""
        from audit_app.services.templates import validate_template

        return validate_template(path)

    def create_audit(self, template_ref: str, name: str) -> str:
        """Create an audit; returns its id."""
        from audit_app.services.audits import create_audit

        audit_id = create_audit(self.ctx, template_ref, name)
        self._saved()
        self.audits_changed.emit()
        return audit_id

    def create_demo(self) -> str:
        """Create (or restore) the demo audit; returns its id. Runs in a worker thread."""
        from audit_app.services.demo import create_demo

        return create_demo(self.ctx)

    # -- cases ---------------------------------------------------------------------------------
    def cases(self, audit_id: str) -> CaseList:
        """The audit's cases with this reviewer's progress."""
        from audit_app.services.cases import list_cases

        return list_cases(self.ctx, audit_id, self.reviewer)

    def add_case(self, audit_id: str, label: str, fields: Mapping[str, str | None],
                 allow_identifiers: bool = False) -> CaseChange:
        """Add a case."""
        from audit_app.services.cases import add_case

        change = add_case(self.ctx, audit_id, label, fields, reviewer=self.reviewer,
                          allow_identifiers=allow_identifiers)
        self._case_written(audit_id)
        return change

    def edit_case(self, audit_id: str, label: str, fields: Mapping[str, str | None],
                  allow_identifiers: bool = False, new_label: str | None = None) -> CaseChange:
        """Change a case's fields, and its label when ``new_label`` differs (logged)."""
        from audit_app.services.cases import edit_case

        change = edit_case(self.ctx, audit_id, label, fields, reviewer=self.reviewer,
                           allow_identifiers=allow_identifiers, new_label=new_label)
        self._case_written(audit_id)
        return change

    def exclude_case(self, audit_id: str, label: str, reason: str) -> CaseChange:
        """Exclude a case with a reason."""
        from audit_app.services.cases import exclude_case

        change = exclude_case(self.ctx, audit_id, label, reason, reviewer=self.reviewer)
        self._case_written(audit_id)
        return change

    def include_case(self, audit_id: str, label: str) -> CaseChange:
        """Count an excluded case again."""
        from audit_app.services.cases import include_case

        change = include_case(self.ctx, audit_id, label, reviewer=self.reviewer)
        self._case_written(audit_id)
        return change

    def _case_written(self, audit_id: str) -> None:
        self._saved()
        self.cases_changed.emit(audit_id)

    def import_cases(self, audit_id: str, path: str | Path,
                     allow_identifiers: bool = False) -> ImportResult:
        """Import cases from CSV (all or nothing), then a rotating backup. Safe in a worker thread."""
        from audit_app.services.imports import import_cases

        result = import_cases(self.ctx, audit_id, path, allow_identifiers=allow_identifiers)
        self.auto_backup()
        return result

    def import_answers(self, audit_id: str, path: str | Path,
                       allow_identifiers: bool = False) -> ImportResult:
        """Import answers from CSV under this reviewer unless the file names one; then a backup."""
        from audit_app.services.imports import import_answers

        result = import_answers(self.ctx, audit_id, path, reviewer=self.reviewer,
                                allow_identifiers=allow_identifiers)
        self.auto_backup()
        return result

    def imported(self, audit_id: str) -> None:
        """Announce a finished import (called on the GUI thread)."""
        self._case_written(audit_id)

    # -- review --------------------------------------------------------------------------------
    def open_case(self, audit_id: str, label: str) -> CaseForm:
        """One case as this reviewer sees it."""
        from audit_app.services.review import open_case

        return open_case(self.ctx, audit_id, label, self.reviewer)

    def set_answer(self, audit_id: str, label: str, question_id: str, raw: AnswerInput, *,
                   allow_identifiers: bool = False) -> AnswerChange:
        """Store an answer at once."""
        from audit_app.services.review import set_answer

        return self._answered(set_answer(self.ctx, audit_id, label, question_id, raw,
                                         reviewer=self.reviewer,
                                         allow_identifiers=allow_identifiers))

    def set_comment(self, audit_id: str, label: str, question_id: str, comment: str | None, *,
                    allow_identifiers: bool = False) -> AnswerChange:
        """Store an answer's comment at once."""
        from audit_app.services.review import set_comment

        return self._answered(set_comment(self.ctx, audit_id, label, question_id, comment,
                                          reviewer=self.reviewer,
                                          allow_identifiers=allow_identifiers))

    def restore(self, change: AnswerChange, *, undo: bool) -> AnswerChange:
        """Undo or redo an earlier answer change."""
        from audit_app.services.review import restore_answer

        return self._answered(restore_answer(self.ctx, change, undo=undo))

    def _answered(self, change: AnswerChange) -> AnswerChange:
        if change.changed:
            self._saved()
            self.answer_changed.emit(change)
        return change

    def mark_complete(self, audit_id: str, label: str) -> Completion:
        """Mark a case complete, or learn its gaps."""
        from audit_app.services.cases import mark_complete

        result = mark_complete(self.ctx, audit_id, label, self.reviewer)
        if result.completed:
            self._case_written(audit_id)
        return result

    def reopen_case(self, audit_id: str, label: str) -> CaseForm:
        """Withdraw the mark that a case is complete."""
        from audit_app.services.cases import reopen_case

        form = reopen_case(self.ctx, audit_id, label, self.reviewer)
        self._case_written(audit_id)
        return form

    def history(self, audit_id: str, label: str, question_id: str) -> list[HistoryEntry]:
        """The logged changes of one answer (only the reviewer's own while the review is blind)."""
        from audit_app.services.blinding import answer_history_for

        return answer_history_for(self.ctx, audit_id, label, question_id, viewer=self.reviewer)
