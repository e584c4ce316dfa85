"""The H1 figure family (SCIENCE.md 1.5): how per-step accuracy compounds over k steps.

Each panel is a function ``draw_<panel>(ax, data, lang)`` that draws on any Axes; the figures
compose them. ``data`` is a :class:`emergence.compound.CompoundCurves` (or, for
:func:`draw_cot`, a :class:`emergence.evidence.CotErrors`); the panels compute nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n.compound import COT, FIGURE
from emergence.plotting._common import literal, new_figure, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.compound import CompoundCurves
    from emergence.evidence import CotErrors

T = FIGURE
MARGINS = {"left": 0.05, "right": 0.97, "top": 0.91, "bottom": 0.075, "wspace": 0.42, "hspace": 0.36}


def _colors(curves: CompoundCurves) -> dict[int, str]:
    return {k: f"C{i}" for i, k in enumerate(curves.steps)}


def _finite(values: np.ndarray) -> np.ndarray:
    """The values with infinities as NaN (not drawn)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def draw_p_curves(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel a: P against the shared per-step accuracy p for several k, the task's points marked."""
    with style(lang) as lang:
        k_own = curves.chain.steps
        colors = _colors(curves)
        for k, row in zip(curves.steps, curves.success_vs_p):
            ax.plot(curves.p_grid, row, color=colors[k], lw=2.5 if k == k_own else 1.3, label=T("steps", lang, k=k))
        for i, (name, p, P) in enumerate(curves.marks):
            ax.plot([p], [P], "o", ms=8, color="black" if i == 0 else "crimson", zorder=5,
                    label=T(f"mark_{name}", lang, p=p, P=P))
        ax.set(title=T("a", lang), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1), ylim=(0, 1.02))
        ax.legend(fontsize=8)


def draw_scale_linear(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel b: P against log10 N under the p(N) map."""
    with style(lang) as lang:
        sweep, k_own, colors = curves.sweep, curves.chain.steps, _colors(curves)
        for k, row in zip(sweep.steps, sweep.success):
            ax.plot(np.log10(sweep.sizes), row, color=colors[k], lw=2.5 if k == k_own else 1.3, label=T("steps", lang, k=k))
        ax.set(title=literal(T("b", lang, map=sweep.map_name)), xlabel=T("N", lang), ylabel=T("P", lang), ylim=(0, 1.02))
        ax.legend(fontsize=8)


def draw_scale_log(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel c: log10 P against log10 N (P = 0 exactly is not drawn)."""
    with style(lang) as lang:
        sweep, k_own, colors = curves.sweep, curves.chain.steps, _colors(curves)
        for k, row in zip(sweep.steps, sweep.log10_success):
            ax.plot(np.log10(sweep.sizes), _finite(row), color=colors[k], lw=2.5 if k == k_own else 1.3,
                    label=T("steps", lang, k=k))
        finite = sweep.log10_success[np.isfinite(sweep.log10_success)]
        low = max(float(finite.min()) if finite.size else -10.0, -12.0)
        ax.set(title=T("c", lang), xlabel=T("N", lang), ylabel=T("logP", lang), ylim=(min(low, -0.1), 0.3))
        ax.legend(fontsize=8)


def _log_axis(ax: Axes, values: np.ndarray) -> np.ndarray:
    """Put ``ax`` on a log y axis when ``values`` has positive numbers; return what to draw (others NaN)."""
    values = _finite(values)
    positive = values > 0
    if positive.any():
        ax.set_yscale("log")
        return np.where(positive, values, np.nan)
    return values


def draw_gains(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel d: relative (log axis) and absolute gain from p to p_to against k, with k*; without
    ``p_to``, P against k at the task's p on a log axis."""
    with style(lang) as lang:
        if curves.relative_gain is None or curves.absolute_gain is None:
            ax.plot(curves.gain_steps, _log_axis(ax, curves.success_by_k), "o-", color="black")
            ax.set(title=T("d_k", lang, p=curves.marks[0][1]), xlabel=T("k", lang), ylabel=T("P", lang))
            return
        ax.plot(curves.gain_steps, _log_axis(ax, curves.relative_gain), "o-", color="C0", label=T("rel", lang))
        ax.set(title=T("d", lang, p1=curves.p_from, p2=curves.p_to), xlabel=T("k", lang), ylabel=T("rel", lang))
        twin = ax.twinx()
        twin.plot(curves.gain_steps, curves.absolute_gain, "s--", color="C3", label=T("abs", lang))
        twin.set_ylabel(T("abs", lang), color="C3")
        twin.grid(False)
        if curves.k_star is not None:
            twin.axvline(curves.k_star, color="C3", ls=":", label=T("kstar", lang, k=curves.k_star))
        handles, labels = ax.get_legend_handles_labels()
        more_handles, more_labels = twin.get_legend_handles_labels()
        ax.legend(handles + more_handles, labels + more_labels, fontsize=8, loc="center right")


_VARIANT_STYLES = {"exact": ("black", "-", 2.5), "fraction": ("C2", "-", 1.5), "prefix": ("C1", "-", 1.5),
                   "pass": ("C3", "--", 1.2), "vote": ("C4", "--", 1.2), "plurality": ("C5", "-.", 1.2)}


def draw_variants(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel e: exact match against partial credit, correlated steps, pass@M and votes, for the task's k."""
    with style(lang) as lang:
        blues = iter(("#9ecae1", "#4292c6", "#08519c"))
        for name, values in curves.variants.items():
            kind, *args = name.split("_")  # e.g. "beta_0.3", "pass_5", "plurality_5_10" (M, then N)
            color, ls, lw = _VARIANT_STYLES.get(kind) or (next(blues, "C0"), "--", 1.2)
            fields = dict(zip(("rho", "n") if kind == "beta" else ("m", "n"), args))
            ax.plot(curves.p_grid, values, color=color, ls=ls, lw=lw, label=T(kind, lang, **fields))
        ax.set(title=T("e", lang, k=curves.chain.steps), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1),
               ylim=(0, 1.02))
        ax.legend(fontsize=7)


def draw_step_distribution(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel f: the distribution of the number of right steps in one attempt (bars up to k = 60)."""
    with style(lang) as lang:
        if curves.count_steps.size == curves.chain.steps + 1 and curves.count_steps.size <= 61:
            bars = ax.bar(curves.count_steps, curves.count_pmf, color="C0")
            bars[-1].set_color("black")
            bars[-1].set_label(T("all", lang))
            ax.legend(fontsize=8)
        else:
            ax.plot(curves.count_steps, curves.count_pmf, color="C0")
        ax.set(title=T("f", lang, k=curves.chain.steps), xlabel=T("count", lang), ylabel=T("prob", lang))


PANELS = (draw_p_curves, draw_scale_linear, draw_scale_log, draw_gains, draw_variants, draw_step_distribution)


def compound_figure(curves: CompoundCurves, lang: str = "en") -> Figure:
    """The six H1 panels of :func:`emergence.compound.curves`, in a 2 x 3 grid: (a)
    :func:`draw_p_curves`, (b) :func:`draw_scale_linear`, (c) :func:`draw_scale_log`, (d)
    :func:`draw_gains`, (e) :func:`draw_variants`, (f) :func:`draw_step_distribution`."""
    with style(lang) as lang:
        fig, axes = new_figure(2, 3, width=5.2, height=4.0, margins=MARGINS)
        for ax, draw in zip(axes.ravel(), PANELS):
            draw(ax, curves, lang)
        fig.suptitle(T("title", lang), fontsize=14)
    return fig


def draw_cot(ax: Axes, errors: CotErrors, lang: str = "en") -> None:
    """Paired bars of the chain-of-thought error table (:func:`emergence.evidence.cot_errors`):
    errors of the smaller model per category and those the larger one fixed, with shares and fix rates."""
    with style(lang) as lang:
        y = np.arange(len(errors.categories))[::-1]
        ax.barh(y + 0.18, errors.errors, height=0.36, color="#bdbdbd", label=COT("errors", lang))
        ax.barh(y - 0.18, errors.fixed, height=0.36, color="C0", label=COT("fixed", lang))
        for yi, e, f, share, rate in zip(y, errors.errors, errors.fixed, errors.share, errors.fix_rate):
            ax.text(e + 0.3, yi + 0.18, COT("label", lang, share=float(share), fixed=f, errors=e, rate=float(rate)),
                    va="center", fontsize=9)
        ax.set_yticks(y, [COT(name, lang) for name in errors.categories])
        ax.set_xlim(0, max(errors.errors) * 1.9)
        ax.set(xlabel=COT("count", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", fontsize=9)


def cot_figure(errors: CotErrors, lang: str = "en") -> Figure:
    """The chain-of-thought error table as one panel (:func:`draw_cot`), with title and source."""
    with style(lang) as lang:
        fig, axes = new_figure(1, 1, width=9.0, height=4.2)
        draw_cot(axes[0, 0], errors, lang)
        fig.suptitle(COT("title", lang), fontsize=13)
        fig.supxlabel(COT("source", lang), fontsize=8, color="0.35")
    return fig
