"""Fits of a score against model size: a sigmoid and a line in log10 size, with a case-resampling bootstrap.

The sigmoid is

    y(x) = lower + (upper - lower) / (1 + exp(-(x - midpoint) / width)),   x = log10(size),

with ``midpoint`` in log10 size and ``width`` > 0 in decades (its 10-90 % rise spans
2 ln 9 width = 4.394 width decades). ``upper`` may lie below ``lower`` (a falling curve: loss,
perplexity). A chance level, when known, fixes ``lower``. The line is y = intercept + slope x.

Case-resampling bootstrap: a resample draws the curve's n points with replacement, which is the
same as giving point i a multiplicity c_i from Multinomial(n, 1/n). Every resample is then a
*weighted* least-squares problem on the same points, so all of them are fitted at once:

1. For a grid of (midpoint, width), the sigmoid is linear in (lower, upper - lower): both come from
   a 2x2 weighted least-squares solve, for every resample and grid point in a few matrix products
   (variable projection). Each resample starts from its best grid point.
2. A batched Levenberg-Marquardt polish on all parameters (analytic Jacobian, one 4x4 or 3x3 solve
   per resample per iteration) runs to convergence; midpoint and width stay within their bounds.

The bounds keep the fit to what the data can say: the midpoint within the sizes observed, widened
by half their range, and the width between 0.005 decades and the whole range. A fit whose midpoint
interval is wider than the data, or a curve of fewer than ``MIN_SIGMOID_POINTS`` sizes, is
*undetermined*: the numbers are kept but not to be read as a finding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.results import Result

MIN_SIGMOID_POINTS = 6
MIN_WIDTH = 0.005  # decades: a step between neighbouring sizes, for any real grid of models
LEVEL_95 = (2.5, 97.5)
_GRID_MIDPOINTS = 41
_GRID_WIDTHS = 24
_ITERATIONS = 200


def logistic(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)), computed as (1 + tanh(z / 2)) / 2: no overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid(x: np.ndarray | float, lower: float, upper: float, midpoint: float, width: float) -> np.ndarray:
    """lower + (upper - lower) * logistic((x - midpoint) / width), x in log10 size."""
    return lower + (upper - lower) * logistic((np.asarray(x, dtype=float) - midpoint) / width)


@dataclass(frozen=True)
class Bounds:
    """Where the midpoint (log10 size) and the width (decades) may lie for data on ``x``."""

    midpoint_low: float
    midpoint_high: float
    width_low: float
    width_high: float

    @classmethod
    def for_data(cls, x: np.ndarray) -> Bounds:
        span = float(np.max(x) - np.min(x))
        span = span if span > 0 else 1.0
        return cls(float(np.min(x)) - 0.5 * span, float(np.max(x)) + 0.5 * span, MIN_WIDTH, max(span, 2 * MIN_WIDTH))


@dataclass(frozen=True)
class SigmoidBatch:
    """Sigmoid fits of one curve under several weightings (row b: resample b). Arrays of shape (B,)."""

    lower: np.ndarray
    upper: np.ndarray
    midpoint: np.ndarray
    width: np.ndarray
    sse: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Fitted values at log10 sizes ``x``: shape (B, len(x))."""
        z = (np.asarray(x, dtype=float)[None, :] - self.midpoint[:, None]) / self.width[:, None]
        return self.lower[:, None] + (self.upper - self.lower)[:, None] * logistic(z)

    def crossing(self, level: float) -> np.ndarray:
        """log10 size where each fit crosses ``level``; NaN where it never does (level outside its plateaus)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            u = (level - self.lower) / (self.upper - self.lower)
            inside = (u > 0) & (u < 1)
            u = np.where(inside, u, 0.5)
            x = self.midpoint + self.width * (np.log(u) - np.log1p(-u))
        return np.where(inside, x, np.nan)


def _projected_grid(x: np.ndarray, y: np.ndarray, w: np.ndarray, bounds: Bounds, lower: float | None) -> tuple[np.ndarray, np.ndarray]:
    """For each weighting (row of ``w``), the best (midpoint, width) on a grid, plateaus solved exactly."""
    mids = np.linspace(bounds.midpoint_low, bounds.midpoint_high, _GRID_MIDPOINTS)
    widths = np.geomspace(bounds.width_low, bounds.width_high, _GRID_WIDTHS)
    m_grid, w_grid = (a.ravel() for a in np.meshgrid(mids, widths, indexing="ij"))
    s = logistic((x[None, :] - m_grid[:, None]) / w_grid[:, None])  # (G, n)
    if lower is None:
        s0 = w.sum(axis=1)[:, None]                       # (B, 1)
        s1 = w @ s.T                                      # (B, G)
        s2 = w @ (s * s).T
        t0 = (w @ y)[:, None]
        t1 = w @ (s * y[None, :]).T
        det = s0 * s2 - s1 * s1
        ok = det > 1e-12 * np.maximum(s0 * s2, 1e-300)
        det = np.where(ok, det, 1.0)
        a = (s2 * t0 - s1 * t1) / det
        b = (s0 * t1 - s1 * t0) / det
        sse = (w @ (y * y))[:, None] - a * t0 - b * t1
    else:
        r = y - lower
        s2 = w @ (s * s).T
        t1 = w @ (s * r[None, :]).T
        ok = s2 > 1e-300
        b = t1 / np.where(ok, s2, 1.0)
        sse = (w @ (r * r))[:, None] - b * t1
    sse = np.where(ok, sse, np.inf)
    best = np.argmin(sse, axis=1)
    return m_grid[best], w_grid[best]


def _plateaus(x: np.ndarray, y: np.ndarray, w: np.ndarray, mid: np.ndarray, width: np.ndarray,
              lower: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least-squares (lower, upper - lower) for given midpoints and widths, one per row."""
    s = logistic((x[None, :] - mid[:, None]) / width[:, None])
    if lower is not None:
        s2 = np.sum(w * s * s, axis=1)
        b = np.sum(w * s * (y - lower)[None, :], axis=1) / np.maximum(s2, 1e-300)
        return np.full(mid.shape, lower), b
    s0, s1, s2 = w.sum(axis=1), np.sum(w * s, axis=1), np.sum(w * s * s, axis=1)
    t0, t1 = w @ y, np.sum(w * s * y[None, :], axis=1)
    det = s0 * s2 - s1 * s1
    det = np.where(np.abs(det) > 1e-300, det, 1e-300)
    return (s2 * t0 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det


def fit_sigmoid(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, *, lower: float | None = None,
                bounds: Bounds | None = None) -> SigmoidBatch:
    """Least-squares sigmoid fits of ``y`` on log10 sizes ``x``, one per row of ``weights`` (B, n).

    ``weights`` are case multiplicities (a bootstrap resample) or any non-negative weights; None
    fits the data once (B = 1). ``lower`` fixes the lower plateau (a chance level).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.ones((1, x.size)) if weights is None else np.atleast_2d(np.asarray(weights, dtype=float))
    bounds = bounds or Bounds.for_data(x)
    mid, width = _projected_grid(x, y, w, bounds, lower)
    base, amp = _plateaus(x, y, w, mid, width, lower)
    theta = np.column_stack([base, amp, mid, np.log(width)]) if lower is None else np.column_stack([amp, mid, np.log(width)])
    theta, sse = _levenberg_marquardt(x, y, w, theta, bounds, lower)
    if lower is None:
        base, amp, mid, logw = theta.T
    else:
        amp, mid, logw = theta.T
        base = np.full(amp.shape, lower)
    return SigmoidBatch(base, base + amp, mid, np.exp(logw), sse)


def _model(x: np.ndarray, theta: np.ndarray, lower: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Fitted values (B, n) and Jacobian (B, n, P) of the sigmoid in (lower, amplitude, midpoint, ln width)."""
    if lower is None:
        base, amp, mid, logw = (theta[:, i : i + 1] for i in range(4))
    else:
        amp, mid, logw = (theta[:, i : i + 1] for i in range(3))
        base = np.full(amp.shape, lower)
    width = np.exp(logw)
    z = (x[None, :] - mid) / width
    s = logistic(z)
    ds = amp * s * (1.0 - s)
    columns = [s, -ds / width, -ds * z]
    if lower is None:
        columns.insert(0, np.ones_like(s))
    return base + amp * s, np.stack(columns, axis=2)


def _levenberg_marquardt(x: np.ndarray, y: np.ndarray, w: np.ndarray, theta: np.ndarray, bounds: Bounds,
                         lower: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Batched, bounded Levenberg-Marquardt on the weighted sum of squares; returns (theta, sse).

    Each row stops when an accepted step gains less than 1e-13 of its sum of squares, or when its
    damping has grown past 1e10 (no step downhill is left); stopped rows are not computed again.
    """
    k = theta.shape[1]
    lo = np.full(k, -np.inf)
    hi = np.full(k, np.inf)
    lo[-2:], hi[-2:] = (bounds.midpoint_low, math.log(bounds.width_low)), (bounds.midpoint_high, math.log(bounds.width_high))
    theta = theta.copy()
    fitted, jac = _model(x, theta, lower)
    sse = np.sum(w * (y[None, :] - fitted) ** 2, axis=1)
    damping = np.full(theta.shape[0], 1e-3)
    active = np.arange(theta.shape[0])
    eye = np.eye(k)
    for _ in range(_ITERATIONS):
        if active.size == 0:
            break
        t, f, j, ww, cur, lam = theta[active], fitted[active], jac[active], w[active], sse[active], damping[active]
        jw_t = (j * ww[:, :, None]).transpose(0, 2, 1)
        jtj = jw_t @ j
        grad = (jw_t @ (y[None, :] - f)[:, :, None])[:, :, 0]
        diag = np.einsum("bpp->bp", jtj)
        system = jtj + lam[:, None, None] * (diag[:, :, None] + 1e-12) * eye
        try:
            step = np.linalg.solve(system, grad[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            step = np.zeros_like(t)
        trial = np.clip(t + step, lo, hi)
        trial_fitted, trial_jac = _model(x, trial, lower)
        trial_sse = np.sum(ww * (y[None, :] - trial_fitted) ** 2, axis=1)
        better = np.isfinite(trial_sse) & (trial_sse <= cur)
        idx = active[better]
        theta[idx], fitted[idx], jac[idx], sse[idx] = trial[better], trial_fitted[better], trial_jac[better], trial_sse[better]
        damping[active] = np.clip(np.where(better, lam / 3.0, lam * 4.0), 1e-12, 1e12)
        done = (better & (cur - trial_sse <= 1e-13 * (cur + 1e-300))) | (damping[active] > 1e10)
        active = active[~done]
    return theta, sse


@dataclass(frozen=True)
class LineBatch:
    """Least-squares lines y = intercept + slope * x, one per weighting. Arrays of shape (B,)."""

    intercept: np.ndarray
    slope: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.intercept[:, None] + self.slope[:, None] * np.asarray(x, dtype=float)[None, :]


def fit_line(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> LineBatch:
    """Weighted least-squares lines of ``y`` on ``x``, one per row of ``weights`` (flat where x does not vary)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.ones((1, x.size)) if weights is None else np.atleast_2d(np.asarray(weights, dtype=float))
    sw = w.sum(axis=1)
    mx, my = (w @ x) / sw, (w @ y) / sw
    sxx = w @ (x * x) - sw * mx * mx
    sxy = w @ (x * y) - sw * mx * my
    slope = np.where(sxx > 1e-12 * np.maximum(w @ (x * x), 1e-300), sxy / np.where(sxx > 0, sxx, 1.0), 0.0)
    return LineBatch(my - slope * mx, slope)


def resample_weights(n: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Case-resampling bootstrap as multiplicities: row b counts how often each of n points was drawn."""
    check.positive_int("bootstrap", resamples, minimum=1)
    return rng.multinomial(n, np.full(n, 1.0 / n), size=resamples).astype(float)


def percentile_interval(values: np.ndarray, level: tuple[float, float] = LEVEL_95) -> tuple[float, float]:
    """The percentile interval of the finite values (NaN, NaN when there are none)."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return math.nan, math.nan
    low, high = np.percentile(finite, level)
    return float(low), float(high)


@dataclass(frozen=True)
class SigmoidSummary(Result):
    """A sigmoid fit of one curve, with bootstrap intervals (log10 sizes; widths in decades)."""

    lower: float
    upper: float
    midpoint: float
    width: float
    midpoint_interval: tuple[float, float]
    width_interval: tuple[float, float]
    rise_decades: float                 # 10-90 % rise, 2 ln 9 width
    lower_fixed: bool
    determined: bool
    why_undetermined: str | None
    resamples: int


@dataclass(frozen=True)
class Band(Result):
    """The fitted curve and its bootstrap band on a grid of log10 sizes."""

    log10_size: np.ndarray
    fitted: np.ndarray
    low: np.ndarray
    high: np.ndarray


def summarise(x: np.ndarray, y: np.ndarray, rng: np.random.Generator, *, resamples: int, lower: float | None = None,
              grid: int = 100, on_progress: Callable[[int], None] | None = None) -> tuple[SigmoidSummary, Band, SigmoidBatch, SigmoidBatch]:
    """Fit a sigmoid to one curve and bootstrap it: summary, band, the point fit and the resampled fits."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    bounds = Bounds.for_data(x)
    point = fit_sigmoid(x, y, lower=lower, bounds=bounds)
    boot = fit_sigmoid(x, y, resample_weights(x.size, resamples, rng), lower=lower, bounds=bounds)
    if on_progress is not None:
        on_progress(1)
    mid_ci = percentile_interval(boot.midpoint)
    width_ci = percentile_interval(boot.width)
    span = float(np.max(x) - np.min(x))
    why = None
    if x.size < MIN_SIGMOID_POINTS:
        why = f"fewer than {MIN_SIGMOID_POINTS} sizes"
    elif not mid_ci[1] - mid_ci[0] <= span:
        why = "the midpoint interval is wider than the sizes observed"
    elif not float(np.min(x)) <= float(point.midpoint[0]) <= float(np.max(x)):
        why = "the midpoint lies outside the sizes observed"
    xs = np.linspace(float(np.min(x)), float(np.max(x)), grid)
    preds = boot.predict(xs)
    band = Band(xs, point.predict(xs)[0], np.percentile(preds, LEVEL_95[0], axis=0), np.percentile(preds, LEVEL_95[1], axis=0))
    summary = SigmoidSummary(
        lower=float(point.lower[0]), upper=float(point.upper[0]), midpoint=float(point.midpoint[0]),
        width=float(point.width[0]), midpoint_interval=mid_ci, width_interval=width_ci,
        rise_decades=2.0 * math.log(9.0) * float(point.width[0]), lower_fixed=lower is not None,
        determined=why is None, why_undetermined=why, resamples=resamples)
    return summary, band, point, boot
