"""A threshold on a smooth curve (SCIENCE.md 3.1): observers, raters, seed runs, emergence points."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import thresholds as th
from emergence._validate import ParameterError
from emergence.scaling import ScaleMap

LOGISTIC = ScaleMap("logistic_log")
A = math.log(0.4 / 0.6) - 10 * 2 * math.log(1.5)  # the map's default intercept
B = 2 * math.log(1.5)  # and slope per decade


def logit(x: float) -> float:
    return math.log(x / (1 - x))


def phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


# --------------------------------------------------------------------------------------------
# one observer


def test_observer_step_is_an_indicator():
    q = np.array([0.1, 0.5, 0.79, 0.8, 0.95])
    assert th.observer_step(q, 0.8).tolist() == [0, 0, 0, 1, 1]


@pytest.mark.parametrize("tau", [0.1, 0.5, 0.8, 0.9, 0.99])
def test_emergence_point_of_the_logistic_map_is_closed_form(tau):
    point = th.emergence_point(LOGISTIC, tau)
    assert math.log10(point.at) == pytest.approx((logit(tau) - A) / B, rel=1e-12)
    # q = sigmoid(A + B x) so dq/dx = B q (1 - q)
    assert point.sensitivity == pytest.approx(1 / (B * tau * (1 - tau)), rel=1e-7)


def test_emergence_point_of_the_blogs_maps():
    linear = th.emergence_point(ScaleMap("linear_log"), 0.6)  # 0.4 + 0.2 log10(N / 1e10)
    assert linear.at == pytest.approx(1e11, rel=1e-12)
    assert linear.sensitivity == pytest.approx(5.0, rel=1e-7)
    schaeffer = th.emergence_point(ScaleMap("schaeffer"), 0.9)  # exp(-(N/1e9)^-0.5)
    assert schaeffer.at == pytest.approx(1e9 * (-math.log(0.9)) ** (1 / -0.5), rel=1e-12)


def test_unreachable_threshold_is_nan():
    point = th.emergence_point(ScaleMap("linear_log", {"s": 1e-4}), 0.99)
    assert math.isnan(point.at) and math.isnan(point.sensitivity)


@settings(max_examples=60)
@given(st.floats(0.01, 0.98), st.floats(0.001, 0.01))
def test_emergence_point_moves_up_with_the_threshold(tau, step):
    low, high = th.emergence_point(LOGISTIC, tau), th.emergence_point(LOGISTIC, tau + step)
    assert high.at > low.at
    assert float(LOGISTIC(np.array([low.at]))[0]) == pytest.approx(tau, rel=1e-12)


@pytest.mark.parametrize("tau", [0.0, 1.0, -0.2, 1.2, math.nan])
def test_threshold_must_lie_inside_0_1(tau):
    with pytest.raises(ParameterError) as info:
        th.emergence_point(LOGISTIC, tau)
    assert info.value.name == "tau"


# --------------------------------------------------------------------------------------------
# a population of raters


@pytest.mark.parametrize("q", [0.05, 0.5, 0.8, 0.93])
def test_logit_normal_share_is_a_normal_cdf_of_the_logit(q):
    raters = th.Raters("logitnormal", 0.8, 0.75)
    assert float(th.recognised_share(np.array([q]), raters)[0]) == pytest.approx(phi((logit(q) - logit(0.8)) / 0.75), rel=1e-12)


@pytest.mark.parametrize("q", [0.2, 0.6, 0.9])
def test_beta_share_is_the_integral_of_the_beta_density(q):
    raters = th.Raters("beta", 0.7, 0.1)  # a + b = 9: a = 6.3, b = 2.7
    a, b = 6.3, 2.7
    x = np.linspace(0, q, 200_001)
    density = x ** (a - 1) * (1 - x) ** (b - 1) * math.gamma(a + b) / (math.gamma(a) * math.gamma(b))
    integral = float(np.sum((density[1:] + density[:-1]) / 2 * np.diff(x)))
    assert float(th.recognised_share(np.array([q]), raters)[0]) == pytest.approx(integral, rel=1e-6)
    assert raters.beta_params == pytest.approx((a, b), rel=1e-12)


@given(st.sampled_from(["logitnormal", "beta"]), st.floats(0.05, 0.95), st.floats(0.05, 0.9))
def test_recognised_share_rises_from_0_to_1(kind, centre, spread):
    raters = th.Raters(kind, centre, spread)
    share = th.recognised_share(np.linspace(0, 1, 201), raters)
    assert share[0] == 0.0 and share[-1] == pytest.approx(1.0)
    assert np.all(np.diff(share) >= 0)


def test_half_the_raters_at_the_median_threshold():
    raters = th.Raters("logitnormal", 0.8, 0.75)
    assert th.population_size(LOGISTIC, raters, 0.5) == pytest.approx(th.emergence_point(LOGISTIC, 0.8).at, rel=1e-10)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"kind": "uniform"}, "raters"), ({"centre": 1.0}, "rater_centre"), ({"centre": 0.0}, "rater_centre"),
    ({"spread": 0.0}, "rater_spread"), ({"kind": "beta", "spread": 1.0}, "rater_spread"),
])
def test_bad_raters_name_the_option(kwargs, name):
    with pytest.raises(ParameterError) as info:
        th.Raters(**kwargs)
    assert info.value.name == name


# --------------------------------------------------------------------------------------------
# seed runs (Zhao et al.)


def test_each_run_steps_and_the_mean_follows_the_quality():
    sizes = np.logspace(7, 14, 29)
    q = LOGISTIC(sizes)
    runs, u = th.seed_runs(q, 20_000, np.random.default_rng(3))
    assert set(np.unique(runs)) <= {0.0, 1.0}  # bimodal outcomes at every size
    assert np.all(np.diff(runs, axis=1) >= 0)  # each run is one step up
    standard_error = np.sqrt(q * (1 - q) / 20_000)
    assert np.all(np.abs(runs.mean(axis=0) - q) < 4 * standard_error + 1e-12)
    assert u.shape == (20_000,)


def test_seed_runs_are_reproducible():
    q = np.linspace(0, 1, 11)
    a, _ = th.seed_runs(q, 5, np.random.default_rng(11))
    b, _ = th.seed_runs(q, 5, np.random.default_rng(11))
    assert np.array_equal(a, b)


def test_curves_put_everything_together():
    result = th.curves(LOGISTIC, runs=10, rng=np.random.default_rng(0))
    assert result.sizes[0] == pytest.approx(1e7) and result.sizes[-1] == pytest.approx(1e14)
    assert result.steps.shape == (3, result.sizes.size)
    assert [p.threshold for p in result.points] == [0.5, 0.8, 0.9]
    assert result.points[0].at == pytest.approx(10**10.5, rel=1e-12)
    assert np.all(np.diff(result.tau_grid_sizes) > 0)
    low, mid, high = result.population_sizes
    assert low < mid < high
    assert result.runs.shape == (10, result.sizes.size) and result.run_jumps.shape == (10,)


def test_runs_need_a_generator_and_sizes_must_be_positive():
    with pytest.raises(ParameterError) as info:
        th.curves(LOGISTIC, runs=3)
    assert info.value.name == "seed"
    with pytest.raises(ParameterError) as info:
        th.curves(LOGISTIC, np.array([-1.0, 1e9]))
    assert info.value.name == "sizes"
    with pytest.raises(ParameterError) as info:
        th.curves(LOGISTIC, runs=-1)
    assert info.value.name == "runs"
