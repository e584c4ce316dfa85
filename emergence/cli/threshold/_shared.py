"""What the threshold subcommands share: finishing a run (figure, JSON or tables) and table helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from emergence import render
from emergence.cli._common import emit
from emergence.i18n import common
from emergence.results import Result

MAX_ROWS = 13  # rows of a long table shown (the JSON has them all)


def finish(name: str, result: Result, *, params: dict[str, Any], notes: Iterable[str], language: str, plot: Path | None,
           json_out: bool, seed: int | None, used_seed: int | None, figure: str, tables: Callable[[Any, str], None]) -> None:
    """Draw the figure (``figure``, a builder of :mod:`emergence.plotting`), then print the JSON envelope or the tables."""
    if plot is not None:
        from emergence import plotting

        plotting.save_figure(getattr(plotting, figure)(result, language), plot)
    if json_out:
        emit(f"threshold {name}", params, result, seed=used_seed, notes=list(notes))
        return
    if used_seed is not None and seed is None:
        render.message(common.T("seed", language, seed=used_seed))
    tables(result, language)
    if plot is not None:
        render.message(common.T("plot", language, path=plot))


def thin(count: int, keep: Iterable[int] = ()) -> list[int]:
    """At most about MAX_ROWS evenly spread row indices, first and last included, plus the rows in ``keep``."""
    if count <= MAX_ROWS:
        return list(range(count))
    spread = {round(i * (count - 1) / (MAX_ROWS - 1)) for i in range(MAX_ROWS)}
    return sorted(spread | {k for k in keep if 0 <= k < count})


def bar(fraction: float, width: int = 16) -> str:
    """A gauge of ``width`` characters filled to ``fraction`` (0 to 1), in eighths of a character."""
    eighths = round(8 * width * max(0.0, min(1.0, fraction)))
    filled = "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
    return filled + "░" * (width - len(filled))
