"""Review plan (granskningsplan): which reviewers read which case, with a seeded double-review share.

Pure draw logic for a colleague review (003, 004). Within every stratum the cases are ordered by
label and shuffled with a generator seeded from the plan's seed and the stratum, and the first
``ceil(share * size)`` of them are read by ``raters`` reviewers (double review); the others by one.
Reviewers are then given cases so that the workload stays even: double-reviewed cases first,
each to the least-loaded reviewers (ties broken by how often two reviewers were already paired,
then by a seeded draw), so every reviewer's load differs from every other's by at most one.

The same cases, strata, reviewers, share and seed always give the same plan, whatever order the
cases and the reviewers come in.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

#: The largest share is every case.
ALL = 1.0


class PlanError(ValueError):
    """A plan that cannot be drawn (no reviewers, a share outside 0-1, too few reviewers...)."""


@dataclass(frozen=True)
class PlanSpec:
    """How to assign: the reviewers, the double-review share per stratum, raters and seed."""

    reviewers: tuple[str, ...]
    double_share: float = 0.0
    raters: int = 2
    seed: int = 0
    strata: tuple[str, ...] = ()

    def check(self) -> None:
        """Raise PlanError when the plan cannot be drawn."""
        if not self.reviewers:
            raise PlanError("the plan needs at least one reviewer")
        if len(set(self.reviewers)) != len(self.reviewers):
            raise PlanError("a reviewer is named twice")
        if not 0.0 <= self.double_share <= ALL or math.isnan(self.double_share):
            raise PlanError(f"the double-review share must be from 0 to 1, not {self.double_share:g}")
        if self.double_share > 0 and not 2 <= self.raters <= len(self.reviewers):
            raise PlanError(f"double review by {self.raters} reviewers needs from 2 to "
                            f"{len(self.reviewers)} raters ({len(self.reviewers)} reviewers named)")


@dataclass(frozen=True)
class PlanCase:
    """A case to assign: its label and its stratum (one value per stratifying field, '' if none)."""

    label: str
    stratum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """The reviewers of one case (the first is its primary reviewer) and whether it is double."""

    case: str
    reviewers: tuple[str, ...]
    double: bool


@dataclass(frozen=True)
class DrawnPlan:
    """Every case's assignment (in the order the cases were given) and the draw per stratum."""

    assignments: list[Assignment]
    strata: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)

    def load(self) -> dict[str, int]:
        """Cases per reviewer."""
        out: dict[str, int] = {}
        for a in self.assignments:
            for r in a.reviewers:
                out[r] = out.get(r, 0) + 1
        return out


def double_count(share: float, size: int) -> int:
    """How many of a stratum's ``size`` cases are double-reviewed: at least the share, rounded up.

    The product is rounded to nine decimals first, so 0.1 * 30 is 3 and not 4.
    """
    if share <= 0 or size <= 0:
        return 0
    return min(size, math.ceil(round(share * size, 9)))


def _stratum_rng(seed: int, key: tuple[str, ...]) -> random.Random:
    return random.Random(f"{seed}:{json.dumps(list(key), ensure_ascii=False)}")


def draw_plan(cases: Sequence[PlanCase], spec: PlanSpec) -> DrawnPlan:
    """Assign every case to one reviewer, or to ``raters`` reviewers for the double share."""
    spec.check()
    labels = [c.label for c in cases]
    if len(set(labels)) != len(labels):
        raise PlanError("a case label occurs twice")
    groups: dict[tuple[str, ...], list[str]] = {}
    for c in cases:
        groups.setdefault(c.stratum, []).append(c.label)
    doubles: list[str] = []
    singles: list[str] = []
    drawn: dict[tuple[str, ...], tuple[int, int]] = {}
    for key in sorted(groups):
        members = sorted(groups[key])
        _stratum_rng(spec.seed, key).shuffle(members)
        k = double_count(spec.double_share, len(members))
        doubles += members[:k]
        singles += members[k:]
        drawn[key] = (k, len(members))
    chooser = _Chooser(sorted(spec.reviewers), random.Random(f"{spec.seed}:reviewers"))
    chosen = {label: chooser.pick(spec.raters) for label in doubles}
    chosen.update((label, chooser.pick(1)) for label in singles)
    double_set = set(doubles)
    return DrawnPlan([Assignment(label, chosen[label], label in double_set) for label in labels],
                     drawn)


class _Chooser:
    """Hands out reviewers least-loaded first, spreading pairs, ties broken by a seeded draw."""

    def __init__(self, reviewers: Sequence[str], rng: random.Random) -> None:
        self._reviewers = list(reviewers)
        self._rng = rng
        self._load = dict.fromkeys(reviewers, 0)
        self._pairs: dict[frozenset[str], int] = {}

    def pick(self, n: int) -> tuple[str, ...]:
        chosen: list[str] = []
        ranks = {r: self._rng.random() for r in self._reviewers}
        for _ in range(n):
            best = min((r for r in self._reviewers if r not in chosen), key=lambda r: (
                self._load[r], sum(self._pairs.get(frozenset((r, c)), 0) for c in chosen),
                ranks[r]))
            chosen.append(best)
        for r in chosen:
            self._load[r] += 1
        for i, a in enumerate(chosen):
            for b in chosen[i + 1:]:
                key = frozenset((a, b))
                self._pairs[key] = self._pairs.get(key, 0) + 1
        return tuple(chosen)
