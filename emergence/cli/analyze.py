"""``emergence analyze``: is a jump in real benchmark results real, or the metric, the steps, the test set or the grid?"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from emergence import render
from emergence.cli._common import (
    JsonFlag,
    LangOption,
    PlotOption,
    SeedOption,
    bad,
    check_output,
    emit,
    parse_float,
    parse_float_list,
    progress,
    resolve_seed,
)
from emergence.i18n import default_language
from emergence.i18n.analyze import T

app = typer.Typer()

MAX_BOOTSTRAP = 100_000


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip()) if text else ()


def _many(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(_names(value))
    return tuple(out)


@app.command()
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
    bootstrap: Annotated[int | None, typer.Option(min=10, max=MAX_BOOTSTRAP, show_default=False, help="Bootstrap resamples per curve (case resampling; default 1000, fewer when there are many curves, said in a note).")] = None,
    holdout: Annotated[int, typer.Option(min=1, max=1000, help="Backtest: hold out the K largest models of each curve.")] = 1,
    cutoff: Annotated[str | None, typer.Option(help="Backtest: hold out every model larger than SIZE instead (in the sizes' units).")] = None,
    steps: Annotated[str, typer.Option(help="Compounding test: a number of steps K, or auto (the K in 1..--max-steps that is straightest).")] = "auto",
    max_steps: Annotated[int, typer.Option(min=1, max=100, help="Largest K tried by --steps auto.")] = 10,
    level: Annotated[str | None, typer.Option(help="Threshold test: score levels (comma list; fractions, also on 0-100 curves). Default: 10/50/90 % of the fitted rise.")] = None,
    top: Annotated[int, typer.Option(min=1, max=100, help="Curves described in detail and drawn by --plot.")] = 12,
    plot: PlotOption = None,
    csv: Annotated[Path | None, typer.Option("--csv", metavar="FILE", help="Write the per-curve table to FILE (.csv).")] = None,
    seed: SeedOption = None,
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
    plot = check_output("--plot", plot)
    csv = check_output("--csv", csv, (".csv",))
    if chance is not None and not 0.0 <= chance < 1.0:
        raise bad("--chance", f"must be a fraction in [0, 1), got {chance:g}")
    unit = parse_float("--size-unit", size_unit) if size_unit is not None else None
    if unit is not None and not 0 < unit < 1e30:
        raise bad("--size-unit", f"must be greater than 0 (and below 1e30), got {size_unit!r}")
    n_items: str | int | None = items
    if items is not None and items.strip().isascii() and items.strip().isdigit() and len(items.strip()) < 20:
        n_items = int(items.strip())
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
    levels = parse_float_list("--level", level) if level is not None else ()
    rng_root, used_seed = resolve_seed(seed)
    options = data.LoadOptions(
        size_col=size_col, size_unit=unit if unit is not None else 1.0, score_cols=_names(score_col), metric_col=metric_col,
        task_col=task_col, model_col=model_col, family_col=family_col, by=_names(by), items=n_items, stderr_col=stderr_col,
        sizes_file=str(sizes) if sizes is not None else None, tasks=_many(task), metrics=_many(metric),
        families=_many(family), models=_many(model), lower=_many(lower))
    try:  # every metric is read, so that another metric on the same outputs is found even when --metric picks one
        report = data.load([str(p) for p in paths], dataclasses.replace(options, metrics=()))
    except data.DataError as exc:
        raise bad(exc.option or "PATH", exc.location()) from None
    for guess in report.guesses:
        render.message(f"note: {guess}")
    chosen = [c for c in report.curves if data.matches(c.metric, options.metrics)]
    if options.metrics and not chosen:
        raise bad("--metric", f"matches no metric; the files have {', '.join(sorted({c.metric for c in report.curves}))}")
    curves = tuple(c for c in chosen if len(c.sizes) >= 2)
    single = len(chosen) - len(curves)
    notes = list(report.notes)
    resamples = verdict.resamples_for(len(curves), bootstrap)
    if resamples is None:
        asked = bootstrap if bootstrap is not None else verdict.DEFAULT_RESAMPLES
        raise bad("--bootstrap" if bootstrap is not None else "PATH",
                  f"{len(curves)} curves x {asked} resamples is more than {verdict.WORK_BUDGET:,} fits (about ten seconds); "
                  f"choose curves with --task/--metric/--family/--model or lower --bootstrap")
    if bootstrap is None and resamples < verdict.DEFAULT_RESAMPLES:
        notes.append(T("fewer_resamples", "en", n=len(curves), b=resamples))
    settings = verdict.Settings(bootstrap=resamples, holdout=holdout, cutoff=cut, levels=levels, steps=k,
                                max_steps=max_steps, chance=chance)
    with progress(T("progress", language), 2 * len(curves), enabled=not json_out) as advance:
        analyses = verdict.analyse_all(curves, settings, rng_root.spawn(len(curves)), on_progress=advance,
                                       pool=report.curves)
    ranked = verdict.ranked(analyses)
    if plot is not None:
        from emergence.plotting import analyze_figure, save_figure

        save_figure(analyze_figure(ranked[:top], language, chance=chance), plot)
    if csv is not None:
        from emergence._files import write_atomic

        write_atomic(csv, verdict.to_csv(ranked).encode("utf-8"))
    if single:
        notes.append(T("single", "en", n=single))
    if cut is not None and not any(np.any(np.asarray(c.sizes) > cut) for c in curves):
        notes.append(T("no_backtest", "en"))
    if json_out:
        params = {"paths": [str(p) for p in paths], "size_col": size_col, "size_unit": unit, "score_col": list(_names(score_col)),
                  "metric_col": metric_col, "task_col": task_col, "model_col": model_col, "family_col": family_col,
                  "by": list(_names(by)), "items": n_items, "stderr_col": stderr_col, "sizes": sizes,
                  "task": list(_many(task)), "metric": list(_many(metric)), "family": list(_many(family)),
                  "model": list(_many(model)), "lower": list(_many(lower)), "chance": chance, "bootstrap": resamples,
                  "holdout": holdout, "cutoff": cut, "steps": steps, "max_steps": max_steps, "level": list(levels),
                  "top": top, "plot": plot, "csv": csv, "lang": language}
        load = {k: v for k, v in report.to_dict().items() if k != "curves"}
        emit("analyze", params, {"load": load, "curves": [_with_sentences(a) for a in ranked]}, seed=used_seed, notes=notes)
        return
    if not ranked:
        render.message(T("none_left", language))
    else:
        _print_table(ranked, language)
        _print_details(ranked[:top], language)
    for note in notes:
        render.message(f"note: {note}")
    if plot is not None:
        render.message(T("plot", language, path=plot, n=min(top, len(ranked))))
    if csv is not None:
        render.message(T("csv", language, path=csv))
    if seed is None and not json_out:
        from emergence.i18n import common

        render.message(common.T("seed", language, seed=used_seed))


def _verdict_text(a, lang: str) -> str:
    if a.verdict == "explained":
        return T("explained", lang, by=("、" if lang == "zh" else ", ").join(T(name, lang) for name in a.explained_by))
    return T(a.verdict, lang)


_PLAIN = ("b", "other_b", "size", "low", "high", "level", "bound")  # numbers the sentences show as they are


_WHY = {"fewer than 6 sizes": "why_few", "the midpoint interval is wider than the sizes observed": "why_wide",
        "the midpoint lies outside the sizes observed": "why_outside", "its plateaus leave the scale of the scores": "why_scale"}


def _sentence(finding, lang: str) -> str:
    fields = {k: (render.fmt(v, 3) if k in _PLAIN and v is not None else v) for k, v in finding.fields.items()}
    if "why" in fields and fields["why"] in _WHY:
        fields["why"] = T(_WHY[fields["why"]], lang)
    if "fit" in fields:
        fields["fit"] = T(f"fit_{fields['fit']}", lang)
    key = "step_sentence" if finding.key == "step" else finding.key
    # a number that is missing (None) where a format expects one reads as NaN, shown as "nan"
    return T(key, lang, **{k: ("—" if v is None and k in _PLAIN else math.nan if v is None else v) for k, v in fields.items()})


def _with_sentences(a) -> dict:
    out = a.to_dict()
    out["label"] = a.curve.label
    out["sentences"] = [_sentence(f, "en") for f in a.findings]
    return out


def _print_table(ranked, lang: str) -> None:
    rows = []
    for a in ranked:
        c, s = a.curve, a.shape
        step = s.largest_step
        rows.append([c.label, str(len(c.sizes)), f"{render.fmt(float(c.scores[0]), 3)} → {render.fmt(float(c.scores[-1]), 3)}",
                     render.fmt(s.breakthroughness, 3), f"{_short(step.from_model)} → {_short(step.to_model)} ({step.share:.0%})",
                     _verdict_text(a, lang)])
    render.print_table(T("title", lang, n=len(ranked)),
                       [T("curve", lang), T("points", lang), T("range", lang), T("B", lang), T("step", lang), T("verdict", lang)], rows)


def _short(model: str) -> str:
    """A model's name without its organisation (EleutherAI/pythia-1.4b -> pythia-1.4b), for narrow tables."""
    return model.rsplit("/", 1)[-1]


def _print_details(ranked, lang: str) -> None:
    for a in ranked:
        render.write(f"\n{a.curve.label}: {_verdict_text(a, lang)}\n")
        for f in a.findings:
            render.write(f"  - {_sentence(f, lang)}\n")
