"""Audit use cases: create an audit with a frozen template, list audits, open one by id or name."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.domain.final_answers import CaseAnswers, CaseRecord
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.template import Template
from audit_app.domain.values import Value, decode_value, normalize_text
from audit_app.services.context import AppContext
from audit_app.services.templates import TemplateSource, parse_template, resolve_template
from audit_app.storage.models import AuditRow, CaseRow
from audit_app.storage.repository import Repository, StoredCase


@dataclass(frozen=True)
class AuditSummary:
    """One line of the audit list."""

    id: str
    name: str
    template: str
    version: int
    cases: int

    def as_json(self) -> dict[str, object]:
        """The shape of ``audit list --format json``."""
        return {"id": self.id, "name": self.name, "template": self.template,
                "version": self.version, "cases": self.cases}


@dataclass(frozen=True)
class OpenedAudit:
    """An audit row with its frozen template parsed."""

    row: AuditRow
    template: Template

    @property
    def id(self) -> str:
        """The audit's id."""
        return self.row.id

    @property
    def name(self) -> str:
        """The audit's name."""
        return self.row.name

    @property
    def settings(self) -> dict[str, object]:
        """The audit's settings (small-cell limit, phase options...)."""
        loaded: dict[str, object] = json.loads(self.row.settings_json or "{}")
        return loaded


def frozen_template(row: AuditRow) -> Template:
    """The template frozen into an audit when it was created."""
    return parse_template(TemplateSource(row.template_text, row.template_format,
                                         f"<audit {row.name}>"))


def create_audit(ctx: AppContext, template_ref: str, name: str) -> str:
    """Create an audit from a bundled template id or a template file; returns the new id."""
    clean = normalize_text(name)
    if not clean:
        raise InputRejected("the audit needs a name")
    if contains_identity_number(clean):
        raise InputRejected("the audit name contains a personal identity number")
    source = resolve_template(template_ref)
    template = parse_template(source)
    audit_id = str(uuid.uuid4())
    with ctx.db.unit_of_work() as repo:
        if repo.audit_by_name(clean) is not None:
            raise InputRejected(f"an audit named '{clean}' already exists")
        repo.add_audit(
            AuditRow(id=audit_id, name=clean, template_id=template.id,
                     template_version=template.version, template_format=source.fmt,
                     template_text=source.text, template_sha256=source.sha256,
                     created_by=ctx.actor),
            ctx.actor,
        )
    return audit_id


def list_audits(ctx: AppContext) -> list[AuditSummary]:
    """Every audit with its template and number of cases."""
    with ctx.db.unit_of_work() as repo:
        counts = repo.case_counts()
        return [AuditSummary(a.id, a.name, a.template_id, a.template_version, counts.get(a.id, 0))
                for a in repo.audits()]


def find_audit(repo: Repository, ref: str) -> AuditRow:
    """An audit by its id or its unique name."""
    row = repo.audit_by_id(ref) or repo.audit_by_name(normalize_text(ref))
    if row is None:
        raise NotFound(f"no audit with the id or name '{ref}'")
    return row


def open_audit(repo: Repository, ref: str) -> OpenedAudit:
    """An audit with its frozen template."""
    row = find_audit(repo, ref)
    return OpenedAudit(row, frozen_template(row))


#: Audits opened by open_audit_cached, with their version, by (engine, reference); bounded.
_OPENED: dict[tuple[int, str], tuple[OpenedAudit, tuple[object, ...] | None]] = {}
_OPENED_LIMIT = 64


def open_audit_cached(repo: Repository, ref: str) -> OpenedAudit:
    """``open_audit`` for a hot path: the audit opened earlier, while it is unchanged.

    One small read checks that every column of the audit but the frozen template text (whose
    sha256 is one of them) is as it was when it was opened; otherwise it is opened afresh.
    The row is shared between callers: read it, never change it.
    """
    key = (id(repo.session.bind), ref)
    cached = _OPENED.get(key)
    if cached is not None and repo.audit_version(cached[0].id) == cached[1]:
        return cached[0]
    # The version is read before the row where it can be: a change in between then only
    # makes the next call open the audit again.
    version = repo.audit_version(ref)
    found = open_audit(repo, ref)
    if version is None or version[0] != found.id:
        version = repo.audit_version(found.id)
    # A copy outside every session: a rollback expires the session's rows, never this one.
    snapshot = AuditRow(**{name: getattr(found.row, name) for name in AuditRow.model_fields})
    opened = OpenedAudit(snapshot, found.template)
    if len(_OPENED) >= _OPENED_LIMIT:
        _OPENED.clear()
    _OPENED[key] = (opened, version)
    return opened


def case_record(template: Template, case: CaseRow | StoredCase) -> CaseRecord:
    """A stored case as the counting rules see it."""
    encoded: dict[str, str] = json.loads(case.fields_json or "{}")
    fields: dict[str, Value] = {}
    for field_id, text in encoded.items():
        case_field = template.field(field_id)
        if case_field is not None and text is not None:
            fields[field_id] = decode_value(case_field.kind, text)
    return CaseRecord(case.label, fields, case.excluded_reason)


def load_records(
    repo: Repository, audit: OpenedAudit
) -> tuple[list[CaseRecord], dict[str, CaseAnswers]]:
    """Every case of an audit and every answer and consensus answer, keyed by case label."""
    template = audit.template
    case_rows = repo.stored_cases(audit.id)
    records = [case_record(template, c) for c in case_rows]
    answers: dict[str, CaseAnswers] = {c.label: CaseAnswers() for c in case_rows}
    per_case = {c.id: answers[c.label] for c in case_rows}
    grouped = {case_id: answers.by_reviewer for case_id, answers in per_case.items()}
    # Each question's decoded values by stored text (None: not a question of the template).
    decoded: dict[str, dict[str, Value] | None] = {}
    kinds: dict[str, str] = {}
    # The rows come in runs of one case and one question: each run is looked up once.
    last_case: int | None = None
    last_question: str | None = None
    by_question: dict[str, dict[str, Value]] = {}
    per_reviewer: dict[str, Value] | None = None
    texts: dict[str, Value] | None = None
    kind = ""
    for case_id, question_id, reviewer, text in repo.answer_values(audit.id):
        if case_id != last_case:
            by_question, last_case, last_question = grouped[case_id], case_id, None
        if question_id != last_question:
            last_question = question_id
            if question_id not in decoded:
                question = template.question(question_id)
                decoded[question_id] = None if question is None else {}
                kinds[question_id] = "" if question is None else question.type
            texts, kind = decoded[question_id], kinds[question_id]
            if texts is None:
                per_reviewer = None
                continue
            per_reviewer = by_question.get(question_id)
            if per_reviewer is None:
                per_reviewer = by_question[question_id] = {}
        if per_reviewer is None or texts is None:
            continue
        value = texts.get(text)
        if value is None:
            value = texts[text] = decode_value(kind, text)
        per_reviewer[reviewer] = value
    for k in repo.consensus(audit.id):
        question = template.question(k.question_id)
        if question is not None:
            per_case[k.case_id].consensus[k.question_id] = decode_value(question.type,
                                                                                 k.value)
    return records, answers
