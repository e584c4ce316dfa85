"""``emergence simulate``: a synthetic results table from the toolkit's own models, to try ``analyze`` on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emergence import render
from emergence import synthetic as core
from emergence.cli._common import JsonFlag, SeedOption, check_output, emit, resolve_seed
from emergence.i18n import common

app = typer.Typer()


@app.command()
def simulate(
    out: Annotated[Path | None, typer.Option("--out", metavar="FILE", help="Write the table to FILE (.csv); without it, print it on stdout.")] = None,
    items: Annotated[int, typer.Option("--items", min=1, max=core.MAX_ITEMS, help="Test items per task and model (the resolution is 1/items).")] = 200,
    seed: SeedOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Write a SYNTHETIC results table (three model families, ten sizes, tasks scored by exact match and by partial
    credit on the same simulated outputs) in the long form `emergence analyze` reads.

    Example: emergence simulate --seed 0 --out results.csv && emergence analyze results.csv
    """
    out = check_output("--out", out, (".csv",))
    rng, used_seed = resolve_seed(seed)
    if seed is None and not json_out:
        render.message(common.T("seed", "en", seed=used_seed))
    table = core.simulate(items, rng)
    text = core.to_csv(table)
    if out is not None:
        from emergence._files import write_atomic

        write_atomic(out, text.encode("utf-8"))
    if json_out:
        emit("simulate", {"out": out, "items": items, "seed": seed}, table, seed=used_seed,
             notes=["synthetic data from the toolkit's own models, not real model results"])
    elif out is None:
        render.write(text)
    else:
        render.message(f"synthetic table written to {out} ({len(table.rows)} rows)")
