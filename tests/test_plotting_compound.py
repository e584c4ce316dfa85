"""The H1 figures draw what the core computed: panel by panel, checked against independent formulas.

Formats (svg, pdf) and Chinese rendering are tested once for all figures elsewhere; here one png.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from emergence.compound import Chain, chain, curves
from emergence.evidence import cot_errors
from emergence.i18n.compound import FIGURE
from emergence.plotting import compound as panels
from emergence.plotting import compound_figure, cot_figure, save_figure
from emergence.scaling import ScaleMap

# the catalog's words (they are edited for plain language); the numbers in them are checked here
TITLES = [FIGURE("a", "en"), FIGURE("b", "en", map="linear_log"), FIGURE("c", "en"), FIGURE("d", "en", p1=0.4, p2=0.6),
          FIGURE("e", "en", k=5), FIGURE("f", "en", k=5)]


@pytest.fixture(scope="module")
def blog_curves():
    return curves(chain(0.4, 5), ScaleMap("linear_log"), p_to=0.6)


def line(ax, label):
    return next(item for item in ax.get_lines() if item.get_label() == label)


def test_six_panels_with_their_titles(blog_curves):
    fig = compound_figure(blog_curves)
    assert [ax.get_title() for ax in fig.axes[:6]] == TITLES
    assert fig.get_suptitle() == FIGURE("title", "en")


def test_panel_a_draws_p_to_the_k(blog_curves):
    ax = compound_figure(blog_curves).axes[0]
    p = line(ax, "k = 5").get_xdata()
    for k in (1, 2, 3, 5, 10):
        np.testing.assert_allclose(line(ax, f"k = {k}").get_ydata(), p**k, rtol=1e-12, atol=1e-300)
    marks = [item for item in ax.get_lines() if item.get_linestyle() == "None"]
    assert [(m.get_xdata()[0], m.get_ydata()[0]) for m in marks] == [(0.4, pytest.approx(0.01024)), (0.6, pytest.approx(0.07776))]
    assert [m.get_marker() for m in marks] == ["o", "s"]  # told apart by shape as well as colour


def test_panels_b_and_c_draw_the_scale_map(blog_curves):
    fig = compound_figure(blog_curves)
    n = line(fig.axes[1], "k = 5").get_xdata()
    assert fig.axes[1].get_xscale() == fig.axes[2].get_xscale() == "log"  # a real log axis, ticks as 10M ... 10T
    fig.draw_without_rendering()
    assert {"1B", "100B", "10T"} <= {t.get_text() for t in fig.axes[1].get_xticklabels()}
    p = np.clip(0.4 + 0.2 * np.log10(n / 1e10), 0, 1)  # linear_log with its defaults, written out here
    np.testing.assert_allclose(line(fig.axes[1], "k = 5").get_ydata(), p**5, rtol=1e-9, atol=1e-300)
    logs = line(fig.axes[2], "k = 5").get_ydata()
    drawn = p > 0
    np.testing.assert_allclose(logs[drawn], 5 * np.log10(p[drawn]), rtol=1e-9)
    assert np.all(np.isnan(logs[~drawn]))  # log10 0 is not drawn


def test_panel_d_draws_the_gains_and_k_star(blog_curves):
    fig = compound_figure(blog_curves)
    ax, twin = fig.axes[3], fig.axes[6]
    k = line(ax, "relative gain (log scale)").get_xdata()
    np.testing.assert_allclose(line(ax, "relative gain (log scale)").get_ydata(), 1.5**k - 1, rtol=1e-10)
    np.testing.assert_allclose(line(twin, "absolute gain (probability)").get_ydata(), 0.6**k - 0.4**k, rtol=1e-10)
    assert line(twin, "k* = 1.44 (largest absolute gain)").get_xdata()[0] == pytest.approx(1.4410744811745777, rel=1e-12)
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panel_d_on_a_slide_keeps_its_right_label_clear_of_the_ticks(request, blog_curves, lang, aspect):
    """On a projector slide (as the lesson draws panel d), the twin axis's label stands apart from its
    tick labels: at least 8 px between the widest tick label and the label, none overlapping."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from emergence.plotting._common import finish_slide, slide_figure, style

    if lang == "zh":
        request.getfixturevalue("cjk_font")
    with style(lang, "slide") as used:
        fig, axes = slide_figure(2, aspect=aspect)
        panels.draw_p_curves(axes[0][0], blog_curves, used)
        panels.draw_gains(axes[0][1], blog_curves, used)
        finish_slide(fig)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    twin = fig.axes[-1]
    assert twin.get_ylabel() == FIGURE("abs", used)
    label = twin.yaxis.label.get_window_extent(renderer)
    low, high = sorted(twin.get_ylim())
    ticks = [text.get_window_extent(renderer) for value, text in zip(twin.get_yticks(), twin.get_yticklabels())
             if text.get_text() and low <= value <= high]  # the tick labels drawn
    assert ticks and label.x0 - max(t.x1 for t in ticks) >= 8
    assert label.x1 <= fig.bbox.width  # and on the slide


def test_panel_e_draws_the_scoring_variants(blog_curves):
    ax = compound_figure(blog_curves).axes[4]
    p = line(ax, "exact match (all steps)").get_xdata()
    np.testing.assert_allclose(line(ax, "exact match (all steps)").get_ydata(), p**5, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(line(ax, "fraction of steps right").get_ydata(), p)
    prefix = np.array([sum(x**j for j in range(1, 6)) / 5 for x in p])  # (1/k) sum_j p^j
    np.testing.assert_allclose(line(ax, "prefix credit (until first error)").get_ydata(), prefix, rtol=1e-12, atol=1e-300)
    with np.errstate(divide="ignore"):  # p = 1: log1p(-1)
        np.testing.assert_allclose(line(ax, "pass@5").get_ydata(), -np.expm1(5 * np.log1p(-(p**5))), rtol=1e-12, atol=1e-300)
    assert {"correlated, rho = 0.3", "vote of 5, one wrong answer", "vote of 5, 10 wrong answers"} <= {x.get_label() for x in ax.get_lines()}


def test_panel_f_draws_the_binomial_counts(blog_curves):
    ax = compound_figure(blog_curves).axes[5]
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == pytest.approx([math.comb(5, j) * 0.4**j * 0.6 ** (5 - j) for j in range(6)], rel=1e-12)
    assert ax.patches[-1].get_label() == "all right = exact match"


@pytest.mark.parametrize("name", ["draw_p_curves", "draw_scale_linear", "draw_scale_log", "draw_gains", "draw_variants",
                                  "draw_step_distribution"])
def test_each_panel_draws_alone(blog_curves, name):
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    getattr(panels, name)(ax, blog_curves, "en")
    index = [p.__name__ for p in panels.PANELS].index(name)
    assert ax.get_title() == TITLES[index]
    assert ax.get_lines() or ax.patches


def test_without_p_to_panel_d_shows_decay_with_k():
    c = curves(Chain((0.9, 0.8, 0.7), 3), ScaleMap("schaeffer"))
    assert c.relative_gain is None
    (drawn,) = compound_figure(c).axes[3].get_lines()
    # one step at the shared p that matches 0.9 x 0.8 x 0.7 over three steps: (0.504)^(1/3)
    assert drawn.get_ydata()[0] == pytest.approx(0.504 ** (1 / 3), rel=1e-9)


@pytest.mark.parametrize("task, p_to", [(chain(0.0, 3), 0.5), (chain(0.6, 4), 0.4), (chain(1.0, 2), None)])
def test_zero_falling_or_certain_tasks_draw_without_warnings(task, p_to):
    # p = 0 has nothing positive to put on a log axis, p_to < p gives negative gains: linear axes, no warning
    fig = compound_figure(curves(task, ScaleMap("linear_log"), p_to=p_to))
    assert len(fig.axes) >= 6


def test_many_steps_draw_a_thinned_line():
    c = curves(chain(0.4, 100_000), ScaleMap("linear_log"))
    assert c.count_steps.size <= 1001 and c.count_steps[0] > 0 and c.count_steps[-1] < 100_000  # only where the mass is
    ax = compound_figure(c).axes[5]
    (drawn,) = ax.get_lines()
    j = drawn.get_xdata().astype(int)
    log_pmf = np.array([math.lgamma(100_001) - math.lgamma(x + 1) - math.lgamma(100_001 - x) + x * math.log(0.4)
                        + (100_000 - x) * math.log(0.6) for x in j])
    np.testing.assert_allclose(drawn.get_ydata(), np.exp(log_pmf), rtol=1e-7)


def test_correlated_attempts_draw_fewer_curves():
    c = curves(Chain((0.4,), 5, correlation=0.3, attempts=5), ScaleMap("linear_log"))
    assert c.steps == (1, 5) and c.p_grid.size == 21 and c.sweep.sizes.size == 21
    ax = compound_figure(c).axes[0]
    assert [x.get_label() for x in ax.get_lines()][:2] == ["k = 1", "k = 5"]


def test_png_written_atomically_as_an_ordinary_file(tmp_path, blog_curves):
    path = save_figure(compound_figure(blog_curves), tmp_path / "h1.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["h1.png"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary new file, not a private temp file


def test_chinese_titles(blog_curves, cjk_font):
    fig = compound_figure(blog_curves, lang="zh")
    assert fig.get_suptitle() == FIGURE("title", "zh") and fig.axes[0].get_title() == FIGURE("a", "zh") == "(a) 整体成功率 P = p^k"


def test_chinese_without_a_font_falls_back_to_english(monkeypatch, capsys, blog_curves):
    import emergence.plotting._common as common

    monkeypatch.setattr(common, "find_cjk_font", lambda: None)
    monkeypatch.setattr(common, "_warned", set())
    fig = compound_figure(blog_curves, lang="zh")
    assert fig.get_suptitle() == FIGURE("title", "en") and fig.axes[0].get_title() == TITLES[0]
    assert capsys.readouterr().err.count("fonts-wqy-microhei") == 1  # said once, not once per panel


def test_cot_figure_draws_the_table():
    fig = cot_figure(cot_errors())
    (ax,) = fig.axes
    names = {round(y): label.get_text() for y, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    bars = sorted(ax.patches, key=lambda bar: bar.get_y())
    drawn = {names[round(fixed.get_y() + fixed.get_height())]: (errors.get_width(), fixed.get_width())
             for fixed, errors in zip(bars[0::2], bars[1::2])}
    assert drawn == {"semantic understanding": (20, 6), "one step missing": (18, 12),
                     "other (hallucination,\nrepetition, symbol mapping)": (7, 4)}
    assert any("12/18 fixed (67%)" in t.get_text() for t in ax.texts)
    assert "one-step-missing" in fig.get_suptitle()


def test_user_text_is_drawn_literally():
    from emergence.plotting._common import literal

    assert literal("cost $5 and $x^2$") == r"cost \$5 and \$x^2\$"
