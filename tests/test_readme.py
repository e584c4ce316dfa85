"""Every ``emergence ...`` command the READMEs show runs, as a reader would type it.

Commands are taken from console blocks (``$ emergence ...``) and from inline code spans
(`` `emergence ...` ``) outside headings. Each runs in process in a fresh temporary directory
holding a copy of ``examples/``, so files it writes land there. Commands on ``../shared/data``
skip when that directory is absent.
"""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from tests.clihelp import ROOT, run
from tests.conftest import SHARED_DATA

READMES = [p for p in (ROOT / "README.md", ROOT / "README.zh.md") if p.is_file()]


def shown_commands() -> list[str]:
    found: list[str] = []
    for readme in READMES:
        text = readme.read_text(encoding="utf-8")
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("$ "):
                stripped = stripped[2:]
            for part in re.split(r"\s*&&\s*", stripped):
                is_output = re.match(r"emergence [\w -]*: ", part)  # an error line shown as output
                if part.startswith("emergence ") and not is_output and not line.strip().startswith("|"):
                    found.append(part)
        for line in text.splitlines():
            if not line.lstrip().startswith("#"):
                found += [m.group(1) for m in re.finditer(r"`(emergence [^`]+)`", line)]
    commands = []
    for command in found:
        command = command.strip()
        if command not in commands and "..." not in command and "…" not in command:
            commands.append(command)
    return commands


COMMANDS = shown_commands()


def test_the_readme_shows_commands():
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command, tmp_path, monkeypatch):
    args = shlex.split(command)[1:]
    if any("shared/data" in a for a in args) and not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    args = [a.replace("../shared/data", str(SHARED_DATA)) for a in args]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert "Traceback" not in result.output


def python_blocks() -> list[str]:
    blocks = []
    for readme in READMES:
        blocks += re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    return blocks


@pytest.mark.parametrize("code", python_blocks(), ids=lambda code: code.splitlines()[0][:40])
def test_readme_python_runs(code):
    exec(compile(code, "README.md", "exec"), {})
