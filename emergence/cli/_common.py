"""What the commands share: option declarations, parsing of lists and size ranges, output paths,
seeds, the JSON envelope, progress bars and the command class.

The options every command has (``--json``, ``--lang``, ``--plot``, ``--style``, ``--seed``,
``--detail``) are declared here once, as ``Annotated`` types a command uses as its parameter's
annotation. :class:`Command` is the class of every command (``@app.command(cls=Command)``): it
refuses a single-valued option given twice and names the command itself when a core module
refuses a value.

Seeds: a run that draws random numbers uses :data:`DEFAULT_SEED` unless ``--seed`` says
otherwise, so every student of a class sees the same numbers; :func:`seed_note` says so.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import math
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from typer.core import TyperCommand

from emergence._validate import ParameterError

FIGURE_FORMATS = (".png", ".svg", ".pdf")
MAX_SIZE = 1e30  # parameters: far beyond any model, still safe for powers and logs
MAX_SIZE_POINTS = 2001  # model sizes in one sweep: a table or a curve, not a data set
NAME_MAX = 255  # bytes in one file name on the common file systems
MAX_SEED = 2**128 - 1  # numpy's SeedSequence takes any non-negative int; keep the JSON readable
DEFAULT_SEED = 0  # the seed of every run without --seed: the same numbers for the whole class
# (examples/synthetic_results.csv is `emergence simulate` with this seed)

# Typer vendors Click since 0.26 and used the click package before: find the class either way.
_UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class Lang(str, enum.Enum):
    """Language of tables and figures."""

    en = "en"
    zh = "zh"


class FigureStyle(str, enum.Enum):
    """How a figure is laid out: for reading (paper) or for a projector (slide)."""

    paper = "paper"
    slide = "slide"


class SlideAspect(str, enum.Enum):
    """The shape of a slide: a wide projector (1280x720 pixels) or an old one (1024x768)."""

    wide = "16:9"
    square = "4:3"


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout (the envelope: schema_version, command, params, seed, results, notes) instead of tables.")]
LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of tables, figures and messages: en or zh (default: $EMERGENCE_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else en).")]
PlotOption = Annotated[Path | None, typer.Option("--plot", metavar="FILE", help="Write the figure to FILE (.png, .svg or .pdf, by its extension).")]
StyleOption = Annotated[FigureStyle | None, typer.Option("--style", show_default=False, help="Figure style for --plot: paper (every panel; the default) or slide (a 1280x720 projector slide: one message, large text).")]
SeedOption = Annotated[int | None, typer.Option("--seed", min=0, max=MAX_SEED, show_default=False, help=f"Seed of the random draws (default {DEFAULT_SEED}: every run gives the same numbers until you change it).")]
AspectOption = Annotated[SlideAspect | None, typer.Option("--aspect", show_default=False, help="Shape of a --style slide: 16:9 (1280x720 pixels; the default) or 4:3 (1024x768).")]
NoSeedOption = Annotated[str | None, typer.Option("--seed", hidden=True, help="Refused: nothing is random here.")]
DetailFlag = Annotated[bool, typer.Option("--detail", help="Also show the technical rows (breakthroughness B, R², intervals, log10 values, sensitivities); --json always has everything.")]


def bad(option: str, text: str) -> typer.BadParameter:
    """A usage error for ``option``; raise it and the program exits with status 2 and one line."""
    return typer.BadParameter(text, param_hint=option)


def parse_float(option: str, text: str) -> float:
    """One number (``1e9`` and ``0.4`` forms); NaN and infinities are refused."""
    if not text.isascii():
        raise bad(option, f"{text.strip()!r} is not a number (use ASCII digits)")
    try:
        x = float(text.strip())
    except ValueError:
        raise bad(option, f"{text.strip()!r} is not a number") from None
    if not math.isfinite(x):
        raise bad(option, f"must be a finite number, got {text.strip()!r}")
    return x


def parse_float_list(option: str, text: str) -> tuple[float, ...]:
    """A comma-separated list of numbers: ``"0.9,0.8,0.7"``. Names the bad item by position."""
    items = text.split(",")
    values = []
    for i, item in enumerate(items, start=1):
        if not item.strip():
            raise bad(option, f"item {i} of {text!r} is empty (use commas between numbers)")
        try:
            values.append(parse_float(option, item))
        except typer.BadParameter as exc:
            raise bad(option, f"item {i} of {text!r}: {exc.message}") from None
    return tuple(values)


def parse_sizes(option: str, text: str, *, default_count_per_decade: int = 10) -> np.ndarray:
    """Model sizes: a list ``"1e8,1e9,1e10"`` or a log-spaced range ``"1e7:1e13"`` / ``"1e7:1e13:61"``.

    A range without a count gets ``default_count_per_decade`` points per decade (log10), ends
    included. Sizes are parameter counts from 1 to ``MAX_SIZE``; a list is sorted ascending,
    duplicates refused.
    """
    if ":" in text:
        parts = text.split(":")
        if len(parts) not in (2, 3):
            raise bad(option, f"a range is LOW:HIGH or LOW:HIGH:COUNT, got {text!r}")
        low, high = (parse_float(option, p) for p in parts[:2])
        if not 0 < low < high:
            raise bad(option, f"a range needs 0 < LOW < HIGH, got {text!r}")
        if low < 1 or high > MAX_SIZE:
            raise bad(option, f"sizes are numbers of parameters, from 1 to {MAX_SIZE:g}; got {text!r}")
        if len(parts) == 3:
            count = parse_float(option, parts[2])
            if not count.is_integer() or count < 2:
                raise bad(option, f"COUNT must be a whole number of at least 2, got {parts[2]!r}")
        else:
            count = max(2, round(math.log10(high / low) * default_count_per_decade) + 1)
        if count > MAX_SIZE_POINTS:
            raise bad(option, f"at most {MAX_SIZE_POINTS} sizes, got {count:g} in {text!r}")
        count = int(count)
        return np.logspace(math.log10(low), math.log10(high), count)
    if text.count(",") >= MAX_SIZE_POINTS:
        raise bad(option, f"at most {MAX_SIZE_POINTS} sizes, got {text.count(',') + 1}")
    sizes = np.array(parse_float_list(option, text))
    if np.any(sizes <= 0):
        raise bad(option, f"sizes must be greater than 0, got {text!r}")
    if np.any(sizes < 1) or np.any(sizes > MAX_SIZE):
        raise bad(option, f"sizes are numbers of parameters, from 1 to {MAX_SIZE:g}; got {text!r}")
    sizes = np.sort(sizes)
    if np.any(np.diff(sizes) == 0):
        raise bad(option, f"sizes must differ from one another, got {text!r}")
    return sizes


def check_output(option: str, path: Path | None, formats: tuple[str, ...] = FIGURE_FORMATS) -> Path | None:
    """Check an output path before any work: known extension, existing directory we can write to.

    Writability is probed by creating (and removing) a temporary file there, which also holds
    for root and for read-only file systems, where permission bits say nothing.
    """
    if path is None:
        return None
    if path.suffix.lower() not in formats:
        names = ", ".join(formats[:-1]) + " or " + formats[-1] if len(formats) > 1 else formats[0]
        raise bad(option, f"{str(path)!r} must end in {names}")
    size = len(os.fsencode(path.name))
    if size > NAME_MAX:
        raise bad(option, f"the file name is {size} bytes long; the limit is {NAME_MAX}")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        if not parent.is_dir():
            raise bad(option, f"directory {str(parent)!r} does not exist")
        if path.is_dir():
            raise bad(option, f"{str(path)!r} is a directory")
    except OSError as exc:  # a path too long for the system, say
        raise bad(option, f"cannot write in directory {str(parent)!r} ({exc.strerror or exc})") from None
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as exc:
        raise bad(option, f"cannot write in directory {str(parent)!r} ({exc.strerror or exc})") from None
    return path


def resolve_seed(seed: int | None) -> tuple[np.random.Generator, int]:
    """A Generator and the seed that reproduces it (:data:`DEFAULT_SEED` when None)."""
    if seed is None:
        seed = DEFAULT_SEED
    elif not 0 <= seed <= MAX_SEED:
        raise bad("--seed", f"must be a whole number from 0 to 2**128 - 1, got {seed if seed.bit_length() < 64 else 'a larger one'}")
    return np.random.default_rng(seed), seed


def seed_when(drawn: bool, seed: int | str | None, why: str) -> tuple[np.random.Generator | None, int | None]:
    """The generator and seed when something is drawn; ``--seed`` where nothing is drawn is refused.

    Every command refuses it in the same words; ``why`` says when nothing is drawn ("without
    --trials", "with --noise 0", "in this model").
    """
    if drawn:
        if isinstance(seed, str):  # from NoSeedOption, which never draws
            raise bad("--seed", f"must be a whole number, got {seed!r}")
        return resolve_seed(seed)
    if seed is not None:
        raise bad("--seed", f"nothing is random {why} (the seed would be ignored)")
    return None, None


def seed_note(seed: int | None, used_seed: int | None, lang: str) -> str | None:
    """What a run says about its seed: the default seed when ``--seed`` was not given and something was
    drawn; nothing when the user chose the seed or nothing was drawn."""
    if used_seed is None or seed is not None:
        return None
    from emergence.i18n import common

    return common.T("seed_default", lang, seed=used_seed)


def figure_options(plot: Path | None, style: FigureStyle | None, aspect: SlideAspect | None = None) -> dict[str, str]:
    """The keyword arguments of a figure builder (``plotting.*_figure(data, lang, **options)``) for ``--style``
    and ``--aspect``: ``{"style": "paper"}``, ``{"style": "slide"}`` or ``{"style": "slide", "aspect": "4:3"}``.

    ``--style`` without ``--plot`` and ``--aspect`` without ``--style slide`` are refused: they would be ignored.
    """
    if style is not None and plot is None:
        raise bad("--style", "applies only with --plot")
    if aspect is not None and style is not FigureStyle.slide:
        raise bad("--aspect", "applies only with --style slide")
    options = {"style": style.value if style is not None else FigureStyle.paper.value}
    if aspect is not None:
        options["aspect"] = aspect.value
    return options


def figure_params(plot: Path | None, options: dict[str, str]) -> dict[str, str | None]:
    """The ``style`` and ``aspect`` entries of the JSON envelope's params (null without ``--plot``)."""
    return {"style": options["style"] if plot is not None else None, "aspect": options.get("aspect")}


def emit(command: str, params: dict[str, Any], results: Any, *, seed: int | None = None,
         notes: list[str] | tuple[str, ...] = ()) -> None:
    """Print the JSON envelope of ``command`` on stdout (see :func:`emergence.results.envelope`)."""
    from emergence import render
    from emergence.results import envelope

    render.emit_json(envelope(command, params, results, seed=seed, notes=notes))


class Command(TyperCommand):
    """The class of every command: ``@app.command(cls=Command)``.

    * A single-valued option given twice (``--p 0.4 --p 0.6``) is refused with exit status 2,
      naming the option: Click would silently keep the last. Flags and options meant to be
      repeated (``multiple``) may repeat.
    * A core module's :class:`~emergence._validate.ParameterError` becomes a usage error of this
      command, so the message starts with its full name (``emergence threshold quanta: error:``).
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            _refuse_repeated_options(self, ctx, args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ParameterError as exc:
            raise typer.BadParameter(exc.message, ctx=ctx, param_hint=f"--{exc.name.replace('_', '-')}") from None


def _refuse_repeated_options(command: Any, ctx: Any, args: list[str]) -> None:
    """Parse ``args`` once more without processing them and refuse a single-valued option seen twice.

    Errors of the parse itself are left to the real parse, which reports them; a help option asks
    for help, which wins.
    """
    try:
        _, _, order = command.make_parser(ctx).parse_args(args=list(args))
    except _UsageError:
        return
    if any(getattr(param, "is_eager", False) for param in order):
        return
    counts = collections.Counter(param for param in order if getattr(param, "param_type_name", "") == "option"
                                 and not (param.multiple or param.count or param.is_flag))
    for param, count in counts.items():
        if count > 1:
            name = max(param.opts, key=len)
            raise _UsageError(f"option {name} is given {count} times; give it once (otherwise only the last would count)", ctx=ctx)


@contextlib.contextmanager
def progress(description: str, total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; draws a rich progress bar on stderr only when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
