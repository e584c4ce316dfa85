"""The Typer application object and the error handling every command shares.

Usage errors (a bad option value, an unknown option, a core ``ParameterError``) end the program
with exit status 2 and one line on stderr that names the option; there is no traceback.
Exit status 1 is left for real failures.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from emergence._validate import ParameterError

# Typer vendors Click since 0.26 and used the click package before: find the base class either way.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class EmergenceGroup(TyperGroup):
    """A Typer group that reports usage errors on one line instead of a usage block."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            if ctx is not None and type(exc).__name__ == "NoArgsIsHelpError":
                text = exc.format_message()  # rich help is already printed; plain help is returned
                if text.strip():
                    sys.stdout.write(text + "\n")
                sys.exit(0)
            where = ctx.command_path if ctx is not None else "emergence"
            _fail(exc.format_message(), where=where, code=exc.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        # A core module refused a value: report it as a usage error of the command's option.
        try:
            return super().invoke(ctx)
        except ParameterError as exc:
            where = f"{ctx.command_path} {ctx.invoked_subcommand or ''}".strip()
            _fail(f"Invalid value for --{exc.name.replace('_', '-')}: {exc.message}", where=where)


def _fail(text: str, *, where: str = "emergence", code: int = 2) -> None:
    sys.stderr.write(f"{where}: error: {_one_line(text)}\n")
    sys.exit(code)


app = typer.Typer(
    cls=EmergenceGroup,
    name="emergence",
    help="Did this ability of a language model really emerge, or is the jump an artefact? "
    "Models, simulations and plots of three explanations: multi-step tasks (compound), "
    "metric choice and test-set size (metric) and thresholds on smooth curves (threshold).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from emergence import __version__

        sys.stdout.write(f"emergence {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Did this ability of a language model really emerge, or is the jump an artefact?"""
