"""Hypothesis 3, multiplicative emergence (Okawa, Lubana, Dick, Tanaka 2023; SCIENCE.md 3.4).

A compositional task needs n atomic abilities. Each is learned with probability p per training
step, independently, so after t steps one ability is there with probability 1 - (1 - p)^t and
all n with

    P(n, t) = (1 - (1 - p)^t)^n.

Each ability improves smoothly, but the product stays near 0 and then rises steeply: the more
abilities, the later and sharper. The steps needed to reach a target success P* are

    t* = ceil( ln(1 - P*^(1/n)) / ln(1 - p) ),

which needs 0 < p < 1 and 0 < P* < 1 (ln(1 - P*^(1/n)) -> -inf as P* -> 1; pitfall 15).
Logarithms are natural; ``1 - (1 - p)^t`` is computed as ``-expm1(t log1p(-p))``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence._numeric import first_whole
from emergence.thresholds import EmergencePoint, levels


def _p(p: float) -> float:
    p = check.probability("p", p)
    if p in (0.0, 1.0):
        raise check.ParameterError("p", f"must lie strictly between 0 and 1 (0 never learns, 1 learns at once), got {p:g}")
    return p


def _steps(steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    t = np.asarray(steps, dtype=float)
    if np.any(~(t >= 0.0)) or np.any(~np.isfinite(t)):
        raise check.ParameterError("steps", "training steps must be finite and 0 or more")
    return t


def ability(p: float, steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    """One ability learned by step t: 1 - (1 - p)^t (the additive view, which rises smoothly)."""
    p = _p(p)
    return -np.expm1(_steps(steps) * math.log1p(-p))


def log_success(abilities: int, p: float, steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    """ln P(n, t) = n ln(1 - (1 - p)^t); -inf at t = 0."""
    n = check.positive_int("abilities", abilities)
    with np.errstate(divide="ignore"):
        return n * np.log(ability(p, steps))


def success(abilities: int, p: float, steps: np.ndarray | Sequence[float] | float) -> np.ndarray:
    """P(n, t) = (1 - (1 - p)^t)^n: all n abilities learned by step t."""
    return np.exp(log_success(abilities, p, steps))


def time_needed_smooth(abilities: int, p: float, tau: float) -> float:
    """The real t with P(n, t) = tau: ln(1 - tau^(1/n)) / ln(1 - p), tau = P* in (0, 1)."""
    n = check.positive_int("abilities", abilities)
    p = _p(p)
    tau = levels("tau", (tau,))[0]
    return math.log(-math.expm1(math.log(tau) / n)) / math.log1p(-p)


def time_needed(abilities: int, p: float, tau: float) -> int:
    """t* = ceil(ln(1 - tau^(1/n)) / ln(1 - p)): the fewest whole steps with P(n, t) >= tau.

    The ceiling is checked against P itself, so a rounding error in the logarithms cannot put
    t* one step off.
    """
    return first_whole(time_needed_smooth(abilities, p, tau), lambda t: success(abilities, p, t) >= tau,
                       name="p", lowest=1)


def sensitivity(abilities: int, p: float, tau: float) -> float:
    """dt/dtau of the smooth time: -tau^(1/n - 1) / (n (1 - tau^(1/n)) ln(1 - p)), steps per unit of P*."""
    n = check.positive_int("abilities", abilities)
    p = _p(p)
    tau = levels("tau", (tau,))[0]
    root = math.exp(math.log(tau) / n)
    return -root / (tau * n * -math.expm1(math.log(tau) / n) * math.log1p(-p))


def emergence_point(abilities: int, p: float, tau: float) -> EmergencePoint:
    """t*, the smooth t and dt/dtau for n abilities and target success tau = P*."""
    return EmergencePoint(float(tau), float(time_needed(abilities, p, tau)),
                          time_needed_smooth(abilities, p, tau), sensitivity(abilities, p, tau))


@dataclass(frozen=True)
class CompositionCurves:
    """Everything the H3e table and figure show.

    ``steps`` = 0..max steps; ``single`` = 1 - (1 - p)^t; ``success[i]`` = P(abilities[i], t);
    ``points[i][j]`` the emergence point of ``abilities[i]`` for target ``taus[j]``.
    """

    p: float
    abilities: tuple[int, ...]
    steps: np.ndarray
    single: np.ndarray
    success: np.ndarray
    taus: tuple[float, ...]
    points: tuple[tuple[EmergencePoint, ...], ...]


def curves(p: float = 0.1, abilities: int = 5, steps: int = 60, taus: Sequence[float] = (0.5, 0.8, 0.9)) -> CompositionCurves:
    """P(n, t) for n = 1..``abilities`` and t = 0..``steps``, with t* for each target in ``taus``."""
    p = _p(p)
    top = check.positive_int("abilities", abilities)
    t = np.arange(check.positive_int("steps", steps) + 1, dtype=float)
    ns = tuple(range(1, top + 1))
    taus = levels("tau", taus)
    return CompositionCurves(
        p=p,
        abilities=ns,
        steps=t,
        single=ability(p, t),
        success=np.array([success(n, p, t) for n in ns]),
        taus=taus,
        points=tuple(tuple(emergence_point(n, p, tau) for tau in taus) for n in ns),
    )
