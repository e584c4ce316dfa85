"""The Monte Carlo simulation draws the process itself and agrees with the exact values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence.compound import Chain, success
from emergence.intervals import wilson_interval
from emergence.montecarlo import simulate

CASES = [
    Chain((0.4,), 5),
    Chain((0.9, 0.8, 0.7, 0.6, 0.5), 5),
    Chain((0.7,), 20, correlation=0.3),
    Chain((0.4,), 5, retries=3),
    Chain((0.9, 0.5, 0.3), 3, retries=2),
    Chain((0.6,), 4, attempts=5),
    Chain((0.8,), 3, vote=5),
    Chain((0.5,), 6, correlation=0.2, attempts=3),
]


@pytest.mark.parametrize("task", CASES, ids=lambda c: repr(c))
def test_simulation_agrees_with_exact_value(task):
    n = 200_000
    mc = simulate(task, n, np.random.default_rng(20261123))
    exact = success(task)
    se = math.sqrt(exact * (1 - exact) / n)
    assert abs(mc.estimate - exact) < 4.5 * se + 1e-12
    assert mc.low <= mc.estimate <= mc.high


def test_same_seed_same_result_and_chunking_does_not_change_the_law():
    task = Chain((0.7,), 20, correlation=0.3)
    a = simulate(task, 50_000, 7)
    b = simulate(task, 50_000, 7)
    assert a == b
    small = simulate(task, 50_000, 8, chunk=1000)  # 50 chunks
    se = math.sqrt(success(task) * (1 - success(task)) / 50_000)
    assert abs(small.estimate - success(task)) < 4.5 * se


def test_progress_reports_every_trial():
    seen = []
    simulate(Chain((0.5,), 3, attempts=4), 10_001, 1, chunk=4096, on_progress=seen.append)
    assert sum(seen) == 10_001 and len(seen) > 1


def test_degenerate_items():
    assert simulate(Chain((1.0,), 9, correlation=0.5), 1000, 1).successes == 1000
    assert simulate(Chain((0.0,), 9, correlation=0.5), 1000, 1).successes == 0


def test_wilson_interval_reference_values():
    # the Wilson score interval computed by hand for 0/10, 10/10 and 5/10 (z = 1.959963984540054)
    z = 1.959963984540054
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(z * z / (10 + z * z), rel=1e-12)
    low, high = wilson_interval(10, 10)
    assert high == 1.0 and low == pytest.approx(10 / (10 + z * z), rel=1e-12)
    low, high = wilson_interval(5, 10)
    half = z * math.sqrt(0.25 / 10 + z * z / 400) / (1 + z * z / 10)
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half), rel=1e-12)


@settings(max_examples=200)
@given(n=st.integers(1, 10**7), frac=st.floats(0, 1))
def test_wilson_interval_contains_the_estimate(n, frac):
    x = round(frac * n)
    low, high = wilson_interval(x, n)
    assert 0.0 <= low <= x / n <= high <= 1.0


def test_many_attempts_are_drawn_in_bounded_batches():
    # more attempts per item than one chunk holds: the attempts are drawn in several batches
    assert simulate(Chain((0.5,), 1, attempts=5000), 10, 1, chunk=64).successes == 10
    n = 20_000
    mc = simulate(Chain((0.5,), 1, vote=101), n, 2, chunk=16)
    assert abs(mc.estimate - 0.5) < 4.5 * math.sqrt(0.25 / n)  # majority of 101 fair coins: 1/2 by symmetry
