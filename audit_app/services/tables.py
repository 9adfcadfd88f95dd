"""Table use cases: the tables of an audit by a breakdown, as the one JSON structure of DESIGN 7."""

from __future__ import annotations

from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.tables import BreakdownError, build_tables
from audit_app.services.audits import load_records, open_audit
from audit_app.services.bulk_work import collector_paused
from audit_app.services.context import AppContext


def audit_tables(ctx: AppContext, audit_ref: str, by: str | None = None) -> dict[str, Any]:
    """Count every question of an audit by ``by`` (a choice/derived case field or choice question)."""
    with collector_paused():
        with ctx.db.unit_of_work() as repo:
            audit = open_audit(repo, audit_ref)
            cases, answers = load_records(repo, audit)
        try:
            return build_tables(audit.template, cases, answers, by=by, audit_id=audit.id,
                                audit_name=audit.name)
        except BreakdownError as exc:
            raise InputRejected(exc.message) from None
