"""What every figure shares: creation, Chinese fonts, and saving without half-written files.

Only the ``emergence.plotting`` package imports matplotlib, and only when a figure is asked for.
Figures are built on ``matplotlib.figure.Figure`` (no pyplot, no global state), styled inside
``matplotlib.rc_context`` so nothing leaks into the caller's own plots.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

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
_warned = False


def find_cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None.

    ``$EMERGENCE_FONT`` (a family name or a font file) wins; then the families in ``CJK_FAMILIES``.
    """
    from matplotlib import font_manager

    wanted = os.environ.get("EMERGENCE_FONT", "").strip()
    if wanted and Path(wanted).is_file():
        font_manager.fontManager.addfont(wanted)
        return font_manager.FontProperties(fname=wanted).get_name()
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in ((wanted,) if wanted else ()) + CJK_FAMILIES:
        if name in installed:
            return name
    return None


@contextlib.contextmanager
def style(lang: str) -> Iterator[str]:
    """Apply the project's figure style for ``lang``; yields the language actually used.

    For ``zh`` without a Chinese font it warns once on stderr and yields ``en``, so the figure
    gets English labels rather than empty boxes.
    """
    import matplotlib

    global _warned
    rc = {"axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
          "figure.dpi": 100}  # the file settings (svg salt, pdf font type) are save_figure's
    used = lang
    if lang == "zh":
        font = find_cjk_font()
        if font is None:
            if not _warned:
                sys.stderr.write(f"warning: {FONT_HINT}\n")
                _warned = True
            used = "en"
        else:
            rc["font.family"] = ["DejaVu Sans", font]
    with matplotlib.rc_context(rc):
        yield used


def new_figure(nrows: int, ncols: int, *, width: float = 6.0, height: float = 4.2,
               margins: dict[str, float] | None = None) -> tuple[Figure, object]:
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``fig`` to ``path`` (png, svg or pdf by extension) atomically, with stable bytes.

    The figure is written to a temporary file in the same directory and renamed into place, so a
    failure never leaves a half-written file behind.
    """
    import matplotlib

    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in _METADATA:
        raise ValueError(f"{target}: figure format must be png, svg or pdf")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{fmt}", dir=target.parent or ".")
    os.close(fd)
    try:
        with matplotlib.rc_context({"svg.hashsalt": "emergence", "pdf.fonttype": 42}):
            fig.savefig(tmp, format=fmt, metadata=_METADATA[fmt])
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a new file's usual mode
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
