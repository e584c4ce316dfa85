"""Maps from model scale N (parameters) to a per-step or per-token success probability p(N).

All maps take N > 0 in parameters (plain count, not billions) and return probabilities in [0, 1].
``x = log10 N`` is the plotting axis; each formula below says which logarithm it uses.

=================  ==========================================  ======================================
name               formula                                     defaults
=================  ==========================================  ======================================
``linear_log``     p = clip(p0 + s * log10(N / n0), 0, 1)      p0 = 0.4, n0 = 1e10, s = 0.2 per decade
``logistic_log``   p = 1 / (1 + exp(-(a + b * log10 N)))       a = logit(0.4) - 10 b, b = 2 logit(0.6)
``schaeffer``      p = exp(-(N / c) ** alpha), alpha < 0       c = 1e9, alpha = -0.5
``power_error``    1 - p = clip((N / nc) ** (-gamma), 0, 1)    nc = 1e8, gamma = 0.3
=================  ==========================================  ======================================

The defaults of the first two put p(1e10) = 0.4 and p(1e11) = 0.6, the blog's two sub-step
accuracies around its "1e11 jump". The ``schaeffer`` and ``power_error`` constants are
illustrative (ours): Schaeffer et al. (2023) publish no numeric c or alpha.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from emergence import _validate as check
from emergence._validate import ParameterError

# The eight GPT-3 sizes in parameters (Brown et al. 2020, table 2.1): the kind of sparse, real
# grid on which emergence plots are drawn.
GPT3_SIZES = (1.25e8, 3.5e8, 7.6e8, 1.3e9, 2.7e9, 6.7e9, 1.3e10, 1.75e11)

_LOGIT_04 = math.log(0.4 / 0.6)
_LOGISTIC_B = 2.0 * math.log(0.6 / 0.4)



def linear_log(n: np.ndarray | float, p0: float = 0.4, n0: float = 1e10, s: float = 0.2) -> np.ndarray:
    """p = clip(p0 + s * log10(N / n0), 0, 1): linear in log10 N, s > 0 per decade, clipped to [0, 1]."""
    check.positive("n0", n0)
    check.positive("s", s)
    return np.clip(p0 + s * np.log10(check.sizes("sizes", n) / n0), 0.0, 1.0)


def logistic_log(n: np.ndarray | float, a: float = _LOGIT_04 - 10.0 * _LOGISTIC_B, b: float = _LOGISTIC_B) -> np.ndarray:
    """p = sigmoid(a + b * log10 N); the odds p/(1-p) grow by exp(b) per decade of N.

    Defaults give odds 2/3 at N = 1e10 and 9/4 more per decade: p(1e9) = 8/35, p(1e10) = 2/5,
    p(1e11) = 3/5, p(1e12) = 27/35. Needs b > 0, so that p grows with N.
    """
    check.positive("b", b)
    z = a + b * np.log10(check.sizes("sizes", n))
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def cross_entropy(n: np.ndarray | float, c: float = 1e9, alpha: float = -0.5) -> np.ndarray:
    """Per-token cross-entropy L(N) = (N / c) ** alpha in nats (natural log), with c > 0, alpha < 0.

    Schaeffer, Miranda and Koyejo (2023, section 2) use this form for illustration; Kaplan et al.
    (2020, eq. 1.1) write it (Nc / N) ** alpha_N, so c = Nc and alpha = -alpha_N.
    """
    check.positive("c", c)
    if not alpha < 0:
        raise ParameterError("alpha", f"must be negative (loss falls with scale), got {alpha}")
    return (check.sizes("sizes", n) / c) ** alpha


def schaeffer(n: np.ndarray | float, c: float = 1e9, alpha: float = -0.5) -> np.ndarray:
    """p = exp(-L(N)) = exp(-(N / c) ** alpha): probability of the right token under :func:`cross_entropy`."""
    return np.exp(-cross_entropy(n, c, alpha))


def power_error(n: np.ndarray | float, nc: float = 1e8, gamma: float = 0.3) -> np.ndarray:
    """1 - p = (N / nc) ** (-gamma), clipped to [0, 1]: error falls as a power law in N (nc, gamma > 0)."""
    check.positive("nc", nc)
    check.positive("gamma", gamma)
    return 1.0 - np.clip((check.sizes("sizes", n) / nc) ** (-gamma), 0.0, 1.0)


@dataclass(frozen=True)
class ScaleMap:
    """A named p(N) map with its parameters; call it with sizes to get probabilities."""

    name: str
    params: Mapping[str, float] = field(default_factory=dict)

    def __call__(self, n: np.ndarray | float) -> np.ndarray:
        return SCALE_MAPS[self.name](n, **self.params)


SCALE_MAPS: dict[str, Callable[..., np.ndarray]] = {
    "linear_log": linear_log,
    "logistic_log": logistic_log,
    "schaeffer": schaeffer,
    "power_error": power_error,
}


def scale_map(spec: str) -> ScaleMap:
    """Parse ``"name"`` or ``"name:key=value,key=value"`` into a :class:`ScaleMap`.

    >>> scale_map("linear_log:s=0.1").params
    {'s': 0.1}
    """
    name, _, rest = spec.partition(":")
    name = name.strip()
    if name not in SCALE_MAPS:
        raise ParameterError("scale", f"unknown map {name!r}; choose one of {', '.join(SCALE_MAPS)}")
    func = SCALE_MAPS[name]
    allowed = list(inspect.signature(func).parameters)[1:]
    params: dict[str, float] = {}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or key not in allowed:
            raise ParameterError("scale", f"{name} takes {', '.join(k + '=' for k in allowed)}; got {item!r}")
        if key in params:
            raise ParameterError("scale", f"{key} is given twice in {spec!r}")
        if not value.strip().isascii():
            raise ParameterError("scale", f"{key}={value!r} is not a number (use ASCII digits)")
        try:
            params[key] = float(value)
        except ValueError:
            raise ParameterError("scale", f"{key}={value!r} is not a number") from None
        if not math.isfinite(params[key]):
            raise ParameterError("scale", f"{key} must be finite, got {value!r}")
    result = ScaleMap(name, params)
    try:  # let the map refuse bad parameters now (alpha >= 0, s <= 0, ...) or values a float cannot hold
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            probe = result(np.logspace(0, 30, 301))
    except ParameterError as exc:
        raise ParameterError("scale", f"{name}: {exc.param_text()}") from None
    except FloatingPointError:
        raise ParameterError("scale", f"{name}: these parameters overflow a float; choose less extreme values") from None
    if probe[0] == probe[-1]:
        raise ParameterError("scale", f"{name}: with these parameters p(N) = {probe[0]:g} for every size from 1 to 1e30 "
                                      "(a constant map, clipped); choose parameters that let p rise with N")
    return result
