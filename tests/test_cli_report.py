"""`emergence report` from the command line: the page it writes, the JSON envelope, bad input."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest

from emergence import report as core
from tests.clihelp import assert_usage_error, run, run_json, run_subprocess


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[dict, Path]:
    """One run with --json over an existing file: the envelope and the page it wrote."""
    out = tmp_path_factory.mktemp("report") / "r.html"
    out.write_text("an older page", encoding="utf-8")
    return run_json("report", "--out", str(out)), out


def page_data(path: Path) -> dict:
    match = re.search(r'id="report-data">(.*?)</script>', path.read_text(encoding="utf-8"), flags=re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_writes_the_page_and_says_so(tmp_path):
    out = tmp_path / "lesson.html"
    result = run("report", "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # messages go to stderr
    assert f"report written to {out}" in result.stderr
    assert "seed: 0 (the default" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.html"]  # no temporary file left behind


def test_chinese_from_the_environment_and_another_seed(tmp_path, written):
    out = tmp_path / "课程.htm"
    result = run("report", "--out", str(out), "--seed", "3", env={"EMERGENCE_LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 0, result.output
    assert "报告已写入" in result.stderr and "随机种子" not in result.stderr  # a seed chosen by the user is not repeated
    text = out.read_text(encoding="utf-8")
    assert '<html lang="zh">' in text and "随机种子 3" in text
    # the seed changes the simulated test items, and nothing else
    mine, default = page_data(out), page_data(written[1])
    assert mine["metric"]["observed_exact"] != default["metric"]["observed_exact"]
    assert mine["metric"]["seed"] == 3 and default["metric"]["seed"] == 0
    for key in ("exact", "partial", "p_exact", "p_log10_sizes"):
        assert mine["compound"][key] == default["compound"][key]
    assert mine["threshold"]["steps"] == default["threshold"]["steps"]


def test_json_envelope(written):
    data, out = written
    assert list(data) == ["schema_version", "command", "params", "seed", "results", "notes"]
    assert data["command"] == "report" and data["seed"] == 0
    assert data["params"] == {"out": str(out), "seed": 0, "lang": "en", "json": True}
    results = data["results"]
    assert results["path"] == str(out) and results["bytes"] == out.stat().st_size
    assert results["lang"] == "en" and results["seed"] == 0
    assert results["sliders"] == {"compound": {"steps": 12, "p": 17, "points": 141},
                                  "metric": {"items": 9, "metrics": 2, "models": 21, "points": 101},
                                  "threshold": {"tau": 17, "points": 141}}
    assert results["steps"] >= 5 and results["figures"] >= 5
    assert [note for note in data["notes"] if "seed" in note] == ["seed: 0 (the default; change it with --seed N)"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # the older file is replaced


def test_the_commands_on_the_page_print_its_numbers(written):
    """The command shown beside the sliders (for one position each) prints the numbers the page reads out."""
    data = page_data(written[1])
    k, j = 6, core.H1_P_PERCENT.index(60)  # 7 steps at p = 0.6
    command = data["compound"]["command"][k][j]
    assert command == "emergence compound --steps 7 --p 0.6"
    printed = run_json(*command.split()[1:])["results"]["outcome"]
    assert printed["success"] == pytest.approx(data["compound"]["p_exact"][k][j], rel=1e-12)
    i = core.H3_TAU_PERCENT.index(80)
    command = data["threshold"]["command"][i]
    assert command == "emergence threshold observers --tau 0.8,0.85"  # two levels: the printed move means something
    points = run_json(*command.split()[1:])["results"]["points"]
    assert [p["threshold"] for p in points] == [0.8, 0.85]
    for point, j in zip(points, (i, i + 1)):
        assert point["at"] == pytest.approx(10 ** data["threshold"]["point_log10_sizes"][j], rel=1e-9)
    # the last position has no next one: it is compared with the one before
    assert data["threshold"]["command"][-1] == "emergence threshold observers --tau 0.85,0.9"


def test_h2_command_prints_the_pages_simulated_scores(written):
    """The metric command beside the n slider draws the same simulated items: the same exact match and partial credit."""
    data = page_data(written[1])
    for i in (0, data["metric"]["items"].index(1000)):
        n = data["metric"]["items"][i]
        command = data["metric"]["command"][i]
        assert command == f"emergence metric --items {n} --sizes 1e8:1e13:21 --seed 0"
        results = run_json(*command.split()[1:])["results"]
        assert results["simulated"]["sizes"] == pytest.approx([10 ** x for x in data["metric"]["model_log10_sizes"]],
                                                             rel=1e-12)
        assert results["simulated"]["scores"]["exact_match"] == data["metric"]["observed_exact"][i]
        assert results["simulated"]["scores"]["token_accuracy"] == data["metric"]["observed_partial"][i]


def test_h3_readout_is_a_local_rate_and_a_real_move(written):
    """Near tau = 90 % the readout gives the rate per +0.01 (0.01 / (b tau (1 - tau)), b = log-logistic slope) and the
    move between the two thresholds of its command, never a move "by 0.1" to a tau of 100 %."""
    data = page_data(written[1])["threshold"]
    last = data["readout"][-1]
    b = 2.0 * math.log(1.5)  # logistic_log: logit p(1e10) = ln(2/3), logit p(1e11) = ln(3/2): the logit's rise per decade
    rate = 0.01 / (b * 0.9 * 0.1)
    assert f"each +0.01 in τ moves N* by about {rate:.3f} decades" in last
    move = (math.log(0.9 / 0.1) - math.log(0.85 / 0.15)) / b
    assert "from τ = 85\u00a0% to 90\u00a0%" in last and f"({move:.3g} decades)" in last
    assert "0.1 moves" not in " ".join(data["readout"])


@pytest.mark.parametrize(("args", "option"), [
    (["--out", "report.pdf"], "--out"),
    (["--out", "no/such/dir/report.html"], "--out"),
    (["--out", "{tmp}"], "--out"),
    (["--out", "{tmp}/r.html", "--lang", "fr"], "--lang"),
    (["--out", "{tmp}/r.html", "--seed", "-1"], "--seed"),
    (["--out", "{tmp}/r.html", "--seed", "x"], "--seed"),
    (["--out", "{tmp}/a.html", "--out", "{tmp}/b.html"], "--out"),
    ([], "--out"),
    (["--out", ".html"], "--out"),
    (["--out", "{tmp}/.HTM"], "--out"),
])
def test_bad_input_is_one_line(tmp_path, args, option):
    result = run("report", *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert_usage_error(result, option)
    assert list(tmp_path.iterdir()) == []  # checked before any work: nothing written


def test_a_name_that_is_only_an_extension_is_refused_clearly(tmp_path):
    result = run("report", "--out", str(tmp_path / ".html"))
    assert_usage_error(result, "--out")
    assert "no name before its extension" in result.stderr and "must end in" not in result.stderr


def test_a_hidden_file_with_a_name_is_fine(tmp_path):
    assert run("report", "--out", str(tmp_path / ".lesson.html")).exit_code == 0


def test_a_directory_as_out_is_refused(tmp_path):
    folder = tmp_path / "page.html"
    folder.mkdir()
    assert_usage_error(run("report", "--out", str(folder)), "--out")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_directory(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert_usage_error(run("report", "--out", str(locked / "r.html")), "--out")


def test_help_names_the_options():
    result = run("report", "--help")
    assert result.exit_code == 0
    for option in ("--out", "--lang", "--seed", "--json"):
        assert option in result.stdout


@pytest.mark.slow
def test_real_subprocess(tmp_path):
    out = tmp_path / "lesson.html"
    proc = run_subprocess("report", "--out", str(out), "--lang", "zh", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["results"]["bytes"] == out.stat().st_size > 0
    assert "Traceback" not in proc.stderr

