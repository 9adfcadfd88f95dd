"""Agreement statistics on small cases computed by hand, undefined statistics, and unit counting."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest

from audit_app.domain.agreement import (
    Ratings,
    agreement_with_intervals,
    build_agreement,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)
from audit_app.domain.final_answers import CaseAnswers, CaseRecord
from tests.domain.test_final_answers import TEMPLATE

# Two reviewers, four units: a says ja, ja, nej, ja; b says ja, nej, nej, ja.
TWO = [{"a": "ja", "b": "ja"}, {"a": "ja", "b": "nej"}, {"a": "nej", "b": "nej"},
       {"a": "ja", "b": "ja"}]
# Three reviewers, c missing on the second unit.
THREE = [{"a": "ja", "b": "ja", "c": "ja"}, {"a": "ja", "b": "nej"},
         {"a": "nej", "b": "nej", "c": "ja"}]


def close(value: float | None, expected: Fraction | float) -> bool:
    return value is not None and math.isclose(value, float(expected), rel_tol=1e-12, abs_tol=1e-12)


def test_two_reviewers_four_units_by_hand() -> None:
    # pa = 3 agreeing units of 4.
    assert percent_agreement(TWO) == 0.75
    # Rows (a): ja 3, nej 1; columns (b): ja 2, nej 2; pe = (3*2 + 1*2) / 16 = 1/2.
    assert close(cohen_kappa(TWO), Fraction(1, 2))
    # Values: ja 5, nej 3 (n = 8); one disagreeing pair gives D = 2; n^2 - sum n_c^2 = 30.
    assert close(krippendorff_alpha(TWO), 1 - Fraction(7 * 2, 30))
    # pi_ja = 5/8, pi_nej = 3/8: Q = 2 gives pe = 30/64, Q = 3 half of that.
    assert close(gwet_ac1(TWO, 2), Fraction(9, 17))
    assert close(gwet_ac1(TWO, 3), Fraction(33, 49))


def test_three_reviewers_with_a_missing_answer_by_hand() -> None:
    # Unit agreement: 1, 0 and 1 pair of 3.
    assert close(percent_agreement(THREE), Fraction(4, 9))
    # Different reviewers on different units: no Cohen's kappa.
    assert cohen_kappa(THREE) is None
    # Values: ja 5, nej 3; D = 0 + 2 + (9 - 5) / 2 = 4; alpha = 1 - 7 * 4 / 30.
    assert close(krippendorff_alpha(THREE), Fraction(1, 15))
    # pi_ja = (1 + 1/2 + 1/3) / 3 = 11/18, pe = 2 * 11/18 * 7/18 = 77/162.
    assert close(gwet_ac1(THREE, 2), Fraction(-1, 17))


def test_published_two_rater_table() -> None:
    """Gwet's 3x3 abstractor table (irrCAC's cont3x3abstractors) with its published values."""
    cells = {("E", "E"): 13, ("A", "A"): 20, ("A", "N"): 7, ("N", "A"): 4, ("N", "N"): 56}
    units = [{"r1": x, "r2": y} for (x, y), n in cells.items() for _ in range(n)]
    assert close(percent_agreement(units), 0.89)
    assert cohen_kappa(units) == pytest.approx(0.7964094, abs=5e-8)
    assert krippendorff_alpha(units) == pytest.approx(0.7972585, abs=5e-8)
    assert gwet_ac1(units, 3) == pytest.approx(0.8493305, abs=5e-8)


def test_published_four_raters_with_missing_ratings() -> None:
    """Gwet (2014), Handbook of Inter-Rater Reliability, p. 120: AC1 0.77544, pa 0.81818, pe 0.19032.

    Unit 12 has a single rating: it does not enter pa but does enter the category shares.
    """
    rows: list[list[int | None]] = [
            [1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
            [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5], [None, None, 1, 1],
            [None, None, 3, None]]
    units = [{f"r{i}": str(v) for i, v in enumerate(row) if v is not None} for row in rows]
    assert percent_agreement(units) == pytest.approx(0.81818, abs=5e-6)
    assert gwet_ac1(units, 5) == pytest.approx(0.77544, abs=5e-6)


def test_every_answer_the_same_category_leaves_kappa_and_alpha_undefined() -> None:
    units = [{"a": "ja", "b": "ja"}] * 5
    estimates = Ratings(units, 2).estimates()
    assert estimates.percent_agreement == 1.0
    assert estimates.cohen_kappa is None and estimates.krippendorff_alpha is None
    assert estimates.gwet_ac1 == 1.0  # pe = 0: AC1 stays defined
    result = agreement_with_intervals(Ratings(units, 2))
    assert result.intervals == {"cohen_kappa": None, "krippendorff_alpha": None,
                                "gwet_ac1": [1.0, 1.0]}


def test_undefined_and_empty_cases_give_none_not_errors() -> None:
    assert Ratings([], 3).estimates().percent_agreement is None
    assert gwet_ac1([{"a": "x", "b": "x"}], 1) is None  # Q = 1: no chance agreement defined
    assert krippendorff_alpha([{"a": "x"}]) is None  # a single rating pairs with nothing
    one = agreement_with_intervals(Ratings([{"a": "ja", "b": "nej"}], 2))
    assert one.estimates.units == 1 and one.estimates.cohen_kappa == 0.0
    assert one.intervals == {"cohen_kappa": None, "krippendorff_alpha": None, "gwet_ac1": None}


def test_intervals_are_reproducible_and_hold_the_point() -> None:
    units = TWO * 6 + THREE[:1] * 3
    first = agreement_with_intervals(Ratings(units, 3))
    again = agreement_with_intervals(Ratings(list(reversed(units)), 3))
    assert first == again  # same seed; the order of the units does not matter
    for name in ("krippendorff_alpha", "gwet_ac1"):
        interval = first.intervals[name]
        assert interval is not None
        lo, hi = interval
        assert lo <= first.estimates.statistic(name) <= hi  # type: ignore[operator]
    assert first.intervals["cohen_kappa"] is None  # the third reviewer rules out kappa
    other = agreement_with_intervals(Ratings(units, 3), seed=1)
    assert other.intervals != first.intervals


def _case(label: str, excluded: str | None = None, consensus: dict[str, str] | None = None,
          **questions: dict[str, object]) -> tuple[CaseRecord, CaseAnswers]:
    answers = CaseAnswers()
    for qid, per_reviewer in questions.items():
        for reviewer, value in per_reviewer.items():
            answers.add(qid, reviewer, value)  # type: ignore[arg-type]
    answers.consensus.update(consensus or {})
    return CaseRecord(label, {}, excluded), answers


def _audit(*cases: tuple[CaseRecord, CaseAnswers]) -> dict[str, Any]:
    return build_agreement(TEMPLATE, [c for c, _ in cases], {c.label: a for c, a in cases},
                           audit_id="x", audit_name="Test", resamples=50)


def test_units_follow_applicability_exclusion_and_ignore_consensus() -> None:
    # 'part' applies when the final answer of 'plan' is "ja".
    result = _audit(
        _case("c1", plan={"a": "ja", "b": "ja"}, part={"a": "ja", "b": "nej"}),
        # plan unresolved: part does not apply, its answers are no unit.
        _case("c2", plan={"a": "ja", "b": "nej"}, part={"a": "ja", "b": "ja"}),
        # The consensus decides applicability, but is no reviewer: plan's unit is nej/nej.
        _case("c3", consensus={"plan": "ja", "part": "nej"}, plan={"a": "nej", "b": "nej"},
              part={"a": "ja", "b": "ja"}),
        _case("c4", "Akten saknas", plan={"a": "ja", "d": "nej"}),  # excluded
        _case("c5", plan={"a": "ja"}, weeks={"c": 3.0}),  # one answer: no unit
    )
    questions = {q["id"]: q for q in result["questions"]}
    assert [q["id"] for q in result["questions"]] == ["plan", "part"]
    assert result["reviewers"] == ["a", "b", "c", "d"]
    plan, part = questions["plan"], questions["part"]
    assert plan["units"] == 3 and close(plan["percent_agreement"], Fraction(2, 3))
    assert part["units"] == 2 and part["percent_agreement"] == 0.5
    overall = result["overall"]
    assert overall == {"units": 5, "percent_agreement": pytest.approx(0.6),
                       "krippendorff_alpha": pytest.approx(0.5),
                       "gwet_ac1": pytest.approx(21 / 41)}


def test_overall_keeps_categories_apart_per_question() -> None:
    # Same codes on two questions: pooled as different categories, so alpha is defined
    # only through the split between questions.
    result = _audit(_case("c1", plan={"a": "ja", "b": "ja"}, part={"a": "nej", "b": "nej"}),
                    _case("c2", plan={"a": "ja", "b": "ja"}, part={"a": "nej", "b": "nej"}))
    overall = result["overall"]
    assert overall["units"] == 4
    assert overall["krippendorff_alpha"] == 1.0
    # Q = 3 + 2; pi: plan:ja 1/2, part:nej 1/2; pe = (1/4 + 1/4) / 4.
    assert close(overall["gwet_ac1"], 1.0)


def test_questions_without_units_are_listed_with_nulls() -> None:
    result = _audit(_case("c1", plan={"a": "ja"}))
    nulls = {"cohen_kappa": None, "krippendorff_alpha": None, "gwet_ac1": None}
    assert result["questions"] == [
        {"id": "plan", "units": 0, "percent_agreement": None, **nulls, "ci95": nulls},
        {"id": "part", "units": 0, "percent_agreement": None, **nulls, "ci95": nulls},
    ]
    assert result["overall"] == {"units": 0, "percent_agreement": None, "krippendorff_alpha": None,
                                 "gwet_ac1": None}
    assert result["audit"] == {"id": "x", "name": "Test"} and result["reviewers"] == ["a"]
