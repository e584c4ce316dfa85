"""Sigmoid and line fits in log size, batched over bootstrap resamples, checked against scipy and brute force."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import fit


def _curve(n=12, noise=0.03, seed=0, lower=0.05, upper=0.8, mid=9.6, width=0.25):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(8, 11, n))
    return x, fit.sigmoid(x, lower, upper, mid, width) + rng.normal(0, noise, n)


def test_noiseless_sigmoid_is_recovered():
    x = np.linspace(8, 11, 15)
    y = fit.sigmoid(x, 0.1, 0.9, 9.3, 0.3)
    got = fit.fit_sigmoid(x, y)
    assert got.lower[0] == pytest.approx(0.1, abs=1e-7)
    assert got.upper[0] == pytest.approx(0.9, abs=1e-7)
    assert got.midpoint[0] == pytest.approx(9.3, abs=1e-7)
    assert got.width[0] == pytest.approx(0.3, abs=1e-7)
    assert got.sse[0] < 1e-14


def test_falling_curve_and_fixed_lower_plateau():
    x = np.linspace(8, 11, 12)
    falling = fit.fit_sigmoid(x, fit.sigmoid(x, 5.0, 2.0, 9.0, 0.4))
    assert falling.upper[0] == pytest.approx(2.0, abs=1e-6) and falling.midpoint[0] == pytest.approx(9.0, abs=1e-6)
    fixed = fit.fit_sigmoid(x, fit.sigmoid(x, 0.25, 0.9, 9.5, 0.3), lower=0.25)
    assert fixed.lower[0] == 0.25
    assert fixed.upper[0] == pytest.approx(0.9, abs=1e-6)


def _scipy_fit(x, y, bounds):
    from scipy.optimize import curve_fit

    p0 = [y.min(), y.max(), float(np.median(x)), math.sqrt(bounds.width_low * bounds.width_high)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, _ = curve_fit(fit.sigmoid, x, y, p0=p0, maxfev=20000,
                         bounds=([-np.inf, -np.inf, bounds.midpoint_low, bounds.width_low],
                                 [np.inf, np.inf, bounds.midpoint_high, bounds.width_high]))
    return p, float(np.sum((y - fit.sigmoid(x, *p)) ** 2))


def test_batched_resamples_agree_with_scipy_on_the_expanded_data():
    x, y = _curve(n=20)
    weights = fit.resample_weights(x.size, 60, np.random.default_rng(3))
    batch = fit.fit_sigmoid(x, y, weights)
    bounds = fit.Bounds.for_data(x)
    for b in range(weights.shape[0]):
        idx = np.repeat(np.arange(x.size), weights[b].astype(int))
        p, sse = _scipy_fit(x[idx], y[idx], bounds)
        # the same optimum, or (where scipy stops in a worse local minimum) a better one
        assert abs(p[2] - batch.midpoint[b]) < 1e-3 or batch.sse[b] < sse - 1e-12, b
        assert batch.sse[b] <= sse * (1 + 1e-6) + 1e-15


def test_weights_are_multiplicities_line_matches_polyfit_on_repeated_points():
    x, y = _curve(n=6)
    counts = np.array([[0, 2, 1, 1, 0, 2], [1, 1, 1, 1, 1, 1], [3, 0, 0, 1, 1, 1]], dtype=float)
    lines = fit.fit_line(x, y, counts)
    for b, c in enumerate(counts):
        idx = np.repeat(np.arange(x.size), c.astype(int))
        slope, intercept = np.polyfit(x[idx], y[idx], 1)
        assert lines.slope[b] == pytest.approx(slope, rel=1e-10)
        assert lines.intercept[b] == pytest.approx(intercept, rel=1e-10)


def test_brute_force_bootstrap_distribution_of_a_tiny_curve():
    """All 4**4 ordered resamples of 4 points: their slopes, weighted by multinomial counts, are the bootstrap law."""
    x = np.log10([1e8, 1e9, 1e10, 1e11])
    y = np.array([0.0, 0.1, 0.5, 0.6])
    slopes = []
    for draw in itertools.product(range(4), repeat=4):
        xs, ys = x[list(draw)], y[list(draw)]
        slopes.append(np.polyfit(xs, ys, 1)[0] if np.ptp(xs) > 0 else 0.0)
    counts = np.array([np.bincount(d, minlength=4) for d in itertools.product(range(4), repeat=4)], dtype=float)
    ours = fit.fit_line(x, y, counts).slope
    np.testing.assert_allclose(np.sort(ours), np.sort(slopes), atol=1e-12)
    # and the resampler draws from that law: the mean count of every point is 1
    w = fit.resample_weights(4, 20000, np.random.default_rng(0))
    assert np.all(w.sum(axis=1) == 4)
    np.testing.assert_allclose(w.mean(axis=0), 1.0, atol=0.03)


@settings(deadline=None, max_examples=40)
@given(lower=st.floats(0, 0.3), rise=st.floats(0.2, 0.7), mid=st.floats(8.5, 10.5), width=st.floats(0.05, 1.0),
       level=st.floats(0.05, 0.95))
def test_crossing_inverts_the_sigmoid(lower, rise, mid, width, level):
    batch = fit.SigmoidBatch(np.array([lower]), np.array([lower + rise]), np.array([mid]), np.array([width]), np.array([0.0]))
    target = lower + level * rise
    x = batch.crossing(target)[0]
    assert fit.sigmoid(x, lower, lower + rise, mid, width) == pytest.approx(target, rel=1e-9, abs=1e-12)
    assert math.isnan(batch.crossing(lower - 0.01)[0]) and math.isnan(batch.crossing(lower + rise + 0.01)[0])


def test_summary_intervals_band_and_determinism():
    x, y = _curve(n=14, noise=0.02)
    one = fit.summarise(x, y, np.random.default_rng(5), resamples=300)
    two = fit.summarise(x, y, np.random.default_rng(5), resamples=300)
    summary, band, point, boot = one
    assert summary == two[0]
    assert summary.determined and summary.why_undetermined is None
    assert summary.midpoint_interval[0] <= summary.midpoint <= summary.midpoint_interval[1]
    assert abs(summary.midpoint - 9.6) < 0.2
    assert summary.rise_decades == pytest.approx(2 * math.log(9) * summary.width)
    assert np.all(band.low <= band.high)
    low, high = np.percentile(boot.midpoint, [2.5, 97.5])
    assert summary.midpoint_interval == pytest.approx((low, high))


def test_short_curves_are_undetermined():
    x, y = _curve(n=5)
    summary = fit.summarise(x, y, np.random.default_rng(1), resamples=100)[0]
    assert not summary.determined and "fewer than 6" in (summary.why_undetermined or "")


def test_percentile_interval_ignores_nan():
    assert fit.percentile_interval(np.array([np.nan, 1.0, 2.0, 3.0])) == pytest.approx(tuple(np.percentile([1, 2, 3], [2.5, 97.5])))
    assert all(math.isnan(v) for v in fit.percentile_interval(np.array([np.nan])))


@settings(deadline=None, max_examples=200)
@given(values=st.lists(st.floats(-1e12, 1e12, allow_nan=False), min_size=1, max_size=300),
       levels=st.lists(st.floats(0, 100), min_size=1, max_size=4))
def test_percentiles_are_numpys_to_the_last_bit(values, levels):
    a = np.array(values)
    got = fit.percentiles(a, tuple(levels))
    assert [float(g) for g in got] == [float(np.percentile(a, level)) for level in levels]


def test_percentiles_along_an_axis_and_the_band():
    m = np.random.default_rng(4).normal(size=(333, 7))
    for g, level in zip(fit.percentiles(m, (2.5, 50.0, 97.5), axis=0), (2.5, 50.0, 97.5)):
        assert np.array_equal(g, np.percentile(m, level, axis=0))


def test_chunks_bound_the_rows_fitted_at_once_and_change_no_fit(monkeypatch):
    assert fit.batch_rows(8) == 4096 and fit.batch_rows(1000) == 128 and fit.batch_rows(40) == 32768 // 40
    x, y = _curve(n=12, noise=0.01)
    weights = fit.resample_weights(x.size, 300, np.random.default_rng(6))
    whole = fit.fit_sigmoid(x, y, weights)
    seen = []
    real = fit.fit_sigmoid

    def spy(x, ys, w, **kw):
        seen.append(w.shape[0])
        return real(x, ys, w, **kw)

    monkeypatch.setattr(fit, "MAX_BATCH_CELLS", 12 * 64)  # 64 rows at a time
    monkeypatch.setattr(fit, "MIN_BATCH_ROWS", 1)
    monkeypatch.setattr(fit, "fit_sigmoid", spy)
    chunked = fit.fit_many(x, np.broadcast_to(y, weights.shape), weights)
    assert seen == [64, 64, 64, 64, 44]
    # a well-determined curve: every resample finds the same optimum, however the rows are grouped
    np.testing.assert_allclose(chunked.midpoint, whole.midpoint, atol=1e-7)
    np.testing.assert_allclose(chunked.sse, whole.sse, rtol=1e-9, atol=1e-15)


def test_a_fixed_lower_plateau_stays_fixed_in_every_resample():
    x, y = _curve(n=10, lower=0.25)
    batch = fit.fit_sigmoid(x, y, fit.resample_weights(x.size, 50, np.random.default_rng(2)), lower=0.25)
    assert np.all(batch.lower == 0.25)
    # and each is the least-squares fit with that plateau: no better one by brute force on a fine grid of shapes
    counts = fit.resample_weights(x.size, 50, np.random.default_rng(2))[0]
    mids, widths = np.linspace(8, 11, 301), np.geomspace(0.01, 3, 301)
    s = fit.logistic((x[None, None, :] - mids[:, None, None]) / widths[None, :, None])
    amp = (s * counts * (y - 0.25)).sum(axis=-1) / (s * s * counts).sum(axis=-1)  # the plateau's best height
    brute = ((y - 0.25 - amp[:, :, None] * s) ** 2 * counts).sum(axis=-1)
    assert batch.sse[0] <= brute.min() * (1 + 1e-9) + 1e-15
