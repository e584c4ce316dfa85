"""``emergence metric``: hypothesis 2, the jump comes from the metric and the size of the test set."""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Annotated

import typer

from emergence import metrics as core
from emergence import render
from emergence.cli._common import Lang, bad, check_output, parse_sizes, progress, resolve_seed
from emergence.i18n import Catalog, default_language
from emergence.render import fmt, fmt_percent

T = Catalog(
    en={
        "title": "One model, six metrics: expected scores (L = {L} tokens, K = {K} options, sigma = {sigma:g}; {model})",
        "sim_title": "Measured on n = {n} simulated items (seed {seed})",
        "res_title": "Exact match read by n = {n} items (resolution 1/n = {floor:g})",
        "sparse_title": "The same exact-match curve seen at fewer or more sizes from {low:.3g} to {high:.3g}",
        "model_ours": "c = {c:g}, alpha = {alpha:g}: illustrative constants (ours)",
        "model_kaplan": "c = {c:g}, alpha = {alpha:g}: Kaplan et al. 2020, eq. 1.1",
        "model_custom": "c = {c:g}, alpha = {alpha:g}",
        "N": "N (params)",
        "exact_match": "exact match ↑",
        "token_accuracy": "token accuracy ↑",
        "token_edit_distance": "edit distance ↓",
        "multiple_choice_grade": "MC grade ↑",
        "brier_score": "Brier ↓",
        "log_probability": "ln P(target) ↑",
        "breakthroughness": "breakthrough B",
        "linearity_r2": "R² (line in log N)",
        "largest_step_share": "max step share",
        "caption": "↑ higher is better, ↓ lower is better. Breakthroughness (BIG-bench; Schaeffer's emergence "
                   "score) is large when most of the change happens between a few neighbouring sizes; each "
                   "metric is scored in its own orientation, so + means improving. R² near 1: a steady climb "
                   "in log N. Largest step share: fraction of the whole change made in one step. Exact match "
                   "reaches 50 % at N = {n50:.3g}; its 10-90 % rise spans {width:.3g} decades for every L.",
        "sim_caption": "Same metrics on a finite test set; ln P(target) has no item-to-item noise in this model.",
        "true": "true",
        "rounded": "rounded",
        "observed": "read x/n",
        "interval": "{level:g} % CP interval",
        "zero": "P(read 0)",
        "needed": "n for a hit ({q:g} %)",
        "res_caption": "rounded: to the nearest multiple of 1/n, so anything below 1/(2n) reads 0. read: x of n simulated "
                       "items right, with a Clopper-Pearson (CP) interval. P(read 0) = (1 - a)^n. n for a hit: items "
                       "needed to see at least one success. Reading 0 of {n} still allows a true rate up to {bound} "
                       "(one-sided {level:g} %, about 3/n).",
        "count": "sizes in the grid",
        "sparse_caption": "Few sizes put most of the rise between two neighbours (a sudden look); breakthroughness "
                          "instead grows with the number of sizes on the flat parts.",
        "undefined_zero_median_step": "{metric}: breakthroughness is infinite: the median step between neighbouring sizes is 0",
        "undefined_flat": "{metric}: the curve does not change over these sizes (breakthroughness 0; R² and step share undefined)",
        "needed_inf": "items needed is infinite where the exact match is 0",
        "plot": "figure written to {path}",
        "seed": "seed: {seed} (repeat with --seed {seed})",
    },
    zh={
        "title": "同一个模型，六种指标：期望得分（L = {L} 个词元，K = {K} 个选项，sigma = {sigma:g}；{model}）",
        "sim_title": "在 n = {n} 道模拟题上测得（随机种子 {seed}）",
        "res_title": "用 n = {n} 道题读出的完全匹配率（分辨率 1/n = {floor:g}）",
        "sparse_title": "同一条完全匹配曲线，在 {low:.3g} 到 {high:.3g} 之间取更少或更多的模型规模",
        "model_ours": "c = {c:g}，alpha = {alpha:g}：示意常数（本项目自定）",
        "model_kaplan": "c = {c:g}，alpha = {alpha:g}：Kaplan 等 2020，式 1.1",
        "model_custom": "c = {c:g}，alpha = {alpha:g}",
        "N": "N（参数）",
        "exact_match": "完全匹配 ↑",
        "token_accuracy": "词元准确率 ↑",
        "token_edit_distance": "编辑距离 ↓",
        "multiple_choice_grade": "选择题得分 ↑",
        "brier_score": "Brier ↓",
        "log_probability": "ln P(答案) ↑",
        "breakthroughness": "突破度 B",
        "linearity_r2": "R²（对 log N 直线）",
        "largest_step_share": "最大单步占比",
        "caption": "↑ 越高越好，↓ 越低越好。突破度（BIG-bench；Schaeffer 的涌现分数）在大部分变化集中于少数相邻规模之间时"
                   "很大；每个指标按自己的方向计算，正值表示在进步。R² 接近 1：随 log N 稳步上升。最大单步占比：一步之内"
                   "完成的变化占总变化的比例。完全匹配在 N = {n50:.3g} 时达到 50 %；无论 L 多大，从 10 % 升到 90 % 都跨越 "
                   "{width:.3g} 个数量级。",
        "sim_caption": "有限测试集上的同样指标；在本模型中 ln P(答案) 不随题目波动。",
        "true": "真实值",
        "rounded": "取整值",
        "observed": "读数 x/n",
        "interval": "{level:g} % CP 区间",
        "zero": "P(读数 0)",
        "needed": "见到一次成功的题数（{q:g} %）",
        "res_caption": "取整值：取最接近的 1/n 的整数倍，所以低于 1/(2n) 的值都读作 0。读数：n 道模拟题中答对 x 道，附 "
                       "Clopper-Pearson（CP）区间。P(读数 0) = (1 - a)^n。见到一次成功的题数：至少看到一次成功所需的题数。"
                       "{n} 道题全错时，真实正确率仍可能高达 {bound}（单侧 {level:g} %，约 3/n）。",
        "count": "网格中的规模数",
        "sparse_caption": "规模很少时，大部分上升落在两个相邻规模之间（看起来像突变）；而突破度反而随平坦部分的规模数增多而变大。",
        "undefined_zero_median_step": "{metric}：突破度为无穷大：相邻规模之间步长的中位数为 0",
        "undefined_flat": "{metric}：曲线在这些规模上没有变化（突破度为 0；R² 和单步占比无定义）",
        "needed_inf": "完全匹配为 0 时所需题数为无穷大",
        "plot": "图已写入 {path}",
        "seed": "随机种子：{seed}（用 --seed {seed} 可重复）",
    },
)

DEFAULT_SIZES = ",".join(f"{n:g}" for n in core.GPT3_SIZES)


class Preset(str, enum.Enum):
    """Where the latent model's constants come from."""

    ours = "ours"
    kaplan = "kaplan"


class FigureKind(str, enum.Enum):
    """Which H2 figure ``--plot`` draws."""

    overview = "overview"
    schaeffer = "schaeffer"
    resolution = "resolution"


app = typer.Typer()


@app.command()
def metric(
    tokens: Annotated[int, typer.Option("--tokens", "-L", help="Answer length L in tokens; exact match needs all L right.")] = 5,
    c: Annotated[float | None, typer.Option("--c", help="Scale c (parameters) of the loss (N/c)^alpha; overrides the preset.")] = None,
    alpha: Annotated[float | None, typer.Option("--alpha", help="Exponent alpha < 0 of the loss (N/c)^alpha; overrides the preset.")] = None,
    preset: Annotated[Preset, typer.Option(help="Constants: ours (c=1e9, alpha=-0.5, illustrative) or kaplan (c=8.8e13, alpha=-0.076).")] = Preset.ours,
    options: Annotated[int, typer.Option("--options", "-K", help="Number of multiple-choice options K (at least 2).")] = 4,
    sigma: Annotated[float, typer.Option(help="Spread of item difficulty (sd of the right option's logit margin); 0 makes the grade a step.")] = 0.5,
    items: Annotated[int, typer.Option("--items", "-n", help="Test items n per model size (resolution 1/n).")] = 100,
    sizes: Annotated[str, typer.Option(help="Model sizes: a list 1e8,1e9 or a range 1e7:1e13[:COUNT].",
                                       show_default="the 8 GPT-3 sizes, 1.25e8 to 1.75e11")] = DEFAULT_SIZES,
    seed: Annotated[int | None, typer.Option(help="Seed of the simulated items (printed when not given).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Write a figure to FILE (.png, .svg or .pdf).")] = None,
    figure: Annotated[FigureKind | None, typer.Option(help="Which figure --plot draws: overview (4 panels, the default), schaeffer (6-panel replica) or resolution (n = 10..10000).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of tables.")] = False,
    lang: Annotated[Lang | None, typer.Option(help="Language of tables and figure (default $EMERGENCE_LANG or en).")] = None,
) -> None:
    """Score one smooth model with exact match, token accuracy, edit distance, multiple choice, Brier and log-probability.

    Per-token loss falls smoothly, (N/c)^alpha; exact match over L tokens jumps while the
    partial-credit metrics climb steadily over the same sizes, and a test set of n items reads
    anything below 1/(2n) as zero (Schaeffer, Miranda and Koyejo 2023).
    Try: emergence metric --tokens 5 --items 100, then --items 10000.
    """
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    if figure is not None and plot is None:
        raise bad("--figure", "applies only with --plot")
    model = core.latent_model(preset.value, c=c, alpha=alpha)
    task = core.Task(tokens, options, sigma)
    size_grid = parse_sizes("--sizes", sizes)
    rng, used_seed = resolve_seed(seed)
    with progress("Simulating", items * size_grid.size, enabled=not json_out) as advance:
        report = core.analyse(model, task, size_grid, items, rng, on_progress=advance)
    if seed is None and not json_out:
        render.message(T("seed", language, seed=used_seed))
    if plot is not None:
        from emergence import plotting

        builders = {FigureKind.overview: plotting.metric_figure, FigureKind.schaeffer: plotting.schaeffer_figure,
                    FigureKind.resolution: plotting.resolution_figure}
        plotting.save_figure(builders[figure or FigureKind.overview](core.figure_data(report, rng), language), plot)

    if json_out:
        render.emit_json(_payload(report, used_seed, plot, _notes(report, "en")))
        return
    _print_expected(report, language)
    _print_simulated(report, used_seed, language)
    _print_resolution(report, language)
    _print_sparse(report, language)
    for note in _notes(report, language):
        render.message(note)
    if plot is not None:
        render.message(T("plot", language, path=plot))


def _model_text(model: core.LatentModel, lang: str) -> str:
    return T(f"model_{model.name}", lang, c=model.c, alpha=model.alpha)


def _sharpness_rows(sharp: dict, metrics: tuple[str, ...], lang: str) -> list[list[str]]:
    return [[T(field, lang)] + [fmt(getattr(sharp[m], field), 3) for m in metrics]
            for field in ("breakthroughness", "linearity_r2", "largest_step_share")]


def _print_expected(r: core.MetricReport, lang: str) -> None:
    scores = r.expected.scores
    rows = [[fmt(n, 3)] + [fmt(float(scores[m][i]), 3) for m in core.METRICS] for i, n in enumerate(r.sizes)]
    rows += _sharpness_rows(r.sharpness, core.METRICS, lang)
    title = T("title", lang, L=r.task.tokens, K=r.task.options, sigma=r.task.sigma, model=_model_text(r.model, lang))
    render.print_table(title, [T("N", lang)] + [T(m, lang) for m in core.METRICS], rows,
                       caption=T("caption", lang, n50=r.n50, width=r.width_decades))


def _print_simulated(r: core.MetricReport, seed: int, lang: str) -> None:
    shown = core.METRICS[:-1]
    scores = r.simulated.scores
    rows = [[fmt(n, 3)] + [fmt(float(scores[m][i]), 3) for m in shown] for i, n in enumerate(r.sizes)]
    rows += _sharpness_rows(r.simulated_sharpness, shown, lang)
    render.print_table(T("sim_title", lang, n=r.simulated.items, seed=seed), [T("N", lang)] + [T(m, lang) for m in shown],
                       rows, caption=T("sim_caption", lang))


def _print_resolution(r: core.MetricReport, lang: str) -> None:
    o = r.exact_match_observation
    rows = [[fmt(n, 3), fmt(float(o.true[i]), 3), fmt(float(o.rounded[i]), 3),
             f"{o.successes[i]}/{o.items}",
             f"{fmt(float(o.low[i]), 2)}–{fmt(float(o.high[i]), 2)}", fmt(float(o.zero_probability[i]), 3),
             fmt(float(r.items_needed[i]), 3)] for i, n in enumerate(r.sizes)]
    columns = [T("N", lang), T("true", lang), T("rounded", lang), T("observed", lang),
               T("interval", lang, level=100 * o.level), T("zero", lang), T("needed", lang, q=100 * r.confidence)]
    caption = T("res_caption", lang, n=o.items, bound=fmt_percent(r.zero_upper_bound, 3), level=100 * o.level)
    render.print_table(T("res_title", lang, n=o.items, floor=o.floor), columns, rows, caption=caption)


def _print_sparse(r: core.MetricReport, lang: str) -> None:
    s = r.sparse
    rows = [[str(c), fmt(float(share), 3), fmt(float(b), 3)]
            for c, share, b in zip(s.counts, s.largest_step_share, s.breakthroughness)]
    render.print_table(T("sparse_title", lang, low=r.sizes[0], high=r.sizes[-1]),
                       [T("count", lang), T("largest_step_share", lang), T("breakthroughness", lang)], rows,
                       caption=T("sparse_caption", lang))


def _notes(r: core.MetricReport, lang: str) -> list[str]:
    notes = []
    for label, sharp in (("", r.sharpness), ("simulated ", r.simulated_sharpness)):
        for m in core.METRICS:
            if sharp[m].undefined is not None:
                notes.append(T(f"undefined_{sharp[m].undefined}", lang, metric=label + m))
    if not all(map(math.isfinite, r.items_needed)):
        notes.append(T("needed_inf", lang))
    return notes


def _sharpness_payload(sharp: dict) -> dict:
    return {field: {m: getattr(s, field) for m, s in sharp.items()}
            for field in ("breakthroughness", "linearity_r2", "largest_step_share")}


def _payload(r: core.MetricReport, seed: int, plot: Path | None, notes: list[str]) -> dict:
    o, s = r.exact_match_observation, r.sparse
    out: dict = {
        "command": "metric",
        "preset": r.model.name,
        "c": r.model.c,
        "alpha": r.model.alpha,
        "tokens": r.task.tokens,
        "options": r.task.options,
        "sigma": r.task.sigma,
        "items": r.simulated.items,
        "seed": seed,
        "sizes": r.sizes,
        "cross_entropy": r.expected.cross_entropy,
        "token_probability": r.expected.token_probability,
        "orientation": core.ORIENTATION,
        "metrics": r.expected.scores,
        **_sharpness_payload(r.sharpness),
        "exact_match_n50": r.n50,
        "exact_match_width_decades": r.width_decades,
        "simulated": {"metrics": r.simulated.scores, **_sharpness_payload(r.simulated_sharpness)},
        "resolution": {
            "items": o.items, "floor": o.floor, "level": o.level, "rounded": o.rounded, "successes": o.successes,
            "observed": o.observed, "low": o.low, "high": o.high, "zero_probability": o.zero_probability,
            "confidence": r.confidence, "items_needed": r.items_needed, "zero_upper_bound": r.zero_upper_bound,
        },
        "sparse_grid": {"low": r.sizes[0], "high": r.sizes[-1], "counts": s.counts,
                        "largest_step_share": s.largest_step_share, "breakthroughness": s.breakthroughness},
    }
    if plot is not None:
        out["plot"] = str(plot)
    out["notes"] = notes
    return out
