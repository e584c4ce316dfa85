"""The report page: one self-contained HTML file with the lesson and live sliders.

Everything the page shows is decided here, in Python, when the page is written:

- the slider data are the arrays of :mod:`emergence.report` (the toolkit's models on a grid),
  embedded as one ``<script type="application/json">``, with every sentence read out beside a
  slider already formatted for each slider position;
- the page's one classic inline ``<script>`` only looks up the arrays for the sliders' positions,
  maps them onto the chart (a linear map of the axis range to pixels) and sets SVG ``points`` and
  texts. It does no modelling: there is no second implementation of the maths in JavaScript;
- the lesson (:func:`emergence.tour.lesson`) with its tables, commands and figures
  (:func:`emergence.plotting.tour.step_figure`) as inline SVG, whose ids are prefixed per figure
  so that the page has no duplicate ids.

No network at all: no external fonts, styles, scripts or images, and a Content-Security-Policy
that forbids them. The same input gives the same bytes (no timestamps, stable order, matplotlib's
SVG with a fixed hash salt). The layout is responsive (viewport meta, a maximum width, SVGs that
scale with a viewBox); colours are Okabe-Ito with a second cue (dashes) for curves that must be
told apart; sliders are native ``<input type="range">`` with labels, so keyboards and screen
readers work.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from emergence import report as core
from emergence import tour
from emergence.i18n.report import T
from emergence.render import fmt_size
from emergence.results import Result, to_jsonable
from emergence.tour import Lesson, LessonTable, Step, percent

# Okabe & Ito colours, the same values as ``emergence.plotting._common.OKABE_ITO`` (importing that
# module loads matplotlib, which the sliders do not need; a test checks that the two agree).
COLOURS = {"blue": "#0072B2", "vermillion": "#D55E00", "black": "#000000", "orange": "#E69F00"}
DASHES = {"solid": "", "dashed": "8 5", "dotted": "2 4"}
# The charts' coordinate box (SVG user units); the page's script maps data onto it.
PLOT = {"width": 420, "height": 280, "left": 56, "right": 24, "top": 12, "bottom": 48}
CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"'
FONT_STACK = {
    "en": f'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, {CJK_FONTS}, sans-serif',
    "zh": f'{CJK_FONTS}, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
}
# The lesson's figures: projector slides of this aspect, never drawn so narrow that their smallest
# text is under MIN_TEXT_PX CSS pixels (narrower screens scroll the figure inside its own box).
FIGURE_ASPECT = "4:3"
MIN_TEXT_PX = 10.5
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _percent(x: float, digits: int = 4) -> str:
    """A fraction as the lesson writes it (1.024 %, never e-notation), kept on one line with its % sign."""
    return percent(x, digits).replace(" %", "\u00a0%")


def _plain(x: float) -> str:
    return f"{x:g}"


# --------------------------------------------------------------------------------------------
# what the page's script reads


def page_data(s: core.Sliders, lang: str) -> dict[str, Any]:
    """The JSON embedded in the page: the core's arrays, the chart geometry and every text shown per slider position."""
    c, m, t = s.compound, s.metric, s.threshold
    k_text = [T("k_value_one", lang) if k == 1 else T("k_value", lang, k=k) for k in c.steps]
    p_text = [T("p_value", lang, p=_percent(p, 3)) for p in c.p_values]
    h1_readout = [[T("h1_readout", lang, size=fmt_size(10.0**x), p=_percent(p, 3), k=k, p_plain=_plain(p),
                     exact=_percent(c.p_exact[i, j]), partial=_percent(c.p_partial[j], 3))
                   for j, (p, x) in enumerate(zip(c.p_values, c.p_log10_sizes))]
                  for i, k in enumerate(c.steps)]
    models = int(m.model_log10_sizes.size)
    h2_exact = [T("h2_readout_exact", lang, n=n, floor=_percent(m.floors[i]), zeros=int(m.exact_zeros[i]), models=models,
                  bound=_percent(m.zero_bounds[i], 2)) for i, n in enumerate(m.items)]
    h2_partial = [T("h2_readout_partial", lang, n=n, zeros=int(m.partial_zeros[i]), models=models, tokens=m.tokens,
                    step=_percent(m.partial_floors[i])) for i, n in enumerate(m.items)]
    zh = " --lang zh" if lang == "zh" else ""
    h1_command = [[f"emergence compound --steps {k} --p {_plain(p)}{zh}" for p in c.p_values] for k in c.steps]
    h2_command = [f"emergence metric --items {n} --sizes {core.H2_SIZES_OPTION} --seed {m.seed}{zh}" for n in m.items]
    # each threshold is compared with the next slider position (the last with the one before), as the command does
    pairs = [(i, i + 1) if i + 1 < t.taus.size else (i - 1, i) for i in range(t.taus.size)]
    h3_command = [f"emergence threshold observers --tau {_plain(t.taus[a])},{_plain(t.taus[b])}{zh}" for a, b in pairs]
    h3_readout = [T("h3_readout", lang, tau=_percent(t.taus[i], 3), size=fmt_size(10.0 ** t.point_log10_sizes[i]),
                    rate=f"{t.shift_per_hundredth[i]:.3f}", tau_a=_percent(t.taus[a], 3), tau_b=_percent(t.taus[b], 3),
                    size_a=fmt_size(10.0 ** t.point_log10_sizes[a]), size_b=fmt_size(10.0 ** t.point_log10_sizes[b]),
                    move=f"{t.point_log10_sizes[b] - t.point_log10_sizes[a]:.3g}")
                  for i, (a, b) in enumerate(pairs)]
    data = {
        "plot": PLOT,
        "compound": {
            "axes": {"x": list(core.H1_LOG10_RANGE), "y": [0.0, 1.0]},
            "log10_sizes": c.log10_sizes, "steps": list(c.steps), "exact": c.exact, "partial": c.partial,
            "p_percent": list(core.H1_P_PERCENT), "p_values": c.p_values, "p_log10_sizes": c.p_log10_sizes,
            "p_exact": c.p_exact, "p_partial": c.p_partial,
            "k_text": k_text, "p_text": p_text, "readout": h1_readout, "command": h1_command,
        },
        "metric": {
            "axes": {"x": list(core.H2_LOG10_RANGE), "y": [0.0, 1.0]},
            "log10_sizes": m.log10_sizes, "expected_exact": m.expected_exact, "expected_partial": m.expected_partial,
            "model_log10_sizes": m.model_log10_sizes, "items": list(m.items),
            "observed_exact": m.observed_exact, "observed_partial": m.observed_partial,
            "floors": m.floors, "partial_floors": m.partial_floors, "seed": m.seed,
            "n_text": [T("n_value", lang, n=n) for n in m.items],
            "readout_exact": h2_exact, "readout_partial": h2_partial, "command": h2_command,
        },
        "threshold": {
            "axes": {"x": list(core.H3_LOG10_RANGE), "y": [0.0, 1.0]},
            "log10_sizes": t.log10_sizes, "quality": t.quality, "tau_percent": list(core.H3_TAU_PERCENT), "taus": t.taus,
            "steps": t.steps, "point_log10_sizes": t.point_log10_sizes,
            "tau_text": [T("tau_value", lang, tau=_percent(tau, 3)) for tau in t.taus], "readout": h3_readout,
            "command": h3_command,
        },
    }
    return to_jsonable(data)


def _json_script(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # nothing in the data can close the script element or open a comment
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --------------------------------------------------------------------------------------------
# the charts behind the sliders (axes drawn here; curves by the script)


def _x_px(v: float, lo: float, hi: float) -> float:
    width = PLOT["width"] - PLOT["left"] - PLOT["right"]
    return PLOT["left"] + (v - lo) / (hi - lo) * width


def _y_px(v: float) -> float:
    height = PLOT["height"] - PLOT["top"] - PLOT["bottom"]
    return PLOT["top"] + (1.0 - v) * height


def _axes_svg(x_range: tuple[float, float], x_title: str, y_title: str) -> str:
    lo, hi = x_range
    left, right = PLOT["left"], PLOT["width"] - PLOT["right"]
    top, bottom = PLOT["top"], PLOT["height"] - PLOT["bottom"]
    parts = ['<g class="grid" aria-hidden="true">']
    for d in range(math.ceil(lo), math.floor(hi) + 1):
        x = _x_px(d, lo, hi)
        parts.append(f'<line x1="{x:.2f}" y1="{top}" x2="{x:.2f}" y2="{bottom}"/>')
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y_px(v)
        parts.append(f'<line x1="{left}" y1="{y:.2f}" x2="{right}" y2="{y:.2f}"/>')
    parts.append("</g>")
    parts.append('<g class="ticks" aria-hidden="true">')
    for d in range(math.ceil(lo), math.floor(hi) + 1):
        x = _x_px(d, lo, hi)
        parts.append(f'<text x="{x:.2f}" y="{bottom + 18}" text-anchor="middle">{_e(fmt_size(10.0**d))}</text>')
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<text x="{left - 6}" y="{_y_px(v) + 4:.2f}" text-anchor="end">{int(round(100 * v))}</text>')
    parts.append(f'<text class="axis-title" x="{(left + right) / 2:.1f}" y="{PLOT["height"] - 6}" '
                 f'text-anchor="middle">{_e(x_title)}</text>')
    cy = (top + bottom) / 2
    parts.append(f'<text class="axis-title" x="13" y="{cy:.1f}" text-anchor="middle" '
                 f'transform="rotate(-90 13 {cy:.1f})">{_e(y_title)}</text>')
    parts.append(f'<path class="frame" d="M{left} {top}V{bottom}H{right}" fill="none"/>')
    parts.append("</g>")
    return "".join(parts)


def _chart(prefix: str, title: str, x_range: tuple[float, float], y_title: str, lang: str, body: Iterable[str],
           defs: str = "") -> str:
    svg = (f'<svg id="{prefix}-svg" viewBox="0 0 {PLOT["width"]} {PLOT["height"]}" role="img" '
           f'aria-labelledby="{prefix}-svg-title" preserveAspectRatio="xMidYMid meet">'
           f'<title id="{prefix}-svg-title">{_e(title)}</title>{defs}'
           f'{_axes_svg(x_range, T("x_axis", lang), y_title)}{"".join(body)}</svg>')
    return f'<div class="plot" id="{prefix}-plot">{svg}</div>'


def _line(colour: str, dash: str) -> str:
    pattern = f' stroke-dasharray="{DASHES[dash]}"' if DASHES[dash] else ""
    return f'stroke="{COLOURS[colour]}"{pattern}'


def _legend(items: Sequence[tuple[str, str, str] | tuple[str, str, str, str]]) -> str:
    """A legend in HTML (readable on a phone): a line sample in the curve's colour and dash, and its name.

    An item may name the metric it belongs to (a fourth element); the page's style sheet then
    shows it only while that metric is chosen."""
    rows = []
    for colour, dash, text, *metric in items:
        attr = f' data-metric="{metric[0]}"' if metric else ""
        rows.append(f'<li{attr}><svg viewBox="0 0 40 10" aria-hidden="true"><line x1="1" y1="5" x2="39" y2="5" '
                    f'stroke-width="3" {_line(colour, dash)}/></svg>{_e(text)}</li>')
    return f'<ul class="legend">{"".join(rows)}</ul>'


def _slider(ident: str, label: str, lo: int, hi: int, step: int, value: int, text: str, describedby: str) -> str:
    return (f'<div class="control"><label for="{ident}">{_e(label)}</label><div class="row">'
            f'<input type="range" id="{ident}" name="{ident}" min="{lo}" max="{hi}" step="{step}" value="{value}" '
            f'aria-valuetext="{_e(text)}" aria-describedby="{describedby}">'
            f'<output id="{ident}-out" for="{ident}">{_e(text)}</output></div></div>')


def _h1_section(s: core.Sliders, data: Mapping[str, Any], lang: str) -> str:
    c = s.compound
    d = data["compound"]
    i, j = c.steps.index(core.H1_START_STEPS), core.H1_P_PERCENT.index(core.H1_START_P_PERCENT)
    low, high = core.H1_P_PERCENT.index(40), core.H1_P_PERCENT.index(60)
    text = T("h1_text", lang, p_low=_percent(c.p_values[low], 3), n_low=fmt_size(10.0 ** c.p_log10_sizes[low]),
             p_high=_percent(c.p_values[high], 3), n_high=fmt_size(10.0 ** c.p_log10_sizes[high]))
    body = [
        f'<polyline id="h1-partial" class="curve" fill="none" {_line("blue", "solid")} points=""/>',
        f'<polyline id="h1-exact" class="curve" fill="none" {_line("vermillion", "dashed")} points=""/>',
        f'<line id="h1-marker" class="marker" {_line("black", "dotted")} x1="0" y1="{PLOT["top"]}" x2="0" '
        f'y2="{PLOT["height"] - PLOT["bottom"]}"/>',
        f'<circle id="h1-dot-partial" r="5" fill="{COLOURS["blue"]}" cx="0" cy="0"/>',
        f'<circle id="h1-dot-exact" r="5" fill="{COLOURS["vermillion"]}" cx="0" cy="0"/>',
    ]
    chart = _chart("h1", T("h1_chart", lang), core.H1_LOG10_RANGE, T("y_score", lang), lang, body)
    legend = _legend([("vermillion", "dashed", T("h1_exact", lang)), ("blue", "solid", T("h1_partial", lang)),
                      ("black", "dotted", T("h1_marker", lang))])
    controls = (_slider("k", T("k", lang), c.steps[0], c.steps[-1], 1, core.H1_START_STEPS, d["k_text"][i], "h1-readout")
                + _slider("p", T("p", lang), core.H1_P_PERCENT[0], core.H1_P_PERCENT[-1], 5, core.H1_START_P_PERCENT,
                          d["p_text"][j], "h1-readout"))
    return _try_section("try-h1", T("h1_title", lang), text, chart, legend, controls, "h1-readout", d["readout"][i][j], lang,
                        command=("h1-command", d["command"][i][j]))


def _h2_section(s: core.Sliders, data: Mapping[str, Any], lang: str) -> str:
    m = s.metric
    d = data["metric"]
    i = m.items.index(core.H2_START_ITEMS)
    defs = "<defs>" + "".join(
        f'<marker id="h2-dot-{name}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" '
        f'markerUnits="userSpaceOnUse"><circle cx="5" cy="5" r="4.5" fill="{COLOURS[colour]}"/></marker>'
        for name, colour in (("exact", "vermillion"), ("partial", "blue"))) + "</defs>"
    body = [
        f'<line id="h2-floor" class="floor" {_line("black", "dotted")} x1="{PLOT["left"]}" y1="0" '
        f'x2="{PLOT["width"] - PLOT["right"]}" y2="0"/>',
        '<polyline id="h2-expected" class="curve metric-curve" fill="none" points=""/>',
        f'<polyline id="h2-observed" class="curve metric-curve observed" fill="none" stroke-dasharray="{DASHES["dashed"]}" '
        'points=""/>',
    ]
    chart = _chart("h2", T("h2_chart", lang), core.H2_LOG10_RANGE, T("y_score", lang), lang, body, defs)
    legend = _legend([(colour, dash, T(key, lang, tokens=m.tokens), metric)
                      for metric, colour, floor in (("exact", "vermillion", "h2_floor"), ("partial", "blue", "h2_floor_partial"))
                      for key, dash in ((f"h2_expected_{metric}", "solid"), (f"h2_observed_{metric}", "dashed"),
                                        (floor, "dotted"))])
    radios = "".join(
        f'<label class="choice"><input type="radio" name="metric" id="metric-{key}" value="{key}"'
        f'{" checked" if key == "exact" else ""} aria-describedby="h2-readout"> {_e(T("metric_" + key, lang))}</label>'
        for key in ("exact", "partial"))
    controls = (f'<fieldset class="control"><legend>{_e(T("metric", lang))}</legend>{radios}</fieldset>'
                + _slider("n", T("n", lang), 0, len(m.items) - 1, 1, i, d["n_text"][i], "h2-readout"))
    text = T("h2_text", lang, tokens=m.tokens)
    return _try_section("try-h2", T("h2_title", lang), text, chart, legend, controls, "h2-readout", d["readout_exact"][i], lang,
                        attrs=' data-metric="exact"', command=("h2-command", d["command"][i]))


def _h3_section(s: core.Sliders, data: Mapping[str, Any], lang: str) -> str:
    d = data["threshold"]
    i = core.H3_TAU_PERCENT.index(core.H3_START_TAU_PERCENT)
    body = [
        f'<line id="h3-threshold" {_line("black", "dotted")} x1="{PLOT["left"]}" y1="0" x2="{PLOT["width"] - PLOT["right"]}" y2="0"/>',
        f'<polyline id="h3-quality" class="curve" fill="none" {_line("blue", "solid")} points=""/>',
        f'<polyline id="h3-step" class="curve" fill="none" {_line("vermillion", "dashed")} points=""/>',
        f'<circle id="h3-point" r="5" fill="{COLOURS["vermillion"]}" cx="0" cy="0"/>',
    ]
    chart = _chart("h3", T("h3_chart", lang), core.H3_LOG10_RANGE, T("y_quality", lang), lang, body)
    legend = _legend([("blue", "solid", T("h3_quality", lang)), ("vermillion", "dashed", T("h3_step", lang)),
                      ("black", "dotted", T("h3_threshold", lang))])
    controls = _slider("tau", T("tau", lang), core.H3_TAU_PERCENT[0], core.H3_TAU_PERCENT[-1], 5, core.H3_START_TAU_PERCENT,
                       d["tau_text"][i], "h3-readout")
    return _try_section("try-h3", T("h3_title", lang), T("h3_text", lang), chart, legend, controls, "h3-readout",
                        d["readout"][i], lang, command=("h3-command", d["command"][i]))


def _try_section(ident: str, title: str, text: str, chart: str, legend: str, controls: str, readout_id: str, readout: str,
                 lang: str, attrs: str = "", command: tuple[str, str] | None = None) -> str:
    """A section of sliders: a heading, what to try, the chart with its legend, the controls, the numbers read out
    and (``command``: element id and text) the command that prints the same numbers."""
    cli = ""
    if command is not None:
        cli = (f'<p class="command-label">{_e(T("cli", lang))}</p>'
               f'<pre><code>$ <span id="{command[0]}">{_e(command[1])}</span></code></pre>')
    return (f'<section class="try" id="{ident}" aria-labelledby="{ident}-title"{attrs}>'
            f'<h2 id="{ident}-title"><span class="badge">{_e(T("try", lang))}</span> {_e(title)}</h2>'
            f'<p>{_e(text)}</p><div class="try-body"><figure class="chart">{chart}<figcaption>{legend}</figcaption></figure>'
            f'<div class="side"><div class="controls">{controls}</div>'
            f'<p class="readout" id="{readout_id}" aria-live="polite">{_e(readout)}</p>{cli}</div></div></section>')


# --------------------------------------------------------------------------------------------
# the lesson: text, tables, commands and matplotlib figures inlined as SVG

_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str | bytes, prefix: str, label: str) -> str:
    """A matplotlib SVG made ready to sit inside the page.

    The XML prolog, doctype, metadata and the global ``*{...}`` style are dropped (in HTML an SVG's
    style sheet applies to the whole page; :data:`_CSS` has the same rule scoped to figures); the
    fixed width and height go (CSS scales the figure with its viewBox); every id gets ``prefix``,
    and so does every reference to it (``href="#..."``, ``url(#...)``), so that two figures never
    share an id. The root gets ``role="img"`` and ``aria-label``.
    """
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'<defs>\s*<style type="text/css">[^<]*</style>\s*</defs>\s*', "", text)
    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r'(href=")#([^"]+)"', lambda m: f'{m.group(1)}#{prefix}{m.group(2)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    # browser-drawn text falls back on the page's own fonts where the figure's are missing (a phone)
    text = re.sub(r"(font-family: [^;\"]*)", lambda m: m.group(1) + ", sans-serif", text)
    head_end = text.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", text[:head_end])
    style = ""
    if (width := min_width(text)) is not None:
        style = f' style="min-width:{width}px"'
    return f'{head} role="img" aria-label="{_e(label)}"{style}{text[head_end:].rstrip()}'


_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')
_FONT_SIZE = re.compile(r"font-size: ?([\d.]+)px")


def min_width(svg: str) -> int | None:
    """The narrowest width (CSS px) at which the SVG's smallest text is still :data:`MIN_TEXT_PX` px high.

    Text drawn by the browser (``svg.fonttype = "none"``) has its font size in the SVG's user
    units; drawn ``w`` px wide, a figure of viewBox width ``W`` shows it at size x ``w`` / ``W``.
    None for an SVG without such text."""
    box = _VIEWBOX.search(svg)
    sizes = [float(v) for v in _FONT_SIZE.findall(svg)]
    if box is None or not sizes:
        return None
    return math.ceil(float(box.group(1)) * MIN_TEXT_PX / min(sizes))


_NUMBER = re.compile(r"(?:[<>≤≥≈~]\s*)?[-+−]?[\d.,]+(?:e[-+]?\d+)?\s*(?:%|[KMBT×x])?")


def _numeric(value: object) -> bool:
    return bool(_NUMBER.fullmatch(str(value).strip()))


def _table(table: LessonTable) -> str:
    """A lesson table: numeric columns (every cell a number) aligned right, with the header above them."""
    rows = [tuple(str(v) for v in row) for row in table.rows]
    numeric = [bool(rows) and all(_numeric(row[j]) for row in rows if j < len(row)) for j in range(len(table.columns))]
    right = ' class="num"'
    head = "".join(f'<th scope="col"{right if numeric[j] else ""}>{_e(c)}</th>' for j, c in enumerate(table.columns))
    body = "".join("<tr>" + "".join(f'<td class="num">{_e(v)}</td>' if j < len(numeric) and numeric[j] else f"<td>{_e(v)}</td>"
                                    for j, v in enumerate(row)) + "</tr>" for row in rows)
    caption, title = table.caption or "", table.title or ""
    out = (f'<div class="table-wrap"><table>{f"<caption>{_e(title)}</caption>" if title else ""}'
           f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
    return out + (f'<p class="caption">{_e(caption)}</p>' if caption else "")


def _step_section(step: Step, figure: str | None, lang: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_-]", "-", str(step.key))
    parts = [f'<section class="step" id="step-{key}" aria-labelledby="step-{key}-title">',
             f'<h2 id="step-{key}-title">{_e(step.title)}</h2>']
    parts += [f"<p>{_e(p)}</p>" for p in step.paragraphs]
    if figure is not None:
        parts.append(f'<figure class="lesson-figure"><div class="mpl" id="fig-{key}">{figure}</div></figure>')
    parts += [_table(t) for t in step.tables]
    command = step.command
    if command:
        label = T("command" if figure is not None else "command_step", lang)
        parts.append(f'<p class="command-label">{_e(label)}</p><pre><code>$ {_e(command)}</code></pre>')
    parts.append("</section>")
    return "".join(parts)


def _step_svg(step: Step, lang: str) -> str | None:
    """One step's figure as inline SVG (None for a step without a figure).

    The figure is the projector slide (4:3, 1024x768, no text under 14 pt), whose text is large
    against its width, so that it stays legible when the page scales it down; its text is left to
    the browser (``svg.fonttype = "none"``), which keeps the page small and the text searchable."""
    import matplotlib

    from emergence.plotting import figure_bytes
    from emergence.plotting.tour import step_figure

    fig = step_figure(step, lang, style="slide", aspect=FIGURE_ASPECT)
    if fig is None:
        return None
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        svg = figure_bytes(fig, "svg")
    key = re.sub(r"[^A-Za-z0-9_-]", "-", str(step.key))
    return inline_svg(svg, f"f-{key}-", T("figure_label", lang, title=step.title))


def lesson_figures(lesson: Lesson, lang: str) -> dict[str, str]:
    """Each step's figure (:func:`emergence.plotting.tour.step_figure`) as inline SVG, by step key (matplotlib, lazily)."""
    figures = {str(step.key): _step_svg(step, lang) for step in lesson.steps}
    return {key: svg for key, svg in figures.items() if svg is not None}


# --------------------------------------------------------------------------------------------
# the page

_CSS = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:FONTS;line-height:1.65;color:#1b1b1b;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:clamp(1.55rem,5vw,2.2rem);line-height:1.25;margin:.6rem 0}
h2{font-size:clamp(1.25rem,4vw,1.6rem);line-height:1.3;margin:2.2rem 0 .6rem}
p{margin:.6rem 0}
nav ol{padding-left:1.4rem}
nav a,main a{color:#0072B2}
.seed{color:#444}
.badge{display:inline-block;font-size:.75em;font-weight:600;color:#fff;background:#0072B2;border-radius:.3em;padding:.05em .45em;vertical-align:.1em}
figure{margin:1rem 0}
.lesson-figure{width:min(calc(100vw - 3rem),62rem);position:relative;left:50%;transform:translateX(-50%)}
.plot svg,.mpl svg{display:block;width:100%;height:auto}
.mpl{overflow-x:auto;overscroll-behavior-x:contain}
.mpl svg *{stroke-linejoin:round;stroke-linecap:butt}
.plot{border:1px solid #ddd;border-radius:.4rem;background:#fff}
.plot text{font-size:12px;fill:#333}
.plot .axis-title{font-size:13px;fill:#111}
.plot .grid line{stroke:#e4e4e4;stroke-width:1}
.plot .frame{stroke:#555;stroke-width:1}
.plot .curve{stroke-width:3;stroke-linejoin:round}
@media (max-width:40rem){.plot text{font-size:15px}.plot .axis-title{font-size:16px}}
.plot .marker,.plot .floor,#h3-threshold{stroke-width:2}
#try-h2[data-metric=exact] .metric-curve{stroke:#D55E00}
#try-h2[data-metric=partial] .metric-curve{stroke:#0072B2}
#try-h2[data-metric=exact] .observed{marker:url(#h2-dot-exact)}
#try-h2[data-metric=partial] .observed{marker:url(#h2-dot-partial)}
#try-h2[data-metric=exact] .legend li[data-metric=partial],#try-h2[data-metric=partial] .legend li[data-metric=exact]{display:none}
.legend{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:.95rem}
.legend svg{width:2.6em;height:.9em;vertical-align:middle;margin-right:.35em}
.controls{display:grid;gap:.8rem;margin:.8rem 0}
@media (min-width:48rem){.try-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.4rem;align-items:start}
.try-body .chart{margin-top:.4rem}.side .controls{margin-top:.4rem}}
.control{margin:0;padding:0;border:0}
.control label,.control legend{font-weight:600}
.control .row{display:flex;align-items:center;gap:.8rem}
input[type=range]{flex:1;min-width:0;height:2.2rem;margin:0;accent-color:#0072B2}
output{flex:0 0 7.5em;font-variant-numeric:tabular-nums}
.choice{display:inline-flex;align-items:center;gap:.35rem;margin-right:1.4rem;font-weight:400!important;min-height:2.2rem}
input[type=radio]{width:1.2rem;height:1.2rem;accent-color:#0072B2}
.readout{background:#f2f6fa;border-left:4px solid #0072B2;padding:.6rem .8rem;border-radius:0 .3rem .3rem 0}
:focus-visible{outline:3px solid #E69F00;outline-offset:2px}
.table-wrap{overflow-x:auto;margin:.8rem 0}
table{border-collapse:collapse;min-width:60%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.caption{font-size:.92rem;color:#444}
.command-label{font-size:.92rem;color:#444;margin-bottom:.2rem}
pre{overflow-x:auto;background:#f5f5f5;border-radius:.3rem;padding:.55rem .8rem;margin-top:0;white-space:pre-wrap}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.92em}
noscript p{background:#fff4d6;padding:.5rem .8rem}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var box = data.plot;
  function $(id) { return document.getElementById(id); }
  // Where a slider's value sits in a precomputed list (a lookup, no computation of the model).
  function position(values, value) { return values.indexOf(Number(value)); }
  // The chart's linear map from an axis range to the coordinate box.
  function scale(axes) {
    var w = box.width - box.left - box.right, h = box.height - box.top - box.bottom;
    return {
      x: function (v) { return box.left + (v - axes.x[0]) / (axes.x[1] - axes.x[0]) * w; },
      y: function (v) { return box.top + (1 - (v - axes.y[0]) / (axes.y[1] - axes.y[0])) * h; }
    };
  }
  function points(s, xs, ys) {
    var out = [];
    for (var i = 0; i < xs.length; i++) {
      if (xs[i] === null || ys[i] === null) { continue; }
      out.push(s.x(xs[i]).toFixed(2) + "," + s.y(ys[i]).toFixed(2));
    }
    return out.join(" ");
  }
  function show(id, text) {
    $(id + "-out").textContent = text;
    $(id).setAttribute("aria-valuetext", text);
  }
  function set(id, attrs) { var el = $(id); for (var k in attrs) { el.setAttribute(k, attrs[k]); } }

  function compound() {
    var d = data.compound, s = scale(d.axes);
    var i = position(d.steps, $("k").value), j = position(d.p_percent, $("p").value);
    set("h1-exact", { points: points(s, d.log10_sizes, d.exact[i]) });
    set("h1-partial", { points: points(s, d.log10_sizes, d.partial) });
    var x = s.x(d.p_log10_sizes[j]).toFixed(2);
    set("h1-marker", { x1: x, x2: x });
    set("h1-dot-exact", { cx: x, cy: s.y(d.p_exact[i][j]).toFixed(2) });
    set("h1-dot-partial", { cx: x, cy: s.y(d.p_partial[j]).toFixed(2) });
    show("k", d.k_text[i]);
    show("p", d.p_text[j]);
    $("h1-readout").textContent = d.readout[i][j];
    $("h1-command").textContent = d.command[i][j];
  }

  function metric() {
    var d = data.metric, s = scale(d.axes);
    var i = Number($("n").value);
    var exact = $("metric-exact").checked;
    $("try-h2").setAttribute("data-metric", exact ? "exact" : "partial");
    set("h2-expected", { points: points(s, d.log10_sizes, exact ? d.expected_exact : d.expected_partial) });
    set("h2-observed", { points: points(s, d.model_log10_sizes, (exact ? d.observed_exact : d.observed_partial)[i]) });
    var y = s.y(exact ? d.floors[i] : d.partial_floors[i]).toFixed(2);
    set("h2-floor", { y1: y, y2: y });
    show("n", d.n_text[i]);
    $("h2-readout").textContent = (exact ? d.readout_exact : d.readout_partial)[i];
    $("h2-command").textContent = d.command[i];
  }

  function threshold() {
    var d = data.threshold, s = scale(d.axes);
    var i = position(d.tau_percent, $("tau").value);
    set("h3-quality", { points: points(s, d.log10_sizes, d.quality) });
    set("h3-step", { points: points(s, d.log10_sizes, d.steps[i]) });
    var y = s.y(d.taus[i]).toFixed(2);
    set("h3-threshold", { y1: y, y2: y });
    set("h3-point", { cx: s.x(d.point_log10_sizes[i]).toFixed(2), cy: y });
    show("tau", d.tau_text[i]);
    $("h3-readout").textContent = d.readout[i];
    $("h3-command").textContent = d.command[i];
  }

  $("k").addEventListener("input", compound);
  $("p").addEventListener("input", compound);
  $("n").addEventListener("input", metric);
  $("metric-exact").addEventListener("change", metric);
  $("metric-partial").addEventListener("change", metric);
  $("tau").addEventListener("input", threshold);
  compound();
  metric();
  threshold();
  // ready: the milliseconds since navigation began (read by the tests and the benchmark)
  document.documentElement.setAttribute("data-ready", performance.now().toFixed(1));
}());
"""


# Each hypothesis's sliders follow the last lesson step about it (keys of emergence.tour.STEP_KEYS).
SLIDERS_AFTER = {"decomposition": "h1", "resolution": "h2", "observers": "h3"}


def _section_order(lesson: Lesson | None) -> list[tuple[str, Any]]:
    """The page's sections in order: the lesson's steps, each hypothesis's sliders after :data:`SLIDERS_AFTER`'s step;
    sliders whose step is missing (or all of them, without a lesson) come after the last step."""
    order: list[tuple[str, Any]] = []
    for step in lesson.steps if lesson is not None else ():
        order.append(("step", step))
        if step.key in SLIDERS_AFTER:
            order.append(("try", SLIDERS_AFTER[step.key]))
    placed = {item for kind, item in order if kind == "try"}
    return order + [("try", h) for h in ("h1", "h2", "h3") if h not in placed]


def build_page(s: core.Sliders, lang: str, lesson: Lesson | None = None, figures: Mapping[str, str] | None = None) -> str:
    """The whole HTML page as text: the lesson (optional; its figures as inline SVG by step key) and the sliders."""
    figures = figures or {}
    data = page_data(s, lang)
    builders = {"h1": _h1_section, "h2": _h2_section, "h3": _h3_section}
    titles = {"h1": "h1_title", "h2": "h2_title", "h3": "h3_title"}
    sections, toc = [], []
    for kind, item in _section_order(lesson):
        if kind == "step":
            key = re.sub(r"[^A-Za-z0-9_-]", "-", str(item.key))
            sections.append(_step_section(item, figures.get(str(item.key)), lang))
            toc.append(f'<li><a href="#step-{key}">{_e(item.title)}</a></li>')
        else:
            sections.append(builders[item](s, data, lang))
            toc.append(f'<li><a href="#try-{item}">{_e(T("try_toc", lang, title=T(titles[item], lang)))}</a></li>')
    css = _CSS.replace("FONTS", FONT_STACK[lang]).strip()
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="emergence report">',
        f"<title>{_e(T('title', lang))}</title>",
        f"<style>\n{css}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<header><h1>{_e(T("title", lang))}</h1><p>{_e(T("intro", lang))}</p>'
        f'<p class="seed">{_e(T("seed", lang, seed=s.seed))}</p>'
        f'<noscript><p>{_e(T("noscript", lang))}</p></noscript></header>',
        f'<nav aria-labelledby="toc-title"><h2 id="toc-title">{_e(T("contents", lang))}</h2><ol>{"".join(toc)}</ol></nav>',
        *sections,
        "</main>",
        f'<script type="application/json" id="report-data">{_json_script(data)}</script>',
        f"<script>{_SCRIPT.strip()}</script>",
        "</body>",
        "</html>",
        "",
    ])


@dataclass(frozen=True)
class ReportSummary(Result):
    """What ``emergence report --json`` says about the page it wrote.

    ``sliders`` counts the values on each slider grid (:attr:`emergence.report.Sliders.sizes`);
    ``steps`` and ``figures`` the lesson's steps and the figures inlined.
    """

    path: str
    bytes: int
    lang: str
    seed: int
    steps: int
    figures: int
    sliders: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Page:
    """A built page: its text, the slider grids it embeds and what it holds."""

    html: str
    sliders: core.Sliders
    lang: str
    steps: int
    figures: int

    def summary(self, path: str, size: int) -> ReportSummary:
        return ReportSummary(path, size, self.lang, self.sliders.seed, self.steps, self.figures, self.sliders.sizes)


def render(lang: str, seed: int = core.DEFAULT_SEED) -> Page:
    """Compute the sliders and the lesson for ``lang`` and build the page (matplotlib is used for the lesson's figures)."""
    s = core.sliders(seed)
    # the same seed: the page's lesson is the tour the class sees; its commands reproduce the page's figures
    lesson = tour.lesson(lang, seed=seed, figures=tour.Figures(slides=True, aspect=FIGURE_ASPECT))
    figures = lesson_figures(lesson, lang)
    return Page(build_page(s, lang, lesson, figures), s, lang, len(lesson.steps), len(figures))
