"""
Hypothesis 1: a task made of steps
==================================

Step 2 of ``emergence tour``, the blog's example: a task of 5 steps, each right 40 % of the time
in a smaller model and 60 % in a larger one. Left, the whole task's success P = p^k against the
per-step accuracy p for k = 1, 2, 3, 5 and 10 steps, with the two models marked; right, the
relative and absolute gain of the task against the number of steps: +50 % per step becomes
+659.375 % for 5 steps, and more for longer tasks.

Run it with ``python examples/lesson_02_decomposition.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("decomposition", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_02_decomposition.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
