"""``emergence threshold dimensions`` (also plain ``emergence threshold``): the blog's bullet example."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
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
    bad,
    check_output,
    figure_options,
    figure_params,
    parse_float,
    parse_float_list,
    seed_when,
)
from emergence.cli.threshold._shared import bar, finish, thin
from emergence.i18n import default_language
from emergence.i18n.threshold import T
from emergence.render import fmt, fmt_percent
from emergence.thresholds import dimensions as core

DEFAULT_TAUS = (0.2, 0.1, 0.05)


HELP = ("The bullet example (the default): 3 parameters describe a bullet's shape, 4 its position, 6 its trajectory. "
        "Underneath the staircase the reconstruction error R(d) falls smoothly; a projectile fit shows when a threshold is genuine.")


app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(": ", 1)[0])
def dimensions(
    tau: Annotated[str | None, typer.Option(help="Relative-error tolerances, a comma list (default 0.2,0.1,0.05).")] = None,
    ladder: Annotated[str | None, typer.Option(help="Parameters each capability needs, NAME=D,...; overrides or adds to "
                                               "shape=3,position=4,trajectory=6 (trajectory=7 adds a drag coefficient); "
                                               f"at most {core.MAX_RUNGS} capabilities, D up to {core.MAX_DIMS:,}.")] = None,
    s: Annotated[float, typer.Option("--s", help="Energy exponent: coefficient j carries j^-s (s > 1).")] = 2.0,
    max_dims: Annotated[int, typer.Option(min=1, max=core.MAX_DIMS, help="Largest number of parameters d shown (projectile fits stop at 10).")] = 10,
    drag: Annotated[float, typer.Option(help="Linear air-drag coefficient k (1/s) of the second projectile.")] = 1.0,
    noise: Annotated[float, typer.Option(help=f"Standard deviation (m, at most {core.MAX_NOISE:g}) of the noise added to the third projectile; 0 for none.")] = 0.05,
    seed: SeedOption = None,
    plot: PlotOption = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """``emergence threshold dimensions``: see ``HELP``."""
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    look = figure_options(plot, style, aspect)
    taus = parse_float_list("--tau", tau) if tau is not None else DEFAULT_TAUS
    rungs = _parse_ladder(ladder)
    rng, used_seed = seed_when(noise > 0, seed, "with --noise 0")
    result = core.curves(core.ladder(rungs), s=s, taus=taus, max_dims=max_dims, drag=drag, noise=noise, rng=rng)
    params = {"tau": [p.threshold for p in result.points], "ladder": dict(result.ladder.rungs), "s": s,
              "max_dims": max_dims, "drag": drag, "noise": noise, "seed": used_seed, "plot": plot, **figure_params(plot, look), "lang": language,
              "json": json_out}
    notes = [T("note_dims", language)]
    if result.underflow:
        notes.append(T("note_underflow", language))
    if np.isnan(result.projectile.needed).any():
        notes.append(T("note_needed", language))
    finish("dimensions", result, params=params, notes=notes, language=language, plot=plot, json_out=json_out, seed=seed,
           used_seed=used_seed, figure="dimensions_figure", tables=_tables, look=look, detail=detail)


def _parse_ladder(text: str | None) -> dict[str, int]:
    """``NAME=D,...`` over the default ladder: given names override it, new names add rungs; a name given twice is refused."""
    rungs = dict(core.DEFAULT_LADDER)
    given: set[str] = set()
    for item in filter(None, (x.strip() for x in (text or "").split(","))):
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise bad("--ladder", f"each item is NAME=D (e.g. trajectory=7), got {item!r}")
        if name in given:
            raise bad("--ladder", f"{name!r} is given twice")
        given.add(name)
        try:
            number = parse_float("--ladder", value)
        except typer.BadParameter:
            number = math.nan
        if not number.is_integer() or not 1 <= number <= core.MAX_DIMS:
            raise bad("--ladder", f"{name}: D must be a whole number from 1 to {core.MAX_DIMS:,}, got {value.strip()[:20]!r}")
        rungs[name] = int(number)
    return rungs


def _name(capability: str, lang: str) -> str:
    return T(capability, lang) if capability in ("shape", "position", "trajectory") else capability


def _tables(r: core.DimensionCurves, lang: str, detail: bool) -> None:
    """The ladder, the smooth curve, the tolerances and the projectile's answer, errors as percentages; the window
    of tolerances, the large-d form, the smooth d(τ) with its slope and the projectile's RMSE with ``detail``."""
    rows = [[_name(name, lang), str(d), fmt_percent(low, 3)]
            + ([T("window_value", lang, low=fmt_percent(low), high=fmt_percent(high))] if detail else [])
            for (name, d), (low, high) in zip(r.ladder.rungs, r.rung_windows)]
    heads = [T("capability", lang), T("recognised_at", lang), T("error_there", lang)] + ([T("window", lang)] if detail else [])
    render.print_table(T("rung_title", lang), heads, rows, caption=T("rung_caption", lang, s=r.s))

    shown = thin(r.dims.size, keep=[int(d) for d in r.ladder.dims])
    rows = []
    for j in shown:
        new = [_name(name, lang) for name, need in r.ladder.rungs if need == r.dims[j]]
        present = f"{r.count[j]} (+ {', '.join(new)})" if new else str(r.count[j])
        rows.append([str(r.dims[j]), fmt_percent(float(r.error[j]), 3), bar(float(r.error[j])), present]
                    + ([fmt(float(r.error_approx[j]))] if detail else []))
    caption = T("thinned", lang, shown=len(shown), total=r.dims.size) if len(shown) < r.dims.size else None
    heads = [T("d", lang), T("R", lang), T("graph", lang), T("present", lang)] + ([T("approx", lang)] if detail else [])
    render.print_table(T("smooth_title", lang, s=r.s), heads, rows, caption=caption)

    rows = [[fmt_percent(pt.threshold), fmt(pt.at)] + ([fmt(pt.smooth), fmt(pt.sensitivity)] if detail else []) for pt in r.points]
    first, last = r.points[0], r.points[-1]
    heads = [T("tau_rel", lang), T("d_star", lang)] + ([T("d_smooth", lang), T("dd_dtau", lang)] if detail else [])
    render.print_table(T("tol_title", lang), heads, rows,
                       caption=T("tol_caption", lang, t1=fmt_percent(first.threshold), t2=fmt_percent(last.threshold),
                                 d1=first.at, d2=last.at))

    pr = r.projectile
    heads = [T("vacuum", lang), T("drag", lang, k=pr.drag), T("noise", lang, sigma=pr.noise)]
    if detail:
        rows = [[str(d), *(fmt(float(x), 4) for x in pr.rmse[:, j])] for j, d in enumerate(pr.dims)]
        render.print_table(T("proj_title", lang), [T("d", lang), *heads], rows)
    rows = [[fmt(tol), *(fmt(float(x)) for x in pr.needed[:, m])] for m, tol in enumerate(pr.tolerances)]
    render.print_table(T("need_title", lang), [T("tol_m", lang), *heads], rows,
                       caption=T("need_caption", lang, max_dims=int(pr.dims[-1])))
