"""An answer's history: every logged change of one question in a case, under its earlier labels too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from audit_app.domain.values import decode_value, display_value
from audit_app.services.audits import open_audit
from audit_app.services.context import AppContext
from audit_app.storage.models import ChangeRow
from audit_app.storage.repository import Repository


@dataclass(frozen=True)
class HistoryEntry:
    """One change-log entry about one answer."""

    at: dt.datetime
    actor: str
    reviewer: str | None
    action: str
    old_value: str | None
    new_value: str | None
    reason: str | None



def answer_history(ctx: AppContext, audit_ref: str, case_label: str,
                   question_id: str) -> list[HistoryEntry]:
    """Every logged change of one question's answers and comments in a case, oldest first.

    Values are shown as a reader sees them (option labels, numbers without .0).
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        question = audit.template.question(question_id)
        rows = _history_rows(repo, audit.id, case_label, question_id)

    def shown(action: str, text: str | None) -> str | None:
        if text is None or question is None or not action.startswith("answer"):
            return text
        return display_value(question.type, decode_value(question.type, text),
                             question.options or [])

    return [HistoryEntry(_aware(r.at), r.actor, r.reviewer, r.action,
                         shown(r.action, r.old_value), shown(r.action, r.new_value), r.reason)
            for r in rows]


def _history_rows(repo: Repository, audit_id: str, label: str,
                  question_id: str) -> list[ChangeRow]:
    """A question's log entries in a case, those logged under its earlier labels included.

    Each label counts between the rename that gave it to this case and the one that took it
    away, so a label used again by a later case does not mix the two cases' histories.
    """
    renames = [(r.id or 0, r.old_value, r.new_value)
               for r in repo.changes_with_action_prefix(audit_id, "case-renamed")]
    rows: list[ChangeRow] = []
    name: str | None = label
    upper: int | None = None  # entries under ``name`` before this rename entry belong here

    def within(entry_id: int, lower: int) -> bool:
        return entry_id > lower and (upper is None or entry_id < upper)

    while name is not None:
        lower = max((i for i, old, _new in renames if old == name and within(i, 0)), default=0)
        rows += [r for r in repo.changes(audit_id, name, question_id) if within(r.id or 0, lower)]
        came = [(i, old) for i, old, new in renames if new == name and within(i, lower)]
        name, upper = (came[-1][1], came[-1][0]) if came else (None, None)
    return sorted(rows, key=lambda r: r.id or 0)


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)

