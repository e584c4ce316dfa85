"""Turning result dataclasses into JSON-safe dictionaries.

Results are frozen dataclasses holding floats, tuples and numpy arrays. :func:`to_jsonable`
converts them for ``json.dumps(..., allow_nan=False)``: arrays become lists, numpy scalars become
Python numbers, and NaN or infinities become ``None`` (JSON ``null``); a command that can produce
such values says why in a ``notes`` entry.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def to_jsonable(obj: Any) -> Any:
    """Recursively convert ``obj`` (dataclass, mapping, sequence, numpy value) to plain JSON types."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    return obj
