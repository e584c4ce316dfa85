"""Hypothesis 3: a capability is "there" when a smooth curve crosses a level (SCIENCE.md section 3).

Four models, each a module, and what they share (:class:`EmergencePoint`, :func:`levels`):

- :mod:`~emergence.thresholds.dimensions`: the blog's bullet example. Capabilities need 3, 4, 6
  parameters (shape, position, trajectory), a staircase, while the reconstruction error
  R(d) = zeta(s, d+1)/zeta(s) of an object with coefficient energies j^-s falls smoothly beneath
  it; a projectile fit shows when a threshold is genuine (the target lies in a finite-dimensional
  model class) and when it is a tolerance crossed on a smooth curve (drag, noise).
- :mod:`~emergence.thresholds.observers`: any smooth quality q(N) of :mod:`emergence.scaling`; one
  observer with threshold tau sees a step at N* = q^-1(tau), a population of raters with varied
  thresholds sees a smooth curve, and seed runs (Zhao et al.) each jump while their mean is smooth.
- :mod:`~emergence.thresholds.quanta`: the quantization model of Michaud et al. (2023). Skills are
  quanta used with Zipf frequencies and learned in order; each is a step in N, the mean loss a
  smooth power law.
- :mod:`~emergence.thresholds.composition`: a toy model in the spirit of Okawa et al. (2023): a
  task needs n abilities, each learned with probability p per training step, so
  P(n, t) = (1 - (1 - p)^t)^n. It is the compound model of :mod:`emergence.compound` with n steps,
  each retried t times with a perfect checker, and is computed by it.

Every emergence point comes with its sensitivity to the level (pitfall 18): where a capability
"appears" moves with the threshold a person chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.results import Result

MAX_LEVELS = 20  # thresholds in one run: each is a table row and a mark in a figure


@dataclass(frozen=True)
class EmergencePoint(Result):
    """Where a rising curve first meets a threshold, and how fast that point moves with it.

    ``threshold`` is the level tau. ``at`` is the first scale that meets it on the model's own
    scale (a size N, a whole number of parameters, quanta or steps); ``smooth`` is where the
    continuous curve crosses it; ``sensitivity`` is the derivative of that crossing with respect
    to tau, in the unit the model states (decades of N per unit tau for sizes). NaN when the curve
    never gets there within reach.
    """

    threshold: float
    at: float
    smooth: float
    sensitivity: float


def levels(name: str, values: Sequence[float]) -> tuple[float, ...]:
    """Validate 1 to ``MAX_LEVELS`` thresholds strictly inside (0, 1) (a level of 0 is always met, 1 only by clipping)."""
    values = tuple(values)
    if len(values) > MAX_LEVELS:
        raise check.ParameterError(name, f"at most {MAX_LEVELS} levels, got {len(values)}")
    out = check.probabilities(name, values)
    for tau in out:
        if tau in (0.0, 1.0):
            raise check.ParameterError(name, f"must lie strictly between 0 and 1, got {tau:g}")
    return out


MAX_SIZES = 10_001  # model sizes in one sweep (the command line allows 2001)


def sizes(values) -> np.ndarray:
    """Model sizes (parameters): finite, greater than 0, at most ``MAX_SIZES`` of them."""
    out = np.atleast_1d(check.sizes("sizes", values))
    if out.ndim != 1 or out.size > MAX_SIZES:
        raise check.ParameterError("sizes", f"at most {MAX_SIZES:,} sizes in one list, got {out.size:,}")
    return out
