"""Speed, memory and agreement of `emergence analyze`'s batched bootstrap fits, against a naive scipy loop.

Run by hand (not part of the test suite), from an installed checkout beside ../shared/data:

    python benchmarks/bench_analyze.py              # full run
    python benchmarks/bench_analyze.py --quick      # a smaller naive subset

1. The whole job: every curve of ``obsscaling_emergent_capability.csv`` split by family, 1,000
   bootstrap resamples each, the full analysis (fits, backtest, tests), in a fresh process that
   reports its wall time, CPU time and peak resident memory. Budget: 10 s wall, 500 MB.
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
import platform
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "obsscaling_emergent_capability.csv"

WHOLE_JOB = textwrap.dedent(
    """
    import json, resource, sys, time
    start = time.perf_counter(); cpu0 = time.process_time()
    from emergence import data, verdict
    import numpy as np
    report = data.load([sys.argv[1]])
    settings = verdict.Settings(bootstrap=1000)
    curves = [c for c in report.curves if len(c.sizes) >= 2]
    verdict.analyse_all(curves, settings, np.random.default_rng(0).spawn(len(curves)))
    points = [len(c.sizes) for c in curves]
    print(json.dumps({"wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu0,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "curves": len(points), "min_points": min(points), "max_points": max(points)}))
    """
)


def whole_job() -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", WHOLE_JOB, str(DATA)], check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


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
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    job = whole_job()
    cmp = naive_against_batched(2 if args.quick else 4, 100 if args.quick else 250)
    if args.json:
        print(json.dumps({"machine": machine, "whole_job": job, "naive_against_batched": cmp}, indent=2))
        return
    print(f"machine: {machine}")
    print(f"whole job: {job['curves']} curves ({job['min_points']} to {job['max_points']} sizes), 1000 resamples each, one thread:")
    print(f"  wall {job['wall_s']:.2f} s (budget 10), CPU {job['cpu_s']:.2f} s, peak {job['peak_mb']:.0f} MB (budget 500)")
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
