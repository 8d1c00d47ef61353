"""A problem's resource limits: its own module, so that reading ``problem.toml`` imports no sandbox."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Per-problem resource limits; ``problem.toml``'s ``[limits]`` table overrides them."""

    wall_seconds: float = 60.0  # the whole problem: import plus every check
    call_seconds: float = 10.0  # one call to a student function
    import_seconds: float = 20.0  # importing the student's module (torch alone takes ~2 s)
    cpu_seconds: int = 120  # RLIMIT_CPU: a busy loop dies even if the wall clock is generous
    memory_mb: int = 2048  # RLIMIT_AS per process, and the cgroup's memory for all of them
    output_kb: int = 256  # stdout + stderr; more than this kills the worker
    reply_mb: int = 256  # one reply; a larger one is a malformed reply
    file_mb: int = 64  # RLIMIT_FSIZE for anything the student writes to /tmp
    tmp_mb: int = 256  # the sandbox's private /tmp (RAM-backed) holds at most this much
    open_files: int = 256
    processes: int = 64  # tasks (processes and threads) of the worker and all it starts
    threads: int = 1  # OMP/MKL threads, so parallel graders don't oversubscribe the cores

    def replace(self, **changes: Any) -> Limits:
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise TypeError(f"unknown limits {sorted(unknown)}")
        return Limits(**{**self.__dict__, **changes})
