"""The JSON contract: ``to_dict()`` on results and the one envelope every command prints."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence.results import SCHEMA_VERSION, Result, envelope, to_jsonable


@dataclass(frozen=True)
class _Demo(Result):
    p: float
    values: np.ndarray

    def extra(self):
        return {"double": 2 * self.p}


def test_to_dict_has_fields_and_extras_as_plain_json():
    d = _Demo(0.25, np.array([1.0, np.nan, np.inf])).to_dict()
    assert d == {"p": 0.25, "values": [1.0, None, None], "double": 0.5}
    json.dumps(d, allow_nan=False)


def test_envelope_keys_and_order():
    env = envelope("demo", {"p": 0.4, "plot": Path("a.png")}, _Demo(0.4, np.arange(2.0)), seed=7, notes=("n",))
    assert list(env) == ["schema_version", "command", "params", "seed", "results", "notes"]
    assert env["schema_version"] == SCHEMA_VERSION == 1
    assert env["params"] == {"p": 0.4, "plot": "a.png"}
    assert env["results"]["values"] == [0.0, 1.0]
    assert env["notes"] == ["n"]


def test_numpy_scalars_and_huge_ints():
    assert to_jsonable(np.float32(0.5)) == 0.5
    assert type(to_jsonable(np.int64(3))) is int
    assert to_jsonable(2**128 - 1) == 2**128 - 1  # a seed stays exact
    assert to_jsonable(10**60) == 1e60
    assert to_jsonable(10**400) is None  # beyond a float: null rather than a number no reader can hold


@settings(deadline=None)
@given(st.recursive(st.floats() | st.integers() | st.text() | st.none() | st.booleans(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20))
def test_anything_converts_to_strict_json(value):
    text = json.dumps(to_jsonable(value), allow_nan=False)
    back = json.loads(text)
    if isinstance(value, float) and math.isfinite(value):
        assert back == value


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_becomes_null(bad):
    assert to_jsonable({"x": bad}) == {"x": None}
