"""Results as JSON: ``to_dict()`` on every result object, and the one envelope every command prints.

Results are frozen dataclasses holding floats, tuples and numpy arrays. :class:`Result` gives
them ``to_dict()``; :func:`to_jsonable` converts any of them for ``json.dumps(...,
allow_nan=False)``: arrays become lists, numpy scalars Python numbers, and NaN or infinities
``None`` (JSON ``null``). :func:`envelope` wraps a command's results in the contract of
``docs``: ``{"schema_version", "command", "params", "seed", "results", "notes"}``, so a notebook
user who calls the core gets the same JSON as the command line.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Demo(Result):
...     p: float
>>> envelope("demo", {"p": 0.4}, Demo(0.4))["results"]
{'p': 0.4}
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

import numpy as np

SCHEMA_VERSION = 1


def to_jsonable(obj: Any) -> Any:
    """Recursively convert ``obj`` (result, dataclass, mapping, sequence, numpy value) to plain JSON types."""
    if isinstance(obj, Result):
        return obj.to_dict()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fiu" and obj.ndim >= 1:  # fast path: numbers only
            values = obj.tolist()
            if obj.dtype.kind != "f" or bool(np.isfinite(obj).all()):
                return values
        return [to_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, int) and not isinstance(obj, bool) and obj.bit_length() > 128:
        return float(obj) if obj.bit_length() < 1024 else None  # seeds (up to 2**128) stay exact
    if isinstance(obj, PurePath):
        return str(obj)
    return obj


class Result:
    """Mixin for frozen result dataclasses: ``to_dict()`` gives their fields as plain JSON types.

    A subclass may override :meth:`extra` to add derived numbers (a ratio the table shows) so that
    everything a table prints is also in the JSON.
    """

    def to_dict(self) -> dict[str, Any]:
        """The fields (and :meth:`extra`) as JSON-safe values."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        fields.update(self.extra())
        return {k: to_jsonable(v) for k, v in fields.items()}

    def extra(self) -> dict[str, Any]:
        """Derived values to publish beside the fields (none by default)."""
        return {}


def envelope(command: str, params: Mapping[str, Any], results: Any, *, seed: int | None = None,
             notes: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON object every command prints: schema version, command, every option's value, the seed, results, notes."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "params": to_jsonable(dict(params)),
        "seed": seed,
        "results": to_jsonable(results),
        "notes": [str(n) for n in notes],
    }
