"""What the toolkit runs on, for ``emergence doctor``: versions, platform, language, figures' backend and Chinese font, a browser.

:func:`diagnose` gathers the facts and returns them as one frozen :class:`Diagnosis`; it reads
them and changes nothing (it may add fonts that fontconfig knows to matplotlib's in-memory font
list, as drawing a Chinese figure would). Versions come from the installed packages' metadata,
so scipy is named without being imported. The font facts come from
:func:`emergence.plotting._common.font_report`, the same search the figures use, so what doctor
reports is what a Chinese figure will be drawn with.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import shutil
from collections.abc import Mapping
from dataclasses import dataclass

from emergence.i18n import resolve_language
from emergence.results import Result

PACKAGES = ("numpy", "matplotlib", "typer", "rich", "scipy")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class FontFacts(Result):
    """The Chinese font figures use.

    ``family`` and ``file`` are None when there is none; ``found_by`` is ``"env"``
    (``$EMERGENCE_FONT``), ``"cache"`` (matplotlib's font list) or ``"fontconfig"`` (a font
    matplotlib's cache did not know yet, found by ``fc-list``); ``outlines`` is ``"TrueType"`` or
    ``"CFF"`` and ``pdf_fonttype`` how a PDF embeds it (42, or 3 for CFF fonts);
    ``install_hint`` says how to install one on this system (None when one was found);
    ``emergence_font`` is the value of ``$EMERGENCE_FONT`` and ``emergence_font_refused`` why the
    font it names is not used (no Chinese glyphs, not a font file, no such family), None when it is.
    """

    family: str | None
    file: str | None
    found_by: str | None
    outlines: str | None
    pdf_fonttype: int | None
    emergence_font: str | None
    emergence_font_refused: str | None
    fontconfig: str | None
    install_hint: str | None


@dataclass(frozen=True)
class Diagnosis(Result):
    """Facts about this installation; ``versions`` maps a package to its version (None: not installed)."""

    python: str
    platform: str
    versions: Mapping[str, str | None]
    language: str
    language_source: str
    language_value: str | None
    backend: str | None
    freetype: str | None
    font: FontFacts
    chromium: str | None
    playwright: bool

    @property
    def font_found(self) -> bool:
        """Whether a Chinese font was found."""
        return self.font.family is not None

    def extra(self) -> dict[str, object]:
        return {"font_found": self.font_found}


def package_version(name: str) -> str | None:
    """The installed version of distribution ``name`` from its metadata (the package is not imported), or None."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def find_chromium(environ: Mapping[str, str] | None = None) -> str | None:
    """The chromium the browser test would use: ``$CHROMIUM_BIN``, else the first of :data:`CHROMIUM_NAMES` on PATH."""
    env = os.environ if environ is None else environ
    given = env.get("CHROMIUM_BIN", "").strip()
    if given:
        return given if os.path.isfile(given) and os.access(given, os.X_OK) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def diagnose(lang_option: str | None = None) -> Diagnosis:
    """Gather the facts; ``lang_option`` is the ``--lang`` given to the command (None when not).

    Raises :class:`emergence.i18n.LanguageError` when ``$EMERGENCE_LANG`` is not a language of
    the toolkit (the command line refuses that before any command runs).
    """
    from emergence import __version__
    from emergence.plotting._common import font_report

    language = resolve_language(lang_option)
    fonts = font_report()
    versions = {"emergence": __version__, **{name: package_version(name) for name in PACKAGES}}
    font = FontFacts(family=fonts.get("cjk_family"), file=fonts.get("cjk_file"), found_by=fonts.get("found_by"),
                     outlines=fonts.get("cjk_outlines"), pdf_fonttype=fonts.get("pdf_fonttype"),
                     emergence_font=fonts.get("emergence_font"),
                     emergence_font_refused=fonts.get("emergence_font_refused"), fontconfig=fonts.get("fontconfig"),
                     install_hint=fonts.get("install_hint"))
    return Diagnosis(python=platform.python_version(), platform=platform.platform(), versions=versions,
                     language=language.language, language_source=language.source, language_value=language.value,
                     backend=fonts.get("backend"), freetype=fonts.get("freetype"), font=font,
                     chromium=find_chromium(), playwright=importlib.util.find_spec("playwright") is not None)
