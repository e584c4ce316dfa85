"""``emergence report``: the lesson and live sliders as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emergence import render
from emergence.cli._common import Command, JsonFlag, LangOption, SeedOption, bad, check_output, emit, resolve_seed, seed_note
from emergence.i18n import default_language
from emergence.i18n.report import T

HELP = ("Write the lesson as one self-contained HTML page (no network: inline figures, data and script) with live sliders "
        "for the three hypotheses. Example: emergence report --lang zh --out lesson.html")

app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(" (", 1)[0])
def report(
    out: Annotated[Path, typer.Option("--out", metavar="FILE", show_default=False,
                                      help="Write the page to FILE (.html or .htm).")],
    seed: SeedOption = None,
    json_out: JsonFlag = False,
    lang: LangOption = None,
) -> None:
    """``emergence report``: see ``HELP``."""
    language = lang.value if lang else default_language()
    if out.name.lower() in (".html", ".htm"):
        # Path(".html").suffix is "": check_output would say that ".html" does not end in .html
        raise bad("--out", f"{str(out)!r} has no name before its extension; give one, e.g. lesson.html")
    check_output("--out", out, (".html", ".htm"))
    _, used_seed = resolve_seed(seed)
    from emergence import report_page
    from emergence._files import write_atomic

    page = report_page.render(language, used_seed)
    data = page.html.encode("utf-8")
    write_atomic(out, data)
    if json_out:
        # one note on the seed: the default one, or (a seed the user chose) what it is used for
        notes = [seed_note(seed, used_seed, "en") or T("note_seed", "en", seed=used_seed)]
        emit("report", {"out": out, "seed": used_seed, "lang": language, "json": json_out}, page.summary(str(out), len(data)),
             seed=used_seed, notes=notes)
        return
    if (said := seed_note(seed, used_seed, language)) is not None:
        render.message(said)
    render.message(T("written", language, path=out, size=f"{len(data) / 1024:.0f}"))
