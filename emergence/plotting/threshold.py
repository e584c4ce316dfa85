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

from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n.threshold import FIG as T
from emergence.plotting._common import literal, new_figure, style

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


# --------------------------------------------------------------------------------------------
# dimensions: the bullet example


def _rung_colors(curves: DimensionCurves) -> list[str]:
    return [f"C{i % 9 + 1}" for i in range(len(curves.ladder.rungs))]


def draw_error(ax: Axes, curves: DimensionCurves, lang: str = "en") -> None:
    """R(d) on log-log axes, whole d as dots, the large-d form, and each capability's d_j and tolerance R(d_j)."""
    with style(lang) as lang:
        ax.plot(*_positive(curves.smooth_dims, curves.smooth_error), color="black", lw=2, label=T("smooth", lang))
        ax.plot(*_positive(curves.dims[1:], curves.error[1:]), "o", color="black", ms=5, label=T("whole", lang))
        ax.plot(*_positive(curves.smooth_dims, curves.smooth_approx), "--", color="grey", lw=1.2, label=T("approx", lang))
        for (name, d), (tau, _), color in zip(curves.ladder.rungs, curves.rung_windows, _rung_colors(curves)):
            if tau > 0:
                ax.axhline(tau, color=color, ls=":", lw=1.2)
                ax.plot([d], [tau], "s", color=color, ms=9, label=T("rung", lang, name=_name(name, lang), d=d, tau=tau))
        ax.set_xscale("log")
        _log_y(ax)
        if curves.dims[-1] <= 20:
            from matplotlib.ticker import FuncFormatter, NullLocator

            ax.set_xticks([int(d) for d in curves.dims[1:]])
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.xaxis.set_minor_locator(NullLocator())
        ax.set(title=T("dim_a", lang, s=curves.s), xlabel=T("d", lang), ylabel=T("R", lang))
        ax.legend(fontsize=8, loc="upper right")


def draw_staircase(ax: Axes, curves: DimensionCurves, lang: str = "en") -> None:
    """The share of capabilities present, a staircase in d, against the smooth energy captured 1 - R(d)."""
    with style(lang) as lang:
        n = len(curves.ladder.rungs)
        ax.step(curves.dims, curves.count / n, where="post", color="C0", lw=2.5, label=T("count", lang, n=n))
        ax.plot(curves.smooth_dims, 1.0 - curves.smooth_error, color="black", lw=1.5, label=T("captured", lang))
        for (name, d), color in zip(curves.ladder.rungs, _rung_colors(curves)):
            level = float(curves.count[d]) / n
            ax.plot([d], [level], "s", color=color, ms=9)
            ax.annotate(_name(name, lang), (d, level), xytext=(6, -14), textcoords="offset points", color=color, fontsize=10)
        ax.set(title=T("dim_b", lang), xlabel=T("d_lin", lang), ylabel=T("share", lang), ylim=(-0.02, 1.08),
               xlim=(0, curves.dims[-1]))
        ax.legend(fontsize=8, loc="lower right")


_SCENARIO_STYLE = (("black", "o"), ("C3", "s"), ("C0", "^"))


def draw_rmse(ax: Axes, projectile: Projectile, lang: str = "en") -> None:
    """The projectile fits' RMSE against the number of coefficients (vacuum, drag, noise), with the tolerances."""
    with style(lang) as lang:
        labels = (T("vacuum", lang), T("drag", lang, k=projectile.drag), T("noise", lang, sigma=projectile.noise))
        for row, label, (color, marker) in zip(projectile.rmse, labels, _SCENARIO_STYLE):
            ax.plot(*_positive(projectile.dims, row), marker=marker, color=color, label=label)
        for i, tol in enumerate(projectile.tolerances):
            ax.axhline(tol, color="grey", ls=":", lw=1, label=T("tolerance", lang) if i == 0 else None)
        ax.set_yscale("log")
        ax.set(title=T("dim_c", lang), xlabel=T("d_lin", lang), ylabel=T("rmse", lang), xticks=projectile.dims, ylim=(1e-16, 1e4))
        ax.legend(fontsize=8, loc="upper right")


def draw_fits(ax: Axes, projectile: Projectile, lang: str = "en") -> None:
    """The projectile data of the three scenarios and the vacuum fits with 1, 2 and 3 coefficients."""
    with style(lang) as lang:
        for d, fit, color in zip((1, 2, 3), projectile.fits, ("C7", "C8", "C2")):
            ax.plot(projectile.fine_t, fit, color=color, lw=1.5, label=T("fit", lang, d=d))
        for row, key, (color, marker) in zip(projectile.data, ("data_vacuum", "data_drag", "data_noise"), _SCENARIO_STYLE):
            ax.plot(projectile.t, row, marker, color=color, ms=5, ls="none", label=T(key, lang), alpha=0.85)
        ax.set(title=T("dim_d", lang), xlabel=T("t", lang), ylabel=T("y", lang))
        ax.legend(fontsize=8, loc="lower right", ncol=2)


def dimensions_figure(curves: DimensionCurves, lang: str = "en") -> Figure:
    """The bullet example from :func:`emergence.thresholds.dimensions.curves`: panels (a) to (d) above."""
    with style(lang) as lang:
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


def draw_observer_steps(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """q(N) and, for each threshold, one observer's step 1[q >= tau] with the level drawn."""
    with style(lang) as lang:
        ax.semilogx(curves.sizes, curves.quality, color="black", lw=2.5, label=T("q", lang))
        for i, (tau, step, pt) in enumerate(zip(curves.taus, curves.steps, curves.points)):
            ax.semilogx(curves.sizes, step, color=f"C{i}", lw=1.6, drawstyle="steps-post", label=T("step", lang, tau=tau, n=pt.at))
            ax.axhline(tau, color=f"C{i}", ls=":", lw=1)
        ax.set(title=T("obs_a", lang), xlabel=T("N", lang), ylabel=T("q", lang), ylim=(-0.03, 1.05))
        ax.legend(fontsize=8, loc="upper left")


def draw_raters(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """The share of a rater population who recognise the capability, with q(N) and one observer at the median."""
    with style(lang) as lang:
        mid = curves.raters.centre
        ax.semilogx(curves.sizes, curves.recognised, color="C4", lw=2.5, label=T("raters", lang))
        ax.semilogx(curves.sizes, curves.quality, color="black", ls="--", lw=1.2, label=T("q_line", lang))
        ax.semilogx(curves.sizes, (curves.quality >= mid).astype(float), color="grey", lw=1.2, drawstyle="steps-post",
                    label=T("single", lang, tau=mid))
        for share, size in zip(curves.population_shares, curves.population_sizes):
            if np.isfinite(size):
                ax.plot([size], [share], "o", color="C4", ms=6)
                ax.annotate(T("pop_mark", lang, pct=round(100 * share)), (size, share), xytext=(8, -4),
                            textcoords="offset points", fontsize=8, color="C4")
        ax.set(title=T("obs_b", lang, kind=T(curves.raters.kind, lang)), xlabel=T("N", lang), ylabel=T("fraction", lang),
               ylim=(-0.03, 1.05))
        ax.legend(fontsize=8, loc="upper left")


def draw_emergence_points(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """N*(tau) against tau on a log axis, with each chosen threshold and its slope."""
    with style(lang) as lang:
        ax.plot(*_positive(curves.tau_grid, curves.tau_grid_sizes), color="black", lw=2)
        for i, pt in enumerate(curves.points):
            if np.isfinite(pt.at):
                ax.plot([pt.threshold], [pt.at], "o", color=f"C{i}", ms=8, label=T("chosen", lang, tau=pt.threshold, sens=pt.sensitivity))
        _log_y(ax)
        ax.set(title=T("obs_c", lang), xlabel=T("tau", lang), ylabel=T("log_N_star", lang), xlim=(0, 1))
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8, loc="upper left")


def draw_seed_runs(ax: Axes, curves: ObserverCurves, lang: str = "en") -> None:
    """Each seed run's step, their mean (smooth) and q(N)."""
    with style(lang) as lang:
        for j, row in enumerate(curves.runs):
            ax.semilogx(curves.sizes, row, color="C0", alpha=0.25, lw=1, drawstyle="steps-post", label=T("run", lang) if j == 0 else None)
        ax.semilogx(curves.sizes, curves.runs_mean, color="C0", lw=2.5, label=T("run_mean", lang))
        ax.semilogx(curves.sizes, curves.quality, color="black", ls="--", lw=1.2, label=T("q_line", lang))
        ax.set(title=T("obs_d", lang, runs=curves.run_levels.size), xlabel=T("N", lang), ylabel=T("success", lang), ylim=(-0.03, 1.05))
        ax.legend(fontsize=8, loc="upper left")


def observers_figure(curves: ObserverCurves, lang: str = "en") -> Figure:
    """The observers from :func:`emergence.thresholds.observers.curves`: panels (a) to (c), and (d) when runs were simulated."""
    runs = curves.run_levels.size
    with style(lang) as lang:
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
    with style(lang) as lang:
        ax.plot(*_positive(curves.sizes, curves.excess), color="black", lw=2, drawstyle="steps-post", label=T("exact", lang))
        ax.plot(*_positive(curves.sizes, curves.excess_approx), "--", color="C3", lw=1.5, label=T("power", lang))
        ax.set_xscale("log")
        _log_y(ax)
        ax.set(title=T("quanta_a", lang, fit=curves.fitted_alpha), xlabel=T("N", lang), ylabel=T("loss", lang))
        ax.legend(fontsize=9)


def draw_quantum_steps(ax: Axes, curves: QuantaCurves, lang: str = "en") -> None:
    """The loss on predictions that need each shown quantum (a step at N = C k), and the mean loss."""
    with style(lang) as lang:
        for i, (k, row) in enumerate(zip(curves.quanta, curves.quantum_loss)):
            ax.semilogx(curves.sizes, row, color=f"C{i}", lw=1.4, drawstyle="steps-post", label=T("quantum", lang, k=k))
        ax.semilogx(curves.sizes, curves.loss, color="black", lw=2.5, label=T("mean", lang))
        ax.set(title=T("quanta_b", lang), xlabel=T("N", lang), ylabel=T("loss_lin", lang), ylim=(-0.02, 1.45 * curves.model.loss_before))
        ax.legend(fontsize=8, loc="upper right", ncol=2)


def draw_quanta_samples(ax: Axes, curves: QuantaCurves, lang: str = "en") -> None:
    """The loss of a monogenic sample (one quantum) and of a polygenic one (many), with the mean loss."""
    with style(lang) as lang:
        ax.semilogx(curves.sizes, curves.monogenic_loss, color="C3", lw=2, drawstyle="steps-post", label=T("mono", lang, k=curves.monogenic[0]))
        if curves.polygenic:
            ax.semilogx(curves.sizes, curves.polygenic_loss, color="C0", lw=2, drawstyle="steps-post",
                        label=T("poly", lang, m=len(curves.polygenic)))
        ax.semilogx(curves.sizes, curves.loss, color="black", ls="--", lw=1.2, label=T("mean", lang))
        ax.set(title=T("quanta_c", lang), xlabel=T("N", lang), ylabel=T("loss_lin", lang), ylim=(-0.02, 1.3 * curves.model.loss_before))
        ax.legend(fontsize=8, loc="upper right")


def quanta_figure(curves: QuantaCurves, lang: str = "en") -> Figure:
    """The quantization model from :func:`emergence.thresholds.quanta.curves`: panels (a) to (c)."""
    with style(lang) as lang:
        fig, axes = new_figure(1, 3, width=5.4, height=4.4)
        fig.suptitle(T("quanta_title", lang, alpha=curves.model.alpha), fontsize=14)
        ax_a, ax_b, ax_c = axes.ravel()
        draw_quanta_loss(ax_a, curves, lang)
        draw_quantum_steps(ax_b, curves, lang)
        draw_quanta_samples(ax_c, curves, lang)
    return fig


# --------------------------------------------------------------------------------------------
# composition


def draw_success(ax: Axes, curves: CompositionCurves, lang: str = "en") -> None:
    """P(n, t) for each n on a linear axis, the middle target P* and each curve's t* for it."""
    with style(lang) as lang:
        middle = len(curves.taus) // 2
        t = curves.steps
        for i, (n, row, points, reached) in enumerate(zip(curves.abilities, curves.success, curves.points, curves.point_success)):
            ax.plot(t, row, color=f"C{i}", lw=2, label=T("n", lang, n=n))
            if points[middle].at <= t[-1]:
                ax.plot([points[middle].at], [reached[middle]], "o", color=f"C{i}", ms=6)
        tau = curves.taus[middle]
        ax.axhline(tau, color="grey", ls=":", lw=1.2, label=T("t_star", lang, tau=tau))
        ax.set(title=T("comp_a", lang), xlabel=T("steps", lang), ylabel=T("P", lang), ylim=(-0.02, 1.02))
        ax.legend(fontsize=9, loc="lower right")


def draw_log_success(ax: Axes, curves: CompositionCurves, lang: str = "en") -> None:
    """P(n, t) for each n on a log axis (t >= 1; values that underflow to 0 are left out)."""
    with style(lang) as lang:
        for i, (n, row) in enumerate(zip(curves.abilities, curves.success)):
            ax.plot(*_positive(curves.steps, row), color=f"C{i}", lw=2, label=T("n", lang, n=n))
        _log_y(ax)
        ax.set(title=T("comp_b", lang), xlabel=T("steps", lang), ylabel=T("logP", lang))
        ax.legend(fontsize=9, loc="lower right")


def composition_figure(curves: CompositionCurves, lang: str = "en") -> Figure:
    """The toy model in the spirit of Okawa et al. from :func:`emergence.thresholds.composition.curves`: linear and log axes."""
    with style(lang) as lang:
        fig, axes = new_figure(1, 2, width=6.2, height=4.4)
        fig.suptitle(T("comp_title", lang, p=curves.p), fontsize=13)
        ax_a, ax_b = axes.ravel()
        draw_success(ax_a, curves, lang)
        draw_log_success(ax_b, curves, lang)
    return fig
