"""The latent model and its metrics: closed forms of SCIENCE.md 2.1-2.2, derived independently here."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from emergence import metrics as m
from emergence._validate import ParameterError

OURS = m.latent_model()


def test_presets():
    assert (OURS.c, OURS.alpha, OURS.name) == (1e9, -0.5, "ours")
    kaplan = m.latent_model("kaplan")
    assert (kaplan.c, kaplan.alpha) == (8.8e13, -0.076)
    # Kaplan's (Nc / N) ** alpha_N: p stays near 0.09 at 1e9 and 0.245 at 1e12 (no emergence)
    for n, p in ((1e9, 0.093), (1e12, 0.245)):
        exact = math.exp(-((8.8e13 / n) ** 0.076))
        assert kaplan.token_probability(n) == pytest.approx(exact, rel=1e-12)
        assert exact == pytest.approx(p, abs=5e-4)
    changed = m.latent_model("kaplan", alpha=-0.1)
    assert (changed.c, changed.alpha, changed.name) == (8.8e13, -0.1, "custom")


@pytest.mark.parametrize(("kwargs", "name"), [({"alpha": 0.0}, "alpha"), ({"alpha": 0.3}, "alpha"),
                                              ({"c": 0.0}, "c"), ({"c": -1.0}, "c"), ({"alpha": math.nan}, "alpha")])
def test_latent_model_refuses_bad_constants(kwargs, name):
    with pytest.raises(ParameterError) as err:
        m.latent_model(**kwargs)
    assert err.value.name == name


def test_unknown_preset():
    with pytest.raises(ParameterError) as err:
        m.latent_model("chinchilla")
    assert err.value.name == "preset"


@pytest.mark.parametrize(("kwargs", "name"), [({"tokens": 0}, "tokens"), ({"options": 1}, "options"),
                                              ({"sigma": -0.1}, "sigma"), ({"tokens": 2.5}, "tokens")])
def test_task_refuses_bad_values(kwargs, name):
    with pytest.raises(ParameterError) as err:
        m.Task(**kwargs)
    assert err.value.name == name


def test_generation_metrics_exact_fractions():
    assert float(m.exact_match(0.4, 5)) == pytest.approx(float(Fraction(2, 5) ** 5), rel=1e-12)  # 32/3125
    assert float(m.exact_match(0.6, 5)) == pytest.approx(float(Fraction(243, 3125)), rel=1e-12)
    assert float(m.token_edit_distance(0.75, 4)) == 1.0
    assert float(m.token_accuracy(0.75)) == 0.75
    assert float(m.log_probability(0.5, 3)) == pytest.approx(3 * math.log(0.5), rel=1e-15)
    assert float(m.exact_match(0.0, 3)) == 0.0 and float(m.log_probability(0.0, 3)) == -math.inf


def test_probabilities_are_validated():
    for bad in (-0.1, 1.1, math.nan):
        with pytest.raises(ParameterError) as err:
            m.exact_match(bad, 2)
        assert err.value.name == "p"


def test_median_and_characteristic_size():
    # N50 = c (L / ln 2) ** (1/|alpha|); N* = c L ** (1/|alpha|) where exact match = 1/e
    for L in (1, 5):
        n50 = 1e9 * (L / math.log(2)) ** 2
        assert m.exact_match_size(OURS, L) == pytest.approx(n50, rel=1e-12)
        assert float(m.expected(OURS, m.Task(tokens=L), [n50]).scores["exact_match"][0]) == pytest.approx(0.5, rel=1e-12)
    assert m.exact_match_size(OURS, 5) == pytest.approx(5.2034224525140205e10, rel=1e-12)
    assert m.exact_match_size(OURS, 1) == pytest.approx(2.0813689810056078e9, rel=1e-12)
    assert m.exact_match_size(OURS, 5, 1 / math.e) == pytest.approx(2.5e10, rel=1e-12)
    assert m.exact_match_size(OURS, 10, 1 / math.e) == pytest.approx(1e11, rel=1e-12)


@pytest.mark.parametrize(("alpha", "decades"), [(-0.5, 2.6791), (-1.0, 1.3395), (-0.076, 17.625)])
def test_ten_to_ninety_width(alpha, decades):
    model = m.LatentModel(1e9, alpha)
    closed = math.log(math.log(0.1) / math.log(0.9)) / (abs(alpha) * math.log(10))
    assert m.exact_match_width(model) == pytest.approx(closed, rel=1e-12)
    assert m.exact_match_width(model) == pytest.approx(decades, abs=6e-4)


@pytest.mark.parametrize("L", [1, 5, 10])
def test_largest_slope_is_alpha_over_e_for_every_length(L):
    ln_n = np.linspace(math.log(1e6), math.log(1e16), 200001)
    em = m.exact_match(OURS.token_probability(np.exp(ln_n)), L)
    steepest = float(np.max(np.gradient(em, ln_n)))
    assert steepest == pytest.approx(0.5 / math.e, rel=1e-6)
    assert m.exact_match_max_slope(OURS) == pytest.approx(0.18393972058572117, rel=1e-12)


@pytest.mark.parametrize("L", [2, 5, 10])
def test_shift_property(L):
    # Acc_L(N) = Acc_1(N L ** (1/alpha)): the curves are translations in log N
    n = np.logspace(7, 13, 13)
    acc_l = m.exact_match(OURS.token_probability(n), L)
    acc_1 = m.exact_match(OURS.token_probability(n * L ** (1 / OURS.alpha)), 1)
    np.testing.assert_allclose(acc_l, acc_1, rtol=1e-12, atol=1e-300)


def test_double_log_is_a_line_with_slope_alpha():
    n = np.logspace(7, 13, 7)
    for L in (1, 3, 10):
        y = m.double_log(OURS, n, L)
        slope, intercept = np.polyfit(np.log(n), y, 1)
        assert slope == pytest.approx(-0.5, rel=1e-12)
        assert intercept == pytest.approx(math.log(L) + 0.5 * math.log(1e9), rel=1e-12)
        em = m.exact_match(OURS.token_probability(n), L)
        np.testing.assert_allclose(np.log(-np.log(em)), y, rtol=1e-9, atol=1e-12)


def test_choice_margin_gives_the_token_probability_to_the_right_option():
    p = np.array([0.05, 0.25, 0.5, 0.9])
    for k in (2, 4, 10):
        mu = m.choice_margin(p, k)
        q = np.exp(mu) / (np.exp(mu) + k - 1)  # softmax over (mu, 0, ..., 0)
        np.testing.assert_allclose(q, p, rtol=1e-12)
    assert float(m.choice_margin(0.25, 4)) == pytest.approx(0.0, abs=1e-15)


def test_grade_step_and_tie_convention():
    np.testing.assert_array_equal(m.multiple_choice_grade([-1.0, 0.0, 2.0], 0.0, 4), [0.0, 0.25, 1.0])


def test_grade_is_a_probit_against_scipy():
    from scipy.stats import norm

    mu = np.linspace(-3, 3, 13)
    for sigma in (0.5, 1.0, 2.0):
        np.testing.assert_allclose(m.multiple_choice_grade(mu, sigma, 4), norm.cdf(mu / sigma), rtol=1e-12, atol=1e-15)


def _brier_brute_force(mu: float, k: int) -> float:
    logits = np.array([mu] + [0.0] * (k - 1))
    q = np.exp(logits - logits.max())
    q /= q.sum()
    y = np.zeros(k)
    y[0] = 1.0
    return float(np.sum((y - q) ** 2))


def test_brier_formula_against_the_sum_over_options():
    for k in (2, 4, 7):
        for mu in (-4.0, -0.3, 0.0, 1.5, 6.0):
            assert float(m.brier_score(mu, 0.0, k)) == pytest.approx(_brier_brute_force(mu, k), rel=1e-12)
    # a random guess (q = 1/K) scores (K - 1) / K: 3/4 for K = 4
    assert float(m.brier_score(0.0, 0.0, 4)) == pytest.approx(float(Fraction(3, 4)), rel=1e-15)


@pytest.mark.parametrize("sigma", [0.5, 1.0, 2.0])
def test_brier_expectation_against_quadrature(sigma):
    from scipy.integrate import quad
    from scipy.stats import norm

    for mu in (-3.0, 0.0, 0.7, 4.0):
        exact, _ = quad(lambda e: _brier_brute_force(mu + sigma * e, 4) * norm.pdf(e), -12, 12, epsabs=1e-13)
        assert float(m.brier_score(mu, sigma, 4)) == pytest.approx(exact, rel=1e-8)


@given(st.floats(0.0, 1.0), st.integers(1, 200))
def test_exact_match_never_above_token_accuracy_and_edit_distance_in_range(p, L):
    em = float(m.exact_match(p, L))
    assert 0.0 <= em <= float(m.token_accuracy(p)) + 1e-15
    ted = float(m.token_edit_distance(p, L))
    assert 0.0 <= ted <= L


@given(st.floats(0.0, 1.0), st.floats(0.0, 3.0), st.integers(2, 20))
def test_choice_metrics_stay_in_range(p, sigma, k):
    mu = m.choice_margin(p, k)
    assert 0.0 <= float(m.multiple_choice_grade(mu, sigma, k)) <= 1.0
    assert 0.0 <= float(m.brier_score(mu, sigma, k)) <= k / (k - 1) + 1e-12


def test_expected_curves_rise_with_size():
    curves = m.expected(OURS, m.Task(), np.logspace(7, 13, 61))
    for name in m.METRICS:
        step = np.diff(curves.scores[name])
        assert np.all(step >= 0) if m.ORIENTATION[name] == "higher" else np.all(step <= 0), name
    np.testing.assert_allclose(curves.scores["log_probability"], 5 * np.log(curves.token_probability), rtol=1e-12)


def test_expected_refuses_bad_sizes():
    for bad in ([-1e9, 1e10], [0.0], [], [math.inf]):
        with pytest.raises(ParameterError) as err:
            m.expected(OURS, m.Task(), bad)
        assert err.value.name == "sizes"


def test_simulation_matches_expectation_within_noise():
    task = m.Task(tokens=5, options=4, sigma=0.7)
    sizes = np.array([3e8, 3e9, 3e10])
    n = 40000
    sim = m.simulate(OURS, task, sizes, n, np.random.default_rng(11))
    exp = m.expected(OURS, task, sizes).scores
    # standard errors: Bernoulli for the rates, the item spread for edit distance and Brier
    p = exp["token_accuracy"]
    se = {
        "exact_match": np.sqrt(exp["exact_match"] * (1 - exp["exact_match"]) / n),
        "token_accuracy": np.sqrt(p * (1 - p) / (n * task.tokens)),
        "token_edit_distance": np.sqrt(task.tokens * p * (1 - p) / n),
        "multiple_choice_grade": np.sqrt(exp["multiple_choice_grade"] * (1 - exp["multiple_choice_grade"]) / n),
        "brier_score": np.full(3, (4 / 3) / math.sqrt(n)),
    }
    for name, s in se.items():
        assert np.all(np.abs(sim.scores[name] - exp[name]) <= 5 * s + 1e-12), name
    np.testing.assert_array_equal(sim.scores["log_probability"], exp["log_probability"])
    np.testing.assert_array_equal(sim.exact_successes / n, sim.scores["exact_match"])


def test_simulation_is_reproducible_and_reports_progress():
    done = []
    a = m.simulate(OURS, m.Task(), [1e9, 1e10], 3000, 7, chunk=1000, on_progress=done.append)
    b = m.simulate(OURS, m.Task(), [1e9, 1e10], 3000, np.random.default_rng(7), chunk=1000)
    assert sum(done) == 6000 and done == [1000] * 6
    for name in m.METRICS:
        np.testing.assert_array_equal(a.scores[name], b.scores[name])


def test_simulated_grade_with_identical_items_is_all_or_nothing():
    sim = m.simulate(OURS, m.Task(sigma=0.0), [1e8, 1e10], 500, 3)
    np.testing.assert_array_equal(sim.scores["multiple_choice_grade"], [0.0, 1.0])


def test_analyse_on_the_gpt3_sizes_shows_the_mirage():
    report = m.analyse(OURS, m.Task(tokens=5), m.GPT3_SIZES, 100, 1)
    b = {name: s.breakthroughness for name, s in report.sharpness.items()}
    # exact match looks sudden, the linear metrics on the same sizes do not
    assert b["exact_match"] > 2 * b["token_accuracy"]
    assert b["exact_match"] > 2 * b["token_edit_distance"]
    # edit distance is an affine, falling image of token accuracy: the same oriented score
    assert b["token_edit_distance"] == pytest.approx(b["token_accuracy"], rel=1e-12)
    assert report.sharpness["exact_match"].linearity_r2 < report.sharpness["token_accuracy"].linearity_r2
    assert report.n50 == pytest.approx(1e9 * (5 / math.log(2)) ** 2, rel=1e-12)
    obs = report.exact_match_observation
    np.testing.assert_array_equal(obs.successes, report.simulated.exact_successes)
    assert obs.items == 100 and obs.floor == 0.01
    assert report.sparse.counts[0] == 3 and report.sparse.counts[-1] == 61


def test_analyse_needs_two_sizes():
    with pytest.raises(ParameterError) as err:
        m.analyse(OURS, m.Task(), [1e9], 10, 0)
    assert err.value.name == "sizes"


def test_more_items_resolve_the_small_models():
    small = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 100, 2)
    large = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 100000, 2)
    # the 350M model has a true exact match of 2.1e-4: 100 items almost surely read 0, 1e5 items do not
    assert small.exact_match_observation.successes[1] == 0
    assert large.exact_match_observation.successes[1] > 0


def test_figure_data_shapes():
    report = m.analyse(OURS, m.Task(tokens=7), m.GPT3_SIZES, 100, 1)
    data = m.figure_data(report, 2)
    assert data.grid[0] == pytest.approx(1e7) and data.grid[-1] == pytest.approx(1e13)
    assert data.lengths == (1, 2, 3, 4, 5, 7)
    assert data.exact_by_length.shape == (6, data.grid.size) == data.double_log_by_length.shape
    assert data.sigmas == (0.0, 0.5, 1.0, 2.0)
    assert [o.items for o in data.resolution] == list(m.RESOLUTION_ITEMS)
    assert data.resolution_rounded.shape == (4, data.grid.size)
    assert data.observed_double_log.shape == report.sizes.shape
