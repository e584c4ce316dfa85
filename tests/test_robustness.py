"""What is not the user's input still ends in one line: closed or full output, Ctrl-C, odd environments.

These run the real program (``python -m emergence``) where the condition is about the process
itself (file descriptors, encodings, environment), and in process where a monkeypatch is enough.
"""

from __future__ import annotations

import importlib.abc
import os
import subprocess
import sys

import pytest

from tests.clihelp import ENV, ROOT, run

pytestmark = pytest.mark.slow


def _run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "emergence", *args], capture_output=True, text=True,
                          env=full_env, cwd=ROOT, timeout=120, **kwargs)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_full_stdout_is_exit_1_and_one_line():
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "emergence", "compound", "--p", "0.4"], stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, **ENV, "PYTHONPATH": str(ROOT)},
                              cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "No space left" in _one_line(proc.stderr)


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", f"{sys.executable} -m emergence {command}"], capture_output=True, text=True,
                          env={**os.environ, **ENV, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("args", ["compound", "compound --json"])
def test_closed_stdout_is_exit_1_and_one_line(args):
    proc = _shell(f"{args} >&-")
    assert proc.returncode == 1
    assert "output" in _one_line(proc.stderr)


def test_closed_stderr_still_gives_the_usage_status():
    assert _shell("compound --p 2 2>&-").returncode == 2


def test_ascii_only_stdout_shows_chinese_tables_and_valid_json():
    table = _run("compound", "--lang", "zh", env={"PYTHONIOENCODING": "ascii"})
    assert table.returncode == 0, table.stderr
    assert "Traceback" not in table.stderr
    data = _run("compound", "--lang", "zh", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert data.returncode == 0, data.stderr
    import json

    assert json.loads(data.stdout)["command"] == "compound"
    assert data.stdout.isascii()


def test_unknown_mplbackend_is_a_note_and_the_figure_is_written(tmp_path):
    out = tmp_path / "c.png"
    proc = _run("compound", "--plot", str(out), env={"MPLBACKEND": "no-such-backend"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "MPLBACKEND" in proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_font_variable_naming_a_non_font_is_a_note(tmp_path):
    fake = tmp_path / "font.ttf"
    fake.write_text("not a font")
    out = tmp_path / "c.png"
    proc = _run("compound", "--plot", str(out), "--lang", "zh", env={"EMERGENCE_FONT": str(fake)})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "EMERGENCE_FONT" in proc.stderr
    assert out.is_file()


def test_longest_legal_file_name_is_written_without_leftovers(tmp_path):
    name = "x" * 251 + ".png"  # 255 bytes: the longest name most file systems allow
    proc = _run("compound", "--plot", str(tmp_path / name))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_interrupt_while_importing_is_status_130_without_traceback(monkeypatch, capsys):
    import emergence.__main__ as entry

    class Interrupt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "emergence.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "emergence.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupt(), *sys.meta_path])
    with pytest.raises(SystemExit) as stop:
        entry.main()
    assert stop.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def test_sigterm_while_writing_leaves_no_file(tmp_path, monkeypatch):
    import signal

    from emergence import _files

    real_replace = os.replace

    def interrupted(src, dst):
        os.kill(os.getpid(), signal.SIGTERM)
        real_replace(src, dst)

    monkeypatch.setattr(_files.os, "replace", interrupted)
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stop:
        _files.write_atomic(tmp_path / "f.png", b"data")
    assert stop.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_failed_write_names_the_target_and_keeps_the_old_file(tmp_path, monkeypatch):
    from emergence import _files

    target = tmp_path / "f.csv"
    target.write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_files.os, "replace", full)
    with pytest.raises(OSError) as failed:
        _files.write_atomic(target, b"new")
    assert failed.value.filename == str(target)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


def test_flags_show_no_value_in_help():
    result = run("compound", "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "--json" in result.output
