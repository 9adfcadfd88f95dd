"""Renaming a case: the label's guards, duplicates refused, logged, and the content check still whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.services.audits import create_audit
from audit_app.services.cases import (
    CaseRejected,
    add_case,
    edit_case,
    list_cases,
)
from audit_app.services.context import AppContext
from audit_app.services.history import answer_history
from audit_app.services.integrity import verify_content
from audit_app.services.review import open_case, set_answer
from tests.services.test_cases import TEMPLATE


@pytest.fixture
def ctx(tmp_path: Path) -> AppContext:
    context = AppContext.from_options(data_dir=tmp_path / "data", actor="ledare")
    yield context  # type: ignore[misc]
    context.close()


@pytest.fixture
def audit(ctx: AppContext, tmp_path: Path) -> str:
    path = tmp_path / "t.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    audit_id = create_audit(ctx, str(path), "Granskning")
    for label in ("A1", "A2"):
        add_case(ctx, audit_id, label, {"unit": "hv", "age": "5"}, reviewer="g")
    set_answer(ctx, audit_id, "A1", "q", "ja", reviewer="g", comment="Tydligt")
    edit_case(ctx, audit_id, "A1", {"age": "6"}, reviewer="g")
    return audit_id


def test_a_renamed_case_keeps_its_answers_and_the_rename_is_logged(
        ctx: AppContext, audit: str) -> None:
    change = edit_case(ctx, audit, "A1", {"age": "7"}, reviewer="g", new_label=" HV-01 ")
    assert change.changed and change.label == "HV-01" and change.before is not None
    assert change.before.label == "A1"
    labels = [c.label for c in list_cases(ctx, audit, "g").cases]
    assert sorted(labels) == ["A2", "HV-01"]
    assert open_case(ctx, audit, "HV-01", "g").answers["q"] == "ja"
    with ctx.db.unit_of_work() as repo:
        renames = [(c.old_value, c.new_value, c.case_label, c.actor)
                   for c in repo.changes(audit) if c.action == "case-renamed"]
    assert renames == [("A1", "HV-01", "HV-01", "ledare")]
    # The old label is free again; a new case under it is a different case.
    add_case(ctx, audit, "A1", {"unit": "kh"}, reviewer="g")
    set_answer(ctx, audit, "HV-01", "q", "nej", reviewer="g")
    set_answer(ctx, audit, "A1", "q", "ja", reviewer="g")
    report = verify_content(ctx)
    assert report.ok, report.problems


def test_a_rename_to_another_case_s_label_or_an_identity_number_is_refused(
        ctx: AppContext, audit: str) -> None:
    with pytest.raises(CaseRejected) as duplicate:
        edit_case(ctx, audit, "A1", {"age": "9"}, reviewer="g", new_label="A2")
    assert duplicate.value.codes == {"label": "duplicate-case"}
    with pytest.raises(CaseRejected) as identity:
        edit_case(ctx, audit, "A1", {}, reviewer="g", new_label="Barn 20121212-1212")
    assert identity.value.codes == {"label": "personal-identity-number"}
    with pytest.raises(CaseRejected) as empty:
        edit_case(ctx, audit, "A1", {}, reviewer="g", new_label="  ")
    assert empty.value.codes == {"label": "empty-value"}
    # Nothing was written: the fields and the label are as they were.
    cases = {c.label: c for c in list_cases(ctx, audit, "g").cases}
    assert cases["A1"].inputs["age"] == "6" and sorted(cases) == ["A1", "A2"]
    change = edit_case(ctx, audit, "A1", {}, reviewer="g", new_label="Barn 20121212-1212",
                       allow_identifiers=True)
    assert change.label == "Barn 20121212-1212"
    with ctx.db.unit_of_work() as repo:
        actions = [c.action for c in repo.changes(audit)]
    assert actions[-2:] == ["case-renamed", "identifiers-allowed"]


def test_the_answer_history_goes_back_past_a_rename_and_not_into_a_reused_label(
        ctx: AppContext, audit: str) -> None:
    edit_case(ctx, audit, "A1", {}, reviewer="g", new_label="HV-01")
    set_answer(ctx, audit, "HV-01", "q", "nej", reviewer="g")
    add_case(ctx, audit, "A1", {"unit": "kh"}, reviewer="g")
    set_answer(ctx, audit, "A1", "q", "ja", reviewer="g")
    renamed = [(e.action, e.new_value) for e in answer_history(ctx, audit, "HV-01", "q")]
    assert renamed[0] == ("answer-set", "Ja") and renamed[-1] == ("answer-changed", "Nej")
    assert [(e.action, e.new_value) for e in answer_history(ctx, audit, "A1", "q")] == [
        ("answer-set", "Ja")]
