"""What the threshold subcommands share: finishing a run (figure, JSON or tables) and table helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from emergence import render
from emergence.cli._common import emit, seed_note
from emergence.i18n import common
from emergence.results import Result

MAX_ROWS = 13  # rows of a long table shown (the JSON has them all)


def finish(name: str, result: Result, *, params: dict[str, Any], notes: Iterable[str], language: str, plot: Path | None,
           json_out: bool, seed: int | None, used_seed: int | None, figure: str, tables: Callable[[Any, str, bool], None],
           look: Mapping[str, str] | None = None, detail: bool = False) -> None:
    """Draw the figure (``figure``, a builder of :mod:`emergence.plotting`, called with the keyword arguments ``look``:
    style and aspect), then print the JSON envelope or the tables (``tables(result, language, detail)``: the technical
    rows only with ``detail``).

    A run that drew with the default seed says so: on stderr before the tables, or as the last JSON note.
    """
    if plot is not None:
        from emergence import plotting

        plotting.save_figure(getattr(plotting, figure)(result, language, **(look or {})), plot)
    said_seed = seed_note(seed, used_seed, language)
    if json_out:
        emit(f"threshold {name}", params, result, seed=used_seed, notes=[*notes, *([said_seed] if said_seed else [])])
        return
    if said_seed is not None:
        render.message(said_seed)
    tables(result, language, detail)
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
