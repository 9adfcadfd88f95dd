"""Audit settings: the small-cell limit is stored with the audit, checked and logged."""

from __future__ import annotations

import json

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.audit_settings import (
    audit_settings,
    get_small_cell_limit,
    set_setting,
    set_small_cell_limit,
)
from audit_app.services.audits import create_audit, open_audit
from audit_app.services.context import AppContext


@pytest.fixture
def audit(ctx: AppContext) -> str:
    """An empty audit on the bundled template."""
    return create_audit(ctx, "oppenvard_barn", "Inställningar")


def test_the_limit_is_stored_in_the_settings_and_logged(ctx: AppContext, audit: str) -> None:
    assert get_small_cell_limit(ctx, audit) is None
    assert set_setting(ctx, audit, "small_cell_limit", " 5 ") == 5
    assert get_small_cell_limit(ctx, audit) == 5
    with ctx.db.unit_of_work() as repo:
        assert json.loads(open_audit(repo, audit).row.settings_json)["small_cell_limit"] == 5
        logged = [(c.question_id, c.old_value, c.new_value) for c in repo.changes(audit)
                  if c.action == "setting"]
    assert logged == [("small_cell_limit", None, "5")]
    set_setting(ctx, audit, "small_cell_limit", "5")  # unchanged: not logged again
    for off in ("0", "none", "off", ""):
        set_setting(ctx, audit, "small_cell_limit", "4")
        assert set_setting(ctx, audit, "small_cell_limit", off) is None
        assert get_small_cell_limit(ctx, audit) is None
    assert set_small_cell_limit(ctx, audit, 3) == 3
    assert audit_settings(ctx, audit) == {"small_cell_limit": 3, "organisation": None}


@pytest.mark.parametrize("raw", ["1", "2", "101", "fem", "3.5", "-3"])
def test_a_limit_that_protects_nothing_or_is_no_number_is_rejected(ctx: AppContext, audit: str,
                                                                     raw: str) -> None:
    with pytest.raises(InputRejected):
        set_setting(ctx, audit, "small_cell_limit", raw)
    assert get_small_cell_limit(ctx, audit) is None


def test_unknown_settings_and_identity_numbers_are_rejected(ctx: AppContext, audit: str) -> None:
    with pytest.raises(InputRejected, match="unknown setting"):
        set_setting(ctx, audit, "colour", "blue")
    with pytest.raises(InputRejected, match="identity number"):
        set_setting(ctx, audit, "organisation", "Kontakt 19121212-1212")
    assert set_setting(ctx, audit, "organisation", " Socialförvaltningen ") == "Socialförvaltningen"
