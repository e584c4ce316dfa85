"""The ``emergence`` command line: it parses options, calls the core modules and renders results.

Importing this module loads neither matplotlib nor scipy; commands import plotting (and through
it matplotlib) only when ``--plot`` is given.
"""

from __future__ import annotations

from emergence.cli import compound as _compound  # noqa: F401  (registers the command)
from emergence.cli import metric as _metric  # noqa: F401
from emergence.cli import threshold as _threshold  # noqa: F401
from emergence.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``emergence`` console script and of ``python -m emergence``."""
    app()
