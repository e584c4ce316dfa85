"""``emergence simulate``: a synthetic results table from the toolkit's own models, to try ``analyze`` on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emergence import render
from emergence import synthetic as core
from emergence.cli._common import Command, JsonFlag, LangOption, SeedOption, check_output, emit, resolve_seed, seed_note
from emergence.i18n import common, default_language

app = typer.Typer()


@app.command(cls=Command)
def simulate(
    out: Annotated[Path | None, typer.Option("--out", metavar="FILE", help="Write the table to FILE (.csv); without it, print it on stdout.")] = None,
    items: Annotated[int, typer.Option("--items", min=1, max=core.MAX_ITEMS, help="Test items per task and model (the resolution is 1/items).")] = 200,
    seed: SeedOption = None,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """Write a SYNTHETIC results table (three model families, ten sizes, tasks scored by exact match and by partial
    credit on the same simulated outputs) in the long form `emergence analyze` reads.

    Example: emergence simulate --out results.csv && emergence analyze results.csv
    (the default seed gives examples/synthetic_results.csv).
    """
    language = lang.value if lang else default_language()
    out = check_output("--out", out, (".csv",))
    rng, used_seed = resolve_seed(seed)
    said_seed = seed_note(seed, used_seed, language)
    if said_seed is not None and not json_out:
        render.message(said_seed)
    table = core.simulate(items, rng)
    text = core.to_csv(table)
    if out is not None:
        from emergence._files import write_atomic

        write_atomic(out, text.encode("utf-8"))
    if json_out:
        notes = [common.T("synthetic", "en")]
        if (said := seed_note(seed, used_seed, "en")) is not None:
            notes.append(said)
        emit("simulate", {"out": out, "items": items, "seed": used_seed, "lang": language}, table, seed=used_seed, notes=notes)
    elif out is None:
        render.write(text)
    else:
        render.message(common.T("csv_written", language, path=out, rows=len(table.rows)))
