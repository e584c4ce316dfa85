"""
Is the jump in the model or in the metric?
==========================================

One smooth model (per-token loss (N/c)^alpha) scored six ways on the eight GPT-3 sizes, then
read through test sets of 100 and 10000 items (Schaeffer, Miranda and Koyejo 2023). Run it with
``python examples/metric_mirage.py [FIGURE.png]``.
"""

# %%
# The same model under six metrics, and how sudden each curve looks
import sys
import tempfile
from pathlib import Path

import numpy as np

from emergence import metrics
from emergence.plotting import metric_figure, save_figure

model = metrics.latent_model()  # c = 1e9, alpha = -0.5: illustrative constants
task = metrics.Task(tokens=5, options=4, sigma=0.5)
report = metrics.analyse(model, task, metrics.GPT3_SIZES, items=100, rng=np.random.default_rng(0))
for name in metrics.METRICS:
    s = report.sharpness[name]
    print(f"{name:24s} breakthroughness {s.breakthroughness:6.3g}   R² on log10 N {s.linearity_r2:.3f}")
print(f"exact match reaches 50 % at N = {report.n50:.3g}; its 10-90 % rise spans {report.width_decades:.3g} decades")

# %%
# Resolution: the 350M model's exact match is 2.1e-4, invisible to 100 items
for items in (100, 10000):
    seen = metrics.analyse(model, task, metrics.GPT3_SIZES, items, np.random.default_rng(0)).exact_match_observation
    print(f"n = {items:5d}: exact matches seen per size {seen.successes.tolist()}")
print(f"items needed to see one exact match at 350M with probability 0.95: {report.items_needed[1]:.0f}")

# %%
# Multiple choice on the same model starts at chance (1/K) and rises from there
grade = report.expected.scores["multiple_choice_grade"]
brier = report.expected.scores["brier_score"]
print(f"multiple-choice grade from {grade[0]:.3f} to {grade[-1]:.4f} (chance {task.chance:.2f}); "
      f"Brier from {brier[0]:.3f} to {brier[-1]:.3f} (a uniform guess: {task.guess_brier:.2f})")

# %%
# The overview figure: (a) exact match and grade, (b) partial credit, (c) resolution, (d) double log
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "metric_mirage.png"
save_figure(metric_figure(metrics.figure_data(report, np.random.default_rng(1)), lang="en"), out)
print(f"figure: {out}")
