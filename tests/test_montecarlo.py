"""The Monte Carlo simulation draws the process itself and agrees with the exact values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.compound import Chain, success
from emergence.intervals import wilson_interval
from emergence.montecarlo import MAX_DRAWS, check_budget, draws_per_task, simulate

CASES = [
    Chain((0.4,), 5),
    Chain((0.9, 0.8, 0.7, 0.6, 0.5), 5),
    Chain((0.7,), 20, correlation=0.3),
    Chain((0.4,), 5, retries=3),
    Chain((0.9, 0.5, 0.3), 3, retries=2),
    Chain((0.6,), 4, attempts=5),
    Chain((0.8,), 3, vote=5),
    Chain((0.6,), 3, vote=4),  # a tie is a coin flip
    Chain((0.5,), 6, correlation=0.2, attempts=3),
    Chain((0.4,), 5, correlation=0.3, vote=5),
    Chain((0.8,), 5, vote=21, vote_wrong_answers=10),
    Chain((0.6,), 3, correlation=0.5, vote=4, vote_wrong_answers=2),
]


def within(mc, exact, n, sigmas=4.5):
    return abs(mc.estimate - exact) < sigmas * math.sqrt(exact * (1 - exact) / n) + 1e-12


@pytest.mark.parametrize("task", CASES, ids=lambda c: repr(c))
def test_simulation_agrees_with_exact_value(task):
    n = 100_000
    mc = simulate(task, n, np.random.default_rng(20261123))
    assert mc.exact == success(task)
    assert within(mc, mc.exact, n)
    assert mc.low <= mc.estimate <= mc.high


def test_one_item_accuracy_for_all_its_attempts():
    # k = 1, p = 1/2, rho = 0.9: shared X gives pass@10 = 1 - E[(1 - X)^10] (about 0.6); ten independent
    # draws would give 1 - 2^-10 = 0.999. The simulation must find the first, far from the second.
    task = Chain((0.5,), 1, correlation=0.9, attempts=10)
    a = b = 0.5 / 9
    shared = 1 - math.prod((b + j) / (a + b + j) for j in range(10))
    n = 100_000
    mc = simulate(task, n, 5)
    assert within(mc, shared, n)
    assert mc.high < 1 - 2**-10 - 0.3


def test_voting_among_distinct_answers_helps_in_simulation():
    n = 50_000
    majority = simulate(Chain((0.8,), 5, vote=21), n, 3)
    plurality = simulate(Chain((0.8,), 5, vote=21, vote_wrong_answers=10), n, 3)
    assert majority.high < 0.8**5 < plurality.low  # one attempt: 0.32768


def test_same_seed_same_result_and_chunking_does_not_change_the_law():
    task = Chain((0.7,), 20, correlation=0.3)
    a = simulate(task, 50_000, 7)
    b = simulate(task, 50_000, 7)
    assert a == b
    small = simulate(task, 50_000, 8, chunk=1000)  # 50 chunks
    assert within(small, success(task), 50_000)


def test_progress_reports_every_trial():
    seen = []
    simulate(Chain((0.5,), 3, attempts=4), 10_001, 1, chunk=4096, on_progress=seen.append)
    assert sum(seen) == 10_001 and len(seen) > 1


def test_degenerate_items():
    assert simulate(Chain((1.0,), 9, correlation=0.5), 1000, 1).successes == 1000
    assert simulate(Chain((0.0,), 9, correlation=0.5), 1000, 1).successes == 0
    assert simulate(Chain((0.9, 0.0), 2, retries=5), 1000, 1).successes == 0  # a step that never succeeds
    # p = 1e-12 with 10^9 tries: each step succeeds with 1 - e^-0.001 = 0.0009995; 5 steps about 1e-15
    assert simulate(Chain((1e-12,), 5, retries=10**9), 10_000, 1).successes == 0


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


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10**7), frac=st.floats(0, 1))
def test_wilson_interval_contains_the_estimate(n, frac):
    x = round(frac * n)
    low, high = wilson_interval(x, n)
    assert 0.0 <= low <= x / n <= high <= 1.0


def test_many_attempts_are_drawn_in_bounded_batches():
    # more attempts per item than one chunk holds: the attempts are drawn in several batches
    assert simulate(Chain((0.5,), 1, attempts=5000), 10, 1, chunk=64).successes == 10
    n = 2_000
    mc = simulate(Chain((0.5,), 1, vote=101), n, 2, chunk=64)
    assert abs(mc.estimate - 0.5) < 4.5 * math.sqrt(0.25 / n)  # majority of 101 fair coins: 1/2 by symmetry


def test_work_is_counted_and_bounded_before_any_draw():
    assert draws_per_task(Chain((0.4,), 5)) == 1  # one binomial count of right steps
    assert draws_per_task(Chain((0.4,), 5, correlation=0.3, attempts=4)) == 1 + 4  # the item's X, then 4 counts
    assert draws_per_task(Chain((0.4,), 5, retries=10**9)) == 5  # one geometric number of tries per step
    assert draws_per_task(Chain((0.4,), 5, vote=21)) == 21 + 1  # counts, and a coin for a tie
    assert draws_per_task(Chain((0.4,), 5, vote=21, vote_wrong_answers=3)) == 21 + 21  # counts and answers
    assert check_budget(Chain((0.4,), 5), MAX_DRAWS) == MAX_DRAWS
    with pytest.raises(ParameterError) as info:
        check_budget(Chain((0.4,), 5), MAX_DRAWS + 1)
    assert info.value.name == "trials"
    with pytest.raises(ParameterError) as info:
        simulate(Chain((0.4,), 5, attempts=10**12), 1)
    assert info.value.name == "attempts"
    with pytest.raises(ParameterError) as info:
        simulate(Chain((0.4,), 5), 10**400)
    assert info.value.name == "trials"
