"""``emergence analyze`` as a user runs it: the shipped example, real results, bad files, every output."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from decimal import Decimal

import numpy as np
import pytest

from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess

EXAMPLE = ROOT / "examples" / "synthetic_results.csv"
WIDE = {"COLUMNS": "250"}  # a terminal wide enough that no table cell is wrapped
# the example's model sizes, written the way the blog writes them (by hand, not by the code under test)
SIZE_WORDS = {70e6: "70M", 160e6: "160M", 410e6: "410M", 1e9: "1B", 1.4e9: "1.4B", 2.8e9: "2.8B", 6.9e9: "6.9B",
              12e9: "12B", 30e9: "30B", 70e9: "70B"}


@pytest.fixture(scope="module")
def example_json():
    return run_json("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "200")


def _rows(table: str, label: str) -> list[str]:
    """The cells of the table row that starts with ``label``."""
    line = next(line for line in table.splitlines() if line.startswith(f"│ {label} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def _percent(text: str) -> str:
    """A fraction as the blog writes it, from its decimal digits: '0.215000' -> '21.5 %'."""
    value = (Decimal(text) * 100).normalize()
    return f"{value:f} %"


def _example_curve(task: str, metric: str, family: str) -> list[tuple[float, str]]:
    with EXAMPLE.open() as handle:
        rows = [r for r in csv.DictReader(handle) if (r["task"], r["metric"], r["family"]) == (task, metric, family)]
    return sorted((float(r["params"]), r["score"]) for r in rows)


def test_example_envelope_and_verdicts(example_json):
    data = example_json
    assert list(data) == ["schema_version", "command", "params", "seed", "results", "notes"]
    assert data["command"] == "analyze" and data["seed"] == 0 and data["params"]["bootstrap"] == 200
    curves = {c["label"]: c for c in data["results"]["curves"]}
    assert len(curves) == 15
    # exact match over five tokens jumps; token accuracy on the same outputs does not
    em = curves["digits_5 / exact_match / beta"]
    assert em["verdict"] == "explained" and "metric" in em["explained_by"]
    assert em["metric"]["other_metric"] == "token_accuracy" and not em["metric"]["other_sharp"]
    assert curves["digits_5 / token_accuracy / beta"]["verdict"] == "smooth"
    assert all(c["verdict"] in ("smooth", "explained", "undetermined", "unexplained") for c in curves.values())
    assert all(any("synthetic" in s for s in c["curve"]["sources"]) or EXAMPLE.name.startswith("synthetic")
               for c in curves.values())
    # the guesses of the reading are in the JSON, in English
    assert f"{EXAMPLE}: score column: score (guessed)" in data["results"]["load"]["guesses"]


def test_the_table_leads_with_plain_words():
    result = run("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", env=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == \
        ["curve", "model sizes", "score, smallest → largest", "largest step", "verdict"]
    assert "R²" not in out.split("\n\n")[0] and "breakthroughness" not in out
    # every row, derived from the file by hand: sizes as 70M-70B, scores as percentages, the largest step
    for task, metric, family in (("chain_4", "exact_match", "beta"), ("digits_5", "token_accuracy", "alpha"),
                                 ("single_token", "exact_match", "gamma")):
        points = _example_curve(task, metric, family)
        scores = [Decimal(s) for _, s in points]
        i = max(range(len(points) - 1), key=lambda j: scores[j + 1] - scores[j])
        cells = _rows(out, f"{task} / {metric} / {family}")
        assert cells[1] == f"{SIZE_WORDS[points[0][0]]}–{SIZE_WORDS[points[-1][0]]} ({len(points)})"
        assert cells[2] == f"{_percent(points[0][1])} → {_percent(points[-1][1])}"
        assert cells[3] == (f"{SIZE_WORDS[points[i][0]]} → {SIZE_WORDS[points[i + 1][0]]}: "
                            f"{_percent(points[i][1])} → {_percent(points[i + 1][1])}")
    assert _rows(out, "digits_5 / exact_match / beta")[4] == "sharp, explained by the metric, compounding steps"
    assert _rows(out, "digits_5 / token_accuracy / beta")[4] == "smooth"


def test_detail_adds_the_technical_columns_and_json_does_not_change():
    plain = run("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", env=WIDE)
    detail = run("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", "--detail", env=WIDE)
    assert plain.exit_code == detail.exit_code == 0
    assert "The numbers behind the verdicts" not in plain.stdout
    assert "The numbers behind the verdicts (--detail)" in detail.stdout
    data = run_json("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50")
    curve = next(c for c in data["results"]["curves"] if c["label"] == "chain_4 / exact_match / beta")
    cells = _rows(detail.stdout.split("The numbers behind")[1], "chain_4 / exact_match / beta")
    assert cells[1] == f"{curve['shape']['breakthroughness']:.3g}" and cells[2] == f"{curve['shape']['linearity_r2']:.3g}"
    assert cells[7] == f"{curve['compounding']['steps']}, {curve['compounding']['r2_steps']:.3g}"
    assert run_json("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", "--detail") == data


def test_without_seed_every_run_is_the_same_and_says_the_seed():
    first = run("analyze", str(EXAMPLE), "--bootstrap", "30", "--top", "2")
    second = run("analyze", str(EXAMPLE), "--bootstrap", "30", "--top", "2")
    assert first.exit_code == second.exit_code == 0
    assert (first.stdout, first.stderr) == (second.stdout, second.stderr)
    assert first.stderr.strip().splitlines()[-1] == "seed: 0 (the default; change it with --seed N)"
    assert run("analyze", str(EXAMPLE), "--bootstrap", "30", "--top", "2", "--seed", "0").stdout == first.stdout
    given = run("analyze", str(EXAMPLE), "--bootstrap", "30", "--top", "2", "--seed", "7")
    assert "seed:" not in given.stderr
    data = run_json("analyze", str(EXAMPLE), "--bootstrap", "30")
    assert data["seed"] == 0 and data["params"]["seed"] == 0
    assert "seed: 0 (the default; change it with --seed N)" in data["notes"]
    assert run_json("analyze", str(EXAMPLE), "--bootstrap", "30") == data


def test_chinese_everywhere_including_the_guesses_of_the_reading():
    result = run("analyze", str(EXAMPLE), "--bootstrap", "30", "--top", "2", "--lang", "zh", env=WIDE)
    assert result.exit_code == 0, result.output
    assert "跃升是真的吗？15 条曲线" in result.stdout and "陡峭，可由指标、多步复合解释" in result.stdout
    assert "70M–70B（10 个）" in result.stdout and "平滑" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"注：{EXAMPLE}：分数列取 score（猜测）"
    assert lines[-1] == "随机种子：0（默认值；可用 --seed N 更换）"
    assert all(line.startswith(("注：", "随机种子：")) for line in lines), lines
    english = re.compile(r"\b(guessed|note|column|smooth|sharp|explained|seed|largest|step|sizes?)\b")
    said = re.sub(r"--[\w-]+", "", result.stderr + result.stdout)  # option names stay as they are typed
    assert not english.search(said), english.search(said)


def test_example_csv_and_figure(tmp_path):
    plot, table = tmp_path / "a.png", tmp_path / "a.csv"
    result = run("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "100", "--top", "4", "--plot", str(plot),
                 "--csv", str(table))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert len(rows) == 15 and {r["verdict"] for r in rows} <= {"smooth", "explained", "undetermined", "unexplained"}
    assert plot.read_bytes().startswith(b"\x89PNG")
    assert "figure written to" in result.stderr and "(4 curve(s))" in result.stderr


def test_figure_draws_the_curves_it_names():
    from emergence import data, verdict
    from emergence.plotting import analyze_figure

    report = data.load([str(EXAMPLE)])
    analyses = verdict.analyse_all(report.curves[:2], verdict.Settings(bootstrap=50), np.random.default_rng(0).spawn(2))
    fig = analyze_figure(analyses, "en", chance=0.1)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == [f"{a.curve.task.replace('_', ' ')} · {a.curve.metric.replace('_', ' ')} · {a.curve.family}"
                                               for a in analyses]
    for ax, a in zip(axes, analyses):
        assert ax.get_xscale() == "log"
        points = [line for line in ax.get_lines() if line.get_marker() in ("o", "s")]
        xs = np.concatenate([line.get_xdata() for line in points])
        ys = np.concatenate([line.get_ydata() for line in points])
        assert sorted(zip(xs, ys)) == sorted(zip(a.curve.sizes, a.curve.scores))
        assert any(np.allclose(line.get_ydata(), 0.1) for line in ax.get_lines())  # chance


def test_plot_draws_at_most_twelve_panels_and_says_so(tmp_path):
    plot = tmp_path / "many.svg"
    result = run("analyze", str(EXAMPLE), "--bootstrap", "20", "--top", "15", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    svg = plot.read_text()
    # the panels drawn: one axes group each (hidden ones are not written)
    assert len(re.findall(r'<g id="axes_\d+">', svg)) == 12
    assert "note: --plot draws the first 12 of the --top 15 curves" in result.stderr
    assert "figure written to" in result.stderr and "(12 curve(s))" in result.stderr


def test_style_slide_reaches_the_builder_with_the_top_curves(tmp_path, monkeypatch):
    import emergence.plotting

    calls = []
    monkeypatch.setattr(emergence.plotting, "analyze_figure",
                        lambda analyses, lang, **options: calls.append(([a.curve.label for a in analyses], options)))
    monkeypatch.setattr(emergence.plotting, "save_figure", lambda fig, path: None)
    data = run_json("analyze", str(EXAMPLE), "--bootstrap", "20", "--plot", tmp_path / "s.png", "--style", "slide")
    ranked = [c["label"] for c in data["results"]["curves"]]
    assert calls == [(ranked[:2], {"chance": None, "style": "slide"})]
    assert data["params"]["style"] == "slide" and len(data["results"]["curves"]) == 15
    assert any("--style slide draws the top 2" in n for n in data["notes"])
    calls.clear()
    run_json("analyze", str(EXAMPLE), "--bootstrap", "20", "--plot", tmp_path / "s.png", "--top", "3")
    assert calls == [(ranked[:3], {"chance": None, "style": "paper"})]
    calls.clear()
    square = run_json("analyze", str(EXAMPLE), "--bootstrap", "20", "--plot", tmp_path / "s.png", "--style", "slide",
                      "--aspect", "4:3", "--top", "1", "--chance", "0.25")
    assert calls == [(ranked[:1], {"chance": 0.25, "style": "slide", "aspect": "4:3"})]
    assert square["params"]["aspect"] == "4:3" and not any("--style slide" in n for n in square["notes"])


def test_a_slide_is_one_projector_frame(tmp_path):
    plot = tmp_path / "slide.png"
    result = run("analyze", str(EXAMPLE), "--bootstrap", "20", "--plot", str(plot), "--style", "slide")
    assert result.exit_code == 0, result.output
    head = plot.read_bytes()[:24]
    assert head.startswith(b"\x89PNG") and (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) == (1280, 720)
    assert "(2 curve(s))" in result.stderr


def _bad_csv(tmp_path, text, name="bad.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("args, option", [
    (["--bootstrap", "5"], "--bootstrap"), (["--steps", "x"], "--steps"), (["--chance", "1.5"], "--chance"),
    (["--level", "abc"], "--level"), (["--holdout", "0"], "--holdout"), (["--bootstrap", "1" + "0" * 400], "--bootstrap"),
    (["--cutoff", "-1"], "--cutoff"), (["--csv", "out.txt"], "--csv"), (["--plot", "out.gif"], "--plot"),
    (["--size-unit", "0"], "--size-unit"), (["--items", "0"], "--items"), (["--task", "no-such-task"], "task"),
    (["--style", "slide"], "--style"), (["--level", ",".join(["0.5"] * 21)], "--level"), (["--top", "101"], "--top"),
])
def test_bad_options_are_one_line(args, option):
    assert_usage_error(run("analyze", str(EXAMPLE), *args), option)


@pytest.mark.parametrize("option, value", [
    ("--score-col", ""), ("--score-col", " "), ("--score-col", "score,,n_items"), ("--by", ","), ("--task", ""),
    ("--metric", " "), ("--family", "alpha,"), ("--model", ""), ("--lower", ""), ("--size-col", ""),
    ("--metric-col", " "), ("--task-col", ""), ("--model-col", ""), ("--family-col", ""), ("--stderr-col", ""),
    ("--items", " "),
])
def test_blank_names_are_refused_not_taken_as_absent(option, value):
    result = run("analyze", str(EXAMPLE), option, value)
    assert_usage_error(result, option)
    assert "empty" in result.stderr


def test_a_usage_error_after_the_reading_is_still_one_line():
    """The guesses of the reading wait until every check is done."""
    assert_usage_error(run("analyze", str(EXAMPLE), "--metric", "no-such-metric"), "--metric")
    refused = run("analyze", str(EXAMPLE), "--bootstrap", "100000")
    assert_usage_error(refused, "--bootstrap")
    # 15 curves of 10 sizes: 15 x (10 + 3) + 15 x (9 + 3) point-fits per resample, 700 per curve besides
    assert f"{15 * 700 + 100000 * 15 * (13 + 12):,} point-fits" in refused.stderr and "1,800,000" in refused.stderr


def test_too_many_curves_are_refused_up_front(tmp_path):
    # 2,600 curves of 2 sizes: 2,600 x 700 point-fits of the rest of each analysis is beyond the budget
    lines = ["model,params,task,score"] + [f"m-{s}b,{s}e9,t{t},0.{t % 10}" for t in range(2600) for s in (1, 2)]
    path = _bad_csv(tmp_path, "\n".join(lines) + "\n", "many.csv")
    result = run("analyze", str(path))
    assert_usage_error(result, "PATH")
    assert "2,600 curves" in result.stderr and "choose curves with --task" in result.stderr


def test_a_curve_of_more_than_a_thousand_sizes_is_refused(tmp_path):
    lines = ["model,family,params,score"] + [f"m{i},f,{(i + 1) * 1e6:g},{(i % 7) / 10}" for i in range(1001)]
    path = _bad_csv(tmp_path, "\n".join(lines) + "\n", "long.csv")
    result = run("analyze", str(path))
    assert_usage_error(result, "long.csv")
    assert "1,001 model sizes" in result.stderr and "1,000" in result.stderr


def test_a_table_of_fifty_thousand_columns_is_refused_at_its_header(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(50_000)) + "\n" + ",".join("1" for _ in range(50_000)) + "\n")
    result = run("analyze", str(path))
    assert_usage_error(result, "wide.csv:1")
    assert "50,000 columns in the header; the limit is 2,000" in result.stderr


def test_over_long_names(tmp_path):
    long_input = tmp_path / ("a" * 300 + ".csv")
    result = run("analyze", str(long_input))
    assert_usage_error(result, "PATH")
    assert "cannot read: File name too long" in result.stderr
    for option, suffix in (("--plot", ".png"), ("--csv", ".csv")):
        name = tmp_path / ("b" * 252 + suffix)  # 256 bytes: one more than a file name may have
        refused = run("analyze", str(EXAMPLE), option, str(name))
        assert_usage_error(refused, option)
        assert "the file name is 256 bytes long; the limit is 255" in refused.stderr
    fits = tmp_path / ("c" * 251 + ".csv")  # 255 bytes: written
    assert run("analyze", str(EXAMPLE), "--bootstrap", "20", "--csv", str(fits)).exit_code == 0 and fits.is_file()


def test_bad_files_name_file_and_line(tmp_path):
    missing = run("analyze", str(tmp_path / "none.csv"))
    assert_usage_error(missing, "none.csv")
    text = run("analyze", str(_bad_csv(tmp_path, "model,params,task,metric,score\na,1e9,t,acc,0.1\nb,2e9,t,acc,high\n")))
    assert_usage_error(text, "bad.csv:3")
    assert "score" in text.stderr


@pytest.mark.shared_data
def test_obsscaling_pythia_addition_jumps_between_1_4b_and_2_8b(shared_data):
    path = str(shared_data / "obsscaling_emergent_capability.csv")
    data = run_json("analyze", path, "--task", "arithmetic_2da", "--family", "Pythia", "--seed", "1")
    (curve,) = data["results"]["curves"]
    step = curve["shape"]["largest_step"]
    assert step["from_model"].endswith("pythia-1.4b-deduped") and step["to_model"].endswith("pythia-2.8b-deduped")
    assert (step["from_score"], step["to_score"]) == (0.067, 0.795)
    # the README's finding: 92 % of the change, B = 19.8, K = 10 straightens it only to R² 0.774: a candidate
    assert step["share"] == pytest.approx((0.795 - 0.067) / (0.795 - 0.005), abs=0.02)
    assert curve["shape"]["breakthroughness"] == pytest.approx(19.8, abs=0.05)
    assert curve["compounding"]["steps"] == 10 and curve["compounding"]["r2_steps"] == pytest.approx(0.774, abs=5e-4)
    assert curve["verdict"] == "unexplained" and curve["backtest"] is not None
    table = run("analyze", path, "--task", "arithmetic_2da", "--family", "Pythia", "--seed", "1", env=WIDE).stdout
    assert "1.4B → 2.8B: 6.7 % → 79.5 %" in table and "sharp and unexplained: a candidate" in table


@pytest.mark.shared_data
def test_obsscaling_opt_addition_is_consistent_with_compounding(shared_data):
    data = run_json("analyze", str(shared_data / "obsscaling_emergent_capability.csv"), "--task", "arithmetic_2da",
                    "--family", "OPT", "--seed", "1")
    (curve,) = data["results"]["curves"]
    assert (curve["curve"]["scores"][0], curve["curve"]["scores"][-1]) == (0.01, 0.499)
    assert curve["compounding"]["steps"] == 10 and curve["compounding"]["at_limit"]
    assert (curve["compounding"]["r2_steps"], curve["compounding"]["r2_raw"]) == (pytest.approx(0.911, abs=5e-4),
                                                                                 pytest.approx(0.701, abs=5e-4))
    assert curve["verdict"] == "explained" and curve["explained_by"] == ["compounding"]


@pytest.mark.shared_data
def test_lambada_accuracy_and_perplexity_on_the_same_outputs(shared_data):
    data = run_json("analyze", str(shared_data / "lm-eval-pythia"), "--task", "lambada_openai", "--seed", "1",
                    "--bootstrap", "100")
    curves = {c["label"]: c for c in data["results"]["curves"]}
    assert len(curves) == 8  # acc and ppl x two families x zero- and five-shot
    ppl = curves["lambada_openai / ln ppl / pythia-v1.1-* [shots=0]"]
    acc = curves["lambada_openai / acc / pythia-v1.1-* [shots=0]"]
    assert ppl["metric"]["other_metric"] == "acc" and acc["metric"]["other_metric"] == "ln ppl"
    # what the data show: on its logarithm (the loss), perplexity climbs as smoothly as accuracy
    assert ppl["verdict"] == acc["verdict"] == "smooth"
    raw = [s for s in ppl["curve"]["scores"]]
    assert raw[0] == pytest.approx(math.log(142.0), abs=0.02)  # ln of the 70M model's perplexity
    accuracy_b = sorted(c["shape"]["breakthroughness"] for c in curves.values() if " / acc / " in c["label"])
    assert accuracy_b[0] == pytest.approx(9.8, abs=0.05) and accuracy_b[-1] == pytest.approx(13.6, abs=0.05)


@pytest.mark.shared_data
def test_the_whole_lm_eval_directory_fits_the_budget(shared_data):
    """600 curves of 8 sizes: fewer resamples than 1000, so that it finishes in seconds."""
    from emergence import data, verdict

    curves = [c for c in data.load([str(shared_data / "lm-eval-pythia")]).curves if len(c.sizes) >= 2]
    # 600 curves x ((8 + 3) + (7 + 3)) point-fits a resample, and 700 each besides: what is left of 1,800,000
    assert (len(curves), {len(c.sizes) for c in curves}) == (600, {8})
    assert verdict.resamples_for(curves, None) == (1_800_000 - 600 * 700) // (600 * 21) == 109


def test_many_curves_get_fewer_resamples_and_a_note(monkeypatch):
    from emergence import verdict

    # a budget that leaves the example's 15 curves of 10 sizes 200 resamples: 15 x 700 + 200 x 15 x (13 + 12)
    monkeypatch.setattr(verdict, "WORK_BUDGET", 15 * 700 + 200 * 15 * 25)
    data = run_json("analyze", str(EXAMPLE))
    assert data["params"]["bootstrap"] == 200
    assert "200 bootstrap resamples per curve instead of 1000 (15 curve(s), 150 model sizes in all), to finish in " \
        "about ten seconds (--bootstrap sets it; --task, --metric, --family choose fewer curves)." in data["notes"]
    assert {c["sigmoid"]["resamples"] for c in data["results"]["curves"]} == {200}


def test_real_process_on_the_example():
    proc = run_subprocess("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["command"] == "analyze"
