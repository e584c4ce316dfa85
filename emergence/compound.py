"""Hypothesis 1, task decomposition: a task of k sub-steps succeeds only when every step does.

With independent steps that are each right with probability p, the whole task succeeds with

    P = p ** k,            ln P = k ln p,

so a smooth gain per step becomes a much larger relative gain for the task: the blog's example,
k = 5 and p from 0.4 to 0.6, takes P from 1.024 % to 7.776 % (+659.375 %, for +50 % per step).

Logarithms are natural (``ln``) unless a name says ``log10``. Probabilities are fractions in
[0, 1]; products are formed as sums of logs, so a 10**6-step task reports
``log10_success = 10**6 * log10(p)`` instead of underflowing to an error.

The variants of SCIENCE.md section 1.3 are fields of :class:`Chain` and compose in this order:
per-step retries, then the steps of one attempt (independent, heterogeneous or correlated),
then several attempts at the whole task (pass@M or majority vote).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from emergence import _validate as check
from emergence._numeric import beta_from_mean

LOG10_E = 1.0 / math.log(10.0)
MAX_STEPS = 10_000_000
MAX_VOTE = 1_000_001


@dataclass(frozen=True)
class Chain:
    """A task of ``steps`` sub-steps and how it is attempted.

    Parameters
    ----------
    p : tuple of float
        Per-step success probabilities in [0, 1]. One value means every step shares it;
        several values give heterogeneous steps and ``steps`` must equal their number.
    steps : int
        Number of sub-steps k >= 1.
    correlation : float, default 0
        Intra-item correlation rho in [0, 1): each item draws its own step accuracy
        X ~ Beta(a, b) with mean p and rho = 1 / (a + b + 1), i.e. a = p (1/rho - 1),
        b = (1 - p)(1/rho - 1); the steps of that item are Bernoulli(X). rho = 0 is independence.
    retries : int, default 1
        Tries per step with a perfect checker: a step fails only if all R tries fail, so its
        success is q = 1 - (1 - p) ** R.
    attempts : int, default 1
        Independent attempts at the whole task, success if any succeeds (pass@M).
    vote : int, default 1
        Independent attempts decided by majority (odd M): success if more than M/2 succeed.
    """

    p: tuple[float, ...]
    steps: int
    correlation: float = 0.0
    retries: int = 1
    attempts: int = 1
    vote: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "p", check.probabilities("p", self.p))
        object.__setattr__(self, "steps", check.positive_int("steps", self.steps))
        if self.steps > MAX_STEPS:
            raise check.ParameterError("steps", f"at most {MAX_STEPS:,} (the distribution of right steps is held in memory), got {self.steps:,}")
        if len(self.p) > 1 and len(self.p) != self.steps:
            raise check.ParameterError("steps", f"is {self.steps} but p lists {len(self.p)} step accuracies")
        object.__setattr__(self, "correlation", check.in_range("correlation", self.correlation, 0.0, 1.0, closed_high=False))
        object.__setattr__(self, "retries", check.positive_int("retries", self.retries))
        object.__setattr__(self, "attempts", check.positive_int("attempts", self.attempts))
        object.__setattr__(self, "vote", check.positive_int("vote", self.vote))
        if self.vote > MAX_VOTE:
            raise check.ParameterError("vote", f"at most {MAX_VOTE:,} attempts, got {self.vote:,}")
        if self.vote % 2 == 0:
            raise check.ParameterError("vote", f"must be odd so a majority exists, got {self.vote}")
        if self.attempts > 1 and self.vote > 1:
            raise check.ParameterError("vote", "cannot be combined with attempts: choose pass@M or a majority vote")
        if self.correlation > 0 and len(self.p) > 1:
            raise check.ParameterError("correlation", "needs a single p (the beta-binomial model has one mean accuracy)")
        if self.correlation > 0 and self.retries > 1:
            raise check.ParameterError("correlation", "cannot be combined with retries (no closed form for retries of correlated steps)")

    @property
    def homogeneous(self) -> bool:
        """True when all steps share one accuracy."""
        return len(self.p) == 1

    @property
    def correlated(self) -> bool:
        """True when steps share an item-level accuracy (rho > 0; a rho so small that 1/rho
        overflows a float is independence to every digit and counts as 0)."""
        return self.correlation > 0 and math.isfinite(1.0 / self.correlation)

    @property
    def beta_params(self) -> tuple[float, float]:
        """(a, b) of the item-level Beta distribution; only meaningful when ``correlated``."""
        return beta_from_mean(self.p[0], self.correlation)

    def with_p(self, p: float | Sequence[float]) -> Chain:
        """The same task with other step accuracies."""
        return replace(self, p=_as_tuple(p))


def chain(p: float | Sequence[float], steps: int | None = None, **variants: float) -> Chain:
    """Build a :class:`Chain`; ``steps`` defaults to the number of values in ``p`` (1 for a float).

    >>> chain(0.4, 5).p, chain([0.9, 0.8]).steps
    ((0.4,), 2)
    """
    values = _as_tuple(p)
    return Chain(values, len(values) if steps is None else steps, **variants)


def _as_tuple(p: float | Sequence[float]) -> tuple[float, ...]:
    return tuple(p) if isinstance(p, (Sequence, np.ndarray)) else (p,)


# --------------------------------------------------------------------------------------------
# log-space helpers


def _log(x: np.ndarray | float) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log(x)


def _log1mexp(x: np.ndarray | float) -> np.ndarray:
    """ln(1 - e**x) for x <= 0, accurate at both ends (Maechler 2012)."""
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > -math.log(2.0), _log(-np.expm1(x)), np.log1p(-np.exp(x)))


def _logsumexp(a: np.ndarray) -> float:
    m = float(np.max(a))
    if not math.isfinite(m):
        return m
    return m + math.log(float(np.sum(np.exp(a - m))))


def step_success(chain: Chain) -> np.ndarray:
    """Per-step success q_i = 1 - (1 - p_i) ** R after R tries with a perfect checker (R = retries)."""
    p = np.asarray(chain.p, dtype=float)
    if chain.retries == 1:
        return p
    with np.errstate(divide="ignore"):
        return -np.expm1(chain.retries * np.log1p(-p))


def _log_step(chain: Chain) -> np.ndarray:
    """ln q_i, computed without forming q when retries make it close to 1."""
    p = np.asarray(chain.p, dtype=float)
    if chain.retries == 1:
        return _log(p)
    with np.errstate(divide="ignore"):
        return _log1mexp(chain.retries * np.log1p(-p))


# --------------------------------------------------------------------------------------------
# one attempt


def log_single_attempt(chain: Chain) -> float:
    """ln P(all k steps right in one attempt).

    Independent steps: sum_i ln q_i (= k ln q when they share q).
    Correlated (beta-binomial): ln E[X**k] = sum_{j<k} ln((a + j) / (a + b + j)).
    """
    if chain.correlated:
        a, b = chain.beta_params
        j = np.arange(chain.steps, dtype=float)
        return float(np.sum(_log(a + j) - np.log(a + b + j)))
    logq = _log_step(chain)
    return float(chain.steps * logq[0]) if chain.homogeneous else float(np.sum(logq))


def count_distribution(chain: Chain) -> np.ndarray:
    """P(C = j) for j = 0..k, C the number of correct steps in one attempt.

    Binomial(k, q) for shared q, Poisson-binomial (dynamic programme, O(k**2)) for different q_i,
    beta-binomial(k, a, b) when correlated: P(C = j) = C(k, j) B(a + j, b + k - j) / B(a, b).
    Computed by the ratio of successive terms in log space, so large k does not overflow, and
    normalised to sum to 1 (the running sum of logs drifts by about k ulps, 2e-9 at k = 10**6).
    """
    k = chain.steps
    if not chain.homogeneous:
        pmf = np.zeros(k + 1)
        pmf[0] = 1.0
        for i, q in enumerate(step_success(chain), start=1):
            pmf[1 : i + 1] = pmf[1 : i + 1] * (1.0 - q) + pmf[0:i] * q
            pmf[0] *= 1.0 - q
        return pmf
    j = np.arange(k, dtype=float)  # j = 0..k-1: ratio P(C=j+1)/P(C=j)
    if chain.correlated:
        a, b = chain.beta_params
        if a == 0.0 or b == 0.0:
            return _point_mass(k, k if b == 0.0 else 0)
        log0 = float(np.sum(np.log(b + j) - np.log(a + b + j)))
        ratio = np.log(k - j) - np.log(j + 1) + np.log(a + j) - np.log(b + k - j - 1)
    else:
        q = float(step_success(chain)[0])
        if q in (0.0, 1.0):
            return _point_mass(k, k if q == 1.0 else 0)
        log0 = k * math.log1p(-q)
        ratio = np.log(k - j) - np.log(j + 1) + math.log(q) - math.log1p(-q)
    pmf = np.exp(log0 + np.concatenate(([0.0], np.cumsum(ratio))))
    return pmf / pmf.sum()  # the running sum drifts by about k ulps; the total is exactly 1


def _point_mass(k: int, at: int) -> np.ndarray:
    pmf = np.zeros(k + 1)
    pmf[at] = 1.0
    return pmf


def prefix_credit(chain: Chain) -> float:
    """Expected fraction of steps done before the first error: (1/k) sum_{j=1..k} E[prod_{i<=j} q_i].

    For a shared q this is q (1 - q**k) / ((1 - q) k); when correlated, E[X**j] is the
    beta moment prod_{i<j} (a + i) / (a + b + i).
    """
    if chain.correlated:
        a, b = chain.beta_params
        i = np.arange(chain.steps, dtype=float)
        logs = np.cumsum(_log(a + i) - np.log(a + b + i))
    else:
        logq = _log_step(chain)
        logs = logq[0] * np.arange(1, chain.steps + 1) if chain.homogeneous else np.cumsum(logq)
    return float(np.sum(np.exp(logs)) / chain.steps)


def fraction_correct(chain: Chain) -> float:
    """Expected fraction of steps right, E[C] / k = mean_i q_i: linear in p, nothing emerges."""
    q = step_success(chain)
    return float(q[0]) if chain.homogeneous else float(np.mean(q))


# --------------------------------------------------------------------------------------------
# several attempts


def log_success(chain: Chain) -> float:
    """ln of the end-to-end success, after attempts or voting.

    pass@M: 1 - (1 - P1) ** M.  Majority of M (odd): sum_{j > M/2} C(M, j) P1**j (1 - P1)**(M - j).
    P1 is the single-attempt success of :func:`log_single_attempt`; attempts are independent.
    """
    log_p1 = log_single_attempt(chain)
    if chain.attempts > 1:
        return _log_pass_at(log_p1, chain.attempts)
    if chain.vote > 1:
        return _log_majority(log_p1, chain.vote)
    return log_p1


def _log_pass_at(log_p1: float, m: int) -> float:
    p1 = math.exp(log_p1)
    if p1 == 1.0:
        return 0.0
    if p1 > 0.0:
        value = -math.expm1(m * math.log1p(-p1))
        if value > 0.0:
            return math.log(value)
    if log_p1 == -math.inf:
        return -math.inf
    # P1 (or m P1) underflows: 1 - (1 - P1)**m = m P1 (1 - O(m P1)), and m P1 < 1e-300 here
    return math.log(m) + log_p1


def _log_majority(log_p1: float, m: int) -> float:
    if log_p1 == -math.inf or log_p1 == 0.0:
        return log_p1
    j = np.arange(m // 2 + 1, m + 1, dtype=float)
    log_binom = _log_binomial_coefficients(m)[m // 2 + 1 :]
    log_fail = float(_log1mexp(log_p1))
    with np.errstate(invalid="ignore"):
        terms = log_binom + j * log_p1 + np.where(m - j > 0, (m - j) * log_fail, 0.0)
    return min(0.0, _logsumexp(terms))  # the running sums drift by about m ulps: keep P <= 1


def _log_binomial_coefficients(m: int) -> np.ndarray:
    """ln C(m, j) for j = 0..m, by the running sum of ln((m - j) / (j + 1))."""
    j = np.arange(m, dtype=float)
    return np.concatenate(([0.0], np.cumsum(np.log(m - j) - np.log(j + 1))))


def success(chain: Chain) -> float:
    """End-to-end success probability (0.0 where it underflows a float; see :func:`log_success`)."""
    return math.exp(log_success(chain))


def required_p(chain: Chain, target: float) -> float:
    """The shared per-step p that gives end-to-end success ``target``, other settings unchanged.

    Without variants this is target ** (1/k). Every variant is increasing in p, so the general
    answer is found by bisection on ln P(p) = ln target to the last bit of a float.
    """
    target = check.probability("target", target)
    if not chain.homogeneous:
        raise check.ParameterError("target", "needs a single p: with different step accuracies the required p is not one number")
    if target == 0.0:
        return 0.0
    goal = math.log(target)
    low, high = 0.0, 1.0
    for _ in range(200):
        mid = 0.5 * (low + high)
        if mid in (low, high):
            break
        if log_success(chain.with_p(mid)) < goal:
            low = mid
        else:
            high = mid
    return high


# --------------------------------------------------------------------------------------------
# closed forms of SCIENCE.md section 1.4


def k_star_absolute(p1: float, p2: float) -> float:
    """The real k maximising the absolute gain p2**k - p1**k: ln(ln p1 / ln p2) / ln(p2 / p1).

    Needs 0 < p1 < p2 < 1. (The relative gain (p2/p1)**k - 1 grows without bound in k.)
    """
    p1 = check.probability("p", p1)
    p2 = check.probability("p_to", p2)
    if not 0.0 < p1 < p2 < 1.0:
        raise check.ParameterError("p_to", f"k* needs 0 < p < p_to < 1, got p={p1}, p_to={p2}")
    return math.log(math.log(p1) / math.log(p2)) / math.log(p2 / p1)


def transition_width(k: float) -> float:
    """Width in p of the 10-90 % rise of p**k: 0.9**(1/k) - 0.1**(1/k) (about ln 9 / k for large k)."""
    k = check.positive("steps", k)
    return 0.9 ** (1.0 / k) - 0.1 ** (1.0 / k)


# --------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Outcome:
    """The exact (all-steps) success of a task and its partial-credit views, for one :class:`Chain`.

    ``success`` is the end-to-end value after attempts or voting; ``single_attempt_success`` is
    one attempt's. ``at_least`` pairs (j, P(C >= j)) for one attempt. Probabilities are fractions.
    """

    chain: Chain
    success: float
    log10_success: float
    single_attempt_success: float
    log10_single_attempt_success: float
    fraction_correct: float
    prefix_credit: float
    at_least: tuple[tuple[int, float], ...]


def at_least_steps(k: int) -> list[int]:
    """Which j to report P(C >= j) for: every j when k <= 20, else 11 evenly spaced j from 1 to k."""
    if k <= 20:
        return list(range(1, k + 1))
    return sorted({max(1, round(k * f / 10)) for f in range(11)})


def analyse(chain: Chain) -> Outcome:
    """Exact success, its log10, and the partial-credit views of ``chain``."""
    log_p = log_success(chain)
    log_p1 = log_single_attempt(chain)
    pmf = count_distribution(chain)
    tail = np.cumsum(pmf[::-1])[::-1]  # tail[j] = P(C >= j)
    at_least = tuple((j, float(min(1.0, tail[j]))) for j in at_least_steps(chain.steps))
    return Outcome(
        chain=chain,
        success=math.exp(log_p),
        log10_success=log_p * LOG10_E,
        single_attempt_success=math.exp(log_p1),
        log10_single_attempt_success=log_p1 * LOG10_E,
        fraction_correct=fraction_correct(chain),
        prefix_credit=prefix_credit(chain),
        at_least=at_least,
    )


@dataclass(frozen=True)
class Comparison:
    """Moving the shared per-step accuracy from p to p_to (the blog's 0.4 -> 0.6 comparison).

    Relative gains are fractions (0.5 means +50 %); absolute gains are in probability
    (0.2 is +20 percentage points). ``relative_gain_task`` is None when the base success is 0 or
    the ratio overflows; ``log10_task_ratio`` always holds log10(P_to / P).
    """

    p: float
    p_to: float
    success: float
    success_to: float
    log10_success_to: float
    relative_gain_step: float | None
    absolute_gain_step: float
    relative_gain_task: float | None
    absolute_gain_task: float
    log10_task_ratio: float
    k_star_absolute: float | None


def compare(chain: Chain, p_to: float) -> Comparison:
    """Gains per step and for the whole task when the shared p moves to ``p_to``."""
    if not chain.homogeneous:
        raise check.ParameterError("p_to", "needs a single p to compare with")
    p = chain.p[0]
    p_to = check.probability("p_to", p_to)
    log_a, log_b = log_success(chain), log_success(chain.with_p(p_to))
    s_a, s_b = math.exp(log_a), math.exp(log_b)
    log_ratio = log_b - log_a if log_a > -math.inf else math.inf
    if s_a > 0.0 and s_b > 0.0:
        rel_task: float | None = s_b / s_a - 1.0
    elif log_a > -math.inf and log_ratio < 700.0:
        rel_task = math.expm1(log_ratio)
    else:
        rel_task = None
    base_chain = replace(chain, correlation=0.0, retries=1, attempts=1, vote=1)
    k_star = k_star_absolute(p, p_to) if 0.0 < p < p_to < 1.0 and chain == base_chain else None
    return Comparison(
        p=p,
        p_to=p_to,
        success=s_a,
        success_to=s_b,
        log10_success_to=log_b * LOG10_E,
        relative_gain_step=p_to / p - 1.0 if p > 0 else None,
        absolute_gain_step=p_to - p,
        relative_gain_task=rel_task,
        absolute_gain_task=s_b - s_a,
        log10_task_ratio=log_ratio * LOG10_E,
        k_star_absolute=k_star,
    )


# --------------------------------------------------------------------------------------------
# curves: success against scale, and the data behind the figure family of SCIENCE.md 1.5


@dataclass(frozen=True)
class ScaleSweep:
    """End-to-end success against model size N when the step accuracy follows a p(N) map.

    ``log10_success[i, j]`` is log10 P for ``steps[i]`` steps at ``sizes[j]`` parameters;
    ``success`` is the same in probability (0.0 where it underflows).
    """

    map_name: str
    params: dict[str, float]
    sizes: np.ndarray
    p: np.ndarray
    steps: tuple[int, ...]
    success: np.ndarray
    log10_success: np.ndarray


def scale_sweep(chain: Chain, smap, sizes: np.ndarray, steps: Sequence[int] | None = None) -> ScaleSweep:
    """P(N) = success of ``chain`` with its shared p replaced by p(N) = ``smap(N)`` (N in parameters).

    ``steps`` defaults to the chain's own k. Other settings (retries, correlation, attempts,
    vote) are kept.
    """
    sizes = np.asarray(sizes, dtype=float)
    ks = tuple(check.positive_int("steps", k) for k in (steps or (chain.steps,)))
    p = np.asarray(smap(sizes), dtype=float)
    logs = np.array([[log_success(replace(chain, p=(float(x),), steps=k)) for x in p] for k in ks])
    return ScaleSweep(
        map_name=smap.name,
        params=dict(smap.params),
        sizes=sizes,
        p=p,
        steps=ks,
        success=np.exp(logs),
        log10_success=logs * LOG10_E,
    )


@dataclass(frozen=True)
class CompoundCurves:
    """Everything the H1 figure draws, computed here so that plotting only reads.

    - ``p_grid``, ``steps``, ``success_vs_p``: P against shared p for several k (panel a).
    - ``marks``: (label, p, P) points to mark; a heterogeneous task is marked at the shared p
      that gives the same success.
    - ``sweep``: P against N for the same k (panels b and c).
    - ``gain_steps``, ``success_by_k``: P for k = 1.. at the task's p (panel d without ``p_to``);
      ``relative_gain``, ``absolute_gain``, ``k_star``: the p -> p_to gain for the same k
      (panel d with ``p_to``; None without).
    - ``variants``: name -> P against ``p_grid`` for the task's k (panel e).
    - ``count_pmf``: P(C = j), j = 0..k, for one attempt (panel f).
    """

    chain: Chain
    p_grid: np.ndarray
    steps: tuple[int, ...]
    success_vs_p: np.ndarray
    marks: tuple[tuple[str, float, float], ...]
    sweep: ScaleSweep
    p_from: float | None
    p_to: float | None
    gain_steps: np.ndarray
    success_by_k: np.ndarray
    relative_gain: np.ndarray | None
    absolute_gain: np.ndarray | None
    k_star: float | None
    variants: dict[str, np.ndarray]
    count_pmf: np.ndarray


FIGURE_STEPS = (1, 2, 3, 5, 10)
VARIANT_RHOS = (0.1, 0.3, 0.6)
VARIANT_M = 5


def curves(chain: Chain, smap, *, p_to: float | None = None, points: int = 201) -> CompoundCurves:
    """Compute the H1 figure family for ``chain`` (see :class:`CompoundCurves`).

    ``smap`` is the p(N) map for the scale panels (a :class:`emergence.scaling.ScaleMap`).
    """
    k = chain.steps
    p_grid = np.linspace(0.0, 1.0, points)
    ks = tuple(sorted(set(FIGURE_STEPS) | {k}))
    shared = replace(chain, p=(0.5,)) if not chain.homogeneous else chain

    def along(c: Chain) -> np.ndarray:
        return np.exp([log_success(c.with_p(float(x))) for x in p_grid])

    success_vs_p = np.array([along(replace(shared, steps=s)) for s in ks])
    own = success(chain)
    if chain.homogeneous:
        marks = [("p", chain.p[0], own)]
    else:
        marks = [("p_equivalent", required_p(shared, own), own)]
    if p_to is not None:
        marks.append(("p_to", check.probability("p_to", p_to), success(shared.with_p(p_to))))
    sweep = scale_sweep(shared, smap, np.logspace(7, 13, 121), ks)

    relative = absolute = None
    k_star = None
    p_from = marks[0][1]
    gain_steps = np.arange(1, max(10, min(k, 50)) + 1)
    s_from = np.array([success(replace(shared, steps=int(s)).with_p(p_from)) for s in gain_steps])
    if p_to is not None:
        s_to = np.array([success(replace(shared, steps=int(s)).with_p(p_to)) for s in gain_steps])
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = np.where(s_from > 0, s_to / s_from - 1.0, np.nan)
        absolute = s_to - s_from
        if 0.0 < p_from < p_to < 1.0:
            k_star = k_star_absolute(p_from, p_to)

    base = Chain((0.5,), k)
    variants = {
        "exact": along(base),
        "fraction": p_grid.copy(),
        "prefix": np.array([prefix_credit(base.with_p(float(x))) for x in p_grid]),
        **{f"beta_{rho:g}": along(replace(base, correlation=rho)) for rho in VARIANT_RHOS},
        f"pass_{VARIANT_M}": along(replace(base, attempts=VARIANT_M)),
        f"vote_{VARIANT_M}": along(replace(base, vote=VARIANT_M)),
    }
    return CompoundCurves(
        chain=chain,
        p_grid=p_grid,
        steps=ks,
        success_vs_p=success_vs_p,
        marks=tuple(marks),
        sweep=sweep,
        p_from=p_from if p_to is not None else None,
        p_to=p_to,
        gain_steps=gain_steps,
        success_by_k=s_from,
        relative_gain=relative,
        absolute_gain=absolute,
        k_star=k_star,
        variants=variants,
        count_pmf=count_distribution(chain),
    )
