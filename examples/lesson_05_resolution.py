"""
Hypothesis 2: how finely a test set can measure
===============================================

Step 5 of ``emergence tour``. The true exact match of the same smooth model, read by a test set
of 100 questions (left) and of 10000 (right), on a log scale: the reading rounds to multiples of
1/n, a rate below 1/(2n) reads 0, and one seeded binomial reading per size is drawn with its 95 %
Clopper-Pearson band. The flat zeros are the ruler's marks, not the model's.

Run it with ``python examples/lesson_05_resolution.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("resolution", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_05_resolution.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
