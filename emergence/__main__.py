"""``python -m emergence`` and the ``emergence`` console script: the program's outer shell.

It imports the command line only once it guards against what is not the user's input: Ctrl-C
(even while still importing) ends with status 130 and one line, a closed or full standard
output with status 1 and one line, and text the terminal's encoding cannot show is replaced
rather than raising. Everything else is ``emergence.cli``'s.
"""

from __future__ import annotations

import io
import os
import sys


class _ClosedOutput(io.TextIOBase):
    """Stands in for a standard stream whose file descriptor is closed: writing to it fails."""

    encoding = "utf-8"

    def __init__(self, name: str) -> None:
        self._name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(f"{self._name} is closed")

    def isatty(self) -> bool:
        return False


def _prepare_streams() -> None:
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stdout = _ClosedOutput("standard output")
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "中α".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")


def _silence_stdout() -> None:
    """After stdout failed: point it at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _say(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def main() -> None:
    """Run the ``emergence`` command line and exit with its status."""
    code: int | str | None = 0
    try:
        _prepare_streams()
        from emergence.cli import app

        try:
            app()
        finally:
            sys.stdout.flush()
    except SystemExit as exc:
        code = exc.code
        try:
            sys.stdout.flush()
        except OSError as err:
            _silence_stdout()
            _say(f"emergence: error: cannot write to standard output ({err.strerror or err})")
            code = 1
    except KeyboardInterrupt:
        _say("emergence: interrupted")
        code = 130
    except OSError as err:  # standard output closed, full or a broken pipe
        _silence_stdout()
        _say(f"emergence: error: cannot write to standard output ({err.strerror or err})")
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
