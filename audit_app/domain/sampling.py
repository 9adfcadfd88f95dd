"""Stratified random sampling of cases (002: twelve per district, stratified by gender), with reserves."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SamplingPlan:
    """How to draw: the stratifying columns, cases per stratum, reserves per stratum, and a seed."""

    strata: tuple[str, ...]
    per_stratum: int
    seed: int
    reserves: int = 0


@dataclass(frozen=True)
class SampleResult:
    """The drawn cases, the reserves in drawing order, and strata too small for the plan."""

    selected: list[Mapping[str, str]]
    reserves: list[Mapping[str, str]]
    shortfalls: dict[tuple[str, ...], int]
    stratum_sizes: dict[tuple[str, ...], int]


def draw_stratified(population: Sequence[Mapping[str, str]], plan: SamplingPlan,
                    label_column: str = "case") -> SampleResult:
    """Draw ``per_stratum`` cases from every stratum, reproducibly for the same seed and file.

    Rows are ordered by label before shuffling, so the order of the population file does not
    change the draw. Reserves replace drawn cases that turn out unusable (no journal, wrong
    target group), taken in order within the same stratum.
    """
    if plan.per_stratum < 1:
        raise ValueError("at least one case per stratum")
    groups: dict[tuple[str, ...], list[Mapping[str, str]]] = {}
    for row in population:
        key = tuple(row.get(column, "").strip() for column in plan.strata)
        groups.setdefault(key, []).append(row)
    rng = random.Random(plan.seed)
    selected: list[Mapping[str, str]] = []
    reserves: list[Mapping[str, str]] = []
    shortfalls: dict[tuple[str, ...], int] = {}
    for key in sorted(groups):
        rows = sorted(groups[key], key=lambda r: r.get(label_column, ""))
        rng.shuffle(rows)
        selected += rows[: plan.per_stratum]
        reserves += rows[plan.per_stratum: plan.per_stratum + plan.reserves]
        if len(rows) < plan.per_stratum:
            shortfalls[key] = plan.per_stratum - len(rows)
    return SampleResult(selected, reserves, shortfalls, {k: len(v) for k, v in groups.items()})
