"""Composition, a toy model in the spirit of Okawa et al. (2023; SCIENCE.md 3.4), and pitfall 15."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import compound
from emergence._validate import ParameterError
from emergence.thresholds import composition as cp


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


def test_it_is_the_compound_model_with_retries():
    # n steps, each tried t times with a perfect checker: the same number, from the same code
    for n, t in ((1, 1), (3, 7), (5, 40)):
        assert float(cp.log_success(n, 0.1, t)) == compound.log_success(compound.chain(0.1, n, retries=t))


def test_one_ability_is_the_additive_view():
    t = np.arange(0, 30)
    assert cp.success(1, 0.1, t) == pytest.approx(1 - 0.9**t, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("target", [Fraction(1, 2), Fraction(4, 5), Fraction(9, 10)])
def test_time_needed_matches_exact_search(n, target):
    assert cp.time_needed(n, 0.1, float(target)) == time_exact(n, Fraction(1, 10), target)


def test_time_needed_on_an_exact_boundary():
    # ln(1 - 0.5) / ln(1 - 0.5) = 1 exactly: t* = 1, not 2
    assert cp.time_needed(1, 0.5, 0.5) == 1
    assert cp.time_needed(2, 0.5, 0.25) == 1


@settings(deadline=None, max_examples=100)
@given(st.integers(1, 50), st.floats(1e-3, 0.999), st.floats(1e-3, 0.999))
def test_time_needed_reaches_the_target_and_one_step_less_does_not(n, p, target):
    t = cp.time_needed(n, p, target)
    assert float(cp.success(n, p, t)) >= target
    assert float(cp.success(n, p, t - 1)) < target


@settings(deadline=None, max_examples=60)
@given(st.integers(1, 20), st.floats(1e-3, 0.99), st.floats(1e-3, 0.999))
def test_smooth_time_is_exact_and_the_ceiling_is_near_it(n, p, target):
    smooth = cp.time_needed_smooth(n, p, target)
    assert (1 - (1 - p) ** smooth) ** n == pytest.approx(target, rel=1e-9)  # the continuous P(n, t) at the real t
    assert abs(cp.time_needed(n, p, target) - math.ceil(smooth)) <= 1


def test_sensitivity_is_the_derivative_of_the_smooth_time():
    h = 1e-7
    for n, target in ((1, 0.5), (5, 0.9), (3, 0.2)):
        numeric = (cp.time_needed_smooth(n, 0.1, target + h) - cp.time_needed_smooth(n, 0.1, target - h)) / (2 * h)
        assert cp.sensitivity(n, 0.1, target) == pytest.approx(numeric, rel=1e-5)


@settings(deadline=None, max_examples=60)
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


@pytest.mark.parametrize(("call", "name"), [
    (lambda: cp.time_needed(0, 0.1, 0.5), "abilities"),
    (lambda: cp.time_needed(10**400, 0.1, 0.5), "abilities"),
    (lambda: cp.success(2, 0.1, [-1, 2]), "steps"),
    (lambda: cp.success(2, 0.1, [2.5]), "steps"),
    (lambda: cp.success(2, 0.1, [1e300]), "steps"),
    (lambda: cp.curves(steps=0), "steps"),
    (lambda: cp.curves(steps=10**9), "steps"),
    (lambda: cp.curves(abilities=11), "abilities"),
    (lambda: cp.curves(abilities=10**6), "abilities"),
    (lambda: cp.curves(taus=[0.5] * 21), "tau"),
])
def test_abilities_and_steps_are_checked_and_bounded(call, name):
    with pytest.raises(ParameterError) as info:
        call()
    assert info.value.name == name


def test_curves():
    result = cp.curves(0.1, 5, 60)
    assert result.abilities == (1, 2, 3, 4, 5)
    assert result.success.shape == (5, 61) and result.steps.tolist() == list(range(61))
    assert [p.at for p in result.points[-1]] == [time_exact(5, Fraction(1, 10), Fraction(x)) for x in ("1/2", "4/5", "9/10")]
    for n, row, reached in zip(result.abilities, result.points, result.point_success):
        assert reached == pytest.approx([float(success_exact(n, Fraction(1, 10), int(p.at))) for p in row], rel=1e-12)
    assert result.log10_success[4, 30] == pytest.approx(math.log10(float(success_exact(5, Fraction(1, 10), 30))), rel=1e-12)


def test_long_runs_are_sampled_at_whole_steps():
    result = cp.curves(1e-4, 2, 1_000_000)
    assert result.steps.size == cp.CURVE_POINTS and result.steps[-1] == 1_000_000
    assert np.all(result.steps == np.floor(result.steps))
    assert result.success[1, -1] == pytest.approx((1 - (1 - 1e-4) ** 1_000_000) ** 2, rel=1e-12)


def decimal_smooth_time(n: int, p: str, tau: float) -> float:
    """ln(1 - tau^(1/n)) / ln(1 - p) in 800-digit decimals (1 - 5e-324 needs more than 324)."""
    with localcontext() as ctx:
        ctx.prec = 800
        root = (Decimal(tau).ln() / n).exp()
        return float((1 - root).ln() / (1 - Decimal(p)).ln())


@pytest.mark.parametrize("n", [1, 5])
def test_the_smallest_target_keeps_its_digits(n):
    # tau = 5e-324 (ZeroDivisionError once): t = ln(1 - tau^(1/n)) / ln(1 - p), far below one step
    point = cp.emergence_point(n, 0.1, 5e-324)
    assert point.at == 1.0
    assert point.smooth == pytest.approx(decimal_smooth_time(n, "0.1", 5e-324), rel=1e-12)
    h = Decimal("1e-340")  # dt/dtau by a central difference in 800 digits
    with localcontext() as ctx:
        ctx.prec = 800
        tau = Decimal(5e-324)
        root = lambda x: ((x.ln() / n).exp())  # noqa: E731
        t = lambda x: (1 - root(x)).ln() / Decimal("0.9").ln()  # noqa: E731
        numeric = float((t(tau + h) - t(tau - h)) / (2 * h))
    assert point.sensitivity == pytest.approx(numeric, rel=1e-9)


def test_a_derivative_beyond_floats_is_refused():
    # n = 1000 at P* = 5e-324: dt/dP* ~ P*^(1/n - 1) / (n ln(1/(1 - p))) is about 1e320
    with pytest.raises(ParameterError) as info:
        cp.emergence_point(1000, 0.1, 5e-324)
    assert info.value.name == "tau"


def test_time_needed_for_a_vanishing_p_returns_at_once():
    # t* near 2e23 steps: beyond 2**53 floats cannot tell t from t + 1; the answer must still come back
    t = cp.time_needed(1, 1e-23, 0.5)
    assert t == pytest.approx(math.log(0.5) / math.log1p(-1e-23), rel=1e-12)
