"""Hypothesis 1, task decomposition: a task of k sub-steps succeeds only when every step does.

With independent steps that are each right with probability p, the whole task succeeds with

    P = p ** k,            ln P = k ln p,

so a smooth gain per step becomes a much larger relative gain for the task: the blog's example,
k = 5 and p from 0.4 to 0.6, takes P from 1.024 % to 7.776 % (+659.375 %, for +50 % per step).

Logarithms are natural (``ln``) unless a name says ``log10``. Probabilities are fractions in
[0, 1]; products are formed as sums of logs, so a 10**6-step task reports
``log10_success = 10**6 * log10(p)`` instead of underflowing to an error.

What the model assumes (SCIENCE.md section 1.3 has the variants; they are fields of :class:`Chain`):

- **Steps** of one attempt are independent, each right with its accuracy p (or p_i). With a
  correlation rho, each *item* first draws its accuracy X ~ Beta(a, b) (mean p, intra-item
  correlation rho = 1 / (a + b + 1)) and its steps are then independent given X: an item is easy
  or hard for all of its steps at once.
- **Retries**: a step is tried up to R times and a perfect checker keeps the first right try, so
  it succeeds with q = 1 - (1 - p) ** R. Retries are not combined with a correlation (see
  :class:`Chain`).
- **Several attempts** at the whole task are M samples of the *same* item, as in pass@k (Chen et
  al. 2021): without a correlation they are independent, each succeeding with P1; with one they
  share the item's X, so pass@M = 1 - E[(1 - X**k) ** M] and a vote is the same expectation of its
  sum over the number of right attempts. These expectations over Beta(a, b) are computed by
  adaptive Gauss-Kronrod quadrature in log space (see :func:`log_success`).
- **A vote**: every right attempt gives the right answer; every wrong attempt gives one of N wrong
  answers, uniformly at random (``vote_wrong_answers``). N = 1 means all wrong attempts agree: the
  right/wrong majority, the worst case for voting. Larger N is the plurality vote of
  self-consistency (Wang et al. 2022) among distinct answers. The answer with the most votes wins
  and a tie for the most votes is broken uniformly at random.

The variants compose in this order: per-step retries, then the steps of one attempt, then the M
attempts (pass@M or a vote).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from emergence import _validate as check
from emergence._numeric import beta_from_mean, bisect
from emergence.results import Result

LOG10_E = 1.0 / math.log(10.0)
MAX_STEPS = 10_000_000  # the distribution of right steps is held in memory (80 MB)
MAX_LISTED_STEPS = 20_000  # steps of different accuracies: their count distribution is an O(k^2) recursion
MAX_REPEATS = 10**18  # retries and pass@M attempts: closed forms, any count up to this
MAX_VOTE = 1_000_001  # a vote sums over the number of right attempts: O(M)
MAX_CORRELATED_VOTE = 301  # ... at every quadrature node when the attempts share X
MAX_QUADRATURE_SIZES = 101  # sizes in a sweep when every point needs a quadrature
MAX_PLURALITY_VOTE = 301  # votes among several wrong answers: the exact multinomial sum is O(M^3)
MAX_WRONG_ANSWERS = 1_000_000


@dataclass(frozen=True)
class Chain(Result):
    """A task of ``steps`` sub-steps and how it is attempted.

    Parameters
    ----------
    p : tuple of float
        Per-step success probabilities in [0, 1]. One value means every step shares it;
        several values give heterogeneous steps and ``steps`` must equal their number.
    steps : int
        Number of sub-steps k, 1 to ``MAX_STEPS``.
    correlation : float, default 0
        Intra-item correlation rho in [0, 1): each item draws its accuracy X ~ Beta(a, b) with
        mean p and rho = 1 / (a + b + 1), i.e. a = p (1/rho - 1), b = (1 - p)(1/rho - 1); the
        steps *and the attempts* of that item are Bernoulli(X). rho = 0 is independence. It
        needs a single p, and it is refused with ``retries``: the R tries of one step would
        share X as well, giving E[(1 - (1 - X) ** R) ** k], which this model does not compute
        (treating the tries as independent would overstate what retries buy on a hard item).
    retries : int, default 1
        Tries per step with a perfect checker: a step fails only if all R tries fail, so its
        success is q = 1 - (1 - p) ** R.
    attempts : int, default 1
        Attempts at the whole task, success if any succeeds (pass@M).
    vote : int, default 1
        Attempts decided by a vote among their answers (see ``vote_wrong_answers``).
    vote_wrong_answers : int, default 1
        Number N of distinct wrong answers a wrong attempt picks from, uniformly. N = 1: every
        wrong attempt gives the same answer (the right/wrong majority). The most votes win; a tie
        for the most is broken uniformly at random.
    """

    p: tuple[float, ...]
    steps: int
    correlation: float = 0.0
    retries: int = 1
    attempts: int = 1
    vote: int = 1
    vote_wrong_answers: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "p", check.probabilities("p", self.p))
        object.__setattr__(self, "steps", check.positive_int("steps", self.steps, maximum=MAX_STEPS))
        if len(self.p) > 1 and len(self.p) != self.steps:
            raise check.ParameterError("steps", f"is {self.steps} but p lists {len(self.p)} step accuracies")
        if len(self.p) > MAX_LISTED_STEPS:
            raise check.ParameterError("p", f"at most {MAX_LISTED_STEPS:,} different step accuracies (the distribution of "
                                            f"right steps takes k^2 operations), got {len(self.p):,}")
        object.__setattr__(self, "correlation", check.in_range("correlation", self.correlation, 0.0, 1.0, closed_high=False))
        object.__setattr__(self, "retries", check.positive_int("retries", self.retries, maximum=MAX_REPEATS))
        object.__setattr__(self, "attempts", check.positive_int("attempts", self.attempts, maximum=MAX_REPEATS))
        object.__setattr__(self, "vote", check.positive_int("vote", self.vote, maximum=MAX_VOTE))
        n = check.positive_int("vote_wrong_answers", self.vote_wrong_answers, maximum=MAX_WRONG_ANSWERS)
        object.__setattr__(self, "vote_wrong_answers", n)
        if self.attempts > 1 and self.vote > 1:
            raise check.ParameterError("vote", "cannot be combined with attempts: choose pass@M or a vote")
        if n > 1 and self.vote == 1:
            raise check.ParameterError("vote_wrong_answers", "applies only to a vote of more than one attempt (vote > 1)")
        if n > 1 and self.vote > MAX_PLURALITY_VOTE:
            raise check.ParameterError("vote", f"at most {MAX_PLURALITY_VOTE} attempts when votes split among several "
                                               f"wrong answers (the exact sum grows as M^3), got {self.vote:,}")
        if self.correlation > 0 and len(self.p) > 1:
            raise check.ParameterError("correlation", "needs a single p (the beta-binomial model has one mean accuracy)")
        if self.correlation > 0 and self.retries > 1:
            raise check.ParameterError("correlation", "cannot be combined with retries: the tries of a step would share the "
                                                      "item's accuracy X too, E[(1-(1-X)^R)^k], a model not computed here")
        if self.correlated and self.vote > MAX_CORRELATED_VOTE:
            raise check.ParameterError("vote", f"at most {MAX_CORRELATED_VOTE:,} attempts with a correlation (the vote is "
                                               f"summed at every quadrature node), got {self.vote:,}")

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

    @property
    def repeats(self) -> int:
        """Attempts at the whole task, M: ``attempts`` for pass@M, ``vote`` for a vote, else 1."""
        return max(self.attempts, self.vote)

    def with_p(self, p: float | Sequence[float]) -> Chain:
        """The same task with other step accuracies."""
        return replace(self, p=_as_tuple(p))


def chain(p: float | Sequence[float], steps: int | None = None, **variants: Any) -> Chain:
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


def _logsumexp(a: np.ndarray, axis: int | None = None) -> np.ndarray:
    """ln sum e**a (along ``axis``); -inf for an empty or all -inf sum."""
    a = np.asarray(a, dtype=float)
    m = np.max(a, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True)) + m
    return np.squeeze(out, axis=axis) if axis is not None else out.reshape(())


@functools.cache
def _log_binomial_coefficients(m: int) -> np.ndarray:
    """ln C(m, j) for j = 0..m, by the running sum of ln((m - j) / (j + 1)) up to m/2 and the
    mirror C(m, j) = C(m, m - j) beyond, so that both ends are exactly 0 (cached, read-only)."""
    j = np.arange(m // 2, dtype=float)
    half = np.concatenate(([0.0], np.cumsum(np.log(m - j) - np.log(j + 1))))  # j = 0..m//2
    out = np.concatenate((half, half[: m + 1 - half.size][::-1]))
    return _read_only(out)


def step_success(chain: Chain) -> np.ndarray:
    """Per-step success q_i = 1 - (1 - p_i) ** R after R tries with a perfect checker (R = retries)."""
    p = np.asarray(chain.p, dtype=float)
    if chain.retries == 1:
        return p
    with np.errstate(divide="ignore"):
        return -np.expm1(chain.retries * np.log1p(-p))


def _log_step(chain: Chain) -> tuple[np.ndarray, np.ndarray]:
    """(ln q_i, ln(1 - q_i)), computed without forming q when retries make it close to 1."""
    p = np.asarray(chain.p, dtype=float)
    with np.errstate(divide="ignore"):
        log_fail = chain.retries * np.log1p(-p)
    if chain.retries == 1:
        return _log(p), log_fail
    return _log1mexp(log_fail), log_fail


# --------------------------------------------------------------------------------------------
# moments of the item accuracy X ~ Beta(a, b)

_DIRECT_TERMS = 4096  # beyond this many factors, E[X^k] uses the Euler-Maclaurin formula


def _log_moment_terms(a: float, b: float, j: np.ndarray) -> np.ndarray:
    """ln((a + j) / (a + b + j)), the factors of E[X^k] = prod_{j<k} (a + j) / (a + b + j)."""
    c = a + b
    share = b / (c + j)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(share <= 0.5, np.log1p(-share), np.log((a + j) / (c + j)))


@functools.cache
def _legendre(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(n)


def _integral_log1p(low: float, width: float, length: float) -> float:
    """H = integral of ln(1 + length / z) dz for z from ``low`` to ``low + width`` (all > 0).

    A short interval (width <= low) by 24-point Gauss-Legendre, where the integrand is analytic
    far around it; a long one from the antiderivative z ln(1 + L/z) + L ln(z + L), whose terms
    then no longer cancel.
    """
    if width <= low:
        x, w = _legendre(24)
        z = low + 0.5 * width * (x + 1.0)
        return float(0.5 * width * np.dot(w, np.log1p(length / z)))
    high = low + width
    return high * math.log1p(length / high) - low * math.log1p(length / low) + length * math.log1p(width / (low + length))


def _log_beta_moment(a: float, b: float, k: int) -> float:
    """ln E[X^k] for X ~ Beta(a, b), a, b > 0: sum_{j<k} ln((a + j) / (a + b + j)).

    The first 4096 factors are summed one by one; the rest by Euler-Maclaurin, whose integral
    is the cancellation-free :func:`_integral_log1p` and whose corrections stop at the fifth
    derivative (below 1e-20 once a + j >= 4096). O(1) in k beyond 4096.
    """
    n = min(k, _DIRECT_TERMS)
    total = float(np.sum(_log_moment_terms(a, b, np.arange(n, dtype=float))))
    if k == n:
        return total
    first, last = float(n), float(k - 1)  # sum f(j) for j = first..last by Euler-Maclaurin
    c = a + b

    def f(x: float) -> float:
        return float(_log_moment_terms(a, b, np.array(x)))

    def derivatives(x: float) -> float:
        u, v = 1.0 / (a + x), 1.0 / (c + x)
        return b * u * v / 12.0 - 2.0 * (u**3 - v**3) / 720.0 + 24.0 * (u**5 - v**5) / 30240.0

    integral = -_integral_log1p(a + first, b, last - first)
    return total + integral + 0.5 * (f(first) + f(last)) + derivatives(last) - derivatives(first)


# --------------------------------------------------------------------------------------------
# one attempt


def log_single_attempt(chain: Chain) -> float:
    """ln P(all k steps right in one attempt).

    Independent steps: sum_i ln q_i (= k ln q when they share q).
    Correlated (beta-binomial): ln E[X**k] = sum_{j<k} ln((a + j) / (a + b + j)).
    """
    if chain.correlated:
        a, b = chain.beta_params
        if a == 0.0 or b == 0.0:
            return 0.0 if b == 0.0 else -math.inf
        return _log_beta_moment(a, b, chain.steps)
    logq, _ = _log_step(chain)
    return float(chain.steps * logq[0]) if chain.homogeneous else float(np.sum(logq))


@functools.lru_cache(maxsize=2)
def count_distribution(chain: Chain) -> np.ndarray:
    """P(C = j) for j = 0..k, C the number of correct steps in one attempt (cached; read-only).

    Binomial(k, q) for shared q, Poisson-binomial (dynamic programme, O(k**2)) for different q_i,
    beta-binomial(k, a, b) when correlated: P(C = j) = C(k, j) B(a + j, b + k - j) / B(a, b).
    Computed by the ratio of successive terms in log space, so large k does not overflow and
    near-degenerate Beta parameters (rho close to 1: a, b ~ 1e-16) keep their mass at 0 and k,
    and normalised to sum to 1 (the running sum of logs drifts by about k ulps, 2e-9 at k = 10**6).
    """
    k = chain.steps
    if not chain.homogeneous:
        pmf = np.zeros(k + 1)
        pmf[0] = 1.0
        for i, q in enumerate(step_success(chain), start=1):
            pmf[1 : i + 1] = pmf[1 : i + 1] * (1.0 - q) + pmf[0:i] * q
            pmf[0] *= 1.0 - q
        return _read_only(pmf)
    if chain.correlated:
        a, b = chain.beta_params
        if a == 0.0 or b == 0.0:
            return _point_mass(k, k if b == 0.0 else 0)
        log0 = _log_beta_moment(b, a, k)  # P(C = 0) = E[(1 - X)^k]
    else:
        logq, logf = (float(v[0]) for v in _log_step(chain))
        if logq == 0.0 or logf == 0.0:
            return _point_mass(k, k if logq == 0.0 else 0)
        log0 = k * logf
    # ln of the ratios P(C = j+1) / P(C = j), j = 0..k-1, built in place (k may be 10**7)
    ratio = np.arange(k, 0, -1, dtype=float)  # k - j
    other = np.arange(1, k + 1, dtype=float)  # j + 1
    ratio /= other
    np.log(ratio, out=ratio)
    if chain.correlated:
        other -= 1.0  # j, exactly
        other += a
        ratio += np.log(other, out=other)
        other[:] = ratio.size - 1 - np.arange(k, dtype=float)  # k - 1 - j, a whole number, then + b
        other += b  # so that a tiny b keeps its bits
        ratio -= np.log(other, out=other)
    else:
        ratio += logq - logf
    del other
    logs = np.empty(k + 1)
    logs[0] = log0
    np.cumsum(ratio, out=logs[1:])
    del ratio
    logs[1:] += log0
    logs -= logs.max()
    np.exp(logs, out=logs)
    logs /= logs.sum()  # the running sum drifts by about k ulps; the total is exactly 1
    return _read_only(logs)


def _read_only(values: np.ndarray) -> np.ndarray:
    values.flags.writeable = False
    return values


def _point_mass(k: int, at: int) -> np.ndarray:
    pmf = np.zeros(k + 1)
    pmf[at] = 1.0
    return _read_only(pmf)


def prefix_credit(chain: Chain) -> float:
    """Expected fraction of steps done before the first error: (1/k) sum_{j=1..k} E[prod_{i<=j} q_i].

    For a shared q this is q (1 - q**k) / ((1 - q) k); when correlated, E[X**j] is the
    beta moment prod_{i<j} (a + i) / (a + b + i).
    """
    k = chain.steps
    if chain.correlated:
        a, b = chain.beta_params
        if a == 0.0 or b == 0.0:
            return 1.0 if b == 0.0 else 0.0
        total, log_moment = 0.0, 0.0  # E[X^j] summed in blocks of 2**20 j, until it is below e^-800
        for first in range(0, k, 1 << 20):
            logs = log_moment + np.cumsum(_log_moment_terms(a, b, np.arange(first, min(k, first + (1 << 20)), dtype=float)))
            total += float(np.sum(np.exp(logs)))
            log_moment = float(logs[-1])
            if log_moment < -800.0:
                break
        return total / k
    logq, _ = _log_step(chain)
    if not chain.homogeneous:
        return float(np.sum(np.exp(np.cumsum(logq))) / k)
    lq = float(logq[0])
    if lq in (0.0, -math.inf):
        return 1.0 if lq == 0.0 else 0.0
    return math.exp(lq) * math.expm1(k * lq) / (math.expm1(lq) * k)  # 1 - q = -expm1(ln q), exact as q -> 1


def fraction_correct(chain: Chain) -> float:
    """Expected fraction of steps right, E[C] / k = mean_i q_i: linear in p, nothing emerges."""
    q = step_success(chain)
    return float(q[0]) if chain.homogeneous else float(np.mean(q))


# --------------------------------------------------------------------------------------------
# several attempts: pass@M and votes


@functools.cache
def vote_weights(m: int, wrong_answers: int = 1) -> np.ndarray:
    """g_r = P(the right answer wins the vote | r of the m attempts are right), r = 0..m.

    Each of the n = m - r wrong attempts picks one of ``wrong_answers`` = N wrong answers
    uniformly; the answer with the most votes wins and a tie for the most is broken uniformly at
    random. N = 1 is the right/wrong majority: g_r = 1 if 2r > m, 1/2 if 2r = m, else 0.

    For N >= 2, exactly (multinomial sum): with t of the N wrong answers tied with the right one
    at r votes and the others below r,

        g_r = sum_t C(N, t) / (1 + t) * P(t answers get r, the other N - t fewer than r).

    The multinomial is written with exponential generating functions (N independent Poisson counts
    conditioned on their sum n), so the sum over configurations becomes convolution powers of a
    truncated exponential series (binary powering: O(n^2 log N) per r; see :func:`_plurality_win`).
    Cached; the array is read-only.
    """
    m = check.positive_int("vote", m)
    n_wrong = check.positive_int("vote_wrong_answers", wrong_answers, maximum=MAX_WRONG_ANSWERS)
    r = np.arange(m + 1)
    if n_wrong == 1:
        g = np.where(2 * r > m, 1.0, np.where(2 * r == m, 0.5, 0.0))
    else:
        if m > MAX_PLURALITY_VOTE:
            raise check.ParameterError("vote", f"at most {MAX_PLURALITY_VOTE} attempts with several wrong answers, got {m:,}")
        g = np.array([_plurality_win(right, m - right, n_wrong) for right in range(m + 1)])
    g.flags.writeable = False
    return g


def _plurality_win(r: int, n: int, big_n: int) -> float:
    """P(r right votes win against n wrong votes spread uniformly over big_n answers), ties at random.

    With u(x) = sum_{j<r} (lambda x)^j / j! (an answer below r votes) and lambda = n / big_n,

        g = n! / (big_n lambda)^n * sum_t C(big_n, t) / (1 + t) * (lambda^r / r!)^t * [x^(n - r t)] u(x)^(big_n - t).

    The coefficients of u^(big_n - t) are sums of products of u_j whose first term u_0 = 1 is
    exact, so their rounding does not grow with big_n (a normalised truncated Poisson law would
    carry its rounding to the power big_n). Values stay below e^n, within a float for n <= 700.
    """
    if r == 0:
        return 0.0 if n > 0 else 1.0  # with no votes at all nobody wins; m >= 1 keeps this away
    if r > n:
        return 1.0
    if n > r * big_n:
        return 0.0  # some wrong answer must get more than r votes
    log_lam = math.log(n / big_n)
    j = np.arange(r, dtype=float)
    u = np.exp(j * log_lam - np.array([math.lgamma(x + 1.0) for x in j]))
    log_at_r = r * log_lam - math.lgamma(r + 1.0)  # ln(lambda^r / r!): an answer tied with the right one
    t_max = min(big_n, n // r)
    power = _convolution_power(u, big_n - t_max, n + 1)
    log_choose = np.concatenate(([0.0], np.cumsum(np.log(big_n - np.arange(t_max)) - np.log(np.arange(1, t_max + 1)))))
    terms = []
    for t in range(t_max, -1, -1):  # power holds u^(big_n - t)
        mass = power[n - r * t] if n - r * t < power.size else 0.0
        if mass > 0.0:
            terms.append(log_choose[t] - math.log1p(t) + t * log_at_r + math.log(mass))
        if t > 0:
            power = np.convolve(power, u)[: n + 1]
    log_norm = math.lgamma(n + 1.0) - n * math.log(n)  # n! / (big_n lambda)^n
    return min(1.0, math.exp(float(_logsumexp(np.array(terms))) + log_norm)) if terms else 0.0


def _convolution_power(q: np.ndarray, power: int, size: int) -> np.ndarray:
    """The coefficients of q(x)^power up to x^(size - 1) (q given by its coefficients), by binary powering."""
    out = np.ones(1)
    base = q[:size]
    while power:
        if power & 1:
            out = np.convolve(out, base)[:size]
        power >>= 1
        if power:
            base = np.convolve(base, base)[:size]
    return out


def _decision_support(chain: Chain) -> tuple[np.ndarray, np.ndarray]:
    """(r, ln(g_r C(M, r))) over the r with g_r > 0: h(s) = sum_r g_r C(M, r) s^r (1 - s)^(M - r)."""
    return _vote_support(chain.repeats, chain.vote_wrong_answers)


@functools.cache
def _vote_support(m: int, wrong_answers: int) -> tuple[np.ndarray, np.ndarray]:
    g = vote_weights(m, wrong_answers)
    r = np.flatnonzero(g)
    return r, np.log(g[r]) + _log_binomial_coefficients(m)[r]


def _log_decide(chain: Chain, v: np.ndarray | float) -> np.ndarray:
    """ln h(s) at s = e**v: the chance that M attempts, each right with probability s, succeed.

    pass@M: h = 1 - (1 - s)^M, as ln(1 - exp(-M (-ln(1 - s)))), exact where s or M s underflows.
    A vote: h = sum_r g_r C(M, r) s^r (1 - s)^(M - r) (:func:`vote_weights`), summed in log space;
    for one wrong answer and a single s only the terms within 12 standard deviations (+ 60) of
    the largest are summed (the others are below e^-72 of it; the terms are concave in r).
    """
    v = np.asarray(v, dtype=float)
    m = chain.repeats
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if chain.attempts > 1:
            hazard = np.where(v < -36.0, v, np.log(-_log1mexp(v)))  # ln(-ln(1 - s))
            mu = math.log(m) + hazard
            return np.where(mu < -36.0, mu, _log1mexp(-np.exp(mu)))
        r, log_w = _decision_support(chain)
        flat_v = v.reshape(-1)
        flat_v1 = np.maximum(_log1mexp(flat_v), -1e300)  # ln(1 - s); finite so that 0 * it stays 0
        if flat_v.size == 1 and chain.vote_wrong_answers == 1 and r.size > 4000:
            s = math.exp(float(flat_v[0]))
            centre = int(np.searchsorted(r, min(m, math.floor((m + 1) * s))))
            half = math.ceil(12.0 * math.sqrt(m * s * (1.0 - s)) + 60.0)
            r, log_w = r[max(0, centre - half) : centre + half + 1], log_w[max(0, centre - half) : centre + half + 1]
        out = np.empty(flat_v.size)
        wrong = (m - r).astype(float)
        batch = max(1, 2_000_000 // r.size)
        for start in range(0, flat_v.size, batch):
            terms = np.multiply.outer(flat_v[start : start + batch], r.astype(float))
            terms += np.multiply.outer(flat_v1[start : start + batch], wrong)
            terms += log_w
            out[start : start + batch] = _logsumexp(terms, axis=1)
    return np.minimum(out.reshape(v.shape), 0.0)  # the running sums drift by about M ulps: keep h <= 1


def _log_decide_bound(chain: Chain, v: np.ndarray) -> np.ndarray:
    """An upper bound on ln h(e**v), cheap: h(s) <= C(M, r0) s^r0 with r0 the fewest right attempts that can win."""
    if chain.attempts > 1:
        return np.minimum(0.0, math.log(chain.attempts) + v)
    r, _ = _decision_support(chain)
    return np.minimum(0.0, _log_binomial_coefficients(chain.vote)[r[0]] + r[0] * v)


# --------------------------------------------------------------------------------------------
# expectations over the item accuracy: adaptive Gauss-Kronrod in log space

_XGK = np.array([0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                 0.207784955007898467600689403773245])
_WGK = np.array([0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                 0.204432940075298892414161999234649])
_WGK0 = 0.209482141084727828012999174891714
_WG = np.array([0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                0.381830050505118944950369775488975])
_WG0 = 0.417959183673469387755102040816327
_GK_NODES = np.concatenate((-_XGK, [0.0], _XGK[::-1]))
_GK_KRONROD = np.concatenate((_WGK, [_WGK0], _WGK[::-1]))
_GK_GAUSS = np.zeros(15)
_GK_GAUSS[[1, 3, 5, 13, 11, 9]] = np.concatenate((_WG, _WG))
_GK_GAUSS[7] = _WG0

QUADRATURE_RTOL = 1e-11
_EPS = float(np.finfo(float).eps)
_MAX_PANELS = 20_000
_DELTA_MAX = 1e40  # beyond this shift of logit(X) no Beta tail with a, b >= 1e-32 keeps any mass


def _logit_shift(p: float, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For x = sigma(logit(p) + delta): (ln x, G) with G = ln(1 - p + p e^delta) - p delta >= 0.

    The Beta(c p, c (1 - p)) density in t = logit(x), relative to its value at t = logit(p), is
    exp(-c G(delta)) with delta = t - logit(p). Everything is computed for q = min(p, 1 - p)
    (the law is symmetric under p -> 1 - p, delta -> -delta); G by its power series near 0, where
    ln(1 - q + q e^d) and q d cancel to second order.
    """
    flip = p > 0.5
    q = 1.0 - p if flip else p
    d = -delta if flip else np.asarray(delta, dtype=float)
    lq, l1q = math.log(q), math.log1p(-q)
    with np.errstate(over="ignore", invalid="ignore"):
        a = np.where(d <= 1.0, np.log1p(q * np.expm1(np.minimum(d, 1.0))), np.logaddexp(l1q, lq + d))
        log_y = np.where(d <= 1.0, lq + d - a, -np.logaddexp(0.0, l1q - lq - d))
        near = np.abs(d) <= 0.5
        g = np.where(near, 0.0, a - q * d)
    if near.any():
        dn = d[near]
        series = np.zeros(dn.shape)
        power, fact = dn * dn, 2.0
        up, down = 1.0 - q, q  # (1 - q)^(n-1) and q^(n-1)
        for n in range(2, 22):
            series += (up + (down if n % 2 == 0 else -down)) * power / fact
            power, fact, up, down = power * dn, fact * (n + 1), up * (1.0 - q), down * q
        g[near] = np.log1p(q * (1.0 - q) * series)
    log_x = _log1mexp(log_y) if flip else log_y
    return log_x, g


def _log_stirling_remainder(x: float) -> float:
    """R(x) = ln Gamma(x) - ((x - 1/2) ln x - x + ln(2 pi) / 2) for x >= 10 (error below 2e-14)."""
    u = 1.0 / (x * x)
    return (1.0 / 12.0 - u * (1.0 / 360.0 - u * (1.0 / 1260.0 - u * (1.0 / 1680.0 - u / 1188.0)))) / x


def _log_gamma_ratio(x: float, y: float) -> float:
    """ln Gamma(x + y) - ln Gamma(x), without the cancellation of two large log-gammas."""
    if x < 10.0:
        return math.lgamma(x + y) - math.lgamma(x)
    return ((x - 0.5) * math.log1p(y / x) + y * math.log(x + y) - y
            + _log_stirling_remainder(x + y) - _log_stirling_remainder(x))


def _log_beta_normaliser(p: float, c: float) -> float | None:
    """ln of the integral of exp(-c G) over delta: ln B(a, b) - a ln p - b ln(1 - p).

    From log-gammas when min(a, b) <= 1e4 (wide tails, which quadrature would have to chase to
    1/a); None otherwise, when the density is narrow and quadrature is the more accurate.
    """
    a, b = p * c, (1.0 - p) * c
    small, large = min(a, b), max(a, b)
    if small > 1e4:
        return None
    log_beta = math.lgamma(small) - _log_gamma_ratio(large, small)
    return log_beta - a * math.log(p) - b * math.log1p(-p)


def _log_beta_expectation(p: float, c: float, log_h: Callable[[np.ndarray], np.ndarray],
                          bound: Callable[[np.ndarray], np.ndarray]) -> float:
    """ln E[h(X)] for X ~ Beta(c p, c (1 - p)), 0 < p < 1, c > 0, given ``log_h(ln x)``.

    ``h`` must lie in [0, 1], rise with x and satisfy ln h <= ``bound(ln x)``. The integral runs
    over delta = logit(x) - logit(p), so both ends of (0, 1) become open lines, on panels
    delta = mode + w sinh(u), u in steps of 1/2 (mode and half-width w of the integrand, see
    :func:`_log_quadrature`): one grid reaches from the peak to the far tails. Panels whose
    integrand is provably below e^-75 of the total are skipped; the others get 15-point
    Gauss-Kronrod rules, split in two until the estimates |Kronrod - Gauss| add up to less than
    ``QUADRATURE_RTOL`` of the total (or the rounding noise of ln h, for huge k or M); a run that
    does not get there within 20,000 panels raises ``ParameterError`` rather than return a
    number. The normaliser is exact (:func:`_log_beta_normaliser`) or the same quadrature with h = 1.
    """
    log_i = _log_quadrature(p, c, log_h, bound)
    log_z = _log_beta_normaliser(p, c)
    if log_z is None:
        log_z = _log_quadrature(p, c, lambda lx: np.zeros_like(lx), lambda lx: np.zeros_like(lx))
    return min(0.0, log_i - log_z)


def _log_quadrature(p: float, c: float, log_h: Callable[[np.ndarray], np.ndarray],
                    bound: Callable[[np.ndarray], np.ndarray]) -> float:
    """ln of the integral of exp(psi(delta)), psi = -c G(delta) + ln h(x(delta)) (see :func:`_log_beta_expectation`).

    psi is concave for pass@M and the majority (each factor is log-concave in logit(x)), so it has
    one peak, at some delta >= 0; for a vote among several wrong answers it need not be, and the
    peak found only sets the grid's scale (the panels still cover every region the bound allows,
    and the error estimates refine them). The peak is found by psi on a sinh grid scaled to the Beta's width
    (only where ``bound`` lets it reach psi(0)), then six zooms of 33 points between the
    neighbours of the best point; the half-width w is the largest distance on a ladder of powers
    of 2 at which psi is still within 1 of its peak, on the narrower side. The quadrature grid is
    then delta = mode + w sinh(u) in steps of 1/2 in u.
    """

    def psi(delta: np.ndarray) -> np.ndarray:
        log_x, g = _logit_shift(p, delta)
        with np.errstate(over="ignore", invalid="ignore"):
            return -c * g + log_h(log_x)

    beta_width = min(1.0, 1.0 / math.sqrt(c * p * (1.0 - p)))
    grid = beta_width * np.sinh(0.5 * np.arange(-_half_steps(beta_width), _half_steps(beta_width) + 1))
    log_x, g = _logit_shift(p, grid)
    with np.errstate(over="ignore", invalid="ignore"):
        reachable = -c * g + bound(log_x) > float(psi(np.zeros(1))[0]) - 1.0
    values = np.full(grid.size, -np.inf)
    values[reachable] = psi(grid[reachable])
    for _ in range(6):  # each zoom narrows the bracket 16-fold
        best = int(np.argmax(values))
        grid = np.linspace(grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)], 33)
        values = psi(grid)
    best = int(np.argmax(values))
    mode, top = float(grid[best]), float(values[best])
    ladder = beta_width * 2.0 ** np.arange(-100.0, 111.0)
    within = psi(mode + np.concatenate((-ladder, ladder))).reshape(2, -1) >= top - 1.0
    reach = [ladder[side].max() if side.any() else ladder[0] for side in within]
    width = float(min(reach))

    edges = mode + width * np.sinh(0.5 * np.arange(-_half_steps(width), _half_steps(width) + 1))
    log_x, g = _logit_shift(p, edges)
    with np.errstate(over="ignore", invalid="ignore"):
        beta_top = np.maximum(-c * g[:-1], -c * g[1:])
        beta_top = np.where((edges[:-1] < 0.0) & (edges[1:] > 0.0), 0.0, beta_top)  # the Beta's own peak inside
        upper = beta_top + bound(log_x[1:]) + np.log(np.diff(edges))  # >= ln of each panel's integral
    keep = upper > top + math.log(width) - 1.0 - 75.0  # ln of the whole integral is above top + ln(width) - 1
    low, high = edges[:-1][keep], edges[1:][keep]
    # psi = -c G + ln h is known to about 2e-16 |psi| (k ln x is a product of floats): the integrand
    # cannot be resolved more finely than that relative noise, whatever the rule
    rtol = max(QUADRATURE_RTOL, 64.0 * _EPS * abs(top))
    log_k, log_err = _gk_panels(psi, low, high)
    while True:
        peak = float(np.max(log_k))
        total = float(np.sum(np.exp(log_k - peak)))
        err = np.exp(log_err - peak)
        if err.sum() <= rtol * total:
            return math.log(total) + peak
        split = err > rtol * total / err.size
        if low.size + int(split.sum()) > _MAX_PANELS:
            raise check.ParameterError("correlation", "puts the expectation over the item accuracy beyond what the "
                                                      "quadrature resolves; choose a less extreme correlation")
        mid = 0.5 * (low[split] + high[split])
        new_k, new_err = _gk_panels(psi, np.concatenate((low[split], mid)), np.concatenate((mid, high[split])))
        low = np.concatenate((low[~split], low[split], mid))
        high = np.concatenate((high[~split], mid, high[split]))
        log_k = np.concatenate((log_k[~split], new_k))
        log_err = np.concatenate((log_err[~split], new_err))


def _half_steps(width: float) -> int:
    """Half-units of u so that width * sinh(u) reaches _DELTA_MAX."""
    return math.ceil(2.0 * math.asinh(_DELTA_MAX / width))


def _gk_panels(psi: Callable[[np.ndarray], np.ndarray], low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ln of the 15-point Kronrod sums of exp(psi) over the panels [low, high], and ln |Kronrod - Gauss|."""
    half = 0.5 * (high - low)
    nodes = (0.5 * (high + low))[:, None] + half[:, None] * _GK_NODES
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        values = psi(nodes) + np.log(half)[:, None]
        top = np.max(values, axis=1, keepdims=True)
        top = np.where(np.isfinite(top), top, 0.0)
        scaled = np.exp(values - top)
        kronrod, gauss = scaled @ _GK_KRONROD, scaled @ _GK_GAUSS
        return np.log(kronrod) + top[:, 0], np.log(np.abs(kronrod - gauss)) + top[:, 0]


# --------------------------------------------------------------------------------------------
# end-to-end success


def _needs_quadrature(chain: Chain) -> bool:
    """True when the success is an expectation over the item accuracy (correlated attempts)."""
    return chain.correlated and chain.repeats > 1 and 0.0 < chain.p[0] < 1.0


def log_success(chain: Chain) -> float:
    """ln of the end-to-end success, after attempts or a vote.

    Independent attempts, each succeeding with P1 (:func:`log_single_attempt`): pass@M =
    1 - (1 - P1)^M, a vote sum_r g_r C(M, r) P1^r (1 - P1)^(M - r) (:func:`vote_weights`).
    Correlated attempts share the item's accuracy X ~ Beta(a, b): the same functions of X^k,
    averaged over X by :func:`_log_beta_expectation`.
    """
    log_p1 = log_single_attempt(chain)
    if chain.repeats == 1 or log_p1 in (0.0, -math.inf):  # every attempt right, or none: so is the end result
        return log_p1
    if not chain.correlated:
        return float(_log_decide(chain, log_p1))
    a, b = chain.beta_params
    k = chain.steps
    return _log_beta_expectation(chain.p[0], a + b, lambda lx: _log_decide(chain, k * lx),
                                 lambda lx: _log_decide_bound(chain, k * lx))


def success(chain: Chain) -> float:
    """End-to-end success probability (0.0 where it underflows a float; see :func:`log_success`)."""
    return math.exp(log_success(chain))


def required_p(chain: Chain, target: float) -> float:
    """The shared per-step p that gives end-to-end success ``target``, other settings unchanged.

    Without variants this is target ** (1/k). Every variant is increasing in p, so the general
    answer is found by bisection on ln p (about 60 halvings, even for a tiny answer) to the last
    bit of a float in ln p. A target reached at the smallest positive float returns that float.
    """
    target = check.probability("target", target)
    if not chain.homogeneous:
        raise check.ParameterError("target", "needs a single p: with different step accuracies the required p is not one number")
    if target == 0.0:
        return 0.0
    goal = math.log(target)

    def reached(log_p: np.ndarray) -> np.ndarray:
        return np.array([log_success(chain.with_p(math.exp(y))) >= goal for y in np.ravel(log_p)]).reshape(np.shape(log_p))

    smallest = math.log(5e-324)
    if reached(np.array(smallest)):
        return 5e-324
    return math.exp(float(bisect(reached, smallest, 0.0)))


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
class AtLeast(Result):
    """P(C >= steps): at least ``steps`` of the k steps of one attempt right."""

    steps: int
    probability: float


@dataclass(frozen=True)
class AttemptOutcome(Result):
    """One attempt at the task: all-steps success and the partial-credit views of that attempt.

    ``step_success`` is each step's success after its retries, q = 1 - (1 - p)^R (one value when
    the steps share p). With several attempts (pass@M, a vote) these describe ONE attempt, not
    the end result.
    """

    success: float
    log10_success: float
    step_success: tuple[float, ...]
    fraction_correct: float
    prefix_credit: float
    at_least: tuple[AtLeast, ...]


@dataclass(frozen=True)
class Outcome(Result):
    """The end-to-end success of a task (after its attempts or vote) and one attempt's views.

    Probabilities are fractions; ``success`` is 0.0 where it underflows a float, and
    ``log10_success`` is then still exact (minus infinity, shown as null, only for P = 0).
    """

    chain: Chain
    success: float
    log10_success: float
    one_attempt: AttemptOutcome


def at_least_steps(k: int) -> list[int]:
    """Which j to report P(C >= j) for: every j when k <= 20, else 11 evenly spaced j from 1 to k."""
    if k <= 20:
        return list(range(1, k + 1))
    return sorted({max(1, round(k * f / 10)) for f in range(11)})


def analyse(chain: Chain) -> Outcome:
    """Exact success, its log10, and the partial-credit views of one attempt of ``chain``."""
    log_p = log_success(chain)
    log_p1 = log_single_attempt(chain)
    pmf = count_distribution(chain)
    tail = np.cumsum(pmf[::-1])[::-1]  # tail[j] = P(C >= j)
    at_least = tuple(AtLeast(j, float(min(1.0, tail[j]))) for j in at_least_steps(chain.steps))
    attempt = AttemptOutcome(
        success=math.exp(log_p1),
        log10_success=log_p1 * LOG10_E,
        step_success=tuple(float(q) for q in step_success(chain)),
        fraction_correct=fraction_correct(chain),
        prefix_credit=prefix_credit(chain),
        at_least=at_least,
    )
    return Outcome(chain=chain, success=math.exp(log_p), log10_success=log_p * LOG10_E, one_attempt=attempt)


@dataclass(frozen=True)
class Comparison(Result):
    """Moving the shared per-step accuracy from p to p_to (the blog's 0.4 -> 0.6 comparison).

    Relative gains are fractions (0.5 means +50 %); absolute gains are in probability
    (0.2 is +20 percentage points); ratios are after / before. A task ratio or relative gain
    that a float cannot hold (base success 0, or overflow) is None; ``log10_task_ratio`` always
    holds log10(P_to / P) (infinite, shown as null, when P = 0).
    """

    p: float
    p_to: float
    success: float
    log10_success: float
    success_to: float
    log10_success_to: float
    step_ratio: float | None
    task_ratio: float | None
    log10_task_ratio: float
    relative_gain_step: float | None
    absolute_gain_step: float
    relative_gain_task: float | None
    absolute_gain_task: float
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
    if s_a > 0.0 and s_b > 0.0 and math.isfinite(s_b / s_a):
        ratio: float | None = s_b / s_a
    elif log_a > -math.inf and log_ratio < 709.0:
        ratio = math.exp(log_ratio)
    else:
        ratio = None
    base_chain = replace(chain, correlation=0.0, retries=1, attempts=1, vote=1, vote_wrong_answers=1)
    k_star = k_star_absolute(p, p_to) if 0.0 < p < p_to < 1.0 and chain == base_chain else None
    return Comparison(
        p=p,
        p_to=p_to,
        success=s_a,
        log10_success=log_a * LOG10_E,
        success_to=s_b,
        log10_success_to=log_b * LOG10_E,
        step_ratio=p_to / p if p > 0 else None,
        task_ratio=ratio,
        log10_task_ratio=log_ratio * LOG10_E,
        relative_gain_step=p_to / p - 1.0 if p > 0 else None,
        absolute_gain_step=p_to - p,
        relative_gain_task=ratio - 1.0 if ratio is not None else None,
        absolute_gain_task=s_b - s_a,
        k_star_absolute=k_star,
    )


@dataclass(frozen=True)
class Inverse(Result):
    """The shared per-step accuracy ``p_required`` that gives end-to-end success ``target``."""

    target: float
    p_required: float


def inverse(chain: Chain, target: float) -> Inverse:
    """:func:`required_p` as a result object."""
    return Inverse(target=check.probability("target", target), p_required=required_p(chain, target))


# --------------------------------------------------------------------------------------------
# curves: success against scale, and the data behind the figure family of SCIENCE.md 1.5


@dataclass(frozen=True)
class ScaleSweep(Result):
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


def scale_sweep(chain: Chain, smap: Any, sizes: np.ndarray, steps: Sequence[int] | None = None) -> ScaleSweep:
    """P(N) = success of ``chain`` with its shared p replaced by p(N) = ``smap(N)`` (N in parameters).

    ``steps`` defaults to the chain's own k. Other settings (retries, correlation, attempts,
    vote) are kept.
    """
    sizes = np.asarray(sizes, dtype=float)
    if _needs_quadrature(chain) and sizes.size > MAX_QUADRATURE_SIZES:
        raise check.ParameterError("sizes", f"at most {MAX_QUADRATURE_SIZES} sizes when correlated attempts make every point "
                                            f"a quadrature, got {sizes.size:,}")
    ks = tuple(check.positive_int("steps", k, maximum=MAX_STEPS) for k in (steps or (chain.steps,)))
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
class CompoundCurves(Result):
    """Everything the H1 figure draws, computed here so that plotting only reads.

    - ``p_grid``, ``steps``, ``success_vs_p``: P against shared p for several k (panel a).
    - ``marks``: (name, p, P) points to mark; a heterogeneous task is marked at the shared p
      that gives the same success.
    - ``sweep``: P against N for the same k (panels b and c).
    - ``gain_steps``, ``success_by_k``: P for k = 1.. at the task's p (panel d without ``p_to``);
      ``relative_gain``, ``absolute_gain``, ``k_star``: the p -> p_to gain for the same k
      (panel d with ``p_to``; None without).
    - ``variants``: name -> P against ``p_grid`` for the task's k, independent steps (panel e):
      ``exact``, ``fraction``, ``prefix``, ``beta_<rho>``, ``pass_<M>``, ``vote_<M>`` (one wrong
      answer) and ``plurality_<M>_<N>`` (N wrong answers).
    - ``count_steps``, ``count_pmf``: P(C = j) for one attempt at the j drawn (panel f): every j
      up to k = 60, else at most 1001 j spread over the range holding the mass.
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
    count_steps: np.ndarray
    count_pmf: np.ndarray


FIGURE_STEPS = (1, 2, 3, 5, 10)
VARIANT_RHOS = (0.1, 0.3, 0.6)
VARIANT_M = 5
VARIANT_WRONG_ANSWERS = 10
BAR_STEPS = 60  # panel f draws bars up to this k, a line beyond
CURVE_POINTS = 1001  # most j drawn in panel f


def curves(chain: Chain, smap: Any, *, p_to: float | None = None, points: int = 201) -> CompoundCurves:
    """Compute the H1 figure family for ``chain`` (see :class:`CompoundCurves`).

    ``smap`` is the p(N) map for the scale panels (a :class:`emergence.scaling.ScaleMap`). When
    one evaluation needs a quadrature (attempts sharing a correlated item accuracy), panels a to
    d use k = 1 and the task's k only, 21 points in p, 21 sizes and k up to 10, to stay within
    seconds.
    """
    k = chain.steps
    quadrature = chain.correlated and chain.repeats > 1
    points = min(points, 21) if quadrature else points
    p_grid = np.linspace(0.0, 1.0, points)
    ks = tuple(sorted({1, k} if quadrature else set(FIGURE_STEPS) | {k}))
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
    sweep = scale_sweep(shared, smap, np.logspace(7, 13, 21 if quadrature else 121), ks)

    relative = absolute = None
    k_star = None
    p_from = marks[0][1]
    gain_steps = np.arange(1, (10 if quadrature else max(10, min(k, 50))) + 1)
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
        f"plurality_{VARIANT_M}_{VARIANT_WRONG_ANSWERS}": along(replace(base, vote=VARIANT_M,
                                                                         vote_wrong_answers=VARIANT_WRONG_ANSWERS)),
    }
    count_steps, count_pmf = _drawn_counts(count_distribution(chain))
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
        count_steps=count_steps,
        count_pmf=count_pmf,
    )


def _drawn_counts(pmf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (j, P(C = j)) panel f draws: all of them up to k = 60, else at most 1001 j over the
    range where P(C = j) is above 1e-12 of its largest value."""
    j = np.arange(pmf.size)
    if pmf.size <= BAR_STEPS + 1:
        return j, pmf.copy()
    held = np.flatnonzero(pmf >= pmf.max() * 1e-12)
    lo, hi = int(held[0]), int(held[-1])
    stride = max(1, math.ceil((hi - lo + 1) / CURVE_POINTS))
    chosen = np.arange(lo, hi + 1, stride)
    return chosen, pmf[chosen]
