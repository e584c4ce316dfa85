"""``emergence threshold observers``: one threshold, many raters, many seeds on a smooth quality q(N)."""

from __future__ import annotations

import enum
import math
from typing import Annotated

import typer

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
    check_output,
    figure_options,
    figure_params,
    parse_float_list,
    parse_sizes,
    seed_when,
)
from emergence.cli.threshold._shared import finish, thin
from emergence.i18n import common, default_language
from emergence.i18n.threshold import T
from emergence.render import fmt, fmt_percent, fmt_size
from emergence.scaling import ScaleMap, scale_map
from emergence.thresholds import observers as core

DEFAULT_TAUS = (0.5, 0.8, 0.9)
DEFAULT_SIZES = "1e7:1e14:141"


class RaterKind(str, enum.Enum):
    """Distribution of the raters' thresholds."""

    logitnormal = "logitnormal"
    beta = "beta"


HELP = ("One threshold, many raters, many seeds: the emergence point N* = q^-1(tau) of a smooth quality q(N) moves with "
        "the threshold tau; a population of raters sees a smooth curve, and each seed run jumps while their mean is smooth.")


app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(": ", 1)[0])
def observers(
    tau: Annotated[str | None, typer.Option(help="Quality levels of single observers, a comma list in [1e-6, 1 - 1e-6] (default 0.5,0.8,0.9).")] = None,
    scale: Annotated[str, typer.Option(help="Quality map q(N): linear_log, logistic_log, schaeffer, power_error; "
                                       "parameters as MAP:key=value,...")] = "logistic_log",
    sizes: Annotated[str, typer.Option(help="Model sizes N: a list 1e8,1e9 or a range LOW:HIGH or LOW:HIGH:COUNT.")] = DEFAULT_SIZES,
    raters: Annotated[RaterKind, typer.Option(help="Distribution of the raters' thresholds.")] = RaterKind.logitnormal,
    rater_centre: Annotated[float, typer.Option(help="Median (logitnormal) or mean (beta) threshold of the raters.")] = 0.8,
    rater_spread: Annotated[float, typer.Option(help="Spread of the raters' thresholds: sd of their logits (logitnormal) "
                                                "or 1/(a+b+1) in (0, 1) (beta).")] = 0.75,
    runs: Annotated[int, typer.Option(min=0, max=core.MAX_RUNS, help="Seed runs: each steps, their mean is smooth (0 for none).")] = 20,
    seed: SeedOption = None,
    plot: PlotOption = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """``emergence threshold observers``: see ``HELP``."""
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    look = figure_options(plot, style, aspect)
    taus = parse_float_list("--tau", tau) if tau is not None else DEFAULT_TAUS
    grid = parse_sizes("--sizes", sizes)
    rng, used_seed = seed_when(runs > 0, seed, "with --runs 0")
    result = core.curves(scale_map(scale), grid, taus, core.Raters(raters.value, rater_centre, rater_spread), runs=runs, rng=rng)
    params = {"tau": list(result.taus), "scale": {"name": result.scale.name, "params": dict(result.scale.params)}, "sizes": sizes,
              "raters": raters.value, "rater_centre": rater_centre, "rater_spread": rater_spread, "runs": runs, "seed": used_seed,
              "plot": plot, **figure_params(plot, look), "lang": language, "json": json_out}
    notes = [T("note_obs", language)]
    unreached = [p.at for p in result.points] + list(result.population_sizes) + list(result.run_jumps)
    if any(math.isnan(n) for n in unreached):
        notes.append(T("note_unreached", language))
    if any(math.isinf(p.sensitivity) for p in result.points):
        notes.append(T("note_flat", language))
    finish("observers", result, params=params, notes=notes, language=language, plot=plot, json_out=json_out, seed=seed,
           used_seed=used_seed, figure="observers_figure", tables=_tables, look=look, detail=detail)


def _map_label(smap: ScaleMap) -> str:
    params = ", ".join(f"{k}={v:g}" for k, v in smap.params.items())
    return f"{smap.name}:{params.replace(', ', ',')}" if params else smap.name


def _map_words(smap: ScaleMap, lang: str) -> str:
    """What the quality map does, in plain words (its internal name only in ``--detail``)."""
    return T(f"map_{smap.name}", lang)


def _tables(r: core.ObserverCurves, lang: str, detail: bool) -> None:
    """Sizes as 125M / 1.3B / 175B and shares in percent; log10 N*, the slopes, the width in decades and the
    map's name with ``detail``."""
    runs = r.run_levels.size
    heads = [T("N", lang), T("q", lang), *(T("observer", lang, tau=fmt_percent(t)) for t in r.taus), T("raters", lang)]
    if runs:
        heads.append(T("runs", lang, runs=runs))
    rows = []
    for j in thin(r.sizes.size):
        row = [fmt_size(float(r.sizes[j])), fmt_percent(float(r.quality[j]), 3),
               *("✓" if r.steps[i, j] else "·" for i in range(len(r.taus))), fmt_percent(float(r.recognised[j]), 3)]
        rows.append(row + ([fmt_percent(float(r.runs_mean[j]), 3)] if runs else []))
    caption = T("map_caption", lang, spec=_map_label(r.scale)) if detail else None
    render.print_table(T("obs_title", lang, map=_map_words(r.scale, lang)), heads, rows, caption=caption)

    rows = [[fmt_percent(pt.threshold), fmt_size(pt.at)] + ([fmt(x, 4), fmt(pt.sensitivity, 4)] if detail else [])
            for pt, x in zip(r.points, r.log10_points)]
    first, last = r.points[0], r.points[-1]
    heads = [T("tau_q", lang), T("N_star", lang)] + ([T("log10_N_star", lang), T("dlogN_dtau", lang)] if detail else [])
    render.print_table(T("point_title", lang), heads, rows,
                       caption=T("point_caption", lang, t1=fmt_percent(first.threshold), t2=fmt_percent(last.threshold),
                                 n1=fmt_size(first.at), n2=fmt_size(last.at), dec=fmt(r.point_decades, 3)))

    rows = [[T("pop_share", lang, pct=round(100 * share)), fmt_size(n)] for share, n in zip(r.population_shares, r.population_sizes)]
    if detail:
        rows.append([T("pop_width", lang), fmt(r.population_decades, 4)])
    if runs:  # the jumps the runs show: within the sizes; the others counted, never given a size off the grid
        low, median, high = r.run_jump_summary
        if math.isnan(low):
            rows.append([T("run_jumps", lang), T("run_jumps_none", lang)])
        else:
            rows.append([T("run_jumps", lang), f"{fmt_size(low)} … {fmt_size(high)}"])
            rows.append([T("run_median", lang), fmt_size(median)])
        below, beyond = r.run_jumps_outside
        if below or beyond:
            rows.append([T("run_outside", lang), T("run_outside_cell", lang, below=below, beyond=beyond,
                                                   low=fmt_size(float(r.sizes.min())), high=fmt_size(float(r.sizes.max())))])
    caption = T("rater_kind", lang, kind=T(r.raters.kind, lang), centre=r.raters.centre, spread=r.raters.spread)
    render.print_table(T("pop_title", lang), [common.T("quantity", lang), common.T("value", lang)], rows, caption=caption)
