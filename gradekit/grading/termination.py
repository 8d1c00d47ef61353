"""SIGTERM and SIGHUP end a grading in order, as Ctrl-C does, and leave nothing behind.

Python's default for SIGTERM and SIGHUP is to die on the spot: no ``finally``
runs, so the sandbox's staging copy, its cgroups and (without bubblewrap) its
processes would stay. ``install`` turns either signal into ``Terminated``, an
exception that unwinds through the grader's ``finally`` blocks like
``KeyboardInterrupt``: workers are killed, cgroups removed, staging copies
deleted, reports already written kept.

The process that received the signal passes it on to its ``multiprocessing``
children, ``grade-all``'s pool processes and ``grade``'s helpers, which stop
the same way: ``batch`` and ``parallel`` install the handler in them and run
each job under ``exit_when_terminated``, so that, its cleanup done, the
process exits instead of taking the next job (a helper stopped on its own
fails its problems as a helper that died does; the run goes on). Once every
grading process is gone, ``finish`` (run by what ``install`` returns, which
the CLI calls on its way out) removes what is left: whatever a signal arriving
in the middle of a cleanup kept this process or a child from removing.

After the first signal, further ones are ignored, so that a second SIGTERM
cannot cut the cleanup short; SIGKILL still ends everything at once (and the
next run removes what it left, see ``sandbox.remove_stale_staging``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

SIGNALS = (signal.SIGTERM, signal.SIGHUP)
CHILD_EXIT_SECONDS = 30.0  # for pool processes to finish their cleanup (killing a worker takes < 10 s)

_received: list[int] = []  # the signal that started the stop, once one has


class Terminated(SystemExit):
    """Raised in the main thread by SIGTERM or SIGHUP; the exit status is 128 + the signal's number.

    A ``SystemExit``, so no ``except Exception`` swallows it, typer and click
    let it through, and uncaught it ends the process with that status and no
    traceback.
    """

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum

    def __reduce__(self):
        return type(self), (self.signum,)

    def __str__(self) -> str:
        return f"stopped by {signal.Signals(self.signum).name}"


def install() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into ``Terminated``; return what undoes it (after ``finish``).

    Only the main thread can set handlers: called elsewhere, nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {signum: signal.signal(signum, _on_signal) for signum in SIGNALS}

    def uninstall() -> None:
        finish()
        _received.clear()  # a process that runs another command afterwards (a test) starts afresh
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

    return uninstall


def _on_signal(signum: int, frame) -> None:
    if _received:
        return  # already stopping: let the cleanup finish
    _received.append(signum)
    if multiprocessing.parent_process() is None:  # said once, by the command, not by each pool process
        name = signal.Signals(signum).name
        with contextlib.suppress(OSError):  # os.write: a signal may arrive in the middle of a print
            os.write(2, f"gradekit: {name}: stopping the sandboxes and removing the staging copies\n".encode())
    for child in multiprocessing.active_children():
        child.terminate()  # SIGTERM: each pool process stops the same way
    raise Terminated(signum)


@contextlib.contextmanager
def exit_when_terminated() -> Iterator[None]:
    """Around a pool process's job: once a stop has unwound the job (its cleanup done), end the process.

    Left to itself the pool would catch the exception, send it back and hand
    this process its next job. ``KeyboardInterrupt`` (Ctrl-C reaches the
    whole process group) stops it the same way.
    """
    try:
        yield
    except (Terminated, KeyboardInterrupt) as stop:
        remove_own_leftovers()
        os._exit(128 + stop.signum if isinstance(stop, Terminated) else 128 + signal.SIGINT)


def finish(timeout: float = CHILD_EXIT_SECONDS) -> None:
    """After a stop: wait for the pool processes, then remove what any of them, or we, left behind."""
    if not _received:
        return
    from gradekit.grading import cgroups, sandbox

    for child in multiprocessing.active_children():
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join(5)
    remove_own_leftovers()
    for sweep in (sandbox.remove_stale_staging, cgroups.sweep_stale):  # the pool's, now it is gone (and older runs')
        with contextlib.suppress(OSError):
            sweep()


def remove_own_leftovers() -> None:
    """Empty and remove this process's cgroups and delete its staging folders (it grades nothing now)."""
    from gradekit.grading import cgroups, sandbox

    mine = f"{os.getpid()}-"
    with contextlib.suppress(OSError):
        for hierarchy in cgroups.usable():
            for directory in hierarchy.parent.glob(f"{cgroups.PREFIX}{mine}*"):
                group = cgroups.Cgroup([directory])
                group.kill(timeout=2.0)
                group.remove()
    for path in Path(tempfile.gettempdir()).glob(f"{sandbox.STAGING_PREFIX}{mine}*"):
        shutil.rmtree(path, ignore_errors=True)
