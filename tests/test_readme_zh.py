"""The Chinese README: the same quick start as the English one, a link back, and its environment examples run.

``tests/test_readme.py`` runs every ``emergence ...`` command both READMEs show; this file covers
what it cannot: the commands shown with an environment variable in front
(``EMERGENCE_LANG=zh emergence --help``), run with that variable set, and the error line shown.
"""

from __future__ import annotations

import re
import shlex
import shutil
from typing import Any

import pytest

from emergence.cli._app import COMMANDS
from tests.clihelp import ROOT, run

README = ROOT / "README.md"
README_ZH = ROOT / "README.zh.md"
HAN = re.compile(r"[\u4e00-\u9fff]")


def quick_start(path) -> list[str]:
    """The code blocks of the quick-start section (the first ``##`` section)."""
    text = path.read_text(encoding="utf-8")
    section = text.split("\n## ", 2)[1]
    return re.findall(r"```bash\n(.*?)```", section, flags=re.S)


def test_same_quick_start_commands_as_the_english_readme():
    english, chinese = quick_start(README), quick_start(README_ZH)
    assert len(english) == 2
    assert chinese == english


def test_links_back_to_the_english_readme():
    assert "](README.md)" in README_ZH.read_text(encoding="utf-8")


def test_names_every_command():
    text = README_ZH.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert re.search(rf"`(emergence )?{name}[` ]", text), name
    for sub in ("dimensions", "observers", "quanta", "composition"):
        assert f"threshold {sub}" in text, sub


def env_commands() -> list[tuple[dict[str, str], str]]:
    """``NAME=value emergence ...`` lines of the Chinese README's shell blocks, and ``$ ...`` console lines."""
    found = []
    for block in re.findall(r"```(?:bash|console)\n(.*?)```", README_ZH.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            line = line.removeprefix("$ ").strip()
            words = shlex.split(line) if line else []
            env = {}
            while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                name, _, value = words.pop(0).partition("=")
                env[name] = value
            if env and words and words[0] == "emergence":
                found.append((env, shlex.join(words[1:])))
    return found


ENV_COMMANDS = env_commands()


def test_the_readme_shows_commands_with_a_chinese_environment():
    assert len(ENV_COMMANDS) >= 3
    assert any("LANG" in env for env, _ in ENV_COMMANDS)


@pytest.mark.parametrize("env, args", ENV_COMMANDS, ids=[f"{e} {a}" for e, a in ENV_COMMANDS])
def test_environment_examples_speak_chinese(env, args, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    unset: dict[str, Any] = {"EMERGENCE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
    result = run(*shlex.split(args), env={**unset, **env})
    shown = _shown_output(env, args)
    if shown is None:  # a help page
        assert result.exit_code == 0, result.output
        assert "用法:" in result.stdout and HAN.search(result.stdout)
    else:  # an error shown with its output: the very line
        assert result.exit_code == 2
        assert result.stderr.strip() == shown


def _shown_output(env: dict[str, str], args: str) -> str | None:
    """The line the README shows under ``$ ENV emergence ARGS`` in a console block, or None."""
    text = README_ZH.read_text(encoding="utf-8")
    prefix = " ".join(f"{k}={v}" for k, v in env.items())
    match = re.search(rf"\$ {re.escape(prefix)} emergence {re.escape(args)}\n(.+)\n", text)
    return match.group(1) if match else None
