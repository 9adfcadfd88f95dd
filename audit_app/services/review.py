"""Reviewing one case: a reviewer's own answers, applicability, completeness and answer history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum, StrEnum

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, derive_value
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.template import Question, Section, Template
from audit_app.domain.values import (
    Value,
    ValueError_,
    decode_value,
    display_value,
    encode_value,
    match_option,
    normalize_text,
    parse_choice,
    parse_date,
    parse_multi,
    parse_number,
)
from audit_app.services.audits import OpenedAudit, case_record, open_audit, open_audit_cached
from audit_app.services.blinding import check_viewer
from audit_app.services.context import AppContext
from audit_app.storage.models import AnswerRow, CaseRow
from audit_app.storage.repository import Repository, StoredAnswer, StoredCase

#: What a reviewer may give as an answer: text to parse, a set of option codes, or None to clear.
AnswerInput = str | float | frozenset[str] | None

#: Separates reviewer names in the case's ``completed_by`` column.
_REVIEWER_SEPARATOR = "|"


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  #: pass as ``comment`` to leave an answer's comment as it is


class InvalidAnswer(InputRejected):
    """An answer or comment that does not fit its question; ``code`` is the import error code."""

    def __init__(self, code: str, message: str, question_id: str) -> None:
        super().__init__(message)
        self.code = code
        self.question_id = question_id


class Progress(StrEnum):
    """How far one reviewer has come with one case."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class SectionProgress:
    """Answered and applicable questions of one section for one reviewer."""

    section_id: str
    answered: int
    applicable: int
    required_missing: int

    @property
    def complete(self) -> bool:
        """Every applicable required question has an answer."""
        return self.required_missing == 0


@dataclass(frozen=True)
class CaseForm:
    """One case as one reviewer sees it: the case's facts, own answers and what applies."""

    audit_id: str
    audit_name: str
    template: Template
    case: CaseRecord
    reviewer: str
    answers: Mapping[str, Value]
    comments: Mapping[str, str]
    applicable: frozenset[str]
    marked_complete: bool

    @property
    def label(self) -> str:
        """The case's label."""
        return self.case.label

    @property
    def gaps(self) -> list[str]:
        """Applicable required questions without an answer, in template order."""
        return [q.id for q in self.template.questions
                if q.required and q.id in self.applicable and q.id not in self.answers]

    @property
    def unanswered(self) -> list[str]:
        """Every applicable question without an answer (optional ones too), in template order."""
        return [q.id for q in self.template.questions
                if q.id in self.applicable and q.id not in self.answers]

    def section_progress(self, section: Section) -> SectionProgress:
        """Completeness of one section."""
        applicable = [q for q in section.questions if q.id in self.applicable]
        answered = sum(1 for q in applicable if q.id in self.answers)
        missing = sum(1 for q in applicable if q.required and q.id not in self.answers)
        return SectionProgress(section.id, answered, len(applicable), missing)

    @property
    def answered_count(self) -> int:
        """Number of applicable questions answered."""
        return sum(1 for q in self.applicable if q in self.answers)

    @property
    def progress(self) -> Progress:
        """Not started, in progress, complete (marked and without gaps) or excluded."""
        if not self.case.included:
            return Progress.EXCLUDED
        if self.marked_complete and not self.gaps:
            return Progress.COMPLETE
        return Progress.IN_PROGRESS if self.answers else Progress.NOT_STARTED

    def field_value(self, field_id: str) -> Value | None:
        """A case field's value; a derived field is computed from its source."""
        case_field = self.template.field(field_id)
        if case_field is None:
            return None
        if case_field.derived_from is not None:
            try:
                return derive_value(case_field, self.case.fields.get(case_field.derived_from))
            except ValueError_:
                return None
        return self.case.fields.get(field_id)

    def field_display(self, field_id: str) -> str:
        """A case field as a reader sees it (option label, number without .0), or ''."""
        case_field = self.template.field(field_id)
        value = self.field_value(field_id)
        if case_field is None or value is None:
            return ""
        return display_value(case_field.kind, value, case_field.choices)


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


# -- reading ---------------------------------------------------------------------------------
def completed_reviewers(case: CaseRow | StoredCase) -> frozenset[str]:
    """The reviewers who marked a case complete."""
    return frozenset(r for r in (case.completed_by or "").split(_REVIEWER_SEPARATOR) if r)


def find_case(repo: Repository, audit: OpenedAudit, label: str) -> CaseRow:
    """A case of an audit by its label."""
    case = repo.case_by_label(audit.id, label)
    if case is None:
        raise NotFound(f"no case '{label}' in the audit '{audit.name}'")
    return case


@dataclass(frozen=True, eq=False)
class _Shape:
    """What applicability needs of a template, worked out once per template."""

    question_ids: frozenset[str]
    conditional: tuple[Question, ...]  # questions with a condition, in template order
    referenced: tuple[str, ...]  # every name a condition reads, sorted


_SHAPES: dict[int, tuple[Template, _Shape]] = {}
#: Questions that apply, by (shape, case fields, answers to the names conditions read): nothing
#: else decides it. Bounded; a new shape for a template only makes old entries unused.
_APPLICABLE: dict[tuple[object, ...], frozenset[str]] = {}


def _shape(template: Template) -> _Shape:
    hit = _SHAPES.get(id(template))
    if hit is not None and hit[0] is template:
        return hit[1]
    questions = template.questions
    conditional = tuple(q for q in questions if q.condition is not None)
    referenced = tuple(sorted({name for q in conditional if q.condition is not None
                               for name in q.condition.names}))
    shape = _Shape(frozenset(q.id for q in questions), conditional, referenced)
    if len(_SHAPES) >= 64:
        _SHAPES.clear()
    _SHAPES[id(template)] = (template, shape)  # the template is kept, so its id stays its own
    return shape


def applicable_questions(template: Template, case: CaseRecord,
                         answers: Mapping[str, Value], reviewer: str) -> frozenset[str]:
    """The questions that apply to a case given its fields and one reviewer's own answers.

    An excluded case is judged as if it were included, so its form keeps its shape.
    """
    shape = _shape(template)
    if not shape.conditional:
        return shape.question_ids
    key = (shape, tuple(case.fields.items()), tuple(answers.get(n) for n in shape.referenced))
    known = _APPLICABLE.get(key)
    if known is not None:
        return known
    # A question without a condition applies to an included case; only conditions need asking.
    record = CaseRecord(case.label, case.fields, None)
    own = CaseAnswers(by_reviewer={q: {reviewer: v} for q, v in answers.items()})
    resolver = CaseResolver(template, record, own)
    hidden = [q.id for q in shape.conditional if not resolver.applies(q.id)]
    applicable = shape.question_ids.difference(hidden) if hidden else shape.question_ids
    if len(_APPLICABLE) >= 4096:
        _APPLICABLE.clear()
    _APPLICABLE[key] = applicable
    return applicable


def build_form(audit: OpenedAudit, case: CaseRow | StoredCase,
               rows: Iterable[AnswerRow | StoredAnswer], reviewer: str) -> CaseForm:
    """A case form from stored rows; answers to questions no longer in the template are left out."""
    template = audit.template
    answers: dict[str, Value] = {}
    comments: dict[str, str] = {}
    for row in rows:
        question = template.question(row.question_id)
        if row.reviewer != reviewer or question is None:
            continue
        answers[row.question_id] = decode_value(question.type, row.value)
        if row.comment:
            comments[row.question_id] = row.comment
    record = case_record(template, case)
    return CaseForm(audit.id, audit.name, template, record, reviewer, answers, comments,
                    applicable_questions(template, record, answers, reviewer),
                    reviewer in completed_reviewers(case))


def load_case(repo: Repository, audit_ref: str, case_label: str,
              reviewer: str) -> tuple[OpenedAudit, CaseRow, CaseForm]:
    """An audit, one of its cases and the reviewer's form of it, in a unit of work."""
    audit = open_audit(repo, audit_ref)
    case = find_case(repo, audit, case_label)
    assert case.id is not None
    return audit, case, build_form(audit, case, repo.answers_for_case(case.id), reviewer)


def _stored_case(repo: Repository, audit: OpenedAudit, label: str) -> StoredCase:
    """``find_case`` as plain columns read through the driver."""
    case = repo.stored_case(audit.id, label)
    if case is None:
        raise NotFound(f"no case '{label}' in the audit '{audit.name}'")
    return case


def open_case(ctx: AppContext, audit_ref: str, case_label: str, reviewer: str) -> CaseForm:
    """Open one case of an audit for a reviewer."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit_cached(repo, audit_ref)
        case = _stored_case(repo, audit, case_label)
        check_viewer(repo, audit.row, reviewer, ctx.actor)
        return build_form(audit, case, repo.own_answers(case.id, reviewer), reviewer)


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
        case = _stored_case(repo, audit, case_label)
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
    if case is None:
        case = _stored_case(repo, audit, case_label)
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
        repo.write_completed_by(case, _REVIEWER_SEPARATOR.join(sorted(remaining)) or None,
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
                  if question.id in _shape(before.template).referenced else before.applicable)
    return replace(before, answers=answers, comments=comments, applicable=applicable)


def check_reviewer(name: str) -> str:
    """A reviewer name as stored: trimmed, non-empty, at most 100 characters, without '|'."""
    clean = normalize_text(name)
    if not clean or len(clean) > 100 or _REVIEWER_SEPARATOR in clean:
        raise InputRejected(f"'{name}' is not a usable reviewer name (1-100 characters, no '|')")
    return clean


# -- completing ------------------------------------------------------------------------------
def set_completed(repo: Repository, audit: OpenedAudit, case: CaseRow, reviewers: frozenset[str],
                  actor: str, reviewer: str, action: str) -> None:
    """Record which reviewers have marked a case complete, and log the change."""
    repo.set_completed_by(case, _REVIEWER_SEPARATOR.join(sorted(reviewers)) or None, actor,
                          reviewer, action)
