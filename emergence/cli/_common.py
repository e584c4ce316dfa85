"""What the commands share: option declarations, parsing of lists and size ranges, output paths,
seeds, the JSON envelope and progress bars.

The options every command has (``--json``, ``--lang``, ``--plot``, ``--seed``) are declared here
once, as ``Annotated`` types a command uses as its parameter's annotation.
"""

from __future__ import annotations

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

FIGURE_FORMATS = (".png", ".svg", ".pdf")
MAX_SIZE = 1e30  # parameters: far beyond any model, still safe for powers and logs
MAX_SIZE_POINTS = 2001  # model sizes in one sweep: a table or a curve, not a data set
MAX_SEED = 2**128 - 1  # numpy's SeedSequence takes any non-negative int; keep the JSON readable


class Lang(str, enum.Enum):
    """Language of tables and figures."""

    en = "en"
    zh = "zh"


class FigureStyle(str, enum.Enum):
    """How a figure is laid out: for reading (paper) or for a projector (slide)."""

    paper = "paper"
    slide = "slide"


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout (the envelope: schema_version, command, params, seed, results, notes) instead of tables.")]
LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of tables and figures: en or zh (default $EMERGENCE_LANG, else en).")]
PlotOption = Annotated[Path | None, typer.Option("--plot", metavar="FILE", help="Write the figure to FILE (.png, .svg or .pdf, by its extension).")]
StyleOption = Annotated[FigureStyle, typer.Option("--style", help="Figure style for --plot: paper (every panel) or slide (a 1280x720 projector slide: one message, large text).")]
SeedOption = Annotated[int | None, typer.Option("--seed", min=0, max=MAX_SEED, help="Seed of the random draws (a new one is printed when not given).")]


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
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise bad(option, f"directory {str(parent)!r} does not exist")
    if path.is_dir():
        raise bad(option, f"{str(path)!r} is a directory")
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as exc:
        raise bad(option, f"cannot write in directory {str(parent)!r} ({exc.strerror or exc})") from None
    return path


def resolve_seed(seed: int | None) -> tuple[np.random.Generator, int]:
    """A Generator and the seed that reproduces it (a fresh 32-bit seed from the OS when None)."""
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    elif not 0 <= seed <= MAX_SEED:
        raise bad("--seed", f"must be a whole number from 0 to 2**128 - 1, got {seed if seed.bit_length() < 64 else 'a larger one'}")
    return np.random.default_rng(seed), seed


def seed_when(drawn: bool, seed: int | None, why: str) -> tuple[np.random.Generator | None, int | None]:
    """The generator and seed when something is drawn; ``--seed`` where nothing is drawn is refused (``why`` says so)."""
    if drawn:
        return resolve_seed(seed)
    if seed is not None:
        raise bad("--seed", f"nothing is random {why} (the seed would be ignored)")
    return None, None


def emit(command: str, params: dict[str, Any], results: Any, *, seed: int | None = None,
         notes: list[str] | tuple[str, ...] = ()) -> None:
    """Print the JSON envelope of ``command`` on stdout (see :func:`emergence.results.envelope`)."""
    from emergence import render
    from emergence.results import envelope

    render.emit_json(envelope(command, params, results, seed=seed, notes=notes))


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
