"""A reviewer's case form: progress, applicable questions, and the form as the GUI shows it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from audit_app.domain.diagnostics import NotFound
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, derive_value
from audit_app.domain.template import Question, Section, Template
from audit_app.domain.values import (
    Value,
    ValueError_,
    decode_value,
    display_value,
)
from audit_app.services.audits import OpenedAudit, case_record, open_audit, open_audit_cached
from audit_app.services.blinding import check_viewer, review_ended
from audit_app.services.context import AppContext
from audit_app.storage.models import AnswerRow, CaseRow
from audit_app.storage.repository import Repository, StoredAnswer, StoredCase

#: What a reviewer may give as an answer: text to parse, a set of option codes, or None to clear.
AnswerInput = str | float | frozenset[str] | None

#: Separates reviewer names in the case's ``completed_by`` column.
REVIEWER_SEPARATOR = "|"


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
    review_ended: bool = False  # the review phase is over: the form is read only

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


# -- reading ---------------------------------------------------------------------------------
def completed_reviewers(case: CaseRow | StoredCase) -> frozenset[str]:
    """The reviewers who marked a case complete."""
    return frozenset(r for r in (case.completed_by or "").split(REVIEWER_SEPARATOR) if r)


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


def template_shape(template: Template) -> _Shape:
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
    shape = template_shape(template)
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
                    reviewer in completed_reviewers(case), review_ended(audit.row))


def load_case(repo: Repository, audit_ref: str, case_label: str,
              reviewer: str) -> tuple[OpenedAudit, CaseRow, CaseForm]:
    """An audit, one of its cases and the reviewer's form of it, in a unit of work."""
    audit = open_audit(repo, audit_ref)
    case = find_case(repo, audit, case_label)
    assert case.id is not None
    return audit, case, build_form(audit, case, repo.answers_for_case(case.id), reviewer)


def stored_case_of(repo: Repository, audit: OpenedAudit, label: str) -> StoredCase:
    """``find_case`` as plain columns read through the driver."""
    case = repo.stored_case(audit.id, label)
    if case is None:
        raise NotFound(f"no case '{label}' in the audit '{audit.name}'")
    return case


def open_case(ctx: AppContext, audit_ref: str, case_label: str, reviewer: str) -> CaseForm:
    """Open one case of an audit for a reviewer."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit_cached(repo, audit_ref)
        case = stored_case_of(repo, audit, case_label)
        check_viewer(repo, audit.row, reviewer, ctx.actor)
        return build_form(audit, case, repo.own_answers(case.id, reviewer), reviewer)
