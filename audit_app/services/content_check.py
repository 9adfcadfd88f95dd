"""The content check: stored data against its second copy in the change log, and the log's checksums.

SQLite keeps no checksums of the data in its pages, so a changed byte inside a stored value
passes its own checks. The change log holds every answer's value and comment a second time and
the audit its template's sha256, and each change-log entry carries a sha256 of its own content;
``content_problems`` compares them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence

from audit_app.domain.change_checksum import CHECKED_COLUMNS, change_checksum
from audit_app.storage import cipher

#: Change-log actions that write a reviewer's answer; the newest one holds the stored value.
_ANSWER_ACTIONS = ("answer-set", "answer-changed", "answer-cleared")
#: A logged change of one stored value: (key, action, old value, new value), in log order.
_Entry = tuple[tuple[object, ...], str, object, object]


def content_problems(conn: sqlite3.Connection) -> list[str]:
    """Stored data that disagrees with its second copy, or cannot be what the program wrote.

    - every text is valid UTF-8 and every timestamp a timestamp;
    - each frozen template matches its sha256;
    - each answer, consensus answer and case has a change-log history in which every entry's old
      value is the value before it, and which ends in what is stored.
    """
    problems = _readable_problems(conn)
    for audit_id, text, sha in conn.execute("SELECT id, template_text, template_sha256 FROM audit"):
        if hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest() != sha:
            problems.append(f"audit {audit_id}: the frozen template does not match its sha256")
    problems += _answer_problems(conn)
    problems += _consensus_problems(conn)
    problems += _case_problems(conn)
    problems += _checksum_problems(conn)
    return problems


def _checksum_problems(conn: sqlite3.Connection) -> list[str]:
    """Every change-log entry must match its checksum (time, actor, reason and values included)."""
    columns = {row[1] for row in conn.execute('PRAGMA table_info("change_log")')}
    if "checksum" not in columns:  # not yet migrated: nothing to compare with
        return []
    return unsealed(conn.execute(SEALED_ROWS))


#: Each change-log entry's id, checksum and the columns its checksum covers.
SEALED_ROWS = f"SELECT id, checksum, {', '.join(CHECKED_COLUMNS)} FROM change_log ORDER BY id"


def unsealed(rows: Iterable[Sequence[object]]) -> list[str]:
    """A problem for each (id, checksum, checked columns...) row whose checksum does not match."""
    problems: list[str] = []
    for row in rows:
        entry_id, checksum = row[0], row[1]
        try:
            expected = change_checksum(*row[2:])
        except (TypeError, ValueError):
            expected = None
        if checksum is None or checksum != expected:
            problems.append(f"change-log entry {entry_id}: its content (time, actor, reason or "
                            "values) does not match its checksum")
    return problems


def _readable_problems(conn: sqlite3.Connection) -> list[str]:
    """Read every row of every table (text must decode) and parse every DATETIME column."""
    problems: list[str] = []
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        columns = [(row[1], str(row[2]).upper()) for row in conn.execute(
            f'PRAGMA table_info("{table}")')]
        times = [i for i, (_name, kind) in enumerate(columns) if kind in ("DATETIME", "TIMESTAMP")]
        try:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for i in times:
                    if row[i] is not None:
                        dt.datetime.fromisoformat(str(row[i]))
        except (*cipher.database_errors(), ValueError) as exc:  # type: ignore[misc]
            problems.append(f"table {table}: unreadable ({str(exc)[:120]})")
    return problems


def _history_problems(kind: str, entries: list[_Entry], stored: dict[tuple[object, ...], object],
                      cleared: str) -> list[str]:
    """Check logged histories: (key, action, old, new) in log order against the stored values.

    Each entry's old value must be the value before it (None at first and after ``cleared``),
    and the last value must be what is stored (None: nothing stored).
    """
    current: dict[tuple[object, ...], object] = {}
    broken: set[tuple[object, ...]] = set()
    for key, action, old, new in entries:
        if old != current.get(key):
            broken.add(key)
        current[key] = None if action == cleared else new
    problems: list[str] = []
    for key in sorted(set(current) | set(stored), key=repr):
        label = "/".join(str(part) for part in key[1:])
        if key in broken:
            problems.append(f"{kind} {label}: its change-log history does not add up")
        elif current.get(key) != stored.get(key):
            problems.append(f"{kind} {label}: the stored value differs from the change log")
    return problems


def _renames(conn: sqlite3.Connection) -> list[tuple[int, object, object, object]]:
    """Every logged rename of a case: (entry id, audit id, old label, new label), in log order."""
    return [tuple(row) for row in conn.execute(  # type: ignore[misc]
        "SELECT id, audit_id, old_value, new_value FROM change_log "
        "WHERE action = 'case-renamed' ORDER BY id")]


def _label_now(renames: list[tuple[int, object, object, object]], entry_id: int,
               audit_id: object, label: object) -> object:
    """The label a logged case has now: the renames logged after the entry followed in order."""
    for rename_id, audit, old, new in renames:
        if rename_id > entry_id and audit == audit_id and old == label:
            label = new
    return label


def _answer_problems(conn: sqlite3.Connection) -> list[str]:
    marks = ", ".join("?" for _ in _ANSWER_ACTIONS)
    renames = _renames(conn)
    entries: list[_Entry] = [
        ((a, _label_now(renames, i, a, label), q, r), action, old, new)
        for i, a, label, q, r, action, old, new in conn.execute(
            "SELECT id, audit_id, case_label, question_id, reviewer, action, old_value, new_value "
            f"FROM change_log WHERE action IN ({marks}) ORDER BY id", _ANSWER_ACTIONS)]
    stored: dict[tuple[object, ...], object] = {
        (a, label, q, r): value for a, label, q, r, value in conn.execute(
        "SELECT a.audit_id, c.label, a.question_id, a.reviewer, a.value FROM answer a "
        "LEFT JOIN audit_case c ON c.id = a.case_id")}
    return _history_problems("answer", entries, stored, "answer-cleared") + _comment_problems(conn)


_UNKNOWN = object()


def _comment_problems(conn: sqlite3.Connection) -> list[str]:
    """Comments: every change is logged (``comment``), the one given with a new answer too.

    Entries written before that was logged leave a new answer's comment unknown until its next change.
    """
    current: dict[tuple[object, ...], object] = {}
    broken: set[tuple[object, ...]] = set()
    renames = _renames(conn)
    for i, a, label, q, r, action, old, new in conn.execute(
            "SELECT id, audit_id, case_label, question_id, reviewer, action, old_value, new_value "
            "FROM change_log WHERE action IN ('answer-set', 'answer-cleared', 'comment') "
            "ORDER BY id"):
        key = (a, _label_now(renames, i, a, label), q, r)
        if action == "answer-set":
            current[key] = _UNKNOWN
        elif action == "answer-cleared":
            current[key] = None
        else:
            known = current.get(key, _UNKNOWN)
            if known is not _UNKNOWN and known != old:
                broken.add(key)
            current[key] = new
    problems: list[str] = []
    for a, label, q, r, comment in conn.execute(
            "SELECT a.audit_id, c.label, a.question_id, a.reviewer, a.comment FROM answer a "
            "LEFT JOIN audit_case c ON c.id = a.case_id"):
        key = (a, label, q, r)
        known = current.get(key, _UNKNOWN)
        if key in broken or (known is not _UNKNOWN and known != comment):
            problems.append(f"answer {label}/{q}/{r}: the stored comment differs from the change log")
    return problems


def _consensus_problems(conn: sqlite3.Connection) -> list[str]:
    """Consensus answers: the value chains through old_value; the rationale is logged as reason."""
    values: list[_Entry] = []
    rationales: list[_Entry] = []
    renames = _renames(conn)
    for i, a, logged, q, action, old, new, reason in conn.execute(
            "SELECT id, audit_id, case_label, question_id, action, old_value, new_value, reason "
            "FROM change_log WHERE action IN ('consensus-set', 'consensus-changed', "
            "'consensus-withdrawn') ORDER BY id"):
        label = _label_now(renames, i, a, logged)
        values.append(((a, label, q), action, old, new))
        rationales.append(((a, label, q), action, None, reason))
    stored_values: dict[tuple[object, ...], object] = {}
    stored_rationales: dict[tuple[object, ...], object] = {}
    for a, label, q, value, rationale in conn.execute(
            "SELECT k.audit_id, c.label, k.question_id, k.value, k.rationale FROM consensus_answer k "
            "LEFT JOIN audit_case c ON c.id = k.case_id"):
        stored_values[(a, label, q)] = value
        stored_rationales[(a, label, q)] = rationale
    problems = _history_problems("consensus", values, stored_values, "consensus-withdrawn")
    latest = {key: (None if action == "consensus-withdrawn" else new)
              for key, action, _old, new in rationales}
    for key in sorted(set(latest) | set(stored_rationales), key=repr):
        if latest.get(key) != stored_rationales.get(key):
            problems.append(f"consensus {key[1]}/{key[2]}: the stored rationale differs from the "
                            "change log")
    return problems


def _case_problems(conn: sqlite3.Connection) -> list[str]:
    """Case fields and exclusion: ``case-added`` holds the first fields, then one entry per change."""
    entries: list[_Entry] = []
    renames = _renames(conn)
    for i, a, logged, action, field_id, old, new in conn.execute(
            "SELECT id, audit_id, case_label, action, question_id, old_value, new_value "
            "FROM change_log WHERE action IN ('case-added', 'case-field', 'case-excluded', "
            "'case-included') ORDER BY id"):
        label = _label_now(renames, i, a, logged)
        if action == "case-added":
            try:
                fields = json.loads(str(new))
            except ValueError:
                fields = {"": "unreadable"}
            entries.append(((a, label, "?added"), action, None, "yes"))
            entries += [((a, label, key), action, None, value) for key, value in fields.items()
                        if value is not None]
        elif action == "case-field":
            entries.append(((a, label, field_id), action, old, new))
        else:
            entries.append(((a, label, "?excluded"), action, old or None, new or None))
    stored: dict[tuple[object, ...], object] = {}
    for a, label, fields_json, excluded in conn.execute(
            "SELECT audit_id, label, fields_json, excluded_reason FROM audit_case"):
        try:
            fields = json.loads(fields_json)
        except (TypeError, ValueError):
            fields = {"": "unreadable"}
        stored[(a, label, "?added")] = "yes"
        stored.update({(a, label, key): value for key, value in fields.items()
                       if value is not None})
        if excluded:
            stored[(a, label, "?excluded")] = excluded
    return _history_problems("case", entries, stored, "")
