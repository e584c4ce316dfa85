"""
Hypothesis 1, the evidence: which errors scale fixes
====================================================

Step 3 of ``emergence tour``: the chain-of-thought error table the blog cites (Wei et al. 2022,
appendix A.1 and Fig. 9). Errors of PaLM 62B on GSM8K by kind, and how many of each PaLM 540B
fixed: scale fixed mostly the "one step missing" errors, the failures of a chain of steps.

Run it with ``python examples/lesson_03_chain_of_thought.py [FIGURE.png]``; with ``--slide`` after the path it draws
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
lesson_step = step("chain_of_thought", "en")
print(lesson_step.title)
for table in lesson_step.tables:
    print(table.title)
    for row in table.rows:
        print("  " + " | ".join(row))
print(f"the same figure: {lesson_step.command}")

# %%
# Its figure: a paper figure, or the projector slide
args = [a for a in sys.argv[1:] if a != "--slide"]
out = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "lesson_03_chain_of_thought.png"
figure = step_figure(lesson_step, "en", style="slide" if "--slide" in sys.argv[1:] else "paper")
save_figure(figure, out)
print(f"figure: {out}")
