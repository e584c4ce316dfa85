"""The ``emergence`` command line: it parses options, calls the core modules and renders results.

Importing this module loads neither matplotlib nor scipy, nor any command: each command's module
is imported when it runs (see ``emergence.cli._app``), and plotting only when ``--plot`` is given.
"""

from __future__ import annotations

from emergence.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """The entry point of version 0.1's console script, kept for installs made before 0.2."""
    from emergence.__main__ import main as guarded

    guarded()
