"""
The three hypotheses as tests on a table of results
===================================================

Step 8 of ``emergence tour``: ``emergence analyze`` on ``examples/synthetic_results.csv``, a
SYNTHETIC table simulated by the toolkit (``emergence simulate``), not real model results. The
figure shows the first curve whose jump the metric explains and the same outputs scored by partial
credit: points, the sigmoid fit with its 95 % band, the held-out largest model and the largest step.

Run it with ``python examples/lesson_08_real_data.py [FIGURE.png]``; with ``--slide`` after the path it draws
the 1280x720 projector slide instead, as ``emergence tour --slides`` does.
"""

import sys
import tempfile
from pathlib import Path

from emergence.plotting import save_figure
from emergence.plotting.tour import step_figure
from emergence.tour import step

# %%
# The step, computed by the toolkit's core with the lesson's fixed seed: its tables in plain words
lesson_step = step("real_data", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_08_real_data.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
