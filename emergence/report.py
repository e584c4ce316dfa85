"""The numbers behind the report page's sliders, computed by the toolkit's own models on a grid.

``emergence report`` writes a page whose sliders only *select* arrays computed here and draw them;
the page's script does no modelling. Each hypothesis gets one frozen result, and
:func:`sliders` computes all three:

- :class:`CompoundSliders` (hypothesis 1, :mod:`emergence.compound`): the per-step accuracy p(N)
  rises smoothly with model size N (:func:`emergence.scaling.logistic_log` with its defaults, so
  p(1e10) = 0.4 and p(1e11) = 0.6, the blog's two accuracies). For each number of steps k on the
  slider: the exact match P(N) = p(N)^k (every step right) and the partial credit, the expected
  fraction of steps right, which is p(N) whatever k. The p slider marks one model: the size where
  p(N) = p, and P = p^k there. The x axis is model size, not p, because that is the axis on which
  emergence is claimed: a smooth p(N) against log N turns into an exact match that stays near 0
  and then shoots up, later and more steeply as k grows, while the partial credit stays smooth.
- :class:`MetricSliders` (hypothesis 2, :mod:`emergence.metrics`, :mod:`emergence.resolution`):
  one latent model (``ours``: per-token p(N) = exp(-(N / 1e9)^-0.5)) and an answer of 5 tokens,
  scored by exact match (all 5 right) and by partial credit (the fraction of tokens right) on the
  same simulated outputs, with a test set of n items for each n on the slider, and the expected
  value of both metrics. A finite test set reads rates only in steps of 1/n: exact match reads 0
  until p^5 is near 1/n. The simulation draws random numbers; ``seed`` fixes them. Each n draws
  from a fresh ``numpy.random.default_rng(seed)`` exactly as ``emergence metric --items n
  --sizes 1e8:1e13:21 --seed SEED`` does, so that command prints the same simulated scores.
- :class:`ThresholdSliders` (hypothesis 3, :mod:`emergence.thresholds.observers`): a smooth
  quality q(N) (the same logistic map) and an observer who calls the capability present when
  q(N) >= tau; for each tau on the slider, the observer's step 1[q >= tau], the size N* where it
  appears and how fast N* moves with tau near it.

Grids are fixed by the constants below, so the page has the same numbers for every class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from emergence import compound, metrics, resolution
from emergence.results import Result
from emergence.scaling import ScaleMap, scale_map
from emergence.thresholds import observers

DEFAULT_SEED = 0  # as emergence.cli._common.DEFAULT_SEED and emergence.tour.DEFAULT_SEED: the same numbers for the whole class

# hypothesis 1
H1_LOG10_RANGE = (7.0, 14.0)
H1_POINTS = 141  # 20 points per decade
H1_STEPS = tuple(range(1, 13))
H1_START_STEPS = 5
H1_P_PERCENT = tuple(range(10, 95, 5))  # the p slider, in percent: 10 % to 90 %
H1_START_P_PERCENT = 40

# hypothesis 2
H2_LOG10_RANGE = (8.0, 13.0)
H2_POINTS = 101
H2_MODELS = 21  # model sizes "measured" with a test set: a quarter decade apart
H2_TOKENS = 5
H2_ITEMS = (10, 20, 50, 100, 200, 500, 1000, 5000, 10000)
H2_START_ITEMS = 100
H2_SIZES_OPTION = "1e8:1e13:21"  # the same sizes on the command line (emergence metric --sizes)

# hypothesis 3
H3_LOG10_RANGE = (7.0, 14.0)
H3_POINTS = 141
H3_TAU_PERCENT = tuple(range(10, 95, 5))
H3_START_TAU_PERCENT = 50


def _log10_grid(bounds: tuple[float, float], points: int) -> np.ndarray:
    return np.linspace(bounds[0], bounds[1], points)


@dataclass(frozen=True)
class CompoundSliders(Result):
    """Hypothesis 1 on a grid: p(N), P = p(N)^k for each k, and the p slider's marks.

    - ``scale``: the p(N) map; ``log10_sizes``: the x axis, log10 N; ``p``: p(N) there.
    - ``steps``: the k slider's values; ``exact[i, j]``: P(all ``steps[i]`` steps right) at
      ``log10_sizes[j]`` (:func:`emergence.compound.scale_sweep`); ``partial[j]``: the expected
      fraction of steps right (:func:`emergence.compound.fraction_correct`), the same for every k.
    - ``p_values``: the p slider's values; ``p_log10_sizes[m]``: log10 of the size where
      p(N) = ``p_values[m]``; ``p_exact[i, m]`` = ``p_values[m]`` ** ``steps[i]`` and
      ``p_partial[m]`` its partial credit, both from :mod:`emergence.compound`.
    """

    scale: ScaleMap
    log10_sizes: np.ndarray
    p: np.ndarray
    steps: tuple[int, ...]
    exact: np.ndarray
    partial: np.ndarray
    p_values: np.ndarray
    p_log10_sizes: np.ndarray
    p_exact: np.ndarray
    p_partial: np.ndarray


def compound_sliders() -> CompoundSliders:
    """Compute :class:`CompoundSliders` on the fixed grids of this module."""
    smap = scale_map("logistic_log")
    x = _log10_grid(H1_LOG10_RANGE, H1_POINTS)
    sweep = compound.scale_sweep(compound.chain(0.5, 1), smap, 10.0**x, steps=H1_STEPS)
    partial = np.array([compound.fraction_correct(compound.chain(float(p), H1_START_STEPS)) for p in sweep.p])
    p_values = np.array(H1_P_PERCENT, dtype=float) / 100.0
    p_sizes = np.array([observers.emergence_point(smap, float(p)).at for p in p_values])
    p_exact = np.array([[compound.success(compound.chain(float(p), k)) for p in p_values] for k in H1_STEPS])
    p_partial = np.array([compound.fraction_correct(compound.chain(float(p), H1_START_STEPS)) for p in p_values])
    return CompoundSliders(
        scale=smap,
        log10_sizes=x,
        p=sweep.p,
        steps=H1_STEPS,
        exact=sweep.success,
        partial=partial,
        p_values=p_values,
        p_log10_sizes=np.log10(p_sizes),
        p_exact=p_exact,
        p_partial=p_partial,
    )


@dataclass(frozen=True)
class MetricSliders(Result):
    """Hypothesis 2 on a grid: two metrics of one model, expected and read by n test items.

    - ``model``, ``tokens``: the latent model and the answer length L.
    - ``log10_sizes``: a dense x axis; ``expected_exact`` = p(N)^L and ``expected_partial`` = p(N)
      there (:func:`emergence.metrics.expected`).
    - ``model_log10_sizes``: the models tested; ``items``: the n slider's values;
      ``observed_exact[i, j]`` / ``observed_partial[i, j]``: the exact match and the fraction of
      tokens right of model j on ``items[i]`` simulated items, both from the same simulated
      answers (:func:`emergence.metrics.simulate`).
    - ``floors[i]`` = 1/n, the smallest non-zero reading; ``zero_bounds[i]``: the 95 % upper
      bound on a rate read as 0 of n (:func:`emergence.resolution.zero_count_upper_bound`);
      ``partial_floors[i]`` = 1/(L n), the step of the partial credit (n items of L tokens);
      ``exact_zeros[i]`` / ``partial_zeros[i]``: how many models read exactly 0.
    - ``seed``: the seed of the simulated items.
    """

    model: metrics.LatentModel
    tokens: int
    log10_sizes: np.ndarray
    expected_exact: np.ndarray
    expected_partial: np.ndarray
    model_log10_sizes: np.ndarray
    items: tuple[int, ...]
    observed_exact: np.ndarray
    observed_partial: np.ndarray
    floors: np.ndarray
    zero_bounds: np.ndarray
    partial_floors: np.ndarray
    exact_zeros: np.ndarray
    partial_zeros: np.ndarray
    seed: int


def metric_sliders(seed: int = DEFAULT_SEED) -> MetricSliders:
    """Compute :class:`MetricSliders`: expected curves and one simulated test set per n, each drawn from a fresh
    ``default_rng(seed)`` on the sizes ``np.logspace(8, 13, 21)``, as ``emergence metric`` draws them."""
    model = metrics.latent_model("ours")
    task = metrics.Task(tokens=H2_TOKENS)
    x = _log10_grid(H2_LOG10_RANGE, H2_POINTS)
    curves = metrics.expected(model, task, 10.0**x)
    models = _log10_grid(H2_LOG10_RANGE, H2_MODELS)
    sizes = np.logspace(H2_LOG10_RANGE[0], H2_LOG10_RANGE[1], H2_MODELS)  # as the command line's --sizes 1e8:1e13:21
    true_exact = metrics.expected(model, task, sizes).scores["exact_match"]
    exact, partial, floors, bounds = [], [], [], []
    for n in H2_ITEMS:
        sim = metrics.simulate(model, task, sizes, n, np.random.default_rng(seed))
        seen = resolution.from_counts(true_exact, sim.exact_successes, n)
        exact.append(seen.observed)
        partial.append(sim.scores["token_accuracy"])
        floors.append(seen.floor)
        bounds.append(resolution.zero_count_upper_bound(n))
    observed_exact, observed_partial = np.array(exact), np.array(partial)
    return MetricSliders(
        model=model,
        tokens=task.tokens,
        log10_sizes=x,
        expected_exact=curves.scores["exact_match"],
        expected_partial=curves.scores["token_accuracy"],
        model_log10_sizes=models,
        items=H2_ITEMS,
        observed_exact=observed_exact,
        observed_partial=observed_partial,
        floors=np.array(floors),
        zero_bounds=np.array(bounds),
        partial_floors=1.0 / (task.tokens * np.array(H2_ITEMS, dtype=float)),
        exact_zeros=np.count_nonzero(observed_exact == 0.0, axis=1),
        partial_zeros=np.count_nonzero(observed_partial == 0.0, axis=1),
        seed=seed,
    )


@dataclass(frozen=True)
class ThresholdSliders(Result):
    """Hypothesis 3 on a grid: a smooth quality, an observer's threshold and where it "emerges".

    - ``scale``: the quality map q(N); ``log10_sizes``: the x axis; ``quality``: q(N) there.
    - ``taus``: the slider's thresholds; ``steps[i, j]`` = 1[q(N_j) >= ``taus[i]``], the
      observer's verdict (:func:`emergence.thresholds.observers.curves`).
    - ``point_log10_sizes[i]``: log10 N* where q first reaches ``taus[i]``; ``sensitivity[i]``:
      d log10 N* / d tau (decades per unit of threshold); ``shift_per_hundredth[i]``: the local
      rate in decades per +0.01 of tau (0.01 x ``sensitivity``), a derivative, not a move to 100 %.
    """

    scale: ScaleMap
    log10_sizes: np.ndarray
    quality: np.ndarray
    taus: np.ndarray
    steps: np.ndarray
    point_log10_sizes: np.ndarray
    sensitivity: np.ndarray
    shift_per_hundredth: np.ndarray


def threshold_sliders() -> ThresholdSliders:
    """Compute :class:`ThresholdSliders` on the fixed grids of this module."""
    smap = scale_map("logistic_log")
    x = _log10_grid(H3_LOG10_RANGE, H3_POINTS)
    taus = tuple(t / 100.0 for t in H3_TAU_PERCENT)
    seen = observers.curves(smap, 10.0**x, taus)
    sensitivity = np.array([p.sensitivity for p in seen.points])
    return ThresholdSliders(
        scale=smap,
        log10_sizes=x,
        quality=seen.quality,
        taus=np.array(seen.taus),
        steps=seen.steps,
        point_log10_sizes=np.array([math.log10(p.at) if p.at > 0 else math.nan for p in seen.points]),
        sensitivity=sensitivity,
        shift_per_hundredth=0.01 * sensitivity,
    )


@dataclass(frozen=True)
class Sliders(Result):
    """The three slider grids of the report page, and the seed of its random draws."""

    compound: CompoundSliders
    metric: MetricSliders
    threshold: ThresholdSliders
    seed: int

    @property
    def sizes(self) -> dict[str, dict[str, int]]:
        """How many values each slider and curve holds (for the command's summary)."""
        return {
            "compound": {"steps": len(self.compound.steps), "p": int(self.compound.p_values.size),
                         "points": int(self.compound.log10_sizes.size)},
            "metric": {"items": len(self.metric.items), "metrics": 2, "models": int(self.metric.model_log10_sizes.size),
                       "points": int(self.metric.log10_sizes.size)},
            "threshold": {"tau": int(self.threshold.taus.size), "points": int(self.threshold.log10_sizes.size)},
        }


def sliders(seed: int = DEFAULT_SEED) -> Sliders:
    """All three slider grids; ``seed`` fixes the simulated test items of hypothesis 2."""
    return Sliders(compound_sliders(), metric_sliders(seed), threshold_sliders(), seed)
