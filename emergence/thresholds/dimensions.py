"""The "dimensions needed" model: the blog's bullet example (SCIENCE.md 3.2).

The blog: with 3 numbers you can describe a bullet's *shape*, with 4 its *position*, and with
more you can predict its *flight*. Here a model with d parameters has capability j iff
d >= d_j (a **capability ladder**, default shape 3, position 4, trajectory 6 = initial position 3
+ velocity 3 under gravity in vacuum; 7 would add a drag coefficient), so the number of
capabilities present is a staircase in d.

Underneath the staircase lies a smooth curve. Let the object have coefficient energies
E_j = j^-s (s > 1) in an orthonormal basis; keeping the first d coefficients leaves the relative
error

    R(d) = sum_{j>d} j^-s / zeta(s) = zeta(s, d+1) / zeta(s)     (Hurwitz zeta),

about d^(1-s) / ((s - 1) zeta(s)) for large d. A capability is "recognisable" once R(d) <= tau,
so each rung of the ladder is a tolerance crossed on that smooth curve: d_j is where R(d) passes
tau_j = R(d_j).

The projectile demo makes the difference concrete: a least-squares polynomial with d
coefficients fitted to y = 10 t - 4.9 t^2 (metres, t in seconds) has a *genuine* threshold at
d = 3, whatever the tolerance, because the target lies in a 3-dimensional model class; with air
drag or measurement noise the error falls smoothly and the "needed" d moves with the tolerance.

Assumptions: d is the number of parameters itself (one per coefficient); the energies follow the
power law j^-s exactly; drag is linear in the velocity. The Hurwitz zeta is summed in numpy
(:mod:`emergence.thresholds._zeta`), in log space, so any s > 1 works (s = 1e20 puts all the energy
in the first coefficient: every tolerance needs d* = 1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.results import Result
from emergence.thresholds import EmergencePoint, levels
from emergence.thresholds._zeta import X_MAX, log_zeta, log_zipf_tail_slope, zipf_tail, zipf_tail_crossing, zipf_tail_whole

DEFAULT_LADDER = {"shape": 3, "position": 4, "trajectory": 6}
GRAVITY = 9.8  # m/s^2, so that g / 2 = 4.9
SPEED = 10.0  # m/s, initial upward speed
TIMES = np.linspace(0.0, 1.0, 11)  # s
PROJECTILE_TOLERANCES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-6)  # m, RMSE levels for the "needed" d
SCENARIOS = ("vacuum", "drag", "noise")
MAX_DIMS = 10_000  # parameters on the d axis of the table and the figure
MAX_RUNGS = 20  # capabilities in a ladder: each is a table row and a mark in the figure
MAX_NOISE = 1e3  # m: far beyond the 5 m flight, still far from overflow in the squared errors


@dataclass(frozen=True)
class Ladder:
    """Capabilities and the number of parameters each needs, ordered by that number.

    >>> ladder().rungs
    (('shape', 3), ('position', 4), ('trajectory', 6))
    """

    rungs: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        if not self.rungs:
            raise check.ParameterError("ladder", "needs at least one capability")
        names = [name.strip() for name, _ in self.rungs]
        if any(not name for name in names):
            raise check.ParameterError("ladder", "capability names cannot be empty")
        if len(set(names)) != len(names):
            raise check.ParameterError("ladder", f"capability names must differ, got {', '.join(names)}")
        if len(names) > MAX_RUNGS:
            raise check.ParameterError("ladder", f"at most {MAX_RUNGS} capabilities, got {len(names)}")
        dims = [check.positive_int("ladder", d, maximum=MAX_DIMS) for _, d in self.rungs]
        object.__setattr__(self, "rungs", tuple(sorted(zip(names, dims), key=lambda r: r[1])))

    @property
    def names(self) -> tuple[str, ...]:
        """Capability names, fewest parameters first."""
        return tuple(name for name, _ in self.rungs)

    @property
    def dims(self) -> np.ndarray:
        """Parameters each capability needs, d_j."""
        return np.array([d for _, d in self.rungs], dtype=np.int64)


def ladder(required: Mapping[str, int] | None = None) -> Ladder:
    """A :class:`Ladder` from ``{name: parameters needed}`` (default: shape 3, position 4, trajectory 6)."""
    return Ladder(tuple((required or DEFAULT_LADDER).items()))


def present(steps: Ladder, dims: np.ndarray | Sequence[int]) -> np.ndarray:
    """1[d >= d_j]: which capability is present with d parameters (capabilities x dims, bool)."""
    return np.asarray(dims)[None, :] >= steps.dims[:, None]


def staircase(steps: Ladder, dims: np.ndarray | Sequence[int]) -> np.ndarray:
    """The number of capabilities present with d parameters: sum_j 1[d >= d_j]."""
    return present(steps, dims).sum(axis=0)


def _exponent(s: float) -> float:
    s = check.positive("s", s)
    if not s > 1.0:
        raise check.ParameterError("s", f"the energies j^-s must be summable: s > 1, got {s:g}")
    if s > 1e300:
        raise check.ParameterError("s", f"must be at most 1e300 (beyond, j^-s overflows a float), got {s:g}")
    return s


def truncation_error(dims: np.ndarray | float, s: float = 2.0) -> np.ndarray:
    """R(d) = zeta(s, d+1) / zeta(s): the share of energy E_j = j^-s beyond the first d coefficients.

    Exact for whole d >= 0 (R(0) = 1); real d gives the smooth Hurwitz continuation. Values
    below the smallest float (s very large) are 0.
    """
    d = np.asarray(dims, dtype=float)
    if np.any(~(d >= 0.0)) or np.any(~np.isfinite(d)):
        raise check.ParameterError("max_dims", "numbers of parameters must be finite and 0 or more")
    return zipf_tail(d, _exponent(s))


def truncation_error_approx(dims: np.ndarray | float, s: float = 2.0) -> np.ndarray:
    """The large-d form d^(1-s) / ((s - 1) zeta(s)) of :func:`truncation_error` (infinite at d = 0)."""
    s = _exponent(s)
    d = np.asarray(dims, dtype=float)
    with np.errstate(divide="ignore", under="ignore"):
        return np.exp((1.0 - s) * np.log(d) - math.log(s - 1.0) - log_zeta(s))


def dims_needed(tau: float, s: float = 2.0) -> EmergencePoint:
    """Parameters needed for a relative error of at most ``tau`` in (0, 1), and how that moves with tau.

    ``at`` is the whole d* = min{d : R(d) <= tau}; ``smooth`` the real d with R(d) = tau;
    ``sensitivity`` = dd/dtau = 1 / R'(d) = -zeta(s) / (s zeta(s+1, d+1)), in parameters per unit
    of tolerance (negative: a stricter tolerance needs more parameters). A tolerance that needs
    more than 1e300 parameters, or whose d moves faster than a float can hold, is refused.
    """
    s = _exponent(s)
    tau = levels("tau", (tau,))[0]
    x = float(zipf_tail_crossing(tau, s))
    if math.isnan(x):
        raise check.ParameterError("tau", f"{tau:g} needs more than {X_MAX:g} parameters with s = {s:g}; choose a larger tolerance or s")
    with np.errstate(over="ignore"):
        sensitivity = -float(np.exp(-log_zipf_tail_slope(x, s)))
    if not math.isfinite(sensitivity):
        raise check.ParameterError("tau", f"{tau:g}: the parameters needed move faster with the tolerance than a float can hold (s = {s:g})")
    return EmergencePoint(tau, float(zipf_tail_whole(x, tau, s, name="tau")), x, sensitivity)


# --------------------------------------------------------------------------------------------
# the projectile demo


def trajectory(t: np.ndarray, drag: float = 0.0) -> np.ndarray:
    """Height y(t) in metres of a body thrown up at 10 m/s under g = 9.8 m/s^2, with linear drag k (1/s).

    k = 0: y = 10 t - 4.9 t^2. k > 0 (dv/dt = -g - k v): y = (v0 + g/k)(1 - e^{-k t})/k - g t / k,
    which is no polynomial, so no finite number of coefficients fits it exactly. That form
    cancels catastrophically for small k t; it is computed as y = v0 t f1(k t) - g t^2 f2(k t) with
    f1(x) = (1 - e^-x)/x and f2(x) = (x - 1 + e^-x)/x^2 (a power series below x = 1/2), which
    tends to the vacuum path to the last bit as k -> 0.
    """
    k = check.in_range("drag", drag, 0.0, math.inf)
    t = np.asarray(t, dtype=float)
    x = k * t
    small = x < 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(x > 0, -np.expm1(-x) / x, 1.0)
        f2 = np.where(small, _f2_series(np.where(small, x, 0.0)), (1.0 + np.expm1(-x) / x) / x)
    return SPEED * t * f1 - GRAVITY * t**2 * f2


def _f2_series(x: np.ndarray) -> np.ndarray:
    """(x - 1 + e^-x) / x^2 = sum_{n>=0} (-x)^n / (n + 2)! for 0 <= x < 1/2 (20 terms: below 1e-25)."""
    total = np.zeros_like(x)
    term = np.full_like(x, 0.5)
    for n in range(20):
        total += term
        term = term * -x / (n + 3)
    return total


def fit_rmse(t: np.ndarray, y: np.ndarray, dims: Sequence[int] | np.ndarray, truth: np.ndarray | None = None) -> np.ndarray:
    """Root-mean-square error (units of y) of the least-squares polynomial with d coefficients (degree d - 1).

    The polynomial is fitted to (t, y) with ``numpy.linalg.lstsq`` on the Vandermonde matrix
    (d must not exceed len(t)) and compared at t with ``truth`` (default: y itself, the residual).
    Against the noise-free truth, a fit to noisy data shows over-fitting instead of hiding it.
    """
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    target = y if truth is None else np.asarray(truth, dtype=float)
    out = []
    for d in dims:
        d = check.positive_int("max_dims", d)
        if d > t.size:
            raise check.ParameterError("max_dims", f"{d} coefficients cannot be fitted to {t.size} points")
        basis = np.vander(t, d, increasing=True)
        coef = np.linalg.lstsq(basis, y, rcond=None)[0]
        out.append(math.sqrt(float(np.mean((basis @ coef - target) ** 2))))
    return np.array(out)


def fitted_curve(t: np.ndarray, y: np.ndarray, d: int, at: np.ndarray) -> np.ndarray:
    """The least-squares polynomial with d coefficients through (t, y), evaluated at ``at``."""
    coef = np.linalg.lstsq(np.vander(np.asarray(t, dtype=float), d, increasing=True), y, rcond=None)[0]
    return np.vander(np.asarray(at, dtype=float), d, increasing=True) @ coef


def first_below(values: np.ndarray, dims: np.ndarray, tolerance: float) -> float:
    """The smallest d whose value is at most ``tolerance`` (NaN if none): the "needed" parameters."""
    hit = np.flatnonzero(np.asarray(values) <= tolerance)
    return float(dims[hit[0]]) if hit.size else math.nan


@dataclass(frozen=True)
class Projectile(Result):
    """Fits of the projectile with d = 1..max coefficients in three scenarios.

    ``data[i]`` are the heights (m) at ``t`` for ``SCENARIOS[i]``: vacuum, linear drag ``drag``
    (1/s), and vacuum plus Gaussian noise of ``noise`` m. ``rmse[i, j]`` is the fit's RMSE (m)
    with ``dims[j]`` coefficients; ``needed[i, m]`` the fewest coefficients with RMSE <=
    ``tolerances[m]`` (NaN: none). ``fine_t`` and ``fits[d-1]`` draw the vacuum fits, d = 1..3.
    """

    t: np.ndarray
    drag: float
    noise: float
    data: np.ndarray
    dims: np.ndarray
    rmse: np.ndarray
    tolerances: tuple[float, ...]
    needed: np.ndarray
    fine_t: np.ndarray
    fits: np.ndarray


def projectile(
    drag: float = 1.0,
    noise: float = 0.05,
    *,
    max_dims: int = 10,
    tolerances: Sequence[float] = PROJECTILE_TOLERANCES,
    rng: np.random.Generator | None = None,
) -> Projectile:
    """Fit the projectile on t = 0, 0.1, ..., 1 s with 1..min(max_dims, 10) coefficients.

    Noise (standard deviation ``noise`` m, needs ``rng`` when > 0) is added to the vacuum heights;
    every fit is scored against its noise-free path (vacuum or drag), so the noisy row shows how
    well the path is recovered: best near d = 3, worse again as extra coefficients fit the noise.
    At most 10 coefficients: 11 would interpolate the 11 points, noise included.
    """
    noise = check.in_range("noise", noise, 0.0, MAX_NOISE)
    if noise > 0 and rng is None:
        raise check.ParameterError("seed", "noise needs a random generator (rng)")
    dims = np.arange(1, min(check.positive_int("max_dims", max_dims), TIMES.size - 1) + 1)
    vacuum = trajectory(TIMES)
    noisy = vacuum + rng.normal(0.0, noise, TIMES.size) if rng is not None and noise > 0 else vacuum
    data = np.array([vacuum, trajectory(TIMES, drag), noisy])
    rmse = np.array([fit_rmse(TIMES, y, dims, truth) for y, truth in zip(data, (vacuum, data[1], vacuum))])
    tolerances = tuple(check.positive("tolerances", x) for x in tolerances)
    if len(tolerances) > MAX_RUNGS:
        raise check.ParameterError("tolerances", f"at most {MAX_RUNGS}, got {len(tolerances)}")
    fine = np.linspace(0.0, 1.0, 101)
    return Projectile(
        t=TIMES.copy(),
        drag=float(drag),
        noise=noise,
        data=data,
        dims=dims,
        rmse=rmse,
        tolerances=tolerances,
        needed=np.array([[first_below(row, dims, tol) for tol in tolerances] for row in rmse]),
        fine_t=fine,
        fits=np.array([fitted_curve(TIMES, vacuum, d, fine) for d in (1, 2, 3)]),
    )


@dataclass(frozen=True)
class DimensionCurves(Result):
    """Everything the bullet-example table and figure show.

    - ``ladder``; ``dims`` = 0..max_dims; ``count``, the staircase, and ``present`` (a property:
      capabilities x dims, bool).
    - ``error`` = R(d) at whole d for energy exponent ``s`` and ``error_approx`` its large-d form
      (infinite at d = 0); ``smooth_dims`` (real, from 1), ``smooth_error`` and ``smooth_approx``
      the same on a continuous axis.
    - ``rung_windows[j]``: (R(d_j), R(d_j - 1)), the tolerances that make capability j appear
      exactly at d_j.
    - ``points``: for each tolerance tau, :func:`dims_needed`.
    - ``projectile``: the fitting demo.
    """

    ladder: Ladder
    s: float
    dims: np.ndarray
    count: np.ndarray
    error: np.ndarray
    error_approx: np.ndarray
    smooth_dims: np.ndarray
    smooth_error: np.ndarray
    smooth_approx: np.ndarray
    rung_windows: tuple[tuple[float, float], ...]
    points: tuple[EmergencePoint, ...]
    projectile: Projectile

    @property
    def present(self) -> np.ndarray:
        """1[d >= d_j] for each capability and d (:func:`present`)."""
        return present(self.ladder, self.dims)

    @property
    def underflow(self) -> bool:
        """True when R(d) is below the smallest float (shown as 0) for some d >= 1 (a very large s)."""
        return bool(np.any(self.error[1:] == 0.0))


def curves(
    steps: Ladder | None = None,
    *,
    s: float = 2.0,
    taus: Sequence[float] = (0.2, 0.1, 0.05),
    max_dims: int = 10,
    drag: float = 1.0,
    noise: float = 0.05,
    rng: np.random.Generator | None = None,
) -> DimensionCurves:
    """The ladder, the smooth error underneath it, tolerance crossings and the projectile demo.

    ``max_dims`` (at least the largest rung) bounds the d axis; ``drag``, ``noise`` and ``rng``
    go to :func:`projectile`.
    """
    steps = steps or ladder()
    s = _exponent(s)
    top = int(steps.dims.max())
    max_dims = check.positive_int("max_dims", max_dims, maximum=MAX_DIMS)
    if max_dims < top:
        raise check.ParameterError("max_dims", f"must reach the largest rung of the ladder ({top}), got {max_dims}")
    taus = levels("tau", taus)
    dims = np.arange(max_dims + 1)
    smooth = np.geomspace(1.0, max_dims, 200)
    windows = tuple((float(truncation_error(d, s)), float(truncation_error(d - 1, s))) for d in steps.dims)
    return DimensionCurves(
        ladder=steps,
        s=s,
        dims=dims,
        count=staircase(steps, dims),
        error=truncation_error(dims, s),
        error_approx=truncation_error_approx(dims, s),
        smooth_dims=smooth,
        smooth_error=truncation_error(smooth, s),
        smooth_approx=truncation_error_approx(smooth, s),
        rung_windows=windows,
        points=tuple(dims_needed(tau, s) for tau in taus),
        projectile=projectile(drag, noise, max_dims=max_dims, rng=rng),
    )
