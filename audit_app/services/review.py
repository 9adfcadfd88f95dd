"""Reviewing one case: a reviewer's own answers, applicability, completeness and answer history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.reviewers import reviewer_problem
from audit_app.domain.template import Question
from audit_app.domain.values import (
    Value,
    ValueError_,
    decode_value,
    encode_value,
    match_option,
    normalize_text,
    parse_choice,
    parse_date,
    parse_multi,
    parse_number,
)
from audit_app.services.audits import OpenedAudit, open_audit_cached
from audit_app.services.blinding import check_viewer, require_review_phase
from audit_app.services.case_form import (  # the read side; re-exported for callers
    REVIEWER_SEPARATOR,
    CaseForm,
    applicable_questions,
    build_form,
    completed_reviewers,
    stored_case_of,
    template_shape,
)
from audit_app.services.case_form import Progress as Progress
from audit_app.services.case_form import SectionProgress as SectionProgress
from audit_app.services.case_form import find_case as find_case
from audit_app.services.case_form import load_case as load_case
from audit_app.services.case_form import open_case as open_case
from audit_app.services.context import AppContext
from audit_app.storage.models import CaseRow
from audit_app.storage.repository import Repository, StoredAnswer, StoredCase

#: What a reviewer may give as an answer: text to parse, a set of option codes, or None to clear.
AnswerInput = str | float | frozenset[str] | None


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  #: pass as ``comment`` to leave an answer's comment as it is


class InvalidAnswer(InputRejected):
    """An answer or comment that does not fit its question; ``code`` is the import error code."""

    def __init__(self, code: str, message: str, question_id: str) -> None:
        super().__init__(message)
        self.code = code
        self.question_id = question_id


@dataclass(frozen=True)
class AnswerChange:
    """What one answer write changed: old and new stored text, and which questions came or went."""

    audit_id: str
    case_label: str
    question_id: str
    reviewer: str
    old_value: str | None
    new_value: str | None
    old_comment: str | None
    new_comment: str | None
    changed: bool
    shown: frozenset[str]
    hidden: frozenset[str]
    form: CaseForm
    identifiers_allowed: bool = False
    reopened: bool = False


# -- answering -------------------------------------------------------------------------------
def _question(audit: OpenedAudit, question_id: str) -> Question:
    question = audit.template.question(question_id)
    if question is None:
        raise NotFound(f"no question '{question_id}' in the template")
    return question


def parse_answer(question: Question, raw: AnswerInput) -> Value | None:
    """A reviewer's input as a value of the question's type; None (or empty) clears the answer."""
    if raw is None or (isinstance(raw, str | frozenset) and not raw):
        return None
    options = question.options or []
    try:
        if isinstance(raw, frozenset):
            if question.type != "multi":
                raise ValueError_("invalid-option", "a set of options needs a multi question")
            return frozenset(match_option(code, options) for code in raw)
        text = raw if isinstance(raw, str) else repr(float(raw))
        if not text.strip():
            return None
        if question.type == "choice":
            return parse_choice(text, options)
        if question.type == "multi":
            return parse_multi(text, options)
        if question.type == "number":
            return parse_number(text, integer=question.integer, minimum=question.min,
                                maximum=question.max)
        if question.type == "date":
            return parse_date(text)
        return normalize_text(text)
    except ValueError_ as exc:
        raise InvalidAnswer(exc.code, exc.message, question.id) from None


def _checked_comment(question: Question, comment: str | None, allow_identifiers: bool) -> str | None:
    clean = normalize_text(comment or "")
    if clean and contains_identity_number(clean) and not allow_identifiers:
        raise InvalidAnswer("personal-identity-number",
                            "the comment contains a personal identity number", question.id)
    return clean or None


def set_answer(ctx: AppContext, audit_ref: str, case_label: str, question_id: str,
               raw: AnswerInput, *, reviewer: str, comment: str | None | _Keep = KEEP,
               allow_identifiers: bool = False, reason: str | None = None) -> AnswerChange:
    """Set, change or (with None or empty input) clear a reviewer's answer, logging the change.

    Text answers and comments holding a personal identity number are refused unless
    ``allow_identifiers``, which is logged. Clearing an answer also drops its comment.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit_cached(repo, audit_ref)
        question = _question(audit, question_id)
        value = parse_answer(question, raw)
        if (question.type == "text" and isinstance(value, str) and not allow_identifiers
                and contains_identity_number(value)):
            raise InvalidAnswer("personal-identity-number",
                                "the answer contains a personal identity number", question_id)
        text = None if value is None else encode_value(question.type, value,
                                                       question.options or [])
        new_comment = None if isinstance(comment, _Keep) else _checked_comment(
            question, comment, allow_identifiers)
        return _write(ctx, repo, audit, case_label, question, reviewer, text, new_comment,
                      keep_comment=isinstance(comment, _Keep), allow_identifiers=allow_identifiers,
                      reason=reason)


def set_comment(ctx: AppContext, audit_ref: str, case_label: str, question_id: str,
                comment: str | None, *, reviewer: str,
                allow_identifiers: bool = False) -> AnswerChange:
    """Change the comment of an existing answer (a comment needs an answer to belong to)."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit_cached(repo, audit_ref)
        question = _question(audit, question_id)
        case = stored_case_of(repo, audit, case_label)
        rows = repo.own_answers(case.id, reviewer)
        row = next((r for r in rows if r.question_id == question_id), None)
        new_comment = _checked_comment(question, comment, allow_identifiers)
        if row is None:
            if new_comment is None:
                return _write(ctx, repo, audit, case_label, question, reviewer, None, None,
                              case=case, rows=rows)
            raise InvalidAnswer("comment-without-answer",
                                "answer the question before commenting on it", question_id)
        return _write(ctx, repo, audit, case_label, question, reviewer, row.value, new_comment,
                      allow_identifiers=allow_identifiers, case=case, rows=rows)


def restore_answer(ctx: AppContext, change: AnswerChange, *, undo: bool) -> AnswerChange:
    """Put back the answer before (``undo``) or after (redo) an earlier change, logging it."""
    value, comment = ((change.old_value, change.old_comment) if undo
                      else (change.new_value, change.new_comment))
    with ctx.db.unit_of_work() as repo:
        audit = open_audit_cached(repo, change.audit_id)
        question = _question(audit, change.question_id)
        return _write(ctx, repo, audit, change.case_label, question, change.reviewer, value,
                      comment, allow_identifiers=change.identifiers_allowed,
                      reason="undo" if undo else "redo")


def _write(ctx: AppContext, repo: Repository, audit: OpenedAudit, case_label: str,
           question: Question, reviewer: str, text: str | None, comment: str | None, *,
           keep_comment: bool = False, allow_identifiers: bool = False,
           reason: str | None = None, case: StoredCase | None = None,
           rows: list[StoredAnswer] | None = None) -> AnswerChange:
    """Store one answer in the caller's unit of work and describe what changed.

    Reads and writes plain rows through the driver: the case, the reviewer's answers to it,
    then the answer and its change-log entries, all in the caller's transaction. ``case`` and
    ``rows`` (read under the name given) save reading them again.
    """
    name, reviewer = reviewer, check_reviewer(reviewer)
    check_viewer(repo, audit.row, reviewer, ctx.actor)
    require_review_phase(audit.row)
    if case is None:
        case = stored_case_of(repo, audit, case_label)
    if rows is None or name != reviewer:
        rows = repo.own_answers(case.id, reviewer)
    before = build_form(audit, case, rows, reviewer)
    old = next((r for r in rows if r.question_id == question.id), None)
    old_value, old_comment = (None, None) if old is None else (old.value, old.comment)
    changed = repo.write_answer(audit.id, case.id, case.label, old, question.id, reviewer, text,
                                comment, ctx.actor, keep_comment=keep_comment, reason=reason)
    if changed and allow_identifiers:
        repo.log_entry(ctx.actor, audit.id, case.label, action="identifiers-allowed",
                       question_id=question.id, reviewer=reviewer, reason=reason or "answer")
    after = _changed_form(before, question, text, comment, keep_comment) if changed else before
    reopened = after.marked_complete and bool(after.gaps)
    if reopened:
        # A complete case must stay without gaps: a change that opens one withdraws the mark.
        remaining = completed_reviewers(case) - {reviewer}
        repo.write_completed_by(case, REVIEWER_SEPARATOR.join(sorted(remaining)) or None,
                                ctx.actor, reviewer, "case-reopened")
        after = replace(after, marked_complete=False)
    new_comment = (old_comment if keep_comment else comment) if text is not None else None
    return AnswerChange(audit.id, case.label, question.id, reviewer, old_value, text,
                        old_comment, new_comment, changed,
                        shown=after.applicable - before.applicable,
                        hidden=before.applicable - after.applicable, form=after,
                        identifiers_allowed=allow_identifiers, reopened=reopened)


def _changed_form(before: CaseForm, question: Question, text: str | None, comment: str | None,
                  keep_comment: bool) -> CaseForm:
    """The form after one answer write, computed without reading the answers again."""
    answers, comments = dict(before.answers), dict(before.comments)
    if text is None:
        answers.pop(question.id, None)
        comments.pop(question.id, None)
    else:
        answers[question.id] = decode_value(question.type, text)
        if not keep_comment:
            comments.pop(question.id, None)
            if comment:
                comments[question.id] = comment
    # Only an answer some condition reads can change what applies.
    applicable = (applicable_questions(before.template, before.case, answers, before.reviewer)
                  if question.id in template_shape(before.template).referenced else before.applicable)
    return replace(before, answers=answers, comments=comments, applicable=applicable)


def check_reviewer(name: str) -> str:
    """A reviewer name as stored: trimmed, non-empty, at most 100 characters, without '|'."""
    problem = reviewer_problem(name)
    if problem is not None:
        raise InputRejected(problem[1])
    return normalize_text(name)


# -- completing ------------------------------------------------------------------------------
def set_completed(repo: Repository, audit: OpenedAudit, case: CaseRow, reviewers: frozenset[str],
                  actor: str, reviewer: str, action: str) -> None:
    """Record which reviewers have marked a case complete, and log the change."""
    repo.set_completed_by(case, REVIEWER_SEPARATOR.join(sorted(reviewers)) or None, actor,
                          reviewer, action)
