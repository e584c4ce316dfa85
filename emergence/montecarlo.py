"""Monte Carlo simulation of the multi-step task of :mod:`emergence.compound`.

The simulation draws the generative process itself, not the closed form: each item draws its
step accuracy X ~ Beta(a, b) when steps are correlated, each step is tried up to R times, the
steps of one attempt are counted, and several attempts are drawn for pass@M or a majority vote.
Work is done in chunks of at most ``chunk`` draws per array, so memory stays bounded (a few tens
of MB) whatever the number of trials; time grows linearly with trials.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.compound import Chain
from emergence.intervals import wilson_interval

DEFAULT_CHUNK = 1 << 20


@dataclass(frozen=True)
class MonteCarlo:
    """``successes`` out of ``trials`` simulated tasks; ``low``/``high`` is the 95 % Wilson interval."""

    trials: int
    successes: int
    estimate: float
    low: float
    high: float


def _attempt_succeeds(chain: Chain, size: int, rng: np.random.Generator) -> np.ndarray:
    """Simulate one attempt at the task for each of ``size`` items; True where every step was right."""
    k = chain.steps
    if chain.homogeneous and chain.retries == 1:
        p = chain.p[0]
        if chain.correlated:
            a, b = chain.beta_params
            p = rng.beta(a, b, size) if 0.0 < a and 0.0 < b else np.full(size, float(b == 0.0))
        # the number of right steps among k Bernoulli(p) steps of each item
        return rng.binomial(k, p, size) == k
    if chain.homogeneous:
        # try every step once, then retry the steps still wrong, R tries in all
        wrong = np.full(size, k, dtype=np.int64)
        for _ in range(chain.retries):
            wrong = rng.binomial(wrong, 1.0 - chain.p[0])
        return wrong == 0
    ok = np.ones(size, dtype=bool)
    for p in chain.p:  # heterogeneous steps, one at a time
        if chain.retries == 1:
            ok &= rng.random(size) < p
        else:
            ok &= rng.binomial(chain.retries, p, size) > 0
    return ok


def simulate(
    chain: Chain,
    trials: int,
    rng: np.random.Generator | int | None = None,
    *,
    chunk: int = DEFAULT_CHUNK,
    on_progress: Callable[[int], None] | None = None,
) -> MonteCarlo:
    """Simulate ``trials`` independent tasks of ``chain`` and count end-to-end successes.

    Parameters
    ----------
    chain : Chain
        The task, with its variants (correlation, retries, attempts, vote).
    trials : int
        Number of simulated tasks (items), each with all its steps and attempts.
    rng : numpy.random.Generator, int or None
        Passed to ``numpy.random.default_rng``; None draws fresh entropy from the OS.
    chunk : int
        Largest number of draws held in one array.
    on_progress : callable, optional
        Called with the number of trials finished after each chunk.
    """
    trials = check.positive_int("trials", trials)
    rng = np.random.default_rng(rng)
    repeats = max(chain.attempts, chain.vote)
    items_per_chunk = max(1, chunk // repeats)
    attempts_per_draw = min(repeats, chunk)
    successes = 0
    done = 0
    while done < trials:
        size = min(items_per_chunk, trials - done)
        won_attempts = np.zeros(size, dtype=np.int64)  # attempts that got every step right, per item
        for first in range(0, repeats, attempts_per_draw):
            m = min(attempts_per_draw, repeats - first)
            won_attempts += _attempt_succeeds(chain, size * m, rng).reshape(size, m).sum(axis=1)
        won = won_attempts > chain.vote // 2 if chain.vote > 1 else won_attempts > 0
        successes += int(np.count_nonzero(won))
        done += size
        if on_progress is not None:
            on_progress(size)
    low, high = wilson_interval(successes, trials)
    return MonteCarlo(trials=trials, successes=successes, estimate=successes / trials, low=low, high=high)
