"""``emergence compound``: hypothesis 1, a task of k steps succeeds only if every step does."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from emergence import compound as core
from emergence import render
from emergence.cli._common import (
    AspectOption,
    Command,
    DetailFlag,
    JsonFlag,
    LangOption,
    PlotOption,
    SeedOption,
    StyleOption,
    bad,
    check_output,
    emit,
    figure_options,
    figure_params,
    parse_float_list,
    parse_sizes,
    progress,
    seed_note,
    seed_when,
)
from emergence.i18n import common, default_language
from emergence.i18n.compound import T
from emergence.render import fmt, fmt_percent, fmt_size

if TYPE_CHECKING:
    from emergence.evidence import CotErrors
    from emergence.montecarlo import MonteCarlo

DEFAULT_SIZES = "1e7:1e13:7"


class FigureKind(str, enum.Enum):
    """Which H1 figure ``--plot`` draws."""

    curves = "curves"
    cot = "cot"


app = typer.Typer()


@app.command(cls=Command)
def compound(
    p: Annotated[str, typer.Option("--p", help="Per-step accuracy in [0, 1], or a comma list (one per step: k = its length).")] = "0.4",
    steps: Annotated[int | None, typer.Option("--steps", "-k", help=f"Number of steps k, 1 to {core.MAX_STEPS:,} (default 5, or the length of the --p list).")] = None,
    p_to: Annotated[float | None, typer.Option("--p-to", help="Compare with this per-step accuracy: gains per step and for the task.")] = None,
    correlation: Annotated[float, typer.Option(help="Intra-item correlation rho in [0, 1): each item draws its accuracy X ~ Beta (mean p) "
                                                    "shared by its steps AND its attempts (pass@M, --vote). Not with --retries.")] = 0.0,
    retries: Annotated[int, typer.Option(help="Tries per step with a perfect checker: (1-(1-p)^R)^k (up to 1e18).")] = 1,
    attempts: Annotated[int, typer.Option(help="Attempts at the whole task, success if any is right: pass@M = 1-(1-P)^M, "
                                               "or 1-E[(1-X^k)^M] with --correlation (up to 1e18).")] = 1,
    vote: Annotated[int, typer.Option(help="Decide by a vote of M attempts. By default every wrong attempt gives the SAME wrong "
                                           "answer (right/wrong majority, the worst case); see --vote-wrong-answers. Ties: coin flip.")] = 1,
    vote_wrong_answers: Annotated[int | None, typer.Option(help="With --vote: a wrong attempt picks one of N distinct wrong answers "
                                                                "uniformly, and the most votes win (self-consistency's plurality vote; "
                                                                "ties broken at random). Default 1.")] = None,
    target: Annotated[float | None, typer.Option(help="Also answer: which per-step p gives end-to-end success T?")] = None,
    trials: Annotated[int | None, typer.Option(help="Check by Monte Carlo with N simulated tasks (each item draws one X for all its "
                                                    "attempts); at most 5e7 random draws in all.")] = None,
    seed: SeedOption = None,
    scale: Annotated[str | None, typer.Option(help="Sweep model size with a p(N) map: linear_log, logistic_log, schaeffer, power_error; parameters as MAP:key=value,...")] = None,
    sizes: Annotated[str | None, typer.Option(help=f"Model sizes for --scale: a list 1e8,1e9 or a range 1e7:1e13[:COUNT] (default {DEFAULT_SIZES}, one per decade).")] = None,
    plot: PlotOption = None,
    figure: Annotated[FigureKind | None, typer.Option(help="What --plot draws: curves (six panels on p, k, scale and scoring) or cot (the chain-of-thought error table of Wei et al. 2022); default curves.")] = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
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
    if vote_wrong_answers is not None and vote == 1:
        raise bad("--vote-wrong-answers", "applies only with --vote M (M > 1)")
    task = core.Chain(values, steps, correlation=correlation, retries=retries, attempts=attempts, vote=vote,
                      vote_wrong_answers=1 if vote_wrong_answers is None else vote_wrong_answers)
    if figure is not None and plot is None:
        raise bad("--figure", "applies only with --plot")
    look = figure_options(plot, style, aspect)
    if sizes is not None and scale is None:
        raise bad("--sizes", "applies only with --scale")
    rng, used_seed = seed_when(trials is not None, seed, "without --trials")
    if scale is not None and len(values) > 1:
        raise bad("--scale", "sets every step's accuracy from the map: give a single --p, or none")
    smap = None
    if scale is not None:
        from emergence.scaling import scale_map

        smap = scale_map(scale)
    sweep_sizes = parse_sizes("--sizes", sizes if sizes is not None else DEFAULT_SIZES) if smap is not None else None
    if trials is not None:
        from emergence.montecarlo import check_budget

        trials = check_budget(task, trials)  # refuse a run too long before any work
    kind = figure or FigureKind.curves

    outcome = core.analyse(task)
    comparison = core.compare(task, p_to) if p_to is not None else None
    inverse = core.inverse(task, target) if target is not None else None
    sweep = core.scale_sweep(task, smap, sweep_sizes) if smap is not None and sweep_sizes is not None else None
    mc = None
    said_seed = seed_note(seed, used_seed, language)
    if trials is not None and rng is not None:
        from emergence.montecarlo import simulate

        if said_seed is not None and not json_out:
            render.message(said_seed)
        with progress(T("progress", language), trials, enabled=not json_out) as advance:
            mc = simulate(task, trials, rng, on_progress=advance)
    cot = None
    if plot is not None:
        from emergence.plotting import compound_figure, cot_figure, save_figure

        if kind is FigureKind.cot:
            from emergence.evidence import cot_errors

            cot = cot_errors()
            save_figure(cot_figure(cot, language, **look), plot)
        else:
            from emergence.scaling import ScaleMap

            save_figure(compound_figure(core.curves(task, smap or ScaleMap("linear_log"), p_to=p_to), language, **look), plot)

    notes = []
    if outcome.success == 0.0:
        notes.append("underflow" if outcome.log10_success > float("-inf") else "zero")
    if json_out:
        params: dict[str, Any] = {
            "p": list(values), "steps": task.steps, "p_to": p_to, "correlation": task.correlation, "retries": task.retries,
            "attempts": task.attempts, "vote": task.vote, "vote_wrong_answers": task.vote_wrong_answers, "target": target,
            "trials": trials, "seed": used_seed, "scale": scale, "sizes": sweep_sizes, "plot": plot,
            "figure": kind.value if plot is not None else None, **figure_params(plot, look),
            "json": True, "lang": language,
        }
        results = {"outcome": outcome, "comparison": comparison, "inverse": inverse, "monte_carlo": mc,
                   "scale_sweep": sweep, "cot": cot}
        json_notes = [T(key, "en") for key in notes]
        if (said := seed_note(seed, used_seed, "en")) is not None:
            json_notes.append(said)
        emit("compound", params, results, seed=used_seed, notes=json_notes)
        return
    _print_outcome(outcome, language, detail)
    if comparison is not None:
        _print_comparison(comparison, language, detail)
    if inverse is not None:
        render.print_table(T("target_title", language), [common.T("quantity", language), common.T("value", language)],
                           [[T("target", language, t=fmt_percent(inverse.target)), fmt_percent(inverse.p_required, 10)]])
    if mc is not None and used_seed is not None:
        _print_monte_carlo(mc, used_seed, language, detail)
    if sweep is not None:
        _print_sweep(sweep, language, detail)
    if cot is not None:
        _print_cot(cot, language)
    for key in notes:
        render.message(T(key, language))
    if plot is not None:
        render.message(common.T("plot", language, path=plot))


def _print_outcome(o: core.Outcome, lang: str, detail: bool) -> None:
    """The blog's numbers first (p, k, the whole task, partial credit, as percentages); log10 P, prefix credit
    and the distribution of steps right in a second table with ``--detail``."""
    task, one = o.chain, o.one_attempt
    k = task.steps
    several = task.repeats > 1
    rows = []
    if task.homogeneous:
        rows.append([T("p", lang), fmt_percent(task.p[0])])
    else:
        shown = [fmt_percent(x) for x in task.p] if k <= 12 else [*(fmt_percent(x) for x in task.p[:10]), "…", fmt_percent(task.p[-1])]
        rows.append([T("p_list", lang), ", ".join(shown)])
    rows.append([T("k", lang), str(k)])
    if task.correlation > 0:
        rows.append([T("rho", lang), fmt(task.correlation)])
    if task.retries > 1:
        rows.append([T("retries", lang), str(task.retries)])
        if task.homogeneous:
            rows.append([T("q", lang), fmt_percent(one.step_success[0])])
    if task.attempts > 1:
        rows.append([T("attempts", lang), str(task.attempts)])
    if task.vote > 1:
        rows.append([T("vote_plurality" if task.vote_wrong_answers > 1 else "vote_majority", lang), str(task.vote)])
        rows.append([T("wrong_answers", lang), str(task.vote_wrong_answers)])
    if several:
        rows.append([T("single", lang), fmt_percent(one.success, log10=one.log10_success)])
    rows.append([T("success_after" if several else "success", lang), fmt_percent(o.success, log10=o.log10_success)])
    prefix = "one_" if several else ""
    rows.append([T(prefix + "fraction", lang), fmt_percent(one.fraction_correct)])
    captions = []
    if task.vote > 1:
        captions.append(T("vote_caption_plurality" if task.vote_wrong_answers > 1 else "vote_caption_majority", lang))
    if several and task.correlated:
        captions.append(T("shared_caption", lang))
    columns = [common.T("quantity", lang), common.T("value", lang)]
    render.print_table(T("title", lang, k=k), columns, rows, caption=" ".join(captions) or None)
    if not detail:
        return
    rows = [[T("log10", lang), fmt(o.log10_success, 8)],
            [T(prefix + "prefix", lang), fmt_percent(one.prefix_credit)]]
    rows.extend([T(prefix + "at_least", lang, j=row.steps, k=k), fmt_percent(row.probability)] for row in one.at_least)
    render.print_table(T("detail_title", lang), columns, rows)


def _print_comparison(c: core.Comparison, lang: str, detail: bool) -> None:
    task_ratio = fmt(c.task_ratio) if c.task_ratio is not None else f"10^{fmt(c.log10_task_ratio)}"
    rows = [
        [T("cmp_from", lang), fmt_percent(c.p), fmt_percent(c.success, log10=c.log10_success)],
        [T("cmp_to", lang), fmt_percent(c.p_to), fmt_percent(c.success_to, log10=c.log10_success_to)],
        [T("cmp_rel", lang), _signed_percent(c.relative_gain_step), _signed_percent(c.relative_gain_task)],
        [T("cmp_abs", lang), f"{100 * c.absolute_gain_step:+.6g}", f"{100 * c.absolute_gain_task:+.6g}"],
        [T("cmp_ratio", lang), fmt(c.step_ratio), task_ratio],
    ]
    caption = T("cmp_kstar", lang, k=c.k_star_absolute) if detail and c.k_star_absolute is not None else None
    render.print_table(T("cmp_title", lang, p1=fmt_percent(c.p), p2=fmt_percent(c.p_to)),
                       [T("cmp_what", lang), T("cmp_step", lang), T("cmp_task", lang)], rows, caption=caption)


def _signed_percent(x: float | None) -> str:
    return "—" if x is None else ("+" if x >= 0 else "") + fmt_percent(x)


def _print_monte_carlo(mc: MonteCarlo, seed: int, lang: str, detail: bool) -> None:
    rows = [
        [T("mc_exact", lang), fmt_percent(mc.exact, 8)],
        [T("mc_estimate", lang), f"{fmt_percent(mc.estimate, 8)} ({mc.successes}/{mc.trials})"],
        [T("mc_inside", lang), common.T("yes" if mc.exact_inside else "no", lang)],
    ]
    if detail:
        rows.insert(2, [T("mc_interval", lang), f"[{fmt_percent(mc.low, 6)}, {fmt_percent(mc.high, 6)}]"])
    render.print_table(T("mc_title", lang, n=mc.trials, seed=seed), [common.T("quantity", lang), common.T("value", lang)], rows)


def _print_sweep(s: core.ScaleSweep, lang: str, detail: bool) -> None:
    """Model sizes as 125M / 1.3B / 175B and percentages; log10 P(N) as a last column with ``--detail``."""
    rows = []
    for n, p, P, lp in zip(s.sizes, s.p, s.success[0], s.log10_success[0]):
        rows.append([fmt_size(n), fmt_percent(p, 4), fmt_percent(P, 4, log10=lp)] + ([fmt(lp)] if detail else []))
    title = T("scale_title", lang, map=T(f"map_{s.map_name}", lang), k=s.steps[0])
    columns = [T("N", lang), T("pN", lang), T("PN", lang)] + ([T("log10PN", lang)] if detail else [])
    caption = T("scale_caption", lang, map=s.map_name) if detail else None
    render.print_table(title, columns, rows, caption=caption)


def _print_cot(cot: CotErrors, lang: str) -> None:
    rows = [[T(name, lang), str(e), fmt_percent(float(share), 3), str(f), fmt_percent(float(rate), 3)]
            for name, e, share, f, rate in zip(cot.categories, cot.errors, cot.share, cot.fixed, cot.fix_rate)]
    columns = [T("cot_category", lang), T("cot_errors", lang), T("cot_share", lang), T("cot_fixed", lang), T("cot_rate", lang)]
    render.print_table(T("cot_title", lang), columns, rows)
