"""`emergence report` from the command line: the page it writes, the JSON envelope, bad input."""

from __future__ import annotations

import json
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
    assert any("seed 0" in note for note in data["notes"])
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
    assert command == "emergence threshold observers --tau 0.8"
    point = run_json(*command.split()[1:])["results"]["points"][0]
    assert point["threshold"] == 0.8
    assert point["at"] == pytest.approx(10 ** data["threshold"]["point_log10_sizes"][i], rel=1e-9)


@pytest.mark.parametrize(("args", "option"), [
    (["--out", "report.pdf"], "--out"),
    (["--out", "no/such/dir/report.html"], "--out"),
    (["--out", "{tmp}"], "--out"),
    (["--out", "{tmp}/r.html", "--lang", "fr"], "--lang"),
    (["--out", "{tmp}/r.html", "--seed", "-1"], "--seed"),
    (["--out", "{tmp}/r.html", "--seed", "x"], "--seed"),
    (["--out", "{tmp}/a.html", "--out", "{tmp}/b.html"], "--out"),
    ([], "--out"),
])
def test_bad_input_is_one_line(tmp_path, args, option):
    result = run("report", *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert_usage_error(result, option)
    assert list(tmp_path.iterdir()) == []  # checked before any work: nothing written


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

