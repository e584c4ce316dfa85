"""
The phenomenon: an ability that seems to appear all at once
===========================================================

Step 1 of ``emergence tour``. One smooth model (its loss per token falls as a power of its size)
answers 100 questions of 5 tokens at the eight GPT-3 sizes, 125M to 175B parameters; an answer
counts only if all 5 tokens are right. The figure shows that exact match against model size:
nothing at the smallest sizes, then a leap at the largest, the curve that gets called emergence.
The answers are simulated with the lesson's fixed seed, so the numbers are the class's numbers.

Run it with ``python examples/lesson_01_phenomenon.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("phenomenon", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_01_phenomenon.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
