"""Run the worker on untrusted code: bubblewrap where it works, limits and a cgroup always.

``SandboxedProcess`` starts ``worker.py`` so confined; a submission's problems
are then served by workers forked from one such sandbox (``zygote``), or, for
the benchmarks' comparison, by a ``WorkerProcess`` each. The trusted side talks
to a worker over two pipes (``Conversation``); the student's stdout and
stderr go to two other pipes that are drained, capped and kept for feedback.
Each request carries a fresh random id that its reply must repeat, so frames
the student's code writes into the reply pipe are recognised as forged.

What confines a worker (docs/security.md has the threat model):

- bubblewrap, when installed and allowed: its own mount, PID, network, IPC
  and UTS namespaces; a read-only system, the submission read-only, a small
  private /tmp; nothing of the grader's files, processes or network.
- never the host's root: a root grader's worker drops to an unprivileged uid
  of its own with no capabilities (``privileges``), inside bubblewrap before
  Python starts; /proc's switches of the host are read-only or blanked.
- a cgroup when the grader may create one (see ``cgroups``): a bound on the
  tasks and the memory of the worker and of everything it starts, and a way
  to kill them all, whatever session or group they moved to.
- always: resource limits (address space, CPU time, file size, open files;
  RLIMIT_NPROC where no cgroup bounds processes), its own session and process
  group, a scrubbed environment, and death with its parent.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import resource
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from gradekit.grading import cgroups, landlock, privileges, wire
from gradekit.grading.limits import Limits  # noqa: F401  (re-exported: where it used to live)

GRADING_DIR = Path(__file__).resolve().parent
SANDBOX_SUBMISSION = "/submission"
SANDBOX_WORKER = "/opt/gradekit-worker"
SANDBOX_HARNESS = "/opt/gradekit-harness"
STAGING_PREFIX = "gradekit-"
DRAIN_THREAD = "gradekit-drain"  # the threads that read a worker's output (``parallel`` may fork beside them)
# -I: no PYTHON* variables, no user site, neither the script's folder nor the working directory
# (the submission) on sys.path; -u: what the student prints reaches us even if the worker is killed
_PYTHON = (sys.executable, "-I", "-u")
SECCOMP_MACHINES = ("x86_64", "aarch64")  # where worker.py's seccomp filter knows the system calls
PR_SET_PDEATHSIG = privileges.PR_SET_PDEATHSIG  # batch.py sets it on its pool processes


class WorkerLost(BaseException):
    """The worker died, hung or misbehaved; the check in progress fails.

    A BaseException on purpose: hypothesis must not catch it and shrink (each
    retry would wait for another timeout); it ends the check at once.
    """

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.message = message
        self.timed_out = timed_out


# ---------------------------------------------------------------- what isolation this machine gives


def bubblewrap_path() -> str | None:
    if os.environ.get("GRADEKIT_NO_BWRAP"):
        return None
    return shutil.which("bwrap")


@dataclass(frozen=True)
class _Bubblewrap:
    """A bwrap that starts here, and the options it accepts."""

    path: str
    namespaces: tuple[str, ...]
    sized_tmpfs: bool  # --size before --tmpfs (bwrap >= 0.5): a student's /tmp cannot fill the RAM
    drops_root: bool = False  # run as root: the worker drops to its own uid inside (``privileges``)
    nested_userns: bool = False  # ... and then enters a user namespace that can make no other

    def capabilities(self) -> list[str]:
        # root keeps only what the drop to the worker's uid needs; the drop then clears them all
        if self.drops_root:
            return ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                    "--cap-add", "CAP_SETPCAP"]
        return ["--cap-drop", "ALL"]

    def inside(self, uid: int | None) -> list[str]:
        """What runs inside the sandbox before the worker's Python: the drop to ``uid``, as root."""
        if not self.drops_root or uid is None:
            return []
        nested = ([self.path, "--unshare-user", "--disable-userns", "--cap-drop", "ALL", "--die-with-parent",
                   "--dev-bind", "/", "/", "--chdir", SANDBOX_SUBMISSION, "--"] if self.nested_userns else [])
        return [*privileges.drop_command(uid), *nested]


# An ordinary user's bwrap makes a user namespace (its uid mapped to itself): preferred first, one
# in which no further namespace can be made (nested user namespaces are a large kernel attack
# surface), then what older bwrap or kernels allow.
_USER_VARIANTS = ((("--unshare-all", "--unshare-user", "--disable-userns"), True),
                  (("--unshare-all",), True),
                  (("--unshare-all",), False))
# As root, no user namespace around the sandbox: bwrap's would map the worker's uid, whatever it
# is, to the host's root, who may write /proc/sys (a core_pattern handler runs on the host as
# root). Root makes the other namespaces itself; the worker then drops to an unprivileged uid of
# its own, and where bwrap starts as that uid too, enters a user namespace that can make no other.
_ROOT_NAMESPACES = ("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try")
_ROOT_VARIANTS = ((True, True), (False, True), (False, False))  # (nested user namespace, sized tmpfs)
_PROBED: dict[str, _Bubblewrap | None] = {}


def _candidates(bwrap: str) -> list[_Bubblewrap]:
    if privileges.grader_is_root():
        return [_Bubblewrap(bwrap, _ROOT_NAMESPACES, sized, drops_root=True, nested_userns=nested)
                for nested, sized in _ROOT_VARIANTS]
    return [_Bubblewrap(bwrap, namespaces, sized) for namespaces, sized in _USER_VARIANTS]


def _probe(bwrap: str) -> _Bubblewrap | None:
    """The best variant of the sandbox this bwrap starts here (tried once), or None if none does.

    As root, a variant counts only if the worker's Python really runs as the probe's uid.
    """
    if bwrap not in _PROBED:
        _PROBED[bwrap] = None
        uid = privileges.PROBE_UID
        check = f"import os, numpy; assert os.getuid() == {uid}" if privileges.grader_is_root() else "pass"
        for candidate in _candidates(bwrap):
            tmp = ["--size", str(2**20)] if candidate.sized_tmpfs else []
            probe = subprocess.run(
                [bwrap, *candidate.namespaces, "--die-with-parent", *candidate.capabilities(),
                 *_mounts(tmp, candidate.nested_userns), "--dir", SANDBOX_SUBMISSION, "--remount-ro", "/",
                 *candidate.inside(uid), *_PYTHON, "-c", check],
                capture_output=True, timeout=60, cwd="/")
            if probe.returncode == 0:
                _PROBED[bwrap] = candidate
                break
    return _PROBED[bwrap]


def bubblewrap_works(bwrap: str) -> bool:
    """bwrap may be installed but refused (no user namespaces); try it once."""
    return _probe(bwrap) is not None


def _usable_bubblewrap() -> _Bubblewrap | None:
    bwrap = bubblewrap_path()
    return _probe(bwrap) if bwrap else None


def _drops_without_bubblewrap() -> bool:
    """Whether a root grader's worker runs as its own uid where there is no bubblewrap."""
    return privileges.grader_is_root() and privileges.python_reachable_by_workers()


@dataclass(frozen=True)
class Isolation:
    """What confines student code on this machine: a value the grading plan carries and reports show.

    ``warning`` is what a person must read before grading untrusted code here
    (None when bubblewrap works); the report lists it among its warnings, and
    the commands print it once.
    """

    namespaces: bool  # bubblewrap: own filesystem view, PID space, network; no grader files
    cgroup: int | None  # cgroup version bounding and killing all the worker's processes, or None
    process_bound: bool  # a fork storm is bounded (a cgroup, or RLIMIT_NPROC for a non-root uid)
    as_root: bool = False  # student code runs as the host's root: nothing protects the machine
    files_confined: bool = False  # without bubblewrap, Landlock keeps the worker to the system, Python, its folders
    signals_confined: bool = False  # ... and from signalling any process outside the sandbox (Landlock ABI 6)
    user_namespaces_blocked: bool = False  # student code cannot make user namespaces (--disable-userns, seccomp)
    warning: str | None = None  # set when student code runs without bubblewrap: why, and what to do

    def describe(self) -> str:
        parts = ["bubblewrap namespaces" if self.namespaces else "NO namespaces (bubblewrap missing)"]
        if self.files_confined:
            parts.append("files confined by Landlock")
        parts.append(f"cgroup v{self.cgroup}" if self.cgroup else "no cgroup")
        if not self.cgroup:
            parts.append("RLIMIT_NPROC" if self.process_bound else "NO process bound (root without cgroups)")
        if self.as_root:
            parts.append("STUDENT CODE RUNS AS ROOT")
        elif privileges.grader_is_root():
            parts.append("workers as unprivileged uids")
        return ", ".join(parts)


def isolation() -> Isolation:
    version = cgroups.version()
    bubblewrap = _usable_bubblewrap()
    drops = bubblewrap.drops_root if bubblewrap else _drops_without_bubblewrap()
    as_root = privileges.grader_is_root() and not drops
    blocked = (bubblewrap is not None and (bubblewrap.nested_userns or "--disable-userns" in bubblewrap.namespaces)
               or platform.machine() in SECCOMP_MACHINES)
    return Isolation(namespaces=bubblewrap is not None, cgroup=version,
                     process_bound=version is not None or not as_root, as_root=as_root,
                     files_confined=bubblewrap is None and _landlock_works(),
                     signals_confined=bubblewrap is None and _landlock_works() and landlock.scopes_signals(),
                     user_namespaces_blocked=blocked, warning=None if bubblewrap else _unisolated_warning())


def _unisolated_warning() -> str:
    """Why student code runs without bubblewrap here, and what to do about it."""
    bwrap = bubblewrap_path()
    if os.environ.get("GRADEKIT_NO_BWRAP"):
        why = "bubblewrap is switched off ($GRADEKIT_NO_BWRAP)"
    elif not bwrap:
        why = "bubblewrap (bwrap) is not installed"
    else:
        why = "bubblewrap is installed but refused to start"
    if privileges.grader_is_root() and not _drops_without_bubblewrap():
        return (f"{why}, and STUDENT CODE RUNS AS ROOT: the worker's unprivileged uid cannot reach this "
                f"Python ({sys.executable}), so nothing stops a submission from taking over this machine. "
                "Install the 'bubblewrap' package, or grade as an ordinary user.")
    if _landlock_works():
        return (f"{why}: student code runs with resource limits and its files confined by Landlock (it reads "
                "only the system, the Python and the submission, and writes only a folder of its own), but "
                "WITHOUT network and process isolation. Install the 'bubblewrap' package before grading "
                "untrusted submissions.")
    return (f"{why}: student code runs with resource limits but WITHOUT filesystem and network "
            "isolation. Install the 'bubblewrap' package before grading untrusted submissions.")


def _landlock_works() -> bool:
    """Whether Landlock confines a worker's files here, where bubblewrap is missing (``$GRADEKIT_NO_LANDLOCK``
    switches it off, as ``$GRADEKIT_NO_BWRAP`` does bubblewrap)."""
    return not os.environ.get("GRADEKIT_NO_LANDLOCK") and _landlock_probe()


@functools.cache
def _landlock_probe() -> bool:
    """The kernel has Landlock, and this Python still imports numpy under the rules a worker gets
    (probed once; where it does not, the worker runs unconfined)."""
    if not landlock.abi():
        return False
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX + "probe-") as folder:
        allowed = _file_rules(Path(folder), Path(folder), None, Path(folder))
        try:
            probe = subprocess.run([*_PYTHON, "-c", "import numpy"], capture_output=True, timeout=60, cwd="/",
                                   preexec_fn=lambda: landlock.restrict_self(allowed))
        except (OSError, subprocess.SubprocessError):
            return False
    return probe.returncode == 0


def _file_rules(worker_dir: Path, submission_dir: Path, harness_dir: Path | None, private: Path,
                hidden: tuple[Path, ...] = (), *, runs_as_root: bool = True) -> list[tuple[str, int]]:
    """What a worker without bubblewrap may open (``landlock``): what bubblewrap would have bound, and
    gradekit and the course's folders blanked where they lie inside the Python, as ``_hidden_overlays``.
    ``/proc`` is writable (its own processes' files: ``comm``) only by a worker that is not root."""
    import gradekit

    package = Path(gradekit.__file__).resolve().parent
    secrets = (package, package.parent / "problems", package.parent / "references", *hidden)
    readable = [*_python_roots(), worker_dir, submission_dir, *([harness_dir] if harness_dir else [])]
    return landlock.rules(readable=readable, writable=[private], hidden=secrets, proc_writable=not runs_as_root)


# ---------------------------------------------------------------- building the sandbox


def _system_binds() -> list[str]:
    """Read-only views of the system and of the Python that runs the worker."""
    args: list[str] = []
    for path in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/ld.so.cache",
                 "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/fonts",
                 "/etc/localtime", "/etc/ssl/certs"):
        args += ["--ro-bind-try", path, path]
    for root in _python_roots():
        args += ["--ro-bind", str(root), str(root)]
    return args


def _python_roots() -> list[Path]:
    return sorted({Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent})


# /proc as container runtimes leave it (the OCI defaults of runc and Docker): what configures the
# host read-only, what exposes the kernel's memory or other users' secrets blanked. The uid drop
# already keeps the worker out of all of them; this holds even if it did not.
_PROC_READ_ONLY = ("sys", "sysrq-trigger", "irq", "bus", "fs", "pressure")
_PROC_BLANKED_FILES = ("kcore", "keys", "key-users", "kmsg", "latency_stats", "timer_list", "timer_stats",
                       "sched_debug", "kpagecount", "kpageflags", "kpagecgroup")
_PROC_BLANKED_FOLDERS = ("acpi", "asound", "scsi", "driver")


def _proc_masks(nested_userns: bool) -> list[str]:
    """Over the sandbox's own /proc; only what this kernel has (a fresh /proc lists what the host's does).

    With a nested user namespace, /proc/sys/user stays writable for the bwrap that makes it
    (``--disable-userns`` writes that namespace's own ``max_user_namespaces``): the worker,
    without capabilities in it, cannot change that namespace's limits, nor the host's.
    """
    present = set(os.listdir("/proc")) if os.path.isdir("/proc") else set()
    args: list[str] = []
    for name in _PROC_READ_ONLY:
        if name in present:
            args += ["--ro-bind", f"/proc/{name}", f"/proc/{name}"]
    if nested_userns and os.path.isdir("/proc/sys/user"):
        args += ["--bind", "/proc/sys/user", "/proc/sys/user"]
    for name in _PROC_BLANKED_FILES:
        if name in present:
            args += ["--ro-bind", "/dev/null", f"/proc/{name}"]
    for name in _PROC_BLANKED_FOLDERS:
        if name in present:
            args += ["--tmpfs", f"/proc/{name}", "--remount-ro", f"/proc/{name}"]
    return args


def _mounts(size: list[str], nested_userns: bool = False) -> list[str]:
    """The sandbox's system: /proc, /dev, its own /tmp and /dev/shm, the system and Python read-only.

    Folders above a bound one are made first, open to all (0755): bwrap would otherwise copy
    the host's mode, and a Python under /root (0700) would be out of an unprivileged worker's reach.
    """
    binds = _system_binds()
    made = {"/", "/proc", "/dev", "/dev/shm", "/tmp"}
    bound = [*_python_roots(), Path(SANDBOX_WORKER), Path(SANDBOX_HARNESS), Path(SANDBOX_SUBMISSION)]
    ancestors = sorted({str(parent) for root in bound for parent in root.parents} - made,
                       key=lambda p: p.count("/"))
    return ["--proc", "/proc", *_proc_masks(nested_userns), "--dev", "/dev",
            "--perms", "1777", *size, "--tmpfs", "/dev/shm",
            "--perms", "1777", *size, "--tmpfs", "/tmp",
            # after the private /tmp, so that a Python installed under /tmp stays visible
            *[arg for folder in ancestors for arg in ("--perms", "0755", "--dir", folder)],
            *binds]


def _hidden_overlays(secrets_also: tuple[Path, ...] = ()) -> list[str]:
    """Blank out gradekit and its problems wherever they sit inside a bound directory.

    ``secrets_also``: the folders of the course being graded (its problems/ and references/),
    which may lie inside the Python installation too.
    """
    import gradekit

    package = Path(gradekit.__file__).resolve().parent
    repo = package.parent
    args: list[str] = []
    for secret in dict.fromkeys((package, repo / "problems", repo / "references", *secrets_also)):
        if secret.exists() and any(_is_within(secret, Path(root)) for root in (sys.prefix, sys.base_prefix)):
            args += ["--tmpfs", str(secret)]
    return args


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _bubblewrap_command(bubblewrap: _Bubblewrap, limits: Limits, info_fd: int, worker_dir: Path,
                        submission_dir: Path, harness_dir: Path | None, hidden: tuple[Path, ...] = ()) -> list[str]:
    size = ["--size", str(limits.tmp_mb * 2**20)] if bubblewrap.sized_tmpfs else []
    harness = ["--ro-bind", str(harness_dir), SANDBOX_HARNESS] if harness_dir else []
    return [bubblewrap.path, *bubblewrap.namespaces, "--die-with-parent", "--new-session",
            *bubblewrap.capabilities(), "--info-fd", str(info_fd),
            *_mounts(size, bubblewrap.nested_userns), *_hidden_overlays(hidden),
            "--ro-bind", str(worker_dir), SANDBOX_WORKER, *harness,
            "--ro-bind", str(submission_dir), SANDBOX_SUBMISSION,
            "--remount-ro", "/", "--chdir", SANDBOX_SUBMISSION]


def stage_worker(directory: Path) -> Path:
    """Copy the worker, the wire format and the harness support to ``directory``: all the sandbox gets of gradekit."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(GRADING_DIR / "worker.py", directory / "worker.py")
    shutil.copyfile(GRADING_DIR / "wire.py", directory / "gradekit_wire.py")
    # harness files `import gradekit_support` (training plumbing; stdlib, numpy and torch only)
    shutil.copytree(GRADING_DIR / "harness_support", directory / "gradekit_support", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return open_to_worker(directory)


def open_to_worker(path: Path) -> Path:
    """Make a staged folder (and all in it) readable by a worker that runs as another uid.

    Folders 0755, files 0644 whatever the source's modes (a student's 0600 file, the
    grader's umask): the staging root above them stays closed to listing (``make_staging_dir``).
    """
    os.chmod(path, 0o755)
    for folder, subfolders, files in os.walk(path):
        for names, mode in ((subfolders, 0o755), (files, 0o644)):
            for name in names:
                entry = os.path.join(folder, name)
                if not os.path.islink(entry):
                    os.chmod(entry, mode)
    return path


def _user_tasks(uid: int) -> int:
    """Tasks (threads included) the user runs now: what RLIMIT_NPROC counts."""
    total = 0
    try:
        entries = list(os.scandir("/proc"))
    except OSError:  # no /proc (macOS): count nothing, the limit is then just ``processes``
        return 0
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid == uid:
                status = Path(entry.path, "status").read_text()
                total += int(status.split("Threads:", 1)[1].split()[0])
        except (OSError, IndexError, ValueError):
            pass
    return total


def _confine(limits: Limits, group: cgroups.Cgroup | None, uid: int | None, drop_here: bool,
             files: list[tuple[str, int]] | None = None):
    """What the child does between fork and exec: everything it runs afterwards is confined.

    ``uid`` is the worker's own uid when the grader is root: dropped to here (``drop_here``,
    without bubblewrap) or inside the sandbox. RLIMIT_NPROC then counts the worker's tasks alone;
    for an ordinary user it counts all of theirs, so it is set only where no cgroup counts better.
    ``files``: Landlock's rules (without bubblewrap), applied after the drop.
    """
    nproc = None
    if uid is not None:
        nproc = limits.processes
    elif group is None and os.getuid() != 0:  # root ignores RLIMIT_NPROC
        nproc = _user_tasks(os.getuid()) + limits.processes
    memory = limits.memory_mb * 2**20

    def apply() -> None:
        os.setsid()  # own session and process group: killpg reaches every child that stays in it
        if group is not None:
            group.join()
        privileges.fresh_session_keyring()  # the grader's session keys are not the worker's
        for name, value in ((resource.RLIMIT_AS, memory),
                            (resource.RLIMIT_CPU, limits.cpu_seconds),
                            (resource.RLIMIT_FSIZE, limits.file_mb * 2**20),
                            (resource.RLIMIT_NOFILE, limits.open_files),
                            (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(name, (value, value))
        if nproc is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        if drop_here and uid is not None:
            privileges.drop_now(uid)
        if files is not None:
            landlock.restrict_self(files)
        # killed if the grader dies (bwrap's --die-with-parent then takes the sandbox with it);
        # after the drop, which clears it
        privileges.die_with_parent(signal.SIGKILL)
    return apply


def _environment(limits: Limits) -> dict[str, str]:
    """A fresh environment: nothing of the grader's (tokens, paths, secrets) reaches the worker."""
    threads = str(limits.threads)
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads,
        "OPENBLAS_NUM_THREADS": threads,
        "CUDA_VISIBLE_DEVICES": "",
    }


@dataclass
class _Drain:
    """Reads a pipe to its end, keeping the first ``cap`` bytes and counting the rest."""

    fd: int
    cap: int
    kept: bytearray = field(default_factory=bytearray)
    total: int = 0

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.total += len(chunk)
            if len(self.kept) < self.cap:
                self.kept += chunk[: self.cap - len(self.kept)]
        os.close(self.fd)


# ---------------------------------------------------------------- a sandboxed process


@dataclass(frozen=True)
class SandboxPaths:
    """Where the worker, the submission and the harness files are, as the sandboxed process sees them."""

    worker: str
    submission: str
    harness: str  # "" when none is bound
    namespaces: bool  # bubblewrap: the process has a PID namespace of its own


class SandboxedProcess:
    """``worker.py`` started in a sandbox of its own: bubblewrap where it works, limits and a cgroup always.

    ``arguments(paths)`` gives worker.py's command-line arguments; ``pass_fds`` are
    the descriptors it inherits (the caller closes its copies); ``hidden``, folders
    blanked in the sandbox (the graded course's problems and references). Its stdout and
    stderr are drained into ``drains``, capped at ``output_cap`` bytes each.
    """

    def __init__(self, *, arguments, pass_fds: list[int], submission_dir: Path, worker_dir: Path,
                 harness_dir: Path | None, limits: Limits, output_cap: int, hidden: tuple[Path, ...] = ()):
        self._sandbox_pid: int | None = None  # bwrap's PID-namespace init, whose death empties the namespace
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        passed = list(pass_fds)
        bubblewrap = _usable_bubblewrap()
        self.isolated = bubblewrap is not None
        self.info_read: int | None = None
        drops = bubblewrap.drops_root if bubblewrap else _drops_without_bubblewrap()
        self.uid = privileges.worker_uid() if drops else None  # None: the grader's own (not root)
        environment = _environment(limits)
        files: list[tuple[str, int]] | None = None  # Landlock's rules, where bubblewrap is missing
        if bubblewrap:
            self.info_read, info_write = os.pipe()
            passed.append(info_write)
            paths = SandboxPaths(SANDBOX_WORKER, SANDBOX_SUBMISSION, SANDBOX_HARNESS if harness_dir else "", True)
            command = [*_bubblewrap_command(bubblewrap, limits, info_write, worker_dir, submission_dir, harness_dir,
                                            hidden),
                       *bubblewrap.inside(self.uid), *_PYTHON, f"{SANDBOX_WORKER}/worker.py", *arguments(paths)]
        else:
            paths = SandboxPaths(str(worker_dir), str(submission_dir), str(harness_dir or ""), False)
            command = [*_PYTHON, str(worker_dir / "worker.py"), *arguments(paths)]
            if _landlock_works():  # a temporary folder of its own: the only place it may write
                private = Path(tempfile.mkdtemp(prefix="tmp-", dir=worker_dir.parent))
                if self.uid is not None:
                    os.chown(private, self.uid, self.uid)
                files = _file_rules(worker_dir, submission_dir, harness_dir, private, hidden,
                                    runs_as_root=self.uid is None and privileges.grader_is_root())
                environment.update(HOME=str(private), TMPDIR=str(private))
        self.cgroup = cgroups.Cgroup.create(processes=limits.processes, memory_bytes=limits.memory_mb * 2**20)
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=out_write, stderr=err_write,
                pass_fds=passed, env=environment, cwd=str(submission_dir),
                preexec_fn=_confine(limits, self.cgroup, self.uid, drop_here=not bubblewrap, files=files),
                close_fds=True)
        except BaseException:
            for fd in (*[fd for fd in passed if fd not in pass_fds], out_write, err_write, out_read, err_read,
                       self.info_read):
                _close(fd)
            if self.cgroup is not None:
                self.cgroup.remove()
            raise
        for fd in (*passed, out_write, err_write):
            if fd not in pass_fds:  # the caller's own descriptors are the caller's to close
                os.close(fd)
        self.drains = [_Drain(out_read, output_cap), _Drain(err_read, output_cap)]
        self.threads = [threading.Thread(target=d.run, daemon=True, name=DRAIN_THREAD) for d in self.drains]
        for thread in self.threads:
            thread.start()

    def kill(self) -> None:
        """End the process and every process it started; return once none is left."""
        if self.cgroup is not None:
            self.cgroup.kill()
        if self._kill_sandbox_init():
            try:  # bwrap exits once it has reaped its init, that is once the namespace is empty
                # (seconds on a busy machine with many processes to kill: waited for, not guessed)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if self.cgroup is not None:
            self.cgroup.kill()
            self.cgroup.remove()
            self.cgroup = None
        _close(self.info_read)
        self.info_read = -1
        self.drain_briefly()

    def drain_briefly(self) -> None:
        for thread in self.threads:
            thread.join(timeout=0.2)

    def exit_code(self) -> int | None:
        """The worker's exit status as Python reports it (negative: killed by that signal), or None."""
        code = self.process.poll()
        if code is not None and self.isolated and code > 128:  # bwrap exits with 128 + the worker's signal
            code = 128 - code
        return code

    def _kill_sandbox_init(self) -> bool:
        """SIGKILL bwrap's PID-namespace init: the kernel then kills the whole namespace.

        The init finishes dying only after every process of its namespace has,
        and bwrap exits only after reaping it: once bwrap is gone, nothing of
        the sandbox is left, even without a cgroup and whatever session the
        student's processes moved to.
        """
        pid = self._sandbox_init_pid()
        if pid is None:
            return False
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def _sandbox_init_pid(self) -> int | None:
        """The ``child-pid`` bwrap reported on its info fd, if it is still bwrap's child."""
        if self._sandbox_pid is None and self.info_read is not None and self.info_read >= 0:
            ready, _, _ = select.select([self.info_read], [], [], 0)
            if ready:
                try:
                    self._sandbox_pid = int(json.loads(os.read(self.info_read, 4096))["child-pid"])
                except (OSError, ValueError, KeyError, TypeError):
                    pass
        pid = self._sandbox_pid
        if pid is None:
            return None
        try:  # guard against a recycled pid: the init's parent must still be our bwrap
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return None
        return pid if parent == self.process.pid else None


# ---------------------------------------------------------------- talking to a worker


class Conversation:
    """Requests to a worker and its replies, under its time limits and output cap.

    A subclass provides the pipes (``_request_write``, ``_reply_read``), the
    drains of the worker's stdout and stderr (``_drains``), and how the worker
    is killed and how its death reads (``kill``, ``_death_message``).
    """

    limits: Limits
    failure: str | None = None
    _timeout: float = 0.0
    _request_write: int = -1
    _reply_read: int = -1
    _drains: list[_Drain]

    def request(self, header: dict, value: Any, timeout: float, *, budget: float | None = None) -> tuple[dict, Any]:
        """Send one request and wait up to ``timeout`` seconds for the reply that answers it.

        ``budget`` is the limit a timeout names, when part of it went to starting the worker.
        """
        request_id = secrets.token_hex(8)
        self.send({**header, "id": request_id}, value)
        return self.receive(timeout, expect_id=request_id, budget=budget)

    def send(self, header: dict, value: Any = None) -> None:
        try:
            wire.write_all(self._request_write, wire.encode_frame(header, value))
        except OSError:
            self._fail(self._death_message())

    def receive(self, timeout: float, *, expect_id: str | None = None, budget: float | None = None) -> tuple[dict, Any]:
        """Wait up to ``timeout`` seconds for one reply frame; it must answer request ``expect_id``."""
        self._timeout = budget if budget is not None else timeout
        deadline = time.monotonic() + timeout
        try:
            return wire.read_reply(lambda size: self._read(size, deadline), self.limits.reply_mb * 2**20, expect_id)
        except wire.WireError as error:
            self._fail(error.student_message())

    def _read(self, size: int, deadline: float) -> bytes:
        chunks, remaining = [], size
        while remaining > 0:
            self._check_output()
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail(f"did not answer within {self._timeout:g} s "
                           "(an infinite loop, a sleep or a very slow computation)", timed_out=True)
            ready, _, _ = select.select([self._reply_read], [], [], min(left, 0.2))
            if not ready:
                continue
            chunk = os.read(self._reply_read, min(remaining, 1 << 20))
            if not chunk:
                self._wait_briefly()
                self._fail(self._death_message())
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _check_output(self) -> None:
        if self._output_exceeded():
            self._fail(f"printed more than {self.limits.output_kb} KB of output")

    def _output_exceeded(self) -> bool:
        return sum(d.total for d in self._drains) > self.limits.output_kb * 1024

    def _died_of(self, code: int | None) -> str:
        """What the student reads of a worker that ended with ``code`` (None: still running)."""
        if code is None:
            return "stopped answering (it closed the grader's channel)"
        if self._output_exceeded():
            return f"printed more than {self.limits.output_kb} KB of output"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = {"SIGKILL": " (killed: memory or process limit)",
                    "SIGXCPU": f" (CPU time limit of {self.limits.cpu_seconds} s)",
                    "SIGSEGV": " (crashed: a stack overflow or a bug in native code)",
                    "SIGXFSZ": f" (wrote a file larger than {self.limits.file_mb} MB)"}.get(name, "")
            return f"was killed by {name}{hint}"
        return f"exited with status {code} before answering (sys.exit or os._exit in student code?)"

    def _fail(self, message: str, *, timed_out: bool = False) -> NoReturn:
        self.failure = message
        self.kill()
        raise WorkerLost(message, timed_out=timed_out)

    def output(self) -> str:
        """What the student's code printed (capped), for the feedback."""
        return b"".join(bytes(d.kept) for d in self._drains).decode("utf-8", "replace")

    def _drain_briefly(self) -> None:
        raise NotImplementedError

    def _wait_briefly(self) -> None:
        raise NotImplementedError

    def _death_message(self) -> str:
        raise NotImplementedError

    def kill(self) -> None:
        raise NotImplementedError


class WorkerProcess(Conversation):
    """One sandboxed worker serving one problem of one submission: a sandbox started for it alone.

    The cold path: ``zygote.Zygote`` forks a worker per problem from one warm
    sandbox per submission instead (``workers``); this one stays for the benchmarks'
    side-by-side comparison and for tests that talk to a worker directly.
    """

    def __init__(self, *, submission_dir: Path, module: str, worker_dir: Path, limits: Limits,
                 preload: tuple[str, ...] = (), harness_dir: Path | None = None):
        self.limits = limits
        self.failure = None
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        passed = [request_read, reply_write]
        preload_arg = ",".join(preload)
        self.started = time.monotonic()
        try:
            self.sandboxed = SandboxedProcess(
                arguments=lambda where: [str(request_read), str(reply_write), where.submission, module,
                                         preload_arg, where.harness],
                pass_fds=passed, submission_dir=submission_dir, worker_dir=worker_dir, harness_dir=harness_dir,
                limits=limits, output_cap=limits.output_kb * 1024)
        except BaseException:
            for fd in (self._request_write, self._reply_read):
                _close(fd)
            raise
        finally:
            for fd in passed:
                _close(fd)
        self.isolated, self.uid, self.cgroup = self.sandboxed.isolated, self.sandboxed.uid, self.sandboxed.cgroup
        self.process = self.sandboxed.process
        self._drains = self.sandboxed.drains

    def _wait_briefly(self) -> None:
        try:
            self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass  # the reply pipe was closed by a process still running: "stopped answering"

    def _drain_briefly(self) -> None:
        self.sandboxed.drain_briefly()

    def _death_message(self) -> str:
        self._drain_briefly()
        return self._died_of(self.sandboxed.exit_code())

    def kill(self) -> None:
        """End the worker and every process it started; return once none is left."""
        self.sandboxed.kill()
        self.cgroup = None
        for fd in (self._request_write, self._reply_read):
            _close(fd)
        self._request_write = self._reply_read = -1

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                wire.write_all(self._request_write, wire.encode_frame({"op": "exit"}))
                self.process.wait(timeout=1)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()


def _close(fd: int | None) -> None:
    if fd is not None and fd >= 0:
        try:
            os.close(fd)
        except OSError:
            pass


# ---------------------------------------------------------------- staging


def make_staging_dir() -> Path:
    """A private folder for one grading: the submission's copy, the worker, harness files.

    Named after the grader's pid, so ``remove_stale_staging`` can tell the
    leftovers of a grader that was killed from those of one still running.
    """
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
    if privileges.grader_is_root():  # workers run as other uids: they may pass through, not list
        os.chmod(staging, 0o711)
    return staging


def remove_stale_staging() -> None:
    """Delete staging folders left by graders that were killed before cleaning up."""
    for path in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*-*"):
        owner = path.name[len(STAGING_PREFIX):].split("-")[0]
        if owner.isdigit() and path.is_dir() and not cgroups.running(int(owner)):
            shutil.rmtree(path, ignore_errors=True)
