"""Confidence intervals for a binomial proportion (x successes out of n trials)."""

from __future__ import annotations

import math

from emergence import _validate as check

Z95 = 1.959963984540054  # the 97.5 % point of the standard normal


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, clipped to [0, 1].

    (p + z**2/(2n) -+ z sqrt(p (1 - p)/n + z**2/(4 n**2))) / (1 + z**2/n) with p = x/n;
    z = 1.96 gives 95 % coverage. It stays inside [0, 1] and is sensible at x = 0 and x = n.
    """
    n = check.positive_int("trials", trials)
    x = check.positive_int("successes", successes, minimum=0)
    if x > n:
        raise check.ParameterError("successes", f"{x} is more than the {n} trials")
    phat = x / n
    z2 = z * z
    centre = phat + z2 / (2 * n)
    half = z * math.sqrt(phat * (1 - phat) / n + z2 / (4 * n * n))
    denom = 1 + z2 / n
    low = 0.0 if x == 0 else max(0.0, (centre - half) / denom)
    high = 1.0 if x == n else min(1.0, (centre + half) / denom)
    return low, high
