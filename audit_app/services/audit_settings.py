"""Audit settings: named options stored in ``AuditRow.settings_json``, each change logged.

Settings (``audit-app audit set AUDIT KEY VALUE``, ``audit-app audit get AUDIT [KEY]``):

- ``small_cell_limit``: counts from 1 to N-1 print as "<N" in every export and in the report,
  and totals that would give such a count back are hidden (".."); the stored data and the JSON
  tables never change. ``0``, ``none`` or ``off`` (or an empty value) turns it off (the default).
  N is a whole number from 3 to 100 (with 2, "<2" could only mean 1: no protection).
- ``organisation``: the organisation named on the report's title page (empty to remove).

Each change is one ``change_log`` entry (action ``setting``, the key in ``question_id``, the old
and the new value as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.values import normalize_text
from audit_app.services.audits import OpenedAudit, open_audit
from audit_app.services.context import AppContext

SMALL_CELL_LIMIT = "small_cell_limit"
ORGANISATION = "organisation"
MIN_LIMIT = 3
MAX_LIMIT = 100
_OFF = {"", "0", "none", "off", "av", "ingen"}


def _parse_limit(raw: str) -> int | None:
    text = normalize_text(raw).casefold()
    if text in _OFF:
        return None
    try:
        value = int(text)
    except ValueError:
        raise InputRejected(
            f"small_cell_limit must be a whole number from {MIN_LIMIT} to {MAX_LIMIT}, or 0/none to turn it "
            f"off (got '{raw.strip()}')"
        ) from None
    if value == 0:
        return None
    if not MIN_LIMIT <= value <= MAX_LIMIT:
        raise InputRejected(f"small_cell_limit must be from {MIN_LIMIT} to {MAX_LIMIT}, or 0/none to turn it "
                            f"off (with 2, \"<2\" could only mean 1)")
    return value


def _parse_organisation(raw: str) -> str | None:
    text = normalize_text(raw)
    if contains_identity_number(text):
        raise InputRejected("the organisation contains a personal identity number")
    return text or None


#: Every setting this module manages: key -> parser of the command-line text (None = unset).
PARSERS: dict[str, Callable[[str], Any]] = {
    SMALL_CELL_LIMIT: _parse_limit,
    ORGANISATION: _parse_organisation,
}


def small_cell_limit(audit: OpenedAudit) -> int | None:
    """The audit's small-cell limit N (2 or more), or None when protection is off."""
    value = audit.settings.get(SMALL_CELL_LIMIT)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 2 else None


def audit_settings(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """The managed settings of an audit (unset ones as None)."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
    stored = audit.settings
    return {key: stored.get(key) for key in PARSERS}


def get_small_cell_limit(ctx: AppContext, audit_ref: str) -> int | None:
    """The small-cell limit of an audit, or None when off."""
    with ctx.db.unit_of_work() as repo:
        return small_cell_limit(open_audit(repo, audit_ref))


def set_setting(ctx: AppContext, audit_ref: str, key: str, raw: str) -> Any:
    """Set (or with an empty/off value remove) one setting from its text; returns the new value."""
    parser = PARSERS.get(key)
    if parser is None:
        raise InputRejected(f"unknown setting '{key}'; the settings are {', '.join(PARSERS)}")
    value = parser(raw)
    return store_setting(ctx, audit_ref, key, value)


def set_small_cell_limit(ctx: AppContext, audit_ref: str, limit: int | None) -> int | None:
    """Set the small-cell limit (None or 0 turns it off); for the GUI's spin box."""
    return set_setting(ctx, audit_ref, SMALL_CELL_LIMIT, "" if not limit else str(limit))  # type: ignore[no-any-return]


def store_setting(ctx: AppContext, audit_ref: str, key: str, value: Any) -> Any:
    """Store a checked value (None removes the key) and log the change if there is one."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        settings = dict(audit.settings)
        old = settings.get(key)
        if old == value:
            return value
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
        audit.row.settings_json = json.dumps(settings, ensure_ascii=False)
        repo.session.add(audit.row)
        repo.log(ctx.actor, audit.id, action="setting", question_id=key,
                 old_value=None if old is None else json.dumps(old, ensure_ascii=False),
                 new_value=None if value is None else json.dumps(value, ensure_ascii=False))
    return value
