"""The phases guard the reviewers' answers: written only in the review phase, shown only after it.

Once the team leader ends the review phase, no reviewer answer is written (by hand, from a CSV
file or from an answers package) while consensus answers still are; while a colleague review is
in its review phase, the agreement, the raw export, the report, the table exports, the gender
analysis and the charts are refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_app.services.agreement import audit_agreement
from audit_app.services.blinding import Blinded, ReviewEnded, change_phase
from audit_app.services.charts import audit_chart
from audit_app.services.context import AppContext
from audit_app.services.export import (
    export_raw,
    export_tables,
    export_workbook,
    raw_data,
    render_tables,
)
from audit_app.services.gender import audit_gender_analysis, load_gender
from audit_app.services.imports import import_answers
from audit_app.services.package_review import export_answers, open_assignment
from audit_app.services.packages import export_assignment, import_answers_package
from audit_app.services.reconciliation import decide
from audit_app.services.report import report_data
from audit_app.services.review import restore_answer, set_answer, set_comment
from audit_app.services.review_plan import assign_reviewers
from tests.services.colleague_fixtures import make_audit
from tests.services.package_sites import answers, change_log, introduce, make_site
from tests.services.package_sites import make_audit as make_package_audit


def _as(ctx: AppContext, actor: str) -> AppContext:
    ctx.actor = actor
    return ctx


@pytest.fixture
def review(ctx: AppContext, tmp_path: Path) -> str:
    """A colleague review: anna and bo have answered K1 differently."""
    audit = make_audit(ctx, tmp_path, "Faser", cases=2)
    assign_reviewers(ctx, audit, ["anna", "bo"], double_all=True)
    set_answer(_as(ctx, "anna"), audit, "K1", "barn_traffat", "ja", reviewer="anna",
               comment="samtal")
    set_answer(_as(ctx, "bo"), audit, "K1", "barn_traffat", "nej", reviewer="bo")
    ctx.actor = "lena"
    return audit


def _answers(ctx: AppContext, audit: str) -> list[tuple[str, str, str]]:
    with ctx.db.unit_of_work() as repo:
        return sorted((a.reviewer, a.value, a.comment or "") for a in repo.answer_rows(audit))


def _log(ctx: AppContext, audit: str) -> int:
    with ctx.db.unit_of_work() as repo:
        return len(repo.changes(audit))


@pytest.mark.parametrize("phase", ["reconcile", "closed"])
def test_no_reviewer_answer_is_written_once_the_review_phase_has_ended(
        ctx: AppContext, review: str, tmp_path: Path, phase: str) -> None:
    change = set_answer(_as(ctx, "anna"), review, "K2", "barn_traffat", "ja", reviewer="anna")
    change_phase(_as(ctx, "lena"), review, phase)
    before, log = _answers(ctx, review), _log(ctx, review)
    anna = _as(ctx, "anna")
    csv_file = tmp_path / "svar.csv"
    csv_file.write_text("case,question,value,reviewer\nK2,barn_traffat,nej,anna\n", "utf-8")
    for attempt in (
            lambda: set_answer(anna, review, "K1", "barn_traffat", "nej", reviewer="anna"),
            lambda: set_answer(anna, review, "K2", "barn_traffat", None, reviewer="anna"),
            lambda: set_comment(anna, review, "K1", "barn_traffat", "ny", reviewer="anna"),
            lambda: restore_answer(anna, change, undo=True),
            lambda: import_answers(anna, review, csv_file)):
        with pytest.raises(ReviewEnded) as info:
            attempt()
        assert info.value.code == "review-ended" and info.value.exit_code == 2
        assert "review phase" in info.value.message and "audit phase" in info.value.message
    assert (_answers(ctx, review), _log(ctx, review)) == (before, log)


def test_the_team_leader_still_records_consensus_and_reopening_allows_answers_again(
        ctx: AppContext, review: str, tmp_path: Path) -> None:
    change_phase(ctx, review, "reconcile")
    assert decide(ctx, review, "K1", "barn_traffat", "ja", rationale="står i akten").changed
    consensus = tmp_path / "konsensus.csv"
    consensus.write_text("case,question,value\nK2,barn_traffat,nej\n", "utf-8")
    assert import_answers(ctx, review, consensus, consensus=True).updated == 1
    change_phase(ctx, review, "review")
    assert set_answer(_as(ctx, "anna"), review, "K1", "barn_traffat", "nej",
                      reviewer="anna").changed


def test_an_audit_without_a_plan_is_also_closed_for_answers(ctx: AppContext,
                                                             tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Enkel", cases=1)
    set_answer(ctx, audit, "K1", "barn_traffat", "ja", reviewer="anna")
    change_phase(ctx, audit, "closed")
    with pytest.raises(ReviewEnded):
        set_answer(ctx, audit, "K1", "barn_traffat", "nej", reviewer="anna")


def test_an_answers_package_is_refused_once_the_review_phase_has_ended(tmp_path: Path) -> None:
    tl = make_site(tmp_path / "tl", "Tina Teamleader", "tina")
    anna = make_site(tmp_path / "anna", "Anna Andersson", "anna.a")
    try:
        introduce(tl, anna)
        audit = make_package_audit(tl)
        export_assignment(tl.ctx, audit, "anna", "Anna Andersson", tmp_path / "a.akt",
                          cases=["A1"])
        open_assignment(anna.ctx, tmp_path / "a.akt")
        set_answer(anna.ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
        export_answers(anna.ctx, audit, tmp_path / "svar.akt")
        change_phase(tl.ctx, audit, "reconcile")
        log = len(change_log(tl, audit))
        with pytest.raises(ReviewEnded):
            import_answers_package(tl.ctx, tmp_path / "svar.akt")
        assert answers(tl, audit) == {} and len(change_log(tl, audit)) == log
        change_phase(tl.ctx, audit, "review")
        assert import_answers_package(tl.ctx, tmp_path / "svar.akt").written == 1
    finally:
        tl.ctx.close()
        anna.ctx.close()


def test_what_shows_the_answers_waits_for_the_end_of_the_review_phase(
        ctx: AppContext, review: str, tmp_path: Path) -> None:
    for attempt in (lambda: audit_agreement(ctx, review), lambda: raw_data(ctx, review),
                    lambda: report_data(ctx, review), lambda: render_tables(ctx, review),
                    lambda: export_tables(ctx, review, tmp_path / "t.csv"),
                    lambda: export_workbook(ctx, review, tmp_path / "t.xlsx"),
                    lambda: audit_gender_analysis(ctx, review),
                    lambda: load_gender(ctx, review),
                    lambda: audit_chart(ctx, review, "barn_traffat")):
        with pytest.raises(Blinded) as info:
            attempt()
        assert info.value.code == "blinded" and info.value.exit_code == 2
        assert "review phase" in info.value.message and "audit phase" in info.value.message
    for suffix in (".json", ".csv", ".xlsx"):
        out = tmp_path / f"svar{suffix}"
        with pytest.raises(Blinded):
            export_raw(ctx, review, out)
        assert not out.exists()
    assert not (tmp_path / "t.csv").exists() and not (tmp_path / "t.xlsx").exists()
    change_phase(ctx, review, "reconcile")
    assert audit_agreement(ctx, review)["reviewers"] == ["anna", "bo"]
    exported = json.loads(export_raw(ctx, review, tmp_path / "efter.json").read_text("utf-8"))
    assert {a["reviewer"] for a in exported["answers"]} == {"anna", "bo"}
    assert report_data(ctx, review) is not None
    assert json.loads(render_tables(ctx, review))["questions"]
    assert audit_chart(ctx, review, "barn_traffat") is not None


def test_without_a_plan_nothing_is_blinded(ctx: AppContext, tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Enkel", cases=1)
    set_answer(ctx, audit, "K1", "barn_traffat", "ja", reviewer="anna")
    assert audit_agreement(ctx, audit)["reviewers"] == ["anna"]
    assert raw_data(ctx, audit)["answers"][0]["reviewer"] == "anna"
