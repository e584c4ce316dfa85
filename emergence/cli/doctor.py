"""``emergence doctor``: what this installation runs on, and how to get a Chinese font when there is none.

It is a report, not a check: it ends with status 0 whether a font is found or not, and says
plainly when it is not. The facts come from :func:`emergence.diagnose.diagnose`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import typer

from emergence import render
from emergence.cli._common import Command, JsonFlag, LangOption, emit
from emergence.i18n.doctor import HINTS_ZH, REFUSALS_ZH, T

if TYPE_CHECKING:
    from emergence.diagnose import Diagnosis

HELP = ("Show what this installation runs on: versions, platform, the language and where it comes from, matplotlib's backend, "
        "the Chinese font figures use (and how to install one when there is none) and a browser for the report's test. "
        "Example: emergence doctor --lang zh")

app = typer.Typer()


@app.command(cls=Command, help=HELP, short_help=HELP.split(": ", 1)[0])
def doctor(json_out: JsonFlag = False, lang: LangOption = None) -> None:
    """``emergence doctor``: see ``HELP``."""
    from emergence.diagnose import diagnose

    facts = diagnose(lang.value if lang else None)
    if json_out:
        notes = [] if facts.font_found else ["no Chinese font found: Chinese figures are drawn with English labels"]
        if facts.font.emergence_font_refused is not None:
            notes.insert(0, f"EMERGENCE_FONT={facts.font.emergence_font!r} {facts.font.emergence_font_refused}: not used")
        emit("doctor", {"lang": lang.value if lang else None, "json": json_out}, facts, notes=notes)
        return
    _print(facts, facts.language)


def _cells(text: str) -> int:
    """Width of ``text`` on a terminal: Chinese characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _language_line(facts: Diagnosis, lang: str) -> str:
    if facts.language_source == "default":
        return T("lang_default", lang, lang=facts.language)
    if facts.language_value is None or facts.language_source == "--lang":
        return T("lang_from", lang, lang=facts.language, source=facts.language_source)
    return T("lang_from_value", lang, lang=facts.language, source=facts.language_source, value=facts.language_value)


def _refusal(why: str, lang: str) -> str:
    """Why ``$EMERGENCE_FONT`` is not used, in ``lang``."""
    if lang == "zh":
        for pattern, template in REFUSALS_ZH:
            if (match := re.fullmatch(pattern, why)) is not None:
                return template.format(**match.groupdict())
    return why


def _print(facts: Diagnosis, lang: str) -> None:
    font = facts.font
    missing = T("not_installed", lang)
    rows = [[T("python", lang), facts.python], [T("platform", lang), facts.platform]]
    rows += [[name, version or missing] for name, version in facts.versions.items()]
    rows.append([T("language", lang), _language_line(facts, lang)])
    rows.append([T("backend", lang), facts.backend or T("backend_none", lang)])
    rows.append([T("freetype", lang), facts.freetype or "—"])
    rows.append([T("fontconfig", lang), font.fontconfig or T("fc_missing", lang)])
    if font.emergence_font is not None and font.emergence_font_refused is not None:
        rows.append([T("env_font", lang), T("env_refused", lang, value=font.emergence_font,
                                              why=_refusal(font.emergence_font_refused, lang))])
    rows.append([T("font", lang), font.family or T("font_none", lang)])
    if font.family is not None:
        how = {"env": T("by_env", lang, value=font.emergence_font), "cache": T("by_cache", lang),
               "fontconfig": T("by_fontconfig", lang)}.get(font.found_by or "", font.found_by or "—")
        rows.append([T("font_file", lang), font.file or "—"])
        rows.append([T("found_by", lang), how])
        if font.outlines is not None:
            rows.append([T("outlines", lang), T("outlines_value", lang, outlines=font.outlines, fonttype=font.pdf_fonttype)])
    rows.append([T("chromium", lang), facts.chromium or T("chromium_missing", lang)])
    rows.append([T("playwright", lang), T("installed", lang) if facts.playwright else missing])
    width = max(_cells(name) for name, _ in rows) + 2
    lines = [T("title", lang)] + [f"  {name}{' ' * (width - _cells(name))}{value}" for name, value in rows]
    if font.family is not None:
        render.write("\n".join([*lines, T("font_ok", lang, family=font.family)]) + "\n")
        return
    hint = font.install_hint or ""
    lines.append(T("no_font", lang))
    if hint:
        lines.append("  " + T("here", lang, hint=HINTS_ZH.get(hint, hint) if lang == "zh" else hint))
    lines += ["  " + T(key, lang) for key in ("debian", "fedora", "mac_windows", "env")]
    render.write("\n".join(lines) + "\n")
