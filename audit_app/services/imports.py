"""CSV import use cases: cases and answers, all or nothing, idempotent, logged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from audit_app.domain.answer_import import parse_answer_rows
from audit_app.domain.case_import import parse_case_rows
from audit_app.domain.diagnostics import Diagnostic, InputRejected, InvalidInput, NotFound
from audit_app.domain.final_answers import derive_value
from audit_app.domain.reviewers import reviewer_problem
from audit_app.domain.values import ValueError_, decode_value, encode_value, normalize_text
from audit_app.services.audits import open_audit
from audit_app.services.blinding import require_review_phase
from audit_app.services.bulk_work import collector_paused
from audit_app.services.context import AppContext
from audit_app.storage.models import CaseRow
from audit_app.storage.repository import AnswerWrite


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        """A one-line Swedish-neutral summary for the command line."""
        return f"{self.created} new, {self.updated} changed, {self.unchanged} unchanged"


def read_input_file(path: str | Path) -> bytes:
    """The bytes of an input file; a missing or unreadable file is a clear rejection."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotFound(f"{path}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise NotFound(f"{path}: cannot read the file ({exc.strerror})") from None


def import_cases(ctx: AppContext, audit_ref: str, path: str | Path, *,
                 allow_identifiers: bool = False) -> ImportResult:
    """Add or update the cases listed in a CSV file (DESIGN section 4)."""
    data = read_input_file(path)
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        template = audit.template
        rows = parse_case_rows(data, str(path), template, allow_identifiers=allow_identifiers)
        existing = {c.label: c for c in repo.cases(audit.id)}
        planned: list[tuple[CaseRow, dict[str, str], str | None]] = []
        problems: list[Diagnostic] = []
        for row in rows:
            case = existing.get(row.label) or CaseRow(audit_id=audit.id, label=row.label)
            fields: dict[str, str] = json.loads(case.fields_json or "{}")
            for field_id, value in row.fields.items():
                case_field = template.field(field_id)
                if value is None or case_field is None:
                    fields.pop(field_id, None)
                else:
                    fields[field_id] = encode_value(case_field.kind, value)
            for derived in (f for f in template.case_fields if f.derived_from):
                source_field = template.field(derived.derived_from or "")
                source_text = fields.get(derived.derived_from or "")
                if source_field is None or source_text is None:
                    continue
                try:
                    derive_value(derived, decode_value(source_field.kind, source_text))
                except ValueError_ as exc:
                    problems.append(Diagnostic(str(path), row.line, exc.code, exc.message))
            excluded = case.excluded_reason if row.excluded_reason is None else row.excluded_reason
            planned.append((case, fields, excluded or None))
        if problems:
            raise InvalidInput(problems)
        created = updated = unchanged = 0
        for case, fields, excluded in planned:
            is_new = case.id is None
            if repo.save_case(case, fields, excluded, ctx.actor, reason=f"import {Path(path).name}"):
                created, updated = created + is_new, updated + (not is_new)
            else:
                unchanged += 1
        if allow_identifiers:
            repo.log(ctx.actor, audit.id, action="identifiers-allowed",
                     reason=f"cases import {Path(path).name}")
    return ImportResult(created, updated, unchanged)


def import_answers(ctx: AppContext, audit_ref: str, path: str | Path, *,
                   reviewer: str | None = None, consensus: bool = False,
                   allow_identifiers: bool = False) -> ImportResult:
    """Record reviewer answers (or with ``consensus`` the agreed answers) from a CSV file."""
    data = read_input_file(path)
    default_reviewer = normalize_text(reviewer or ctx.actor)
    problem = None if consensus else reviewer_problem(default_reviewer)
    if problem is not None:
        raise InputRejected(f"reviewer: {problem[1]}")
    with collector_paused(), ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        if not consensus:
            require_review_phase(audit.row)
        template = audit.template
        cases = {c.label: c for c in repo.cases(audit.id)}
        rows = parse_answer_rows(data, str(path), template, known_cases=set(cases),
                                 consensus=consensus, default_reviewer=default_reviewer,
                                 allow_identifiers=allow_identifiers)
        reason = f"import {Path(path).name}"
        created = updated = unchanged = 0
        writes: list[AnswerWrite] = []
        questions = {q.id: q for q in template.questions}
        case_keys = {label: (case.id, case.label) for label, case in cases.items()}
        encoded: dict[tuple[str, object], str] = {}
        for row in rows:
            key = (row.question, row.value)
            text = encoded.get(key)
            if text is None:
                question = questions[row.question]
                text = encoded[key] = encode_value(question.type, row.value, question.options or [])
            if consensus:
                if repo.put_consensus(audit.id, cases[row.case], row.question, text, row.comment,
                                      ctx.actor):
                    updated += 1
                else:
                    unchanged += 1
                continue
            case_id, case_label = case_keys[row.case]
            assert row.reviewer is not None and case_id is not None
            writes.append(AnswerWrite(case_id, case_label, row.question, row.reviewer, text,
                                      row.comment or None, row.comment is None))
        if writes:
            created, updated, unchanged = repo.bulk_put_answers(audit.id, writes, ctx.actor,
                                                                reason)
        if allow_identifiers:
            repo.log(ctx.actor, audit.id, action="identifiers-allowed",
                     reason=f"answers import {Path(path).name}")
    return ImportResult(created, updated, unchanged)

