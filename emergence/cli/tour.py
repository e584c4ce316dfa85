"""``emergence tour``: the blog's argument as a lesson, one step at a time, every number computed as it runs.

The lesson itself is :func:`emergence.tour.lesson`; its figures are
:func:`emergence.plotting.tour.step_figure`. This module parses the options, checks the output
directory before any work, and shows each step as a rich panel (title, paragraphs, tables and the
command that reproduces its figure), waiting for Enter between steps with ``--step`` when both
standard input and output are a terminal.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from emergence import render
from emergence.cli._common import Command, JsonFlag, LangOption, SeedOption, SlideAspect, bad, emit
from emergence.i18n import common, default_language
from emergence.i18n.tour import CLI

if TYPE_CHECKING:
    from rich.console import Console

    from emergence.tour import Step

app = typer.Typer()


@app.command(cls=Command, help=CLI("help", "en"), short_help=CLI("help", "en").split(":", 1)[0])
def tour(
    lang: LangOption = None,
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR", show_default=False, help=CLI("help_out", "en"))] = None,
    step: Annotated[bool, typer.Option("--step", help=CLI("help_step", "en"))] = False,
    slides: Annotated[bool, typer.Option("--slides", help=CLI("help_slides", "en"))] = False,
    aspect: Annotated[SlideAspect | None, typer.Option("--aspect", show_default=False, help=CLI("help_aspect", "en"))] = None,
    seed: SeedOption = None,
    json_out: JsonFlag = False,
) -> None:
    from emergence import tour as core

    language = lang.value if lang else default_language()
    if slides and out is None:
        raise bad("--slides", CLI("slides_need_out", language))
    if aspect is not None and not slides:
        raise bad("--aspect", CLI("aspect_needs_slides", language))
    if step and json_out:
        raise bad("--step", CLI("step_json", language))
    directory = _output_directory(out, language)
    used_seed = core.DEFAULT_SEED if seed is None else seed
    waiting = step and _interactive()
    if not json_out:
        if seed is None:
            render.message(CLI("seed", language, seed=used_seed))
        if step and not waiting:
            render.message(CLI("no_terminal", language))

    with _busy(CLI("computing", language), enabled=not json_out):
        lesson = core.lesson(language, seed=used_seed)
    written: list[Path] = []
    console = None if json_out else _console()
    for index, item in enumerate(lesson.steps, start=1):
        path = _write_figure(item, index, directory, language, slides, aspect.value if aspect else "16:9") \
            if directory is not None else None
        if path is not None:
            written.append(path)
        if console is None:
            continue
        _show(console, item, index, len(lesson.steps), path, language)
        if waiting and index < len(lesson.steps) and not _wait(console, language):
            break
    if json_out:
        params: dict[str, Any] = {"lang": language, "out": directory, "step": step, "slides": slides,
                                  "aspect": aspect.value if aspect else None, "seed": used_seed, "json": True}
        notes = [CLI("seed", "en", seed=used_seed)] if seed is None else []
        notes += [common.T("plot", "en", path=p) for p in written]
        emit("tour", params, lesson, seed=used_seed, notes=notes)
        return
    if directory is not None:
        render.message(CLI("written", language, n=len(written), dir=directory))


def _output_directory(out: Path | None, lang: str) -> Path | None:
    """``--out DIR``: created if missing, refused when it is a file or cannot be written (before any work)."""
    if out is None:
        return None
    if out.exists() and not out.is_dir():
        raise bad("--out", CLI("out_file", lang, path=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise bad("--out", CLI("out_create", lang, path=out, why=exc.strerror or exc)) from None
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise bad("--out", CLI("out_write", lang, path=out, why=exc.strerror or exc)) from None
    return out


def _interactive() -> bool:
    """True when both standard input and output are a terminal: only then does ``--step`` wait."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class _busy:
    """A spinner on standard error while the lesson is computed, on a terminal only."""

    def __init__(self, text: str, *, enabled: bool) -> None:
        self.text = text
        self.enabled = enabled and sys.stderr.isatty()
        self.status: Any = None

    def __enter__(self) -> None:
        if self.enabled:
            from rich.console import Console

            self.status = Console(stderr=True).status(self.text)
            self.status.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _write_figure(item: Step, index: int, directory: Path, lang: str, slides: bool, aspect: str) -> Path | None:
    """The step's figure (a slide of ``aspect`` with ``--slides``) written atomically as DIR/NN-key.png; None for a step without one."""
    from emergence.plotting import save_figure
    from emergence.plotting.tour import step_figure
    from emergence.tour import figure_name

    figure = step_figure(item, lang, style="slide" if slides else "paper", aspect=aspect)
    if figure is None:
        return None
    return save_figure(figure, directory / figure_name(index, item))


def _show(console: Console, item: Step, index: int, total: int, path: Path | None, lang: str) -> None:
    """One step as a panel: its paragraphs, its tables, the command that draws its figure, the figure written."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    width = max(20, console.width - 2 - 2 * PADDING)  # inside the border and the padding

    def words(text: str, style: str = "") -> Text:
        return Text(wrap_cjk(text, width) if lang == "zh" else text, style=style)

    parts: list[Any] = []
    for paragraph in item.paragraphs:
        parts += [words(paragraph), Text("")]
    for table in item.tables:
        shown = Table(title=words(table.title, "bold"), title_justify="left")
        for i, column in enumerate(table.columns):
            shown.add_column(Text(column), justify="left" if i == 0 else "right", overflow="fold")
        for row in table.rows:
            shown.add_row(*(Text(cell) for cell in row))
        parts.append(shown)
        if table.caption:
            parts.append(words(table.caption, "dim"))
        parts.append(Text(""))
    label = CLI("reproduce", lang)
    parts.append(Text.assemble((label, "bold"), "" if label.endswith("：") else " ", (item.command, "cyan")))
    if path is not None:
        parts.append(Text(CLI("figure", lang, path=path)))
    title = Text(f"{CLI('step', lang, i=index, n=total)} · {item.title}", style="bold")
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(1, PADDING)))


def _answer() -> str:
    """One line from standard input ("" at its end)."""
    return sys.stdin.readline()


PADDING = 2  # columns between a panel's border and its text
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKENS = re.compile(rf"[{_WIDE}“”‘’]|[^\s{_WIDE}“”‘’]+|\s+")
_NO_START = set("，。：；、！？）》」』”’%,.:;!?)")
_NO_END = set("（《「『“‘(")


def wrap_cjk(text: str, width: int) -> str:
    """Chinese text broken into lines of at most ``width`` terminal cells: between any two Chinese
    characters and between words, never before closing punctuation nor after opening punctuation
    (rich breaks only at spaces, which Chinese does not have).

    >>> print(wrap_cjk("模型规模从 125M 到 175B，共八档。", 12))
    模型规模从
    125M 到
    175B，共八
    档。
    """
    from rich.cells import cell_len

    lines: list[list[str]] = [[]]
    used = 0
    for token in _TOKENS.findall(text):
        size = cell_len(token)
        line = lines[-1]
        if token.isspace():
            if line:
                line.append(token)
                used += size
            continue
        if line and used + size > width:
            carried: list[str] = []
            if token[0] in _NO_START and line:  # keep the character before a closing mark with it
                carried.append(line.pop())
            while line and (line[-1].isspace() or line[-1][-1] in _NO_END):
                mark = line.pop()
                if not mark.isspace():
                    carried.insert(0, mark)
            if line:
                lines.append([*carried])
                used = sum(cell_len(t) for t in carried)
            else:
                line.extend(carried)
            line = lines[-1]
        line.append(token)
        used += size
    return "\n".join("".join(line).rstrip() for line in lines)


def _wait(console: Console, lang: str) -> bool:
    """Wait for Enter: True to go on; False on q or end of input; Ctrl-C ends the program (status 130)."""
    from rich.text import Text

    console.print(Text(CLI("prompt", lang), style="dim"), end=" ")
    try:
        answer = _answer()
    except KeyboardInterrupt:
        console.print()
        raise typer.Exit(130) from None
    if not answer:  # end of input (Ctrl-D)
        console.print()
        return False
    return answer.strip().lower() not in ("q", "quit", "exit")

