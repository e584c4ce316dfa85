"""``emergence threshold quanta``: the quantization model of Michaud et al., a smooth power law made of steps."""

from __future__ import annotations

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
from emergence.i18n import default_language
from emergence.i18n.threshold import T
from emergence.render import fmt, fmt_size
from emergence.thresholds import quanta as core

DEFAULT_TAUS = (0.2, 0.1, 0.05)
DEFAULT_SIZES = "1:1e5:201"


HELP = ("The quantization model (Michaud et al. 2023): skills are quanta used with Zipf frequencies and learned in order; "
        "each quantum is a step in N, the mean loss a smooth power law. Memory does not grow with the number of quanta.")


app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(": ", 1)[0])
def quanta(
    tau: Annotated[str | None, typer.Option(help="Loss levels in nats, a comma list between a and b (default 0.2,0.1,0.05).")] = None,
    sizes: Annotated[str, typer.Option(help="Model sizes N: a list 1e8,1e9 or a range LOW:HIGH or LOW:HIGH:COUNT.")] = DEFAULT_SIZES,
    alpha: Annotated[float, typer.Option(help="Zipf exponent alpha in [0.01, 10]: quantum k is used with frequency k^-(alpha+1)/zeta(alpha+1).")] = 0.4,
    capacity: Annotated[float, typer.Option(help="Parameters C per quantum (1e-10 to 1e30): N parameters learn floor(N/C) quanta.")] = 1.0,
    loss_before: Annotated[float, typer.Option(help="Loss b (nats) before a quantum is learned (default ln 2).")] = math.log(2.0),
    loss_after: Annotated[float, typer.Option(help="Loss a (nats) once it is learned.")] = 0.0,
    polygenic: Annotated[int, typer.Option(min=0, max=core.MAX_POLYGENIC, help="Quanta a polygenic sample needs, drawn by frequency (0 for none).")] = 30,
    seed: SeedOption = None,
    plot: PlotOption = None,
    style: StyleOption = None,
    aspect: AspectOption = None,
    detail: DetailFlag = False,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """``emergence threshold quanta``: see ``HELP``."""
    language = lang.value if lang else default_language()
    plot = check_output("--plot", plot)
    look = figure_options(plot, style, aspect)
    taus = parse_float_list("--tau", tau) if tau is not None else DEFAULT_TAUS
    grid = parse_sizes("--sizes", sizes)
    rng, used_seed = seed_when(polygenic > 0, seed, "with --polygenic 0")
    result = core.curves(core.Quanta(alpha, capacity, loss_before, loss_after), grid, taus, polygenic=polygenic, rng=rng)
    params = {"tau": [p.threshold for p in result.points], "sizes": sizes, "alpha": alpha, "capacity": capacity,
              "loss_before": loss_before, "loss_after": loss_after, "polygenic": polygenic, "seed": used_seed, "plot": plot,
              **figure_params(plot, look), "lang": language, "json": json_out}
    finish("quanta", result, params=params, notes=[T("note_quanta", language)], language=language, plot=plot, json_out=json_out,
           seed=seed, used_seed=used_seed, figure="quanta_figure", tables=_tables, look=look, detail=detail)


def _tables(r: core.QuantaCurves, lang: str, detail: bool) -> None:
    """The mean loss made of steps, and the smallest model below each loss level; the power law, the smooth N, the
    slopes and the fitted exponent with ``detail``."""
    m = r.model
    heads = [T("N", lang), T("n", lang), T("loss", lang),
             T("quantum", lang, first=r.quanta[0], last=r.quanta[-1], ratio=r.quanta_ratio), T("mono", lang, k=r.monogenic[0])]
    if r.polygenic:
        heads.append(T("poly", lang, m=len(r.polygenic)))
    if detail:
        heads.append(T("power", lang))
    learned = r.quantum_learned
    rows = []
    for j in thin(r.sizes.size):
        row = [fmt_size(float(r.sizes[j])), fmt(float(r.learned[j])), fmt(float(r.loss[j]), 4),
               "".join("■" if x else "□" for x in learned[:, j]), fmt(float(r.monogenic_loss[j]), 3)]
        row += [fmt(float(r.polygenic_loss[j]), 3)] if r.polygenic else []
        rows.append(row + ([fmt(float(r.loss_approx[j]), 4)] if detail else []))
    render.print_table(T("quanta_title", lang, alpha=m.alpha, c=m.capacity, b=m.loss_before, a=m.loss_after), heads, rows)

    rows = [[fmt(pt.threshold), fmt(n), fmt_size(pt.at)] + ([fmt(pt.smooth), fmt(pt.sensitivity, 4)] if detail else [])
            for pt, n in zip(r.points, r.quanta_needed)]
    heads = [T("tau_loss", lang), T("n_star", lang), T("N_star_c", lang)] + ([T("N_smooth", lang), T("dlogN_dloss", lang)] if detail else [])
    caption = T("qpoint_caption", lang) + (" " + T("qpoint_caption_detail", lang, fit=r.fitted_alpha, alpha=m.alpha) if detail else "")
    render.print_table(T("qpoint_title", lang), heads, rows, caption=caption)
