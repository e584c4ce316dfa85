"""Every script in examples/ runs as a user would run it, writes its figure and prints what the README says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clihelp import ROOT

EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.py"))


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Run each example once (on first use) with a figure path; returns (process, figure path)."""
    cache: dict[str, tuple[subprocess.CompletedProcess, Path]] = {}

    def run(name: str) -> tuple[subprocess.CompletedProcess, Path]:
        if name not in cache:
            tmp = tmp_path_factory.mktemp(name.removesuffix(".py"))
            out = tmp / "figure.png"
            env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
            proc = subprocess.run([sys.executable, str(ROOT / "examples" / name), str(out)],
                                  capture_output=True, text=True, env=env, cwd=tmp, timeout=300)
            cache[name] = (proc, out)
        return cache[name]

    return run


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_and_writes_its_figure(ran, name):
    proc, out = ran(name)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_compound_blog_prints_the_blog_numbers(ran):
    proc, _ = ran("compound_blog.py")
    assert "1.02400%" in proc.stdout and "+659.375% relative" in proc.stdout
    assert "0.870551" in proc.stdout


def test_metric_mirage_prints_sharpness_and_resolution(ran):
    proc, _ = ran("metric_mirage.py")
    score = {line.split()[0]: float(line.split()[2]) for line in proc.stdout.splitlines() if "breakthroughness" in line}
    assert score["exact_match"] > 2 * score["token_accuracy"]
    seen = [line for line in proc.stdout.splitlines() if "exact matches seen" in line]
    assert seen[0].startswith("n =   100") and "[0, 0, 0," in seen[0]
    assert "n = 10000" in seen[1]


def test_threshold_bullet_prints_the_ladder(ran):
    proc, _ = ran("threshold_bullet.py")
    assert "shape      recognised from d = 3" in proc.stdout
    assert "trajectory recognised from d = 6" in proc.stdout
    assert "vacuum  coefficients needed" in proc.stdout and "[3.0, 3.0, 3.0, 3.0, 3.0]" in proc.stdout


def test_examples_default_to_a_temporary_directory(tmp_path):
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "compound_blog.py")], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    written = Path(proc.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert written.is_file() and written.suffix == ".png"
    assert not any(tmp_path.iterdir())  # nothing written into the working directory
