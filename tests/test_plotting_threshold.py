"""The H3 figures: what each panel draws, saving in three formats, Chinese labels."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from emergence import composition, dimensions, quanta, thresholds
from emergence.plotting import composition_figure, dimensions_figure, observers_figure, quanta_figure, save_figure
from emergence.scaling import ScaleMap


@pytest.fixture(scope="module")
def results():
    rng = np.random.default_rng(0)
    return {
        "dimensions": (dimensions_figure, dimensions.curves(rng=rng)),
        "observers": (observers_figure, thresholds.curves(ScaleMap("logistic_log"), runs=8, rng=rng)),
        "quanta": (quanta_figure, quanta.curves(quanta.Quanta(), rng=rng)),
        "composition": (composition_figure, composition.curves()),
    }


def lines_with(ax, ydata) -> list:
    return [line for line in ax.get_lines() if len(line.get_ydata()) == len(ydata) and np.allclose(line.get_ydata(), ydata)]


@pytest.mark.parametrize("model", ["dimensions", "observers", "quanta", "composition"])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_figures_save_in_every_format(results, model, suffix, tmp_path):
    build, result = results[model]
    path = save_figure(build(result), tmp_path / f"{model}{suffix}")
    assert path.stat().st_size > 5_000


def test_dimensions_figure_content(results):
    _, r = results["dimensions"]
    ax_a, ax_b, ax_c, ax_d = dimensions_figure(r).axes
    assert ax_a.get_xscale() == "log" and ax_a.get_yscale() == "log"
    assert lines_with(ax_a, r.smooth_error)
    marks = {(float(line.get_xdata()[0]), float(line.get_ydata()[0])) for line in ax_a.get_lines() if line.get_marker() == "s"}
    assert {d for d, _ in marks} == {3.0, 4.0, 6.0}  # each rung marked at its d_j and tolerance R(d_j)
    assert sorted(t for _, t in marks) == pytest.approx(sorted(low for low, _ in r.rung_windows))
    assert "shape: d = 3" in " ".join(t.get_text() for t in ax_a.get_legend().get_texts())
    assert lines_with(ax_b, r.count / 3)
    assert ax_c.get_yscale() == "log" and len(lines_with(ax_c, r.projectile.rmse[1])) == 1
    assert len(lines_with(ax_d, r.projectile.fits[2])) == 1


def test_observers_figure_content(results):
    _, r = results["observers"]
    axes = observers_figure(r).axes
    assert len(axes) == 4
    ax_a, ax_b, ax_c, ax_d = axes
    assert ax_a.get_xscale() == "log"
    assert lines_with(ax_a, r.quality) and all(lines_with(ax_a, step) for step in r.steps)
    assert lines_with(ax_b, r.recognised)
    assert ax_c.get_yscale() == "log" and lines_with(ax_c, r.tau_grid_sizes)
    assert lines_with(ax_d, r.runs.mean(axis=0))


def test_observers_figure_without_runs_has_three_panels():
    r = thresholds.curves(ScaleMap("linear_log"))
    assert len(observers_figure(r).axes) == 3


def test_quanta_figure_content(results):
    _, r = results["quanta"]
    ax_a, ax_b, ax_c = quanta_figure(r).axes
    assert ax_a.get_xscale() == "log" and ax_a.get_yscale() == "log"
    assert lines_with(ax_a, r.loss)  # a == 0: L - a is the loss
    assert all(lines_with(ax_b, row) for row in r.quantum_loss) and lines_with(ax_b, r.loss)
    assert lines_with(ax_c, r.monogenic_loss) and lines_with(ax_c, r.polygenic_loss)


def test_composition_figure_content(results):
    _, r = results["composition"]
    ax_a, ax_b = composition_figure(r).axes
    assert ax_a.get_yscale() == "linear" and ax_b.get_yscale() == "log"
    assert all(lines_with(ax_a, row) for row in r.success)
    assert all(lines_with(ax_b, row[1:]) for row in r.success)
    assert [t.get_text() for t in ax_a.get_legend().get_texts()][:5] == [f"n = {n}" for n in range(1, 6)]


def test_figures_only_read_their_results(results):
    _, r = results["dimensions"]
    before = r.error.copy()
    dimensions_figure(r)
    assert np.array_equal(r.error, before)


@pytest.mark.parametrize("model", ["dimensions", "observers", "quanta", "composition"])
def test_chinese_figures(results, model, cjk_font, tmp_path):
    build, result = results[model]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn
        fig = build(result, "zh")
        save_figure(fig, tmp_path / f"{model}.png")
        save_figure(fig, tmp_path / f"{model}.pdf")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in fig.get_suptitle())
    assert (tmp_path / f"{model}.pdf").stat().st_size > 5_000
