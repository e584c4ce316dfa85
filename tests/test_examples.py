"""Every script in examples/ runs as a user would run it, writes its figure and prints what the README says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
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


# --------------------------------------------------------------------------------------------
# the gallery of the lesson: one script per figure of `emergence tour`


LESSONS = sorted(p.name for p in (ROOT / "examples").glob("lesson_*.py"))


def _key(name: str) -> str:
    return name.removesuffix(".py").split("_", 2)[2]


@pytest.fixture(scope="module")
def lesson():
    from emergence.tour import lesson as compute

    return compute("en")


def test_one_lesson_script_per_step_in_order():
    from emergence.tour import STEP_KEYS

    assert [_key(n) for n in LESSONS] == list(STEP_KEYS)
    assert [n.split("_")[1] for n in LESSONS] == [f"{i:02d}" for i in range(1, len(STEP_KEYS) + 1)]


def _bars(ax) -> list[float]:
    return [round(p.get_width(), 9) for p in ax.patches]


def _lines(ax) -> list:
    return [line for line in ax.get_lines() if len(line.get_xdata()) > 1]


# what each figure must show, read from the figure itself
DRAWN = {
    "phenomenon": lambda fig, step: np.allclose(
        _lines(fig.axes[0])[0].get_ydata(), [100 * v for k, v in step.numbers.items() if k.startswith("exact_match_")]),
    "decomposition": lambda fig, step: len(_lines(fig.axes[0])) == 5 and fig.axes[1].get_yscale() == "log"
    and any(np.allclose(line.get_xdata(), [0.4]) for line in fig.axes[0].get_lines()),
    "chain_of_thought": lambda fig, step: _bars(fig.axes[0]) == [20, 18, 7, 6, 12, 4],
    "metric": lambda fig, step: [np.round(line.get_ydata(), 9).tolist() for line in _lines(fig.axes[0])] == [
        [round(100 * v, 9) for k, v in step.numbers.items() if k.startswith(prefix)] for prefix in ("partial_credit_", "exact_match_")],
    "resolution": lambda fig, step: ["100" in ax.get_title() and "10000" not in ax.get_title() for ax in fig.axes[:2]] == [True, False]
    and all(ax.get_yscale() == "log" for ax in fig.axes[:2]),
    "bullet": lambda fig, step: max(_lines(fig.axes[0])[0].get_ydata()) == 1.0 and fig.axes[1].get_yscale() == "log",
    "observers": lambda fig, step: all(ax.get_xscale() == "log" for ax in fig.axes[:2]) and len(_lines(fig.axes[0])) >= 4,
    "real_data": lambda fig, step: all(a.curve.family in ax.get_title() and "_" not in ax.get_title()
                                       for ax, a in zip(fig.axes[:2], step.data)),
    "conclusion": lambda fig, step: fig.axes[0].get_yscale() == "linear" and fig.axes[1].get_yscale() == "log"
    and fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
    and all(np.all(np.asarray(line.get_ydata()) > 0) for line in _lines(fig.axes[1])),
}


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_script_draws_its_step(ran, lesson, name, tmp_path, monkeypatch):
    import runpy

    from emergence.plotting import figure_bytes
    from emergence.plotting.tour import step_figure

    key = _key(name)
    proc, out = ran(name)
    assert proc.returncode == 0, proc.stderr
    step = lesson.step(key)
    # what it prints: the step's title and every row of its tables, as the lesson has them
    assert step.title in proc.stdout
    for table in step.tables:
        for row in table.rows:
            assert "  " + " | ".join(row) in proc.stdout
    assert f"the same figure: {step.command}" in proc.stdout
    # what it draws, in process: the figure object of the script
    monkeypatch.setattr(sys, "argv", [str(ROOT / "examples" / name), str(tmp_path / "again.png")])
    scope = runpy.run_path(str(ROOT / "examples" / name), run_name="__main__")
    figure = scope["figure"]
    assert figure.get_suptitle() == step.title
    assert DRAWN[key](figure, step), key
    # the file the script wrote is the lesson's own figure, byte for byte
    assert out.read_bytes() == (tmp_path / "again.png").read_bytes() == figure_bytes(step_figure(step, "en"), "png")


def test_a_lesson_script_draws_the_slide(tmp_path):
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    out = tmp_path / "slide.png"
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "lesson_04_metric.py"), str(out), "--slide"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1280, 720)
