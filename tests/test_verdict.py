"""The hypotheses as tests on curves whose answer is known by construction."""

from __future__ import annotations

import math

import numpy as np
import pytest

from emergence import fit, verdict
from emergence.data import Curve

SIZES = np.array([7e7, 1.6e8, 4.1e8, 1e9, 1.4e9, 2.8e9, 6.9e9, 1.2e10])


def curve(scores, *, metric="exact_match", sizes=SIZES, items=None, stderr=None, higher=True, scale="fraction",
          task="t", family="f") -> Curve:
    sizes = np.asarray(sizes, dtype=float)
    models = tuple(f"m{i}" for i in range(sizes.size))
    return Curve(task, metric, family, (), models, sizes, np.asarray(scores, dtype=float), higher, scale,
                 None if items is None else np.full(sizes.size, float(items)),
                 None if stderr is None else np.asarray(stderr, dtype=float), ("test",))


def run(c, siblings=(), **settings):
    return verdict.analyse(c, list(siblings), verdict.Settings(bootstrap=200, **settings), np.random.default_rng(0))


STEP = [0.05, 0.05, 0.06, 0.05, 0.9, 0.9, 0.91, 0.9]
RAMP = np.linspace(0.1, 0.8, 8)


def test_shape_finds_the_step_and_its_share():
    s = verdict.shape(curve(STEP))
    assert s.sharp and s.largest_step.from_model == "m3" and s.largest_step.to_model == "m4"
    assert s.largest_step.share == pytest.approx(0.85 / 0.86)
    assert not verdict.shape(curve(RAMP)).sharp
    assert not verdict.shape(curve(np.linspace(0.9, 0.1, 8))).sharp  # a step down is not an improvement
    assert verdict.shape(curve(np.linspace(0.9, 0.1, 8)[[0, 0, 0, 0, 7, 7, 7, 7]], higher=False)).sharp


def test_a_ramp_is_smooth_and_a_lone_step_unexplained():
    assert run(curve(RAMP)).verdict == "smooth"
    a = run(curve(STEP, items=10000))
    assert a.verdict == "unexplained" and a.explained_by == ()
    assert a.resolution.step_z > 50 and not a.resolution.within_noise


def test_metric_explains_when_the_other_metric_on_the_same_outputs_is_smooth():
    em = curve(STEP)
    partial = curve(RAMP, metric="token_accuracy")
    a = run(em, [partial])
    assert a.metric.explains and a.verdict == "explained" and "metric" in a.explained_by
    both = run(em, [curve(STEP, metric="other")])
    assert both.metric.sharp and both.metric.other_sharp and not both.metric.explains
    assert both.verdict == "unexplained"


def test_compounding_recovers_the_number_of_steps():
    p = 0.5 + 0.2 * np.log10(SIZES / 7e7)  # linear in log size, 0.5 to 0.95
    test = verdict.compounding(curve(p**5), verdict.Settings())
    assert test is not None
    assert test.steps == 5 and test.r2_steps == pytest.approx(1.0)
    assert test.consistent and not test.at_limit
    np.testing.assert_allclose(test.per_step, p)


def test_resolution_noise_and_the_rule_of_three():
    small = curve([0, 0, 0, 0, 0.05, 0.05, 0.06, 0.06], items=20)
    res = verdict.resolution(small, verdict.shape(small).largest_step)
    assert res is not None
    n = 20
    p = np.clip([0.0, 0.05], 0.5 / n, 1 - 0.5 / n)
    assert res.step_standard_error == pytest.approx(math.hypot(*np.sqrt(p * (1 - p) / n)))
    assert res.within_noise
    assert res.zero_upper_bounds == tuple((f"m{i}", 3 / 20) for i in range(4))
    assert res.starts_at_floor
    assert run(small).verdict == "smooth"  # a rise of 0.06 is below the 0.1 that counts as meaningful
    big_rise = curve([0, 0, 0, 0, 0.6, 0.6, 0.6, 0.6], items=20)
    assert run(big_rise).verdict == "explained" and "resolution" in run(big_rise).explained_by


def test_stderr_is_used_when_given():
    c = curve(STEP, stderr=[0.4] * 8)
    res = verdict.resolution(c, verdict.shape(c).largest_step)
    assert res is not None
    assert res.step_z == pytest.approx(0.85 / math.hypot(0.4, 0.4))
    assert run(c).verdict == "undetermined"


def test_threshold_levels_move_with_the_level():
    x = np.log10(SIZES)
    y = fit.sigmoid(x, 0.0, 1.0, 9.0, 0.3)
    a = run(curve(y), levels=(0.2, 0.5, 0.8))
    expected = [9.0 + 0.3 * math.log(v / (1 - v)) for v in (0.2, 0.5, 0.8)]
    assert a.threshold.log10_size == pytest.approx(expected, abs=1e-5)
    assert a.threshold.spread_decades == pytest.approx(expected[2] - expected[0], abs=1e-5)


def test_backtest_on_a_noiseless_sigmoid_predicts_the_held_out_model():
    sizes = np.geomspace(1e8, 1e11, 10)
    y = fit.sigmoid(np.log10(sizes), 0.0, 0.9, 9.5, 0.3)
    bt = run(curve(y, sizes=sizes)).backtest
    assert bt.train_points == 9 and bt.sigmoid_determined
    assert bt.sigmoid[0].error < 1e-4 and bt.sigmoid[0].inside
    cut = run(curve(y, sizes=sizes), cutoff=2e10).backtest
    assert [p.size for p in cut.line] == [s for s in sizes if s > 2e10]


def test_batched_analysis_equals_one_curve_at_a_time():
    curves = [curve(STEP), curve(RAMP, metric="token_accuracy"), curve(np.array(STEP) * 0.5, task="u")]
    settings = verdict.Settings(bootstrap=100)
    together = verdict.analyse_all(curves, settings, np.random.default_rng(1).spawn(3))
    for c, rng, a in zip(curves, np.random.default_rng(1).spawn(3), together):
        alone = verdict.analyse_all([c], settings, [rng], siblings=[verdict.siblings_of(curves)[curves.index(c)]])[0]
        assert a.sigmoid is not None and alone.sigmoid is not None
        assert a.sigmoid.midpoint == pytest.approx(alone.sigmoid.midpoint, abs=1e-9)
        assert a.sigmoid.midpoint_interval == pytest.approx(alone.sigmoid.midpoint_interval, abs=1e-9)
        assert a.verdict == alone.verdict


def test_csv_has_one_row_per_curve():
    analyses = verdict.analyse_all([curve(STEP), curve(RAMP, task="u")], verdict.Settings(bootstrap=50),
                                   np.random.default_rng(2).spawn(2))
    lines = verdict.to_csv(analyses).splitlines()
    assert lines[0].split(",") == list(verdict.CSV_COLUMNS)
    assert len(lines) == 3 and lines[1].endswith("unexplained,")


def test_saturation_and_noise_are_not_emergence():
    saturating = curve([0.577, 0.779, 0.83, 0.86, 0.89, 0.92, 0.94, 0.953])  # largest step from the smallest model
    assert not verdict.shape(saturating).sharp
    # up and down around chance on ~100 items: the jump's shape, but within the noise of the largest of 7 steps
    wandering = curve([0.243, 0.223, 0.214, 0.214, 0.34, 0.262, 0.32, 0.32], stderr=[0.043] * 8)
    assert run(wandering).verdict == "undetermined"


def test_the_largest_of_n_minus_1_steps_is_judged_at_a_bonferroni_level():
    from statistics import NormalDist

    c = curve(STEP, stderr=[0.3] * 8)
    res = verdict.resolution(c, verdict.shape(c).largest_step)
    assert res is not None
    assert res.critical_z == pytest.approx(NormalDist().inv_cdf(1 - 0.025 / 7))
    assert res.step_z == pytest.approx(0.85 / math.hypot(0.3, 0.3)) and res.within_noise  # 2.00 < 2.69


def test_a_zero_floor_explains_only_a_step_of_its_own_size():
    big = curve([0, 0, 0, 0, 0.6, 0.6, 0.6, 0.6], items=1000)  # 3/n = 0.003, far below 0.6
    res = verdict.resolution(big, verdict.shape(big).largest_step)
    assert res is not None and not res.starts_at_floor


def test_perplexity_is_judged_on_its_logarithm():
    loss = np.linspace(5.0, 2.0, 8)
    ppl = curve(np.exp(loss), metric="ppl", higher=False, scale="unbounded")
    logged = verdict.on_log_scale(ppl)
    assert logged.metric == "ln ppl" and np.allclose(logged.scores, loss)
    assert run(ppl).verdict == "smooth"  # a smooth fall of the loss, whatever exp() makes of it


def test_backtest_intervals_stay_on_the_scale():
    sizes = np.geomspace(1e8, 1e11, 8)
    a = run(curve([0.0, 0.01, 0.0, 0.02, 0.01, 0.3, 0.9, 0.2], sizes=sizes))
    for p in a.backtest.sigmoid + a.backtest.line:
        assert 0.0 <= p.low <= p.high <= 1.0
    assert a.sigmoid is None or 0.0 <= min(a.sigmoid.lower, a.sigmoid.upper) <= max(a.sigmoid.lower, a.sigmoid.upper) <= 1.0


def test_the_work_counts_curves_sizes_and_resamples():
    eight, three, two = curve(RAMP), curve([0.1, 0.5, 0.9], sizes=SIZES[:3]), curve([0.1, 0.5], sizes=SIZES[:2])
    # per resample: the whole curve (8 sizes + 3) and the backtest's 7 smaller models (+ 3); a curve of 3 sizes
    # has a fit but no backtest (2 left to train on); a curve of 2 sizes has neither
    assert verdict.fit_points([eight]) == 11 + 10
    assert verdict.fit_points([three]) == 6 and verdict.fit_points([two]) == 0
    assert verdict.fit_points([eight], verdict.Settings(holdout=5)) == 11 + 6  # 3 left to train on: 3 + 3
    assert verdict.fit_points([eight], verdict.Settings(holdout=6)) == 11  # 2 left: no backtest
    assert verdict.fit_points([eight], verdict.Settings(cutoff=1e9)) == 11 + 7  # 4 sizes up to 1e9: 4 + 3
    assert verdict.work([eight, two], 1000) == 2 * 700 + 1000 * 21
    assert verdict.resamples_for([eight, two], None) == 1000 and verdict.resamples_for([eight, two], 50) == 50


def test_many_curves_get_fewer_resamples_then_a_refusal():
    budget, per_curve = verdict.WORK_BUDGET, verdict.CURVE_WORK
    many = [curve(RAMP, task=f"t{i}") for i in range(200)]
    # 200 curves x 21 point-fits a resample; what is left after 700 each, in whole resamples
    assert verdict.resamples_for(many, None) == (1_800_000 - 200 * 700) // (200 * 21) == 395
    assert verdict.resamples_for(many, 395) == 395 and verdict.resamples_for(many, 396) is None
    assert verdict.resamples_for(many, None, reserve=960_000) == (1_800_000 - 140_000 - 960_000) // 4200 == 166
    # so many that fewer than 100 would be left: refused, not analysed badly
    assert verdict.resamples_for([curve(RAMP, task=f"t{i}") for i in range(900)], None) is None
    assert budget == 1_800_000 and per_curve == 700
    # by number of curves only: each counted as 8 sizes with a backtest, 21 point-fits
    assert verdict.resamples_for(200, None) == 395


def test_a_curve_of_too_many_sizes_is_refused():
    sizes = np.geomspace(1e6, 1e12, verdict.MAX_CURVE_SIZES + 1)
    long = curve(np.linspace(0, 1, sizes.size), sizes=sizes)
    with pytest.raises(ValueError, match="1,001"):
        verdict.analyse_all([long], verdict.Settings(bootstrap=10), [np.random.default_rng(0)])


def test_siblings_are_the_other_metrics_on_the_same_outputs():
    curves = [curve(STEP), curve(RAMP, metric="token_accuracy"), curve(STEP, task="u"), curve(RAMP, family="g"),
              curve(STEP, metric="token_accuracy", task="u"), curve(STEP)]
    found = verdict.siblings_of(curves)
    for c, sib in zip(curves, found):  # by the definition, one pair at a time
        assert [id(o) for o in sib] == [id(o) for o in curves if o is not c and (o.task, o.family, o.keys) ==
                                        (c.task, c.family, c.keys) and o.metric != c.metric]
    assert [len(s) for s in found] == [1, 2, 1, 0, 1, 1]


def test_the_metric_test_on_shared_models_only():
    em = curve(STEP)
    partial = verdict._restrict(curve(RAMP, metric="token_accuracy"), [f"m{i}" for i in range(1, 8)])
    t = verdict.metric_test(em, verdict.shape(em), [partial])
    assert t is not None and t.common_models == 7
    # the same numbers as measuring both curves on the seven models by hand
    mine = verdict.shape(verdict._restrict(em, [f"m{i}" for i in range(1, 8)]))
    assert t.breakthroughness == mine.breakthroughness and t.other_breakthroughness == verdict.shape(partial).breakthroughness
