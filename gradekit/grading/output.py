"""Writing reports: atomically, one run per output folder, and a clear error when the disk says no.

A report on disk is always whole (a temporary file, then ``os.replace``), so
a run stopped at any moment, by a signal or a full disk, leaves only complete
reports. A write that fails (``ENOSPC``, ``EROFS``, ``EACCES``...) raises
``OutputError``, whose message names the file and the reason, for the command
to print instead of a traceback.

``exclusive`` takes an output folder for one run: two ``grade-all`` runs on
one folder would both grade everyone and race on each report. The lock is an
``flock`` on ``<out>/.gradekit-lock``: the kernel releases it when its holder
exits, killed or not, so a lock file left by a dead run never blocks the next.
(``flock`` is local: two machines sharing the folder over NFS are not kept apart.)
The lock file is its owner's alone (mode 0600: a student's code running under
another uid cannot open it to hold the lock), and neither it nor a report's
temporary file is ever opened through a symbolic link someone left in the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".gradekit-lock"


class OutputError(Exception):
    """A report could not be written: the message says which file, and why."""


class OutputInUse(Exception):
    """Another run holds the output folder."""


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the whole new one, never a part, even if we are killed.

    ``OutputError`` if it cannot be written; the old file is then untouched
    and no temporary file is left.
    """
    temporary = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        with open(_create(temporary), "w", encoding="utf-8") as file:
            file.write(text + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(error)}") from error


def _create(path: Path) -> int:
    """A new file at ``path``, never through a link someone left there (the output folder may be shared)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    try:
        return os.open(path, flags, 0o644)
    except FileExistsError:  # a write of an earlier process with our pid, or a planted link: remove it, not its target
        path.unlink()
        return os.open(path, flags, 0o644)


def make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {out}: {_reason(error)}") from error


def remove_partial_writes(out: Path) -> None:
    """Temporary files of writes a killed run cut short (call it holding ``exclusive``: they may be another run's)."""
    try:
        for partial in out.glob(".*.partial-*"):
            partial.unlink(missing_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write to {out}: {_reason(error)}") from error


@contextlib.contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold ``out`` for this run; ``OutputInUse`` at once if another run holds it (no waiting)."""
    path = out / LOCK_NAME
    try:  # not through a link, and no one else's to open: a student's code that could lock it would block every run
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise OutputError(f"cannot lock {out}: {_reason(error)}") from error
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise OutputInUse(f"another gradekit run{holder} is writing to {out}: wait until it ends, "
                              "or give this one another --out") from None
        with contextlib.suppress(OSError):  # who holds it, for the message above; a read-only file is fine
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
