"""``emergence metric``: hypothesis 2, the jump comes from the metric and the size of the test set."""

from __future__ import annotations

import enum
import math
from typing import Annotated

import typer

from emergence import metrics as core
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
    parse_sizes,
    progress,
    resolve_seed,
    seed_note,
)
from emergence.i18n import common, default_language
from emergence.i18n import metric as text
from emergence.render import fmt, fmt_percent, fmt_size

DEFAULT_SIZES = ",".join(f"{n:g}" for n in core.GPT3_SIZES)
SHARPNESS_ROWS = ("breakthroughness", "linearity_r2", "largest_step_share")
PERCENT_METRICS = ("exact_match", "token_accuracy", "multiple_choice_grade")  # shown as percentages, as the blog writes them


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


@app.command(cls=Command)
def metric(
    tokens: Annotated[int, typer.Option("--tokens", "-L", help=f"Answer length L in tokens (1 to {core.MAX_TOKENS:,}); exact match needs all L right.")] = 5,
    c: Annotated[float | None, typer.Option("--c", help="Scale c (parameters, 1 to 1e20) of the loss (N/c)^alpha; overrides the preset.")] = None,
    alpha: Annotated[float | None, typer.Option("--alpha", help="Exponent alpha (-10 to -0.01) of the loss (N/c)^alpha; overrides the preset.")] = None,
    preset: Annotated[Preset, typer.Option(help="Constants: ours (c=1e9, alpha=-0.5, illustrative) or kaplan (c=8.8e13, alpha=-0.076).")] = Preset.ours,
    options: Annotated[int, typer.Option("--options", "-K", help=f"Number of multiple-choice options K (2 to {core.MAX_OPTIONS}).")] = 4,
    sigma: Annotated[float, typer.Option(help=f"Item noise: sd of every option's logit across items, 0 (identical items) or {core.MIN_SIGMA:g} to {core.MAX_SIGMA:g}.")] = 0.5,
    items: Annotated[int, typer.Option("--items", "-n", help=f"Test items n per model size (resolution 1/n); items x sizes x (K + 1) at most {core.MAX_DRAWS:,}.")] = 100,
    sizes: Annotated[str, typer.Option(help="Model sizes: a list 1e8,1e9 or a range 1e7:1e13[:COUNT].",
                                       show_default="the 8 GPT-3 sizes, 1.25e8 to 1.75e11")] = DEFAULT_SIZES,
    seed: SeedOption = None,
    plot: PlotOption = None,
    figure: Annotated[FigureKind | None, typer.Option(help="Which figure --plot draws: overview (4 panels, the default), schaeffer (6-panel replica) or resolution (n = 10..10000).")] = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
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
    look = figure_options(plot, style, aspect)
    model = core.latent_model(preset.value, c=c, alpha=alpha)
    task = core.Task(tokens, options, sigma)
    size_grid = parse_sizes("--sizes", sizes)
    core.check_items(items, size_grid.size, task.options)
    rng, used_seed = resolve_seed(seed)
    with progress(text.T("progress", language), items * size_grid.size, enabled=not json_out) as advance:
        report = core.analyse(model, task, size_grid, items, rng, on_progress=advance)
    said_seed = seed_note(seed, used_seed, language)
    if said_seed is not None and not json_out:
        render.message(said_seed)
    kind = figure or FigureKind.overview
    if plot is not None:
        from emergence import plotting

        builders = {FigureKind.overview: plotting.metric_figure, FigureKind.schaeffer: plotting.schaeffer_figure,
                    FigureKind.resolution: plotting.resolution_figure}
        plotting.save_figure(builders[kind](core.figure_data(report, rng), language, **look), plot)

    if json_out:
        params = {"tokens": task.tokens, "c": model.c, "alpha": model.alpha, "preset": preset.value,
                  "options": task.options, "sigma": task.sigma, "items": items, "sizes": report.sizes,
                  "seed": used_seed, "plot": plot, "figure": kind.value if plot is not None else None,
                  **figure_params(plot, look), "json": json_out, "lang": language}
        notes = _notes(report, "en")
        if (said := seed_note(seed, used_seed, "en")) is not None:
            notes.append(said)
        emit("metric", params, report, seed=used_seed, notes=notes)
        return
    _print_expected(report, language, detail)
    _print_simulated(report, used_seed, language, detail)
    _print_resolution(report, language, detail)
    _print_sparse(report, language, detail)
    for note in _notes(report, language):
        render.message(note)
    if plot is not None:
        render.message(common.T("plot", language, path=plot))


def _model_text(model: core.LatentModel, lang: str) -> str:
    return text.T(f"model_{model.name}", lang, c=model.c, alpha=model.alpha)


def _score(metric: str, x: float) -> str:
    """A score as the blog writes it: accuracies and grades in percent, the other metrics as numbers."""
    return fmt_percent(x, 3) if metric in PERCENT_METRICS else fmt(x, 3)


def _print_sharpness(sharp: dict, metrics: tuple[str, ...], title: str, lang: str) -> None:
    """The technical block under a table of scores (``--detail``): breakthroughness B, R² and the largest step's share."""
    rows = [[text.T(field, lang)] + [fmt(getattr(sharp[m], field), 3) for m in metrics] for field in SHARPNESS_ROWS]
    render.print_table(title, [""] + [text.T(m, lang) for m in metrics], rows, caption=text.T("sharp_caption", lang))


def _size_text(size: float, log10_size: float) -> str:
    """A size for the caption (52B); one beyond the largest float is shown from its logarithm."""
    return fmt_size(size) if math.isfinite(size) else f"10^{log10_size:.4g}"


def _print_expected(r: core.MetricReport, lang: str, detail: bool) -> None:
    scores = r.expected.scores
    rows = [[fmt_size(r.sizes[i])] + [_score(m, float(scores[m][i])) for m in core.METRICS] for i in core.table_rows(r.sizes.size)]
    title = text.T("title", lang, L=r.task.tokens, K=r.task.options, sigma=r.task.sigma, model=_model_text(r.model, lang))
    caption = text.T("caption", lang, chance=fmt_percent(r.task.chance, 3), guess=r.task.guess_brier,
                     n50=_size_text(r.n50, r.n50_log10))
    render.print_table(title, [text.T("N", lang)] + [text.T(m, lang) for m in core.METRICS], rows, caption=caption)
    if detail:
        _print_sharpness(r.sharpness, core.METRICS, text.T("sharp_title", lang, width=r.width_decades), lang)


def _print_simulated(r: core.MetricReport, seed: int, lang: str, detail: bool) -> None:
    shown = core.METRICS[:-1]
    scores = r.simulated.scores
    rows = [[fmt_size(r.sizes[i])] + [_score(m, float(scores[m][i])) for m in shown] for i in core.table_rows(r.sizes.size)]
    render.print_table(text.T("sim_title", lang, n=r.simulated.items, seed=seed), [text.T("N", lang)] + [text.T(m, lang) for m in shown],
                       rows, caption=text.T("sim_caption", lang))
    if detail:
        _print_sharpness(r.simulated_sharpness, shown, text.T("sim_sharp_title", lang, n=r.simulated.items), lang)


def _print_resolution(r: core.MetricReport, lang: str, detail: bool) -> None:
    """True, rounded and read exact match and the items a hit needs; the interval and P(read 0) with ``--detail``."""
    o = r.exact_match_observation
    rows = []
    for i in core.table_rows(r.sizes.size):
        row = [fmt_size(r.sizes[i]), fmt_percent(float(o.true[i]), 3), fmt_percent(float(o.rounded[i]), 3),
               f"{o.successes[i]}/{o.items}", fmt(float(r.items_needed[i]), 3)]
        if detail:
            row += [f"{fmt_percent(float(o.low[i]), 2)} – {fmt_percent(float(o.high[i]), 2)}", fmt(float(o.zero_probability[i]), 3)]
        rows.append(row)
    columns = [text.T("N", lang), text.T("true", lang), text.T("rounded", lang), text.T("observed", lang),
               text.T("needed", lang, q=100 * r.confidence)]
    caption = text.T("res_caption", lang, n=o.items, bound=fmt_percent(r.zero_upper_bound, 3), level=100 * o.level)
    if detail:
        columns += [text.T("interval", lang, level=100 * o.level), text.T("zero", lang)]
        caption += " " + text.T("res_caption_detail", lang)
    render.print_table(text.T("res_title", lang, n=o.items, floor=fmt_percent(o.floor)), columns, rows, caption=caption)


def _print_sparse(r: core.MetricReport, lang: str, detail: bool) -> None:
    """How much of the rise the biggest jump makes, with few or many sizes; breakthroughness with ``--detail``."""
    s = r.sparse
    rows = [[str(c), fmt_percent(float(share), 3)] + ([fmt(float(b), 3)] if detail else [])
            for c, share, b in zip(s.counts, s.largest_step_share, s.breakthroughness)]
    columns = [text.T("count", lang), text.T("jump_share", lang)] + ([text.T("breakthroughness", lang)] if detail else [])
    caption = text.T("sparse_caption", lang) + (" " + text.T("sparse_caption_detail", lang) if detail else "")
    render.print_table(text.T("sparse_title", lang, low=fmt_size(r.sizes[0]), high=fmt_size(r.sizes[-1])), columns, rows,
                       caption=caption)


def _notes(r: core.MetricReport, lang: str) -> list[str]:
    notes = []
    shown = core.table_rows(r.sizes.size).size
    if shown < r.sizes.size:
        notes.append(text.T("rows", lang, shown=shown, total=r.sizes.size))
    for which, why in r.caveats():
        if which.startswith("simulated "):
            which = text.T("simulated", lang, metric=which.removeprefix("simulated "))
        notes.append(text.T(f"undefined_{why}", lang, metric=which))
    return notes
