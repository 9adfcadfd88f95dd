"""Final-answer resolution for one case: applicability, consensus, agreement between reviewers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from audit_app.domain.template import CaseField, Question, Template
from audit_app.domain.values import Value, ValueError_, values_equal


class Status(StrEnum):
    """The state of one question for one case under the counting rules (DESIGN section 6)."""

    NOT_APPLICABLE = "not_applicable"
    ANSWERED = "answered"
    UNRESOLVED = "unresolved"
    MISSING = "missing"


NOT_APPLICABLE, ANSWERED = Status.NOT_APPLICABLE, Status.ANSWERED
UNRESOLVED, MISSING = Status.UNRESOLVED, Status.MISSING


@dataclass(frozen=True)
class CaseRecord:
    """A case as the counting rules see it: its label, entered field values and exclusion."""

    label: str
    fields: Mapping[str, Value]
    excluded_reason: str | None = None

    @property
    def included(self) -> bool:
        """Cases without an exclusion reason are counted."""
        return not self.excluded_reason


@dataclass
class CaseAnswers:
    """Every stored answer of one case: per question, per reviewer; and the consensus answers."""

    by_reviewer: dict[str, dict[str, Value]] = field(default_factory=dict)
    consensus: dict[str, Value] = field(default_factory=dict)

    def add(self, question_id: str, reviewer: str, value: Value) -> None:
        """Record one reviewer's answer."""
        self.by_reviewer.setdefault(question_id, {})[reviewer] = value


def derive_value(case_field: CaseField, source: Value | None) -> str | None:
    """The bin code of a derived field for its source value; ValueError_ when no bin holds it."""
    if source is None:
        return None
    if not isinstance(source, float | int):
        return None
    for b in case_field.bins or []:
        if b.contains(float(source)):
            return b.code
    raise ValueError_(
        "out-of-range", f"{source:g} falls in no class of '{case_field.id}' ({case_field.label})"
    )


def resolve(question: Question, consensus: Mapping[str, Value],
            by_reviewer: Mapping[str, Mapping[str, Value]]) -> tuple[Status, Value | None]:
    """The status and final answer of a question that applies to a case (DESIGN section 6).

    The consensus answer if one is recorded; else the reviewers' answer when all who answered
    agree (:func:`values_equal`); else unresolved, or missing without any answer.
    """
    question_id = question.id
    if question_id in consensus:
        return ANSWERED, consensus[question_id]
    per_reviewer = by_reviewer.get(question_id)
    if not per_reviewer:
        return MISSING, None
    if len(per_reviewer) == 1:
        return ANSWERED, next(iter(per_reviewer.values()))
    if len(per_reviewer) == 2:  # the usual double review, without building a list
        first, second = per_reviewer.values()
        agree = first == second or values_equal(question.type, first, second)
    else:
        first, *others = per_reviewer.values()
        kind = question.type
        agree = all(v == first or values_equal(kind, first, v) for v in others)
    return (ANSWERED, first) if agree else (UNRESOLVED, None)


class CaseResolver:
    """Resolves applicability and final answers for one case, lazily and in dependency order.

    A question's condition may name other questions; their final answers are resolved first
    (the template validator guarantees there is no cycle).
    """

    def __init__(self, template: Template, case: CaseRecord, answers: CaseAnswers) -> None:
        self._template = template
        self._case = case
        self._answers = answers
        self._included = case.included
        #: Whether the case is counted, and its answers (read by the tables' fast path).
        self.included = case.included
        self.answers = answers
        self._consensus = answers.consensus
        self._by_reviewer = answers.by_reviewer
        self._status: dict[str, Status] = {}
        self._final: dict[str, Value] = {}

    def value(self, name: str) -> Value | None:
        """The value a condition sees for a name: a case field or a question's final answer."""
        case_field = self._template.field(name)
        if case_field is not None:
            if case_field.derived_from is not None:
                source = self._case.fields.get(case_field.derived_from)
                try:
                    return derive_value(case_field, source)
                except ValueError_:
                    return None
            return self._case.fields.get(name)
        if self._template.question(name) is not None:
            self.status(name)
            return self._final.get(name)
        return None

    def status(self, question_id: str) -> Status:
        """The question's status for this case."""
        cached = self._status.get(question_id)
        if cached is not None:
            return cached
        question = self._template.question(question_id)
        if question is None:
            raise KeyError(question_id)
        return self.status_of(question)

    def status_of(self, question: Question) -> Status:
        """The status of a question object of this template (the hot path of the tables)."""
        question_id = question.id
        result = self._status.get(question_id)
        if result is not None:
            return result
        condition = question.condition
        if not self._included or (condition is not None and not condition.evaluate(self.value)):
            result = NOT_APPLICABLE
        else:
            result, final = resolve(question, self._consensus, self._by_reviewer)
            if result is ANSWERED:
                self._final[question_id] = final  # type: ignore[assignment]
        self._status[question_id] = result
        return result

    def final(self, question_id: str) -> Value | None:
        """The final answer of an applicable, resolved question, else None."""
        self.status(question_id)
        return self._final.get(question_id)

    def final_value(self, question_id: str) -> Value | None:
        """The final answer once the status is known (no recomputation)."""
        return self._final.get(question_id)

    def applies(self, question_id: str) -> bool:
        """Whether the question applies to this (included) case."""
        return self.status(question_id) is not Status.NOT_APPLICABLE
