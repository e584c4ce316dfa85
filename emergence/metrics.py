"""Hypothesis 2, metric choice: one smooth latent model, scored by several metrics.

The latent model (Schaeffer, Miranda and Koyejo 2023, section 2): the per-token cross-entropy
falls as a power law of the model size N (parameters),

    L_CE(N) = (N / c) ** alpha      in nats (natural log), c > 0, alpha < 0,
    p(N)    = exp(-L_CE(N))         the probability that one token of the target is right.

Every metric below scores the *same* model, through p(N) only. With L target tokens, each right
independently with probability p (Schaeffer's own simplifying assumption):

===========================  ==============================  ======  ===========================
metric (key)                 expected value                  better  shape in p
===========================  ==============================  ======  ===========================
``exact_match``              p ** L                          higher  nonlinear
``token_accuracy``           p                               higher  linear
``token_edit_distance``      L (1 - p)                       lower   linear (substitutions only)
``multiple_choice_grade``    Phi(mu / sigma)                 higher  a step for each item
``brier_score``              E[(1 - q) ** 2 K / (K - 1)]     lower   continuous
``log_probability``          L ln p = -L L_CE(N)             higher  linear in the loss
===========================  ==============================  ======  ===========================

The edit distance counts substitutions only: a lower bound on the Levenshtein distance, which
would add insertions and deletions (Schaeffer, appendix A.2).

Multiple choice (our model, on the same latent): an item has K options; the distractors' logits
are 0 and the right option's is mu_i = mu(N) + sigma eps_i, eps_i ~ N(0, 1) (``sigma`` spreads
the item difficulty). mu(N) = ln((K - 1) p / (1 - p)) is the margin at which the right option
gets probability q = e**mu / (e**mu + K - 1) = p(N) after normalising over the K options. For
large N, 1 - p ~ L_CE, so mu ~ ln(K - 1) + |alpha| ln(N / c): linear in log N, the form
mu = beta log10(N / N_mc) of SCIENCE.md 2.2 with beta = |alpha| ln 10 per decade.

- Grade: an item scores 1 when the right option has the most probability, so
  E[MCG] = Phi(mu / sigma); with sigma = 0 it is the step 1[mu > 0]. **Ties** (mu_i = 0 exactly,
  all K options equally likely) are broken uniformly at random: a tie scores 1/K in
  expectation, and 1 with probability 1/K in a simulation.
- Brier score, summed over the K options (Du et al.'s convention): with equal distractors it is
  (1 - q) ** 2 K / (K - 1); a random guess (q = 1/K) scores (K - 1)/K (0.75 for K = 4).
  E[Brier] over the items is taken by Gauss-Hermite quadrature.

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

import numpy as np

from emergence import _validate as check
from emergence import resolution, sharpness
from emergence.scaling import GPT3_SIZES, cross_entropy  # noqa: F401  (GPT3_SIZES re-exported)

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
QUADRATURE_NODES = 80


@dataclass(frozen=True)
class LatentModel:
    """Per-token loss L_CE(N) = (N / c) ** alpha nats and p(N) = exp(-L_CE(N)).

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
        """L_CE(N) = (N / c) ** alpha in nats; sizes N in parameters (> 0)."""
        return cross_entropy(sizes, self.c, self.alpha)

    def token_probability(self, sizes) -> np.ndarray:
        """p(N) = exp(-L_CE(N)), the chance that one target token is right."""
        return np.exp(-self.cross_entropy(sizes))


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


@dataclass(frozen=True)
class Task:
    """What is scored: an answer of ``tokens`` tokens, and a multiple-choice version of it.

    ``options`` is the number of choices K >= 2; ``sigma`` >= 0 spreads the right option's logit
    margin across items (0: all items alike, and the grade is a step).
    """

    tokens: int = 5
    options: int = 4
    sigma: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", check.positive_int("tokens", self.tokens))
        object.__setattr__(self, "options", check.positive_int("options", self.options, minimum=2))
        sigma = check.in_range("sigma", self.sigma, -math.inf, math.inf)
        if sigma < 0.0:
            raise check.ParameterError("sigma", f"must be 0 or more (a standard deviation), got {sigma:g}")
        object.__setattr__(self, "sigma", sigma)


# --------------------------------------------------------------------------------------------
# expected values, as functions of the per-token probability p



def exact_match(p, tokens: int) -> np.ndarray:
    """p ** L, computed as exp(L ln p): all L tokens right (0 where it underflows)."""
    L = check.positive_int("tokens", tokens)
    with np.errstate(divide="ignore"):
        return np.exp(L * np.log(check.probability_array("p", p, "per-token probabilities")))


def token_accuracy(p) -> np.ndarray:
    """Expected fraction of the target's tokens that are right: p."""
    return check.probability_array("p", p, "per-token probabilities").copy()


def token_edit_distance(p, tokens: int) -> np.ndarray:
    """Expected substitution-only edit distance L (1 - p), in tokens, within [0, L]; lower is better."""
    L = check.positive_int("tokens", tokens)
    return L * (1.0 - check.probability_array("p", p, "per-token probabilities"))


def log_probability(p, tokens: int) -> np.ndarray:
    """ln P(target) = L ln p in nats (-inf where p = 0); equals -L L_CE(N) under the latent model."""
    L = check.positive_int("tokens", tokens)
    with np.errstate(divide="ignore"):
        return L * np.log(check.probability_array("p", p, "per-token probabilities"))


def choice_margin(p, options: int) -> np.ndarray:
    """mu = ln((K - 1) p / (1 - p)): the right option's logit over the (equal) distractors'.

    With this margin the right option's probability over the K options is q = p; mu = 0 at
    p = 1/K. -inf where p = 0, +inf where p = 1.
    """
    k = check.positive_int("options", options, minimum=2)
    p = check.probability_array("p", p, "per-token probabilities")
    with np.errstate(divide="ignore"):
        return math.log(k - 1) + np.log(p) - np.log1p(-p)


def multiple_choice_grade(margin, sigma: float, options: int) -> np.ndarray:
    """E[MCG] over items with margins mu + sigma eps: Phi(mu / sigma).

    With sigma = 0 this is the step 1[mu > 0], and a tie (mu = 0) scores 1/K (random tie-break).
    """
    k = check.positive_int("options", options, minimum=2)
    sigma = check.in_range("sigma", sigma, 0.0, math.inf)
    mu = np.asarray(margin, dtype=float)
    if sigma == 0.0:
        return np.where(mu > 0, 1.0, np.where(mu == 0, 1.0 / k, 0.0))
    from scipy.special import ndtr

    with np.errstate(over="ignore"):  # a tiny sigma sends mu / sigma to +-inf: a step, as it should
        return ndtr(mu / sigma)


def _item_brier(mu: np.ndarray, k: int) -> np.ndarray:
    """(1 - q) ** 2 K / (K - 1) with 1 - q = 1 / (1 + e**mu / (K - 1))."""
    with np.errstate(over="ignore"):
        miss = 1.0 / (1.0 + np.exp(mu - math.log(k - 1)))
    return miss * miss * k / (k - 1)


def brier_score(margin, sigma: float, options: int, *, nodes: int = QUADRATURE_NODES) -> np.ndarray:
    """E[(1 - q_i) ** 2 K / (K - 1)] over items with margins mu_i = mu + sigma eps_i, eps_i ~ N(0, 1).

    Summed over the K options (random guess: (K - 1)/K; certain and right: 0; lower is better).
    The expectation is a Gauss-Hermite sum with ``nodes`` nodes (probabilists' weight e**(-x**2/2)).
    """
    k = check.positive_int("options", options, minimum=2)
    sigma = check.in_range("sigma", sigma, 0.0, math.inf)
    mu = np.asarray(margin, dtype=float)
    if sigma == 0.0:
        return _item_brier(mu, k)
    x, w = np.polynomial.hermite_e.hermegauss(nodes)
    return _item_brier(mu[..., None] + sigma * x, k) @ (w / w.sum())


# --------------------------------------------------------------------------------------------
# closed forms of SCIENCE.md 2.1 for the exact match p(N) ** L


def exact_match_size(model: LatentModel, tokens: int, level: float = 0.5) -> float:
    """The size N at which the exact match p(N) ** L equals ``level`` (in (0, 1)).

    L (N / c) ** alpha = -ln(level), so N = c (-ln(level) / L) ** (1 / alpha):
    N50 = c (L / ln 2) ** (1 / |alpha|) at level 1/2, N* = c L ** (1 / |alpha|) at level 1/e.
    """
    L = check.positive_int("tokens", tokens)
    level = check.in_range("level", level, 0.0, 1.0)
    if level in (0.0, 1.0):
        raise check.ParameterError("level", "must lie strictly between 0 and 1")
    return model.c * (-math.log(level) / L) ** (1.0 / model.alpha)


def exact_match_width(model: LatentModel, low: float = 0.1, high: float = 0.9) -> float:
    """Decades of N (log10) for the exact match to rise from ``low`` to ``high``; the same for every L.

    ln(ln low / ln high) / (|alpha| ln 10): 2.68 decades for 10-90 % at alpha = -0.5.
    """
    return math.log10(exact_match_size(model, 1, high) / exact_match_size(model, 1, low))


def exact_match_max_slope(model: LatentModel) -> float:
    """The steepest rise of p(N) ** L per e-fold of N, |alpha| / e, whatever L is (per decade: times ln 10)."""
    return abs(model.alpha) / math.e


def double_log(model: LatentModel, sizes, tokens: int) -> np.ndarray:
    """ln(-ln p(N) ** L) = ln L + alpha (ln N - ln c): a straight line in ln N with slope alpha."""
    L = check.positive_int("tokens", tokens)
    return math.log(L) + np.log(model.cross_entropy(sizes))


# --------------------------------------------------------------------------------------------
# curves against model size


@dataclass(frozen=True)
class MetricCurves:
    """Expected scores of ``task`` under ``model`` at each size (parameters).

    ``scores`` maps each name of :data:`METRICS` to an array over ``sizes``;
    ``cross_entropy`` is L_CE in nats and ``token_probability`` is p(N).
    """

    model: LatentModel
    task: Task
    sizes: np.ndarray
    cross_entropy: np.ndarray
    token_probability: np.ndarray
    scores: dict[str, np.ndarray]


def _sizes(sizes) -> np.ndarray:
    n = check.sizes("sizes", sizes)
    if n.ndim != 1 or n.size == 0:
        raise check.ParameterError("sizes", "needs a list of at least one model size")
    return n


def expected(model: LatentModel, task: Task, sizes) -> MetricCurves:
    """Closed-form expected value of every metric of :data:`METRICS` at each model size."""
    n = _sizes(sizes)
    ce = model.cross_entropy(n)
    p = np.exp(-ce)
    margin = choice_margin(p, task.options)
    scores = {
        "exact_match": np.exp(-task.tokens * ce),
        "token_accuracy": p,
        "token_edit_distance": token_edit_distance(p, task.tokens),
        "multiple_choice_grade": multiple_choice_grade(margin, task.sigma, task.options),
        "brier_score": brier_score(margin, task.sigma, task.options),
        "log_probability": -task.tokens * ce,
    }
    return MetricCurves(model, task, n, ce, p, scores)


@dataclass(frozen=True)
class Simulated:
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


SIMULATION_CHUNK = 1 << 18


def simulate(model: LatentModel, task: Task, sizes, items: int, rng: np.random.Generator | int | None = None, *,
             chunk: int = SIMULATION_CHUNK, on_progress: Callable[[int], None] | None = None) -> Simulated:
    """Simulate ``items`` test items at each size and score them with every metric.

    Per item: the number of right tokens C ~ Binomial(L, p(N)) (L independent tokens), giving
    exact match 1[C = L], token accuracy C / L and edit distance L - C; the right option's margin
    mu_i = mu(N) + sigma eps_i, giving the grade 1[mu_i > 0] (ties broken at random) and the
    Brier score (1 - q_i) ** 2 K / (K - 1). Items are drawn in chunks of at most ``chunk``, so
    memory stays bounded; ``on_progress`` is called with the number of items done after each
    chunk. ``rng`` is passed to ``numpy.random.default_rng`` (a Generator, a seed, or None).
    """
    n = _sizes(sizes)
    items = check.positive_int("items", items)
    rng = np.random.default_rng(rng)
    L, k = task.tokens, task.options
    ce = model.cross_entropy(n)
    p = np.exp(-ce)
    margin = choice_margin(p, k)
    right_tokens = np.zeros(n.size)
    exact = np.zeros(n.size, dtype=np.int64)
    graded = np.zeros(n.size, dtype=np.int64)
    brier = np.zeros(n.size)
    for j in range(n.size):
        done = 0
        while done < items:
            size = min(chunk, items - done)
            right = rng.binomial(L, p[j], size)
            right_tokens[j] += right.sum()
            exact[j] += np.count_nonzero(right == L)
            mu = margin[j] + task.sigma * rng.standard_normal(size) if task.sigma > 0 else np.full(size, margin[j])
            ties = mu == 0
            graded[j] += np.count_nonzero(mu > 0) + np.count_nonzero(rng.random(np.count_nonzero(ties)) < 1.0 / k)
            brier[j] += _item_brier(mu, k).sum()
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
class MetricReport:
    """Expected and simulated scores at the chosen sizes, how sudden each curve looks, and resolution.

    - ``expected`` / ``simulated``: every metric at ``sizes``, closed form and on ``items`` items;
    - ``sharpness`` / ``simulated_sharpness``: metric name -> :class:`emergence.sharpness.Sharpness`,
      each metric in its own orientation (:data:`ORIENTATION`);
    - ``exact_match_observation``: the exact match read on the simulated items (rounded to 1/n,
      counted, with Clopper-Pearson intervals at ``level``);
    - ``items_needed``: items needed to see one exact match with probability ``confidence``;
    - ``zero_upper_bound``: the one-sided upper bound on a rate after 0 of n items right;
    - ``sparse``: the exact-match curve between the smallest and largest size, sampled at
      :data:`SPARSE_COUNTS` log-spaced sizes (the sparse-grid effect);
    - ``n50``: the size at which the exact match reaches 1/2; ``width_decades``: its 10-90 % rise.
    """

    model: LatentModel
    task: Task
    sizes: np.ndarray
    expected: MetricCurves
    simulated: Simulated
    sharpness: dict[str, sharpness.Sharpness]
    simulated_sharpness: dict[str, sharpness.Sharpness]
    exact_match_observation: resolution.Observation
    confidence: float
    items_needed: np.ndarray
    zero_upper_bound: float
    sparse: resolution.SparseGrid
    n50: float
    width_decades: float


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
    exp_curves = expected(model, task, n)
    sim = simulate(model, task, n, items, rng, on_progress=on_progress)
    em = exp_curves.scores["exact_match"]
    dense = np.logspace(math.log10(n[0]), math.log10(n[-1]), max(SPARSE_COUNTS))
    return MetricReport(
        model=model,
        task=task,
        sizes=n,
        expected=exp_curves,
        simulated=sim,
        sharpness={m: sharpness.sharpness(n, exp_curves.scores[m], orientation=ORIENTATION[m]) for m in METRICS},
        simulated_sharpness={m: sharpness.sharpness(n, sim.scores[m], orientation=ORIENTATION[m]) for m in METRICS},
        exact_match_observation=resolution.from_counts(em, sim.exact_successes, sim.items, level=level),
        confidence=confidence,
        items_needed=resolution.items_needed(em, confidence),
        zero_upper_bound=resolution.zero_count_upper_bound(sim.items, level),
        sparse=resolution.sparse_grid(dense, expected(model, task, dense).scores["exact_match"], SPARSE_COUNTS,
                                      orientation="higher"),
        n50=exact_match_size(model, task.tokens, 0.5),
        width_decades=exact_match_width(model),
    )


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
    resolution: tuple[resolution.Observation, ...]
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
    margin = choice_margin(p, task.options)
    sigmas = tuple(sorted(set(FIGURE_SIGMAS) | {task.sigma}))
    obs = report.exact_match_observation
    inside = (obs.successes > 0) & (obs.successes < obs.items)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed_double_log = np.where(inside, np.log(-np.log(obs.observed)), np.nan)
    res_sizes = np.logspace(low, high, int(round(4 * (high - low))) + 1)
    res_true = expected(model, task, res_sizes).scores["exact_match"]
    return MetricFigureData(
        report=report,
        grid=grid,
        dense=dense,
        lengths=lengths,
        exact_by_length=np.array([exact_match(p, L) for L in lengths]),
        edit_by_length=np.array([token_edit_distance(p, L) for L in lengths]),
        double_log_by_length=np.array([double_log(model, grid, L) for L in lengths]),
        sigmas=sigmas,
        grade_by_sigma=np.array([multiple_choice_grade(margin, s, task.options) for s in sigmas]),
        brier_by_sigma=np.array([brier_score(margin, s, task.options) for s in sigmas]),
        observed_double_log=observed_double_log,
        items_rounded=resolution.round_to_resolution(dense.scores["exact_match"], obs.items),
        resolution_sizes=res_sizes,
        resolution=tuple(resolution.observe(res_true, n, rng) for n in RESOLUTION_ITEMS),
        resolution_rounded=np.array([resolution.round_to_resolution(dense.scores["exact_match"], n)
                                     for n in RESOLUTION_ITEMS]),
    )
