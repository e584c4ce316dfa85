"""``emergence analyze`` as a user runs it: the shipped example, real results, bad files, every output."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pytest

from tests.clihelp import ROOT, assert_usage_error, run, run_json, run_subprocess

EXAMPLE = ROOT / "examples" / "synthetic_results.csv"


@pytest.fixture(scope="module")
def example_json():
    return run_json("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "200")


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
    ranks = [c["shape"]["breakthroughness"] for c in data["results"]["curves"]]
    finite = [b for b in ranks if b is not None]
    assert finite == sorted(finite, reverse=True)
    assert any("synthetic" in s for c in curves.values() for s in c["curve"]["sources"]) or EXAMPLE.name.startswith("synthetic")


def test_example_table_csv_and_figure(tmp_path):
    plot, table = tmp_path / "a.png", tmp_path / "a.csv"
    result = run("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "100", "--top", "4", "--plot", str(plot),
                 "--csv", str(table))
    assert result.exit_code == 0, result.output
    assert "Is the jump real? 15 curves" in result.stdout and "explained by metric" in result.stdout
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert len(rows) == 15 and {r["verdict"] for r in rows} <= {"smooth", "explained", "undetermined", "unexplained"}
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_figure_draws_the_curves_it_names():
    from emergence import data, verdict
    from emergence.plotting import analyze_figure

    report = data.load([str(EXAMPLE)])
    analyses = verdict.analyse_all(report.curves[:2], verdict.Settings(bootstrap=50), np.random.default_rng(0).spawn(2))
    fig = analyze_figure(analyses, "en", chance=0.1)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == [a.curve.label for a in analyses]
    for ax, a in zip(axes, analyses):
        assert ax.get_xscale() == "log"
        points = [line for line in ax.get_lines() if line.get_marker() in ("o", "s")]
        xs = np.concatenate([line.get_xdata() for line in points])
        ys = np.concatenate([line.get_ydata() for line in points])
        assert sorted(zip(xs, ys)) == sorted(zip(a.curve.sizes, a.curve.scores))
        assert any(np.allclose(line.get_ydata(), 0.1) for line in ax.get_lines())  # chance


def _bad_csv(tmp_path, text, name="bad.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("args, option", [
    (["--bootstrap", "5"], "--bootstrap"), (["--steps", "x"], "--steps"), (["--chance", "1.5"], "--chance"),
    (["--level", "abc"], "--level"), (["--holdout", "0"], "--holdout"), (["--bootstrap", "1" + "0" * 400], "--bootstrap"),
    (["--cutoff", "-1"], "--cutoff"), (["--csv", "out.txt"], "--csv"), (["--plot", "out.gif"], "--plot"),
    (["--size-unit", "0"], "--size-unit"), (["--items", "0"], "--items"), (["--task", "no-such-task"], "task"),
])
def test_bad_options_are_one_line(args, option):
    assert_usage_error(run("analyze", str(EXAMPLE), *args), option)


def test_bad_files_name_file_and_line(tmp_path):
    missing = run("analyze", str(tmp_path / "none.csv"))
    assert_usage_error(missing, "none.csv")
    text = run("analyze", str(_bad_csv(tmp_path, "model,params,task,metric,score\na,1e9,t,acc,0.1\nb,2e9,t,acc,high\n")))
    assert_usage_error(text, "bad.csv:3")
    assert "score" in text.stderr


@pytest.mark.shared_data
def test_obsscaling_pythia_addition_jumps_between_1_4b_and_2_8b(shared_data):
    data = run_json("analyze", str(shared_data / "obsscaling_emergent_capability.csv"), "--task", "arithmetic_2da",
                    "--family", "Pythia", "--seed", "1", "--bootstrap", "200")
    (curve,) = data["results"]["curves"]
    step = curve["shape"]["largest_step"]
    assert step["from_model"].endswith("pythia-1.4b-deduped") and step["to_model"].endswith("pythia-2.8b-deduped")
    assert (step["from_score"], step["to_score"]) == (0.067, 0.795)
    assert curve["shape"]["sharp"] and curve["backtest"] is not None


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


def test_real_process_on_the_example():
    proc = run_subprocess("analyze", str(EXAMPLE), "--seed", "0", "--bootstrap", "50", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["command"] == "analyze"
