"""Reconciliation: disagreements side by side, blinded numbering, consensus with a logged rationale."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.services.blinding import change_phase
from audit_app.services.cases import exclude_case
from audit_app.services.context import AppContext
from audit_app.services.reconciliation import (
    decide,
    disagreements,
    disagreements_csv,
    disagreements_text,
    reviewer_labels,
)
from audit_app.services.review import InvalidAnswer, set_answer
from audit_app.services.review_plan import assign_reviewers
from audit_app.services.tables import audit_tables
from tests.services.colleague_fixtures import PIN, make_audit


def _answer(ctx: AppContext, audit: str, reviewer: str, case: str, question: str, value: str,
            comment: str | None = None) -> None:
    ctx.actor = reviewer
    set_answer(ctx, audit, case, question, value, reviewer=reviewer, comment=comment)
    ctx.actor = "lena"


@pytest.fixture
def audit(ctx: AppContext, tmp_path: Path) -> str:
    """Three reviewers on three cases; K1 and K2 have disagreements, K3 agrees."""
    audit = make_audit(ctx, tmp_path, "Avstämning", cases=3)
    assign_reviewers(ctx, audit, ["cilla", "anna", "bo"], double_all=True, raters=3)
    _answer(ctx, audit, "anna", "K1", "barn_traffat", "ja", "samtal i hemmet")
    _answer(ctx, audit, "bo", "K1", "barn_traffat", "nej", "inget samtal dokumenterat")
    _answer(ctx, audit, "cilla", "K1", "barn_traffat", "ja")
    _answer(ctx, audit, "anna", "K1", "barn_asikt", "ja")
    _answer(ctx, audit, "anna", "K2", "skal", "vald|annat")
    _answer(ctx, audit, "bo", "K2", "skal", "vald")
    _answer(ctx, audit, "anna", "K2", "veckor", "3")
    _answer(ctx, audit, "bo", "K2", "veckor", "3,0")
    _answer(ctx, audit, "anna", "K3", "barn_traffat", "nej")
    _answer(ctx, audit, "bo", "K3", "barn_traffat", "nej")
    change_phase(ctx, audit, "reconcile")
    return audit


def test_disagreements_are_listed_side_by_side_with_numbered_reviewers(ctx: AppContext,
                                                                       audit: str) -> None:
    listing = disagreements(ctx, audit)
    assert listing["reviewers"] == ["Granskare 1", "Granskare 2", "Granskare 3"]
    assert [(d["case"], d["question"]) for d in listing["disagreements"]] == [
        ("K1", "barn_traffat"), ("K2", "skal")]
    first = listing["disagreements"][0]
    assert first["answers"] == [
        {"reviewer": "Granskare 1", "value": "ja", "display": "Ja", "comment": "samtal i hemmet"},
        {"reviewer": "Granskare 2", "value": "nej", "display": "Nej",
         "comment": "inget samtal dokumenterat"},
        {"reviewer": "Granskare 3", "value": "ja", "display": "Ja", "comment": None}]
    assert listing["disagreements"][1]["answers"][0]["display"] == "Våld, Annat"
    assert not any(f"'{name}'" in str(listing) for name in ("anna", "bo", "cilla"))
    assert listing["unblinded"] is False


def test_numbering_is_stable_by_sorted_name_and_unblinding_is_logged(ctx: AppContext,
                                                                     audit: str) -> None:
    assert reviewer_labels(["cilla", "anna", "bo"]) == {
        "anna": "Granskare 1", "bo": "Granskare 2", "cilla": "Granskare 3"}
    listing = disagreements(ctx, audit, unblind=True)
    assert [a["reviewer"] for a in listing["disagreements"][0]["answers"]] == ["anna", "bo",
                                                                               "cilla"]
    with ctx.db.unit_of_work() as repo:
        logged = [c for c in repo.changes(audit) if c.action == "reviewers-unblinded"]
    assert [c.actor for c in logged] == ["lena"]


def test_a_consensus_resolves_the_question_is_logged_and_counts_in_the_tables(
        ctx: AppContext, audit: str) -> None:
    before = audit_tables(ctx, audit)["questions"][0]
    assert before["unresolved"] == {"total": 1}
    decision = decide(ctx, audit, "K1", "barn_traffat", "Ja",
                      rationale="Samtalet framgår av journalen 3/5")
    assert (decision.value, decision.display, decision.changed) == ("ja", "Ja", True)
    # barn_asikt now applies to K1, and only anna answered it: it is not a disagreement.
    assert decision.unresolved_left == []
    after = audit_tables(ctx, audit)["questions"]
    assert after[0]["unresolved"] == {"total": 0}
    assert after[0]["rows"][0]["counts"] == {"total": 1}
    assert after[1]["answered"] == {"total": 1}
    with ctx.db.unit_of_work() as repo:
        logged = [c for c in repo.changes(audit, "K1", "barn_traffat")
                  if c.action.startswith("consensus")]
    assert [(c.action, c.new_value, c.reason, c.actor) for c in logged] == [
        ("consensus-set", "ja", "Samtalet framgår av journalen 3/5", "lena")]
    listing = disagreements(ctx, audit, include_decided=True)
    decided = [d for d in listing["disagreements"] if d["status"] == "decided"]
    assert decided[0]["consensus"] == {"value": "ja", "display": "Ja", "rationale":
                                       "Samtalet framgår av journalen 3/5", "decided_by": "lena"}
    assert listing["summary"] == {"unresolved": 1, "decided": 1}
    again = decide(ctx, audit, "K1", "barn_traffat", "ja",
                   rationale="Samtalet framgår av journalen 3/5")
    assert not again.changed


def test_multi_values_are_read_as_in_a_csv_file(ctx: AppContext, audit: str) -> None:
    decision = decide(ctx, audit, "K2", "skal", "Annat|vald", rationale="Båda skälen i utredningen")
    assert decision.value == "vald|annat" and decision.display == "Våld, Annat"


def test_a_dependent_question_is_decided_after_the_one_it_depends_on(ctx: AppContext,
                                                                     audit: str) -> None:
    with pytest.raises(InputRejected) as info:
        decide(ctx, audit, "K1", "barn_asikt", "ja", rationale="r")
    assert "barn_traffat is unresolved; decide that first" in info.value.message


@pytest.mark.parametrize(("case", "question", "value", "rationale", "error"), [
    ("K1", "barn_traffat", "kanske", "r", InvalidAnswer),
    ("K1", "barn_traffat", "", "r", InvalidAnswer),
    ("K1", "barn_traffat", "ja", "  ", InputRejected),
    ("K1", "barn_traffat", "ja", f"se {PIN}", InputRejected),
    ("K1", "noter", f"barnet {PIN}", "r", InvalidAnswer),
    ("K9", "barn_traffat", "ja", "r", NotFound),
    ("K1", "finns_inte", "ja", "r", NotFound),
])
def test_bad_decisions_are_refused_and_nothing_is_stored(
        ctx: AppContext, audit: str, case: str, question: str, value: str, rationale: str,
        error: type[Exception]) -> None:
    with pytest.raises(error):
        decide(ctx, audit, case, question, value, rationale=rationale)
    with ctx.db.unit_of_work() as repo:
        assert repo.consensus(audit) == []


def test_an_identity_number_in_the_rationale_is_stored_only_with_a_logged_override(
        ctx: AppContext, audit: str) -> None:
    decide(ctx, audit, "K1", "barn_traffat", "ja", rationale=f"se {PIN}", allow_identifiers=True)
    with ctx.db.unit_of_work() as repo:
        assert [c.action for c in repo.changes(audit, "K1", "barn_traffat")][-1] == \
            "identifiers-allowed"


def test_excluded_cases_and_closed_audits_take_no_decisions(ctx: AppContext, audit: str) -> None:
    exclude_case(ctx, audit, "K2", "Fel målgrupp", reviewer="lena")
    assert [d["case"] for d in disagreements(ctx, audit)["disagreements"]] == ["K1"]
    with pytest.raises(InputRejected):
        decide(ctx, audit, "K2", "skal", "vald", rationale="r")
    change_phase(ctx, audit, "closed")
    assert disagreements(ctx, audit)["phase"] == "closed"
    with pytest.raises(InputRejected) as info:
        decide(ctx, audit, "K1", "barn_traffat", "ja", rationale="r")
    assert "closed" in info.value.message


def test_csv_and_text_show_the_answers_side_by_side(ctx: AppContext, audit: str) -> None:
    listing = disagreements(ctx, audit)
    rows = list(csv.DictReader(io.StringIO(disagreements_csv(listing))))
    assert list(rows[0]) == ["case", "question", "text", "status", "Granskare 1",
                             "Granskare 1 kommentar", "Granskare 2", "Granskare 2 kommentar",
                             "Granskare 3", "Granskare 3 kommentar", "consensus", "rationale"]
    assert (rows[0]["Granskare 1"], rows[0]["Granskare 2"], rows[0]["Granskare 3"]) == (
        "Ja", "Nej", "Ja")
    assert rows[1]["Granskare 3"] == "" and rows[1]["Granskare 1"] == "Våld, Annat"
    text = disagreements_text(listing)
    assert "K1 / barn_traffat" in text and "Granskare 2: Nej  (inget samtal dokumenterat)" in text
