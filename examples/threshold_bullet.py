"""
The bullet example: a staircase of capabilities on a smooth curve
=================================================================

The blog's third explanation of "emergence": with 3 numbers you can describe a bullet's shape,
with 4 its position, with more its flight. A capability seems to switch on at a number of
parameters, yet underneath, the reconstruction error falls smoothly; each step is a tolerance
crossed on that curve. A projectile fit shows the one case where a threshold is genuine.

Run it as ``python examples/threshold_bullet.py [FIGURE]``; the figure goes to FIGURE (png, svg
or pdf), or to a temporary directory. ``emergence threshold`` (or ``emergence threshold dimensions``)
prints the same tables.
"""

# %%
# The ladder and the smooth curve underneath
# ------------------------------------------
# ``dimensions.curves`` computes everything; the figure only reads it. The seed fixes the
# noise added to the third projectile. The other models of hypothesis 3 live beside it in
# ``emergence.thresholds`` (observers, quanta, composition).
import sys
import tempfile
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from emergence.plotting import dimensions_figure, save_figure
from emergence.plotting.threshold import draw_staircase
from emergence.thresholds import dimensions

result = dimensions.curves(rng=np.random.default_rng(2024))
for (name, d), (low, high) in zip(result.ladder.rungs, result.rung_windows):
    print(f"{name:<10} recognised from d = {d}: any tolerance {low:.4f} <= tau < {high:.4f}")

# %%
# How far the "emergence point" moves with the tolerance
# ------------------------------------------------------
for point in result.points:
    print(f"tolerance {point.threshold:g}: {point.at:g} parameters (smooth {point.smooth:.3f}, "
          f"{point.sensitivity:.1f} parameters per unit of tolerance)")

# %%
# A genuine threshold, and a level crossed
# ----------------------------------------
# In vacuum the trajectory is a quadratic, so 3 coefficients fit it exactly at any tolerance;
# with drag the error falls smoothly and the answer depends on the tolerance.
projectile = result.projectile
for label, needed in zip(dimensions.SCENARIOS, projectile.needed):
    print(f"{label:<7} coefficients needed for RMSE <= {projectile.tolerances}: {needed.tolist()}")

# %%
# The figure, and one panel on its own
# ------------------------------------
# Every panel is a ``draw_<panel>(ax, data, lang)`` function: the staircase alone, for a slide.
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "threshold_bullet.png"
save_figure(dimensions_figure(result), out)
print(f"figure written to {out}")
slide = Figure(figsize=(6, 4.2), layout="constrained")
draw_staircase(slide.subplots(), result, "en")
save_figure(slide, out.with_name(f"{out.stem}_staircase{out.suffix}"))
print(f"one panel written to {out.with_name(f'{out.stem}_staircase{out.suffix}')}")
