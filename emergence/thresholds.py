"""Hypothesis 3, a threshold on a smooth curve (SCIENCE.md 3.1).

A quality q(N) in [0, 1] rises smoothly with model size N (any p(N) map of
:mod:`emergence.scaling`). One observer calls the capability present when q(N) >= tau, a step at

    N*(tau) = q^{-1}(tau),

and where that step sits depends on tau. So every emergence point here comes with its
sensitivity ``d log10 N* / d tau``, in decades of N per unit of threshold (pitfall 18).

A population of observers whose thresholds tau_r vary turns the step back into a smooth curve:
the share who recognise the capability is ``F(q(N))``, F the distribution function of tau_r
(logit-normal or beta). Random seeds do the same (Zhao et al., "Random Scaling of Emergent
Capabilities"): each training run jumps, the average over runs is smooth.

Sizes N are parameter counts (> 0); ``x = log10 N`` is the scale axis, and ``logit`` uses the
natural logarithm, logit q = ln(q / (1 - q)).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence._numeric import beta_from_mean
from emergence.scaling import ScaleMap

LOG10_RANGE = (-10.0, 40.0)  # where N* is looked for: 1e-10 to 1e40 parameters
POPULATION_SHARES = (0.1, 0.5, 0.9)
RATER_KINDS = ("logitnormal", "beta")


@dataclass(frozen=True)
class EmergencePoint:
    """Where a rising curve first meets a threshold, and how fast that point moves with it.

    ``threshold`` is the level tau. ``at`` is the first scale that meets it on the model's own
    scale (a size N, a whole number of parameters or steps); ``smooth`` is where the continuous
    curve crosses it; ``sensitivity`` is the derivative of that crossing with respect to tau, in
    the unit the model states (decades of N per unit tau for sizes). NaN when the curve never
    gets there within reach, infinite when the curve is flat at the crossing.
    """

    threshold: float
    at: float
    smooth: float
    sensitivity: float


@dataclass(frozen=True)
class Raters:
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
        How much the thresholds differ, as above.
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
            if spread == 0.0:
                raise check.ParameterError("rater_spread", "must be greater than 0 for beta raters")
        else:
            spread = check.positive("rater_spread", self.spread)
        object.__setattr__(self, "spread", spread)

    @property
    def beta_params(self) -> tuple[float, float]:
        """(a, b) of the beta distribution: a = centre (1/spread - 1), b = (1 - centre)(1/spread - 1)."""
        return beta_from_mean(self.centre, self.spread)


def levels(name: str, values: Sequence[float]) -> tuple[float, ...]:
    """Validate thresholds strictly inside (0, 1) (a level of 0 is always met, 1 only by clipping)."""
    out = check.probabilities(name, values)
    for tau in out:
        if tau in (0.0, 1.0):
            raise check.ParameterError(name, f"must lie strictly between 0 and 1, got {tau:g}")
    return out


def observer_step(quality: np.ndarray, tau: float) -> np.ndarray:
    """One observer's verdict 1[q >= tau] (0.0 or 1.0) for each value of the quality q."""
    tau = levels("tau", (tau,))[0]
    return (np.asarray(quality, dtype=float) >= tau).astype(float)


def recognised_share(quality: np.ndarray, raters: Raters) -> np.ndarray:
    """F(q) = P(tau_r <= q): the share of raters who call the capability present at quality q.

    Logit-normal: Phi((logit q - logit centre) / spread), logit in natural log. Beta: the
    regularised incomplete beta function I_q(a, b). Both are smooth and rise from 0 to 1.
    """
    from scipy.special import betainc, ndtr

    q = np.clip(np.asarray(quality, dtype=float), 0.0, 1.0)
    if raters.kind == "beta":
        a, b = raters.beta_params
        return betainc(a, b, q)
    with np.errstate(divide="ignore"):
        logit_q = np.log(q) - np.log1p(-q)
    return ndtr((logit_q - math.log(raters.centre / (1.0 - raters.centre))) / raters.spread)


def _crossing(curve: Callable[[np.ndarray], np.ndarray], levels: np.ndarray | float) -> np.ndarray:
    """For each level, the smallest x = log10 N in LOG10_RANGE with curve(10**x) >= level.

    ``curve`` must rise with N. Vectorised bisection to the last bit of a float; NaN where the
    curve stays below the level over the whole range.
    """
    levels = np.asarray(levels, dtype=float)
    low = np.full(levels.shape, LOG10_RANGE[0])
    high = np.full(levels.shape, LOG10_RANGE[1])
    reached = curve(10.0**high) >= levels
    done = curve(10.0**low) >= levels
    high = np.where(done, low, high)
    while True:
        mid = 0.5 * (low + high)
        moving = (mid != low) & (mid != high)
        if not moving.any():
            break
        above = curve(10.0**mid) >= levels
        high = np.where(moving & above, mid, high)
        low = np.where(moving & ~above, mid, low)
    return np.where(reached, high, np.nan)


def emergence_point(smap: ScaleMap, tau: float) -> EmergencePoint:
    """N*(tau) = q^{-1}(tau) for the quality q = ``smap`` and d log10 N*/d tau = 1 / (dq/d log10 N).

    ``at`` and ``smooth`` are both N* in parameters. The derivative is a central difference in
    log10 N with a step of 1e-5 decades (relative error about 1e-10 for the smooth maps);
    infinite where q is flat (a clipped map at its bound), NaN when q never reaches tau.
    """
    tau = levels("tau", (tau,))[0]
    x = float(_crossing(smap, tau))
    if math.isnan(x):
        return EmergencePoint(tau, math.nan, math.nan, math.nan)
    h = 1e-5
    slope = float(np.diff(smap(10.0 ** np.array([x - h, x + h])))[0]) / (2 * h)
    sensitivity = 1.0 / slope if slope > 0 else math.inf
    return EmergencePoint(tau, 10.0**x, 10.0**x, sensitivity)


def population_size(smap: ScaleMap, raters: Raters, share: float) -> float:
    """The size N at which ``share`` of the raters recognise the capability: F(q(N)) = share (NaN if never)."""
    share = levels("share", (share,))[0]
    return float(10.0 ** _crossing(lambda n: recognised_share(smap(n), raters), share))


def seed_runs(quality: np.ndarray, runs: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Outcomes of ``runs`` training seeds across sizes, with success probability pi(N) = q(N).

    Each run draws U ~ Uniform(0, 1) once and succeeds at every size with q(N) >= U, so a run
    is a step at N = q^{-1}(U), while at each size the outcomes across runs are
    Bernoulli(q(N)): all 0 or 1, a bimodal distribution whose mean moves smoothly.
    Returns (outcomes as a runs x sizes array of 0.0/1.0, the U of each run).
    """
    runs = check.positive_int("runs", runs, minimum=0)
    u = rng.uniform(size=runs)
    return (np.asarray(quality, dtype=float)[None, :] >= u[:, None]).astype(float), u


@dataclass(frozen=True)
class ObserverCurves:
    """Everything the H3a table and figure show, for one quality map.

    - ``sizes``, ``quality``: q(N); ``steps[i]`` is the observer step 1[q >= taus[i]].
    - ``points[i]``: N*(taus[i]) and d log10 N*/d tau (decades per unit tau).
    - ``tau_grid``, ``tau_grid_sizes``: N*(tau) over (0, 1), to show how the point moves.
    - ``raters``, ``recognised``: the share of a rater population who recognise it, F(q(N));
      ``population_sizes[j]``: N at which ``POPULATION_SHARES[j]`` of them do.
    - ``runs``: outcomes of seed runs (runs x sizes, 0/1), ``run_jumps``: the N where each run
      jumps (NaN when beyond reach); both empty when no runs were asked for.
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
    runs: np.ndarray
    run_jumps: np.ndarray


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

    ``sizes`` in parameters (> 0), by default 1e7 to 1e14 at 20 per decade. ``runs`` > 0 needs a ``numpy.random.Generator`` ``rng``.
    """
    sizes = check.sizes("sizes", np.logspace(7.0, 14.0, 141) if sizes is None else sizes)
    taus = levels("tau", taus)
    raters = raters or Raters()
    runs = check.positive_int("runs", runs, minimum=0)
    if runs and rng is None:
        raise check.ParameterError("seed", "seed runs need a random generator (rng)")
    quality = np.asarray(smap(sizes), dtype=float)
    tau_grid = np.linspace(0.02, 0.98, 97)
    outcomes, u = seed_runs(quality, runs, rng) if runs else (np.zeros((0, sizes.size)), np.zeros(0))
    jumps = 10.0 ** _crossing(smap, u)
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
        runs=outcomes,
        run_jumps=jumps,
    )
