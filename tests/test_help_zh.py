"""``--help`` in Chinese: every command and option has Chinese help, and a Chinese environment shows it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
import typer

from emergence.cli import app
from emergence.cli._app import COMMANDS
from emergence.i18n import help as zh
from tests.clihelp import ENV, ROOT, run

HAN = re.compile(r"[\u4e00-\u9fff]")
CHINESE_LOCALE: dict[str, Any] = {"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}  # None: unset


def commands() -> list[tuple[str, Any]]:
    """Every command of the program as (path, Click command), the program itself first, subcommands included."""
    root: Any = typer.main.get_command(app)
    found: list[tuple[str, Any]] = [("emergence", root)]
    for name in COMMANDS:
        command = root.commands[name]
        found.append((name, command))
        if hasattr(command, "list_commands"):
            found += [(f"{name} {sub}", command.get_command(None, sub)) for sub in command.list_commands(None)]
    return found


def shown_params(command) -> list:
    return [p for p in command.params if not getattr(p, "hidden", False)]


COMMANDS_FOUND = commands()
PATHS = [path for path, _ in COMMANDS_FOUND]


def test_every_command_is_listed():
    assert {"emergence", "compound", "metric", "threshold", "threshold dimensions", "threshold observers", "threshold quanta",
            "threshold composition", "analyze", "simulate", "doctor"} <= set(PATHS)
    assert set(COMMANDS) <= set(PATHS)  # tour and report too: their modules must exist


@pytest.mark.parametrize("path, command", COMMANDS_FOUND, ids=PATHS)
def test_every_command_and_option_has_chinese_help(path, command):
    """Fails for a new option (or a changed English help) until emergence/i18n/help.py has its Chinese."""
    missing = []
    if zh.command_help(path, command.help) is None:
        missing.append(f"({path!r}, {zh.plain(command.help)!r}, <Chinese>)")
    for param in shown_params(command):
        if zh.option_help(path, param) is None:
            missing.append(f"({path + ' ' + zh.param_key(param)!r}, {zh.plain(param.help)!r}, <Chinese>)")
    assert not missing, "add to emergence/i18n/help.py:\n" + "\n".join(missing)


def test_the_catalog_has_no_entry_for_an_option_that_is_gone():
    known = {path for path in PATHS}
    for path, command in COMMANDS_FOUND:
        known |= {f"{path} {zh.param_key(p)}" for p in command.params}
        known |= {f"* {zh.param_key(p)}" for p in command.params}
    known.add("* --help")
    stale = sorted(set(zh.T.keys()) - known)
    assert not stale, stale


def test_every_chinese_help_is_chinese():
    for key in zh.T.keys():
        assert HAN.search(zh.T(key, "zh")), key


def test_a_changed_english_help_is_not_given_the_old_chinese():
    english = zh.T("compound --p", "en")
    assert zh.chinese(("compound --p",), english) == zh.T("compound --p", "zh")
    assert zh.chinese(("compound --p",), english.replace("[0, 1]", "[0, 2]")) is None
    assert zh.chinese(("compound --p",), None) is None
    # the shared entry serves any command whose option has the same English
    assert zh.chinese(("newcommand --json", "* --json"), zh.T("* --json", "en")) == zh.T("* --json", "zh")


@pytest.mark.parametrize("path", PATHS)
def test_help_of_every_command_in_chinese_under_emergence_lang_zh(path):
    args = [] if path == "emergence" else path.split()
    result = run(*args, "--help", env={"EMERGENCE_LANG": "zh"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "用法:" in out and "Usage:" not in out
    assert "选项" in out and "Options" not in out
    assert "显示这段帮助并退出" in out and "Show this message" not in out
    command = dict(COMMANDS_FOUND)[path]
    for param in shown_params(command):
        chinese = zh.option_help(path, param)
        assert chinese is not None and chinese[:5] in out, (path, param.name)
        assert zh.plain(param.help)[:30] not in out, (path, param.name)  # the English is gone
    assert "[default:" not in out and "[required]" not in out


def test_defaults_required_and_type_names_are_chinese():
    out = run("compound", "--help", env={"EMERGENCE_LANG": "zh"}).stdout
    assert "[默认：0.4]" in out and "<整数>" in out and "<数>" in out
    out = run("report", "--help", env={"EMERGENCE_LANG": "zh"}).stdout
    assert "[必填]" in out


def test_the_list_of_commands_is_chinese():
    out = run("--help", env={"EMERGENCE_LANG": "zh"}).stdout
    assert "命令" in out and "Commands" not in out
    for name in ("compound", "metric", "threshold", "analyze", "simulate"):
        line = next(line for line in out.splitlines() if re.match(rf"\W*{name}\s", line))
        assert HAN.search(line), line
    out = run("threshold", "--help", env={"EMERGENCE_LANG": "zh"}).stdout
    assert "子弹的例子" in out and "bullet" not in out


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_chinese_lines_are_wrapped_not_cut(columns):
    """Rich breaks lines at spaces only and would end a long Chinese sentence in an ellipsis."""
    for path in ("compound", "threshold quanta", "threshold observers", "analyze"):
        out = run(*path.split(), "--help", env={"EMERGENCE_LANG": "zh", "COLUMNS": columns}).stdout
        assert not re.search(r"[\u4e00-\u9fff]…", out), out


def test_the_environment_wins_only_without_lang():
    out = run("compound", "--lang", "zh", "--help").stdout
    assert "用法:" in out and "每一步的准确率" in out
    out = run("compound", "--help", "--lang=zh").stdout
    assert "每一步的准确率" in out
    out = run("compound", "--lang", "en", "--help", env={"EMERGENCE_LANG": "zh"}).stdout
    assert "Usage:" in out and "Per-step accuracy" in out and not HAN.search(out.split("Options")[0])


def test_locale_gives_chinese_help_and_emergence_lang_overrides_it():
    out = run("metric", "--help", env=CHINESE_LOCALE).stdout
    assert "答案长度" in out
    out = run("metric", "--help", env={"LANG": "zh_CN.UTF-8", "EMERGENCE_LANG": "en"}).stdout
    assert "Answer length" in out and "答案长度" not in out
    out = run("metric", "--help", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}).stdout
    assert "Answer length" in out


def test_english_help_is_untouched_after_a_chinese_one():
    """The headings are Typer's module constants: a Chinese help page must put them back."""
    run("compound", "--help", env={"EMERGENCE_LANG": "zh"})
    out = run("compound", "--help").stdout
    assert "Usage:" in out and "Options" in out and "[default: 0.4]" in out and "<int>" in out
    assert not HAN.search(out)


def test_english_runs_do_not_load_the_chinese_catalogs():
    code = ("import sys\nfrom emergence.cli import app\n"
            "try:\n    app(['compound', '--steps', '5', '--p', '0.4'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m in ('emergence.i18n.help', 'emergence.i18n.errors', 'typer.rich_utils')))")
    env = {k: v for k, v in os.environ.items() if k not in ("EMERGENCE_LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(ENV, LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_subprocess_help_in_chinese_under_a_chinese_locale():
    env = {k: v for k, v in os.environ.items() if k not in ("EMERGENCE_LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(ENV, LANG="zh_CN.UTF-8", PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "emergence", "--help"], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "用法:" in done.stdout and "选项" in done.stdout and "命令" in done.stdout
    assert "语言模型的这项能力真的是“涌现”出来的吗" in done.stdout
    assert "Usage:" not in done.stdout and "Did this ability" not in done.stdout


# -- what help shows beside the texts: defaults in words, types, ranges, the completion options ------------------


def _one_line(text: str) -> str:
    """Help text with the table's borders and line breaks taken out (a phrase may be wrapped)."""
    return re.sub(r"\s+", "", re.sub(r"[│╭╮╰╯─]", "", text))


def test_a_default_described_in_words_is_chinese():
    out = _one_line(run("metric", "--help", env={"EMERGENCE_LANG": "zh", "COLUMNS": "200"}).stdout)
    assert "[默认：(GPT-3的8个规模，1.25e8到1.75e11)]" in out and "GPT-3sizes" not in out
    out = _one_line(run("metric", "--help", env={"EMERGENCE_LANG": "en", "COLUMNS": "200"}).stdout)
    assert "[default:(the8GPT-3sizes,1.25e8to1.75e11)]" in out
    assert zh.default_text("something new") == "something new"


def test_every_default_in_words_has_chinese():
    for path, command in COMMANDS_FOUND:
        for param in shown_params(command):
            if isinstance(getattr(param, "show_default", None), str):
                assert param.show_default in zh.DEFAULTS_ZH, f"add {param.show_default!r} ({path} {param.name}) to DEFAULTS_ZH"


@pytest.mark.parametrize("lang, path, name", [("en", "<path>", "<name>"), ("zh", "<路径>", "<名字>")])
def test_list_options_show_the_type_of_one_value(lang, path, name):
    out = run("analyze", "--help", env={"EMERGENCE_LANG": lang, "COLUMNS": "200"}).stdout
    assert "list[" not in out
    assert re.search(rf"PATH\.\.\. +{re.escape(path)} ", out), out
    for option in ("--task", "--metric", "--family", "--model", "--lower"):
        assert re.search(rf"{option} +{re.escape(name)} ", out), option


def test_no_help_shows_a_python_type():
    for path, _ in COMMANDS_FOUND:
        for lang in ("en", "zh"):
            out = run(*path.split()[1:] if path.startswith("emergence") else path.split(), "--help",
                      env={"EMERGENCE_LANG": lang, "COLUMNS": "200"}).stdout
            assert not re.search(r"<list\[|<tuple\[|\bNoneType\b", out), (path, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_seed_range_is_short(lang):
    for path in ("metric", "analyze", "simulate", "threshold dimensions", "threshold observers"):
        out = run(*path.split(), "--help", env={"EMERGENCE_LANG": lang, "COLUMNS": "100"}).stdout
        line = next(line for line in out.splitlines() if "--seed" in line)
        assert "[0<=x<2^128]" in line, (path, line)
        assert "340282366920938463463374607431768211455" not in out


def test_short_range_only_for_a_power_of_two_bound():
    from emergence.cli._app import _short_range

    class Param:
        def __init__(self, low, high):
            self.min, self.max, self.count = low, high, False

    assert _short_range(Param(0, 2**128 - 1)) == "0<=x<2^128"
    assert _short_range(Param(0, 2**64 - 1)) == "0<=x<2^64"
    assert _short_range(Param(1, 10_000_000)) == "1<=x<=10000000"  # ordinary bounds stay as Typer says them
    assert _short_range(Param(0, 255)) == "0<=x<=255"
    assert _short_range(Param(None, None)) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_completion_options_only_on_the_program(lang):
    env = {"EMERGENCE_LANG": lang}
    assert "--install-completion" in run("--help", env=env).stdout and "--show-completion" in run("--help", env=env).stdout
    for path in PATHS:
        if path == "emergence":
            continue
        out = run(*path.split(), "--help", env=env).stdout
        assert "--install-completion" not in out and "--show-completion" not in out, path
    for path, command in COMMANDS_FOUND:
        names = {p.name for p in command.params}
        assert ("install_completion" in names) == (path == "emergence"), path
