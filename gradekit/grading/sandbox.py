"""Run the worker on untrusted code: bubblewrap where installed, limits always.

The trusted side talks to the worker over two pipes; the student's stdout and
stderr go to two other pipes that are drained, capped and kept for feedback.
Each worker lives in its own process group (and, under bubblewrap, its own PID
namespace), so killing it kills everything it started.
"""

from __future__ import annotations

import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gradekit.grading import wire

GRADING_DIR = Path(__file__).resolve().parent
SANDBOX_SUBMISSION = "/submission"
SANDBOX_WORKER = "/opt/gradekit-worker"
SANDBOX_HARNESS = "/opt/gradekit-harness"


@dataclass(frozen=True)
class Limits:
    """Per-problem resource limits; ``problem.toml``'s ``[limits]`` table overrides them."""

    wall_seconds: float = 60.0  # the whole problem: import plus every check
    call_seconds: float = 10.0  # one call to a student function
    import_seconds: float = 20.0  # importing the student's module (torch alone takes ~2 s)
    cpu_seconds: int = 120  # RLIMIT_CPU: a busy loop dies even if the wall clock is generous
    memory_mb: int = 2048  # RLIMIT_AS; torch needs ~4000 of address space just to import
    output_kb: int = 256  # stdout + stderr; more than this kills the worker
    reply_mb: int = 256  # one reply; a larger one is a malformed reply
    file_mb: int = 64  # RLIMIT_FSIZE for anything the student writes to /tmp
    open_files: int = 256
    threads: int = 1  # OMP/MKL threads, so parallel graders don't oversubscribe the cores

    def replace(self, **changes: Any) -> "Limits":
        fields = {**self.__dict__, **changes}
        return Limits(**fields)


class WorkerLost(BaseException):
    """The worker died, hung or misbehaved; the check in progress fails.

    A BaseException on purpose: hypothesis must not catch it and shrink (each
    retry would wait for another timeout); it ends the check at once.
    """

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.message = message
        self.timed_out = timed_out


def bubblewrap_path() -> str | None:
    if os.environ.get("GRADEKIT_NO_BWRAP"):
        return None
    return shutil.which("bwrap")


_BWRAP_WORKS: dict[str, bool] = {}


def bubblewrap_works(bwrap: str) -> bool:
    """bwrap may be installed but refused (no user namespaces); try it once."""
    if bwrap not in _BWRAP_WORKS:
        probe = subprocess.run(
            [bwrap, "--unshare-all", "--die-with-parent", *_system_binds(), "--proc", "/proc",
             "--dev", "/dev", sys.executable, "-I", "-c", "pass"],
            capture_output=True, timeout=30)
        _BWRAP_WORKS[bwrap] = probe.returncode == 0
    return _BWRAP_WORKS[bwrap]


def _system_binds() -> list[str]:
    """Read-only views of the system and of the Python that runs the worker."""
    args: list[str] = []
    for path in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/ld.so.cache",
                 "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/fonts",
                 "/etc/localtime", "/etc/ssl/certs"):
        args += ["--ro-bind-try", path, path]
    python_roots = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent}
    for root in sorted(python_roots):
        args += ["--ro-bind", str(root), str(root)]
    return args


def _hidden_overlays() -> list[str]:
    """Blank out gradekit and its problems wherever they sit inside a bound directory."""
    import gradekit

    package = Path(gradekit.__file__).resolve().parent
    repo = package.parent
    args: list[str] = []
    for secret in (package, repo / "problems", repo / "references"):
        if any(_is_within(secret, Path(root)) for root in (sys.prefix, sys.base_prefix)):
            args += ["--tmpfs", str(secret)]
    return args


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def stage_worker(directory: Path) -> Path:
    """Copy the worker and the wire format to ``directory``: all the sandbox gets of gradekit."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(GRADING_DIR / "worker.py", directory / "worker.py")
    shutil.copyfile(GRADING_DIR / "wire.py", directory / "gradekit_wire.py")
    return directory


def _set_limits(limits: Limits):
    def apply() -> None:
        os.setsid()  # own process group: killpg reaches every child
        memory = limits.memory_mb * 2**20
        for name, value in ((resource.RLIMIT_AS, memory),
                            (resource.RLIMIT_CPU, limits.cpu_seconds),
                            (resource.RLIMIT_FSIZE, limits.file_mb * 2**20),
                            (resource.RLIMIT_NOFILE, limits.open_files),
                            (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(name, (value, value))
    return apply


def _environment(limits: Limits) -> dict[str, str]:
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


class WorkerProcess:
    """One sandboxed worker serving one problem of one submission."""

    def __init__(self, *, submission_dir: Path, module: str, worker_dir: Path, limits: Limits,
                 preload: tuple[str, ...] = (), harness_dir: Path | None = None):
        self.limits = limits
        self.isolated = False
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        worker_args = [str(request_read), str(reply_write)]
        bwrap = bubblewrap_path()
        preload_arg = ",".join(preload)
        if bwrap and bubblewrap_works(bwrap):
            self.isolated = True
            harness = ["--ro-bind", str(harness_dir), SANDBOX_HARNESS] if harness_dir else []
            command = [bwrap, "--unshare-all", "--die-with-parent", "--new-session",
                       "--cap-drop", "ALL", *_system_binds(), *_hidden_overlays(),
                       "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                       "--ro-bind", str(worker_dir), SANDBOX_WORKER, *harness,
                       "--ro-bind", str(submission_dir), SANDBOX_SUBMISSION,
                       "--chdir", SANDBOX_SUBMISSION,
                       sys.executable, "-I", f"{SANDBOX_WORKER}/worker.py", *worker_args,
                       SANDBOX_SUBMISSION, module, preload_arg, SANDBOX_HARNESS if harness_dir else ""]
        else:
            command = [sys.executable, "-I", str(worker_dir / "worker.py"), *worker_args,
                       str(submission_dir), module, preload_arg, str(harness_dir or "")]
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out_write, stderr=err_write,
            pass_fds=(request_read, reply_write), env=_environment(limits),
            cwd=str(submission_dir), preexec_fn=_set_limits(limits), close_fds=True)
        for fd in (request_read, reply_write, out_write, err_write):
            os.close(fd)
        cap = limits.output_kb * 1024
        self._drains = [_Drain(out_read, cap), _Drain(err_read, cap)]
        self._threads = [threading.Thread(target=d.run, daemon=True) for d in self._drains]
        for thread in self._threads:
            thread.start()
        self.failure: str | None = None

    # ------------------------------------------------------------ talking

    def receive(self, timeout: float) -> tuple[dict, Any]:
        """Wait up to ``timeout`` seconds for one reply frame."""
        self._timeout = timeout
        deadline = time.monotonic() + timeout
        head_size = wire.HEADER.unpack(self._read(wire.HEADER.size, deadline))[0]
        if head_size > 16 * 2**20:
            self._fail("sent a malformed reply (header too large)")
        head = self._read(head_size, deadline)
        try:
            import json

            sizes = json.loads(head).get("blobs", [])
            total = sum(int(s) for s in sizes)
        except (ValueError, TypeError, AttributeError):
            self._fail("sent a malformed reply")
        if total > self.limits.reply_mb * 2**20:
            self._fail(f"returned more than {self.limits.reply_mb} MB")
        body = self._read(total, deadline)
        try:
            return wire.decode_frame(head, body)
        except wire.WireError as error:
            self._fail(f"sent a malformed reply ({error})")

    def send(self, header: dict, value: Any = None) -> None:
        try:
            wire.write_all(self._request_write, wire.encode_frame(header, value))
        except (BrokenPipeError, OSError):
            self._fail(self._death_message())

    def request(self, header: dict, value: Any, timeout: float) -> tuple[dict, Any]:
        self.send(header, value)
        return self.receive(timeout)

    def _read(self, size: int, deadline: float) -> bytes:
        chunks, remaining = [], size
        while remaining:
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
                self.process.wait()
                self._fail(self._death_message())
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _check_output(self) -> None:
        if sum(d.total for d in self._drains) > self.limits.output_kb * 1024:
            self._fail(f"printed more than {self.limits.output_kb} KB of output")

    def _death_message(self) -> str:
        self._drain_briefly()
        code = self.process.poll()
        if code is None:
            return "stopped answering"
        if self._output_exceeded():
            return f"printed more than {self.limits.output_kb} KB of output"
        if code < 0:
            name = signal.Signals(-code).name
            hint = {"SIGKILL": " (killed: memory or process limit)",
                    "SIGXCPU": f" (CPU time limit of {self.limits.cpu_seconds} s)",
                    "SIGSEGV": " (crashed: a stack overflow or a bug in native code)",
                    "SIGXFSZ": f" (wrote a file larger than {self.limits.file_mb} MB)"}.get(name, "")
            return f"was killed by {name}{hint}"
        return f"exited with status {code} before answering (sys.exit or os._exit in student code?)"

    def _output_exceeded(self) -> bool:
        return sum(d.total for d in self._drains) > self.limits.output_kb * 1024

    def _drain_briefly(self) -> None:
        for thread in self._threads:
            thread.join(timeout=0.2)

    def _fail(self, message: str, *, timed_out: bool = False):
        self.failure = message
        self.kill()
        raise WorkerLost(message, timed_out=timed_out)

    # ------------------------------------------------------------ ending

    def output(self) -> str:
        """What the student's code printed (capped), for the feedback."""
        text = b"".join(bytes(d.kept) for d in self._drains).decode("utf-8", "replace")
        return text

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self._request_write, self._reply_read):
            try:
                os.close(fd)
            except OSError:
                pass
        self._drain_briefly()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                wire.write_all(self._request_write, wire.encode_frame({"op": "exit"}))
                self.process.wait(timeout=1)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()


def warn_if_unisolated() -> str | None:
    """The warning to show when student code will run without bubblewrap, or None."""
    bwrap = bubblewrap_path()
    if bwrap and bubblewrap_works(bwrap):
        return None
    why = "bubblewrap (bwrap) is not installed" if not bwrap else "bubblewrap is installed but refused to start"
    message = (f"{why}: student code runs with resource limits but WITHOUT filesystem and network "
               "isolation. Install the 'bubblewrap' package before grading untrusted submissions.")
    warnings.warn(message, RuntimeWarning, stacklevel=2)
    return message


def make_staging_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="gradekit-"))
