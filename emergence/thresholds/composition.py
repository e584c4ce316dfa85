"""Composition: a toy model in the spirit of Okawa, Lubana, Dick, Tanaka (2023) (SCIENCE.md 3.4).

Okawa et al. argue that performance on compositional tasks jumps because it relies
multiplicatively on the performance of the constituent abilities. This toy model makes that
concrete; the formula is ours, not theirs. A task needs n atomic abilities. Each is learned with
probability p per training step, independently, so after t steps one ability is there with
probability 1 - (1 - p)^t and all n with

    P(n, t) = (1 - (1 - p)^t)^n.

That is exactly the compound model of :mod:`emergence.compound` (hypothesis 1) with n steps, each
retried t times with a perfect checker, and it is computed by it: ``compound.log_success`` of
``compound.chain(p, n, retries=t)``, one call per whole t (P(n, 0) = 0: nothing is learned before
the first step). Each ability improves smoothly, but the product stays near 0 and then rises
steeply: the more abilities, the later and sharper. The steps needed to reach a target success
P* invert it,

    t* = ceil( ln(1 - P*^(1/n)) / ln(1 - p) ),

which needs 0 < p < 1 and 0 < P* < 1 (ln(1 - P*^(1/n)) -> -inf as P* -> 1; pitfall 15); the
ceiling is checked against the compound model itself. Logarithms are natural.

Assumptions: abilities are learned independently and never forgotten, at the same rate p.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence import compound
from emergence._numeric import EXACT_INTEGERS, first_whole
from emergence.results import Result
from emergence.thresholds import EmergencePoint, levels

MAX_ABILITIES = 10_000_000  # the compound model's largest number of steps
MAX_CURVES = 10  # abilities in one figure: a curve (and a table column) for each n = 1..abilities
MAX_STEPS = 1_000_000  # training steps on the t axis
CURVE_POINTS = 1001  # whole steps t at which the curves are computed (all of them up to 1,000 steps)


def _p(p: float) -> float:
    p = check.probability("p", p)
    if p in (0.0, 1.0):
        raise check.ParameterError("p", f"must lie strictly between 0 and 1 (0 never learns, 1 learns at once), got {p:g}")
    return p


def _abilities(n: int) -> int:
    return check.positive_int("abilities", n, maximum=MAX_ABILITIES)


def _steps(steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    t = np.asarray(steps, dtype=float)
    if np.any(~np.isfinite(t)) or np.any(t < 0.0) or np.any(t != np.floor(t)) or np.any(t > EXACT_INTEGERS):
        raise check.ParameterError("steps", "training steps must be whole numbers from 0 to 2**53")
    return t


def log_success(abilities: int, p: float, steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    """ln P(n, t) for whole t: the compound model's ln success of n steps retried t times (-inf at t = 0)."""
    n, p, t = _abilities(abilities), _p(p), _steps(steps)
    values, where = np.unique(t, return_inverse=True)
    logs = np.array([compound.log_success(compound.chain(p, n, retries=int(x))) if x > 0 else -math.inf for x in values])
    return logs[where].reshape(t.shape)


def success(abilities: int, p: float, steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    """P(n, t) = (1 - (1 - p)^t)^n: all n abilities learned by step t (0.0 where it underflows)."""
    with np.errstate(under="ignore"):
        return np.exp(log_success(abilities, p, steps))


def time_needed_smooth(abilities: int, p: float, tau: float) -> float:
    """The real t with P(n, t) = tau: ln(1 - tau^(1/n)) / ln(1 - p), tau = P* in (0, 1).

    ln(1 - tau^(1/n)) is formed from ln tau / n without rounding tau^(1/n) to 1 first, so a tiny
    tau (5e-324) or a huge n keeps its digits.
    """
    n, p = _abilities(abilities), _p(p)
    tau = levels("tau", (tau,))[0]
    return _log1mexp(math.log(tau) / n) / math.log1p(-p)


def _log1mexp(x: float) -> float:
    """ln(1 - e^x) for x < 0, accurate at both ends."""
    return math.log(-math.expm1(x)) if x > -math.log(2.0) else math.log1p(-math.exp(x))


def time_needed(abilities: int, p: float, tau: float) -> int:
    """t* = ceil(ln(1 - tau^(1/n)) / ln(1 - p)): the fewest whole steps with P(n, t) >= tau.

    The ceiling is checked against the compound model, so a rounding error in the logarithms
    cannot put t* one step off (beyond 2**53 steps floats cannot tell t from t + 1).
    """
    goal = math.log(levels("tau", (tau,))[0])
    return first_whole(time_needed_smooth(abilities, p, tau), lambda t: float(log_success(abilities, p, t)) >= goal,
                       name="p", lowest=1)


def sensitivity(abilities: int, p: float, tau: float) -> float:
    """dt/dtau of the smooth time: tau^(1/n - 1) / (n (1 - tau^(1/n)) (-ln(1 - p))), steps per unit of P*.

    Formed in logarithms; a value beyond the largest float (a tiny P* with many abilities, or a
    tiny p) is refused.
    """
    n, p = _abilities(abilities), _p(p)
    tau = levels("tau", (tau,))[0]
    log_tau = math.log(tau)
    log_value = log_tau / n - log_tau - math.log(n) - _log1mexp(log_tau / n) - math.log(-math.log1p(-p))
    if log_value > 709.0:
        raise check.ParameterError("tau", f"dt/dP* at P* = {tau:g} with n = {n} and p = {p:g} exceeds the largest float; "
                                          "choose a larger P* or p")
    return math.exp(log_value)


def emergence_point(abilities: int, p: float, tau: float) -> EmergencePoint:
    """t*, the smooth t and dt/dtau for n abilities and target success tau = P*."""
    return EmergencePoint(float(tau), float(time_needed(abilities, p, tau)),
                          time_needed_smooth(abilities, p, tau), sensitivity(abilities, p, tau))


@dataclass(frozen=True)
class CompositionCurves(Result):
    """Everything the composition tables and figure show.

    ``steps``: whole t from 0 to the largest (every one up to 1,000, else ``CURVE_POINTS`` of them
    evenly spread); ``success[i]`` = P(abilities[i], t) and
    ``log10_success[i]`` its log10 (exact where P underflows to 0; -inf at t = 0);
    ``points[i][j]`` the emergence point of ``abilities[i]`` for target ``taus[j]`` and
    ``point_success[i][j]`` = P(abilities[i], t*) there (NaN when t* lies beyond the steps shown).
    """

    p: float
    abilities: tuple[int, ...]
    steps: np.ndarray
    success: np.ndarray
    log10_success: np.ndarray
    taus: tuple[float, ...]
    points: tuple[tuple[EmergencePoint, ...], ...]
    point_success: tuple[tuple[float, ...], ...]


def curves(p: float = 0.1, abilities: int = 5, steps: int = 60, taus: Sequence[float] = (0.5, 0.8, 0.9)) -> CompositionCurves:
    """P(n, t) for n = 1..``abilities`` (at most 10) and t from 0 to ``steps`` (at most 1,000,000), with t* for each target in ``taus``."""
    p = _p(p)
    top = check.positive_int("abilities", abilities, maximum=MAX_CURVES)
    last = check.positive_int("steps", steps, maximum=MAX_STEPS)
    t = np.unique(np.round(np.linspace(0.0, last, min(last + 1, CURVE_POINTS))))
    ns = tuple(range(1, top + 1))
    taus = levels("tau", taus)
    logs = np.array([log_success(n, p, t) for n in ns])
    points = tuple(tuple(emergence_point(n, p, tau) for tau in taus) for n in ns)
    with np.errstate(under="ignore"):
        probabilities = np.exp(logs)
    return CompositionCurves(
        p=p,
        abilities=ns,
        steps=t,
        success=probabilities,
        log10_success=logs / math.log(10.0),
        taus=taus,
        points=points,
        point_success=tuple(tuple(float(success(n, p, pt.at)) if pt.at <= last else math.nan for pt in row) for n, row in zip(ns, points)),
    )
