"""A synthetic results table from the toolkit's own models, for trying ``emergence analyze`` right away.

Every number is simulated, and the table says so in its ``source`` column. What it holds, per
model family (a different loss scale c for each) and model size:

- ``digits_5`` (hypothesis 2): answers of 5 tokens, each right with p(N) = exp(-(N/c)^alpha)
  (:func:`emergence.scaling.schaeffer`), on ``items`` test items. The *same* simulated outputs
  are scored twice: ``exact_match`` (all 5 tokens right) and ``token_accuracy`` (the share of
  tokens right). Exact match jumps; token accuracy climbs.
- ``chain_4`` (hypothesis 1): a task of 4 steps, each right with the same p(N); scored
  ``exact_match`` (all steps) and ``steps_right`` (share of steps right), again on the same outputs.
- ``single_token`` (control): one token, p(N) itself: smooth under every metric.

Items are independent; tokens and steps within an item are independent (Schaeffer's own
simplification). Each (family, size, task) draws its own outputs from ``rng``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from emergence import _validate as check
from emergence.results import Result
from emergence.scaling import schaeffer

FAMILIES = {"alpha": 1e9, "beta": 3e9, "gamma": 1e10}
SIZES = (7e7, 1.6e8, 4.1e8, 1e9, 1.4e9, 2.8e9, 6.9e9, 1.2e10, 3e10, 7e10)
TASKS = {"digits_5": (5, "token_accuracy"), "chain_4": (4, "steps_right"), "single_token": (1, "token_accuracy")}
ALPHA = -0.5
SOURCE = "synthetic: emergence simulate (not real model results)"
MAX_ITEMS = 100_000


@dataclass(frozen=True)
class Row(Result):
    model: str
    family: str
    params: float
    task: str
    metric: str
    score: float
    n_items: int
    source: str = SOURCE


@dataclass(frozen=True)
class SyntheticTable(Result):
    rows: tuple[Row, ...]
    items: int

    COLUMNS = ("model", "family", "params", "task", "metric", "score", "n_items", "source")


def _name(family: str, size: float) -> str:
    value, unit = (size / 1e9, "b") if size >= 1e9 else (size / 1e6, "m")
    return f"{family}-{value:g}{unit}"


def simulate(items: int = 200, rng: np.random.Generator | int | None = None) -> SyntheticTable:
    """Simulate the table (see the module docstring) with ``items`` test items per task and model."""
    items = check.positive_int("items", items, maximum=MAX_ITEMS)
    rng = np.random.default_rng(rng)
    rows: list[Row] = []
    for family, c in FAMILIES.items():
        for size in SIZES:
            p = float(schaeffer(size, c, ALPHA))
            name = _name(family, size)
            for task, (length, partial) in TASKS.items():
                right = rng.random((items, length)) < p
                exact = float(right.all(axis=1).mean())
                share = float(right.mean())
                rows.append(Row(name, family, size, task, "exact_match", exact, items))
                if length > 1:
                    rows.append(Row(name, family, size, task, partial, share, items))
    return SyntheticTable(tuple(rows), items)


def to_csv(table: SyntheticTable) -> str:
    """The table as CSV text (scores with 6 decimals, sizes as plain numbers)."""
    lines = [",".join(SyntheticTable.COLUMNS)]
    for r in table.rows:
        lines.append(f"{r.model},{r.family},{r.params:.0f},{r.task},{r.metric},{r.score:.6f},{r.n_items},{r.source}")
    return "\n".join(lines) + "\n"
