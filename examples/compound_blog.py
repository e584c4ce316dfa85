"""
The blog's multi-step example, from the library
===============================================

A task of five steps, each right with probability 0.4, then 0.6: the step gets 50 % better,
the whole task 659 % better. Then several attempts at the same item: pass@5 and votes, with and
without a shared item accuracy. Run it with ``python examples/compound_blog.py [FIGURE.png]``.
"""

import sys
import tempfile
from pathlib import Path

from emergence.compound import Chain, analyse, chain, compare, curves, required_p, success
from emergence.plotting import compound_figure, save_figure
from emergence.scaling import ScaleMap

# %%
# Exact values, with the partial-credit views of one attempt
task = chain(0.4, steps=5)
outcome = analyse(task)
print(f"P(all 5 steps right) at p = 0.4: {outcome.success:.5%}")
print(f"expected fraction of steps right: {outcome.one_attempt.fraction_correct:.0%}")
print(f"prefix credit (steps before the first error / k): {outcome.one_attempt.prefix_credit:.4f}")

# %%
# The comparison the blog makes, and the inverse question
gain = compare(task, p_to=0.6)
print(f"per step: {gain.relative_gain_step:+.0%} relative, {100 * gain.absolute_gain_step:+.0f} percentage points")
print(f"whole task: {gain.success:.4%} -> {gain.success_to:.4%}, {gain.relative_gain_task:+.3%} relative "
      f"(ratio {gain.task_ratio:.5f})")
print(f"per-step p needed for a 50 % task: {required_p(task, 0.5):.6f}")

# %%
# Several attempts at the same item. With a correlation the attempts share the item's accuracy,
# so pass@5 gains less than five independent tries would; a vote among distinct wrong answers
# can help a task whose single attempt succeeds less than half the time.
p1 = success(chain(0.8, 5))
print(f"one attempt at p = 0.8, k = 5: {p1:.4f}")
print(f"pass@5, independent attempts: {success(Chain((0.8,), 5, attempts=5)):.4f}; "
      f"sharing X (rho = 0.3): {success(Chain((0.8,), 5, correlation=0.3, attempts=5)):.4f}")
print(f"vote of 21, one wrong answer: {success(Chain((0.8,), 5, vote=21)):.4f}; "
      f"among 10 wrong answers: {success(Chain((0.8,), 5, vote=21, vote_wrong_answers=10)):.4f}")

# %%
# The figure family: P against p, against scale, the gains, the scoring variants
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "compound_blog.png"
figure = compound_figure(curves(task, ScaleMap("linear_log"), p_to=0.6), lang="en")
save_figure(figure, out)
print(f"figure: {out}")
