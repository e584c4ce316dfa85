"""Small multiples of real curves: data, the sigmoid fit and its band, chance, held-out points, the largest step."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from emergence.i18n.analyze import T
from emergence.plotting._common import (
    check_style,
    finish_slide,
    ink,
    label_level,
    line_width,
    literal,
    marker_size,
    new_figure,
    reference_line,
    size_axis,
    slide_figure,
    slide_title,
    text_size,
)
from emergence.plotting._common import style as styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.verdict import CurveAnalysis

SLIDE_CURVES = 2  # a slide shows the first curve, or the first two, one panel each


def metric_name(metric: str, lang: str = "en") -> str:
    """A metric as a reader says it: ``exact_match`` -> "exact match", ``ln ppl`` -> "log perplexity"
    (the catalog's ``fig_metric_*`` names); an unknown metric keeps its name, underscores as spaces,
    and a qualifier in brackets (``"acc (none)"``) is kept as written."""
    log = metric.startswith("ln ")
    name = metric[3:] if log else metric
    base, bracket, rest = name.partition(" (")
    key = "fig_metric_" + base.strip().lower()
    said = T(key, lang) if key in T.keys() else base.replace("_", " ")
    said += f" ({rest}" if bracket else ""
    return T("fig_metric_log", lang, metric=said) if log else said


def curve_title(curve: Any, lang: str = "en") -> str:
    """A curve's panel title in plain words: ``chain_4 / exact_match / gamma`` -> "chain 4 · exact match · gamma"
    (the user's names drawn literally: no mathtext)."""
    fields = {"task": curve.task.replace("_", " "), "metric": metric_name(curve.metric, lang), "family": curve.family}
    if curve.keys:
        return literal(T("fig_title_keys", lang, keys=" ".join(f"{k}={v}" for k, v in curve.keys), **fields))
    return literal(T("fig_title", lang, **fields))


def percent_axis(ax: Axes, scale: str) -> None:
    """Scores on a 0–1 (``"fraction"``) or 0–100 (``"percent"``) scale read as percentages on the y axis."""
    from matplotlib.ticker import PercentFormatter

    if scale in ("fraction", "percent"):
        unit = 1.0 if scale == "fraction" else 100.0
        low, high = ax.get_ylim()
        whole = 100.0 * (high - low) / unit >= 5.0  # ticks on whole percents: no "20.0%"
        ax.yaxis.set_major_formatter(PercentFormatter(unit, decimals=0 if whole else None))


def draw_curve(ax: Axes, analysis: CurveAnalysis, lang: str, *, chance: float | None = None) -> None:
    """One curve: scores against model size (log axis), the fitted sigmoid and 95 % band, chance,
    held-out points and what the smaller models predicted for them, and the largest step."""
    c = analysis.curve
    blue, vermillion, purple = ink("blue"), ink("vermillion"), ink("purple")
    sizes, scores = np.asarray(c.sizes, dtype=float), np.asarray(c.scores, dtype=float)
    held = {p.model for p in analysis.backtest.line} if analysis.backtest is not None else set()
    kept = np.array([m not in held for m in c.models])
    ax.plot(sizes[kept], scores[kept], "o", color=blue, ms=marker_size(5), zorder=3)
    if (~kept).any() and analysis.backtest is not None:
        ax.plot(sizes[~kept], scores[~kept], "s", mfc="none", mec=vermillion, mew=line_width(1.5), ms=marker_size(7), zorder=4,
                label=T("fig_heldout" if (~kept).sum() == 1 else "fig_heldout_many", lang))
        bt = analysis.backtest
        for i, p in enumerate(bt.used):  # what the smaller models predicted
            ax.errorbar([p.size], [p.predicted], yerr=[[max(p.predicted - p.low, 0.0)], [max(p.high - p.predicted, 0.0)]],
                        fmt="x", color=vermillion, ms=marker_size(6), mew=line_width(1.5), capsize=3, lw=line_width(1.5),
                        zorder=4, label=T("fig_predicted", lang) if i == 0 else None)
    if analysis.band is not None:
        xs = 10.0 ** np.asarray(analysis.band.log10_size)
        ax.fill_between(xs, analysis.band.low, analysis.band.high, color=blue, alpha=0.15, lw=0)
        ax.plot(xs, analysis.band.fitted, "-", color=blue, lw=line_width(1.5), label=T("fig_fit", lang))
    step = analysis.shape.largest_step
    ax.annotate("", xy=(step.to_size, step.to_score), xytext=(step.from_size, step.from_score),
                arrowprops={"arrowstyle": "->", "color": purple, "lw": line_width(2), "linestyle": "--"})
    ax.plot([], [], color=purple, ls="--", lw=line_width(2), label=T("fig_step", lang))
    if chance is not None:
        from emergence.verdict import scale_unit

        reference_line(ax, chance * scale_unit(c), T("fig_chance", lang))
    size_axis(ax)
    low, high = float(np.min(scores)), float(np.max(scores))
    pad = 0.15 * (high - low) if high > low else 0.05 * max(abs(high), 1.0)
    ax.set_ylim(low - pad, high + pad)  # the data decide the view; a wild bootstrap band is cut at the edges
    percent_axis(ax, c.scale)
    ax.set_title(curve_title(c, lang), fontsize=text_size(9))
    ax.set_xlabel(T("fig_size", lang), fontsize=text_size(8))
    ax.set_ylabel(literal(T("fig_score", lang, metric=metric_name(c.metric, lang))), fontsize=text_size(8))
    if text_size(7) is not None:
        ax.tick_params(labelsize=7)


def analyze_figure(analyses: Sequence[CurveAnalysis], lang: str = "en", *, chance: float | None = None,
                   style: str = "paper", aspect: str = "16:9") -> Figure:
    """Small multiples, three to a row, of the given curves (ranked already).

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3) with the first curve, or the first two
    (:data:`SLIDE_CURVES`), one panel each, under the table's title.
    """
    check_style(style)
    if style == "slide":
        return _analyze_slide(analyses[:SLIDE_CURVES], lang, chance, aspect)
    with styled(lang, "paper") as used:
        n = max(1, len(analyses))
        ncols = min(3, n)
        nrows = math.ceil(n / ncols)
        fig, axes = new_figure(nrows, ncols, width=4.2, height=3.2)
        flat: list[Any] = list(axes.ravel())
        for ax, a in zip(flat, analyses):
            draw_curve(ax, a, used, chance=chance)
        for ax in flat[len(analyses):]:
            ax.set_visible(False)
        if analyses:
            handles, labels = _legend(flat, used)
            fig.legend(handles, labels, fontsize=8, loc="outside lower center", ncol=min(5, len(labels)))
    return fig


def _analyze_slide(analyses: Sequence[CurveAnalysis], lang: str, chance: float | None, aspect: str) -> Figure:
    with styled(lang, "slide") as used:
        fig, axes = slide_figure(max(1, len(analyses)), aspect=aspect)
        flat: list[Any] = list(axes.ravel())
        for ax, a in zip(flat, analyses):
            draw_curve(ax, a, used, chance=chance)
            if chance is not None:
                from emergence.verdict import scale_unit

                level = chance * scale_unit(a.curve)
                if ax.get_ylim()[0] <= level <= ax.get_ylim()[1]:
                    label_level(ax, level, T("fig_chance", used))
        if analyses:
            handles, labels = _legend(flat, used, chance=False)
            fig.legend(handles, labels, loc="outside lower center", ncol=2)
        slide_title(fig, T("title", used, n=len(analyses)))
    return finish_slide(fig)


def _legend(axes: Sequence[Axes], lang: str, *, chance: bool = True) -> tuple[list[Any], list[str]]:
    """One entry per thing drawn, across the panels, in a fixed order (the chance line only on paper:
    a slide writes it on its line)."""
    entries = {label: handle for ax in axes for handle, label in zip(*ax.get_legend_handles_labels())}
    order = ["fig_heldout", "fig_heldout_many", "fig_predicted", "fig_fit", "fig_step"] + (["fig_chance"] if chance else [])
    wanted = [T(key, lang) for key in order if T(key, lang) in entries]
    return [entries[label] for label in wanted], wanted
