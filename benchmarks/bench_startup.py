"""Start-up cost of the commands users wait for, as ratios against the smallest Typer program, measured side by side.

Run by hand (not part of the test suite), from an installed checkout:

    python benchmarks/bench_startup.py             # 31 alternating runs per command
    python benchmarks/bench_startup.py --runs 11   # quicker

The baseline imports numpy and typer, has one command with --steps and --p, and prints p**steps:
the least a Python command line doing this job can cost. Each toolkit command and the baseline run
alternately in fresh processes; for each we take the median CPU time (user + system, from the
child's resource usage, which is steadier than wall time on a busy machine) and the median wall
time. Budget (issue 7): every command at most 1.25x the baseline in CPU time.
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

BASELINE_CLI = textwrap.dedent(
    """
    import numpy as np
    import typer

    app = typer.Typer()

    @app.command()
    def main(steps: int = 5, p: float = 0.4):
        print(np.float64(p) ** steps)

    if __name__ == "__main__":
        app()
    """
)

COMMANDS = {
    "compound --steps 5 --p 0.4": ["compound", "--steps", "5", "--p", "0.4"],
    "compound --json": ["compound", "--json"],
    "metric --json": ["metric", "--json"],
    "threshold --json": ["threshold", "--json"],
    "--help": ["--help"],
}
BUDGET = 1.25


# Both programs get cached bytecode, whatever the shell says (PYTHONDONTWRITEBYTECODE would make the
# toolkit recompile its sources on every run while the baseline's libraries keep theirs).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "emergence-bench-pycache")})


def measure(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``cmd`` in a fresh process."""
    return _measure.measure(cmd, ENV)


def run(runs: int) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        base_file = Path(tmp) / "smallest_typer.py"
        base_file.write_text(BASELINE_CLI)
        baseline = [sys.executable, str(base_file), "--steps", "5", "--p", "0.4"]
        for name, args in COMMANDS.items():
            cmd = command_for_toolkit() + args
            measure(baseline), measure(cmd)  # warm the file cache and bytecode
            base, tool = [], []
            for _ in range(runs):
                base.append(measure(baseline))
                tool.append(measure(cmd))
            b_cpu, t_cpu = statistics.median(x[0] for x in base), statistics.median(x[0] for x in tool)
            b_wall, t_wall = statistics.median(x[1] for x in base), statistics.median(x[1] for x in tool)
            out[name] = {"baseline_cpu_s": b_cpu, "cpu_s": t_cpu, "cpu_ratio": t_cpu / b_cpu,
                         "baseline_wall_s": b_wall, "wall_s": t_wall, "wall_ratio": t_wall / b_wall,
                         "budget": BUDGET, "runs": runs}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="alternating runs per command (default 31)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    machine = _measure.machine()
    figures = run(args.runs)
    if args.json:
        print(json.dumps({"machine": machine, "startup": figures}, indent=2))
        return
    print(f"machine: {machine}")
    print(f"start-up, median of {args.runs} alternating runs against the smallest Typer program:")
    for name, f in figures.items():
        flag = "ok" if f["cpu_ratio"] <= f["budget"] else "OVER BUDGET"
        print(f"  emergence {name:28s} CPU {f['cpu_s'] * 1000:6.1f} ms vs {f['baseline_cpu_s'] * 1000:6.1f} ms  "
              f"ratio {f['cpu_ratio']:.2f}  (wall {f['wall_s'] * 1000:6.1f} vs {f['baseline_wall_s'] * 1000:6.1f} ms, "
              f"ratio {f['wall_ratio']:.2f})  {flag}")


if __name__ == "__main__":
    main()
