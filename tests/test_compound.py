"""Hypothesis 1: exact values from fractions, brute-force enumeration and independent closed forms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.compound import (
    Chain,
    analyse,
    chain,
    compare,
    count_distribution,
    k_star_absolute,
    log_success,
    required_p,
    success,
    transition_width,
)

probs = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
inner = st.floats(min_value=0.01, max_value=0.99)


# ---------------------------------------------------------------------------------------------
# the blog's numbers, as exact fractions


def test_blog_example_exact_fractions():
    low, high = Fraction(2, 5), Fraction(3, 5)
    assert analyse(chain(0.4, 5)).success == pytest.approx(float(low**5), rel=1e-12)  # 32/3125
    assert analyse(chain(0.6, 5)).success == pytest.approx(float(high**5), rel=1e-12)  # 243/3125
    c = compare(chain(0.4, 5), 0.6)
    assert c.relative_gain_step == pytest.approx(float(high / low - 1), rel=1e-12)  # 1/2
    assert c.absolute_gain_step == pytest.approx(float(high - low), rel=1e-12)  # 20 points
    assert c.relative_gain_task == pytest.approx(float(high**5 / low**5 - 1), rel=1e-12)  # 211/32
    assert c.absolute_gain_task == pytest.approx(float(high**5 - low**5), rel=1e-12)  # 211/3125
    assert 10**c.log10_task_ratio == pytest.approx(float(Fraction(3, 2) ** 5), rel=1e-12)


def test_absolute_gain_ties_and_continuous_peak():
    # Delta(k) = 0.6^k - 0.4^k: k = 1 and k = 2 tie exactly at 1/5; the real peak is interior.
    deltas = {k: Fraction(3, 5) ** k - Fraction(2, 5) ** k for k in (1, 2, 3, 5)}
    assert deltas[1] == deltas[2] == Fraction(1, 5)
    assert deltas[3] == Fraction(19, 125) and deltas[5] == Fraction(211, 3125)
    k_star = k_star_absolute(0.4, 0.6)
    assert k_star == pytest.approx(1.4410744811745777, rel=1e-12)
    # the derivative of 0.6^k - 0.4^k vanishes there: ln(0.6) 0.6^k = ln(0.4) 0.4^k
    assert math.log(0.6) * 0.6**k_star == pytest.approx(math.log(0.4) * 0.4**k_star, rel=1e-12)


def test_transition_width_closed_form():
    assert transition_width(1) == pytest.approx(0.8, rel=1e-12)
    assert transition_width(5) == pytest.approx(0.34819101788078355, rel=1e-12)
    assert transition_width(10) == pytest.approx(0.19519102348193296, rel=1e-12)
    assert transition_width(1e6) == pytest.approx(math.log(9) / 1e6, rel=1e-5)


def test_required_p_matches_the_root():
    assert required_p(chain(0.4, 5), 0.5) == pytest.approx(0.8705505632961241, rel=1e-12)
    assert required_p(chain(0.4, 5), 0.9) == pytest.approx(0.9791483623609768, rel=1e-12)
    assert required_p(chain(0.4, 5), 0.0) == 0.0
    assert required_p(chain(0.4, 5), 1.0) == 1.0


# ---------------------------------------------------------------------------------------------
# brute-force enumeration of every outcome of the steps


def enumerate_steps(ps: list[Fraction]) -> dict[str, Fraction]:
    """Exact success, expected fraction, prefix credit and P(C >= j) by listing all 2^k outcomes."""
    k = len(ps)
    out = {"all": Fraction(0), "fraction": Fraction(0), "prefix": Fraction(0)}
    at_least = [Fraction(0)] * (k + 1)
    for outcome in itertools.product((0, 1), repeat=k):
        weight = Fraction(1)
        for p, z in zip(ps, outcome):
            weight *= p if z else 1 - p
        right = sum(outcome)
        lead = next((i for i, z in enumerate(outcome) if not z), k)
        out["all"] += weight * (right == k)
        out["fraction"] += weight * Fraction(right, k)
        out["prefix"] += weight * Fraction(lead, k)
        for j in range(right + 1):
            at_least[j] += weight
    out["at_least"] = at_least
    return out


@pytest.mark.parametrize("ps", [[Fraction(2, 5)] * 5, [Fraction(9, 10), Fraction(4, 5), Fraction(7, 10), Fraction(3, 5), Fraction(1, 2)],
                                [Fraction(1, 3), Fraction(1), Fraction(0), Fraction(5, 7)], [Fraction(1, 7)] * 8])
def test_outcome_matches_enumeration(ps):
    exact = enumerate_steps(ps)
    o = analyse(Chain(tuple(float(p) for p in ps), len(ps)))
    assert o.success == pytest.approx(float(exact["all"]), rel=1e-12, abs=1e-300)
    assert o.fraction_correct == pytest.approx(float(exact["fraction"]), rel=1e-12)
    assert o.prefix_credit == pytest.approx(float(exact["prefix"]), rel=1e-12)
    for j, value in o.at_least:
        assert value == pytest.approx(float(exact["at_least"][j]), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("p, k, r", [(0.4, 3, 2), (0.25, 2, 3), (0.9, 4, 2)])
def test_retries_match_enumeration_of_every_try(p, k, r):
    # a step is right if any of its r tries is right: enumerate all k*r tries
    pf = Fraction(p).limit_denominator(1000)
    total = Fraction(0)
    for tries in itertools.product((0, 1), repeat=k * r):
        weight = Fraction(1)
        for z in tries:
            weight *= pf if z else 1 - pf
        steps_right = [any(tries[i * r : (i + 1) * r]) for i in range(k)]
        total += weight * all(steps_right)
    assert success(Chain((float(pf),), k, retries=r)) == pytest.approx(float(total), rel=1e-12)


@pytest.mark.parametrize("m", [1, 2, 3, 7])
def test_pass_at_m_matches_enumeration_of_attempts(m):
    P = Fraction(2, 5) ** 5
    exact = sum(  # at least one of m attempts right
        (P ** sum(a) * (1 - P) ** (m - sum(a)) for a in itertools.product((0, 1), repeat=m) if any(a)),
        Fraction(0),
    )
    assert success(Chain((0.4,), 5, attempts=m)) == pytest.approx(float(exact), rel=1e-12)


@pytest.mark.parametrize("m", [3, 5, 9])
@pytest.mark.parametrize("p", [0.4, 0.8, 0.95])
def test_majority_vote_matches_binomial_tail(m, p):
    from scipy.stats import binom

    P = p**3
    assert success(Chain((p,), 3, vote=m)) == pytest.approx(binom.sf(m // 2, m, P), rel=1e-10)


# ---------------------------------------------------------------------------------------------
# correlated errors against scipy's beta-binomial


@pytest.mark.parametrize("p, rho, k", [(0.4, 0.3, 5), (0.7, 0.05, 20), (0.2, 0.9, 3), (0.5, 0.5, 50)])
def test_beta_binomial_against_scipy(p, rho, k):
    from scipy.stats import beta, betabinom

    a, b = p * (1 / rho - 1), (1 - p) * (1 / rho - 1)
    c = Chain((p,), k, correlation=rho)
    assert success(c) == pytest.approx(beta.moment(k, a, b), rel=1e-9)
    np.testing.assert_allclose(count_distribution(c), betabinom.pmf(np.arange(k + 1), k, a, b), rtol=1e-8, atol=1e-300)
    prefix = sum(beta.moment(j, a, b) for j in range(1, k + 1)) / k
    assert analyse(c).prefix_credit == pytest.approx(prefix, rel=1e-9)


def test_binomial_counts_against_scipy():
    from scipy.stats import binom

    for p, k in [(0.4, 5), (0.93, 200), (0.01, 1000)]:
        np.testing.assert_allclose(count_distribution(chain(p, k)), binom.pmf(np.arange(k + 1), k, p), rtol=1e-8, atol=1e-300)


def test_correlation_softens_the_jump():
    # pitfall 20: P(all) lies between p^k and p
    for rho in (0.01, 0.2, 0.5, 0.9, 0.999):
        s = success(Chain((0.6,), 10, correlation=rho))
        assert 0.6**10 < s < 0.6


# ---------------------------------------------------------------------------------------------
# huge k and edges


def test_a_million_steps_stay_in_log_space():
    o = analyse(chain(0.4, 1_000_000))
    assert o.success == 0.0
    assert o.log10_success == pytest.approx(1e6 * math.log10(0.4), rel=1e-12)
    assert o.fraction_correct == 0.4
    assert o.prefix_credit == pytest.approx(0.4 / 0.6 / 1e6, rel=1e-9)  # p/(1-p)/k once p^k vanishes


def test_underflow_boundary():
    assert analyse(chain(0.5, 1074)).success == pytest.approx(5e-324, rel=0.02)
    o = analyse(chain(0.5, 1100))
    assert o.success == 0.0 and o.log10_success == pytest.approx(-331.1329952303125, rel=1e-12)


def test_pass_at_m_of_a_vanishing_task_in_log_space():
    lp = log_success(Chain((0.4,), 10_000, attempts=1000))
    assert lp == pytest.approx(math.log(1000) + 10_000 * math.log(0.4), rel=1e-12)


def test_zero_and_one():
    assert analyse(chain(0.0, 3)).success == 0.0
    assert analyse(chain(0.0, 3)).log10_success == -math.inf
    o = analyse(chain(1.0, 7))
    assert o.success == 1.0 and o.prefix_credit == 1.0 and all(v == 1.0 for _, v in o.at_least)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"p": (1.5,), "steps": 5}, "p"),
        ({"p": (-0.1,), "steps": 5}, "p"),
        ({"p": (math.nan,), "steps": 5}, "p"),
        ({"p": (0.4,), "steps": 0}, "steps"),
        ({"p": (0.4, 0.5), "steps": 3}, "steps"),
        ({"p": (0.4,), "steps": 5, "vote": 4}, "vote"),
        ({"p": (0.4,), "steps": 5, "correlation": 1.0}, "correlation"),
        ({"p": (0.4,), "steps": 5, "correlation": -0.1}, "correlation"),
        ({"p": (0.4,), "steps": 5, "retries": 0}, "retries"),
        ({"p": (0.4,), "steps": 5, "attempts": 3, "vote": 3}, "vote"),
        ({"p": (0.4, 0.5), "steps": 2, "correlation": 0.2}, "correlation"),
        ({"p": (0.4,), "steps": 2, "correlation": 0.2, "retries": 2}, "correlation"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ParameterError) as info:
        Chain(**kwargs)
    assert info.value.name == name


# ---------------------------------------------------------------------------------------------
# properties


@given(p=probs, k=st.integers(1, 500))
def test_success_is_a_probability(p, k):
    s = success(chain(p, k))
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(p**k, rel=1e-9, abs=1e-300)


@given(p=inner, k=st.integers(1, 300))
def test_monotone_in_steps_and_accuracy(p, k):
    assert log_success(chain(p, k + 1)) < log_success(chain(p, k))
    assert log_success(chain(min(1.0, p + 0.005), k)) > log_success(chain(p, k))


@given(p=inner, k=st.integers(2, 200), rho=st.floats(0.0, 0.95))
def test_partial_credit_ordering(p, k, rho):
    o = analyse(Chain((p,), k, correlation=rho))
    # exact match <= prefix credit <= fraction of steps right, all in [0, 1]
    assert 0.0 <= o.success <= o.prefix_credit * (1 + 1e-12) <= o.fraction_correct * (1 + 1e-12) <= 1.0
    values = [v for _, v in o.at_least]
    assert all(a >= b - 1e-12 for a, b in zip(values, values[1:]))


@given(p=inner, k=st.integers(1, 400), rho=st.floats(0.0, 0.95))
def test_count_distribution_is_a_distribution(p, k, rho):
    pmf = count_distribution(Chain((p,), k, correlation=rho))
    assert pmf.shape == (k + 1,)
    assert np.all(pmf >= 0)
    assert pmf.sum() == pytest.approx(1.0, rel=1e-9)
    assert float(np.dot(np.arange(k + 1), pmf)) / k == pytest.approx(p, rel=1e-8)


@settings(max_examples=60)
@given(p=inner, k=st.integers(1, 60), variant=st.sampled_from(["plain", "retries", "rho", "attempts", "vote"]))
def test_required_p_round_trip(p, k, variant):
    extra = {"plain": {}, "retries": {"retries": 3}, "rho": {"correlation": 0.3}, "attempts": {"attempts": 4}, "vote": {"vote": 5}}
    c = Chain((p,), k, **extra[variant])
    target = success(c)
    assume(1e-250 < target < 1.0 - 1e-9)
    back = required_p(c, target)
    assert success(c.with_p(back)) == pytest.approx(target, rel=1e-9)
    assert back == pytest.approx(p, rel=1e-6)


@given(p=inner, k=st.integers(1, 50), m=st.integers(2, 20))
def test_attempts_and_retries_only_help(p, k, m):
    base = success(chain(p, k))
    assert success(Chain((p,), k, attempts=m)) >= base
    assert success(Chain((p,), k, retries=m)) >= base


def test_pass_at_m_when_m_times_p_is_not_small():
    # P = 1e-25 and M = 1e20: 1 - (1 - P)^M = 1 - exp(-M P (1 + P/2 + ...)) = 1e-5 - 5e-11 + 1.7e-16 - ...
    assert success(Chain((1e-25,), 1, attempts=10**20)) == pytest.approx(1e-5 - 5e-11 + 1e-15 / 6, rel=1e-12)
    # P = 1e-30 and M = 1e32: 1 - e^-100
    assert success(Chain((1e-10,), 3, attempts=10**32)) == pytest.approx(1 - math.exp(-100), rel=1e-15)
    assert success(Chain((1.0,), 3, attempts=7)) == 1.0


def test_majority_vote_of_many_stays_a_probability():
    # with P = 1/2 exactly, a majority of an odd number of attempts wins with probability 1/2 by symmetry
    assert success(Chain((0.5,), 1, vote=1001)) == pytest.approx(0.5, rel=1e-10)
    assert success(Chain((0.5,), 1, vote=100_001)) == pytest.approx(0.5, rel=1e-8)
    assert success(Chain((0.9,), 3, vote=100_001)) <= 1.0
    assert success(Chain((1.0,), 3, vote=5)) == 1.0


def test_count_distribution_of_a_million_steps_sums_to_one():
    pmf = count_distribution(chain(0.4, 1_000_000))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-12)
    # its mean is k p and its variance k p (1 - p), to the accuracy of a float sum
    j = np.arange(pmf.size)
    assert float(j @ pmf) == pytest.approx(400_000, rel=1e-9)
    assert float(((j - 400_000) ** 2) @ pmf) == pytest.approx(240_000, rel=1e-6)


def test_huge_step_counts_are_refused_not_allocated():
    with pytest.raises(ParameterError) as info:
        Chain((0.4,), 10**23)
    assert info.value.name == "steps"
    with pytest.raises(ParameterError) as info:
        Chain((0.4,), 3, vote=10**8 + 1)
    assert info.value.name == "vote"
