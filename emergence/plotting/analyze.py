"""Small multiples of real curves: data, the sigmoid fit and its band, chance, held-out points, the largest step."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from emergence.i18n.analyze import T
from emergence.plotting._common import literal, new_figure, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.verdict import CurveAnalysis


def draw_curve(ax: Axes, analysis: CurveAnalysis, lang: str, *, chance: float | None = None) -> None:
    """One curve: scores against log size, the fitted sigmoid and 95 % band, chance, held-out points, largest step."""
    c = analysis.curve
    sizes, scores = np.asarray(c.sizes, dtype=float), np.asarray(c.scores, dtype=float)
    held = {p.model for p in analysis.backtest.line} if analysis.backtest is not None else set()
    kept = np.array([m not in held for m in c.models])
    ax.plot(sizes[kept], scores[kept], "o", color="#0072B2", ms=5, zorder=3)
    if (~kept).any() and analysis.backtest is not None:
        ax.plot(sizes[~kept], scores[~kept], "s", mfc="none", mec="#D55E00", mew=1.5, ms=7, zorder=4,
                label=T("fig_heldout", lang))
        bt = analysis.backtest
        for p in bt.used:  # what the smaller models predicted
            ax.errorbar([p.size], [p.predicted], yerr=[[max(p.predicted - p.low, 0.0)], [max(p.high - p.predicted, 0.0)]],
                        fmt="x", color="#D55E00", capsize=3, zorder=4)
    if analysis.band is not None:
        xs = 10.0 ** np.asarray(analysis.band.log10_size)
        ax.fill_between(xs, analysis.band.low, analysis.band.high, color="#0072B2", alpha=0.15, lw=0)
        ax.plot(xs, analysis.band.fitted, "-", color="#0072B2", lw=1.5, label=T("fig_fit", lang))
    step = analysis.shape.largest_step
    ax.annotate("", xy=(step.to_size, step.to_score), xytext=(step.from_size, step.from_score),
                arrowprops={"arrowstyle": "->", "color": "#CC79A7", "lw": 2})
    ax.plot([], [], color="#CC79A7", lw=2, label=T("fig_step", lang))
    if chance is not None:
        from emergence.verdict import scale_unit

        level = chance * scale_unit(c)
        ax.axhline(level, color="0.4", ls="--", lw=1, label=T("fig_chance", lang))
    ax.set_xscale("log")
    from matplotlib.ticker import NullFormatter

    ax.xaxis.set_minor_formatter(NullFormatter())
    low, high = float(np.min(scores)), float(np.max(scores))
    pad = 0.15 * (high - low) if high > low else 0.05 * max(abs(high), 1.0)
    ax.set_ylim(low - pad, high + pad)  # the data decide the view; a wild bootstrap band is cut at the edges
    ax.set_title(literal(T("fig_title", lang, label=c.label)), fontsize=9)
    ax.set_xlabel(T("fig_size", lang), fontsize=8)
    ax.set_ylabel(literal(T("fig_score", lang, metric=c.metric)), fontsize=8)
    ax.tick_params(labelsize=7)


def analyze_figure(analyses: Sequence[CurveAnalysis], lang: str = "en", *, chance: float | None = None) -> Figure:
    """Small multiples, three to a row, of the given curves (ranked already)."""
    with style(lang) as used:
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
