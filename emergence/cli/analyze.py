"""``emergence analyze``: is a jump in real benchmark results real, or the metric, the steps, the test set or the grid?"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import typer

from emergence import render
from emergence.cli._common import (
    AspectOption,
    Command,
    DetailFlag,
    FigureStyle,
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
    parse_float,
    parse_float_list,
    progress,
    resolve_seed,
    seed_note,
)
from emergence.i18n import default_language
from emergence.i18n.analyze import T
from emergence.results import Result

if TYPE_CHECKING:
    from emergence.data import Curve
    from emergence.verdict import CurveAnalysis, Finding

app = typer.Typer()

MAX_BOOTSTRAP = 100_000
MAX_LEVELS = 20        # --level values: a handful of thresholds, each a sentence per curve
MAX_TOP = 100
MAX_PANELS = 12        # curves one --plot draws: the first of --top
PANEL_WORK = 80_000    # a panel takes about a quarter of a second to draw: as long as this many point-fits
SLIDE_PANELS = 2       # a slide shows one message: the top curve, or the top two


def _text(option: str, value: str | None) -> str | None:
    """A column name or a single value; blank is refused (leaving the option out is how to say "none")."""
    if value is None:
        return None
    if not value.strip():
        raise bad(option, "is empty: give a name, or leave the option out")
    return value.strip()


def _names(option: str, text: str | None) -> tuple[str, ...]:
    """``COL,COL`` as names; an empty item (``a,,b`` or a blank value) is refused."""
    if text is None:
        return ()
    parts = text.split(",")
    for i, part in enumerate(parts, start=1):
        if not part.strip():
            if len(parts) == 1:
                raise bad(option, "is empty: give a name, or leave the option out")
            raise bad(option, f"item {i} of {text!r} is empty (use commas between names)")
    return tuple(part.strip() for part in parts)


def _many(option: str, values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(_names(option, value))
    return tuple(out)


@app.command(cls=Command)
def analyze(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="CSV/TSV tables, lm-evaluation-harness result files, or directories searched for both.", show_default=False)],
    size_col: Annotated[str | None, typer.Option(help="Column of model sizes (parameters, tokens or FLOPs; > 0). Guessed when unambiguous.")] = None,
    size_unit: Annotated[str | None, typer.Option(help="Multiply sizes by this (1e9 for billions); guessed from names like params_b.")] = None,
    score_col: Annotated[str | None, typer.Option(help="Score column, or several (COL,COL: a wide table, one column per metric).")] = None,
    metric_col: Annotated[str | None, typer.Option(help="Column naming the metric of each row (long tables).")] = None,
    task_col: Annotated[str | None, typer.Option(help="Column naming the task.")] = None,
    model_col: Annotated[str | None, typer.Option(help="Column naming the model.")] = None,
    family_col: Annotated[str | None, typer.Option(help="Column naming the model family (one curve per family).")] = None,
    by: Annotated[str | None, typer.Option(help="More columns that split curves (COL,COL), e.g. prompt format or shots.")] = None,
    items: Annotated[str | None, typer.Option(help="Test items per score: a column name, or one number N for all.")] = None,
    stderr_col: Annotated[str | None, typer.Option(help="Column of standard errors.")] = None,
    sizes: Annotated[Path | None, typer.Option("--sizes", metavar="FILE", help="CSV model,size[,family] giving sizes (and families); it always wins.")] = None,
    task: Annotated[list[str] | None, typer.Option(help="Only these tasks (values or globs, repeatable or COMMA,LIST).")] = None,
    metric: Annotated[list[str] | None, typer.Option(help="Only these metrics.")] = None,
    family: Annotated[list[str] | None, typer.Option(help="Only these families.")] = None,
    model: Annotated[list[str] | None, typer.Option(help="Only these models.")] = None,
    lower: Annotated[list[str] | None, typer.Option(help="Metrics where lower is better (perplexity, loss, Brier... are known).")] = None,
    chance: Annotated[float | None, typer.Option(help="Chance level as a fraction (1/K for K options): drawn, and the fit's lower plateau.")] = None,
    bootstrap: Annotated[int | None, typer.Option(min=10, max=MAX_BOOTSTRAP, show_default=False, help="Bootstrap resamples per curve (case resampling; default 1000, fewer when there are many curves or sizes, said in a note).")] = None,
    holdout: Annotated[int, typer.Option(min=1, max=1000, help="Backtest: hold out the K largest models of each curve.")] = 1,
    cutoff: Annotated[str | None, typer.Option(help="Backtest: hold out every model larger than SIZE instead (in the sizes' units).")] = None,
    steps: Annotated[str, typer.Option(help="Compounding test: a number of steps K, or auto (the K in 1..--max-steps that is straightest).")] = "auto",
    max_steps: Annotated[int, typer.Option(min=1, max=100, help="Largest K tried by --steps auto.")] = 10,
    level: Annotated[str | None, typer.Option(help=f"Threshold test: score levels (comma list of at most {MAX_LEVELS}; fractions, also on 0-100 curves). Default: 10/50/90 % of the fitted rise.")] = None,
    top: Annotated[int, typer.Option(min=1, max=MAX_TOP, help=f"Curves described in detail, and drawn by --plot (at most {MAX_PANELS}; {SLIDE_PANELS} on a slide).")] = 12,
    plot: PlotOption = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    csv: Annotated[Path | None, typer.Option("--csv", metavar="FILE", help="Write the per-curve table to FILE (.csv).")] = None,
    seed: SeedOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """Test the three explanations of a jump on real results: breakthroughness, a sigmoid fit with bootstrap
    intervals, a backtest on the largest models, and the metric, compounding, resolution and threshold tests.

    Examples: emergence analyze examples/synthetic_results.csv;
    emergence analyze results/ --task 'arithmetic_*' --family pythia --plot curves.png --csv curves.csv
    """
    from emergence import data, verdict

    language = lang.value if lang else default_language()
    # every check before any work, and before anything is said: a usage error is the only line
    plot = check_output("--plot", plot)
    csv = check_output("--csv", csv, (".csv",))
    look = figure_options(plot, style, aspect)
    columns = {name: _text(f"--{name.replace('_', '-')}", value) for name, value in (
        ("size_col", size_col), ("metric_col", metric_col), ("task_col", task_col), ("model_col", model_col),
        ("family_col", family_col), ("stderr_col", stderr_col))}
    score_cols, by_cols = _names("--score-col", score_col), _names("--by", by)
    filters = {"task": _many("--task", task), "metric": _many("--metric", metric), "family": _many("--family", family),
               "model": _many("--model", model), "lower": _many("--lower", lower)}
    if chance is not None and not 0.0 <= chance < 1.0:
        raise bad("--chance", f"must be a fraction in [0, 1), got {chance:g}")
    unit = parse_float("--size-unit", size_unit) if size_unit is not None else None
    if unit is not None and not 0 < unit < 1e30:
        raise bad("--size-unit", f"must be greater than 0 (and below 1e30), got {size_unit!r}")
    items_text = _text("--items", items)
    n_items: str | int | None = items_text
    if items_text is not None and items_text.isascii() and items_text.isdigit() and len(items_text) < 20:
        n_items = int(items_text)
        if not 1 <= n_items <= 10**9:
            raise bad("--items", f"must be a column name or a number of items from 1 to 1e9, got {items!r}")
    cut = parse_float("--cutoff", cutoff) if cutoff is not None else None
    if cut is not None and cut <= 0:
        raise bad("--cutoff", f"must be a size greater than 0, got {cutoff!r}")
    if steps.strip().lower() == "auto":
        k = None
    else:
        if not (steps.strip().isascii() and steps.strip().isdigit() and len(steps.strip()) < 4) or not 1 <= int(steps) <= 100:
            raise bad("--steps", f"must be auto or a whole number of steps from 1 to 100, got {steps!r}")
        k = int(steps)
    if level is not None and level.count(",") >= MAX_LEVELS:
        raise bad("--level", f"at most {MAX_LEVELS} levels, got {level.count(',') + 1}")
    levels = parse_float_list("--level", level) if level is not None else ()
    rng_root, used_seed = resolve_seed(seed)
    options = data.LoadOptions(
        size_col=columns["size_col"], size_unit=unit if unit is not None else 1.0, score_cols=score_cols,
        metric_col=columns["metric_col"], task_col=columns["task_col"], model_col=columns["model_col"],
        family_col=columns["family_col"], by=by_cols, items=n_items, stderr_col=columns["stderr_col"],
        sizes_file=str(sizes) if sizes is not None else None, tasks=filters["task"], metrics=filters["metric"],
        families=filters["family"], models=filters["model"], lower=filters["lower"])
    try:  # every metric is read, so that another metric on the same outputs is found even when --metric picks one
        report = data.load([str(p) for p in paths], dataclasses.replace(options, metrics=()))
    except data.DataError as exc:
        raise bad(exc.option or "PATH", exc.location()) from None
    chosen = [c for c in report.curves if data.matches(c.metric, options.metrics)]
    if options.metrics and not chosen:
        raise bad("--metric", f"matches no metric; the files have {', '.join(sorted({c.metric for c in report.curves}))}")
    curves = tuple(c for c in chosen if len(c.sizes) >= 2)
    for c in curves:
        if len(c.sizes) > verdict.MAX_CURVE_SIZES:
            raise bad("PATH", f"{c.sources[0]}: the curve {c.label} has {len(c.sizes):,} model sizes; the limit is "
                      f"{verdict.MAX_CURVE_SIZES:,} in one curve (choose models with --model or --family, or split the "
                      "curve with --by)")
    settings = verdict.Settings(bootstrap=1, holdout=holdout, cutoff=cut, levels=levels, steps=k, max_steps=max_steps,
                                chance=chance)
    slide = look["style"] == FigureStyle.slide.value
    drawn = min(top, SLIDE_PANELS if slide else MAX_PANELS)
    figure = PANEL_WORK * min(drawn, len(curves)) if plot is not None else 0  # drawing counts too
    resamples = verdict.resamples_for(curves, bootstrap, settings, reserve=figure)
    points = sum(len(c.sizes) for c in curves)
    if resamples is None:
        asked = bootstrap if bootstrap is not None else verdict.DEFAULT_RESAMPLES
        with_figure = f" (with {figure:,} for the figure)" if figure else ""
        raise bad("--bootstrap" if bootstrap is not None else "PATH",
                  f"{len(curves):,} curves of {points:,} model sizes in all at {asked} resamples is "
                  f"{verdict.work(curves, asked, settings) + figure:,} point-fits{with_figure}, more than the "
                  f"{verdict.WORK_BUDGET:,} of about ten seconds; choose curves with --task/--metric/--family/--model "
                  "or lower --bootstrap")
    settings = dataclasses.replace(settings, bootstrap=resamples)
    # the checks are done: now what the reading guessed, then the work
    if not json_out:
        for guess in report.guesses:
            render.message(T("note", language, text=guess.text(language)))
    notes: list[tuple[str, dict[str, Any]]] = []  # (key, fields): said in English in --json, in the language on the terminal
    if bootstrap is None and resamples < verdict.DEFAULT_RESAMPLES:
        notes.append(("fewer_resamples", {"n": f"{len(curves):,}", "points": f"{points:,}", "b": resamples}))
    with progress(T("progress", language), 2 * len(curves), enabled=not json_out) as advance:
        analyses = verdict.analyse_all(curves, settings, rng_root.spawn(len(curves)), on_progress=advance,
                                       pool=report.curves)
    ranked = verdict.ranked(analyses)
    shown = ranked[:drawn]
    if plot is not None:
        from emergence.plotting import analyze_figure, save_figure

        save_figure(analyze_figure(shown, language, chance=chance, **look), plot)
        if top > drawn and len(ranked) > drawn:
            notes.append(("slide_top", {"shown": drawn, "most": MAX_PANELS}) if slide else
                         ("plot_capped", {"shown": drawn, "top": top, "most": MAX_PANELS}))
    if csv is not None:
        from emergence._files import write_atomic

        write_atomic(csv, verdict.to_csv(ranked).encode("utf-8"))
    single = len(chosen) - len(curves)
    if single:
        notes.append(("single", {"n": single}))
    if cut is not None and not any(np.any(np.asarray(c.sizes) > cut) for c in curves):
        notes.append(("no_backtest", {}))
    if json_out:
        params = {"paths": [str(p) for p in paths], "size_col": columns["size_col"], "size_unit": unit,
                  "score_col": list(score_cols), "metric_col": columns["metric_col"], "task_col": columns["task_col"],
                  "model_col": columns["model_col"], "family_col": columns["family_col"], "by": list(by_cols),
                  "items": n_items, "stderr_col": columns["stderr_col"], "sizes": sizes,
                  **{name: list(values) for name, values in filters.items()}, "chance": chance, "bootstrap": resamples,
                  "holdout": holdout, "cutoff": cut, "steps": steps, "max_steps": max_steps, "level": list(levels),
                  "top": top, "plot": plot, **figure_params(plot, look), "csv": csv, "seed": used_seed, "lang": language}
        load = {k: v for k, v in dataclasses.replace(report, curves=()).to_dict().items() if k != "curves"}
        json_notes = [str(n) for n in report.notes] + [T(key, "en", **fields) for key, fields in notes]
        if (said := seed_note(seed, used_seed, "en")) is not None:
            json_notes.append(said)
        emit("analyze", params, {"load": load, "curves": [Reported(a) for a in ranked]}, seed=used_seed,
             notes=json_notes)
        return
    if not ranked:
        render.message(T("none_left", language))
    else:
        _print_table(ranked, language)
        if detail:
            _print_detail(ranked, language)
        _print_sentences(ranked[:top], language)
    for note in report.notes:
        render.message(T("note", language, text=note.text(language)))
    for key, fields in notes:
        render.message(T("note", language, text=T(key, language, **fields)))
    if plot is not None:
        render.message(T("plot", language, path=plot, n=len(shown)))
    if csv is not None:
        render.message(T("csv", language, path=csv))
    if (said := seed_note(seed, used_seed, language)) is not None:
        render.message(said)


# ---------------------------------------------------------------- numbers as the blog writes them


def score_text(curve: Curve, value: float | None) -> str:
    """A score as a reader expects it: a fraction as a percentage (0.067 -> 6.7 %), a 0-100 score with
    a per cent sign, anything else (a loss, a mixed scale) as the number it is."""
    if value is None or not math.isfinite(float(value)):
        return render.fmt(value)
    if curve.scale == "fraction":
        return render.fmt_percent(float(value), 3)
    if curve.scale == "percent":
        return f"{float(value):.3g} %"
    return render.fmt(float(value), 3)


def verdict_text(a: CurveAnalysis, lang: str) -> str:
    """The verdict in words: smooth; sharp, explained by what; too few sizes or too noisy; a candidate."""
    if a.verdict == "explained":
        return T("explained", lang, by=("、" if lang == "zh" else ", ").join(T(name, lang) for name in a.explained_by))
    return T(a.verdict, lang)


def table_rows(ranked: Sequence[CurveAnalysis], lang: str) -> tuple[list[str], list[list[str]]]:
    """The plain table's header and rows: the curve, its sizes (125M–12B), its scores (0 % → 43 %), the
    largest step (1.4B → 2.8B: 6.7 % → 79.5 %) and the verdict in words."""
    rows = []
    for a in ranked:
        c, step = a.curve, a.shape.largest_step
        rows.append([c.label,
                     T("sizes_range", lang, low=render.fmt_size(float(c.sizes[0])), high=render.fmt_size(float(c.sizes[-1])),
                       n=len(c.sizes)),
                     f"{score_text(c, float(c.scores[0]))} → {score_text(c, float(c.scores[-1]))}",
                     T("step_cell", lang, from_size=render.fmt_size(step.from_size), to_size=render.fmt_size(step.to_size),
                       from_score=score_text(c, step.from_score), to_score=score_text(c, step.to_score)),
                     verdict_text(a, lang)])
    header = [T("curve", lang), T("sizes", lang), T("range", lang), T("step", lang), T("verdict", lang)]
    return header, rows


def _print_table(ranked: Sequence[CurveAnalysis], lang: str) -> None:
    header, rows = table_rows(ranked, lang)
    render.print_table(T("title", lang, n=len(ranked)), header, rows)


def _print_detail(ranked: Sequence[CurveAnalysis], lang: str) -> None:
    """The technical columns: breakthroughness, R², the step's share, the fit, the backtest and the test statistics."""
    rows = []
    for a in ranked:
        s, g, bt, comp, res = a.shape, a.sigmoid, a.backtest, a.compounding, a.resolution
        midpoint = "—"
        if g is not None:
            low, high = g.midpoint_interval
            midpoint = f"{render.fmt_size(10.0 ** g.midpoint)} ({_size_or_dash(low)}–{_size_or_dash(high)})"
            if not g.determined:
                midpoint = T("undetermined_mark", lang, value=midpoint)
        used = bt.used if bt is not None else ()
        rows.append([a.curve.label, render.fmt(s.breakthroughness, 3), render.fmt(s.linearity_r2, 3),
                     render.fmt_percent(s.largest_step.share, 2), midpoint, render.fmt(g.rise_decades, 3) if g is not None else "—",
                     f"{sum(p.inside for p in used)}/{len(used)}" if used else "—",
                     f"{comp.steps}, {render.fmt(comp.r2_steps, 3)}" if comp is not None else "—",
                     f"{render.fmt(res.step_z, 3)} / {res.critical_z:.2f}" if res is not None and res.step_z is not None else "—"])
    render.print_table(T("detail_title", lang),
                       [T("curve", lang), T("B", lang), T("r2", lang), T("share", lang), T("midpoint", lang), T("rise", lang),
                        T("backtest_col", lang), T("compounding_col", lang), T("z_col", lang)], rows,
                       caption=T("detail_caption", lang) if any(a.sigmoid is not None and not a.sigmoid.determined
                                                                   for a in ranked) else None)


def _size_or_dash(log10_size: float | None) -> str:
    return render.fmt_size(10.0 ** log10_size) if log10_size is not None and math.isfinite(log10_size) else "—"


# ---------------------------------------------------------------- sentences


_WHY = {"fewer than 6 sizes": "why_few", "the midpoint interval is wider than the sizes observed": "why_wide",
        "the midpoint lies outside the sizes observed": "why_outside", "its plateaus leave the scale of the scores": "why_scale"}


def sentence(a: CurveAnalysis, finding: Finding, lang: str) -> str:
    """One finding of a curve as a sentence: sizes as 1.4B, scores and levels as the curve reads them."""
    c = a.curve
    fields: dict[str, Any] = dict(finding.fields)
    for key in ("b", "other_b"):
        if key in fields:
            fields[key] = render.fmt(fields[key], 3)
    for key in ("size", "low", "high"):
        if key in fields:
            fields[key] = render.fmt_size(fields[key]) if fields[key] is not None else "—"
    for key in ("level", "bound"):
        if key in fields:
            fields[key] = score_text(c, fields[key])
    if "why" in fields and fields["why"] in _WHY:
        fields["why"] = T(_WHY[fields["why"]], lang)
    if "fit" in fields:
        fields["fit"] = T(f"fit_{fields['fit']}", lang)
    key = finding.key
    if key == "step":
        step = a.shape.largest_step
        key = "step_sentence"
        fields.update(from_size=render.fmt_size(step.from_size), to_size=render.fmt_size(step.to_size),
                      from_score=score_text(c, step.from_score), to_score=score_text(c, step.to_score),
                      share=render.fmt_percent(step.share, 2))
    # a number that is missing (None) where a format expects one reads as NaN, shown as "nan"
    return T(key, lang, **{k: (math.nan if v is None else v) for k, v in fields.items()})


@dataclasses.dataclass(frozen=True)
class Reported(Result):
    """A curve's analysis as ``--json`` reports it: every number, its label and its sentences in English.

    A :class:`~emergence.results.Result`, so that the envelope converts it once (not a dict converted twice).
    """

    analysis: CurveAnalysis

    def to_dict(self) -> dict[str, Any]:
        out = self.analysis.to_dict()
        out["label"] = self.analysis.curve.label
        out["sentences"] = [sentence(self.analysis, f, "en") for f in self.analysis.findings]
        return out


def _print_sentences(ranked: Sequence[CurveAnalysis], lang: str) -> None:
    for a in ranked:
        render.write(f"\n{T('curve_verdict', lang, label=a.curve.label, verdict=verdict_text(a, lang))}\n")
        for f in a.findings:
            render.write(f"  - {sentence(a, f, lang)}\n")
