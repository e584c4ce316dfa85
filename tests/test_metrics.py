"""The latent model and its metrics: closed forms of SCIENCE.md 2.1-2.2, derived independently here.

Multiple choice is checked against oracles that share nothing with the code under test: closed
forms for K = 2 (the difference of two logits is normal), a bivariate normal orthant probability
and a product Gauss-Hermite rule over the logit differences for K = 3, Monte Carlo over the K
logits for larger K, and the noiseless closed form as sigma goes to 0.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import metrics as m
from emergence import scaling
from emergence._validate import ParameterError
from emergence.results import to_jsonable

OURS = m.latent_model()
GPT3 = np.array(m.GPT3_SIZES)


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


def test_the_latent_model_is_scaling_schaeffer(monkeypatch):
    np.testing.assert_array_equal(OURS.token_probability(GPT3), scaling.schaeffer(GPT3, 1e9, -0.5))
    np.testing.assert_array_equal(OURS.cross_entropy(GPT3), scaling.cross_entropy(GPT3, 1e9, -0.5))
    # not a copy of the formula: replacing the map in scaling changes the metrics
    monkeypatch.setattr(scaling, "schaeffer", lambda n, c, alpha: np.full(np.shape(n), 0.5))
    curves = m.expected(OURS, m.Task(), GPT3)
    np.testing.assert_array_equal(curves.token_probability, 0.5)
    np.testing.assert_array_equal(curves.scores["token_accuracy"], 0.5)


@pytest.mark.parametrize(("kwargs", "name"), [({"alpha": 0.0}, "alpha"), ({"alpha": 0.3}, "alpha"),
                                              ({"c": 0.0}, "c"), ({"c": -1.0}, "c"), ({"alpha": math.nan}, "alpha"),
                                              ({"alpha": -5e-324}, "alpha"), ({"c": 10**400}, "c")])
def test_latent_model_refuses_bad_constants(kwargs, name):
    with pytest.raises(ParameterError) as err:
        m.latent_model(**kwargs)
    assert err.value.name == name


def test_unknown_preset():
    with pytest.raises(ParameterError) as err:
        m.latent_model("chinchilla")
    assert err.value.name == "preset"


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"tokens": 0}, "tokens"), ({"tokens": 2.5}, "tokens"), ({"tokens": 10**6 + 1}, "tokens"), ({"tokens": 10**400}, "tokens"),
    ({"options": 1}, "options"), ({"options": 1001}, "options"), ({"options": 10**400}, "options"),
    ({"sigma": -0.1}, "sigma"), ({"sigma": 5e-324}, "sigma"), ({"sigma": 0.01}, "sigma"), ({"sigma": 10.5}, "sigma"),
    ({"sigma": math.nan}, "sigma"),
])
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


def test_a_median_size_beyond_the_largest_float_is_given_by_its_logarithm():
    # alpha = -0.01, L = 1000: N50 = 1e9 (1000 / ln 2) ** 100 = 10**324.9, beyond a float
    model = m.LatentModel(1e9, -0.01)
    assert m.exact_match_size(model, 1000) == math.inf
    log10_n50 = m.exact_match_log10_size(model, 1000)
    # check the defining equation L (N / c) ** alpha = ln 2 in 50-digit arithmetic
    with localcontext() as ctx:
        ctx.prec = 50
        lhs = Decimal(1000) * (Decimal(10) ** (Decimal(log10_n50) - 9)) ** Decimal("-0.01")
    assert float(lhs) == pytest.approx(math.log(2), rel=1e-12)


@pytest.mark.parametrize("level", [5e-324, 1e-300, 0.5, 1 - 2**-53])
def test_extreme_levels_give_finite_logarithms(level):
    x = m.exact_match_log10_size(m.LatentModel(1e20, -0.01), 10**6, level)
    assert math.isfinite(x)
    # -ln(level) = L (N / c) ** alpha, read back in log10
    assert math.log10(-math.log(level)) == pytest.approx(6 - 0.01 * (x - 20), rel=1e-9, abs=1e-9)


def test_levels_are_validated():
    for bad in (0.0, 1.0, -1.0, math.nan):
        with pytest.raises(ParameterError) as err:
            m.exact_match_size(OURS, 5, bad)
        assert err.value.name == "level"


@pytest.mark.parametrize(("alpha", "decades"), [(-0.5, 2.6791), (-1.0, 1.3395), (-0.076, 17.625), (-0.01, 133.95)])
def test_ten_to_ninety_width(alpha, decades):
    model = m.LatentModel(1e9, alpha)
    closed = math.log(math.log(0.1) / math.log(0.9)) / (abs(alpha) * math.log(10))
    assert m.exact_match_width(model) == pytest.approx(closed, rel=1e-12)
    assert m.exact_match_width(model) == pytest.approx(decades, abs=6e-3)


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


# --------------------------------------------------------------------------------------------
# multiple choice


@pytest.mark.parametrize("loss", ["1e-300", "1e-17", "1e-8", "0.5", "0.6931471805599453", "1", "5", "50", "700"])
def test_choice_margin_against_400_digit_arithmetic(loss):
    with localcontext() as ctx:
        ctx.prec = 400  # 1 - exp(-1e-300) needs 300 digits before its first significant one
        ce = Decimal(loss)
        exact = -(1 - (-ce).exp()).ln()  # mu = -ln(1 - p), p = exp(-loss)
    assert float(m.choice_margin(float(loss))) == pytest.approx(float(exact), rel=1e-14)


def test_choice_margin_ends():
    assert float(m.choice_margin(math.inf)) == 0.0  # p = 0: knows nothing
    assert float(m.choice_margin(0.0)) == math.inf  # p = 1
    with pytest.raises(ParameterError) as err:
        m.choice_margin(-1.0)
    assert err.value.name == "loss"


def test_noiseless_softmax_gives_the_right_option_odds_one_over_one_minus_p():
    p = np.array([0.0, 0.05, 0.25, 0.5, 0.9])
    mu = m.choice_margin([math.inf] + [-math.log(x) for x in p[1:]])
    np.testing.assert_allclose(np.exp(mu), 1 / (1 - p), rtol=1e-12)


@pytest.mark.parametrize("k", [2, 3, 4, 10, 100, 1000])
@pytest.mark.parametrize("sigma", [0.0, 0.05, 0.5, 2.0, 10.0])
def test_a_model_that_knows_nothing_scores_chance(k, sigma):
    assert float(m.multiple_choice_grade(0.0, sigma, k)) == pytest.approx(1 / k, rel=1e-12)


def test_grade_for_two_options_is_a_probit_of_the_logit_difference():
    from scipy.stats import norm

    mu = np.array([0.0, 0.1, 0.5, 1.0, 3.0, 10.0, 40.0])
    for sigma in (0.05, 0.5, 1.0, 2.0, 10.0):
        # l_1 - l_2 ~ N(mu, 2 sigma ** 2)
        np.testing.assert_allclose(m.multiple_choice_grade(mu, sigma, 2), norm.cdf(mu / (sigma * math.sqrt(2))),
                                   rtol=1e-12, atol=1e-15)


def test_grade_for_three_options_is_a_bivariate_normal_orthant():
    from scipy.stats import multivariate_normal

    for mu, sigma in ((0.3, 0.5), (1.0, 1.0), (2.0, 0.7)):
        # the right option wins when d_j = l_j - l_1 < 0 for both distractors: cov sigma^2 [[2, 1], [1, 2]]
        cov = sigma**2 * np.array([[2.0, 1.0], [1.0, 2.0]])
        exact = multivariate_normal(mean=[-mu, -mu], cov=cov, abseps=1e-10, releps=1e-10).cdf([0.0, 0.0])
        assert float(m.multiple_choice_grade(mu, sigma, 3)) == pytest.approx(exact, abs=1e-8)


def test_grade_against_quadrature_for_many_options():
    from scipy.integrate import quad
    from scipy.stats import norm

    for k in (4, 10, 100, 1000):
        for a in (0.1, 1.0, 3.0, 5.0):
            exact, _ = quad(lambda t, a=a, k=k: norm.pdf(t) * norm.cdf(t + a) ** (k - 1), -12, 12, epsabs=0,
                            epsrel=1e-12, limit=400)
            assert float(m.multiple_choice_grade(0.5 * a, 0.5, k)) == pytest.approx(exact, rel=1e-10)


def _simulated_logits(mu: float, sigma: float, k: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    logits = sigma * rng.standard_normal((n, k))
    logits[:, 0] += mu
    return logits


@pytest.mark.parametrize(("mu", "sigma", "k"), [(0.4, 0.5, 4), (1.5, 1.0, 4), (1.0, 2.0, 10), (3.0, 0.5, 10),
                                             (4.0, 1.0, 100)])
def test_grade_and_brier_against_monte_carlo(mu, sigma, k):
    n = 4_000_000 // k
    logits = _simulated_logits(mu, sigma, k, n, seed=20240607)
    wins = np.argmax(logits, axis=1) == 0
    q = np.exp(logits - logits.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    target = np.zeros(k)
    target[0] = 1.0
    brier = np.sum((q - target) ** 2, axis=1)
    grade = float(m.multiple_choice_grade(mu, sigma, k))
    assert abs(wins.mean() - grade) <= 5 * math.sqrt(grade * (1 - grade) / n)
    assert abs(brier.mean() - float(m.brier_score(mu, sigma, k))) <= 5 * brier.std() / math.sqrt(n)


def test_grade_with_identical_items_and_the_tie_convention():
    np.testing.assert_array_equal(m.multiple_choice_grade([0.0, 1e-12, 2.0], 0.0, 4), [0.25, 1.0, 1.0])


@settings(deadline=None)
@given(st.floats(0.0, 50.0), st.floats(0.0, 50.0), st.sampled_from([0.0, 0.05, 0.5, 3.0]), st.integers(2, 50))
def test_choice_metrics_stay_in_range_and_improve_with_the_margin(mu1, mu2, sigma, k):
    low, high = sorted((mu1, mu2))
    grades = m.multiple_choice_grade([low, high], sigma, k)
    briers = m.brier_score([low, high], sigma, k)
    assert 1 / k - 1e-12 <= grades[0] <= grades[1] + 1e-12 <= 1.0 + 1e-12
    assert 0.0 <= briers[1] <= briers[0] + 1e-12 <= 2.0


def _brier_brute_force(mu: float, k: int) -> float:
    logits = np.array([mu] + [0.0] * (k - 1))
    q = np.exp(logits - logits.max())
    q /= q.sum()
    y = np.zeros(k)
    y[0] = 1.0
    return float(np.sum((y - q) ** 2))


def test_noiseless_brier_against_the_sum_over_options():
    for k in (2, 4, 7):
        for mu in (0.0, 0.3, 1.5, 6.0):
            assert float(m.brier_score(mu, 0.0, k)) == pytest.approx(_brier_brute_force(mu, k), rel=1e-12)
    # a model that knows nothing, without noise, is a uniform guess: (K - 1)/K
    for k in (2, 4, 1000):
        assert float(m.brier_score(0.0, 0.0, k)) == pytest.approx(float(Fraction(k - 1, k)), rel=1e-15)


def test_brier_tends_to_the_noiseless_value_as_sigma_goes_to_zero():
    mu = np.array([0.0, 0.5, 2.0, 6.0])
    for k in (2, 4, 10):
        noiseless = m.brier_score(mu, 0.0, k)
        np.testing.assert_allclose(m.brier_score(mu, 0.05, k), noiseless, rtol=0, atol=0.05**2)


def test_brier_for_two_options_against_a_one_dimensional_integral():
    from scipy.integrate import quad
    from scipy.stats import norm

    # K = 2: q_1 = logistic(l_1 - l_2), l_1 - l_2 ~ N(mu, 2 sigma^2); Brier = 2 (1 - q_1) ** 2
    def exact(mu, sigma):
        def f(z):
            x = mu + math.sqrt(2) * sigma * z
            miss = 1.0 / (1.0 + math.exp(x)) if x < 0 else math.exp(-x) / (1.0 + math.exp(-x))  # 1 - q_1
            return 2.0 * miss**2 * norm.pdf(z)
        return quad(f, -60, 60, epsabs=0, epsrel=1e-13, limit=500, points=[-mu / (math.sqrt(2) * sigma)])[0]

    for sigma in (0.05, 0.5, 2.0, 10.0):
        mus = np.array([0.0, 0.5, 3.0, 10.0, 30.0])
        np.testing.assert_allclose(m.brier_score(mus, sigma, 2), [exact(mu, sigma) for mu in mus], rtol=1e-10)


def test_brier_for_three_options_against_a_product_gauss_hermite_rule():
    from scipy.special import roots_hermitenorm

    # the two logit differences d_j = l_j - l_1 are N(-mu, sigma^2 [[2, 1], [1, 2]]); write them
    # with two independent standard normals and sum over a 200 x 200 Gauss-Hermite grid
    x, w = roots_hermitenorm(200)
    w = w / w.sum()
    a, b = np.meshgrid(x, x, indexing="ij")
    weights = np.outer(w, w)
    for mu, sigma in ((0.0, 0.5), (1.5, 1.0), (4.0, 2.0)):
        d2 = -mu + sigma * math.sqrt(2) * a
        d3 = -mu + sigma * (a / math.sqrt(2) + math.sqrt(1.5) * b)
        top = np.maximum(0.0, np.maximum(d2, d3))
        e1, e2, e3 = np.exp(-top), np.exp(d2 - top), np.exp(d3 - top)
        total = e1 + e2 + e3
        exact = float(np.sum(weights * ((e2 + e3) ** 2 + e2**2 + e3**2) / total**2))
        assert float(m.brier_score(mu, sigma, 3)) == pytest.approx(exact, rel=1e-10)


def test_an_uninformed_model_with_item_noise_is_slightly_worse_than_a_uniform_guess():
    uninformed = float(m.brier_score(0.0, 0.5, 4))
    assert 0.75 < uninformed < 0.8  # about 0.79: confidently spread at random
    assert uninformed == pytest.approx(0.79374511616, rel=1e-9)


def test_extreme_margins_stay_finite():
    mu = np.array([0.0, 50.0, 700.0, math.inf])
    for sigma in (0.05, 10.0):
        brier = m.brier_score(mu, sigma, 1000)
        grade = m.multiple_choice_grade(mu, sigma, 1000)
        assert np.all(np.isfinite(brier)) and np.all(brier >= 0) and brier[-1] == 0.0
        assert np.all((grade >= 1e-3 - 1e-12) & (grade <= 1.0)) and grade[-1] == 1.0


def test_margins_are_validated():
    for bad in (-0.1, math.nan):
        for func in (m.multiple_choice_grade, m.brier_score):
            with pytest.raises(ParameterError) as err:
                func(bad, 0.5, 4)
            assert err.value.name == "margin"


def test_no_default_size_grades_below_chance():
    scores = m.expected(OURS, m.Task(), GPT3).scores
    assert np.all(scores["multiple_choice_grade"] > 0.25)
    assert np.all(scores["brier_score"] < 0.79)
    # the numbers the README quotes
    np.testing.assert_allclose(scores["multiple_choice_grade"][[0, -1]], [0.2823, 0.9997], atol=5e-5)
    np.testing.assert_allclose(scores["brier_score"][[0, -1]], [0.7721, 0.0711], atol=5e-5)


# --------------------------------------------------------------------------------------------
# curves, simulation and the report


def test_expected_curves_rise_with_size():
    curves = m.expected(OURS, m.Task(), np.logspace(7, 13, 61))
    for name in m.METRICS:
        step = np.diff(curves.scores[name])
        assert np.all(step >= 0) if m.ORIENTATION[name] == "higher" else np.all(step <= 0), name
    np.testing.assert_allclose(curves.scores["log_probability"], 5 * np.log(curves.token_probability), rtol=1e-12)
    np.testing.assert_allclose(curves.margin, -np.log1p(-curves.token_probability), rtol=1e-12)


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
    p = exp["token_accuracy"]
    se = {
        "exact_match": np.sqrt(exp["exact_match"] * (1 - exp["exact_match"]) / n),
        "token_accuracy": np.sqrt(p * (1 - p) / (n * task.tokens)),
        "token_edit_distance": np.sqrt(task.tokens * p * (1 - p) / n),
        "multiple_choice_grade": np.sqrt(exp["multiple_choice_grade"] * (1 - exp["multiple_choice_grade"]) / n),
        "brier_score": np.full(3, 2.0 / math.sqrt(n)),  # a Brier score lies in [0, 2]
    }
    for name, s in se.items():
        assert np.all(np.abs(sim.scores[name] - exp[name]) <= 5 * s + 1e-12), name
    np.testing.assert_array_equal(sim.scores["log_probability"], exp["log_probability"])
    np.testing.assert_array_equal(sim.exact_successes / n, sim.scores["exact_match"])
    np.testing.assert_array_equal(sim.choice_successes / n, sim.scores["multiple_choice_grade"])


def test_simulation_is_reproducible_and_reports_progress():
    done = []
    a = m.simulate(OURS, m.Task(), [1e9, 1e10], 3000, 7, on_progress=done.append)
    b = m.simulate(OURS, m.Task(), [1e9, 1e10], 3000, np.random.default_rng(7))
    assert done == [3000, 3000]
    for name in m.METRICS:
        np.testing.assert_array_equal(a.scores[name], b.scores[name])


def test_simulated_identical_items():
    # sigma = 0: any positive margin wins every item; a model that knows nothing (p = 0, an
    # exact tie among the K options) wins a random quarter of them
    sim = m.simulate(OURS, m.Task(sigma=0.0), [1e8, 1e10], 500, 3)
    np.testing.assert_array_equal(sim.scores["multiple_choice_grade"], [1.0, 1.0])
    ignorant = m.LatentModel(1e20, -10.0)  # N = 1: loss 1e200, p = 0
    assert float(ignorant.token_probability(1.0)) == 0.0
    n = 40000
    tied = m.simulate(ignorant, m.Task(sigma=0.0), [1.0, 2.0], n, 5)
    assert np.all(np.abs(tied.scores["multiple_choice_grade"] - 0.25) <= 5 * math.sqrt(0.25 * 0.75 / n))
    np.testing.assert_allclose(tied.scores["brier_score"], 0.75, rtol=1e-12)


def test_simulation_is_bounded():
    assert m.max_items(8, 4) == 1_000_000  # 4e7 random numbers / (8 sizes x 5)
    for items in (1_000_001, 10**400):
        with pytest.raises(ParameterError) as err:
            m.simulate(OURS, m.Task(), GPT3, items, 0)
        assert err.value.name == "items" and "1,000,000" in err.value.message


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
    assert report.n50_log10 == pytest.approx(math.log10(report.n50), rel=1e-14)
    obs = report.exact_match_observation
    np.testing.assert_array_equal(obs.successes, report.simulated.exact_successes)
    assert obs.items == 100 and obs.floor == 0.01
    assert report.sparse.counts[0] == 3 and report.sparse.counts[-1] == 61
    assert report.caveats() == []


def test_report_to_dict_is_plain_json_with_the_derived_numbers():
    report = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 50, 2)
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert data["chance_grade"] == 0.25 and data["guess_brier"] == 0.75
    assert data["exact_match_observation"]["floor"] == 0.02
    assert data["sharpness"]["exact_match"]["breakthroughness"] == report.sharpness["exact_match"].breakthroughness
    assert data["expected"]["scores"]["brier_score"] == report.expected.scores["brier_score"].tolist()
    assert to_jsonable(report) == report.to_dict()


def test_analyse_needs_two_sizes_and_valid_levels():
    with pytest.raises(ParameterError) as err:
        m.analyse(OURS, m.Task(), [1e9], 10, 0)
    assert err.value.name == "sizes"
    for name in ("level", "confidence"):
        with pytest.raises(ParameterError) as err:
            m.analyse(OURS, m.Task(), m.GPT3_SIZES, 10, 0, **{name: 1.0})
        assert err.value.name == name


def test_tiny_levels_are_computed_not_refused():
    report = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 10, 0, level=5e-324, confidence=5e-324)
    assert report.zero_upper_bound == 0.0
    np.testing.assert_array_equal(report.items_needed, 1.0)
    assert np.all(report.exact_match_observation.low <= report.exact_match_observation.high)


def test_extreme_models_give_finite_numbers():
    # ln P(target) near -1e206 and exact matches that underflow: still numbers, with their notes
    report = m.analyse(m.LatentModel(1e20, -10.0), m.Task(tokens=10**6), [1.0, 10.0, 100.0], 3, 0)
    lp = report.sharpness["log_probability"]
    assert math.isfinite(lp.breakthroughness) and math.isfinite(lp.linearity_r2)
    assert {("exact_match", "flat"), ("exact_match", "underflow"), ("items_needed", "infinite")} <= set(report.caveats())


def test_more_items_resolve_the_small_models():
    small = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 100, 2)
    large = m.analyse(OURS, m.Task(), m.GPT3_SIZES, 100000, 2)
    # the 350M model has a true exact match of 2.1e-4: 100 items almost surely read 0, 1e5 items do not
    assert small.exact_match_observation.successes[1] == 0
    assert large.exact_match_observation.successes[1] > 0


def test_table_rows():
    np.testing.assert_array_equal(m.table_rows(5), np.arange(5))
    rows = m.table_rows(2001)
    assert rows.size == m.TABLE_ROWS and rows[0] == 0 and rows[-1] == 2000 and np.all(np.diff(rows) == 20)


def test_figure_data_shapes():
    report = m.analyse(OURS, m.Task(tokens=7, sigma=0.7), m.GPT3_SIZES, 100, 1)
    data = m.figure_data(report, 2)
    assert data.grid[0] == pytest.approx(1e7) and data.grid[-1] == pytest.approx(1e13)
    assert data.lengths == (1, 2, 3, 4, 5, 7)
    assert data.exact_by_length.shape == (6, data.grid.size) == data.double_log_by_length.shape
    assert data.sigmas == (0.0, 0.5, 0.7, 1.0, 2.0)
    np.testing.assert_array_equal(data.grade_by_sigma[2], data.dense.scores["multiple_choice_grade"])
    np.testing.assert_array_equal(data.grade_by_sigma[0], 1.0)  # identical items: any margin wins
    assert [o.items for o in data.resolution] == list(m.RESOLUTION_ITEMS)
    assert data.resolution_rounded.shape == (4, data.grid.size)
    assert data.observed_double_log.shape == report.sizes.shape
