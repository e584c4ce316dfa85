"""
Hypothesis 3: the bullet, a threshold matched to our understanding
==================================================================

Step 6 of ``emergence tour``, the blog's own example: 3 parameters describe a bullet's shape,
4 its position, 6 its trajectory. Left, the staircase of capabilities against the number of
parameters d, with the smooth energy captured underneath; right, the detail left out, R(d), falling
smoothly on log axes, each capability a tolerance crossed on it.

Run it with ``python examples/lesson_06_bullet.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("bullet", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_06_bullet.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
