"""What every command shares: the fixed default seed and the note that says so, ``--seed`` refused where
nothing is drawn, repeated options refused, core errors named by the command that ran, ``--style``
and ``--detail``; and the number formats of the tables."""

from __future__ import annotations

import json
import math
import re

import pytest

from emergence.cli._common import DEFAULT_SEED
from emergence.render import fmt_percent, fmt_size
from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess

NOTE = "seed: 0 (the default; change it with --seed N)"
NOTE_ZH = "随机种子：0（默认值；可用 --seed N 更换）"

# runs that draw random numbers, kept small
DRAWING = {
    "compound": ["compound", "--trials", "2000"],
    "metric": ["metric", "--items", "20"],
    "dimensions": ["threshold", "--noise", "0.1"],
    "observers": ["threshold", "observers", "--runs", "5", "--sizes", "1e8:1e13:11"],
    "quanta": ["threshold", "quanta", "--polygenic", "5"],
    "simulate": ["simulate", "--items", "3"],
}
# runs that draw nothing, and the words that say why a seed would be ignored
NOT_DRAWING = {
    "compound": (["compound"], "without --trials"),
    "dimensions": (["threshold", "--noise", "0"], "with --noise 0"),
    "observers": (["threshold", "observers", "--runs", "0"], "with --runs 0"),
    "quanta": (["threshold", "quanta", "--polygenic", "0"], "with --polygenic 0"),
    "composition": (["threshold", "composition"], "in this model"),
}
FIGURES = {
    "compound": ["compound"],
    "compound cot": ["compound", "--figure", "cot"],
    "metric": ["metric", "--items", "20"],
    "metric resolution": ["metric", "--items", "20", "--figure", "resolution"],
    "dimensions": ["threshold", "dimensions"],
    "observers": ["threshold", "observers", "--runs", "3"],
    "quanta": ["threshold", "quanta"],
    "composition": ["threshold", "composition"],
}


def test_the_default_seed_is_zero_and_reproduces_the_example_table():
    assert DEFAULT_SEED == 0
    result = run("simulate")
    assert result.exit_code == 0, result.output
    assert result.stdout == (ROOT / "examples" / "synthetic_results.csv").read_text(encoding="utf-8")
    assert result.stderr == NOTE + "\n"


# --------------------------------------------------------------------------------------------
# the same numbers for the whole class


@pytest.mark.parametrize("name", DRAWING)
def test_a_run_without_seed_repeats_and_says_its_seed(name):
    args = DRAWING[name]
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout  # two students, one table
    assert first.stderr.splitlines()[0] == NOTE
    chosen = run(*args, "--seed", "0")
    assert chosen.stdout == first.stdout and NOTE not in chosen.stderr  # the user chose it: no note


@pytest.mark.parametrize("name", DRAWING)
def test_the_envelope_carries_the_seed_used_and_the_note(name):
    args = DRAWING[name]
    default = run_json(*args)
    assert default["seed"] == 0 and default["params"]["seed"] == 0
    assert default["notes"][-1] == NOTE
    zero = run_json(*args, "--seed", "0")
    assert zero["results"] == default["results"] and NOTE not in zero["notes"]
    other = run_json(*args, "--seed", "12345")
    assert other["seed"] == 12345 and other["params"]["seed"] == 12345
    assert other["results"] != default["results"]  # the seed is really used


@pytest.mark.parametrize("name", DRAWING)
def test_the_seed_note_speaks_chinese(name):
    args = DRAWING[name]
    result = run(*args, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == NOTE_ZH


@pytest.mark.parametrize("name", NOT_DRAWING)
def test_a_run_that_draws_nothing_has_a_null_seed(name):
    args, _ = NOT_DRAWING[name]
    data = run_json(*args)
    assert data["seed"] is None and data["params"]["seed"] is None
    assert not any(note.startswith("seed:") for note in data["notes"])
    assert run(*args).stderr == ""


@pytest.mark.parametrize("name", NOT_DRAWING)
def test_seed_where_nothing_is_drawn_is_refused_in_the_same_words(name):
    args, why = NOT_DRAWING[name]
    result = run(*args, "--seed", "1")
    assert_usage_error(result, "--seed")
    line = result.stderr.strip()
    match = re.fullmatch(r"emergence (?P<command>[a-z ]+): error: Invalid value for --seed: "
                         r"nothing is random (?P<why>.+) \(the seed would be ignored\)", line)
    assert match is not None, line
    assert match["why"] == why


def test_composition_hides_its_seed_option_but_refuses_it_like_the_others():
    assert "--seed" not in run("threshold", "composition", "--help").stdout
    assert_usage_error(run("threshold", "composition", "--seed", "abc"), "--seed")


# --------------------------------------------------------------------------------------------
# repeated options and the command named in errors


@pytest.mark.parametrize("args, option", [
    (["compound", "--p", "0.4", "--p", "0.6"], "--p"),
    (["compound", "-k", "3", "--steps", "4"], "--steps"),  # an alias counts as the same option
    (["compound", "--target", "0.5", "--target", "0.9"], "--target"),
    (["metric", "--tokens", "5", "--tokens", "10"], "--tokens"),
    (["threshold", "--tau", "0.2", "--tau", "0.1"], "--tau"),
    (["threshold", "observers", "--runs", "2", "--runs", "3"], "--runs"),
    (["threshold", "quanta", "--alpha", "0.4", "--alpha", "0.5"], "--alpha"),
    (["threshold", "composition", "--p", "0.1", "--p", "0.2"], "--p"),
    (["simulate", "--items", "3", "--items", "4"], "--items"),
])
def test_a_repeated_option_is_refused_naming_it(args, option):
    result = run(*args)
    assert_usage_error(result, option)
    assert "2 times" in result.stderr and "give it once" in result.stderr
    command = " ".join(a for a in args[:2] if not a.startswith("-"))
    assert result.stderr.startswith(f"emergence {command}")


def test_repeated_flags_and_help_are_fine():
    assert run("compound", "--json", "--json").exit_code == 0
    assert run("compound", "--detail", "--detail").exit_code == 0
    helped = run("compound", "--p", "0.4", "--p", "0.6", "--help")
    assert helped.exit_code == 0 and "--p-to" in helped.stdout


@pytest.mark.parametrize("args, where, option", [
    (["threshold", "quanta", "--alpha", "0"], "emergence threshold quanta", "--alpha"),
    (["threshold", "observers", "--rater-centre", "1"], "emergence threshold observers", "--rater-centre"),
    (["threshold", "composition", "--p", "2"], "emergence threshold composition", "--p"),
    (["threshold", "--s", "1"], "emergence threshold dimensions", "--s"),
    (["metric", "--sigma", "11"], "emergence metric", "--sigma"),
    (["compound", "--p", "2"], "emergence compound", "--p"),
])
def test_a_core_error_is_named_by_the_command_that_ran(args, where, option):
    result = run(*args)
    assert_usage_error(result, option)
    assert result.stderr.startswith(f"{where}: error: Invalid value for {option}: ")


def test_a_repeated_option_in_a_real_process():
    proc = run_subprocess("threshold", "quanta", "--alpha", "0.4", "--alpha", "0.5")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "emergence threshold quanta: error: option --alpha is given 2 times" in proc.stderr


# --------------------------------------------------------------------------------------------
# --style and --detail


@pytest.mark.parametrize("name", [name for name, args in FIGURES.items() if "--figure" not in args])
def test_style_without_plot_is_refused(name):
    assert_usage_error(run(*FIGURES[name], "--style", "slide"), "--style")


@pytest.mark.parametrize("name", FIGURES)
def test_style_reaches_the_builder(name, tmp_path, monkeypatch):
    import emergence.plotting

    calls: list[tuple[str, dict]] = []
    for builder in ("compound_figure", "cot_figure", "metric_figure", "schaeffer_figure", "resolution_figure",
                    "dimensions_figure", "observers_figure", "quanta_figure", "composition_figure"):
        monkeypatch.setattr(emergence.plotting, builder,
                            lambda data, lang, _name=builder, **options: calls.append((_name, options)))
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: None)
    data = run_json(*FIGURES[name], "--plot", tmp_path / "f.png", "--style", "slide")
    assert [options for _, options in calls] == [{"style": "slide"}]
    assert data["params"]["style"] == "slide"


@pytest.mark.parametrize("name", FIGURES)
def test_aspect_reaches_the_builder_and_needs_a_slide(name, tmp_path, monkeypatch):
    import emergence.plotting

    calls: list[dict] = []
    for builder in ("compound_figure", "cot_figure", "metric_figure", "schaeffer_figure", "resolution_figure",
                    "dimensions_figure", "observers_figure", "quanta_figure", "composition_figure"):
        monkeypatch.setattr(emergence.plotting, builder, lambda data, lang, **options: calls.append(options))
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: None)
    data = run_json(*FIGURES[name], "--plot", tmp_path / "f.png", "--style", "slide", "--aspect", "4:3")
    assert calls == [{"style": "slide", "aspect": "4:3"}]
    assert (data["params"]["style"], data["params"]["aspect"]) == ("slide", "4:3")
    assert_usage_error(run(*FIGURES[name], "--plot", tmp_path / "f.png", "--aspect", "4:3"), "--aspect")


def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")  # width and height in the IHDR chunk


@pytest.mark.slow
@pytest.mark.parametrize("name", FIGURES)
def test_a_slide_is_a_projector_image(name, tmp_path):
    wide, square = tmp_path / "wide.png", tmp_path / "square.png"
    result = run(*FIGURES[name], "--plot", wide, "--style", "slide")
    assert result.exit_code == 0, result.output
    assert _png_size(wide) == (1280, 720)
    result = run(*FIGURES[name], "--plot", square, "--style", "slide", "--aspect", "4:3")
    assert result.exit_code == 0, result.output
    assert _png_size(square) == (1024, 768)


@pytest.mark.parametrize("args", [DRAWING["compound"], DRAWING["metric"], DRAWING["dimensions"], DRAWING["observers"],
                                  DRAWING["quanta"], ["threshold", "composition"], ["compound", "--scale", "linear_log"]])
def test_detail_shows_more_and_leaves_the_json_alone(args):
    plain, detail = run(*args), run(*args, "--detail")
    assert plain.exit_code == 0 and detail.exit_code == 0, detail.output
    assert len(detail.stdout) > len(plain.stdout)
    assert json.loads(run(*args, "--json", "--detail").stdout) == json.loads(run(*args, "--json").stdout)
    assert "detail" not in run_json(*args)["params"]


@pytest.mark.parametrize("args", [DRAWING["compound"], DRAWING["metric"], DRAWING["dimensions"], DRAWING["observers"],
                                  DRAWING["quanta"], ["threshold", "composition"], ["compound", "--scale", "logistic_log"]])
def test_detail_tables_speak_chinese(args):
    out = run(*args, "--detail", "--lang", "zh").stdout
    assert re.search(r"[\u4e00-\u9fff]", out)
    for english in ("Details", "model size", "decades per", "steps per unit", "interval", "How sudden", "large-d form"):
        assert english not in out, english


def test_no_internal_map_name_in_the_h1_figure_title():
    from emergence.i18n.compound import FIGURE

    for lang in ("en", "zh"):
        title = FIGURE("b", lang, map="kaplan_loss")
        assert "kaplan_loss" not in title and "_" not in title


# --------------------------------------------------------------------------------------------
# numbers as the blog writes them


def test_percentages_as_the_blog_writes_them():
    assert fmt_percent(0.4**5) == "1.024 %" and fmt_percent(0.6**5) == "7.776 %"
    assert fmt_percent(211 / 32) == "659.375 %"
    # 0.4^1000000 underflows; its log10 is 10^6 log10(0.4) = -397940.00867...: the percentage is 10^(that + 2)
    assert fmt_percent(0.0, log10=1e6 * math.log10(0.4)) == "10^-397938 %"
    assert fmt_percent(0.0, log10=-math.inf) == "0 %"


def test_model_sizes_as_the_blog_writes_them():
    assert [fmt_size(n) for n in (1.25e8, 3.5e8, 1.3e9, 1.3e10, 1.75e11)] == ["125M", "350M", "1.3B", "13B", "175B"]
