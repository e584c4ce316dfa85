"""Input checks shared by the core modules.

Every check raises :class:`ParameterError`, a ``ValueError`` that remembers which parameter was
wrong, so the command line can name the option (``--p``) without repeating the check.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np


class ParameterError(ValueError):
    """A bad value for the parameter ``name`` (the CLI shows it as ``--name``)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message

    def param_text(self) -> str:
        """``"name must ..."``: the message with the parameter named, for reporting it under another option."""
        return f"{self.name} {self.message}"


def probability(name: str, value: float) -> float:
    """Return ``value`` as a float in [0, 1]; NaN and values outside raise ``ParameterError``."""
    x = _real(name, value)
    if not 0.0 <= x <= 1.0:
        raise ParameterError(name, f"must be a probability in [0, 1], got {value!r}")
    return x


def probabilities(name: str, values: Iterable[float]) -> tuple[float, ...]:
    """Return a non-empty tuple of probabilities in [0, 1]."""
    out = tuple(probability(name, v) for v in values)
    if not out:
        raise ParameterError(name, "needs at least one value")
    return out


def probability_array(name: str, values, what: str = "probabilities") -> np.ndarray:
    """Return ``values`` as a float array whose entries all lie in [0, 1] (NaN refused)."""
    a = np.asarray(values, dtype=float)
    if np.any(~np.isfinite(a)) or np.any(a < 0.0) or np.any(a > 1.0):
        raise ParameterError(name, f"{what} must lie in [0, 1]")
    return a


def sizes(name: str, values) -> np.ndarray:
    """Return model sizes (parameters) as a float array; every entry finite and greater than 0."""
    n = np.asarray(values, dtype=float)
    if np.any(~np.isfinite(n)) or np.any(n <= 0):
        raise ParameterError(name, "model sizes must be finite and greater than 0")
    return n


def positive_int(name: str, value: int, minimum: int = 1, maximum: int | None = None) -> int:
    """Return ``value`` as an int in [``minimum``, ``maximum``]; huge ints are refused, never overflow."""
    if isinstance(value, bool):
        raise ParameterError(name, f"must be a whole number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        n = int(value)
    else:
        x = _real(name, value)
        if not x.is_integer():
            raise ParameterError(name, f"must be a whole number, got {value!r}")
        n = int(x)
    if n < minimum:
        raise ParameterError(name, f"must be at least {minimum}, got {_short(n)}")
    if maximum is not None and n > maximum:
        raise ParameterError(name, f"must be at most {maximum:,}, got {_short(n)}")
    return n


def _short(n: int) -> str:
    """An int for a message: its digits when short, else how many digits it has."""
    if n.bit_length() <= 64:
        return str(n)
    return f"a number of about {int(n.bit_length() * math.log10(2)) + 1} digits"


def positive(name: str, value: float) -> float:
    """Return ``value`` as a finite float strictly greater than 0."""
    x = _real(name, value)
    if not x > 0.0:
        raise ParameterError(name, f"must be greater than 0, got {value!r}")
    return x


def in_range(name: str, value: float, low: float, high: float, *, closed_high: bool = True) -> float:
    """Return ``value`` as a float in [low, high] (or [low, high) when ``closed_high`` is false)."""
    x = _real(name, value)
    ok = low <= x <= high if closed_high else low <= x < high
    if not ok:
        bracket = "]" if closed_high else ")"
        raise ParameterError(name, f"must be in [{low:g}, {high:g}{bracket}, got {value!r}")
    return x


def _real(name: str, value: float) -> float:
    try:
        x = float(value)
    except OverflowError:
        raise ParameterError(name, "is too large for a float") from None
    except (TypeError, ValueError):
        raise ParameterError(name, f"must be a number, got {value!r}") from None
    if math.isnan(x) or math.isinf(x):
        raise ParameterError(name, f"must be a finite number, got {value!r}")
    return x
