"""The review template (granskningsmall) as a typed model: case fields, sections, questions, options."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from audit_app.domain.conditions import Condition

OptionKind = Literal["value", "not_documented", "not_applicable"]
QuestionType = Literal["choice", "multi", "number", "date", "text"]
FieldType = Literal["choice", "number", "text", "date"]

#: Question types whose answers are option codes.
OPTION_TYPES: frozenset[str] = frozenset({"choice", "multi"})


class _Strict(BaseModel):
    """Base for template parts: unknown keys are errors and values are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Option(_Strict):
    """One answer alternative of a choice or multi question, or of a choice case field."""

    code: str = Field(description="Identifier stored in answers and CSV files")
    label: str = Field(description="Text shown to the reviewer")
    kind: OptionKind = Field(
        default="value",
        description="value, or not_documented / not_applicable for the 'cannot tell' alternatives",
    )


class Bin(_Strict):
    """One class of a derived case field: a number from ``min`` to ``max`` inclusive."""

    code: str
    label: str
    min: float
    max: float

    def contains(self, value: float) -> bool:
        """Whether ``value`` falls in this bin (both ends inclusive)."""
        return self.min <= value <= self.max


class QualityArea(_Strict):
    """One of the quality areas (kvalitetsområden) findings are grouped by."""

    id: str
    label: str
    description: str | None = None


class CaseField(_Strict):
    """A fact about a case entered when the case is added (unit, gender, age ...), or derived."""

    id: str
    label: str
    type: FieldType | None = Field(default=None, description="Omitted for a derived field")
    stratify: bool = Field(default=False, description="Offered first as a table breakdown")
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    derived_from: str | None = Field(default=None, description="Number field this one bins")
    bins: list[Bin] | None = None
    help: str | None = None

    @property
    def is_derived(self) -> bool:
        """True for a field computed from another through ``bins``."""
        return self.derived_from is not None

    @property
    def kind(self) -> str:
        """The field's effective type; derived fields behave as choices over their bins."""
        return "choice" if self.is_derived else (self.type or "text")

    @property
    def choices(self) -> list[Option]:
        """The options of a choice field, or the bins of a derived field as options."""
        if self.is_derived:
            return [Option(code=b.code, label=b.label) for b in self.bins or []]
        return list(self.options or [])


class Question(_Strict):
    """One question of the template, answered per case by each reviewer."""

    id: str
    text: str
    type: QuestionType
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str | None = None
    applies_when: str | None = Field(
        default=None, description="Condition in the template condition language"
    )
    help: str | None = None
    reference: str | None = Field(default=None, description="Legal or guideline reference")
    quality_area: str | None = None
    required: bool = True

    @cached_property
    def condition(self) -> Condition | None:
        """The parsed ``applies_when`` condition, or None when the question always applies."""
        from audit_app.domain.conditions import parse_condition

        return None if self.applies_when is None else parse_condition(self.applies_when)

    def option(self, code: str) -> Option | None:
        """The option with this code, or None."""
        for opt in self.options or []:
            if opt.code == code:
                return opt
        return None


class Section(_Strict):
    """A group of questions shown together, usually one theme of the audit."""

    id: str
    title: str
    quality_area: str | None = None
    help: str | None = None
    questions: list[Question]


class Template(_Strict):
    """A whole review template (``format: 1``)."""

    format: Literal[1]
    id: str
    version: int
    title: str
    description: str | None = None
    quality_areas: list[QualityArea] = Field(default_factory=list)
    case_fields: list[CaseField] = Field(default_factory=list)
    sections: list[Section]

    @cached_property
    def questions(self) -> list[Question]:
        """Every question in template order."""
        return [q for s in self.sections for q in s.questions]

    @cached_property
    def _question_index(self) -> dict[str, tuple[Question, Section]]:
        return {q.id: (q, s) for s in self.sections for q in s.questions}

    @cached_property
    def _field_index(self) -> dict[str, CaseField]:
        return {f.id: f for f in self.case_fields}

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        hit = self._question_index.get(question_id)
        return hit[0] if hit else None

    def section_of(self, question_id: str) -> Section:
        """The section holding a question (KeyError for an unknown id)."""
        return self._question_index[question_id][1]

    def field(self, field_id: str) -> CaseField | None:
        """The case field with this id, or None."""
        return self._field_index.get(field_id)

    def quality_area_of(self, question: Question) -> str | None:
        """The question's quality area, else its section's, else None."""
        return question.quality_area or self.section_of(question.id).quality_area

    def quality_area_label(self, area_id: str | None) -> str | None:
        """The label of a quality area id."""
        for area in self.quality_areas:
            if area.id == area_id:
                return area.label
        return None

    @property
    def input_fields(self) -> list[CaseField]:
        """Case fields entered by a person (every field that is not derived)."""
        return [f for f in self.case_fields if not f.is_derived]
