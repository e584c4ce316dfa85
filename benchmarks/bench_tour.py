"""Wall time of the lesson, ``emergence tour --lang zh --out DIR``, against a plotting floor measured side by side.

Run by hand (not part of the test suite), from an installed checkout:

    python benchmarks/bench_tour.py            # 5 alternating runs of each
    python benchmarks/bench_tour.py --runs 3   # quicker
    python benchmarks/bench_tour.py --json

Budget (issue 9): the whole tour with its figures, without --step, in under 10 s of wall time.
The baseline is a plain plotting program with the same output: import numpy and matplotlib,
draw nine two-panel figures of the same size (four curves on a log axis with decade ticks, titles,
labels, a legend each, constrained layout) and save them as PNG. Tour and baseline run alternately in fresh
processes; for each we take the median wall time and the median CPU time (user + system, from the
child's resource usage) and report the tour's ratio to the baseline, so a slow or busy machine
shows as a slow baseline rather than as a slow tour.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

import _measure  # benchmarks/_measure.py, beside this script
from bench_compound import command_for_toolkit  # this folder is on the path when the script runs

BUDGET_S = 10.0
FIGURES = 9

BASELINE = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path

    import numpy as np
    from matplotlib.figure import Figure

    out = Path(sys.argv[1])
    x = np.logspace(7, 13, 200)
    for i in range({FIGURES}):
        fig = Figure(figsize=(12.8, 4.8), dpi=100, layout="constrained")
        for j, ax in enumerate(fig.subplots(1, 2)):
            for k in (1, 2, 3, 5):
                ax.plot(x, np.exp(-k * (x / 1e9) ** -0.5), label=f"k = {{k}}")
            ax.set_xscale("log")
            ax.minorticks_off()
            ax.set(title=f"panel {{j}}", xlabel="model size", ylabel="score")
            ax.legend()
        fig.suptitle(f"figure {{i}}")
        fig.savefig(out / f"{{i:02d}}.png")
    """
)

COMMANDS = {
    "tour --lang zh --out DIR": ["tour", "--lang", "zh", "--out"],
    "tour --lang zh --slides --out DIR": ["tour", "--lang", "zh", "--slides", "--out"],
    "tour --lang zh (panels only)": ["tour", "--lang", "zh"],
}

# Both programs get cached bytecode, whatever the shell says (PYTHONDONTWRITEBYTECODE would make the
# toolkit recompile its sources on every run while the baseline's libraries keep theirs).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"NO_COLOR": "1", "MPLBACKEND": "Agg",
            "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "emergence-bench-pycache")})


def measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``cmd`` in a fresh process."""
    cpu, wall = _measure.measure(cmd, ENV)
    return wall, cpu


def run(runs: int) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        base_file = Path(tmp) / "nine_figures.py"
        base_file.write_text(BASELINE)
        base_dir, tour_dir = Path(tmp) / "baseline", Path(tmp) / "lesson"
        base_dir.mkdir()
        baseline = [sys.executable, str(base_file), str(base_dir)]
        for name, args in COMMANDS.items():
            cmd = command_for_toolkit() + args + ([str(tour_dir)] if args[-1] == "--out" else [])
            measure(baseline), measure(cmd)  # warm the file cache, the bytecode and the font cache
            base, tool = [], []
            for _ in range(runs):
                base.append(measure(baseline))
                tool.append(measure(cmd))
            b_wall, t_wall = statistics.median(x[0] for x in base), statistics.median(x[0] for x in tool)
            b_cpu, t_cpu = statistics.median(x[1] for x in base), statistics.median(x[1] for x in tool)
            out[name] = {"wall_s": t_wall, "baseline_wall_s": b_wall, "wall_ratio": t_wall / b_wall,
                         "cpu_s": t_cpu, "baseline_cpu_s": b_cpu, "cpu_ratio": t_cpu / b_cpu,
                         "budget_s": BUDGET_S, "within_budget": t_wall < BUDGET_S, "runs": runs}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="alternating runs of each command (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    machine = _measure.machine()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    figures = run(args.runs)
    if args.json:
        print(json.dumps({"machine": machine, "load_average": load, "tour": figures}, indent=2))
        return
    print(f"machine: {machine}; load average {load:.2f}")
    print(f"median of {args.runs} alternating runs; baseline: numpy + matplotlib drawing and saving {FIGURES} two-panel PNGs")
    for name, f in figures.items():
        flag = "ok" if f["within_budget"] else f"OVER the {f['budget_s']:g} s budget"
        print(f"  emergence {name:36s} wall {f['wall_s']:5.2f} s vs {f['baseline_wall_s']:5.2f} s (ratio {f['wall_ratio']:.2f}); "
              f"CPU {f['cpu_s']:5.2f} s vs {f['baseline_cpu_s']:5.2f} s (ratio {f['cpu_ratio']:.2f})  {flag}")


if __name__ == "__main__":
    main()
