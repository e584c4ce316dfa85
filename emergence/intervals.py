"""Confidence intervals for a binomial proportion (x successes out of n trials)."""

from __future__ import annotations

import math

import numpy as np

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


def clopper_pearson(successes, trials: int, level: float = 0.95):
    """Clopper-Pearson ("exact") interval for a proportion: x successes out of n trials.

    [Beta^-1((1 - level)/2; x, n - x + 1), Beta^-1((1 + level)/2; x + 1, n - x)], with the lower
    end 0 when x = 0 and the upper end 1 when x = n (where the beta quantile is undefined).
    It covers the true proportion with probability at least ``level``. ``successes`` may be one
    count (a pair of floats is returned) or an array of counts (a pair of arrays). The beta
    quantile is ``scipy.special.betaincinv`` (what ``scipy.stats.beta.ppf`` calls), imported here
    only: scipy.special loads in a fraction of the time scipy.stats takes.
    """
    n = check.positive_int("trials", trials)
    level = check.in_range("level", level, 0.0, 1.0, closed_high=False)
    x = np.asarray(successes)
    if x.size and (not np.all(np.isfinite(x)) or np.any(x != np.round(x))):
        raise check.ParameterError("successes", f"must be whole numbers, got {successes!r}")
    if np.any(x < 0) or np.any(x > n):
        raise check.ParameterError("successes", f"must lie between 0 and the {n} trials, got {successes!r}")
    from scipy.special import betaincinv

    x = x.astype(float)
    tail = (1.0 - level) / 2.0
    low = np.where(x == 0, 0.0, betaincinv(np.maximum(x, 1.0), n - x + 1.0, tail))
    high = np.where(x == n, 1.0, betaincinv(x + 1.0, np.maximum(n - x, 1.0), 1.0 - tail))
    if x.ndim == 0:
        return float(low), float(high)
    return low, high
