"""Speed, memory and agreement of `emergence analyze`: whole runs of the command, the inputs a fuzz found
slow, and the batched bootstrap fits against a naive scipy loop.

Run by hand (not part of the test suite), from an installed checkout beside ../shared/data:

    python benchmarks/bench_analyze.py              # full run
    python benchmarks/bench_analyze.py --quick      # a smaller naive subset

1. Whole runs of the command, each in a fresh process (``python -m emergence analyze ... --json``),
   reporting wall time, CPU time and the peak resident memory of the process (like
   ``/usr/bin/time -v``): every curve of ``obsscaling_emergent_capability.csv`` split by family
   (1,000 resamples each); the 600 curves of ``lm-eval-pythia/`` (fewer resamples, by the work
   budget); and the inputs a fuzz found slow, written here: 160 curves of 6 sizes of pure noise (the
   fit's worst case), the same with ``--top 100 --plot`` (at most 12 panels are drawn), one curve of
   1,000 sizes, and the inputs refused up front (a curve of 10,000 sizes, a table of 50,000
   columns). Budget: 10 s and 1 GB each (500 MB for the real tables).
2. Batched against naive on the same resamples: for the longest curves, every resample fitted by
   the toolkit (all at once) and by ``scipy.optimize.curve_fit`` one at a time on the expanded
   data (same model, same bounds, a data-driven start). Reported: the time per resample of each,
   their ratio (budget: at least 20x), and the share of resamples on which the two midpoints agree
   within 1e-3 decades (budget: 98 %), with how many of the others the toolkit fits better.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import _measure  # benchmarks/_measure.py, beside this script
import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA = SHARED / "obsscaling_emergent_capability.csv"
ROOT = Path(__file__).resolve().parents[1]


def run_command(args: list[str]) -> dict:
    """``emergence analyze ARGS --json`` in a fresh process: exit status, wall and CPU seconds, peak memory (MB)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    script = ("import resource, subprocess, sys, time, json; start = time.perf_counter(); "
              "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
              "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
              "print(json.dumps({'code': p.returncode, 'wall_s': time.perf_counter() - start, "
              "'cpu_s': u.ru_utime + u.ru_stime, 'peak_mb': u.ru_maxrss / 1024, 'stdout': p.stdout, 'stderr': p.stderr}))")
    out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "emergence", "analyze", *args, "--json"],
                         check=True, capture_output=True, text=True, env=env)
    result = json.loads(out.stdout)
    if result["code"] == 0:
        envelope = json.loads(result["stdout"])
        result["curves"] = len(envelope["results"]["curves"])
        result["resamples"] = envelope["params"]["bootstrap"]
    else:
        result["refused"] = result["stderr"].strip().splitlines()[-1][:160]
    del result["stdout"], result["stderr"]
    return result


def fuzz_inputs(directory: Path) -> dict[str, list[str]]:
    """The inputs a fuzz found slow, written to ``directory``: name -> arguments of the command."""
    rng = np.random.default_rng(0)
    noise = directory / "noise_160x6.csv"
    with noise.open("w") as handle:
        handle.write("model,family,params,task,score\n")
        for task in range(160):
            for i in range(6):
                handle.write(f"m{i},f,{1e8 * 2**i:g},t{task},{rng.random():.4f}\n")
    long = directory / "one_curve_1000.csv"
    with long.open("w") as handle:
        handle.write("model,family,params,score\n")
        handle.writelines(f"m{i},f,{1e6 * (i + 1):g},{rng.random():.4f}\n" for i in range(1000))
    longer = directory / "one_curve_10000.csv"
    with longer.open("w") as handle:
        handle.write("model,family,params,score\n")
        handle.writelines(f"m{i},f,{1e6 * (i + 1):g},{rng.random():.4f}\n" for i in range(10000))
    wide = directory / "columns_50000.csv"
    wide.write_text(",".join(f"c{i}" for i in range(50000)) + "\n" + ",".join("1" for _ in range(50000)) + "\n")
    return {"160 curves of 6 sizes, noise": [str(noise)],
            "the same, --top 100 --plot": [str(noise), "--top", "100", "--plot", str(directory / "f.png")],
            "one curve of 1,000 sizes": [str(long)],
            "one curve of 10,000 sizes (refused)": [str(longer)],
            "a table of 50,000 columns (refused)": [str(wide)]}


def whole_runs() -> dict[str, dict]:
    runs = {}
    if DATA.is_file():
        runs["ObsScaling table, 158 curves"] = run_command([str(DATA)])
    if (SHARED / "lm-eval-pythia").is_dir():
        runs["lm-eval-pythia, 600 curves"] = run_command([str(SHARED / "lm-eval-pythia")])
    with tempfile.TemporaryDirectory(prefix="bench-analyze-") as tmp:
        for name, args in fuzz_inputs(Path(tmp)).items():
            runs[name] = run_command(args)
    return runs


def naive_against_batched(curves: int, resamples: int) -> dict:
    from scipy.optimize import curve_fit

    from emergence import data, fit

    report = data.load([str(DATA)])
    longest = sorted(report.curves, key=lambda c: -len(c.sizes))[:curves]
    rng = np.random.default_rng(1)
    batched_s = naive_s = 0.0
    agree = tie = ours_better = scipy_better = failed = total = 0
    for curve in longest:
        x, y = np.log10(np.asarray(curve.sizes, dtype=float)), np.asarray(curve.scores, dtype=float)
        weights = fit.resample_weights(x.size, resamples, rng)
        bounds = fit.Bounds.for_data(x)
        start = time.perf_counter()
        batch = fit.fit_sigmoid(x, y, weights, bounds=bounds)
        batched_s += time.perf_counter() - start
        start = time.perf_counter()
        for b in range(resamples):
            idx = np.repeat(np.arange(x.size), weights[b].astype(int))
            xs, ys = x[idx], y[idx]
            p0 = [ys.min(), ys.max(), float(np.median(xs)), math.sqrt(bounds.width_low * bounds.width_high)]
            total += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    p, _ = curve_fit(fit.sigmoid, xs, ys, p0=p0, maxfev=20000,
                                     bounds=([-np.inf, -np.inf, bounds.midpoint_low, bounds.width_low],
                                             [np.inf, np.inf, bounds.midpoint_high, bounds.width_high]))
            except RuntimeError:
                failed += 1
                continue
            sse = float(np.sum((ys - fit.sigmoid(xs, *p)) ** 2))
            if abs(p[2] - batch.midpoint[b]) < 1e-3:
                agree += 1
            elif abs(batch.sse[b] - sse) <= 1e-6 * max(sse, 1e-12):
                tie += 1  # another midpoint with the same least squares: the data do not pin it down
            elif batch.sse[b] < sse:
                ours_better += 1
            else:
                scipy_better += 1
        naive_s += time.perf_counter() - start
    return {"curves": [f"{c.label} ({len(c.sizes)} sizes)" for c in longest], "resamples": resamples * len(longest),
            "batched_ms_per_resample": 1000 * batched_s / total, "naive_ms_per_resample": 1000 * naive_s / total,
            "speed_ratio": naive_s / batched_s, "agree_share": agree / total, "tie_share": tie / total,
            "toolkit_better": ours_better,
            "scipy_better": scipy_better, "scipy_failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="naive loop on 2 curves x 100 resamples")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"not found: {DATA}")
    machine = _measure.machine()
    runs = whole_runs()
    cmp = naive_against_batched(2 if args.quick else 4, 100 if args.quick else 250)
    if args.json:
        print(json.dumps({"machine": machine, "whole_runs": runs, "naive_against_batched": cmp}, indent=2))
        return
    print(f"machine: {machine}")
    print("whole runs of `emergence analyze ... --json`, one thread (budget 10 s and 1 GB each):")
    for name, r in runs.items():
        what = (f"{r['curves']} curves, {r['resamples']} resamples each" if r["code"] == 0
                else f"exit {r['code']}: {r.get('refused', '')}")
        print(f"  {name}: wall {r['wall_s']:.2f} s, CPU {r['cpu_s']:.2f} s, peak {r['peak_mb']:.0f} MB ({what})")
    print(f"batched against a curve_fit loop, {cmp['resamples']} resamples of the longest curves:")
    print(f"  toolkit {cmp['batched_ms_per_resample']:.3f} ms per resample, scipy {cmp['naive_ms_per_resample']:.2f} ms: "
          f"{cmp['speed_ratio']:.1f}x faster (budget 20x)")
    print(f"  same midpoint within 1e-3 on {100 * cmp['agree_share']:.1f} % (budget 98 %), another midpoint with the same "
          f"sum of squares on {100 * cmp['tie_share']:.1f} %; elsewhere the toolkit fits better {cmp['toolkit_better']} times, "
          f"scipy {cmp['scipy_better']} times; scipy failed {cmp['scipy_failed']} times")
    for label in cmp["curves"]:
        print(f"    {label}")


if __name__ == "__main__":
    main()
