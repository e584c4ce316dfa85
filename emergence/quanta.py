"""Hypothesis 3, the quantization model of neural scaling (Michaud, Liu, Girit, Tegmark 2023).

Skills are discrete *quanta*, used with Zipf frequencies and learned in order of frequency
(SCIENCE.md 3.3). With exponent alpha > 0 the k-th quantum is used with frequency

    p_k = k^-(alpha+1) / zeta(alpha+1),

each quantum costs C parameters, so a model of N parameters has learned the first
n = floor(N / C) of them (n may be 0), and a prediction needing quantum k has loss b before it is
learned and a after. The mean loss over all predictions is then exactly

    L_n = a + (b - a) sum_{k>n} p_k = a + (b - a) zeta(alpha+1, n+1) / zeta(alpha+1),

with zeta(s, q) the Hurwitz zeta function, and for large n

    L_n ~ a + (b - a) / (alpha zeta(alpha+1)) n^-alpha,

a smooth power law in N although every single quantum switches on as a step at N = C k.
Losses are in nats (natural log); the default b = ln 2 is a binary guess at chance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence._numeric import first_whole
from emergence.thresholds import EmergencePoint

LN10 = math.log(10.0)


# --------------------------------------------------------------------------------------------
# the Zipf tail T(x) = zeta(s, x + 1) / zeta(s), shared with emergence.dimensions


def zipf_tail(x: np.ndarray | float, s: float) -> np.ndarray:
    """T(x) = zeta(s, x + 1) / zeta(s) for real x >= 0 and s > 1.

    At whole x = n it is the share of the Zipf mass beyond the first n terms,
    sum_{k>n} k^-s / sum_{k>=1} k^-s; between whole numbers it is the smooth (Hurwitz)
    continuation, decreasing from T(0) = 1 to 0 like x^(1-s) / ((s - 1) zeta(s)). Clipped to
    at most 1 (scipy's zeta(s, 1) and zeta(s) can differ in the last bit).
    """
    from scipy.special import zeta

    return np.minimum(zeta(s, np.asarray(x, dtype=float) + 1.0) / zeta(s), 1.0)


def zipf_tail_slope(x: np.ndarray | float, s: float) -> np.ndarray:
    """dT/dx = -s zeta(s + 1, x + 1) / zeta(s), since d zeta(s, q)/dq = -s zeta(s + 1, q)."""
    from scipy.special import zeta

    return -s * zeta(s + 1.0, np.asarray(x, dtype=float) + 1.0) / zeta(s)


def zipf_tail_crossing(level: float, s: float) -> tuple[int, float]:
    """Where T first falls to ``level`` in (0, 1]: (smallest whole n with T(n) <= level, real x with T(x) = level).

    The real crossing is found by bisection to the last bit of a float; the whole one is its
    ceiling, checked against T itself. A level of 1 or more gives (0, 0.0).
    """
    if level >= 1.0:
        return 0, 0.0
    low, high = 0.0, 1.0
    while float(zipf_tail(high, s)) > level:
        low, high = high, 2.0 * high
        if high > 1e300:
            raise check.ParameterError("tau", "is reached only beyond 1e300 terms; choose a larger level")
    while True:
        mid = 0.5 * (low + high)
        if mid in (low, high):
            break
        if float(zipf_tail(mid, s)) > level:
            low = mid
        else:
            high = mid
    return first_whole(high, lambda n: float(zipf_tail(n, s)) <= level, name="tau"), high


# --------------------------------------------------------------------------------------------
# the model


ALPHA_RANGE = (0.01, 10.0)  # Zipf exponents the sums and draws handle in float64


@dataclass(frozen=True)
class Quanta:
    """Michaud's model: Zipf exponent ``alpha`` > 0, ``capacity`` C parameters per quantum,
    loss ``loss_before`` (b) on a prediction whose quantum is not learned and ``loss_after`` (a)
    once it is, in nats, with 0 <= a < b."""

    alpha: float = 0.4
    capacity: float = 1.0
    loss_before: float = math.log(2.0)
    loss_after: float = 0.0

    def __post_init__(self) -> None:
        alpha = check.positive("alpha", self.alpha)
        if not ALPHA_RANGE[0] <= alpha <= ALPHA_RANGE[1]:
            raise check.ParameterError("alpha", f"must be in [{ALPHA_RANGE[0]:g}, {ALPHA_RANGE[1]:g}] (Michaud et al. fit about 0.4), got {alpha:g}")
        object.__setattr__(self, "alpha", alpha)
        object.__setattr__(self, "capacity", check.positive("capacity", self.capacity))
        after = check.in_range("loss_after", self.loss_after, 0.0, math.inf)
        before = check.positive("loss_before", self.loss_before)
        if not before > after:
            raise check.ParameterError("loss_before", f"must exceed the loss after learning ({after:g}), got {self.loss_before!r}")
        object.__setattr__(self, "loss_after", after)
        object.__setattr__(self, "loss_before", before)

    @property
    def s(self) -> float:
        """The Zipf exponent of the frequencies, s = alpha + 1."""
        return self.alpha + 1.0


def frequencies(k: np.ndarray | Sequence[int], alpha: float) -> np.ndarray:
    """p_k = k^-(alpha+1) / zeta(alpha+1) for whole k >= 1 (they sum to 1 over all k)."""
    from scipy.special import zeta

    alpha = check.positive("alpha", alpha)
    k = np.asarray(k, dtype=float)
    if np.any(k < 1) or np.any(k != np.floor(k)):
        raise check.ParameterError("quanta", "quantum indices are whole numbers from 1")
    return k ** -(alpha + 1.0) / zeta(alpha + 1.0)


def quanta_learned(sizes: np.ndarray | float, model: Quanta) -> np.ndarray:
    """n = floor(N / C): the number of quanta a model of N parameters has learned (0 when N < C)."""
    return np.floor(check.sizes("sizes", sizes) / model.capacity).astype(np.int64)


def loss(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """Exact mean loss after the first n quanta (nats): a + (b - a) zeta(alpha+1, n+1) / zeta(alpha+1)."""
    return model.loss_after + (model.loss_before - model.loss_after) * zipf_tail(n, model.s)


def loss_approx(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """Power-law approximation a + (b - a) / (alpha zeta(alpha+1)) n^-alpha (nats); infinite at n = 0.

    Poor at small n (alpha = 0.4, b - a = ln 2: 0.558 at n = 1 against the exact 0.470).
    """
    from scipy.special import zeta

    n = np.asarray(n, dtype=float)
    scale = (model.loss_before - model.loss_after) / (model.alpha * zeta(model.s))
    with np.errstate(divide="ignore"):
        return model.loss_after + scale * n**-model.alpha


def quantum_losses(sizes: np.ndarray, quanta: Sequence[int], model: Quanta) -> np.ndarray:
    """Loss on predictions that need quantum k: b for N < C k, a from N = C k on (a step per quantum).

    Returns a len(quanta) x len(sizes) array. The frequency-weighted sum over all k,
    sum_k p_k loss_k(N), is the mean loss :func:`loss` of ``quanta_learned(N)``.
    """
    k = np.asarray(quanta, dtype=np.int64)
    frequencies(k, model.alpha)  # validates the indices
    learned = quanta_learned(sizes, model)
    return np.where(learned[None, :] >= k[:, None], model.loss_after, model.loss_before)


def sample_loss(sizes: np.ndarray, quanta: Sequence[int], model: Quanta) -> np.ndarray:
    """Loss on a sample that needs all of ``quanta``: b - (b - a) (share of them learned).

    One quantum (a *monogenic* sample) gives a sharp step; many quanta spread along the order of
    learning (a *polygenic* sample) give a loss that falls in many small steps.
    """
    return np.mean(quantum_losses(sizes, quanta, model), axis=0)


def draw_quanta(m: int, max_index: int, model: Quanta, rng: np.random.Generator) -> tuple[int, ...]:
    """m distinct quanta among 1..max_index, drawn in proportion to their use frequencies p_k.

    (Sequential draws without replacement; a polygenic sample needs frequent quanta more often.)
    """
    m = check.positive_int("polygenic", m)
    max_index = check.positive_int("sizes", max_index)
    if m > max_index:
        raise check.ParameterError("polygenic", f"asks for {m} quanta but only {max_index} can be learned within the sizes")
    p = frequencies(np.arange(1, max_index + 1), model.alpha)
    picked = rng.choice(max_index, size=m, replace=False, p=p / p.sum()) + 1
    return tuple(sorted(int(k) for k in picked))


def loss_level(tau: float, model: Quanta) -> EmergencePoint:
    """The smallest scale at which the mean loss falls to ``tau`` nats, and how fast that moves.

    ``at`` = C n* with n* the fewest quanta giving L_n <= tau; ``smooth`` = C x with x the real
    solution of the Hurwitz continuation; ``sensitivity`` = d log10 N*/d tau in decades of N per
    nat, 1 / (ln 10 x dL/dx), negative: a stricter (lower) level needs a larger model.
    Needs a < tau < b.
    """
    a, b = model.loss_after, model.loss_before
    tau = check.positive("tau", tau)
    if not a < tau < b:
        raise check.ParameterError("tau", f"loss levels must lie strictly between a = {a:g} and b = {b:g} nats, got {tau:g}")
    n, x = zipf_tail_crossing((tau - a) / (b - a), model.s)
    slope = (b - a) * float(zipf_tail_slope(x, model.s))
    return EmergencePoint(tau, model.capacity * n, model.capacity * x, 1.0 / (LN10 * x * slope))


def power_law_exponent(sizes: np.ndarray, mean_loss: np.ndarray, model: Quanta, *, min_quanta: int = 10) -> float:
    """The measured exponent: minus the least-squares slope of ln(L - a) against ln N (NaN if < 2 points).

    Only sizes with at least ``min_quanta`` learned are used, where the power law applies; the
    theory says the slope is alpha (alpha_N = alpha).
    """
    sizes = check.sizes("sizes", sizes)
    use = quanta_learned(sizes, model) >= min_quanta
    if use.sum() < 2:
        return math.nan
    slope = np.polyfit(np.log(sizes[use]), np.log(np.asarray(mean_loss)[use] - model.loss_after), 1)[0]
    return float(-slope)


@dataclass(frozen=True)
class QuantaCurves:
    """Everything the H3c table and figure show.

    - ``sizes`` (parameters), ``learned`` = floor(N / C), ``loss`` exact and ``loss_approx``
      (infinite where nothing is learned) in nats, ``fitted_alpha`` from :func:`power_law_exponent`.
    - ``quanta``: the quanta drawn one by one, ``quantum_loss`` their step curves.
    - ``monogenic``/``polygenic``: the quanta each sample needs, with their loss curves.
    - ``points``: for each loss level tau, where the mean loss reaches it (:func:`loss_level`).
    """

    model: Quanta
    sizes: np.ndarray
    learned: np.ndarray
    loss: np.ndarray
    loss_approx: np.ndarray
    fitted_alpha: float
    quanta: tuple[int, ...]
    quantum_loss: np.ndarray
    monogenic: tuple[int, ...]
    monogenic_loss: np.ndarray
    polygenic: tuple[int, ...]
    polygenic_loss: np.ndarray
    points: tuple[EmergencePoint, ...]


def curves(
    model: Quanta,
    sizes: np.ndarray | None = None,
    taus: Sequence[float] = (0.2, 0.1, 0.05),
    *,
    polygenic: int = 30,
    rng: np.random.Generator | None = None,
) -> QuantaCurves:
    """Mean loss, per-quantum steps and sample curves over ``sizes`` (parameters; default 1 to 1e5).

    The quanta drawn one by one are the powers of ten learned before the largest size; the monogenic
    sample needs the quantum at the geometric middle of the learnable range; the polygenic sample
    needs ``polygenic`` quanta drawn by :func:`draw_quanta` (``rng`` required; 0 for none).
    """
    sizes = check.sizes("sizes", np.logspace(0.0, 5.0, 201) if sizes is None else sizes)
    learned = quanta_learned(sizes, model)
    top = int(learned.max())
    if top < 1:
        raise check.ParameterError("sizes", f"no quantum is learned below N = C = {model.capacity:g}; use larger sizes")
    polygenic = check.positive_int("polygenic", polygenic, minimum=0)
    if polygenic and rng is None:
        raise check.ParameterError("seed", "a polygenic sample needs a random generator (rng)")
    first = int(learned[learned > 0].min())
    shown = tuple(10**j for j in range(int(math.log10(top)) + 1) if 10**j < top) or (1,)
    mono = (max(1, round(math.sqrt(first * top))),)
    poly = draw_quanta(polygenic, top, model, rng) if polygenic else ()
    mean = loss(learned, model)
    return QuantaCurves(
        model=model,
        sizes=sizes,
        learned=learned,
        loss=mean,
        loss_approx=loss_approx(learned, model),
        fitted_alpha=power_law_exponent(sizes, mean, model),
        quanta=shown,
        quantum_loss=quantum_losses(sizes, shown, model),
        monogenic=mono,
        monogenic_loss=sample_loss(sizes, mono, model),
        polygenic=poly,
        polygenic_loss=sample_loss(sizes, poly, model) if poly else np.zeros(0),
        points=tuple(loss_level(tau, model) for tau in taus),
    )
