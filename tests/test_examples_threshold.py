"""examples/threshold_bullet.py runs as a script, prints the bullet example and writes its figure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.clihelp import ROOT

SCRIPT = ROOT / "examples" / "threshold_bullet.py"


def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_example_writes_the_figure_it_is_given(tmp_path):
    out = tmp_path / "bullet.svg"
    proc = run_script(str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000
    assert "shape      recognised from d = 3" in proc.stdout
    assert "trajectory recognised from d = 6" in proc.stdout
    assert "vacuum  coefficients needed" in proc.stdout and "[3.0, 3.0, 3.0, 3.0, 3.0]" in proc.stdout


def test_example_defaults_to_a_temporary_directory(tmp_path):
    proc = run_script(cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = Path(proc.stdout.strip().splitlines()[-1].removeprefix("figure written to "))
    assert written.is_file() and written.suffix == ".png"
    written.unlink()
    written.parent.rmdir()
