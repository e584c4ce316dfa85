"""``python -m emergence`` and the ``emergence`` console script: the program's outer shell.

It imports the command line only once it guards against what is not the user's input: Ctrl-C
(even while still importing) ends with status 130 and one line, a closed or full standard
output with status 1 and one line, and text the terminal's encoding cannot show is replaced
rather than raising. These lines are in Chinese when the run is (``--lang zh``, ``EMERGENCE_LANG``
or a ``zh_*`` locale; see :mod:`emergence.i18n.errors`). Everything else is ``emergence.cli``'s.
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
    """One line on stderr after "emergence: ", in Chinese when the run speaks Chinese (see :func:`_language`)."""
    line = f"emergence: {text}"
    if _language() == "zh":
        try:
            from emergence.i18n import errors

            chinese = errors.translate(text.removeprefix("error: "))
            line = f"emergence: {errors.FRAME if text.startswith('error: ') else ''}{chinese}"
        except Exception:  # a message in English beats no message at all
            pass
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _language() -> str:
    """The run's language for the outer shell's own lines: the command line's once it has settled it,
    else the environment's; English if even that cannot be told (Ctrl-C during start-up)."""
    cli = sys.modules.get("emergence.cli._app")
    if cli is not None and getattr(cli, "_language", None) in ("en", "zh"):
        return str(cli._language)
    try:
        from emergence.i18n import resolve_language

        return resolve_language().language
    except Exception:  # an unknown EMERGENCE_LANG, or an interrupted import
        return "en"


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
            _say(f"error: cannot write to standard output ({err.strerror or err})")
            code = 1
    except KeyboardInterrupt:
        _say("interrupted")
        code = 130
    except OSError as err:  # standard output closed, full or a broken pipe
        _silence_stdout()
        _say(f"error: cannot write to standard output ({err.strerror or err})")
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
