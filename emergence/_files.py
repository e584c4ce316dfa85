"""Writing files so that nothing is left half-done: a temporary file beside the target, then a rename.

A failure, Ctrl-C, SIGTERM or SIGHUP during the write removes the temporary file and leaves any
earlier file at the target untouched. The temporary name is short (``.emergence-XXXXXXXX.tmp``),
so even a target name of the longest length a file system allows can be written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While inside: SIGTERM and SIGHUP raise SystemExit (so cleanup runs); the old handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    before = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    The file gets the mode a new file would get (0666 less the umask). An ``OSError`` names the
    target, not the temporary file.
    """
    target = Path(path)
    with signals_raise():
        fd, tmp = tempfile.mkstemp(prefix=".emergence-", suffix=".tmp", dir=target.parent or ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, OSError) and exc.filename in (None, tmp):
                raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
            raise
    return target
