"""
Hypothesis 3: who is watching decides where it emerges
======================================================

Step 7 of ``emergence tour``. One quality that rises smoothly with model size, watched by
observers with different bars: each single observer sees a step at the size where the curve passes
the bar (left), while a population of observers whose bars differ sees a smooth rise (right).

Run it with ``python examples/lesson_07_observers.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("observers", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_07_observers.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
