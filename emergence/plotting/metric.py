"""The H2 figures (SCIENCE.md 2.5): one smooth model, several metrics, and finite test sets.

Each panel is a function ``draw_<panel>(ax, data, lang)`` that draws on any Axes from a
:class:`emergence.metrics.MetricFigureData` (see :func:`emergence.metrics.figure_data`) and
computes no model; the figures compose them:

- :func:`metric_figure`: :func:`draw_discontinuous`, :func:`draw_continuous`,
  :func:`draw_readings`, :func:`draw_double_log`;
- :func:`schaeffer_figure`: :func:`draw_loss`, :func:`draw_token_probability`,
  :func:`draw_exact_by_length`, :func:`draw_grade_by_sigma`, :func:`draw_edit_by_length`,
  :func:`draw_brier_by_sigma`;
- :func:`resolution_figure`: :func:`draw_test_set` for n = 10, 100, 1000 and 10000 items.

Call a panel inside ``emergence.plotting._common.style(lang)`` for the project's look (the
figures do). Each metric keeps its colour, line style and marker in every panel (:data:`METRIC_CUES`);
lower-is-better metrics are dashed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n import metric as text
from emergence.metrics import table_rows
from emergence.plotting._common import (
    LIGHT,
    check_style,
    cue,
    current_kind,
    finish_slide,
    ink,
    label_level,
    label_lines,
    line_width,
    marker_size,
    new_figure,
    panel_title,
    reference_line,
    size_axis,
    slide_figure,
    slide_title,
    text_size,
    untagged,
)
from emergence.plotting._common import style as styled

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.metrics import MetricFigureData
    from emergence.resolution import Observation


# colour, line style, marker of each metric, the same in every panel and on slides
METRIC_CUES = {"exact_match": ("vermillion", "-", "o"), "multiple_choice_grade": ("blue", "-", "s"),
               "token_accuracy": ("green", "-", "^"), "token_edit_distance": ("orange", "--", "D"),
               "brier_score": ("purple", "--", "v")}


def _b(data: MetricFigureData, metric: str) -> str:
    value = data.report.sharpness[metric].breakthroughness
    return "∞" if math.isinf(value) else f"{value:.3g}"


def _window(data: MetricFigureData) -> tuple[float, float]:
    """The table's sizes, padded by a quarter decade on each side."""
    sizes = data.report.sizes
    return float(sizes[0]) / 10**0.25, float(sizes[-1]) * 10**0.25


def _curve(ax: Axes, data: MetricFigureData, values: np.ndarray, at_sizes: np.ndarray, metric: str, label: str) -> None:
    """A dense curve (thin) and the same metric at the table's sizes (joined by lines; markers at the
    sizes the tables show, all of them up to :data:`emergence.metrics.TABLE_ROWS`)."""
    name, ls, marker = METRIC_CUES[metric]
    color = ink(name)
    ax.plot(data.grid, values, color=color, ls=ls, lw=line_width(1.0), alpha=0.6)
    ax.plot(data.report.sizes, at_sizes, color=color, ls=ls, lw=line_width(2.0), marker=marker, ms=6, label=label,
            markevery=list(table_rows(data.report.sizes.size)))


def _model(data: MetricFigureData, lang: str) -> str:
    model = data.report.model
    return text.FIGURE(f"model_{model.name}", lang, c=model.c, alpha=model.alpha)


def _positive(values: np.ndarray) -> np.ndarray:
    """Values for a log axis: zeros become NaN (not drawn)."""
    return np.where(values > 0, values, np.nan)


def _log_axis(ax: Axes, bottom: float) -> None:
    size_axis(ax)
    ax.set(yscale="log", ylim=(bottom, 1.5))
    ax.minorticks_off()  # decade ticks only: clearer when projected, and a third of the drawing time


def _chance(ax: Axes, data: MetricFigureData, lang: str) -> None:
    """The grade of a model that knows nothing: 1/K."""
    task = data.report.task
    reference_line(ax, task.chance, text.FIGURE("chance", lang, chance=task.chance))


def _guess(ax: Axes, data: MetricFigureData, lang: str) -> None:
    """The Brier score of a uniform guess: (K - 1)/K."""
    task = data.report.task
    reference_line(ax, task.guess_brier, text.FIGURE("guess", lang, guess=task.guess_brier))


def _sizes(ax: Axes) -> None:
    """The x axis of model sizes, decade ticks only."""
    size_axis(ax)
    ax.minorticks_off()


# --------------------------------------------------------------------------------------------
# the overview


def draw_discontinuous(ax: Axes, data: MetricFigureData, lang: str = "en", *, legend: bool = True) -> None:
    """(a) Exact match and multiple-choice grade at the table's sizes (markers) and on the dense grid,
    with the grade's chance level 1/K."""
    task = data.report.task
    exp, dense = data.report.expected.scores, data.dense.scores
    _curve(ax, data, dense["exact_match"], exp["exact_match"], "exact_match",
           text.FIGURE("exact", lang, L=task.tokens, B=_b(data, "exact_match")))
    _curve(ax, data, dense["multiple_choice_grade"], exp["multiple_choice_grade"], "multiple_choice_grade",
           text.FIGURE("grade", lang, K=task.options, B=_b(data, "multiple_choice_grade")))
    _chance(ax, data, lang)
    ax.set(title=text.FIGURE("a", lang), ylabel=text.FIGURE("score", lang), ylim=(-0.03, 1.05), xlim=_window(data),
           xlabel=text.FIGURE("N", lang))
    _sizes(ax)
    if legend:
        ax.legend(fontsize=text_size(8.5), loc="best", title=text.FIGURE("sizes", lang), title_fontsize=text_size(8))


def draw_continuous(ax: Axes, data: MetricFigureData, lang: str = "en", *, legend: bool = True) -> None:
    """(b) Token accuracy, edit distance / L and Brier score on the same sizes (lower-is-better dashed),
    with the Brier score of a uniform guess."""
    task = data.report.task
    exp, dense = data.report.expected.scores, data.dense.scores
    _curve(ax, data, dense["token_accuracy"], exp["token_accuracy"], "token_accuracy",
           text.FIGURE("token", lang, B=_b(data, "token_accuracy")))
    _curve(ax, data, dense["token_edit_distance"] / task.tokens, exp["token_edit_distance"] / task.tokens,
           "token_edit_distance", text.FIGURE("edit", lang, B=_b(data, "token_edit_distance")))
    _curve(ax, data, dense["brier_score"], exp["brier_score"], "brier_score",
           text.FIGURE("brier", lang, B=_b(data, "brier_score")))
    _guess(ax, data, lang)
    top = max(1.05, 1.03 * float(np.max(data.dense.scores["brier_score"])))
    ax.set(title=text.FIGURE("b", lang), ylabel=text.FIGURE("score", lang), ylim=(-0.03, top), xlim=_window(data),
           xlabel=text.FIGURE("N", lang))
    _sizes(ax)
    if legend:
        ax.legend(fontsize=text_size(8.5), loc="best", title=text.FIGURE("sizes", lang), title_fontsize=text_size(8))


def _readings(ax: Axes, sizes: np.ndarray, obs: Observation, bottom: float, lang: str, *, band: bool) -> None:
    """Binomial readings x/n with their Clopper-Pearson interval; zero readings at the bottom edge.

    With more sizes than a table shows, the readings at the sizes the tables show are drawn.
    """
    rows = table_rows(sizes.size)
    sizes, successes, observed = sizes[rows], obs.successes[rows], obs.observed[rows]
    low, high = obs.low[rows], np.minimum(obs.high[rows], 1.0)
    zero = successes == 0
    blue, vermillion = ink("blue"), ink("vermillion")
    if band:
        ax.fill_between(sizes, np.maximum(low, bottom), high, color=blue, alpha=0.18, lw=0, label=text.FIGURE("band", lang))
        ax.plot(sizes[~zero], observed[~zero], "o", color=blue, ms=marker_size(4), label=text.FIGURE("read_only", lang))
    else:
        ax.errorbar(sizes[~zero], observed[~zero], yerr=[observed[~zero] - low[~zero], high[~zero] - observed[~zero]],
                    fmt="o", color=blue, ms=6, capsize=3, label=text.FIGURE("read", lang))
        ax.vlines(sizes[zero], bottom, high[zero], color=blue, lw=line_width(1.0), alpha=0.6)
    if np.any(zero):
        ax.plot(sizes[zero], np.full(int(zero.sum()), bottom), "v", color=vermillion, ms=marker_size(7), clip_on=False,
                label=text.FIGURE("zero_only" if band else "zero", lang))


def _bottom(items: int) -> float:
    """The lower edge of a log axis for readings on ``items`` items: two decades below 1/n."""
    return 10.0 ** (math.floor(math.log10(1.0 / items)) - 2)


def _true_and_rounded(ax: Axes, data: MetricFigureData, rounded: np.ndarray, lang: str) -> None:
    """The true exact match (black, solid) and its rounding to multiples of 1/n (vermillion, dashed steps)."""
    ax.plot(data.grid, _positive(data.dense.scores["exact_match"]), color=ink("black"), ls="-", lw=line_width(2.0),
            label=text.FIGURE("true", lang))
    ax.plot(data.grid, _positive(rounded), color=ink("vermillion"), ls="--", lw=line_width(1.4), drawstyle="steps-mid",
            label=text.FIGURE("rounded", lang))


def draw_readings(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(c) The exact match read by the report's n items: true curve, rounding to 1/n, binomial readings
    with Clopper-Pearson bars, zero readings at the bottom edge (bar: upper bound) and the 1/n floor."""
    obs = data.report.exact_match_observation
    bottom = _bottom(obs.items)
    _true_and_rounded(ax, data, data.items_rounded, lang)
    _readings(ax, data.report.sizes, obs, bottom, lang, band=False)
    reference_line(ax, obs.floor, text.FIGURE("floor", lang, f=obs.floor))
    ax.set(title=text.FIGURE("c", lang, n=obs.items), xlim=_window(data), xlabel=text.FIGURE("N", lang), ylabel=text.FIGURE("rate", lang))
    _log_axis(ax, bottom)
    ax.legend(fontsize=text_size(8), loc="best")


def draw_double_log(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(d) ln(-ln exact match) against N for several L: straight lines of slope alpha in ln N, and the
    simulated readings where 0 < x < n."""
    report = data.report
    window = _window(data)
    shown = (data.grid >= window[0]) & (data.grid <= window[1])
    for i, (L, row) in enumerate(zip(data.lengths, data.double_log_by_length)):
        c = cue(i)
        ax.plot(data.grid[shown], row[shown], color=c.color, ls=c.linestyle, lw=line_width(2.4 if L == report.task.tokens else 1.2),
                label=text.FIGURE("length", lang, L=L))
    ax.plot(report.sizes, data.observed_double_log, "o", color=ink("black"), ms=6,
            label=text.FIGURE("observed", lang, n=report.exact_match_observation.items, L=report.task.tokens))
    ax.set(title=text.FIGURE("d", lang, alpha=report.model.alpha), xlim=window, xlabel=text.FIGURE("N", lang),
           ylabel=text.FIGURE("doublelog", lang))
    _sizes(ax)
    ax.legend(fontsize=text_size(8.5))


def metric_figure(data: MetricFigureData, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The overview: (a) :func:`draw_discontinuous`, (b) :func:`draw_continuous`, (c) :func:`draw_readings`,
    (d) :func:`draw_double_log`.

    Legends carry the breakthroughness B of each metric at the table's sizes; dense curves are
    thin, the table's sizes are markers. Lower-is-better metrics are drawn dashed and say so.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3), the same outputs scored two ways over
    model size: exact match (and the multiple-choice grade, from its chance level) against token
    accuracy, the partial credit.
    """
    check_style(style)
    if style == "slide":
        return _metric_slide(data, lang, aspect)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 2, width=7.0, height=4.6)
        fig.suptitle(text.FIGURE("title", lang, model=_model(data, lang)), fontsize=15)
        for ax, draw in zip(axes.ravel(), (draw_discontinuous, draw_continuous, draw_readings, draw_double_log)):
            draw(ax, data, lang)
    return fig


def _slide_curve(ax: Axes, data: MetricFigureData, metric: str, lang: str) -> None:
    """One metric on a slide: the dense curve, thick and labelled, its marker at the table's sizes
    (the grid points nearest to them: the grid has 100 points a decade)."""
    name, ls, marker = METRIC_CUES[metric]
    sizes = data.report.sizes[list(table_rows(data.report.sizes.size))]
    nearest = np.abs(np.log(data.grid)[None, :] - np.log(sizes)[:, None]).argmin(axis=1)
    ax.plot(data.grid, data.dense.scores[metric], color=ink(name), ls=ls, marker=marker, markevery=sorted(set(nearest.tolist())),
            label=text.T(metric, lang))


def _metric_slide(data: MetricFigureData, lang: str, aspect: str) -> Figure:
    with styled(lang, "slide") as lang:
        fig, (axes,) = slide_figure(2, aspect=aspect)
        left, right = axes
        for ax, metrics, title in ((left, ("exact_match", "multiple_choice_grade"), "a"), (right, ("token_accuracy",), "b")):
            for metric in metrics:
                _slide_curve(ax, data, metric, lang)
            ax.set(ylim=(-0.03, 1.05), xlim=_window(data), xlabel=text.FIGURE("N", lang))
            _sizes(ax)
            panel_title(ax, untagged(text.FIGURE(title, lang)))
            label_lines(ax, [line for line in ax.get_lines() if not line.get_label().startswith("_")], at="best")
        left.set_ylabel(text.FIGURE("score", lang))
        _chance(left, data, lang)
        chance = data.report.task.chance
        label_level(left, chance, text.FIGURE("chance", lang, chance=chance), below=True)
        right.sharey(left)
        slide_title(fig, text.FIGURE("slide_title", lang))
    return finish_slide(fig)


# --------------------------------------------------------------------------------------------
# the replica of Schaeffer et al., Fig. 2


def _replica_axes(ax: Axes, data: MetricFigureData, lang: str, *, legend: bool = True) -> None:
    """Log size axis, the table's sizes shaded (not on a slide, where it would need a legend), decade ticks, legend."""
    if current_kind() == "paper":
        ax.axvspan(data.report.sizes[0], data.report.sizes[-1], color=LIGHT, alpha=0.25, lw=0, label=text.FIGURE("window", lang))
    ax.set(xlabel=text.FIGURE("N", lang))
    _sizes(ax)
    if legend:
        ax.legend(fontsize=text_size(8))


def draw_loss(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(A) The per-token loss (N / c) ** alpha, log-log."""
    ax.plot(data.grid, data.dense.cross_entropy, color=ink("black"), ls="-", lw=line_width(2))
    ax.set(yscale="log", title=text.FIGURE("sA", lang), ylabel=text.FIGURE("loss", lang))
    _replica_axes(ax, data, lang)


def draw_token_probability(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(B) The per-token probability p(N) = exp(-loss)."""
    ax.plot(data.grid, data.dense.token_probability, color=ink("green"), ls="-", lw=line_width(2))
    ax.set(title=text.FIGURE("sB", lang), ylabel=text.FIGURE("p", lang), ylim=(-0.03, 1.03))
    _replica_axes(ax, data, lang, legend=False)


def _by_length(ax: Axes, data: MetricFigureData, rows: np.ndarray, lang: str) -> None:
    for i, (L, row) in enumerate(zip(data.lengths, rows)):
        c = cue(i)
        ax.plot(data.grid, row, color=c.color, ls=c.linestyle, lw=line_width(2.4 if L == data.report.task.tokens else 1.2),
                label=text.FIGURE("length", lang, L=L))


def _by_sigma(ax: Axes, data: MetricFigureData, rows: np.ndarray, lang: str) -> None:
    for i, (s, row) in enumerate(zip(data.sigmas, rows)):
        c = cue(i)
        label = text.FIGURE("sigma0", lang) if s == 0 else text.FIGURE("sigma", lang, s=s)
        ax.plot(data.grid, row, color=c.color, ls=c.linestyle, lw=line_width(2.4 if s == data.report.task.sigma else 1.2),
                label=label)


def draw_exact_by_length(ax: Axes, data: MetricFigureData, lang: str = "en", *, legend: bool = True) -> None:
    """(C) Exact match p ** L for several answer lengths L."""
    _by_length(ax, data, data.exact_by_length, lang)
    ax.set(title=text.FIGURE("sC", lang), ylabel=text.FIGURE("score", lang), ylim=(-0.03, 1.03))
    _replica_axes(ax, data, lang, legend=legend)


def draw_grade_by_sigma(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(D) Multiple-choice grade for several item spreads sigma, from chance 1/K upwards."""
    _by_sigma(ax, data, data.grade_by_sigma, lang)
    _chance(ax, data, lang)
    ax.set(title=text.FIGURE("sD", lang, K=data.report.task.options), ylabel=text.FIGURE("score", lang), ylim=(-0.03, 1.03))
    _replica_axes(ax, data, lang)


def draw_edit_by_length(ax: Axes, data: MetricFigureData, lang: str = "en", *, legend: bool = True) -> None:
    """(E) Token edit distance L (1 - p) for several answer lengths L."""
    _by_length(ax, data, data.edit_by_length, lang)
    ax.set(title=text.FIGURE("sE", lang), ylabel=text.FIGURE("edit_axis", lang))
    _replica_axes(ax, data, lang, legend=legend)


def draw_brier_by_sigma(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """(F) Brier score for several item spreads sigma, with the uniform guess (K - 1)/K."""
    _by_sigma(ax, data, data.brier_by_sigma, lang)
    _guess(ax, data, lang)
    ax.set(title=text.FIGURE("sF", lang, K=data.report.task.options), ylabel=text.FIGURE("brier_axis", lang))
    _replica_axes(ax, data, lang)


def schaeffer_figure(data: MetricFigureData, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """A six-panel replica of Schaeffer et al. (2023), Fig. 2, on the dense grid.

    (A) loss, log-log; (B) p(N); (C) exact match for several L; (D) multiple-choice grade and
    (F) Brier score for several item spreads sigma; (E) edit distance for several L.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3) with the replica's point: from the same
    per-token probability, exact match (C, nonlinear in p) against edit distance (E, linear in p),
    for several answer lengths L.
    """
    check_style(style)
    if style == "slide":
        with styled(lang, "slide") as lang:
            fig, (axes,) = slide_figure(2, aspect=aspect)
            for ax, panel, title in ((axes[0], draw_exact_by_length, "sC"), (axes[1], draw_edit_by_length, "sE")):
                panel(ax, data, lang, legend=False)
                panel_title(ax, untagged(text.FIGURE(title, lang)))
                label_lines(ax, [line for line in ax.get_lines() if not line.get_label().startswith("_")], at="best")
            slide_title(fig, text.FIGURE("s_title", lang, model=_model(data, lang)))
        return finish_slide(fig)
    panels = (draw_loss, draw_token_probability, draw_exact_by_length, draw_grade_by_sigma, draw_edit_by_length,
              draw_brier_by_sigma)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 3, width=5.4, height=4.2)
        fig.suptitle(text.FIGURE("s_title", lang, model=_model(data, lang)), fontsize=14)
        for ax, draw in zip(axes.ravel(), panels):
            draw(ax, data, lang)
    return fig


# --------------------------------------------------------------------------------------------
# test-set resolution


def draw_test_set(ax: Axes, data: MetricFigureData, lang: str = "en", *, items: int = 100, legend: bool = True) -> None:
    """The exact match read by ``items`` items (one of :data:`emergence.metrics.RESOLUTION_ITEMS`).

    The true curve, its rounding to multiples of 1/n, one seeded binomial reading per size with
    its 95 % Clopper-Pearson band, zero readings marked at the bottom edge, and the 1/n floor.
    The axis goes down to two decades below the 1/n of the largest test set, so panels compare.
    """
    counts = [o.items for o in data.resolution]
    if items not in counts:
        raise ValueError(f"items must be one of {counts}, got {items!r}")
    obs = data.resolution[counts.index(items)]
    rounded = data.resolution_rounded[counts.index(items)]
    bottom = _bottom(max(counts))
    _true_and_rounded(ax, data, rounded, lang)
    _readings(ax, data.resolution_sizes, obs, bottom, lang, band=True)
    reference_line(ax, obs.floor, text.FIGURE("floor_any", lang))
    ax.set(title=text.FIGURE("r_panel", lang, n=obs.items), xlim=(data.grid[0], data.grid[-1]), xlabel=text.FIGURE("N", lang),
           ylabel=text.FIGURE("rate", lang))
    _log_axis(ax, bottom)
    if legend:
        ax.legend(fontsize=text_size(8), loc="best")


def _one_legend(fig: Figure, axes: list[Axes], *, ncol: int, fontsize: float | None) -> None:
    """One legend below the panels for all of them (a panel may have no zero reading)."""
    entries: dict[str, Artist] = {}  # label -> handle, over all panels
    for ax in axes:
        handles, labels = ax.get_legend_handles_labels()
        entries.update(zip(labels, handles))
    fig.legend(list(entries.values()), list(entries), loc="outside lower center", ncol=ncol, fontsize=fontsize)


def resolution_figure(data: MetricFigureData, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The exact match read by n = 10, 100, 1000 and 10000 items (H2c): :func:`draw_test_set`, one
    panel each, with one legend for the four.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3) with the smallest and the largest test set side by side.
    """
    check_style(style)
    if style == "slide":
        with styled(lang, "slide") as lang:
            fig, (axes,) = slide_figure(2, aspect=aspect)
            for ax, obs in zip(axes, (data.resolution[0], data.resolution[-1])):
                draw_test_set(ax, data, lang, items=obs.items, legend=False)
                panel_title(ax, ax.get_title())
                ax.set_xlim(data.grid[0] / 2, data.grid[-1] * 2)  # the first size label clear of the lowest level's
            axes[1].sharey(axes[0])
            slide_title(fig, text.FIGURE("r_title", lang, L=data.report.task.tokens))
            _one_legend(fig, list(axes), ncol=3 if aspect == "16:9" else 2, fontsize=None)
        return finish_slide(fig)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 2, width=6.6, height=4.4)
        fig.suptitle(text.FIGURE("r_title", lang, L=data.report.task.tokens), fontsize=15)
        for ax, obs in zip(axes.ravel(), data.resolution):
            draw_test_set(ax, data, lang, items=obs.items, legend=False)
        _one_legend(fig, list(axes.ravel()), ncol=3, fontsize=10)
    return fig
