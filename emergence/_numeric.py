"""Small numeric helpers shared by the core modules: one bisection, whole-number crossings, Beta moments."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from emergence._validate import ParameterError

EXACT_INTEGERS = 2.0**53  # beyond this, floats no longer tell n from n + 1


def bisect(above: Callable[[np.ndarray], np.ndarray], low: np.ndarray | float, high: np.ndarray | float) -> np.ndarray:
    """Vectorised bisection to the last bit of a float: the boundary where ``above`` turns true.

    ``above(x)`` must be false at ``low``, true at ``high`` and switch once between them (element
    by element for arrays). Returns the smallest float ``high`` found with ``above(high)`` true;
    each element stops when the midpoint can no longer differ from both ends (at most about
    2100 halvings for the whole float range, usually 53).
    """
    low = np.array(low, dtype=float)
    high = np.array(high, dtype=float)
    low, high = np.broadcast_arrays(low, high)
    low, high = low.copy(), high.copy()
    while True:
        mid = 0.5 * (low + high)
        moving = (mid != low) & (mid != high)
        if not moving.any():
            return high
        up = np.asarray(above(mid), dtype=bool)
        high = np.where(moving & up, mid, high)
        low = np.where(moving & ~up, mid, low)


def first_whole(x: float, holds: Callable[[int], bool], *, name: str, lowest: int = 0) -> int:
    """The smallest whole n >= ``lowest`` for which ``holds(n)``, given the real crossing ``x``.

    ``holds`` must be false below the crossing and true from it on. The ceiling of ``x`` is
    checked against ``holds`` and moved by whole steps (a few at most: ``x`` is accurate to the
    last bit), so rounding in ``x`` cannot put the answer one off. Beyond 2**53 floats cannot
    tell neighbouring integers apart and the ceiling is returned as it is. A crossing that is
    not a finite float raises ``ParameterError(name)``.
    """
    if not math.isfinite(x):
        raise ParameterError(name, "puts the answer beyond the range of a float; choose a less extreme value")
    n = max(lowest, math.ceil(x))
    if n >= EXACT_INTEGERS:
        return n
    for _ in range(8):
        if n > lowest and holds(n - 1):
            n -= 1
        elif not holds(n):
            n += 1
        else:
            break
    return n


def beta_from_mean(mean: float, rho: float) -> tuple[float, float]:
    """(a, b) of the Beta distribution with mean ``mean`` and intra-class correlation ``rho`` in (0, 1).

    mean = a / (a + b) and rho = 1 / (a + b + 1), so a = mean (1/rho - 1), b = (1 - mean)(1/rho - 1).
    a + b is formed as (1 - rho) / rho, exact for rho near 1 where 1/rho - 1 loses the last bits.
    """
    scale = (1.0 - rho) / rho
    return mean * scale, (1.0 - mean) * scale
