"""The quantization model of neural scaling (Michaud, Liu, Girit, Tegmark 2023; SCIENCE.md 3.3).

Skills are discrete *quanta*, used with Zipf frequencies and learned in order of frequency.
With exponent alpha > 0 the k-th quantum is used with frequency

    p_k = k^-(alpha+1) / zeta(alpha+1),

each quantum costs C parameters, so a model of N parameters has learned the first
n = floor(N / C) of them (n may be 0), and a prediction needing quantum k has loss b before it is
learned and a after. The mean loss over all predictions is then exactly

    L_n = a + (b - a) sum_{k>n} p_k = a + (b - a) zeta(alpha+1, n+1) / zeta(alpha+1),

with zeta(s, q) the Hurwitz zeta function, and for large n

    L_n ~ a + (b - a) / (alpha zeta(alpha+1)) n^-alpha,

a smooth power law in N although every single quantum switches on as a step at N = C k.
Losses are in nats (natural log); the default b = ln 2 is a binary guess at chance.

Assumptions: every quantum costs the same C parameters and is learned exactly when it fits (no
seed noise); a sample needing m quanta loses b - (b - a) (share of them learned). Nothing here
holds an array over all learnable quanta: the sums are Hurwitz zeta closed forms
(:mod:`emergence.thresholds._zeta`, in log space) and the polygenic draw touches at most
``HEAD`` quanta explicitly, so a model of 1e30 parameters costs no more memory than one of 1e3.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from emergence import _validate as check
from emergence.results import Result
from emergence.thresholds import MAX_LEVELS, EmergencePoint
from emergence.thresholds import sizes as check_sizes
from emergence.thresholds._zeta import (
    X_MAX,
    log_hurwitz,
    log_zeta,
    log_zipf_tail,
    log_zipf_tail_crossing,
    log_zipf_tail_slope,
    zipf_tail,
    zipf_tail_crossing,
    zipf_tail_whole,
)

LN10 = math.log(10.0)
ALPHA_RANGE = (0.01, 10.0)  # Zipf exponents (Michaud et al. fit about 0.4)
CAPACITY_RANGE = (1e-10, 1e30)  # parameters per quantum
MAX_POLYGENIC = 1000  # quanta one polygenic sample needs
MAX_SHOWN = 8  # quanta drawn one by one as steps
HEAD = 1 << 16  # the polygenic draw keys these first quanta one by one; the rest through the Zipf tail


@dataclass(frozen=True)
class Quanta(Result):
    """Michaud's model: Zipf exponent ``alpha`` in [0.01, 10], ``capacity`` C parameters per quantum
    (1e-10 to 1e30), loss ``loss_before`` (b) on a prediction whose quantum is not learned and
    ``loss_after`` (a) once it is, in nats, with 0 <= a < b."""

    alpha: float = 0.4
    capacity: float = 1.0
    loss_before: float = math.log(2.0)
    loss_after: float = 0.0

    def __post_init__(self) -> None:
        alpha = check.positive("alpha", self.alpha)
        if not ALPHA_RANGE[0] <= alpha <= ALPHA_RANGE[1]:
            raise check.ParameterError("alpha", f"must be in [{ALPHA_RANGE[0]:g}, {ALPHA_RANGE[1]:g}] (Michaud et al. fit about 0.4), got {alpha:g}")
        object.__setattr__(self, "alpha", alpha)
        object.__setattr__(self, "capacity", check.in_range("capacity", self.capacity, *CAPACITY_RANGE))
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
    alpha = check.positive("alpha", alpha)
    k = np.asarray(k, dtype=float)
    if np.any(~np.isfinite(k)) or np.any(k < 1) or np.any(k != np.floor(k)):
        raise check.ParameterError("quanta", "quantum indices are whole numbers from 1")
    with np.errstate(under="ignore"):
        return np.exp(-(alpha + 1.0) * np.log(k) - log_zeta(alpha + 1.0))


def quanta_learned(sizes: np.ndarray | float, model: Quanta) -> np.ndarray:
    """n = floor(N / C): the number of quanta a model of N parameters has learned (0 when N < C).

    Whole numbers held as floats: beyond 2**53 they are the nearest float, as N / C is.
    """
    n = np.floor(check.sizes("sizes", sizes) / model.capacity)
    if np.any(n > X_MAX):
        raise check.ParameterError("sizes", f"N / C must stay below {X_MAX:g} quanta")
    return n


def loss(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """Exact mean loss after the first n quanta (nats): a + (b - a) zeta(alpha+1, n+1) / zeta(alpha+1)."""
    return model.loss_after + excess_loss(n, model)


def excess_loss(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """L_n - a = (b - a) T(n), formed directly (not as a difference), so it stays accurate when small."""
    return (model.loss_before - model.loss_after) * zipf_tail(n, model.s)


def loss_approx(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """Power-law approximation a + (b - a) / (alpha zeta(alpha+1)) n^-alpha (nats); infinite at n = 0.

    Poor at small n (alpha = 0.4, b - a = ln 2: 0.558 at n = 1 against the exact 0.470).
    """
    return model.loss_after + excess_loss_approx(n, model)


def excess_loss_approx(n: np.ndarray | float, model: Quanta) -> np.ndarray:
    """(b - a) / (alpha zeta(alpha+1)) n^-alpha: the power law for L - a, formed directly (infinite at n = 0)."""
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", under="ignore"):
        log_scale = math.log(model.loss_before - model.loss_after) - math.log(model.alpha) - log_zeta(model.s)
        return np.exp(log_scale - model.alpha * np.log(n))


def quantum_losses(sizes: np.ndarray, quanta: Sequence[int], model: Quanta) -> np.ndarray:
    """Loss on predictions that need quantum k: b for N < C k, a from N = C k on (a step per quantum).

    Returns a len(quanta) x len(sizes) array. The frequency-weighted sum over all k,
    sum_k p_k loss_k(N), is the mean loss :func:`loss` of ``quanta_learned(N)``.
    """
    k = np.asarray(quanta, dtype=float)
    frequencies(k, model.alpha)  # validates the indices
    learned = quanta_learned(sizes, model)
    return np.where(learned[None, :] >= k[:, None], model.loss_after, model.loss_before)


def sample_loss(sizes: np.ndarray, quanta: Sequence[int], model: Quanta) -> np.ndarray:
    """Loss on a sample that needs all of ``quanta``: b - (b - a) (share of them learned).

    One quantum (a *monogenic* sample) gives a sharp step; many quanta spread along the order of
    learning (a *polygenic* sample) give a loss that falls in many small steps.
    """
    k = np.sort(np.asarray(quanta, dtype=float))
    frequencies(k, model.alpha)
    if not k.size:
        raise check.ParameterError("quanta", "a sample needs at least one quantum")
    share = np.searchsorted(k, quanta_learned(sizes, model), side="right") / k.size
    return model.loss_before - (model.loss_before - model.loss_after) * share


def draw_quanta(m: int, max_index: float, model: Quanta, rng: np.random.Generator) -> tuple[int, ...]:
    """m distinct quanta among 1..max_index, drawn in proportion to their use frequencies p_k.

    The draw is sequential without replacement (a polygenic sample needs frequent quanta more
    often), done exactly with exponential keys (Efraimidis and Spirakis 2006): quantum k gets the
    key E_k / p_k with E_k ~ Exp(1), and the m smallest keys win. The first ``HEAD`` quanta get
    their keys one by one; beyond them, only quanta whose key can beat theta, the m-th smallest
    head key, matter. Quantum k does with probability 1 - exp(-theta p_k), independently, which
    is a Poisson process of rate theta on the axis of the Zipf tail T, each quantum owning an
    interval of length p_k: its points are drawn at once and located by bisection on T, and each
    quantum hit gets its key from Exp(p_k) below theta. Memory and time do not grow with max_index.
    """
    m = check.positive_int("polygenic", m, maximum=MAX_POLYGENIC)
    top = float(max_index)
    if not (math.isfinite(top) and top >= 1 and top == math.floor(top)):
        raise check.ParameterError("sizes", f"the quanta to draw from must be a whole number from 1, got {max_index!r}")
    if m > top:
        raise check.ParameterError("polygenic", f"asks for {m} quanta but only {top:g} can be learned within the sizes")
    s = model.s
    head = np.arange(1.0, min(top, max(HEAD, m)) + 1.0)
    with np.errstate(divide="ignore"):
        log_keys = np.log(rng.exponential(size=head.size)) + s * np.log(head)  # ln(E_k / k^-s)
    quanta = head
    if top > head[-1]:
        log_theta = float(np.partition(log_keys, m - 1)[m - 1])
        hits = _tail_hits(head[-1], top, log_theta, s, rng)
        quanta = np.concatenate([head, hits])
        log_keys = np.concatenate([log_keys, _tail_keys(hits, log_theta, s, rng)])
    picked = quanta[np.argpartition(log_keys, m - 1)[:m]]
    return tuple(sorted(int(k) for k in picked))


def _tail_hits(last: float, top: float, log_theta: float, s: float, rng: np.random.Generator) -> np.ndarray:
    """The distinct quanta k in (last, top] hit by a Poisson process of rate e^log_theta on the k^-s scale.

    On that scale quantum k owns an interval of length k^-s, and the quanta beyond j together
    W(j) = zeta(s, j + 1): a point at W(last) (1 - span u) belongs to the smallest k with W(k) <= it.
    """
    log_from, log_to = float(log_hurwitz(s, last + 1.0)), float(log_hurwitz(s, top + 1.0))
    span = -math.expm1(log_to - log_from)  # the share of W(last) that lies up to `top`
    count = rng.poisson(math.exp(log_theta + log_from) * span)
    if count == 0:
        return np.zeros(0)
    log_points = log_from + np.log1p(-span * rng.uniform(size=count))
    x = log_zipf_tail_crossing(log_points - log_zeta(s), s, last, top)
    return np.unique(np.clip(np.ceil(np.where(np.isnan(x), top, x)), last + 1.0, top))


def _tail_keys(hits: np.ndarray, log_theta: float, s: float, rng: np.random.Generator) -> np.ndarray:
    """ln(E / k^-s) for each quantum hit, E ~ Exp(1) given that the key is below theta."""
    log_rate = log_theta - s * np.log(hits)  # ln(theta k^-s)
    u = rng.uniform(size=hits.size)
    with np.errstate(divide="ignore", under="ignore"):
        bound = -np.expm1(-np.exp(log_rate))  # P(key < theta)
        log_e = np.where(log_rate < -30.0, np.log(u) + log_rate, np.log(-np.log1p(-u * bound)))
    return log_e + s * np.log(hits)


def _level_crossing(tau: float, model: Quanta) -> tuple[float, float]:
    """(n*, x): the fewest quanta with L_n <= tau and the real x with L(x) = tau (Hurwitz continuation)."""
    a, b = model.loss_after, model.loss_before
    tau = check.positive("tau", tau)
    if not a < tau < b:
        raise check.ParameterError("tau", f"loss levels must lie strictly between a = {a:g} and b = {b:g} nats, got {tau:g}")
    level = (tau - a) / (b - a)
    x = float(zipf_tail_crossing(level, model.s)) if level > 0 else math.nan
    if math.isnan(x):
        raise check.ParameterError("tau", f"{tau:g} nats is reached only beyond {X_MAX:g} quanta; choose a larger level")
    return float(zipf_tail_whole(x, level, model.s, name="tau")), x


def loss_level(tau: float, model: Quanta) -> EmergencePoint:
    """The smallest scale at which the mean loss falls to ``tau`` nats, and how fast that moves.

    ``at`` = C n* with n* the fewest quanta giving L_n <= tau; ``smooth`` = C x with x the real
    solution of the Hurwitz continuation; ``sensitivity`` = d log10 N*/d tau in decades of N per
    nat, 1 / (ln 10 x dL/dx), negative: a stricter (lower) level needs a larger model.
    Needs a < tau < b; a level beyond 1e300 quanta is refused.
    """
    n, x = _level_crossing(tau, model)
    return _point(tau, n, x, model)


def _point(tau: float, n: float, x: float, model: Quanta) -> EmergencePoint:
    # x dL/dx = -(b - a) x s zeta(s+1, x+1) / zeta(s), formed in logs
    log_slope = math.log(model.loss_before - model.loss_after) + math.log(x) + float(log_zipf_tail_slope(x, model.s))
    return EmergencePoint(tau, model.capacity * n, model.capacity * x, -math.exp(-log_slope) / LN10)


def power_law_exponent(sizes: np.ndarray, model: Quanta, *, min_quanta: int = 10) -> float:
    """The measured exponent: minus the least-squares slope of ln(L - a) against ln N (NaN if < 2 points).

    Only sizes with at least ``min_quanta`` learned are used, where the power law applies; the
    theory says the slope is alpha (alpha_N = alpha). ln(L - a) is ln(b - a) + ln T(n), taken
    from the logarithms directly, so it stays finite where L - a is below the smallest float.
    """
    sizes = check_sizes(sizes)
    learned = quanta_learned(sizes, model)
    use = learned >= min_quanta
    if use.sum() < 2:
        return math.nan
    slope = np.polyfit(np.log(sizes[use]), log_zipf_tail(learned[use], model.s), 1)[0]
    return float(-slope)


@dataclass(frozen=True)
class QuantaCurves(Result):
    """Everything the quanta tables and figure show.

    - ``sizes`` (parameters), ``learned`` = floor(N / C), ``loss`` exact, ``excess`` = L - a
      (formed directly), ``loss_approx`` and ``excess_approx`` the power law for both (infinite
      where nothing is learned) in nats,
      ``fitted_alpha`` from :func:`power_law_exponent`.
    - ``quanta``: the quanta drawn one by one (at most ``MAX_SHOWN`` powers of ten, every
      ``quanta_ratio``-th), ``quantum_loss`` their step curves and ``quantum_learned`` whether
      each is learned at each size.
    - ``monogenic``/``polygenic``: the quanta each sample needs, with their loss curves.
    - ``points``: for each loss level tau, where the mean loss reaches it (:func:`loss_level`),
      and ``quanta_needed`` the fewest quanta n* for it.
    """

    model: Quanta
    sizes: np.ndarray
    learned: np.ndarray
    loss: np.ndarray
    excess: np.ndarray
    loss_approx: np.ndarray
    excess_approx: np.ndarray
    fitted_alpha: float
    quanta: tuple[int, ...]
    quanta_ratio: int
    quantum_loss: np.ndarray
    monogenic: tuple[int, ...]
    monogenic_loss: np.ndarray
    polygenic: tuple[int, ...]
    polygenic_loss: np.ndarray
    points: tuple[EmergencePoint, ...]
    quanta_needed: tuple[float, ...]

    @property
    def quantum_learned(self) -> np.ndarray:
        """For each shown quantum and size: learned (True) or not."""
        return self.learned[None, :] >= np.asarray(self.quanta, dtype=float)[:, None]

    def extra(self) -> dict[str, Any]:
        return {"quantum_learned": self.quantum_learned}


def curves(
    model: Quanta,
    sizes: np.ndarray | None = None,
    taus: Sequence[float] = (0.2, 0.1, 0.05),
    *,
    polygenic: int = 30,
    rng: np.random.Generator | None = None,
) -> QuantaCurves:
    """Mean loss, per-quantum steps and sample curves over ``sizes`` (parameters; default 1 to 1e5).

    The quanta drawn one by one are powers of ten learned before the largest size (at most
    ``MAX_SHOWN``, evenly spread over the decades); the monogenic sample needs the quantum at the
    geometric middle of the learnable range; the polygenic sample needs ``polygenic`` quanta drawn
    by :func:`draw_quanta` (``rng`` required; 0 for none).
    """
    sizes = check_sizes(np.logspace(0.0, 5.0, 201) if sizes is None else sizes)
    learned = quanta_learned(sizes, model)
    top = float(learned.max())
    if top < 1:
        raise check.ParameterError("sizes", f"no quantum is learned below N = C = {model.capacity:g}; use larger sizes")
    polygenic = check.positive_int("polygenic", polygenic, minimum=0, maximum=MAX_POLYGENIC)
    if polygenic and rng is None:
        raise check.ParameterError("seed", "a polygenic sample needs a random generator (rng)")
    taus = tuple(taus)
    if not 1 <= len(taus) <= MAX_LEVELS:
        raise check.ParameterError("tau", f"give 1 to {MAX_LEVELS} loss levels, got {len(taus)}")
    first = float(learned[learned > 0].min())
    decades = [j for j in range(int(math.log10(top)) + 1) if 10.0**j < top] or [0]
    ratio = math.ceil(len(decades) / MAX_SHOWN)
    shown = tuple(10**j for j in decades[::ratio])
    mono = (max(1, round(math.sqrt(first * top))),)
    poly = draw_quanta(polygenic, top, model, rng) if rng is not None and polygenic else ()
    crossings = [_level_crossing(tau, model) for tau in taus]
    return QuantaCurves(
        model=model,
        sizes=sizes,
        learned=learned,
        loss=loss(learned, model),
        excess=excess_loss(learned, model),
        loss_approx=loss_approx(learned, model),
        excess_approx=excess_loss_approx(learned, model),
        fitted_alpha=power_law_exponent(sizes, model),
        quanta=shown,
        quanta_ratio=10**ratio,
        quantum_loss=quantum_losses(sizes, shown, model),
        monogenic=mono,
        monogenic_loss=sample_loss(sizes, mono, model),
        polygenic=poly,
        polygenic_loss=sample_loss(sizes, poly, model) if poly else np.zeros(0),
        points=tuple(_point(tau, n, x, model) for tau, (n, x) in zip(taus, crossings)),
        quanta_needed=tuple(n for n, _ in crossings),
    )
