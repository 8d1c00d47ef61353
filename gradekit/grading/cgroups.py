"""A cgroup per worker: a bound on its processes and memory, and a way to end them all.

Resource limits alone leave two holes. RLIMIT_NPROC does not bind root (and
counts every process of the user, not the worker's), so a fork storm run as
root is unbounded; and a process that calls ``setsid()`` after a double fork
leaves the worker's process group, so ``killpg`` misses it. A cgroup closes
both: ``pids.max`` bounds the tasks of the worker and all it starts,
``memory.limit_in_bytes`` / ``memory.max`` bounds their memory together, and
killing what ``cgroup.procs`` lists until it is empty ends everything,
however it was started. No process can leave a cgroup without write access
to the cgroup filesystem, which the sandbox does not mount.

Used when the grader may create cgroups: cgroup v1 with the ``pids``
controller mounted (``/sys/fs/cgroup/pids``; ``memory`` too if mounted), or
cgroup v2 where the grader's own cgroup offers ``pids`` to its children (a
delegated subtree). Elsewhere ``create`` returns None and the sandbox falls
back on RLIMIT_NPROC and the PID namespace (see docs/security.md).

The worker joins its cgroup between fork and exec (``join``), so it never runs
a line outside it. Cgroups are named ``gradekit-<grader pid>-<n>``; those of a
grader that died (killed mid-run) are emptied and removed by the next one.
"""

from __future__ import annotations

import functools
import itertools
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PREFIX = "gradekit-"
_counter = itertools.count()
_swept = threading.Event()


@dataclass(frozen=True)
class _Hierarchy:
    version: int  # 1 or 2
    parent: Path  # the grader's own cgroup in this hierarchy: ours are created under it
    controllers: frozenset[str]  # of "pids", "memory"


def _mounts() -> list[tuple[str, Path, str, set[str]]]:
    """(mount root inside the hierarchy, mount point, fs type, super options) of each cgroup mount."""
    mounts: list[tuple[str, Path, str, set[str]]] = []
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return mounts
    for line in lines:
        fields = line.split()
        if "-" not in fields:
            continue
        dash = fields.index("-")
        fstype = fields[dash + 1]
        if fstype in ("cgroup", "cgroup2"):
            options = set(fields[dash + 3].split(",")) if len(fields) > dash + 3 else set()
            mounts.append((fields[3], Path(fields[4]), fstype, options))
    return mounts


def _own_paths() -> dict[str, str]:
    """The grader's cgroup path per v1 controller, and under key "" its v2 path."""
    paths: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return paths
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _inside(mount_point: Path, mount_root: str, path: str) -> Path | None:
    """Where cgroup ``path`` of a hierarchy appears under a mount of its subtree ``mount_root``."""
    relative = os.path.relpath(path, mount_root)
    if relative.startswith(".."):
        return None  # our cgroup is outside what this mount shows (a container's view)
    return (mount_point / relative).resolve()


def _hierarchies() -> list[_Hierarchy]:
    own = _own_paths()
    found = []
    for root, point, fstype, options in _mounts():
        if fstype == "cgroup":
            for controller in ("pids", "memory"):
                if controller in options and controller in own:
                    parent = _inside(point, root, own[controller])
                    if parent is not None and os.access(parent, os.W_OK):
                        found.append(_Hierarchy(1, parent, frozenset({controller})))
        elif "" in own:
            parent = _inside(point, root, own[""])
            try:
                offered = set((parent / "cgroup.subtree_control").read_text().split()) if parent else set()
            except OSError:
                offered = set()
            if parent is not None and "pids" in offered and os.access(parent, os.W_OK):
                found.append(_Hierarchy(2, parent, frozenset(offered & {"pids", "memory"})))
    return found


def _usable() -> list[_Hierarchy]:
    """v1 hierarchies if v1 mounts ``pids``, else a v2 one offering ``pids``, else nothing."""
    hierarchies = _hierarchies()
    v1 = [h for h in hierarchies if h.version == 1]
    if any("pids" in h.controllers for h in v1):
        return v1
    return [h for h in hierarchies if h.version == 2][:1]


def usable() -> list[_Hierarchy]:
    """The hierarchies this grader can create cgroups in; none if ``$GRADEKIT_NO_CGROUP`` is set."""
    if os.environ.get("GRADEKIT_NO_CGROUP"):
        return []
    return _probed()


@functools.cache
def _probed() -> list[_Hierarchy]:
    return _usable()


def version() -> int | None:
    """1 or 2 when workers get a cgroup, else None."""
    found = usable()
    return found[0].version if found else None


class Cgroup:
    """The cgroup(s) of one worker: one directory per v1 hierarchy, or one v2 directory."""

    def __init__(self, directories: list[Path]):
        self.directories = directories

    @classmethod
    def create(cls, *, processes: int, memory_bytes: int) -> Cgroup | None:
        """A fresh cgroup bounding tasks to ``processes`` and memory to ``memory_bytes``, or None."""
        hierarchies = usable()
        if not hierarchies:
            return None
        if not _swept.is_set():
            _swept.set()
            sweep_stale(hierarchies)
        name = f"{PREFIX}{os.getpid()}-{next(_counter)}"
        group = cls([])
        try:
            for hierarchy in hierarchies:
                directory = hierarchy.parent / name
                directory.mkdir()
                group.directories.append(directory)
                if "pids" in hierarchy.controllers:
                    (directory / "pids.max").write_text(str(processes))
                if "memory" in hierarchy.controllers:
                    limit = "memory.limit_in_bytes" if hierarchy.version == 1 else "memory.max"
                    (directory / limit).write_text(str(memory_bytes))
        except OSError:
            group.remove()
            return None
        return group

    def join(self) -> None:
        """Move the calling process into the cgroup; for ``preexec_fn``, between fork and exec."""
        pid = str(os.getpid()).encode()
        for directory in self.directories:
            fd = os.open(directory / "cgroup.procs", os.O_WRONLY)
            try:
                os.write(fd, pid)
            finally:
                os.close(fd)

    def move(self, pid: int) -> bool:
        """Move process ``pid`` (all its threads) into the cgroup; False if the kernel refused.

        For a worker forked by a warm sandbox (``zygote``): it waits, running no student
        code, until it has been moved.
        """
        try:
            for directory in self.directories:
                fd = os.open(directory / "cgroup.procs", os.O_WRONLY)
                try:
                    os.write(fd, str(pid).encode())
                finally:
                    os.close(fd)
        except OSError:
            return False
        return True

    def pids(self) -> set[int]:
        found: set[int] = set()
        for directory in self.directories:
            try:
                found |= {int(p) for p in (directory / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def kill(self, timeout: float = 5.0) -> bool:
        """SIGKILL every process in the cgroup until none is left; False if some outlived ``timeout``.

        Rounds are needed: a process may fork between the listing and its
        death. ``pids.max`` keeps each round small.
        """
        deadline = time.monotonic() + timeout
        for directory in self.directories:  # cgroup v2 (Linux 5.14+) kills the whole tree at once
            if (directory / "cgroup.kill").exists():
                try:
                    (directory / "cgroup.kill").write_text("1")
                except OSError:
                    pass
        while True:
            alive = self.pids()
            if not alive:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.005)

    def remove(self) -> None:
        """Remove the (emptied) directories; the kernel may need a moment after the last exit."""
        for directory in reversed(self.directories):
            for _ in range(50):
                try:
                    directory.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)
        self.directories = []


def sweep_stale(hierarchies: list[_Hierarchy] | None = None) -> None:
    """Empty and remove the cgroups of graders that are no longer running."""
    for hierarchy in hierarchies if hierarchies is not None else usable():
        for directory in hierarchy.parent.glob(f"{PREFIX}*-*"):
            owner = directory.name[len(PREFIX):].split("-")[0]
            if owner.isdigit() and not running(int(owner)):
                stale = Cgroup([directory])
                stale.kill(timeout=1.0)
                stale.remove()


def running(pid: int) -> bool:
    """Whether a process ``pid`` exists (possibly another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
