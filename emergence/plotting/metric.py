"""The H2 figures (SCIENCE.md 2.5): one smooth model, several metrics, and finite test sets.

Every builder reads a :class:`emergence.metrics.MetricFigureData` (see
:func:`emergence.metrics.figure_data`) and computes no model.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n import Catalog
from emergence.plotting._common import new_figure, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.metrics import MetricFigureData
    from emergence.resolution import Observation

T = Catalog(
    en={
        "title": "One smooth model under different metrics and a finite test set ({model})",
        "a": "(a) Nonlinear or discontinuous metrics",
        "b": "(b) Linear or continuous metrics, same model, same sizes",
        "c": "(c) Exact match read by n = {n} items",
        "d": "(d) ln(−ln exact match) is a straight line in ln N (slope α = {alpha:g})",
        "N": "model size N (parameters)",
        "score": "score",
        "exact": "exact match, L = {L} tokens (B = {B})",
        "grade": "multiple-choice grade, K = {K} (B = {B})",
        "token": "token accuracy (B = {B})",
        "edit": "edit distance / L, lower is better (B = {B})",
        "brier": "Brier score, lower is better (B = {B})",
        "sizes": "markers: the table's model sizes",
        "true": "true exact match",
        "rounded": "rounded to a multiple of 1/n",
        "read": "read on n items, 95 % Clopper-Pearson",
        "zero": "read as 0 (bar: upper bound)",
        "floor": "1/n = {f:g}: smallest non-zero reading",
        "rate": "exact match (log scale)",
        "doublelog": "ln(−ln exact match)",
        "length": "L = {L}",
        "observed": "read on n = {n} items (L = {L})",
        "s_title": "Replica of Schaeffer et al. (2023), Fig. 2: one loss curve, six metrics ({model})",
        "sA": "(A) Per-token loss falls as a power law",
        "sB": "(B) Per-token probability p = exp(−loss)",
        "sC": "(C) Exact match p^L: nonlinear in p",
        "sD": "(D) Multiple-choice grade: a step per item, K = {K}",
        "sE": "(E) Token edit distance L(1 − p): linear in p",
        "sF": "(F) Brier score: continuous, K = {K}",
        "loss": "cross-entropy per token (nats)",
        "p": "p(N)",
        "edit_axis": "edit distance (tokens), lower is better",
        "brier_axis": "Brier score, lower is better",
        "sigma": "σ = {s:g}",
        "sigma0": "σ = 0 (identical items)",
        "r_title": "Test-set resolution: the same exact-match curve ({L} tokens) read by n items",
        "r_panel": "n = {n} items",
        "band": "95 % Clopper-Pearson band",
        "read_only": "read on n items (one seeded draw per size)",
        "zero_only": "read as 0",
        "floor_any": "1/n: smallest non-zero reading",
        "window": "sizes in the table",
        "model_ours": "c = {c:g}, α = {alpha:g}, illustrative",
        "model_kaplan": "c = {c:g}, α = {alpha:g}, Kaplan et al. 2020",
        "model_custom": "c = {c:g}, α = {alpha:g}",
    },
    zh={
        "title": "同一个平滑变化的模型，不同的指标和有限的测试集（{model}）",
        "a": "(a) 非线性或不连续的指标",
        "b": "(b) 线性或连续的指标：同一模型，同样的规模",
        "c": "(c) 用 n = {n} 道题读出的完全匹配率",
        "d": "(d) ln(−ln 完全匹配率) 是 ln N 的直线（斜率 α = {alpha:g}）",
        "N": "模型规模 N（参数量）",
        "score": "得分",
        "exact": "完全匹配，L = {L} 个词元（B = {B}）",
        "grade": "选择题得分，K = {K}（B = {B}）",
        "token": "词元准确率（B = {B}）",
        "edit": "编辑距离 / L，越低越好（B = {B}）",
        "brier": "Brier 分数，越低越好（B = {B}）",
        "sizes": "标记点：表格中的模型规模",
        "true": "真实完全匹配率",
        "rounded": "取整到 1/n 的整数倍",
        "read": "n 道题的读数，95 % Clopper-Pearson",
        "zero": "读数为 0（竖线：上界）",
        "floor": "1/n = {f:g}：最小的非零读数",
        "rate": "完全匹配率（对数刻度）",
        "doublelog": "ln(−ln 完全匹配率)",
        "length": "L = {L}",
        "observed": "n = {n} 道题的读数（L = {L}）",
        "s_title": "复现 Schaeffer 等（2023）图 2：一条损失曲线，六种指标（{model}）",
        "sA": "(A) 每词元损失按幂律下降",
        "sB": "(B) 每词元正确概率 p = exp(−损失)",
        "sC": "(C) 完全匹配 p^L：对 p 非线性",
        "sD": "(D) 选择题得分：每道题是阶跃，K = {K}",
        "sE": "(E) 词元编辑距离 L(1 − p)：对 p 线性",
        "sF": "(F) Brier 分数：连续，K = {K}",
        "loss": "每词元交叉熵（nats）",
        "p": "p(N)",
        "edit_axis": "编辑距离（词元数），越低越好",
        "brier_axis": "Brier 分数，越低越好",
        "sigma": "σ = {s:g}",
        "sigma0": "σ = 0（题目完全相同）",
        "r_title": "测试集分辨率：同一条完全匹配曲线（{L} 个词元）用 n 道题来读",
        "r_panel": "n = {n} 道题",
        "band": "95 % Clopper-Pearson 区间带",
        "read_only": "n 道题的读数（每个规模一次带种子的抽样）",
        "zero_only": "读数为 0",
        "floor_any": "1/n：最小的非零读数",
        "window": "表格中的规模范围",
        "model_ours": "c = {c:g}，α = {alpha:g}，示意常数",
        "model_kaplan": "c = {c:g}，α = {alpha:g}，Kaplan 等 2020",
        "model_custom": "c = {c:g}，α = {alpha:g}",
    },
)


def _b(data: MetricFigureData, metric: str) -> str:
    value = data.report.sharpness[metric].breakthroughness
    return "∞" if math.isinf(value) else f"{value:.3g}"


def _window(data: MetricFigureData) -> tuple[float, float]:
    """The table's sizes, padded by a quarter decade on each side."""
    sizes = data.report.sizes
    return float(sizes[0]) / 10**0.25, float(sizes[-1]) * 10**0.25


def _curve(ax: Axes, data: MetricFigureData, values: np.ndarray, at_sizes: np.ndarray, color: str, ls: str,
           marker: str, label: str) -> None:
    """A dense curve (thin) and the same metric at the table's sizes (markers joined by lines)."""
    ax.plot(data.grid, values, color=color, ls=ls, lw=1.0, alpha=0.6)
    ax.plot(data.report.sizes, at_sizes, color=color, ls=ls, lw=2.0, marker=marker, ms=6, label=label)


def _without_minor_ticks(fig: Figure) -> Figure:
    """Log axes get decade ticks only: clearer when projected, and a third of the drawing time."""
    for ax in fig.axes:
        ax.minorticks_off()
    return fig


def _positive(values: np.ndarray) -> np.ndarray:
    """Values for a log axis: zeros become NaN (not drawn)."""
    return np.where(values > 0, values, np.nan)


def _readings(ax: Axes, sizes: np.ndarray, obs: Observation, bottom: float, lang: str, *, band: bool) -> None:
    """Binomial readings x/n with their Clopper-Pearson interval; zero readings at the bottom edge."""
    zero = obs.successes == 0
    high = np.minimum(obs.high, 1.0)
    if band:
        ax.fill_between(sizes, np.maximum(obs.low, bottom), high, color="C0", alpha=0.18, lw=0, label=T("band", lang))
        ax.plot(sizes[~zero], obs.observed[~zero], "o", color="C0", ms=4, label=T("read_only", lang))
    else:
        ax.errorbar(sizes[~zero], obs.observed[~zero],
                    yerr=[obs.observed[~zero] - obs.low[~zero], high[~zero] - obs.observed[~zero]],
                    fmt="o", color="C0", ms=6, capsize=3, label=T("read", lang))
        ax.vlines(sizes[zero], bottom, high[zero], color="C0", lw=1.0, alpha=0.6)
    if np.any(zero):
        ax.plot(sizes[zero], np.full(int(zero.sum()), bottom), "v", color="C3", ms=7, clip_on=False,
                label=T("zero_only" if band else "zero", lang))


def _resolution_panel(ax: Axes, data: MetricFigureData, grid_rounded: np.ndarray, sizes: np.ndarray,
                      obs: Observation, bottom: float, lang: str, *, band: bool) -> None:
    ax.plot(data.grid, _positive(data.dense.scores["exact_match"]), color="black", lw=2.0, label=T("true", lang))
    ax.plot(data.grid, _positive(grid_rounded), color="C3", lw=1.4, drawstyle="steps-mid", label=T("rounded", lang))
    _readings(ax, sizes, obs, bottom, lang, band=band)
    floor = T("floor_any", lang) if band else T("floor", lang, f=obs.floor)
    ax.axhline(obs.floor, color="C3", ls=":", lw=1.2, label=floor)
    ax.set(xscale="log", yscale="log", ylim=(bottom, 1.5), xlabel=T("N", lang), ylabel=T("rate", lang))


def metric_figure(data: MetricFigureData, lang: str = "en") -> Figure:
    """The overview: (a) exact match and grade against (b) partial credit on the same sizes,
    (c) exact match read by the report's n items, (d) the double-log straight line.

    Legends carry the breakthroughness B of each metric at the table's sizes; dense curves are
    thin, the table's sizes are markers. Lower-is-better metrics are drawn dashed and say so.
    """
    report = data.report
    task = report.task
    with style(lang) as lang:
        fig, axes = new_figure(2, 2, width=7.0, height=4.6)
        ax_a, ax_b, ax_c, ax_d = axes.ravel()
        fig.suptitle(T("title", lang, model=_model(data, lang)), fontsize=15)
        window = _window(data)
        exp = report.expected.scores
        dense = data.dense.scores

        _curve(ax_a, data, dense["exact_match"], exp["exact_match"], "C3", "-", "o",
               T("exact", lang, L=task.tokens, B=_b(data, "exact_match")))
        _curve(ax_a, data, dense["multiple_choice_grade"], exp["multiple_choice_grade"], "C0", "-", "s",
               T("grade", lang, K=task.options, B=_b(data, "multiple_choice_grade")))
        ax_a.set(title=T("a", lang), ylabel=T("score", lang), ylim=(-0.03, 1.05))

        _curve(ax_b, data, dense["token_accuracy"], exp["token_accuracy"], "C2", "-", "o",
               T("token", lang, B=_b(data, "token_accuracy")))
        _curve(ax_b, data, dense["token_edit_distance"] / task.tokens, exp["token_edit_distance"] / task.tokens,
               "C1", "--", "^", T("edit", lang, B=_b(data, "token_edit_distance")))
        _curve(ax_b, data, dense["brier_score"], exp["brier_score"], "C4", "--", "D",
               T("brier", lang, B=_b(data, "brier_score")))
        ax_b.set(title=T("b", lang), ylabel=T("score", lang),
                 ylim=(-0.03, max(1.05, 1.03 * task.options / (task.options - 1))))
        for ax in (ax_a, ax_b):
            ax.set(xscale="log", xlim=window, xlabel=T("N", lang))
            ax.legend(fontsize=8.5, loc="best", title=T("sizes", lang), title_fontsize=8)

        obs = report.exact_match_observation
        bottom = 10.0 ** (math.floor(math.log10(obs.floor)) - 2)
        _resolution_panel(ax_c, data, data.items_rounded, report.sizes, obs, bottom, lang, band=False)
        ax_c.set(title=T("c", lang, n=obs.items), xlim=window)
        ax_c.legend(fontsize=8, loc="best")

        shown = (data.grid >= window[0]) & (data.grid <= window[1])
        for L, row in zip(data.lengths, data.double_log_by_length):
            ax_d.plot(data.grid[shown], row[shown], lw=2.4 if L == task.tokens else 1.2, label=T("length", lang, L=L))
        ax_d.plot(report.sizes, data.observed_double_log, "o", color="black", ms=6,
                  label=T("observed", lang, n=obs.items, L=task.tokens))
        ax_d.set(title=T("d", lang, alpha=report.model.alpha), xscale="log", xlim=window, xlabel=T("N", lang),
                 ylabel=T("doublelog", lang))
        ax_d.legend(fontsize=8.5)
    return _without_minor_ticks(fig)


def _model(data: MetricFigureData, lang: str) -> str:
    model = data.report.model
    return T(f"model_{model.name}", lang, c=model.c, alpha=model.alpha)


def schaeffer_figure(data: MetricFigureData, lang: str = "en") -> Figure:
    """A six-panel replica of Schaeffer et al. (2023), Fig. 2, on the dense grid.

    (A) loss, log-log; (B) p(N); (C) exact match for several L; (D) multiple-choice grade and
    (F) Brier score for several item spreads sigma; (E) edit distance for several L.
    """
    task = data.report.task
    with style(lang) as lang:
        fig, axes = new_figure(2, 3, width=5.4, height=4.2)
        ax_a, ax_b, ax_c, ax_d, ax_e, ax_f = axes.ravel()
        fig.suptitle(T("s_title", lang, model=_model(data, lang)), fontsize=14)
        ax_a.plot(data.grid, data.dense.cross_entropy, color="black", lw=2)
        ax_a.set(yscale="log", title=T("sA", lang), ylabel=T("loss", lang))
        ax_b.plot(data.grid, data.dense.token_probability, color="C2", lw=2)
        ax_b.set(title=T("sB", lang), ylabel=T("p", lang), ylim=(-0.03, 1.03))
        for L, em, ted in zip(data.lengths, data.exact_by_length, data.edit_by_length):
            lw = 2.4 if L == task.tokens else 1.2
            ax_c.plot(data.grid, em, lw=lw, label=T("length", lang, L=L))
            ax_e.plot(data.grid, ted, lw=lw, label=T("length", lang, L=L))
        ax_c.set(title=T("sC", lang), ylabel=T("score", lang), ylim=(-0.03, 1.03))
        ax_e.set(title=T("sE", lang), ylabel=T("edit_axis", lang))
        for s, grade, brier in zip(data.sigmas, data.grade_by_sigma, data.brier_by_sigma):
            label = T("sigma0", lang) if s == 0 else T("sigma", lang, s=s)
            lw = 2.4 if s == task.sigma else 1.2
            ax_d.plot(data.grid, grade, lw=lw, label=label)
            ax_f.plot(data.grid, brier, lw=lw, label=label)
        ax_d.set(title=T("sD", lang, K=task.options), ylabel=T("score", lang), ylim=(-0.03, 1.03))
        ax_f.set(title=T("sF", lang, K=task.options), ylabel=T("brier_axis", lang))
        low, high = data.report.sizes[0], data.report.sizes[-1]
        for ax in axes.ravel():
            ax.axvspan(low, high, color="0.5", alpha=0.1, lw=0, label=T("window", lang))
            ax.set(xscale="log", xlabel=T("N", lang))
        for ax in (ax_a, ax_c, ax_d, ax_e, ax_f):
            ax.legend(fontsize=8)
    return _without_minor_ticks(fig)


def resolution_figure(data: MetricFigureData, lang: str = "en") -> Figure:
    """The exact match read by n = 10, 100, 1000 and 10000 items (H2c), one panel each.

    Each panel: the true curve, its deterministic rounding to multiples of 1/n, one seeded
    binomial reading per size with its 95 % Clopper-Pearson band, zero readings marked at the
    bottom edge and the 1/n floor.
    """
    observations = data.resolution
    bottom = 10.0 ** (math.floor(math.log10(observations[-1].floor)) - 2)
    with style(lang) as lang:
        fig, axes = new_figure(2, 2, width=6.6, height=4.4)
        fig.suptitle(T("r_title", lang, L=data.report.task.tokens), fontsize=15)
        for ax, obs, rounded in zip(axes.ravel(), observations, data.resolution_rounded):
            _resolution_panel(ax, data, rounded, data.resolution_sizes, obs, bottom, lang, band=True)
            ax.set(title=T("r_panel", lang, n=obs.items), xlim=(data.grid[0], data.grid[-1]))
        entries = {}  # label -> handle, over all panels (a panel may have no zero reading)
        for ax in axes.ravel():
            entries.update(zip(*reversed(ax.get_legend_handles_labels())))
        fig.legend(list(entries.values()), list(entries), loc="outside lower center", ncol=3, fontsize=10)
    return _without_minor_ticks(fig)
