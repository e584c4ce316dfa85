"""Start-up stays light: the command line loads neither matplotlib nor scipy, and only the command it runs."""

from __future__ import annotations

import subprocess
import sys

from tests.clihelp import ROOT

HEAVY = ("matplotlib", "scipy", "rich")


def modules_after(code: str) -> set[str]:
    """The modules loaded after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint('LOADED:', *sorted(sys.modules))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.rsplit("LOADED:", 1)[1].split())


def running(*args: str) -> str:
    """Code that runs ``emergence ARGS`` in process and fails unless it exits with status 0."""
    return ("from emergence.cli import app\n"
            f"try:\n    app({list(args)!r})\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code")


def test_importing_the_cli_loads_no_heavy_module_and_no_command():
    loaded = modules_after("import emergence.cli")
    assert not set(HEAVY) & loaded
    assert not {"emergence.cli.compound", "emergence.cli.metric", "emergence.cli.threshold"} & loaded


def test_a_json_run_loads_no_heavy_module():
    assert not set(HEAVY) & modules_after(running("compound", "--p-to", "0.6", "--target", "0.5", "--json"))


def test_default_runs_of_every_command_load_neither_scipy_nor_matplotlib():
    for args in (("compound", "--json"), ("metric", "--json"), ("threshold", "--json")):
        loaded = modules_after(running(*args))
        assert not {"scipy", "matplotlib"} & loaded, args


def test_commands_load_only_when_they_run():
    loaded = modules_after(running("compound", "--json"))
    assert "emergence.cli.compound" in loaded
    assert not {"emergence.cli.metric", "emergence.cli.threshold", "emergence.metrics", "emergence.thresholds"} & loaded
