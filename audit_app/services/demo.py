"""The demo audit: 002's design (three districts, 36 synthetic cases) built from bundled files."""

from __future__ import annotations

from audit_app.domain.diagnostics import NotFound
from audit_app.services.audits import create_audit, find_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import import_answers, import_cases
from audit_app.services.resources import DEMO_DIR

DEMO_NAME = "Demo: Öppenvård barn 0-12 år"
DEMO_TEMPLATE = "oppenvard_barn"
DEMO_CASES = DEMO_DIR / "oppenvard_cases.csv"
DEMO_ANSWERS = DEMO_DIR / "oppenvard_answers.csv"


def create_demo(ctx: AppContext) -> str:
    """Create the demo audit, or bring an existing one back to the bundled data; returns its id."""
    try:
        with ctx.db.unit_of_work() as repo:
            audit_id = find_audit(repo, DEMO_NAME).id
    except NotFound:
        audit_id = create_audit(ctx, DEMO_TEMPLATE, DEMO_NAME)
    import_cases(ctx, audit_id, DEMO_CASES)
    import_answers(ctx, audit_id, DEMO_ANSWERS)
    return audit_id
