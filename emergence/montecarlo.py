"""Monte Carlo simulation of the multi-step task of :mod:`emergence.compound`.

The simulation draws the generative process itself, not the closed form:

- each item (simulated task) draws its accuracy X ~ Beta(a, b) once when steps are correlated,
  and ALL of its attempts use that X (pass@k is k samples of the same problem);
- an attempt's steps are Bernoulli(X) (or Bernoulli(p_i)); with R retries each step is tried
  until its first success, the number of tries drawn as Geometric(p), and the step counts as
  right when that number is at most R;
- an attempt is right when all its steps are; pass@M succeeds when any of the M attempts is
  right; in a vote every wrong attempt picks one of the N wrong answers uniformly, the answer
  with the most votes wins and a tie for the most is broken by a uniform draw.

Work is done in chunks of at most ``chunk`` draws per array, so memory stays bounded (a few tens
of MB) whatever the number of trials. The number of random draws a run needs is known before it
starts (:func:`draws_per_task`); runs above ``MAX_DRAWS`` are refused before any work, so every
run ends within seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.compound import Chain, success
from emergence.intervals import wilson_interval
from emergence.results import Result

DEFAULT_CHUNK = 1 << 20
MAX_DRAWS = 50_000_000  # random draws in one run: about 5 s on a laptop


@dataclass(frozen=True)
class MonteCarlo(Result):
    """``successes`` out of ``trials`` simulated tasks; ``low``/``high`` is the 95 % Wilson interval
    of the success rate, and ``exact`` the closed-form value it checks."""

    trials: int
    successes: int
    estimate: float
    low: float
    high: float
    exact: float

    @property
    def exact_inside(self) -> bool:
        """True when the exact value lies in the 95 % interval (it should, 95 times in 100)."""
        return self.low <= self.exact <= self.high

    def extra(self) -> dict[str, bool]:
        return {"exact_inside": self.exact_inside}


def _step_draws(chain: Chain) -> int:
    """Random draws for the steps of one attempt: one binomial count, or one draw per step."""
    return 1 if chain.homogeneous and chain.retries == 1 else chain.steps


def draws_per_task(chain: Chain) -> int:
    """Random draws one simulated task needs: its item accuracy, its attempts' steps, the vote."""
    m = chain.repeats
    answers = m if chain.vote_wrong_answers > 1 else int(chain.vote > 1)  # each wrong vote's answer, or a tie's coin
    return int(chain.correlated) + m * _step_draws(chain) + answers


def check_budget(chain: Chain, trials: int) -> int:
    """Validate ``trials`` for ``chain`` before any work: at least 1 and at most ``MAX_DRAWS`` draws in all."""
    per_task = draws_per_task(chain)
    if per_task > MAX_DRAWS:
        name = "steps" if chain.repeats == 1 else ("attempts" if chain.attempts > 1 else "vote")
        raise check.ParameterError(name, f"makes one simulated task need {per_task:,} random draws, more than the "
                                         f"{MAX_DRAWS:,} a Monte Carlo run may take; lower it or drop --trials")
    return check.positive_int("trials", trials, maximum=MAX_DRAWS // per_task)


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
        Number of simulated tasks (items), each with all its steps and attempts; at most
        ``MAX_DRAWS // draws_per_task(chain)`` (:func:`check_budget`).
    rng : numpy.random.Generator, int or None
        Passed to ``numpy.random.default_rng``; None draws fresh entropy from the OS.
    chunk : int
        Largest number of draws held in one array.
    on_progress : callable, optional
        Called with the number of trials finished after each chunk.
    """
    trials = check_budget(chain, trials)
    chunk = check.positive_int("chunk", chunk)
    rng = np.random.default_rng(rng)
    items_per_chunk = max(1, chunk // draws_per_task(chain))
    successes = done = 0
    while done < trials:
        size = min(items_per_chunk, trials - done)
        successes += int(np.count_nonzero(_tasks_succeed(chain, size, rng, chunk)))
        done += size
        if on_progress is not None:
            on_progress(size)
    low, high = wilson_interval(successes, trials)
    return MonteCarlo(trials=trials, successes=successes, estimate=successes / trials, low=low, high=high,
                      exact=success(chain))


def _tasks_succeed(chain: Chain, size: int, rng: np.random.Generator, chunk: int) -> np.ndarray:
    """Simulate ``size`` items, each with all of its attempts; True where the task succeeds."""
    accuracy: np.ndarray | None = None  # each item's step accuracy, shared by all its attempts
    if chain.correlated:
        a, b = chain.beta_params
        accuracy = rng.beta(a, b, size) if a > 0.0 and b > 0.0 else np.full(size, float(b == 0.0))
    elif chain.homogeneous:
        accuracy = np.full(size, chain.p[0])
    m = chain.repeats
    batch = max(1, min(m, chunk // (size * _step_draws(chain))))  # attempts drawn at once per item
    if chain.vote > 1 and chain.vote_wrong_answers > 1:
        right = np.concatenate([_attempts_right(chain, accuracy, size, min(batch, m - first), rng, chunk)
                                for first in range(0, m, batch)], axis=1)
        return _plurality_wins(right, chain.vote_wrong_answers, rng)
    count = np.zeros(size, dtype=np.int64)  # right attempts per item
    for first in range(0, m, batch):
        count += _attempts_right(chain, accuracy, size, min(batch, m - first), rng, chunk).sum(axis=1)
    if chain.vote > 1:  # one wrong answer: a strict majority wins, a tie is a coin flip
        return (2 * count > m) | ((2 * count == m) & (rng.random(size) < 0.5))
    return count > 0


def _attempts_right(chain: Chain, accuracy: np.ndarray | None, size: int, m: int, rng: np.random.Generator,
                    chunk: int) -> np.ndarray:
    """(size, m) booleans: True where an attempt got every step right."""
    k = chain.steps
    if chain.homogeneous and chain.retries == 1:
        assert accuracy is not None
        return rng.binomial(k, accuracy[:, None], (size, m)) == k
    p = np.full(k, chain.p[0]) if chain.homogeneous else np.asarray(chain.p, dtype=float)
    ok = np.ones((size, m), dtype=bool)
    block = max(1, chunk // (size * m))
    for first in range(0, k, block):
        ps = p[first : first + block]
        if chain.retries == 1:
            ok &= (rng.random((size, m, ps.size)) < ps).all(axis=2)
        else:  # the try at which each step first succeeds; a step with p = 0 never does
            tries = rng.geometric(np.where(ps > 0.0, ps, 1.0), (size, m, ps.size))
            ok &= ((tries <= chain.retries) & (ps > 0.0)).all(axis=2)
    return ok


def _plurality_wins(right: np.ndarray, wrong_answers: int, rng: np.random.Generator) -> np.ndarray:
    """Each wrong attempt picks one of ``wrong_answers`` answers uniformly; does the right answer
    get the most votes (a tie for the most broken uniformly at random)?"""
    size, m = right.shape
    answers = np.where(right, -1, rng.integers(0, wrong_answers, (size, m)))  # -1: the right answer
    answers.sort(axis=1)
    starts = np.ones((size, m), dtype=bool)
    starts[:, 1:] = answers[:, 1:] != answers[:, :-1]
    run = np.cumsum(starts, axis=1) - 1  # which run of equal answers each vote belongs to
    lengths = np.bincount((np.arange(size)[:, None] * m + run).ravel(), minlength=size * m).reshape(size, m)
    votes_right = right.sum(axis=1)
    wrong_lengths = np.where(np.arange(m) >= (votes_right > 0)[:, None], lengths, 0)  # run 0 is the right answer's
    most_wrong = wrong_lengths.max(axis=1)
    ties = (wrong_lengths == votes_right[:, None]).sum(axis=1)
    tie_won = rng.random(size) * (1 + ties) < 1.0
    return (votes_right > most_wrong) | ((votes_right == most_wrong) & (votes_right > 0) & tie_won)

