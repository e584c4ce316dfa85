"""Hypothesis 3, what the models share: the Hurwitz zeta in numpy, levels, and the observers model (SCIENCE.md 3.1)."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.scaling import ScaleMap
from emergence.thresholds import EmergencePoint, levels
from emergence.thresholds import observers as ob
from emergence.thresholds._zeta import log_hurwitz, log_zipf_tail, zipf_tail, zipf_tail_crossing

LOGISTIC = ScaleMap("logistic_log")
A = math.log(0.4 / 0.6) - 10 * 2 * math.log(1.5)  # the map's default intercept
B = 2 * math.log(1.5)  # and slope per decade


def logit(x: float) -> float:
    return math.log(x / (1 - x))


def phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


# --------------------------------------------------------------------------------------------
# the Hurwitz zeta, against scipy as an oracle


@pytest.mark.parametrize("s", [1 + 1e-9, 1.0001, 1.01, 1.1, 1.4, 2.0, 3.0, 5.0, 7.3, 11.0, 20.0, 50.0, 300.0, 1500.0])
def test_log_hurwitz_agrees_with_scipy(s):
    from scipy.special import zeta

    q = np.concatenate([np.linspace(1, 12, 23), np.geomspace(1, 1e12, 37), [1e50, 1e100], np.linspace(900, 4000, 7)])
    expected = zeta(s, q)
    ok = expected > 1e-300  # scipy's value underflows below that; ours is a logarithm
    got = np.exp(log_hurwitz(s, q[ok]))
    # ln zeta is exact to the last bits of its own size: relative error about 1e-16 (1 + |ln zeta|), at most ~1e-13 here
    assert np.all(np.abs(got / expected[ok] - 1) <= 1e-15 * (10 + np.abs(np.log(expected[ok]))))


def test_log_hurwitz_keeps_what_underflows():
    # zeta(1e20, q) = q^-1e20 (1 + (q/(q+1))^1e20 + ...) = q^-1e20 to every digit
    assert log_hurwitz(1e20, np.array([1.0, 2.0, 7.5])) == pytest.approx([0.0, -1e20 * math.log(2), -1e20 * math.log(7.5)], rel=1e-15)
    # s just above 1 (s - 1 = 2^-40 exactly): zeta(s) = 1/(s - 1) + Euler's gamma + O(s - 1)
    assert math.exp(float(log_hurwitz(1 + 2.0**-40, 1.0))) == pytest.approx(2.0**40 + 0.5772156649015329, rel=1e-13)
    assert math.isfinite(float(log_hurwitz(1.5, 1e300)))


@pytest.mark.parametrize("n", [0, 1, 2, 5, 17])
def test_zipf_tail_is_the_share_beyond_n_terms(n):
    # s = 2: T(n) = 1 - (6/pi^2) sum_{k<=n} 1/k^2, the sum exact in fractions
    expected = 1 - 6 / math.pi**2 * float(sum(Fraction(1, k * k) for k in range(1, n + 1)))
    assert float(zipf_tail(n, 2.0)) == pytest.approx(expected, rel=1e-13, abs=1e-16)
    assert float(zipf_tail(0, 3.7)) == 1.0


@settings(deadline=None, max_examples=25)
@given(st.floats(1.05, 30.0), st.floats(1e-12, 0.99))
def test_zipf_tail_crossing_meets_its_level(s, level):
    x = float(zipf_tail_crossing(level, s))
    if math.isnan(x):  # beyond 1e300 terms: the level is below T(1e300)
        assert float(log_zipf_tail(1e300, s)) > math.log(level)
        return
    assert float(log_zipf_tail(x, s)) == pytest.approx(math.log(level), rel=1e-9, abs=1e-12)


def test_zipf_tail_crossing_for_a_huge_exponent():
    # T(x) = (1 + x)^-s when s is huge: x = -ln(level)/s, far below the spacing of floats near 1
    assert float(zipf_tail_crossing(0.5, 1e20)) == pytest.approx(math.log(2) / 1e20, rel=1e-12)


# --------------------------------------------------------------------------------------------
# what every model shares


def test_levels_are_bounded_and_inside_0_1():
    assert levels("tau", [0.5, 0.25]) == (0.5, 0.25)
    for bad in ([0.0], [1.0], [0.5] * 21, []):
        with pytest.raises(ParameterError) as info:
            levels("tau", bad)
        assert info.value.name == "tau"


def test_an_emergence_point_is_a_result():
    assert EmergencePoint(0.5, 3.0, 2.5, math.inf).to_dict() == {"threshold": 0.5, "at": 3.0, "smooth": 2.5, "sensitivity": None}


# --------------------------------------------------------------------------------------------
# one observer


def test_observer_step_is_an_indicator():
    q = np.array([0.1, 0.5, 0.79, 0.8, 0.95])
    assert ob.observer_step(q, 0.8).tolist() == [0, 0, 0, 1, 1]


@pytest.mark.parametrize("tau", [1e-6, 0.1, 0.5, 0.8, 0.9, 0.99, 1 - 1e-6])
def test_emergence_point_of_the_logistic_map_is_closed_form(tau):
    point = ob.emergence_point(LOGISTIC, tau)
    middle = 0.01 < tau < 0.99
    assert math.log10(point.at) == pytest.approx((logit(tau) - A) / B, rel=1e-12 if middle else 1e-10)
    # q = sigmoid(A + B x) so dq/dx = B q (1 - q); the central difference holds 1e-7 in the middle, 1e-4 at the ends
    assert point.sensitivity == pytest.approx(1 / (B * tau * (1 - tau)), rel=1e-7 if middle else 1e-4)


def test_emergence_point_of_the_blogs_maps():
    linear = ob.emergence_point(ScaleMap("linear_log"), 0.6)  # 0.4 + 0.2 log10(N / 1e10)
    assert linear.at == pytest.approx(1e11, rel=1e-12)
    assert linear.sensitivity == pytest.approx(5.0, rel=1e-7)
    schaeffer = ob.emergence_point(ScaleMap("schaeffer"), 0.9)  # exp(-(N/1e9)^-0.5)
    assert schaeffer.at == pytest.approx(1e9 * (-math.log(0.9)) ** (1 / -0.5), rel=1e-12)


def test_unreachable_threshold_is_nan():
    point = ob.emergence_point(ScaleMap("linear_log", {"s": 1e-4}), 0.99)
    assert math.isnan(point.at) and math.isnan(point.sensitivity)


def test_a_crossing_below_the_searched_range_is_nan_not_its_edge():
    # q(1e-10) of logistic_log is 0.4 e^-... ~ 1e-9.6: a level of 1e-12 is met below 1e-10 parameters
    assert np.isnan(ob._crossing(LOGISTIC, 1e-12))


@settings(deadline=None, max_examples=40)
@given(st.floats(0.01, 0.98), st.floats(0.001, 0.01))
def test_emergence_point_moves_up_with_the_threshold(tau, step):
    low, high = ob.emergence_point(LOGISTIC, tau), ob.emergence_point(LOGISTIC, tau + step)
    assert high.at > low.at
    assert float(LOGISTIC(np.array([low.at]))[0]) == pytest.approx(tau, rel=1e-12)


@pytest.mark.parametrize("tau", [0.0, 1.0, -0.2, 1.2, math.nan, 5e-324, 1e-7, 1 - 1e-7])
def test_threshold_must_lie_inside_the_level_range(tau):
    with pytest.raises(ParameterError) as info:
        ob.emergence_point(LOGISTIC, tau)
    assert info.value.name == "tau"


# --------------------------------------------------------------------------------------------
# a population of raters


@pytest.mark.parametrize("z", [-40.0, -8.0, -1.0, 0.0, 0.5, 3.0, 9.0])
def test_normal_cdf_is_accurate_in_both_tails(z):
    from scipy.special import ndtr

    assert float(ob.normal_cdf(np.array([z]))[0]) == pytest.approx(float(ndtr(z)), rel=1e-14)


@pytest.mark.parametrize("q", [0.05, 0.5, 0.8, 0.93])
def test_logit_normal_share_is_a_normal_cdf_of_the_logit(q):
    raters = ob.Raters("logitnormal", 0.8, 0.75)
    assert float(ob.recognised_share(np.array([q]), raters)[0]) == pytest.approx(phi((logit(q) - logit(0.8)) / 0.75), rel=1e-12)


@pytest.mark.parametrize("q", [0.2, 0.6, 0.9])
def test_beta_share_is_the_integral_of_the_beta_density(q):
    raters = ob.Raters("beta", 0.7, 0.1)  # a + b = 9: a = 6.3, b = 2.7
    a, b = 6.3, 2.7
    x = np.linspace(0, q, 200_001)
    density = x ** (a - 1) * (1 - x) ** (b - 1) * math.gamma(a + b) / (math.gamma(a) * math.gamma(b))
    integral = float(np.sum((density[1:] + density[:-1]) / 2 * np.diff(x)))
    assert float(ob.recognised_share(np.array([q]), raters)[0]) == pytest.approx(integral, rel=1e-6)
    assert raters.beta_params == pytest.approx((a, b), rel=1e-12)


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(["logitnormal", "beta"]), st.floats(0.05, 0.95), st.floats(0.05, 0.9))
def test_recognised_share_rises_from_0_to_1(kind, centre, spread):
    share = ob.recognised_share(np.linspace(0, 1, 201), ob.Raters(kind, centre, spread))
    assert share[0] == 0.0 and share[-1] == pytest.approx(1.0)
    assert np.all(np.diff(share) >= 0)


def test_half_the_raters_at_the_median_threshold():
    raters = ob.Raters("logitnormal", 0.8, 0.75)
    assert ob.population_size(LOGISTIC, raters, 0.5) == pytest.approx(ob.emergence_point(LOGISTIC, 0.8).at, rel=1e-10)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"kind": "uniform"}, "raters"), ({"centre": 1.0}, "rater_centre"), ({"centre": 0.0}, "rater_centre"),
    ({"spread": 0.0}, "rater_spread"), ({"kind": "beta", "spread": 1.0}, "rater_spread"), ({"kind": "beta", "spread": 1e-13}, "rater_spread"),
])
def test_bad_raters_name_the_option(kwargs, name):
    with pytest.raises(ParameterError) as info:
        ob.Raters(**kwargs)
    assert info.value.name == name


# --------------------------------------------------------------------------------------------
# seed runs (Zhao et al.)


def test_each_run_steps_and_the_mean_follows_the_quality():
    sizes = np.logspace(7, 14, 29)
    q = LOGISTIC(sizes)
    runs, u = ob.seed_runs(q, 200, np.random.default_rng(3))
    assert set(np.unique(runs)) <= {0.0, 1.0}  # bimodal outcomes at every size
    assert np.all(np.diff(runs, axis=1) >= 0)  # each run is one step up
    standard_error = np.sqrt(q * (1 - q) / 200)
    assert np.all(np.abs(runs.mean(axis=0) - q) < 4.5 * standard_error + 1e-12)
    assert u.shape == (200,)
    with pytest.raises(ParameterError) as info:
        ob.seed_runs(q, ob.MAX_RUNS + 1, np.random.default_rng(3))
    assert info.value.name == "runs"


def test_curves_put_everything_together():
    result = ob.curves(LOGISTIC, runs=10, rng=np.random.default_rng(0))
    assert result.sizes[0] == pytest.approx(1e7) and result.sizes[-1] == pytest.approx(1e14)
    assert result.steps.shape == (3, result.sizes.size)
    assert [p.threshold for p in result.points] == [0.5, 0.8, 0.9]
    assert result.points[0].at == pytest.approx(10**10.5, rel=1e-12)
    assert np.all(np.diff(result.tau_grid_sizes) > 0)
    low, mid, high = result.population_sizes
    assert low < mid < high
    # each run is the step 1[q >= U] and jumps where q = U
    assert result.runs.shape == (10, result.sizes.size) and result.run_jumps.shape == (10,)
    assert np.array_equal(result.runs, (result.quality[None, :] >= result.run_levels[:, None]).astype(float))
    assert LOGISTIC(result.run_jumps) == pytest.approx(result.run_levels, rel=1e-12)


def test_the_numbers_the_tables_print_are_in_the_results():
    result = ob.curves(LOGISTIC, taus=(0.5, 0.9), runs=4, rng=np.random.default_rng(1))
    data = result.to_dict()
    # N*(0.5) = 10^((logit 0.5 - A)/B), N*(0.9) likewise: the decades between them are logit(0.9)/B
    assert data["point_decades"] == pytest.approx(logit(0.9) / B, rel=1e-12)
    assert data["log10_points"] == pytest.approx([-A / B, (logit(0.9) - A) / B], rel=1e-12)
    low, high = result.population_sizes[0], result.population_sizes[-1]
    assert data["population_decades"] == pytest.approx(math.log10(high) - math.log10(low), rel=1e-12)
    assert data["runs_mean"] == pytest.approx(result.runs.mean(axis=0).tolist())
    # the jumps in closed form, log10 N = (logit U - A)/B; reported only within the sizes 1e7 to 1e14
    jumps = sorted(10 ** ((logit(u) - A) / B) for u in result.run_levels)
    inside = [n for n in jumps if 1e7 < n <= 1e14]
    assert data["run_jumps_outside"] == [sum(n <= 1e7 for n in jumps), sum(n > 1e14 for n in jumps)]
    assert jumps[-1] > 1e14  # this seed has runs jumping beyond the sizes: they are counted, not summarised
    median = (jumps[1] + jumps[2]) / 2
    expected = [inside[0], median if 1e7 <= median <= 1e14 else math.nan, inside[-1]]
    assert data["run_jump_summary"] == pytest.approx(expected, rel=1e-9, nan_ok=True)
    assert all(1e7 <= n <= 1e14 for n in data["run_jump_summary"] if not math.isnan(n))
    assert "runs" not in data and len(data["run_levels"]) == 4  # the draws, not the derived matrix


def test_seed_run_jumps_are_reported_within_the_sizes_observed():
    # U chosen by hand: q^-1(U) = 10^((logit U - A)/B) puts the jumps at 1e6 (below the sizes), 1e10.5 and
    # 1e11 (inside), 1e15 (beyond); sizes 1e8 to 1e13
    result = ob.curves(LOGISTIC, np.logspace(8, 13, 11), runs=4, rng=np.random.default_rng(0))
    wanted = np.array([6.0, 10.5, 11.0, 15.0])
    u = 1 / (1 + np.exp(-(A + B * wanted)))
    result = dataclasses.replace(result, run_levels=u, run_jumps=10.0**wanted)
    assert result.run_jumps_inside.tolist() == [False, True, True, False]
    assert result.run_jumps_outside == (1, 1)
    low, median, high = result.run_jump_summary
    assert (low, high) == pytest.approx((10**10.5, 1e11), rel=1e-12)
    assert median == pytest.approx((10**10.5 + 1e11) / 2, rel=1e-12)  # over all four runs: the middle two
    assert all(1e8 <= n <= 1e13 for n in (low, median, high))
    # a median among the runs below the sizes is not given a size off the grid
    below = dataclasses.replace(result, run_levels=u[[0, 0, 0, 1]], run_jumps=10.0 ** wanted[[0, 0, 0, 1]])
    assert below.run_jumps_outside == (3, 0)
    assert below.run_jump_summary[0] == below.run_jump_summary[2] == pytest.approx(10**10.5, rel=1e-12)
    assert math.isnan(below.run_jump_summary[1])
    none = ob.curves(LOGISTIC, runs=0)
    assert none.run_jumps_outside == (0, 0) and all(math.isnan(v) for v in none.run_jump_summary)


def test_runs_need_a_generator_and_sizes_must_be_positive_and_few():
    with pytest.raises(ParameterError) as info:
        ob.curves(LOGISTIC, runs=3)
    assert info.value.name == "seed"
    for sizes in (np.array([-1.0, 1e9]), np.logspace(1, 9, 10_002)):
        with pytest.raises(ParameterError) as info:
            ob.curves(LOGISTIC, sizes)
        assert info.value.name == "sizes"
    with pytest.raises(ParameterError) as info:
        ob.curves(LOGISTIC, runs=-1)
    assert info.value.name == "runs"
