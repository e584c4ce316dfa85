"""The H1 figure family (SCIENCE.md 1.5): how per-step accuracy compounds over k steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from emergence.i18n import Catalog
from emergence.plotting._common import new_figure, style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from emergence.compound import CompoundCurves
    from emergence.evidence import CotErrors

T = Catalog(
    en={
        "title": "Multi-step tasks: smooth per-step progress, a sudden-looking whole task",
        "a": "(a) End-to-end success P = p^k",
        "b": "(b) Success against scale ({map})",
        "c": "(c) The same on a log axis: smooth all along",
        "d": "(d) Gain from p = {p1:g} to {p2:g}",
        "d_k": "(d) Each step multiplies P by p = {p:.3g}",
        "e": "(e) Scoring the same {k}-step task",
        "f": "(f) Steps right in one attempt (k = {k})",
        "p": "per-step accuracy p",
        "P": "end-to-end success P",
        "logP": "log10 P",
        "N": "model size N (parameters, log10 scale)",
        "k": "number of steps k",
        "rel": "relative gain (log scale)",
        "abs": "absolute gain (probability)",
        "kstar": "k* = {k:.3g} (largest absolute gain)",
        "steps": "k = {k}",
        "mark_p": "p = {p:.3g}: P = {P:.4g}",
        "mark_p_to": "p = {p:.3g}: P = {P:.4g}",
        "mark_p_equivalent": "your steps (as shared p = {p:.3g}): P = {P:.4g}",
        "exact": "exact match (all steps)",
        "fraction": "fraction of steps right",
        "prefix": "prefix credit (until first error)",
        "beta": "correlated, rho = {rho}",
        "pass": "pass@{m}",
        "vote": "majority of {m}",
        "count": "number of steps right",
        "prob": "probability",
        "all": "all right = exact match",
    },
    zh={
        "title": "多步任务：每步平滑进步，整体任务看似突变",
        "a": "(a) 整体成功率 P = p^k",
        "b": "(b) 成功率随规模变化（{map}）",
        "c": "(c) 对数纵轴下：始终平滑",
        "d": "(d) p 从 {p1:g} 提高到 {p2:g} 的增益",
        "d_k": "(d) 每多一步，P 乘以 p = {p:.3g}",
        "e": "(e) 同一 {k} 步任务的不同计分",
        "f": "(f) 单次尝试中做对的步数（k = {k}）",
        "p": "每步正确率 p",
        "P": "整体成功率 P",
        "logP": "log10 P",
        "N": "模型规模 N（参数量，log10 刻度）",
        "k": "步数 k",
        "rel": "相对增益（对数刻度）",
        "abs": "绝对增益（概率）",
        "kstar": "k* = {k:.3g}（绝对增益最大）",
        "steps": "k = {k}",
        "mark_p": "p = {p:.3g}：P = {P:.4g}",
        "mark_p_to": "p = {p:.3g}：P = {P:.4g}",
        "mark_p_equivalent": "你的各步（等效统一 p = {p:.3g}）：P = {P:.4g}",
        "exact": "完全匹配（所有步骤）",
        "fraction": "做对步骤的比例",
        "prefix": "前缀得分（到第一个错误为止）",
        "beta": "相关错误，rho = {rho}",
        "pass": "pass@{m}",
        "vote": "{m} 次多数投票",
        "count": "做对的步数",
        "prob": "概率",
        "all": "全对 = 完全匹配",
    },
)


MARGINS = {"left": 0.05, "right": 0.97, "top": 0.91, "bottom": 0.075, "wspace": 0.42, "hspace": 0.36}


def compound_figure(curves: CompoundCurves, lang: str = "en") -> Figure:
    """Draw the H1 panels from :func:`emergence.compound.curves`; returns a ``Figure``.

    (a) P against p for several k with the task's points marked; (b) P against log10 N under a
    p(N) map; (c) log10 P against log10 N; (d) relative and absolute gain against k (only with a
    ``p_to``; otherwise P against k on a log axis); (e) exact match against partial-credit and attempt variants; (f) the distribution
    of the number of right steps.
    """
    with style(lang) as lang:
        fig, axes = new_figure(2, 3, width=5.2, height=4.0, margins=MARGINS)
        ax_a, ax_b, ax_c, ax_d, ax_e, ax_f = axes.ravel()
        fig.suptitle(T("title", lang), fontsize=14)
        k_own = curves.chain.steps
        colors = {k: f"C{i}" for i, k in enumerate(curves.steps)}

        for k, row in zip(curves.steps, curves.success_vs_p):
            ax_a.plot(curves.p_grid, row, color=colors[k], lw=2.5 if k == k_own else 1.3, label=T("steps", lang, k=k))
        for i, (name, p, P) in enumerate(curves.marks):
            ax_a.plot([p], [P], "o", ms=8, color="black" if i == 0 else "crimson", zorder=5,
                      label=T(f"mark_{name}", lang, p=p, P=P))
        ax_a.set(title=T("a", lang), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1), ylim=(0, 1.02))
        ax_a.legend(fontsize=8)

        sweep = curves.sweep
        x = np.log10(sweep.sizes)
        with np.errstate(divide="ignore"):
            for k, row, logrow in zip(sweep.steps, sweep.success, sweep.log10_success):
                lw = 2.5 if k == k_own else 1.3
                ax_b.plot(x, row, color=colors[k], lw=lw, label=T("steps", lang, k=k))
                ax_c.plot(x, logrow, color=colors[k], lw=lw, label=T("steps", lang, k=k))
        ax_b.set(title=T("b", lang, map=sweep.map_name), xlabel=T("N", lang), ylabel=T("P", lang), ylim=(0, 1.02))
        ax_b.legend(fontsize=8)
        finite = sweep.log10_success[np.isfinite(sweep.log10_success)]
        low = max(float(finite.min()) if finite.size else -10.0, -12.0)
        ax_c.set(title=T("c", lang), xlabel=T("N", lang), ylabel=T("logP", lang), ylim=(low, 0.3))
        ax_c.legend(fontsize=8)

        if curves.relative_gain is not None:
            ax_d.semilogy(curves.gain_steps, curves.relative_gain, "o-", color="C0", label=T("rel", lang))
            ax_d.set(title=T("d", lang, p1=curves.p_from, p2=curves.p_to), xlabel=T("k", lang), ylabel=T("rel", lang))
            twin = ax_d.twinx()
            twin.plot(curves.gain_steps, curves.absolute_gain, "s--", color="C3", label=T("abs", lang))
            twin.set_ylabel(T("abs", lang), color="C3")
            twin.grid(False)
            if curves.k_star is not None:
                twin.axvline(curves.k_star, color="C3", ls=":", label=T("kstar", lang, k=curves.k_star))
            handles = ax_d.get_legend_handles_labels()
            more = twin.get_legend_handles_labels()
            ax_d.legend(handles[0] + more[0], handles[1] + more[1], fontsize=8, loc="center right")
        else:
            ax_d.semilogy(curves.gain_steps, curves.success_by_k, "o-", color="black")
            ax_d.set(title=T("d_k", lang, p=curves.marks[0][1]), xlabel=T("k", lang), ylabel=T("P", lang))

        styles = {"exact": ("black", "-", 2.5), "fraction": ("C2", "-", 1.5), "prefix": ("C1", "-", 1.5),
                  "pass": ("C3", "--", 1.2), "vote": ("C4", "--", 1.2)}
        blues = iter(("#9ecae1", "#4292c6", "#08519c"))
        for name, values in curves.variants.items():
            kind, _, arg = name.partition("_")
            color, ls, lw = styles.get(kind) or (next(blues, "C0"), "--", 1.2)
            label = T(kind, lang, rho=arg, m=arg) if arg else T(kind, lang)
            ax_e.plot(curves.p_grid, values, color=color, ls=ls, lw=lw, label=label)
        ax_e.set(title=T("e", lang, k=k_own), xlabel=T("p", lang), ylabel=T("P", lang), xlim=(0, 1), ylim=(0, 1.02))
        ax_e.legend(fontsize=7)

        pmf = curves.count_pmf
        j = np.arange(pmf.size)
        if pmf.size <= 61:
            bars = ax_f.bar(j, pmf, color="C0")
            bars[-1].set_color("black")
            bars[-1].set_label(T("all", lang))
            ax_f.legend(fontsize=8)
        else:
            ax_f.plot(j, pmf, color="C0")
        ax_f.set(title=T("f", lang, k=k_own), xlabel=T("count", lang), ylabel=T("prob", lang))
    return fig


C = Catalog(
    en={
        "title": "Scaling PaLM 62B to 540B fixed mostly the one-step-missing errors",
        "source": "45 GSM8K errors of PaLM 62B read by hand; chain-of-thought prompting (Wei et al. 2022, app. A.1, Fig. 9)",
        "semantic": "semantic understanding",
        "one_step_missing": "one step missing",
        "other": "other (hallucination,\nrepetition, symbol mapping)",
        "errors": "errors of PaLM 62B",
        "fixed": "fixed by PaLM 540B",
        "count": "number of errors",
        "label": "{share:.0%} of errors; {fixed}/{errors} fixed ({rate:.0%})",
    },
    zh={
        "title": "PaLM 从 62B 扩大到 540B，修正的主要是“缺一步”错误",
        "source": "人工阅读 PaLM 62B 在 GSM8K 上的 45 个错误，使用思维链提示（Wei 等 2022，附录 A.1、图 9）",
        "semantic": "语义理解错误",
        "one_step_missing": "缺少一步",
        "other": "其他（幻觉、重复、\n符号映射）",
        "errors": "PaLM 62B 的错误",
        "fixed": "PaLM 540B 修正的",
        "count": "错误数",
        "label": "占错误的 {share:.0%}；修正 {fixed}/{errors}（{rate:.0%}）",
    },
)


def cot_figure(errors: CotErrors, lang: str = "en") -> Figure:
    """Paired bars of the chain-of-thought error table (:func:`emergence.evidence.cot_errors`):
    errors of the smaller model per category, those the larger one fixed, with shares and fix rates."""
    with style(lang) as lang:
        fig, axes = new_figure(1, 1, width=9.0, height=4.2)
        ax = axes[0, 0]
        y = np.arange(len(errors.categories))[::-1]
        ax.barh(y + 0.18, errors.errors, height=0.36, color="#bdbdbd", label=C("errors", lang))
        ax.barh(y - 0.18, errors.fixed, height=0.36, color="C0", label=C("fixed", lang))
        for yi, e, f, share, rate in zip(y, errors.errors, errors.fixed, errors.share, errors.fix_rate):
            ax.text(e + 0.3, yi + 0.18, C("label", lang, share=float(share), fixed=f, errors=e, rate=float(rate)),
                    va="center", fontsize=9)
        ax.set_yticks(y, [C(name, lang) for name in errors.categories])
        ax.set_xlim(0, max(errors.errors) * 1.9)
        ax.set(xlabel=C("count", lang))
        fig.suptitle(C("title", lang), fontsize=13)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", fontsize=9)
        fig.supxlabel(C("source", lang), fontsize=8, color="0.35")
    return fig
