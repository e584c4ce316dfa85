"""What every figure shares: creation, Chinese fonts, and saving without half-written files.

Only the ``emergence.plotting`` package imports matplotlib, and only when a figure is asked for.
Figures are built on ``matplotlib.figure.Figure`` (no pyplot, no global state), styled inside
``matplotlib.rc_context`` so nothing leaks into the caller's own plots.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "AR PL UMing CN",
)
FONT_HINT = (
    "no Chinese font found, drawing English labels instead; install one "
    "(Debian/Ubuntu: apt-get install fonts-wqy-microhei) or set EMERGENCE_FONT to a font name or file"
)
# Okabe & Ito (2008), "Color Universal Design": eight colours told apart under the common colour
# blindnesses. Every figure takes its colours from here (by name), never from matplotlib's C0..C9.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
# The order curves take them, with a second cue (line style, marker) for each, so that two curves
# are told apart without colour. Yellow is left out: it vanishes on a white projector screen.
CYCLE = (
    ("blue", "-", "o"),
    ("vermillion", "--", "s"),
    ("green", "-.", "^"),
    ("orange", ":", "D"),
    ("purple", (0, (5, 1, 1, 1)), "v"),
    ("sky", (0, (3, 1, 1, 1, 1, 1)), "P"),
    ("black", "-", "X"),
)
STYLES = ("paper", "slide")
# A projector slide: 1280x720 (16:9) or 1024x768 (4:3) pixels at 100 dpi; no text under 18 px,
# that is 13 pt at 100 dpi, so the smallest size used is 14 pt.
SLIDE_SIZES = {"16:9": (12.8, 7.2), "4:3": (10.24, 7.68)}
SLIDE_DPI = 100
SLIDE_MIN_PT = 14
_SLIDE_RC = {
    "font.size": 16, "axes.titlesize": 20, "axes.labelsize": 17, "xtick.labelsize": SLIDE_MIN_PT,
    "ytick.labelsize": SLIDE_MIN_PT, "legend.fontsize": SLIDE_MIN_PT, "figure.titlesize": 22,
    "lines.linewidth": 3.5, "lines.markersize": 10, "axes.linewidth": 1.5, "grid.linewidth": 1.0,
    "xtick.major.width": 1.5, "ytick.major.width": 1.5, "figure.dpi": SLIDE_DPI, "savefig.dpi": SLIDE_DPI,
}
_warned: set[str] = set()


def _note_once(key: str, text: str) -> None:
    if key not in _warned:
        _warned.add(key)
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"note: {text}\n")


def import_matplotlib() -> None:
    """Import matplotlib; an ``MPLBACKEND`` it does not know is dropped with one note, not a traceback.

    Figures are saved through a bare ``Figure``, which needs no interactive backend at all.
    """
    try:
        import matplotlib  # noqa: F401
    except ValueError:
        backend = os.environ.pop("MPLBACKEND", None)
        if backend is None:
            raise
        _note_once("backend", f"ignoring MPLBACKEND={backend!r}: matplotlib has no such backend")
        for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
            del sys.modules[name]  # the failed import left half-made modules behind
        import matplotlib  # noqa: F401, F811


def find_cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None.

    ``$EMERGENCE_FONT`` (a family name or a font file) wins; then the families in ``CJK_FAMILIES``.
    A file that is not a font is reported once and the search goes on.
    """
    from matplotlib import font_manager

    wanted = os.environ.get("EMERGENCE_FONT", "").strip()
    if wanted and Path(wanted).is_file():
        try:
            font_manager.fontManager.addfont(wanted)
            return str(font_manager.FontProperties(fname=wanted).get_name())
        except Exception as exc:  # matplotlib raises RuntimeError, OSError or ValueError by file type
            _note_once("font", f"EMERGENCE_FONT={wanted!r} is not a font file ({type(exc).__name__}); looking for another")
            wanted = ""
    names = ((wanted,) if wanted else ()) + CJK_FAMILIES
    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for name in names:
            if name in installed:
                return name
        if attempt == 0 and not _add_fontconfig_fonts(font_manager):
            break
    return None


_fontconfig_done = False


def _add_fontconfig_fonts(font_manager: Any) -> bool:
    """Add the Chinese fonts fontconfig knows to matplotlib (once), so a font installed after
    matplotlib built its cache is found without clearing that cache. True if any was added."""
    global _fontconfig_done
    if _fontconfig_done:
        return False
    _fontconfig_done = True
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        listing = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    known = {f.fname for f in font_manager.fontManager.ttflist}
    added = False
    for line in listing.splitlines():
        path = line.strip().rstrip(":").strip()
        if path and path not in known and path.lower().endswith((".ttf", ".ttc", ".otf")):
            with contextlib.suppress(Exception):  # a broken font file is skipped
                font_manager.fontManager.addfont(path)
                added = True
    return added


@contextlib.contextmanager
def style(lang: str, kind: str = "paper") -> Iterator[str]:
    """Apply the project's figure style for ``lang``; yields the language actually used.

    ``kind`` is ``"paper"`` (figures to read on a screen or in print) or ``"slide"`` (a projector:
    large text and thick lines, see ``_SLIDE_RC``). Both cycle through :data:`CYCLE`.
    For ``zh`` without a Chinese font it warns once on stderr and yields ``en``, so the figure
    gets English labels rather than empty boxes.
    """
    if kind not in STYLES:
        raise ValueError(f"figure style must be one of {STYLES}, got {kind!r}")
    import_matplotlib()
    import matplotlib
    from cycler import cycler

    rc: dict[str, Any] = {"axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
          "figure.dpi": 100,  # the file settings (svg salt, pdf font type) are save_figure's
          "axes.prop_cycle": cycler(color=[OKABE_ITO[c] for c, _, _ in CYCLE]) + cycler(linestyle=[ls for _, ls, _ in CYCLE])}
    if kind == "slide":
        rc.update(_SLIDE_RC)
    used = lang
    if lang == "zh":
        font = find_cjk_font()
        if font is not None:
            rc["font.family"] = ["DejaVu Sans", font]
        else:
            _note_once("cjk", FONT_HINT)
            used = "en"
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        yield used


def literal(text: str) -> str:
    """User text drawn as typed: ``$`` escaped (no mathtext), a leading ``_`` kept (legends hide such labels)."""
    text = text.replace("$", r"\$")
    return "\u200b" + text if text.startswith("_") else text


def slide_figure(ncols: int = 1, *, aspect: str = "16:9") -> tuple[Figure, Any]:
    """A projector slide (:data:`SLIDE_SIZES`: 1280x720 or 1024x768 pixels) with one row of
    ``ncols`` panels (one message per slide: one or two panels). Call inside ``style(lang, "slide")``."""
    from matplotlib.figure import Figure

    if aspect not in SLIDE_SIZES:
        raise ValueError(f"slide aspect must be one of {tuple(SLIDE_SIZES)}, got {aspect!r}")
    if ncols not in (1, 2):
        raise ValueError(f"a slide has one or two panels, got {ncols}")
    fig = Figure(figsize=SLIDE_SIZES[aspect], dpi=SLIDE_DPI, layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)
    return fig, axes


def new_figure(nrows: int, ncols: int, *, width: float = 6.0, height: float = 4.2,
               margins: dict[str, float] | None = None) -> tuple[Figure, Any]:
    """A Figure (not registered with pyplot) and its grid of Axes.

    The layout is constrained unless ``margins`` (``Figure.subplots_adjust`` arguments) fix it:
    a fixed layout draws about twice as fast, for a figure whose labels are known in advance.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * ncols, height * nrows), layout=None if margins else "constrained")
    if margins:
        fig.subplots_adjust(**margins)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


def _chinese_text_gets_a_font(fig: Figure) -> None:
    """Texts with CJK characters in a figure drawn without a CJK font (a Chinese name in an English
    figure) get the CJK font as a fallback; English figures do not pay for loading it otherwise."""
    from matplotlib.text import Text

    needy = [t for t in fig.findobj(Text) if any(ord(ch) >= 0x2E80 for ch in t.get_text())]
    font = find_cjk_font() if needy else None
    if font is None:
        return
    for t in needy:
        families = t.get_fontfamily()
        if font not in families:
            t.set_fontfamily([*families, font])


def _render(fig: Figure, file: str | io.BytesIO, fmt: str) -> None:
    """Draw ``fig`` into ``file`` with stable bytes; missing glyphs become one note, not warnings."""
    import matplotlib

    _chinese_text_gets_a_font(fig)

    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context({"svg.hashsalt": "emergence", "pdf.fonttype": 42}):
        warnings.simplefilter("always")
        fig.savefig(file, format=fmt, metadata=_METADATA[fmt])
    for w in caught:
        if "missing from font" in str(w.message) or "Glyph" in str(w.message):
            _note_once("glyph", "some characters have no glyph in the installed fonts and are drawn as boxes")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as ``png``, ``svg`` or ``pdf`` bytes (identical for identical figures)."""
    if fmt not in _METADATA:
        raise ValueError(f"figure format must be png, svg or pdf, got {fmt!r}")
    buffer = io.BytesIO()
    _render(fig, buffer, fmt)
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``fig`` to ``path`` (png, svg or pdf by extension) atomically, with stable bytes.

    The figure is drawn first, then written through :func:`emergence._files.write_atomic`, so a
    failure, Ctrl-C or SIGTERM never leaves a half-written file or a stray temporary.
    """
    from emergence._files import write_atomic

    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in _METADATA:
        raise ValueError(f"{target}: figure format must be png, svg or pdf")
    return write_atomic(target, figure_bytes(fig, fmt))
