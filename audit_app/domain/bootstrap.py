"""Seeded bootstrap helpers in pure Python: binomial and multinomial draws, percentile intervals."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence


def binomial(rng: random.Random, n: int, p: float) -> int:
    """One draw from Binomial(n, p), by inversion searching outwards from the mode.

    The outcomes are visited in the fixed order mode, mode-1, mode+1, mode-2, ... and one
    uniform number picks the outcome where the running sum of probabilities passes it, so the
    expected work grows with the standard deviation, not with ``n``.
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    mode = min(n, int((n + 1) * p))
    log_mode = (math.lgamma(n + 1) - math.lgamma(mode + 1) - math.lgamma(n - mode + 1)
                + mode * math.log(p) + (n - mode) * math.log1p(-p))
    p_low = p_high = math.exp(log_mode)
    u = rng.random() - p_low
    if u < 0.0:
        return mode
    odds = p / (1.0 - p)
    low = high = mode
    while True:
        if low > 0 and p_low > 0.0:
            p_low *= low / ((n - low + 1) * odds)
            low -= 1
            u -= p_low
            if u < 0.0:
                return low
        elif high >= n or p_high == 0.0:
            return mode  # only rounding left over: the sum of the probabilities fell short of u
        if high < n and p_high > 0.0:
            p_high *= (n - high) * odds / (high + 1)
            high += 1
            u -= p_high
            if u < 0.0:
                return high


def multinomial(rng: random.Random, n: int, counts: Sequence[int]) -> list[int]:
    """Draw ``n`` items with replacement from groups of the given sizes; items drawn per group.

    Drawn as a chain of binomials (each group given what the earlier groups took), which has
    exactly the distribution of ``n`` independent draws of one item out of ``sum(counts)``.
    """
    drawn = [0] * len(counts)
    left, remaining = n, sum(counts)
    for i, size in enumerate(counts):
        if left == 0 or remaining <= 0:
            break
        take = left if size >= remaining else binomial(rng, left, size / remaining)
        drawn[i] = take
        left -= take
        remaining -= size
    return drawn


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of sorted values, interpolating linearly between neighbours."""
    if not values:
        raise ValueError("no values")
    position = fraction * (len(values) - 1)
    below = math.floor(position)
    above = min(below + 1, len(values) - 1)
    weight = position - below
    return values[below] + (values[above] - values[below]) * weight


def percentile_interval(values: Sequence[float], level: float = 0.95) -> list[float] | None:
    """The central percentile interval ``[lo, hi]`` of bootstrap values, or None without any."""
    if not values:
        return None
    ordered = sorted(values)
    tail = (1.0 - level) / 2.0
    return [percentile(ordered, tail), percentile(ordered, 1.0 - tail)]
