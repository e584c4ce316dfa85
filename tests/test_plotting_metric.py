"""The H2 figures draw the numbers computed in the core: panel by panel, and composed."""

from __future__ import annotations

import numpy as np
import pytest

from emergence import metrics as m
from emergence.plotting import metric as panels
from emergence.plotting import metric_figure, resolution_figure, save_figure, schaeffer_figure

PANELS = (panels.draw_discontinuous, panels.draw_continuous, panels.draw_readings, panels.draw_double_log,
          panels.draw_loss, panels.draw_token_probability, panels.draw_exact_by_length, panels.draw_grade_by_sigma,
          panels.draw_edit_by_length, panels.draw_brier_by_sigma, panels.draw_test_set)


@pytest.fixture(scope="module")
def data():
    report = m.analyse(m.latent_model(), m.Task(tokens=5), m.GPT3_SIZES, 100, 1)
    return m.figure_data(report, 2)


def _line(ax, label):
    (line,) = [line for line in ax.get_lines() if line.get_label() == label]
    return line


def _horizontal(ax, y):
    """The labels of the horizontal lines drawn at height y."""
    return [line.get_label() for line in ax.get_lines()
            if len(set(line.get_ydata())) == 1 and line.get_ydata()[0] == pytest.approx(y)]


def test_overview_panels(data):
    fig = metric_figure(data)
    ax_a, ax_b, ax_c, ax_d = fig.axes[:4]
    report = data.report
    assert [ax.get_title() for ax in fig.axes[:4]] == [
        "(a) Nonlinear or discontinuous metrics", "(b) Linear or continuous metrics, same model, same sizes",
        "(c) Exact match read by n = 100 items", "(d) ln(−ln exact match) is a straight line in ln N (slope α = -0.5)"]
    assert "illustrative" in fig.get_suptitle()
    b_em = report.sharpness["exact_match"].breakthroughness
    em = _line(ax_a, f"exact match, L = 5 tokens (B = {b_em:.3g})")
    np.testing.assert_array_equal(em.get_ydata(), report.expected.scores["exact_match"])
    np.testing.assert_array_equal(em.get_xdata(), m.GPT3_SIZES)
    b_mc = report.sharpness["multiple_choice_grade"].breakthroughness
    grade = _line(ax_a, f"multiple-choice grade, K = 4 (B = {b_mc:.3g})")
    np.testing.assert_array_equal(grade.get_ydata(), report.expected.scores["multiple_choice_grade"])
    assert _horizontal(ax_a, 0.25) == ["chance, 1/K = 0.25"]  # the grade starts there
    assert ax_a.get_xscale() == "log"

    edit = next(line for line in ax_b.get_lines() if line.get_label().startswith("edit distance / L"))
    np.testing.assert_array_equal(edit.get_ydata(), report.expected.scores["token_edit_distance"] / 5)
    brier = next(line for line in ax_b.get_lines() if line.get_label().startswith("Brier score, lower is better"))
    np.testing.assert_array_equal(brier.get_ydata(), report.expected.scores["brier_score"])
    assert _horizontal(ax_b, 0.75) == ["uniform guess, Brier (K − 1)/K = 0.75"]

    assert ax_c.get_yscale() == "log"
    assert _horizontal(ax_c, 0.01) == ["1/n = 0.01: smallest non-zero reading"]
    true = _line(ax_c, "true exact match")
    np.testing.assert_array_equal(true.get_xdata(), data.grid)

    l5 = _line(ax_d, "L = 5")
    slope = np.polyfit(np.log(l5.get_xdata()), l5.get_ydata(), 1)[0]
    assert slope == pytest.approx(-0.5, rel=1e-9)


def test_schaeffer_replica(data):
    fig = schaeffer_figure(data)
    axes = fig.axes[:6]
    assert [ax.get_title()[:3] for ax in axes] == ["(A)", "(B)", "(C)", "(D)", "(E)", "(F)"]
    assert axes[0].get_yscale() == "log"
    (loss,) = axes[0].get_lines()
    np.testing.assert_allclose(loss.get_ydata(), (data.grid / 1e9) ** -0.5, rtol=1e-12)
    assert [line.get_label() for line in axes[2].get_lines()] == [f"L = {L}" for L in (1, 2, 3, 4, 5)]
    for ax, rows in ((axes[3], data.grade_by_sigma), (axes[5], data.brier_by_sigma)):
        curves = [line for line in ax.get_lines() if line.get_label().startswith("σ")]
        assert [line.get_label() for line in curves] == ["σ = 0 (identical items: any margin > 0 wins)", "σ = 0.5",
                                                         "σ = 1", "σ = 2"]
        for line, row in zip(curves, rows):
            np.testing.assert_array_equal(line.get_ydata(), row)
    np.testing.assert_array_equal(_line(axes[3], "σ = 0.5").get_ydata(), data.dense.scores["multiple_choice_grade"])
    assert _horizontal(axes[3], 0.25)[-1] == "chance, 1/K = 0.25"
    assert "uniform guess, Brier (K − 1)/K = 0.75" in _horizontal(axes[5], 0.75)


def test_resolution_panels(data):
    fig = resolution_figure(data)
    titles = [ax.get_title() for ax in fig.axes[:4]]
    assert titles == [f"n = {n} items" for n in (10, 100, 1000, 10000)]
    for ax, obs in zip(fig.axes[:4], data.resolution):
        assert _horizontal(ax, 1 / obs.items) == ["1/n: smallest non-zero reading"]
        read = _line(ax, "read on n items (one seeded draw per size)")
        seen = obs.successes > 0
        np.testing.assert_array_equal(read.get_ydata(), obs.observed[seen])
        assert ax.get_yscale() == "log" and ax.get_legend() is None
    assert len(fig.legends) == 1  # one legend for the four panels
    with pytest.raises(ValueError):
        panels.draw_test_set(fig.axes[0], data, items=50)


@pytest.mark.parametrize("draw", PANELS)
def test_each_panel_draws_alone(data, draw):
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    draw(ax, data, "en")
    assert ax.get_title() and ax.get_lines() and ax.get_xscale() == "log"


def test_one_png_per_figure(tmp_path, data):
    for builder in (metric_figure, schaeffer_figure, resolution_figure):
        path = save_figure(builder(data), tmp_path / f"{builder.__name__}.png")
        assert path.read_bytes().startswith(b"\x89PNG")


def test_extreme_models_draw_without_warnings():
    # every exact match underflows to 0, the grade sits at chance, every reading is 0: nothing to put on a
    # log axis, yet no warning (pytest turns warnings into errors; drawing computes the ticks and limits)
    report = m.analyse(m.LatentModel(1e20, -10.0), m.Task(tokens=10**6, options=4, sigma=10.0), [1.0, 10.0, 100.0],
                       3, 0)
    data = m.figure_data(report, 0)
    assert not np.any(data.dense.scores["exact_match"] > 0)
    from matplotlib.figure import Figure

    for draw in PANELS:
        fig = Figure()
        draw(fig.subplots(), data, "en")
        fig.draw_without_rendering()


@pytest.mark.cjk
def test_chinese_figures(data, cjk_font, recwarn):
    from emergence.plotting import figure_bytes

    for builder, text in ((metric_figure, "不同的指标"), (schaeffer_figure, "复现"), (resolution_figure, "分辨率")):
        fig = builder(data, lang="zh")
        assert text in fig.get_suptitle()
    assert "随机水平" in _horizontal(metric_figure(data, lang="zh").axes[0], 0.25)[0]
    figure_bytes(fig, "png")
    assert not [w for w in recwarn if "missing from" in str(w.message)]  # no empty boxes
