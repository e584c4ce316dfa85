"""The Typer application object, lazy loading of the commands, and the error handling they share.

Each command lives in its own module with its own one-command Typer app; the group imports a
command's module only when that command runs (or when help lists them all), so start-up pays
for one command, not for every option of every command.

Usage errors (a bad option value, an unknown option, a core ``ParameterError``) end the program
with exit status 2 and one line on stderr that names the option; there is no traceback.
Exit status 1 is left for real failures.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

from emergence._validate import ParameterError

# Typer vendors Click since 0.26 and used the click package before: find the base class either way.
_ClickException: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


_display_type = TyperOption.display_type_rich


def _flag_has_no_type(self: TyperOption, ctx: Any) -> str | None:
    """``--json`` is a flag: show no ``<bool>`` in help as if it took a value."""
    if self.is_flag and self.metavar is None:
        return None
    return _display_type(self, ctx)


TyperOption.display_type_rich = _flag_has_no_type  # type: ignore[method-assign]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# command name -> module defining a Typer app with that one command
COMMANDS = {
    "compound": "emergence.cli.compound",
    "metric": "emergence.cli.metric",
    "threshold": "emergence.cli.threshold",
    "analyze": "emergence.cli.analyze",
    "simulate": "emergence.cli.simulate",
    "tour": "emergence.cli.tour",
    "report": "emergence.cli.report",
    "doctor": "emergence.cli.doctor",
}


class _LazyCommands(MutableMapping):
    """The group's command table; a command's module is imported the first time it is looked up."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            module = importlib.import_module(self._modules[name])
            self._loaded[name] = typer.main.get_command(module.app)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._modules.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


class EmergenceGroup(TyperGroup):
    """A Typer group that loads its commands lazily and reports usage errors on one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(COMMANDS)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,  # type: ignore[override]
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
        except ParameterError as exc:  # raised outside a command's invoke (e.g. in a callback)
            _fail(f"Invalid value for --{exc.name.replace('_', '-')}: {exc.message}")
        except MemoryError:
            _fail("out of memory; choose smaller sizes or counts", code=1)
        except OSError as exc:
            what = exc.filename if getattr(exc, "filename", None) else "the output"
            _fail(f"cannot write {what}: {exc.strerror or exc}", code=1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        # A core module refused a value: report it as a usage error of the command's option.
        try:
            return super().invoke(ctx)
        except ParameterError as exc:
            where = f"{ctx.command_path} {ctx.invoked_subcommand or ''}".strip()
            _fail(f"Invalid value for --{exc.name.replace('_', '-')}: {exc.message}", where=where)


def _fail(text: str, *, where: str = "emergence", code: int = 2) -> None:
    try:
        sys.stderr.write(f"{where}: error: {_one_line(text)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(code)


app = typer.Typer(
    cls=EmergenceGroup,
    name="emergence",
    help="Did this ability of a language model really emerge, or is the jump an artefact? "
    "Models, simulations and plots of three explanations: multi-step tasks (compound), "
    "metric choice and test-set size (metric) and thresholds on smooth curves (threshold); "
    "the three as tests on real benchmark results (analyze), and a synthetic table to try them on (simulate).",
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
