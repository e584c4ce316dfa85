"""How sudden does a curve of scores against model size look? Scores for any metric, any data.

All functions take model sizes ``x`` (any positive scale: parameters, FLOPs, tokens) and scores
``y`` of the same length, in any order; the points are sorted by size first (a stable sort, so
models of equal size keep their input order). They work the same on simulated curves and on
real benchmark results.

Breakthroughness (BIG-bench, Srivastava et al. 2022; Schaeffer et al. 2023, eq. 1, who call it
the emergence score), with the points sorted by size:

    B = sign(argmax_i y_i - argmin_i y_i) * (max y - min y) / sqrt(median_i (y_i - y_{i-1})**2)

It is large when most of the change happens in a few steps between neighbouring models.
``argmax``/``argmin`` take the first index on ties. Every metric is scored in its own
*orientation*, which the caller must state: ``"higher"`` (accuracy, exact match, grade) uses y
as it is; ``"lower"`` (edit distance, Brier score, loss) uses -y, so that B > 0 always means
"improved with scale". Nothing is negated without being asked.

Two other numbers describe the same curve:

- ``linearity_r2``: R**2 of the least-squares line y = a + b log10 x. Near 1 for a curve that
  climbs steadily with log size; low for a step. (This is *not* BIG-bench's linearity score,
  whose formula we could not verify.)
- ``largest_step_share``: max |y_i - y_{i-1}| / (max y - min y), the fraction of the whole change
  made between two neighbouring models. It grows when the grid of sizes is sparse.

All three depend on the window and the density of sizes; compare metrics on the same sizes.
They are ratios, unchanged when every score is multiplied by the same number, and are computed
on the scores rescaled by a power of two, so that scores near 1e300 (a log-probability of a
long answer, say) or 1e-300 give the right numbers instead of overflowing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from emergence._validate import ParameterError
from emergence.results import Result

ORIENTATIONS = ("higher", "lower")


def _sorted_curve(sizes, values, orientation: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Validate, sort by size and (when an orientation is given) orient the scores."""
    x = np.asarray(sizes, dtype=float).ravel()
    y = np.asarray(values, dtype=float).ravel()
    if x.size != y.size:
        raise ParameterError("values", f"has {y.size} scores for {x.size} sizes")
    if x.size < 2:
        raise ParameterError("values", "needs scores for at least 2 model sizes")
    if np.any(~np.isfinite(x)) or np.any(x <= 0):
        raise ParameterError("sizes", "model sizes must be finite and greater than 0")
    if np.any(~np.isfinite(y)):
        raise ParameterError("values", "scores must be finite numbers (no NaN or infinity)")
    if orientation is not None and orientation not in ORIENTATIONS:
        raise ParameterError("orientation", f"must be 'higher' or 'lower' (which way is better), got {orientation!r}")
    order = np.argsort(x, kind="stable")
    y = y[order]
    return x[order], (-y if orientation == "lower" else y)


def _rescaled(values: np.ndarray) -> np.ndarray:
    """``values`` times a power of two that brings the largest magnitude into [0.5, 1).

    Multiplying by a power of two is exact, and every number here (breakthroughness, R**2, step
    share) is a ratio that does not change with the scale, so scores near 1e300 or 1e-300 can be
    squared and subtracted without overflowing or underflowing. A curve of zeros is returned as is.
    """
    largest = float(np.max(np.abs(values)))
    if largest == 0.0:
        return values
    return np.ldexp(values, -math.frexp(largest)[1])


def breakthroughness(sizes, values, *, orientation: str, clip: bool = False) -> float:
    """BIG-bench breakthroughness (Schaeffer's emergence score) of the curve ``values`` against ``sizes``.

    B = sign(argmax y - argmin y) (max y - min y) / sqrt(median (y_i - y_{i-1})**2), with the
    points sorted by size and y = values (``orientation="higher"``) or -values (``"lower"``).
    The root of the median square is taken as the median of |y_i - y_{i-1}| (for an even number
    of steps, the root mean square of the two middle ones), on the rescaled curve: no square of a
    score is ever formed, so scores of any finite size give the right number.

    A curve that is flat except for a few steps has a median step of 0: B is then +inf or -inf
    (never NaN, never an error). A constant curve has B = 0. ``clip=True`` clips to [0, 100]
    like some public re-implementations do (so infinity becomes 100 and a falling curve 0).
    """
    _, y = _sorted_curve(sizes, values, orientation)
    y = _rescaled(y)
    spread = float(y.max() - y.min())
    if spread == 0.0:
        return 0.0
    sign = math.copysign(1.0, float(np.argmax(y)) - float(np.argmin(y)))
    steps = np.sort(np.abs(np.diff(y)))
    middle = steps.size // 2
    if steps.size % 2:
        median_step = float(steps[middle])
    else:
        median_step = math.hypot(float(steps[middle - 1]), float(steps[middle])) / math.sqrt(2.0)
    score = sign * spread / median_step if median_step > 0 else sign * math.inf
    return min(max(score, 0.0), 100.0) if clip else score


def linearity_r2(sizes, values) -> float:
    """R**2 of the least-squares line values = a + b log10(sizes); NaN for a constant curve.

    1 means the scores climb (or fall) steadily with log size; a step gives a low R**2.
    The same for both orientations. Computed on the centred curve rescaled by a power of two,
    so it holds for scores of any finite size.
    """
    x, y = _sorted_curve(sizes, values)
    y = _rescaled(y)
    y = _rescaled(y - y.mean())
    total = float(np.sum(y * y))
    if total == 0.0:
        return math.nan
    u = np.log10(x)
    u = u - u.mean()
    if not np.any(u):
        return 0.0
    slope = float(np.sum(u * y) / np.sum(u * u))
    residual = float(np.sum((y - slope * u) ** 2))
    return 1.0 - residual / total


def largest_step_share(sizes, values) -> float:
    """max |y_i - y_{i-1}| / (max y - min y) with points sorted by size; NaN for a constant curve.

    The fraction of the whole change made between two neighbouring models: 1 / (n - 1) for an
    even ramp of n points, 1 for a single step.
    """
    _, y = _sorted_curve(sizes, values)
    y = _rescaled(y)
    spread = float(y.max() - y.min())
    if spread == 0.0:
        return math.nan
    return float(np.max(np.abs(np.diff(y)))) / spread


@dataclass(frozen=True)
class Sharpness(Result):
    """The three sharpness numbers of one curve.

    ``breakthroughness`` is oriented (see :func:`breakthroughness`) and may be +-inf;
    ``linearity_r2`` and ``largest_step_share`` are NaN for a constant curve. ``undefined`` says
    why a number is not finite: None, ``"zero_median_step"`` (B is infinite: most neighbouring
    models score the same) or ``"flat"`` (the curve does not change at all).
    """

    orientation: str
    breakthroughness: float
    linearity_r2: float
    largest_step_share: float
    undefined: str | None


def sharpness(sizes, values, *, orientation: str) -> Sharpness:
    """Breakthroughness, linearity R**2 and largest step share of one curve (see the module doc)."""
    b = breakthroughness(sizes, values, orientation=orientation)
    r2 = linearity_r2(sizes, values)
    if math.isnan(r2):
        undefined: str | None = "flat"
    elif math.isinf(b):
        undefined = "zero_median_step"
    else:
        undefined = None
    return Sharpness(orientation, b, r2, largest_step_share(sizes, values), undefined)
