"""``emergence threshold``: hypothesis 3, a capability is "there" when a smooth curve crosses a level."""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from emergence import composition, dimensions, quanta, render, thresholds
from emergence.cli._common import Lang, bad, check_output, parse_float_list, parse_sizes, resolve_seed
from emergence.i18n import Catalog, default_language
from emergence.render import fmt
from emergence.scaling import scale_map

T = Catalog(
    en={
        "seed": "seed: {seed} (repeat with --seed {seed})",
        "plot": "figure written to {path}",
        "value": "value",
        # dimensions
        "rung_title": "The bullet example: a capability appears once the model has enough parameters",
        "capability": "capability",
        "recognised_at": "recognised from d",
        "error_there": "R(d) there",
        "window": "tolerances τ that give it",
        "window_value": "{low} ≤ τ < {high}",
        "rung_caption": "Each step of the ladder is a tolerance crossed on the smooth curve below (energies j^-s, s = {s:g}).",
        "shape": "shape",
        "position": "position",
        "trajectory": "trajectory",
        "smooth_title": "The smooth curve underneath: relative error R(d) = ζ(s, d+1)/ζ(s) with d parameters, s = {s:g}",
        "d": "d",
        "R": "R(d)",
        "approx": "large-d form",
        "graph": "R(d), drawn",
        "present": "capabilities",
        "tol_title": "Emergence point for a recognition tolerance τ (it moves with τ)",
        "tau_rel": "tolerance τ",
        "d_star": "parameters needed d*",
        "d_smooth": "smooth d(τ)",
        "dd_dtau": "dd/dτ (per unit τ)",
        "tol_caption": "From τ = {t1:g} to τ = {t2:g} the parameters needed move from {d1:g} to {d2:g}.",
        "proj_title": "Projectile y = 10t − 4.9t²: RMSE (m) against the noise-free path of a least-squares polynomial with d coefficients",
        "vacuum": "vacuum",
        "drag": "drag k = {k:g} /s",
        "noise": "noise σ = {sigma:g} m",
        "need_title": "Coefficients needed for RMSE ≤ tolerance: a genuine threshold or a level crossed",
        "tol_m": "tolerance (m)",
        "need_caption": "In vacuum the answer is 3 at every tolerance: a genuine threshold, because the target is a "
                        "degree-2 polynomial. With drag it moves with the tolerance: a level crossed on a smooth curve. "
                        "With noise the path is best recovered near d = 3 and extra coefficients fit the noise "
                        "(—: not within 10 coefficients).",
        # observers
        "obs_title": "Quality q(N) = {map}: the verdict of one observer with threshold τ (1 = present), "
                     "the share of raters and the share of seed runs that see it",
        "N": "model size N",
        "q": "q(N)",
        "observer": "τ = {tau:g}",
        "raters": "raters",
        "runs": "{runs} runs",
        "point_title": "Emergence point N*(τ) = q⁻¹(τ) and its sensitivity",
        "tau_q": "threshold τ",
        "N_star": "N*",
        "log10_N_star": "log10 N*",
        "dlogN_dtau": "d log10 N*/dτ (decades per unit τ)",
        "point_caption": "From τ = {t1:g} to τ = {t2:g} the emergence point moves {dec:.3g} decades of N.",
        "pop_title": "Many observers, many seeds: each one steps, together they are smooth",
        "quantity": "quantity",
        "pop_share": "{pct} % of the raters recognise it at N =",
        "pop_width": "10 % to 90 % of the raters: width in decades",
        "rater_kind": "raters: {kind}, centre {centre:g}, spread {spread:g}",
        "logitnormal": "logit-normal",
        "beta": "beta",
        "run_jumps": "seed runs jump between N =",
        "run_median": "median jump at N =",
        # quanta
        "quanta_title": "Quantization model: mean loss against N (α = {alpha:g}, C = {c:g}, b = {b:.4g}, a = {a:.4g} nats)",
        "n": "quanta learned n",
        "loss": "mean loss L_n",
        "power": "power law",
        "quantum": "quanta {first}…{last} (×10)",
        "mono": "monogenic (k = {k})",
        "poly": "polygenic ({m} quanta)",
        "qpoint_title": "Emergence point: the smallest model whose mean loss is at most τ nats",
        "tau_loss": "loss level τ (nats)",
        "n_star": "quanta n*",
        "N_star_c": "N* = C n*",
        "N_smooth": "smooth N",
        "dlogN_dloss": "d log10 N*/dτ (decades per nat)",
        "qpoint_caption": "Each quantum k switches on at exactly N = C k, a step (■ learned, □ not); their frequency-weighted "
                          "mean falls as a power law with fitted exponent {fit:.5f} (theory: α = {alpha:g}).",
        # composition
        "comp_title": "All n abilities learned by step t: P(n, t) = (1 − (1 − p)^t)^n, p = {p:g}",
        "t": "step t",
        "one": "one ability",
        "n_abilities": "n = {n}",
        "cpoint_title": "Emergence point: steps t* until P(n, t) ≥ P* = τ",
        "abilities": "abilities n",
        "tau_p": "target P* = τ",
        "t_star": "t*",
        "t_smooth": "smooth t",
        "dt_dtau": "dt/dτ (steps per unit τ)",
        "cpoint_caption": "One ability rises smoothly; their product stays near 0 and then climbs: with {n} abilities t* moves "
                          "from {t1:g} to {t2:g} steps as P* goes from {p1:g} to {p2:g}.",
        # notes (JSON)
        "note_dims": "dimensions: sensitivity is dd/dtau in parameters per unit of tolerance; error_approx is the large-d form, null at d = 0.",
        "note_needed": "projectile.needed is null where no fit with up to max_dims coefficients reaches the tolerance.",
        "note_obs": "observers: sensitivity is d log10 N*/dtau in decades of N per unit of threshold.",
        "note_unreached": "emergence_point values are null where the curve never reaches the threshold for N up to 1e40.",
        "note_flat": "sensitivity is null where the curve is flat at the crossing (a clipped map).",
        "note_quanta": "quanta: sensitivity is d log10 N*/dtau in decades of N per nat; loss_approx is null where no quantum is learned (n = 0).",
        "note_comp": "composition: sensitivity is dt/dtau in steps per unit of target success.",
    },
    zh={
        "seed": "随机种子：{seed}（用 --seed {seed} 复现）",
        "plot": "图已写入 {path}",
        "value": "值",
        "rung_title": "子弹的例子：模型参数够多时，某种能力才出现",
        "capability": "能力",
        "recognised_at": "从 d 起被认出",
        "error_there": "此处 R(d)",
        "window": "给出此结果的容差 τ",
        "window_value": "{low} ≤ τ < {high}",
        "rung_caption": "阶梯的每一级，都是下面那条平滑曲线越过某个容差的位置（能量 j^-s，s = {s:g}）。",
        "shape": "形状",
        "position": "位置",
        "trajectory": "轨迹",
        "smooth_title": "阶梯之下的平滑曲线：d 个参数时的相对误差 R(d) = ζ(s, d+1)/ζ(s)，s = {s:g}",
        "d": "d",
        "R": "R(d)",
        "approx": "大 d 近似",
        "graph": "R(d) 示意",
        "present": "已具备的能力",
        "tol_title": "给定识别容差 τ 时的涌现点（它随 τ 移动）",
        "tau_rel": "容差 τ",
        "d_star": "所需参数 d*",
        "d_smooth": "平滑解 d(τ)",
        "dd_dtau": "dd/dτ（每单位 τ）",
        "tol_caption": "τ 从 {t1:g} 变到 {t2:g}，所需参数从 {d1:g} 变为 {d2:g}。",
        "proj_title": "抛体 y = 10t − 4.9t²：d 个系数的最小二乘多项式相对无噪声真实轨迹的 RMSE（米）",
        "vacuum": "真空",
        "drag": "空气阻力 k = {k:g} /s",
        "noise": "噪声 σ = {sigma:g} 米",
        "need_title": "RMSE ≤ 容差所需的系数个数：真正的阈值，还是越过的水平线",
        "tol_m": "容差（米）",
        "need_caption": "真空中任何容差下答案都是 3：这是真正的阈值，因为目标恰好是二次多项式。"
                        "有阻力时，答案随容差移动：只是平滑曲线越过了某条水平线。"
                        "有噪声时，d = 3 附近最接近真实轨迹，更多系数只会去拟合噪声（—：10 个系数以内达不到）。",
        "obs_title": "质量 q(N) = {map}：阈值为 τ 的单个观察者的判断（1 = 已出现）、认可的评价者比例和成功的随机种子比例",
        "N": "模型规模 N",
        "q": "q(N)",
        "observer": "τ = {tau:g}",
        "raters": "评价者",
        "runs": "{runs} 个种子",
        "point_title": "涌现点 N*(τ) = q⁻¹(τ) 及其敏感度",
        "tau_q": "阈值 τ",
        "N_star": "N*",
        "log10_N_star": "log10 N*",
        "dlogN_dtau": "d log10 N*/dτ（每单位 τ 的数量级）",
        "point_caption": "τ 从 {t1:g} 变到 {t2:g}，涌现点移动了 {dec:.3g} 个数量级。",
        "pop_title": "许多观察者、许多随机种子：每一个都是台阶，合起来是平滑的",
        "quantity": "量",
        "pop_share": "{pct}% 的评价者认可时的 N =",
        "pop_width": "从 10% 到 90% 评价者认可：跨越的数量级",
        "rater_kind": "评价者：{kind}，中心 {centre:g}，离散度 {spread:g}",
        "logitnormal": "logit 正态分布",
        "beta": "beta 分布",
        "run_jumps": "各随机种子跳变的 N 范围",
        "run_median": "跳变位置的中位数 N =",
        "quanta_title": "量子化模型：平均损失随 N 变化（α = {alpha:g}，C = {c:g}，b = {b:.4g}，a = {a:.4g} nats）",
        "n": "已学会的量子数 n",
        "loss": "平均损失 L_n",
        "power": "幂律近似",
        "quantum": "量子 {first}…{last}（×10）",
        "mono": "单基因（k = {k}）",
        "poly": "多基因（{m} 个量子）",
        "qpoint_title": "涌现点：平均损失不超过 τ nats 的最小模型",
        "tau_loss": "损失水平 τ（nats）",
        "n_star": "量子数 n*",
        "N_star_c": "N* = C n*",
        "N_smooth": "平滑解 N",
        "dlogN_dloss": "d log10 N*/dτ（每 nat 的数量级）",
        "qpoint_caption": "每个量子 k 恰好在 N = C k 处开启，是一个台阶（■ 已学会，□ 未学会）；按频率加权的平均损失却按幂律下降，"
                          "拟合指数 {fit:.5f}（理论值 α = {alpha:g}）。",
        "comp_title": "第 t 步时 n 种能力全部学会：P(n, t) = (1 − (1 − p)^t)^n，p = {p:g}",
        "t": "步数 t",
        "one": "单一能力",
        "n_abilities": "n = {n}",
        "cpoint_title": "涌现点：P(n, t) ≥ P* = τ 所需的步数 t*",
        "abilities": "能力数 n",
        "tau_p": "目标 P* = τ",
        "t_star": "t*",
        "t_smooth": "平滑解 t",
        "dt_dtau": "dt/dτ（每单位 τ 的步数）",
        "cpoint_caption": "单一能力平滑上升；它们的乘积先停在 0 附近再陡升：{n} 种能力时，P* 从 {p1:g} 到 {p2:g}，"
                          "t* 从 {t1:g} 步移到 {t2:g} 步。",
        "note_dims": "dimensions：sensitivity 为 dd/dtau，单位是每单位容差的参数个数；error_approx 为大 d 近似，d = 0 时为 null。",
        "note_needed": "projectile.needed 为 null 表示最多 max_dims 个系数的拟合都达不到该容差。",
        "note_obs": "observers：sensitivity 为 d log10 N*/dtau，单位是每单位阈值的数量级。",
        "note_unreached": "emergence_point 中为 null 的值表示 N 到 1e40 为止曲线都达不到该阈值。",
        "note_flat": "sensitivity 为 null 表示曲线在交点处是平的（被截断的映射）。",
        "note_quanta": "quanta：sensitivity 为 d log10 N*/dtau，单位是每 nat 的数量级；n = 0（尚未学会任何量子）时 loss_approx 为 null。",
        "note_comp": "composition：sensitivity 为 dt/dtau，单位是每单位目标成功率的步数。",
    },
)


class Model(str, enum.Enum):
    """Which threshold model to run."""

    dimensions = "dimensions"
    observers = "observers"
    quanta = "quanta"
    composition = "composition"


class RaterKind(str, enum.Enum):
    """Distribution of the raters' thresholds."""

    logitnormal = "logitnormal"
    beta = "beta"


# The options that belong to one model only; giving one with another model is a usage error.
MODEL_OPTIONS = {
    Model.dimensions: ("ladder", "s", "max_dims", "drag", "noise"),
    Model.observers: ("scale", "raters", "rater_centre", "rater_spread", "runs"),
    Model.quanta: ("alpha", "capacity", "loss_before", "loss_after", "polygenic"),
    Model.composition: ("p", "abilities", "steps"),
}
SIZES_MODELS = (Model.observers, Model.quanta)
RANDOM_MODELS = (Model.dimensions, Model.observers, Model.quanta)
MAX_ROWS = 13

DIMS = "dimensions (default): the blog's bullet example"
OBS = "observers: one threshold, many raters, many seeds"
QUANTA = "quanta: Michaud et al. quantization model"
COMP = "composition: Okawa et al. multiplicative emergence"


app = typer.Typer()


@app.command()
def threshold(
    ctx: typer.Context,
    model: Annotated[Model, typer.Option("--model", "-m", help="Which model of a threshold on a smooth curve to run.")] = Model.dimensions,
    tau: Annotated[str | None, typer.Option(help="Threshold(s), comma list. dimensions: relative-error tolerance (default 0.2,0.1,0.05); "
                                            "observers: quality level (0.5,0.8,0.9); quanta: loss level in nats (0.2,0.1,0.05); "
                                            "composition: target success P* (0.5,0.8,0.9).")] = None,
    ladder: Annotated[str | None, typer.Option(help="Parameters each capability needs, NAME=D,...; overrides or adds to "
                                               "shape=3,position=4,trajectory=6 (trajectory=7 adds a drag coefficient).",
                                               rich_help_panel=DIMS)] = None,
    s: Annotated[float, typer.Option("--s", help="Energy exponent: coefficient j carries j^-s (s > 1).", rich_help_panel=DIMS)] = 2.0,
    max_dims: Annotated[int, typer.Option(help="Largest number of parameters d shown (projectile fits stop at 10).", rich_help_panel=DIMS)] = 10,
    drag: Annotated[float, typer.Option(help="Linear air-drag coefficient k (1/s) of the second projectile.", rich_help_panel=DIMS)] = 1.0,
    noise: Annotated[float, typer.Option(help="Standard deviation (m) of the noise added to the third projectile.", rich_help_panel=DIMS)] = 0.05,
    scale: Annotated[str, typer.Option(help="Quality map q(N): linear_log, logistic_log, schaeffer, power_error; "
                                       "parameters as MAP:key=value,...", rich_help_panel=OBS)] = "logistic_log",
    sizes: Annotated[str | None, typer.Option(help="Model sizes N (observers, quanta): a list 1e8,1e9 or a range LOW:HIGH[:COUNT] "
                                              "(default 1e7:1e14:141 for observers, 1:1e5:201 for quanta).")] = None,
    raters: Annotated[RaterKind, typer.Option(help="Distribution of the raters' thresholds.", rich_help_panel=OBS)] = RaterKind.logitnormal,
    rater_centre: Annotated[float, typer.Option(help="Median (logitnormal) or mean (beta) threshold of the raters.", rich_help_panel=OBS)] = 0.8,
    rater_spread: Annotated[float, typer.Option(help="Spread of the raters' thresholds: sd of their logits (logitnormal) "
                                                "or 1/(a+b+1) in (0, 1) (beta).", rich_help_panel=OBS)] = 0.75,
    runs: Annotated[int, typer.Option(help="Seed runs: each steps, their mean is smooth (0 for none).", rich_help_panel=OBS)] = 20,
    alpha: Annotated[float, typer.Option(help="Zipf exponent alpha > 0: quantum k is used with frequency k^-(alpha+1)/zeta(alpha+1).",
                                         rich_help_panel=QUANTA)] = 0.4,
    capacity: Annotated[float, typer.Option(help="Parameters C per quantum: N parameters learn floor(N/C) quanta.", rich_help_panel=QUANTA)] = 1.0,
    loss_before: Annotated[float, typer.Option(help="Loss b (nats) before a quantum is learned (default ln 2).", rich_help_panel=QUANTA)] = math.log(2.0),
    loss_after: Annotated[float, typer.Option(help="Loss a (nats) once it is learned.", rich_help_panel=QUANTA)] = 0.0,
    polygenic: Annotated[int, typer.Option(help="Quanta a polygenic sample needs, drawn by frequency (0 for none).", rich_help_panel=QUANTA)] = 30,
    p: Annotated[float, typer.Option("--p", help="Probability per training step that one ability is learned, in (0, 1).", rich_help_panel=COMP)] = 0.1,
    abilities: Annotated[int, typer.Option(help="Largest number n of abilities the task needs (curves for 1..n).", rich_help_panel=COMP)] = 5,
    steps: Annotated[int, typer.Option(help="Training steps shown, t = 0..STEPS.", rich_help_panel=COMP)] = 60,
    seed: Annotated[int | None, typer.Option(help="Seed for the random parts: noise, seed runs, polygenic draws (printed when not given).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Write the model's figure to FILE (.png, .svg or .pdf).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of tables.")] = False,
    lang: Annotated[Lang | None, typer.Option(help="Language of tables and figure (default $EMERGENCE_LANG or en).")] = None,
) -> None:
    """A capability is "there" when a smooth curve crosses a level set by human judgement.

    With no options: the blog's bullet example. 3 parameters describe a
    bullet's shape, 4 its position, 6 its trajectory; underneath the staircase
    the reconstruction error falls smoothly, and a projectile fit shows when a
    threshold is genuine. Other models: --model observers (the "emergence
    point" moves with the threshold), quanta (Michaud et al.: a smooth power
    law made of steps) and composition (Okawa et al.: P = (1-(1-p)^t)^n).
    """
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    _refuse_foreign_options(ctx, model)
    taus = {"taus": parse_float_list("--tau", tau)} if tau is not None else {}
    grid = {"sizes": parse_sizes("--sizes", sizes)} if sizes is not None else {}
    rng = used_seed = None
    draws = {Model.dimensions: noise > 0, Model.observers: runs > 0, Model.quanta: polygenic > 0}
    if draws.get(model, False):
        rng, used_seed = resolve_seed(seed)

    if model is Model.dimensions:
        result = dimensions.curves(dimensions.ladder(_parse_ladder(ladder)), s=s, max_dims=max_dims, drag=drag, noise=noise,
                                   rng=rng, **taus)
    elif model is Model.observers:
        result = thresholds.curves(scale_map(scale), raters=thresholds.Raters(raters.value, rater_centre, rater_spread),
                                   runs=runs, rng=rng, **grid, **taus)
    elif model is Model.quanta:
        result = quanta.curves(quanta.Quanta(alpha, capacity, loss_before, loss_after), polygenic=polygenic, rng=rng,
                               **grid, **taus)
    else:
        result = composition.curves(p, abilities, steps, **taus)

    if plot is not None:
        from emergence import plotting

        figure = getattr(plotting, f"{model.value}_figure")
        plotting.save_figure(figure(result, language), plot)
    if json_out:
        render.emit_json({"command": "threshold", "model": model.value, **PAYLOADS[model](result),
                          **({"seed": used_seed} if used_seed is not None else {}),
                          **({"plot": str(plot)} if plot is not None else {})})
        return
    if used_seed is not None and seed is None:
        render.message(T("seed", language, seed=used_seed))
    PRINTERS[model](result, language)
    if plot is not None:
        render.message(T("plot", language, path=plot))


def _refuse_foreign_options(ctx: typer.Context, model: Model) -> None:
    """An option of another model, given on the command line, is a usage error (not silently ignored)."""
    def given(name: str) -> bool:
        source = ctx.get_parameter_source(name)
        return source is not None and source.name != "DEFAULT"

    for owner, names in MODEL_OPTIONS.items():
        for name in names:
            if owner is not model and given(name):
                raise bad(f"--{name.replace('_', '-')}", f"belongs to --model {owner.value}, not {model.value}")
    if model not in SIZES_MODELS and given("sizes"):
        raise bad("--sizes", f"applies to --model observers or quanta, not {model.value}")
    if model not in RANDOM_MODELS and given("seed"):
        raise bad("--seed", f"--model {model.value} draws no random numbers")


def _parse_ladder(text: str | None) -> dict[str, float]:
    """``NAME=D,...`` over the default ladder: given names override it, new names add rungs."""
    rungs: dict[str, float] = dict(dimensions.DEFAULT_LADDER)
    for item in filter(None, (x.strip() for x in (text or "").split(","))):
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise bad("--ladder", f"each item is NAME=D (e.g. trajectory=7), got {item!r}")
        try:
            rungs[name.strip()] = float(value)
        except ValueError:
            raise bad("--ladder", f"{value.strip()!r} in {item!r} is not a number") from None
    return rungs


def _thin(count: int) -> list[int]:
    """At most MAX_ROWS evenly spread row indices, first and last included."""
    if count <= MAX_ROWS:
        return list(range(count))
    return sorted({round(i * (count - 1) / (MAX_ROWS - 1)) for i in range(MAX_ROWS)})


def _bar(fraction: float, width: int = 16) -> str:
    """A gauge of ``width`` characters filled to ``fraction`` (0 to 1), in eighths of a character."""
    eighths = round(8 * width * max(0.0, min(1.0, fraction)))
    bar = "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
    return bar + "░" * (width - len(bar))


def _name(capability: str, lang: str) -> str:
    return T(capability, lang) if capability in ("shape", "position", "trajectory") else capability


# --------------------------------------------------------------------------------------------
# dimensions


def _print_dimensions(r, lang: str) -> None:
    rows = [[_name(name, lang), str(d), fmt(low), T("window_value", lang, low=fmt(low), high=fmt(high))]
            for (name, d), (low, high) in zip(r.ladder.rungs, r.rung_windows)]
    render.print_table(T("rung_title", lang), [T("capability", lang), T("recognised_at", lang), T("error_there", lang),
                       T("window", lang)], rows, caption=T("rung_caption", lang, s=r.s))

    rows = []
    for j, d in enumerate(r.dims):
        new = [_name(name, lang) for name, need in r.ladder.rungs if need == d]
        present = f"{r.count[j]} (+ {', '.join(new)})" if new else str(r.count[j])
        rows.append([str(d), fmt(float(r.error[j])), fmt(float(r.error_approx[j])), _bar(float(r.error[j])), present])
    render.print_table(T("smooth_title", lang, s=r.s), [T("d", lang), T("R", lang), T("approx", lang), T("graph", lang),
                       T("present", lang)], rows)

    rows = [[fmt(pt.threshold), fmt(pt.at), fmt(pt.smooth), fmt(pt.sensitivity)] for pt in r.points]
    first, last = r.points[0], r.points[-1]
    render.print_table(T("tol_title", lang), [T("tau_rel", lang), T("d_star", lang), T("d_smooth", lang), T("dd_dtau", lang)],
                       rows, caption=T("tol_caption", lang, t1=first.threshold, t2=last.threshold, d1=first.at, d2=last.at))

    pr = r.projectile
    heads = [T("vacuum", lang), T("drag", lang, k=pr.drag), T("noise", lang, sigma=pr.noise)]
    rows = [[str(d), *(fmt(float(x), 4) for x in pr.rmse[:, j])] for j, d in enumerate(pr.dims)]
    render.print_table(T("proj_title", lang), [T("d", lang), *heads], rows)
    rows = [[fmt(tol), *(fmt(float(x)) for x in pr.needed[:, m])] for m, tol in enumerate(pr.tolerances)]
    render.print_table(T("need_title", lang), [T("tol_m", lang), *heads], rows, caption=T("need_caption", lang))


def _dimensions_payload(r) -> dict:
    pr = r.projectile
    return {
        "parameters": {"ladder": dict(r.ladder.rungs), "s": r.s, "max_dims": int(r.dims[-1]), "drag": pr.drag, "noise": pr.noise},
        "curves": {
            "dims": r.dims, "error": r.error, "capabilities_present": r.count,
            "present": {name: row for name, row in zip(r.ladder.names, r.present)},
            "error_approx": r.error_approx,
            "smooth_dims": r.smooth_dims, "smooth_error": r.smooth_error, "smooth_approx": r.smooth_approx,
            "projectile": {"t": pr.t, "scenarios": ["vacuum", "drag", "noise"], "heights": pr.data, "dims": pr.dims,
                           "rmse": pr.rmse, "tolerances": pr.tolerances, "needed": pr.needed},
        },
        "emergence_point": {
            "capabilities": [{"name": name, "dims": d, "threshold": low, "tolerance_window": [low, high]}
                             for (name, d), (low, high) in zip(r.ladder.rungs, r.rung_windows)],
            "tolerances": r.points,
        },
        "notes": [T("note_dims")] + ([T("note_needed")] if np.isnan(pr.needed).any() else []),
    }


# --------------------------------------------------------------------------------------------
# observers


def _print_observers(r, lang: str) -> None:
    heads = [T("N", lang), T("q", lang), *(T("observer", lang, tau=t) for t in r.taus), T("raters", lang)]
    if r.runs.size:
        heads.append(T("runs", lang, runs=r.runs.shape[0]))
    rows = []
    for j in _thin(r.sizes.size):
        row = [fmt(float(r.sizes[j]), 3), fmt(float(r.quality[j]), 3), *(f"{r.steps[i, j]:.0f}" for i in range(len(r.taus))),
               fmt(float(r.recognised[j]), 3)]
        rows.append(row + ([fmt(float(r.runs[:, j].mean()), 3)] if r.runs.size else []))
    render.print_table(T("obs_title", lang, map=_map_label(r.scale)), heads, rows)

    rows = [[fmt(pt.threshold), fmt(pt.at, 4), fmt(math.log10(pt.at) if pt.at > 0 else math.nan, 4), fmt(pt.sensitivity, 4)]
            for pt in r.points]
    first, last = r.points[0], r.points[-1]
    decades = math.log10(last.at / first.at) if first.at > 0 and last.at > 0 else math.nan
    render.print_table(T("point_title", lang), [T("tau_q", lang), T("N_star", lang), T("log10_N_star", lang), T("dlogN_dtau", lang)],
                       rows, caption=T("point_caption", lang, t1=first.threshold, t2=last.threshold, dec=decades))

    low, high = r.population_sizes[0], r.population_sizes[-1]
    rows = [[T("pop_share", lang, pct=round(100 * share)), fmt(n, 4)] for share, n in zip(r.population_shares, r.population_sizes)]
    rows.append([T("pop_width", lang), fmt(math.log10(high / low), 4)])
    if r.run_jumps.size:
        rows.append([T("run_jumps", lang), f"{fmt(float(np.nanmin(r.run_jumps)), 3)} … {fmt(float(np.nanmax(r.run_jumps)), 3)}"])
        rows.append([T("run_median", lang), fmt(float(np.nanmedian(r.run_jumps)), 4)])
    caption = T("rater_kind", lang, kind=T(r.raters.kind, lang), centre=r.raters.centre, spread=r.raters.spread)
    render.print_table(T("pop_title", lang), [T("quantity", lang), T("value", lang)], rows, caption=caption)


def _map_label(smap) -> str:
    params = ", ".join(f"{k}={v:g}" for k, v in smap.params.items())
    return f"{smap.name}({params})" if params else smap.name


def _observers_payload(r) -> dict:
    points = list(r.points)
    notes = [T("note_obs")]
    if any(math.isnan(pt.at) for pt in points) or any(math.isnan(n) for n in r.population_sizes):
        notes.append(T("note_unreached"))
    if any(math.isinf(pt.sensitivity) for pt in points):
        notes.append(T("note_flat"))
    return {
        "parameters": {"scale": r.scale.name, "scale_params": dict(r.scale.params), "raters": r.raters, "runs": r.runs.shape[0]},
        "curves": {
            "sizes": r.sizes, "quality": r.quality,
            "steps": [{"threshold": t, "recognised": row} for t, row in zip(r.taus, r.steps)],
            "raters_recognising": r.recognised,
            "runs_mean": r.runs.mean(axis=0) if r.runs.size else [],
            "run_jumps": r.run_jumps,
            "tau_grid": r.tau_grid, "tau_grid_sizes": r.tau_grid_sizes,
        },
        "emergence_point": {
            "observers": points,
            "raters": [{"share": share, "size": n} for share, n in zip(r.population_shares, r.population_sizes)],
        },
        "notes": notes,
    }


# --------------------------------------------------------------------------------------------
# quanta


def _print_quanta(r, lang: str) -> None:
    m = r.model
    heads = [T("N", lang), T("n", lang), T("loss", lang), T("power", lang), T("quantum", lang, first=r.quanta[0], last=r.quanta[-1]),
             T("mono", lang, k=r.monogenic[0])]
    if r.polygenic:
        heads.append(T("poly", lang, m=len(r.polygenic)))
    rows = []
    for j in _thin(r.sizes.size):
        learned = "".join("■" if x == m.loss_after else "□" for x in r.quantum_loss[:, j])
        row = [fmt(float(r.sizes[j]), 3), str(r.learned[j]), fmt(float(r.loss[j]), 4), fmt(float(r.loss_approx[j]), 4),
               learned, fmt(float(r.monogenic_loss[j]), 3)]
        rows.append(row + ([fmt(float(r.polygenic_loss[j]), 3)] if r.polygenic else []))
    render.print_table(T("quanta_title", lang, alpha=m.alpha, c=m.capacity, b=m.loss_before, a=m.loss_after), heads, rows)

    rows = [[fmt(pt.threshold), fmt(pt.at / m.capacity), fmt(pt.at), fmt(pt.smooth), fmt(pt.sensitivity, 4)] for pt in r.points]
    render.print_table(T("qpoint_title", lang), [T("tau_loss", lang), T("n_star", lang), T("N_star_c", lang), T("N_smooth", lang),
                       T("dlogN_dloss", lang)], rows, caption=T("qpoint_caption", lang, fit=r.fitted_alpha, alpha=m.alpha))


def _quanta_payload(r) -> dict:
    return {
        "parameters": {"alpha": r.model.alpha, "capacity": r.model.capacity, "loss_before": r.model.loss_before,
                       "loss_after": r.model.loss_after, "polygenic": len(r.polygenic)},
        "curves": {
            "sizes": r.sizes, "learned": r.learned, "loss": r.loss, "loss_approx": r.loss_approx, "fitted_alpha": r.fitted_alpha,
            "quanta": [{"quantum": k, "loss": row} for k, row in zip(r.quanta, r.quantum_loss)],
            "monogenic": {"quanta": r.monogenic, "loss": r.monogenic_loss},
            "polygenic": {"quanta": r.polygenic, "loss": r.polygenic_loss},
        },
        "emergence_point": {"mean_loss": r.points, "quanta": [{"quantum": k, "size": r.model.capacity * k} for k in r.quanta]},
        "notes": [T("note_quanta")],
    }


# --------------------------------------------------------------------------------------------
# composition


def _print_composition(r, lang: str) -> None:
    heads = [T("t", lang), T("one", lang), *(T("n_abilities", lang, n=n) for n in r.abilities[1:])]
    rows = [[fmt(float(r.steps[j])), *(fmt(float(x), 4) for x in r.success[:, j])] for j in _thin(r.steps.size)]
    render.print_table(T("comp_title", lang, p=r.p), heads, rows)

    rows = [[str(n), fmt(pt.threshold), fmt(pt.at), fmt(pt.smooth), fmt(pt.sensitivity, 4)]
            for n, row in zip(r.abilities, r.points) for pt in row]
    first, last = r.points[-1][0], r.points[-1][-1]
    caption = T("cpoint_caption", lang, n=r.abilities[-1], t1=first.at, t2=last.at, p1=first.threshold, p2=last.threshold)
    render.print_table(T("cpoint_title", lang), [T("abilities", lang), T("tau_p", lang), T("t_star", lang), T("t_smooth", lang),
                       T("dt_dtau", lang)], rows, caption=caption)


def _composition_payload(r) -> dict:
    return {
        "parameters": {"p": r.p, "abilities": r.abilities[-1], "steps": int(r.steps[-1])},
        "curves": {"steps": r.steps, "single": r.single,
                   "success": [{"abilities": n, "success": row} for n, row in zip(r.abilities, r.success)]},
        "emergence_point": {"time_needed": [{"abilities": n, "points": row} for n, row in zip(r.abilities, r.points)]},
        "notes": [T("note_comp")],
    }


PRINTERS = {Model.dimensions: _print_dimensions, Model.observers: _print_observers,
            Model.quanta: _print_quanta, Model.composition: _print_composition}
PAYLOADS = {Model.dimensions: _dimensions_payload, Model.observers: _observers_payload,
            Model.quanta: _quanta_payload, Model.composition: _composition_payload}
