"""What the benchmark scripts share: timing one command in a fresh process, and naming the machine."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import time
from collections.abc import Mapping


def measure(cmd: list[str], env: Mapping[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``cmd`` in a fresh process, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(env))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def machine() -> str:
    """The line every benchmark prints first: architecture, cores, Python and platform."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
