"""Agreement statistics against reference implementations and direct formulas on random data.

Krippendorff's alpha is checked against the ``krippendorff`` package, Cohen's kappa against
statsmodels, Gwet's AC1 against a direct transcription of Gwet's formula for several raters with
missing ratings (and its two-rater form), percent agreement against its definition.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.agreement import Ratings, agreement_with_intervals

CODES = ["ja", "nej", "ej_dok", "ej_aktuellt"]
REVIEWERS = ["anna", "bo", "cecilia", "david"]

Units = list[dict[str, str]]


@st.composite
def rated_units(draw: st.DrawFn, min_raters: int = 2) -> tuple[Units, int]:
    """Units from up to four reviewers over a few codes, answers missing at random."""
    q = draw(st.integers(min_value=2, max_value=4))
    codes = CODES[:q]
    units: Units = []
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        raters = draw(st.lists(st.sampled_from(REVIEWERS), min_size=min_raters, max_size=4,
                               unique=True))
        units.append({r: draw(st.sampled_from(codes)) for r in raters})
    return units, q


@st.composite
def two_reviewer_units(draw: st.DrawFn) -> tuple[Units, int]:
    q = draw(st.integers(min_value=2, max_value=4))
    n = draw(st.integers(min_value=1, max_value=40))
    pairs = draw(st.lists(st.tuples(st.sampled_from(CODES[:q]), st.sampled_from(CODES[:q])),
                          min_size=n, max_size=n))
    return [{"anna": a, "bo": b} for a, b in pairs], q


def _pairable(units: Units) -> Units:
    return [u for u in units if len(u) >= 2]


@settings(max_examples=200, deadline=None)
@given(rated_units(min_raters=1))
def test_alpha_matches_the_krippendorff_package(data: tuple[Units, int]) -> None:
    krippendorff = pytest.importorskip("krippendorff", reason="the krippendorff package is not installed")
    np = pytest.importorskip("numpy")
    units, _q = data
    ours = Ratings(units).estimates().krippendorff_alpha
    pairable_values = {v for u in _pairable(units) for v in u.values()}
    if len(pairable_values) < 2:
        assert ours is None  # no expected disagreement (or nothing to pair): undefined
        return
    index = {code: i for i, code in enumerate(CODES)}
    matrix = np.full((len(REVIEWERS), len(units)), np.nan)
    for j, unit in enumerate(units):
        for reviewer, code in unit.items():
            matrix[REVIEWERS.index(reviewer), j] = index[code]
    domain = sorted({index[v] for u in units for v in u.values()})
    expected = krippendorff.alpha(reliability_data=matrix, value_domain=domain,
                                  level_of_measurement="nominal")
    assert ours == pytest.approx(float(expected), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(two_reviewer_units())
def test_kappa_matches_statsmodels(data: tuple[Units, int]) -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater",
                                      reason="statsmodels is not installed")
    np = pytest.importorskip("numpy")
    units, _q = data
    ours = Ratings(units).estimates().cohen_kappa
    codes = sorted({v for u in units for v in u.values()})
    table = np.zeros((len(codes), len(codes)))
    for u in units:
        table[codes.index(u["anna"]), codes.index(u["bo"])] += 1
    n = table.sum()
    pe = float((table.sum(axis=1) * table.sum(axis=0)).sum() / (n * n))
    if math.isclose(pe, 1.0):
        assert ours is None  # both reviewers always gave the same single code
        return
    expected = inter_rater.cohens_kappa(table, return_results=False)
    assert ours == pytest.approx(float(expected), abs=1e-9)


def _ac1_by_formula(units: Units, q: int) -> float:
    """Gwet (2014): pa over units with r_i >= 2; pi_k = (1/n) sum_i r_ik / r_i over rated units."""
    paired = [u for u in units if len(u) >= 2]
    pa = 0.0
    for u in paired:
        counts = Counter(u.values())
        r = len(u)
        pa += sum(c * (c - 1) for c in counts.values()) / (r * (r - 1))
    pa /= len(paired)
    pi: dict[str, float] = {}
    for u in units:
        for code, c in Counter(u.values()).items():
            pi[code] = pi.get(code, 0.0) + c / len(u)
    pe = sum((p / len(units)) * (1 - p / len(units)) for p in pi.values()) / (q - 1)
    return (pa - pe) / (1 - pe)


@settings(max_examples=200, deadline=None)
@given(rated_units())
def test_ac1_and_percent_agreement_match_the_formulas(data: tuple[Units, int]) -> None:
    units, q = data
    estimates = Ratings(units, q).estimates()
    assert estimates.gwet_ac1 == pytest.approx(_ac1_by_formula(units, q), abs=1e-12)
    pairs_agree = []
    for u in units:
        values = list(u.values())
        pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]]
        pairs_agree.append(sum(a == b for a, b in pairs) / len(pairs))
    assert estimates.percent_agreement == pytest.approx(sum(pairs_agree) / len(units), abs=1e-12)
    assert estimates.units == len(units)


@settings(max_examples=200, deadline=None)
@given(two_reviewer_units())
def test_ac1_for_two_raters_is_the_two_rater_formula(data: tuple[Units, int]) -> None:
    units, q = data
    n = len(units)
    po = sum(u["anna"] == u["bo"] for u in units) / n
    a, b = Counter(u["anna"] for u in units), Counter(u["bo"] for u in units)
    pi = {k: (a[k] + b[k]) / (2 * n) for k in set(a) | set(b)}
    pe = sum(p * (1 - p) for p in pi.values()) / (q - 1)
    estimates = Ratings(units, q).estimates()
    assert estimates.gwet_ac1 == pytest.approx((po - pe) / (1 - pe), abs=1e-12)
    assert estimates.percent_agreement == pytest.approx(po, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(rated_units(), st.integers(min_value=0, max_value=2**32))
def test_statistics_do_not_depend_on_the_order_of_units(data: tuple[Units, int], seed: int) -> None:
    units, q = data
    shuffled = list(units)
    random.Random(seed).shuffle(shuffled)
    assert Ratings(units, q).estimates() == Ratings(shuffled, q).estimates()


def test_pattern_bootstrap_has_the_distribution_of_resampling_units() -> None:
    """Resampling pattern counts gives the same spread as resampling the units themselves."""
    rng = random.Random(5)
    units = [{r: rng.choice(CODES[:3]) for r in REVIEWERS[:3] if rng.random() < 0.9} for _ in range(60)]
    units = [u for u in units if len(u) >= 2]
    ratings = Ratings(units, 3)
    ours = agreement_with_intervals(ratings, resamples=4000, seed=11).intervals["gwet_ac1"]
    naive = []
    for _ in range(4000):
        sample = [units[rng.randrange(len(units))] for _ in units]
        value = Ratings(sample, 3).estimates().gwet_ac1
        assert value is not None
        naive.append(value)
    naive.sort()
    assert ours is not None
    assert ours[0] == pytest.approx(naive[int(0.025 * 3999)], abs=0.03)
    assert ours[1] == pytest.approx(naive[int(0.975 * 3999)], abs=0.03)
