"""
Hypothesis 2: the scoring rule makes the jump
=============================================

Step 4 of ``emergence tour``. The very same simulated answers as step 1, scored twice: by exact
match (all 5 tokens right) and by partial credit (the share of tokens right). Exact match stays at
0 and then leaps; partial credit climbs at every size. Each curve is named at its end; the two
also differ by line style and marker, not only by colour.

Run it with ``python examples/lesson_04_metric.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("metric", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_04_metric.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
