"""Binomial confidence intervals: Clopper-Pearson (summed in numpy, or scipy's beta quantile) and Wilson."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import intervals
from emergence._validate import ParameterError
from emergence.intervals import clopper_pearson, wilson_interval


@pytest.mark.parametrize("n", [1, 2, 10, 100, 1000])
def test_numpy_sums_against_scipy_binomtest(n):
    from scipy.stats import binomtest

    x = np.array(sorted({0, 1, n // 3, n // 2, n - 1, n}))
    low, high = clopper_pearson(x, n)  # small enough for the numpy path
    assert x.size * (n + 1) <= intervals.EXACT_TAIL_WORK
    for xi, lo, hi in zip(x, low, high):
        # binomtest finds the bounds by root-finding on the binomial tail (tolerance ~1e-9)
        ci = binomtest(int(xi), n).proportion_ci(confidence_level=0.95, method="exact")
        assert lo == pytest.approx(ci.low, rel=1e-7, abs=1e-15)
        assert hi == pytest.approx(ci.high, rel=1e-7, abs=1e-15)


@pytest.mark.parametrize(("n", "level"), [(7, 0.95), (100, 0.9), (300, 0.99), (5, 5e-324)])
def test_the_two_paths_agree(monkeypatch, n, level):
    x = np.arange(n + 1)
    monkeypatch.setattr(intervals, "EXACT_TAIL_WORK", 10**9)
    summed = clopper_pearson(x, n, level)
    monkeypatch.setattr(intervals, "EXACT_TAIL_WORK", 0)
    quantiles = clopper_pearson(x, n, level)
    for a, b in zip(summed, quantiles):
        np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-300)


def test_large_problems_use_scipy_small_ones_do_not(monkeypatch):
    import sys

    low, high = clopper_pearson(np.array([0, 3, 10]), 10)
    assert (low[0], high[2]) == (0.0, 1.0)
    monkeypatch.delitem(sys.modules, "scipy.special", raising=False)
    monkeypatch.setitem(sys.modules, "scipy.special", None)  # importing it now fails
    clopper_pearson(np.array([0, 3, 10]), 10)  # the numpy path: fine
    with pytest.raises(ImportError):
        clopper_pearson(np.arange(101), 10**4)  # 101 x 10001 > EXACT_TAIL_WORK


def test_clopper_pearson_edges_and_arrays():
    assert clopper_pearson(0, 100) == (0.0, pytest.approx(1 - 0.025 ** (1 / 100), rel=1e-12))
    assert clopper_pearson(100, 100) == (pytest.approx(0.025 ** (1 / 100), rel=1e-12), 1.0)
    # one success in one trial, and none: the ends are the tails themselves
    assert clopper_pearson(1, 1) == (pytest.approx(0.025, rel=1e-12), 1.0)
    assert clopper_pearson(0, 1) == (0.0, pytest.approx(0.975, rel=1e-12))
    low, high = clopper_pearson(np.array([0, 5, 10]), 10)
    assert low.shape == high.shape == (3,)
    assert (low[0], high[2]) == (0.0, 1.0)


@pytest.mark.parametrize(("x", "n", "name"), [(11, 10, "successes"), (-1, 10, "successes"), (1.5, 10, "successes"),
                                              (0, 0, "trials"), (0, 10**400, "trials")])
def test_clopper_pearson_refuses_bad_counts(x, n, name):
    with pytest.raises(ParameterError) as err:
        clopper_pearson(x, n)
    assert err.value.name == name


def test_wilson_by_hand():
    # x = 0 of 10: (z^2/20 + z sqrt(z^2/400)) / (1 + z^2/10) = (z^2/10) / (1 + z^2/10)
    z2 = intervals.Z95**2
    assert wilson_interval(0, 10) == (0.0, pytest.approx(z2 / 10 / (1 + z2 / 10), rel=1e-12))
    low, high = wilson_interval(5, 10)
    assert low + high == pytest.approx(1.0, rel=1e-12)  # symmetric about 1/2
    assert math.isclose(high - low, 2 * intervals.Z95 * math.sqrt(0.025 + z2 / 400) / (1 + z2 / 10), rel_tol=1e-12)


@settings(deadline=None)
@given(st.integers(1, 2000), st.data())
def test_intervals_contain_the_estimate_and_stay_in_unit_interval(n, data):
    x = data.draw(st.integers(0, n))
    for low, high in (clopper_pearson(x, n), wilson_interval(x, n)):
        assert 0.0 <= low <= x / n <= high <= 1.0
