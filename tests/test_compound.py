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
    MAX_PLURALITY_VOTE,
    Chain,
    analyse,
    chain,
    compare,
    count_distribution,
    inverse,
    k_star_absolute,
    log_single_attempt,
    log_success,
    prefix_credit,
    required_p,
    success,
    transition_width,
    vote_weights,
)

probs = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
inner = st.floats(min_value=0.01, max_value=0.99)


def flog(x: Fraction) -> float:
    """ln of a positive fraction too small for a float."""
    return math.log(x.numerator) - math.log(x.denominator)


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
    assert c.step_ratio == pytest.approx(1.5, rel=1e-15)
    assert c.task_ratio == pytest.approx(float(Fraction(3, 2) ** 5), rel=1e-12)  # 243/32 = 7.59375
    assert 10**c.log10_task_ratio == pytest.approx(float(Fraction(3, 2) ** 5), rel=1e-12)


def test_ratio_beyond_a_float_is_none_with_its_log():
    c = compare(chain(0.001, 200), 0.9)  # (900)^200: 10^590.8
    assert c.task_ratio is None and c.relative_gain_task is None
    assert c.log10_task_ratio == pytest.approx(200 * math.log10(900), rel=1e-12)
    assert compare(chain(0.0, 3), 0.5).task_ratio is None and compare(chain(0.0, 3), 0.5).step_ratio is None


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
    assert required_p(chain(0.4, 5), 0.5) == pytest.approx(0.5**0.2, rel=1e-15)  # 0.8705505632961241
    assert required_p(chain(0.4, 5), 0.9) == pytest.approx(0.9**0.2, rel=1e-15)
    assert required_p(chain(0.4, 5), 0.0) == 0.0
    assert required_p(chain(0.4, 5), 1.0) == 1.0
    assert required_p(chain(0.4, 5), 1e-300) == pytest.approx(1e-60, rel=1e-12)  # bisection in ln p
    assert inverse(chain(0.4, 5), 0.5).to_dict() == {"target": 0.5, "p_required": required_p(chain(0.4, 5), 0.5)}


# ---------------------------------------------------------------------------------------------
# brute-force enumeration of every outcome of the steps


def enumerate_steps(ps: list[Fraction]) -> dict[str, object]:
    """Exact success, expected fraction, prefix credit and P(C >= j) by listing all 2^k outcomes."""
    k = len(ps)
    out: dict[str, object] = {"all": Fraction(0), "fraction": Fraction(0), "prefix": Fraction(0)}
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
    assert o.one_attempt.fraction_correct == pytest.approx(float(exact["fraction"]), rel=1e-12)
    assert o.one_attempt.prefix_credit == pytest.approx(float(exact["prefix"]), rel=1e-12)
    for row in o.one_attempt.at_least:
        assert row.probability == pytest.approx(float(exact["at_least"][row.steps]), rel=1e-9, abs=1e-15)


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


def test_retries_close_to_certainty_keep_their_partial_credit():
    # q = 1 - 0.6^(10^9) is 1 to every digit: prefix credit and fraction are 1, not a division by zero
    o = analyse(Chain((0.4,), 5, retries=10**9))
    assert o.success == 1.0 and o.one_attempt.prefix_credit == 1.0 and o.one_attempt.fraction_correct == 1.0
    # q = 1 - 2^-40 (p = 1/2, 40 tries): prefix = q (1 - q^k) / ((1 - q) k), accurate next to 1
    q = Fraction(1) - Fraction(1, 2**40)
    exact = q * (1 - q**1000) / ((1 - q) * 1000)
    assert prefix_credit(Chain((0.5,), 1000, retries=40)) == pytest.approx(float(exact), rel=1e-12)


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


def test_even_vote_breaks_the_tie_with_a_coin():
    # 4 attempts, one wrong answer: win with 3 or 4 right, half the time with 2
    s = 0.6**3
    exact = s**4 + 4 * s**3 * (1 - s) + 0.5 * 6 * s**2 * (1 - s) ** 2
    assert success(Chain((0.6,), 3, vote=4)) == pytest.approx(exact, rel=1e-12)


# ---------------------------------------------------------------------------------------------
# votes among distinct wrong answers (plurality), against enumeration of every vote


def plurality_enumerated(m: int, n_wrong: int, s: Fraction) -> Fraction:
    """P(right answer wins) for m attempts: each right w.p. s, else one of n_wrong answers uniformly;
    the most votes win, a tie for the most broken uniformly at random. Lists all (n_wrong + 1)^m votes."""
    total = Fraction(0)
    for votes in itertools.product(range(n_wrong + 1), repeat=m):  # 0 = the right answer
        weight = Fraction(1)
        for v in votes:
            weight *= s if v == 0 else (1 - s) / n_wrong
        counts = [votes.count(a) for a in range(n_wrong + 1)]
        top = max(counts)
        if counts[0] == top:
            total += weight / counts.count(top)
    return total


@pytest.mark.parametrize("m, n_wrong", [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2), (5, 4), (6, 3)])
def test_vote_weights_match_enumeration(m, n_wrong):
    for r in range(m + 1):
        # g_r: the right answer has r votes, the m - r wrong ones are spread over n_wrong answers
        exact = Fraction(0)
        for wrong in itertools.product(range(n_wrong), repeat=m - r):
            counts = [wrong.count(a) for a in range(n_wrong)]
            top = max(counts, default=0)
            if r > top:
                exact += 1
            elif r == top and r > 0:
                exact += Fraction(1, 1 + counts.count(r))
        exact /= n_wrong ** (m - r)
        assert vote_weights(m, n_wrong)[r] == pytest.approx(float(exact), abs=1e-15)


@pytest.mark.parametrize("m, n_wrong, p", [(3, 2, 0.9), (5, 4, 0.85), (5, 1, 0.8), (6, 3, 0.95), (4, 2, 0.5)])
def test_plurality_success_matches_enumeration_of_every_vote(m, n_wrong, p):
    k = 3
    s = Fraction(p) ** k
    assert success(Chain((p,), k, vote=m, vote_wrong_answers=n_wrong)) == pytest.approx(
        float(plurality_enumerated(m, n_wrong, s)), rel=1e-12)


def test_voting_among_distinct_answers_helps_below_one_half():
    # one attempt right with s = 0.4^1 = 0.4 < 1/2: a right/wrong majority of 5 makes it worse,
    # a vote among 4 equally likely wrong answers makes it better (enumerated exactly)
    s = Fraction(2, 5)
    majority = plurality_enumerated(5, 1, s)
    plurality = plurality_enumerated(5, 4, s)
    assert majority < s < plurality
    assert success(Chain((0.4,), 1, vote=5)) == pytest.approx(float(majority), rel=1e-12)
    assert success(Chain((0.4,), 1, vote=5, vote_wrong_answers=4)) == pytest.approx(float(plurality), rel=1e-12)
    # the blog's 5-step task at p = 0.8 (one attempt 0.32768): 21 votes
    assert success(Chain((0.8,), 5, vote=21)) < 0.8**5 < success(Chain((0.8,), 5, vote=21, vote_wrong_answers=10))


def test_vote_weights_are_monotone_and_bounded():
    for m, n_wrong in [(9, 2), (30, 7), (101, 1000), (MAX_PLURALITY_VOTE, 10**6)]:
        g = vote_weights(m, n_wrong)
        assert g[0] == 0.0 and g[-1] == 1.0
        assert np.all(np.diff(g) >= -1e-12) and np.all((g >= 0) & (g <= 1))  # sums of about n terms: 1e-13
    # one right vote among 300 wrong ones over 10^6 answers wins only if they are all distinct (a 301-way tie)
    exact = math.prod(1 - i / 10**6 for i in range(300)) / 301
    assert vote_weights(301, 10**6)[1] == pytest.approx(exact, rel=1e-12)


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
    assert analyse(c).one_attempt.prefix_credit == pytest.approx(prefix, rel=1e-9)


def test_binomial_counts_against_scipy():
    from scipy.stats import binom

    for p, k in [(0.4, 5), (0.93, 200), (0.01, 1000)]:
        np.testing.assert_allclose(count_distribution(chain(p, k)), binom.pmf(np.arange(k + 1), k, p), rtol=1e-8, atol=1e-300)


def test_correlation_softens_the_jump():
    # pitfall 20: P(all) lies between p^k and p
    for rho in (0.01, 0.2, 0.5, 0.9, 0.999):
        s = success(Chain((0.6,), 10, correlation=rho))
        assert 0.6**10 < s < 0.6


def beta_moments(a: Fraction, b: Fraction, n: int) -> list[Fraction]:
    out = [Fraction(1)]
    for i in range(n):
        out.append(out[-1] * (a + i) / (a + b + i))
    return out


def correlated_exact(p: str, rho: str, k: int, m: int, weights: list[Fraction] | None) -> Fraction:
    """E over X ~ Beta of pass@m = 1 - (1 - X^k)^m (weights None) or of the vote sum_r g_r C(m,r) X^kr (1-X^k)^(m-r),
    expanded binomially into Beta moments E[X^j] and summed in exact arithmetic (no cancellation to fear)."""
    scale = (1 - Fraction(rho)) / Fraction(rho)
    a, b = Fraction(p) * scale, (1 - Fraction(p)) * scale
    mom = beta_moments(a, b, k * m)
    if weights is None:
        return 1 - sum(math.comb(m, j) * (-1) ** j * mom[k * j] for j in range(m + 1))
    return sum((weights[r] * math.comb(m, r) * sum(math.comb(m - r, i) * (-1) ** i * mom[k * (r + i)] for i in range(m - r + 1))
                for r in range(m + 1) if weights[r]), Fraction(0))


def majority_weights(m: int) -> list[Fraction]:
    return [Fraction(1) if 2 * r > m else Fraction(1, 2) if 2 * r == m else Fraction(0) for r in range(m + 1)]


@pytest.mark.parametrize("p, rho, k, m", [
    ("0.4", "0.3", 5, 5), ("0.4", "0.3", 5, 20), ("0.7", "0.05", 20, 7), ("0.2", "0.9", 3, 11), ("0.5", "0.5", 1, 40),
    ("0.01", "0.2", 2, 30), ("0.99", "0.001", 50, 9), ("0.3", "0.999", 7, 25),
    # near-degenerate: a rare step, an almost certain step, nearly independent and nearly identical attempts
    ("1e-10", "0.5", 5, 5), ("0.9999999999", "0.01", 20, 7), ("0.4", "1e-12", 20, 9), ("0.4", "0.99999999999", 60, 7),
    ("0.001", "1e-6", 3, 101),
])
def test_attempts_share_the_item_accuracy_exact_fractions(p, rho, k, m):
    # pass@M = 1 - E[(1 - X^k)^M], the vote the same expectation of its binomial sum (exact rational sums)
    pass_exact = correlated_exact(p, rho, k, m, None)
    vote_exact = correlated_exact(p, rho, k, m, majority_weights(m))
    got_pass = log_success(Chain((float(p),), k, correlation=float(rho), attempts=m))
    got_vote = log_success(Chain((float(p),), k, correlation=float(rho), vote=m))
    assert got_pass == pytest.approx(flog(pass_exact), rel=1e-10, abs=1e-11)
    assert got_vote == pytest.approx(flog(vote_exact), rel=1e-10, abs=1e-11)


def test_correlated_plurality_exact_fractions():
    m, n_wrong = 5, 3
    weights = [Fraction(0)] * (m + 1)
    for r in range(m + 1):  # g_r by enumeration of the wrong votes
        for wrong in itertools.product(range(n_wrong), repeat=m - r):
            counts = [wrong.count(a) for a in range(n_wrong)]
            top = max(counts, default=0)
            weights[r] += 1 if r > top else Fraction(1, 1 + counts.count(r)) if r == top and r > 0 else 0
        weights[r] /= n_wrong ** (m - r)
    exact = correlated_exact("0.7", "0.25", 4, m, weights)
    assert success(Chain((0.7,), 4, correlation=0.25, vote=m, vote_wrong_answers=n_wrong)) == pytest.approx(float(exact), rel=1e-11)


def test_correlated_pass_at_m_against_scipy_quad():
    from scipy import integrate
    from scipy.stats import beta

    def pass_at(x: float, a: float, b: float, k: int, m: int) -> float:
        return beta.pdf(x, a, b) * -math.expm1(m * math.log1p(-(x**k)))

    for p, rho, k, m in [(0.4, 0.3, 5, 5), (0.6, 0.1, 10, 50), (0.3, 0.2, 3, 1000)]:  # a, b > 1: no singular ends
        a, b = p * (1 / rho - 1), (1 - p) * (1 / rho - 1)
        value, _ = integrate.quad(pass_at, 0, 1, args=(a, b, k, m), points=[p], limit=200, epsabs=1e-14, epsrel=1e-12)
        assert success(Chain((p,), k, correlation=rho, attempts=m)) == pytest.approx(value, rel=1e-8)


def test_shared_accuracy_makes_pass_at_m_smaller_than_independent_attempts():
    # the same X for all attempts: a hard item stays hard, so pass@M is below 1 - (1 - P1)^M
    c = Chain((0.5,), 1, correlation=0.9, attempts=10)
    p1 = success(replace_attempts(c, 1))
    assert p1 == pytest.approx(0.5, rel=1e-12)
    independent = 1 - (1 - p1) ** 10
    assert success(c) < independent - 0.3  # about 0.6 against 0.999
    # Beta(a, b) with k = 1: E[(1 - X)^10] = B(a, b + 10) / B(a, b) = prod (b + j) / (a + b + j)
    a, b = 0.5 / 9, 0.5 / 9
    assert success(c) == pytest.approx(1 - math.prod((b + j) / (a + b + j) for j in range(10)), rel=1e-12)


def replace_attempts(c: Chain, m: int) -> Chain:
    from dataclasses import replace

    return replace(c, attempts=m)


def test_nearly_identical_items_do_not_give_nan():
    # rho = 1 - 2^-53: a + b = 2^-53 / (1 - 2^-53). The item's steps are all right (X ~ 1) with
    # probability p, all wrong otherwise; P(C = 0) = prod_j (b + j) / (a + b + j), just below 1 - p
    rho = 0.9999999999999999
    c = Chain((0.4,), 5, correlation=rho)
    scale = (1 - Fraction(rho)) / Fraction(rho)
    a, b = Fraction(2, 5) * scale, Fraction(3, 5) * scale
    p0 = math.prod((b + j) / (a + b + j) for j in range(5))
    pmf = count_distribution(c)
    assert np.all(np.isfinite(pmf))
    assert pmf[0] == pytest.approx(float(p0), rel=1e-15)
    assert analyse(c).one_attempt.at_least[0].probability == pytest.approx(float(1 - p0), rel=1e-14)  # about 0.4, not 1.0
    assert success(c) == pytest.approx(float(beta_moments(a, b, 5)[5]), rel=1e-14)
    for variant in ({"attempts": 5}, {"vote": 5}, {"vote": 5, "vote_wrong_answers": 3}):
        assert success(Chain((0.4,), 5, correlation=rho, **variant)) == pytest.approx(0.4, rel=1e-14)


def test_nearly_independent_items_match_independent_attempts():
    for variant in ({"attempts": 5}, {"attempts": 10**18}, {"vote": 21}, {"vote": 21, "vote_wrong_answers": 10}):
        for rho in (1e-300, 1e-30):
            assert log_success(Chain((0.4,), 1000, correlation=rho, **variant)) == pytest.approx(
                log_success(Chain((0.4,), 1000, **variant)), rel=1e-12)


def test_quadrature_reproduces_the_beta_moment_at_the_extremes():
    # with h(x) = x^k the quadrature must give E[X^k] = prod (a + j)/(a + b + j), an independent closed form
    from emergence import compound

    worst = 0.0
    for p in (1e-300, 1e-10, 0.4, 1 - 1e-10):
        for rho in (1e-300, 1e-12, 0.3, 1 - 1e-12):
            scale = (1 - rho) / rho
            for k in (1, 1000, 10**7):
                exact = compound._log_beta_moment(p * scale, (1 - p) * scale, k)
                got = compound._log_beta_expectation(p, scale, lambda lx, k=k: k * lx, lambda lx, k=k: k * lx)
                worst = max(worst, abs(got - exact) / max(1.0, abs(exact)))
    assert worst < 1e-10


def test_beta_moment_beyond_4096_factors_matches_the_direct_sum():
    from emergence import compound

    for a, b in [(0.4, 0.6), (1e-16, 1e-16), (14 / 15, 21 / 15), (1e-288, 1e12), (4e11, 6e11), (3.0, 1e-9), (1e5, 1e-3)]:
        for k in (4097, 300_000):
            direct = math.fsum(math.log((a + j) / (a + b + j)) if b / (a + b + j) > 0.5 else math.log1p(-b / (a + b + j))
                               for j in range(k))
            assert compound._log_beta_moment(a, b, k) == pytest.approx(direct, rel=1e-13, abs=1e-13)


# ---------------------------------------------------------------------------------------------
# huge k and edges


def test_a_million_steps_stay_in_log_space():
    o = analyse(chain(0.4, 1_000_000))
    assert o.success == 0.0
    assert o.log10_success == pytest.approx(1e6 * math.log10(0.4), rel=1e-12)
    assert o.one_attempt.fraction_correct == 0.4
    assert o.one_attempt.prefix_credit == pytest.approx(0.4 / 0.6 / 1e6, rel=1e-9)  # p/(1-p)/k once p^k vanishes


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
    assert o.success == 1.0 and o.one_attempt.prefix_credit == 1.0 and all(r.probability == 1.0 for r in o.one_attempt.at_least)
    for variant in ({"attempts": 3}, {"vote": 3}):
        assert success(Chain((1.0,), 4, correlation=0.5, **variant)) == 1.0
        assert success(Chain((0.0,), 4, correlation=0.5, **variant)) == 0.0


def test_outcome_json_names_one_attempt():
    d = analyse(Chain((0.4,), 5, attempts=3)).to_dict()
    assert set(d) == {"chain", "success", "log10_success", "one_attempt"}
    assert set(d["one_attempt"]) == {"success", "log10_success", "step_success", "fraction_correct", "prefix_credit", "at_least"}
    assert d["one_attempt"]["at_least"][2] == {"steps": 3, "probability": pytest.approx(0.31744, rel=1e-12)}
    assert d["chain"]["attempts"] == 3 and d["chain"]["vote_wrong_answers"] == 1
    assert count_distribution(chain(0.4, 5)).flags.writeable is False  # cached: read-only


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"p": (1.5,), "steps": 5}, "p"),
        ({"p": (-0.1,), "steps": 5}, "p"),
        ({"p": (math.nan,), "steps": 5}, "p"),
        ({"p": (0.4,), "steps": 0}, "steps"),
        ({"p": (0.4, 0.5), "steps": 3}, "steps"),
        ({"p": (0.4,), "steps": 5, "correlation": 1.0}, "correlation"),
        ({"p": (0.4,), "steps": 5, "correlation": -0.1}, "correlation"),
        ({"p": (0.4,), "steps": 5, "retries": 0}, "retries"),
        ({"p": (0.4,), "steps": 5, "attempts": 3, "vote": 3}, "vote"),
        ({"p": (0.4, 0.5), "steps": 2, "correlation": 0.2}, "correlation"),
        ({"p": (0.4,), "steps": 2, "correlation": 0.2, "retries": 2}, "correlation"),
        ({"p": (0.4,), "steps": 2, "vote_wrong_answers": 3}, "vote_wrong_answers"),
        ({"p": (0.4,), "steps": 2, "vote": 303, "vote_wrong_answers": 2}, "vote"),
        ({"p": (0.4,), "steps": 2, "vote": 303, "correlation": 0.2}, "vote"),
        ({"p": (0.4,), "steps": 2, "vote": 3, "vote_wrong_answers": 0}, "vote_wrong_answers"),
        ({"p": (0.4,), "steps": 10**23}, "steps"),
        ({"p": (0.4,), "steps": 3, "vote": 10**8 + 1}, "vote"),
        *[({"p": (0.4,), "steps": 3, name: 10**400}, name) for name in ("retries", "attempts", "vote")],
        ({"p": (0.4,), "steps": 10**400}, "steps"),
        ({"p": (0.5,) * 20_001, "steps": 20_001}, "p"),
        ({"p": (0.4,), "steps": 3, "vote": 3, "vote_wrong_answers": 10**400}, "vote_wrong_answers"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ParameterError) as info:
        Chain(**kwargs)
    assert info.value.name == name


# ---------------------------------------------------------------------------------------------
# properties


@settings(deadline=None)
@given(p=probs, k=st.integers(1, 500))
def test_success_is_a_probability(p, k):
    s = success(chain(p, k))
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(p**k, rel=1e-9, abs=1e-300)


@settings(deadline=None)
@given(p=inner, k=st.integers(1, 300))
def test_monotone_in_steps_and_accuracy(p, k):
    assert log_success(chain(p, k + 1)) < log_success(chain(p, k))
    assert log_success(chain(min(1.0, p + 0.005), k)) > log_success(chain(p, k))


@settings(deadline=None)
@given(p=inner, k=st.integers(2, 200), rho=st.floats(0.0, 0.95))
def test_partial_credit_ordering(p, k, rho):
    o = analyse(Chain((p,), k, correlation=rho)).one_attempt
    # exact match <= prefix credit <= fraction of steps right, all in [0, 1]
    assert 0.0 <= o.success <= o.prefix_credit * (1 + 1e-12) <= o.fraction_correct * (1 + 1e-12) <= 1.0
    values = [row.probability for row in o.at_least]
    assert all(a >= b - 1e-12 for a, b in zip(values, values[1:]))


@settings(deadline=None)
@given(p=inner, k=st.integers(1, 400), rho=st.floats(0.0, 0.95))
def test_count_distribution_is_a_distribution(p, k, rho):
    pmf = count_distribution(Chain((p,), k, correlation=rho))
    assert pmf.shape == (k + 1,)
    assert np.all(pmf >= 0)
    assert pmf.sum() == pytest.approx(1.0, rel=1e-9)
    assert float(np.dot(np.arange(k + 1), pmf)) / k == pytest.approx(p, rel=1e-8)


@settings(max_examples=60, deadline=None)
@given(p=inner, k=st.integers(1, 60), variant=st.sampled_from(["plain", "retries", "rho", "attempts", "vote", "plurality"]))
def test_required_p_round_trip(p, k, variant):
    extra = {"plain": {}, "retries": {"retries": 3}, "rho": {"correlation": 0.3}, "attempts": {"attempts": 4},
             "vote": {"vote": 5}, "plurality": {"vote": 6, "vote_wrong_answers": 3}}
    c = Chain((p,), k, **extra[variant])
    target = success(c)
    assume(1e-250 < target < 1.0 - 1e-9)
    back = required_p(c, target)
    assert success(c.with_p(back)) == pytest.approx(target, rel=1e-9)
    assert back == pytest.approx(p, rel=1e-6)


@settings(max_examples=15, deadline=None)
@given(p=inner, k=st.integers(1, 30), rho=st.floats(0.01, 0.95), m=st.integers(2, 30))
def test_correlated_attempts_lie_between_one_attempt_and_independent_ones(p, k, rho, m):
    c = Chain((p,), k, correlation=rho, attempts=m)
    one = math.exp(log_single_attempt(c))
    assert one * (1 - 1e-12) <= success(c) <= -math.expm1(m * math.log1p(-one)) * (1 + 1e-12)


@settings(deadline=None)
@given(p=inner, k=st.integers(1, 50), m=st.integers(2, 20))
def test_attempts_and_retries_only_help(p, k, m):
    base = success(chain(p, k))
    assert success(Chain((p,), k, attempts=m)) >= base
    assert success(Chain((p,), k, retries=m)) >= base


def test_pass_at_m_when_m_times_p_is_not_small():
    # P = 1e-12 and M = 1e16: 1 - (1 - P)^M = 1 - exp(-M P (1 + P/2 + ...)) = 1 - e^-10000.000000005
    assert success(Chain((1e-12,), 1, attempts=10**16)) == 1.0
    # P = 1e-25 and M = 1e18: 1 - exp(-1e-7 (1 + 5e-26)) = 1e-7 - 5e-15 + ...
    assert success(Chain((1e-25,), 1, attempts=10**18)) == pytest.approx(-math.expm1(-1e-7), rel=1e-14)
    # P = 1e-30 and M = 1e18 (the largest count): 1 - e^-1e-12
    assert success(Chain((1e-10,), 3, attempts=10**18)) == pytest.approx(-math.expm1(-1e-12), rel=1e-12)
    assert success(Chain((1.0,), 3, attempts=7)) == 1.0


def test_majority_vote_of_many_stays_a_probability():
    # with P = 1/2 exactly, a majority of an odd number of attempts wins with probability 1/2 by symmetry
    assert success(Chain((0.5,), 1, vote=1001)) == pytest.approx(0.5, rel=1e-10)
    assert success(Chain((0.5,), 1, vote=1_000_001)) == pytest.approx(0.5, rel=1e-7)
    assert success(Chain((0.9,), 3, vote=100_001)) <= 1.0
    assert success(Chain((1.0,), 3, vote=5)) == 1.0


def test_count_distribution_of_a_million_steps_sums_to_one():
    pmf = count_distribution(chain(0.4, 1_000_000))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-12)
    # its mean is k p and its variance k p (1 - p), to the accuracy of a float sum
    j = np.arange(pmf.size)
    assert float(j @ pmf) == pytest.approx(400_000, rel=1e-9)
    assert float(((j - 400_000) ** 2) @ pmf) == pytest.approx(240_000, rel=1e-6)
