"""Speed and memory of the Monte Carlo and of the figures, as ratios against baselines measured in the same run.

Run by hand (not part of the test suite), from an installed checkout:

    python benchmarks/bench_compound.py            # full run: 10^7-task Monte Carlo
    python benchmarks/bench_compound.py --quick    # fewer runs, 10^6 tasks

Start-up of every command is measured by ``bench_startup.py`` beside this file.

1. Monte Carlo: 10^7 tasks of 20 correlated steps (p = 0.7, rho = 0.3) with the toolkit's chunked
   simulation, against the naive `rng.random((N, k)) < p` simulation of the same process. Each runs
   in a fresh process that reports its own time and peak resident memory. Budgets: at most 3 s and
   under 300 MB for the toolkit; the naive one is expected several times slower and 5x larger.
2. Figures (DESIGN.md's plotting budget): wall time of each command with ``--plot FILE.png``
   against ``python -c "import matplotlib.pyplot"`` plus the same command with ``--json`` (the
   computation without the figure). Budget: at most 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import _measure  # benchmarks/_measure.py, beside this script

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    import numpy as np
    from emergence.compound import Chain, success
    mode, trials, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    p, rho = 0.7, 0.3
    task = Chain((p,), steps, correlation=rho)
    rng = np.random.default_rng(12345)
    start = time.perf_counter()
    if mode == "toolkit":
        from emergence.montecarlo import simulate
        estimate = simulate(task, trials, rng).estimate
    elif mode == "naive":
        a, b = task.beta_params
        item_p = rng.beta(a, b, trials)
        estimate = float(np.mean((rng.random((trials, steps)) < item_p[:, None]).all(axis=1)))
    else:
        estimate = float("nan")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "estimate": estimate, "exact": success(task)}))
    """
)


def command_for_toolkit() -> list[str]:
    script = Path(sys.executable).with_name("emergence")
    if script.exists():
        return [str(script)]
    found = shutil.which("emergence")
    return [found] if found else [sys.executable, "-m", "emergence"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    return time.perf_counter() - start


PLOTTED = {
    "compound": ["compound", "--p-to", "0.6"],
    "metric": ["metric", "--seed", "1"],
    "threshold": ["threshold", "--seed", "1"],
}


def figures(runs: int) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        mpl = [sys.executable, "-c", "import matplotlib.pyplot"]
        for name, args in PLOTTED.items():
            plot_cmd = command_for_toolkit() + args + ["--plot", str(Path(tmp) / f"{name}.png")]
            json_cmd = command_for_toolkit() + args + ["--json"]
            times = {"mpl": [], "json": [], "plot": []}
            for _ in range(runs):
                times["mpl"].append(wall(mpl))
                times["json"].append(wall(json_cmd))
                times["plot"].append(wall(plot_cmd))
            m = {k: statistics.median(v) for k, v in times.items()}
            out[name] = {**m, "ratio": m["plot"] / (m["mpl"] + m["json"]), "budget": 2.0}
    return out


def monte_carlo(trials: int, steps: int) -> dict:
    def child(mode: str) -> dict:
        out = subprocess.run([sys.executable, "-c", CHILD, mode, str(trials), str(steps)], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)

    idle, toolkit, naive = child("idle"), child("toolkit"), child("naive")
    return {
        "trials": trials,
        "steps": steps,
        "interpreter_mb": idle["peak_mb"],
        "toolkit": toolkit,
        "naive": naive,
        "time_ratio_naive_over_toolkit": naive["seconds"] / toolkit["seconds"],
        "memory_ratio_naive_over_toolkit": (naive["peak_mb"] - idle["peak_mb"]) / max(toolkit["peak_mb"] - idle["peak_mb"], 1e-9),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 figure runs and 10^6 tasks")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    trials = 10**6 if args.quick else 10**7

    machine = _measure.machine()
    mc = monte_carlo(trials, 20)
    figs = figures(3 if args.quick else 5)
    if args.json:
        print(json.dumps({"machine": machine, "monte_carlo": mc, "figures": figs}, indent=2))
        return
    tk, nv = mc["toolkit"], mc["naive"]
    print(f"machine: {machine}")
    print(f"Monte Carlo, {trials:.0e} tasks of {mc['steps']} correlated steps (p = 0.7, rho = 0.3; exact P = {tk['exact']:.6f}):")
    print(f"  toolkit (chunked)   {tk['seconds']:6.2f} s   peak {tk['peak_mb']:7.1f} MB   estimate {tk['estimate']:.6f}")
    print(f"  naive (N x k)       {nv['seconds']:6.2f} s   peak {nv['peak_mb']:7.1f} MB   estimate {nv['estimate']:.6f}")
    print(f"  (an idle interpreter with numpy peaks at {mc['interpreter_mb']:.1f} MB)")
    print(f"  naive / toolkit: time {mc['time_ratio_naive_over_toolkit']:.1f}x, memory above the interpreter "
          f"{mc['memory_ratio_naive_over_toolkit']:.1f}x")
    print("figures (png), median wall time; baseline = import matplotlib.pyplot + the same command with --json:")
    for name, f in figs.items():
        print(f"  {name:10s} --plot {f['plot']:5.2f} s   baseline {f['mpl']:4.2f} + {f['json']:4.2f} s   "
              f"ratio {f['ratio']:.2f} (budget {f['budget']})")


if __name__ == "__main__":
    main()
