"""Finite test sets: rounding, zero readings, items needed, Clopper-Pearson, the sparse grid."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import resolution as r
from emergence._validate import ParameterError


def test_rounding_is_to_the_nearest_multiple_not_flooring():
    np.testing.assert_array_equal(r.round_to_resolution([0.004, 0.006, 0.0149, 0.0151], 100), [0.0, 0.01, 0.01, 0.02])
    # halves round up: 0.125 * 4 = 0.5 -> 1/4; anything below 1/(2n) reads 0
    assert float(r.round_to_resolution(0.125, 4)) == 0.25
    assert float(r.round_to_resolution(0.1249, 4)) == 0.0
    assert float(r.round_to_resolution(1.0, 7)) == 1.0


def test_zero_probability_exact():
    assert float(r.zero_probability(0.1, 3)) == pytest.approx(float(Fraction(9, 10) ** 3), rel=1e-14)  # 729/1000
    np.testing.assert_array_equal(r.zero_probability([0.0, 1.0], 5), [1.0, 0.0])


def _needed_by_counting(a: Fraction, q: Fraction) -> int:
    n = 1
    while 1 - (1 - a) ** n < q:
        n += 1
    return n


@pytest.mark.parametrize(("a", "q"), [(Fraction(1, 2), Fraction(3, 4)), (Fraction(9, 10), Fraction(99, 100)),
                                      (Fraction(1, 100), Fraction(95, 100)), (Fraction(1, 3), Fraction(1, 2)),
                                      (Fraction(3, 1000), Fraction(9, 10))])
def test_items_needed_against_counting(a, q):
    assert float(r.items_needed(float(a), float(q))) == _needed_by_counting(a, q)


def test_items_needed_edge_cases():
    np.testing.assert_array_equal(r.items_needed([0.0, 1.0, 0.3], 0.95)[:2], [math.inf, 1.0])
    assert float(r.items_needed(0.3, 0.0)) == 1.0
    with pytest.raises(ParameterError) as err:
        r.items_needed(0.3, 1.0)
    assert err.value.name == "confidence"


@settings(deadline=None)
@given(st.floats(1e-6, 0.999), st.floats(0.01, 0.999))
def test_items_needed_is_the_smallest_sufficient_n(a, q):
    n = float(r.items_needed(a, q))
    miss = math.log1p(-q)
    assert n * math.log1p(-a) <= miss + 1e-9 * abs(miss)
    assert n == 1 or (n - 1) * math.log1p(-a) > miss - 1e-9 * abs(miss)


def test_items_needed_beyond_the_largest_float_is_infinite():
    # 3/a items for a = 5e-324 is about 6e323: more than any float, reported as infinite (no warning)
    needed = r.items_needed([5e-324, 1e-300], 0.95)
    assert needed[0] == math.inf
    assert needed[1] == pytest.approx(-math.log(0.05) / 1e-300, rel=1e-12)


def test_rule_of_three():
    assert r.zero_count_upper_bound(100) == pytest.approx(1 - 0.05 ** (1 / 100), rel=1e-12)
    assert r.zero_count_upper_bound(100) == pytest.approx(3 / 100, rel=0.02)


def test_observe_is_seeded_and_consistent():
    true = np.array([0.0, 1e-4, 0.05, 0.5, 1.0])
    a = r.observe(true, 1000, np.random.default_rng(4))
    b = r.observe(true, 1000, 4)
    np.testing.assert_array_equal(a.successes, b.successes)
    assert a.successes[0] == 0 and a.successes[-1] == 1000
    np.testing.assert_array_equal(a.observed, a.successes / 1000)
    np.testing.assert_array_equal(a.rounded, [0.0, 0.0, 0.05, 0.5, 1.0])  # 1e-4 is 0.1 of 1/1000: rounds to 0
    assert np.all(a.low <= a.observed) and np.all(a.observed <= a.high)
    assert a.floor == 1e-3
    assert a.to_dict()["floor"] == 1e-3 and a.to_dict()["successes"] == a.successes.tolist()


def test_from_counts_checks_shapes():
    with pytest.raises(ParameterError) as err:
        r.from_counts([0.1, 0.2], [1], 10)
    assert err.value.name == "successes"


def test_huge_test_sets_are_refused_not_overflowed():
    for func in (lambda n: r.round_to_resolution(0.5, n), lambda n: r.zero_probability(0.5, n),
                 lambda n: r.zero_count_upper_bound(n), lambda n: r.observe([0.5], n, 0)):
        with pytest.raises(ParameterError) as err:
            func(10**400)
        assert err.value.name == "items"


def test_rates_are_validated():
    with pytest.raises(ParameterError) as err:
        r.round_to_resolution([0.5, 1.5], 10)
    assert err.value.name == "values"
    with pytest.raises(ParameterError) as err:
        r.round_to_resolution(0.5, 0)
    assert err.value.name == "items"


def test_sparse_grid_on_a_ramp():
    # a straight line in log10 N sampled at c evenly spaced sizes: every step is 1/(c - 1) of the
    # rise and breakthroughness is c - 1
    sizes = np.logspace(8, 12, 61)
    grid = r.sparse_grid(sizes, np.log10(sizes), (3, 4, 7, 61), orientation="higher")
    assert grid.counts == (3, 4, 7, 61)
    np.testing.assert_allclose(grid.largest_step_share, [1 / 2, 1 / 3, 1 / 6, 1 / 60], rtol=1e-9)
    np.testing.assert_allclose(grid.breakthroughness, [2, 3, 6, 60], rtol=1e-9)
    assert grid.indices[0].tolist() == [0, 30, 60]


def test_sparse_grid_makes_a_sigmoid_look_sudden():
    sizes = np.logspace(7, 13, 61)
    sigmoid = 1 / (1 + np.exp(-3 * (np.log10(sizes) - 10)))
    grid = r.sparse_grid(sizes, sigmoid, (4, 61), orientation="higher")
    assert grid.largest_step_share[0] > 0.8 > 0.2 > grid.largest_step_share[1]


def test_sparse_grid_refuses_more_points_than_given():
    with pytest.raises(ParameterError) as err:
        r.sparse_grid([1, 2, 3], [0, 1, 2], (4,), orientation="higher")
    assert err.value.name == "counts"
