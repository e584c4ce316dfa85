"""`emergence metric` from the command line: tables, JSON, the resolution effect, bad input."""

from __future__ import annotations

import json
import math

import pytest

from tests.clihelp import assert_usage_error, run, run_json, run_subprocess

GPT3 = [1.25e8, 3.5e8, 7.6e8, 1.3e9, 2.7e9, 6.7e9, 1.3e10, 1.75e11]
METRICS = ["exact_match", "token_accuracy", "token_edit_distance", "multiple_choice_grade", "brier_score",
           "log_probability"]


def test_done_when_tokens_5_table():
    result = run("metric", "--tokens", "5", "--seed", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("exact match", "token accuracy", "edit distance", "MC grade", "Brier", "breakthrough B",
                 "Measured on n = 100 simulated items (seed 1)", "Exact match read by n = 100 items", "1.75e+11"):
        assert text in out, text
    assert "seed:" not in result.stderr  # the seed was given
    assert "\x1b[" not in out


def test_json_keys_and_values():
    data = run_json("metric", "--tokens", "5", "--seed", "1")
    assert data["sizes"] == pytest.approx(GPT3)
    assert sorted(data["metrics"]) == sorted(METRICS) == sorted(data["breakthroughness"])
    assert data["seed"] == 1 and data["items"] == 100 and data["preset"] == "ours"
    assert isinstance(data["notes"], list)
    p = [math.exp(-((n / 1e9) ** -0.5)) for n in GPT3]
    assert data["metrics"]["exact_match"] == pytest.approx([x**5 for x in p], rel=1e-12)
    assert data["metrics"]["token_edit_distance"] == pytest.approx([5 * (1 - x) for x in p], rel=1e-12)
    assert data["metrics"]["log_probability"] == pytest.approx([5 * math.log(x) for x in p], rel=1e-12)
    b = data["breakthroughness"]
    # the done-when: exact match looks sudden where token accuracy and edit distance do not
    assert b["exact_match"] > 2 * b["token_accuracy"] and b["exact_match"] > 2 * b["token_edit_distance"]
    assert data["exact_match_n50"] == pytest.approx(1e9 * (5 / math.log(2)) ** 2, rel=1e-12)
    res = data["resolution"]
    assert res["floor"] == 0.01 and all(isinstance(x, int) for x in res["successes"])
    assert data["simulated"]["metrics"]["exact_match"] == pytest.approx([x / 100 for x in res["successes"]])


def test_items_100_against_10000_shows_the_resolution_effect():
    small = run_json("metric", "--items", "100", "--seed", "5")["resolution"]
    large = run_json("metric", "--items", "10000", "--seed", "5")["resolution"]
    # true exact match at 350M is 2.1e-4: below 1/(2n) for n = 100, above it for n = 10000
    assert small["rounded"][1] == 0.0 and large["rounded"][1] == 0.0002
    assert sum(x == 0 for x in small["successes"]) > sum(x == 0 for x in large["successes"])
    assert large["high"][0] - large["low"][0] < small["high"][0] - small["low"][0]


def test_seed_is_printed_when_not_given_and_reproduces():
    result = run("metric", "--items", "50")
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[0]
    seed = int(line.split()[1])
    a = run_json("metric", "--items", "50", "--seed", str(seed))
    b = run_json("metric", "--items", "50", "--seed", str(seed))
    assert a["simulated"] == b["simulated"] and a["seed"] == seed


def test_infinite_breakthroughness_is_null_with_a_note():
    data = run_json("metric", "--sigma", "0", "--seed", "2")
    assert data["breakthroughness"]["multiple_choice_grade"] is None
    assert any(note.startswith("multiple_choice_grade: breakthroughness is infinite") for note in data["notes"])
    result = run("metric", "--sigma", "0", "--seed", "2")
    assert "∞" in result.stdout and "infinite" in result.stderr


def test_kaplan_preset_and_overrides():
    data = run_json("metric", "--preset", "kaplan", "--seed", "0")
    assert (data["c"], data["alpha"], data["preset"]) == (8.8e13, -0.076, "kaplan")
    assert max(data["token_probability"]) < 0.3
    custom = run_json("metric", "--c", "1e10", "--alpha", "-1", "--sizes", "1e9,1e10,1e11", "--seed", "0")
    assert custom["token_probability"] == pytest.approx([math.exp(-10), math.exp(-1), math.exp(-0.1)], rel=1e-12)


def test_sizes_range_and_options():
    data = run_json("metric", "--sizes", "1e8:1e12:5", "--options", "2", "--tokens", "3", "--seed", "0")
    assert data["sizes"] == pytest.approx([1e8, 1e9, 1e10, 1e11, 1e12], rel=1e-12)
    assert data["options"] == 2 and data["tokens"] == 3


def test_chinese_tables():
    result = run("metric", "--seed", "1", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "完全匹配" in result.stdout and "突破度" in result.stdout


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--items", "0"], "--items"),
        (["--figure", "schaeffer"], "--figure"),  # without --plot it would be ignored
        (["--options", "1"], "--options"),
        (["--alpha", "0"], "--alpha"),
        (["--alpha", "0.5"], "--alpha"),
        (["--alpha", "-1e-300"], "--alpha"),  # extremes a float cannot carry through the model
        (["--alpha", "-1e300"], "--alpha"),
        (["--c", "1e-308"], "--c"),
        (["--sizes", "1e-300,1e-299"], "--sizes"),
        (["--c", "-1"], "--c"),
        (["--tokens", "0"], "--tokens"),
        (["--sigma", "-1"], "--sigma"),
        (["--sizes=-1e9,1e10"], "--sizes"),
        (["--sizes", "1e9,abc"], "--sizes"),
        (["--sizes", "1e9"], "--sizes"),
        (["--preset", "gpt4"], "--preset"),
        (["--plot", "figure.gif"], "--plot"),
        (["--plot", "/no/such/dir/figure.png"], "--plot"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, option):
    assert_usage_error(run("metric", *args), option)


def test_plot_and_json_in_process(tmp_path):
    out = tmp_path / "m.png"
    data = run_json("metric", "--seed", "1", "--plot", out)
    assert data["plot"] == str(out) and out.stat().st_size > 10_000


def test_real_subprocess_with_plot(tmp_path):
    out = tmp_path / "resolution.svg"
    proc = run_subprocess("metric", "--tokens", "5", "--items", "10000", "--seed", "4", "--plot", out,
                          "--figure", "resolution", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["items"] == 10000 and out.read_text().startswith("<?xml")
