"""
The blog's multi-step example, from the library
===============================================

A task of five steps, each right with probability 0.4, then 0.6: the step gets 50 % better,
the whole task 659 % better. Run it with ``python examples/compound_blog.py [FIGURE.png]``.
"""

# %%
# Exact values, with their partial-credit views
import sys
import tempfile
from pathlib import Path

from emergence.compound import analyse, chain, compare, curves, required_p
from emergence.scaling import ScaleMap

task = chain(0.4, steps=5)
outcome = analyse(task)
print(f"P(all 5 steps right) at p = 0.4: {outcome.success:.5%}")
print(f"expected fraction of steps right: {outcome.fraction_correct:.0%}")
print(f"prefix credit (steps before the first error / k): {outcome.prefix_credit:.4f}")

# %%
# The comparison the blog makes, and the inverse question
gain = compare(task, p_to=0.6)
print(f"per step: {gain.relative_gain_step:+.0%} relative, {100 * gain.absolute_gain_step:+.0f} percentage points")
print(f"whole task: {gain.success:.4%} -> {gain.success_to:.4%}, {gain.relative_gain_task:+.3%} relative")
print(f"per-step p needed for a 50 % task: {required_p(task, 0.5):.6f}")

# %%
# The figure family: P against p, against scale, the gains, the scoring variants
from emergence.plotting import compound_figure, save_figure

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "compound_blog.png"
figure = compound_figure(curves(task, ScaleMap("linear_log"), p_to=0.6), lang="en")
save_figure(figure, out)
print(f"figure: {out}")
