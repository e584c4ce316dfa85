"""Confidence intervals for a binomial proportion (x successes out of n trials)."""

from __future__ import annotations

import math

import numpy as np

from emergence import _validate as check
from emergence._numeric import bisect

Z95 = 1.959963984540054  # the 97.5 % point of the standard normal
MAX_TRIALS = 2**53  # counts a float still tells apart


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, clipped to [0, 1].

    (p + z**2/(2n) -+ z sqrt(p (1 - p)/n + z**2/(4 n**2))) / (1 + z**2/n) with p = x/n;
    z = 1.96 gives 95 % coverage. It stays inside [0, 1] and is sensible at x = 0 and x = n.
    """
    n = check.positive_int("trials", trials, maximum=MAX_TRIALS)
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


EXACT_TAIL_WORK = 1 << 14  # counts x (trials + 1): up to this, bounds come from binomial sums in numpy


def clopper_pearson(successes, trials: int, level: float = 0.95):
    """Clopper-Pearson ("exact") interval for a proportion: x successes out of n trials.

    [Beta^-1((1 - level)/2; x, n - x + 1), Beta^-1((1 + level)/2; x + 1, n - x)], with the lower
    end 0 when x = 0 and the upper end 1 when x = n (where the beta quantile is undefined).
    It covers the true proportion with probability at least ``level``. ``successes`` may be one
    count (a pair of floats is returned) or an array of counts (a pair of arrays).

    The beta quantiles are the p at which a binomial tail equals (1 - level)/2: the lower end
    solves P(X >= x; n, p) = (1 - level)/2, the upper end P(X <= x; n, p) = (1 - level)/2. For
    small problems (counts x (n + 1) up to :data:`EXACT_TAIL_WORK`, e.g. 8 sizes of 100 items)
    the tails are summed term by term in numpy and solved by bisection to the last bit, so the
    command's default path needs no scipy; larger ones use ``scipy.special.betaincinv``
    (imported only then).
    """
    n = check.positive_int("trials", trials, maximum=MAX_TRIALS)
    level = check.in_range("level", level, 0.0, 1.0, closed_high=False)
    x = np.asarray(successes)
    if x.size and (not np.all(np.isfinite(x)) or np.any(x != np.round(x))):
        raise check.ParameterError("successes", f"must be whole numbers, got {successes!r}")
    if np.any(x < 0) or np.any(x > n):
        raise check.ParameterError("successes", f"must lie between 0 and the {n} trials, got {successes!r}")
    x = x.astype(float)
    tail = (1.0 - level) / 2.0
    if x.size * (n + 1) <= EXACT_TAIL_WORK:
        low, high = _bounds_by_sums(x, n, tail)
    else:
        from scipy.special import betaincinv

        low = np.where(x == 0, 0.0, betaincinv(np.maximum(x, 1.0), n - x + 1.0, tail))
        high = np.where(x == n, 1.0, betaincinv(x + 1.0, np.maximum(n - x, 1.0), 1.0 - tail))
    if x.ndim == 0:
        return float(low), float(high)
    return low, high


def _bounds_by_sums(x: np.ndarray, n: int, tail: float) -> tuple[np.ndarray, np.ndarray]:
    """Both Clopper-Pearson ends from binomial probabilities summed in numpy (see :func:`clopper_pearson`).

    ln C(n, k) is a running sum of ln((n - k + 1) / k); each bisection step sums the pmf
    C(n, k) p**k (1 - p)**(n - k) over k >= x (lower ends) or k <= x (upper ends), all ends at once.
    """
    k = np.arange(n + 1, dtype=float)
    log_choose = np.concatenate(([0.0], np.cumsum(np.log((n - k[1:] + 1.0) / k[1:]))))
    some, most = x > 0, x < n  # the ends that are not 0 and 1 by definition
    counts = np.concatenate((x[some], x[most]))[:, None]
    upper = np.arange(counts.shape[0]) >= int(some.sum())
    kept = np.where(upper[:, None], k <= counts, k >= counts)

    def above(p: np.ndarray) -> np.ndarray:  # false at p = 0, true at p = 1, for both kinds of end
        with np.errstate(divide="ignore", invalid="ignore"):
            log_pmf = log_choose + np.where(k > 0, k * np.log(p[:, None]), 0.0) + np.where(k < n, (n - k) * np.log1p(-p[:, None]), 0.0)
        mass = np.sum(np.exp(log_pmf) * kept, axis=1)
        return np.where(upper, mass <= tail, mass >= tail)

    ends = bisect(above, 0.0, np.ones(counts.shape[0]))
    low, high = np.zeros(x.shape), np.ones(x.shape)
    low[some], high[most] = ends[~upper], ends[upper]
    return low, high
