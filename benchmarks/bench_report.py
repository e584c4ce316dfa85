"""Speed and size of ``emergence report``, as ratios against baselines measured in the same run, and in seconds.

Run by hand (not part of the test suite), from an installed checkout with chromium and playwright:

    python benchmarks/bench_report.py              # 5 runs of each
    python benchmarks/bench_report.py --runs 3 --json

1. The command: wall and CPU time of ``emergence report --lang zh --out FILE.html`` (the lesson with
   its nine figures as SVG, and the slider grids) against the smallest program that writes one
   matplotlib SVG figure (``import matplotlib.pyplot`` and ``savefig``), alternating, medians.
   Budget (issue 9): under 10 s wall.
2. The page: its size in bytes. Budget: under 3 MB.
3. In headless chromium (Debian's, through playwright): the time from navigation until the page's
   script has drawn every slider chart (it marks ``<html data-ready=MS>`` with the milliseconds
   since navigation began), and the wall time of ``goto`` until then, against a minimal page with one
   inline script that marks itself ready, opened the same way in the same browser. Budget: under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _measure  # benchmarks/_measure.py, beside this script
from bench_compound import command_for_toolkit  # this folder is on the path when the script runs

BUDGET_SECONDS = 10.0
BUDGET_BYTES = 3 * 1024 * 1024
BUDGET_INTERACTIVE = 1.0
BASELINE_FIGURE = ("import io, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
                   "fig, ax = plt.subplots(); ax.plot([1, 2, 3]); fig.savefig(io.BytesIO(), format='svg')")
MINIMAL_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>baseline</title></head><body>"
                "<p>baseline</p><script>document.documentElement.setAttribute(\"data-ready\", "
                "performance.now().toFixed(1));</script></body></html>\n")
ENV = {**os.environ, "NO_COLOR": "1", "MPLBACKEND": "Agg"}


def measure(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``cmd`` in a fresh process."""
    return _measure.measure(cmd, ENV)


def command(runs: int, out: Path) -> dict:
    report = command_for_toolkit() + ["report", "--lang", "zh", "--out", str(out)]
    baseline = [sys.executable, "-c", BASELINE_FIGURE]
    measure(baseline), measure(report)  # warm the file cache and bytecode
    base, tool = [], []
    for _ in range(runs):
        base.append(measure(baseline))
        tool.append(measure(report))
    b_cpu, t_cpu = statistics.median(x[0] for x in base), statistics.median(x[0] for x in tool)
    b_wall, t_wall = statistics.median(x[1] for x in base), statistics.median(x[1] for x in tool)
    return {"wall_s": t_wall, "cpu_s": t_cpu, "baseline_wall_s": b_wall, "baseline_cpu_s": b_cpu,
            "wall_ratio": t_wall / b_wall, "cpu_ratio": t_cpu / b_cpu, "budget_s": BUDGET_SECONDS, "runs": runs}


def browser(runs: int, page: Path, minimal: Path) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium")
    times: dict[str, dict[str, list[float]]] = {"page": {"ready": [], "goto": []}, "baseline": {"ready": [], "goto": []}}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                "--disable-background-networking"])
        for _ in range(runs + 1):  # the first round warms the browser and is dropped
            for name, path in (("baseline", minimal), ("page", page)):
                context = b.new_context(viewport={"width": 1024, "height": 768})
                pg = context.new_page()
                start = time.perf_counter()
                pg.goto(path.as_uri())
                pg.wait_for_selector("html[data-ready]", timeout=30_000)
                goto = time.perf_counter() - start
                ready = float(pg.get_attribute("html", "data-ready") or "nan") / 1000.0
                times[name]["ready"].append(ready)
                times[name]["goto"].append(goto)
                context.close()
        b.close()
    m = {name: {k: statistics.median(v[1:]) for k, v in t.items()} for name, t in times.items()}
    return {"ready_s": m["page"]["ready"], "goto_s": m["page"]["goto"], "baseline_ready_s": m["baseline"]["ready"],
            "baseline_goto_s": m["baseline"]["goto"], "ready_ratio": m["page"]["ready"] / m["baseline"]["ready"],
            "goto_ratio": m["page"]["goto"] / m["baseline"]["goto"], "budget_s": BUDGET_INTERACTIVE, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    machine = _measure.machine()
    with tempfile.TemporaryDirectory() as tmp:
        out, minimal = Path(tmp) / "report.html", Path(tmp) / "minimal.html"
        minimal.write_text(MINIMAL_PAGE, encoding="utf-8")
        cmd = command(args.runs, out)
        size = {"bytes": out.stat().st_size, "budget_bytes": BUDGET_BYTES}
        page = browser(args.runs, out, minimal)
    if args.json:
        print(json.dumps({"machine": machine, "command": cmd, "size": size, "browser": page}, indent=2))
        return

    def flag(ok: bool) -> str:
        return "ok" if ok else "OVER BUDGET"

    print(f"machine: {machine}")
    print(f"emergence report --lang zh, median of {cmd['runs']} alternating runs:")
    print(f"  wall {cmd['wall_s']:6.2f} s  (baseline: one matplotlib SVG figure {cmd['baseline_wall_s']:5.2f} s, "
          f"ratio {cmd['wall_ratio']:5.1f})  CPU {cmd['cpu_s']:6.2f} s (ratio {cmd['cpu_ratio']:5.1f})  "
          f"budget {BUDGET_SECONDS:g} s: {flag(cmd['wall_s'] < BUDGET_SECONDS)}")
    print(f"  page {size['bytes'] / 1024:,.0f} KB ({size['bytes'] / BUDGET_BYTES:.0%} of 3 MB): {flag(size['bytes'] < BUDGET_BYTES)}")
    print(f"headless chromium, median of {page['runs']} loads:")
    print(f"  interactive {page['ready_s'] * 1000:6.0f} ms after navigation (minimal page {page['baseline_ready_s'] * 1000:4.0f} ms, "
          f"ratio {page['ready_ratio']:4.1f}); goto..ready {page['goto_s'] * 1000:6.0f} ms (minimal "
          f"{page['baseline_goto_s'] * 1000:4.0f} ms, ratio {page['goto_ratio']:4.1f})  budget 1 s: "
          f"{flag(page['ready_s'] < BUDGET_INTERACTIVE)}")


if __name__ == "__main__":
    main()
