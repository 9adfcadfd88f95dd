"""The tables an export shows, counted once from one read of the audit, with their small-cell mask.

A *view* is one table JSON of the audit: the whole sample (``"*"``), one breakdown (``"unit"``),
or a two-way breakdown (``"unit*gender"``, :mod:`audit_app.domain.cross_tables`). Every export
masks its cells over the same *protected set* of views, so a count hidden in one file is hidden
the same way in every other: the whole sample, each standard breakdown (the stratifying case
fields and the derived ones, such as age group), district x gender when the template has both,
and whatever else the export asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from audit_app.domain.cross_tables import build_cross_tables
from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver
from audit_app.domain.table_masks import NO_MASK, TablesMask, mask_exports
from audit_app.domain.tables import BreakdownError, Resolutions, build_tables
from audit_app.domain.template import Template
from audit_app.services.audit_settings import small_cell_limit
from audit_app.services.audits import load_records, open_audit
from audit_app.services.bulk_work import collector_paused
from audit_app.services.context import AppContext

GENDER_FIELD = "gender"
UNIT_FIELD = "unit"
ALL = "*"
#: (by, by2): the breakdown of a view; (None, None) is the whole sample.
Breakdown = tuple[str | None, str | None]
Progress = Callable[[int, int], None]


def view_name(by: str | None, by2: str | None = None) -> str:
    """The name of a view: ``"*"``, the breakdown's id, or ``"by*by2"``."""
    if by is None:
        return ALL
    return f"{by}*{by2}" if by2 else by


def standard_breakdowns(template: Template) -> list[str]:
    """One sheet each in the workbook: the stratifying case fields, then the derived ones."""
    fields = [f for f in template.case_fields if f.kind == "choice" and f.stratify]
    fields += [f for f in template.case_fields if f.kind == "choice" and f.is_derived and not f.stratify]
    return [f.id for f in fields]


def gender_within(template: Template) -> tuple[str, str] | None:
    """(unit field, gender field) when the template has both as choice fields, else None."""
    gender = template.field(GENDER_FIELD)
    if gender is None or gender.kind != "choice" or len(gender.choices) < 2:
        return None
    unit = template.field(UNIT_FIELD)
    if unit is None or unit.kind != "choice":
        unit = next((f for f in template.case_fields if f.stratify and f.kind == "choice"
                     and f.id != GENDER_FIELD), None)
    return None if unit is None else (unit.id, gender.id)


def protected_set(template: Template) -> list[Breakdown]:
    """The views every export is masked over (see the module docstring)."""
    out: list[Breakdown] = [(None, None), *((b, None) for b in standard_breakdowns(template))]
    pair = gender_within(template)
    if pair is not None:
        out += [b for b in ((pair[1], None), pair) if b not in out]
    return out


@dataclass
class TableViews:
    """Counted views of one audit and the mask every export of them prints through."""

    template: Template
    limit: int | None
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    mask: TablesMask = NO_MASK

    def get(self, by: str | None, by2: str | None = None) -> dict[str, Any]:
        """The view of a breakdown (it must have been counted)."""
        return self.views[view_name(by, by2)]


def count_view(template: Template, cases: list[CaseRecord], answers: Mapping[str, CaseAnswers],
               by: str | None, by2: str | None = None, *, audit_id: str | None = None,
               audit_name: str = "", shared: dict[str, CaseResolver] | None = None) -> dict[str, Any]:
    """One view, counted by the domain (``build_tables`` / ``build_cross_tables``).

    ``shared``: the cases' resolvers kept between the views of one read (see ``build_tables``).
    """
    try:
        if by2:
            if by is None:
                raise InputRejected("a second breakdown needs a first one (--by)")
            return build_cross_tables(template, cases, answers, by=by, by2=by2, audit_id=audit_id,
                                      audit_name=audit_name, shared=shared)
        return build_tables(template, cases, answers, by=by, audit_id=audit_id, audit_name=audit_name,
                            shared=shared)
    except BreakdownError as exc:
        raise InputRejected(exc.message) from None


def count_views(template: Template, cases: list[CaseRecord], answers: Mapping[str, CaseAnswers],
                wanted: Sequence[Breakdown], limit: int | None, *, audit_id: str | None = None,
                audit_name: str = "", progress: Progress | None = None,
                steps_after: int = 0, shared: Resolutions | None = None,
                counted: TableViews | None = None) -> TableViews:
    """Count the wanted views (and, with a small-cell limit, the protected set) and mask them.

    ``progress(done, total)`` is called after each view and after the mask, counting
    ``steps_after`` more steps that the caller will report. ``shared``: the resolutions of
    earlier counts over the same cases and answers; ``counted``: views counted earlier from them
    with the same limit, reused as they are (their mask too when no other view is counted), so
    the result is the same as counting everything at once.
    """
    result = TableViews(template, limit)
    todo: list[Breakdown] = list(dict.fromkeys(wanted))
    if limit is not None:  # the protected set first, in its order: the same mask for every export
        protected = protected_set(template)
        todo = protected + [b for b in todo if b not in protected]
    total = len(todo) + 1 + steps_after
    if shared is None:
        shared = Resolutions()  # each case's final answers resolved once for every view
    before = counted.views if counted is not None and counted.limit == limit else {}
    for done, (by, by2) in enumerate(todo, 1):
        name = view_name(by, by2)
        view = before.get(name)
        if view is None:
            view = count_view(template, cases, answers, by, by2, audit_id=audit_id,
                              audit_name=audit_name, shared=shared)
        result.views[name] = view
        if progress is not None:
            progress(done, total)
    if counted is not None and before and list(result.views) == list(before):
        result.mask = counted.mask  # the same views in the same order: the same mask
    else:
        result.mask = mask_exports(result.views, limit,
                                   {q.id for q in template.questions if q.condition is None})
    if progress is not None:
        progress(len(todo) + 1, total)
    return result


@dataclass
class AuditRead:
    """One read of an audit, to count views from now or later.

    A view counted later reuses every final answer resolved for the views before it.
    """

    template: Template
    cases: list[CaseRecord]
    answers: dict[str, CaseAnswers]
    limit: int | None
    audit_id: str
    audit_name: str
    shared: Resolutions = field(default_factory=Resolutions)

    def count(self, wanted: Sequence[Breakdown], *, progress: Progress | None = None,
              steps_after: int = 0, counted: TableViews | None = None) -> TableViews:
        """:func:`count_views` of this read (``counted``: views counted from it before)."""
        with collector_paused():
            return count_views(self.template, self.cases, self.answers, wanted, self.limit,
                               audit_id=self.audit_id, audit_name=self.audit_name,
                               progress=progress, steps_after=steps_after, shared=self.shared,
                               counted=counted)


def read_audit(ctx: AppContext, audit_ref: str, *,
               limit: int | None | Literal["audit"] = "audit") -> AuditRead:
    """Read an audit's cases and answers once (``limit`` "audit": the audit's setting)."""
    with collector_paused():
        with ctx.db.unit_of_work() as repo:
            audit = open_audit(repo, audit_ref)
            cases, answers = load_records(repo, audit)
        return AuditRead(audit.template, cases, answers,
                         small_cell_limit(audit) if limit == "audit" else (limit or None),
                         audit.id, audit.name)


def load_views(ctx: AppContext, audit_ref: str, wanted: Sequence[Breakdown], *,
               limit: int | None | Literal["audit"] = "audit", progress: Progress | None = None,
               steps_after: int = 0) -> TableViews:
    """Read the audit once and :func:`count_views` (``limit`` "audit": the audit's setting)."""
    with collector_paused():
        return read_audit(ctx, audit_ref, limit=limit).count(wanted, progress=progress,
                                                            steps_after=steps_after)


def audit_cross_tables(ctx: AppContext, audit_ref: str, by: str, by2: str) -> dict[str, Any]:
    """The raw two-way table (``tables AUDIT --by BY --by2 BY2 --format json``)."""
    return load_views(ctx, audit_ref, [(by, by2)], limit=None).get(by, by2)
