"""Review plan through the services: assign with a double share, show, reassign, log every change."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.blinding import change_phase
from audit_app.services.cases import exclude_case
from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from audit_app.services.review_plan import (
    assign_reviewers,
    assigned_cases,
    plan_csv,
    plan_text,
    show_plan,
)
from audit_app.storage.models import ChangeRow
from tests.services.colleague_fixtures import make_audit

REVIEWERS = ["anna", "bo", "cilla"]


def _log(ctx: AppContext, audit: str, prefix: str) -> list[ChangeRow]:
    with ctx.db.unit_of_work() as repo:
        return [c for c in repo.changes(audit) if c.action.startswith(prefix)]


def test_a_seeded_share_per_stratum_is_double_reviewed_and_logged(ctx: AppContext,
                                                                  tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=10)
    result = assign_reviewers(ctx, audit, REVIEWERS, double_share=0.2, seed=4, strata=["unit"])
    assert (result.cases, result.double, result.added) == (10, 2, 12)
    assert sorted(result.load.values()) == [4, 4, 4]
    plan = show_plan(ctx, audit)
    assert plan["plan"] == {"reviewers": REVIEWERS, "double_share": 0.2, "raters": 2, "seed": 4,
                            "strata": ["unit"], "assigned_by": "testare",
                            "updated_at": plan["plan"]["updated_at"]}
    doubles = [c for c in plan["cases"] if c["double"]]
    assert sorted(c["stratum"]["unit"] for c in doubles) == ["hv", "kh"]
    assert all(len(c["reviewers"]) == 2 for c in doubles)
    assert plan["unassigned"] == []
    assert [r["cases"] for r in plan["reviewers"]] == [4, 4, 4]
    added = _log(ctx, audit, "assignment-added")
    assert len(added) == 12 and {c.reviewer for c in added} == set(REVIEWERS)
    assert json.loads(_log(ctx, audit, "plan-set")[0].new_value or "")["seed"] == 4


def test_assigning_again_with_the_same_settings_changes_nothing(ctx: AppContext,
                                                                tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan")
    first = assign_reviewers(ctx, audit, REVIEWERS, double_share=0.5, seed=9)
    before = len(_log(ctx, audit, ""))
    again = assign_reviewers(ctx, audit, list(reversed(REVIEWERS)), double_share=0.5, seed=9)
    assert (again.added, again.removed, again.changed) == (0, 0, 0) and first.added == 9
    assert len(_log(ctx, audit, "")) == before


def test_reassigning_logs_removals_and_keeps_the_answers_given(ctx: AppContext,
                                                               tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=4)
    assign_reviewers(ctx, audit, ["anna", "bo"], double_all=True)
    ctx.actor = "bo"  # a reviewer writes as themselves while the review is blinded
    set_answer(ctx, audit, "K1", "barn_traffat", "ja", reviewer="bo")
    result = assign_reviewers(ctx, audit, ["anna"])
    assert result.removed == 4 and result.kept_answers == [("K1", "bo")]
    assert len(_log(ctx, audit, "assignment-removed")) == 4
    assert _log(ctx, audit, "plan-changed")
    assert assigned_cases(ctx, audit, "bo") == []
    assert assigned_cases(ctx, audit, "anna") == ["K1", "K2", "K3", "K4"]
    with ctx.db.unit_of_work() as repo:
        assert len(repo.answers(audit)) == 1


def test_every_case_by_all_three_reviewers(ctx: AppContext, tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=3)
    assign_reviewers(ctx, audit, REVIEWERS, double_all=True, raters=3)
    plan = show_plan(ctx, audit)
    assert all(sorted(r["reviewer"] for r in c["reviewers"]) == REVIEWERS for c in plan["cases"])
    assert [r["position"] for r in plan["cases"][0]["reviewers"]] == [0, 1, 2]


def test_excluded_cases_are_not_assigned_and_new_cases_show_as_unassigned(
        ctx: AppContext, tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=3)
    exclude_case(ctx, audit, "K3", "Akten saknas", reviewer="lena")
    assign_reviewers(ctx, audit, ["anna", "bo"])
    from audit_app.services.cases import add_case

    add_case(ctx, audit, "K9", {"unit": "hv"}, reviewer="lena")
    plan = show_plan(ctx, audit)
    assert plan["unassigned"] == ["K9"]
    assert next(c for c in plan["cases"] if c["case"] == "K3")["excluded"]
    rows = list(csv.DictReader(io.StringIO(plan_csv(plan))))
    assert [r["case"] for r in rows] == ["K1", "K2", "K9"] and rows[-1]["reviewer"] == ""
    assert "Ej tilldelade: K9" in plan_text(plan)


def test_progress_per_assignment_counts_answers_not_values(ctx: AppContext,
                                                           tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=2)
    assign_reviewers(ctx, audit, ["anna", "bo"], double_all=True)
    ctx.actor = "anna"
    set_answer(ctx, audit, "K1", "barn_traffat", "ja", reviewer="anna")
    set_answer(ctx, audit, "K1", "barn_asikt", "nej", reviewer="anna")
    plan = show_plan(ctx, audit)
    k1 = {r["reviewer"]: r for r in plan["cases"][0]["reviewers"]}
    assert k1["anna"]["answered"] == 2 and k1["bo"]["answered"] == 0
    assert "ja" not in json.dumps(plan["cases"])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"double_share": 0.2}, "--seed"),
    ({"double_share": 0.2, "double_all": True}, "not both"),
    ({"double_share": 1.5, "seed": 1}, "from 0 to 1"),
    ({"double_all": True, "raters": 4}, "raters"),
    ({"strata": ["age"], "double_share": 0.2, "seed": 1}, "'age' is not a choice"),
])
def test_impossible_plans_are_rejected_and_nothing_is_stored(
        ctx: AppContext, tmp_path: Path, kwargs: dict[str, object], message: str) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=2)
    with pytest.raises(InputRejected) as info:
        assign_reviewers(ctx, audit, REVIEWERS, **kwargs)  # type: ignore[arg-type]
    assert message in info.value.message
    assert show_plan(ctx, audit)["plan"] is None and not _log(ctx, audit, "assignment")


def test_no_plan_is_made_once_the_review_phase_has_ended(ctx: AppContext, tmp_path: Path) -> None:
    audit = make_audit(ctx, tmp_path, "Plan", cases=2)
    change_phase(ctx, audit, "reconcile")
    with pytest.raises(InputRejected):
        assign_reviewers(ctx, audit, REVIEWERS)
    assert assigned_cases(ctx, audit, "anna") is None
