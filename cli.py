#!/usr/bin/env python3
"""Run the ``emergence`` command from a checkout without installing it: ``python cli.py --help``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from emergence.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()
