"""The quantization model (Michaud et al. 2023; SCIENCE.md 3.3)."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.thresholds import quanta as qm
from emergence.thresholds._zeta import zipf_tail
from tests.test_dimensions import zeta_brute

MODEL = qm.Quanta()  # alpha 0.4, C 1, b = ln 2, a = 0


@functools.cache
def loss_brute(n: int, alpha: float = 0.4, a: float = 0.0, b: float = math.log(2)) -> float:
    """a + (b - a)(1 - sum_{k<=n} p_k), the frequencies summed directly."""
    z = zeta_brute(alpha + 1)
    return a + (b - a) * (1.0 - math.fsum(k ** -(alpha + 1) for k in range(1, n + 1)) / z)


def test_frequencies_are_zipf_and_sum_to_one():
    p = qm.frequencies(np.arange(1, 6), 0.4)
    z = zeta_brute(1.4)
    assert p.tolist() == pytest.approx([k**-1.4 / z for k in range(1, 6)], rel=1e-9)
    assert float(np.sum(qm.frequencies(np.arange(1, 100_001), 1.0))) == pytest.approx(1 - 1 / 100_000 * 6 / math.pi**2, rel=1e-6)


@pytest.mark.parametrize("n", [0, 1, 2, 10, 137, 5000])
def test_exact_loss_is_the_sum_over_unlearned_quanta(n):
    assert float(qm.loss(n, MODEL)) == pytest.approx(loss_brute(n), rel=1e-9)


@pytest.mark.parametrize(("alpha", "a", "b", "n"), [(0.2, 0.1, 1.0, 30), (1.5, 0.0, 2.0, 3), (0.8, 0.5, 0.6, 400)])
def test_exact_loss_for_other_models(alpha, a, b, n):
    model = qm.Quanta(alpha, 1.0, b, a)
    assert float(qm.loss(n, model)) == pytest.approx(loss_brute(n, alpha, a, b), rel=1e-9)


def test_reference_numbers_at_one_quantum():
    # SCIENCE.md pitfall 14 (derived): the power law gives 0.558 at n = 1 against the exact 0.470
    assert float(qm.loss_approx(1, MODEL)) == pytest.approx(0.558, abs=5e-4)
    assert float(qm.loss(1, MODEL)) == pytest.approx(0.470, abs=5e-4)
    assert float(qm.loss_approx(1, MODEL)) == pytest.approx(math.log(2) / (0.4 * zeta_brute(1.4)), rel=1e-9)
    assert math.isinf(float(qm.loss_approx(0, MODEL)))


def test_power_law_approximation_converges():
    n = 10**6
    assert float(qm.loss_approx(n, MODEL)) / float(qm.loss(n, MODEL)) == pytest.approx(1.0, rel=1e-5)


def test_quanta_learned_is_a_floor_and_may_be_zero():
    model = qm.Quanta(capacity=10.0)
    assert qm.quanta_learned(np.array([1.0, 9.99, 10.0, 25.0, 1e3]), model).tolist() == [0, 0, 1, 2, 100]
    assert qm.quanta_learned(1e30, qm.Quanta(capacity=1e-10)) == 1e40  # a float count: no int64 overflow
    assert float(qm.loss(0, model)) == pytest.approx(math.log(2), rel=1e-15)


@settings(deadline=None, max_examples=30)
@given(st.lists(st.floats(1.0, 5e3), min_size=1, max_size=8), st.floats(0.1, 2.0), st.floats(0.5, 20.0))
def test_mean_loss_is_the_frequency_weighted_average_of_quantum_losses(sizes, alpha, capacity):
    model = qm.Quanta(alpha, capacity)
    sizes = np.array(sizes)
    top = int(qm.quanta_learned(sizes, model).max()) + 50
    k = np.arange(1, top + 1)
    p = qm.frequencies(k, alpha)
    per_quantum = qm.quantum_losses(sizes, k, model)  # quanta beyond `top` are all unlearned (loss b)
    tail = float(zipf_tail(top, model.s))
    average = p @ per_quantum + model.loss_before * tail
    assert average == pytest.approx(qm.loss(qm.quanta_learned(sizes, model), model), rel=1e-9)


@settings(deadline=None, max_examples=40)
@given(st.floats(0.05, 3.0), st.floats(1.0, 1e6), st.floats(1.0, 10.0))
def test_mean_loss_never_rises_with_scale(alpha, n, factor):
    model = qm.Quanta(alpha)
    small, large = qm.loss(qm.quanta_learned(n, model), model), qm.loss(qm.quanta_learned(n * factor, model), model)
    assert large <= small


def test_each_quantum_is_a_step_at_c_times_k():
    model = qm.Quanta(capacity=2.0)
    sizes = np.array([39.0, 39.9, 40.0, 41.0])
    assert qm.quantum_losses(sizes, [20], model)[0].tolist() == [math.log(2)] * 2 + [0.0] * 2


def test_samples_lose_the_share_of_their_quanta_learned():
    sizes = np.array([1.0, 5.0, 10.0, 50.0])
    b = math.log(2)
    assert qm.sample_loss(sizes, [5], MODEL).tolist() == [b, 0.0, 0.0, 0.0]
    assert qm.sample_loss(sizes, [1, 5, 10, 50], MODEL).tolist() == pytest.approx([0.75 * b, 0.5 * b, 0.25 * b, 0.0])


def test_polygenic_draws_are_distinct_sorted_and_reproducible():
    a = qm.draw_quanta(30, 1000, MODEL, np.random.default_rng(5))
    b = qm.draw_quanta(30, 1000, MODEL, np.random.default_rng(5))
    assert a == b and len(set(a)) == 30 and list(a) == sorted(a) and 1 <= a[0] and a[-1] <= 1000
    for m, top in ((11, 10), (qm.MAX_POLYGENIC + 1, 1e6)):
        with pytest.raises(ParameterError) as info:
            qm.draw_quanta(m, top, MODEL, np.random.default_rng(0))
        assert info.value.name == "polygenic"


def inclusion(top: int, m: int, s: float) -> np.ndarray:
    """P(quantum k among m drawn one by one without replacement, each in proportion to k^-s): all orders enumerated."""
    w = np.arange(1, top + 1, dtype=float) ** -s
    p = np.zeros(top)
    for order in itertools.permutations(range(top), m):
        chance, left = 1.0, w.sum()
        for k in order:
            chance *= w[k] / left
            left -= w[k]
        p[list(order)] += chance
    return p


@pytest.mark.parametrize(("head", "draws"), [(qm.HEAD, 4000), (2, 300)])
def test_polygenic_draws_follow_sequential_sampling_without_replacement(monkeypatch, head, draws):
    # with every quantum in the head the exponential keys decide alone; with a head of 2 most quanta come
    # through the Poisson process on the Zipf tail: both must give the enumerated inclusion probabilities
    monkeypatch.setattr(qm, "HEAD", head)
    top, m, model = 7, 3, qm.Quanta(alpha=0.4)
    rng = np.random.default_rng(11)
    counts = np.zeros(top)
    for _ in range(draws):
        counts[np.array(qm.draw_quanta(m, top, model, rng)) - 1] += 1
    expected = inclusion(top, m, model.s)
    assert np.all(np.abs(counts / draws - expected) <= 4.5 * np.sqrt(expected * (1 - expected) / draws))


def test_polygenic_draws_over_1e40_quanta_hold_no_array_over_them():
    # a model of 1e30 parameters with C = 1e-10 has learned 1e40 quanta; the draw keys 65,536 of them
    model = qm.Quanta(alpha=0.01)
    picked = qm.draw_quanta(1000, 1e40, model, np.random.default_rng(2))
    assert len(set(picked)) == 1000 and max(picked) <= 10**40
    assert max(picked) > qm.HEAD  # with alpha = 0.01 the tail holds most of the mass: it is drawn from


@settings(deadline=None, max_examples=40)
@given(st.floats(0.01, 0.65))
def test_loss_level_is_the_fewest_quanta_below_tau(tau):
    point = qm.loss_level(tau, MODEL)
    n = int(point.at)
    assert loss_brute(n) <= tau * (1 + 1e-9)
    assert n == 0 or loss_brute(n - 1) > tau * (1 - 1e-9)
    assert n - 1 < point.smooth <= n
    assert point.sensitivity < 0


def test_loss_level_sensitivity_is_a_derivative_in_decades():
    tau, h = 0.1, 1e-6
    numeric = (math.log10(qm.loss_level(tau + h, MODEL).smooth) - math.log10(qm.loss_level(tau - h, MODEL).smooth)) / (2 * h)
    assert qm.loss_level(tau, MODEL).sensitivity == pytest.approx(numeric, rel=1e-5)


def test_fitted_exponent_recovers_alpha():
    for alpha in (0.2, 0.4, 0.8):
        model = qm.Quanta(alpha)
        sizes = np.logspace(0, 5, 201)
        assert qm.power_law_exponent(sizes, model) == pytest.approx(alpha, rel=1e-3)
    # alpha = 10 over 1e7 to 1e14 quanta: L - a falls to 1e-140, below floats' reach as a difference
    assert qm.power_law_exponent(np.logspace(7, 14, 141), qm.Quanta(10.0)) == pytest.approx(10.0, rel=1e-3)


def test_the_excess_loss_is_formed_directly():
    model = qm.Quanta(0.4, 1.0, 2.0, 1.5)  # a = 1.5: L - a by subtraction would keep only 1e-16 of 1.5
    n = 10.0**12
    assert float(qm.excess_loss(n, model)) == pytest.approx(0.5 * float(zipf_tail(n, 1.4)), rel=1e-14)
    assert float(qm.excess_loss_approx(n, model)) / float(qm.excess_loss(n, model)) == pytest.approx(1.0, rel=1e-4)


def test_curves_show_a_power_law_made_of_steps():
    result = qm.curves(MODEL, rng=np.random.default_rng(1))
    assert result.quanta == (1, 10, 100, 1000, 10000) and result.quanta_ratio == 10
    assert result.quanta_needed == (13.0, 74.0, 416.0)
    assert np.array_equal(result.quantum_learned, result.quantum_loss == MODEL.loss_after)
    assert result.monogenic == (316,)
    assert len(result.polygenic) == 30
    assert np.all(np.diff(result.loss) <= 0)
    assert result.fitted_alpha == pytest.approx(0.4, rel=1e-3)
    assert [p.at for p in result.points] == [13.0, 74.0, 416.0]


@pytest.mark.parametrize(("kwargs", "name"), [({"alpha": 0.0}, "alpha"), ({"alpha": -1.0}, "alpha"), ({"capacity": 0.0}, "capacity"),
                                              ({"capacity": 1e31}, "capacity"), ({"alpha": 10.5}, "alpha"),
                                              ({"loss_before": 0.0}, "loss_before"), ({"loss_after": -0.1}, "loss_after"),
                                              ({"loss_after": 1.0}, "loss_before")])
def test_bad_models_name_the_option(kwargs, name):
    with pytest.raises(ParameterError) as info:
        qm.Quanta(**kwargs)
    assert info.value.name == name


@pytest.mark.parametrize("tau", [0.0, 0.7, -1.0])
def test_loss_level_must_lie_between_a_and_b(tau):
    with pytest.raises(ParameterError) as info:
        qm.loss_level(tau, MODEL)
    assert info.value.name == "tau"


def test_sizes_must_reach_one_quantum_and_be_positive():
    with pytest.raises(ParameterError) as info:
        qm.curves(qm.Quanta(capacity=100.0), np.array([1.0, 50.0]), polygenic=0)
    assert info.value.name == "sizes"
    with pytest.raises(ParameterError) as info:
        qm.curves(MODEL, np.array([-5.0, 10.0]), polygenic=0)
    assert info.value.name == "sizes"
    with pytest.raises(ParameterError) as info:
        qm.curves(MODEL, polygenic=3)
    assert info.value.name == "seed"


@pytest.mark.parametrize("tau", [1e-300, 5e-324])
def test_extreme_levels_refuse_at_once(tau):
    with pytest.raises(ParameterError) as info:
        qm.loss_level(tau, qm.Quanta())
    assert info.value.name == "tau"


def test_the_readme_sizes_take_no_memory_per_quantum():
    # --sizes 1e7:1e14:141 used to allocate an array over 1e14 quanta (728 TiB)
    result = qm.curves(MODEL, np.logspace(7, 14, 141), polygenic=30, rng=np.random.default_rng(3))
    assert result.learned[-1] == 1e14 and len(result.polygenic) == 30
    assert len(result.quanta) <= qm.MAX_SHOWN
    assert result.fitted_alpha == pytest.approx(0.4, rel=1e-3)
