"""What both directions of a reviewer-package exchange share: checks, the merge, the records.

Answers are merged per answer with version clocks (``domain.package_sync``): the package's value
wins only where this copy has not changed the answer since it last exchanged it with the other
side; where both changed it, the receiver keeps its own value, logs the package's value as a
``package-conflict`` entry (old value: the one kept; new value: the package's) and lists the
conflict. What each copy remembers of its exchanges lives in the audit's settings under
``offline_review`` (no table of its own); each package sent, opened or imported is a change-log
entry (``package-exported``, ``package-opened``, ``package-imported``; reason: the package id).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.package_payload import (
    PackageAnswer,
    PackageCase,
    PackageLogEntry,
)
from audit_app.domain.package_sync import (
    Decision,
    Key,
    Outcome,
    SyncRecord,
    Versioned,
    merge,
    refresh,
)
from audit_app.domain.packages import (
    Manifest,
    PackageRejected,
)
from audit_app.domain.template import Template
from audit_app.domain.values import ValueError_, parse_date
from audit_app.services.audits import find_audit
from audit_app.services.context import AppContext
from audit_app.services.keys import PublicKey, load_identity
from audit_app.services.package_crypto import Opened, open_package, read_package
from audit_app.storage.models import AuditRow, CaseRow, ChangeRow
from audit_app.storage.repository import AnswerWrite, Repository

SETTINGS_KEY = "offline_review"
OFFLINE_PREFIX = "offline-"
PACKAGE_REASON = "package "


@dataclass(frozen=True)
class Conflict:
    """An answer both sides changed since they last exchanged it; the receiver kept its own."""

    case: str
    question: str
    reviewer: str
    kept: str | None
    kept_comment: str | None
    package: str | None
    package_comment: str | None


@dataclass(frozen=True)
class Sent:
    """A package written: what it holds and to whom."""

    path: Path
    manifest: Manifest
    recipient: PublicKey
    cases: int
    answers: int
    other_reviewers: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    """What opening or importing a package changed (``already``: it had been applied before)."""

    manifest: Manifest
    sender: PublicKey
    already: bool = False
    audit_created: bool = False
    cases_added: int = 0
    cases_updated: int = 0
    written: int = 0
    cleared: int = 0
    kept: int = 0
    conflicts: tuple[Conflict, ...] = ()
    skipped: tuple[str, ...] = ()
    log_entries: int = 0
    marks: int = 0

    def summary(self) -> str:
        """One line for the command line."""
        if self.already:
            return "already applied before: nothing changed"
        parts = [f"{self.written} answers written", f"{self.cleared} cleared",
                 f"{self.kept} kept (newer here)", f"{len(self.conflicts)} conflicts"]
        if self.manifest.kind == "assignment":
            parts = [f"{self.cases_added} cases added", f"{self.cases_updated} updated", *parts]
        else:
            parts += [f"{self.marks} completion marks", f"{self.log_entries} log entries"]
        return ", ".join(parts)


# -- remembered exchanges (audit settings) ---------------------------------------------------
def load_records(row: AuditRow) -> dict[str, SyncRecord]:
    """What this copy remembers of its exchanges, per reviewer name."""
    settings = json.loads(row.settings_json or "{}")
    stored = (settings.get(SETTINGS_KEY) or {}).get("reviewers") or {}
    return {name: SyncRecord.from_json(obj) for name, obj in stored.items()}


def save_records(repo: Repository, row: AuditRow, records: dict[str, SyncRecord]) -> None:
    """Store the exchange records in the audit's settings (the row is locked by the caller)."""
    settings = json.loads(row.settings_json or "{}")
    settings[SETTINGS_KEY] = {"reviewers": {n: r.as_json() for n, r in sorted(records.items())}}
    row.settings_json = json.dumps(settings, ensure_ascii=False)
    repo.session.add(row)


def locked_audit(repo: Repository, audit_ref: str) -> AuditRow:
    """An audit by id or name, read afresh and locked for the transaction."""
    row = repo.lock_audit(find_audit(repo, audit_ref).id)
    assert row is not None
    return row


# -- checks ------------------------------------------------------------------------------------
def invalid_content(message: str) -> PackageRejected:
    """The rejection of a verified package whose content does not fit the audit."""
    return PackageRejected("invalid-content", f"the package holds {message}; nothing was written")


def _valid_value(template: Template, answer: PackageAnswer) -> bool:
    question = template.question(answer.question)
    if question is None:
        return False
    value = answer.value
    if value is None:
        return True
    codes = {o.code for o in question.options or []}
    try:
        if question.type == "choice":
            return value in codes
        if question.type == "multi":
            return all(part in codes for part in value.split("|"))
        if question.type == "number":
            return float(value) == float(value) and abs(float(value)) != float("inf")
        if question.type == "date":
            return parse_date(value) == value
    except (ValueError, ValueError_):
        return False
    return True


def check_answers(template: Template, answers: Iterable[PackageAnswer]) -> None:
    """Refuse a package with an answer its template does not allow."""
    for answer in answers:
        if not _valid_value(template, answer):
            raise invalid_content(f"an answer the template does not allow (case {answer.case}, "
                                  f"question {answer.question})")


def check_cases(template: Template, cases: Iterable[PackageCase]) -> None:
    """Refuse a package with case fields its template does not have."""
    known = {f.id for f in template.input_fields}
    for case in cases:
        unknown = sorted(set(case.fields) - known)
        if unknown:
            raise invalid_content(f"case fields the template does not have ({', '.join(unknown)})")


def log_time(entry: PackageLogEntry) -> dt.datetime:
    """A carried change-log entry's time, in UTC."""
    try:
        moment = dt.datetime.fromisoformat(entry.at)
    except ValueError:
        raise invalid_content("a change-log entry with an invalid time") from None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC)


# -- the merge, shared by both directions ----------------------------------------------------
def current_answers(repo: Repository, audit_id: str, reviewer: str,
                    cases: dict[int, str]) -> dict[Key, tuple[str, str | None]]:
    """One reviewer's stored answers (value, comment) on the cases given by id -> label."""
    return {(cases[a.case_id], a.question_id): (a.value, a.comment)
            for a in repo.answer_rows(audit_id) if a.reviewer == reviewer and a.case_id in cases}


def scope_keys(labels: set[str], current: Iterable[Key], record: SyncRecord) -> set[Key]:
    """Every answer of these cases that exists here or was ever exchanged."""
    return {k for k in current if k[0] in labels} | {k for k in record.state if k[0] in labels}


def package_answers(versions: dict[Key, Versioned]) -> tuple[PackageAnswer, ...]:
    """The answers to send, cleared ones included (so a clearing travels too)."""
    return tuple(PackageAnswer(k[0], k[1], v.value, v.comment, v.clock)
                 for k, v in sorted(versions.items()) if v.value is not None or v.clock != (0, 0))


@dataclass
class Merged:
    """What a merge wrote."""

    written: int = 0
    cleared: int = 0
    kept: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def merge_in(repo: Repository, audit_id: str, cases: dict[str, CaseRow], reviewer: str,
             record: SyncRecord, answers: Iterable[PackageAnswer], receiver: str, actor: str,
             reason: str) -> Merged:
    """Merge a package's answers for ``cases`` into this copy and remember the exchange."""
    current = current_answers(repo, audit_id, reviewer,
                              {c.id: label for label, c in cases.items() if c.id is not None})
    theirs = {(a.case, a.question): Versioned(a.value, a.comment or None, a.clock)
              for a in answers if a.case in cases}
    keys = scope_keys(set(cases), current, record) | set(theirs)
    decisions = merge(refresh(current, record.state, keys, receiver), theirs, keys, receiver)
    out = Merged()
    writes: list[AnswerWrite] = []
    clears: list[Decision] = []
    for d in decisions:
        if d.outcome is Outcome.KEEP:
            out.kept += 1
        elif d.outcome is Outcome.CONFLICT:
            out.conflicts.append(Conflict(d.key[0], d.key[1], reviewer, d.mine.value,
                                          d.mine.comment, d.theirs.value, d.theirs.comment))
            note = "" if d.mine.comment == d.theirs.comment else \
                f"; package comment: {d.theirs.comment or '(none)'}"
            repo.log(actor, audit_id, d.key[0], action="package-conflict", question_id=d.key[1],
                     reviewer=reviewer, old_value=d.mine.value, new_value=d.theirs.value,
                     reason=f"{reason}: both sides changed this answer; kept this copy's{note}")
        elif d.outcome is Outcome.APPLY:
            value, case = d.theirs.value, cases[d.key[0]]
            if value is None:
                clears.append(d)
                continue
            assert case.id is not None
            writes.append(AnswerWrite(case.id, case.label, d.key[1], reviewer, value,
                                      d.theirs.comment))
    if writes:
        created, updated, _same = repo.bulk_put_answers(audit_id, writes, actor, reason)
        out.written = created + updated
    for d in clears:
        out.cleared += repo.put_answer(audit_id, cases[d.key[0]], d.key[1], reviewer, None, None,
                                       actor, reason=reason)
    repo.session.flush()
    record.remember({d.key: d.result for d in decisions})
    return out


def log_event(repo: Repository, actor: str, audit_id: str, action: str, reviewer: str,
              manifest: Manifest, **summary: object) -> None:
    """One change-log entry for a package sent, opened or imported (reason: the package id)."""
    details = {"kind": manifest.kind, "sequence": manifest.sequence,
               "from": manifest.sender.as_json(), "to": manifest.recipient.as_json(), **summary}
    repo.log(actor, audit_id, action=action, reviewer=reviewer, reason=manifest.package_id,
             new_value=json.dumps(details, ensure_ascii=False, sort_keys=True))


def reason_of(opened: Opened) -> str:
    """The change-log reason of every write a package makes."""
    return f"{PACKAGE_REASON}{opened.manifest.package_id[:8]} from {opened.sender.name}"


def own_change(row: ChangeRow) -> bool:
    """Whether a change-log entry is this copy's own work, not an echo of a package it applied."""
    if row.action.startswith(OFFLINE_PREFIX):
        return False
    return row.action == "package-conflict" or not (row.reason or "").startswith(PACKAGE_REASON)


def check_size(data: bytes, max_bytes: int) -> None:
    """Refuse to write a package the recipient would refuse as too large."""
    if len(data) > max_bytes:
        raise InputRejected(f"the package would be {len(data) / 1e6:.1f} MB, over the "
                            f"{max_bytes / 1e6:.0f} MB limit; send fewer cases per package")


def receive(ctx: AppContext, path: Path, kind: str, passphrase: str | None,
            max_bytes: int) -> Opened:
    """Read, verify and decrypt a package of the expected kind (nothing is written)."""
    identity = load_identity(ctx, passphrase)
    opened = open_package(ctx, read_package(path, max_bytes), identity, max_bytes)
    manifest = opened.manifest
    if manifest.kind != kind:
        hint = ("the team leader imports it with 'audit-app package import'" if kind == "assignment"
                else "the reviewer opens it with 'audit-app package open'")
        raise PackageRejected("wrong-kind", f"this is an {manifest.kind} package, not an {kind} "
                                            f"package; {hint}")
    return opened
