"""Agreement between reviewers on choice questions (DESIGN section 8): kappa, alpha, AC1, bootstrap."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.bootstrap import multinomial, percentile_interval
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, Status
from audit_app.domain.template import Question, Template

#: A unit: each reviewer's answer (an option code) for one case and question.
Unit = Mapping[str, str]

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20240607
CI_LEVEL = 0.95
STATISTICS = ("cohen_kappa", "krippendorff_alpha", "gwet_ac1")


@dataclass(frozen=True)
class Estimates:
    """The point estimates for one set of units; None where a statistic is undefined."""

    units: int
    percent_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None
    gwet_ac1: float | None

    def statistic(self, name: str) -> float | None:
        """One of ``cohen_kappa``, ``krippendorff_alpha`` or ``gwet_ac1`` by name."""
        value: float | None = getattr(self, name)
        return value


@dataclass(frozen=True)
class _Pattern:
    """Units that look alike to every statistic: the same ratings per category (and pair)."""

    raters: int
    counts: tuple[tuple[int, int], ...]  # (category index, ratings), ratings > 0
    pair: tuple[int, int] | None  # (first reviewer's, second reviewer's) category for kappa
    agreement: float  # agreeing pairs / all pairs of the unit (0 when raters < 2)
    disagreement: float  # the unit's off-diagonal coincidences: (m^2 - sum n_c^2) / (m - 1)


class Ratings:
    """Units of ratings compressed to distinct patterns, so statistics and bootstrap cost O(patterns).

    Every statistic here depends on the units only through how many units show each pattern,
    so a bootstrap resample is a multinomial draw of pattern counts.
    """

    def __init__(self, units: Iterable[Unit], categories: int | None = None) -> None:
        unit_list = [u for u in units if u]
        codes = sorted({code for u in unit_list for code in u.values()})
        self.categories = codes
        self.q = max(categories if categories is not None else len(codes), len(codes))
        index = {code: i for i, code in enumerate(codes)}
        pairs = {tuple(sorted(u)) for u in unit_list}
        only_pair = next(iter(pairs)) if len(pairs) == 1 else None
        self.kappa_reviewers: tuple[str, ...] | None = (
            only_pair if only_pair is not None and len(only_pair) == 2 else None)
        grouped: Counter[tuple[tuple[tuple[int, int], ...], tuple[int, int] | None]] = Counter()
        for u in unit_list:
            tally = Counter(index[code] for code in u.values())
            pair = None
            if self.kappa_reviewers is not None:
                first, second = self.kappa_reviewers
                pair = (index[u[first]], index[u[second]])
            grouped[(tuple(sorted(tally.items())), pair)] += 1
        # A fixed order (most frequent first, then by content) keeps the bootstrap reproducible.
        ordered = sorted(grouped.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or ()))
        self.patterns = [self._pattern(counts, pair) for (counts, pair), _ in ordered]
        self.weights = [w for _, w in ordered]

    @staticmethod
    def _pattern(counts: tuple[tuple[int, int], ...], pair: tuple[int, int] | None) -> _Pattern:
        m = sum(n for _, n in counts)
        if m < 2:
            return _Pattern(m, counts, pair, 0.0, 0.0)
        same = sum(n * (n - 1) for _, n in counts)
        return _Pattern(m, counts, pair, same / (m * (m - 1)), (m * m - sum(n * n for _, n in counts))
                        / (m - 1))

    @property
    def units(self) -> int:
        """Units with at least two ratings (the pairable units)."""
        return sum(w for p, w in zip(self.patterns, self.weights, strict=True) if p.raters >= 2)

    def estimates(self, weights: Sequence[int] | None = None) -> Estimates:
        """Every statistic for the units, or for a resample given as a count per pattern."""
        weights = self.weights if weights is None else weights
        patterns = self.patterns
        k = len(self.categories)
        paired = 0  # units with >= 2 ratings
        rated = 0  # units with >= 1 rating (AC1's chance agreement, Gwet's n)
        agreement = 0.0
        disagreement = 0.0
        values = [0] * k  # pairable values per category (alpha)
        shares = [0.0] * k  # sum over units of r_ik / r_i (AC1)
        for pattern, w in zip(patterns, weights, strict=True):
            if not w:
                continue
            rated += w
            m = pattern.raters
            for c, n in pattern.counts:
                shares[c] += w * n / m
            if m < 2:
                continue
            paired += w
            agreement += w * pattern.agreement
            disagreement += w * pattern.disagreement
            for c, n in pattern.counts:
                values[c] += w * n
        if not paired:
            return Estimates(0, None, None, None, None)
        pa = agreement / paired
        return Estimates(paired, pa, self._kappa(weights), _alpha(values, disagreement),
                         _ac1(pa, shares, rated, self.q))

    def _kappa(self, weights: Sequence[int]) -> float | None:
        if self.kappa_reviewers is None:
            return None
        k = len(self.categories)
        rows, cols = [0] * k, [0] * k
        total = agree = 0
        for pattern, w in zip(self.patterns, weights, strict=True):
            if not w or pattern.pair is None:
                continue
            a, b = pattern.pair
            rows[a] += w
            cols[b] += w
            total += w
            if a == b:
                agree += w
        chance = sum(r * c for r, c in zip(rows, cols, strict=True))
        if total == 0 or chance == total * total:
            return None
        # (po - pe) / (1 - pe) with po = agree / N and pe = chance / N^2, in exact integers.
        return (agree * total - chance) / (total * total - chance)


def _alpha(values: Sequence[int], disagreement: float) -> float | None:
    """Nominal alpha = 1 - (n - 1) * sum_u D_u / (n^2 - sum_c n_c^2)."""
    n = sum(values)
    expected = n * n - sum(v * v for v in values)
    if n < 2 or expected == 0:
        return None
    return 1.0 - (n - 1) * disagreement / expected


def _ac1(pa: float, shares: Sequence[float], rated: int, q: int) -> float | None:
    """Gwet's AC1 = (pa - pe) / (1 - pe), pe = sum_k pi_k (1 - pi_k) / (Q - 1)."""
    if q < 2 or rated == 0:
        return None
    pe = sum((s / rated) * (1.0 - s / rated) for s in shares) / (q - 1)
    if pe >= 1.0:
        return None
    return (pa - pe) / (1.0 - pe)


def percent_agreement(units: Iterable[Unit]) -> float | None:
    """Share of agreeing pairs of answers on a unit, averaged over units with two or more answers."""
    return Ratings(units).estimates().percent_agreement


def cohen_kappa(units: Iterable[Unit]) -> float | None:
    """Cohen's kappa when every unit has the same two reviewers, else None (also when undefined)."""
    return Ratings(units).estimates().cohen_kappa


def krippendorff_alpha(units: Iterable[Unit]) -> float | None:
    """Nominal Krippendorff's alpha, any number of reviewers, missing answers allowed."""
    return Ratings(units).estimates().krippendorff_alpha


def gwet_ac1(units: Iterable[Unit], categories: int) -> float | None:
    """Gwet's AC1 for several raters with missing ratings, with Q = ``categories``.

    pa averages over units with two or more ratings; the category shares pi_k average
    r_ik / r_i over every unit with at least one rating (Gwet 2014).
    """
    return Ratings(units, categories).estimates().gwet_ac1


@dataclass(frozen=True)
class Agreement:
    """Point estimates and bootstrap 95% intervals for one question's units."""

    estimates: Estimates
    intervals: dict[str, list[float] | None]

    def as_json(self, question_id: str) -> dict[str, Any]:
        """The shape of one entry of ``questions`` in DESIGN section 8."""
        e = self.estimates
        return {"id": question_id, "units": e.units, "percent_agreement": e.percent_agreement,
                "cohen_kappa": e.cohen_kappa, "krippendorff_alpha": e.krippendorff_alpha,
                "gwet_ac1": e.gwet_ac1, "ci95": dict(self.intervals)}


def agreement_with_intervals(ratings: Ratings, *, resamples: int = BOOTSTRAP_RESAMPLES,
                             seed: int | str = BOOTSTRAP_SEED) -> Agreement:
    """Point estimates, and percentile intervals from resampling units with replacement.

    An interval is None where the point estimate is None or there are fewer than two units;
    resamples where a statistic is undefined are left out of that statistic's interval.
    """
    point = ratings.estimates()
    wanted = [name for name in STATISTICS if point.statistic(name) is not None]
    intervals: dict[str, list[float] | None] = dict.fromkeys(STATISTICS)
    if point.units < 2 or not wanted or resamples < 1:
        return Agreement(point, intervals)
    rng = random.Random(seed)
    weights = ratings.weights
    total = sum(weights)
    drawn: dict[str, list[float]] = {name: [] for name in wanted}
    for _ in range(resamples):
        resample = ratings.estimates(multinomial(rng, total, weights))
        for name in wanted:
            value = resample.statistic(name)
            if value is not None:
                drawn[name].append(value)
    for name in wanted:
        intervals[name] = percentile_interval(drawn[name], CI_LEVEL)
    return Agreement(point, intervals)


def question_units(question: Question, cases: Sequence[CaseRecord],
                   resolvers: Sequence[CaseResolver],
                   answers: Mapping[str, CaseAnswers]) -> list[dict[str, str]]:
    """The question's units: included cases where it applies and two or more reviewers answered."""
    units: list[dict[str, str]] = []
    qid = question.id
    for case, resolver in zip(cases, resolvers, strict=True):
        case_answers = answers.get(case.label)
        per_reviewer = case_answers.by_reviewer.get(qid) if case_answers is not None else None
        if not per_reviewer or len(per_reviewer) < 2:
            continue
        if resolver.status_of(question) is Status.NOT_APPLICABLE:
            continue
        unit = {r: v for r, v in per_reviewer.items() if isinstance(v, str)}
        if len(unit) >= 2:
            units.append(unit)
    return units


def reviewers_of(answers: Mapping[str, CaseAnswers]) -> list[str]:
    """Everyone with at least one answer of their own in the audit, sorted."""
    names: set[str] = set()
    for case_answers in answers.values():
        for per_reviewer in case_answers.by_reviewer.values():
            names.update(per_reviewer)
    return sorted(names)


def build_agreement(
    template: Template,
    cases: Sequence[CaseRecord],
    answers: Mapping[str, CaseAnswers],
    *,
    audit_id: str | None = None,
    audit_name: str = "",
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> dict[str, Any]:
    """The agreement output of DESIGN section 8 for every choice question and overall.

    Each question is resampled with its own generator, seeded from ``seed`` and its id, so a
    question's interval does not depend on the other questions.
    """
    included = [c for c in cases if c.included]
    resolvers = [CaseResolver(template, c, answers.get(c.label, CaseAnswers())) for c in included]
    questions_out: list[dict[str, Any]] = []
    pooled: list[dict[str, str]] = []
    pooled_q = 0
    for question in template.questions:
        if question.type != "choice":
            continue
        options = len(question.options or [])
        units = question_units(question, included, resolvers, answers)
        ratings = Ratings(units, options)
        result = agreement_with_intervals(ratings, resamples=resamples, seed=f"{seed}:{question.id}")
        questions_out.append(result.as_json(question.id))
        if units:
            pooled_q += ratings.q
            pooled += [{r: f"{question.id}:{code}" for r, code in u.items()} for u in units]
    overall = Ratings(pooled, pooled_q).estimates()
    return {
        "audit": {"id": audit_id, "name": audit_name},
        "reviewers": reviewers_of(answers),
        "questions": questions_out,
        "overall": {"units": overall.units, "percent_agreement": overall.percent_agreement,
                    "krippendorff_alpha": overall.krippendorff_alpha, "gwet_ac1": overall.gwet_ac1},
    }
