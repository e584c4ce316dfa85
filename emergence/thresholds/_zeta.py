"""The Hurwitz zeta function in log space, and the Zipf tail built on it (numpy only, no scipy).

zeta(s, q) = sum_{k>=0} (q + k)^-s for s > 1 and q >= 1. It is summed directly up to
a = q + N >= max(10, 2 s), then the rest follows from the Euler-Maclaurin formula

    zeta(s, a) = a^(1-s)/(s-1) [1 + (s-1)/(2a) + sum_{j=1}^{12} B_2j/(2j)! (s-1)(s)...(s+2j-2) / a^2j],

whose terms fall by about ((s + 2j)/(2 pi a))^2 each, so twelve of them reach the last bit of a
float. Everything is kept as logarithms, so zeta(1e20, 2) = 2^-1e20 is not 0 but -1e20 ln 2, and
q = 1e300 or s = 1 + 1e-15 do not overflow. The direct sum, 32 terms at a time, stops early once
the last term, which bounds all that follow, is below 1e-17 of the total: that makes large s cheap.

The Zipf tail T(x) = zeta(s, x + 1)/zeta(s) is the share of the mass k^-s beyond the first x
terms, with its smooth (Hurwitz) continuation between whole x: :mod:`~emergence.thresholds.dimensions`
and :mod:`~emergence.thresholds.quanta` are both built on it.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from emergence._numeric import bisect, first_whole

_BERNOULLI = (Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30), Fraction(5, 66), Fraction(-691, 2730),
              Fraction(7, 6), Fraction(-3617, 510), Fraction(43867, 798), Fraction(-174611, 330), Fraction(854513, 138),
              Fraction(-236364091, 2730))  # B_2, B_4, ..., B_24
# c_i with sum_i c_i (s-1)(s)...(s+i-2) / a^i the relative correction: c_1 = 1/2, c_2j = B_2j/(2j)!, odd c_i = 0
_EM = np.array((0.5,) + tuple(v for j, b in enumerate(_BERNOULLI, start=1) for v in (float(b / math.factorial(2 * j)), 0.0))[:-1])
DIRECT_MAX = 2048  # direct terms at most: beyond them (s > 1024 only) the rest is below e^-1000 of the sum
_CHUNK = 32  # direct terms summed at once; for s <= 16 one chunk is all
_K = np.arange(_CHUNK, dtype=float)
_I = np.arange(len(_EM), dtype=float)
X_MAX = 1e300  # the largest crossing looked for


def log_hurwitz(s: float, q: np.ndarray | float) -> np.ndarray:
    """ln zeta(s, q) for a float s > 1 and q >= 1 (array), accurate to about 1e-15 (1 + |ln zeta|) of zeta."""
    return _log_hurwitz(s, np.asarray(q, dtype=float), None)


def _log_hurwitz(s: float, q: np.ndarray, x: np.ndarray | None) -> np.ndarray:
    """ln zeta(s, q); with ``x`` given, q = 1 + x and ln q = log1p(x) keeps an x below 1e-16 (large s needs it)."""
    shape = q.shape
    log_q = (np.log(q) if x is None else np.log1p(x)).reshape(-1)
    q = q.reshape(-1)
    start = max(10.0, 2.0 * s)
    n = np.minimum(np.maximum(np.ceil(start - q), 0.0), DIRECT_MAX)
    direct = np.zeros(q.shape)  # sum of (q + k)^-s / q^-s over k < n
    cut = q + n < start  # no tail: beyond DIRECT_MAX terms (only when s > 1000) the rest is below e^-1000 of the sum
    stopped = np.zeros(q.shape, dtype=bool)
    with np.errstate(divide="ignore", under="ignore"):
        for k0 in range(0, int(n.max()) if n.size else 0, _CHUNK):
            live = np.flatnonzero(~stopped & (n > k0))
            if not live.size:
                break
            k = _K[:, None] + k0
            qa, na = q[live], n[live]
            terms = np.where(k < na, np.exp(-s * np.log1p(k / qa)), 0.0)
            direct[live] += terms.sum(axis=0)
            # terms fall with k: the last one bounds all that follow, the Euler-Maclaurin tail included
            rest = terms[-1] * (1.0 + (qa + k[-1]) / (s - 1.0))
            done = live[(na > k0 + _CHUNK) & (rest <= 1e-17 * direct[live])]
            stopped[done] = cut[done] = True
        a = np.where(cut, np.inf, q + n)
        ratios = np.cumprod((s - 1.0 + _I)[:, None] / a, axis=0)  # (s-1)(s)...(s+i-2) / a^i
        log_tail = np.where(cut, -np.inf, (1.0 - s) * np.log(q + n) - math.log(s - 1.0) + np.log1p(_EM @ ratios))
        log_direct = -s * log_q + np.log(direct)
    return np.logaddexp(log_direct, log_tail).reshape(shape)


@functools.lru_cache(maxsize=64)
def log_zeta(s: float) -> float:
    """ln zeta(s) = ln zeta(s, 1) (cached: every Zipf tail divides by it)."""
    return float(log_hurwitz(s, 1.0))


def log_zipf_tail(x: np.ndarray | float, s: float) -> np.ndarray:
    """ln T(x) = ln zeta(s, x + 1) - ln zeta(s) for real x >= 0 (0 at x = 0)."""
    x = np.asarray(x, dtype=float)
    return _log_hurwitz(s, x + 1.0, x) - log_zeta(s)


def zipf_tail(x: np.ndarray | float, s: float) -> np.ndarray:
    """T(x) = zeta(s, x + 1) / zeta(s) for real x >= 0 and s > 1.

    At whole x = n it is the share of the Zipf mass beyond the first n terms,
    sum_{k>n} k^-s / sum_{k>=1} k^-s; between whole numbers it is the smooth (Hurwitz)
    continuation, decreasing from T(0) = 1 to 0 like x^(1-s) / ((s - 1) zeta(s)). Values below
    the smallest float are 0 (their logarithm is :func:`log_zipf_tail`).
    """
    with np.errstate(under="ignore"):
        return np.minimum(np.exp(log_zipf_tail(x, s)), 1.0)


def log_zipf_tail_slope(x: np.ndarray | float, s: float) -> np.ndarray:
    """ln(-dT/dx) = ln(s zeta(s + 1, x + 1) / zeta(s)), since d zeta(s, q)/dq = -s zeta(s + 1, q)."""
    x = np.asarray(x, dtype=float)
    return math.log(s) + _log_hurwitz(s + 1.0, x + 1.0, x) - log_zeta(s)


def zipf_tail_crossing(level: np.ndarray | float, s: float) -> np.ndarray:
    """The real x >= 0 with T(x) = ``level`` for each level in (0, 1): NaN beyond ``X_MAX``."""
    with np.errstate(divide="ignore"):
        return log_zipf_tail_crossing(np.log(np.asarray(level, dtype=float)), s)


def log_zipf_tail_crossing(log_level: np.ndarray | float, s: float, low: float = 0.0, high: float = X_MAX) -> np.ndarray:
    """The real x in [low, high] with ln T(x) = ``log_level`` (< 0): NaN where T(high) is still above the level.

    Bisection on y = ln(1 + x) to the last bit of y (x to about 1e-13 of itself).
    """
    goal = np.asarray(log_level, dtype=float)
    y = bisect(lambda y: log_zipf_tail(np.expm1(y), s) <= goal, math.log1p(low), np.full(goal.shape, math.log1p(high)))
    x = np.expm1(y)
    return np.where(log_zipf_tail(x, s) <= goal, x, np.nan)


def zipf_tail_whole(x: float, level: float, s: float, *, name: str) -> int:
    """The smallest whole n with T(n) <= ``level``, from the real crossing x (checked against T itself)."""
    goal = math.log(level)
    return first_whole(x, lambda n: float(log_zipf_tail(n, s)) <= goal, name=name)
