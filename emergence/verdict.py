"""The blog's three hypotheses as tests on a real curve of scores against model size, and a verdict.

For one curve (a task scored by one metric across one family of models, sorted by size) this
module measures its shape, fits it (:mod:`emergence.fit`), backtests the fit on the largest
models, and runs four tests:

- **metric** (hypothesis 2): where another metric scored the same outputs (same task, family,
  settings and models), compare breakthroughness on the models both have. If this curve is sharp
  and the other is not, the jump is (at least partly) the metric's.
- **compounding** (hypothesis 1): the implied per-step accuracy y^(1/K) for K = 1..max_steps (or
  one given K). If some K > 1 makes it markedly straighter in log size than y itself, the curve is
  *consistent with* a task of K steps that each improve smoothly; it does not prove it.
- **resolution** (hypothesis 2): with item counts or standard errors, is the largest step larger
  than the noise of the two readings? z = step / sqrt(se1^2 + se2^2) is compared with the 5 %
  two-sided level for the largest of the n - 1 steps (Bonferroni: 2.69 for 8 sizes). A reading of 0
  on n items only says "below 3/n" (rule of three): if the step starts from such a reading and 3/n
  is a sizable part of where it lands, a smooth rise under that floor would look the same.
- **threshold** (hypothesis 3): the size at which the fitted curve crosses each level, with its
  bootstrap interval; the "emergence point" moves with the level a person picks.

A curve is *sharp* when it has at least ``MIN_SIZES_TO_JUDGE`` sizes, improves by a meaningful
amount (``MIN_RISE`` of its scale), and either one step between neighbouring sizes makes at least
half of that rise, or its breakthroughness is at least ``SHARP_B_RATIO`` times that of an even ramp
over the same number of sizes (an even ramp of n sizes scores n - 1; a flat curve with one jump
scores infinity); and the largest step looks like emergence rather than saturation or noise: at
least two sizes come before it, it starts in the lower half of the range, and every later score
stays above every earlier one. Perplexities are judged on their logarithm (the loss), since their
raw scale turns any smooth fall of the loss into a cliff at the small models. The verdict is then:

- ``smooth``: not sharp;
- ``explained``: sharp, and at least one test offers an artefact that could produce the jump;
- ``undetermined``: sharp-looking but too few sizes or a step within the noise;
- ``unexplained``: sharp, and no test explains it: a candidate for real emergence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from emergence import fit, sharpness
from emergence._validate import ParameterError
from emergence.results import Result

MIN_SIZES_TO_JUDGE = 4
SHARP_STEP_SHARE = 0.5
SHARP_B_RATIO = 2.0
MIN_RISE = 0.1            # of the scale: 0.1 on [0, 1], 10 points on 0-100
COMPOUNDING_MIN_R2 = 0.9
COMPOUNDING_MIN_GAIN = 0.1
NOISE_LEVEL = 0.05  # two-sided, for the largest of the n - 1 steps (Bonferroni)
FLOOR_SHARE = 0.25  # a zero reading explains a step when 3/n is at least this share of where it lands
LOG_METRICS = ("ppl", "perplexity", "word_perplexity", "byte_perplexity", "token_perplexity")
VERDICTS = ("unexplained", "explained", "undetermined", "smooth")  # the order of a ranked report
DEFAULT_RESAMPLES = 1000
# The work of an analysis, in point-fits: a bootstrap resample of a curve of n sizes costs n (its
# fit, a few microseconds a point at worst, on flat noise that the fit crawls over), counted for
# the whole curve and again for the backtest's training part; the rest of a curve's analysis
# (shape, tests, intervals) costs about CURVE_WORK. WORK_BUDGET is about ten seconds on one core.
WORK_BUDGET = 1_800_000
CURVE_WORK = 700
FIT_WORK = 3  # and each resample's fit costs about 3 point-fits more than its sizes (its start on a grid)
MIN_AUTO_RESAMPLES = 100
MAX_CURVE_SIZES = 1000  # model sizes in one curve: a family of models, not a sweep of checkpoints


@dataclass(frozen=True)
class Finding(Result):
    """A sentence of the report: a catalog key and the numbers that fill it."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step(Result):
    """The largest change between neighbouring sizes, in the curve's improving direction."""

    from_model: str
    to_model: str
    from_size: float
    to_size: float
    from_score: float
    to_score: float
    share: float  # of the whole range of the curve


@dataclass(frozen=True)
class Shape(Result):
    breakthroughness: float | None
    linearity_r2: float | None
    largest_step: Step
    rise: float          # max - min of the scores, in the curve's own units
    sharp: bool
    undefined: str | None  # why breakthroughness has no value (e.g. a median step of 0)


@dataclass(frozen=True)
class LineSummary(Result):
    """y = intercept + slope * log10(size); slope per decade; R^2 of the line."""

    intercept: float
    slope: float
    r2: float | None


@dataclass(frozen=True)
class Prediction(Result):
    model: str
    size: float
    truth: float
    predicted: float
    low: float
    high: float
    inside: bool
    error: float
    informative: bool  # the interval spans at most half the scale (or of the observed range)


@dataclass(frozen=True)
class Backtest(Result):
    """Fit on the smaller models, predict the held-out larger ones (sigmoid and line), 95 % intervals."""

    train_points: int
    sigmoid: tuple[Prediction, ...]
    line: tuple[Prediction, ...]
    sigmoid_determined: bool

    @property
    def used(self) -> tuple[Prediction, ...]:
        """The predictions of the fit the verdict reads: the sigmoid when it could be determined, else the line."""
        return self.sigmoid if self.sigmoid_determined else self.line

    def extra(self) -> dict[str, Any]:
        return {"sigmoid_inside": sum(p.inside for p in self.sigmoid), "line_inside": sum(p.inside for p in self.line)}


@dataclass(frozen=True)
class MetricTest(Result):
    other_metric: str
    common_models: int
    breakthroughness: float | None
    other_breakthroughness: float | None
    sharp: bool
    other_sharp: bool
    explains: bool


@dataclass(frozen=True)
class CompoundingTest(Result):
    steps: int
    r2_raw: float | None
    r2_steps: float | None
    r2_by_steps: tuple[float | None, ...]
    per_step: np.ndarray
    consistent: bool
    given: bool     # K was given (--steps K), not searched
    at_limit: bool  # auto chose the largest K tried: "more steps, straighter", the mark of a power law in y


@dataclass(frozen=True)
class ResolutionTest(Result):
    items: np.ndarray | None
    step_standard_error: float | None
    step_z: float | None
    critical_z: float  # the largest of n - 1 steps at 5 %, two-sided (Bonferroni)
    within_noise: bool | None
    zero_upper_bounds: tuple[tuple[str, float], ...]   # (model, 3/n) for every reading of 0
    starts_at_floor: bool


@dataclass(frozen=True)
class ThresholdTest(Result):
    levels: tuple[float, ...]
    relative: bool
    log10_size: tuple[float | None, ...]
    interval: tuple[tuple[float | None, float | None], ...]
    spread_decades: float | None  # how far the emergence point moves across the levels


@dataclass(frozen=True)
class CurveAnalysis(Result):
    """Everything measured on one curve, and the verdict."""

    curve: Any
    shape: Shape
    line: LineSummary
    sigmoid: fit.SigmoidSummary | None
    band: fit.Band | None
    backtest: Backtest | None
    metric: MetricTest | None
    compounding: CompoundingTest | None
    resolution: ResolutionTest | None
    threshold: ThresholdTest | None
    verdict: str
    explained_by: tuple[str, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Settings:
    """How to analyse: bootstrap size, holdout, levels, steps, chance level."""

    bootstrap: int = 1000
    holdout: int = 1
    cutoff: float | None = None
    levels: tuple[float, ...] = ()          # absolute levels in the curve's units; () = 10/50/90 % of the fitted rise
    steps: int | None = None                # None = auto over 1..max_steps
    max_steps: int = 10
    chance: float | None = None


def scale_unit(curve: Any) -> float:
    """What a score of "all" is on the curve's scale: 100 for percentages, else 1."""
    return 100.0 if curve.scale == "percent" else 1.0


def _plateaus(curve: Any) -> tuple[float, float] | None:
    """The range a bounded score lives in: (0, 1) or (0, 100); None for unbounded scores."""
    return (0.0, scale_unit(curve)) if curve.scale in ("fraction", "percent") else None


def on_log_scale(curve: Any) -> Any:
    """A perplexity curve as the natural log of its scores (the loss, in nats); other curves as they are."""
    scores = np.asarray(curve.scores, dtype=float)
    if curve.metric.lower().split(" ")[0] not in LOG_METRICS or not np.all(scores > 0):
        return curve
    stderr = None if curve.stderr is None else np.asarray(curve.stderr, dtype=float) / scores  # delta method
    return replace(curve, metric=f"ln {curve.metric}", scores=np.log(scores), stderr=stderr, scale="unbounded")


def shape(curve: Any) -> Shape:
    """Breakthroughness, R^2 in log size, the largest step and whether the curve is sharp."""
    x, y = np.asarray(curve.sizes, dtype=float), np.asarray(curve.scores, dtype=float)
    orientation = "higher" if curve.higher_is_better else "lower"
    s = sharpness.sharpness(x, y, orientation=orientation)
    oriented = y if curve.higher_is_better else -y
    steps = np.diff(oriented)
    i = int(np.argmax(np.abs(steps)))
    rise = float(np.max(y) - np.min(y))
    share = float(abs(steps[i]) / rise) if rise > 0 else 0.0
    step = Step(curve.models[i], curve.models[i + 1], float(x[i]), float(x[i + 1]), float(y[i]), float(y[i + 1]), share)
    meaningful = rise >= MIN_RISE * scale_unit(curve) if curve.scale in ("fraction", "percent") else rise > 0
    b = s.breakthroughness
    concentrated = share >= SHARP_STEP_SHARE or (b is not None and b >= SHARP_B_RATIO * (x.size - 1))
    # an emergence-like jump: flat (at least two sizes) before it, from the lower part of the range,
    # and it lasts (every later score above every earlier one); a saturating curve or noise is not one
    starts_low = i >= 1 and oriented[i] - oriented.min() <= 0.5 * (oriented.max() - oriented.min())
    lasts = oriented[i + 1:].min() > oriented[: i + 1].max()
    sharp = x.size >= MIN_SIZES_TO_JUDGE and meaningful and concentrated and steps[i] > 0 and starts_low and lasts
    return Shape(s.breakthroughness, s.linearity_r2, step, rise, bool(sharp), s.undefined)


def _line_summary(x: np.ndarray, y: np.ndarray) -> LineSummary:
    line = fit.fit_line(x, y)
    fitted = line.predict(x)[0]
    total = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - float(np.sum((y - fitted) ** 2)) / total if total > 0 else None
    return LineSummary(float(line.intercept[0]), float(line.slope[0]), r2)


def _r2(x: np.ndarray, y: np.ndarray) -> float | None:
    return _line_summary(x, y).r2


def compounding(curve: Any, settings: Settings) -> CompoundingTest | None:
    """Per-step accuracy y^(1/K) and how straight it is in log size (fraction-scale, higher-is-better curves)."""
    if not curve.higher_is_better or curve.scale not in ("fraction", "percent"):
        return None
    y = np.clip(np.asarray(curve.scores, dtype=float) / scale_unit(curve), 0.0, 1.0)
    x = np.log10(np.asarray(curve.sizes, dtype=float))
    candidates = [settings.steps] if settings.steps is not None else list(range(1, settings.max_steps + 1))
    r2s = tuple(_r2(x, y ** (1.0 / k)) for k in candidates)
    finite = [(r if r is not None else -math.inf, k) for r, k in zip(r2s, candidates)]
    best_r2, best_k = max(finite, key=lambda t: (t[0], -t[1]))
    raw = _r2(x, y)
    best = None if not math.isfinite(best_r2) else best_r2
    consistent = (best_k > 1 and best is not None and best >= COMPOUNDING_MIN_R2
                  and best - (raw if raw is not None else 0.0) >= COMPOUNDING_MIN_GAIN)
    at_limit = settings.steps is None and best_k == candidates[-1] and len(candidates) > 1
    return CompoundingTest(best_k, raw, best, r2s, y ** (1.0 / best_k), bool(consistent), settings.steps is not None,
                           bool(at_limit))


def resolution(curve: Any, step: Step) -> ResolutionTest | None:
    """Is the largest step above the noise of its two readings? Which zeros only mean "below 3/n"?"""
    if curve.items is None and curve.stderr is None:
        return None
    unit = scale_unit(curve)
    y = np.asarray(curve.scores, dtype=float) / unit
    models = list(curve.models)
    i, j = models.index(step.from_model), models.index(step.to_model)
    items = None if curve.items is None else np.asarray(curve.items, dtype=float)
    if curve.stderr is not None and np.all(np.isfinite(np.asarray(curve.stderr, dtype=float)[[i, j]])):
        se = np.asarray(curve.stderr, dtype=float)[[i, j]] / unit
    elif items is not None and curve.scale in ("fraction", "percent"):
        n = items[[i, j]]
        p = np.clip(y[[i, j]], 0.5 / n, 1.0 - 0.5 / n)  # a reading of 0 or 1 still has binomial noise
        se = np.sqrt(p * (1.0 - p) / n)
    else:
        se = None
    if se is not None and not np.all(np.isfinite(se)):
        se = None  # one of the two readings has no item count or error
    step_se = float(np.hypot(se[0], se[1])) if se is not None else None
    z = abs(y[j] - y[i]) / step_se if step_se else None
    from statistics import NormalDist

    critical = NormalDist().inv_cdf(1.0 - NOISE_LEVEL / 2.0 / max(len(models) - 1, 1))
    zeros: tuple[tuple[str, float], ...] = ()
    if items is not None and curve.scale in ("fraction", "percent"):
        zeros = tuple((m, 3.0 / n * unit) for m, v, n in zip(models, y, items) if v == 0.0 and n > 0)
    floor = dict(zeros).get(step.from_model)
    at_floor = floor is not None and floor >= FLOOR_SHARE * abs(step.to_score)
    return ResolutionTest(items, step_se, z, critical, None if z is None else bool(z < critical), zeros, at_floor)


def threshold(boot: fit.SigmoidBatch, point: fit.SigmoidBatch, levels: tuple[float, ...]) -> ThresholdTest:
    """Where the fitted curve crosses each level (log10 size), with bootstrap intervals."""
    relative = not levels
    if relative:
        low, high = float(point.lower[0]), float(point.upper[0])
        levels = tuple(low + f * (high - low) for f in (0.1, 0.5, 0.9))
    xs: list[float | None] = []
    intervals: list[tuple[float | None, float | None]] = []
    for level in levels:
        at = float(point.crossing(level)[0])
        xs.append(at if math.isfinite(at) else None)
        lo, hi = fit.percentile_interval(boot.crossing(level))
        intervals.append((lo if math.isfinite(lo) else None, hi if math.isfinite(hi) else None))
    known = [v for v in xs if v is not None]
    spread = max(known) - min(known) if len(known) >= 2 else None
    return ThresholdTest(levels, relative, tuple(xs), tuple(intervals), spread)


def _predictions(models: Sequence[str], sizes: np.ndarray, truth: np.ndarray, point: np.ndarray, boot: np.ndarray,
                 residuals: np.ndarray, rng: np.random.Generator, scale: tuple[float, float] | None,
                 spread: float) -> tuple[Prediction, ...]:
    """Point predictions with 95 % intervals: bootstrap fits plus a resampled residual of the training fit.

    On a bounded scale the predictions are kept on it; an interval wider than half the scale (or
    than half the observed range, for unbounded scores) is marked uninformative.
    """
    noise = rng.choice(residuals, size=boot.shape) if residuals.size else np.zeros_like(boot)
    draws = boot + noise
    if scale is not None:
        draws, point = np.clip(draws, *scale), np.clip(point, *scale)
    width = 0.5 * ((scale[1] - scale[0]) if scale is not None else spread)
    out = []
    for k, model in enumerate(models):
        lo, hi = fit.percentile_interval(draws[:, k])
        out.append(Prediction(model, float(sizes[k]), float(truth[k]), float(point[k]), lo, hi,
                              bool(lo <= truth[k] <= hi), float(abs(truth[k] - point[k])), bool(hi - lo <= width)))
    return tuple(out)


def held_out(curve: Any, settings: Settings) -> np.ndarray:
    """Which points the backtest holds out: the ``holdout`` largest, or those above ``cutoff``."""
    sizes = np.asarray(curve.sizes, dtype=float)
    if settings.cutoff is not None:
        return sizes > settings.cutoff
    return np.arange(sizes.size) >= sizes.size - settings.holdout


def _backtest_from(curve: Any, held: np.ndarray, point: fit.SigmoidBatch, boot: fit.SigmoidBatch,
                   weights: np.ndarray, rng: np.random.Generator) -> Backtest:
    sizes = np.asarray(curve.sizes, dtype=float)
    x, y = np.log10(sizes), np.asarray(curve.scores, dtype=float)
    train = ~held
    xt, yt, xh, yh = x[train], y[train], x[held], y[held]
    line_point, line_boot = fit.fit_line(xt, yt), fit.fit_line(xt, yt, weights)
    models = [m for m, h in zip(curve.models, held) if h]
    scale = _plateaus(curve)
    spread = float(np.ptp(y)) or 1.0
    sig = _predictions(models, sizes[held], yh, point.predict(xh)[0], boot.predict(xh), yt - point.predict(xt)[0], rng,
                       scale, spread)
    lin = _predictions(models, sizes[held], yh, line_point.predict(xh)[0], line_boot.predict(xh),
                       yt - line_point.predict(xt)[0], rng, scale, spread)
    return Backtest(int(train.sum()), sig, lin, bool(train.sum() >= fit.MIN_SIGMOID_POINTS))


def metric_test(curve: Any, this: Shape, siblings: Sequence[Any],
                shape_of: Callable[[Any], Shape] | None = None) -> MetricTest | None:
    """Compare with the first other metric on the same outputs (same task, family, settings; shared models).

    ``shape_of`` gives a sibling's shape on all its models (default :func:`shape`; a cache when
    many curves share siblings).
    """
    for other in siblings:
        theirs = set(other.models)
        common = [m for m in curve.models if m in theirs]
        if len(common) < 2:
            continue
        sa = this if len(common) == len(curve.models) else shape(_restrict(curve, common))
        sb = (shape_of or shape)(other) if len(common) == len(other.models) else shape(_restrict(other, common))
        return MetricTest(other.metric, len(common), sa.breakthroughness, sb.breakthroughness, sa.sharp, sb.sharp,
                          bool(this.sharp and sa.sharp and not sb.sharp))
    return None


def _restrict(curve: Any, models: Sequence[str]) -> Any:
    wanted = set(models)
    keep = np.array([m in wanted for m in curve.models])
    changes: dict[str, Any] = {"models": tuple(m for m, k in zip(curve.models, keep) if k),
                               "sizes": np.asarray(curve.sizes)[keep], "scores": np.asarray(curve.scores)[keep]}
    for name in ("items", "stderr"):
        value = getattr(curve, name)
        changes[name] = None if value is None else np.asarray(value)[keep]
    return replace(curve, **changes)


def analyse(curve: Any, siblings: Sequence[Any], settings: Settings, rng: np.random.Generator) -> CurveAnalysis:
    """Shape, fits, backtest, the four tests and the verdict for one curve (see :func:`analyse_all`)."""
    return analyse_all([curve], settings, [rng], siblings=[list(siblings)])[0]


def fit_points(curves: Sequence[Any], settings: Settings | None = None) -> int:
    """The work of one bootstrap resample of every curve, in point-fits: the sizes of every curve of 3 sizes
    or more, and of the training part of its backtest when that has 3 or more (see :func:`analyse_all`),
    each plus ``FIT_WORK``."""
    settings = settings or Settings()
    total = 0
    for c in curves:
        n = len(c.sizes)
        train = n - int(held_out(c, settings).sum())
        total += (n + FIT_WORK if n >= 3 else 0) + (train + FIT_WORK if 3 <= train < n else 0)
    return total


def work(curves: Sequence[Any], resamples: int, settings: Settings | None = None) -> int:
    """The work of analysing ``curves`` with ``resamples`` resamples each, in point-fits (see ``WORK_BUDGET``)."""
    return CURVE_WORK * len(curves) + resamples * fit_points(curves, settings)


def resamples_for(curves: Sequence[Any] | int, asked: int | None, settings: Settings | None = None, *,
                  reserve: int = 0) -> int | None:
    """Resamples per curve: ``asked``, else the default lowered to keep the work within ``WORK_BUDGET``;
    None when even that is too much (``asked`` too many, or fewer than ``MIN_AUTO_RESAMPLES`` left).

    The work counts curves x model sizes x resamples (:func:`work`); ``reserve`` is work set aside
    for something else the run does (a figure), in the same units. ``curves`` may be given as a
    number only, each then counted as a curve of 8 sizes with a backtest.
    """
    count = curves if isinstance(curves, int) else len(curves)
    per = (2 * 8 + 2 * FIT_WORK - 1) * count if isinstance(curves, int) else fit_points(curves, settings)
    room = WORK_BUDGET - CURVE_WORK * count - reserve
    wanted = asked if asked is not None else DEFAULT_RESAMPLES
    if room >= 0 and per * wanted <= room:
        return wanted
    if asked is not None or room < 0:
        return None
    fewer = room // per
    return fewer if fewer >= MIN_AUTO_RESAMPLES else None


def ranked(analyses: Sequence[CurveAnalysis]) -> list[CurveAnalysis]:
    """Candidates first, then explained jumps, undetermined ones and smooth curves; within each by
    breakthroughness (infinite first, none last)."""
    def key(a: CurveAnalysis) -> tuple[int, int, float]:
        b = a.shape.breakthroughness
        return (VERDICTS.index(a.verdict), *((1, 0.0) if b is None or math.isnan(b) else (0, -b)))

    return sorted(analyses, key=key)


def siblings_of(curves: Sequence[Any]) -> list[list[Any]]:
    """For each curve, the other metrics on the same outputs: same task, family and settings."""
    groups: dict[tuple[Any, Any, Any], list[Any]] = {}
    for c in curves:
        groups.setdefault((c.task, c.family, c.keys), []).append(c)
    return [[o for o in groups[(c.task, c.family, c.keys)] if o is not c and o.metric != c.metric] for c in curves]


def analyse_all(curves: Sequence[Any], settings: Settings, rngs: Sequence[np.random.Generator], *,
                siblings: Sequence[Sequence[Any]] | None = None, pool: Sequence[Any] | None = None,
                on_progress: Callable[[int], None] | None = None) -> list[CurveAnalysis]:
    """Analyse many curves; the sigmoid fits of all curves on the same sizes run as one batch.

    The metric test compares each curve with the other metrics on the same outputs among ``pool``
    (default: ``curves`` themselves; pass everything that was read when a filter chose fewer), or
    with the given ``siblings`` lists.

    Each curve draws its resamples from its own generator (``rngs[i]``: first the fit's, then the
    backtest's, then the backtest's residuals), so its numbers do not depend on the other curves.
    ``on_progress`` is called with the number of curves whose fits are done, twice per curve
    (the fit, then the backtest).
    """
    if siblings is None:
        everything = list(pool if pool is not None else curves)
        found = siblings_of(everything)
        where = {id(c): i for i, c in enumerate(everything)}
        siblings = [found[where[id(c)]] if id(c) in where else [] for c in curves]
    logged: dict[int, Any] = {}  # each curve on its scale once, so that its shape is measured once
    shapes: dict[int, Shape] = {}

    def log_scale(c: Any) -> Any:
        if id(c) not in logged:
            logged[id(c)] = on_log_scale(c)
        return logged[id(c)]

    def shape_of(c: Any) -> Shape:
        if id(c) not in shapes:
            shapes[id(c)] = shape(c)
        return shapes[id(c)]

    originals = list(curves)  # kept alive: the caches are keyed by id
    curves = [log_scale(c) for c in originals]
    siblings = [[log_scale(o) for o in sib] for sib in siblings]
    for c in curves:
        if not 2 <= len(c.sizes) <= MAX_CURVE_SIZES:
            raise ParameterError("data", f"{c.label}: needs from 2 to {MAX_CURVE_SIZES:,} model sizes, has {len(c.sizes):,}")
    jobs = []
    for c, rng in zip(curves, rngs):
        x = np.log10(np.asarray(c.sizes, dtype=float))
        lower = settings.chance * scale_unit(c) if settings.chance is not None else None
        held = held_out(c, settings)
        full = fit.resample_weights(x.size, settings.bootstrap, rng) if x.size >= 3 else None
        backtestable = held.sum() > 0 and (~held).sum() >= 3
        bt_weights = fit.resample_weights(int((~held).sum()), settings.bootstrap, rng) if backtestable else None
        jobs.append({"x": x, "y": np.asarray(c.scores, dtype=float), "lower": lower, "held": held, "full": full,
                     "bt": bt_weights})
    full_fits = _batched(jobs, "full", lambda j: np.ones(j["x"].size, bool), on_progress)
    bt_fits = _batched(jobs, "bt", lambda j: ~j["held"], on_progress)
    out = []
    for i, (c, rng, job) in enumerate(zip(curves, rngs, jobs)):
        sh = shape_of(c)
        line = _line_summary(job["x"], job["y"])
        sigmoid = band = thr = None
        if i in full_fits:
            point, boot = full_fits[i]
            sigmoid, band = _on_scale(c, *fit.summary_from(job["x"], point, boot, lower=job["lower"]))
            levels = tuple(v * 100.0 if c.scale == "percent" and v <= 1.0 else v for v in settings.levels)
            thr = threshold(boot, point, levels)
        bt = _backtest_from(c, job["held"], *bt_fits[i], job["bt"], rng) if i in bt_fits else None
        met = metric_test(c, sh, siblings[i], shape_of)
        comp = compounding(c, settings) if sh.sharp else None
        res = resolution(c, sh.largest_step)
        verdict, explained_by, findings = _verdict(c, sh, met, comp, res, thr, sigmoid, bt)
        out.append(CurveAnalysis(c, sh, line, sigmoid, band, bt, met, comp, res, thr, verdict, explained_by, findings))
    return out


def _batched(jobs: list[dict[str, Any]], kind: str, keep: Callable[[dict[str, Any]], np.ndarray],
             on_progress: Callable[[int], None] | None) -> dict[int, tuple[fit.SigmoidBatch, fit.SigmoidBatch]]:
    """Point and resampled sigmoid fits for every job with weights of ``kind``, grouped by identical sizes."""
    groups: dict[tuple[bytes, float | None], list[int]] = {}
    for i, job in enumerate(jobs):
        if job[kind] is not None:
            groups.setdefault((job["x"][keep(job)].tobytes(), job["lower"]), []).append(i)
    fits: dict[int, tuple[fit.SigmoidBatch, fit.SigmoidBatch]] = {}
    for (_, lower), members in groups.items():
        first = jobs[members[0]]
        x = first["x"][keep(first)]
        bounds = fit.Bounds.for_data(x)
        ys = np.stack([jobs[i]["y"][keep(jobs[i])] for i in members])
        points = fit.fit_many(x, ys, np.ones(ys.shape), lower=lower, bounds=bounds)
        counts = [jobs[i][kind].shape[0] for i in members]
        boots = fit.fit_many(x, np.repeat(ys, counts, axis=0), np.concatenate([jobs[i][kind] for i in members]),
                             lower=lower, bounds=bounds)
        start = 0
        for j, (i, n) in enumerate(zip(members, counts)):
            fits[i] = (points.rows(j, j + 1), boots.rows(start, start + n))
            start += n
        if on_progress is not None:
            on_progress(len(members))
    skipped = len(jobs) - sum(len(m) for m in groups.values())
    if on_progress is not None and skipped:
        on_progress(skipped)
    return fits


def _on_scale(curve: Any, summary: fit.SigmoidSummary, band: fit.Band) -> tuple[fit.SigmoidSummary, fit.Band]:
    """On a bounded scale: the band clipped to it, and a fit whose plateaus leave it marked undetermined."""
    scale = _plateaus(curve)
    if scale is None:
        return summary, band
    band = replace(band, low=np.clip(band.low, *scale), high=np.clip(band.high, *scale),
                               fitted=np.clip(band.fitted, *scale))
    slack = 0.05 * (scale[1] - scale[0])
    if summary.determined and (min(summary.lower, summary.upper) < scale[0] - slack
                               or max(summary.lower, summary.upper) > scale[1] + slack):
        summary = replace(summary, determined=False, why_undetermined="its plateaus leave the scale of the scores")
    return summary, band


def _verdict(curve: Any, sh: Shape, met: MetricTest | None, comp: CompoundingTest | None, res: ResolutionTest | None,
             thr: ThresholdTest | None, sigmoid: fit.SigmoidSummary | None,
             bt: Backtest | None) -> tuple[str, tuple[str, ...], tuple[Finding, ...]]:
    step = sh.largest_step
    findings = [Finding("step", {"from_model": step.from_model, "to_model": step.to_model, "from_score": step.from_score,
                                 "to_score": step.to_score, "share": step.share})]
    if met is not None:
        key = "metric_explains" if met.explains else ("metric_both_sharp" if met.sharp and met.other_sharp else
                                                     "metric_other_sharper" if met.other_sharp else "metric_both_smooth")
        findings.append(Finding(key, {"metric": curve.metric, "b": met.breakthroughness, "other": met.other_metric,
                                      "other_b": met.other_breakthroughness}))
    if comp is not None:
        key = "compounding_yes" if comp.consistent else ("compounding_given" if comp.given else "compounding_no")
        findings.append(Finding(key, {"k": comp.steps, "r2": comp.r2_steps, "r2_raw": comp.r2_raw}))
        if comp.consistent and comp.at_limit:
            findings.append(Finding("compounding_limit", {"k": comp.steps}))
    if res is not None:
        if res.step_z is not None:
            findings.append(Finding("noise_within" if res.within_noise else "noise_above",
                                    {"z": res.step_z, "crit": res.critical_z}))
        if res.starts_at_floor:
            bound = dict(res.zero_upper_bounds)[step.from_model]
            findings.append(Finding("floor", {"model": step.from_model, "bound": bound}))
    if thr is not None and sigmoid is not None and sigmoid.determined:
        lowest, highest = float(np.min(curve.sizes)), float(np.max(curve.sizes))
        for level, at, (lo, hi) in zip(thr.levels, thr.log10_size, thr.interval):
            if at is None:
                findings.append(Finding("level_never", {"level": level}))
            else:
                key = "level_at" if lowest <= 10.0**at <= highest else "level_outside"
                findings.append(Finding(key, {"level": level, "size": 10.0**at, "low": None if lo is None else 10.0**lo,
                                              "high": None if hi is None else 10.0**hi}))
        if thr.spread_decades is not None:
            findings.append(Finding("threshold" if thr.spread_decades >= 0.3 else "threshold_narrow",
                                    {"spread": thr.spread_decades}))
    if sigmoid is not None and not sigmoid.determined:
        findings.append(Finding("sigmoid_undetermined", {"why": sigmoid.why_undetermined}))
    if bt is not None and bt.line:
        used = bt.used
        wide = sum(not p.informative for p in used)
        findings.append(Finding("backtest" if not wide else "backtest_wide",
                                {"inside": sum(p.inside for p in used), "total": len(used), "wide": wide,
                                 "fit": "sigmoid" if bt.sigmoid_determined else "line"}))
    explained: list[str] = []
    if met is not None and met.explains:
        explained.append("metric")
    if comp is not None and comp.consistent:
        explained.append("compounding")
    if res is not None and res.starts_at_floor:
        explained.append("resolution")
    if not sh.sharp:
        few = len(curve.sizes) < MIN_SIZES_TO_JUDGE and sh.largest_step.share >= SHARP_STEP_SHARE
        return ("undetermined" if few else "smooth"), (), tuple(findings)
    if res is not None and res.within_noise:
        return "undetermined", tuple(explained), tuple(findings)
    return ("explained" if explained else "unexplained"), tuple(explained), tuple(findings)


CSV_COLUMNS = ("task", "metric", "family", "keys", "sizes", "first_score", "last_score", "breakthroughness",
               "linearity_r2", "step_from", "step_to", "step_share", "midpoint_log10", "midpoint_low", "midpoint_high",
               "sigmoid_determined", "backtest_inside", "backtest_total", "verdict", "explained_by")


def to_csv(analyses: Sequence[CurveAnalysis]) -> str:
    """The per-curve table as CSV text: one row per curve, in the given order."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in analyses:
        c, s, g, bt = a.curve, a.shape, a.sigmoid, a.backtest
        fitted = bt.used if bt is not None else ()
        writer.writerow([c.task, c.metric, c.family, ";".join(f"{k}={v}" for k, v in c.keys), len(c.sizes),
                         _num(c.scores[0]), _num(c.scores[-1]), _num(s.breakthroughness), _num(s.linearity_r2),
                         s.largest_step.from_model, s.largest_step.to_model, _num(s.largest_step.share),
                         _num(g.midpoint if g else None), _num(g.midpoint_interval[0] if g else None),
                         _num(g.midpoint_interval[1] if g else None), "" if g is None else str(g.determined).lower(),
                         sum(p.inside for p in fitted), len(fitted), a.verdict, ";".join(a.explained_by)])
    return buffer.getvalue()


def _num(x: float | None) -> str:
    return "" if x is None or not math.isfinite(float(x)) else f"{float(x):.6g}"
