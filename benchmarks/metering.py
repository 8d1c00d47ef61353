"""CPU time of a run and of everything it starts (sandboxes included), for the benchmarks.

A cgroup v1 ``cpuacct`` group counts the CPU of every process in it, and
children inherit it: unlike ``getrusage(RUSAGE_CHILDREN)``, it also counts
processes nobody waited for (bubblewrap's sandboxes, a pool's helpers). Where
that controller is not writable (not root, or cgroup v2 only), the meters
give None and the benchmarks print wall times alone.

On a machine other work keeps busy, wall times measure the queue for the
cores as much as the grader: compare CPU times there, and the load average
printed beside them says how busy it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path("/sys/fs/cgroup/cpuacct")


class CpuGroup:
    """A cpuacct cgroup of our own: ``run`` a command in it, or ``enter`` it with this process."""

    def __init__(self, name: str):
        self.path = ROOT / f"gradekit-bench-{os.getpid()}-{name}"
        try:
            self.path.mkdir()
        except OSError:
            self.path = None

    @property
    def usable(self) -> bool:
        return self.path is not None

    def seconds(self) -> float | None:
        if self.path is None:
            return None
        return int((self.path / "cpuacct.usage").read_text()) / 1e9

    def run(self, command: list[str], **kwargs) -> subprocess.CompletedProcess:
        """``subprocess.run`` with the command (and all it starts) counted in this group."""
        path = self.path

        def join() -> None:
            if path is not None:
                (path / "cgroup.procs").write_text(str(os.getpid()))

        return subprocess.run(command, preexec_fn=join, **kwargs)

    def enter(self) -> None:
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def close(self) -> None:
        if self.path is None:
            return
        for pid in (self.path / "cgroup.procs").read_text().split():  # us, and stray processes
            try:
                (ROOT / "cgroup.procs").write_text(pid)
            except OSError:  # it exited meanwhile
                pass
        try:
            self.path.rmdir()
        except OSError:
            pass
        self.path = None


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())
