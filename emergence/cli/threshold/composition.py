"""``emergence threshold composition``: a toy model in the spirit of Okawa et al., computed by the compound model."""

from __future__ import annotations

from typing import Annotated

import typer

from emergence import render
from emergence.cli._common import (
    AspectOption,
    Command,
    DetailFlag,
    JsonFlag,
    LangOption,
    NoSeedOption,
    PlotOption,
    StyleOption,
    check_output,
    figure_options,
    figure_params,
    parse_float_list,
    seed_when,
)
from emergence.cli.threshold._shared import finish, thin
from emergence.i18n import default_language
from emergence.i18n.threshold import T
from emergence.render import fmt, fmt_percent
from emergence.thresholds import composition as core

DEFAULT_TAUS = (0.5, 0.8, 0.9)


HELP = ("A toy model in the spirit of Okawa et al. (2023): a task needs n abilities, each learned with probability p per "
        "step, so P(n, t) = (1 - (1 - p)^t)^n; each ability rises smoothly, their product late and steeply. It is emergence "
        "compound with n steps, each retried t times with a perfect checker, and is computed by it. Nothing is random.")


app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(": ", 1)[0])
def composition(
    tau: Annotated[str | None, typer.Option(help="Target successes P*, a comma list in (0, 1) (default 0.5,0.8,0.9).")] = None,
    p: Annotated[float, typer.Option("--p", help="Probability per training step that one ability is learned, in (0, 1).")] = 0.1,
    abilities: Annotated[int, typer.Option(min=1, max=core.MAX_CURVES, help="Largest number n of abilities the task needs (curves for 1..n).")] = 5,
    steps: Annotated[int, typer.Option(min=1, max=core.MAX_STEPS, help=f"Training steps shown, t = 0..STEPS (curves at {core.CURVE_POINTS:,} of them at most).")] = 60,
    plot: PlotOption = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    seed: NoSeedOption = None,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """``emergence threshold composition``: see ``HELP``."""
    language = lang.value if lang else default_language()
    seed_when(False, seed, "in this model")  # nothing is drawn: --seed is refused in the words every command uses
    plot = check_output("--plot", plot)
    look = figure_options(plot, style, aspect)
    taus = parse_float_list("--tau", tau) if tau is not None else DEFAULT_TAUS
    result = core.curves(p, abilities, steps, taus)
    params = {"tau": list(result.taus), "p": p, "abilities": abilities, "steps": steps, "seed": None, "plot": plot,
              **figure_params(plot, look), "lang": language, "json": json_out}
    finish("composition", result, params=params, notes=[T("note_comp", language)], language=language, plot=plot, json_out=json_out,
           seed=None, used_seed=None, figure="composition_figure", tables=_tables, look=look, detail=detail)


def _tables(r: core.CompositionCurves, lang: str, detail: bool) -> None:
    """Success in percent at every few steps, and the steps t* each target needs; the smooth t and its slope with ``detail``."""
    heads = [T("t", lang), T("one", lang), *(T("n_abilities", lang, n=n) for n in r.abilities[1:])]
    rows = [[fmt(float(r.steps[j])), *(fmt_percent(float(x), 4) for x in r.success[:, j])] for j in thin(r.steps.size)]
    render.print_table(T("comp_title", lang, p=r.p), heads, rows)

    rows = [[str(n), fmt_percent(pt.threshold), fmt(pt.at)] + ([fmt(pt.smooth), fmt(pt.sensitivity, 4)] if detail else [])
            for n, row in zip(r.abilities, r.points) for pt in row]
    first, last = r.points[-1][0], r.points[-1][-1]
    caption = T("cpoint_caption", lang, n=r.abilities[-1], t1=first.at, t2=last.at, p1=fmt_percent(first.threshold),
                p2=fmt_percent(last.threshold))
    heads = [T("abilities", lang), T("tau_p", lang), T("t_star", lang)] + ([T("t_smooth", lang), T("dt_dtau", lang)] if detail else [])
    render.print_table(T("cpoint_title", lang), heads, rows, caption=caption)
