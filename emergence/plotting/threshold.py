"""The H3 figures (SCIENCE.md 3.8): thresholds crossed on smooth curves.

Each builder reads a result of the core (it computes no model) and returns a ``Figure``:
:func:`dimensions_figure` (H3b and the projectile fits), :func:`observers_figure` (H3a),
:func:`quanta_figure` (H3c) and :func:`composition_figure` (H3e).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n import Catalog
from emergence.plotting._common import new_figure, style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from emergence.composition import CompositionCurves
    from emergence.dimensions import DimensionCurves
    from emergence.quanta import QuantaCurves
    from emergence.thresholds import ObserverCurves

T = Catalog(
    en={
        "dim_title": "The bullet example: a staircase of capabilities on a smooth curve",
        "dim_a": "(a) Relative error R(d) = ζ(s, d+1)/ζ(s), s = {s:g}",
        "dim_b": "(b) What an observer reports: a staircase",
        "dim_c": "(c) Projectile fits: RMSE against coefficients",
        "dim_d": "(d) Projectile y = 10t − 4.9t² and fits with d coefficients",
        "d": "parameters d (log scale)",
        "d_lin": "parameters d",
        "R": "relative error R(d)",
        "smooth": "R(d), smooth (Hurwitz ζ)",
        "whole": "R(d), whole d",
        "approx": "large-d form d^(1−s)/((s−1)ζ(s))",
        "rung": "{name}: d = {d}, τ = {tau:.3g}",
        "share": "share",
        "count": "capabilities present (share of {n})",
        "captured": "1 − R(d): energy captured",
        "rmse": "RMSE against the true path (m, log scale)",
        "vacuum": "vacuum: genuine threshold at d = 3",
        "drag": "drag k = {k:g} /s: smooth fall",
        "noise": "noise σ = {sigma:g} m: best near d = 3, then fits the noise",
        "tolerance": "tolerances",
        "t": "time t (s)",
        "y": "height y (m)",
        "data_vacuum": "vacuum (data)",
        "data_drag": "drag (data)",
        "data_noise": "noise (data)",
        "fit": "fit, d = {d}",
        "shape": "shape",
        "position": "position",
        "trajectory": "trajectory",
        "obs_title": "A threshold on a smooth curve: where the capability \"emerges\" depends on who looks",
        "obs_a": "(a) Quality q(N) and single observers",
        "obs_b": "(b) A population of raters ({kind})",
        "logitnormal": "logit-normal thresholds",
        "beta": "beta thresholds",
        "obs_c": "(c) The emergence point moves with the threshold",
        "obs_d": "(d) {runs} seed runs: each jumps, the mean is smooth",
        "N": "model size N (parameters, log scale)",
        "q": "quality q(N)",
        "step": "observer τ = {tau:g}: N* = {n:.3g}",
        "fraction": "fraction recognising",
        "raters": "share of raters recognising",
        "single": "one observer, τ = {tau:g}",
        "pop_mark": "{pct} % of raters",
        "tau": "threshold τ",
        "log_N_star": "emergence point N*(τ) (log scale)",
        "chosen": "τ = {tau:g}: slope {sens:.3g} decades per unit τ",
        "run": "single runs",
        "run_mean": "mean over runs",
        "q_line": "q(N)",
        "success": "success",
        "quanta_title": "Quantization model: a smooth power law made of steps (α = {alpha:g})",
        "quanta_a": "(a) Mean loss: a power law (fitted exponent {fit:.3f})",
        "quanta_b": "(b) Each quantum is a step; their mean is smooth",
        "quanta_c": "(c) Monogenic and polygenic samples",
        "N_q": "model size N (parameters, log scale)",
        "loss": "L − a (nats, log scale)",
        "loss_lin": "loss (nats)",
        "exact": "exact: ζ(α+1, n+1)/ζ(α+1)",
        "power": "power law ∝ N^−α",
        "quantum": "quantum k = {k}",
        "mean": "mean loss",
        "mono": "monogenic: needs quantum {k}",
        "poly": "polygenic: needs {m} quanta",
        "comp_title": "Multiplicative emergence: all n abilities needed, P(n, t) = (1 − (1 − p)^t)^n, p = {p:g}",
        "comp_a": "(a) Linear axis: later and sharper with more abilities",
        "comp_b": "(b) Log axis: smooth all along",
        "steps": "training step t",
        "P": "success P(n, t)",
        "logP": "success P(n, t) (log scale)",
        "n": "n = {n}",
        "t_star": "P* = {tau:g} (dots: t*)",
    },
    zh={
        "dim_title": "子弹的例子：平滑曲线上的能力阶梯",
        "dim_a": "(a) 相对误差 R(d) = ζ(s, d+1)/ζ(s)，s = {s:g}",
        "dim_b": "(b) 观察者看到的：一个阶梯",
        "dim_c": "(c) 抛体拟合：RMSE 随系数个数变化",
        "dim_d": "(d) 抛体 y = 10t − 4.9t² 与 d 个系数的拟合",
        "d": "参数个数 d（对数刻度）",
        "d_lin": "参数个数 d",
        "R": "相对误差 R(d)",
        "smooth": "R(d)，平滑（Hurwitz ζ）",
        "whole": "R(d)，整数 d",
        "approx": "大 d 近似 d^(1−s)/((s−1)ζ(s))",
        "rung": "{name}：d = {d}，τ = {tau:.3g}",
        "share": "比例",
        "count": "已具备的能力（占 {n} 种的比例）",
        "captured": "1 − R(d)：已捕获的能量",
        "rmse": "相对真实轨迹的 RMSE（米，对数刻度）",
        "vacuum": "真空：d = 3 处是真正的阈值",
        "drag": "阻力 k = {k:g} /s：平滑下降",
        "noise": "噪声 σ = {sigma:g} 米：d = 3 附近最好，之后拟合噪声",
        "tolerance": "容差",
        "t": "时间 t（秒）",
        "y": "高度 y（米）",
        "data_vacuum": "真空（数据）",
        "data_drag": "阻力（数据）",
        "data_noise": "噪声（数据）",
        "fit": "拟合，d = {d}",
        "shape": "形状",
        "position": "位置",
        "trajectory": "轨迹",
        "obs_title": "平滑曲线上的阈值：能力在哪里“涌现”，取决于谁在看",
        "obs_a": "(a) 质量 q(N) 与单个观察者",
        "obs_b": "(b) 一群评价者（{kind}）",
        "logitnormal": "阈值服从 logit 正态分布",
        "beta": "阈值服从 beta 分布",
        "obs_c": "(c) 涌现点随阈值移动",
        "obs_d": "(d) {runs} 个随机种子：每个都跳变，平均是平滑的",
        "N": "模型规模 N（参数量，对数刻度）",
        "q": "质量 q(N)",
        "step": "观察者 τ = {tau:g}：N* = {n:.3g}",
        "fraction": "认可比例",
        "raters": "认可的评价者比例",
        "single": "单个观察者，τ = {tau:g}",
        "pop_mark": "{pct}% 的评价者",
        "tau": "阈值 τ",
        "log_N_star": "涌现点 N*(τ)（对数刻度）",
        "chosen": "τ = {tau:g}：斜率 {sens:.3g} 个数量级 / 单位 τ",
        "run": "单次训练",
        "run_mean": "各次训练的平均",
        "q_line": "q(N)",
        "success": "成功",
        "quanta_title": "量子化模型：由台阶组成的平滑幂律（α = {alpha:g}）",
        "quanta_a": "(a) 平均损失：幂律（拟合指数 {fit:.3f}）",
        "quanta_b": "(b) 每个量子是一个台阶，平均是平滑的",
        "quanta_c": "(c) 单基因与多基因样本",
        "N_q": "模型规模 N（参数量，对数刻度）",
        "loss": "L − a（nats，对数刻度）",
        "loss_lin": "损失（nats）",
        "exact": "精确值：ζ(α+1, n+1)/ζ(α+1)",
        "power": "幂律 ∝ N^−α",
        "quantum": "量子 k = {k}",
        "mean": "平均损失",
        "mono": "单基因：依赖量子 {k}",
        "poly": "多基因：依赖 {m} 个量子",
        "comp_title": "乘法式涌现：需要全部 n 种能力，P(n, t) = (1 − (1 − p)^t)^n，p = {p:g}",
        "comp_a": "(a) 线性纵轴：能力越多，出现越晚越陡",
        "comp_b": "(b) 对数纵轴：始终平滑",
        "steps": "训练步数 t",
        "P": "成功率 P(n, t)",
        "logP": "成功率 P(n, t)（对数刻度）",
        "n": "n = {n}",
        "t_star": "P* = {tau:g}（圆点：t*）",
    },
)

_KNOWN = ("shape", "position", "trajectory")


def _name(name: str, lang: str) -> str:
    return T(name, lang) if name in _KNOWN else name


def dimensions_figure(curves: DimensionCurves, lang: str = "en") -> Figure:
    """Draw the bullet example from :func:`emergence.dimensions.curves`; returns a ``Figure``.

    (a) R(d) on log-log axes with each capability's d_j and tolerance R(d_j) marked; (b) the
    staircase of capabilities present against the smooth energy captured 1 - R(d); (c) the
    projectile fits' RMSE against d with the tolerances; (d) the projectile data and the vacuum
    fits with 1, 2 and 3 coefficients.
    """
    from matplotlib.ticker import FuncFormatter

    with style(lang) as lang:
        fig, axes = new_figure(2, 2, width=6.4, height=4.4)
        ax_a, ax_b, ax_c, ax_d = axes.ravel()
        fig.suptitle(T("dim_title", lang), fontsize=14)
        colors = [f"C{i + 1}" for i in range(len(curves.ladder.rungs))]

        ax_a.loglog(curves.smooth_dims, curves.smooth_error, color="black", lw=2, label=T("smooth", lang))
        ax_a.loglog(curves.dims[1:], curves.error[1:], "o", color="black", ms=5, label=T("whole", lang))
        ax_a.loglog(curves.smooth_dims, curves.smooth_approx, "--", color="grey", lw=1.2, label=T("approx", lang))
        for (name, d), (tau, _), color in zip(curves.ladder.rungs, curves.rung_windows, colors):
            ax_a.axhline(tau, color=color, ls=":", lw=1.2)
            ax_a.plot([d], [tau], "s", color=color, ms=9, label=T("rung", lang, name=_name(name, lang), d=d, tau=tau))
        ax_a.set(title=T("dim_a", lang, s=curves.s), xlabel=T("d", lang), ylabel=T("R", lang))
        ax_a.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax_a.set_xticks([int(d) for d in curves.dims[1:] if d <= 10 or d % 5 == 0])
        ax_a.set_xticks([], minor=True)
        some = FuncFormatter(lambda v, _: f"{v:g}" if f"{v:.0e}"[0] in "125" else "")
        ax_a.yaxis.set_major_formatter(some)
        ax_a.yaxis.set_minor_formatter(some)
        ax_a.legend(fontsize=8, loc="upper right")

        n = len(curves.ladder.rungs)
        ax_b.step(curves.dims, curves.count / n, where="post", color="C0", lw=2.5, label=T("count", lang, n=n))
        ax_b.plot(curves.smooth_dims, 1.0 - curves.smooth_error, color="black", lw=1.5, label=T("captured", lang))
        for (name, d), color in zip(curves.ladder.rungs, colors):
            level = float(curves.count[d]) / n
            ax_b.plot([d], [level], "s", color=color, ms=9)
            ax_b.annotate(_name(name, lang), (d, level), xytext=(6, -14), textcoords="offset points", color=color, fontsize=10)
        ax_b.set(title=T("dim_b", lang), xlabel=T("d_lin", lang), ylabel=T("share", lang), ylim=(-0.02, 1.08),
                 xlim=(0, curves.dims[-1]))
        ax_b.legend(fontsize=8, loc="lower right")

        pr = curves.projectile
        labels = (T("vacuum", lang), T("drag", lang, k=pr.drag), T("noise", lang, sigma=pr.noise))
        for row, label, color, marker in zip(pr.rmse, labels, ("black", "C3", "C0"), ("o", "s", "^")):
            ax_c.semilogy(pr.dims, row, marker=marker, color=color, label=label)
        for i, tol in enumerate(pr.tolerances):
            ax_c.axhline(tol, color="grey", ls=":", lw=1, label=T("tolerance", lang) if i == 0 else None)
        ax_c.set(title=T("dim_c", lang), xlabel=T("d_lin", lang), ylabel=T("rmse", lang), xticks=pr.dims, ylim=(1e-16, 1e4))
        ax_c.legend(fontsize=8, loc="upper right")

        for d, fit, color in zip((1, 2, 3), pr.fits, ("C7", "C8", "C2")):
            ax_d.plot(pr.fine_t, fit, color=color, lw=1.5, label=T("fit", lang, d=d))
        for row, key, color, marker in zip(pr.data, ("data_vacuum", "data_drag", "data_noise"), ("black", "C3", "C0"), ("o", "s", "^")):
            ax_d.plot(pr.t, row, marker, color=color, ms=5, ls="none", label=T(key, lang), alpha=0.85)
        ax_d.set(title=T("dim_d", lang), xlabel=T("t", lang), ylabel=T("y", lang))
        ax_d.legend(fontsize=8, loc="lower right", ncol=2)
    return fig


def observers_figure(curves: ObserverCurves, lang: str = "en") -> Figure:
    """Draw H3a from :func:`emergence.thresholds.curves`; returns a ``Figure``.

    (a) q(N) with one observer's step for each threshold; (b) the share of a rater population
    who recognise the capability; (c) the emergence point N*(tau) against tau; (d) seed runs and
    their mean (only when runs were simulated).
    """
    runs = curves.runs.shape[0]
    with style(lang) as lang:
        fig, axes = new_figure(2, 2, width=6.2, height=4.2) if runs else new_figure(1, 3, width=5.6, height=4.4)
        ax_a, ax_b, ax_c = axes.ravel()[:3]
        fig.suptitle(T("obs_title", lang), fontsize=14)
        n = curves.sizes

        ax_a.semilogx(n, curves.quality, color="black", lw=2.5, label=T("q", lang))
        for i, (tau, step, pt) in enumerate(zip(curves.taus, curves.steps, curves.points)):
            color = f"C{i}"
            ax_a.semilogx(n, step, color=color, lw=1.6, drawstyle="steps-post", label=T("step", lang, tau=tau, n=pt.at))
            ax_a.axhline(tau, color=color, ls=":", lw=1)
        ax_a.set(title=T("obs_a", lang), xlabel=T("N", lang), ylabel=T("q", lang), ylim=(-0.03, 1.05))
        ax_a.legend(fontsize=8, loc="upper left")

        mid = curves.raters.centre
        ax_b.semilogx(n, curves.recognised, color="C4", lw=2.5, label=T("raters", lang))
        ax_b.semilogx(n, curves.quality, color="black", ls="--", lw=1.2, label=T("q_line", lang))
        ax_b.semilogx(n, (curves.quality >= mid).astype(float), color="grey", lw=1.2, drawstyle="steps-post",
                      label=T("single", lang, tau=mid))
        for share, size in zip(curves.population_shares, curves.population_sizes):
            ax_b.plot([size], [share], "o", color="C4", ms=6)
            ax_b.annotate(T("pop_mark", lang, pct=round(100 * share)), (size, share), xytext=(8, -4),
                          textcoords="offset points", fontsize=8, color="C4")
        ax_b.set(title=T("obs_b", lang, kind=T(curves.raters.kind, lang)), xlabel=T("N", lang), ylabel=T("fraction", lang), ylim=(-0.03, 1.05))
        ax_b.legend(fontsize=8, loc="upper left")

        ax_c.semilogy(curves.tau_grid, curves.tau_grid_sizes, color="black", lw=2)
        for i, pt in enumerate(curves.points):
            ax_c.plot([pt.threshold], [pt.at], "o", color=f"C{i}", ms=8, label=T("chosen", lang, tau=pt.threshold, sens=pt.sensitivity))
        ax_c.set(title=T("obs_c", lang), xlabel=T("tau", lang), ylabel=T("log_N_star", lang), xlim=(0, 1))
        ax_c.legend(fontsize=8, loc="upper left")

        if runs:
            ax_d = axes.ravel()[3]
            for j, row in enumerate(curves.runs):
                ax_d.semilogx(n, row, color="C0", alpha=0.25, lw=1, drawstyle="steps-post", label=T("run", lang) if j == 0 else None)
            ax_d.semilogx(n, curves.runs.mean(axis=0), color="C0", lw=2.5, label=T("run_mean", lang))
            ax_d.semilogx(n, curves.quality, color="black", ls="--", lw=1.2, label=T("q_line", lang))
            ax_d.set(title=T("obs_d", lang, runs=runs), xlabel=T("N", lang), ylabel=T("success", lang), ylim=(-0.03, 1.05))
            ax_d.legend(fontsize=8, loc="upper left")
    return fig


def quanta_figure(curves: QuantaCurves, lang: str = "en") -> Figure:
    """Draw H3c from :func:`emergence.quanta.curves`; returns a ``Figure``.

    (a) the mean loss against N on log-log axes, exact and power law; (b) the per-quantum
    losses as steps with the mean; (c) monogenic and polygenic samples.
    """
    model = curves.model
    with style(lang) as lang:
        fig, axes = new_figure(1, 3, width=5.4, height=4.4)
        ax_a, ax_b, ax_c = axes.ravel()
        fig.suptitle(T("quanta_title", lang, alpha=model.alpha), fontsize=14)
        n = curves.sizes
        above = curves.loss - model.loss_after
        learned = curves.learned > 0

        ax_a.loglog(n, above, color="black", lw=2, drawstyle="steps-post", label=T("exact", lang))
        ax_a.loglog(n[learned], curves.loss_approx[learned] - model.loss_after, "--", color="C3", lw=1.5, label=T("power", lang))
        ax_a.set(title=T("quanta_a", lang, fit=curves.fitted_alpha), xlabel=T("N_q", lang), ylabel=T("loss", lang))
        ax_a.legend(fontsize=9)

        for i, (k, row) in enumerate(zip(curves.quanta, curves.quantum_loss)):
            ax_b.semilogx(n, row, color=f"C{i}", lw=1.4, drawstyle="steps-post", label=T("quantum", lang, k=k))
        ax_b.semilogx(n, curves.loss, color="black", lw=2.5, label=T("mean", lang))
        ax_b.set(title=T("quanta_b", lang), xlabel=T("N_q", lang), ylabel=T("loss_lin", lang),
                 ylim=(-0.02, 1.45 * model.loss_before))
        ax_b.legend(fontsize=8, loc="upper right", ncol=2)

        ax_c.semilogx(n, curves.monogenic_loss, color="C3", lw=2, drawstyle="steps-post", label=T("mono", lang, k=curves.monogenic[0]))
        if curves.polygenic:
            ax_c.semilogx(n, curves.polygenic_loss, color="C0", lw=2, drawstyle="steps-post",
                          label=T("poly", lang, m=len(curves.polygenic)))
        ax_c.semilogx(n, curves.loss, color="black", ls="--", lw=1.2, label=T("mean", lang))
        ax_c.set(title=T("quanta_c", lang), xlabel=T("N_q", lang), ylabel=T("loss_lin", lang),
                 ylim=(-0.02, 1.3 * model.loss_before))
        ax_c.legend(fontsize=8, loc="upper right")
    return fig


def composition_figure(curves: CompositionCurves, lang: str = "en") -> Figure:
    """Draw H3e from :func:`emergence.composition.curves`: P(n, t) for each n on linear and log axes."""
    with style(lang) as lang:
        fig, axes = new_figure(1, 2, width=6.2, height=4.4)
        ax_a, ax_b = axes.ravel()
        fig.suptitle(T("comp_title", lang, p=curves.p), fontsize=13)
        t = curves.steps
        middle = len(curves.taus) // 2
        for i, (k, row, points) in enumerate(zip(curves.abilities, curves.success, curves.points)):
            color = f"C{i}"
            ax_a.plot(t, row, color=color, lw=2, label=T("n", lang, n=k))
            with np.errstate(divide="ignore"):
                ax_b.semilogy(t[1:], row[1:], color=color, lw=2, label=T("n", lang, n=k))
            pt = points[middle]
            if pt.at <= t[-1]:
                ax_a.plot([pt.at], [row[int(pt.at)]], "o", color=color, ms=6)
        tau = curves.taus[middle]
        ax_a.axhline(tau, color="grey", ls=":", lw=1.2, label=T("t_star", lang, tau=tau))
        ax_a.set(title=T("comp_a", lang), xlabel=T("steps", lang), ylabel=T("P", lang), ylim=(-0.02, 1.02))
        ax_a.legend(fontsize=9, loc="lower right")
        ax_b.set(title=T("comp_b", lang), xlabel=T("steps", lang), ylabel=T("logP", lang))
        ax_b.legend(fontsize=9, loc="lower right")
    return fig
