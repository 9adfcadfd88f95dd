"""Managing cases through the services: add, edit, exclude and include, with their guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.services.audits import create_audit
from audit_app.services.cases import (
    CaseRejected,
    add_case,
    audit_progress,
    edit_case,
    exclude_case,
    include_case,
    list_cases,
    mark_complete,
)
from audit_app.services.context import AppContext
from audit_app.services.review import Progress, set_answer

TEMPLATE = """\
format: 1
id: liten
version: 1
title: Liten mall
case_fields:
  - {id: unit, label: Enhet, type: choice,
     options: [{code: hv, label: Hässelby-Vällingby}, {code: kh, label: Kungsholmen}]}
  - {id: age, label: Ålder, type: number, min: 0, max: 12, integer: true}
  - {id: age_group, label: Åldersgrupp, derived_from: age,
     bins: [{code: small, label: 0-6 år, min: 0, max: 6}, {code: big, label: 7-10 år, min: 7, max: 10}]}
  - {id: start, label: Startdatum, type: date}
  - {id: note, label: Anteckning, type: text}
sections:
  - id: s
    title: Enda
    questions:
      - {id: q, text: Fråga, type: choice, options: [{code: ja, label: Ja}, {code: nej, label: Nej}]}
"""
PIN = "19121212-1212"


@pytest.fixture
def audit(ctx: AppContext, tmp_path: Path) -> str:
    """An empty audit on the small template."""
    path = tmp_path / "liten.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return create_audit(ctx, str(path), "Liten")


def test_an_added_case_is_listed_with_its_fields_shown_as_labels(ctx: AppContext,
                                                                 audit: str) -> None:
    change = add_case(ctx, audit, " A1 ", {"unit": "Kungsholmen", "age": "8", "start": "2024-05-01"},
                      reviewer="anna")
    assert change.label == "A1" and change.before is None
    [case] = list_cases(ctx, audit, "anna").cases
    assert case.fields == {"unit": "Kungsholmen", "age": "8", "age_group": "7-10 år",
                           "start": "2024-05-01", "note": ""}
    assert case.inputs == {"unit": "kh", "age": "8", "start": "2024-05-01"}
    assert case.progress is Progress.NOT_STARTED and case.applicable == 1


def test_every_bad_field_is_reported_at_once_and_nothing_is_added(ctx: AppContext,
                                                                  audit: str) -> None:
    with pytest.raises(CaseRejected) as info:
        add_case(ctx, audit, "A1", {"unit": "xx", "age": "4,5", "start": "1 maj",
                                    "note": f"pnr {PIN}", "age_group": "small"}, reviewer="anna")
    assert info.value.codes == {"unit": "invalid-option", "age": "invalid-number",
                                "start": "invalid-date", "note": "personal-identity-number",
                                "age_group": "unknown-column"}
    assert list_cases(ctx, audit, "anna").cases == []


def test_an_age_outside_every_age_group_is_refused(ctx: AppContext, audit: str) -> None:
    with pytest.raises(CaseRejected) as info:
        add_case(ctx, audit, "A1", {"age": "11"}, reviewer="anna")
    assert info.value.codes == {"age": "out-of-range"}


@pytest.mark.parametrize(("label", "code"), [("", "empty-value"), ("  ", "empty-value"),
                                             (f"Akt {PIN}", "personal-identity-number"),
                                             ("x" * 101, "too-long")])
def test_a_bad_label_is_refused(ctx: AppContext, audit: str, label: str, code: str) -> None:
    with pytest.raises(CaseRejected) as info:
        add_case(ctx, audit, label, {}, reviewer="anna")
    assert info.value.codes == {"label": code}


def test_a_label_may_be_used_only_once(ctx: AppContext, audit: str) -> None:
    add_case(ctx, audit, "A1", {}, reviewer="anna")
    with pytest.raises(CaseRejected) as info:
        add_case(ctx, audit, "A1", {}, reviewer="anna")
    assert info.value.codes == {"label": "duplicate-case"}


def test_an_identity_number_in_a_label_is_stored_only_when_allowed(ctx: AppContext,
                                                                    audit: str) -> None:
    add_case(ctx, audit, f"Akt {PIN}", {}, reviewer="anna", allow_identifiers=True)
    assert [c.label for c in list_cases(ctx, audit, "anna").cases] == [f"Akt {PIN}"]


def test_editing_leaves_absent_fields_and_clears_blank_ones(ctx: AppContext, audit: str) -> None:
    add_case(ctx, audit, "A1", {"unit": "hv", "age": "3", "note": "x"}, reviewer="anna")
    change = edit_case(ctx, audit, "A1", {"age": "9", "note": ""}, reviewer="anna")
    assert change.changed and change.before is not None
    assert change.before.fields["age_group"] == "0-6 år"
    assert change.after.inputs == {"unit": "hv", "age": "9"}
    assert not edit_case(ctx, audit, "A1", {"age": "9"}, reviewer="anna").changed


def test_excluding_needs_a_reason_and_including_counts_the_case_again(ctx: AppContext,
                                                                       audit: str) -> None:
    add_case(ctx, audit, "A1", {}, reviewer="anna")
    with pytest.raises(CaseRejected):
        exclude_case(ctx, audit, "A1", " ", reviewer="anna")
    change = exclude_case(ctx, audit, "A1", "Fel målgrupp", reviewer="anna")
    assert change.after.progress is Progress.EXCLUDED
    assert change.after.excluded_reason == "Fel målgrupp"
    assert audit_progress(ctx, "anna")[audit].excluded == 1
    back = include_case(ctx, audit, "A1", reviewer="anna")
    assert back.after.progress is Progress.NOT_STARTED and back.after.excluded_reason is None


def test_audit_progress_counts_the_cases_this_reviewer_completed(ctx: AppContext,
                                                                  audit: str) -> None:
    add_case(ctx, audit, "A1", {}, reviewer="anna")
    add_case(ctx, audit, "A2", {}, reviewer="anna")
    set_answer(ctx, audit, "A1", "q", "ja", reviewer="anna")
    assert mark_complete(ctx, audit, "A1", "anna").completed
    progress = audit_progress(ctx, "anna")[audit]
    assert (progress.included, progress.complete, progress.excluded) == (2, 1, 0)
    assert audit_progress(ctx, "bertil")[audit].complete == 0
    assert [c.progress for c in list_cases(ctx, audit, "anna").cases] == [
        Progress.COMPLETE, Progress.NOT_STARTED]
