"""The Typer application object, lazy loading of the commands, and the error handling they share.

Each command lives in its own module with its own one-command Typer app; the group imports a
command's module only when that command runs (or when help lists them all), so start-up pays
for one command, not for every option of every command.

Usage errors (a bad option value, an unknown option, a core ``ParameterError``) end the program
with exit status 2 and one line on stderr that names the option; there is no traceback.
Exit status 1 is left for real failures.

Language: before parsing, the run's language is settled once (:func:`_settle_language`):
``--lang`` anywhere on the command line, else the environment
(:func:`emergence.i18n.resolve_language`); an ``EMERGENCE_LANG`` that is neither English nor
Chinese is refused there, with exit status 2 and one line, before any command runs. In Chinese,
help (every command's ``--help``, with Typer's headings) and error lines are Chinese
(:mod:`emergence.i18n.help`, :mod:`emergence.i18n.errors`, both imported only then).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from emergence._validate import ParameterError
from emergence.i18n import LanguageError, resolve_language

# Typer vendors Click since 0.26 and used the click package before: find the base class either way.
_ClickException: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


_display_type = TyperOption.display_type_rich
_argument_type = TyperArgument.display_type_rich


_TYPE_NAMES_ZH = {"<str>": "<文本>", "<int>": "<整数>", "<float>": "<数>", "<int range>": "<整数>", "<float range>": "<数>",
                  "<path>": "<路径>", "<name>": "<名字>"}
# Typer names a list option by its Python type (<list[str]>); the help shows what one value is.
_LIST_TYPES = {"str": "<name>", "Path": "<path>", "int": "<int>", "float": "<float>"}


def _type_shown(shown: str | None) -> str | None:
    """A type as help shows it: ``<list[X]>`` as one value of X, and in Chinese under zh."""
    if shown is None:
        return None
    listed = re.fullmatch(r"<list\[(\w+)\]>", shown)
    if listed is not None:
        shown = _LIST_TYPES.get(listed[1], f"<{listed[1].lower()}>")
    return _TYPE_NAMES_ZH.get(shown, shown) if _language == "zh" else shown


def _flag_has_no_type(self: TyperOption, ctx: Any) -> str | None:
    """``--json`` is a flag: show no ``<bool>`` in help as if it took a value. Type names in Chinese under zh."""
    if self.is_flag and self.metavar is None:
        return None
    return _type_shown(_display_type(self, ctx))


def _argument_type_shown(self: TyperArgument, ctx: Any) -> str | None:
    return _type_shown(_argument_type(self, ctx))


TyperOption.display_type_rich = _flag_has_no_type  # type: ignore[method-assign]
TyperArgument.display_type_rich = _argument_type_shown  # type: ignore[method-assign, assignment]

_range_help = getattr(TyperOption, "_get_number_range_help_str", None)


def _short_range(self: Any) -> str | None:
    """An option's range for help; a bound 2**n - 1 (the seed's 2**128 - 1) as "x<2^n", not 39 digits."""
    text = _range_help(self) if _range_help is not None else None
    top, low = getattr(self, "max", None), getattr(self, "min", None)
    if text and isinstance(top, int) and top >= 2**32 and (top + 1) & top == 0:
        text = ("" if low is None else f"{low}<=") + f"x<2^{top.bit_length()}"
    return text


if _range_help is not None:  # Typer 0.26+; older Typer lets Click describe ranges
    TyperOption._get_number_range_help_str = _short_range  # type: ignore[method-assign]

# Typer gives every app it turns into a command the shell-completion options; they belong to the program only.
COMPLETION_PARAMS = ("install_completion", "show_completion")


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


_language = "en"  # the language of the run in progress (help and error lines), set by _settle_language


def _lang_option(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` on the command line (the last one; ``en`` or ``zh`` only), else None."""
    found = None
    items = iter(args)
    for arg in items:
        if arg == "--":
            break
        if arg == "--lang":
            found = next(items, None)
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in ("en", "zh") else None


def _settle_language(args: Sequence[str], *, fail: bool = True) -> None:
    """Set the run's language from ``--lang`` or the environment; refuse an unknown ``EMERGENCE_LANG``.

    The environment is checked even when ``--lang`` is given, so a wrong ``EMERGENCE_LANG`` is
    reported at once rather than by whichever command reads it later.
    """
    global _language
    _language = "en"
    try:
        choice = resolve_language()
    except LanguageError as exc:
        if not fail:
            raise
        # said in the locale's language: the one setting the user did not get wrong
        _language = resolve_language(environ={k: v for k, v in os.environ.items() if k != "EMERGENCE_LANG"}).language
        _fail(str(exc))
    _language = _lang_option([str(a) for a in args]) or choice.language


def _in_chinese(command: Any, path: str) -> None:
    """Put the Chinese help on ``command`` (at ``path``: ``"emergence"``, ``"compound"``, ``"threshold quanta"``).

    The command's and its options' help texts come from :mod:`emergence.i18n.help` (where the
    catalog has them for the English shown); the usage line, the help option and Typer's headings
    are made Chinese when help is drawn; a group's subcommands get the same when they are looked up.
    """
    from emergence.i18n import help as zh

    text = zh.command_help(path, command.help)
    if text is not None:
        command.help = text
        command.short_help = zh.short(text)
    for param in command.params:
        text = zh.option_help(path, param)
        if text is not None:
            param.help = text
        if isinstance(getattr(param, "show_default", None), str):
            param.show_default = zh.default_text(param.show_default)
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = zh.OPTIONS_METAVAR
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = zh.SUBCOMMAND_METAVAR
    get_help_option, format_help = command.get_help_option, command.format_help

    def help_option(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None:
            option.help = zh.option_help(path, option) or option.help
        return option

    def usage(ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), prefix=zh.USAGE)

    def help_page(ctx: Any, formatter: Any) -> None:
        with _typer_headings(zh.HEADINGS):
            format_help(ctx, formatter)

    command.get_help_option, command.format_usage, command.format_help = help_option, usage, help_page
    if path != "emergence" and hasattr(command, "get_command"):  # a group of its own (threshold)
        get_command = command.get_command

        def subcommand(ctx: Any, name: str) -> Any:
            found = get_command(ctx, name)
            if found is not None:
                _in_chinese(found, f"{path} {name}")
            return found

        command.get_command = subcommand


# Where a line of Chinese may break: after any character (closing punctuation stays with the one before,
# opening punctuation with the one after); Latin words and numbers are kept whole, as rich does.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
CHINESE_WORD = rf"\s*[（“‘《「【]*(?:[{_WIDE}]|[^\s{_WIDE}]+)[，。、；：？！）”’》」】]*\s*"


@contextlib.contextmanager
def _typer_headings(texts: dict[str, str]) -> Iterator[None]:
    """While help is drawn: Typer's rich-help headings ("Options", "[default: ...]") replaced by
    ``texts``, and rich's line breaking taught that Chinese breaks between characters (it breaks at
    spaces only, and would cut a long Chinese sentence off with an ellipsis)."""
    from rich import _wrap
    from rich.cells import cell_len
    from rich.text import Text
    from typer import rich_utils

    def rstrip_end(self: Any, size: int) -> None:  # rich's own counts characters, not cells: 2 per Chinese character
        excess = cell_len(self.plain) - size
        trailing = len(self.plain) - len(self.plain.rstrip())
        if excess > 0 and trailing:
            self.right_crop(min(trailing, excess))

    saved = {name: getattr(rich_utils, name) for name in texts if hasattr(rich_utils, name)}
    word, strip = getattr(_wrap, "re_word", None), Text.rstrip_end
    try:
        for name in saved:
            setattr(rich_utils, name, texts[name])
        if word is not None:
            _wrap.re_word = re.compile(CHINESE_WORD)
        Text.rstrip_end = rstrip_end  # type: ignore[method-assign]
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)
        if word is not None:
            _wrap.re_word = word
        Text.rstrip_end = strip  # type: ignore[method-assign]


def _without_completion(command: Any) -> None:
    """Drop Typer's shell-completion options from ``command`` and, for a group, from each subcommand it looks up."""
    command.params = [p for p in command.params if p.name not in COMPLETION_PARAMS]
    if hasattr(command, "get_command"):
        get_command = command.get_command

        def subcommand(ctx: Any, name: str) -> Any:
            found = get_command(ctx, name)
            if found is not None:
                _without_completion(found)
            return found

        command.get_command = subcommand


class _LazyCommands(MutableMapping):
    """The group's command table; a command's module is imported the first time it is looked up."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            module = importlib.import_module(self._modules[name])
            command = typer.main.get_command(module.app)
            _without_completion(command)
            if _language == "zh":
                _in_chinese(command, name)
            self._loaded[name] = command
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
        _settle_language(sys.argv[1:] if args is None else args, fail=standalone_mode)
        if _language == "zh":
            _in_chinese(self, "emergence")
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
            _fail(_in_our_words(exc, sys.argv[1:] if args is None else list(args)), where=where, code=exc.exit_code)
        except typer.Abort:
            sys.stderr.write(("已中止" if _language == "zh" else "Aborted!") + "\n")
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


_BOUND = re.compile(r"Input should be (?P<side>greater|less) than(?P<eq> or equal to)? (?P<x>\S+)")
_BOUND_WORDS = {("greater", True): "must be at least", ("greater", False): "must be greater than",
                ("less", True): "must be at most", ("less", False): "must be less than"}


def _given(opts: Sequence[str], args: Sequence[str]) -> str | None:
    """The value the command line gave the option named ``opts`` (its last use), or None."""
    found = None
    items = iter(str(a) for a in args)
    for arg in items:
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if name in opts and name.startswith("--"):
            found = value if eq else next(items, None)
        elif arg in opts:
            found = next(items, None)
    return found


def _in_our_words(exc: Any, args: Sequence[str]) -> str:
    """A usage error's message; a bound Typer (Pydantic) states as "Input should be greater than or
    equal to 1" is said as the toolkit's own messages say it: "must be at least 1, got 0"."""
    text = str(exc.format_message())
    param, detail = getattr(exc, "param", None), str(getattr(exc, "message", ""))
    match = _BOUND.fullmatch(detail)
    if param is None or match is None or detail not in text:
        return text
    ours = f"{_BOUND_WORDS[match['side'], bool(match['eq'])]} {match['x']}"
    value = _given(getattr(param, "opts", []), args)
    if value is not None:
        ours += f", got {value!r}" if not value.strip() else f", got {value}"
    return text.replace(detail, ours)


def _fail(text: str, *, where: str = "emergence", code: int = 2) -> NoReturn:
    line = f"{where}: error: {_one_line(text)}"
    if _language == "zh":
        from emergence.i18n import errors

        line = f"{where}: {errors.FRAME}{errors.translate(_one_line(text))}"
    try:
        sys.stderr.write(line + "\n")
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
