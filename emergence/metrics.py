"""Hypothesis 2, metric choice: one smooth latent model, scored by several metrics.

The latent model is :func:`emergence.scaling.schaeffer` (Schaeffer, Miranda and Koyejo 2023,
section 2): the per-token cross-entropy falls as a power law of the model size N (parameters),

    L_CE(N) = (N / c) ** alpha      in nats (natural log), c > 0, alpha < 0,
    p(N)    = exp(-L_CE(N))         the probability that one token of the target is right.

Every metric below scores the *same* model, through p(N) only. With L target tokens, each right
independently with probability p (Schaeffer's own simplifying assumption):

===========================  ======================================  ======  ========================
metric (key)                 expected value                          better  shape in p
===========================  ======================================  ======  ========================
``exact_match``              p ** L                                  higher  nonlinear
``token_accuracy``           p                                       higher  linear
``token_edit_distance``      L (1 - p)                               lower   linear (substitutions)
``multiple_choice_grade``    P(the right option has the top logit)   higher  a step for each item
``brier_score``              E[sum_j (y_j - q_j) ** 2]               lower   continuous
``log_probability``          L ln p = -L L_CE(N)                     higher  linear in the loss
===========================  ======================================  ======  ========================

The edit distance counts substitutions only: a lower bound on the Levenshtein distance, which
would add insertions and deletions (Schaeffer, appendix A.2).

Multiple choice (our model, on the same latent). An item has K options. Every option's logit
gets its own item noise, iid N(0, sigma**2) (``sigma`` spreads item difficulty), and the right
option gets a margin mu(N) on top:

    right option: mu(N) + sigma e_1,    distractor j = 2..K: sigma e_j,    e_j iid N(0, 1),
    mu(N) = -ln(1 - p(N)):              without noise the right option is 1/(1 - p) times as
                                        likely as each distractor.

A model that knows nothing (p = 0) has mu = 0: all K options are alike and it scores chance.
As N grows, 1 - p ~ L_CE, so mu ~ |alpha| ln(N / c): linear in log N, the form
mu = beta log10(N / N_mc) of SCIENCE.md 2.2 with beta = |alpha| ln 10 per decade.

- Grade: an item scores 1 when the right option's logit is the largest. Given e_1 = t the right
  option wins with probability Phi(t + mu / sigma) ** (K - 1), so

      E[MCG] = integral of phi(t) Phi(t + mu / sigma) ** (K - 1) dt,

  1/K at mu = 0 (chance) and rising to 1. With sigma = 0 every item is the same: the grade is 1
  for any mu > 0 and, at mu = 0 (all K options tie), 1/K (ties broken uniformly at random).
- Brier score, summed over the K options (Du et al.'s convention), of the softmax probabilities
  q: (1 - q_1) ** 2 + sum_{j >= 2} q_j ** 2. Without noise it is K (K - 1) / (e**mu + K - 1) ** 2,
  (K - 1)/K for a uniform guess (0.75 for K = 4). Item noise makes an uninformed model slightly
  worse than a uniform guess (0.794 for K = 4, sigma = 0.5): its probabilities are confidently
  spread at random. E[Brier] is computed as explained in :func:`brier_score`.

**What changed (issue 7) and why.** The previous model put noise on the right option only and set
its margin so that its normalised probability was p(N) itself, mu = ln((K - 1) p / (1 - p)).
A small model then had a large negative margin and scored far *below* chance (grade 0.0004 and
Brier 1.17 at 125M parameters with K = 4, where a random guess scores 0.25 and 0.75), and the
grade was 1/2, not 1/K, where p = 1/K. Multiple choice cannot be worse than guessing for a model
that merely knows little: an uninformed model must score chance and rise from there. Noise on
every option keeps the distractors as uncertain as the right answer, and mu = -ln(1 - p) makes
"knows nothing" mean "all options equally likely". At the eight GPT-3 sizes (K = 4, sigma = 0.5)
the grade now rises from 0.282 to 0.9997 and the Brier score falls from 0.772 to 0.071.

Presets: ``ours`` (c = 1e9, alpha = -0.5) is illustrative, chosen by us so that a 5-token exact
match rises around 1e10-1e11 parameters as in the blog; Schaeffer et al. publish no constants.
``kaplan`` (c = 8.8e13, alpha = -0.076) is Kaplan et al. (2020, eq. 1.1) for non-embedding
parameters: its loss includes the irreducible entropy of text, so p stays near 0.1-0.25 and
nothing emerges.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from emergence import _validate as check
from emergence import resolution, scaling, sharpness
from emergence.resolution import Observation, SparseGrid
from emergence.results import Result
from emergence.scaling import GPT3_SIZES
from emergence.sharpness import Sharpness

__all__ = [
    "GPT3_SIZES", "METRICS", "ORIENTATION", "LatentModel", "MetricCurves", "MetricFigureData", "MetricReport",
    "Simulated", "Task", "analyse", "brier_score", "check_items", "choice_margin", "double_log", "exact_match",
    "exact_match_log10_size", "exact_match_max_slope", "exact_match_size", "exact_match_width", "expected",
    "figure_data", "latent_model", "log_probability", "max_items", "multiple_choice_grade", "simulate", "table_rows", "token_accuracy",
    "token_edit_distance",
]

METRICS = ("exact_match", "token_accuracy", "token_edit_distance", "multiple_choice_grade", "brier_score",
           "log_probability")
ORIENTATION = {
    "exact_match": "higher",
    "token_accuracy": "higher",
    "token_edit_distance": "lower",
    "multiple_choice_grade": "higher",
    "brier_score": "lower",
    "log_probability": "higher",
}
MAX_TOKENS = 10**6  # answer length L: far beyond any benchmark answer, small enough to simulate
MAX_OPTIONS = 1000  # K: multiple-choice benchmarks use 2 to a few dozen
MIN_SIGMA = 0.05  # a smaller spread differs from identical items (sigma = 0) by less than it costs to compute
MAX_SIGMA = 10.0  # logits spread over 20 nats either way: every item is a coin toss among the options
MAX_ITEMS = 10**8
MAX_DRAWS = 4 * 10**7  # random numbers one simulation may draw: items x sizes x (K + 1), a few seconds


@dataclass(frozen=True)
class LatentModel:
    """Per-token loss L_CE(N) = (N / c) ** alpha nats and p(N) = exp(-L_CE(N)): :func:`emergence.scaling.schaeffer`.

    Parameters
    ----------
    c : float, default 1e9
        Scale in parameters, in [1, 1e20].
    alpha : float, default -0.5
        Exponent in [-10, -0.01] (< 0: the loss falls with scale). Kaplan's alpha_N is -alpha.
    name : str, default "ours"
        Where the constants come from, for reports.
    """

    c: float = 1e9
    alpha: float = -0.5
    name: str = "ours"

    def __post_init__(self) -> None:
        object.__setattr__(self, "c", check.in_range("c", self.c, 1.0, 1e20))
        alpha = check.in_range("alpha", self.alpha, -math.inf, math.inf)
        if not alpha < 0.0:
            raise check.ParameterError("alpha", f"must be negative (the loss falls with scale), got {alpha:g}")
        if not -10.0 <= alpha <= -0.01:
            raise check.ParameterError("alpha", f"must be in [-10, -0.01] (Kaplan et al. fit -0.076), got {alpha:g}")
        object.__setattr__(self, "alpha", alpha)

    def cross_entropy(self, sizes) -> np.ndarray:
        """L_CE(N) = (N / c) ** alpha in nats (:func:`emergence.scaling.cross_entropy`); sizes N > 0."""
        return scaling.cross_entropy(sizes, self.c, self.alpha)

    def token_probability(self, sizes) -> np.ndarray:
        """p(N) = exp(-L_CE(N)) (:func:`emergence.scaling.schaeffer`): the chance that one target token is right."""
        return scaling.schaeffer(sizes, self.c, self.alpha)


PRESETS = {
    "ours": LatentModel(1e9, -0.5, "ours"),
    "kaplan": LatentModel(8.8e13, -0.076, "kaplan"),
}


def latent_model(preset: str = "ours", *, c: float | None = None, alpha: float | None = None) -> LatentModel:
    """A :class:`LatentModel` from a preset (``ours`` or ``kaplan``), with ``c``/``alpha`` overriding it.

    >>> latent_model("kaplan").alpha, latent_model(alpha=-1.0).c
    (-0.076, 1000000000.0)
    """
    if preset not in PRESETS:
        raise check.ParameterError("preset", f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    base = PRESETS[preset]
    if c is None and alpha is None:
        return base
    return LatentModel(base.c if c is None else c, base.alpha if alpha is None else alpha, "custom")


def _tokens(value: int) -> int:
    return check.positive_int("tokens", value, maximum=MAX_TOKENS)


def _options(value: int) -> int:
    return check.positive_int("options", value, minimum=2, maximum=MAX_OPTIONS)


def _sigma(value: float) -> float:
    sigma = check.in_range("sigma", value, -math.inf, math.inf)
    if not (sigma == 0.0 or MIN_SIGMA <= sigma <= MAX_SIGMA):
        raise check.ParameterError("sigma", f"must be 0 (identical items) or from {MIN_SIGMA:g} to {MAX_SIGMA:g} "
                                            f"(a standard deviation of logits), got {sigma:g}")
    return sigma


@dataclass(frozen=True)
class Task:
    """What is scored: an answer of ``tokens`` tokens, and a multiple-choice version of it.

    ``tokens`` L is from 1 to :data:`MAX_TOKENS`; ``options`` K from 2 to :data:`MAX_OPTIONS`;
    ``sigma`` is the standard deviation of every option's logit across items: 0 (all items alike,
    and the grade is a step) or from :data:`MIN_SIGMA` to :data:`MAX_SIGMA`.
    """

    tokens: int = 5
    options: int = 4
    sigma: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", _tokens(self.tokens))
        object.__setattr__(self, "options", _options(self.options))
        object.__setattr__(self, "sigma", _sigma(self.sigma))

    @property
    def chance(self) -> float:
        """1/K: the grade of a model that knows nothing."""
        return 1.0 / self.options

    @property
    def guess_brier(self) -> float:
        """(K - 1)/K: the Brier score of a uniform guess."""
        return (self.options - 1) / self.options


# --------------------------------------------------------------------------------------------
# expected values, as functions of the per-token probability p


def exact_match(p, tokens: int) -> np.ndarray:
    """p ** L, computed as exp(L ln p): all L tokens right (0 where it underflows)."""
    L = _tokens(tokens)
    with np.errstate(divide="ignore"):
        return np.exp(L * np.log(check.probability_array("p", p, "per-token probabilities")))


def token_accuracy(p) -> np.ndarray:
    """Expected fraction of the target's tokens that are right: p."""
    return check.probability_array("p", p, "per-token probabilities").copy()


def token_edit_distance(p, tokens: int) -> np.ndarray:
    """Expected substitution-only edit distance L (1 - p), in tokens, within [0, L]; lower is better."""
    L = _tokens(tokens)
    return L * (1.0 - check.probability_array("p", p, "per-token probabilities"))


def log_probability(p, tokens: int) -> np.ndarray:
    """ln P(target) = L ln p in nats (-inf where p = 0); equals -L L_CE(N) under the latent model."""
    L = _tokens(tokens)
    with np.errstate(divide="ignore"):
        return L * np.log(check.probability_array("p", p, "per-token probabilities"))


def choice_margin(loss) -> np.ndarray:
    """mu = -ln(1 - p) = -ln(1 - exp(-L_CE)): the right option's logit margin, from the per-token loss.

    0 for a model that knows nothing (L_CE = inf, p = 0), about |alpha| ln(N / c) for a large one;
    +inf where L_CE = 0 (p = 1). Computed without cancellation for any loss (log1p or expm1,
    whichever keeps the digits).
    """
    ce = np.asarray(loss, dtype=float)
    if np.any(np.isnan(ce)) or np.any(ce < 0):
        raise check.ParameterError("loss", "per-token losses must be 0 or more (nats)")
    with np.errstate(divide="ignore"):
        return np.where(ce > math.log(2.0), -np.log1p(-np.exp(-ce)), -np.log(-np.expm1(-ce)))


def _margins(margin) -> np.ndarray:
    mu = np.asarray(margin, dtype=float)
    if np.any(np.isnan(mu)) or np.any(mu < 0):
        raise check.ParameterError("margin", "margins must be 0 or more (0: the model knows nothing)")
    return mu


_erfc = np.frompyfunc(math.erfc, 1, 1)


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """Phi(x) = erfc(-x / sqrt 2) / 2, accurate in both tails (math.erfc, element by element: no scipy)."""
    return 0.5 * np.asarray(_erfc(-x / math.sqrt(2.0)), dtype=float)


GRADE_STEP = 0.1  # the grade's quadrature: a trapezoid sum with this step over 10 sd either side
_GRADE_POINTS = 202
_CERTAIN = 9.0  # Phi(x) = 1 to the last bit (and Phi ** 999 to 1e-16) for x >= 9


def multiple_choice_grade(margin, sigma: float, options: int) -> np.ndarray:
    """E[MCG] = integral of phi(t) Phi(t + mu / sigma) ** (K - 1) dt: the chance that the right option wins.

    Each of the K logits has item noise N(0, sigma**2) and the right one a margin mu >= 0 (see the
    module doc); given the right option's noise t, each distractor stays below it with probability
    Phi(t + mu / sigma). With s = t + mu / sigma the integral is a trapezoid sum over s = j * 0.1
    within 10 sd of mu / sigma, weights phi(s - mu / sigma) normalised to 1, so Phi is computed
    once per lattice point (math.erfc: no scipy) and is 1 from s = 9 on. For this smooth,
    Gaussian-weighted integrand the sum is accurate to about 1e-14 for K up to 1000 (Gauss-Hermite
    with 80 nodes is not: 1e-5 at K = 100). With sigma = 0 the grade is 1 where mu > 0 and 1/K
    (a random tie-break) where mu = 0.
    """
    k = _options(options)
    sigma = _sigma(sigma)
    mu = _margins(margin)
    if sigma == 0.0:
        return np.where(mu > 0, 1.0, 1.0 / k)
    finite = np.isfinite(mu)
    out = np.ones(mu.shape)  # an infinite margin always wins
    if finite.any():
        out[finite] = _grade_quadrature(mu[finite] / sigma, k)
    return out


def _grade_quadrature(shift: np.ndarray, k: int) -> np.ndarray:
    """The lattice sum of :func:`multiple_choice_grade` for finite shifts mu / sigma (a 1-d array)."""
    index = np.floor((shift - 10.0) / GRADE_STEP).astype(np.int64)[:, None] + np.arange(_GRADE_POINTS)
    lowest = int(index.min())  # at most -100: mu >= 0
    lattice = GRADE_STEP * np.arange(lowest, math.ceil(_CERTAIN / GRADE_STEP))  # where Phi < 1; then 1
    wins = np.append(_normal_cdf(lattice) ** (k - 1), 1.0)
    values = wins[np.minimum(index - lowest, lattice.size)]
    weights = np.exp(-0.5 * (GRADE_STEP * index - shift[:, None]) ** 2)
    return np.minimum(np.sum(weights * values, axis=1) / np.sum(weights, axis=1), 1.0)


def _identical_items_brier(mu: np.ndarray, k: int) -> np.ndarray:
    """K (K - 1) / (e**mu + K - 1) ** 2: the Brier score when no option has item noise."""
    with np.errstate(over="ignore"):
        miss = 1.0 / (1.0 + np.exp(mu) / (k - 1))  # 1 - q_1
    return miss * miss * k / (k - 1)


LATTICE_STEP = 0.3  # spacing in log space of the Brier quadrature (strip width pi/2: error about e**(-pi**2 / 0.3))


def brier_score(margin, sigma: float, options: int) -> np.ndarray:
    """E[(1 - q_1) ** 2 + sum_{j >= 2} q_j ** 2] over the item noise, q the softmax of the K logits.

    Logits as in the module doc: right option mu + sigma e_1, distractors sigma e_j, e iid N(0, 1).
    Summed over the K options: a uniform guess scores (K - 1)/K, certain and right 0; lower is
    better. With sigma = 0 this is K (K - 1) / (e**mu + K - 1) ** 2.

    How the expectation over K noisy logits is computed (no sampling). Write S_d for the sum of
    the distractors' exp-logits and y for the right option's logit. Then 1 - q_1 = S_d / S and
    1 / S**2 = integral of s e**(-s S) ds, so with u = ln s

        Brier = E_y[ integral of e**(2u) exp(-e**(u + y)) G(u) du ],
        G(u)  = (K - 1) (K - 2) B_0**(K - 3) B_1**2 + 2 (K - 1) B_0**(K - 2) B_2,
        B_r(u) = E[e**(r sigma e) exp(-e**(u + sigma e))]    (one distractor, e ~ N(0, 1)),

    because the distractors are independent: E[S_d**2 e**(-s S_d)] and E[sum_j e**(2 l_j) e**(-s S_d)]
    follow from derivatives of B_0**(K - 1). Every term is positive (no cancellation, so a tiny
    Brier score keeps its digits). u and y are put on one lattice of step h = min(0.3, sigma/2):
    the u-integral for every y is then one correlation of two vectors, and the y-expectation a
    Gaussian-weighted sum; the B_r are trapezoid sums over e. Each trapezoid sum is accurate to
    about 1e-13 relative for these smooth integrands; checked against Monte Carlo, against a
    one-dimensional integral for K = 2 (where q_1 is a logistic function of a normal difference)
    and against the closed form as sigma goes to 0.
    """
    k = _options(options)
    sigma = _sigma(sigma)
    mu = _margins(margin)
    if sigma == 0.0 or mu.size == 0:
        return _identical_items_brier(mu, k)
    finite = np.isfinite(mu)
    out = np.zeros(mu.shape)  # an infinite margin is certain and right: 0
    if finite.any():
        out[finite] = _brier_quadrature(mu[finite], sigma, k)
    return out


def _brier_quadrature(mu: np.ndarray, sigma: float, k: int) -> np.ndarray:
    """The lattice sums of :func:`brier_score` for finite margins ``mu`` (a 1-d array) and sigma > 0."""
    h = min(LATTICE_STEP, sigma / 2.0)
    reach = 2.0 * sigma**2 + 10.0 * sigma  # right logits kept: 10 sd either side, and the tilt of e**(-2y)
    ys = np.arange(math.floor((mu.min() - reach) / h), math.ceil((mu.max() + reach) / h) + 3)
    us = np.arange(math.floor((-ys[-1] * h - 30.0) / h), math.ceil((7.0 + 10.0 * sigma) / h) + 1)
    u = us * h

    # B_0, B_1, B_2 of one distractor on the u lattice: trapezoid sums over e in +-(10 + 2 sigma) sd
    hz = min(0.5, 0.3 / sigma)
    z = hz * np.arange(-math.ceil((10.0 + 2.0 * sigma) / hz), math.ceil((10.0 + 2.0 * sigma) / hz) + 1)
    log_w = -0.5 * z * z - math.log(np.sum(np.exp(-0.5 * z * z)))
    weights = np.exp(log_w[:, None] + np.outer(sigma * z, (0.0, 1.0, 2.0)))
    b = np.empty((u.size, 3))
    flat = u + sigma * z[-1] < -37.0  # exp(-e**(u + sigma e)) = 1 to the last bit for every e
    b[flat] = weights.sum(axis=0)
    rows = max(1, (1 << 20) // z.size)
    with np.errstate(over="ignore"):
        for start in range(int(flat.sum()), u.size, rows):
            b[start:start + rows] = np.exp(-np.exp(u[start:start + rows, None] + sigma * z)) @ weights
    b0, b1, b2 = b.T
    g = 2.0 * (k - 1) * b0 ** (k - 2) * b2
    if k > 2:
        g += (k - 1) * (k - 2) * b0 ** (k - 3) * b1**2
    a = h * np.exp(2.0 * u) * g

    # conditional Brier given the right logit y = j h: sum over u of a(u) exp(-e**(u + y)), where
    # exp(-e**(u + y)) is 1 (to 1e-16) below u + y = -37 (a prefix sum of a) and 0 above u + y = 6.7
    # (e**(-812)); in between, a correlation with that short stretch of the double exponential
    low, high = math.floor(-37.0 / h), math.ceil(6.7 / h)
    band = np.exp(-np.exp(h * np.arange(low, high + 1)))
    padded = np.zeros(ys.size + band.size - 1)  # a on u = (low - ys[-1]) h ... (high - ys[0]) h
    first_u = low - ys[-1]
    inside = (us >= first_u) & (us <= high - ys[0])
    padded[us[inside] - first_u] = a[inside]
    prefix = np.concatenate(([0.0], np.cumsum(a)))  # prefix[i] = sum of a[:i]
    below = np.clip(low - ys - us[0], 0, us.size)  # how many u lie below u + y = low h
    given_y = prefix[below] + np.correlate(padded, band, mode="valid")[::-1]

    # the right option's noise: Gaussian-weighted sum over the lattice points within reach of each mu
    width = math.floor(2.0 * reach / h) + 2
    first = np.floor((mu - reach) / h).astype(np.int64) - ys[0]
    out = np.empty(mu.size)
    chunk = max(1, (1 << 20) // width)
    for start in range(0, mu.size, chunk):
        index = first[start:start + chunk, None] + np.arange(width)
        w = np.exp(-0.5 * (((ys[0] + index) * h - mu[start:start + chunk, None]) / sigma) ** 2)
        out[start:start + chunk] = np.sum(w * given_y[index], axis=1) / np.sum(w, axis=1)
    return out


# --------------------------------------------------------------------------------------------
# closed forms of SCIENCE.md 2.1 for the exact match p(N) ** L


def _power10(x: float) -> float:
    """10 ** x, or inf beyond the largest float (never OverflowError)."""
    try:
        return 10.0**x
    except OverflowError:
        return math.inf


def exact_match_log10_size(model: LatentModel, tokens: int, level: float = 0.5) -> float:
    """log10 of the size N at which the exact match p(N) ** L equals ``level`` (in (0, 1)).

    L (N / c) ** alpha = -ln(level), so log10 N = log10 c + (log10(-ln level) - log10 L) / alpha:
    finite for every valid input, also where N itself is beyond the largest float.
    """
    L = _tokens(tokens)
    level = check.in_range("level", level, 0.0, 1.0)
    if level in (0.0, 1.0):
        raise check.ParameterError("level", "must lie strictly between 0 and 1")
    return math.log10(model.c) + (math.log10(-math.log(level)) - math.log10(L)) / model.alpha


def exact_match_size(model: LatentModel, tokens: int, level: float = 0.5) -> float:
    """The size N at which the exact match p(N) ** L equals ``level``: N = c (-ln(level) / L) ** (1 / alpha).

    N50 = c (L / ln 2) ** (1 / |alpha|) at level 1/2, N* = c L ** (1 / |alpha|) at level 1/e.
    inf where N is beyond the largest float (e.g. alpha = -0.01 and L = 1000: N50 = 10**325);
    :func:`exact_match_log10_size` gives its logarithm in every case.
    """
    return _power10(exact_match_log10_size(model, tokens, level))


def exact_match_width(model: LatentModel, low: float = 0.1, high: float = 0.9) -> float:
    """Decades of N (log10) for the exact match to rise from ``low`` to ``high``; the same for every L.

    ln(ln low / ln high) / (|alpha| ln 10): 2.68 decades for 10-90 % at alpha = -0.5.
    """
    if not check.in_range("low", low, 0.0, 1.0) < check.in_range("high", high, 0.0, 1.0):
        raise check.ParameterError("high", f"must be above low = {low:g}, got {high:g}")
    return exact_match_log10_size(model, 1, high) - exact_match_log10_size(model, 1, low)


def exact_match_max_slope(model: LatentModel) -> float:
    """The steepest rise of p(N) ** L per e-fold of N, |alpha| / e, whatever L is (per decade: times ln 10)."""
    return abs(model.alpha) / math.e


def double_log(model: LatentModel, sizes, tokens: int) -> np.ndarray:
    """ln(-ln p(N) ** L) = ln L + alpha (ln N - ln c): a straight line in ln N with slope alpha."""
    L = _tokens(tokens)
    return math.log(L) + np.log(model.cross_entropy(sizes))


# --------------------------------------------------------------------------------------------
# curves against model size


@dataclass(frozen=True)
class MetricCurves(Result):
    """Expected scores at each size (parameters) of the model and task they were computed for.

    ``scores`` maps each name of :data:`METRICS` to an array over ``sizes``; ``cross_entropy``
    is L_CE in nats, ``token_probability`` p(N) and ``margin`` the multiple-choice margin mu(N).
    """

    sizes: np.ndarray
    cross_entropy: np.ndarray
    token_probability: np.ndarray
    margin: np.ndarray
    scores: dict[str, np.ndarray]


def _sizes(sizes) -> np.ndarray:
    n = check.sizes("sizes", sizes)
    if n.ndim != 1 or n.size == 0:
        raise check.ParameterError("sizes", "needs a list of at least one model size")
    return n


def expected(model: LatentModel, task: Task, sizes) -> MetricCurves:
    """Closed-form (or quadrature) expected value of every metric of :data:`METRICS` at each model size."""
    n = _sizes(sizes)
    ce = model.cross_entropy(n)
    p = model.token_probability(n)
    margin = choice_margin(ce)
    scores = {
        "exact_match": np.exp(-task.tokens * ce),
        "token_accuracy": p,
        "token_edit_distance": token_edit_distance(p, task.tokens),
        "multiple_choice_grade": multiple_choice_grade(margin, task.sigma, task.options),
        "brier_score": brier_score(margin, task.sigma, task.options),
        "log_probability": -task.tokens * ce,
    }
    return MetricCurves(n, ce, p, margin, scores)


@dataclass(frozen=True)
class Simulated(Result):
    """Scores averaged over ``items`` simulated items at each size, for the metrics of :data:`METRICS`.

    ``exact_successes`` and ``choice_successes`` count the items fully right (exact match) and
    graded right (multiple choice). The log-probability of the target has no item-to-item noise
    in this model (every item has the same p), so it equals its expected value.
    """

    items: int
    sizes: np.ndarray
    scores: dict[str, np.ndarray]
    exact_successes: np.ndarray
    choice_successes: np.ndarray


def max_items(sizes: int, options: int) -> int:
    """The most items per size one simulation may draw: items x sizes x (K + 1) <= :data:`MAX_DRAWS`."""
    return max(1, min(MAX_ITEMS, MAX_DRAWS // (sizes * (options + 1))))


def check_items(items: int, sizes: int, options: int) -> int:
    """``items`` as an int, or ``ParameterError("items")`` beyond :func:`max_items` (refused before any work)."""
    items = check.positive_int("items", items)
    limit = max_items(sizes, options)
    if items > limit:
        raise check.ParameterError("items", f"must be at most {limit:,} for {sizes} sizes and K = {options} options "
                                            f"(items x sizes x (K + 1) <= {MAX_DRAWS:,} random numbers), got "
                                            f"{items if items.bit_length() < 64 else 'more'}")
    return items


def simulate(model: LatentModel, task: Task, sizes, items: int, rng: np.random.Generator | int | None = None, *,
             on_progress: Callable[[int], None] | None = None) -> Simulated:
    """Simulate ``items`` test items at each size and score them with every metric.

    Per item: the number of right tokens C ~ Binomial(L, p(N)) (L independent tokens), giving
    exact match 1[C = L], token accuracy C / L and edit distance L - C; and K logits, the right
    option's mu(N) + sigma e_1 and the distractors' sigma e_j, giving the grade (1 when the right
    option's logit is the largest; a tie at the top is broken uniformly at random) and the Brier
    score of their softmax. ``items`` is at most :func:`max_items` (about 4e7 random numbers,
    a few seconds). Items are drawn in chunks of about 2**20 numbers, so memory stays bounded;
    ``on_progress`` is called with the number of items done after each chunk. ``rng`` is passed
    to ``numpy.random.default_rng`` (a Generator, a seed, or None).
    """
    n = _sizes(sizes)
    L, k = task.tokens, task.options
    items = check_items(items, n.size, k)
    rng = np.random.default_rng(rng)
    ce = model.cross_entropy(n)
    p = model.token_probability(n)
    margin = choice_margin(ce)
    right_tokens = np.zeros(n.size)
    exact = np.zeros(n.size, dtype=np.int64)
    graded = np.zeros(n.size, dtype=np.int64)
    brier = np.zeros(n.size)
    chunk = max(1, (1 << 20) // k)
    for j in range(n.size):
        done = 0
        while done < items:
            size = min(chunk, items - done)
            right = rng.binomial(L, p[j], size)
            right_tokens[j] += right.sum()
            exact[j] += np.count_nonzero(right == L)
            logits = task.sigma * rng.standard_normal((size, k)) if task.sigma > 0 else np.zeros((size, k))
            logits[:, 0] += margin[j]
            top = logits.max(axis=1, keepdims=True)
            at_top = logits == top
            tied = at_top.sum(axis=1)
            wins = at_top[:, 0] & (tied == 1)
            shared = at_top[:, 0] & (tied > 1)
            graded[j] += np.count_nonzero(wins) + np.count_nonzero(rng.random(np.count_nonzero(shared)) < 1.0 / tied[shared])
            e = np.exp(logits - top)
            total = e.sum(axis=1)
            miss = e[:, 1:].sum(axis=1) / total  # 1 - q_1, without cancellation
            brier[j] += np.sum(miss**2 + np.sum((e[:, 1:] / total[:, None]) ** 2, axis=1))
            done += size
            if on_progress is not None:
                on_progress(size)
    token_acc = right_tokens / (items * L)
    scores = {
        "exact_match": exact / items,
        "token_accuracy": token_acc,
        "token_edit_distance": L * (1.0 - token_acc),
        "multiple_choice_grade": graded / items,
        "brier_score": brier / items,
        "log_probability": -L * ce,
    }
    return Simulated(items, n, scores, exact, graded)


# --------------------------------------------------------------------------------------------
# the whole analysis behind ``emergence metric``


SPARSE_COUNTS = (3, 4, 6, 8, 16, 31, 61)


@dataclass(frozen=True)
class MetricReport(Result):
    """Expected and simulated scores at the chosen sizes, how sudden each curve looks, and resolution.

    - ``expected`` / ``simulated``: every metric at the sizes, closed form and on the simulated items;
    - ``sharpness`` / ``simulated_sharpness``: metric name -> :class:`emergence.sharpness.Sharpness`,
      each metric in its own orientation (:data:`ORIENTATION`);
    - ``exact_match_observation``: the exact match read on the simulated items (rounded to 1/n,
      counted, with Clopper-Pearson intervals at its ``level``);
    - ``items_needed``: items needed to see one exact match with probability ``confidence``
      (inf where the exact match is 0 or the count is beyond the largest float);
    - ``zero_upper_bound``: the one-sided upper bound on a rate after 0 of n items right;
    - ``sparse``: the exact-match curve between the smallest and largest size, sampled at
      :data:`SPARSE_COUNTS` log-spaced sizes (the sparse-grid effect);
    - ``n50``: the size at which the exact match reaches 1/2 (inf beyond the largest float) and
      ``n50_log10`` its logarithm (always finite); ``width_decades``: its 10-90 % rise.

    ``to_dict()`` adds ``chance_grade`` (1/K) and ``guess_brier`` ((K - 1)/K).
    """

    model: LatentModel
    task: Task
    expected: MetricCurves
    simulated: Simulated
    sharpness: dict[str, Sharpness]
    simulated_sharpness: dict[str, Sharpness]
    exact_match_observation: Observation
    confidence: float
    items_needed: np.ndarray
    zero_upper_bound: float
    sparse: SparseGrid
    n50: float
    n50_log10: float
    width_decades: float

    @property
    def sizes(self) -> np.ndarray:
        """The model sizes, ascending."""
        return self.expected.sizes

    def extra(self) -> dict[str, Any]:
        return {"chance_grade": self.task.chance, "guess_brier": self.task.guess_brier}

    def caveats(self) -> list[tuple[str, str]]:
        """(which curve, why) for every number that is not finite, for the notes under the tables.

        ``which`` is a metric name, prefixed ``simulated `` for the simulated curves, or
        ``items_needed``; ``why`` is a :class:`emergence.sharpness.Sharpness` ``undefined``
        reason, ``underflow`` (an exact match below the smallest float, shown as 0: its
        natural log is ``log_probability``) or ``infinite``.
        """
        found = [(prefix + name, sharp[name].undefined)
                 for prefix, sharp in (("", self.sharpness), ("simulated ", self.simulated_sharpness))
                 for name in METRICS if sharp[name].undefined is not None]
        if np.any(self.expected.scores["exact_match"] == 0):
            found.append(("exact_match", "underflow"))
        if not np.all(np.isfinite(self.items_needed)):
            found.append(("items_needed", "infinite"))
        return [(which, str(why)) for which, why in found]


def analyse(model: LatentModel, task: Task, sizes, items: int, rng: np.random.Generator | int | None = None,
            *, level: float = 0.95, confidence: float = 0.95,
            on_progress: Callable[[int], None] | None = None) -> MetricReport:
    """Everything ``emergence metric`` reports (see :class:`MetricReport`); needs at least 2 sizes.

    ``on_progress`` is passed to :func:`simulate` (``items`` per size, ``len(sizes) * items`` in all).
    """
    n = _sizes(sizes)
    if n.size < 2:
        raise check.ParameterError("sizes", "needs at least 2 model sizes to tell how sudden a curve is")
    n = np.sort(n)
    check_items(items, n.size, task.options)
    level = check.in_range("level", level, 0.0, 1.0, closed_high=False)
    confidence = check.in_range("confidence", confidence, 0.0, 1.0, closed_high=False)
    exp_curves = expected(model, task, n)
    sim = simulate(model, task, n, items, rng, on_progress=on_progress)
    em = exp_curves.scores["exact_match"]
    dense = np.logspace(math.log10(n[0]), math.log10(n[-1]), max(SPARSE_COUNTS))
    n50_log10 = exact_match_log10_size(model, task.tokens, 0.5)
    return MetricReport(
        model=model,
        task=task,
        expected=exp_curves,
        simulated=sim,
        sharpness={m: sharpness.sharpness(n, exp_curves.scores[m], orientation=ORIENTATION[m]) for m in METRICS},
        simulated_sharpness={m: sharpness.sharpness(n, sim.scores[m], orientation=ORIENTATION[m]) for m in METRICS},
        exact_match_observation=resolution.from_counts(em, sim.exact_successes, sim.items, level=level),
        confidence=confidence,
        items_needed=resolution.items_needed(em, confidence),
        zero_upper_bound=resolution.zero_count_upper_bound(sim.items, level),
        sparse=resolution.sparse_grid(dense, np.exp(-task.tokens * model.cross_entropy(dense)), SPARSE_COUNTS,
                                      orientation="higher"),
        n50=_power10(n50_log10),
        n50_log10=n50_log10,
        width_decades=exact_match_width(model),
    )


TABLE_ROWS = 101  # sizes a terminal table shows; the JSON has them all


def table_rows(count: int, limit: int = TABLE_ROWS) -> np.ndarray:
    """Indices of the sizes a table of ``count`` sizes shows: all, or ``limit`` evenly spaced (ends kept)."""
    if count <= limit:
        return np.arange(count)
    return np.unique(np.round(np.linspace(0, count - 1, limit)).astype(int))


# --------------------------------------------------------------------------------------------
# the data behind the figures (SCIENCE.md 2.5)


FIGURE_LENGTHS = (1, 2, 3, 4, 5)
FIGURE_SIGMAS = (0.0, 0.5, 1.0, 2.0)
RESOLUTION_ITEMS = (10, 100, 1000, 10000)


@dataclass(frozen=True)
class MetricFigureData:
    """Everything the H2 figures draw, computed here so that plotting only reads.

    - ``report``: the :class:`MetricReport` (the table's sizes, its simulated items, sharpness);
    - ``grid`` and ``dense``: every metric on a dense log grid (100 sizes per decade);
    - ``lengths``, ``exact_by_length``, ``edit_by_length``, ``double_log_by_length``: exact match,
      edit distance and ln(-ln exact match) for several answer lengths L (H2a, H2b);
    - ``sigmas``, ``grade_by_sigma``, ``brier_by_sigma``: the multiple-choice metrics for several
      item spreads sigma (H2a, H2e);
    - ``observed_double_log``: ln(-ln x/n) of the simulated exact match where 0 < x < n (NaN
      elsewhere: a reading of 0 or 1 falls off the double-log axis);
    - ``items_rounded``: the exact match on ``grid`` rounded to multiples of 1/n, n the report's items;
    - ``resolution_sizes``, ``resolution``: the exact match read by n = :data:`RESOLUTION_ITEMS`
      items at 4 sizes per decade, and ``resolution_rounded``: the deterministic reading on ``grid``.
    """

    report: MetricReport
    grid: np.ndarray
    dense: MetricCurves
    lengths: tuple[int, ...]
    exact_by_length: np.ndarray
    edit_by_length: np.ndarray
    double_log_by_length: np.ndarray
    sigmas: tuple[float, ...]
    grade_by_sigma: np.ndarray
    brier_by_sigma: np.ndarray
    observed_double_log: np.ndarray
    items_rounded: np.ndarray
    resolution_sizes: np.ndarray
    resolution: tuple[Observation, ...]
    resolution_rounded: np.ndarray


def figure_data(report: MetricReport, rng: np.random.Generator | int | None = None) -> MetricFigureData:
    """Compute the H2 figure data around ``report`` (see :class:`MetricFigureData`).

    The grid spans 1e7 to 1e13 parameters, widened to include every size of the report.
    ``rng`` draws the binomial readings of the resolution panel.
    """
    rng = np.random.default_rng(rng)
    model, task = report.model, report.task
    low = min(7.0, math.floor(math.log10(report.sizes[0])))
    high = max(13.0, math.ceil(math.log10(report.sizes[-1])))
    grid = np.logspace(low, high, int(round(100 * (high - low))) + 1)
    dense = expected(model, task, grid)
    lengths = tuple(sorted(set(FIGURE_LENGTHS) | {task.tokens}))
    p = dense.token_probability
    sigmas = tuple(sorted(set(FIGURE_SIGMAS) | {task.sigma}))
    obs = report.exact_match_observation
    inside = (obs.successes > 0) & (obs.successes < obs.items)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed_double_log = np.where(inside, np.log(-np.log(obs.observed)), np.nan)
    res_sizes = np.logspace(low, high, int(round(4 * (high - low))) + 1)
    res_true = np.exp(-task.tokens * model.cross_entropy(res_sizes))
    return MetricFigureData(
        report=report,
        grid=grid,
        dense=dense,
        lengths=lengths,
        exact_by_length=np.array([exact_match(p, L) for L in lengths]),
        edit_by_length=np.array([token_edit_distance(p, L) for L in lengths]),
        double_log_by_length=np.array([double_log(model, grid, L) for L in lengths]),
        sigmas=sigmas,
        grade_by_sigma=np.array([dense.scores["multiple_choice_grade"] if s == task.sigma
                                 else multiple_choice_grade(dense.margin, s, task.options) for s in sigmas]),
        brier_by_sigma=np.array([dense.scores["brier_score"] if s == task.sigma
                                 else brier_score(dense.margin, s, task.options) for s in sigmas]),
        observed_double_log=observed_double_log,
        items_rounded=resolution.round_to_resolution(dense.scores["exact_match"], obs.items),
        resolution_sizes=res_sizes,
        resolution=tuple(resolution.observe(res_true, n, rng) for n in RESOLUTION_ITEMS),
        resolution_rounded=np.array([resolution.round_to_resolution(dense.scores["exact_match"], n)
                                     for n in RESOLUTION_ITEMS]),
    )
