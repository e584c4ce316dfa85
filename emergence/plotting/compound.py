"""The H1 figure family (SCIENCE.md 1.5): how per-step accuracy compounds over k steps.

Each panel is a function ``draw_<panel>(ax, data, lang)`` that draws on any Axes; the figures
compose them. ``data`` is a :class:`emergence.compound.CompoundCurves` (or, for
:func:`draw_cot`, a :class:`emergence.evidence.CotErrors`); the panels compute nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n.compound import COT, FIGURE
from emergence.plotting._common import (
    LIGHT,
    NEUTRAL,
    SLIDE_MIN_PT,
    Cue,
    check_style,
    cue,
    current_kind,
    finish_slide,
    ink,
    label_lines,
    line_width,
    literal,
    new_figure,
    panel_title,
    size_axis,
    slide_figure,
    slide_title,
    text_size,
    untagged,
)
from emergence.plotting._common import style as styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.compound import CompoundCurves
    from emergence.evidence import CotErrors

T = FIGURE
MARGINS = {"left": 0.05, "right": 0.97, "top": 0.91, "bottom": 0.075, "wspace": 0.42, "hspace": 0.36}


def _cues(curves: CompoundCurves) -> dict[int, Cue]:
    """The task's own k takes the first cue (blue, solid), the other k the next ones in order."""
    own = curves.chain.steps
    order = [own] + [k for k in curves.steps if k != own]
    return {k: cue(i) for i, k in enumerate(order)}


def _width(k: int, own: int) -> float:
    return line_width(2.5 if k == own else 1.3)


def _finite(values: np.ndarray) -> np.ndarray:
    """The values with infinities as NaN (not drawn)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


_MARK_CUES = (("black", "o"), ("vermillion", "s"))  # the task's point, and the point at p_to


def draw_p_curves(ax: Axes, curves: CompoundCurves, lang: str = "en", *, only: tuple[int, ...] | None = None,
                  legend: bool = True) -> None:
    """Panel a: P against the shared per-step accuracy p for several k (``only`` these), the task's points marked."""
    with styled(lang) as lang:
        k_own = curves.chain.steps
        cues = _cues(curves)
        for k, row in zip(curves.steps, curves.success_vs_p):
            if only is None or k in only:
                c = cues[k]
                ax.plot(curves.p_grid, row, color=c.color, ls=c.linestyle, lw=_width(k, k_own), label=T("steps", lang, k=k))
        for (name, p, P), (color, marker) in zip(curves.marks, _MARK_CUES):
            ax.plot([p], [P], marker, ms=8, color=ink(color), zorder=5, label=T(f"mark_{name}", lang, p=p, P=P))
        ax.set(title=T("a", lang), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1), ylim=(0, 1.02))
        if legend:
            ax.legend(fontsize=text_size(8))


def draw_scale_linear(ax: Axes, curves: CompoundCurves, lang: str = "en", *, only: tuple[int, ...] | None = None,
                      legend: bool = True) -> None:
    """Panel b: P against model size N (log axis) under the p(N) map, for several k (``only`` these)."""
    with styled(lang) as lang:
        sweep, k_own, cues = curves.sweep, curves.chain.steps, _cues(curves)
        for k, row in zip(sweep.steps, sweep.success):
            if only is None or k in only:
                c = cues[k]
                ax.plot(sweep.sizes, row, color=c.color, ls=c.linestyle, lw=_width(k, k_own), label=T("steps", lang, k=k))
        size_axis(ax)
        ax.set(title=literal(T("b", lang, map=sweep.map_name)), xlabel=T("N", lang), ylabel=T("P", lang), ylim=(0, 1.02))
        if legend:
            ax.legend(fontsize=text_size(8))


def draw_scale_log(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel c: log10 P against model size N (log axis; P = 0 exactly is not drawn)."""
    with styled(lang) as lang:
        sweep, k_own, cues = curves.sweep, curves.chain.steps, _cues(curves)
        for k, row in zip(sweep.steps, sweep.log10_success):
            c = cues[k]
            ax.plot(sweep.sizes, _finite(row), color=c.color, ls=c.linestyle, lw=_width(k, k_own), label=T("steps", lang, k=k))
        size_axis(ax)
        finite = sweep.log10_success[np.isfinite(sweep.log10_success)]
        low = max(float(finite.min()) if finite.size else -10.0, -12.0)
        ax.set(title=T("c", lang), xlabel=T("N", lang), ylabel=T("logP", lang), ylim=(min(low, -0.1), 0.3))
        ax.legend(fontsize=text_size(8))


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
    with styled(lang) as lang:
        blue, vermillion = ink("blue"), ink("vermillion")
        if curves.relative_gain is None or curves.absolute_gain is None:
            ax.plot(curves.gain_steps, _log_axis(ax, curves.success_by_k), "o-", color=ink("black"))
            ax.set(title=T("d_k", lang, p=curves.marks[0][1]), xlabel=T("k", lang), ylabel=T("P", lang))
            return
        ax.plot(curves.gain_steps, _log_axis(ax, curves.relative_gain), "o-", color=blue, label=T("rel", lang))
        ax.set(title=T("d", lang, p1=curves.p_from, p2=curves.p_to), xlabel=T("k", lang), ylabel=T("rel", lang))
        twin = ax.twinx()
        twin.plot(curves.gain_steps, curves.absolute_gain, "s--", color=vermillion, label=T("abs", lang))
        # on a slide the large tick labels would touch the label: keep it clear of them
        twin.set_ylabel(T("abs", lang), color=vermillion, labelpad=14 if current_kind() == "slide" else 4)
        twin.grid(False)
        if curves.k_star is not None:
            twin.axvline(curves.k_star, color=vermillion, ls=":", lw=line_width(1.5), label=T("kstar", lang, k=curves.k_star))
        handles, labels = ax.get_legend_handles_labels()
        more_handles, more_labels = twin.get_legend_handles_labels()
        ax.legend(handles + more_handles, labels + more_labels, fontsize=text_size(8), loc="center right")


# colour, line style, marker (every tenth of the way along the curve), width: the second and third
# cues tell every pair apart without colour
_VARIANT_STYLES: dict[str, tuple[str, object, str, float]] = {
    "exact": ("black", "-", "", 2.5), "fraction": ("green", "-", "^", 1.5), "prefix": ("orange", "-", "D", 1.5),
    "pass": ("vermillion", "-.", "", 1.2), "vote": ("vermillion", ":", "", 1.2), "plurality": ("vermillion", ":", "X", 1.2)}
_BETA_STYLES = (("sky", "--", "o"), ("blue", "--", "s"), ("purple", "--", "v"))


def draw_variants(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel e: exact match against partial credit, correlated steps, pass@M and votes, for the task's k."""
    with styled(lang) as lang:
        betas = iter(_BETA_STYLES)
        for name, values in curves.variants.items():
            kind, *args = name.split("_")  # e.g. "beta_0.3", "pass_5", "plurality_5_10" (M, then N)
            if kind in _VARIANT_STYLES:
                color, ls, marker, lw = _VARIANT_STYLES[kind]
            else:
                color, ls, marker = next(betas, ("sky", (0, (3, 1, 1, 1, 1, 1)), "P"))
                lw = 1.2
            fields = dict(zip(("rho", "n") if kind == "beta" else ("m", "n"), args))
            ax.plot(curves.p_grid, values, color=ink(color), ls=ls, lw=line_width(lw), marker=marker or "None",
                    markevery=0.1, ms=5, label=T(kind, lang, **fields))
        ax.set(title=T("e", lang, k=curves.chain.steps), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1),
               ylim=(0, 1.02))
        ax.legend(fontsize=text_size(7))


def draw_step_distribution(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """Panel f: the distribution of the number of right steps in one attempt (bars up to k = 60)."""
    with styled(lang) as lang:
        if curves.count_steps.size == curves.chain.steps + 1 and curves.count_steps.size <= 61:
            bars = ax.bar(curves.count_steps, curves.count_pmf, color=ink("blue"))
            bars[-1].set_color(ink("black"))
            bars[-1].set_label(T("all", lang))
            ax.legend(fontsize=text_size(8))
        else:
            ax.plot(curves.count_steps, curves.count_pmf, color=ink("blue"), ls="-")
        ax.set(title=T("f", lang, k=curves.chain.steps), xlabel=T("count", lang), ylabel=T("prob", lang))


PANELS = (draw_p_curves, draw_scale_linear, draw_scale_log, draw_gains, draw_variants, draw_step_distribution)


def compound_figure(curves: CompoundCurves, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The six H1 panels of :func:`emergence.compound.curves`, in a 2 x 3 grid: (a)
    :func:`draw_p_curves`, (b) :func:`draw_scale_linear`, (c) :func:`draw_scale_log`, (d)
    :func:`draw_gains`, (e) :func:`draw_variants`, (f) :func:`draw_step_distribution`.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3) with two panels, one step (k = 1)
    against the whole task: P against p with the task's points marked, and P against model size.
    """
    check_style(style)
    if style == "slide":
        return _compound_slide(curves, lang, aspect)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 3, width=5.2, height=4.0, margins=MARGINS)
        for ax, draw in zip(axes.ravel(), PANELS):
            draw(ax, curves, lang)
        fig.suptitle(T("title", lang), fontsize=14)
    return fig


def _compound_slide(curves: CompoundCurves, lang: str, aspect: str) -> Figure:
    own = curves.chain.steps
    shown = (1, own) if own != 1 else (1,)
    with styled(lang, "slide") as lang:
        fig, axes = slide_figure(2, aspect=aspect)
        left, right = axes[0]
        draw_p_curves(left, curves, lang, only=shown, legend=False)
        left.set(xlim=(-0.02, 1.0), ylim=(-0.03, 1.03))  # the two 0.0 labels apart in the corner
        panel_title(left, untagged(T("a", lang)))
        marks = [line for line in left.get_lines() if line.get_linestyle() == "None"]
        for line in marks:
            line.set(markersize=13, clip_on=False)
        left.legend(handles=marks, loc="upper left")  # the upper left is empty: P <= p for every k
        label_lines(left, [line for line in left.get_lines() if line.get_linestyle() != "None"], at="best")
        draw_scale_linear(right, curves, lang, only=shown, legend=False)
        right.set_title("")
        label_lines(right, right.get_lines(), at="best")
        slide_title(fig, T("title", lang))
    return finish_slide(fig)


def draw_cot(ax: Axes, errors: CotErrors, lang: str = "en") -> None:
    """Paired bars of the chain-of-thought error table (:func:`emergence.evidence.cot_errors`):
    errors of the smaller model per category and those the larger one fixed, with shares and fix rates."""
    with styled(lang) as lang:
        y = np.arange(len(errors.categories))[::-1]
        ax.barh(y + 0.18, errors.errors, height=0.36, color=LIGHT, label=COT("errors", lang))
        ax.barh(y - 0.18, errors.fixed, height=0.36, color=ink("blue"), label=COT("fixed", lang))
        for yi, e, f, share, rate in zip(y, errors.errors, errors.fixed, errors.share, errors.fix_rate):
            ax.text(e + 0.3, yi + 0.18, COT("label", lang, share=float(share), fixed=f, errors=e, rate=float(rate)),
                    va="center", fontsize=text_size(9))
        ax.set_yticks(y, [COT(name, lang) for name in errors.categories])
        ax.set_xlim(0, max(errors.errors) * 1.9)
        ax.set(xlabel=COT("count", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", fontsize=text_size(9))


def cot_figure(errors: CotErrors, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The chain-of-thought error table as one panel (:func:`draw_cot`), with title and source;
    ``style="slide"``: the same panel as one slide (``aspect`` 16:9 or 4:3)."""
    check_style(style)
    with styled(lang, style) as lang:
        if style == "slide":
            fig, axes = slide_figure(1, aspect=aspect)
            draw_cot(axes[0, 0], errors, lang)
            slide_title(fig, COT("title", lang))
            fig.supxlabel(COT("source", lang), fontsize=SLIDE_MIN_PT, color=NEUTRAL)
            return finish_slide(fig)
        fig, axes = new_figure(1, 1, width=9.0, height=4.2)
        draw_cot(axes[0, 0], errors, lang)
        fig.suptitle(COT("title", lang), fontsize=13)
        fig.supxlabel(COT("source", lang), fontsize=8, color=NEUTRAL)
    return fig
