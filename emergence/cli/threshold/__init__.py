"""``emergence threshold``: hypothesis 3, a capability is "there" when a smooth curve crosses a level.

A command group with one subcommand per model (:mod:`emergence.thresholds`), each with only its
own options: ``dimensions`` (the blog's bullet example, also what ``emergence threshold`` runs
alone or with options but no subcommand), ``observers``, ``quanta`` and ``composition``. Each
subcommand lives in its own module with a one-command Typer ``app``, imported only when it runs
(or when help lists them), so ``emergence threshold --json`` pays for the bullet example alone.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

from emergence.cli._common import bad

SUBCOMMANDS = {name: f"emergence.cli.threshold.{name}" for name in ("dimensions", "observers", "quanta", "composition")}
DEFAULT = "dimensions"


class _ThresholdGroup(TyperGroup):
    """The four models as lazily loaded subcommands; without one, ``dimensions`` runs (``threshold --json``)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in SUBCOMMANDS:
            return None
        return typer.main.get_command(importlib.import_module(SUBCOMMANDS[name]).app)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] in ("-m", "--model"):
            raise bad(args[0], "the models are subcommands now: emergence threshold dimensions|observers|quanta|composition")
        if not args or (args[0] not in SUBCOMMANDS and args[0] not in ctx.help_option_names):
            args = [DEFAULT, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_ThresholdGroup, name="threshold", add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})


@app.callback()
def threshold() -> None:
    """A capability is "there" when a smooth curve crosses a level set by human judgement. Without a subcommand: the bullet example (dimensions)."""
