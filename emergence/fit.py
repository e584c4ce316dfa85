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
    """For each weighting (row of ``w``), the best (midpoint, width) on a grid, plateaus solved exactly.

    For a shape s the plateaus are a weighted regression of y on [1, s] (on s alone when the lower
    plateau is fixed): the best shape is the one whose regression explains the most, that is with
    the largest (sum w s (y - mean y))^2 / (sum w s^2 - (sum w s)^2 / sum w) (or (sum w s r)^2 /
    sum w s^2, r = y - lower). Shapes that the weights cannot tell from a constant are skipped.
    """
    mids = np.linspace(bounds.midpoint_low, bounds.midpoint_high, _GRID_MIDPOINTS)
    widths = np.geomspace(bounds.width_low, bounds.width_high, _GRID_WIDTHS)
    m_grid, w_grid = (a.ravel() for a in np.meshgrid(mids, widths, indexing="ij"))
    s = logistic((x[None, :] - m_grid[:, None]) / w_grid[:, None])  # (G, n)
    s2 = w @ (s * s).T                                               # (B, G)
    if lower is None:
        s0 = _rowsum(w)
        centred = y - (_rowsum(w * y) / s0)[:, None]
        u = (w * centred) @ s.T
        spread = s2 - (w @ s.T) ** 2 / s0[:, None]
        valid = spread > 1e-12 * s2
    else:
        u = (w * (y - lower)) @ s.T
        spread = s2
        valid = spread > 0
    explained = np.where(valid, u * u / np.where(valid, spread, 1.0), -np.inf)
    best = np.argmax(explained, axis=1)
    return m_grid[best], w_grid[best]


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
    damping has grown past 1e8 (no step downhill is left); stopped rows leave the working set.
    Returns (midpoint, ln width, lower, amplitude, sse).
    """
    # Work in the linear predictor z = k (x - centre) + c with k = 1 / width: far better conditioned
    # than (midpoint, width), whose valley bends when few points lie inside the rise.
    centre = float(np.mean(x))
    xc = x - centre
    ones = np.ones(x.size)
    free = lower is None
    lnk_low, lnk_high = -math.log(bounds.width_high), -math.log(bounds.width_low)

    def clipped(t: np.ndarray) -> np.ndarray:
        lnk = np.clip(t[:, 1], lnk_low, lnk_high)
        k = np.exp(lnk)
        m = np.clip(centre - t[:, 0] / k, bounds.midpoint_low, bounds.midpoint_high)
        return np.column_stack([-(m - centre) * k, lnk])

    # the working set: rows still iterating; per row the weights w, the target v (y, or y - lower),
    # sum(w) and sum(w v), which do not change, and the current shape with its plateaus
    v = y if free else y - lower
    s0, t0 = w @ ones, (w * v) @ ones

    def evaluate(t: np.ndarray, ww: np.ndarray, vv: np.ndarray, s0: np.ndarray, t0: np.ndarray) -> list[np.ndarray]:
        """Shape s, k (x - centre), the plateaus (base, amplitude) solved for it, residuals, sse, and sum(w s), sum(w s^2)."""
        kx = np.exp(t[:, 1])[:, None] * xc
        s = logistic(kx + t[:, 0:1])
        ws = ww * s
        s1, s2, t1 = ws @ ones, (ws * s) @ ones, (ws * vv) @ ones
        if free:
            det = s0 * s2 - s1 * s1
            det = np.where(det > 1e-300, det, np.inf)
            base, amp = (s2 * t0 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det
            resid = vv - base[:, None] - amp[:, None] * s
        else:
            amp = t1 / np.where(s2 > 0, s2, np.inf)
            base = np.zeros(amp.shape)
            resid = vv - amp[:, None] * s
        return [s, kx, resid, s1, s2, base, amp, (ww * resid * resid) @ ones]

    rows = mid.shape[0]
    theta = np.column_stack([-(mid - centre) / np.exp(logw), -logw])   # (c, ln k)
    out = [np.empty(rows) for _ in range(5)]                          # c, ln k, base, amplitude, sse
    active = np.arange(rows)
    ww = w
    state = evaluate(theta, ww, v, s0, t0)
    lam = np.full(rows, 1e-3)
    for _ in range(_ITERATIONS):
        if active.size == 0:
            break
        s, kx, resid, s1, s2, base, amp, sse = state
        ds = amp[:, None] * s * (1.0 - s)       # d fitted / d c, plateaus fixed
        d1 = ds * kx                            # d fitted / d ln k
        # Kaufman: the part of each derivative the plateaus cannot absorb (its residual on [1, s], or on s)
        if free:
            det = s0 * s2 - s1 * s1
            det = np.where(det > 1e-300, det, np.inf)
            j0, j1 = (_residual_on(ww, s, d, s0, s1, s2, det) for d in (ds, d1))
        else:
            inv = 1.0 / np.where(s2 > 0, s2, np.inf)
            j0, j1 = (d - (((ww * s * d) @ ones) * inv)[:, None] * s for d in (ds, d1))
        wj0 = ww * j0
        a11, a12, a22 = (wj0 * j0) @ ones, (wj0 * j1) @ ones, (ww * j1 * j1) @ ones
        wr = ww * resid
        g1, g2 = (wr * ds) @ ones, (wr * d1) @ ones
        m11, m22 = a11 * (1.0 + lam) + 1e-300, a22 * (1.0 + lam) + 1e-300
        dd = m11 * m22 - a12 * a12
        dd = np.where(dd > 0, dd, np.inf)
        trial = clipped(theta + np.column_stack([(m22 * g1 - a12 * g2) / dd, (m11 * g2 - a12 * g1) / dd]))
        tried = evaluate(trial, ww, v, s0, t0)
        better = np.isfinite(tried[-1]) & (tried[-1] <= sse)
        done = better & (sse - tried[-1] <= 1e-9 * (sse + 1e-300))
        lam = np.clip(np.where(better, lam / 3.0, lam * 4.0), 1e-12, 1e12)
        done |= lam > 1e8
        theta = np.where(better[:, None], trial, theta)
        state = [np.where(better[:, None] if a.ndim == 2 else better, b, a) for a, b in zip(state, tried)]
        if done.any():
            finished = active[done]
            for o, a in zip(out, (theta[:, 0], theta[:, 1], state[5], state[6], state[7])):
                o[finished] = a[done]
            keep = ~done
            active, theta, lam, ww, v, s0, t0 = (a[keep] for a in (active, theta, lam, ww, v, s0, t0))
            state = [a[keep] for a in state]
    for o, a in zip(out, (theta[:, 0], theta[:, 1], state[5], state[6], state[7])):
        o[active] = a
    c, lnk, base, amp, sse = out
    if lower is not None:
        base = np.full(rows, float(lower))
    return centre - c / np.exp(lnk), -lnk, base, amp, sse


def _residual_on(w: np.ndarray, s: np.ndarray, d: np.ndarray, s0: np.ndarray, s1: np.ndarray, s2: np.ndarray,
                 det: np.ndarray) -> np.ndarray:
    """d minus its weighted least-squares fit on [1, s], row by row, given sum(w), sum(w s), sum(w s^2) and their det."""
    ones = np.ones(d.shape[1])
    t0, t1 = (w * d) @ ones, (w * s * d) @ ones
    c0, c1 = (s2 * t0 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det
    return d - c0[:, None] - c1[:, None] * s


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


def percentiles(values: np.ndarray, levels: tuple[float, ...], *, axis: int = 0) -> list[np.ndarray]:
    """``np.percentile(values, level, axis=axis)`` for each level (its default, linear method, to the last bit).

    One sort serves every level, without numpy's per-call set-up, which dominates for the short
    arrays of a bootstrap (a few hundred resamples). ``values`` must be finite.
    """
    ordered = np.sort(np.asarray(values, dtype=float), axis=axis)
    n = ordered.shape[axis]
    out = []
    for level in levels:
        q = level / 100.0
        index = (n - 1) * q                         # numpy's virtual index for the linear method
        below = min(int(math.floor(index)), n - 1)
        above = min(below + 1, n - 1)
        t = index - below
        a, b = np.take(ordered, below, axis=axis), np.take(ordered, above, axis=axis)
        diff = b - a
        # numpy's _lerp: from the nearer end, so that t = 1 gives b exactly
        out.append(np.asarray(b - diff * (1.0 - t) if t >= 0.5 else a + diff * t))
    return out


def percentile_interval(values: np.ndarray, level: tuple[float, float] = LEVEL_95) -> tuple[float, float]:
    """The percentile interval of the finite values (NaN, NaN when there are none)."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return math.nan, math.nan
    low, high = percentiles(finite, level)
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
    low, high = percentiles(preds, LEVEL_95, axis=0)
    band = Band(xs, point.predict(xs)[0], low, high)
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


MAX_BATCH_CELLS = 32_768  # rows x sizes fitted at once: bounds the work arrays to a few MB and keeps them in cache
MAX_BATCH_ROWS = 4_096    # and rows at once, for the (rows x grid) arrays of the start
MIN_BATCH_ROWS = 128      # a chunk of a long curve still has enough rows to amortise numpy's per-call cost


def batch_rows(sizes: int) -> int:
    """How many rows :func:`fit_many` fits at once for curves of ``sizes`` points."""
    return max(MIN_BATCH_ROWS, min(MAX_BATCH_ROWS, MAX_BATCH_CELLS // max(sizes, 1)))


def fit_many(x: np.ndarray, ys: np.ndarray, weights: np.ndarray, *, lower: float | None = None,
             bounds: Bounds | None = None) -> SigmoidBatch:
    """:func:`fit_sigmoid` on many rows (curves x resamples) on the same sizes, in chunks of bounded memory.

    The time is about proportional to rows x sizes (the cells); memory is bounded by the chunk,
    :func:`batch_rows` rows at a time, whatever the number of rows.
    """
    x = np.asarray(x, dtype=float)
    bounds = bounds or Bounds.for_data(x)
    step = batch_rows(x.size)
    parts = [fit_sigmoid(x, ys[i:i + step], weights[i:i + step], lower=lower, bounds=bounds)
             for i in range(0, weights.shape[0], step)]
    return SigmoidBatch(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("lower", "upper", "midpoint", "width", "sse")))
