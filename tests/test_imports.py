"""Start-up stays light: the command line loads neither matplotlib nor scipy."""

from __future__ import annotations

import subprocess
import sys

from tests.clihelp import ROOT


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('LOADED:', *sorted(m for m in ('matplotlib', 'scipy', 'rich') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.rsplit('LOADED:', 1)[1].split())


def test_importing_the_cli_loads_no_heavy_module():
    assert loaded_after("import emergence.cli") == set()


def test_a_json_run_loads_no_heavy_module():
    code = ("import sys\nfrom emergence.cli import app\n"
            "try:\n    app(['compound', '--p-to', '0.6', '--target', '0.5', '--json'])\nexcept SystemExit:\n    pass")
    assert loaded_after(code) == set()


def loaded_modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('LOADED:', *sorted(m for m in sys.modules if m.startswith('emergence.')))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.rsplit("LOADED:", 1)[1].split())


def test_commands_load_only_when_they_run():
    assert not {"emergence.cli.compound", "emergence.cli.metric", "emergence.cli.threshold"} & loaded_modules_after("import emergence.cli")
    code = ("from emergence.cli import app\n"
            "try:\n    app(['compound', '--json'])\nexcept SystemExit:\n    pass")
    loaded = loaded_modules_after(code)
    assert "emergence.cli.compound" in loaded
    assert not {"emergence.cli.metric", "emergence.cli.threshold", "emergence.metrics", "emergence.quanta"} & loaded
