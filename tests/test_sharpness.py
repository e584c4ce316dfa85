"""Breakthroughness, linearity R^2 and largest step share: hand-computed values and properties."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence._validate import ParameterError
from emergence.sharpness import breakthroughness, largest_step_share, linearity_r2, sharpness


def test_breakthroughness_by_hand():
    # diffs 1, 1, 2 -> squared 1, 1, 4 -> median 1; range 4; argmax after argmin -> +4
    assert breakthroughness([1, 2, 3, 4], [0, 1, 2, 4], orientation="higher") == 4.0
    # even number of diffs: median of squares (1, 4, 9, 16) is (4 + 9) / 2
    y = [0, 1, 3, 6, 10]
    assert breakthroughness([1, 2, 3, 4, 5], y, orientation="higher") == pytest.approx(10 / math.sqrt(6.5), rel=1e-15)


def test_points_are_sorted_by_size_first():
    x = [1e9, 1e8, 1e11, 1e10]
    y = [1.0, 0.0, 4.0, 2.0]  # in size order: 0, 1, 2, 4
    assert breakthroughness(x, y, orientation="higher") == 4.0
    assert largest_step_share(x, y) == 0.5
    assert linearity_r2(x, y) == pytest.approx(linearity_r2(sorted(x), [0, 1, 2, 4]), rel=1e-15)


def test_orientation_is_explicit_and_lower_scores_the_negated_curve():
    x = [1, 2, 3, 4]
    falling = [4.0, 2.0, 1.0, 0.0]
    assert breakthroughness(x, falling, orientation="higher") == -4.0
    assert breakthroughness(x, falling, orientation="lower") == 4.0
    with pytest.raises(TypeError):
        breakthroughness(x, falling)  # no silent default
    with pytest.raises(ParameterError) as err:
        breakthroughness(x, falling, orientation="up")
    assert err.value.name == "orientation"


def test_zero_median_step_is_infinite_never_nan():
    x = [1, 2, 3, 4, 5]
    step = [0, 0, 0, 1, 1]
    assert breakthroughness(x, step, orientation="higher") == math.inf
    assert breakthroughness(x, step, orientation="lower") == -math.inf
    s = sharpness(x, step, orientation="higher")
    assert s.undefined == "zero_median_step"
    assert s.largest_step_share == 1.0


def test_flat_curve():
    s = sharpness([1, 10, 100], [0.3, 0.3, 0.3], orientation="higher")
    assert s.breakthroughness == 0.0
    assert math.isnan(s.linearity_r2) and math.isnan(s.largest_step_share)
    assert s.undefined == "flat"


def test_ties_take_the_first_index():
    # argmax = 0 (first of the two maxima), argmin = 1: sign is negative; diffs -1, 1 -> median 1
    assert breakthroughness([1, 2, 3], [1.0, 0.0, 1.0], orientation="higher") == -1.0


def test_clip_like_public_reimplementations():
    x = [1, 2, 3, 4, 5]
    assert breakthroughness(x, [0, 0, 0, 1, 1], orientation="higher", clip=True) == 100.0
    assert breakthroughness(x, [4, 3, 2, 1, 0], orientation="higher", clip=True) == 0.0
    assert breakthroughness(x, [0, 1, 2, 3, 4], orientation="higher", clip=True) == 4.0


def test_linearity_r2_against_scipy():
    from scipy.stats import linregress

    rng = np.random.default_rng(5)
    x = np.logspace(7, 12, 9)
    y = rng.random(9)
    assert linearity_r2(x, y) == pytest.approx(linregress(np.log10(x), y).rvalue ** 2, rel=1e-12)
    assert linearity_r2(x, 3.0 - 0.2 * np.log10(x)) == pytest.approx(1.0, rel=1e-12)


def test_largest_step_share_of_ramp_and_step():
    assert largest_step_share(np.arange(1, 11), np.arange(10.0)) == pytest.approx(1 / 9, rel=1e-15)
    assert largest_step_share([1, 2, 3], [0, 0, 5]) == 1.0


@pytest.mark.parametrize(
    ("sizes", "values", "name"),
    [([1, 2], [1.0], "values"), ([1], [1.0], "values"), ([1, 2], [0.0, math.nan], "values"),
     ([0, 2], [0.0, 1.0], "sizes"), ([-1, 2], [0.0, 1.0], "sizes")],
)
def test_bad_input_names_the_parameter(sizes, values, name):
    with pytest.raises(ParameterError) as err:
        breakthroughness(sizes, values, orientation="higher")
    assert err.value.name == name


@settings(deadline=None)
@given(st.integers(min_value=4, max_value=60), st.data())
def test_ramp_is_less_sudden_than_a_step(n, data):
    x = np.logspace(7, 13, n)
    jump = data.draw(st.integers(min_value=1, max_value=n - 1))
    step = (np.arange(n) >= jump).astype(float)
    ramp = np.linspace(0.0, 1.0, n)
    b_ramp = breakthroughness(x, ramp, orientation="higher")
    assert b_ramp == pytest.approx(n - 1, rel=1e-9)
    assert b_ramp < breakthroughness(x, step, orientation="higher")
    assert largest_step_share(x, ramp) < largest_step_share(x, step)


@settings(deadline=None)
@given(st.lists(st.integers(-1000, 1000), min_size=2, max_size=30), st.integers(1, 100), st.integers(-100, 100))
def test_breakthroughness_is_defined_and_affine_invariant(values, scale, shift):
    # integer scores keep scale * y + shift exact, so the invariance can be checked tightly
    x = np.arange(1, len(values) + 1, dtype=float)
    y = np.array(values, dtype=float)
    b = breakthroughness(x, y, orientation="higher")
    assert not math.isnan(b)
    assert breakthroughness(x, scale * y + shift, orientation="higher") == pytest.approx(b, rel=1e-12)
    assert breakthroughness(x, y, orientation="lower") == breakthroughness(x, -y, orientation="higher")


def _exact_scores(values: list[float]) -> tuple[float, float, float]:
    """Breakthroughness, R^2 against k = log10 size (sizes 10**k) and step share, in exact arithmetic.

    Every float is an exact Fraction; only the square root of B's denominator is taken, in
    100-digit decimals. The sizes are 10, 100, 1000...: their log10 are whole numbers.
    """
    y = [Fraction(v) for v in values]
    steps = sorted((b - a) ** 2 for a, b in zip(y, y[1:]))
    middle = len(steps) // 2
    median = steps[middle] if len(steps) % 2 else (steps[middle - 1] + steps[middle]) / 2
    spread = max(y) - min(y)
    sign = 1 if y.index(max(y)) > y.index(min(y)) else -1
    with localcontext() as ctx:
        ctx.prec = 100
        root = (Decimal(median.numerator) / Decimal(median.denominator)).sqrt()
        b = float(sign * Decimal(spread.numerator) / Decimal(spread.denominator) / root) if median else sign * math.inf
    u = [Fraction(k) for k in range(1, len(y) + 1)]
    u_mean, y_mean = sum(u) / len(u), sum(y) / len(y)
    slope = sum((a - u_mean) * (b - y_mean) for a, b in zip(u, y)) / sum((a - u_mean) ** 2 for a in u)
    total = sum((b - y_mean) ** 2 for b in y)
    residual = sum((b - y_mean - slope * (a - u_mean)) ** 2 for a, b in zip(u, y))
    share = max(abs(b - a) for a, b in zip(y, y[1:])) / spread
    return b, float(1 - residual / total), float(share)


@pytest.mark.parametrize("scale", [1.0, 1e200, -1e300, 1e-200, 5e-310])
def test_scores_of_any_size_against_exact_arithmetic(scale):
    # ln P(target) near -1e206 (alpha = -10, c = 1e20) used to overflow: R^2 null, B = 1e190
    base = [0.0, 0.25, 0.5, 3.0, 3.25, 7.5, 7.75, 8.0, 8.5]
    values = [v * scale for v in base]
    sizes = [10.0**k for k in range(1, len(values) + 1)]
    b, r2, share = _exact_scores(values)
    orientation = "higher"
    assert breakthroughness(sizes, values, orientation=orientation) == pytest.approx(b, rel=1e-13)
    assert linearity_r2(sizes, values) == pytest.approx(r2, rel=1e-13)
    assert largest_step_share(sizes, values) == pytest.approx(share, rel=1e-13)


def test_log_probability_of_a_long_answer_keeps_its_scores():
    # the curve of an extreme model: ln P = -L (N / c) ** alpha with L = 1e6, c = 1e20, alpha = -10
    sizes = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    values = -1e6 * (sizes / 1e20) ** -10.0
    assert values[0] == pytest.approx(-1e206)
    s = sharpness(sizes, values, orientation="higher")
    exact = _exact_scores(list(values))
    assert s.undefined is None
    assert s.breakthroughness == pytest.approx(exact[0], rel=1e-13)
    assert s.linearity_r2 == pytest.approx(exact[1], rel=1e-12)


@settings(deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), min_size=3, max_size=12), st.sampled_from([1e-300, 1.0, 1e290]))
def test_scaled_integer_curves_against_exact_arithmetic(values, scale):
    y = [v * scale for v in values]
    sizes = [10.0**k for k in range(1, len(y) + 1)]
    if len(set(values)) == 1:
        return  # a flat curve: tested above
    b, r2, share = _exact_scores(y)
    assert breakthroughness(sizes, y, orientation="higher") == pytest.approx(b, rel=1e-12)
    assert linearity_r2(sizes, y) == pytest.approx(r2, rel=1e-9, abs=1e-12)
    assert largest_step_share(sizes, y) == pytest.approx(share, rel=1e-12)


def _ipa_curves(path) -> dict[str, dict[str, tuple[list[float], list[float]]]]:
    """family -> metric -> (params in billions, scores) for IPA transliteration."""
    rows = defaultdict(lambda: defaultdict(list))
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["task"] == "ipa_transliterate":
                rows[r["model_family"]][r["metric"]].append((float(r["params_b"]), float(r["score"])))
    return {fam: {m: tuple(map(list, zip(*pts))) for m, pts in metrics.items()} for fam, metrics in rows.items()}


def test_real_data_exact_match_against_bleu_on_the_same_outputs(shared_data):
    curves = _ipa_curves(shared_data / "obsscaling_emergent_capability.csv")
    # OPT, 8 sizes from 125M to 66B: exact match reads 0 for the six smallest models, so the
    # median step is 0 and breakthroughness is infinite; BLEU on the same outputs is finite.
    em = sharpness(*curves["OPT"]["exact_match"], orientation="higher")
    bleu = sharpness(*curves["OPT"]["bleu"], orientation="higher")
    assert len(curves["OPT"]["exact_match"][0]) == 8
    assert em.breakthroughness == math.inf and em.undefined == "zero_median_step"
    assert math.isfinite(bleu.breakthroughness) and bleu.breakthroughness > 0
    # Pythia never gets one exact match: a flat curve, reported as such.
    assert sharpness(*curves["Pythia"]["exact_match"], orientation="higher").undefined == "flat"
