"""Helpers for command-line tests: run in process (CliRunner) or as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from emergence.cli import app

ROOT = Path(__file__).resolve().parents[1]
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "MPLBACKEND": "Agg"}


def run(*args: str, env: dict[str, str] | None = None):
    """Invoke ``emergence ARGS`` in process; returns the CliRunner result (stdout, stderr, exit_code)."""
    return CliRunner().invoke(app, [str(a) for a in args], env={**ENV, **(env or {})})


def run_json(*args: str) -> dict:
    """Invoke ``emergence ARGS --json`` in process, assert success, and parse stdout."""
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def run_subprocess(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m emergence ARGS`` as a real process from the checkout."""
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "emergence", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


def assert_usage_error(result, option: str) -> None:
    """Exit status 2, one line on stderr naming ``option``, no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0], lines[0]
    assert "Traceback" not in result.output
