"""What every figure shares: colours, the paper and slide styles, Chinese fonts, and saving
without half-written files.

Only the ``emergence.plotting`` package imports matplotlib, and only when a figure is asked for.
Figures are built on ``matplotlib.figure.Figure`` (no pyplot, no global state), styled inside
``matplotlib.rc_context`` so nothing leaks into the caller's own plots.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation, Text

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
# Reference levels (chance, a floor, a tolerance) are grey and loosely dotted: no hue, so no colour
# vision is needed, and a dash pattern no curve of CYCLE uses.
NEUTRAL = "#666666"
REFERENCE_LS: tuple[int, tuple[int, ...]] = (0, (1, 3))
LIGHT = "#BBBBBB"  # a filled background quantity (bars of a total, a shaded window)
STYLES = ("paper", "slide")
# A projector slide: 1280x720 (16:9) or 1024x768 (4:3) pixels at 100 dpi; no text under 18 px,
# that is 13 pt at 100 dpi, so the smallest size used is 14 pt; no data line under 2.5 pt.
SLIDE_SIZES = {"16:9": (12.8, 7.2), "4:3": (10.24, 7.68)}
SLIDE_DPI = 100
SLIDE_MIN_PT = 14
SLIDE_MIN_PX = 18
SLIDE_MIN_LW = 2.5
_SLIDE_RC = {
    "font.size": 16, "axes.titlesize": 20, "axes.labelsize": 17, "xtick.labelsize": SLIDE_MIN_PT,
    "ytick.labelsize": SLIDE_MIN_PT, "legend.fontsize": SLIDE_MIN_PT, "figure.titlesize": 22,
    "lines.linewidth": 3.5, "lines.markersize": 10, "axes.linewidth": 1.5, "grid.linewidth": 1.0,
    "xtick.major.width": 1.5, "ytick.major.width": 1.5, "figure.dpi": SLIDE_DPI, "savefig.dpi": SLIDE_DPI,
}
_warned: set[str] = set()
_kind: contextvars.ContextVar[str] = contextvars.ContextVar("emergence_figure_kind", default="paper")


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


# --------------------------------------------------------------------------------------------
# colours and cues


class Cue(NamedTuple):
    """How one curve is told apart: a colour (hex) and, for readers who cannot rely on it, a line
    style and a marker."""

    color: str
    linestyle: Any
    marker: str


def cue(i: int) -> Cue:
    """The ``i``-th curve's cue, from :data:`CYCLE` (repeating after seven), colour resolved to hex."""
    name, linestyle, marker = CYCLE[i % len(CYCLE)]
    return Cue(OKABE_ITO[name], linestyle, marker)


def ink(name: str) -> str:
    """An Okabe-Ito colour by name, as hex (``ink("vermillion") == "#D55E00"``)."""
    return OKABE_ITO[name]


def reference_line(ax: Axes, y: float, label: str | None = None, **kwargs: Any) -> Line2D:
    """A horizontal reference level (chance, a floor): grey, loosely dotted, across the axes."""
    return ax.axhline(y, color=NEUTRAL, ls=REFERENCE_LS, lw=kwargs.pop("lw", line_width(1.4)), label=label, **kwargs)


# --------------------------------------------------------------------------------------------
# fonts


@dataclass(frozen=True)
class FontChoice:
    """The Chinese font figures use: its matplotlib family name, its file, how it was found
    (``"env"``: ``$EMERGENCE_FONT``; ``"cache"``: matplotlib's font list; ``"fontconfig"``: asked
    ``fc-list`` because matplotlib's cache did not have it) and its outlines (``"TrueType"`` or
    ``"CFF"``; None when unknown)."""

    family: str
    file: str | None
    found_by: str
    outlines: str | None


_choices: dict[str, FontChoice | None] = {}  # $EMERGENCE_FONT -> the choice made for it
_env_refusals: dict[str, str] = {}  # $EMERGENCE_FONT -> why it is not the font used
_fontconfig_files: list[str] | None = None  # the files of fc-list :lang=zh

CJK_PROBE = "中的"  # characters every font that can draw Chinese has; one without them draws boxes


def _forget_fonts() -> None:
    """Forget every font decision (for tests that change the installed fonts under us)."""
    global _fontconfig_files
    _choices.clear()
    _env_refusals.clear()
    _fontconfig_files = None


def find_cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None (see :func:`cjk_font`)."""
    choice = cjk_font()
    return None if choice is None else choice.family


def cjk_font() -> FontChoice | None:
    """The Chinese font for figures, found without relying on matplotlib's font cache being fresh.

    In order: ``$EMERGENCE_FONT`` (a font file, or a family name matplotlib knows or fontconfig
    finds with ``fc-list``), used only if it has glyphs for Chinese (:data:`CJK_PROBE` in its
    character map; otherwise one note on stderr says why and the search goes on); the families
    of :data:`CJK_FAMILIES` in matplotlib's font list; the fonts fontconfig lists for Chinese
    (``fc-list :lang=zh``), added to matplotlib with ``addfont``, so a font installed after
    matplotlib built its cache is found without clearing it. Fonts with TrueType outlines come
    first: they embed in a PDF as they are. The answer is remembered for the process (per value
    of ``$EMERGENCE_FONT``).
    """
    wanted = os.environ.get("EMERGENCE_FONT", "").strip()
    if wanted not in _choices:
        _choices[wanted] = choice = _search(wanted)
        why = _env_refusals.get(wanted)
        if why is not None:
            instead = f"using {choice.family} instead" if choice is not None else "no other Chinese font found either"
            _note_once("font", f"EMERGENCE_FONT={wanted!r} {why}; {instead}")
    return _choices[wanted]


def env_font_refusal() -> str | None:
    """Why the font ``$EMERGENCE_FONT`` names is not the one figures use (None when it is, or when unset)."""
    wanted = os.environ.get("EMERGENCE_FONT", "").strip()
    if not wanted:
        return None
    cjk_font()
    return _env_refusals.get(wanted)


def _search(wanted: str) -> FontChoice | None:
    from matplotlib import font_manager

    if wanted:
        choice = _from_env(font_manager, wanted)
        if choice is not None:
            return choice
    known = {name: i for i, name in enumerate(CJK_FAMILIES)}
    cached = [e for e in font_manager.fontManager.ttflist if e.name in known]
    if cached:
        return _best(cached, known, "cache")
    files = set(_fontconfig_cjk())
    if not files:
        return None
    present = {e.fname for e in font_manager.fontManager.ttflist}
    for path in sorted(files - present):
        with contextlib.suppress(Exception):  # a broken font file is skipped
            font_manager.fontManager.addfont(path)
    added = [e for e in font_manager.fontManager.ttflist if e.fname in files]
    return _best(added, known, "fontconfig") if added else None


def _index(entry: Any) -> int:
    return int(getattr(entry, "index", 0))


def _has_chinese(path: str, index: int = 0) -> bool:
    """Whether face ``index`` of the font file at ``path`` maps every character of :data:`CJK_PROBE` to a glyph."""
    from matplotlib.ft2font import FT2Font

    try:
        try:
            font = FT2Font(path, face_index=index)
        except TypeError:  # matplotlib before 3.10 reads the first face only
            font = FT2Font(path)
        charmap = font.get_charmap()
    except Exception:  # not a font FreeType reads: RuntimeError, OSError or ValueError by version
        return False
    return all(ord(c) in charmap for c in CJK_PROBE)


def _best(entries: Sequence[Any], known: dict[str, int], found_by: str) -> FontChoice:
    """Of matplotlib font entries, the one to use: regular weight and style first, TrueType outlines
    before CFF, then the order of :data:`CJK_FAMILIES` (others after), then by name."""
    def rank(e: Any) -> tuple[Any, ...]:
        outlines = _outlines(e.fname, _index(e))
        return (e.style != "normal", e.weight not in ("normal", "regular", 400, 500, "medium", "book"),
                outlines != "TrueType", known.get(e.name, len(known)), e.name, e.fname)

    top = min(entries, key=rank)
    return FontChoice(top.name, top.fname, found_by, _outlines(top.fname, _index(top)))


def _from_env(font_manager: Any, wanted: str) -> FontChoice | None:
    """``$EMERGENCE_FONT`` as a font file, else as a family name (matplotlib's, else fontconfig's),
    if it has glyphs for Chinese; otherwise None, with the reason in ``_env_refusals``."""
    if Path(wanted).is_file():
        try:
            font_manager.fontManager.addfont(wanted)
            name = str(font_manager.FontProperties(fname=wanted).get_name())
        except Exception as exc:  # matplotlib raises RuntimeError, OSError or ValueError by file type
            _env_refusals[wanted] = f"is not a font file ({type(exc).__name__})"
            return None
        if not _has_chinese(wanted):
            _env_refusals[wanted] = f"has no Chinese glyphs (font {name})"
            return None
        return FontChoice(name, str(Path(wanted).resolve()), "env", _outlines(wanted, 0))
    entries = [e for e in font_manager.fontManager.ttflist if e.name.casefold() == wanted.casefold()]
    if not entries:  # a family matplotlib does not know (yet): fontconfig knows all its names, in every language
        faces = _fontconfig_family(wanted)
        present = {e.fname for e in font_manager.fontManager.ttflist}
        for path in sorted({path for path, _ in faces} - present):
            with contextlib.suppress(Exception):
                font_manager.fontManager.addfont(path)
        entries = [e for e in font_manager.fontManager.ttflist if (e.fname, _index(e)) in faces]
    if not entries:
        _env_refusals[wanted] = "is neither a font file nor an installed font family"
        return None
    chinese = [e for e in entries if _has_chinese(e.fname, _index(e))]
    if not chinese:
        _env_refusals[wanted] = "has no Chinese glyphs"
        return None
    return _best(chinese, {}, "env")


def _fc(*args: str) -> str:
    """The output of fontconfig's ``fc-list`` with ``args``, or "" without fontconfig."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    try:
        return subprocess.run([fc_list, *args], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


_FONT_FILE = (".ttf", ".ttc", ".otf", ".otc")


def _fontconfig_cjk() -> list[str]:
    """The files of every font fontconfig says covers Chinese (asked once per process)."""
    global _fontconfig_files
    if _fontconfig_files is None:
        listing = _fc("--format", "%{file}\n", ":lang=zh").splitlines()
        _fontconfig_files = sorted({line.strip() for line in listing if line.strip().lower().endswith(_FONT_FILE)})
    return _fontconfig_files


def _fontconfig_family(name: str) -> set[tuple[str, int]]:
    """(file, face index) of the fonts fontconfig lists under family ``name`` (any of its names, any language)."""
    escaped = re.sub(r"([\\:,=\-])", r"\\\1", name)
    faces = set()
    for line in _fc("--format", "%{file}\t%{index}\n", f":family={escaped}").splitlines():
        path, _, index = line.strip().partition("\t")
        if path.lower().endswith(_FONT_FILE):
            faces.add((path, int(index) if index.isdigit() else 0))
    return faces


def _outlines(path: str, index: int = 0) -> str | None:
    """``"CFF"`` or ``"TrueType"``: how the glyphs of the font at ``path`` (face ``index`` of a
    collection) are drawn, read from its sfnt table directory; None if it is not such a font."""
    import struct

    try:
        with open(path, "rb") as file:
            head = file.read(12)
            if head[:4] == b"ttcf":  # a collection: the offset of face ``index``
                if index >= struct.unpack(">I", head[8:12])[0]:
                    return None
                file.seek(12 + 4 * index)
                file.seek(struct.unpack(">I", file.read(4))[0])
                head = file.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return None
            tables = {file.read(16)[:4] for _ in range(struct.unpack(">H", head[4:6])[0])}
    except (OSError, struct.error):
        return None
    if tables & {b"CFF ", b"CFF2"}:
        return "CFF"
    return "TrueType" if b"glyf" in tables else None


def install_hint() -> str:
    """How to install a Chinese font on this system (one command or one sentence)."""
    if sys.platform == "darwin":
        return "macOS ships PingFang SC; if it is missing, install a Chinese font and set EMERGENCE_FONT to its file"
    if sys.platform.startswith("win"):
        return "Windows ships Microsoft YaHei; if it is missing, install a Chinese font and set EMERGENCE_FONT to its file"
    if Path("/etc/debian_version").exists():
        return "sudo apt-get install fonts-wqy-microhei"
    if Path("/etc/fedora-release").exists() or Path("/etc/redhat-release").exists():
        return "sudo dnf install wqy-microhei-fonts"
    if Path("/etc/arch-release").exists():
        return "sudo pacman -S wqy-microhei"
    return "install the WenQuanYi Micro Hei font (package fonts-wqy-microhei on Debian/Ubuntu) or set EMERGENCE_FONT"


def font_report() -> dict[str, Any]:
    """What draws the figures, for ``emergence doctor``: a dict with

    - ``backend``: matplotlib's backend if one is selected, else None (figures are written by the
      Agg, PDF and SVG renderers directly and need none);
    - ``matplotlib``, ``freetype``: versions;
    - ``fontconfig``: the path of ``fc-list``, or None;
    - ``emergence_font``: the value of ``$EMERGENCE_FONT``, or None;
    - ``emergence_font_refused``: why that font is not used (``"has no Chinese glyphs"``, ``"is
      not a font file (...)"``, ``"is neither a font file nor an installed font family"``), or None;
    - ``cjk_family``, ``cjk_file``, ``cjk_outlines`` (``"TrueType"`` or ``"CFF"``): the Chinese
      font figures use, or None for each;
    - ``found_by``: ``"env"``, ``"cache"`` (matplotlib's font list) or ``"fontconfig"`` (a font
      matplotlib's cache did not know, added from ``fc-list``), or None;
    - ``pdf_fonttype``: 42 (TrueType embedded as is) or 3 (glyphs drawn as Type 3 procedures,
      used for CFF-flavoured fonts, which matplotlib cannot embed as Type 42), None without a font;
    - ``install_hint``: how to install a Chinese font on this system (None when one was found).
    """
    import shutil

    import_matplotlib()
    import matplotlib
    from matplotlib import ft2font

    choice = cjk_font()
    return {
        "backend": matplotlib.get_backend(auto_select=False) if matplotlib.__version_info__ >= (3, 10) else matplotlib.get_backend(),
        "matplotlib": matplotlib.__version__,
        "freetype": ft2font.__freetype_version__,
        "fontconfig": shutil.which("fc-list"),
        "emergence_font": os.environ.get("EMERGENCE_FONT", "").strip() or None,
        "emergence_font_refused": env_font_refusal(),
        "cjk_family": choice.family if choice else None,
        "cjk_file": choice.file if choice else None,
        "cjk_outlines": choice.outlines if choice else None,
        "found_by": choice.found_by if choice else None,
        "pdf_fonttype": (3 if choice.outlines == "CFF" else 42) if choice else None,
        "install_hint": None if choice else install_hint(),
    }


# --------------------------------------------------------------------------------------------
# styles


@contextlib.contextmanager
def style(lang: str, kind: str | None = None) -> Iterator[str]:
    """Apply the project's figure style for ``lang``; yields the language actually used.

    ``kind`` is ``"paper"`` (figures to read on a screen or in print) or ``"slide"`` (a projector:
    large text and thick lines, see ``_SLIDE_RC``); None keeps the kind of an enclosing ``style``
    (paper outside any), so a panel drawn for a slide gets the slide's sizes. Both cycle through
    :data:`CYCLE`. For ``zh`` without a Chinese font it warns once on stderr and yields ``en``, so
    the figure gets English labels rather than empty boxes.
    """
    if kind is None:
        kind = _kind.get()
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
    token = _kind.set(kind)
    try:
        with matplotlib.rc_context(rc):  # type: ignore[arg-type]
            yield used
    finally:
        _kind.reset(token)


def current_kind() -> str:
    """``"paper"`` or ``"slide"``: the kind of the innermost :func:`style` (paper outside any)."""
    return _kind.get()


def text_size(paper_pt: float) -> float | None:
    """A font size given for paper figures: kept on paper, None on a slide (the slide's own sizes,
    none under :data:`SLIDE_MIN_PT`)."""
    return paper_pt if _kind.get() == "paper" else None


def line_width(paper_lw: float) -> float:
    """A line width given for paper figures; on a slide at least :data:`SLIDE_MIN_LW`, thin and
    thick lines kept apart (1.2 -> 2.5, 2.5 -> 4)."""
    return paper_lw if _kind.get() == "paper" else max(SLIDE_MIN_LW, 1.6 * paper_lw)


def marker_size(paper_ms: float) -> float:
    """A marker size given for paper figures; on a slide 1.6 times larger."""
    return paper_ms if _kind.get() == "paper" else 1.6 * paper_ms


def literal(text: str) -> str:
    """User text drawn as typed: ``$`` escaped (no mathtext), a leading ``_`` kept (legends hide such labels)."""
    text = text.replace("$", r"\$")
    return "\u200b" + text if text.startswith("_") else text


def untagged(title: str) -> str:
    """A panel title without its paper letter: ``"(a) Exact match" -> "Exact match"``."""
    return re.sub(r"^\([A-Za-z]\)\s*", "", title)


class _Size(float):
    """A parameter count that formats as the blog writes it (125M, 1.3B, 175B), whatever the format
    spec of the text it is put in (``f"{n:.3g}"`` included)."""

    def __format__(self, spec: str) -> str:
        from emergence.render import fmt_size

        return fmt_size(float(self))


def size_value(n: float) -> float:
    """``n`` (a number of parameters) to put in a catalog text: it formats as 125M / 1.3B / 175B."""
    return _Size(n)


def size_axis(ax: Axes, axis: str = "x") -> None:
    """A log axis of model sizes labelled the way the blog writes them (10M, 1B, 100B, 10T)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    from emergence.render import fmt_size

    target = ax.xaxis if axis == "x" else ax.yaxis
    (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
    target.set_major_formatter(FuncFormatter(lambda v, _: fmt_size(v)))
    target.set_minor_formatter(NullFormatter())


# --------------------------------------------------------------------------------------------
# slides


def slide_figure(ncols: int = 1, *, aspect: str = "16:9") -> tuple[Figure, Any]:
    """A projector slide (:data:`SLIDE_SIZES`: 1280x720 or 1024x768 pixels) with one row of
    ``ncols`` panels (one message per slide: one or two panels). Call inside ``style(lang, "slide")``."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if aspect not in SLIDE_SIZES:
        raise ValueError(f"slide aspect must be one of {tuple(SLIDE_SIZES)}, got {aspect!r}")
    if ncols not in (1, 2):
        raise ValueError(f"a slide has one or two panels, got {ncols}")
    # 8 px between the slide's edge and anything on it
    fig = Figure(figsize=SLIDE_SIZES[aspect], dpi=SLIDE_DPI, layout=ConstrainedLayoutEngine(w_pad=0.08, h_pad=0.08))
    axes = fig.subplots(1, ncols, squeeze=False)
    for ax in axes.ravel():
        ax.tick_params(labelsize=SLIDE_MIN_PT)  # kept by ticks made later, when the figure is drawn
    return fig, axes


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_NO_LINE_START = set("，。：；、！？）》」』,.:;!?)%")
_GLUE = {"=", "≈", "<", ">", "≤", "≥", "+", "−", "-", "×", "/", "→", "·"}  # kept with their neighbours


def wrap(text: str, width_px: float, font: Any, *, dpi: float = SLIDE_DPI) -> str:
    """``text`` broken into lines no wider than ``width_px`` in ``font`` (a FontProperties, or a size
    in points of the rc font): see :func:`_wrap`; a last line of one or two characters is avoided
    by breaking earlier when the line count stays the same."""
    wrapped = _wrap(text, width_px, font, dpi=dpi)
    lines = wrapped.split("\n")
    if len(lines) > len(text.split("\n")) and len(lines[-1]) <= 2:
        for shrink in (0.95, 0.9, 0.85, 0.8):
            again = _wrap(text, shrink * width_px, font, dpi=dpi)
            if again.count("\n") == wrapped.count("\n") and len(again.split("\n")[-1]) > 2:
                return again
    return wrapped


def _wrap(text: str, width_px: float, font: Any, *, dpi: float = SLIDE_DPI) -> str:
    """``text`` broken into lines no wider than ``width_px`` in ``font`` (a FontProperties, or a size
    in points of the rc font): between words and between Chinese characters, never before closing
    punctuation nor next to an operator (``s = 2`` stays whole). Lines already broken stay broken;
    a word wider than the width stays whole."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, dpi)
    prop = font if isinstance(font, FontProperties) else FontProperties(size=font)

    def width(tokens: Sequence[str]) -> float:
        with warnings.catch_warnings():  # a glyph missing here is reported when the figure is drawn
            warnings.simplefilter("ignore")
            return float(renderer.get_text_width_height_descent("".join(tokens).strip(), prop, ismath=False)[0])

    cjk = re.compile(rf"[{_CJK}]")

    def breakable(tokens: list[str], depth: list[int], j: int) -> bool:
        """May a line end before ``tokens[j]``? Not inside brackets, next to an operator, before closing punctuation."""
        here = tokens[j]
        if depth[j] > 0 or here.isspace() or here[0] in _NO_LINE_START or here in _GLUE:
            return False
        before = [t for t in tokens[:j] if not t.isspace()]
        if not before or before[-1] in _GLUE:
            return False
        return tokens[j - 1].isspace() or bool(cjk.match(here)) or bool(cjk.match(tokens[j - 1]))

    out = []
    for paragraph in text.split("\n"):
        tokens = re.findall(rf"[{_CJK}]|[^\s{_CJK}]+|\s+", paragraph)
        depth, level = [], 0  # brackets open before each token
        for token in tokens:
            depth.append(level)
            level = max(0, level + sum(token.count(c) for c in "([（") - sum(token.count(c) for c in ")]）"))
        start, end = 0, 0
        while end < len(tokens):
            end += 1
            if not tokens[end - 1].isspace() and width(tokens[start:end]) > width_px:
                cuts = [j for j in range(start + 1, end) if breakable(tokens, depth, j)]
                fitting = [j for j in cuts if width(tokens[start:j]) <= width_px]
                if fitting or cuts:
                    j = fitting[-1] if fitting else cuts[0]
                    out.append("".join(tokens[start:j]).strip())
                    start = j
        out.append("".join(tokens[start:]).strip())
    return "\n".join(out)


def _rewrap(text: Text, width_px: float) -> None:
    if text.get_text() and "$" not in text.get_text():
        fig = text.get_figure()
        assert fig is not None
        text.set_text(wrap(text.get_text(), width_px, text.get_fontproperties(), dpi=fig.dpi))


def slide_title(fig: Figure, text: str) -> Text:
    """The slide's message as its title (wrapped to the slide's width by :func:`finish_slide`)."""
    import matplotlib

    return fig.suptitle(text, fontsize=matplotlib.rcParams["figure.titlesize"])


def panel_title(ax: Axes, text: str) -> Text:
    """A panel title at the slide's title size (wrapped to the panel by :func:`finish_slide`)."""
    import matplotlib

    return ax.set_title(text, fontsize=matplotlib.rcParams["axes.titlesize"])


def _to_axes(ax: Axes) -> Any:
    """Data -> axes fraction, with the limits as they stand (autoscaled first)."""
    ax.get_xlim(), ax.get_ylim()
    return ax.transScale + ax.transLimits


def _drawn_points(ax: Axes, line: Line2D) -> Any:
    """The points of ``line`` in axes fraction that the axes can show (finite, positive on log axes)."""
    import numpy as np

    x = np.asarray(line.get_xdata(), dtype=float)
    y = np.asarray(line.get_ydata(), dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ax.get_xscale() == "log":
        ok &= x > 0
    if ax.get_yscale() == "log":
        ok &= y > 0
    if not ok.any():
        return np.zeros((0, 2))
    return _to_axes(ax).transform(np.column_stack([x[ok], y[ok]]))


def _figure_of(ax: Axes) -> Figure:
    return cast("Figure", ax.get_figure())


def _axes_height_px(ax: Axes) -> float:
    fig = _figure_of(ax)
    # the layout shrinks the axes for titles and labels: plan the spacing for about 85 % of it
    return 0.85 * ax.get_position().height * fig.get_figheight() * fig.dpi


def label_lines(ax: Axes, lines: Sequence[Line2D], texts: Sequence[str] | None = None, *,
                at: float | str | None = None, ha: str = "center", gap: float = 1.25) -> list[Annotation]:
    """Direct labels instead of a legend, in each line's colour; ``texts`` defaults to the labels.

    ``at=None``: each text just right of its line's last point shown (moved up or down, with a
    thin leader, just enough that no two overlap). ``at=x`` (axes fraction) or ``at="best"`` (the
    x between 0.3 and 0.92 where the lines are furthest apart): each text on its line at that x,
    on a white patch that cuts the line (``ha="left"``: starting there). Call when the axes' limits are set.
    """
    import matplotlib
    import numpy as np
    from matplotlib.font_manager import FontProperties

    size = FontProperties(size=matplotlib.rcParams["font.size"]).get_size_in_points()
    fig = _figure_of(ax)
    min_gap = gap * size * fig.dpi / 72 / _axes_height_px(ax)
    drawn = [(line, texts[i] if texts is not None else str(line.get_label()), _drawn_points(ax, line))
             for i, line in enumerate(lines)]
    drawn = [(line, text, pts) for line, text, pts in drawn if len(pts)]
    widths = [_text_width(text, size) / (ax.get_position().width * fig.get_figwidth() * fig.dpi) for _, text, _ in drawn]
    if at == "best":
        grid = np.linspace(0.05, 0.95, 91)
        ys = np.array([_y_at(pts, grid) for _, _, pts in drawn]).reshape(len(drawn), grid.size)

        def spread(column: np.ndarray) -> float:
            """How far apart the lines are at one x: the smallest gap (-1 where one of them is not drawn)."""
            if not np.isfinite(column).all():
                return -1.0
            return float(np.diff(np.sort(column)).min()) if column.size > 1 else 1.0

        gaps = np.array([spread(col) for col in ys.T])
        at = float(grid[int(np.argmax(gaps))]) if gaps.size else 0.5
    ends: list[list[Any]] = []  # [label y, x, y, line, text], in axes fraction
    for (line, text, pts), w in zip(drawn, widths):
        if at is None:
            inside = pts[(pts[:, 0] >= -1e-9) & (pts[:, 0] <= 1 + 1e-9)]
            if not len(inside):
                continue
            x, y = (float(v) for v in inside[-1])
        else:
            # the whole text inside the axes: its anchor moves in from the edges
            low, high = {"center": (w / 2, 1 - w / 2), "left": (0.0, 1 - w), "right": (w, 1.0)}[ha]
            x = min(max(float(at), low + 0.01), high - 0.01)
            y = float(_y_at(pts, np.array([x]))[0])
            if not np.isfinite(y):
                continue
        y = min(max(y, 0.0), 1.0)
        ends.append([y, x, y, line, text])
    ends.sort(key=lambda e: e[0])
    for i in range(1, len(ends)):  # push up from the bottom...
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + min_gap)
    if ends and ends[-1][0] > 1.0:  # ...and back down from the top when the stack overflows
        ends[-1][0] = 1.0
        for i in range(len(ends) - 2, -1, -1):
            ends[i][0] = min(ends[i][0], ends[i + 1][0] - min_gap)
    made = []
    for label_y, x, y, line, text in ends:
        color = line.get_color()
        if at is None:
            moved = abs(label_y - y) > 0.4 * min_gap
            arrow = {"arrowstyle": "-", "color": color, "lw": 1.2, "shrinkA": 2, "shrinkB": 3} if moved else None
            made.append(ax.annotate(text, xy=(x, y), xycoords="axes fraction", xytext=(x + 0.02, label_y),
                                    textcoords="axes fraction", ha="left", va="center", color=color,
                                    annotation_clip=False, fontsize=size, arrowprops=arrow))
        else:
            made.append(ax.annotate(text, xy=(x, label_y), xycoords="axes fraction", ha=ha, va="center", color=color,
                                    fontsize=size, zorder=6, annotation_clip=False,
                                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9}))
    return made


def _text_width(text: str, size: float, dpi: float = SLIDE_DPI) -> float:
    """The width in pixels of ``text`` at ``size`` points in the rc fonts (the widest line)."""
    import matplotlib
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, dpi)
    prop = FontProperties(family=matplotlib.rcParams["font.family"], size=size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return max(float(renderer.get_text_width_height_descent(line, prop, ismath=False)[0]) for line in text.split("\n"))


def _y_at(points: Any, xs: Any) -> Any:
    """The y (axes fraction) of a drawn line at each x in ``xs``; NaN outside its x range."""
    import numpy as np

    order = np.argsort(points[:, 0], kind="stable")
    px, py = points[order, 0], points[order, 1]
    return np.interp(xs, px, py, left=np.nan, right=np.nan)


def label_point(ax: Axes, x: float, y: float, text: str, *, color: str, offset: tuple[float, float] = (10, 10),
                ha: str = "left", va: str = "bottom", arrow: bool = True, coords: str = "offset points") -> Annotation:
    """A label at ``offset`` from the data point (x, y) (points away, or with ``coords="axes fraction"``
    a place in the axes), in ``color``, joined to the point by a thin line."""
    props = {"arrowstyle": "-", "color": color, "lw": 1.2, "shrinkA": 2, "shrinkB": 6} if arrow else None
    return ax.annotate(text, xy=(x, y), xytext=offset, textcoords=coords, ha=ha, va=va, color=color,
                       annotation_clip=False, arrowprops=props)


def label_level(ax: Axes, y: float, text: str, *, x: float = 0.02, below: bool = False, ha: str = "left") -> Annotation:
    """A reference level's text just above (or below) its line, starting at ``x`` (axes fraction)."""
    return ax.annotate(text, xy=(x, y), xycoords=("axes fraction", "data"), xytext=(0, -6 if below else 6),
                       textcoords="offset points", color=NEUTRAL, ha=ha, va="top" if below else "bottom",
                       annotation_clip=False)


def finish_slide(fig: Figure) -> Figure:
    """Last touches on a slide: tick labels at the slide size on every axes (twins included), and
    titles and axis labels wrapped so that none is wider than its panel (or the slide)."""
    width, height = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    for text in (fig._suptitle, fig._supxlabel):  # type: ignore[attr-defined]
        if text is not None:
            _rewrap(text, 0.94 * width)
    for ax in fig.axes:
        ax.tick_params(labelsize=SLIDE_MIN_PT, width=1.5)
        spec = ax.get_subplotspec()
        ncols = spec.get_gridspec().ncols if spec is not None else 1
        for text in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label):  # type: ignore[attr-defined]
            _rewrap(text, 0.84 * width / ncols)
        _rewrap(ax.yaxis.label, 0.62 * height)
    return fig


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


def check_style(kind: str) -> None:
    """Refuse a figure style other than ``"paper"`` or ``"slide"``."""
    if kind not in STYLES:
        raise ValueError(f"figure style must be one of {STYLES}, got {kind!r}")


# --------------------------------------------------------------------------------------------
# files


_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},  # no date, no tool version: the bytes depend on the figure only
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _chinese_text_gets_a_font(fig: Figure) -> bool:
    """Texts with CJK characters in a figure drawn without a CJK font (a Chinese name in an English
    figure) get the CJK font as a fallback; English figures do not pay for loading it otherwise.
    True when the figure has CJK text."""
    from matplotlib.text import Text

    needy = [t for t in fig.findobj(Text) if _has_cjk(t.get_text())]
    font = find_cjk_font() if needy else None
    if font is None:
        return bool(needy)
    for t in needy:
        families = t.get_fontfamily()
        if font not in families:
            t.set_fontfamily([*families, font])
    return True


def pdf_fonttype(fig: Figure) -> int:
    """42 (fonts embedded as TrueType: small, text selectable) unless the figure has Chinese text
    and the Chinese font has CFF outlines: matplotlib's Type 42 embeds the font file as TrueType
    (``FontFile2``), which a CFF font is not, and viewers then draw nothing; Type 3 (each glyph
    drawn as a procedure) works for any outline."""
    from matplotlib.text import Text

    if not any(_has_cjk(t.get_text()) for t in fig.findobj(Text)):
        return 42
    choice = cjk_font()
    return 3 if choice is not None and choice.outlines == "CFF" else 42


def _render(fig: Figure, file: str | io.BytesIO, fmt: str) -> None:
    """Draw ``fig`` into ``file`` with stable bytes; missing glyphs become one note, not warnings."""
    import matplotlib

    _chinese_text_gets_a_font(fig)
    rc: dict[str, Any] = {"svg.hashsalt": "emergence", "pdf.fonttype": pdf_fonttype(fig) if fmt == "pdf" else 42}
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context(rc):  # type: ignore[arg-type]
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
