"""Reviewer packages between separate data directories: round trip, idempotence, conflicts, order."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.cases import edit_case, mark_complete
from audit_app.services.package_review import export_answers, open_assignment
from audit_app.services.packages import export_assignment, import_answers_package
from audit_app.services.review import set_answer
from tests.services.package_sites import (
    Site,
    answers,
    change_log,
    introduce,
    make_audit,
    make_site,
    settings_json,
)


@dataclass
class Team:
    """A team leader (on the engine under test) and two reviewers on their own laptops."""

    tl: Site
    anna: Site
    bertil: Site
    audit: str
    tmp: Path


@pytest.fixture
def team(tmp_path: Path, engine_url: str) -> Team:
    tl = make_site(tmp_path / "data", "Tina Teamleader", "tina", db=engine_url)
    anna = make_site(tmp_path / "anna", "Anna Andersson", "anna.a")
    bertil = make_site(tmp_path / "bertil", "Bertil Berg", "bertil.b")
    introduce(tl, anna, bertil)
    yield Team(tl, anna, bertil, make_audit(tl), tmp_path)
    for site in (tl, anna, bertil):
        site.ctx.close()


def _complete_a1(site: Site, audit: str, reviewer: str) -> None:
    set_answer(site.ctx, audit, "A1", "gp_finns", "ja", reviewer=reviewer, comment="se planen")
    set_answer(site.ctx, audit, "A1", "skal", frozenset({"vald"}), reviewer=reviewer)
    set_answer(site.ctx, audit, "A1", "veckor", "3", reviewer=reviewer)
    assert mark_complete(site.ctx, audit, "A1", reviewer).completed


def test_round_trip_between_two_data_directories_with_two_key_pairs(team: Team) -> None:
    tl, anna, audit = team.tl, team.anna, team.audit
    set_answer(tl.ctx, audit, "A1", "gp_finns", "nej", reviewer="bertil")  # not Anna's: stays home
    set_answer(tl.ctx, audit, "A2", "veckor", "4", reviewer="anna")  # Anna's own: travels
    sent = export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a.akt",
                             cases=["A1", "A2"])
    assert (sent.cases, sent.answers, sent.recipient.name) == (2, 1, "Anna Andersson")

    opened = open_assignment(anna.ctx, team.tmp / "a.akt")
    assert opened.audit_created and (opened.cases_added, opened.written) == (2, 1)
    with tl.ctx.db.unit_of_work() as repo:
        home = repo.audit_by_id(audit)
        home_cases = {c.label: c.fields_json for c in repo.cases(audit)}
    with anna.ctx.db.unit_of_work() as repo:
        away = repo.audit_by_id(audit)
        assert away is not None and home is not None
        assert (away.name, away.template_text, away.template_sha256) == (
            home.name, home.template_text, home.template_sha256)
        assert {c.label: c.fields_json for c in repo.cases(audit)} == {
            k: home_cases[k] for k in ("A1", "A2")}
    assert answers(anna, audit) == answers(tl, audit, "anna")  # nobody else's answers

    _complete_a1(anna, audit, "anna")
    set_answer(anna.ctx, audit, "A2", "veckor", None, reviewer="anna")  # a clearing travels too
    set_answer(anna.ctx, audit, "A2", "noter", "Oklart", reviewer="anna", comment="fråga")
    export_answers(anna.ctx, audit, team.tmp / "p.akt")
    result = import_answers_package(tl.ctx, team.tmp / "p.akt")
    assert not result.conflicts and result.marks == 1 and result.cleared == 1
    assert answers(tl, audit, "anna") == answers(anna, audit, "anna")
    assert answers(tl, audit, "bertil") == {("A1", "gp_finns", "bertil"): ("nej", None)}
    with tl.ctx.db.unit_of_work() as repo:
        a1 = repo.case_by_label(audit, "A1")
        assert a1 is not None and "anna" in (a1.completed_by or "")
        history = repo.changes(audit, "A1", "gp_finns")
    assert [(e.action, e.actor) for e in history if e.reviewer == "anna"] == [
        ("offline-answer-set", "anna.a"), ("offline-comment", "anna.a"), ("answer-set", "tina"),
        ("comment", "tina")]
    assert history[-1].reason is not None and history[-1].reason.startswith("package ")


def test_the_same_package_twice_changes_nothing(team: Team) -> None:
    tl, anna, audit = team.tl, team.anna, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a.akt")
    open_assignment(anna.ctx, team.tmp / "a.akt")
    before_open = (answers(anna, audit), len(change_log(anna, audit)), settings_json(anna, audit))
    assert open_assignment(anna.ctx, team.tmp / "a.akt").already
    assert before_open == (answers(anna, audit), len(change_log(anna, audit)),
                           settings_json(anna, audit))

    _complete_a1(anna, audit, "anna")
    export_answers(anna.ctx, audit, team.tmp / "p1.akt")
    import_answers_package(tl.ctx, team.tmp / "p1.akt")
    before = (answers(tl, audit), len(change_log(tl, audit)), settings_json(tl, audit))
    again = import_answers_package(tl.ctx, team.tmp / "p1.akt")
    assert again.already and again.summary().startswith("already")
    assert before == (answers(tl, audit), len(change_log(tl, audit)), settings_json(tl, audit))

    # A new package with the same content writes no answer and no answer log entry either.
    export_answers(anna.ctx, audit, team.tmp / "p2.akt")
    same = import_answers_package(tl.ctx, team.tmp / "p2.akt")
    assert (same.written, same.cleared, same.conflicts, same.log_entries) == (0, 0, (), 0)
    assert answers(tl, audit) == before[0]
    new_entries = change_log(tl, audit)[before[1]:]
    assert [e.action for e in new_entries] == ["package-imported"]


def test_conflicts_are_listed_and_the_team_leaders_answer_stays(team: Team) -> None:
    tl, anna, audit = team.tl, team.anna, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a1.akt")
    open_assignment(anna.ctx, team.tmp / "a1.akt")
    _complete_a1(anna, audit, "anna")
    export_answers(anna.ctx, audit, team.tmp / "p1.akt")
    import_answers_package(tl.ctx, team.tmp / "p1.akt")

    set_answer(tl.ctx, audit, "A1", "gp_finns", "ej_dok", reviewer="anna")  # both change this one
    set_answer(anna.ctx, audit, "A1", "gp_finns", "nej", reviewer="anna")
    set_answer(anna.ctx, audit, "A1", "skal", "annat", reviewer="anna")  # only the reviewer
    set_answer(tl.ctx, audit, "A1", "veckor", "9", reviewer="anna")  # only the team leader
    export_answers(anna.ctx, audit, team.tmp / "p2.akt")
    result = import_answers_package(tl.ctx, team.tmp / "p2.akt")

    assert [(c.case, c.question, c.kept, c.package) for c in result.conflicts] == [
        ("A1", "gp_finns", "ej_dok", "nej")]
    now = answers(tl, audit, "anna")
    assert now[("A1", "gp_finns", "anna")][0] == "ej_dok"
    assert now[("A1", "skal", "anna")][0] == "annat"
    assert now[("A1", "veckor", "anna")][0] == "9.0"
    logged = [e for e in change_log(tl, audit) if e.action == "package-conflict"]
    assert [(e.case_label, e.question_id, e.old_value, e.new_value) for e in logged] == [
        ("A1", "gp_finns", "ej_dok", "nej")]

    # Settled on the team leader's side: the same answers again are no conflict ...
    export_answers(anna.ctx, audit, team.tmp / "p3.akt")
    assert import_answers_package(tl.ctx, team.tmp / "p3.akt").conflicts == ()
    # ... and the team leader's value reaches the reviewer with the next assignment.
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a2.akt")
    opened = open_assignment(anna.ctx, team.tmp / "a2.akt")
    assert opened.conflicts == ()
    assert answers(anna, audit, "anna") == answers(tl, audit, "anna")


def test_edits_undone_before_the_next_exchange_change_nothing(team: Team) -> None:
    """Only the net change between two exchanges counts (docs/packages.md), not each edit."""
    tl, anna, audit = team.tl, team.anna, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a1.akt")
    open_assignment(anna.ctx, team.tmp / "a1.akt")
    set_answer(tl.ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
    set_answer(tl.ctx, audit, "A1", "gp_finns", None, reviewer="anna")  # as it was sent
    set_answer(anna.ctx, audit, "A1", "gp_finns", "nej", reviewer="anna")
    export_answers(anna.ctx, audit, team.tmp / "p1.akt")
    result = import_answers_package(tl.ctx, team.tmp / "p1.akt")
    assert (result.written, result.conflicts) == (1, ())
    assert answers(tl, audit, "anna") == {("A1", "gp_finns", "anna"): ("nej", None)}
    assert [e.action for e in change_log(tl, audit) if e.question_id == "gp_finns"
            and e.actor == "tina"] == ["answer-set", "answer-cleared", "answer-set"]


def test_a_conflict_seen_by_the_reviewer_reaches_the_team_leader(team: Team) -> None:
    tl, anna, audit = team.tl, team.anna, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a1.akt")
    open_assignment(anna.ctx, team.tmp / "a1.akt")
    _complete_a1(anna, audit, "anna")
    export_answers(anna.ctx, audit, team.tmp / "p1.akt")
    import_answers_package(tl.ctx, team.tmp / "p1.akt")
    set_answer(tl.ctx, audit, "A1", "veckor", "7", reviewer="anna")
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a2.akt")
    set_answer(anna.ctx, audit, "A1", "veckor", "5", reviewer="anna")

    opened = open_assignment(anna.ctx, team.tmp / "a2.akt")
    assert [(c.question, c.kept, c.package) for c in opened.conflicts] == [("veckor", "5.0", "7.0")]
    assert answers(anna, audit, "anna")[("A1", "veckor", "anna")][0] == "5.0"
    export_answers(anna.ctx, audit, team.tmp / "p2.akt")
    result = import_answers_package(tl.ctx, team.tmp / "p2.akt")
    assert [(c.question, c.kept, c.package) for c in result.conflicts] == [("veckor", "7.0", "5.0")]


def test_packages_applied_out_of_order_lose_nothing(team: Team) -> None:
    tl, anna, audit = team.tl, team.anna, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a1.akt",
                      cases=["A1"])
    edit_case(tl.ctx, audit, "A1", {"age": "11"}, reviewer="tina")
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a2.akt",
                      cases=["A1", "A2"])
    open_assignment(anna.ctx, team.tmp / "a2.akt")
    open_assignment(anna.ctx, team.tmp / "a1.akt")  # older: adds nothing, reverts nothing
    with anna.ctx.db.unit_of_work() as repo:
        assert [c.label for c in repo.cases(audit)] == ["A1", "A2"]
        a1 = repo.case_by_label(audit, "A1")
        assert a1 is not None and json.loads(a1.fields_json)["age"] == "11.0"

    set_answer(anna.ctx, audit, "A1", "gp_finns", "ja", reviewer="anna")
    export_answers(anna.ctx, audit, team.tmp / "p1.akt")
    set_answer(anna.ctx, audit, "A1", "gp_finns", "nej", reviewer="anna")
    set_answer(anna.ctx, audit, "A2", "veckor", "2", reviewer="anna")
    export_answers(anna.ctx, audit, team.tmp / "p2.akt")
    import_answers_package(tl.ctx, team.tmp / "p2.akt")
    late = import_answers_package(tl.ctx, team.tmp / "p1.akt")
    assert (late.written, late.conflicts) == (0, ())
    assert answers(tl, audit, "anna") == answers(anna, audit, "anna")


def test_several_reviewers_each_get_only_their_cases_and_answers(team: Team) -> None:
    tl, anna, bertil, audit = team.tl, team.anna, team.bertil, team.audit
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "anna.akt",
                      cases=["A1", "A2", "A3"])
    export_assignment(tl.ctx, audit, "bertil", "Bertil Berg", team.tmp / "bertil.akt",
                      cases=["A2", "A3", "A4"])
    for site, path in ((anna, "anna.akt"), (bertil, "bertil.akt")):
        open_assignment(site.ctx, team.tmp / path)
    set_answer(anna.ctx, audit, "A2", "gp_finns", "ja", reviewer="anna")
    set_answer(bertil.ctx, audit, "A2", "gp_finns", "nej", reviewer="bertil")
    set_answer(bertil.ctx, audit, "A4", "veckor", "1", reviewer="bertil")
    export_answers(anna.ctx, audit, team.tmp / "pa.akt")
    export_answers(bertil.ctx, audit, team.tmp / "pb.akt")
    import_answers_package(tl.ctx, team.tmp / "pb.akt")
    import_answers_package(tl.ctx, team.tmp / "pa.akt")
    assert answers(tl, audit) == {("A2", "gp_finns", "anna"): ("ja", None),
                           ("A2", "gp_finns", "bertil"): ("nej", None),
                           ("A4", "veckor", "bertil"): ("1.0", None)}


def test_without_cases_named_the_review_plan_decides(team: Team) -> None:
    from audit_app.services.review_plan import assign_reviewers, assigned_cases

    tl, audit = team.tl, team.audit
    assign_reviewers(tl.ctx, audit, ["anna", "bertil"], double_all=True)
    sent = export_assignment(tl.ctx, audit, "anna", "Anna Andersson", team.tmp / "a.akt")
    planned = assigned_cases(tl.ctx, audit, "anna")
    assert planned and sent.cases == len(planned)
    opened = open_assignment(team.anna.ctx, team.tmp / "a.akt")
    assert opened.cases_added == len(planned)
    with pytest.raises(InputRejected, match="no cases"):
        export_assignment(tl.ctx, audit, "cecilia", "Bertil Berg", team.tmp / "c.akt")
