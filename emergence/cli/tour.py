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
from emergence.cli._common import Command, JsonFlag, LangOption, SeedOption, SlideAspect, bad, check_output, emit, seed_note
from emergence.i18n import common, default_language
from emergence.i18n.tour import CLI

if TYPE_CHECKING:
    from rich.console import Console

    from emergence.tour import Step

app = typer.Typer()


@app.command(cls=Command, help=CLI("help", "en"), short_help=CLI("help", "en").split(":", 1)[0])
def tour(
    lang: LangOption = None,
    out_text: Annotated[str | None, typer.Option("--out", metavar="DIR", show_default=False, help=CLI("help_out", "en"))] = None,
    step: Annotated[bool, typer.Option("--step", help=CLI("help_step", "en"))] = False,
    slides: Annotated[bool, typer.Option("--slides", help=CLI("help_slides", "en"))] = False,
    aspect: Annotated[SlideAspect | None, typer.Option("--aspect", show_default=False, help=CLI("help_aspect", "en"))] = None,
    only: Annotated[str | None, typer.Option("--only", metavar="KEY[,KEY...]", show_default=False,
                                             help=CLI("help_only", "en"))] = None,
    seed: SeedOption = None,
    json_out: JsonFlag = False,
) -> None:
    from emergence import tour as core

    language = lang.value if lang else default_language()
    keys = _only(only, language)
    if out_text is not None and not out_text.strip():
        raise bad("--out", CLI("out_empty", language))
    out = Path(out_text) if out_text is not None else None
    if slides and out is None:
        raise bad("--slides", CLI("slides_need_out", language))
    if aspect is not None and not slides:
        raise bad("--aspect", CLI("aspect_needs_slides", language))
    if step and json_out:
        raise bad("--step", CLI("step_json", language))
    directory = _output_directory(out, language, keys)
    used_seed = core.DEFAULT_SEED if seed is None else seed
    waiting = step and _interactive()
    note = seed_note(seed, used_seed, language)
    if not json_out:
        if note is not None:
            render.message(note)
        if step and not waiting:
            render.message(CLI("no_terminal", language))

    shape = aspect.value if aspect else "16:9"
    figures = core.Figures(str(out) if out is not None else None, slides, shape)
    with _busy(CLI("computing", language), enabled=not json_out):
        if keys == core.STEP_KEYS:
            steps = core.lesson(language, seed=used_seed, figures=figures).steps
        else:
            steps = tuple(core.step(key, language, seed=used_seed, figures=figures) for key in keys)
        lesson = core.Lesson(language, used_seed, steps)
    written: list[Path] = []
    console = None if json_out else _console()
    for shown, item in enumerate(lesson.steps, start=1):
        index = core.STEP_KEYS.index(item.key) + 1
        path = _write_figure(item, index, directory, language, slides, shape) if directory is not None else None
        if path is not None:
            written.append(path)
        if console is None:
            continue
        _show(console, item, index, len(core.STEP_KEYS), path, language)
        if waiting and shown < len(lesson.steps) and not _wait(console, language):
            break
    if json_out:
        params: dict[str, Any] = {"lang": language, "out": directory, "step": step, "slides": slides,
                                  "aspect": aspect.value if aspect else None, "only": list(keys) if only is not None else None,
                                  "seed": used_seed, "json": True}
        en_note = seed_note(seed, used_seed, "en")
        notes = [en_note] if en_note is not None else []
        notes += [common.T("plot", "en", path=p) for p in written]
        emit("tour", params, lesson, seed=used_seed, notes=notes)
        return
    if directory is not None:
        render.message(CLI("written", language, n=len(written), dir=directory))


def _only(text: str | None, lang: str) -> tuple[str, ...]:
    """``--only KEY[,KEY...]``: the steps to run, in the lesson's order (every step without it)."""
    from emergence.tour import STEP_KEYS

    if text is None:
        return STEP_KEYS
    asked = [item.strip() for item in text.split(",")]
    unknown = [item for item in asked if item not in STEP_KEYS]
    if unknown or not asked:
        raise bad("--only", CLI("only_unknown", lang, key=unknown[0] if unknown else text, keys=", ".join(STEP_KEYS)))
    return tuple(key for key in STEP_KEYS if key in asked)


def _output_directory(out: Path | None, lang: str, keys: tuple[str, ...]) -> Path | None:
    """``--out DIR``: created if missing, refused when it is a file or cannot be written, and every
    figure file it will hold checked (name length, not a directory) before any work."""
    from emergence.tour import file_name

    if out is None:
        return None
    try:
        if out.exists() and not out.is_dir():
            raise bad("--out", CLI("out_file", lang, path=out))
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise bad("--out", CLI("out_create", lang, path=out, why=_reason(exc, lang))) from None
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise bad("--out", CLI("out_write", lang, path=out, why=_reason(exc, lang))) from None
    for key in keys:
        check_output("--out", out / file_name(key))
    return out


def _reason(exc: OSError, lang: str) -> str:
    """The operating system's reason for ``exc``, in Chinese under ``lang="zh"`` when it is a known one."""
    from emergence.i18n.errors import OS_REASONS

    why = exc.strerror or str(exc)
    return OS_REASONS.get(why, why) if lang == "zh" else why


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
    from rich.cells import cell_len
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    width = max(20, console.width - 2 - 2 * PADDING)  # inside the border and the padding

    def words(text: str, style: str = "") -> Text:
        return Text(wrap_cjk(text, width), style=style)

    parts: list[Any] = []
    for paragraph in item.paragraphs:
        parts += [words(paragraph), Text("")]
    for table in item.tables:
        shown = Table(title=words(table.title, "bold"), title_justify="left")
        rows = [[_glued(cell) for cell in row] for row in table.rows]
        for i, column in enumerate(table.columns):
            longest = max((cell_len(word) for row in rows for word in row[i].split()), default=1)
            header = wrap_cjk(_glued(column), max(longest, HEADER_CELLS))  # broken where a line may break
            widest = max([longest, *(cell_len(line) for line in header.splitlines())])
            shown.add_column(Text(header), justify="left" if i == 0 else "right", overflow="fold", min_width=widest)
        for row in rows:
            shown.add_row(*(Text(cell) for cell in row))
        parts.append(shown)
        if table.caption:
            parts.append(words(table.caption, "dim"))
        parts.append(Text(""))
    for key, command in (("reproduce", item.command), ("details", item.details)):
        if command:
            label = CLI(key, lang)
            parts.append(Text.assemble((label, "bold"), "" if label.endswith("：") else " ", (command, "cyan")))
    if path is not None:
        parts.append(Text(CLI("figure", lang, path=path)))
    title = Text(f"{CLI('step', lang, i=index, n=total)} · {item.title}", style="bold")
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(1, PADDING)))


def _glued(cell: str) -> str:
    """A table cell with every number joined to its "%" ("7.2 %" -> "7.2%"): a narrow column then
    never puts the unit at the start of a line."""
    return _PERCENT.sub(r"\1%", cell)


_PERCENT = re.compile(r"(\d) %")


def _answer() -> str:
    """One line from standard input ("" at its end)."""
    return sys.stdin.readline()


PADDING = 2  # columns between a panel's border and its text
HEADER_CELLS = 10  # a table's column name is broken into lines of about this many cells
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKENS = re.compile(rf"[{_WIDE}“”‘’]|[^\s{_WIDE}“”‘’]+|\s+")
_NO_START = set("，。：；、！？）》」』”’%,.:;!?)")
_NO_END = set("（《「『“‘(")


def wrap_cjk(text: str, width: int) -> str:
    """Text broken into lines of at most ``width`` terminal cells: between words and between any two
    Chinese characters, never before closing punctuation or a unit ("%", "）", "”", "，"), which stays
    with the word before it, nor after opening punctuation (rich breaks only at spaces, which Chinese
    does not have, and would put "%" at the start of a line).

    >>> print(wrap_cjk("模型规模从 125M 到 175B，共八档。", 12))
    模型规模从
    125M 到
    175B，共八
    档。
    >>> print(wrap_cjk("then come 7 %, 14 %", 11))
    then come
    7 %, 14 %
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
            head = token
            while line and head[0] in _NO_START:  # a closing mark or unit keeps the word before it (and its space)
                while line and line[-1].isspace():
                    carried.insert(0, line.pop())
                if line:
                    head = line.pop()
                    carried.insert(0, head)
            while line and (line[-1].isspace() or line[-1][-1] in _NO_END):
                mark = line.pop()
                if not mark.isspace():
                    carried.insert(0, mark)
            while carried and carried[0].isspace():
                carried.pop(0)
            if line:
                lines.append([*carried])
                used = sum(cell_len(t) for t in carried)
            else:  # nothing left to break before: keep the whole run on this line
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

