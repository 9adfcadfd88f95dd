"""The checksum of one change-log entry: sha256 over its canonical content (fixed format, version 1)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence

#: The columns an entry's checksum covers, in this order (everything but its id).
CHECKED_COLUMNS: tuple[str, ...] = ("at", "actor", "audit_id", "case_label", "question_id",
                                    "reviewer", "action", "old_value", "new_value", "reason")


def canonical_time(value: object) -> str:
    """A stored time as UTC ``YYYY-MM-DDTHH:MM:SS.ffffff`` (naive values are taken as UTC).

    Accepts a datetime (PostgreSQL, the ORM) or the text SQLite stores (``2026-12-04 21:19:18.639000``).
    """
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def change_checksums(rows: Iterable[Sequence[object]]) -> list[str]:
    """The checksums of many entries (tuples in ``CHECKED_COLUMNS`` order; see :func:`change_checksum`).

    Each time and each distinct text is converted once, and an entry's JSON is joined from those
    pieces exactly as ``json.dumps`` writes the list.
    """
    times: dict[object, str] = {}
    # Only None and texts are kept: no other value equals a text, so a number is never mistaken.
    pieces: dict[object, str] = {None: "null"}
    get = pieces.get

    def piece(value: object) -> str:
        if value.__class__ is str:
            pieces[value] = _ENCODE(value)
            return pieces[value]
        return _ENCODE(str(value))

    sha256 = hashlib.sha256
    sums: list[str] = []
    for row in rows:
        at = row[0]
        moment = times.get(at)
        if moment is None:
            moment = times[at] = '["v1",' + _ENCODE(canonical_time(at)) + ","
        payload = moment + ",".join([get(v) or piece(v) for v in row[1:]]) + "]"
        sums.append(sha256(payload.encode("utf-8", "surrogatepass")).hexdigest())
    return sums


def change_checksum(at: object, actor: object, audit_id: object, case_label: object,
                    question_id: object, reviewer: object, action: object, old_value: object,
                    new_value: object, reason: object) -> str:
    """The hex sha256 of one entry's columns (``CHECKED_COLUMNS``) as canonical JSON.

    The payload is ``["v1", time, actor, ..., reason]`` with every value but None as text,
    written as ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes it.
    """
    return change_checksums([(at, actor, audit_id, case_label, question_id, reviewer, action,
                              old_value, new_value, reason)])[0]
