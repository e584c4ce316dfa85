"""The H3 figures (SCIENCE.md 3.8): thresholds crossed on smooth curves.

Each panel is a function ``draw_<panel>(ax, data, lang)`` that draws one result of the core (it
computes no model) on any ``Axes``; the figures compose them:

- :func:`dimensions_figure`: :func:`draw_error`, :func:`draw_staircase` (a
  :class:`~emergence.thresholds.dimensions.DimensionCurves`), :func:`draw_rmse`, :func:`draw_fits`
  (its :class:`~emergence.thresholds.dimensions.Projectile`);
- :func:`observers_figure`: :func:`draw_observer_steps`, :func:`draw_raters`,
  :func:`draw_emergence_points`, :func:`draw_seed_runs` (an ``ObserverCurves``);
- :func:`quanta_figure`: :func:`draw_quanta_loss`, :func:`draw_quantum_steps`,
  :func:`draw_quanta_samples` (a ``QuantaCurves``);
- :func:`composition_figure`: :func:`draw_success`, :func:`draw_log_success` (a ``CompositionCurves``).

User text (capability names) is drawn literally: a ``$`` is not read as mathtext. Only positive
values go on a log axis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from emergence.i18n.threshold import FIG as T
from emergence.plotting._common import (
    NEUTRAL,
    REFERENCE_LS,
    Cue,
    check_style,
    cue,
    current_kind,
    finish_slide,
    ink,
    label_lines,
    label_point,
    line_width,
    literal,
    marker_size,
    new_figure,
    panel_title,
    reference_line,
    size_axis,
    size_value,
    slide_figure,
    slide_title,
    text_size,
    untagged,
)
from emergence.plotting._common import style as styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from emergence.thresholds.composition import CompositionCurves
    from emergence.thresholds.dimensions import DimensionCurves, Projectile
    from emergence.thresholds.observers import ObserverCurves
    from emergence.thresholds.quanta import QuantaCurves

_KNOWN = ("shape", "position", "trajectory")


def _name(name: str, lang: str) -> str:
    return T(name, lang) if name in _KNOWN else literal(name)


def _positive(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points of a curve that a log axis can show (y finite and > 0)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(y) & (y > 0)
    return x[keep], y[keep]


def _log_y(ax: Axes) -> None:
    """A log y axis when something positive is drawn on it (else matplotlib would warn and show nothing)."""
    values = np.concatenate([np.asarray(line.get_ydata(), dtype=float).ravel() for line in ax.get_lines()] or [np.zeros(0)])
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size:
        if positive.min() == positive.max():  # one level only: give the axis a decade either side
            ax.set_ylim(positive.min() / 10, positive.max() * 10)
        ax.set_yscale("log")


def _legend(ax: Axes, legend: bool, **kwargs: Any) -> None:
    """A legend (when ``legend``), its text at ``fontsize`` on paper and the slide's size on a slide."""
    if legend:
        ax.legend(fontsize=text_size(float(kwargs.pop("fontsize", 8))), **kwargs)


# --------------------------------------------------------------------------------------------
# dimensions: the bullet example


def _rung_cues(curves: DimensionCurves) -> list[tuple[str, str]]:
    """(colour, marker) of each capability: the cues after the first (blue is the staircase's)."""
    return [(cue(i + 1).color, cue(i + 1).marker) for i in range(len(curves.ladder.rungs))]


def _percent_log_axis(ax: Axes) -> None:
    """A log y axis of fractions labelled as plain percentages (5%, 10%, 20%, ...), no 6×10⁻¹."""
    from matplotlib.ticker import FixedLocator, NullFormatter, PercentFormatter

    if ax.get_yscale() != "log":
        return
    low, high = ax.get_ylim()
    steps = (1, 2, 3, 4, 6, 8) if np.log10(high / low) <= 1.5 else (1, 2, 5)  # a short axis gets more ticks
    nice = np.array([m * 10.0**e for e in range(-6, 1) for m in steps])
    inside = nice[(nice >= low) & (nice <= high)]
    if inside.size < 2:
        return
    ax.yaxis.set_major_locator(FixedLocator(inside.tolist()))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=None if inside.min() < 0.01 else 0))
    ax.yaxis.set_minor_formatter(NullFormatter())


def draw_error(ax: Axes, curves: DimensionCurves, lang: str = "en", *, legend: bool = True) -> None:
    """R(d) on log-log axes, whole d as dots, the large-d form, and each capability's d_j and tolerance R(d_j).

    On a slide (inside ``style(lang, "slide")``) the panel says one thing in plain words: the error
    left falls smoothly with the parameters, each capability a level on it, labelled on its mark;
    no formula, no legend, the error as percentages (the large-d form is a detail of the paper figure).
    """
    with styled(lang) as lang:
        slide = current_kind() == "slide"
        black = ink("black")
        ax.plot(*_positive(curves.smooth_dims, curves.smooth_error), color=black, ls="-", lw=line_width(2), label=T("smooth", lang))
        ax.plot(*_positive(curves.dims[1:], curves.error[1:]), "o", color=black, ms=marker_size(5), label=T("whole", lang))
        if legend and not slide:
            ax.plot(*_positive(curves.smooth_dims, curves.smooth_approx), "--", color=NEUTRAL, lw=line_width(1.2),
                    label=T("approx", lang))
        marks = []
        for (name, d), (tau, _), (color, marker) in zip(curves.ladder.rungs, curves.rung_windows, _rung_cues(curves)):
            if tau > 0:
                ax.axhline(tau, color=color, ls=REFERENCE_LS, lw=line_width(1.2))
                label = T("rung_slide" if slide else "rung", lang, name=_name(name, lang), d=d, tau=tau)
                ax.plot([d], [tau], marker, color=color, ms=marker_size(9), label=label)
                marks.append((d, tau, label, color))
        ax.set_xscale("log")
        _log_y(ax)
        if curves.dims[-1] <= 20:
            from matplotlib.ticker import FuncFormatter, NullLocator

            ticks = [int(d) for d in curves.dims[1:]]
            if slide and len(ticks) > 8:  # 9 and 10 would run together
                ticks = [d for d in ticks if d <= 6 or d % 2 == 0 or d == ticks[-1]]
            ax.set_xticks(ticks)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.xaxis.set_minor_locator(NullLocator())
        if slide:
            ax.set(title=T("dim_a_slide", lang), xlabel=T("d_slide", lang), ylabel=T("R_slide", lang))
            _percent_log_axis(ax)
            for d, tau, label, color in marks:  # each capability named on its mark, below and left of it
                label_point(ax, d, tau, label, color=color, offset=(-12, -10), ha="right", va="top", arrow=False)
            return
        ax.set(title=T("dim_a", lang, s=curves.s), xlabel=T("d", lang), ylabel=T("R", lang))
        _legend(ax, legend, loc="upper right")


def draw_staircase(ax: Axes, curves: DimensionCurves, lang: str = "en", *, legend: bool = True) -> None:
    """The share of capabilities present, a staircase in d, against the smooth energy captured 1 - R(d).

    On a slide: plain-word labels (no 1 − R(d)), the share as percentages, the capabilities named
    left of their marks; the legend (two entries) is the caller's, under the slide.
    """
    with styled(lang) as lang:
        slide = current_kind() == "slide"
        n = len(curves.ladder.rungs)
        ax.step(curves.dims, curves.count / n, where="post", color=ink("blue"), ls="-", lw=line_width(2.5),
                label=T("count_slide" if slide else "count", lang, n=n))
        ax.plot(curves.smooth_dims, 1.0 - curves.smooth_error, color=ink("black"), ls="--", lw=line_width(1.5),
                label=T("captured_slide" if slide else "captured", lang))
        for (name, d), (color, marker) in zip(curves.ladder.rungs, _rung_cues(curves)):
            level = float(curves.count[d]) / n
            ax.plot([d], [level], marker, color=color, ms=marker_size(9))
            if legend and not slide:
                ax.annotate(_name(name, lang), (d, level), xytext=(6, -14), textcoords="offset points", color=color,
                            fontsize=text_size(10))
            else:  # on a slide: left of the mark, where the staircase leaves room
                ax.annotate(_name(name, lang), (d, level), xytext=(-12, 0), textcoords="offset points", color=color,
                            ha="right", va="center")
        ax.set(title=T("dim_b", lang), xlabel=T("d_slide" if slide else "d_lin", lang),
               ylabel=T("share_slide" if slide else "share", lang), ylim=(-0.02, 1.08), xlim=(0, curves.dims[-1]))
        if slide:
            from matplotlib.ticker import PercentFormatter

            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        _legend(ax, legend, loc="lower right")


_SCENARIO_STYLE = (("black", "o", "-"), ("vermillion", "s", "--"), ("blue", "^", "-."))


def draw_rmse(ax: Axes, projectile: Projectile, lang: str = "en") -> None:
    """The projectile fits' RMSE against the number of coefficients (vacuum, drag, noise), with the tolerances."""
    with styled(lang) as lang:
        labels = (T("vacuum", lang), T("drag", lang, k=projectile.drag), T("noise", lang, sigma=projectile.noise))
        for row, label, (color, marker, ls) in zip(projectile.rmse, labels, _SCENARIO_STYLE):
            ax.plot(*_positive(projectile.dims, row), marker=marker, ls=ls, color=ink(color), label=label)
        for i, tol in enumerate(projectile.tolerances):
            reference_line(ax, tol, T("tolerance", lang) if i == 0 else None, lw=line_width(1))
        ax.set_yscale("log")
        ax.set(title=T("dim_c", lang), xlabel=T("d_lin", lang), ylabel=T("rmse", lang), xticks=projectile.dims, ylim=(1e-16, 1e4))
        _legend(ax, True, loc="upper right")


def draw_fits(ax: Axes, projectile: Projectile, lang: str = "en") -> None:
    """The projectile data of the three scenarios and the vacuum fits with 1, 2 and 3 coefficients."""
    with styled(lang) as lang:
        for d, fit, (color, ls) in zip((1, 2, 3), projectile.fits, (("sky", ":"), ("orange", "--"), ("green", "-"))):
            ax.plot(projectile.fine_t, fit, color=ink(color), ls=ls, lw=line_width(1.5), label=T("fit", lang, d=d))
        for row, key, (color, marker, _) in zip(projectile.data, ("data_vacuum", "data_drag", "data_noise"), _SCENARIO_STYLE):
            ax.plot(projectile.t, row, marker, color=ink(color), ms=marker_size(5), ls="none", label=T(key, lang), alpha=0.85)
        ax.set(title=T("dim_d", lang), xlabel=T("t", lang), ylabel=T("y", lang))
        _legend(ax, True, loc="lower right", ncol=2)


def dimensions_figure(curves: DimensionCurves, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The bullet example from :func:`emergence.thresholds.dimensions.curves`: panels (a) to (d) above.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3): the smooth error R(d) with each
    capability's tolerance (a), and the staircase an observer reports (b).
    """
    check_style(style)
    if style == "slide":
        with styled(lang, "slide") as lang:
            fig, (axes,) = slide_figure(2, aspect=aspect)
            left, right = axes
            draw_error(left, curves, lang, legend=False)  # capabilities named on their marks
            draw_staircase(right, curves, lang, legend=False)
            fig.legend(handles=right.get_lines()[:2], loc="outside lower center", ncol=2)  # no corner of (b) is free
            for ax in axes:
                panel_title(ax, untagged(ax.get_title()))
            slide_title(fig, T("dim_slide_title", lang))
        return finish_slide(fig)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 2, width=6.4, height=4.4)
        fig.suptitle(T("dim_title", lang), fontsize=14)
        ax_a, ax_b, ax_c, ax_d = axes.ravel()
        draw_error(ax_a, curves, lang)
        draw_staircase(ax_b, curves, lang)
        draw_rmse(ax_c, curves.projectile, lang)
        draw_fits(ax_d, curves.projectile, lang)
    return fig


# --------------------------------------------------------------------------------------------
# observers


def _observer_cue(i: int) -> Cue:
    """Observer i's cue: the cycle after its first (solid) entry, which q(N), solid and black, has."""
    return cue(i + 1)


def draw_observer_steps(ax: Axes, curves: ObserverCurves, lang: str = "en", *, legend: bool = True) -> None:
    """q(N) and, for each threshold, one observer's step 1[q >= tau] with the level drawn."""
    with styled(lang) as lang:
        ax.plot(curves.sizes, curves.quality, color=ink("black"), ls="-", lw=line_width(2.5), label=T("q", lang))
        for i, (tau, step, pt) in enumerate(zip(curves.taus, curves.steps, curves.points)):
            c = _observer_cue(i)
            ax.plot(curves.sizes, step, color=c.color, ls=c.linestyle, lw=line_width(1.6), drawstyle="steps-post",
                    label=T("step", lang, tau=tau, n=size_value(pt.at)))
            ax.axhline(tau, color=c.color, ls=REFERENCE_LS, lw=line_width(1))
        size_axis(ax)
        ax.set(title=T("obs_a", lang), xlabel=T("N", lang), ylabel=T("q", lang), ylim=(-0.03, 1.05))
        _legend(ax, legend, loc="upper left")


def draw_raters(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """The share of a rater population who recognise the capability, with q(N) and one observer at the median."""
    with styled(lang) as lang:
        mid = curves.raters.centre
        purple = ink("purple")
        ax.plot(curves.sizes, curves.recognised, color=purple, ls="-", lw=line_width(2.5), label=T("raters", lang))
        ax.plot(curves.sizes, curves.quality, color=ink("black"), ls="--", lw=line_width(1.2), label=T("q_line", lang))
        ax.plot(curves.sizes, (curves.quality >= mid).astype(float), color=NEUTRAL, ls=":", lw=line_width(1.2), drawstyle="steps-post",
                label=T("single", lang, tau=mid))
        for share, size in zip(curves.population_shares, curves.population_sizes):
            if np.isfinite(size):
                ax.plot([size], [share], "o", color=purple, ms=marker_size(6))
                ax.annotate(T("pop_mark", lang, pct=round(100 * share)), (size, share), xytext=(8, -4),
                            textcoords="offset points", fontsize=text_size(8), color=purple)
        size_axis(ax)
        ax.set(title=T("obs_b", lang, kind=T(curves.raters.kind, lang)), xlabel=T("N", lang), ylabel=T("fraction", lang),
               ylim=(-0.03, 1.05))
        _legend(ax, True, loc="upper left")


def draw_emergence_points(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """N*(tau) against tau on a log axis, with each chosen threshold and its slope."""
    with styled(lang) as lang:
        ax.plot(*_positive(curves.tau_grid, curves.tau_grid_sizes), color=ink("black"), ls="-", lw=line_width(2))
        for i, pt in enumerate(curves.points):
            if np.isfinite(pt.at):
                c = _observer_cue(i)
                ax.plot([pt.threshold], [pt.at], c.marker, color=c.color, ms=marker_size(8),
                        label=T("chosen", lang, tau=pt.threshold, sens=pt.sensitivity))
        _log_y(ax)
        if ax.get_yscale() == "log":
            size_axis(ax, "y")
        ax.set(title=T("obs_c", lang), xlabel=T("tau", lang), ylabel=T("log_N_star", lang), xlim=(0, 1))
        if ax.get_legend_handles_labels()[0]:
            _legend(ax, True, loc="upper left")


def draw_seed_runs(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """Each seed run's step, their mean (smooth) and q(N)."""
    with styled(lang) as lang:
        blue = ink("blue")
        for j, row in enumerate(curves.runs):
            ax.plot(curves.sizes, row, color=blue, alpha=0.25, ls="-", lw=line_width(1), drawstyle="steps-post",
                    label=T("run", lang) if j == 0 else None)
        ax.plot(curves.sizes, curves.runs_mean, color=blue, ls="-.", lw=line_width(2.5), label=T("run_mean", lang))
        ax.plot(curves.sizes, curves.quality, color=ink("black"), ls="--", lw=line_width(1.2), label=T("q_line", lang))
        size_axis(ax)
        ax.set(title=T("obs_d", lang, runs=curves.run_levels.size), xlabel=T("N", lang), ylabel=T("success", lang), ylim=(-0.03, 1.05))
        _legend(ax, True, loc="upper left")


def observers_figure(curves: ObserverCurves, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The observers from :func:`emergence.thresholds.observers.curves`: panels (a) to (c), and (d) when runs were simulated.

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3): the smooth quality q(N) and each
    observer's verdict, a step where q crosses the observer's threshold (a).
    """
    check_style(style)
    if style == "slide":
        with styled(lang, "slide") as lang:
            fig, axes = slide_figure(1, aspect=aspect)
            ax = axes[0, 0]
            draw_observer_steps(ax, curves, lang, legend=False)
            for i, (tau, pt) in enumerate(zip(curves.taus, curves.points)):
                c = _observer_cue(i)
                if np.isfinite(pt.at):
                    ax.plot([pt.at], [tau], c.marker, color=c.color, zorder=5)
                    label_point(ax, pt.at, tau, T("step", lang, tau=tau, n=size_value(pt.at)), color=c.color,
                                offset=(-16, 6), ha="right", va="bottom", arrow=False).set_bbox(
                        {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})
            label_lines(ax, ax.get_lines()[:1], at=0.15)  # low on the curve, away from the observers
            panel_title(ax, untagged(ax.get_title()))
            slide_title(fig, T("obs_title", lang))
        return finish_slide(fig)
    runs = curves.run_levels.size
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(2, 2, width=6.2, height=4.2) if runs else new_figure(1, 3, width=5.6, height=4.4)
        fig.suptitle(T("obs_title", lang), fontsize=14)
        panels = axes.ravel()
        draw_observer_steps(panels[0], curves, lang)
        draw_raters(panels[1], curves, lang)
        draw_emergence_points(panels[2], curves, lang)
        if runs:
            draw_seed_runs(panels[3], curves, lang)
    return fig


# --------------------------------------------------------------------------------------------
# quanta


def draw_quanta_loss(ax: Axes, curves: QuantaCurves, lang: str = "en") -> None:
    """L - a against N on log-log axes: the exact mean loss (steps) and the power law."""
    with styled(lang) as lang:
        ax.plot(*_positive(curves.sizes, curves.excess), color=ink("black"), ls="-", lw=line_width(2), drawstyle="steps-post",
                label=T("exact", lang))
        ax.plot(*_positive(curves.sizes, curves.excess_approx), "--", color=ink("vermillion"), lw=line_width(1.5), label=T("power", lang))
        size_axis(ax)
        _log_y(ax)
        ax.set(title=T("quanta_a", lang, fit=curves.fitted_alpha), xlabel=T("N", lang), ylabel=T("loss", lang))
        _legend(ax, True, fontsize=9)


def draw_quantum_steps(ax: Axes, curves: QuantaCurves, lang: str = "en") -> None:
    """The loss on predictions that need each shown quantum (a step at N = C k), and the mean loss."""
    with styled(lang) as lang:
        for i, (k, row) in enumerate(zip(curves.quanta, curves.quantum_loss)):
            c = cue(i)
            ax.plot(curves.sizes, row, color=c.color, ls=c.linestyle, lw=line_width(1.4), drawstyle="steps-post",
                    label=T("quantum", lang, k=k))
        ax.plot(curves.sizes, curves.loss, color=ink("black"), ls="-", lw=line_width(2.5), marker="X", markevery=0.1, ms=marker_size(5),
                label=T("mean", lang))
        size_axis(ax)
        ax.set(title=T("quanta_b", lang), xlabel=T("N", lang), ylabel=T("loss_lin", lang), ylim=(-0.02, 1.45 * curves.model.loss_before))
        _legend(ax, True, loc="upper right", ncol=2)


def draw_quanta_samples(ax: Axes, curves: QuantaCurves, lang: str = "en") -> None:
    """The loss of a monogenic sample (one quantum) and of a polygenic one (many), with the mean loss."""
    with styled(lang) as lang:
        ax.plot(curves.sizes, curves.monogenic_loss, color=ink("vermillion"), ls="--", lw=line_width(2), drawstyle="steps-post",
                label=T("mono", lang, k=curves.monogenic[0]))
        if curves.polygenic:
            ax.plot(curves.sizes, curves.polygenic_loss, color=ink("blue"), ls="-", lw=line_width(2), drawstyle="steps-post",
                    label=T("poly", lang, m=len(curves.polygenic)))
        ax.plot(curves.sizes, curves.loss, color=ink("black"), ls=":", lw=line_width(1.2), label=T("mean", lang))
        size_axis(ax)
        ax.set(title=T("quanta_c", lang), xlabel=T("N", lang), ylabel=T("loss_lin", lang), ylim=(-0.02, 1.3 * curves.model.loss_before))
        _legend(ax, True, loc="upper right")


def quanta_figure(curves: QuantaCurves, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The quantization model from :func:`emergence.thresholds.quanta.curves`: panels (a) to (c).

    ``style="slide"``: one slide (``aspect`` 16:9 or 4:3): each quantum is a step, their mean a
    smooth curve (b).
    """
    check_style(style)
    if style == "slide":
        with styled(lang, "slide") as lang:
            fig, axes = slide_figure(1, aspect=aspect)
            ax = axes[0, 0]
            draw_quantum_steps(ax, curves, lang)
            panel_title(ax, untagged(ax.get_title()))
            slide_title(fig, T("quanta_title", lang, alpha=curves.model.alpha))
        return finish_slide(fig)
    with styled(lang, "paper") as lang:
        fig, axes = new_figure(1, 3, width=5.4, height=4.4)
        fig.suptitle(T("quanta_title", lang, alpha=curves.model.alpha), fontsize=14)
        ax_a, ax_b, ax_c = axes.ravel()
        draw_quanta_loss(ax_a, curves, lang)
        draw_quantum_steps(ax_b, curves, lang)
        draw_quanta_samples(ax_c, curves, lang)
    return fig


# --------------------------------------------------------------------------------------------
# composition


def draw_success(ax: Axes, curves: CompositionCurves, lang: str = "en", *, legend: bool = True) -> None:
    """P(n, t) for each n on a linear axis, the middle target P* and each curve's t* for it."""
    with styled(lang) as lang:
        middle = len(curves.taus) // 2
        t = curves.steps
        for i, (n, row, points, reached) in enumerate(zip(curves.abilities, curves.success, curves.points, curves.point_success)):
            c = cue(i)
            ax.plot(t, row, color=c.color, ls=c.linestyle, lw=line_width(2), label=T("n", lang, n=n))
            if points[middle].at <= t[-1]:
                ax.plot([points[middle].at], [reached[middle]], "o", color=c.color, ms=marker_size(6))
        tau = curves.taus[middle]
        reference_line(ax, tau, T("t_star", lang, tau=tau))
        ax.set(title=T("comp_a", lang), xlabel=T("steps", lang), ylabel=T("P", lang), ylim=(-0.02, 1.02))
        _legend(ax, legend, fontsize=9, loc="lower right")


def draw_log_success(ax: Axes, curves: CompositionCurves, lang: str = "en", *, legend: bool = True) -> None:
    """P(n, t) for each n on a log axis (t >= 1; values that underflow to 0 are left out)."""
    with styled(lang) as lang:
        for i, (n, row) in enumerate(zip(curves.abilities, curves.success)):
            c = cue(i)
            ax.plot(*_positive(curves.steps, row), color=c.color, ls=c.linestyle, lw=line_width(2), label=T("n", lang, n=n))
        _log_y(ax)
        ax.set(title=T("comp_b", lang), xlabel=T("steps", lang), ylabel=T("logP", lang))
        _legend(ax, legend, fontsize=9, loc="lower right")


def composition_figure(curves: CompositionCurves, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure:
    """The toy model in the spirit of Okawa et al. from :func:`emergence.thresholds.composition.curves`:
    linear and log axes (on a slide, ``style="slide"``, the same two panels, labelled on the curves)."""
    check_style(style)
    with styled(lang, style) as lang:
        if style == "slide":
            fig, (axes,) = slide_figure(2, aspect=aspect)
        else:
            fig, grid = new_figure(1, 2, width=6.2, height=4.4)
            axes = grid.ravel()
        ax_a, ax_b = axes
        draw_success(ax_a, curves, lang, legend=style == "paper")
        draw_log_success(ax_b, curves, lang, legend=style == "paper")
        if style == "paper":
            fig.suptitle(T("comp_title", lang, p=curves.p), fontsize=13)
            return fig
        names = {T("n", lang, n=n) for n in curves.abilities}
        for ax in axes:
            label_lines(ax, [line for line in ax.get_lines() if line.get_label() in names], at="best")
        tau = curves.taus[len(curves.taus) // 2]
        ax_a.annotate(T("t_star", lang, tau=tau), xy=(0.9, tau), xycoords=("axes fraction", "data"), xytext=(0.97, 0.4),
                      textcoords="axes fraction", ha="right", va="center", color=NEUTRAL,  # below the curves, late on: empty
                      arrowprops={"arrowstyle": "-", "color": NEUTRAL, "lw": 1.2, "shrinkA": 4, "shrinkB": 2})
        for ax in axes:
            panel_title(ax, untagged(ax.get_title()))
        slide_title(fig, T("comp_title", lang, p=curves.p))
    return finish_slide(fig)
