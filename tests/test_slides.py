"""Projector slides (``style="slide"``) and the colours of every figure.

Each builder's slide is drawn once per aspect and language through a spy on the Agg renderer, so
the checks see exactly the texts that reach the pixels: their size (at least 18 px, that is 13 pt
at 100 dpi), that each lies inside the canvas and that none overlaps another. The lines are thick,
model sizes go on real log axes, reference levels are drawn, and the curves carry values computed
here from closed forms and exact fractions, not read back from the code that drew them.

Colours: every line and patch takes its colour from the Okabe-Ito palette (or the neutral greys),
and two labelled lines in one panel always differ by something other than colour. The palette is
checked under a simulated deuteranopia (Machado, Oliveira & Fernandes 2009).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import struct
from fractions import Fraction

import numpy as np
import pytest

from emergence import metrics as m
from emergence.compound import chain, curves
from emergence.evidence import cot_errors
from emergence.plotting import _common as common
from emergence.plotting import (
    analyze_figure,
    composition_figure,
    compound_figure,
    cot_figure,
    dimensions_figure,
    figure_bytes,
    metric_figure,
    observers_figure,
    quanta_figure,
    resolution_figure,
    schaeffer_figure,
)
from emergence.scaling import ScaleMap
from emergence.thresholds import composition, dimensions, observers, quanta

BUILDERS = {"compound": compound_figure, "cot": cot_figure, "metric": metric_figure, "schaeffer": schaeffer_figure,
            "resolution": resolution_figure, "dimensions": dimensions_figure, "observers": observers_figure,
            "quanta": quanta_figure, "composition": composition_figure, "analyze": analyze_figure}
PIXELS = {"16:9": (1280, 720), "4:3": (1024, 768)}
# the slides whose x axis is model size: a log axis on every panel that has data
SIZE_AXIS = {"compound": [1], "metric": [0, 1], "schaeffer": [0, 1], "resolution": [0, 1], "observers": [0], "quanta": [0],
             "analyze": [0, 1]}
EXAMPLE = "examples/synthetic_results.csv"


@functools.cache
def inputs() -> dict[str, tuple]:
    """The result each builder draws (built once for the module), and extra keyword arguments."""
    from pathlib import Path

    from emergence import data, verdict

    rng = np.random.default_rng(0)
    report = m.analyse(m.latent_model(), m.Task(tokens=5), m.GPT3_SIZES, 100, 1)
    root = Path(__file__).resolve().parents[1]
    table = data.load([str(root / EXAMPLE)])
    analyses = verdict.analyse_all(table.curves[:2], verdict.Settings(bootstrap=50), np.random.default_rng(0).spawn(2))
    figure_data = m.figure_data(report, 2)
    return {
        "compound": (curves(chain(0.4, 5), ScaleMap("linear_log"), p_to=0.6), {}),
        "cot": (cot_errors(), {}),
        "metric": (figure_data, {}),
        "schaeffer": (figure_data, {}),
        "resolution": (figure_data, {}),
        "dimensions": (dimensions.curves(rng=rng), {}),
        "observers": (observers.curves(ScaleMap("logistic_log"), runs=8, rng=rng), {}),
        "quanta": (quanta.curves(quanta.Quanta(), rng=rng), {}),
        "composition": (composition.curves(), {}),
        "analyze": (analyses, {"chance": 0.1}),
    }


def build(name: str, style: str = "slide", aspect: str = "16:9", lang: str = "en"):
    data, extra = inputs()[name]
    if style == "paper":
        return BUILDERS[name](data, lang, **extra)
    return BUILDERS[name](data, lang, style=style, aspect=aspect, **extra)


@functools.cache
def drawn(name: str, aspect: str, lang: str):
    """The slide, drawn by Agg with a spy on ``Text.draw``: (figure, renderer, [every Text drawn])."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    fig = build(name, "slide", aspect, lang)
    canvas = FigureCanvasAgg(fig)
    seen = []
    original = Text.draw

    def spy(self, renderer):
        if self.get_visible() and self.get_text().strip():
            seen.append(self)
        return original(self, renderer)

    Text.draw = spy
    try:
        canvas.draw()
    finally:
        Text.draw = original
    return fig, canvas.get_renderer(), seen


def data_axes(fig) -> list:
    return [ax for ax in fig.axes if ax.get_visible() and (ax.get_lines() or ax.patches or ax.collections)]


def language(request, lang: str) -> None:
    if lang == "zh":
        request.getfixturevalue("cjk_font")


# --------------------------------------------------------------------------------------------
# the slide: size, panels, text


@pytest.mark.parametrize("aspect", sorted(PIXELS))
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_one_slide_at_projector_size(name, aspect):
    fig = build(name, aspect=aspect)
    assert tuple(round(v) for v in fig.get_size_inches() * fig.dpi) == PIXELS[aspect]
    png = figure_bytes(fig, "png")
    assert struct.unpack(">II", png[16:24]) == PIXELS[aspect]  # the PNG's IHDR: width, height
    assert 1 <= len(data_axes(fig)) <= 2  # one message: one or two panels


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("aspect", sorted(PIXELS))
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_text_drawn_is_large_inside_and_apart(request, name, aspect, lang):
    language(request, lang)
    fig, renderer, seen = drawn(name, aspect, lang)
    width, height = PIXELS[aspect]
    texts = {id(t): t for t in seen}
    assert texts, "nothing was written on the slide"
    for text in texts.values():
        px = text.get_fontsize() * fig.dpi / 72
        assert px >= 18, f"{text.get_text()!r}: {text.get_fontsize()} pt is {px:.1f} px"
    boxes = {key: t.get_window_extent(renderer) for key, t in texts.items()}
    for key, box in boxes.items():
        text = texts[key].get_text()
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, f"{text!r} leaves the slide: {box}"
    for (ka, a), (kb, b) in itertools.combinations(boxes.items(), 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_x <= 2 or overlap_y <= 2, f"{texts[ka].get_text()!r} overlaps {texts[kb].get_text()!r}"
    if lang == "zh":
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t.get_text()) for t in seen)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_thick_lines_and_no_legend_thumbnails(name):
    fig = build(name)
    for ax in data_axes(fig):
        for line in ax.get_lines():
            if line.get_visible() and line.get_linestyle() != "None" and len(line.get_xdata()):
                assert line.get_linewidth() >= common.SLIDE_MIN_LW, (name, line.get_label(), line.get_linewidth())
        for text in ax.texts:
            assert text.get_fontsize() >= common.SLIDE_MIN_PT
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    assert len(legends) <= 1  # labels sit on the curves; one legend at most, where that reads better


@pytest.mark.parametrize("name", sorted(SIZE_AXIS))
def test_model_size_on_a_real_log_axis_written_like_the_blog(name):
    fig, _, _ = drawn(name, "16:9", "en")
    axes = data_axes(fig)
    for i in SIZE_AXIS[name]:
        if i < len(axes):
            ax = axes[i]
            assert ax.get_xscale() == "log"
            labels = {t.get_text() for t in ax.get_xticklabels() if t.get_text()}
            assert labels & {"1M", "10M", "100M", "1B", "10B", "100B", "1T", "10T", "100T", "1K", "10K", "100K"}, labels


def _level(ax, y: float) -> bool:
    """A horizontal line at height y across the panel, in the neutral grey of reference levels."""
    from matplotlib.colors import to_hex

    return any(len(set(np.asarray(line.get_ydata(), dtype=float).round(12))) == 1 and float(line.get_ydata()[0]) == pytest.approx(y)
               and to_hex(line.get_color()).upper() == common.NEUTRAL.upper() for line in ax.get_lines())


def test_reference_levels_are_drawn():
    data = inputs()
    fig = build("metric")
    assert _level(data_axes(fig)[0], data["metric"][0].report.task.chance)  # chance 1/K under the grade
    for ax, n in zip(data_axes(build("resolution")), (10, 10000)):
        assert _level(ax, 1 / n)  # the 1/n floor of each test set
    for ax in data_axes(build("analyze")):
        assert _level(ax, 0.1)  # --chance
    assert _level(data_axes(build("composition"))[0], 0.8)  # the target P*


# --------------------------------------------------------------------------------------------
# what the curves show, against independent values


def labelled(ax, label: str):
    (line,) = [line for line in ax.get_lines() if line.get_label() == label]
    return line


def test_compound_slide_is_p_to_the_k_against_p_and_against_size():
    left, right = data_axes(build("compound"))
    for k in (1, 5):
        p = labelled(left, f"k = {k}").get_xdata()
        exact = [float(Fraction(x) ** k) for x in p]
        np.testing.assert_allclose(labelled(left, f"k = {k}").get_ydata(), exact, rtol=1e-12, atol=1e-300)
        n = labelled(right, f"k = {k}").get_xdata()
        per_step = np.clip(0.4 + 0.2 * np.log10(n / 1e10), 0, 1)  # linear_log with its defaults, written out
        np.testing.assert_allclose(labelled(right, f"k = {k}").get_ydata(), per_step**k, rtol=1e-9, atol=1e-300)
    assert {line.get_label() for line in left.get_lines() if not line.get_label().startswith("_")} >= {"k = 1", "k = 5"}
    marks = [(line.get_xdata()[0], line.get_ydata()[0]) for line in left.get_lines() if line.get_linestyle() == "None"]
    assert marks == [(0.4, pytest.approx(float(Fraction(2, 5) ** 5))), (0.6, pytest.approx(float(Fraction(3, 5) ** 5)))]
    assert float(Fraction(2, 5) ** 5) == 0.01024 and float(Fraction(3, 5) ** 5) == 0.07776  # the blog's 1.024 % and 7.776 %


def test_cot_slide_draws_the_table_of_wei_et_al():
    (ax,) = data_axes(build("cot"))
    assert sorted(bar.get_width() for bar in ax.patches) == [4, 6, 7, 12, 18, 20]


def _p(n: np.ndarray) -> np.ndarray:
    """Per-token probability of the illustrative model: exp(-(N / 1e9) ** -0.5)."""
    return np.exp(-((n / 1e9) ** -0.5))


def test_metric_slide_is_exact_match_against_partial_credit_on_the_same_outputs():
    from emergence.i18n.metric import T

    left, right = data_axes(build("metric"))
    exact, token = labelled(left, T("exact_match", "en")), labelled(right, T("token_accuracy", "en"))
    np.testing.assert_array_equal(exact.get_xdata(), token.get_xdata())  # the same sizes
    n = exact.get_xdata()
    np.testing.assert_allclose(token.get_ydata(), _p(n), rtol=1e-12)
    np.testing.assert_allclose(exact.get_ydata(), _p(n) ** 5, rtol=1e-9, atol=1e-300)
    assert left.get_ylim() == right.get_ylim()  # one scale: the two scores compare at a glance


def test_schaeffer_slide_is_nonlinear_against_linear_in_p():
    left, right = data_axes(build("schaeffer"))
    for L in range(1, 6):
        n = labelled(left, f"L = {L}").get_xdata()
        np.testing.assert_allclose(labelled(left, f"L = {L}").get_ydata(), _p(n) ** L, rtol=1e-9, atol=1e-300)
        np.testing.assert_allclose(labelled(right, f"L = {L}").get_ydata(), L * (1 - _p(n)), rtol=1e-9, atol=1e-12)


def test_resolution_slide_reads_the_same_curve_with_the_smallest_and_largest_test_set():
    from emergence.i18n.metric import FIGURE

    data = inputs()["resolution"][0]
    for ax, obs in zip(data_axes(build("resolution")), (data.resolution[0], data.resolution[-1])):
        true = labelled(ax, FIGURE("true", "en"))
        positive = true.get_ydata() > 0
        np.testing.assert_allclose(true.get_ydata()[positive], _p(true.get_xdata()[positive]) ** 5, rtol=1e-9)
        read = labelled(ax, FIGURE("read_only", "en"))
        seen = obs.successes[m.table_rows(obs.successes.size)] > 0
        np.testing.assert_allclose(read.get_ydata(), obs.successes[m.table_rows(obs.successes.size)][seen] / obs.items)


def test_dimensions_slide_is_the_zeta_error_and_its_staircase():
    left, right = data_axes(build("dimensions"))
    r = inputs()["dimensions"][0]
    dots = next(line for line in left.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) > 3)
    d = dots.get_xdata().astype(int)
    # R(d) = zeta(2, d+1) / zeta(2) = 1 - (6 / pi^2) sum_{j <= d} 1/j^2
    expected = [1 - 6 / math.pi**2 * float(sum(Fraction(1, j * j) for j in range(1, k + 1))) for k in d]
    np.testing.assert_allclose(dots.get_ydata(), expected, rtol=1e-12)
    stairs = right.get_lines()[0]
    capabilities = [3, 4, 6]  # shape, position, trajectory
    np.testing.assert_array_equal(stairs.get_ydata(), [sum(k <= x for k in capabilities) / 3 for x in stairs.get_xdata()])
    assert [float(line.get_ydata()[0]) for line in left.get_lines() if len(line.get_ydata()) == 1] == pytest.approx(
        [expected[k - 1] for k in capabilities], rel=1e-12)
    assert r.dims[-1] == d[-1]


FORMULA = re.compile(r"[ζτ^]|R\(d\)|×10|10\^|\$")  # what a slide in plain words does not show


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("aspect", sorted(PIXELS))
def test_dimensions_slide_says_one_thing_in_plain_words(request, aspect, lang):
    from emergence.i18n.threshold import FIG

    language(request, lang)
    fig, _, seen = drawn("dimensions", aspect, lang)
    texts = [t.get_text() for t in seen]
    assert fig.get_suptitle().replace("\n", " " if lang == "en" else "") == FIG("dim_slide_title", lang)  # wrapped to the slide
    assert not [t for t in texts if FORMULA.search(t)], texts  # no ζ(s, d+1)/ζ(s), no 6×10⁻¹, no τ = 0.173
    legend_texts = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
    legend_texts += [t.get_text() for ax in fig.axes if (leg := ax.get_legend()) for t in leg.get_texts()]
    assert 0 < len(legend_texts) <= 3
    left = data_axes(fig)[0]
    # the error as percentages on a log axis, ticks spread over the curve: R(2) = 24.0 %, R(6) = 9.3 %
    ticks = [(tick, label.get_text()) for tick, label in zip(left.get_yticks(), left.get_yticklabels())
             if left.get_ylim()[0] <= tick <= left.get_ylim()[1]]
    assert left.get_yscale() == "log" and len(ticks) >= 3
    assert all(label == f"{100 * tick:.0f}%" for tick, label in ticks), ticks
    def error(d: int) -> float:
        return 1 - 6 / math.pi**2 * float(sum(Fraction(1, j * j) for j in range(1, d + 1)))

    assert min(t for t, _ in ticks) <= error(6) and max(t for t, _ in ticks) >= error(2)
    # each capability named on its mark with the parameters it needs (3, 4, 6)
    names = {"en": ("shape: 3 parameters", "position: 4 parameters", "trajectory: 6 parameters"),
             "zh": ("形状：3 个参数", "位置：4 个参数", "轨迹：6 个参数")}[lang]
    assert set(names) <= set(texts)


def test_observers_slide_steps_where_the_quality_crosses_each_threshold():
    (ax,) = data_axes(build("observers"))
    r = inputs()["observers"][0]
    q = ax.get_lines()[0]
    n = q.get_xdata()
    b = 2 * math.log(1.5)  # logistic_log: odds 2/3 at 1e10, times 9/4 per decade
    a = math.log(2 / 3) - 10 * b
    np.testing.assert_allclose(q.get_ydata(), 1 / (1 + np.exp(-(a + b * np.log10(n)))), rtol=1e-12)
    from emergence.i18n.threshold import FIG

    for tau, point in zip(r.taus, r.points):
        step = labelled(ax, FIG("step", "en", tau=tau, n=common.size_value(point.at)))
        np.testing.assert_array_equal(step.get_ydata(), (q.get_ydata() >= tau).astype(float))
        crossing = 10 ** ((math.log(tau / (1 - tau)) - a) / b)  # q(N*) = tau, solved by hand
        dot = next(line for line in ax.get_lines() if len(line.get_xdata()) == 1 and line.get_ydata()[0] == tau)
        assert dot.get_xdata()[0] == pytest.approx(crossing, rel=1e-9)


def test_quanta_slide_steps_and_their_smooth_mean():
    from scipy.special import zeta

    (ax,) = data_axes(build("quanta"))
    model = quanta.Quanta()
    lines = ax.get_lines()
    n = lines[0].get_xdata()
    learned = np.floor(n / model.capacity)
    for k, line in zip((1, 10, 100, 1000, 10000), lines):
        np.testing.assert_array_equal(line.get_ydata(), np.where(learned >= k, model.loss_after, model.loss_before))
    mean = lines[5]
    oracle = model.loss_after + (model.loss_before - model.loss_after) * zeta(model.alpha + 1, learned + 1) / zeta(model.alpha + 1)
    np.testing.assert_allclose(mean.get_ydata(), oracle, rtol=1e-10)


def test_composition_slide_in_exact_fractions():
    left, right = data_axes(build("composition"))
    for n in range(1, 6):
        line = labelled(left, f"n = {n}")
        exact = [float((1 - (1 - Fraction(1, 10)) ** int(t)) ** n) for t in line.get_xdata()]
        np.testing.assert_allclose(line.get_ydata(), exact, rtol=1e-12)
        assert right.get_yscale() == "log"


def test_analyze_slide_draws_the_first_two_curves():
    analyses = inputs()["analyze"][0]
    fig = build("analyze")
    for ax, a in zip(data_axes(fig), analyses):
        task, metric, family = a.curve.label.split(" / ")  # e.g. "chain_4 / exact_match / alpha"
        assert (metric, ax.get_title()) == ("exact_match", f"{task.replace('_', ' ')} · exact match · {family}")
        assert ax.get_ylabel() == "exact match"
        ticks = [t.get_text() for t in ax.get_yticklabels()]  # scores on 0-1 read as whole percentages
        assert ticks and all(re.fullmatch(r"−?\d+%", t) for t in ticks if t), ticks
        points = [line for line in ax.get_lines() if line.get_marker() in ("o", "s")]
        xs = np.concatenate([line.get_xdata() for line in points])
        ys = np.concatenate([line.get_ydata() for line in points])
        assert sorted(zip(xs, ys)) == sorted(zip(a.curve.sizes, a.curve.scores))
    assert len(data_axes(build("analyze", aspect="4:3"))) == 2
    one = analyze_figure(analyses[:1], "en", chance=0.1, style="slide")
    assert len(data_axes(one)) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_analyze_figure_speaks_plain_words(request, lang):
    """The paper figure: readable titles and metric names, percentages for 0-1 scores, and a legend
    whose held-out point and prediction are two entries with their own markers."""
    from emergence.i18n.analyze import T

    language(request, lang)
    analyses = inputs()["analyze"][0]
    fig = build("analyze", "paper", lang=lang)
    said = {"en": "exact match", "zh": "完全匹配"}[lang]
    for ax, a in zip(data_axes(fig), analyses):
        task, family = a.curve.task, a.curve.family
        assert ax.get_title() == f"{task.replace('_', ' ')} · {said} · {family}" and "_" not in ax.get_title()
        assert ax.get_ylabel() == said
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels and all(re.fullmatch(r"−?\d+%", t) for t in labels), labels
    (legend,) = fig.legends
    entries = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles))
    held, predicted = T("fig_heldout", lang), T("fig_predicted", lang)
    assert held in entries and predicted in entries
    assert {"en": ("largest model, held out", "prediction from the smaller models (95 % interval)"),
            "zh": ("最大的模型（留出，不参与拟合）", "由较小模型得出的预测（95% 区间）")}[lang] == (held, predicted)
    assert entries[held].get_marker() == "s"  # an open square for the held-out score...
    for ax in data_axes(fig):  # ...and an x with its interval for the prediction, labelled once
        (bars,) = [c for c in ax.containers if c.get_label() == predicted]
        assert bars.lines[0].get_marker() == "x" and bars.has_yerr


def test_metric_names_read_as_words():
    from emergence.plotting.analyze import metric_name

    assert [metric_name(m) for m in ("exact_match", "acc", "acc_norm", "token_accuracy", "steps_right", "bleu", "ppl")] == [
        "exact match", "accuracy", "accuracy (length-normalised)", "token accuracy", "steps right", "BLEU", "perplexity"]
    assert metric_name("ln ppl") == "log perplexity" and metric_name("ln ppl", "zh") == "对数困惑度"
    assert metric_name("acc (none)") == "accuracy (none)"  # a qualifier kept as written
    assert metric_name("my_own_score") == "my own score"  # an unknown name: underscores as spaces
    assert metric_name("exact_match", "zh") == "完全匹配"


def test_a_style_or_aspect_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="style"):
        build("composition", style="poster")
    with pytest.raises(ValueError, match="aspect"):
        build("composition", aspect="21:9")


def test_slides_leave_no_style_behind():
    import matplotlib

    before = dict(matplotlib.rcParams)
    build("quanta")
    assert dict(matplotlib.rcParams) == before
    assert common.current_kind() == "paper"


# --------------------------------------------------------------------------------------------
# colours: the palette, and a second cue wherever two curves are told apart


def palette() -> set[str]:
    return {c.upper() for c in common.OKABE_ITO.values()} | {common.NEUTRAL.upper(), common.LIGHT.upper()}


def cue_of(line) -> tuple:
    """What tells a line apart without colour: its dash pattern and its marker."""
    dashes = None if line.get_linestyle() in ("None", "", " ") else line._unscaled_dash_pattern
    marker = None if line.get_marker() in ("None", "", " ", None) else line.get_marker()
    return (repr(dashes), marker)


FIGURES = [(name, style) for name in sorted(BUILDERS) for style in ("paper", "slide")]


@pytest.mark.parametrize(("name", "style"), FIGURES)
def test_colours_from_the_palette_and_a_second_cue(name, style):
    from matplotlib.colors import to_hex

    fig = build(name, style)
    fig.draw_without_rendering()
    for ax in fig.axes:
        lines = [line for line in ax.get_lines() if line.get_visible()]
        for line in lines:
            assert to_hex(line.get_color()).upper() in palette(), (name, line.get_label(), line.get_color())
        for patch in ax.patches:
            assert to_hex(patch.get_facecolor(), keep_alpha=False).upper() in palette(), (name, patch)
        for collection in ax.collections:
            for colour in collection.get_facecolor():
                assert to_hex(colour, keep_alpha=False).upper() in palette(), (name, collection)
        named = [line for line in lines if not line.get_label().startswith("_")]
        for a, b in itertools.combinations(named, 2):
            assert cue_of(a) != cue_of(b), f"{name}/{style}: {a.get_label()!r} and {b.get_label()!r} differ only by colour"


# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", IEEE TVCG 15(6), Table 1: deuteranomaly at severity 1.0 (deuteranopia),
# applied to linear RGB.
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
# sRGB (IEC 61966-2-1) primaries to CIE XYZ, D65 white
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear-RGB colour."""
    t = (SRGB_TO_XYZ @ rgb) / (SRGB_TO_XYZ @ np.ones(3))
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, *, deutan: bool) -> float:
    """CIE76 colour difference, seen with normal vision or under deuteranopia."""
    sim = (lambda c: np.clip(DEUTERANOPIA @ c, 0, 1)) if deutan else (lambda c: c)
    return float(np.linalg.norm(lab(sim(linear_rgb(a))) - lab(sim(linear_rgb(b)))))


def test_the_simulation_sees_what_it_should():
    # white stays white, and the red/green pair of matplotlib's default cycle collapses (the complaint)
    assert delta_e("#FFFFFF", "#FFFFFF", deutan=True) == 0
    assert delta_e("#2CA02C", "#D62728", deutan=False) > 100 and delta_e("#2CA02C", "#D62728", deutan=True) < 10
    np.testing.assert_allclose(DEUTERANOPIA.sum(axis=1), 1.0, atol=1e-5)  # grey stays grey


def test_the_palette_survives_deuteranopia():
    colours = [common.OKABE_ITO[name] for name, _, _ in common.CYCLE]
    # neighbouring curves (consecutive in the cycle) stay clearly apart: CIE76 delta E above 25
    for a, b in itertools.pairwise(colours):
        assert delta_e(a, b, deutan=True) > 25, (a, b)
    # any two: above 15 (the closest pairs, green/purple and vermillion/orange, also differ in line style)
    for a, b in itertools.combinations(colours, 2):
        assert delta_e(a, b, deutan=True) > 15, (a, b)
    # and every curve colour stands out from a white screen and from the grey of reference levels
    for c in colours:
        assert delta_e(c, "#FFFFFF", deutan=True) > 30 and delta_e(c, common.NEUTRAL, deutan=False) > 20
    assert len({(repr(ls), marker) for _, ls, marker in common.CYCLE}) == len(common.CYCLE)


def test_degenerate_results_make_slides_without_warnings():
    # nothing positive for a log axis, P = 0 or 1 everywhere, underflow: pytest turns any warning into an error
    for task, p_to in ((chain(0.0, 3), 0.5), (chain(1.0, 2), None), (chain(0.4, 1), None)):
        for aspect in PIXELS:
            compound_figure(curves(task, ScaleMap("linear_log"), p_to=p_to), style="slide", aspect=aspect).draw_without_rendering()
    report = m.analyse(m.LatentModel(1e20, -10.0), m.Task(tokens=10**6, options=4, sigma=10.0), [1.0, 10.0, 100.0], 3, 0)
    data = m.figure_data(report, 0)
    for builder in (metric_figure, schaeffer_figure, resolution_figure):
        builder(data, style="slide").draw_without_rendering()
    dimensions_figure(dimensions.curves(dimensions.ladder({"$x^$": 5, "[/]": 7, "_hidden": 8}), s=1e20, noise=0.0),
                      style="slide").draw_without_rendering()
    composition_figure(composition.curves(1e-9, 10, 60), style="slide").draw_without_rendering()
    observers_figure(observers.curves(ScaleMap("linear_log", {"s": 1e-4}), taus=(0.4, 0.9)), style="slide").draw_without_rendering()
