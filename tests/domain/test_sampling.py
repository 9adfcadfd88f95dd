"""Stratified sampling as in 002: the same number per stratum, reproducible, with reserves."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit_app.domain.sampling import SamplingPlan, draw_stratified

POPULATION = [{"case": f"K{i:03d}", "unit": ("hv", "kh", "sk")[i % 3],
               "gender": ("flicka", "pojke")[(i // 3) % 2]} for i in range(180)]


def test_002_design_gives_twelve_per_unit_half_girls_half_boys() -> None:
    result = draw_stratified(POPULATION, SamplingPlan(("unit", "gender"), 6, seed=2024))
    assert len(result.selected) == 36
    assert Counter(r["unit"] for r in result.selected) == {"hv": 12, "kh": 12, "sk": 12}
    assert Counter((r["unit"], r["gender"]) for r in result.selected) == {
        (u, g): 6 for u in ("hv", "kh", "sk") for g in ("flicka", "pojke")}


def test_the_same_seed_draws_the_same_cases_whatever_the_file_order() -> None:
    plan = SamplingPlan(("unit",), 5, seed=7)
    first = draw_stratified(POPULATION, plan).selected
    again = draw_stratified(list(reversed(POPULATION)), plan).selected
    assert [r["case"] for r in first] == [r["case"] for r in again]
    other = draw_stratified(POPULATION, SamplingPlan(("unit",), 5, seed=8)).selected
    assert [r["case"] for r in other] != [r["case"] for r in first]


def test_reserves_come_from_the_same_stratum_and_are_not_in_the_sample() -> None:
    result = draw_stratified(POPULATION, SamplingPlan(("unit", "gender"), 6, seed=1, reserves=2))
    assert len(result.reserves) == 12
    assert not {r["case"] for r in result.reserves} & {r["case"] for r in result.selected}
    assert Counter((r["unit"], r["gender"]) for r in result.reserves) == {
        (u, g): 2 for u in ("hv", "kh", "sk") for g in ("flicka", "pojke")}


def test_a_stratum_too_small_is_reported_as_a_shortfall() -> None:
    small = [r for r in POPULATION if r["unit"] != "sk"] + POPULATION[2:5:3]
    result = draw_stratified(small, SamplingPlan(("unit",), 10, seed=1))
    assert result.shortfalls == {("sk",): 9}


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=2**32))
def test_never_more_than_asked_per_stratum_and_no_case_twice(n: int, seed: int) -> None:
    result = draw_stratified(POPULATION, SamplingPlan(("unit", "gender"), n, seed=seed, reserves=1))
    counts = Counter((r["unit"], r["gender"]) for r in result.selected)
    assert all(c == min(n, 30) for c in counts.values())
    labels = [r["case"] for r in result.selected + result.reserves]
    assert len(labels) == len(set(labels))


def test_zero_per_stratum_is_refused() -> None:
    with pytest.raises(ValueError):
        draw_stratified(POPULATION, SamplingPlan(("unit",), 0, seed=1))
