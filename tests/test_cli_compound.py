"""`emergence compound` from the command line: tables, the JSON envelope, options, bounds, bad input."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess

BIG = "1" + "0" * 400  # a whole number far beyond a float
PARAMS = {"p", "steps", "p_to", "correlation", "retries", "attempts", "vote", "vote_wrong_answers", "target", "trials",
          "seed", "scale", "sizes", "plot", "figure", "style", "aspect", "json", "lang"}


def _cells(table: str, label: str) -> list[str]:
    """The cells of the table row that starts with ``label``."""
    line = next(line for line in table.splitlines() if line.startswith(f"│ {label} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_plain_run_prints_the_blog_numbers():
    result = run("compound", "--steps", "5", "--p", "0.4")
    assert result.exit_code == 0, result.output
    out = result.stdout
    # 0.4^5 = 1024/100000 = 1.024 %, the blog's number, as the blog writes it
    assert _cells(out, "whole task right (all steps): P")[1] == "1.024 %"
    assert _cells(out, "per-step accuracy p")[1] == "40 %"
    assert _cells(out, "partial credit: share of steps right")[1] == "40 %"
    assert "log10 P" not in out and "P(at least 3 of 5 steps right)" not in out  # technical rows: --detail
    assert "one attempt" not in out  # one attempt is the whole task: no label needed
    assert "\x1b[" not in out  # NO_COLOR: no escape codes
    assert result.stderr == ""  # nothing random, no seed to mention


def test_detail_adds_the_technical_rows():
    out = run("compound", "--steps", "5", "--p", "0.4", "--detail").stdout
    assert _cells(out, "whole task right (all steps): P")[1] == "1.024 %"  # the plain table first, unchanged
    assert _cells(out, "log10 P")[1] == "-1.9897"  # 5 log10(0.4) = -1.98970004
    # P(at least 3 of 5) = (10*0.4^3*0.6^2 + 5*0.4^4*0.6 + 0.4^5) = (2304 + 768 + 102.4)/10000 = 31.744 %
    assert _cells(out, "P(at least 3 of 5 steps right)")[1] == "31.744 %"
    # prefix credit = sum_{j=1..5} 0.4^j / 5 = (0.4 + 0.16 + 0.064 + 0.0256 + 0.01024) / 5 = 0.131968
    assert _cells(out, "prefix credit: steps right before the first error / k")[1] == "13.1968 %"
    assert run_json("compound", "--steps", "5", "--p", "0.4", "--detail") == run_json("compound", "--steps", "5", "--p", "0.4")


def test_envelope_of_a_plain_run():
    data = run_json("compound", "--steps", "5", "--p", "0.4")
    assert list(data) == ["schema_version", "command", "params", "seed", "results", "notes"]
    assert data["schema_version"] == 1 and data["command"] == "compound" and data["seed"] is None and data["notes"] == []
    assert set(data["params"]) == PARAMS  # every option, after defaults
    assert data["params"]["steps"] == 5 and data["params"]["p"] == [0.4] and data["params"]["vote_wrong_answers"] == 1
    assert set(data["results"]) == {"outcome", "comparison", "inverse", "monte_carlo", "scale_sweep", "cot"}
    outcome = data["results"]["outcome"]
    assert outcome["success"] == pytest.approx(float(Fraction(2, 5) ** 5), rel=1e-12)
    assert outcome["log10_success"] == pytest.approx(5 * math.log10(0.4), rel=1e-12)
    one = outcome["one_attempt"]
    assert one["prefix_credit"] == pytest.approx(0.4 * (1 - 0.4**5) / 0.6 / 5, rel=1e-12)
    assert [row["steps"] for row in one["at_least"]] == [1, 2, 3, 4, 5]
    assert outcome["chain"] == {"p": [0.4], "steps": 5, "correlation": 0.0, "retries": 1, "attempts": 1, "vote": 1,
                                "vote_wrong_answers": 1}


def test_p_to_comparison_in_json_and_table():
    data = run_json("compound", "--steps", "5", "--p", "0.4", "--p-to", "0.6")
    c = data["results"]["comparison"]
    assert c["p_to"] == 0.6
    assert c["success_to"] == pytest.approx(243 / 3125, rel=1e-12)
    assert c["relative_gain_step"] == pytest.approx(0.5, rel=1e-12)
    assert c["relative_gain_task"] == pytest.approx(211 / 32, rel=1e-12)
    assert c["step_ratio"] == pytest.approx(1.5, rel=1e-15)
    assert c["task_ratio"] == pytest.approx(243 / 32, rel=1e-12)  # the ratio the table shows is in the JSON
    table = run("compound", "--steps", "5", "--p", "0.4", "--p-to", "0.6").stdout
    assert _cells(table, "before") == ["before", "40 %", "1.024 %"]
    assert _cells(table, "after") == ["after", "60 %", "7.776 %"]  # 0.6^5 = 7776/100000
    assert _cells(table, "relative gain") == ["relative gain", "+50 %", "+659.375 %"]  # 7776/1024 - 1 = 6.59375
    assert _cells(table, "absolute gain (percentage points)")[1:] == ["+20", "+6.752"]
    assert _cells(table, "ratio after / before")[1:] == ["1.5", "7.59375"]
    assert "k*" not in table  # the largest-gain k is a detail
    assert "k* = 1.44107" in " ".join(run("compound", "--p", "0.4", "--p-to", "0.6", "--detail").stdout.split())


def test_a_ratio_beyond_a_float_is_shown_as_a_power_of_ten():
    table = run("compound", "--steps", "200", "--p", "0.001", "--p-to", "0.9").stdout
    assert "10^590.849" in table  # log10(900^200) = 590.8485...


def test_heterogeneous_steps_take_k_from_the_list():
    data = run_json("compound", "--p", "0.9,0.8,0.7,0.6,0.5")
    outcome = data["results"]["outcome"]
    assert data["params"]["steps"] == 5 and data["params"]["p"] == [0.9, 0.8, 0.7, 0.6, 0.5]
    assert outcome["success"] == pytest.approx(float(Fraction(9, 10) * Fraction(4, 5) * Fraction(7, 10) * Fraction(3, 5) * Fraction(1, 2)), rel=1e-12)
    assert outcome["one_attempt"]["fraction_correct"] == pytest.approx(0.7, rel=1e-12)


def test_retries_publish_the_step_success_the_table_shows():
    data = run_json("compound", "--steps", "5", "--p", "0.4", "--retries", "3")
    assert data["results"]["outcome"]["one_attempt"]["step_success"] == [pytest.approx(1 - 0.6**3, rel=1e-15)]  # 0.784
    assert _cells(run("compound", "--steps", "5", "--p", "0.4", "--retries", "3").stdout,
                  "per-step success after R tries")[1] == "78.4 %"


def test_a_long_list_of_step_accuracies_is_shortened_in_the_table():
    table = run("compound", "--p", ",".join(["0.9"] * 30)).stdout
    assert "90 %, 90 %, 90 %, 90 %, 90 %, 90 %, 90 %, 90 %, 90 %, 90 %, …, 90 %" in " ".join(
        cell.strip() for line in table.splitlines() for cell in line.strip("│").split("│")[1:2])


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--retries", "3"], (1 - 0.6**3) ** 5),
        (["--attempts", "4"], 1 - (1 - 0.4**5) ** 4),
        (["--vote", "3"], 3 * (0.4**5) ** 2 * (1 - 0.4**5) + (0.4**5) ** 3),
    ],
)
def test_variants_report_their_end_to_end_value_in_success(args, expected):
    outcome = run_json("compound", "--steps", "5", "--p", "0.4", *args)["results"]["outcome"]
    assert outcome["success"] == pytest.approx(expected, rel=1e-12)
    assert outcome["one_attempt"]["success"] == pytest.approx(0.4**5 if "--retries" not in args else expected, rel=1e-12)


def test_several_attempts_label_the_partial_credit_as_one_attempt():
    table = run("compound", "--steps", "5", "--p", "0.4", "--attempts", "5", "--detail").stdout
    assert "one attempt: P(at least 3 of 5 steps right)" in table
    assert "one attempt: expected fraction of steps right" in table
    # 1 - (1 - 0.01024)^5 = 0.05016211...
    assert _cells(table, "whole task right: P (after M attempts)")[1] == "5.01621 %"


def test_the_vote_says_which_vote_it_is():
    majority = " ".join(run("compound", "--steps", "5", "--p", "0.8", "--vote", "21").stdout.split())
    plurality = " ".join(run("compound", "--steps", "5", "--p", "0.8", "--vote", "21", "--vote-wrong-answers", "10").stdout.split())
    assert "one wrong answer (majority)" in majority and "same wrong answer" in majority
    assert "among distinct answers" in plurality and "broken at random" in plurality
    help_text = run("compound", "--help").stdout
    assert "--vote-wrong-answers" in help_text and "SAME wrong" in help_text


def test_correlation_uses_the_beta_binomial():
    # a = 0.4 (1/0.3 - 1) = 14/15, b = 21/15: P(all 2) = a (a + 1) / ((a + b)(a + b + 1))
    data = run_json("compound", "--steps", "2", "--p", "0.4", "--correlation", "0.3")
    a, b = Fraction(14, 15), Fraction(21, 15)
    assert data["results"]["outcome"]["success"] == pytest.approx(float(a * (a + 1) / ((a + b) * (a + b + 1))), rel=1e-12)


def test_correlated_attempts_share_the_item_and_the_simulation_agrees():
    # pass@5 = 1 - E[(1 - X^5)^5], X ~ Beta(14/15, 21/15): binomial expansion in exact Beta moments
    a, b = Fraction(14, 15), Fraction(21, 15)
    moments = [Fraction(1)]
    for i in range(25):
        moments.append(moments[-1] * (a + i) / (a + b + i))
    exact = 1 - sum(math.comb(5, j) * (-1) ** j * moments[5 * j] for j in range(6))
    data = run_json("compound", "--steps", "5", "--p", "0.4", "--correlation", "0.3", "--attempts", "5",
                    "--trials", "200000", "--seed", "11")
    assert data["results"]["outcome"]["success"] == pytest.approx(float(exact), rel=1e-12)  # 0.22472655947648545
    mc = data["results"]["monte_carlo"]
    assert mc["exact"] == data["results"]["outcome"]["success"] and mc["exact_inside"] is True
    assert abs(mc["estimate"] - float(exact)) < 4.5 * math.sqrt(float(exact * (1 - exact)) / 200_000)


def test_target_answers_the_inverse_question():
    data = run_json("compound", "--steps", "5", "--target", "0.5")
    assert data["results"]["inverse"] == {"target": 0.5, "p_required": pytest.approx(0.5 ** (1 / 5), rel=1e-12)}
    # 0.5^(1/5) = 0.87055056329612...
    assert _cells(run("compound", "--steps", "5", "--target", "0.5").stdout,
                  "per-step p needed for whole-task success 50 %")[1] == "87.05505633 %"


def test_monte_carlo_keys_and_reproducibility():
    a = run_json("compound", "--steps", "5", "--p", "0.4", "--trials", "20000", "--seed", "3")
    b = run_json("compound", "--steps", "5", "--p", "0.4", "--trials", "20000", "--seed", "3")
    assert a == b
    assert a["seed"] == 3 and a["params"]["trials"] == 20000 and a["params"]["seed"] == 3
    mc = a["results"]["monte_carlo"]
    assert mc["trials"] == 20000 and mc["low"] <= mc["estimate"] <= mc["high"]
    assert abs(mc["estimate"] - 0.01024) < 4.5 * math.sqrt(0.01024 * 0.98976 / 20000)


def test_the_default_seed_is_fixed_and_said():
    first, second = run("compound", "--trials", "1000"), run("compound", "--trials", "1000")
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout  # the same numbers for the whole class
    assert first.stderr == "seed: 0 (the default; change it with --seed N)\n"
    assert first.stdout == run("compound", "--trials", "1000", "--seed", "0").stdout
    assert run("compound", "--trials", "1000", "--seed", "0").stderr == ""  # a chosen seed needs no note
    data = run_json("compound", "--trials", "1000")
    assert data["seed"] == 0 and data["params"]["seed"] == 0
    assert data["notes"] == ["seed: 0 (the default; change it with --seed N)"]
    assert run_json("compound", "--trials", "1000", "--seed", "0")["notes"] == []
    assert run("compound", "--trials", "1000", "--seed", "5").stdout != first.stdout


def test_a_million_steps_is_valid():
    data = run_json("compound", "--steps", "1000000", "--p", "0.4")
    assert data["results"]["outcome"]["success"] == 0.0
    assert data["results"]["outcome"]["log10_success"] == pytest.approx(1e6 * math.log10(0.4), rel=1e-12)
    assert data["notes"] == ["P is below the smallest float; log10 P is exact"]


def test_p_zero_gives_null_log_with_a_note():
    data = run_json("compound", "--steps", "3", "--p", "0")
    assert data["results"]["outcome"]["success"] == 0.0 and data["results"]["outcome"]["log10_success"] is None
    assert "exactly 0" in data["notes"][0]


def test_scale_sweep():
    data = run_json("compound", "--steps", "5", "--scale", "logistic_log", "--sizes", "1e9,1e10,1e11,1e12")
    expected = [float((Fraction(o) / (1 + Fraction(o))) ** 5) for o in (Fraction(8, 27), Fraction(2, 3), Fraction(3, 2), Fraction(27, 8))]
    sweep = data["results"]["scale_sweep"]
    assert sweep["map_name"] == "logistic_log" and data["params"]["sizes"] == [1e9, 1e10, 1e11, 1e12]
    assert sweep["success"][0] == pytest.approx(expected, rel=1e-10)
    table = run("compound", "--scale", "linear_log").stdout
    # linear_log: p(1e10) = 0.4, p(1e11) = 0.6, clipped at 0 below 1e8 and at 1 from 1e13
    assert _cells(table, "10B")[1:] == ["40 %", "1.024 %"] and _cells(table, "100B")[1:] == ["60 %", "7.776 %"]
    assert _cells(table, "100M")[1:] == ["0 %", "0 %"] and _cells(table, "10T")[1:] == ["100 %", "100 %"]
    assert "linear_log" not in table  # the map in plain words; its name only with --detail
    assert "p rises by the same amount at every tenfold size" in " ".join(table.split())
    detail = run("compound", "--scale", "linear_log", "--detail").stdout
    assert _cells(detail, "10B")[-1] == "-1.9897" and "--scale linear_log" in detail


def test_chinese_table():
    out = run("compound", "--lang", "zh").stdout
    assert "多步任务" in out and "整个任务做对" in out and "1.024 %" in out
    out = run("compound", "--lang", "zh", "--detail", "--p-to", "0.6", "--scale", "logistic_log", "--trials", "100").stdout
    assert "细节" in out and "S 形曲线" in out and "logistic_log" in out
    assert run("compound", "--lang", "zh", "--trials", "100").stderr == "随机种子：0（默认值；可用 --seed N 更换）\n"


def test_plot_written(tmp_path):
    path = tmp_path / "fig.png"
    data = run_json("compound", "--p-to", "0.6", "--plot", path)
    assert data["params"]["plot"] == str(path) and data["params"]["figure"] == "curves" and data["params"]["style"] == "paper"
    assert path.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["fig.png"]  # no temporary file left


@pytest.mark.parametrize(("figure", "builder"), [("curves", "compound_figure"), ("cot", "cot_figure")])
def test_style_reaches_the_figure_builder(figure, builder, tmp_path, monkeypatch):
    import emergence.plotting

    calls = []
    monkeypatch.setattr(emergence.plotting, builder, lambda data, lang, **options: calls.append(options))
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: None)
    data = run_json("compound", "--figure", figure, "--plot", tmp_path / "f.png", "--style", "slide")
    assert calls == [{"style": "slide"}] and data["params"]["style"] == "slide"
    calls.clear()
    run_json("compound", "--figure", figure, "--plot", tmp_path / "f.png")
    assert calls == [{"style": "paper"}]


def test_figure_cot_draws_the_chain_of_thought_table(tmp_path, monkeypatch):
    import emergence.plotting

    drawn = []
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: drawn.append(fig))
    data = run_json("compound", "--figure", "cot", "--plot", tmp_path / "cot.png")
    (fig,) = drawn
    (ax,) = fig.axes
    names = {round(y): label.get_text() for y, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    bars = sorted(ax.patches, key=lambda bar: bar.get_y())  # per category: the fixed bar below, the errors bar above
    drawn_counts = {names[round(fixed.get_y() + fixed.get_height())]: (errors.get_width(), fixed.get_width())
                    for fixed, errors in zip(bars[0::2], bars[1::2])}
    assert drawn_counts == {"semantic understanding": (20, 6), "one step missing": (18, 12),
                            "other (hallucination,\nrepetition, symbol mapping)": (7, 4)}
    assert "one-step-missing" in fig.get_suptitle()
    assert data["results"]["cot"]["errors"] == [20, 18, 7] and data["results"]["cot"]["fixed"] == [6, 12, 4]
    assert data["params"]["figure"] == "cot"


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
        (["--correlation", "1"], "--correlation"),
        (["--correlation", "nan"], "--correlation"),
        (["--correlation", "0.3", "--retries", "2"], "--correlation"),
        (["--retries", "0"], "--retries"),
        (["--attempts", "2", "--vote", "3"], "--vote"),
        (["--vote-wrong-answers", "3"], "--vote-wrong-answers"),
        (["--vote", "3", "--vote-wrong-answers", "0"], "--vote-wrong-answers"),
        (["--vote", "303", "--vote-wrong-answers", "2"], "--vote"),
        (["--vote", "303", "--correlation", "0.2"], "--vote"),
        (["--vote", "3", "--vote-wrong-answers", "1000001"], "--vote-wrong-answers"),
        (["--target", "1.5"], "--target"),
        (["--p-to", "2"], "--p-to"),
        (["--p", "0.4,0.5", "--p-to", "0.6"], "--p-to"),
        (["--trials", "0"], "--trials"),
        (["--trials", "10", "--seed", "-1"], "--seed"),
        (["--scale", "nope"], "--scale"),
        (["--scale", "linear_log", "--sizes", "1e9:1e3"], "--sizes"),
        (["--scale", "linear_log", "--sizes", ""], "--sizes"),  # empty is not the default
        (["--scale", "linear_log:s=-0.2"], "--scale"),
        (["--sizes", "1e9,1e10"], "--sizes"),  # an option that would be ignored is refused
        (["--sizes", ""], "--sizes"),
        (["--seed", "3"], "--seed"),
        (["--figure", "cot"], "--figure"),
        (["--style", "slide"], "--style"),  # without --plot it would be ignored
        (["--style", "poster", "--plot", "x.png"], "--style"),
        (["--aspect", "4:3", "--plot", "x.png"], "--aspect"),  # a paper figure has no aspect
        (["--aspect", "3:2", "--style", "slide", "--plot", "x.png"], "--aspect"),
        (["--p", "0.4", "--p", "0.6"], "--p"),  # a repeated option is refused, not silently last-wins
        (["-k", "3", "--steps", "4"], "--steps"),
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


@pytest.mark.parametrize("option", ["--steps", "--retries", "--attempts", "--vote", "--trials", "--seed"])
def test_every_whole_number_option_refuses_a_number_beyond_a_float(option):
    extra = ["--trials", "3"] if option == "--seed" else ["--vote", "3"] if option == "--vote-wrong-answers" else []
    assert_usage_error(run("compound", option, BIG, *extra), option)
    assert_usage_error(run("compound", "--vote", "3", "--vote-wrong-answers", BIG), "--vote-wrong-answers")


def test_bounds_refuse_before_working_or_finish_fast():
    # a billion retries per step: the simulation draws each step's number of tries, not each try
    data = run_json("compound", "--retries", "1000000000", "--trials", "1", "--seed", "1")
    assert data["results"]["monte_carlo"]["successes"] == 1
    # 10^12 attempts: exact in closed form, refused for the Monte Carlo (the draws are counted first)
    assert run_json("compound", "--attempts", "1000000000000")["results"]["outcome"]["success"] == pytest.approx(1.0)
    assert_usage_error(run("compound", "--attempts", "1000000000000", "--trials", "1"), "--attempts")
    assert_usage_error(run("compound", "--trials", "1" + "0" * 30), "--trials")
    assert_usage_error(run("compound", "--trials", "50000001"), "--trials")
    # every size of a sweep of correlated attempts is a quadrature: at most 101 sizes
    assert_usage_error(run("compound", "--correlation", "0.3", "--attempts", "5", "--scale", "linear_log",
                           "--sizes", "1e7:1e13:102"), "--sizes")


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
    assert data["results"]["comparison"]["relative_gain_task"] == pytest.approx(211 / 32, rel=1e-12)
    bad = run_subprocess("compound", "--p", "1.5")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "--p" in bad.stderr


def test_checkout_launcher_and_version():
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("emergence ")
    help_text = run("compound", "--help").stdout
    assert "--p-to" in help_text and "--correlation" in help_text
