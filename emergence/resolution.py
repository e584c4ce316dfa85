"""Hypothesis 2, resolution: what a finite test set of n items can see.

A test set of n items measures a success rate a only in steps of 1/n (Schaeffer et al. 2023,
appendix A.1). Two ways of observing a are offered:

1. deterministic: a rounded to the *nearest* multiple of 1/n (rounding, not flooring; halves
   round up), so every a < 1/(2n) reads as 0;
2. stochastic: X ~ Binomial(n, a) items right, read as X / n, with a Clopper-Pearson interval.

Even a real, non-zero a reads exactly 0 with probability (1 - a)**n; seeing at least one success
with probability q takes n >= ln(1 - q) / ln(1 - a) items. Rates are fractions in [0, 1];
logarithms are natural.

The grid of model sizes is a resolution too: a smooth curve sampled at a handful of sizes makes
most of its change between two neighbouring models (:func:`sparse_grid`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence import sharpness
from emergence.intervals import MAX_TRIALS, clopper_pearson
from emergence.results import Result


def round_to_resolution(values, items: int) -> np.ndarray:
    """floor(a n + 1/2) / n: the rate a rounded to the nearest multiple of 1/n (halves up).

    Schaeffer's resolution-limited value; any a < 1/(2n) reads 0 and any a >= 1 - 1/(2n) reads 1.
    """
    n = check.positive_int("items", items, maximum=MAX_TRIALS)
    return np.floor(check.probability_array("values", values, "success rates") * n + 0.5) / n


def zero_probability(values, items: int) -> np.ndarray:
    """(1 - a) ** n, computed as exp(n ln(1 - a)): the chance that n items show no success at all."""
    n = check.positive_int("items", items, maximum=MAX_TRIALS)
    with np.errstate(divide="ignore"):
        return np.exp(n * np.log1p(-check.probability_array("values", values, "success rates")))


def items_needed(values, confidence: float = 0.95) -> np.ndarray:
    """Smallest n with 1 - (1 - a) ** n >= q: items needed to see at least one success w.p. q.

    n = ceil(ln(1 - q) / ln(1 - a)); infinite where a = 0 and where n is beyond the largest float
    (a below about 1e-308), 1 where a = 1 (and for q = 0). Returned as floats so that the
    infinite case fits.
    """
    q = check.in_range("confidence", confidence, 0.0, 1.0, closed_high=False)
    a = check.probability_array("values", values, "success rates")
    log_miss = np.log1p(-q)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_stay = np.log1p(-a)  # ln(1 - a) <= 0
        n = np.ceil(log_miss / log_stay)
        # guard against the ratio landing a hair above a whole number: n - 1 items may suffice
        n = np.where((n > 1) & ((n - 1) * log_stay <= log_miss), n - 1, n)
    n = np.where(a == 0.0, math.inf, np.where((a == 1.0) | (q == 0.0), 1.0, n))
    return n.astype(float)


def zero_count_upper_bound(items: int, level: float = 0.95) -> float:
    """One-sided upper bound on a after 0 successes in n items: 1 - (1 - level) ** (1/n).

    The exact form of the "rule of three": about 3/n at level 0.95.
    """
    n = check.positive_int("items", items, maximum=MAX_TRIALS)
    level = check.in_range("level", level, 0.0, 1.0, closed_high=False)
    return -math.expm1(math.log1p(-level) / n)


@dataclass(frozen=True)
class Observation(Result):
    """True rates and what a test set of ``items`` items reads, at each model size.

    ``rounded`` is the deterministic reading; ``successes`` / ``observed`` the binomial one with
    its Clopper-Pearson interval ``low``..``high`` at ``level``; ``zero_probability`` is
    (1 - a) ** n; ``floor`` = 1/n is the smallest non-zero reading (in ``to_dict()`` too).
    """

    items: int
    level: float
    true: np.ndarray
    rounded: np.ndarray
    successes: np.ndarray
    observed: np.ndarray
    low: np.ndarray
    high: np.ndarray
    zero_probability: np.ndarray

    @property
    def floor(self) -> float:
        """1/n, the smallest non-zero rate the test set can show."""
        return 1.0 / self.items

    def extra(self) -> dict[str, float]:
        return {"floor": self.floor}


def from_counts(true, successes, items: int, *, level: float = 0.95) -> Observation:
    """An :class:`Observation` from counts already drawn (e.g. by a simulation of the items)."""
    n = check.positive_int("items", items, maximum=MAX_TRIALS)
    a = check.probability_array("values", true, "success rates")
    x = np.asarray(successes, dtype=np.int64)
    if x.shape != a.shape:
        raise check.ParameterError("successes", f"has shape {x.shape}, rates have {a.shape}")
    low, high = clopper_pearson(x, n, level)
    return Observation(n, level, a, round_to_resolution(a, n), x, x / n, np.asarray(low), np.asarray(high),
                       zero_probability(a, n))


def observe(true, items: int, rng: np.random.Generator | int | None = None, *, level: float = 0.95) -> Observation:
    """Read the rates ``true`` with ``items`` items each: X ~ Binomial(n, a), plus the rounding.

    ``rng`` is passed to ``numpy.random.default_rng`` (a Generator, a seed, or None for fresh
    entropy from the OS).
    """
    n = check.positive_int("items", items, maximum=MAX_TRIALS)
    a = check.probability_array("values", true, "success rates")
    rng = np.random.default_rng(rng)
    return from_counts(a, rng.binomial(n, a), n, level=level)


@dataclass(frozen=True)
class SparseGrid(Result):
    """One curve sampled at ``counts[i]`` evenly spaced sizes (out of a dense grid).

    ``largest_step_share[i]`` and ``breakthroughness[i]`` are the :mod:`emergence.sharpness`
    numbers of the curve seen at that many sizes; ``indices[i]`` are the sizes kept.
    """

    counts: tuple[int, ...]
    indices: tuple[np.ndarray, ...]
    largest_step_share: np.ndarray
    breakthroughness: np.ndarray


def sparse_grid(sizes, values, counts: Sequence[int], *, orientation: str) -> SparseGrid:
    """The same curve seen on coarser grids: keep ``count`` evenly spaced points of (sizes, values).

    With ``sizes`` log-spaced, the points kept are log-spaced too (first and last always kept).
    A sparse grid puts a large share of the change between two neighbours, so the curve looks
    sudden; breakthroughness, on the other hand, *grows* with the density of a sigmoid's flat
    tails, which is why both numbers are reported.
    """
    x = np.asarray(sizes, dtype=float)
    y = np.asarray(values, dtype=float)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    kept = []
    for count in counts:
        c = check.positive_int("counts", count, minimum=2)
        if c > x.size:
            raise check.ParameterError("counts", f"{c} is more than the {x.size} sizes given")
        kept.append(np.unique(np.round(np.linspace(0, x.size - 1, c)).astype(int)))
    share = np.array([sharpness.largest_step_share(x[i], y[i]) for i in kept])
    score = np.array([sharpness.breakthroughness(x[i], y[i], orientation=orientation) for i in kept])
    return SparseGrid(tuple(len(i) for i in kept), tuple(kept), share, score)
