"""
Conclusion: a misunderstanding on a statistical chart
=====================================================

Step 9 of ``emergence tour``, the blog's conclusion in one picture: the success of tasks of
1 to 10 steps against model size, on a linear axis (left), where the long tasks seem to jump, and
on a log axis (right), where the same curves rise smoothly. The jump has to do with the precision
and the scale of the vertical axis, not with a sudden insight of the model.

Run it with ``python examples/lesson_09_conclusion.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("conclusion", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_09_conclusion.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
