"""Terminal output: rich tables, messages on stderr and JSON on stdout.

Rich is imported inside the functions that draw tables, so the ``--json`` path never loads it.
Rich honours ``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb`` and ``COLUMNS`` by itself.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from typing import Any

from emergence.results import to_jsonable


def emit_json(payload: dict[str, Any]) -> None:
    """Write ``payload`` as one JSON object on stdout (no NaN: non-finite numbers become null).

    Chinese and Greek text stay readable where stdout can encode them, and become ``\\u`` escapes
    where it cannot (an ASCII-only terminal), so the JSON is valid either way.
    """
    import json

    text = json.dumps(to_jsonable(payload), ensure_ascii=not _can_encode("中α"), indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def write(text: str) -> None:
    """Plain text on stdout (a CSV table, for instance), as it is."""
    sys.stdout.write(text)
    sys.stdout.flush()


def _can_encode(text: str) -> bool:
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def message(text: str) -> None:
    """A line for the user on stderr (notes, warnings, the seed used)."""
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.stderr.flush()


def print_table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caption: str | None = None,
) -> None:
    """Print a rich table on stdout; the first column is left-aligned, the others right-aligned."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # every string is literal text: a user's "[/]" or "[bold]" is shown, never read as markup
    table = Table(title=Text(title), caption=Text(caption) if caption else None, title_justify="left",
                  caption_justify="left")
    for i, name in enumerate(columns):
        table.add_column(Text(name), justify="left" if i == 0 else "right", overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console(highlight=False).print(table)


def fmt(x: float | None, digits: int = 6) -> str:
    """A number with ``digits`` significant figures; None or NaN as an em dash, infinities by name."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{x:.{digits}g}"


def fmt_size(n: float | None) -> str:
    """A parameter count the way papers and the blog write it: 125M, 1.3B, 175B, 1.2T (3 significant figures).

    >>> [fmt_size(x) for x in (1.25e8, 1.3e9, 1.75e11, 6.71e11, 1.2e12, 7e4, 512)]
    ['125M', '1.3B', '175B', '671B', '1.2T', '70K', '512']
    """
    if n is None or not math.isfinite(n):
        return fmt(n)
    rounded = float(f"{n:.3g}")  # round first: 999.6M is 1B, not 1e+03M
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(rounded) >= scale:
            return f"{float(f'{rounded / scale:.3g}'):g}{suffix}"
    return f"{rounded:g}"


def fmt_percent(x: float | None, digits: int = 6, *, log10: float | None = None) -> str:
    """A fraction shown as a percentage, the way the blog writes it (0.01024 -> '1.024 %').

    A fraction that underflows to 0 but whose ``log10`` is known is shown from it:
    10^-397940 is '10^-397938 %'.

    >>> fmt_percent(0.01024), fmt_percent(0.07776), fmt_percent(0.0, log10=-397940.0086720375)
    ('1.024 %', '7.776 %', '10^-397938 %')
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return fmt(x)
    if x == 0.0 and log10 is not None and math.isfinite(log10):
        return f"10^{log10 + 2:.{digits}g} %"
    return f"{100.0 * x:.{digits}g} %"


def fmt_prob(x: float, log10_value: float | None = None, digits: int = 6) -> str:
    """A probability as fraction and percentage; one that underflows to 0 is shown as 10^log10."""
    if x == 0.0 and log10_value is not None and math.isfinite(log10_value):
        return f"10^{log10_value:.{digits}g}"
    return f"{fmt(x, digits)} ({fmt_percent(x, digits)})"
