"""An audit's cases: list, add, edit, exclude, include and mark complete (history: services/history.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import derive_value
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.template import CaseField, Template
from audit_app.domain.values import (
    Value,
    ValueError_,
    display_value,
    encode_value,
    match_option,
    normalize_text,
    parse_date,
    parse_number,
)
from audit_app.services.audits import OpenedAudit, frozen_template, open_audit
from audit_app.services.blinding import require_review_phase
from audit_app.services.context import AppContext
from audit_app.services.review import (
    CaseForm,
    Progress,
    build_form,
    check_reviewer,
    completed_reviewers,
    find_case,
    load_case,
    set_completed,
)
from audit_app.storage.models import CaseRow
from audit_app.storage.repository import Repository, StoredAnswer

_MAX_LABEL = 100


class CaseRejected(InputRejected):
    """A case's label or fields were refused; ``problems`` maps ``label`` or a field id to why."""

    code = "invalid-case"

    def __init__(self, problems: Mapping[str, tuple[str, str]]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{key}: {message}" for key, (_c, message) in problems.items()))

    @property
    def codes(self) -> dict[str, str]:
        """The error code per label or field id."""
        return {key: code for key, (code, _m) in self.problems.items()}


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list, for one reviewer."""

    label: str
    fields: Mapping[str, str]
    inputs: Mapping[str, str]
    excluded_reason: str | None
    progress: Progress
    answered: int
    applicable: int
    gaps: int

    @classmethod
    def of(cls, form: CaseForm) -> CaseSummary:
        """Summarise a case form."""
        template = form.template
        return cls(form.label, {f.id: form.field_display(f.id) for f in template.case_fields},
                   field_inputs(form), form.case.excluded_reason, form.progress,
                   form.answered_count, len(form.applicable), len(form.gaps))


@dataclass(frozen=True)
class CaseList:
    """Every case of an audit for one reviewer."""

    audit_id: str
    audit_name: str
    template: Template
    cases: list[CaseSummary]


@dataclass(frozen=True)
class CaseChange:
    """What adding or editing a case changed."""

    label: str
    before: CaseSummary | None
    after: CaseSummary
    changed: bool


@dataclass(frozen=True)
class Completion:
    """The outcome of marking a case complete: done, or refused with the gaps in order."""

    completed: bool
    gaps: tuple[str, ...]
    form: CaseForm

    @property
    def first_gap(self) -> str | None:
        """The first applicable required question without an answer."""
        return self.gaps[0] if self.gaps else None


@dataclass(frozen=True)
class AuditProgress:
    """How far one reviewer has come with an audit: cases marked complete of those included."""

    included: int
    complete: int
    excluded: int
    template_title: str = ""


def field_inputs(form: CaseForm) -> dict[str, str]:
    """The case's entered fields as editable text (option codes, numbers without .0)."""
    out: dict[str, str] = {}
    for case_field in form.template.input_fields:
        value = form.case.fields.get(case_field.id)
        if value is not None:
            out[case_field.id] = (display_value("number", value) if case_field.kind == "number"
                                  else encode_value(case_field.kind, value))
    return out


def list_cases(ctx: AppContext, audit_ref: str, reviewer: str) -> CaseList:
    """Every case of an audit with its fields and the reviewer's progress, in the order added."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        by_case: dict[int, list[StoredAnswer]] = {}
        for row in repo.answer_rows(audit.id):
            if row.reviewer == reviewer:
                by_case.setdefault(row.case_id, []).append(row)
        summaries = [CaseSummary.of(build_form(audit, c, by_case.get(c.id or -1, []), reviewer))
                     for c in repo.cases(audit.id)]
        return CaseList(audit.id, audit.name, audit.template, summaries)


def audit_progress(ctx: AppContext, reviewer: str) -> dict[str, AuditProgress]:
    """Progress of every audit for a reviewer, by audit id, with its template's title.

    Cheap: it reads no answers, and counts the cases marked complete.
    """
    with ctx.db.unit_of_work() as repo:
        out: dict[str, AuditProgress] = {}
        for audit in repo.audits():
            cases = repo.cases(audit.id)
            included = [c for c in cases if not c.excluded_reason]
            done = sum(1 for c in included if reviewer in completed_reviewers(c))
            out[audit.id] = AuditProgress(len(included), done, len(cases) - len(included),
                                          frozen_template(audit).title)
        return out


def _summary(repo: Repository, audit: OpenedAudit, case: CaseRow, reviewer: str) -> CaseSummary:
    rows = repo.answers_for_case(case.id) if case.id is not None else []
    return CaseSummary.of(build_form(audit, case, rows, reviewer))


def parse_field(case_field: CaseField, raw: str | None, *, allow_identifiers: bool) -> Value | None:
    """A case field's input as a value; blank clears it. Raises ValueError_ with an import code."""
    text = normalize_text(raw or "")
    if not text:
        return None
    if case_field.kind == "choice":
        return match_option(text, case_field.choices)
    if case_field.kind == "number":
        return parse_number(text, integer=case_field.integer, minimum=case_field.min,
                            maximum=case_field.max)
    if case_field.kind == "date":
        return parse_date(text)
    if contains_identity_number(text) and not allow_identifiers:
        raise ValueError_("personal-identity-number", "contains a personal identity number")
    return text


def _apply_fields(template: Template, stored: dict[str, str], given: Mapping[str, str | None],
                  allow_identifiers: bool, problems: dict[str, tuple[str, str]]) -> dict[str, str]:
    fields = dict(stored)
    for field_id, raw in given.items():
        case_field = template.field(field_id)
        if case_field is None or case_field.is_derived:
            problems[field_id] = ("unknown-column", f"'{field_id}' is not an entered case field")
            continue
        try:
            value = parse_field(case_field, raw, allow_identifiers=allow_identifiers)
        except ValueError_ as exc:
            problems[field_id] = (exc.code, exc.message)
            continue
        if value is None:
            fields.pop(field_id, None)
        else:
            fields[field_id] = encode_value(case_field.kind, value)
    for derived in (f for f in template.case_fields if f.derived_from):
        source = template.field(derived.derived_from or "")
        if source is None or derived.derived_from not in fields or derived.derived_from in problems:
            continue
        try:
            derive_value(derived, float(fields[derived.derived_from]))
        except (ValueError_, ValueError) as exc:
            problems[derived.derived_from or ""] = ("out-of-range", str(exc))
    return fields


def check_label(label: str, *, allow_identifiers: bool = False) -> str:
    """A case label as stored; CaseRejected when empty, too long or holding an identity number."""
    clean = normalize_text(label)
    if not clean:
        raise CaseRejected({"label": ("empty-value", "the case needs a label")})
    if len(clean) > _MAX_LABEL:
        raise CaseRejected({"label": ("too-long", f"at most {_MAX_LABEL} characters")})
    if contains_identity_number(clean) and not allow_identifiers:
        raise CaseRejected({"label": ("personal-identity-number",
                                      "the label contains a personal identity number")})
    return clean


def add_case(ctx: AppContext, audit_ref: str, label: str, fields: Mapping[str, str | None], *,
             reviewer: str, allow_identifiers: bool = False) -> CaseChange:
    """Add a case with its fields (codes or labels for choices); the label must be new."""
    clean = check_label(label, allow_identifiers=allow_identifiers)
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        if repo.case_by_label(audit.id, clean) is not None:
            raise CaseRejected({"label": ("duplicate-case", f"a case '{clean}' already exists")})
        problems: dict[str, tuple[str, str]] = {}
        encoded = _apply_fields(audit.template, {}, fields, allow_identifiers, problems)
        if problems:
            raise CaseRejected(problems)
        case = CaseRow(audit_id=audit.id, label=clean)
        repo.save_case(case, encoded, None, ctx.actor)
        _log_override(repo, ctx, audit, clean, allow_identifiers)
        return CaseChange(clean, None, _summary(repo, audit, case, reviewer), True)


def edit_case(ctx: AppContext, audit_ref: str, label: str, fields: Mapping[str, str | None], *,
              reviewer: str, allow_identifiers: bool = False,
              new_label: str | None = None) -> CaseChange:
    """Change a case's fields: a field absent from ``fields`` stays, a blank one is cleared.

    ``new_label`` renames the case (in the same transaction): it passes the same checks as a new
    case's label, must not be another case's, and the rename is logged (``case-renamed``).
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        case = find_case(repo, audit, label)
        before = _summary(repo, audit, case, reviewer)
        problems: dict[str, tuple[str, str]] = {}
        renamed = _new_label(repo, audit, case, new_label, allow_identifiers, problems)
        stored: dict[str, str] = json.loads(case.fields_json or "{}")
        encoded = _apply_fields(audit.template, stored, fields, allow_identifiers, problems)
        if problems:
            raise CaseRejected(problems)
        changed = repo.save_case(case, encoded, case.excluded_reason, ctx.actor)
        if renamed is not None:
            repo.log(ctx.actor, audit.id, renamed, action="case-renamed", old_value=case.label,
                     new_value=renamed)
            repo.rename_case(case, renamed)
            changed = True
        if changed:
            _log_override(repo, ctx, audit, case.label, allow_identifiers)
        return CaseChange(case.label, before, _summary(repo, audit, case, reviewer), changed)


def _new_label(repo: Repository, audit: OpenedAudit, case: CaseRow, new_label: str | None,
               allow_identifiers: bool, problems: dict[str, tuple[str, str]]) -> str | None:
    """A valid new label for a case, None when it keeps its label (problems noted under label)."""
    if new_label is None:
        return None
    try:
        clean = check_label(new_label, allow_identifiers=allow_identifiers)
    except CaseRejected as exc:
        problems.update(exc.problems)
        return None
    if clean == case.label:
        return None
    if repo.case_by_label(audit.id, clean) is not None:
        problems["label"] = ("duplicate-case", f"another case is already called '{clean}'")
        return None
    return clean


def exclude_case(ctx: AppContext, audit_ref: str, label: str, reason: str, *,
                 reviewer: str, allow_identifiers: bool = False) -> CaseChange:
    """Exclude a case from every table, with the reason (bortfall) written down."""
    clean = normalize_text(reason)
    if not clean:
        raise CaseRejected({"excluded_reason": ("empty-value", "give the reason for excluding")})
    if contains_identity_number(clean) and not allow_identifiers:
        raise CaseRejected({"excluded_reason": ("personal-identity-number",
                                                "the reason contains a personal identity number")})
    return _set_exclusion(ctx, audit_ref, label, clean, reviewer, allow_identifiers)


def include_case(ctx: AppContext, audit_ref: str, label: str, *, reviewer: str) -> CaseChange:
    """Count an excluded case again."""
    return _set_exclusion(ctx, audit_ref, label, None, reviewer, False)


def _set_exclusion(ctx: AppContext, audit_ref: str, label: str, reason: str | None,
                   reviewer: str, allow_identifiers: bool) -> CaseChange:
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        case = find_case(repo, audit, label)
        before = _summary(repo, audit, case, reviewer)
        stored: dict[str, str] = json.loads(case.fields_json or "{}")
        changed = repo.save_case(case, stored, reason, ctx.actor, reason=reason)
        if changed:
            _log_override(repo, ctx, audit, case.label, allow_identifiers)
        return CaseChange(case.label, before, _summary(repo, audit, case, reviewer), changed)


def _log_override(repo: Repository, ctx: AppContext, audit: OpenedAudit, label: str,
                  allow_identifiers: bool) -> None:
    if allow_identifiers:
        repo.log(ctx.actor, audit.id, label, action="identifiers-allowed", reason="case")


def mark_complete(ctx: AppContext, audit_ref: str, case_label: str, reviewer: str) -> Completion:
    """Mark a case complete for a reviewer, or refuse and name every gap (the first one first).

    Refused (``ReviewEnded``) once the team leader has ended the review phase.
    """
    reviewer = check_reviewer(reviewer)
    with ctx.db.unit_of_work() as repo:
        audit, case, form = load_case(repo, audit_ref, case_label, reviewer)
        require_review_phase(audit.row)
        if not form.case.included:
            raise InputRejected(f"the case '{case_label}' is excluded from the audit")
        if form.gaps:
            return Completion(False, tuple(form.gaps), form)
        if not form.marked_complete:
            set_completed(repo, audit, case, completed_reviewers(case) | {reviewer}, ctx.actor,
                          reviewer, "case-completed")
        return Completion(True, (), replace(form, marked_complete=True))


def reopen_case(ctx: AppContext, audit_ref: str, case_label: str, reviewer: str) -> CaseForm:
    """Withdraw a reviewer's mark that a case is complete (refused once the review phase ended)."""
    reviewer = check_reviewer(reviewer)
    with ctx.db.unit_of_work() as repo:
        audit, case, form = load_case(repo, audit_ref, case_label, reviewer)
        require_review_phase(audit.row)
        if form.marked_complete:
            set_completed(repo, audit, case, completed_reviewers(case) - {reviewer}, ctx.actor,
                          reviewer, "case-reopened")
        return replace(form, marked_complete=False)
