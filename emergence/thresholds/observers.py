"""A threshold on a smooth curve: one observer, many raters, many seeds (SCIENCE.md 3.1).

A quality q(N) in [0, 1] rises smoothly with model size N (any p(N) map of
:mod:`emergence.scaling`). One observer calls the capability present when q(N) >= tau, a step at

    N*(tau) = q^{-1}(tau),

and where that step sits depends on tau. So every emergence point here comes with its
sensitivity ``d log10 N* / d tau``, in decades of N per unit of threshold (pitfall 18).

A population of observers whose thresholds tau_r vary turns the step back into a smooth curve:
the share who recognise the capability is ``F(q(N))``, F the distribution function of tau_r
(logit-normal or beta). Random seeds do the same (Zhao et al., "Random Scaling of Emergent
Capabilities"): each training run jumps, the average over runs is smooth.

Assumptions: q rises with N (the maps of :mod:`emergence.scaling` do); a seed run draws one
uniform U and succeeds wherever q(N) >= U, so it is a single step while the runs at each size are
Bernoulli(q(N)). Sizes N are parameter counts (> 0); ``x = log10 N`` is the scale axis, N* is
looked for between 1e-10 and 1e40, and ``logit`` uses the natural logarithm. A run is only
observed at the sizes given: a U below q(smallest size) or above q(largest size) puts its jump
outside them, and the summaries report such runs as counts ("already at the smallest size",
"not yet at the largest"), never as a size the grid does not contain.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from emergence import _validate as check
from emergence._numeric import beta_from_mean, bisect
from emergence.results import Result
from emergence.scaling import ScaleMap
from emergence.thresholds import EmergencePoint, levels
from emergence.thresholds import sizes as check_sizes

LOG10_RANGE = (-10.0, 40.0)  # where N* is looked for: 1e-10 to 1e40 parameters
LEVEL_RANGE = (1e-6, 1.0 - 1e-6)  # closer to 0 or 1, a float quality cannot place the crossing's slope
POPULATION_SHARES = (0.1, 0.5, 0.9)
RATER_KINDS = ("logitnormal", "beta")
MAX_RUNS = 200  # seed runs: each is a line in the figure
SLOPE_STEP = 1e-5  # decades: the central difference of q in log10 N


@dataclass(frozen=True)
class Raters(Result):
    """A population of observers whose recognition thresholds tau_r vary.

    Parameters
    ----------
    kind : {"logitnormal", "beta"}
        ``logitnormal``: logit tau_r ~ Normal(logit centre, spread**2), ``spread`` in logit
        (natural-log odds) units. ``beta``: tau_r ~ Beta(a, b) with mean ``centre`` and
        ``spread`` = 1 / (a + b + 1) in (0, 1), i.e. variance centre (1 - centre) spread.
    centre : float
        Median (logit-normal) or mean (beta) threshold, in (0, 1).
    spread : float
        How much the thresholds differ, as above (beta: at least 1e-12).
    """

    kind: str = "logitnormal"
    centre: float = 0.8
    spread: float = 0.75

    def __post_init__(self) -> None:
        if self.kind not in RATER_KINDS:
            raise check.ParameterError("raters", f"must be one of {', '.join(RATER_KINDS)}, got {self.kind!r}")
        centre = check.probability("rater_centre", self.centre)
        if centre in (0.0, 1.0):
            raise check.ParameterError("rater_centre", f"must lie strictly between 0 and 1, got {self.centre!r}")
        object.__setattr__(self, "centre", centre)
        if self.kind == "beta":
            spread = check.in_range("rater_spread", self.spread, 0.0, 1.0, closed_high=False)
            if spread < 1e-12:
                raise check.ParameterError("rater_spread", f"must be at least 1e-12 for beta raters (a + b below 1e12), got {spread:g}")
        else:
            spread = check.positive("rater_spread", self.spread)
        object.__setattr__(self, "spread", spread)

    @property
    def beta_params(self) -> tuple[float, float]:
        """(a, b) of the beta distribution: a = centre (1/spread - 1), b = (1 - centre)(1/spread - 1)."""
        return beta_from_mean(self.centre, self.spread)


def observer_levels(values: Sequence[float]) -> tuple[float, ...]:
    """Quality thresholds: :func:`~emergence.thresholds.levels` within ``LEVEL_RANGE``."""
    out = levels("tau", values)
    low, high = LEVEL_RANGE
    for tau in out:
        if not low <= tau <= high:
            raise check.ParameterError("tau", f"quality levels must lie between {low:g} and 1 - {1 - high:.0e}, got {tau:g}")
    return out


def observer_step(quality: np.ndarray, tau: float) -> np.ndarray:
    """One observer's verdict 1[q >= tau] (0.0 or 1.0) for each value of the quality q."""
    tau = levels("tau", (tau,))[0]
    return (np.asarray(quality, dtype=float) >= tau).astype(float)


_erfc = np.frompyfunc(math.erfc, 1, 1)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Phi(z) = erfc(-z / sqrt 2) / 2, by ``math.erfc`` (accurate in both tails; no scipy)."""
    return 0.5 * np.asarray(_erfc(-np.asarray(z, dtype=float) / math.sqrt(2.0)), dtype=float)


def recognised_share(quality: np.ndarray, raters: Raters) -> np.ndarray:
    """F(q) = P(tau_r <= q): the share of raters who call the capability present at quality q.

    Logit-normal: Phi((logit q - logit centre) / spread), logit in natural log. Beta: the
    regularised incomplete beta function I_q(a, b) (scipy). Both are smooth and rise from 0 to 1.
    """
    q = np.clip(np.asarray(quality, dtype=float), 0.0, 1.0)
    if raters.kind == "beta":
        from scipy.special import betainc

        a, b = raters.beta_params
        return np.asarray(betainc(a, b, q), dtype=float)
    with np.errstate(divide="ignore", over="ignore"):
        z = (np.log(q) - np.log1p(-q) - math.log(raters.centre / (1.0 - raters.centre))) / raters.spread
    return normal_cdf(z)


def _crossing(curve: Callable[[np.ndarray], np.ndarray], level: np.ndarray | float) -> np.ndarray:
    """For each level, the smallest x = log10 N in LOG10_RANGE with curve(10**x) >= level.

    ``curve`` must rise with N. NaN where the curve stays below the level over the whole range,
    or is above it already at the low end (the crossing lies below 1e-10 parameters).
    """
    goal = np.asarray(level, dtype=float)
    low, high = LOG10_RANGE

    def above(x: np.ndarray) -> np.ndarray:
        return np.asarray(curve(10.0**x)) >= goal

    inside = ~above(np.full(goal.shape, low)) & above(np.full(goal.shape, high))
    return np.where(inside, bisect(above, low, np.full(goal.shape, high)), np.nan)


def emergence_point(smap: ScaleMap, tau: float) -> EmergencePoint:
    """N*(tau) = q^{-1}(tau) for the quality q = ``smap`` and d log10 N*/d tau = 1 / (dq/d log10 N).

    ``at`` and ``smooth`` are both N* in parameters. The derivative is a central difference of q
    in log10 N with a step of 1e-5 decades (relative error about 1e-10 for the smooth maps in
    the middle, 1e-5 at a level of 1e-6 or 1 - 1e-6); infinite where q is flat (a clipped map at
    its bound), NaN when the crossing lies outside 1e-10 to 1e40 parameters.
    """
    tau = observer_levels((tau,))[0]
    x = float(_crossing(smap, tau))
    if math.isnan(x):
        return EmergencePoint(tau, math.nan, math.nan, math.nan)
    q = np.asarray(smap(10.0 ** np.array([x - SLOPE_STEP, x + SLOPE_STEP])), dtype=float)
    slope = float(q[1] - q[0]) / (2 * SLOPE_STEP)
    return EmergencePoint(tau, 10.0**x, 10.0**x, 1.0 / slope if slope > 0 else math.inf)


def population_size(smap: ScaleMap, raters: Raters, share: float) -> float:
    """The size N at which ``share`` of the raters recognise the capability: F(q(N)) = share (NaN if never)."""
    share = levels("share", (share,))[0]
    return float(10.0 ** _crossing(lambda n: recognised_share(smap(n), raters), share))


def seed_runs(quality: np.ndarray, runs: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Outcomes of ``runs`` training seeds (at most ``MAX_RUNS``) across sizes, with success probability q(N).

    Each run draws U ~ Uniform(0, 1) once and succeeds at every size with q(N) >= U, so a run
    is a step at N = q^{-1}(U), while at each size the outcomes across runs are
    Bernoulli(q(N)): all 0 or 1, a bimodal distribution whose mean moves smoothly.
    Returns (outcomes as a runs x sizes array of 0.0/1.0, the U of each run).
    """
    runs = check.positive_int("runs", runs, minimum=0, maximum=MAX_RUNS)
    u = rng.uniform(size=runs)
    return (np.asarray(quality, dtype=float)[None, :] >= u[:, None]).astype(float), u


@dataclass(frozen=True)
class ObserverCurves(Result):
    """Everything the observers' tables and figure show, for one quality map.

    - ``sizes``, ``quality``: q(N); ``steps[i]`` is the observer step 1[q >= taus[i]].
    - ``points[i]``: N*(taus[i]) and d log10 N*/d tau (decades per unit tau).
    - ``tau_grid``, ``tau_grid_sizes``: N*(tau) over (0, 1), to show how the point moves.
    - ``raters``, ``recognised``: the share of a rater population who recognise it, F(q(N));
      ``population_sizes[j]``: N at which ``population_shares[j]`` of them do.
    - ``run_levels``: the uniform U each seed run drew, ``run_jumps``: the N where each run jumps,
      q(N) = U, searched between 1e-10 and 1e40 parameters (NaN beyond), so it may lie outside
      ``sizes``; ``runs`` (a property, runs x sizes, 0/1) their outcomes on ``sizes``; all empty
      when no runs were asked for. What is *reported* of the jumps keeps to the sizes observed:
      :attr:`run_jump_summary` summarises the runs that jump within them, and
      :attr:`run_jumps_outside` counts those that have already jumped at the smallest size or
      have not jumped by the largest (a run's outcomes say no more than that).

    The derived numbers the tables print (:meth:`extra`, also in ``to_dict()``) are properties.
    """

    scale: ScaleMap
    sizes: np.ndarray
    quality: np.ndarray
    taus: tuple[float, ...]
    steps: np.ndarray
    points: tuple[EmergencePoint, ...]
    tau_grid: np.ndarray
    tau_grid_sizes: np.ndarray
    raters: Raters
    recognised: np.ndarray
    population_shares: tuple[float, ...]
    population_sizes: tuple[float, ...]
    run_levels: np.ndarray
    run_jumps: np.ndarray

    @property
    def runs(self) -> np.ndarray:
        """Outcomes of the seed runs (runs x sizes, 0.0 or 1.0): run r succeeds where q(N) >= U_r."""
        return (self.quality[None, :] >= self.run_levels[:, None]).astype(float)

    @property
    def log10_points(self) -> tuple[float, ...]:
        """log10 N* of each point (NaN where unreached)."""
        return tuple(math.log10(p.at) if p.at > 0 else math.nan for p in self.points)

    @property
    def point_decades(self) -> float:
        """How many decades of N separate the first threshold's emergence point from the last's."""
        return self.log10_points[-1] - self.log10_points[0]

    @property
    def population_decades(self) -> float:
        """Decades of N from the first to the last population share (10 % to 90 % of the raters)."""
        low, high = self.population_sizes[0], self.population_sizes[-1]
        return math.log10(high / low) if low > 0 and high > 0 else math.nan

    @property
    def runs_mean(self) -> np.ndarray:
        """The share of seed runs that succeed at each size (empty without runs)."""
        return self.runs.mean(axis=0) if self.run_levels.size else np.zeros(0)

    @property
    def run_jumps_inside(self) -> np.ndarray:
        """Which seed runs jump within the sizes observed: they fail at the smallest size and succeed
        at the largest, so q(N) = U lies between the two (exclusive, inclusive)."""
        if not self.run_levels.size:
            return np.zeros(0, dtype=bool)
        runs = self.runs
        first, last = int(np.argmin(self.sizes)), int(np.argmax(self.sizes))
        return (runs[:, first] == 0.0) & (runs[:, last] == 1.0) & np.isfinite(self.run_jumps)

    @property
    def run_jumps_outside(self) -> tuple[int, int]:
        """(runs already succeeding at the smallest size, runs not yet succeeding at the largest):
        their jump lies below, or beyond, the sizes observed, where the runs say nothing about it."""
        if not self.run_levels.size:
            return (0, 0)
        runs = self.runs
        first, last = int(np.argmin(self.sizes)), int(np.argmax(self.sizes))
        return (int(np.sum(runs[:, first] == 1.0)), int(np.sum(runs[:, last] == 0.0)))

    @property
    def run_jump_summary(self) -> tuple[float, float, float]:
        """(smallest, median, largest) N where a seed run jumps, all three within ``sizes``.

        The smallest and largest are over the runs that jump within the sizes observed
        (:attr:`run_jumps_inside`; the others are counted by :attr:`run_jumps_outside`). The median
        is over all runs (those already succeeding at the smallest size count as below it, those
        never succeeding as beyond the largest), NaN when it falls outside the sizes. NaN without
        runs jumping within the sizes.
        """
        inside = self.run_jumps[self.run_jumps_inside]
        if not inside.size:
            return (math.nan, math.nan, math.nan)
        first = int(np.argmin(self.sizes))
        below = self.runs[:, first] == 1.0
        every = np.where(np.isfinite(self.run_jumps), self.run_jumps, np.where(below, 0.0, math.inf))
        median = float(np.median(every))
        low, high = float(self.sizes.min()), float(self.sizes.max())
        return (float(inside.min()), median if low <= median <= high else math.nan, float(inside.max()))

    def extra(self) -> dict[str, Any]:
        return {"log10_points": self.log10_points, "point_decades": self.point_decades,
                "population_decades": self.population_decades, "runs_mean": self.runs_mean,
                "run_jump_summary": self.run_jump_summary, "run_jumps_outside": self.run_jumps_outside}


def curves(
    smap: ScaleMap,
    sizes: np.ndarray | None = None,
    taus: Sequence[float] = (0.5, 0.8, 0.9),
    raters: Raters | None = None,
    *,
    runs: int = 0,
    rng: np.random.Generator | None = None,
) -> ObserverCurves:
    """Compute the observer, rater-population and seed-run views of q(N) = ``smap(N)``.

    ``sizes`` in parameters (> 0), by default 1e7 to 1e14 at 20 per decade. ``runs`` > 0 needs a
    ``numpy.random.Generator`` ``rng``.
    """
    sizes = check_sizes(np.logspace(7.0, 14.0, 141) if sizes is None else sizes)
    taus = observer_levels(taus)
    raters = raters or Raters()
    runs = check.positive_int("runs", runs, minimum=0, maximum=MAX_RUNS)
    if runs and rng is None:
        raise check.ParameterError("seed", "seed runs need a random generator (rng)")
    quality = np.asarray(smap(sizes), dtype=float)
    tau_grid = np.linspace(0.02, 0.98, 97)
    u = seed_runs(quality, runs, rng)[1] if rng is not None and runs else np.zeros(0)
    return ObserverCurves(
        scale=smap,
        sizes=sizes,
        quality=quality,
        taus=taus,
        steps=np.array([quality >= tau for tau in taus], dtype=float),
        points=tuple(emergence_point(smap, tau) for tau in taus),
        tau_grid=tau_grid,
        tau_grid_sizes=10.0 ** _crossing(smap, tau_grid),
        raters=raters,
        recognised=recognised_share(quality, raters),
        population_shares=POPULATION_SHARES,
        population_sizes=tuple(population_size(smap, raters, s) for s in POPULATION_SHARES),
        run_levels=u,
        run_jumps=10.0 ** _crossing(smap, u),
    )
