"""The pure-Python binomial and multinomial draws and percentile intervals of the bootstrap."""

from __future__ import annotations

import random
import statistics

import pytest

from audit_app.domain.bootstrap import binomial, multinomial, percentile, percentile_interval


@pytest.mark.parametrize(("n", "p"), [(1, 0.3), (5, 0.5), (20, 0.05), (200, 0.5), (2000, 0.1),
                                      (2000, 0.93), (50, 0.999), (100_000, 0.3)])
def test_binomial_draws_have_the_binomial_mean_and_variance(n: int, p: float) -> None:
    rng = random.Random(3)
    draws = [binomial(rng, n, p) for _ in range(20_000)]
    assert all(0 <= d <= n for d in draws)
    mean, var = n * p, n * p * (1 - p)
    assert statistics.fmean(draws) == pytest.approx(mean, abs=5 * (var / 20_000) ** 0.5 + 1e-9)
    assert statistics.pvariance(draws) == pytest.approx(var, rel=0.05, abs=1e-3)


def test_binomial_edges() -> None:
    rng = random.Random(1)
    assert binomial(rng, 0, 0.5) == 0
    assert binomial(rng, 10, 0.0) == 0
    assert binomial(rng, 10, 1.0) == 10


def test_multinomial_keeps_the_total_and_the_shares() -> None:
    rng = random.Random(2)
    counts = [50, 0, 30, 15, 5]
    totals = [0] * len(counts)
    for _ in range(5000):
        drawn = multinomial(rng, 100, counts)
        assert sum(drawn) == 100 and drawn[1] == 0
        totals = [t + d for t, d in zip(totals, drawn, strict=True)]
    for t, c in zip(totals, counts, strict=True):
        assert t / 5000 == pytest.approx(c, abs=0.5)


def test_multinomial_is_reproducible_for_a_seed() -> None:
    assert (multinomial(random.Random(9), 40, [10, 20, 10])
            == multinomial(random.Random(9), 40, [10, 20, 10]))


def test_percentiles_interpolate_linearly() -> None:
    values = [float(v) for v in range(11)]
    assert percentile(values, 0.5) == 5.0
    assert percentile(values, 0.025) == pytest.approx(0.25)
    assert percentile_interval(values) == pytest.approx([0.25, 9.75])
    assert percentile_interval([]) is None
    assert percentile_interval([0.4]) == [0.4, 0.4]
