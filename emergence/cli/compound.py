"""``emergence compound``: hypothesis 1, a task of k steps succeeds only if every step does."""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Annotated

import typer

from emergence import _validate as check
from emergence import compound as core
from emergence import render
from emergence.cli._common import Lang, bad, check_output, parse_float_list, parse_sizes, progress, resolve_seed
from emergence.i18n import Catalog, default_language
from emergence.render import fmt, fmt_percent, fmt_prob


T = Catalog(
    en={
        "title": "Multi-step task: all {k} steps must be right",
        "quantity": "quantity",
        "value": "value",
        "p": "per-step accuracy p",
        "p_list": "per-step accuracies p_i",
        "k": "steps k",
        "rho": "error correlation rho (beta-binomial)",
        "retries": "tries per step R (perfect checker)",
        "q": "per-step success after R tries",
        "attempts": "independent attempts M (pass@M)",
        "vote": "majority vote over M attempts",
        "single": "one attempt: all steps right",
        "success": "exact (all-steps) success P",
        "log10": "log10 P",
        "fraction": "partial credit: expected fraction of steps right",
        "prefix": "prefix credit: steps right before the first error / k",
        "at_least": "P(at least {j} of {k} steps right)",
        "cmp_title": "From p = {p1:g} to p = {p2:g}",
        "cmp_what": "",
        "cmp_step": "one step",
        "cmp_task": "whole task",
        "cmp_from": "before",
        "cmp_to": "after",
        "cmp_abs": "absolute gain (percentage points)",
        "cmp_rel": "relative gain",
        "cmp_ratio": "ratio after / before",
        "cmp_kstar": "k with the largest absolute gain: k* = {k:.6g} (continuous); the relative gain grows with every extra step",
        "target_title": "Inverse question",
        "target": "per-step p needed for end-to-end success {t}",
        "mc_title": "Monte Carlo check: {n} simulated tasks, seed {seed}",
        "mc_exact": "exact P",
        "mc_estimate": "simulated P",
        "mc_interval": "95 % interval (Wilson)",
        "mc_inside": "exact value inside the interval",
        "yes": "yes",
        "no": "no",
        "scale_title": "Success against model size ({map}, k = {k})",
        "N": "model size N",
        "pN": "p(N)",
        "PN": "P(N)",
        "log10PN": "log10 P(N)",
        "plot": "figure written to {path}",
        "underflow": "P is below the smallest float; log10 P is exact",
        "zero": "P is exactly 0 (a step that never succeeds): log10 P is minus infinity, shown as null",
    },
    zh={
        "title": "多步任务：{k} 个步骤必须全部正确",
        "quantity": "量",
        "value": "值",
        "p": "每步正确率 p",
        "p_list": "各步正确率 p_i",
        "k": "步数 k",
        "rho": "错误相关系数 rho（beta-二项）",
        "retries": "每步尝试次数 R（完美校验）",
        "q": "R 次尝试后每步成功率",
        "attempts": "独立尝试次数 M（pass@M）",
        "vote": "M 次尝试多数投票",
        "single": "单次尝试：所有步骤正确",
        "success": "完全正确（所有步骤）成功率 P",
        "log10": "log10 P",
        "fraction": "部分得分：做对步骤的期望比例",
        "prefix": "前缀得分：第一个错误前做对的步数 / k",
        "at_least": "P（{k} 步中至少做对 {j} 步）",
        "cmp_title": "从 p = {p1:g} 到 p = {p2:g}",
        "cmp_what": "",
        "cmp_step": "单步",
        "cmp_task": "整体任务",
        "cmp_from": "之前",
        "cmp_to": "之后",
        "cmp_abs": "绝对增益（百分点）",
        "cmp_rel": "相对增益",
        "cmp_ratio": "之后 / 之前",
        "cmp_kstar": "绝对增益最大的步数：k* = {k:.6g}（连续值）；相对增益随步数增加而不断增大",
        "target_title": "反向问题",
        "target": "整体成功率达到 {t} 所需的每步 p",
        "mc_title": "蒙特卡洛检验：模拟 {n} 个任务，随机种子 {seed}",
        "mc_exact": "精确 P",
        "mc_estimate": "模拟 P",
        "mc_interval": "95% 区间（Wilson）",
        "mc_inside": "精确值在区间内",
        "yes": "是",
        "no": "否",
        "scale_title": "成功率随模型规模变化（{map}，k = {k}）",
        "N": "模型规模 N",
        "pN": "p(N)",
        "PN": "P(N)",
        "log10PN": "log10 P(N)",
        "plot": "图已写入 {path}",
        "underflow": "P 小于浮点数能表示的最小值；log10 P 是精确的",
        "zero": "P 恰好为 0（某一步永远不会成功）：log10 P 为负无穷，以 null 表示",
    },
)


class FigureKind(str, enum.Enum):
    """Which H1 figure ``--plot`` draws."""

    curves = "curves"
    cot = "cot"


app = typer.Typer()


@app.command()
def compound(
    p: Annotated[str, typer.Option("--p", help="Per-step accuracy in [0, 1], or a comma list (one per step: k = its length).")] = "0.4",
    steps: Annotated[int | None, typer.Option("--steps", "-k", help="Number of steps k (default 5, or the length of the --p list).")] = None,
    p_to: Annotated[float | None, typer.Option("--p-to", help="Compare with this per-step accuracy: gains per step and for the task.")] = None,
    correlation: Annotated[float, typer.Option(help="Intra-item error correlation rho in [0, 1) (beta-binomial).")] = 0.0,
    retries: Annotated[int, typer.Option(help="Tries per step with a perfect checker: (1-(1-p)^R)^k.")] = 1,
    attempts: Annotated[int, typer.Option(help="Independent attempts at the whole task, pass@M: 1-(1-P)^M.")] = 1,
    vote: Annotated[int, typer.Option(help="Majority vote over M (odd) independent attempts.")] = 1,
    target: Annotated[float | None, typer.Option(help="Also answer: which per-step p gives end-to-end success T?")] = None,
    trials: Annotated[int | None, typer.Option(help="Check by Monte Carlo with N simulated tasks.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for --trials (printed when not given).")] = None,
    scale: Annotated[str | None, typer.Option(help="Sweep model size with a p(N) map: linear_log, logistic_log, schaeffer, power_error; parameters as MAP:key=value,...")] = None,
    sizes: Annotated[str | None, typer.Option(help="Model sizes for --scale: a list 1e8,1e9 or a range 1e7:1e13[:COUNT] (default 1e7:1e13:7, one per decade).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Write the figure family to FILE (.png, .svg or .pdf).")] = None,
    figure: Annotated[FigureKind | None, typer.Option(help="What --plot draws: curves (six panels on p, k, scale and scoring) or cot (the chain-of-thought error table of Wei et al. 2022); default curves.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of tables.")] = False,
    lang: Annotated[Lang | None, typer.Option(help="Language of tables and figure (default $EMERGENCE_LANG or en).")] = None,
) -> None:
    """Success of a task of k steps, each right with probability p: P = p^k, and its partial credit.

    Blog example: 5 steps at p = 0.4 give 1.024 %; at p = 0.6, 7.776 %.

    +50 % per step is +659.375 % for the task: emergence compound --p 0.4 --p-to 0.6
    """
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    values = parse_float_list("--p", p)
    if steps is None:
        steps = len(values) if len(values) > 1 else 5
    task = core.Chain(values, steps, correlation=correlation, retries=retries, attempts=attempts, vote=vote)
    smap = None
    if scale is not None:
        from emergence.scaling import scale_map

        smap = scale_map(scale)
    if figure is not None and plot is None:
        raise bad("--figure", "applies only with --plot")
    if sizes is not None and scale is None:
        raise bad("--sizes", "applies only with --scale")
    if seed is not None and trials is None:
        raise bad("--seed", "applies only with --trials (the exact values draw no random numbers)")
    if scale is not None and len(values) > 1:
        raise bad("--scale", "sets every step's accuracy from the map: give a single --p, or none")
    sweep_sizes = parse_sizes("--sizes", sizes or "1e7:1e13:7") if scale is not None else None

    outcome = core.analyse(task)
    comparison = core.compare(task, p_to) if p_to is not None else None
    p_required = core.required_p(task, target) if target is not None else None
    sweep = core.scale_sweep(task, smap, sweep_sizes) if smap is not None else None
    mc = None
    used_seed = None
    if trials is not None:
        from emergence.montecarlo import simulate

        trials = check.positive_int("trials", trials)
        rng, used_seed = resolve_seed(seed)
        if seed is None and not json_out:
            render.message(f"seed: {used_seed} (repeat with --seed {used_seed})")
        with progress("Simulating", trials, enabled=not json_out) as advance:
            mc = simulate(task, trials, rng, on_progress=advance)
    if plot is not None:
        from emergence.plotting import compound_figure, save_figure

        from emergence.scaling import ScaleMap

        figure_data = core.curves(task, smap or ScaleMap("linear_log"), p_to=p_to)
        save_figure(compound_figure(figure_data, language), plot)

    notes = []
    if outcome.success == 0.0:
        notes.append("underflow" if math.isfinite(outcome.log10_success) else "zero")
    if json_out:
        notes = [T(key, "en") for key in notes]
        render.emit_json(_payload(task, outcome, comparison, target, p_required, mc, used_seed, sweep, plot, notes))
        return
    _print_outcome(task, outcome, language)
    if comparison is not None:
        _print_comparison(comparison, language)
    if p_required is not None:
        render.print_table(T("target_title", language), [T("quantity", language), T("value", language)],
                           [[T("target", language, t=fmt(target)), fmt(p_required, 10)]])
    if mc is not None:
        _print_monte_carlo(outcome, mc, used_seed, language)
    if sweep is not None:
        _print_sweep(sweep, language)
    for key in notes:
        render.message(T(key, language))
    if plot is not None:
        render.message(T("plot", language, path=plot))


def _print_outcome(task: core.Chain, o: core.Outcome, lang: str) -> None:
    k = task.steps
    rows = []
    if task.homogeneous:
        rows.append([T("p", lang), fmt(task.p[0])])
    else:
        rows.append([T("p_list", lang), ", ".join(fmt(x) for x in task.p)])
    rows.append([T("k", lang), str(k)])
    if task.correlation > 0:
        rows.append([T("rho", lang), fmt(task.correlation)])
    if task.retries > 1:
        rows.append([T("retries", lang), str(task.retries)])
        if task.homogeneous:
            rows.append([T("q", lang), fmt(float(core.step_success(task)[0]))])
    if task.attempts > 1 or task.vote > 1:
        rows.append([T("attempts" if task.attempts > 1 else "vote", lang), str(max(task.attempts, task.vote))])
        rows.append([T("single", lang), fmt_prob(o.single_attempt_success, o.log10_single_attempt_success)])
    rows.append([T("success", lang), fmt_prob(o.success, o.log10_success)])
    rows.append([T("log10", lang), fmt(o.log10_success, 8)])
    rows.append([T("fraction", lang), fmt_prob(o.fraction_correct)])
    rows.append([T("prefix", lang), fmt_prob(o.prefix_credit)])
    rows.extend([T("at_least", lang, j=j, k=k), fmt_prob(v)] for j, v in o.at_least)
    render.print_table(T("title", lang, k=k), [T("quantity", lang), T("value", lang)], rows)


def _print_comparison(c: core.Comparison, lang: str) -> None:
    ratio = 10.0 ** c.log10_task_ratio if c.log10_task_ratio < 300 else math.inf
    rows = [
        [T("cmp_from", lang), fmt_prob(c.p), fmt_prob(c.success)],
        [T("cmp_to", lang), fmt_prob(c.p_to), fmt_prob(c.success_to, c.log10_success_to)],
        [T("cmp_abs", lang), f"{100 * c.absolute_gain_step:+.6g}", f"{100 * c.absolute_gain_task:+.6g}"],
        [T("cmp_rel", lang), _signed_percent(c.relative_gain_step), _signed_percent(c.relative_gain_task)],
        [T("cmp_ratio", lang), fmt(c.p_to / c.p if c.p > 0 else math.inf), fmt(ratio)],
    ]
    caption = T("cmp_kstar", lang, k=c.k_star_absolute) if c.k_star_absolute is not None else None
    render.print_table(T("cmp_title", lang, p1=c.p, p2=c.p_to),
                       [T("cmp_what", lang), T("cmp_step", lang), T("cmp_task", lang)], rows, caption=caption)


def _signed_percent(x: float | None) -> str:
    return "—" if x is None else ("+" if x >= 0 else "") + fmt_percent(x)


def _print_monte_carlo(o: core.Outcome, mc, seed: int, lang: str) -> None:
    inside = mc.low <= o.success <= mc.high
    rows = [
        [T("mc_exact", lang), fmt(o.success, 8)],
        [T("mc_estimate", lang), f"{fmt(mc.estimate, 8)} ({mc.successes}/{mc.trials})"],
        [T("mc_interval", lang), f"[{fmt(mc.low, 6)}, {fmt(mc.high, 6)}]"],
        [T("mc_inside", lang), T("yes" if inside else "no", lang)],
    ]
    render.print_table(T("mc_title", lang, n=mc.trials, seed=seed), [T("quantity", lang), T("value", lang)], rows)


def _print_sweep(s: core.ScaleSweep, lang: str) -> None:
    rows = [[fmt(n, 4), fmt(p), fmt_prob(P, lp), fmt(lp)] for n, p, P, lp in zip(s.sizes, s.p, s.success[0], s.log10_success[0])]
    title = T("scale_title", lang, map=s.map_name, k=s.steps[0])
    render.print_table(title, [T("N", lang), T("pN", lang), T("PN", lang), T("log10PN", lang)], rows)


def _payload(task, o, comparison, target, p_required, mc, seed, sweep, plot, notes) -> dict:
    out: dict = {
        "command": "compound",
        "steps": task.steps,
        "p": task.p[0] if task.homogeneous else list(task.p),
        "correlation": task.correlation,
        "retries": task.retries,
        "attempts": task.attempts,
        "vote": task.vote,
        "success": o.success,
        "log10_success": o.log10_success,
        "single_attempt_success": o.single_attempt_success,
        "log10_single_attempt_success": o.log10_single_attempt_success,
        "fraction_correct": o.fraction_correct,
        "prefix_credit": o.prefix_credit,
        "at_least": [{"steps": j, "probability": v} for j, v in o.at_least],
    }
    if comparison is not None:
        out.update({k: v for k, v in vars(comparison).items() if k not in ("p", "success")})
    if p_required is not None:
        out.update(target=target, p_required=p_required)
    if mc is not None:
        out.update(trials=mc.trials, mc_successes=mc.successes, mc_success=mc.estimate,
                   mc_low=mc.low, mc_high=mc.high, seed=seed)
    if sweep is not None:
        out["scale"] = {"map": sweep.map_name, "params": sweep.params, "sizes": sweep.sizes, "p": sweep.p,
                        "success": sweep.success[0], "log10_success": sweep.log10_success[0]}
    if plot is not None:
        out["plot"] = str(plot)
    out["notes"] = notes
    return out
