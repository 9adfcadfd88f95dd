"""Reviewer packages, the team leader's side: send a reviewer an assignment, import their answers.

An assignment holds the frozen template, the reviewer's cases with their fields and the reviewer's
own answers held here (never another reviewer's), sealed to the reviewer's key. Importing an
answers package verifies it before anything is written, checks the audit and its template, and
writes the answers through the repository so every change is logged; the same package twice
changes nothing. The merge rule and what is remembered: ``services.package_merge``. The
reviewer's side: ``services.package_review``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.domain.package_payload import (
    PackageCase,
    PackageLogEntry,
    Payload,
)
from audit_app.domain.package_sync import TEAM_LEADER, SyncRecord, refresh
from audit_app.domain.packages import (
    MAX_PACKAGE_BYTES,
    PackageRejected,
    utc_stamp,
)
from audit_app.domain.values import normalize_text
from audit_app.services.audits import OpenedAudit, frozen_template
from audit_app.services.blinding import require_review_phase
from audit_app.services.context import AppContext
from audit_app.services.keys import find_contact, load_identity
from audit_app.services.package_crypto import seal, write_atomically
from audit_app.services.package_merge import (
    OFFLINE_PREFIX,
    Received,
    Sent,
    check_answers,
    check_size,
    current_answers,
    load_records,
    locked_audit,
    log_event,
    log_time,
    merge_in,
    package_answers,
    reason_of,
    receive,
    save_records,
    scope_keys,
)
from audit_app.services.review import check_reviewer, completed_reviewers, set_completed
from audit_app.storage.models import CaseRow, ChangeRow
from audit_app.storage.repository import Repository


def _chosen_cases(repo: Repository, audit_id: str, reviewer: str,
                  labels: Sequence[str] | None) -> list[CaseRow]:
    every = repo.cases(audit_id)
    by_label = {c.label: c for c in every}
    if labels:
        wanted = [normalize_text(x) for x in labels]
        unknown = [x for x in wanted if x not in by_label]
        if unknown:
            raise NotFound(f"no case {', '.join(repr(x) for x in unknown)} in the audit")
        return [by_label[x] for x in dict.fromkeys(wanted)]
    planned = repo.planned_cases(audit_id, reviewer)
    if planned:
        return [by_label[x] for x in planned]
    if repo.planned_cases(audit_id):
        raise InputRejected(f"the review plan gives '{reviewer}' no cases; name them with --cases")
    if not every:
        raise InputRejected("the audit has no cases to send")
    return every


def export_assignment(ctx: AppContext, audit_ref: str, reviewer: str, to: str, out: Path, *,
                      cases: Sequence[str] | None = None, passphrase: str | None = None,
                      max_bytes: int = MAX_PACKAGE_BYTES) -> Sent:
    """Write a reviewer's assignment package (cases: ``cases``, else the review plan, else all).

    Refused (``ReviewEnded``) once the team leader has ended the review phase.
    """
    identity = load_identity(ctx, passphrase)
    recipient = find_contact(ctx, to)
    reviewer = check_reviewer(reviewer)
    with ctx.db.unit_of_work() as repo:
        row = locked_audit(repo, audit_ref)
        require_review_phase(row)
        chosen = _chosen_cases(repo, row.id, reviewer, cases)
        records = load_records(row)
        record = records.get(reviewer) or SyncRecord(TEAM_LEADER, "", "", [], {})
        if record.role != TEAM_LEADER:
            raise InputRejected(f"this copy received the audit as reviewer '{reviewer}'; only the "
                                "team leader's copy sends assignments for that reviewer")
        record.peer_name, record.peer_fingerprint = recipient.name, recipient.fingerprint
        labels = [c.label for c in chosen]
        current = current_answers(repo, row.id, reviewer, {c.id: c.label for c in chosen if c.id})
        versions = refresh(current, record.state, scope_keys(set(labels), current, record),
                                                             TEAM_LEADER)
        record.remember(versions)
        record.add_cases(labels)
        record.sent += 1
        payload = Payload(row.template_text, row.template_format,
                          tuple(PackageCase(c.label, json.loads(c.fields_json or "{}"),
                                            c.excluded_reason) for c in chosen),
                          package_answers(versions), (), ())
        data, manifest = seal(identity, recipient, kind="assignment", audit_id=row.id,
                              audit_name=row.name, template_sha256=row.template_sha256,
                              reviewer=reviewer, sequence=record.sent, payload=payload)
        check_size(data, max_bytes)
        records[reviewer] = record
        save_records(repo, row, records)
        log_event(repo, ctx.actor, row.id, "package-exported", reviewer, manifest,
                  cases=len(chosen), answers=len(payload.answers))
        write_atomically(out, data)
    return Sent(out, manifest, recipient, len(chosen), len(payload.answers))


def import_answers_package(ctx: AppContext, path: Path, *, passphrase: str | None = None,
                           max_bytes: int = MAX_PACKAGE_BYTES) -> Received:
    """Import a reviewer's answers package into the team leader's copy (idempotent)."""
    opened = receive(ctx, path, "answers", passphrase, max_bytes)
    m, payload, sender = opened.manifest, opened.payload, opened.sender
    log_times = [log_time(e) for e in payload.log]
    with ctx.db.unit_of_work() as repo:
        row = repo.lock_audit(m.audit_id)
        if row is None:
            raise PackageRejected("wrong-audit", f"the package is for the audit '{m.audit_name}' "
                                                 f"({m.audit_id}), which is not in this database")
        if row.template_sha256 != m.template_sha256:
            raise PackageRejected("wrong-template", f"the audit '{row.name}' here has another "
                                                    "template than the package was made with")
        require_review_phase(row)
        if repo.first_logged(row.id, "package-imported", m.package_id) is not None:
            return Received(m, sender, already=True)
        check_answers(frozen_template(row), payload.answers)
        records = load_records(row)
        record = records.get(m.reviewer)
        if record is None or record.role != TEAM_LEADER:
            raise PackageRejected("not-assigned", f"no assignment of '{row.name}' for reviewer "
                                                  f"'{m.reviewer}' was sent from this copy")
        if record.peer_fingerprint != sender.fingerprint:
            raise PackageRejected("not-assigned", f"reviewer '{m.reviewer}' was assigned to "
                                                  f"{record.peer_name}, not to {sender.name}")
        existing = {c.label: c for c in repo.cases(row.id)}
        labels = [c.label for c in payload.cases]
        scope = {x: existing[x] for x in labels if x in record.cases and x in existing}
        skipped = tuple(f"case {x}: not assigned to {m.reviewer}; its answers were not imported"
                        for x in labels if x not in scope)
        # The reviewer's own history first, so the log reads in the order things happened.
        entries = _import_log(repo, row.id, m.reviewer, zip(payload.log, log_times, strict=True),
                              set(scope))
        reason = reason_of(opened)
        merged = merge_in(repo, row.id, scope, m.reviewer, record, payload.answers, TEAM_LEADER,
                          ctx.actor, reason)
        marks = 0
        if m.sequence > record.received:
            audit = OpenedAudit(row, frozen_template(row))
            done = set(payload.completed)
            for label, case in scope.items():
                have = completed_reviewers(case)
                if (label in done) != (m.reviewer in have):
                    wanted = have | {m.reviewer} if label in done else have - {m.reviewer}
                    set_completed(repo, audit, case, wanted, ctx.actor, m.reviewer,
                                  "case-completed" if label in done else "case-reopened")
                    marks += 1
            record.received = m.sequence
        records[m.reviewer] = record
        save_records(repo, row, records)
        log_event(repo, ctx.actor, row.id, "package-imported", m.reviewer, m, written=merged.written,
                  cleared=merged.cleared, conflicts=len(merged.conflicts), skipped=len(skipped))
    return Received(m, sender, written=merged.written, cleared=merged.cleared, kept=merged.kept,
                    conflicts=tuple(merged.conflicts), skipped=skipped, log_entries=entries,
                    marks=marks)


def _import_log(repo: Repository, audit_id: str, reviewer: str,
                entries: Iterable[tuple[PackageLogEntry, dt.datetime]], cases: set[str]) -> int:
    """Copy the reviewer's change-log entries (action ``offline-...``), each only once."""
    def key(at: dt.datetime, actor: str, case: str | None, question: str | None, action: str,
            old: str | None, new: str | None) -> tuple[object, ...]:
        return (utc_stamp(at), actor, case, question, action, old, new)

    seen = {key(r.at, r.actor, r.case_label, r.question_id, r.action, r.old_value, r.new_value)
            for r in repo.changes_with_action_prefix(audit_id, OFFLINE_PREFIX)}
    rows: list[ChangeRow] = []
    for entry, at in entries:
        if entry.case is not None and entry.case not in cases:
            continue
        action = OFFLINE_PREFIX + entry.action
        k = key(at, entry.actor[:100], entry.case, entry.question, action, entry.old_value,
                entry.new_value)
        if k in seen:
            continue
        seen.add(k)
        rows.append(ChangeRow(at=at, actor=entry.actor[:100], audit_id=audit_id,
                              case_label=entry.case, question_id=entry.question,
                              reviewer=reviewer, action=action, old_value=entry.old_value,
                              new_value=entry.new_value, reason=entry.reason))
    repo.add_all(rows)
    repo.session.flush()
    return len(rows)
