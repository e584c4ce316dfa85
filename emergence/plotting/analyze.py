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
                label=T("fig_heldout", lang))
        bt = analysis.backtest
        for p in bt.used:  # what the smaller models predicted
            ax.errorbar([p.size], [p.predicted], yerr=[[max(p.predicted - p.low, 0.0)], [max(p.high - p.predicted, 0.0)]],
                        fmt="x", color=vermillion, ms=marker_size(6), capsize=3, lw=line_width(1.5), zorder=4)
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
    ax.set_title(literal(T("fig_title", lang, label=c.label)), fontsize=text_size(9))
    ax.set_xlabel(T("fig_size", lang), fontsize=text_size(8))
    ax.set_ylabel(literal(T("fig_score", lang, metric=c.metric)), fontsize=text_size(8))
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
            flat[0].legend(fontsize=7, loc="best")
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
            entries = {label: handle for ax in flat for handle, label in zip(*ax.get_legend_handles_labels())
                       if label != T("fig_chance", used)}
            fig.legend(list(entries.values()), list(entries), loc="outside lower center", ncol=3 if aspect == "16:9" else 2)
        slide_title(fig, T("title", used, n=len(analyses)))
    return finish_slide(fig)
