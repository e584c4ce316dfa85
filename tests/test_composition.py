"""Multiplicative emergence (Okawa et al. 2023; SCIENCE.md 3.4) and pitfall 15."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import composition as cp
from emergence._validate import ParameterError


def success_exact(n: int, p: Fraction, t: int) -> Fraction:
    return (1 - (1 - p) ** t) ** n


def time_exact(n: int, p: Fraction, target: Fraction) -> int:
    """The fewest whole steps with P(n, t) >= target, by exact search."""
    t = 0
    while success_exact(n, p, t) < target:
        t += 1
    return t


@pytest.mark.parametrize("n", [1, 2, 5])
@pytest.mark.parametrize("t", [0, 1, 3, 10, 40])
def test_success_matches_exact_fractions(n, t):
    expected = float(success_exact(n, Fraction(1, 10), t))
    assert float(cp.success(n, 0.1, t)) == pytest.approx(expected, rel=1e-12, abs=0.0)


def test_one_ability_is_the_additive_view():
    t = np.arange(0, 30)
    assert cp.ability(0.1, t) == pytest.approx(1 - 0.9**t, rel=1e-12, abs=1e-300)
    assert cp.success(1, 0.1, t) == pytest.approx(cp.ability(0.1, t), rel=1e-12)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("target", [Fraction(1, 2), Fraction(4, 5), Fraction(9, 10)])
def test_time_needed_matches_exact_search(n, target):
    assert cp.time_needed(n, 0.1, float(target)) == time_exact(n, Fraction(1, 10), target)


def test_time_needed_on_an_exact_boundary():
    # ln(1 - 0.5) / ln(1 - 0.5) = 1 exactly: t* = 1, not 2
    assert cp.time_needed(1, 0.5, 0.5) == 1
    assert cp.time_needed(2, 0.5, 0.25) == 1


@settings(max_examples=200)
@given(st.integers(1, 50), st.floats(1e-3, 0.999), st.floats(1e-3, 0.999))
def test_time_needed_reaches_the_target_and_one_step_less_does_not(n, p, target):
    t = cp.time_needed(n, p, target)
    assert float(cp.success(n, p, t)) >= target
    assert float(cp.success(n, p, t - 1)) < target


@given(st.integers(1, 20), st.floats(1e-3, 0.99), st.floats(1e-3, 0.999))
def test_smooth_time_is_exact_and_the_ceiling_is_near_it(n, p, target):
    smooth = cp.time_needed_smooth(n, p, target)
    assert float(cp.success(n, p, smooth)) == pytest.approx(target, rel=1e-9)
    assert abs(cp.time_needed(n, p, target) - math.ceil(smooth)) <= 1


def test_sensitivity_is_the_derivative_of_the_smooth_time():
    h = 1e-7
    for n, target in ((1, 0.5), (5, 0.9), (3, 0.2)):
        numeric = (cp.time_needed_smooth(n, 0.1, target + h) - cp.time_needed_smooth(n, 0.1, target - h)) / (2 * h)
        assert cp.sensitivity(n, 0.1, target) == pytest.approx(numeric, rel=1e-5)


@given(st.integers(1, 30), st.floats(1e-3, 0.999), st.integers(0, 500))
def test_success_rises_with_steps_and_falls_with_abilities(n, p, t):
    assert cp.success(n, p, t + 1) >= cp.success(n, p, t)
    assert cp.success(n + 1, p, t) <= cp.success(n, p, t)


def test_many_abilities_stay_in_log_space():
    log = float(cp.log_success(10**6, 0.01, 10))
    assert math.isfinite(log) and log == pytest.approx(10**6 * math.log(1 - 0.99**10), rel=1e-12)
    assert float(cp.log_success(3, 0.1, 0)) == -math.inf


@pytest.mark.parametrize("p", [0.0, 1.0, -0.1, 1.5, math.nan])
def test_p_must_lie_strictly_inside_0_1(p):
    with pytest.raises(ParameterError) as info:
        cp.time_needed(3, p, 0.5)
    assert info.value.name == "p"


@pytest.mark.parametrize("target", [0.0, 1.0, -0.5, 2.0])
def test_target_must_lie_strictly_inside_0_1(target):
    with pytest.raises(ParameterError) as info:
        cp.time_needed(3, 0.1, target)
    assert info.value.name == "tau"


def test_abilities_and_steps_are_checked():
    with pytest.raises(ParameterError) as info:
        cp.time_needed(0, 0.1, 0.5)
    assert info.value.name == "abilities"
    with pytest.raises(ParameterError) as info:
        cp.success(2, 0.1, [-1, 2])
    assert info.value.name == "steps"
    with pytest.raises(ParameterError) as info:
        cp.curves(steps=0)
    assert info.value.name == "steps"


def test_curves():
    result = cp.curves(0.1, 5, 60)
    assert result.abilities == (1, 2, 3, 4, 5)
    assert result.success.shape == (5, 61)
    assert result.single == pytest.approx(result.success[0], rel=1e-12)
    assert [p.at for p in result.points[-1]] == [time_exact(5, Fraction(1, 10), Fraction(x)) for x in ("1/2", "4/5", "9/10")]


def test_time_needed_for_a_vanishing_p_returns_at_once():
    # t* near 2e23 steps: beyond 2**53 floats cannot tell t from t + 1; the answer must still come back
    t = cp.time_needed(1, 1e-23, 0.5)
    assert t == pytest.approx(math.log(0.5) / math.log1p(-1e-23), rel=1e-12)
