"""`emergence compound` from the command line: tables, JSON, options, bad input."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess


def test_plain_run_prints_the_blog_numbers():
    result = run("compound", "--steps", "5", "--p", "0.4")
    assert result.exit_code == 0, result.output
    assert "0.01024 (1.024 %)" in result.stdout
    assert "P(at least 3 of 5 steps right)" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR: no escape codes


def test_json_keys_of_a_plain_run():
    data = run_json("compound", "--steps", "5", "--p", "0.4")
    for key in ("steps", "p", "success", "log10_success"):
        assert key in data
    assert data["steps"] == 5 and data["p"] == 0.4
    assert data["success"] == pytest.approx(float(Fraction(2, 5) ** 5), rel=1e-12)
    assert data["log10_success"] == pytest.approx(5 * math.log10(0.4), rel=1e-12)
    assert data["prefix_credit"] == pytest.approx(0.4 * (1 - 0.4**5) / 0.6 / 5, rel=1e-12)
    assert [row["steps"] for row in data["at_least"]] == [1, 2, 3, 4, 5]


def test_p_to_comparison_in_json_and_table():
    data = run_json("compound", "--steps", "5", "--p", "0.4", "--p-to", "0.6")
    assert data["p_to"] == 0.6
    assert data["success_to"] == pytest.approx(243 / 3125, rel=1e-12)
    assert data["relative_gain_step"] == pytest.approx(0.5, rel=1e-12)
    assert data["relative_gain_task"] == pytest.approx(211 / 32, rel=1e-12)
    table = run("compound", "--steps", "5", "--p", "0.4", "--p-to", "0.6").stdout
    assert "+659.375 %" in table and "+50 %" in table and "+20" in table


def test_heterogeneous_steps_take_k_from_the_list():
    data = run_json("compound", "--p", "0.9,0.8,0.7,0.6,0.5")
    assert data["steps"] == 5 and data["p"] == [0.9, 0.8, 0.7, 0.6, 0.5]
    assert data["success"] == pytest.approx(float(Fraction(9, 10) * Fraction(4, 5) * Fraction(7, 10) * Fraction(3, 5) * Fraction(1, 2)), rel=1e-12)
    assert data["fraction_correct"] == pytest.approx(0.7, rel=1e-12)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--retries", "3"], (1 - 0.6**3) ** 5),
        (["--attempts", "4"], 1 - (1 - 0.4**5) ** 4),
        (["--vote", "3"], 3 * (0.4**5) ** 2 * (1 - 0.4**5) + (0.4**5) ** 3),
    ],
)
def test_variants_report_their_end_to_end_value_in_success(args, expected):
    data = run_json("compound", "--steps", "5", "--p", "0.4", *args)
    assert data["success"] == pytest.approx(expected, rel=1e-12)
    assert data["single_attempt_success"] == pytest.approx(0.4**5 if "--retries" not in args else expected, rel=1e-12)


def test_correlation_uses_the_beta_binomial():
    # a = 0.4 (1/0.3 - 1) = 14/15, b = 21/15: P(all 2) = a (a + 1) / ((a + b)(a + b + 1))
    data = run_json("compound", "--steps", "2", "--p", "0.4", "--correlation", "0.3")
    a, b = Fraction(14, 15), Fraction(21, 15)
    assert data["success"] == pytest.approx(float(a * (a + 1) / ((a + b) * (a + b + 1))), rel=1e-12)


def test_target_answers_the_inverse_question():
    data = run_json("compound", "--steps", "5", "--target", "0.5")
    assert data["p_required"] == pytest.approx(0.5 ** (1 / 5), rel=1e-12)
    assert "0.8705505633" in run("compound", "--steps", "5", "--target", "0.5").stdout


def test_monte_carlo_keys_and_reproducibility():
    a = run_json("compound", "--steps", "5", "--p", "0.4", "--trials", "20000", "--seed", "3")
    b = run_json("compound", "--steps", "5", "--p", "0.4", "--trials", "20000", "--seed", "3")
    assert a == b
    assert a["seed"] == 3 and a["trials"] == 20000
    assert a["mc_low"] <= a["mc_success"] <= a["mc_high"]
    assert abs(a["mc_success"] - 0.01024) < 4.5 * math.sqrt(0.01024 * 0.98976 / 20000)


def test_seed_is_reported_when_not_given():
    result = run("compound", "--trials", "1000")
    assert result.exit_code == 0
    seed = int(result.stderr.split("--seed")[1].split(")")[0])
    data = run_json("compound", "--trials", "1000", "--seed", str(seed))
    assert data["seed"] == seed


def test_a_million_steps_is_valid():
    data = run_json("compound", "--steps", "1000000", "--p", "0.4")
    assert data["success"] == 0.0
    assert data["log10_success"] == pytest.approx(1e6 * math.log10(0.4), rel=1e-12)
    assert data["notes"]


def test_p_zero_gives_null_log_with_a_note():
    data = run_json("compound", "--steps", "3", "--p", "0")
    assert data["success"] == 0.0 and data["log10_success"] is None
    assert any("0" in note for note in data["notes"])


def test_scale_sweep():
    data = run_json("compound", "--steps", "5", "--scale", "logistic_log", "--sizes", "1e9,1e10,1e11,1e12")
    expected = [float((Fraction(o) / (1 + Fraction(o))) ** 5) for o in (Fraction(8, 27), Fraction(2, 3), Fraction(3, 2), Fraction(27, 8))]
    assert data["scale"]["map"] == "logistic_log"
    assert data["scale"]["success"] == pytest.approx(expected, rel=1e-10)
    table = run("compound", "--scale", "linear_log").stdout
    assert "1e+10" in table and "0.01024" in table


def test_chinese_table():
    out = run("compound", "--lang", "zh").stdout
    assert "多步任务" in out and "完全正确" in out


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_plot_written_in_each_format(tmp_path, suffix):
    path = tmp_path / f"fig{suffix}"
    data = run_json("compound", "--p-to", "0.6", "--plot", path)
    assert data["plot"] == str(path)
    assert path.stat().st_size > 1000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.parametrize(
    "args, option",
    [
        (["--p", "1.5"], "--p"),
        (["--p", "-0.1"], "--p"),
        (["--p", "nan"], "--p"),
        (["--p", "0.4,abc"], "--p"),
        (["--p", "0.4,,0.5"], "--p"),
        (["--steps", "0"], "--steps"),
        (["--steps", "abc"], "--steps"),
        (["--steps", "3", "--p", "0.5,0.5"], "--steps"),
        (["--vote", "4"], "--vote"),
        (["--correlation", "1"], "--correlation"),
        (["--correlation", "nan"], "--correlation"),
        (["--retries", "0"], "--retries"),
        (["--attempts", "2", "--vote", "3"], "--vote"),
        (["--target", "1.5"], "--target"),
        (["--p-to", "2"], "--p-to"),
        (["--p", "0.4,0.5", "--p-to", "0.6"], "--p-to"),
        (["--trials", "0"], "--trials"),
        (["--trials", "10", "--seed", "-1"], "--seed"),
        (["--scale", "nope"], "--scale"),
        (["--scale", "linear_log", "--sizes", "1e9:1e3"], "--sizes"),
        (["--scale", "linear_log:s=-0.2"], "--scale"),
        (["--sizes", "1e9,1e10"], "--sizes"),  # an option that would be ignored is refused
        (["--seed", "3"], "--seed"),
        (["--figure", "cot"], "--figure"),
        (["--figure", "nope", "--plot", "x.png"], "--figure"),
        (["--p", "0.5,0.6", "--scale", "linear_log"], "--scale"),
        (["--steps", "100000000000"], "--steps"),
        (["--plot", "/nonexistent-dir/x.png"], "--plot"),
        (["--plot", "figure.gif"], "--plot"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_bad_input_is_one_line_with_status_2(args, option):
    assert_usage_error(run("compound", *args), option)


def test_cot_figure(tmp_path):
    path = tmp_path / "cot.png"
    assert run("compound", "--figure", "cot", "--plot", path).exit_code == 0
    assert path.read_bytes().startswith(b"\x89PNG")


def test_unwritable_plot_directory(tmp_path):
    # /proc refuses new files even to root; elsewhere a read-only directory does the same
    target = Path("/proc") if Path("/proc/self").is_dir() else tmp_path
    if target == tmp_path:
        tmp_path.chmod(0o500)
    assert_usage_error(run("compound", "--plot", target / "x.png"), "--plot")


def test_real_subprocess_run():
    proc = run_subprocess("compound", "--steps", "5", "--p", "0.4", "--p-to", "0.6", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["relative_gain_task"] == pytest.approx(211 / 32, rel=1e-12)
    bad = run_subprocess("compound", "--p", "1.5")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "--p" in bad.stderr


def test_checkout_launcher_and_version():
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("emergence ")
    help_text = run("compound", "--help").stdout
    assert "--p-to" in help_text and "--correlation" in help_text
