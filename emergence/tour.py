"""The blog's argument as a lesson: ordered steps, each computed by the toolkit's core when it runs.

:func:`lesson` returns a :class:`Lesson`, the steps of ``emergence tour`` in the order of the blog
post the toolkit comes from: the phenomenon, hypothesis 1 (task decomposition and the
chain-of-thought evidence), hypothesis 2 (the metric, the test set), hypothesis 3 (the bullet,
the observers), the three hypotheses as tests on a results table, and the conclusion;
:func:`step` computes one step alone. Each :class:`Step` holds
its narrative (paragraphs in English or Chinese, from :mod:`emergence.i18n.tour`), tables in plain
words, the key numbers (``numbers``), the command that reproduces its figure byte for byte
(``emergence tour --only KEY ...``), the toolkit command that gives the same numbers in more depth
(``details``), and the result objects that figure draws (``data``; :func:`emergence.plotting.tour.step_figure` draws them).

Nothing here is typed in: every number comes from the core modules at run time,

- :mod:`emergence.compound` (P = p^k for the blog's 5 steps, 0.4 -> 0.6) and
  :mod:`emergence.evidence` (the chain-of-thought error table of Wei et al. 2022);
- :mod:`emergence.metrics` and :mod:`emergence.resolution` (one smooth model answering 100
  questions at the eight GPT-3 sizes, scored by exact match and by partial credit);
- :mod:`emergence.thresholds.dimensions` (the bullet: 3, 4, 6 parameters) and
  :mod:`emergence.thresholds.observers` (one smooth quality, several thresholds);
- :mod:`emergence.data` and :mod:`emergence.verdict` (``emergence analyze`` on the shipped
  synthetic table ``examples/synthetic_results.csv``).

What the lesson assumes: the inputs are the blog's own example (5 steps, per-step accuracy 0.4
then 0.6; the bullet's 3, 4 and 6 parameters) and the defaults of each command (a 5-token answer,
100 questions, the illustrative loss constants c = 1e9, alpha = -0.5 of ``emergence metric``, the
``logistic_log`` quality map of ``emergence threshold observers``). Every random draw (the
simulated answers, the noisy projectile, the seed runs, the bootstrap) comes from
``numpy.random.default_rng(seed)``, one generator per command, exactly as that command makes it
with ``--seed``: the command in a step's ``details`` reproduces its numbers, and a whole class with the same
seed sees the same numbers (:data:`DEFAULT_SEED` unless told otherwise).
"""

from __future__ import annotations

import functools
import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from emergence import _validate as check
from emergence.i18n.tour import NAMES, T, plain
from emergence.render import fmt_size
from emergence.results import Result, to_jsonable

DEFAULT_SEED = 0
LANGUAGES = ("en", "zh")
STEP_KEYS = ("phenomenon", "decomposition", "chain_of_thought", "metric", "resolution", "bullet", "observers",
             "real_data", "conclusion")
TITLES = dict(zip(STEP_KEYS, ("phen_title", "dec_title", "cot_title", "met_title", "res_title", "bul_title", "obs_title",
                              "real_title", "con_title")))  # step key -> catalog key of its title

# The blog's example (hypothesis 1) and the defaults of the commands each step stands for.
BLOG_P, BLOG_P_TO, BLOG_STEPS = 0.4, 0.6, 5
GAIN_STEPS = (1, 2, 3, 5, 10)  # task lengths in the table "more steps, bigger jump"
ANSWER_TOKENS, CHOICES, ITEM_SPREAD = 5, 4, 0.5  # emergence metric: --tokens 5 --options 4 --sigma 0.5
TEST_ITEMS = 100  # emergence metric --items 100
RESOLUTION_PANELS = (100, 10000)  # test-set sizes of the resolution figure
OBSERVER_MAP = "logistic_log"
OBSERVER_TAUS = (0.5, 0.8, 0.9)
OBSERVER_RUNS = 20
RATER_CENTRE, RATER_SPREAD = 0.8, 0.75

# The shipped example table is `emergence simulate --seed 0` (200 items per score).
DATA_FILE = Path(__file__).resolve().parents[1] / "examples" / "synthetic_results.csv"
DATA_LABEL = "examples/synthetic_results.csv"
SYNTHETIC_SEED, SYNTHETIC_ITEMS = 0, 200


@dataclass(frozen=True)
class LessonTable(Result):
    """A table of a step, already in words: a title, column names and rows of text, and a caption."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Step(Result):
    """One step of the lesson.

    ``key`` names it (one of :data:`STEP_KEYS`); ``title``, ``paragraphs`` and ``tables`` are in
    the lesson's language; ``command`` is the command that reproduces its figure byte for byte
    (``emergence tour --only KEY --out DIR``, :func:`figure_command`); ``details`` is the command of
    the toolkit that gives the same numbers in more depth (its own tables and figure); ``numbers`` holds the key values the text quotes,
    as plain floats (fractions, not percentages; sizes in parameters); ``data`` is what the figure
    draws (result objects of the core, or None for a step without a figure). ``to_dict()`` leaves
    ``data`` out: it is arrays for drawing, and every number the text prints is in ``numbers``
    and ``tables``.
    """

    key: str
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[LessonTable, ...]
    details: str
    numbers: dict[str, float]
    data: Any = None
    command: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: to_jsonable(getattr(self, f.name)) for f in fields(self) if f.name != "data"}


@dataclass(frozen=True)
class Lesson(Result):
    """The whole lesson: its language, the seed of every random draw, and the steps in order."""

    lang: str
    seed: int
    steps: tuple[Step, ...]

    def step(self, key: str) -> Step:
        """The step called ``key``."""
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(key)


def figure_name(index: int, step: Step, suffix: str = ".png") -> str:
    """The file name of step ``index`` (from 1): ``01-phenomenon.png``, ``04-metric.png``..."""
    return f"{index:02d}-{step.key.replace('_', '-')}{suffix}"


def file_name(key: str, suffix: str = ".png") -> str:
    """The file name of the step called ``key``, numbered by its place in the lesson: ``02-decomposition.png``."""
    return f"{STEP_KEYS.index(key) + 1:02d}-{key.replace('_', '-')}{suffix}"


# --------------------------------------------------------------------------------------------
# numbers as the blog writes them


def percent(x: float, digits: int = 6, *, sign: bool = False) -> str:
    """A fraction as a percentage with ``digits`` significant figures, never in e-notation.

    >>> percent(0.4 ** 5), percent(0.6 ** 5), percent(0.6 ** 5 / 0.4 ** 5 - 1, sign=True), percent(7.2135e-07, 3)
    ('1.024 %', '7.776 %', '+659.375 %', '0.0000721 %')
    """
    if not math.isfinite(x):
        return "—"
    value = 100.0 * x
    text = np.format_float_positional(value, precision=digits, unique=False, fractional=False, trim="-")
    if text.startswith("-0") and float(text) == 0.0:
        text = text[1:]
    return f"{'+' if sign and value >= 0 else ''}{text} %"


def number(x: float, digits: int = 6) -> str:
    """A plain number with ``digits`` significant figures, never in e-notation (7.59375, 4150000)."""
    if not math.isfinite(x):
        return "∞" if x > 0 else "—"
    return np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-")


def percent_at_least(x: float, digits: int = 3, floor: float = 1e-6) -> str:
    """Like :func:`percent`, but never rounded to 0 % or 100 % when it is neither: a fraction above 0
    and below ``floor`` reads "< 0.0001 %", one below 1 that would read 100 % "> 99.9 %" (``digits`` 3).

    >>> percent_at_least(0.285431), percent_at_least(6.25e-51), percent_at_least(0.99993), percent_at_least(0.0)
    ('28.5 %', '< 0.0001 %', '> 99.9 %', '0 %')
    """
    if 0.0 < x < floor:
        return f"< {percent(floor)}"
    text = percent(x, digits)
    if x < 1.0 and text == "100 %":
        return f"> {percent(1.0 - 10.0 ** -digits, digits)}"
    return text


def count(x: float) -> str:
    """A whole number with thousands separators (4,152,928); infinity as ∞.

    >>> count(4152928.0), count(float("inf"))
    ('4,152,928', '∞')
    """
    return f"{x:,.0f}" if math.isfinite(x) else ("∞" if x > 0 else "—")


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _and(items: list[str], lang: str) -> str:
    """A short list in words: "a and b" (en), "a、b" (zh)."""
    if lang == "zh" or len(items) < 2:
        return "、".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------------------------
# the lesson


def lesson(lang: str = "en", *, seed: int = DEFAULT_SEED, data_file: Path | None = None,
           figures: Figures | None = None) -> Lesson:
    """Compute the whole lesson in ``lang`` (``en`` or ``zh``) with the random draws of ``seed``.

    ``figures`` says where and how the run writes its figures (default: paper figures in
    ``lesson``), so that each step's ``command`` names exactly the command reproducing its file.

    ``data_file`` is the results table of the real-data step (default: the shipped synthetic
    table, regenerated by :mod:`emergence.synthetic` when the checkout's copy is not there).
    Raises ``ParameterError`` for an unknown language, a negative seed or a bad table.
    """
    parts = _Parts(_language(lang), _seed(seed), data_file)
    steps = [_BUILDERS[key](parts) for key in STEP_KEYS[:-1]]
    steps.append(_conclusion(parts, steps))
    return Lesson(parts.lang, parts.seed, tuple(_with_command(s, parts, figures) for s in steps))


def step(key: str, lang: str = "en", *, seed: int = DEFAULT_SEED, data_file: Path | None = None,
         figures: Figures | None = None) -> Step:
    """One step of :func:`lesson`, computing only what it needs (the conclusion needs every step).

    The step is the same as ``lesson(lang, seed=seed).step(key)``: each part of the lesson uses its
    own generator, ``numpy.random.default_rng(seed)``, so no step's numbers depend on another's.
    """
    if key not in STEP_KEYS:
        raise check.ParameterError("step", f"must be one of {', '.join(STEP_KEYS)}, got {key!r}")
    if key == "conclusion":
        return lesson(lang, seed=seed, data_file=data_file, figures=figures).steps[-1]
    parts = _Parts(_language(lang), _seed(seed), data_file)
    return _with_command(_BUILDERS[key](parts), parts, figures)


@dataclass(frozen=True)
class Figures:
    """Where and how a run of ``emergence tour`` writes the figures: the directory as the user wrote it
    (None: no figures), slides or paper figures, and the slides' shape."""

    out: str | None = "lesson"
    slides: bool = False
    aspect: str = "16:9"


def _with_command(item: Step, parts: _Parts, figures: Figures | None) -> Step:
    """``item`` with its ``command``: :func:`figure_command` for its key and the run's options."""
    import dataclasses

    f = figures or Figures()
    out = f.out if item.data is not None else None  # a step without a figure writes no file
    return dataclasses.replace(item, command=figure_command(item.key, parts.lang, seed=parts.seed, out=out,
                                                            slides=f.slides, aspect=f.aspect))


def _language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise check.ParameterError("lang", f"must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def _seed(seed: int) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise check.ParameterError("seed", f"must be a whole number of at least 0, got {seed!r}")
    return int(seed)


class _Parts:
    """The computations of the lesson, each done once and only when a step asks for it."""

    def __init__(self, lang: str, seed: int, data_file: Path | None) -> None:
        self.lang, self.seed, self.data_file = lang, seed, data_file

    @functools.cached_property
    def h1(self) -> _Compound:
        return _compound_part()

    @functools.cached_property
    def h2(self) -> Any:
        return _metric_part(self.seed)

    @functools.cached_property
    def bullet(self) -> Any:
        return _bullet_part(self.seed)

    @functools.cached_property
    def observers(self) -> Any:
        return _observer_part(self.seed)

    @functools.cached_property
    def real(self) -> _Real:
        return _real_part(self.seed, self.data_file)


_BUILDERS: dict[str, Callable[[_Parts], Step]] = {
    "phenomenon": lambda p: _phenomenon(p.lang, p.seed, p.h2),
    "decomposition": lambda p: _decomposition(p.lang, p.h1),
    "chain_of_thought": lambda p: _chain_of_thought(p.lang),
    "metric": lambda p: _metric(p.lang, p.seed, p.h2),
    "resolution": lambda p: _resolution(p.lang, p.seed, p.h2),
    "bullet": lambda p: _bullet(p.lang, p.seed, p.bullet),
    "observers": lambda p: _observers(p.lang, p.seed, p.observers),
    "real_data": lambda p: _real_data(p.lang, p.seed, p.real),
}


def _command(text: str, index: int, key: str, lang: str) -> str:
    """``text`` (and ``--lang zh``): the command of the toolkit that gives this step's numbers in more depth."""
    del index, key
    return text + (" --lang zh" if lang == "zh" else "")


def figure_command(key: str, lang: str = "en", *, seed: int = DEFAULT_SEED, out: str | None = "lesson",
                   slides: bool = False, aspect: str = "16:9") -> str:
    """The command that reproduces step ``key``'s figure byte for byte: ``emergence tour --only KEY``
    with the language, seed, output directory and slide options of the run (``out=None``: no file).

    >>> figure_command("decomposition", "zh", seed=3, out="my lesson", slides=True, aspect="4:3")
    "emergence tour --only decomposition --lang zh --seed 3 --out 'my lesson' --slides --aspect 4:3"
    """
    import shlex

    parts = ["emergence", "tour", "--only", key]
    if lang != "en":
        parts += ["--lang", lang]
    if seed != DEFAULT_SEED:
        parts += ["--seed", str(seed)]
    if out is not None:
        parts += ["--out", shlex.quote(str(out))]
        if slides:
            parts.append("--slides")
            if aspect != "16:9":
                parts += ["--aspect", aspect]
    return " ".join(parts)


# --- the computations, each as its command does it -------------------------------------------


@dataclass(frozen=True)
class _Compound:
    comparison: Any  # compound.Comparison for the blog's 5 steps
    by_steps: tuple[Any, ...]  # compound.Comparison for GAIN_STEPS
    curves: Any  # compound.CompoundCurves


def _compound_part() -> _Compound:
    """``emergence compound --p 0.4 --p-to 0.6 --plot ...``: the comparison and the H1 curves."""
    from emergence import compound
    from emergence.scaling import ScaleMap

    task = compound.chain(BLOG_P, steps=BLOG_STEPS)
    return _Compound(
        comparison=compound.compare(task, BLOG_P_TO),
        by_steps=tuple(compound.compare(compound.chain(BLOG_P, steps=k), BLOG_P_TO) for k in GAIN_STEPS),
        curves=compound.curves(task, ScaleMap("linear_log"), p_to=BLOG_P_TO),
    )


def _metric_part(seed: int) -> Any:
    """``emergence metric --seed S``: one smooth model, 100 simulated questions per GPT-3 size, and
    the figure data (its resolution readings drawn from the same generator, after the answers)."""
    from emergence import metrics

    rng = np.random.default_rng(seed)
    model = metrics.latent_model("ours")
    task = metrics.Task(ANSWER_TOKENS, CHOICES, ITEM_SPREAD)
    report = metrics.analyse(model, task, np.array(metrics.GPT3_SIZES), TEST_ITEMS, rng)
    return metrics.figure_data(report, rng)


def _bullet_part(seed: int) -> Any:
    """``emergence threshold dimensions --seed S``: the ladder 3, 4, 6 and the projectile fits."""
    from emergence.thresholds import dimensions

    return dimensions.curves(dimensions.ladder(), rng=np.random.default_rng(seed))


def _observer_part(seed: int) -> Any:
    """``emergence threshold observers --seed S``: thresholds 0.5, 0.8, 0.9 on a smooth quality."""
    from emergence.scaling import scale_map
    from emergence.thresholds import observers

    return observers.curves(scale_map(OBSERVER_MAP), np.logspace(7.0, 14.0, 141), OBSERVER_TAUS,
                            observers.Raters("logitnormal", RATER_CENTRE, RATER_SPREAD), runs=OBSERVER_RUNS,
                            rng=np.random.default_rng(seed))


@dataclass(frozen=True)
class _Real:
    label: str  # the file as the text names it
    path: str  # the file as the command names it: absolute for the shipped table, so it runs from any directory
    synthetic: bool
    regenerated: bool  # the shipped table was missing and was simulated again
    analyses: tuple[Any, ...]  # verdict.CurveAnalysis of every curve, ranked
    pair: tuple[Any, ...]  # the curve shown and its partial-credit sibling, as the filtered command finds them
    task: str | None
    family: str | None


def _analyse(path: Path, seed: int, tasks: tuple[str, ...] = (), families: tuple[str, ...] = (), *,
             overview: bool = False) -> list[Any]:
    """``emergence analyze PATH --seed S [--task T --family F]``: the same calls, the same generators.

    ``overview=True`` reads only what no bootstrap resample changes (each curve's shape, the
    metric, compounding and resolution tests, the verdict), so it draws the fewest resamples the
    analysis allows; the curves a figure shows are analysed with the command's own default.
    """
    from emergence import data, verdict

    report = data.load([path], data.LoadOptions(tasks=tasks, families=families))
    curves = [c for c in report.curves if len(c.sizes) >= 2]
    resamples = verdict.MIN_AUTO_RESAMPLES if overview else verdict.resamples_for(len(curves), None)
    if resamples is None:
        raise check.ParameterError("data_file", f"{len(curves)} curves are more than one lesson step can analyse")
    settings = verdict.Settings(bootstrap=resamples)
    rngs = np.random.default_rng(seed).spawn(len(curves))
    return verdict.ranked(verdict.analyse_all(curves, settings, rngs, pool=report.curves))


def _real_part(seed: int, data_file: Path | None) -> _Real:
    """The real-data step: every curve of the table, then the curve to draw and its sibling."""
    regenerated = False
    with tempfile.TemporaryDirectory(prefix="emergence-tour-") as tmp:
        if data_file is not None:
            path, label, named = Path(data_file), str(data_file), str(data_file)
        elif DATA_FILE.is_file():
            path, label, named = DATA_FILE, DATA_LABEL, str(DATA_FILE)
        else:  # an installed package without the checkout's examples/: the same table, simulated again
            from emergence import synthetic
            from emergence._files import write_atomic

            path, label, regenerated = Path(tmp) / "synthetic_results.csv", "synthetic_results.csv", True
            named = label
            table = synthetic.simulate(SYNTHETIC_ITEMS, np.random.default_rng(SYNTHETIC_SEED))
            write_atomic(path, synthetic.to_csv(table).encode("utf-8"))
        analyses = _analyse(path, seed, overview=True)
        shown = _shown(analyses)
        pair: tuple[Any, ...] = ()
        task = family = None
        if shown is not None:
            task, family = shown.curve.task, shown.curve.family
            filtered = _analyse(path, seed, (task,), (family,))
            first = [a for a in filtered if a.curve.metric == shown.curve.metric]
            others = [a for a in filtered if a.curve.metric != shown.curve.metric]
            pair = tuple(first[:1] + others[:1])
    synthetic_table = any("synthetic" in s.lower() for a in analyses for s in a.curve.sources)
    return _Real(label, named, synthetic_table, regenerated, tuple(analyses), pair, task, family)


def _shown(analyses: list[Any]) -> Any:
    """The curve the figure shows: the first explained by the metric, else the first sharp one, else the first."""
    for wanted in (lambda a: "metric" in a.explained_by, lambda a: a.shape.sharp, lambda a: True):
        for a in analyses:
            if wanted(a):
                return a
    return None


# --- the steps --------------------------------------------------------------------------------


def _sizes_words(sizes: np.ndarray) -> list[str]:
    return [fmt_size(float(n)) for n in sizes]


def _phenomenon(lang: str, seed: int, fig: Any) -> Step:
    report = fig.report
    sizes = report.sizes
    em = np.asarray(report.simulated.scores["exact_match"], dtype=float)
    right = np.asarray(report.simulated.exact_successes)
    items = report.simulated.items
    zeros = int(np.argmax(em > 0)) if np.any(em > 0) else em.size  # leading zero readings
    jump = int(np.argmax(np.diff(em)))
    rise = float(em.max() - em.min())
    share = float((em[jump + 1] - em[jump]) / rise) if rise > 0 else 0.0
    names = _sizes_words(sizes)
    rows = tuple((names[i], f"{int(right[i])}/{items}", percent(float(em[i]), 3)) for i in range(sizes.size))
    table = LessonTable(T("phen_table", lang, items=items), (T("col_size", lang), T("col_right", lang), T("col_exact", lang)),
                        rows, T("phen_caption", lang, tokens=report.task.tokens, seed=seed))
    fields_ = {
        "items": items, "tokens": report.task.tokens, "smallest": names[0], "largest": names[-1], "zeros": zeros,
        "last_zero": names[max(zeros - 1, 0)], "rise": _join([percent(float(v), 3) for v in em[zeros:jump + 1]], lang),
        "step_from": names[jump], "step_to": names[jump + 1], "before": percent(float(em[jump]), 3),
        "after": percent(float(em[jump + 1]), 3), "share": percent(share, 2), "seed": seed,
    }
    # what the readings do: zeros first (if any), the rise up to the largest step (if any), the step
    seen = [key for key, wanted in (("phen_zeros", zeros > 0), ("phen_rise", jump + 1 > zeros), ("phen_jump", True)) if wanted]
    readings = ("" if lang == "zh" else " ").join(T(key, lang, **fields_) for key in seen)
    paragraphs = (T("phen_p1", lang, **fields_), readings, *(T(f"phen_p{i}", lang, **fields_) for i in range(3, 6)))
    numbers = {"items": float(items), "tokens": float(report.task.tokens), "zero_readings": float(zeros),
               "jump_from_size": float(sizes[jump]), "jump_to_size": float(sizes[jump + 1]),
               "jump_from": float(em[jump]), "jump_to": float(em[jump + 1]), "jump_share": share,
               **{f"exact_match_{names[i]}": float(em[i]) for i in range(sizes.size)}}
    return Step("phenomenon", T(TITLES["phenomenon"], lang), paragraphs, (table,),
                _command(f"emergence metric --seed {seed}", 1, "phenomenon", lang), numbers, fig)


def _decomposition(lang: str, h1: _Compound) -> Step:
    c = h1.comparison
    k = h1.curves.chain.steps
    main = LessonTable(
        T("dec_table", lang, k=k),
        ("", T("col_one_step", lang), T("col_task", lang, k=k)),
        ((T("row_small", lang), percent(c.p), percent(c.success)),
         (T("row_large", lang), percent(c.p_to), percent(c.success_to)),
         (T("row_rel", lang), percent(c.relative_gain_step, sign=True), percent(c.relative_gain_task, sign=True)),
         (T("row_ratio", lang), "×" + number(c.step_ratio), "×" + number(c.task_ratio))),
        T("dec_caption", lang, p=percent(c.p), p_to=percent(c.p_to)),
    )
    by_k = LessonTable(
        T("dec_k_table", lang, p=percent(c.p), p_to=percent(c.p_to)),
        (T("col_steps", lang), T("col_task_small", lang), T("col_task_large", lang), T("col_gain", lang)),
        tuple((str(k_), percent(g.success, 4), percent(g.success_to, 4), percent(g.relative_gain_task, sign=True))
              for k_, g in zip(GAIN_STEPS, h1.by_steps)),
    )
    longest = h1.by_steps[-1]
    fields_ = {"k": k, "p": percent(c.p), "p_to": percent(c.p_to), "P": percent(c.success), "P_to": percent(c.success_to),
               "step_gain": percent(c.relative_gain_step), "task_gain": percent(c.relative_gain_task),
               "ratio": number(c.task_ratio), "rounded": percent(float(f"{c.relative_gain_task:.2g}")),
               "k_long": GAIN_STEPS[-1], "gain_long": percent(longest.relative_gain_task, 4),
               "points": number(100 * c.absolute_gain_step, 3), "task_points": number(100 * c.absolute_gain_task, 4)}
    paragraphs = tuple(T(f"dec_p{i}", lang, **fields_) for i in range(1, 6))
    numbers = {"steps": float(k), "p": c.p, "p_to": c.p_to, "success": c.success, "success_to": c.success_to,
               "relative_gain_step": c.relative_gain_step, "relative_gain_task": c.relative_gain_task,
               "task_ratio": c.task_ratio, "absolute_gain_step": c.absolute_gain_step,
               "absolute_gain_task": c.absolute_gain_task,
               **{f"relative_gain_task_k{k_}": g.relative_gain_task for k_, g in zip(GAIN_STEPS, h1.by_steps)}}
    return Step("decomposition", T(TITLES["decomposition"], lang), paragraphs, (main, by_k),
                _command(f"emergence compound --steps {k} --p {BLOG_P:g} --p-to {BLOG_P_TO:g}", 2, "decomposition", lang), numbers,
                h1.curves)


def _chain_of_thought(lang: str) -> Step:
    from emergence.evidence import cot_errors

    cot = cot_errors()
    rows = tuple((T(f"cot_{name}", lang), str(e), str(f), percent(float(r), 3))
                 for name, e, f, r in zip(cot.categories, cot.errors, cot.fixed, cot.fix_rate))
    total_fixed = sum(cot.fixed)
    rows += ((T("cot_total", lang), str(cot.total), str(total_fixed), percent(total_fixed / cot.total, 3)),)
    table = LessonTable(T("cot_table", lang), (T("col_category", lang), T("col_errors", lang), T("col_fixed", lang),
                        T("col_rate", lang)), rows, T("cot_caption", lang))
    by = dict(zip(cot.categories, zip(cot.errors, cot.fixed, cot.fix_rate)))
    fields_: dict[str, Any] = {"total": cot.total, "total_fixed": total_fixed}
    for short, name in (("sem", "semantic"), ("one", "one_step_missing"), ("other", "other")):
        e, f, r = by[name]
        fields_.update({f"{short}_errors": e, f"{short}_fixed": f, f"{short}_rate": percent(float(r), 3)})
    paragraphs = tuple(T(f"cot_p{i}", lang, **fields_) for i in range(1, 4))
    numbers: dict[str, float] = {"total": float(cot.total), "total_fixed": float(total_fixed)}
    for name, e, f, r in zip(cot.categories, cot.errors, cot.fixed, cot.fix_rate):
        numbers.update({f"errors_{name}": float(e), f"fixed_{name}": float(f), f"fix_rate_{name}": float(r)})
    return Step("chain_of_thought", T(TITLES["chain_of_thought"], lang), paragraphs, (table,),
                _command("emergence compound --figure cot --plot cot.png", 3, "chain_of_thought", lang), numbers, cot)


def _metric(lang: str, seed: int, fig: Any) -> Step:
    report = fig.report
    names = _sizes_words(report.sizes)
    em = np.asarray(report.simulated.scores["exact_match"], dtype=float)
    pc = np.asarray(report.simulated.scores["token_accuracy"], dtype=float)
    zeros = int(np.argmax(em > 0)) if np.any(em > 0) else em.size
    rows = tuple((names[i], percent(float(em[i]), 3), percent(float(pc[i]), 3)) for i in range(em.size))
    table = LessonTable(T("met_table", lang, items=report.simulated.items),
                        (T("col_size", lang), T("col_exact", lang), T("col_partial", lang, tokens=report.task.tokens)), rows,
                        T("met_caption", lang, items=report.simulated.items, tokens=report.task.tokens))
    from emergence.sharpness import breakthroughness

    even_ramp = breakthroughness(report.sizes, np.arange(em.size, dtype=float), orientation="higher")  # n - 1
    b_em = report.simulated_sharpness["exact_match"].breakthroughness
    b_pc = report.simulated_sharpness["token_accuracy"].breakthroughness
    s_em = report.simulated_sharpness["exact_match"].largest_step_share
    s_pc = report.simulated_sharpness["token_accuracy"].largest_step_share
    technical = LessonTable(T("met_tech_table", lang), ("", T("col_exact", lang), T("col_partial", lang, tokens=report.task.tokens)),
                            ((T("row_b", lang), number(b_em, 3), number(b_pc, 3)),
                             (T("row_step_share", lang), percent(s_em, 3), percent(s_pc, 3))),
                            T("met_tech_caption", lang, sizes=em.size, even=number(even_ramp)))
    steps_pc = np.diff(pc)
    fields_ = {"items": report.simulated.items, "tokens": report.task.tokens, "em_list": _join([percent(float(v), 3) for v in em], lang),
               "pc_list": _join([percent(float(v), 3) for v in pc], lang), "last_zero": names[max(zeros - 1, 0)],
               "pc_first": percent(float(pc[0]), 3), "pc_last": percent(float(pc[-1]), 3),
               "pc_step_low": number(100 * float(steps_pc.min()), 2), "pc_step_high": number(100 * float(steps_pc.max()), 2),
               "em_share": percent(s_em, 2), "pc_share": percent(s_pc, 2)}
    paragraphs = tuple(T(f"met_p{i}", lang, **fields_) for i in range(1, 5))
    numbers = {"items": float(report.simulated.items), "breakthroughness_exact_match": b_em,
               "breakthroughness_partial_credit": b_pc, "largest_step_share_exact_match": s_em,
               "largest_step_share_partial_credit": s_pc,
               **{f"exact_match_{names[i]}": float(em[i]) for i in range(em.size)},
               **{f"partial_credit_{names[i]}": float(pc[i]) for i in range(pc.size)}}
    return Step("metric", T(TITLES["metric"], lang), paragraphs, (table, technical),
                _command(f"emergence metric --seed {seed}", 4, "metric", lang), numbers, fig)


def _resolution(lang: str, seed: int, fig: Any) -> Step:
    report = fig.report
    obs = report.exact_match_observation
    names = _sizes_words(report.sizes)
    items = obs.items
    zeros = int(np.argmax(obs.successes > 0)) if np.any(obs.successes > 0) else obs.successes.size
    mid = max(zeros - 1, 0)  # the largest size that still read 0
    rows = tuple((names[i], percent(float(obs.true[i]), 3), f"{int(obs.successes[i])}/{items}",
                  percent_at_least(float(obs.zero_probability[i]), 3), count(float(report.items_needed[i])))
                 for i in range(obs.true.size))
    level = percent(obs.level, 3)
    table = LessonTable(T("res_table", lang, items=items),
                        (T("col_size", lang), T("col_true", lang), T("col_read", lang, items=items),
                         T("col_zero", lang, items=items), T("col_needed", lang, level=percent(report.confidence, 3))),
                        rows, T("res_caption", lang, items=items, floor=percent(obs.floor, 3)))
    fields_ = {"items": items, "floor": percent(obs.floor, 3), "half": percent(0.5 * obs.floor, 3),
               "bound": percent(report.zero_upper_bound, 3), "level": level, "smallest": names[0],
               "true_small": percent(float(obs.true[0]), 3), "mid_size": names[mid], "true_mid": percent(float(obs.true[mid]), 3),
               "zero_mid": percent_at_least(float(obs.zero_probability[mid]), 3), "needed_small": count(float(report.items_needed[0])),
               "confidence": percent(report.confidence, 3), "big": RESOLUTION_PANELS[-1]}
    paragraphs = tuple(T(f"res_p{i}", lang, **fields_) for i in range(1, 5))
    numbers = {"items": float(items), "floor": obs.floor, "zero_upper_bound": report.zero_upper_bound,
               "true_at_last_zero": float(obs.true[mid]), "zero_probability_at_last_zero": float(obs.zero_probability[mid]),
               "last_zero_size": float(report.sizes[mid]), "items_needed_smallest": float(report.items_needed[0]),
               **{f"true_exact_match_{names[i]}": float(obs.true[i]) for i in range(obs.true.size)}}
    return Step("resolution", T(TITLES["resolution"], lang), paragraphs, (table,),
                _command(f"emergence metric --seed {seed} --detail", 5, "resolution", lang), numbers, fig)


def _bullet(lang: str, seed: int, curves: Any) -> Step:
    rungs = dict(curves.ladder.rungs)
    windows = dict(zip(curves.ladder.names, curves.rung_windows))
    rows = tuple((T(f"cap_{name}", lang), str(d), percent(windows[name][0], 3)) for name, d in curves.ladder.rungs)
    ladder = LessonTable(T("bul_table", lang), (T("col_capability", lang), T("col_params", lang), T("col_error", lang)), rows,
                         T("bul_caption", lang, s=number(curves.s)))
    tol_rows = tuple((percent(p.threshold, 3), str(int(p.at))) for p in curves.points)
    tolerances = LessonTable(T("bul_tol_table", lang), (T("col_tolerance", lang), T("col_needed_params", lang)), tol_rows)
    pr = curves.projectile
    fields_ = {f"{name}": d for name, d in rungs.items()}
    fields_.update({f"r_{name}": percent(windows[name][0], 3) for name in rungs})
    for i, p in enumerate(curves.points[:3], start=1):
        fields_.update({f"tau{i}": percent(p.threshold, 3), f"d{i}": int(p.at)})
    fields_.update({"vac": number(float(pr.needed[0, 0])), "vac_all": _join([number(float(v)) for v in pr.needed[0]], lang),
                    "drag_list": _join([number(float(v)) for v in pr.needed[1]], lang),
                    "tol_first": number(pr.tolerances[0]), "tol_last": number(pr.tolerances[-1])})
    paragraphs = tuple(T(f"bul_p{i}", lang, **fields_) for i in range(1, 5))
    numbers = {**{f"params_{name}": float(d) for name, d in rungs.items()},
               **{f"error_{name}": windows[name][0] for name in rungs},
               **{f"params_for_tolerance_{number(p.threshold)}": float(p.at) for p in curves.points},
               **{f"vacuum_coefficients_{number(t)}": float(v) for t, v in zip(pr.tolerances, pr.needed[0])},
               **{f"drag_coefficients_{number(t)}": float(v) for t, v in zip(pr.tolerances, pr.needed[1])}}
    return Step("bullet", T(TITLES["bullet"], lang), paragraphs, (ladder, tolerances),
                _command(f"emergence threshold dimensions --seed {seed}", 6, "bullet", lang), numbers, curves)


def _observers(lang: str, seed: int, curves: Any) -> Step:
    rows = tuple((percent(p.threshold, 3), fmt_size(p.at)) for p in curves.points)
    table = LessonTable(T("obs_table", lang), (T("col_bar", lang), T("col_emerges", lang)), rows,
                        T("obs_caption", lang))
    pop_rows = tuple((percent(share, 3), fmt_size(n)) for share, n in zip(curves.population_shares, curves.population_sizes))
    population = LessonTable(T("obs_pop_table", lang), (T("col_share", lang), T("col_size", lang)), pop_rows,
                             T("obs_pop_caption", lang, centre=percent(curves.raters.centre, 3)))
    q = curves.quality
    fields_: dict[str, Any] = {"n_small": fmt_size(float(curves.sizes[0])), "n_large": fmt_size(float(curves.sizes[-1])),
                               "q_small": percent(float(q[0]), 2), "q_large": percent(float(q[-1]), 3),
                               "decades": number(curves.point_decades, 2), "runs": curves.run_levels.size}
    for i, p in enumerate(curves.points[:3], start=1):
        fields_.update({f"tau{i}": percent(p.threshold, 3), f"n{i}": fmt_size(p.at)})
    for i, (share, n) in enumerate(zip(curves.population_shares, curves.population_sizes), start=1):
        fields_.update({f"share{i}": percent(share, 3), f"p{i}": fmt_size(n)})
    paragraphs = tuple(T(f"obs_p{i}", lang, **fields_) for i in range(1, 6))
    numbers = {**{f"emerges_at_{number(p.threshold)}": p.at for p in curves.points},
               **{f"raters_{number(s)}": n for s, n in zip(curves.population_shares, curves.population_sizes)},
               "decades_between_thresholds": curves.point_decades, "seed_runs": float(curves.run_levels.size)}
    return Step("observers", T(TITLES["observers"], lang), paragraphs, (table, population),
                _command(f"emergence threshold observers --seed {seed}", 7, "observers", lang), numbers, curves)


def _score(curve: Any, value: float) -> str:
    if curve.scale == "fraction":
        return percent(value, 3)
    if curve.scale == "percent":
        return percent(value / 100.0, 3)
    return number(value, 3)


def _verdict_words(a: Any, lang: str) -> str:
    if a.verdict == "explained":
        return T("verdict_explained", lang, by=_and([T(f"by_{name}", lang) for name in a.explained_by], lang))
    return T(f"verdict_{a.verdict}", lang)


def _real_data(lang: str, seed: int, real: _Real) -> Step:
    analyses = real.analyses
    count = {v: sum(a.verdict == v for a in analyses) for v in ("explained", "unexplained", "undetermined", "smooth")}
    sharp = [a for a in analyses if a.shape.sharp]
    by = {name: sum(name in a.explained_by for a in analyses) for name in ("metric", "compounding", "resolution")}
    summary = LessonTable(T("real_table", lang, n=len(analyses)), (T("col_verdict", lang), T("col_curves", lang)),
                          tuple((T(f"verdict_{v}_short", lang), str(n)) for v, n in count.items()))
    tables = [summary]
    if sharp:
        tables.append(LessonTable(T("real_sharp_table", lang),
                                  (T("col_task_name", lang), T("col_metric", lang), T("col_family", lang), T("col_from_to", lang),
                                   T("col_verdict", lang)),
                                  tuple((plain("task", a.curve.task, lang), plain("metric", a.curve.metric, lang), a.curve.family,
                                         f"{_score(a.curve, float(a.curve.scores[0]))} → {_score(a.curve, float(a.curve.scores[-1]))}",
                                         _verdict_words(a, lang)) for a in sharp)))
    families = sorted({a.curve.family for a in analyses})
    sizes = max((len(a.curve.sizes) for a in analyses), default=0)
    fields_: dict[str, Any] = {"file": real.label, "curves": len(analyses), "families": len(families), "sizes": sizes,
                               "sharp": len(sharp), "explained": count["explained"], "unexplained": count["unexplained"],
                               "by_metric": by["metric"], "by_compounding": by["compounding"], "by_resolution": by["resolution"],
                               "seed": seed, "synthetic_seed": SYNTHETIC_SEED}
    intro = "real_p1_synthetic" if real.synthetic else "real_p1_user"
    paragraphs = [T(intro, lang, **fields_), T("real_p2", lang, **fields_), T("real_p3", lang, **fields_)]
    numbers = {"curves": float(len(analyses)), "sharp": float(len(sharp)), **{v: float(n) for v, n in count.items()},
               **{f"explained_by_{k}": float(n) for k, n in by.items()}}
    if real.pair:
        shown = real.pair[0].curve
        label = NAMES("curve", lang, task=plain("task", shown.task, lang), metric=plain("metric", shown.metric, lang),
                      family=shown.family)
        fields_.update({"label": label, "from": _score(shown, float(shown.scores[0])),
                        "to": _score(shown, float(shown.scores[-1])), "verdict": _verdict_words(real.pair[0], lang)})
        if len(real.pair) > 1:
            other = real.pair[1].curve
            fields_.update({"other": plain("metric", other.metric, lang), "other_from": _score(other, float(other.scores[0])),
                            "other_to": _score(other, float(other.scores[-1])), "other_verdict": _verdict_words(real.pair[1], lang)})
            paragraphs.append(T("real_p4_pair", lang, **fields_))
        else:
            paragraphs.append(T("real_p4_one", lang, **fields_))
        numbers.update({"shown_from": float(shown.scores[0]), "shown_to": float(shown.scores[-1])})
    filters = f" --task {real.task} --family {real.family}" if real.task is not None else ""
    prefix = (f"emergence simulate --seed {SYNTHETIC_SEED} --out {real.label} && " if real.regenerated else "")
    import shlex

    return Step("real_data", T(TITLES["real_data"], lang), tuple(paragraphs), tuple(tables),
                prefix + _command(f"emergence analyze {shlex.quote(real.path)} --seed {seed}{filters}", 8, "real_data", lang),
                numbers,
                real.pair or None)


def _conclusion(parts: _Parts, steps: list[Step]) -> Step:
    lang, h1 = parts.lang, parts.h1
    s = {item.key: item.numbers for item in steps}
    c = h1.comparison
    names = [fmt_size(float(n)) for n in parts.h2.report.sizes]
    first, last = names[0], names[-1]
    met, res, obs, real = s["metric"], s["resolution"], s["observers"], s["real_data"]
    taus = [p.threshold for p in parts.observers.points]
    rows = (
        (T("con_h1", lang), T("con_h1_value", lang, k=h1.curves.chain.steps, step=percent(c.relative_gain_step),
                                task=percent(c.relative_gain_task))),
        (T("con_cot", lang), T("con_cot_value", lang, fixed=int(s["chain_of_thought"]["fixed_one_step_missing"]),
                                 errors=int(s["chain_of_thought"]["errors_one_step_missing"]))),
        (T("con_h2", lang), T("con_h2_value", lang, em_from=percent(met[f"exact_match_{first}"], 3),
                                em_to=percent(met[f"exact_match_{last}"], 3), pc_from=percent(met[f"partial_credit_{first}"], 3),
                                pc_to=percent(met[f"partial_credit_{last}"], 3))),
        (T("con_res", lang), T("con_res_value", lang, items=int(res["items"]), true=percent(res["true_at_last_zero"], 3),
                                 zero=percent(res["zero_probability_at_last_zero"], 3))),
        (T("con_h3", lang), T("con_h3_value", lang, sizes=_join([fmt_size(obs[f"emerges_at_{number(t)}"]) for t in taus], lang))),
        (T("con_real", lang), T("con_real_value", lang, sharp=int(real["sharp"]), curves=int(real["curves"]),
                                  explained=int(real["explained"]))),
    )
    table = LessonTable(T("con_table", lang), (T("col_hypothesis", lang), T("col_today", lang)), rows)
    fields_ = {"k": h1.curves.chain.steps}
    paragraphs = tuple(T(f"con_p{i}", lang, **fields_) for i in range(1, 5))
    numbers = {"relative_gain_step": c.relative_gain_step, "relative_gain_task": c.relative_gain_task,
               "sharp_curves": real["sharp"], "explained_curves": real["explained"]}
    return Step("conclusion", T(TITLES["conclusion"], lang), paragraphs, (table,),
                _command(f"emergence compound --steps {BLOG_STEPS} --p {BLOG_P:g} --p-to {BLOG_P_TO:g}", 9, "conclusion", lang), numbers, h1.curves)
