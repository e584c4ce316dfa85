"""`emergence metric` from the command line: tables, the JSON envelope, the resolution effect, bounds, bad input."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from emergence.render import fmt
from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess

GPT3 = [1.25e8, 3.5e8, 7.6e8, 1.3e9, 2.7e9, 6.7e9, 1.3e10, 1.75e11]
METRICS = ["exact_match", "token_accuracy", "token_edit_distance", "multiple_choice_grade", "brier_score",
           "log_probability"]
GPT3_LABELS = ["125M", "350M", "760M", "1.3B", "2.7B", "6.7B", "13B", "175B"]  # as Brown et al. (2020) name them
OPTIONS = {"tokens", "c", "alpha", "preset", "options", "sigma", "items", "sizes", "seed", "plot", "figure", "style", "aspect", "json", "lang"}
PERCENT = {"exact_match", "token_accuracy", "multiple_choice_grade"}


def _shown(metric: str, x: float) -> str:
    """How the table writes a score: accuracies and grades in percent (3 significant figures), the rest as numbers."""
    return f"{100 * x:.3g} %" if metric in PERCENT else fmt(x, 3)


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in table.splitlines() if line.startswith("│")]
HUGE = "1" + "0" * 400


def test_done_when_tokens_5_table():
    result = run("metric", "--tokens", "5", "--seed", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("exact match", "token accuracy", "edit distance", "MC grade", "Brier",
                 "Measured on n = 100 simulated items (seed 1)", "Exact match read by n = 100 items (resolution 1/n = 1 %)",
                 "175B", "1/K = 25 %", "Brier 0.75", "reaches 50 % at N = 52B"):  # N50 = 1e9 (5/ln 2)^2 = 5.2034e10
        assert text in " ".join(out.split()), text
    for technical in ("breakthrough B", "R²", "max step share", "CP interval", "P(read 0)"):
        assert technical not in out, technical  # behind --detail
    assert "seed:" not in result.stderr  # the seed was given
    assert "\x1b[" not in out


def test_every_number_of_the_first_table_is_in_the_json():
    table = run("metric", "--seed", "3").stdout
    results = run_json("metric", "--seed", "3")["results"]
    rows = _rows(table)
    for i, label in enumerate(GPT3_LABELS):
        assert rows[i] == [label] + [_shown(m, results["expected"]["scores"][m][i]) for m in METRICS]
    assert rows[len(GPT3)][0] == "125M"  # the next table: no technical rows under the scores
    detail = _rows(run("metric", "--seed", "3", "--detail").stdout)
    b_row = next(row for row in detail if row[0] == "breakthrough B")
    assert b_row[1:] == [fmt(results["sharpness"][m]["breakthroughness"], 3) for m in METRICS]
    r2_row = next(row for row in detail if row[0] == "R² (line in log N)")
    assert r2_row[1:] == [fmt(results["sharpness"][m]["linearity_r2"], 3) for m in METRICS]


def test_detail_changes_the_tables_not_the_json():
    assert run_json("metric", "--detail") == run_json("metric")
    plain, detail = run("metric").stdout, run("metric", "--detail").stdout
    assert "breakthrough B" in detail and "CP interval" in detail and "P(read 0)" in detail
    # the sparse-grid table in plain words: 3 log-spaced sizes from 125M to 175B put exact match
    # exp(-5 (N/1e9)^-0.5) at 125M, at their geometric mean and at 175B; the biggest jump's share of the rise:
    em = [math.exp(-5 * (n / 1e9) ** -0.5) for n in (1.25e8, math.sqrt(1.25e8 * 1.75e11), 1.75e11)]
    share = max(em[1] - em[0], em[2] - em[1]) / (em[2] - em[0])
    assert [row for row in _rows(plain) if row[0] == "3"][-1] == ["3", f"{100 * share:.3g} %"]  # 85.5 %
    assert [row for row in _rows(detail) if row[0] == "3"][-1][:2] == ["3", f"{100 * share:.3g} %"]


def test_the_envelope():
    data = run_json("metric", "--tokens", "5", "--seed", "1")
    assert set(data) == {"schema_version", "command", "params", "seed", "results", "notes"}
    assert (data["schema_version"], data["command"], data["seed"], data["notes"]) == (1, "metric", 1, [])
    params = data["params"]
    assert set(params) == OPTIONS
    assert params == {"tokens": 5, "c": 1e9, "alpha": -0.5, "preset": "ours", "options": 4, "sigma": 0.5, "items": 100,
                      "sizes": pytest.approx(GPT3), "seed": 1, "plot": None, "figure": None, "style": None, "aspect": None, "json": True,
                      "lang": "en"}
    results = data["results"]
    assert set(results) >= {"model", "task", "expected", "simulated", "sharpness", "simulated_sharpness",
                            "exact_match_observation", "items_needed", "zero_upper_bound", "sparse", "n50", "n50_log10",
                            "width_decades", "chance_grade", "guess_brier", "confidence"}
    assert results["model"] == {"c": 1e9, "alpha": -0.5, "name": "ours"}
    assert results["task"] == {"tokens": 5, "options": 4, "sigma": 0.5}


def test_json_values_against_the_closed_forms():
    results = run_json("metric", "--tokens", "5", "--seed", "1")["results"]
    expected = results["expected"]
    assert expected["sizes"] == pytest.approx(GPT3)
    p = [math.exp(-((n / 1e9) ** -0.5)) for n in GPT3]
    scores = expected["scores"]
    assert scores["exact_match"] == pytest.approx([x**5 for x in p], rel=1e-12)
    assert scores["token_edit_distance"] == pytest.approx([5 * (1 - x) for x in p], rel=1e-12)
    assert scores["log_probability"] == pytest.approx([5 * math.log(x) for x in p], rel=1e-12)
    assert expected["margin"] == pytest.approx([-math.log1p(-x) for x in p], rel=1e-12)
    # multiple choice starts at chance: never below 1/K, Brier near a guess's (K - 1)/K
    assert all(0.25 < g <= 1 for g in scores["multiple_choice_grade"])
    assert all(b < 0.79 for b in scores["brier_score"])
    b = {m: results["sharpness"][m]["breakthroughness"] for m in METRICS}
    # the done-when: exact match looks sudden where token accuracy and edit distance do not
    assert b["exact_match"] > 2 * b["token_accuracy"] and b["exact_match"] > 2 * b["token_edit_distance"]
    assert results["n50"] == pytest.approx(1e9 * (5 / math.log(2)) ** 2, rel=1e-12)
    obs = results["exact_match_observation"]
    assert obs["floor"] == 0.01 and all(isinstance(x, int) for x in obs["successes"])
    assert results["simulated"]["scores"]["exact_match"] == pytest.approx([x / 100 for x in obs["successes"]])


def test_items_100_against_10000_shows_the_resolution_effect():
    small = run_json("metric", "--items", "100", "--seed", "5")["results"]["exact_match_observation"]
    large = run_json("metric", "--items", "10000", "--seed", "5")["results"]["exact_match_observation"]
    # true exact match at 350M is 2.1e-4: below 1/(2n) for n = 100, above it for n = 10000
    assert small["rounded"][1] == 0.0 and large["rounded"][1] == 0.0002
    assert sum(x == 0 for x in small["successes"]) > sum(x == 0 for x in large["successes"])
    assert large["high"][0] - large["low"][0] < small["high"][0] - small["low"][0]


def test_the_default_seed_is_fixed_and_said():
    first, second = run("metric", "--items", "50"), run("metric", "--items", "50")
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout  # forty students, one table
    assert first.stderr == "seed: 0 (the default; change it with --seed N)\n"
    assert first.stdout == run("metric", "--items", "50", "--seed", "0").stdout
    data = run_json("metric", "--items", "50")
    assert data["seed"] == 0 and data["params"]["seed"] == 0 and data["notes"][-1].startswith("seed: 0 (the default")
    other = run_json("metric", "--items", "50", "--seed", "7")
    assert other["seed"] == 7 and other["notes"] == [] and other["results"]["simulated"] != data["results"]["simulated"]


def test_identical_items_grade_one_at_every_size_with_a_note():
    data = run_json("metric", "--sigma", "0", "--seed", "2")
    grade = data["results"]["sharpness"]["multiple_choice_grade"]
    assert data["results"]["expected"]["scores"]["multiple_choice_grade"] == [1.0] * 8
    assert grade["breakthroughness"] == 0.0 and grade["linearity_r2"] is None and grade["undefined"] == "flat"
    assert "multiple_choice_grade: the curve does not change over these sizes" in " ".join(data["notes"])
    result = run("metric", "--sigma", "0", "--seed", "2")
    assert "does not change" in result.stderr


def test_kaplan_preset_and_overrides():
    data = run_json("metric", "--preset", "kaplan", "--seed", "0")
    assert data["results"]["model"] == {"c": 8.8e13, "alpha": -0.076, "name": "kaplan"}
    assert data["params"]["preset"] == "kaplan"
    assert max(data["results"]["expected"]["token_probability"]) < 0.3
    custom = run_json("metric", "--c", "1e10", "--alpha", "-1", "--sizes", "1e9,1e10,1e11", "--seed", "0")
    assert custom["params"]["c"] == 1e10 and custom["results"]["model"]["name"] == "custom"
    assert custom["results"]["expected"]["token_probability"] == pytest.approx(
        [math.exp(-10), math.exp(-1), math.exp(-0.1)], rel=1e-12)


def test_sizes_range_and_options():
    data = run_json("metric", "--sizes", "1e8:1e12:5", "--options", "2", "--tokens", "3", "--seed", "0")
    assert data["params"]["sizes"] == pytest.approx([1e8, 1e9, 1e10, 1e11, 1e12], rel=1e-12)
    assert data["results"]["task"] == {"tokens": 3, "options": 2, "sigma": 0.5}
    assert data["results"]["chance_grade"] == 0.5


def test_chinese_tables():
    result = run("metric", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "完全匹配" in result.stdout and "随机水平" in result.stdout and "模型规模" in result.stdout
    assert "突破度" not in result.stdout and "突破度" in run("metric", "--lang", "zh", "--detail").stdout
    assert result.stderr == "随机种子：0（默认值；可用 --seed N 更换）\n"


def test_a_median_size_beyond_the_largest_float():
    # alpha = -0.01, L = 1000: N50 = 10**324.9 used to overflow while it was computed
    data = run_json("metric", "--alpha", "-0.01", "--tokens", "1000", "--seed", "0")
    assert data["results"]["n50"] is None
    assert data["results"]["n50_log10"] == pytest.approx(9 + 100 * math.log10(1000 / math.log(2)), rel=1e-12)
    result = run("metric", "--alpha", "-0.01", "--tokens", "1000", "--seed", "0")
    assert result.exit_code == 0 and "N = 10^324.9" in " ".join(result.stdout.split())


def test_extreme_log_probabilities_keep_their_scores():
    # ln P(target) near -1e206: R^2 and B are numbers (they overflowed to null and 1e190)
    data = run_json("metric", "--alpha", "-10", "--c", "1e20", "--tokens", "1000000", "--sizes", "1,2,4,8", "--items", "3",
                    "--seed", "0")
    lp = data["results"]["sharpness"]["log_probability"]
    # y_i = -1e206 / 1024**i: range 1e206 (1 - 2**-30), median step 1e206 (1 - 2**-10) / 1024
    assert lp["breakthroughness"] == pytest.approx(1024 * (1 - 2**-30) / (1 - 2**-10), rel=1e-12)
    assert 0 < lp["linearity_r2"] < 1


def test_many_sizes_show_a_sample_of_rows_and_note_it():
    result = run("metric", "--sizes", "1e7:1e13:301", "--items", "1", "--seed", "0")
    assert result.exit_code == 0, result.output
    assert "the tables show 101 of the 301 sizes" in result.stderr
    first_table = result.stdout.split("Measured on")[0]
    assert sum(line[2:3].isdigit() for line in first_table.splitlines() if line.startswith("│")) == 101


@pytest.mark.parametrize(
    ("args", "option", "limit"),
    [
        (["--items", "0"], "--items", "1"),
        (["--items", "1000000001"], "--items", "1,000,000"),
        (["--items", "1e9"], "--items", ""),
        (["--items", HUGE], "--items", "1,000,000"),
        (["--sizes", "1e7:1e13:2001", "--items", "20", "--options", "1000"], "--items", "19"),
        (["--tokens", "0"], "--tokens", "1"),
        (["--tokens", str(10**30)], "--tokens", "1,000,000"),
        (["--tokens", HUGE], "--tokens", "1,000,000"),
        (["--options", "1"], "--options", "2"),
        (["--options", HUGE], "--options", "1,000"),
        (["--seed", HUGE], "--seed", ""),
        (["--seed", "-1"], "--seed", ""),
        (["--sigma", "-1"], "--sigma", "10"),
        (["--sigma", "5e-324"], "--sigma", "0.05"),
        (["--sigma", "11"], "--sigma", "10"),
        (["--figure", "schaeffer"], "--figure", ""),  # without --plot it would be ignored
        (["--style", "slide"], "--style", ""),
        (["--items", "10", "--items", "20"], "--items", "2 times"),
        (["-n", "10", "--items", "20"], "--items", "2 times"),
        (["--alpha", "0"], "--alpha", ""),
        (["--alpha", "0.5"], "--alpha", ""),
        (["--alpha", "-1e-300"], "--alpha", "-0.01"),  # extremes a float cannot carry through the model
        (["--alpha", "-1e300"], "--alpha", "-10"),
        (["--c", "1e-308"], "--c", "1e+20"),
        (["--c", "-1"], "--c", ""),
        (["--sizes", "1e-300,1e-299"], "--sizes", "1e+30"),
        (["--sizes=-1e9,1e10"], "--sizes", ""),
        (["--sizes", "1e9,abc"], "--sizes", ""),
        (["--sizes", "1e9"], "--sizes", "2"),
        (["--sizes", "1e7:1e13:1e12"], "--sizes", "2001"),
        (["--sizes", ",".join(["1e9"] * 3000)], "--sizes", "2001"),
        (["--preset", "gpt4"], "--preset", ""),
        (["--plot", "figure.gif"], "--plot", ""),
        (["--plot", "/no/such/dir/figure.png"], "--plot", ""),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, option, limit):
    result = run("metric", *args)
    assert_usage_error(result, option)
    assert limit in result.stderr


def test_the_default_json_run_needs_no_scipy():
    probe = ("import sys\nfrom emergence.cli import app\n"
             "try:\n    app(['metric', '--json', '--seed', '1'])\nexcept SystemExit as exc:\n    assert exc.code == 0\n"
             "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'matplotlib', 'rich'))))\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # none of them was imported


def test_real_subprocess_with_plot(tmp_path):
    out = tmp_path / "resolution.svg"
    proc = run_subprocess("metric", "--tokens", "5", "--items", "10000", "--seed", "4", "--plot", out,
                          "--figure", "resolution", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["params"]["items"] == 10000 and data["params"]["figure"] == "resolution"
    assert out.read_text().startswith("<?xml")
