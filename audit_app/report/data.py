"""Plain data the report is built from: the services fill these in, the builder only reads them.

Nothing here knows about the database or ReportLab. Sequences given as lists or as plain tuples
(``("ja", "Ja", "value")``) are accepted and stored as tuples of the named types below, so a
``ReportData`` is immutable once made.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from audit_app.domain.question_masks import TableMask
    from audit_app.domain.template import Template

#: Chapter keys of ``ReportData.narrative`` (plus ``analys_<quality area id>``).
NARRATIVE_KEYS: tuple[str, ...] = (
    "sammanfattning",
    "inledning",
    "granskningsmetod",
    "urval",
    "utgangspunkter",
    "bakgrund",
    "dialogmoten",
    "jamstalldhet",
)


class OptionInfo(NamedTuple):
    """One answer alternative: code, label and kind (value, not_documented, not_applicable)."""

    code: str
    label: str
    kind: str = "value"


class QualityAreaInfo(NamedTuple):
    """A quality area (kvalitetsområde): id, label and an optional description."""

    id: str
    label: str
    description: str | None = None


def _tuple_of(kind: Any, items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(item if isinstance(item, kind) else kind(*item) for item in items)


def _freeze(obj: object, **converted: object) -> None:
    for name, value in converted.items():
        object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class QuestionInfo:
    """A question as the appendix and the results chapter need it."""

    id: str
    text: str
    type: str
    options: Sequence[OptionInfo] = ()
    reference: str | None = None
    help: str | None = None
    applies_when: str | None = None
    quality_area: str | None = None  # the question's own; the section's applies otherwise

    def __post_init__(self) -> None:
        _freeze(self, options=_tuple_of(OptionInfo, self.options))


@dataclass(frozen=True)
class SectionInfo:
    """A template section with its questions."""

    id: str
    title: str
    quality_area: str | None = None
    questions: Sequence[QuestionInfo] = ()

    def __post_init__(self) -> None:
        _freeze(self, questions=tuple(self.questions))


@dataclass(frozen=True)
class TemplateInfo:
    """The audit's frozen template: identity, quality areas and sections."""

    id: str
    version: int
    title: str
    quality_areas: Sequence[QualityAreaInfo] = ()
    sections: Sequence[SectionInfo] = ()

    def __post_init__(self) -> None:
        _freeze(
            self,
            quality_areas=_tuple_of(QualityAreaInfo, self.quality_areas),
            sections=tuple(self.sections),
        )

    @property
    def questions(self) -> tuple[QuestionInfo, ...]:
        """Every question in template order."""
        return tuple(q for s in self.sections for q in s.questions)

    def question_numbers(self) -> dict[str, str]:
        """Each question's number as the report prints it: section.question, "2.3"."""
        return {
            q.id: f"{s}.{i}"
            for s, section in enumerate(self.sections, 1)
            for i, q in enumerate(section.questions, 1)
        }

    def area_label(self, area_id: str | None) -> str | None:
        """The label of a quality area id, or None."""
        return next((a.label for a in self.quality_areas if a.id == area_id), None)

    @classmethod
    def from_template(cls, template: Template) -> TemplateInfo:
        """Copy what the report needs from a domain template."""
        return cls(
            id=template.id,
            version=template.version,
            title=template.title,
            quality_areas=[QualityAreaInfo(a.id, a.label, a.description) for a in template.quality_areas],
            sections=[
                SectionInfo(
                    id=s.id,
                    title=s.title,
                    quality_area=s.quality_area,
                    questions=[
                        QuestionInfo(
                            id=q.id,
                            text=q.text,
                            type=q.type,
                            options=[OptionInfo(o.code, o.label, o.kind) for o in q.options or []],
                            reference=q.reference,
                            help=q.help,
                            applies_when=q.applies_when,
                            quality_area=q.quality_area,
                        )
                        for q in s.questions
                    ],
                )
                for s in template.sections
            ],
        )


@dataclass(frozen=True)
class SampleFacts:
    """Facts about the sample for the method and sample chapters.

    ``by_field`` maps a case field's label ("Enhet", "Kön", "Status", "Åldersgrupp") to
    ``[(option label, number of included cases)]`` in option order; ``strata`` names the fields
    the sample was stratified by; ``units`` the units (enheter) audited.
    """

    included: int
    excluded: int = 0
    excluded_reasons: Mapping[str, int] = field(default_factory=dict)
    by_field: Mapping[str, Sequence[tuple[str, int]]] = field(default_factory=dict)
    units: Sequence[str] = ()
    strata: Sequence[str] = ()

    def __post_init__(self) -> None:
        _freeze(
            self,
            excluded_reasons=MappingProxyType(dict(self.excluded_reasons)),
            by_field=MappingProxyType(
                {k: tuple((str(lbl), int(n)) for lbl, n in v) for k, v in self.by_field.items()}
            ),
            units=tuple(self.units),
            strata=tuple(self.strata),
        )


@dataclass(frozen=True)
class Vignette:
    """A rewritten, de-identified case example (typexempel) shown in a box.

    With ``quality_area`` set it is printed under that area in the analysis, otherwise in a
    closing "Typexempel" section of the analysis chapter.
    """

    title: str
    text: str
    quality_area: str | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything the PDF report shows.

    ``tables`` is exactly the table JSON of DESIGN section 7 with the chosen breakdown;
    ``gender_tables`` the same JSON broken down by gender (for the gender analysis), or None.
    ``narrative`` maps chapter keys (see ``NARRATIVE_KEYS`` and ``analys_<area id>``) to the
    inspector's text; ``findings`` maps question ids to the accepted or rewritten sentence.
    ``small_cell_limit`` = N hides counts 1..N-1 (see ``suppression``); ``masks`` are the
    exports' masks of every question as the report prints it (``{question id: {"main" or
    "gender": TableMask}}``, :func:`audit_app.domain.table_masks.question_masks`), so the report
    hides what the exports hide; None: the report masks its two tables itself.
    """

    title: str
    organisation: str | None
    author: str
    created: datetime.date
    template: TemplateInfo
    sample: SampleFacts
    tables: Mapping[str, Any]
    gender_tables: Mapping[str, Any] | None = None
    narrative: Mapping[str, str] = field(default_factory=dict)
    findings: Mapping[str, str] = field(default_factory=dict)
    vignettes: Sequence[Vignette] = ()
    small_cell_limit: int | None = None
    masks: Mapping[str, Mapping[str, TableMask]] | None = None

    def __post_init__(self) -> None:
        if self.small_cell_limit is not None and self.small_cell_limit < 2:
            raise ValueError("small_cell_limit must be at least 2 (or None)")
        if "questions" not in self.tables:
            raise ValueError("tables must be the table JSON of DESIGN section 7")
        _freeze(
            self,
            narrative=MappingProxyType(dict(self.narrative)),
            findings=MappingProxyType(dict(self.findings)),
            vignettes=tuple(self.vignettes),
        )

    def text_for(self, key: str) -> str:
        """The inspector's text for a chapter key, stripped; empty when none was written."""
        return (self.narrative.get(key) or "").strip()
