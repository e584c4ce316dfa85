"""Figures built from result objects. The only part of the package that imports matplotlib.

Each ``*_figure`` function reads a result (it computes no model), takes ``lang="en"|"zh"`` and
``style="paper"|"slide"`` (a slide: one 1280x720 or, with ``aspect="4:3"``, 1024x768 projector
slide with the figure's main message) and returns a ``matplotlib.figure.Figure``;
:func:`save_figure` writes it atomically, the format following the file extension (png, svg,
pdf). :func:`font_report` says which Chinese font the figures use and how it was found.
"""

from emergence.plotting._common import figure_bytes, find_cjk_font, font_report, import_matplotlib, save_figure

import_matplotlib()  # before any drawing module: an unknown MPLBACKEND is one note, not a traceback

from emergence.plotting.analyze import analyze_figure  # noqa: E402
from emergence.plotting.compound import compound_figure, cot_figure  # noqa: E402
from emergence.plotting.metric import metric_figure, resolution_figure, schaeffer_figure  # noqa: E402
from emergence.plotting.threshold import composition_figure, dimensions_figure, observers_figure, quanta_figure  # noqa: E402

__all__ = ["analyze_figure", "composition_figure", "compound_figure", "cot_figure", "dimensions_figure", "figure_bytes", "find_cjk_font",
           "font_report", "metric_figure", "observers_figure", "quanta_figure", "resolution_figure", "save_figure", "schaeffer_figure"]
