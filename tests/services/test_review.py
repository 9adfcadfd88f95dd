"""Reviewing a case through the services: own answers, applicability, completion and history."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.audits import create_audit
from audit_app.services.cases import (
    add_case,
    exclude_case,
    mark_complete,
    reopen_case,
)
from audit_app.services.context import AppContext
from audit_app.services.history import answer_history
from audit_app.services.review import (
    InvalidAnswer,
    Progress,
    open_case,
    restore_answer,
    set_answer,
    set_comment,
)

TEMPLATE = """\
format: 1
id: liten
version: 1
title: Liten mall
case_fields:
  - {id: unit, label: Enhet, type: choice, options: [{code: a, label: Enhet A}]}
  - {id: age, label: Ålder, type: number, min: 0, max: 12, integer: true}
  - {id: age_group, label: Åldersgrupp, derived_from: age,
     bins: [{code: small, label: 0-6 år, min: 0, max: 6}, {code: big, label: 7-12 år, min: 7, max: 12}]}
sections:
  - id: plan
    title: Plan
    questions:
      - id: gp_finns
        text: Finns en plan?
        type: choice
        options:
          - {code: ja, label: Ja}
          - {code: nej, label: Nej}
          - {code: ej_dok, label: Framgår inte av akten, kind: not_documented}
      - id: gp_barn
        text: Var barnet delaktigt i planen?
        type: choice
        applies_when: age >= 4 and gp_finns == "ja"
        options: [{code: ja, label: Ja}, {code: nej, label: Nej}]
  - id: ovrigt
    title: Övrigt
    questions:
      - id: skal
        text: Skäl
        type: multi
        options: [{code: vald, label: Våld}, {code: annat, label: Annat}]
      - id: veckor
        text: Veckor till start
        type: number
        min: 0
        max: 52
        integer: true
      - id: datum
        text: Datum för beslut
        type: date
      - id: noter
        text: Noteringar
        type: text
        required: false
"""

ALL = ("gp_finns", "gp_barn", "skal", "veckor", "datum", "noter")
PIN = "19121212-1212"  # Skatteverket's published test number


@pytest.fixture
def audit(ctx: AppContext, tmp_path: Path) -> str:
    """A small audit with one five-year-old's case, A1."""
    path = tmp_path / "liten.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    audit_id = create_audit(ctx, str(path), "Liten")
    add_case(ctx, audit_id, "A1", {"unit": "a", "age": "5"}, reviewer="anna")
    return audit_id


def test_a_new_case_is_not_started_and_its_conditional_question_does_not_apply(
        ctx: AppContext, audit: str) -> None:
    form = open_case(ctx, audit, "A1", "anna")
    assert form.progress is Progress.NOT_STARTED
    assert "gp_barn" not in form.applicable
    assert form.gaps == ["gp_finns", "skal", "veckor", "datum"]
    assert form.field_display("age_group") == "0-6 år"


def test_an_answer_makes_its_dependent_question_appear_and_clearing_hides_it(
        ctx: AppContext, audit: str) -> None:
    change = set_answer(ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
    assert change.changed and change.shown == {"gp_barn"} and not change.hidden
    assert change.form.progress is Progress.IN_PROGRESS
    cleared = set_answer(ctx, audit, "A1", "gp_finns", None, reviewer="anna")
    assert cleared.hidden == {"gp_barn"} and cleared.old_value == "ja"
    assert cleared.new_value is None


def test_applicability_follows_this_reviewers_answers_only(ctx: AppContext, audit: str) -> None:
    set_answer(ctx, audit, "A1", "gp_finns", "ja", reviewer="bertil")
    assert "gp_barn" not in open_case(ctx, audit, "A1", "anna").applicable
    assert "gp_barn" in open_case(ctx, audit, "A1", "bertil").applicable


def test_values_are_parsed_by_question_type(ctx: AppContext, audit: str) -> None:
    set_answer(ctx, audit, "A1", "skal", frozenset({"annat", "vald"}), reviewer="anna")
    set_answer(ctx, audit, "A1", "veckor", "3", reviewer="anna")
    set_answer(ctx, audit, "A1", "datum", "2024-03-01", reviewer="anna")
    set_answer(ctx, audit, "A1", "noter", "  Bra plan  ", reviewer="anna")
    set_answer(ctx, audit, "A1", "gp_finns", "Framgår inte av akten", reviewer="anna")
    form = open_case(ctx, audit, "A1", "anna")
    assert form.answers == {"skal": frozenset({"vald", "annat"}), "veckor": 3.0,
                            "datum": "2024-03-01", "noter": "Bra plan", "gp_finns": "ej_dok"}


@pytest.mark.parametrize(("question", "raw", "code"), [
    ("veckor", "3,5", "invalid-number"), ("veckor", "99", "out-of-range"),
    ("datum", "2024-02-30", "invalid-date"), ("gp_finns", "kanske", "invalid-option"),
    ("noter", f"Barnet {PIN}", "personal-identity-number"),
])
def test_an_invalid_answer_is_refused_with_its_code_and_nothing_is_stored(
        ctx: AppContext, audit: str, question: str, raw: str, code: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        set_answer(ctx, audit, "A1", question, raw, reviewer="anna")
    assert info.value.code == code and info.value.question_id == question
    assert open_case(ctx, audit, "A1", "anna").answers == {}


def test_an_identity_number_is_stored_only_with_a_logged_override(ctx: AppContext,
                                                                 audit: str) -> None:
    set_answer(ctx, audit, "A1", "noter", f"Barnet {PIN}", reviewer="anna",
               allow_identifiers=True)
    with pytest.raises(InvalidAnswer):
        set_comment(ctx, audit, "A1", "noter", f"se {PIN}", reviewer="anna")
    actions = [e.action for e in answer_history(ctx, audit, "A1", "noter")]
    assert actions == ["answer-set", "identifiers-allowed"]


def test_a_comment_needs_an_answer_and_survives_a_changed_value(ctx: AppContext,
                                                               audit: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        set_comment(ctx, audit, "A1", "veckor", "datum saknas", reviewer="anna")
    assert info.value.code == "comment-without-answer"
    set_answer(ctx, audit, "A1", "veckor", "3", reviewer="anna", comment="ungefär")
    set_answer(ctx, audit, "A1", "veckor", "4", reviewer="anna")
    assert open_case(ctx, audit, "A1", "anna").comments == {"veckor": "ungefär"}


def test_undo_and_redo_put_back_the_stored_values_and_are_logged(ctx: AppContext,
                                                                audit: str) -> None:
    set_answer(ctx, audit, "A1", "gp_finns", "nej", reviewer="anna", comment="oklart")
    change = set_answer(ctx, audit, "A1", "gp_finns", "ja", reviewer="anna", comment=None)
    undone = restore_answer(ctx, change, undo=True)
    assert undone.form.answers["gp_finns"] == "nej" and undone.form.comments["gp_finns"] == "oklart"
    assert undone.hidden == {"gp_barn"}
    redone = restore_answer(ctx, change, undo=False)
    assert redone.form.answers["gp_finns"] == "ja" and "gp_finns" not in redone.form.comments
    history = answer_history(ctx, audit, "A1", "gp_finns")
    assert [(e.action, e.old_value, e.new_value, e.reason) for e in history
            if e.action.startswith("answer")] == [
        ("answer-set", None, "Nej", None), ("answer-changed", "Nej", "Ja", None),
        ("answer-changed", "Ja", "Nej", "undo"), ("answer-changed", "Nej", "Ja", "redo")]


def _answer_all_required(ctx: AppContext, audit: str, reviewer: str = "anna") -> None:
    for question, raw in [("gp_finns", "nej"), ("skal", "vald"), ("veckor", "2"),
                          ("datum", "2024-01-31")]:
        set_answer(ctx, audit, "A1", question, raw, reviewer=reviewer)


def test_completion_is_refused_with_the_first_gap_until_every_required_question_is_answered(
        ctx: AppContext, audit: str) -> None:
    set_answer(ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
    refused = mark_complete(ctx, audit, "A1", "anna")
    assert not refused.completed and refused.first_gap == "gp_barn"
    assert refused.gaps == ("gp_barn", "skal", "veckor", "datum")
    set_answer(ctx, audit, "A1", "gp_finns", "nej", reviewer="anna")
    _answer_all_required(ctx, audit)
    done = mark_complete(ctx, audit, "A1", "anna")
    assert done.completed and done.form.progress is Progress.COMPLETE
    assert open_case(ctx, audit, "A1", "anna").progress is Progress.COMPLETE
    assert open_case(ctx, audit, "A1", "bertil").progress is Progress.NOT_STARTED


def test_a_change_that_opens_a_gap_withdraws_the_completion(ctx: AppContext, audit: str) -> None:
    _answer_all_required(ctx, audit)
    assert mark_complete(ctx, audit, "A1", "anna").completed
    change = set_answer(ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
    assert change.reopened and change.form.progress is Progress.IN_PROGRESS
    assert not open_case(ctx, audit, "A1", "anna").marked_complete


def test_reopening_withdraws_only_this_reviewers_mark(ctx: AppContext, audit: str) -> None:
    _answer_all_required(ctx, audit, "anna")
    _answer_all_required(ctx, audit, "bertil")
    mark_complete(ctx, audit, "A1", "anna")
    mark_complete(ctx, audit, "A1", "bertil")
    assert reopen_case(ctx, audit, "A1", "anna").progress is Progress.IN_PROGRESS
    assert open_case(ctx, audit, "A1", "bertil").progress is Progress.COMPLETE


def test_an_excluded_case_keeps_its_form_but_cannot_be_completed(ctx: AppContext,
                                                                 audit: str) -> None:
    exclude_case(ctx, audit, "A1", "Akten saknas", reviewer="anna")
    form = open_case(ctx, audit, "A1", "anna")
    assert form.progress is Progress.EXCLUDED and "gp_finns" in form.applicable
    with pytest.raises(InputRejected):
        mark_complete(ctx, audit, "A1", "anna")


def test_writing_the_same_value_again_changes_nothing(ctx: AppContext, audit: str) -> None:
    set_answer(ctx, audit, "A1", "veckor", "3", reviewer="anna")
    again = set_answer(ctx, audit, "A1", "veckor", "3,0".replace(",0", ""), reviewer="anna")
    assert not again.changed
    assert len(answer_history(ctx, audit, "A1", "veckor")) == 1
