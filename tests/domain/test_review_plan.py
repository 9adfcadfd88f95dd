"""Review plan draw: the double share per stratum, distinct reviewers, even load, reproducible."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit_app.domain.review_plan import PlanCase, PlanError, PlanSpec, double_count, draw_plan

CASES = [PlanCase(f"K{i:03d}", (("hv", "kh", "sk")[i % 3],)) for i in range(60)]


def test_a_fifth_of_every_stratum_is_double_reviewed_by_two_different_reviewers() -> None:
    plan = draw_plan(CASES, PlanSpec(("anna", "bo", "cilla"), 0.2, seed=7, strata=("unit",)))
    assert plan.strata == {("hv",): (4, 20), ("kh",): (4, 20), ("sk",): (4, 20)}
    by_label = {c.label: c.stratum for c in CASES}
    doubles = [a for a in plan.assignments if a.double]
    assert Counter(by_label[a.case] for a in doubles) == {("hv",): 4, ("kh",): 4, ("sk",): 4}
    assert all(len(set(a.reviewers)) == 2 for a in doubles)
    assert all(len(a.reviewers) == 1 for a in plan.assignments if not a.double)
    assert [a.case for a in plan.assignments] == [c.label for c in CASES]


def test_every_case_double_with_three_raters() -> None:
    plan = draw_plan(CASES[:9], PlanSpec(("anna", "bo", "cilla"), 1.0, raters=3))
    assert all(a.double and sorted(a.reviewers) == ["anna", "bo", "cilla"]
               for a in plan.assignments)


def test_the_same_seed_gives_the_same_plan_whatever_the_order_and_another_seed_differs() -> None:
    spec = PlanSpec(("anna", "bo", "cilla"), 0.2, seed=11)
    first = {a.case: a for a in draw_plan(CASES, spec).assignments}
    again = {a.case: a for a in draw_plan(list(reversed(CASES)), spec).assignments}
    assert first == again
    shuffled = PlanSpec(("cilla", "anna", "bo"), 0.2, seed=11)
    assert {a.case: a for a in draw_plan(CASES, shuffled).assignments} == first
    other = {a.case: a for a in draw_plan(CASES, PlanSpec(spec.reviewers, 0.2, seed=12))
             .assignments}
    assert other != first


def test_pairs_are_spread_over_every_pair_of_reviewers() -> None:
    plan = draw_plan(CASES, PlanSpec(("anna", "bo", "cilla"), 0.5, seed=3))
    pairs = Counter(frozenset(a.reviewers) for a in plan.assignments if a.double)
    assert len(pairs) == 3 and max(pairs.values()) - min(pairs.values()) <= 1


@pytest.mark.parametrize(("share", "size", "expected"), [
    (0.2, 12, 3), (0.2, 10, 2), (0.1, 30, 3), (0.2, 2, 1), (0.0, 5, 0), (1.0, 7, 7), (0.5, 0, 0)])
def test_the_double_count_is_the_share_rounded_up(share: float, size: int, expected: int) -> None:
    assert double_count(share, size) == expected


@pytest.mark.parametrize("spec", [
    PlanSpec(()), PlanSpec(("anna", "anna")), PlanSpec(("anna",), 0.2),
    PlanSpec(("anna", "bo"), 1.5), PlanSpec(("anna", "bo"), 0.2, raters=3),
    PlanSpec(("anna", "bo"), float("nan"))])
def test_impossible_plans_are_refused(spec: PlanSpec) -> None:
    with pytest.raises(PlanError):
        draw_plan(CASES, spec)


def test_a_case_label_twice_is_refused() -> None:
    with pytest.raises(PlanError):
        draw_plan([PlanCase("A"), PlanCase("A")], PlanSpec(("anna",)))


@given(
    sizes=st.lists(st.integers(0, 15), min_size=1, max_size=4),
    reviewers=st.integers(2, 5),
    share=st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.5, 1.0]),
    raters=st.integers(2, 5),
    seed=st.integers(0, 2**31),
)
def test_plan_properties(sizes: list[int], reviewers: int, share: float, raters: int,
                         seed: int) -> None:
    names = tuple(f"r{i}" for i in range(reviewers))
    raters = min(raters, reviewers)
    cases = [PlanCase(f"s{s}c{i}", (f"s{s}",)) for s, n in enumerate(sizes) for i in range(n)]
    plan = draw_plan(cases, PlanSpec(names, share, raters=raters, seed=seed))
    assert len(plan.assignments) == len(cases)
    for key, (k, n) in plan.strata.items():
        assert k == double_count(share, n)
        stratum = {c.label for c in cases if c.stratum == key}
        assert sum(1 for a in plan.assignments if a.double and a.case in stratum) == k
    for a in plan.assignments:
        assert len(a.reviewers) == (raters if a.double else 1) == len(set(a.reviewers))
    load = plan.load()
    counts = [load.get(r, 0) for r in names]
    assert max(counts) - min(counts) <= 1
