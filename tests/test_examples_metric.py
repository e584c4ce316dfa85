"""examples/metric_mirage.py runs as a script and prints what the README says it shows."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.clihelp import ROOT


def test_metric_mirage_example(tmp_path):
    out = tmp_path / "mirage.png"
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "metric_mirage.py"), str(out)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    score = {line.split()[0]: float(line.split()[2]) for line in proc.stdout.splitlines()
             if "breakthroughness" in line}
    assert score["exact_match"] > 2 * score["token_accuracy"]
    seen = [line for line in proc.stdout.splitlines() if "exact matches seen" in line]
    assert seen[0].startswith("n =   100") and "[0, 0, 0," in seen[0]
    assert "n = 10000" in seen[1]
