"""``emergence tour``: panels, figures and slides in a directory, --step on and off a terminal, --json, refusals."""

from __future__ import annotations

import functools
import re
import struct
import sys
from pathlib import Path

import pytest

from emergence import tour as core
from emergence.cli._common import seed_note
from emergence.i18n.tour import T
from tests.clihelp import ENV, assert_usage_error, run, run_json, run_subprocess

NAMES = ["01-phenomenon.png", "02-decomposition.png", "03-chain-of-thought.png", "04-metric.png", "05-resolution.png",
         "06-bullet.png", "07-observers.png", "08-real-data.png", "09-conclusion.png"]


@pytest.fixture(autouse=True)
def computed_once(monkeypatch):
    """Each lesson is computed once for the whole module (it is deterministic; test_tour.py checks how)."""
    monkeypatch.setattr(core, "lesson", _cached_lesson)


@functools.lru_cache(maxsize=4)
def _cached_lesson(lang: str = "en", *, seed: int = core.DEFAULT_SEED, data_file: Path | None = None,
                   figures: core.Figures | None = None) -> core.Lesson:
    return _real_lesson(lang, seed=seed, data_file=data_file, figures=figures)


_real_lesson = core.lesson


def run_with_input(*args: str, input: object):
    """``emergence ARGS`` in process with ``input`` as standard input (clihelp.run takes none)."""
    from typer.testing import CliRunner

    from emergence.cli import app

    return CliRunner().invoke(app, list(args), env=ENV, input=input)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), read here without matplotlib."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_tour_shows_every_step_in_order():
    result = run("tour", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    positions = [out.index(f"Step {i} of 9") for i in range(1, 10)]
    assert positions == sorted(positions)
    for key in core.STEP_KEYS:
        assert T(core.TITLES[key], "en")[:24] in out
    assert "1.024 %" in out and "7.776 %" in out and "+659.375%" in out  # tables join a number and its %
    assert re.search(r"The figure again: emergence tour --only decomposition *│?\n", out)  # no --out: no file
    assert "The numbers in more depth: emergence compound --steps 5 --p 0.4 --p-to 0.6" in out
    assert seed_note(None, 0, "en") in result.stderr  # the fixed seed, in the words of every command
    assert "figure" not in out.lower().split("the figure again")[0]  # nothing written without --out


def test_the_tour_in_chinese():
    result = run("tour", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "第 1 步，共 9 步" in result.stdout and "现象" in result.stdout and "假说一：任务分解" in result.stdout
    assert "重现这张图：" in result.stdout and "--lang zh" in result.stdout
    assert "更多细节：" in result.stdout and "emergence tour --only phenomenon --lang zh" in result.stdout
    assert seed_note(None, 0, "zh") in result.stderr


def test_language_from_the_environment():
    result = run("tour", env={"EMERGENCE_LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 0, result.output
    assert "第 9 步，共 9 步" in result.stdout


def test_out_writes_one_figure_per_step_and_creates_the_directory(tmp_path):
    target = tmp_path / "lesson" / "today"
    result = run("tour", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == NAMES
    for name in NAMES:
        width, height = png_size(target / name)
        assert width >= 800 and height >= 400
        assert name in result.stdout
    assert "figures written to" in result.stderr and ": 9" in result.stderr


def test_slides_are_1280x720_and_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for target in (first, second):
        result = run("tour", "--lang", "zh", "--slides", "--out", str(target))
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in first.iterdir()) == NAMES
    for name in NAMES:
        assert png_size(first / name) == (1280, 720)
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_four_by_three_slides_for_an_older_projector(tmp_path):
    result = run("tour", "--slides", "--aspect", "4:3", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert {png_size(tmp_path / name) for name in NAMES} == {(1024, 768)}


def test_aspect_needs_slides(tmp_path):
    assert_usage_error(run("tour", "--aspect", "4:3", "--out", str(tmp_path)), "--aspect")
    assert not any(tmp_path.iterdir())


def test_paper_figures_are_the_same_bytes_every_time(tmp_path):
    for target in (tmp_path / "a", tmp_path / "b"):
        assert run("tour", "--out", str(target)).exit_code == 0
    for name in NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_json_prints_the_envelope_with_the_lesson(tmp_path):
    envelope = run_json("tour", "--seed", "3", "--out", str(tmp_path))
    assert envelope["command"] == "tour" and envelope["seed"] == 3 and envelope["schema_version"] == 1
    assert envelope["params"] == {"lang": "en", "out": str(tmp_path), "step": False, "slides": False, "aspect": None,
                                  "only": None, "seed": 3, "json": True}
    results = envelope["results"]
    assert results["lang"] == "en" and results["seed"] == 3
    assert [s["key"] for s in results["steps"]] == list(core.STEP_KEYS)
    assert all("data" not in s for s in results["steps"])
    decomposition = results["steps"][1]
    assert decomposition["numbers"]["task_ratio"] == pytest.approx(243 / 32)
    assert decomposition["tables"][0]["rows"][0] == ["smaller model", "40 %", "1.024 %"]
    assert any(str(tmp_path / "01-phenomenon.png") in note for note in envelope["notes"])


def test_json_without_seed_says_the_fixed_seed():
    envelope = run_json("tour", "--lang", "zh")
    assert envelope["seed"] == 0 and envelope["results"]["lang"] == "zh"
    assert seed_note(None, 0, "en") in envelope["notes"]


def test_step_without_a_terminal_runs_straight_through():
    result = run_with_input("tour", "--step", input="")
    assert result.exit_code == 0, result.output
    assert "Step 9 of 9" in result.stdout
    assert "--step waits only on a terminal" in result.stderr
    assert "Enter: next step" not in result.stdout


def _on_a_terminal(monkeypatch):
    from emergence.cli import tour as cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)


def test_step_on_a_terminal_waits_for_enter_and_q_ends(monkeypatch):
    _on_a_terminal(monkeypatch)
    result = run_with_input("tour", "--step", input="\n\nq\n")
    assert result.exit_code == 0, result.output
    assert "Step 3 of 9" in result.stdout and "Step 4 of 9" not in result.stdout
    assert result.stdout.count("Enter: next step") == 3


def test_step_ends_cleanly_at_the_end_of_input(monkeypatch):
    _on_a_terminal(monkeypatch)
    result = run_with_input("tour", "--step", "--lang", "zh", input="")
    assert result.exit_code == 0, result.output
    assert "第 1 步" in result.stdout and "第 2 步" not in result.stdout
    assert "Traceback" not in result.output


def test_step_all_the_way_through(monkeypatch):
    _on_a_terminal(monkeypatch)
    result = run_with_input("tour", "--step", input="\n" * 8)
    assert result.exit_code == 0, result.output
    assert "Step 9 of 9" in result.stdout and result.stdout.count("Enter: next step") == 8


def test_ctrl_c_at_the_prompt_ends_with_130(monkeypatch):
    from emergence.cli import tour as cli

    def interrupted() -> str:
        raise KeyboardInterrupt

    _on_a_terminal(monkeypatch)
    monkeypatch.setattr(cli, "_answer", interrupted)
    result = run("tour", "--step")
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    assert "Step 1 of 9" in result.stdout and "Step 2 of 9" not in result.stdout


def test_out_pointing_to_a_file_is_refused(tmp_path):
    file = tmp_path / "lesson.png"
    file.write_bytes(b"x")
    assert_usage_error(run("tour", "--out", str(file)), "--out")
    assert file.read_bytes() == b"x"


def test_out_pointing_to_a_file_is_refused_in_chinese(tmp_path):
    file = tmp_path / "lesson"
    file.write_text("x")
    result = run("tour", "--lang", "zh", "--out", str(file))
    assert_usage_error(result, "--out")
    assert "是一个文件" in result.stderr


def test_out_where_nothing_can_be_written_is_refused(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert_usage_error(run("tour", "--out", str(blocked / "below")), "--out")  # a directory under a file
    if sys.platform.startswith("linux") and Path("/proc/self").is_dir():
        assert_usage_error(run("tour", "--out", "/proc/self"), "--out")  # exists, but no file can be made in it


def test_slides_need_out():
    result = run("tour", "--slides")
    assert_usage_error(result, "--slides")
    assert "--out" in result.stderr


def test_step_and_json_do_not_mix():
    assert_usage_error(run("tour", "--step", "--json"), "--step")


@pytest.mark.parametrize("args, option", [(("--lang", "fr"), "--lang"), (("--seed", "-1"), "--seed"),
                                          (("--seed", "x"), "--seed"), (("--out", "a", "--out", "b"), "--out")])
def test_bad_values_are_one_line(args, option):
    assert_usage_error(run("tour", *args), option)


def test_a_real_process(tmp_path):
    proc = run_subprocess("tour", "--lang", "zh", "--slides", "--out", str(tmp_path / "lesson"))
    assert proc.returncode == 0, proc.stderr
    assert "第 9 步，共 9 步" in proc.stdout and "总结" in proc.stdout
    assert sorted(p.name for p in (tmp_path / "lesson").iterdir()) == NAMES
    assert png_size(tmp_path / "lesson" / "01-phenomenon.png") == (1280, 720)
    assert "Traceback" not in proc.stderr and "Warning" not in proc.stderr


# --------------------------------------------------------------------------------------------
# --only: the command each step prints reproduces its figure


@pytest.mark.parametrize("options", [(), ("--slides",), ("--lang", "zh", "--slides", "--aspect", "4:3", "--seed", "2")])
def test_the_printed_command_writes_the_same_bytes_as_the_tour(tmp_path, monkeypatch, options):
    monkeypatch.chdir(tmp_path)
    result = run("tour", "--out", "lesson", *options, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    made = {name: (tmp_path / "lesson" / name).read_bytes() for name in NAMES}
    for name in NAMES:
        (tmp_path / "lesson" / name).unlink()
    label = "重现这张图：" if "zh" in options else "The figure again: "
    commands = [line.split(label, 1)[1].strip(" │") for line in result.stdout.splitlines() if label in line]
    assert len(commands) == 9
    for name, command in zip(NAMES, commands):
        args = command.split()
        assert args[:3] == ["emergence", "tour", "--only"] and args[3] == name[3:-4].replace("-", "_")
        for option in options:
            assert option in args
        again = run(*args[1:])
        assert again.exit_code == 0, again.output
        assert sorted(p.name for p in (tmp_path / "lesson").iterdir()) == [name]  # that figure only
        assert (tmp_path / "lesson" / name).read_bytes() == made[name]
        (tmp_path / "lesson" / name).unlink()


def test_only_runs_the_steps_asked_in_the_lessons_order(tmp_path):
    result = run("tour", "--only", "conclusion,decomposition", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02-decomposition.png", "09-conclusion.png"]
    assert result.stdout.index("Step 2 of 9") < result.stdout.index("Step 9 of 9") and "Step 1 of 9" not in result.stdout


@pytest.mark.parametrize("value", ["nonsense", "decomposition,nonsense", "", ","])
def test_an_unknown_step_is_refused_with_the_list(value):
    result = run("tour", "--only", value)
    assert_usage_error(result, "--only")
    assert "decomposition" in result.stderr and "conclusion" in result.stderr


def test_the_numbers_in_more_depth_run_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson = _real_lesson("en")
    for step in lesson.steps:
        args = step.details.split()
        assert args[0] == "emergence"
        if "--plot" in args:
            args[args.index("--plot") + 1] = str(tmp_path / "more.png")
        result = run(*args[1:])
        assert result.exit_code == 0, (step.details, result.output)


# --------------------------------------------------------------------------------------------
# every file checked before the lesson starts


def test_empty_out_is_refused_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("tour", "--out", "")
    assert_usage_error(result, "--out")
    assert result.stdout == "" and not any(tmp_path.iterdir())


@pytest.mark.parametrize("lang, words", [("en", "is a directory"), ("zh", "是一个目录")])
def test_a_figure_path_taken_by_a_directory_is_refused_before_step_one(tmp_path, lang, words):
    (tmp_path / "09-conclusion.png").mkdir()
    result = run("tour", "--lang", lang, "--out", str(tmp_path))
    assert_usage_error(result, "--out")
    assert words in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["09-conclusion.png"]


def test_os_reasons_are_chinese(tmp_path):
    from emergence.cli.tour import _reason

    assert _reason(PermissionError(13, "Permission denied"), "zh") == "没有权限"
    assert _reason(PermissionError(13, "Permission denied"), "en") == "Permission denied"
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = run("tour", "--lang", "zh", "--out", str(blocked / "below"))
    assert_usage_error(result, "--out")
    assert "不是目录" in result.stderr or "是一个文件" in result.stderr


# --------------------------------------------------------------------------------------------
# line breaks: a number keeps its "%", a closing mark its word


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_line_starts_with_a_unit_or_closing_punctuation(lang):
    import io
    import re

    from rich.console import Console

    from emergence.cli.tour import _show

    lesson = _real_lesson(lang)
    for width in range(40, 101, 3):
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, highlight=False, color_system=None)
        for index, step in enumerate(lesson.steps, start=1):
            _show(console, step, index, len(lesson.steps), None, lang)
        for line in buffer.getvalue().splitlines():
            for cell in re.split(r"[│┃]", line):  # the panel's text and each table cell
                text = cell.strip()
                assert not text or text[0] not in "%）”，。", (width, line)


def test_wrap_keeps_a_number_with_its_percent_and_a_quote_with_its_word():
    from emergence.cli.tour import wrap_cjk

    assert wrap_cjk("then come 7 %, 14 %", 11) == "then come\n7 %, 14 %"
    assert wrap_cjk("是否具有“智能”，要看", 13) == "是否具有“智\n能”，要看"  # not "是否具有“智能\n”，要看"
    assert wrap_cjk("具有“智能”，要看", 9) == "具有“智\n能”，要看"  # the closing quote and comma keep 能
