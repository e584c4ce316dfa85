"""``emergence threshold``: the command group, the bullet example by default, the envelope, figures, bad input."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest

from tests.clihelp import assert_usage_error, run, run_json, run_subprocess
from tests.test_composition import time_exact
from tests.test_dimensions import error_s2
from tests.test_imports import modules_after, running

BIG = "1" + "0" * 400


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in table.splitlines() if line.startswith("│")]

# --------------------------------------------------------------------------------------------
# the group


def test_help_lists_the_four_models():
    result = run("threshold", "--help")
    assert result.exit_code == 0
    for name in ("dimensions", "observers", "quanta", "composition"):
        assert name in result.stdout
    assert "spirit of Okawa" in result.stdout


def test_each_model_has_only_its_own_options():
    help_text = {name: run("threshold", name, "--help").stdout for name in ("dimensions", "observers", "quanta", "composition")}
    assert "--ladder" in help_text["dimensions"] and "--ladder" not in help_text["quanta"]
    assert "--alpha" in help_text["quanta"] and "--alpha" not in help_text["composition"]
    assert "--seed" not in help_text["composition"]  # nothing is random there
    assert "--raters" in help_text["observers"] and "--p " not in help_text["observers"]
    assert_usage_error(run("threshold", "quanta", "--drag", "2"), "--drag")
    assert_usage_error(run("threshold", "composition", "--seed", "1"), "--seed")


def test_the_old_model_option_points_to_the_subcommands():
    result = run("threshold", "-m", "observers")
    assert_usage_error(result, "-m")
    assert "emergence threshold dimensions|observers|quanta|composition" in result.stderr


# --------------------------------------------------------------------------------------------
# the default: the blog's bullet example


def test_no_subcommand_runs_the_bullet_example():
    result = run("threshold")
    assert result.exit_code == 0, result.output
    out = result.stdout
    # R(d) = 1 - (6/pi^2) sum_{j<=d} 1/j^2, as a percentage: the error left once the capability is recognised
    for name, d in (("shape", 3), ("position", 4), ("trajectory", 6)):
        line = next(line for line in out.splitlines() if line.startswith(f"│ {name} "))
        cells = [c.strip() for c in line.split("│")[1:-1]]
        assert cells[1] == str(d) and cells[2] == f"{100 * error_s2(d):.3g} %", line
    assert [cells[2] for cells in _rows(out) if cells[0] == "shape"] == ["17.3 %"]
    assert "The smooth curve underneath" in out and "█" in out  # the curve is printed and drawn
    assert "39.2 %" in out  # R(1) = 1 - 6/pi^2 = 0.3920729...
    assert "≤ τ <" not in out and "large-d form" not in out and "RMSE (m)" not in out  # technical: --detail
    assert result.stderr == "seed: 0 (the default; change it with --seed N)\n"  # the noisy projectile drew
    assert run("threshold").stdout == out  # the same numbers every time
    assert run("threshold", "dimensions", "--seed", "5").stdout == run("threshold", "--seed", "5").stdout


def test_dimensions_detail_shows_the_technical_rows():
    out = run("threshold", "--detail", "--noise", "0").stdout
    assert "17.2544 % ≤ τ < 24.0091 %" in out  # R(3) <= tau < R(2): the tolerances that recognise the shape
    assert "large-d form" in out and "dd/dτ (per unit τ)" in out and "RMSE (m)" in out
    assert run_json("threshold", "--detail") == run_json("threshold")


def test_default_json_is_the_envelope():
    data = run_json("threshold", "--seed", "4")
    assert set(data) == {"schema_version", "command", "params", "seed", "results", "notes"}
    assert data["command"] == "threshold dimensions" and data["seed"] == 4
    assert data["params"] == {"tau": [0.2, 0.1, 0.05], "ladder": {"shape": 3, "position": 4, "trajectory": 6}, "s": 2.0,
                              "max_dims": 10, "drag": 1.0, "noise": 0.05, "seed": 4, "plot": None, "style": None, "aspect": None, "lang": "en",
                              "json": True}
    r = data["results"]
    assert r["ladder"]["rungs"] == [["shape", 3], ["position", 4], ["trajectory", 6]]
    assert [low for low, _ in r["rung_windows"]] == pytest.approx([error_s2(3), error_s2(4), error_s2(6)], rel=1e-12)
    assert r["dims"] == list(range(11)) and r["count"] == [0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 3]
    assert r["error"] == pytest.approx([error_s2(d) for d in range(11)], rel=1e-12)
    assert r["error_approx"][0] is None  # infinite at d = 0, explained in the notes
    assert r["projectile"]["rmse"][0][:2] == pytest.approx([1.669813762070489, 0.4327562824500646], rel=1e-12)
    assert [(p["threshold"], p["at"]) for p in r["points"]] == [(0.2, 3.0), (0.1, 6.0), (0.05, 12.0)]
    assert any("null at d = 0" in note for note in data["notes"])


def test_seed_repeats_and_ladder_is_configurable():
    assert run_json("threshold", "--seed", "9") == run_json("threshold", "--seed", "9")
    data = run_json("threshold", "--ladder", "trajectory=7", "--tau", "0.3", "--noise", "0")
    assert data["results"]["ladder"]["rungs"][-1] == ["trajectory", 7]
    assert data["results"]["points"][0]["at"] == 2
    assert data["seed"] is None  # nothing random without noise


def test_chinese_tables():
    result = run("threshold", "--lang", "zh")  # without --seed the seed used is printed
    assert result.exit_code == 0
    assert "子弹的例子" in result.stdout and "形状" in result.stdout and "随机种子" in result.stderr


def test_user_text_is_shown_literally_in_tables():
    result = run("threshold", "--ladder", "[/]=5,$x^$=7,[bold]b[/bold]=8", "--noise", "0")
    assert result.exit_code == 0, result.output
    assert "│ [/]  " in result.stdout and "│ $x^$ " in result.stdout and "[bold]b[/bold]" in result.stdout


def test_a_long_axis_is_thinned_but_keeps_every_capability():
    result = run("threshold", "--max-dims", "1000", "--ladder", "late=777", "--noise", "0")
    assert result.exit_code == 0, result.output
    assert "1 (+ shape)" in result.stdout and "4 (+ late)" in result.stdout
    assert "of 1001 values of d shown" in result.stdout


def test_near_degenerate_inputs_give_the_right_numbers():
    # s = 1e20 puts all the energy in the first coefficient: every tolerance needs d* = 1 (not 9)
    data = run_json("threshold", "--s", "1e20", "--noise", "0")
    assert [p["at"] for p in data["results"]["points"]] == [1.0, 1.0, 1.0]
    assert any("smallest float" in note for note in data["notes"])
    # a drag of 1e-12 /s bends the path by 1e-12 m: in vacuum's place, 3 coefficients at every tolerance
    data = run_json("threshold", "--drag", "1e-12", "--noise", "0")
    assert data["results"]["projectile"]["needed"][1] == [3.0] * 5


# --------------------------------------------------------------------------------------------
# the other models


def test_observers_json():
    data = run_json("threshold", "observers", "--seed", "2", "--runs", "5", "--sizes", "1e8:1e13:11")
    assert data["command"] == "threshold observers" and data["params"]["sizes"] == "1e8:1e13:11"
    r = data["results"]
    assert len(r["sizes"]) == 11 and len(r["steps"]) == 3
    half = r["points"][0]
    assert half["threshold"] == 0.5 and half["at"] == pytest.approx(10**10.5, rel=1e-12)
    assert half["sensitivity"] == pytest.approx(1 / (2 * math.log(1.5) * 0.25), rel=1e-6)
    assert r["population_shares"] == [0.1, 0.5, 0.9] and len(r["run_jumps"]) == 5
    # the decade widths the tables print: between N*(0.5) and N*(0.9), and from 10 % to 90 % of the raters
    assert r["point_decades"] == pytest.approx(math.log(9) / (2 * math.log(1.5)), rel=1e-10)
    assert r["population_decades"] == pytest.approx(math.log10(r["population_sizes"][2] / r["population_sizes"][0]), rel=1e-12)


def test_observers_table_states_point_and_sensitivity():
    result = run("threshold", "observers", "--tau", "0.5,0.9", "--runs", "0")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    # logistic_log: q = 1/2 at N = 10^10.5 = 31.6B; q = 0.9 where the odds 9 = (2/3) (9/4)^(x - 10): x = 13.21, 16.2T
    assert "│ 50 % │ 31.6B │" in out and "│ 90 % │ 16.2T │" in out
    assert "moves from 31.6B to 16.2T (2.71 decades of N)" in out
    assert "decades per unit τ" not in out and "logistic_log" not in out  # technical: --detail
    assert "an S-curve in the logarithm of size" in out
    assert result.stderr == ""  # nothing drawn with --runs 0
    detail = " ".join(run("threshold", "observers", "--tau", "0.5,0.9", "--runs", "0", "--detail").stdout.split())
    assert "decades per unit τ" in detail and "--scale logistic_log" in detail and "│ 50 % │ 31.6B │ 10.5 │" in detail


def test_quanta_json():
    data = run_json("threshold", "quanta", "--seed", "3", "--tau", "0.2")
    assert data["command"] == "threshold quanta" and data["seed"] == 3
    assert data["params"]["alpha"] == 0.4 and data["params"]["loss_before"] == pytest.approx(math.log(2))
    r = data["results"]
    assert r["points"][0]["at"] == 13 and r["quanta_needed"] == [13.0]
    assert r["fitted_alpha"] == pytest.approx(0.4, rel=1e-3) and len(r["polygenic"]) == 30


def test_quanta_capacity_gives_zero_quanta_and_a_null():
    data = run_json("threshold", "quanta", "--capacity", "10", "--sizes", "1:1e4:9", "--polygenic", "0")
    assert data["results"]["learned"][0] == 0 and data["results"]["loss_approx"][0] is None
    assert data["seed"] is None


def test_the_readme_quanta_sizes_run():
    # once an array over 1e14 quanta (728 TiB)
    data = run_json("threshold", "quanta", "--sizes", "1e7:1e14:141", "--seed", "1")
    assert data["results"]["learned"][-1] == 1e14 and len(data["results"]["polygenic"]) == 30


def test_composition_json_matches_exact_search():
    data = run_json("threshold", "composition", "--abilities", "3", "--steps", "40")
    assert data["command"] == "threshold composition" and data["seed"] is None
    assert data["params"] == {"tau": [0.5, 0.8, 0.9], "p": 0.1, "abilities": 3, "steps": 40, "seed": None, "plot": None,
                              "style": None, "aspect": None, "lang": "en", "json": True}
    r = data["results"]
    assert r["abilities"] == [1, 2, 3] and len(r["success"][2]) == 41
    assert [p["at"] for p in r["points"][-1]] == [time_exact(3, Fraction(1, 10), Fraction(x)) for x in ("1/2", "4/5", "9/10")]
    assert any("spirit of Okawa" in note for note in data["notes"])


def test_composition_table():
    result = run("threshold", "composition", "--p", "0.05")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "t*" in out and "spirit of Okawa" in out and "steps per unit τ" not in out
    # one ability at p = 0.05: P(1, 5) = 1 - 0.95^5 = 0.2262190625
    assert [row[1] for row in _rows(out) if row[0] == "5"][0] == "22.62 %"
    assert "steps per unit τ" in run("threshold", "composition", "--p", "0.05", "--detail").stdout


# --------------------------------------------------------------------------------------------
# figures


def test_plot_writes_the_figure(tmp_path):
    out = tmp_path / "composition.png"
    result = run("threshold", "composition", "--plot", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")
    assert str(out) in result.stderr


@pytest.mark.parametrize(("model", "title"), [
    ("dimensions", "The bullet example"), ("observers", "A threshold on a smooth curve"),
    ("quanta", "Quantization model (Michaud et al.)"), ("composition", "A toy model in the spirit of Okawa et al."),
])
def test_each_model_draws_its_own_figure(model, title, tmp_path, monkeypatch):
    import emergence.plotting

    saved = []
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: saved.append((fig, path)))
    result = run("threshold", model, "--plot", tmp_path / "f.png", *([] if model == "composition" else ["--seed", "1"]))
    assert result.exit_code == 0, result.output
    [(fig, path)] = saved
    assert fig.get_suptitle().startswith(title) and path == tmp_path / "f.png"


def test_plot_path_is_checked_before_any_work(tmp_path):
    assert_usage_error(run("threshold", "--plot", tmp_path / "missing" / "a.png"), "--plot")
    assert_usage_error(run("threshold", "quanta", "--plot", tmp_path / "a.gif"), "--plot")


# --------------------------------------------------------------------------------------------
# bad input: exit 2, one line naming the option and its limit


@pytest.mark.parametrize(("args", "option"), [
    (["quanta", "--alpha", "0"], "--alpha"),
    (["quanta", "--alpha", "1e-300"], "--alpha"),
    (["quanta", "--alpha", "1e300"], "--alpha"),
    (["quanta", "--tau", "1e-300"], "--tau"),
    (["quanta", "--tau", "5e-324"], "--tau"),
    (["quanta", "--capacity", "0"], "--capacity"),
    (["quanta", "--capacity", "1e31"], "--capacity"),
    (["quanta", "--loss-before", "0"], "--loss-before"),
    (["quanta", "--tau", "0.9"], "--tau"),
    (["quanta", "--sizes", "-1,10"], "--sizes"),
    (["quanta", "--polygenic", "1001"], "--polygenic"),
    (["quanta", "--polygenic", BIG], "--polygenic"),
    (["quanta", "--polygenic", "0", "--seed", "1"], "--seed"),
    (["composition", "--p", "1.5"], "--p"),
    (["composition", "--p", "0"], "--p"),
    (["composition", "--tau", "1"], "--tau"),
    (["composition", "--abilities", "0"], "--abilities"),
    (["composition", "--abilities", "1e6"], "--abilities"),
    (["composition", "--abilities", "1000000"], "--abilities"),
    (["composition", "--abilities", BIG], "--abilities"),
    (["composition", "--steps", "-3"], "--steps"),
    (["composition", "--steps", "1000000000"], "--steps"),
    (["composition", "--steps", BIG], "--steps"),
    (["observers", "--tau", "1.5"], "--tau"),
    (["observers", "--tau", "5e-324"], "--tau"),
    (["observers", "--sizes", "0:1e9"], "--sizes"),
    (["observers", "--rater-centre", "1"], "--rater-centre"),
    (["observers", "--raters", "beta", "--rater-spread", "2"], "--rater-spread"),
    (["observers", "--runs", "-1"], "--runs"),
    (["observers", "--runs", BIG], "--runs"),
    (["observers", "--runs", "0", "--seed", "1"], "--seed"),
    (["observers", "--scale", "nope"], "--scale"),
    (["--tau", "0.1,x"], "--tau"),
    (["--tau", "0"], "--tau"),
    (["--tau", "5e-324"], "--tau"),
    (["--tau", ",".join(["0.5"] * 21)], "--tau"),
    (["--s", "1"], "--s"),
    (["--max-dims", "2"], "--max-dims"),
    (["--max-dims", BIG], "--max-dims"),
    (["--drag", "-1"], "--drag"),
    (["--noise", "-0.1"], "--noise"),
    (["--noise", "1e4"], "--noise"),
    (["--noise", "0", "--seed", "1"], "--seed"),
    (["--seed", BIG], "--seed"),
    (["--ladder", "shape"], "--ladder"),
    (["--ladder", "shape=0"], "--ladder"),
    (["--ladder", "shape=x"], "--ladder"),
    (["--ladder", "shape=1e30"], "--ladder"),
    (["--ladder", f"shape={BIG}"], "--ladder"),
    (["--ladder", "a=3,a=4"], "--ladder"),
    (["--ladder", ",".join(f"c{i}={i + 1}" for i in range(30))], "--ladder"),
    (["nope"], "nope"),
])
def test_bad_input_is_a_usage_error_naming_the_option(args, option):
    assert_usage_error(run("threshold", *args), option)


# --------------------------------------------------------------------------------------------
# real processes and import weight


def test_the_default_command_as_a_real_process():
    proc = run_subprocess("threshold", "--seed", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["command"] == "threshold dimensions"


def test_a_bad_value_in_a_real_process():
    proc = run_subprocess("threshold", "composition", "--p", "2")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--p" in proc.stderr


def test_the_default_path_loads_no_scipy():
    # the bullet example and the quanta need the Hurwitz zeta only, summed in numpy (beta raters still use scipy)
    assert "scipy" not in modules_after(running("threshold", "--json", "--seed", "1"))
    assert "scipy" not in modules_after(running("threshold", "quanta", "--json", "--seed", "1"))

