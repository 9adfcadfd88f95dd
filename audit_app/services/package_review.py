"""Reviewer packages, the reviewer's side: open an assignment, send the answers back.

Opening an assignment creates the audit in the reviewer's own database with the same id and the
frozen template, adds or updates the assigned cases (a case's fields change only from a newer
assignment than the one that last set them) and merges the reviewer's own answers it carries. The
answers package holds the reviewer's answers with comments, completion marks and their change-log
entries for the assigned cases. The merge rule: ``services.package_merge``.
"""

from __future__ import annotations

from pathlib import Path

from audit_app.domain.diagnostics import InputRejected, InvalidInput
from audit_app.domain.package_payload import (
    PackageCase,
    PackageLogEntry,
    Payload,
)
from audit_app.domain.package_sync import REVIEWER, SyncRecord, refresh
from audit_app.domain.packages import (
    MAX_PACKAGE_BYTES,
    PackageRejected,
    sha256_hex,
    utc_stamp,
)
from audit_app.services.audits import find_audit
from audit_app.services.context import AppContext
from audit_app.services.keys import find_contact, load_identity
from audit_app.services.package_crypto import seal, write_atomically
from audit_app.services.package_merge import (
    Received,
    Sent,
    check_answers,
    check_cases,
    check_size,
    current_answers,
    invalid_content,
    load_records,
    locked_audit,
    log_event,
    merge_in,
    own_change,
    package_answers,
    reason_of,
    receive,
    save_records,
    scope_keys,
)
from audit_app.services.review import check_reviewer, completed_reviewers
from audit_app.services.templates import TemplateSource, parse_template
from audit_app.storage.models import AuditRow, CaseRow


def open_assignment(ctx: AppContext, path: Path, *, passphrase: str | None = None,
                    max_bytes: int = MAX_PACKAGE_BYTES) -> Received:
    """Open an assignment in the reviewer's own copy: the audit, its cases, own answers."""
    opened = receive(ctx, path, "assignment", passphrase, max_bytes)
    m, payload, sender = opened.manifest, opened.payload, opened.sender
    if sha256_hex(payload.template_text.encode("utf-8")) != m.template_sha256:
        raise PackageRejected("damaged", "the package's template does not match its fingerprint")
    try:
        template = parse_template(TemplateSource(payload.template_text, payload.template_format,
                                                 f"<package {path.name}>"))
    except InvalidInput:
        raise invalid_content("a template this program cannot read") from None
    check_cases(template, payload.cases)
    check_answers(template, payload.answers)
    reviewer = check_reviewer(m.reviewer)
    reason = reason_of(opened)
    with ctx.db.unit_of_work() as repo:
        row = repo.lock_audit(m.audit_id)
        if row is not None and repo.first_logged(row.id, "package-opened", m.package_id):
            return Received(m, sender, already=True)
        created = row is None
        if row is None:
            if repo.audit_by_name(m.audit_name) is not None:
                raise PackageRejected("wrong-audit", f"another audit named '{m.audit_name}' already "
                                                     "exists here; rename it before opening this")
            row = AuditRow(id=m.audit_id, name=m.audit_name, template_id=template.id,
                           template_version=template.version,
                           template_format=payload.template_format,
                           template_text=payload.template_text, template_sha256=m.template_sha256,
                           created_by=ctx.actor)
            repo.add_audit(row, ctx.actor)
            repo.session.flush()
        elif row.template_sha256 != m.template_sha256:
            raise PackageRejected("wrong-template", f"the audit '{row.name}' here has another "
                                                    "template than this package")
        records = load_records(row)
        record = records.get(reviewer) or SyncRecord(REVIEWER, "", "", [], {}, case_sequence={})
        if record.role != REVIEWER:
            raise PackageRejected("not-assigned", f"this copy is the team leader's for reviewer "
                                                  f"'{reviewer}'; it cannot also open their package")
        record.peer_name, record.peer_fingerprint = sender.name, sender.fingerprint
        sequence = record.case_sequence if record.case_sequence is not None else {}
        existing = {c.label: c for c in repo.cases(row.id)}
        added = updated = 0
        for pc in payload.cases:
            case = existing.get(pc.label)
            if case is None:
                case = existing[pc.label] = CaseRow(audit_id=row.id, label=pc.label)
                repo.save_case(case, pc.fields, pc.excluded_reason, ctx.actor, reason=reason)
                added += 1
            elif sequence.get(pc.label, 0) < m.sequence:
                updated += repo.save_case(case, pc.fields, pc.excluded_reason, ctx.actor,
                                          reason=reason)
            sequence[pc.label] = max(sequence.get(pc.label, 0), m.sequence)
        record.case_sequence = sequence
        scope = {pc.label: existing[pc.label] for pc in payload.cases}
        merged = merge_in(repo, row.id, scope, reviewer, record, payload.answers, REVIEWER,
                          ctx.actor, reason)
        record.add_cases(scope)
        record.received = max(record.received, m.sequence)
        records[reviewer] = record
        save_records(repo, row, records)
        log_event(repo, ctx.actor, row.id, "package-opened", reviewer, m, cases=len(scope),
                  written=merged.written, conflicts=len(merged.conflicts))
    return Received(m, sender, audit_created=created, cases_added=added, cases_updated=updated,
                    written=merged.written, cleared=merged.cleared, kept=merged.kept,
                    conflicts=tuple(merged.conflicts))


def reviewer_record(ctx: AppContext, audit_ref: str) -> tuple[str, SyncRecord]:
    """The reviewer name and exchange record of an audit opened from an assignment package."""
    with ctx.db.unit_of_work() as repo:
        row = find_audit(repo, audit_ref)
        mine = [(n, r) for n, r in load_records(row).items() if r.role == REVIEWER]
    if not mine:
        raise InputRejected(f"the audit '{row.name}' was not opened from an assignment package here")
    return mine[0]


def export_answers(ctx: AppContext, audit_ref: str, out: Path, *, to: str | None = None,
                   passphrase: str | None = None, max_bytes: int = MAX_PACKAGE_BYTES) -> Sent:
    """Write the reviewer's answers package for the team leader (``to``: default the sender)."""
    reviewer, known = reviewer_record(ctx, audit_ref)
    identity = load_identity(ctx, passphrase)
    recipient = find_contact(ctx, to or known.peer_fingerprint)
    with ctx.db.unit_of_work() as repo:
        row = locked_audit(repo, audit_ref)
        records = load_records(row)
        record = records[reviewer]
        cases = {c.label: c for c in repo.cases(row.id) if c.label in set(record.cases)}
        current = current_answers(repo, row.id, reviewer, {c.id: x for x, c in cases.items() if c.id})
        versions = refresh(current, record.state, scope_keys(set(cases), current, record), REVIEWER)
        record.remember(versions)
        record.sent += 1
        log = tuple(PackageLogEntry(utc_stamp(r.at), r.actor, r.case_label, r.question_id,
                                    r.action, r.old_value, r.new_value, r.reason)
                    for r in repo.changes_of_reviewer(row.id, reviewer)
                    if r.case_label in cases and own_change(r))
        others: dict[str, int] = {}
        for a in repo.answer_rows(row.id):
            if a.reviewer != reviewer:
                others[a.reviewer] = others.get(a.reviewer, 0) + 1
        payload = Payload("", "", tuple(PackageCase(x, {}, None) for x in cases),
                          package_answers(versions),
                          tuple(x for x, c in cases.items() if reviewer in completed_reviewers(c)),
                          log)
        data, manifest = seal(identity, recipient, kind="answers", audit_id=row.id,
                              audit_name=row.name, template_sha256=row.template_sha256,
                              reviewer=reviewer, sequence=record.sent, payload=payload)
        check_size(data, max_bytes)
        records[reviewer] = record
        save_records(repo, row, records)
        log_event(repo, ctx.actor, row.id, "package-exported", reviewer, manifest,
                  cases=len(cases), answers=len(payload.answers))
        write_atomically(out, data)
    return Sent(out, manifest, recipient, len(cases), len(payload.answers), others)
