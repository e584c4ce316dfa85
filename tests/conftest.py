"""Shared test set-up: a headless matplotlib backend, plain terminal output, the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "120"
for _name in ("EMERGENCE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):  # a Chinese locale would run every test in Chinese
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The directory of real per-model scores beside the checkout; skips the test when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def cjk_font() -> str:
    """The name of an installed Chinese font; skips the test when there is none."""
    from emergence.plotting import find_cjk_font

    name = find_cjk_font()
    if name is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-wqy-microhei)")
    return name
