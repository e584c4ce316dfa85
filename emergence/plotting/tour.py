"""The figures of the lesson (``emergence tour``): one per step, composed of the toolkit's panels.

:func:`step_figure` draws a :class:`emergence.tour.Step` from the result objects it holds
(``step.data``) and computes nothing. Most steps reuse the panels of the other figures
(``draw_*(ax, data, lang)`` of :mod:`~emergence.plotting.compound`, :mod:`~emergence.plotting.metric`,
:mod:`~emergence.plotting.threshold` and :mod:`~emergence.plotting.analyze`); two draw the lesson's
own panels: the sudden-looking exact-match curve (:func:`draw_jump`) and the same answers under
exact match and partial credit (:func:`draw_same_answers`).

Each figure holds one message in one or two panels, as a paper figure (100 dpi, about 1280 px
wide) or as a projector slide (``style="slide"``: 1280x720 pixels, no text under 18 px).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from emergence.i18n.tour import FIG
from emergence.i18n.tour import T as TEXT
from emergence.plotting._common import CYCLE, OKABE_ITO, SLIDE_MIN_PT, STYLES, new_figure, slide_figure
from emergence.plotting._common import style as _style
from emergence.render import fmt_size

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from emergence.compound import CompoundCurves
    from emergence.metrics import MetricFigureData
    from emergence.tour import Step

PAPER_WIDTH = {1: 8.0, 2: 6.4}  # inches per panel, at 100 dpi
PAPER_HEIGHT = 4.8
PAPER_TITLE_PT = 14

Draw = Callable[["Axes", str], None]


def _size_axis(ax: Axes, sizes: np.ndarray) -> None:
    """A log axis of model sizes, ticked at ``sizes`` and labelled as papers write them (125M, 1.3B, 175B)."""
    ax.set_xscale("log")
    ax.set_xticks(list(sizes), [fmt_size(float(n)) for n in sizes])
    ax.minorticks_off()


def _percent_axis(ax: Axes) -> None:
    from matplotlib.ticker import PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(xmax=100, decimals=0))
    ax.set_ylim(-3, 103)


def draw_jump(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """The phenomenon: exact match of the simulated questions at the report's sizes, each reading written on it."""
    report = data.report
    sizes = report.sizes
    exact = 100.0 * np.asarray(report.simulated.scores["exact_match"], dtype=float)
    color, ls, marker = CYCLE[1]
    ax.plot(sizes, exact, color=OKABE_ITO[color], ls=ls, marker=marker, label=FIG("exact", lang))
    for x, y in zip(sizes, exact):
        ax.annotate(f"{y:.0f} %", (x, y), xytext=(0, 9), textcoords="offset points", ha="center", va="bottom",
                    color=OKABE_ITO[color])
    _size_axis(ax, sizes)
    _percent_axis(ax)
    ax.set(title=FIG("jump_title", lang, items=report.simulated.items, n=sizes.size), xlabel=FIG("size", lang),
           ylabel=FIG("jump_y", lang))


def draw_same_answers(ax: Axes, data: MetricFigureData, lang: str = "en") -> None:
    """The same simulated answers scored by exact match and by partial credit (share of tokens right),
    each curve named at its end instead of a legend; different colour, line style and marker."""
    report = data.report
    sizes = report.sizes
    scores = report.simulated.scores
    for (key, metric), (color, ls, marker) in zip((("partial", "token_accuracy"), ("exact", "exact_match")), CYCLE):
        values = 100.0 * np.asarray(scores[metric], dtype=float)
        ax.plot(sizes, values, color=OKABE_ITO[color], ls=ls, marker=marker, label=FIG(key, lang))
        ax.annotate(FIG(key, lang), (sizes[-1], values[-1]), xytext=(12, 0), textcoords="offset points", ha="left",
                    va="center", color=OKABE_ITO[color])
    _size_axis(ax, sizes)
    ax.set_xlim(sizes[0] / 10**0.15, sizes[-1] * 10**0.8)  # room on the right for the names
    _percent_axis(ax)
    ax.set(title=FIG("same_title", lang, items=report.simulated.items), xlabel=FIG("size", lang), ylabel=FIG("score", lang))


CONCLUSION_P_FLOOR = 0.2  # the conclusion draws the sizes where each step is right at least this often


def _conclusion_window(curves: CompoundCurves) -> tuple[np.ndarray, np.ndarray]:
    """The sizes of the conclusion's panels and the success there: where the per-step accuracy p(N) is at
    least :data:`CONCLUSION_P_FLOOR`, so that every task's success is above 0 and its log is finite."""
    sweep = curves.sweep
    inside = np.asarray(sweep.p) >= CONCLUSION_P_FLOOR
    return np.asarray(sweep.sizes)[inside], np.asarray(sweep.success)[:, inside]


def _draw_conclusion(ax: Axes, curves: CompoundCurves, lang: str, *, log: bool) -> None:
    sizes, success = _conclusion_window(curves)
    own = curves.chain.steps
    for k, row, (color, ls, _) in zip(curves.sweep.steps, success, CYCLE):
        ax.plot(sizes, row if log else 100.0 * row, color=OKABE_ITO[color], ls=ls, lw=3.0 if k == own else 1.8,
                label=FIG("k_steps", lang, k=k))
    ax.set_xscale("log")
    ax.set_xlim(float(sizes[0]), float(sizes[-1]))
    ax.xaxis.set_major_formatter(_size_formatter())
    if log:
        ax.set_yscale("log")
        ax.set_ylim(float(success.min()) / 3.0, 2.0)
        ax.set(title=FIG("con_log_title", lang), ylabel=FIG("con_log_y", lang))
    else:
        _percent_axis(ax)
        ax.set(title=FIG("con_linear_title", lang), ylabel=FIG("con_linear_y", lang))
    ax.set_xlabel(FIG("size", lang))
    ax.legend(loc="lower right" if log else "upper left")  # where no curve passes


def draw_conclusion_linear(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """The conclusion, left: task success P = p(N)^k against model size, on a linear vertical axis (in %),
    where the long tasks seem to jump; p(N) rises evenly with log N (the ``linear_log`` map)."""
    _draw_conclusion(ax, curves, lang, log=False)


def draw_conclusion_log(ax: Axes, curves: CompoundCurves, lang: str = "en") -> None:
    """The conclusion, right: the same curves over the same sizes on a log vertical axis, where they rise smoothly."""
    _draw_conclusion(ax, curves, lang, log=True)


def _size_formatter() -> Any:
    """Tick labels of a size axis as papers write them (1B, 10B, 1T)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: fmt_size(float(x)) if x > 0 else "")


def _analysis(ax: Axes, lang: str, analysis: Any) -> None:
    from emergence.plotting.analyze import draw_curve

    draw_curve(ax, analysis, lang)


def _panels(step: Step) -> list[Draw]:
    """What each step draws: one or two panels, each a ``draw(ax, lang)`` on the step's data."""
    from emergence.plotting import compound, metric, threshold

    data = step.data

    def on(draw: Callable[..., None], **kw: Any) -> Draw:
        return lambda ax, lang: draw(ax, data, lang, **kw)

    panels: dict[str, Callable[[], list[Draw]]] = {
        "phenomenon": lambda: [on(draw_jump)],
        "decomposition": lambda: [on(compound.draw_p_curves), on(compound.draw_gains)],
        "chain_of_thought": lambda: [on(compound.draw_cot)],
        "metric": lambda: [on(draw_same_answers)],
        "resolution": lambda: [on(metric.draw_test_set, items=n) for n in _resolution_items(data)],
        "bullet": lambda: [on(threshold.draw_staircase), on(threshold.draw_error)],
        "observers": lambda: [on(threshold.draw_observer_steps), on(threshold.draw_raters)],
        "real_data": lambda: [partial(_analysis, analysis=a) for a in list(data)[:2]],
        "conclusion": lambda: [on(draw_conclusion_linear), on(draw_conclusion_log)],
    }
    return panels[step.key]() if step.key in panels else []


def _resolution_items(data: MetricFigureData) -> list[int]:
    from emergence.tour import RESOLUTION_PANELS

    have = [o.items for o in data.resolution]
    return [n for n in RESOLUTION_PANELS if n in have]


def step_figure(step: Step, lang: str = "en", *, style: str = "paper", aspect: str = "16:9") -> Figure | None:
    """The figure of ``step`` (one or two panels and the step's title), or None for a step without one.

    ``style="paper"`` gives a figure about 1280 px wide at 100 dpi; ``style="slide"`` a projector
    slide of 1280x720 pixels (``aspect="4:3"``: 1024x768) on which no text is smaller than 14 pt
    (19 px), titles are wrapped to their panel and legends stand below the panels, off the curves.
    """
    from emergence.tour import TITLES

    if style not in STYLES:
        raise ValueError(f"figure style must be one of {STYLES}, got {style!r}")
    if step.data is None:
        return None
    draws = _panels(step)
    if not draws:
        return None
    slide = style == "slide"
    with _style(lang, style) as used:
        if slide:
            fig, axes = slide_figure(len(draws), aspect=aspect)
        else:
            fig, axes = new_figure(1, len(draws), width=PAPER_WIDTH[len(draws)], height=PAPER_HEIGHT)
        for ax, draw in zip(axes.ravel(), draws):
            draw(ax, used)
        for ax in fig.axes:
            ax.set_title(_LETTER.sub("", ax.get_title()))  # the lesson names no panel letters
            _decade_ticks(ax)
        if step.key == "real_data":
            _shared_legend(fig, axes.ravel(), slide=slide)
        title = TEXT(TITLES[step.key], used)
        if slide:
            fig.suptitle(title)
            readable(fig)
            _legends_below(fig, len(draws))
            _wrap_titles(fig, len(draws))
        else:
            fig.suptitle(title, fontsize=PAPER_TITLE_PT)
    return fig


_LETTER = re.compile(r"^\([A-Za-z]\)\s*")


def _decade_ticks(ax: Axes) -> None:
    """Log axes spanning two decades or more get ticks at the decades only: clearer when projected, and
    quicker to draw; a shorter log axis keeps its minor ticks, which then carry the only labels."""
    from matplotlib.ticker import NullLocator

    for axis, (low, high), scale in ((ax.xaxis, ax.get_xlim(), ax.get_xscale()), (ax.yaxis, ax.get_ylim(), ax.get_yscale())):
        if scale != "log" or (low > 0 and high > 0 and abs(math.log10(high / low)) >= 2):
            axis.set_minor_locator(NullLocator())


def _shared_legend(fig: Figure, axes: Any, *, slide: bool) -> None:
    """One legend for panels that draw the same kinds of things (the analyze panels), from all of them:
    under the slide, or in the first panel of a paper figure."""
    entries: dict[str, Any] = {}
    for ax in axes:
        handles, labels = ax.get_legend_handles_labels()
        entries.update((label, handle) for label, handle in zip(labels, handles) if label not in entries)
    if not entries:
        return
    if slide:
        fig.legend(list(entries.values()), list(entries), loc="outside lower center", ncol=min(3, len(entries)), frameon=False)
    else:
        axes[0].legend(list(entries.values()), list(entries), loc="best", fontsize=8)


def readable(fig: Figure, minimum: float = SLIDE_MIN_PT) -> None:
    """Raise every text of ``fig`` (titles, labels, tick labels, legends, annotations) to at least ``minimum`` points."""
    texts: list[Text] = [*fig.texts]
    for item in (fig._suptitle, fig._supxlabel, fig._supylabel):  # type: ignore[attr-defined]
        if item is not None:
            texts.append(item)
    legends = [*fig.legends, *(leg for ax in fig.axes if (leg := ax.get_legend()) is not None)]
    for legend in legends:
        texts += [*legend.get_texts(), legend.get_title()]
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for which in ("major", "minor"):
                ticks = axis.get_major_ticks(1) if which == "major" else axis.get_minor_ticks(1)
                if ticks and _points(ticks[0].label1) < minimum:
                    axis.set_tick_params(which=which, labelsize=minimum)
            texts.append(axis.label)
        texts += [ax.title, ax._left_title, ax._right_title, *ax.texts]  # type: ignore[attr-defined]
    for text in texts:
        if _points(text) < minimum:
            text.set_fontsize(minimum)


def _points(text: Text) -> float:
    """A text's size in points."""
    return float(text.get_fontproperties().get_size_in_points())


def _text_width(text: str, size: float, fig: Figure, family: Any = None) -> float:
    """Width in pixels of ``text`` at ``size`` points (the rc font, or ``family``) on ``fig``."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, fig.dpi)
    width = renderer.get_text_width_height_descent(text, FontProperties(size=size, family=family), ismath=False)[0]
    return float(width)


def _columns(labels: list[str], size: float, fig: Figure, width_px: float) -> int:
    """How many legend columns of ``labels`` fit in ``width_px`` (handle and padding included), rows balanced."""
    widest = max(_text_width(label, size, fig) for label in labels) + 4.5 * size * fig.dpi / 72
    ncol = int(max(1, min(len(labels), width_px // widest)))
    rows = -(-len(labels) // ncol)
    return -(-len(labels) // rows)


def _legends_below(fig: Figure, panels: int) -> None:
    """Move every legend of a slide off the curves, under its panel's axis label; one legend for the
    slide when every panel shows the same one."""
    import matplotlib
    from matplotlib.transforms import ScaledTranslation

    found = [(ax, leg) for ax in fig.axes if (leg := ax.get_legend()) is not None]
    if not found:
        return
    entries = []
    for ax, leg in found:
        pairs = [(h, t.get_text()) for h, t in zip(leg.legend_handles, leg.get_texts()) if h is not None]
        entries.append((ax, [h for h, _ in pairs], [label for _, label in pairs]))
    for _, leg in found:
        leg.remove()
    size = float(matplotlib.rcParams["legend.fontsize"]) if not isinstance(matplotlib.rcParams["legend.fontsize"], str) \
        else SLIDE_MIN_PT
    size = max(size, SLIDE_MIN_PT)
    width = fig.get_figwidth() * fig.dpi
    if len(entries) > 1 and all(labels == entries[0][2] for _, _, labels in entries):
        _, handles, labels = entries[0]
        fig.legend(handles, labels, loc="outside lower center", ncol=_columns(labels, size, fig, 0.9 * width),
                   frameon=False, fontsize=size)
        return
    for ax, handles, labels in entries:
        xlabel_lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 0
        below = 7.0 + SLIDE_MIN_PT + 4.0 + xlabel_lines * 1.1 * _points(ax.xaxis.label) + 4.0  # points: ticks, labels
        offset = ScaledTranslation(0.0, -below / 72.0, fig.dpi_scale_trans)
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=ax.transAxes + offset,
                  ncol=_columns(labels, size, fig, 0.92 * width / panels), frameon=False, fontsize=size)


def wrap_to(text: str, width_px: float, size: float, fig: Figure) -> str:
    """``text`` broken into lines no wider than ``width_px`` at ``size`` points: between words, and
    between Chinese characters; never before closing punctuation, nor inside ``name = value``."""
    if not text or "$" in text or _text_width(text, size, fig) <= width_px:
        return text
    glued = text.replace(" = ", _GLUE + "=" + _GLUE)  # "s = 2" is one word

    def width(part: str) -> float:
        return _text_width(part.replace(_GLUE, " "), size, fig)

    lines, line = [], ""
    for token in _WORDS.findall(glued):
        trial = line + token
        closing = token[0] in "，。：；、！？）》」』,.:;!?)%"
        if line.strip() and token.strip() and not closing and width(trial.rstrip()) > width_px:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = trial
    lines.append(line.rstrip())
    return "\n".join(lines).replace(_GLUE + "=" + _GLUE, " = ")


_GLUE = "\x00"
_WORDS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")


def _wrap_titles(fig: Figure, panels: int) -> None:
    """Slide title, panel titles and axis labels wrapped to the slide's and the panels' width."""
    width, height = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    title = fig._suptitle  # type: ignore[attr-defined]
    if title is not None:
        title.set_text(wrap_to(title.get_text(), 0.94 * width, _points(title), fig))
    for ax in fig.axes:
        for text, room in ((ax.title, 0.9 * width / panels), (ax.xaxis.label, 0.85 * width / panels),
                           (ax.yaxis.label, 0.6 * height)):
            text.set_text(wrap_to(text.get_text(), room, _points(text), fig))
