"""p(N) maps: exact rationals and closed forms from SCIENCE.md section 1.2 and 2.1."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.compound import Chain, required_p, scale_sweep
from emergence.scaling import SCALE_MAPS, linear_log, logistic_log, power_error, scale_map, schaeffer


def test_logistic_log_exact_rationals():
    # odds 2/3 at 1e10, multiplied by 9/4 per decade
    for exponent in (9, 10, 11, 12):
        odds = Fraction(2, 3) * Fraction(9, 4) ** (exponent - 10)
        assert float(logistic_log(10.0**exponent)) == pytest.approx(float(odds / (1 + odds)), rel=1e-12)


def test_linear_log_defaults_and_clipping():
    np.testing.assert_allclose(linear_log(np.array([1e10, 1e11, 1e12])), [0.4, 0.6, 0.8], rtol=1e-12)
    assert float(linear_log(1e7)) == 0.0 and float(linear_log(1e14)) == 1.0


def test_threshold_crossing_with_linear_log():
    # N_T = N0 10^((T^(1/k) - p0)/s): T = 0.5, k = 5 -> 2.2529565519669385e12
    p_needed = required_p(Chain((0.5,), 5), 0.5)
    n_t = 1e10 * 10 ** ((p_needed - 0.4) / 0.2)
    assert n_t == pytest.approx(2.2529565519669385e12, rel=1e-10)
    sweep = scale_sweep(Chain((0.5,), 5), scale_map("linear_log"), np.array([n_t]))
    assert float(sweep.success[0, 0]) == pytest.approx(0.5, rel=1e-10)


def test_schaeffer_median_and_characteristic_scale():
    # exact match over L tokens is p^L = exp(-L (N/c)^alpha): 1/e at c L^(1/|alpha|), 1/2 at c (L/ln 2)^(1/|alpha|)
    for L in (1, 5):
        n50 = 1e9 * (L / math.log(2)) ** 2
        assert float(schaeffer(n50)) ** L == pytest.approx(0.5, rel=1e-12)
    assert float(schaeffer(2.5e10)) ** 5 == pytest.approx(math.exp(-1), rel=1e-12)
    assert 1e9 * (1 / math.log(2)) ** 2 == pytest.approx(2.0813689810056078e9, rel=1e-12)


def test_power_error():
    assert float(power_error(1e8)) == 0.0
    assert float(power_error(1e11)) == pytest.approx(1 - 1000 ** -0.3, rel=1e-12)


@given(lo=st.floats(5, 12), width=st.floats(0.01, 2))
def test_every_map_is_monotone_and_a_probability(lo, width):
    n = np.array([10**lo, 10 ** (lo + width)])
    for name, func in SCALE_MAPS.items():
        p = func(n)
        assert np.all((0 <= p) & (p <= 1)), name
        assert p[1] >= p[0], name


def test_scale_map_spec_parsing():
    m = scale_map("linear_log:s=0.1, p0=0.5")
    assert m.params == {"s": 0.1, "p0": 0.5}
    assert float(m(1e11)) == pytest.approx(0.6)
    for bad in ("nope", "linear_log:x=1", "linear_log:s=abc", "linear_log:s", "schaeffer:alpha=0.5", "linear_log:s=nan",
                "linear_log:s=-0.2", "linear_log:n0=0", "power_error:gamma=-0.3", "power_error:nc=-1",
                "logistic_log:b=0", "logistic_log:b=1e308"):
        with pytest.raises(ParameterError) as info:
            scale_map(bad)
        assert info.value.name == "scale"


def test_sizes_must_be_positive():
    with pytest.raises(ParameterError):
        linear_log(np.array([1e9, -1.0]))
