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
2. A batched Levenberg-Marquardt polish of the shape, in z = k (x - centre) + c, with the plateaus
   solved exactly at every step (Kaufman's variable projection: a 2x2 system per resample), for at
   most ``_ITERATIONS`` steps; midpoint and width stay within their bounds. Resamples that have not
   settled by then are ones the data cannot pin down (a step anywhere in a gap between two sizes).

The bounds keep the fit to what the data can say: the midpoint within the sizes observed, widened
by half their range, and the width between 0.005 decades and the whole range. A fit whose midpoint
interval is wider than the data, or a curve of fewer than ``MIN_SIGMOID_POINTS`` sizes, is
*undetermined*: the numbers are kept but not to be read as a finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.results import Result

MIN_SIGMOID_POINTS = 6
MIN_WIDTH = 0.005  # decades: a step between neighbouring sizes, for any real grid of models
LEVEL_95 = (2.5, 97.5)
_GRID_MIDPOINTS = 17
_GRID_WIDTHS = 10
_ITERATIONS = 60


def _rowsum(a: np.ndarray) -> np.ndarray:
    """Sum of each row: a matrix-vector product, several times faster than ``sum(axis=1)`` for short rows."""
    return a @ np.ones(a.shape[1])


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

    def rows(self, start: int, stop: int) -> SigmoidBatch:
        """The fits of rows start..stop-1."""
        return SigmoidBatch(self.lower[start:stop], self.upper[start:stop], self.midpoint[start:stop],
                            self.width[start:stop], self.sse[start:stop])

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Fitted values at log10 sizes ``x``: shape (B, len(x))."""
        z = (np.asarray(x, dtype=float)[None, :] - self.midpoint[:, None]) / self.width[:, None]
        return self.lower[:, None] + (self.upper - self.lower)[:, None] * logistic(z)

    def crossing(self, level: float) -> np.ndarray:
        """log10 size where each fit crosses ``level``; NaN where it never does (level outside its plateaus)."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
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
        s0 = _rowsum(w)[:, None]                       # (B, 1)
        s1 = w @ s.T                                      # (B, G)
        s2 = w @ (s * s).T
        wy = w * y
        t0 = _rowsum(wy)[:, None]
        t1 = wy @ s.T
        det = s0 * s2 - s1 * s1
        # residual sum of squares after the 2x2 solve: y'y - [t0 t1] M^-1 [t0 t1]'
        explained = (s2 * t0 * t0 - 2.0 * s1 * t0 * t1 + s0 * t1 * t1) / np.where(det > 0, det, np.inf)
        sse = _rowsum(wy * y)[:, None] - explained
        sse[det <= 1e-12 * s0 * s2] = np.inf
    else:
        wr = w * (y - lower)
        s2 = w @ (s * s).T
        t1 = wr @ s.T
        sse = _rowsum(wr * (y - lower))[:, None] - t1 * t1 / np.where(s2 > 0, s2, np.inf)
    best = np.argmin(sse, axis=1)
    return m_grid[best], w_grid[best]


def _regress(w: np.ndarray, s: np.ndarray, v: np.ndarray, intercept: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted least squares of v on [1, s] (or on s alone), row by row: (c0, c1, residual); all (B, n)."""
    ws = w * s
    s2, t1 = _rowsum(ws * s), _rowsum(ws * v)
    if not intercept:
        c1 = t1 / np.where(s2 > 0, s2, np.inf)
        return np.zeros(c1.shape), c1, v - c1[:, None] * s
    s0, s1, t0 = _rowsum(w), _rowsum(ws), _rowsum(w * v)
    det = s0 * s2 - s1 * s1
    det = np.where(det > 1e-300, det, np.inf)
    c0, c1 = (s2 * t0 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det
    return c0, c1, v - c0[:, None] - c1[:, None] * s


def _solve_plateaus(w: np.ndarray, s: np.ndarray, y: np.ndarray, lower: float | None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The plateaus for a given shape s: (lower, amplitude, residuals), ``lower`` fixed when given."""
    if lower is None:
        return _regress(w, s, y, True)
    _, amp, resid = _regress(w, s, y - lower, False)
    return np.full(amp.shape, lower), amp, resid


def fit_sigmoid(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, *, lower: float | None = None,
                bounds: Bounds | None = None) -> SigmoidBatch:
    """Least-squares sigmoid fits of ``y`` on log10 sizes ``x``, one per row of ``weights`` (B, n).

    ``weights`` are case multiplicities (a bootstrap resample) or any non-negative weights; None
    fits the data once (B = 1). ``y`` is one curve (n,) shared by every row, or one per row (B, n):
    several curves on the same sizes are fitted in one batch. ``lower`` fixes the lower plateau.
    """
    x = np.asarray(x, dtype=float)
    w = np.ones((1, x.size)) if weights is None else np.atleast_2d(np.asarray(weights, dtype=float))
    y = np.asarray(y, dtype=float)
    if y.ndim == 2 and weights is None:
        w = np.ones(y.shape)
    y = np.ascontiguousarray(np.broadcast_to(y, w.shape))
    bounds = bounds or Bounds.for_data(x)
    mid, width = _projected_grid(x, y, w, bounds, lower)
    mid, logw, base, amp, sse = _levenberg_marquardt(x, y, w, mid, np.log(width), bounds, lower)
    return SigmoidBatch(base, base + amp, mid, np.exp(logw), sse)


def _levenberg_marquardt(x: np.ndarray, y: np.ndarray, w: np.ndarray, mid: np.ndarray, logw: np.ndarray, bounds: Bounds,
                         lower: float | None) -> tuple[np.ndarray, ...]:
    """Batched, bounded Levenberg-Marquardt on the sigmoid's shape with the plateaus projected out (Kaufman's
    variable projection): the plateaus are solved exactly at every step, so only a 2x2 system is left per row.

    Each row stops when an accepted step gains less than 1e-9 of its sum of squares, or when its
    damping has grown past 1e8 (no step downhill is left); stopped rows are not computed again.
    Returns (midpoint, ln width, lower, amplitude, sse).
    """
    # Work in the linear predictor z = k (x - centre) + c with k = 1 / width: far better conditioned
    # than (midpoint, width), whose valley bends when few points lie inside the rise.
    centre = float(np.mean(x))
    xc = x - centre
    theta = np.column_stack([-(mid - centre) / np.exp(logw), -logw])   # (c, ln k)

    def clipped(t: np.ndarray) -> np.ndarray:
        k = np.exp(np.clip(t[:, 1], -math.log(bounds.width_high), -math.log(bounds.width_low)))
        m = np.clip(centre - t[:, 0] / k, bounds.midpoint_low, bounds.midpoint_high)
        return np.column_stack([-(m - centre) * k, np.log(k)])

    def evaluate(t: np.ndarray, ww: np.ndarray, yy: np.ndarray) -> tuple[np.ndarray, ...]:
        k = np.exp(t[:, 1:2])
        z = k * xc[None, :] + t[:, 0:1]
        s = logistic(z)
        base, amp, resid = _solve_plateaus(ww, s, yy, lower)
        return s, k * xc[None, :], base, amp, resid, _rowsum(ww * resid * resid)

    s, kx, base, amp, resid, sse = evaluate(theta, w, y)
    damping = np.full(theta.shape[0], 1e-3)
    active = np.arange(theta.shape[0])
    for _ in range(_ITERATIONS):
        if active.size == 0:
            break
        t, ww, lam = theta[active], w[active], damping[active]
        sa, kxa, ampa, ra, cur = s[active], kx[active], amp[active], resid[active], sse[active]
        ds = ampa[:, None] * sa * (1.0 - sa)
        d = np.stack([ds, ds * kxa], axis=2)                 # d fitted / d (c, ln k), plateaus fixed
        # Kaufman: the part of each derivative that the plateaus cannot absorb
        j = np.stack([_regress(ww, sa, d[:, :, k], lower is None)[2] for k in range(2)], axis=2)
        a11, a12, a22 = (_rowsum(ww * j[:, :, p] * j[:, :, q]) for p, q in ((0, 0), (0, 1), (1, 1)))
        g1, g2 = _rowsum(ww * d[:, :, 0] * ra), _rowsum(ww * d[:, :, 1] * ra)
        m11, m22 = a11 * (1.0 + lam) + 1e-300, a22 * (1.0 + lam) + 1e-300
        det = m11 * m22 - a12 * a12
        det = np.where(det > 0, det, np.inf)
        step = np.column_stack([(m22 * g1 - a12 * g2) / det, (m11 * g2 - a12 * g1) / det])
        trial = clipped(t + step)
        ts, tkx, tbase, tamp, tresid, tsse = evaluate(trial, ww, y[active])
        better = np.isfinite(tsse) & (tsse <= cur)
        idx = active[better]
        theta[idx], s[idx], kx[idx] = trial[better], ts[better], tkx[better]
        base[idx], amp[idx], resid[idx], sse[idx] = tbase[better], tamp[better], tresid[better], tsse[better]
        damping[active] = np.clip(np.where(better, lam / 3.0, lam * 4.0), 1e-12, 1e12)
        done = (better & (cur - tsse <= 1e-9 * (cur + 1e-300))) | (damping[active] > 1e8)
        active = active[~done]
    k = np.exp(theta[:, 1])
    return centre - theta[:, 0] / k, -theta[:, 1], base, amp, sse


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
    w = np.ones((1, x.size)) if weights is None else np.atleast_2d(np.asarray(weights, dtype=float))
    y = np.asarray(y, dtype=float)
    if y.ndim == 2 and weights is None:
        w = np.ones(y.shape)
    y = np.broadcast_to(y, w.shape)
    sw = _rowsum(w)
    mx, my = (w @ x) / sw, _rowsum(w * y) / sw
    sxx = w @ (x * x) - sw * mx * mx
    sxy = _rowsum(w * x * y) - sw * mx * my
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


def summary_from(x: np.ndarray, point: SigmoidBatch, boot: SigmoidBatch, *, lower: float | None = None,
                 grid: int = 100) -> tuple[SigmoidSummary, Band]:
    """Summary and band of one curve from its point fit (one row) and its resampled fits."""
    x = np.asarray(x, dtype=float)
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
        determined=why is None, why_undetermined=why, resamples=boot.midpoint.size)
    return summary, band


def summarise(x: np.ndarray, y: np.ndarray, rng: np.random.Generator, *, resamples: int, lower: float | None = None,
              grid: int = 100) -> tuple[SigmoidSummary, Band, SigmoidBatch, SigmoidBatch]:
    """Fit a sigmoid to one curve and bootstrap it: summary, band, the point fit and the resampled fits."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    bounds = Bounds.for_data(x)
    point = fit_sigmoid(x, y, lower=lower, bounds=bounds)
    boot = fit_sigmoid(x, y, resample_weights(x.size, resamples, rng), lower=lower, bounds=bounds)
    summary, band = summary_from(x, point, boot, lower=lower, grid=grid)
    return summary, band, point, boot


MAX_BATCH_ROWS = 16_384  # rows fitted at once: bounds the (rows x grid) work arrays to tens of MB


def fit_many(x: np.ndarray, ys: np.ndarray, weights: np.ndarray, *, lower: float | None = None,
             bounds: Bounds | None = None) -> SigmoidBatch:
    """:func:`fit_sigmoid` on many rows (curves x resamples) on the same sizes, in chunks of bounded memory."""
    bounds = bounds or Bounds.for_data(np.asarray(x, dtype=float))
    parts = [fit_sigmoid(x, ys[i:i + MAX_BATCH_ROWS], weights[i:i + MAX_BATCH_ROWS], lower=lower, bounds=bounds)
             for i in range(0, weights.shape[0], MAX_BATCH_ROWS)]
    return SigmoidBatch(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("lower", "upper", "midpoint", "width", "sse")))
