"""The H3 figures: what each panel draws (titles, the core's numbers on the lines, the marks), panels alone, literal text."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from emergence.plotting import composition_figure, dimensions_figure, figure_bytes, observers_figure, quanta_figure
from emergence.plotting import threshold as panels
from emergence.scaling import ScaleMap
from emergence.thresholds import composition, dimensions, observers, quanta


@pytest.fixture(scope="module")
def results():
    rng = np.random.default_rng(0)
    return {
        "dimensions": dimensions.curves(rng=rng),
        "observers": observers.curves(ScaleMap("logistic_log"), runs=8, rng=rng),
        "quanta": quanta.curves(quanta.Quanta(), rng=rng),
        "composition": composition.curves(),
    }


FIGURES = {"dimensions": dimensions_figure, "observers": observers_figure, "quanta": quanta_figure, "composition": composition_figure}


def lines_with(ax, xdata, ydata) -> list:
    """The lines of ``ax`` that draw exactly these points."""
    x, y = np.asarray(xdata, dtype=float), np.asarray(ydata, dtype=float)
    return [line for line in ax.get_lines() if len(line.get_ydata()) == len(y)
            and np.allclose(line.get_xdata(), x, rtol=1e-12) and np.allclose(line.get_ydata(), y, rtol=1e-12)]


def shown(text) -> str:
    """What matplotlib draws for a Text: mathtext is parsed, an escaped dollar is a dollar."""
    string, is_math = text._preprocess_math(text.get_text())
    assert not is_math, text.get_text()
    return string


def one_axes() -> tuple[Figure, object]:
    fig = Figure()
    return fig, fig.subplots()


@pytest.mark.parametrize("kind", list(FIGURES))
def test_each_figure_renders_to_png(results, kind):
    data = figure_bytes(FIGURES[kind](results[kind]), "png")
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_dimensions_figure_content(results):
    r = results["dimensions"]
    fig = dimensions_figure(r)
    ax_a, ax_b, ax_c, ax_d = fig.axes
    assert [ax.get_title() for ax in fig.axes] == ["(a) Relative error R(d) = ζ(s, d+1)/ζ(s), s = 2",
                                                   "(b) What an observer reports: a staircase",
                                                   "(c) Projectile fits: RMSE against coefficients",
                                                   "(d) Projectile y = 10t − 4.9t² and fits with d coefficients"]
    assert ax_a.get_xscale() == "log" and ax_a.get_yscale() == "log"
    assert lines_with(ax_a, r.smooth_dims, r.smooth_error) and lines_with(ax_a, r.dims[1:], r.error[1:])
    marks = {(float(line.get_xdata()[0]), float(line.get_ydata()[0])): line.get_marker() for line in ax_a.get_lines()
             if len(line.get_xdata()) == 1 and line.get_linestyle() == "None"}
    assert [d for d, _ in sorted(marks)] == [3.0, 4.0, 6.0]
    assert len(set(marks.values())) == 3  # each capability its own marker, not only its own colour
    assert [tau for _, tau in sorted(marks)] == pytest.approx([0.172544, 0.134548, 0.0933443], rel=1e-5)  # R(3), R(4), R(6)
    assert [t.get_text() for t in ax_a.get_legend().get_texts()][3:] == ["shape: d = 3, τ = 0.173", "position: d = 4, τ = 0.135",
                                                                        "trajectory: d = 6, τ = 0.0933"]
    assert lines_with(ax_b, r.dims, r.count / 3) and lines_with(ax_b, r.smooth_dims, 1 - r.smooth_error)
    assert [t.get_text() for t in ax_b.texts] == ["shape", "position", "trajectory"]
    assert ax_c.get_yscale() == "log" and len(lines_with(ax_c, r.projectile.dims, r.projectile.rmse[1])) == 1
    assert len(lines_with(ax_d, r.projectile.fine_t, r.projectile.fits[2])) == 1
    assert len(lines_with(ax_d, r.projectile.t, r.projectile.data[1])) == 1


def test_observers_figure_content(results):
    r = results["observers"]
    ax_a, ax_b, ax_c, ax_d = observers_figure(r).axes
    assert ax_a.get_xscale() == "log" and ax_c.get_yscale() == "log"
    assert lines_with(ax_a, r.sizes, r.quality) and all(lines_with(ax_a, r.sizes, step) for step in r.steps)
    assert lines_with(ax_b, r.sizes, r.recognised)
    assert [t.get_text() for t in ax_b.texts] == ["10 % of raters", "50 % of raters", "90 % of raters"]
    assert lines_with(ax_c, r.tau_grid, r.tau_grid_sizes)
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in ax_c.get_lines()[1:]] == [(p.threshold, p.at) for p in r.points]
    assert lines_with(ax_d, r.sizes, r.runs.mean(axis=0)) and ax_d.get_title() == "(d) 8 seed runs: each jumps, the mean is smooth"


def test_observers_figure_without_runs_has_three_panels():
    r = observers.curves(ScaleMap("linear_log"))
    assert len(observers_figure(r).axes) == 3


def test_quanta_figure_content(results):
    r = results["quanta"]
    ax_a, ax_b, ax_c = quanta_figure(r).axes
    assert ax_a.get_xscale() == "log" and ax_a.get_yscale() == "log"
    assert lines_with(ax_a, r.sizes, r.excess)  # L - a, formed in the core
    assert lines_with(ax_a, r.sizes, r.excess_approx)
    assert all(lines_with(ax_b, r.sizes, row) for row in r.quantum_loss) and lines_with(ax_b, r.sizes, r.loss)
    assert [t.get_text() for t in ax_b.get_legend().get_texts()][:5] == [f"quantum k = {k}" for k in (1, 10, 100, 1000, 10000)]
    assert lines_with(ax_c, r.sizes, r.monogenic_loss) and lines_with(ax_c, r.sizes, r.polygenic_loss)
    assert ax_a.get_title() == "(a) Mean loss: a power law (fitted exponent 0.400)"


def test_composition_figure_content(results):
    r = results["composition"]
    fig = composition_figure(r)
    ax_a, ax_b = fig.axes
    assert fig.get_suptitle().startswith("A toy model in the spirit of Okawa et al.")
    assert ax_a.get_yscale() == "linear" and ax_b.get_yscale() == "log"
    assert all(lines_with(ax_a, r.steps, row) for row in r.success)
    assert all(lines_with(ax_b, r.steps[1:], row[1:]) for row in r.success)
    assert [t.get_text() for t in ax_a.get_legend().get_texts()][:5] == [f"n = {n}" for n in range(1, 6)]
    dots = [(line.get_xdata()[0], line.get_ydata()[0]) for line in ax_a.get_lines() if line.get_marker() == "o"]
    assert dots == [(row[1].at, reached[1]) for row, reached in zip(r.points, r.point_success)]  # t* for P* = 0.8


@pytest.mark.parametrize(("draw", "kind", "part"), [
    (panels.draw_error, "dimensions", None), (panels.draw_staircase, "dimensions", None),
    (panels.draw_rmse, "dimensions", "projectile"), (panels.draw_fits, "dimensions", "projectile"),
    (panels.draw_observer_steps, "observers", None), (panels.draw_raters, "observers", None),
    (panels.draw_emergence_points, "observers", None), (panels.draw_seed_runs, "observers", None),
    (panels.draw_quanta_loss, "quanta", None), (panels.draw_quantum_steps, "quanta", None),
    (panels.draw_quanta_samples, "quanta", None), (panels.draw_success, "composition", None),
    (panels.draw_log_success, "composition", None),
])
def test_every_panel_can_be_drawn_alone(results, draw, kind, part):
    data = results[kind] if part is None else getattr(results[kind], part)
    fig, ax = one_axes()
    draw(ax, data, "en")
    assert ax.get_title() and ax.get_lines()
    whole = FIGURES[kind](results[kind])
    assert ax.get_title() in [a.get_title() for a in whole.axes]  # the same panel as in the composed figure


def autoscale(fig: Figure) -> None:
    """Let every axis settle its limits (a log axis with nothing positive on it warns here; pytest makes that an error)."""
    for ax in fig.axes:
        ax.get_xlim(), ax.get_ylim()


def test_user_text_is_drawn_literally_and_degenerate_curves_draw_without_warnings():
    # a mathtext dollar and rich markup in capability names, s = 1e20 (R(d) underflows to 0 for d >= 1)
    r = dimensions.curves(dimensions.ladder({"$x^$": 5, "[/]": 7, "_hidden": 8}), s=1e20, noise=0.0)
    fig = dimensions_figure(r)
    autoscale(fig)
    ax_a, ax_b = fig.axes[:2]
    legend = [shown(t) for t in ax_a.get_legend().get_texts()]
    assert any(text.startswith("large-d form") for text in legend)  # the only positive curve left
    assert [shown(t) for t in ax_b.texts] == ["$x^$", "[/]", "\u200b_hidden"]
    autoscale(composition_figure(composition.curves(1e-9, 10, 60)))  # P underflows: left off the log axis
    autoscale(observers_figure(observers.curves(ScaleMap("linear_log", {"s": 1e-4}), taus=(0.4, 0.9))))


@pytest.mark.cjk
def test_a_chinese_name_in_an_english_figure_has_its_glyphs(cjk_font, capsys):
    r = dimensions.curves(dimensions.ladder({"形状": 3, "位置": 4}), noise=0.0)
    fig, ax = one_axes()
    panels.draw_staircase(ax, r, "en")
    figure_bytes(fig, "png")
    assert "glyph" not in capsys.readouterr().err


@pytest.mark.cjk
def test_chinese_figures(results, cjk_font, capsys):
    for kind, build in FIGURES.items():
        fig = build(results[kind], "zh")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in fig.get_suptitle()), kind
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title()) for ax in fig.axes), kind
    figure_bytes(composition_figure(results["composition"], "zh"), "png")
    assert "glyph" not in capsys.readouterr().err


def test_figures_only_read_their_results(results):
    r = results["dimensions"]
    before = r.error.copy()
    dimensions_figure(r)
    assert np.array_equal(r.error, before)
