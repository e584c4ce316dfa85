"""The bullet example (SCIENCE.md 3.2): ladder, smooth truncation error, tolerance crossings, projectile fits."""

from __future__ import annotations

import functools
import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.thresholds import dimensions as dm


@functools.cache
def zeta_brute(s: float, terms: int = 200_000) -> float:
    """zeta(s) by a partial sum plus the Euler-Maclaurin tail (independent of scipy; cached, it is slow)."""
    m = terms
    head = math.fsum(j ** -s for j in range(1, m + 1))
    return head + m ** (1 - s) / (s - 1) - m ** -s / 2 + s * m ** (-s - 1) / 12


def error_brute(d: int, s: float) -> float:
    """R(d) = 1 - sum_{j<=d} j^-s / zeta(s), summed directly."""
    return 1.0 - math.fsum(j ** -s for j in range(1, d + 1)) / zeta_brute(s)


def error_s2(d: int) -> float:
    """R(d) for s = 2: 1 - (6/pi^2) sum_{j<=d} 1/j^2, the sum exact in fractions."""
    return 1.0 - 6.0 / math.pi**2 * float(sum(Fraction(1, j * j) for j in range(1, d + 1)))


# --------------------------------------------------------------------------------------------
# the ladder


def test_default_ladder_is_the_blogs_bullet():
    ladder = dm.ladder()
    assert ladder.rungs == (("shape", 3), ("position", 4), ("trajectory", 6))
    assert ladder.names == ("shape", "position", "trajectory")


def test_staircase_counts_capabilities_present():
    ladder = dm.ladder()
    assert dm.staircase(ladder, range(11)).tolist() == [0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 3]
    assert dm.present(ladder, [2, 3, 4, 6]).tolist() == [[False, True, True, True], [False, False, True, True],
                                                         [False, False, False, True]]


def test_ladder_is_ordered_and_configurable():
    ladder = dm.ladder({"trajectory": 7, "shape": 3, "spin": 5})
    assert ladder.rungs == (("shape", 3), ("spin", 5), ("trajectory", 7))


@pytest.mark.parametrize("required", [{}, {"a": 0}, {"a": 2.5}, {"": 3}, {"a": -1}])
def test_bad_ladders_name_the_option(required):
    with pytest.raises(ParameterError) as info:
        dm.Ladder(tuple(required.items()))
    assert info.value.name == "ladder"


def test_duplicate_names_are_refused():
    with pytest.raises(ParameterError, match="differ"):
        dm.Ladder((("shape", 3), (" shape", 4)))


def test_ladders_are_bounded():
    with pytest.raises(ParameterError, match="at most 20"):
        dm.Ladder(tuple((f"c{i}", i + 1) for i in range(21)))
    with pytest.raises(ParameterError) as info:
        dm.Ladder((("a", 10**400),))
    assert info.value.name == "ladder"


# --------------------------------------------------------------------------------------------
# the smooth error underneath


@pytest.mark.parametrize("d", range(0, 12))
def test_truncation_error_s2_matches_exact_partial_sums(d):
    assert float(dm.truncation_error(d, 2.0)) == pytest.approx(error_s2(d), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("s", [1.5, 3.0])
@pytest.mark.parametrize("d", [0, 1, 5, 40])
def test_truncation_error_matches_brute_force_for_other_exponents(s, d):
    assert float(dm.truncation_error(d, s)) == pytest.approx(error_brute(d, s), rel=1e-8)


def test_truncation_error_tends_to_its_large_d_form():
    d = 1e6
    ratio = float(dm.truncation_error(d, 2.0)) / float(dm.truncation_error_approx(d, 2.0))
    assert ratio == pytest.approx(1.0, rel=1e-5)
    # d^(1-s) / ((s-1) zeta(s)) with s = 2 is 6 / (pi^2 d)
    assert float(dm.truncation_error_approx(10, 2.0)) == pytest.approx(6 / (math.pi**2 * 10), rel=1e-12)


@settings(deadline=None, max_examples=40)
@given(st.floats(1.05, 5.0), st.floats(0.0, 1e4))
def test_truncation_error_falls_with_parameters(s, d):
    r0, r1 = float(dm.truncation_error(d, s)), float(dm.truncation_error(d + 0.5, s))
    assert 0.0 < r1 < r0 <= 1.0


def test_a_huge_exponent_puts_all_the_energy_in_the_first_coefficient():
    # s = 1e20: R(d) = (d+1)^-s (1 + ...) is 0 in floats for every d >= 1, so every tolerance needs d* = 1;
    # the smooth crossing solves (1 + x)^-s = tau, x = -ln(tau)/s, and dd/dtau = -1/(s tau)
    result = dm.curves(s=1e20, noise=0.0)
    assert [p.at for p in result.points] == [1.0, 1.0, 1.0]
    for point in result.points:
        assert point.smooth == pytest.approx(-math.log(point.threshold) / 1e20, rel=1e-12)
        assert point.sensitivity == pytest.approx(-1 / (1e20 * point.threshold), rel=1e-12)
    assert result.error[0] == 1.0 and not result.error[1:].any()


@pytest.mark.parametrize("s", [1.0, 0.5, -2.0])
def test_exponent_must_exceed_one(s):
    with pytest.raises(ParameterError) as info:
        dm.truncation_error(3, s)
    assert info.value.name == "s"


# --------------------------------------------------------------------------------------------
# tolerance crossings


@settings(deadline=None, max_examples=40)
@given(st.floats(0.01, 0.99))
def test_dims_needed_is_the_first_d_within_tolerance(tau):
    point = dm.dims_needed(tau, 2.0)
    d = int(point.at)
    expected = next(k for k in range(10_000) if error_s2(k) <= tau)
    assert d == expected
    assert d - 1 < point.smooth <= d
    assert float(dm.truncation_error(point.smooth, 2.0)) == pytest.approx(tau, rel=1e-9)


def test_sensitivity_is_the_derivative_of_the_smooth_crossing():
    tau, h = 0.1, 1e-6
    point = dm.dims_needed(tau)
    numeric = (dm.dims_needed(tau + h).smooth - dm.dims_needed(tau - h).smooth) / (2 * h)
    assert point.sensitivity == pytest.approx(numeric, rel=1e-5)
    assert point.sensitivity < 0


def test_each_rung_is_a_tolerance_crossed_on_the_smooth_curve():
    result = dm.curves(rng=np.random.default_rng(0))
    for (name, d), (low, high) in zip(result.ladder.rungs, result.rung_windows):
        assert low == pytest.approx(error_s2(d), rel=1e-9)
        assert high == pytest.approx(error_s2(d - 1), rel=1e-9)
        for tau in (low, 0.5 * (low + high)):
            assert dm.dims_needed(tau).at == d, name


@pytest.mark.parametrize("tau", [0.0, 1.0, 1.5, -0.1, 5e-324, 1e-301])
def test_tolerance_outside_0_1_or_beyond_reach_is_refused(tau):
    with pytest.raises(ParameterError) as info:
        dm.dims_needed(tau)
    assert info.value.name == "tau"


def test_a_tiny_tolerance_needs_a_huge_model_and_says_so():
    # R(d) ~ 1/((s-1) zeta(s) d) for s = 2: a tolerance of 1e-26 needs about 6e25 parameters
    point = dm.dims_needed(1e-26)
    assert point.at == pytest.approx(6 / (1e-26 * math.pi**2), rel=1e-6)
    assert point.sensitivity == pytest.approx(-point.at / 1e-26, rel=1e-5)  # d = c / tau: dd/dtau = -d / tau


# --------------------------------------------------------------------------------------------
# the projectile


def test_projectile_rmse_matches_the_reference_numbers():
    y = 10 * dm.TIMES - 4.9 * dm.TIMES**2
    rmse = dm.fit_rmse(dm.TIMES, y, range(1, 11))
    assert rmse[0] == pytest.approx(1.669813762070489, rel=1e-12)
    assert rmse[1] == pytest.approx(0.4327562824500646, rel=1e-12)
    assert np.all(rmse[2:] < 1e-12)


@pytest.mark.parametrize("drag", [0.0, 0.3, 1.0, 3.0])
def test_projectile_rmse_agrees_with_numpy_polyfit(drag):
    t = np.linspace(0, 1, 11)
    y = dm.trajectory(t, drag)
    for d in range(1, 11):
        residual = np.polyval(np.polyfit(t, y, d - 1), t) - y
        assert dm.fit_rmse(t, y, [d])[0] == pytest.approx(np.sqrt(np.mean(residual**2)), rel=1e-6, abs=1e-12)


def exact_drag_path(t: float, k: str) -> float:
    """y(t) = (v0 + g/k)(1 - e^{-kt})/k - g t/k in 60-digit decimals: the cancellation costs digits, not the answer."""
    with localcontext() as ctx:
        ctx.prec = 60
        kk, tt = Decimal(k), Decimal(repr(t))
        y = (Decimal(10) + Decimal("9.8") / kk) * (1 - (-kk * tt).exp()) / kk - Decimal("9.8") * tt / kk
        return float(y)


@pytest.mark.parametrize("k", ["1e-12", "1e-6", "0.3", "0.5", "1", "5", "1e3"])
def test_drag_trajectory_matches_high_precision(k):
    t = dm.TIMES
    expected = np.array([exact_drag_path(float(x), k) for x in t])
    assert dm.trajectory(t, float(k)) == pytest.approx(expected, rel=1e-14, abs=1e-15)


def test_a_tiny_drag_keeps_the_vacuum_threshold():
    # k = 1e-12 bends the path by about 1e-12 m: 3 coefficients still fit to every tolerance down to 1e-6 m
    pr = dm.projectile(drag=1e-12, noise=0.0)
    assert pr.needed[1].tolist() == [3.0] * 5
    assert pr.rmse[1, 2] < 1e-12


def test_drag_trajectory_solves_its_equation_and_tends_to_vacuum():
    t = np.linspace(0, 1, 20001)
    k = 1.0
    y = dm.trajectory(t, k)
    v = np.gradient(y, t)
    a = np.gradient(v, t)
    inner = slice(10, -10)
    assert np.allclose(a[inner], -9.8 - k * v[inner], atol=1e-4)
    assert y[0] == 0.0 and v[0] == pytest.approx(10.0, abs=1e-3)
    assert np.allclose(dm.trajectory(t, 1e-9), 10 * t - 4.9 * t**2, atol=1e-7)


def test_genuine_threshold_in_vacuum_and_smooth_fall_with_drag():
    pr = dm.projectile(drag=1.0, noise=0.0)
    vacuum, drag, noise = pr.needed
    assert vacuum.tolist() == [3.0] * len(pr.tolerances)
    assert drag.tolist() == [3.0, 4.0, 5.0, 6.0, 7.0]
    assert np.all(np.diff(pr.rmse[1]) < 0) and np.all(pr.rmse[1] > 1e-13)
    assert noise.tolist() == vacuum.tolist()  # noise 0: the third scenario is vacuum again


def test_noise_is_reproducible_and_blurs_the_threshold():
    a = dm.projectile(noise=0.05, rng=np.random.default_rng(7))
    b = dm.projectile(noise=0.05, rng=np.random.default_rng(7))
    assert np.array_equal(a.data, b.data)
    assert np.all(a.rmse[2, 2:] > 1e-3)  # fits stay near the noise level after d = 3
    with pytest.raises(ParameterError) as info:
        dm.projectile(noise=0.05)
    assert info.value.name == "seed"


@pytest.mark.parametrize(("kwargs", "name"), [({"drag": -1.0}, "drag"), ({"noise": -0.1}, "noise"), ({"noise": 1e4}, "noise"),
                                              ({"max_dims": 0}, "max_dims"), ({"drag": math.inf}, "drag")])
def test_projectile_refuses_bad_settings(kwargs, name):
    with pytest.raises(ParameterError) as info:
        dm.projectile(**{"noise": 0.0, **kwargs})
    assert info.value.name == name


def test_fits_cannot_use_more_coefficients_than_points():
    with pytest.raises(ParameterError) as info:
        dm.fit_rmse(dm.TIMES, dm.trajectory(dm.TIMES), [12])
    assert info.value.name == "max_dims"


def test_curves_hold_everything_the_figure_needs():
    result = dm.curves(noise=0.0, max_dims=12)
    assert result.dims.tolist() == list(range(13))
    assert result.count.tolist()[:7] == [0, 0, 0, 1, 2, 2, 3]
    assert result.present.sum(axis=0).tolist() == result.count.tolist()
    data = result.to_dict()
    assert data["error_approx"][0] is None and data["error"][3] == pytest.approx(error_s2(3), rel=1e-12)
    assert data["ladder"]["rungs"] == [["shape", 3], ["position", 4], ["trajectory", 6]]
    assert math.isinf(result.error_approx[0])
    assert result.projectile.dims.tolist() == list(range(1, 11))
    assert [p.threshold for p in result.points] == [0.2, 0.1, 0.05]
    for max_dims in (5, dm.MAX_DIMS + 1, 10**400):
        with pytest.raises(ParameterError) as info:
            dm.curves(max_dims=max_dims)
        assert info.value.name == "max_dims"
