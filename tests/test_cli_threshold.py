"""``emergence threshold``: the bullet example by default, the other models, JSON, figures, bad input."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from tests.clihelp import assert_usage_error, run, run_json, run_subprocess
from tests.test_composition import time_exact
from tests.test_dimensions import error_s2
from tests.test_imports import HEAVY, modules_after, running


# --------------------------------------------------------------------------------------------
# the default: the blog's bullet example


def test_no_options_reproduces_the_bullet_example():
    result = run("threshold")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name, d, tau in (("shape", 3, 0.172544), ("position", 4, 0.134548), ("trajectory", 6, 0.0933443)):
        line = next(line for line in out.splitlines() if line.startswith(f"│ {name} "))
        cells = [c.strip() for c in line.split("│")[1:-1]]
        assert cells[1] == str(d) and cells[2] == f"{tau:g}", line
    assert "The smooth curve underneath" in out and "█" in out  # the curve is printed and drawn
    assert "0.392073" in out  # R(1) = 1 - 6/pi^2
    assert "seed:" in result.stderr  # the noisy projectile drew random numbers


def test_default_json_states_the_ladder_and_the_smooth_curve():
    data = run_json("threshold", "--seed", "4")
    assert data["command"] == "threshold" and data["model"] == "dimensions" and data["seed"] == 4
    ladder = data["emergence_point"]["capabilities"]
    assert [(c["name"], c["dims"]) for c in ladder] == [("shape", 3), ("position", 4), ("trajectory", 6)]
    assert [c["threshold"] for c in ladder] == pytest.approx([error_s2(3), error_s2(4), error_s2(6)], rel=1e-9)
    curves = data["curves"]
    assert curves["dims"] == list(range(11))
    assert curves["error"] == pytest.approx([error_s2(d) for d in range(11)], rel=1e-9)
    assert curves["capabilities_present"] == [0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 3]
    assert curves["error_approx"][0] is None  # infinite at d = 0, explained in the notes
    assert curves["projectile"]["rmse"][0][:2] == pytest.approx([1.669813762070489, 0.4327562824500646], rel=1e-12)
    assert [p["threshold"] for p in data["emergence_point"]["tolerances"]] == [0.2, 0.1, 0.05]
    assert any("null" in note for note in data["notes"])


def test_seed_makes_runs_repeatable_and_ladder_is_configurable():
    assert run_json("threshold", "--seed", "9") == run_json("threshold", "--seed", "9")
    data = run_json("threshold", "--ladder", "trajectory=7", "--tau", "0.3", "--noise", "0")
    assert [c["dims"] for c in data["emergence_point"]["capabilities"]] == [3, 4, 7]
    assert data["emergence_point"]["tolerances"][0]["at"] == 2
    assert "seed" not in data  # nothing random without noise


def test_chinese_tables():
    result = run("threshold", "--lang", "zh", "--seed", "1")
    assert result.exit_code == 0
    assert "子弹的例子" in result.stdout and "形状" in result.stdout


# --------------------------------------------------------------------------------------------
# the other models


def test_observers_json():
    data = run_json("threshold", "--model", "observers", "--seed", "2", "--runs", "5", "--sizes", "1e8:1e13:11")
    assert data["model"] == "observers"
    assert len(data["curves"]["sizes"]) == 11 and len(data["curves"]["steps"]) == 3
    half = data["emergence_point"]["observers"][0]
    assert half["threshold"] == 0.5 and half["at"] == pytest.approx(10**10.5, rel=1e-12)
    assert half["sensitivity"] == pytest.approx(1 / (2 * math.log(1.5) * 0.25), rel=1e-6)
    assert [r["share"] for r in data["emergence_point"]["raters"]] == [0.1, 0.5, 0.9]
    assert len(data["curves"]["run_jumps"]) == 5


def test_observers_table_states_point_and_sensitivity():
    result = run("threshold", "-m", "observers", "--tau", "0.5,0.9", "--runs", "0")
    assert result.exit_code == 0, result.output
    assert "decades per unit τ" in result.stdout and "3.162e+10" in result.stdout
    assert "seed:" not in result.stderr


def test_quanta_json():
    data = run_json("threshold", "-m", "quanta", "--seed", "3", "--tau", "0.2")
    assert data["model"] == "quanta"
    assert data["parameters"]["alpha"] == 0.4 and data["parameters"]["loss_before"] == pytest.approx(math.log(2))
    assert data["emergence_point"]["mean_loss"][0]["at"] == 13
    assert data["curves"]["fitted_alpha"] == pytest.approx(0.4, rel=1e-3)
    assert len(data["curves"]["polygenic"]["quanta"]) == 30


def test_quanta_capacity_gives_zero_quanta_and_a_null():
    data = run_json("threshold", "-m", "quanta", "--capacity", "10", "--sizes", "1:1e4:9", "--polygenic", "0")
    assert data["curves"]["learned"][0] == 0 and data["curves"]["loss_approx"][0] is None
    assert "seed" not in data


def test_composition_json_matches_exact_search():
    data = run_json("threshold", "-m", "composition", "--abilities", "3", "--steps", "40")
    assert data["parameters"] == {"p": 0.1, "abilities": 3, "steps": 40}
    rows = data["emergence_point"]["time_needed"]
    assert [r["abilities"] for r in rows] == [1, 2, 3]
    assert [p["at"] for p in rows[-1]["points"]] == [time_exact(3, Fraction(1, 10), Fraction(x)) for x in ("1/2", "4/5", "9/10")]
    assert len(data["curves"]["success"][2]["success"]) == 41


def test_composition_table():
    result = run("threshold", "-m", "composition", "--p", "0.05")
    assert result.exit_code == 0, result.output
    assert "t*" in result.stdout and "steps per unit τ" in result.stdout


# --------------------------------------------------------------------------------------------
# figures


@pytest.mark.parametrize("model", ["dimensions", "observers", "quanta", "composition"])
def test_plot_writes_the_models_figure(model, tmp_path):
    out = tmp_path / f"{model}.svg"
    result = run("threshold", "-m", model, "--plot", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000
    assert str(out) in result.stderr


def test_plot_path_is_checked_before_any_work(tmp_path):
    assert_usage_error(run("threshold", "--plot", tmp_path / "missing" / "a.png"), "--plot")
    assert_usage_error(run("threshold", "--plot", tmp_path / "a.gif"), "--plot")
    # /proc refuses new files even to root; elsewhere a read-only directory does the same
    locked = Path("/proc") if Path("/proc/self").is_dir() else tmp_path
    if locked == tmp_path:
        tmp_path.chmod(0o500)
    assert_usage_error(run("threshold", "--plot", locked / "a.png"), "--plot")


# --------------------------------------------------------------------------------------------
# bad input: exit 2, one line naming the option


@pytest.mark.parametrize(("args", "option"), [
    (["-m", "quanta", "--alpha", "0"], "--alpha"),
    (["-m", "quanta", "--alpha", "1e-300"], "--alpha"),
    (["-m", "quanta", "--alpha", "1e300"], "--alpha"),
    (["-m", "quanta", "--tau", "1e-300"], "--tau"),
    (["--ladder", "shape=1e30"], "--ladder"),
    (["--max-dims", "100000000"], "--max-dims"),
    (["-m", "quanta", "--alpha", "-0.4"], "--alpha"),
    (["-m", "quanta", "--capacity", "0"], "--capacity"),
    (["-m", "quanta", "--loss-before", "0"], "--loss-before"),
    (["-m", "quanta", "--tau", "0.9"], "--tau"),
    (["-m", "quanta", "--sizes", "-1,10"], "--sizes"),
    (["-m", "quanta", "--polygenic", "1000000"], "--polygenic"),
    (["-m", "composition", "--p", "1.5"], "--p"),
    (["-m", "composition", "--p", "0"], "--p"),
    (["-m", "composition", "--tau", "1"], "--tau"),
    (["-m", "composition", "--abilities", "0"], "--abilities"),
    (["-m", "composition", "--steps", "-3"], "--steps"),
    (["-m", "observers", "--tau", "1.5"], "--tau"),
    (["-m", "observers", "--sizes", "0:1e9"], "--sizes"),
    (["-m", "observers", "--rater-centre", "1"], "--rater-centre"),
    (["-m", "observers", "--raters", "beta", "--rater-spread", "2"], "--rater-spread"),
    (["-m", "observers", "--runs", "-1"], "--runs"),
    (["-m", "observers", "--scale", "nope"], "--scale"),
    (["--tau", "0.1,x"], "--tau"),
    (["--tau", "0"], "--tau"),
    (["--s", "1"], "--s"),
    (["--max-dims", "2"], "--max-dims"),
    (["--drag", "-1"], "--drag"),
    (["--noise", "-0.1"], "--noise"),
    (["--ladder", "shape"], "--ladder"),
    (["--ladder", "shape=0"], "--ladder"),
    (["--ladder", "shape=x"], "--ladder"),
    (["--seed", "-5"], "--seed"),
    (["--model", "nope"], "--model"),
])
def test_bad_input_is_a_usage_error_naming_the_option(args, option):
    assert_usage_error(run("threshold", *args), option)


@pytest.mark.parametrize(("args", "option"), [
    (["-m", "quanta", "--drag", "2"], "--drag"),
    (["-m", "composition", "--alpha", "0.3"], "--alpha"),
    (["-m", "observers", "--p", "0.3"], "--p"),
    (["--sizes", "1:10"], "--sizes"),
    (["-m", "composition", "--seed", "1"], "--seed"),
])
def test_options_of_another_model_are_refused(args, option):
    result = run("threshold", *args)
    assert_usage_error(result, option)
    assert "belongs to" in result.stderr or "applies to" in result.stderr or "draws no random" in result.stderr


# --------------------------------------------------------------------------------------------
# real processes and import weight


@pytest.mark.parametrize("model", ["dimensions", "observers", "quanta", "composition"])
def test_runs_as_a_real_process(model):
    args = ["threshold", "--model", model, "--json"] + ([] if model == "composition" else ["--seed", "1"])
    proc = run_subprocess(*args)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["model"] == model


def test_default_command_as_a_real_process():
    proc = run_subprocess("threshold", "--seed", "1")
    assert proc.returncode == 0, proc.stderr
    assert "trajectory" in proc.stdout


def test_a_bad_value_in_a_real_process():
    proc = run_subprocess("threshold", "-m", "composition", "--p", "2")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--p" in proc.stderr


def test_json_runs_load_neither_matplotlib_nor_rich():
    assert not set(HEAVY) & modules_after(running("threshold", "-m", "composition", "--json"))
    loaded = set(HEAVY) & modules_after(running("threshold", "--json", "--seed", "1"))
    assert loaded == {"scipy"}  # the Hurwitz zeta, loaded only when used
