"""A warm sandbox per submission: numpy and torch imported once, a fresh forked worker per problem.

Starting a sandboxed worker costs a Python and its imports: torch alone takes
1.5 to 2.5 s of CPU, and a submission has many problems. So the grader starts
one sandbox per submission (per set of preloaded modules, see ``workers``):
``worker.py --zygote`` inside bubblewrap, as the same unprivileged uid and
with the same /proc masks, mounts and environment as a worker of its own
(``sandbox.SandboxedProcess``). The zygote imports the preloaded modules and
then only forks, on the grader's request, one child per problem (copy on
write: the imports are shared, nothing else is). It never imports or runs
student code itself.

Each child confines itself before it reads its first request: its own
session and process group, the problem's resource limits (address space, CPU
time, file size, open files, processes), death with the zygote. It then
writes one byte on a socket whose other end the grader holds with
``SO_PASSCRED``: the kernel attaches the child's pid as the grader sees it,
which the child cannot forge. The grader moves that pid into a cgroup of the
problem's own (where it may make one) and pins it with a pidfd; only then does
it send the request to import the submission's module. From there the child
is a worker like any other (``sandbox.Conversation``): the request ids, the
output cap, the time limits and the wire format are the same.

When a problem is done (or its child crashed, hung or broke a limit), the
child is killed with everything it started: the problem's cgroup, the child's
process group, and in bubblewrap's PID namespace a sweep by the zygote of
every process but itself and its ancestors. The zygote reports each child's
exit status, so the student reads why their code died. A zygote that died,
hung or was killed (a child of the same uid can signal it) is replaced by a
fresh one at the next problem; the problem in progress fails as a crash does.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import struct
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from gradekit.grading import cgroups
from gradekit.grading.sandbox import (
    DRAIN_THREAD,
    Conversation,
    Limits,
    SandboxedProcess,
    WorkerLost,
    _close,
    _Drain,
    _user_tasks,
)

MAX_MESSAGE = 65536
ZYGOTE_OUTPUT_CAP = 64 * 1024  # what the zygote itself prints (import warnings): kept for a failure's message
_CREDENTIALS = struct.Struct("iII")  # struct ucred: pid, uid, gid


class ZygoteLost(Exception):
    """The zygote died, hung or said something it should not: the next problem gets a fresh one."""


def zygote_limits(all_limits: list[Limits]) -> Limits:
    """The zygote's own limits: the largest of its problems' (each child lowers them to its own).

    Its process bound covers itself and one child with all the child may start.
    """
    largest = {name: max(getattr(limits, name) for limits in all_limits)
               for name in ("memory_mb", "cpu_seconds", "file_mb", "tmp_mb", "open_files", "processes",
                            "call_seconds", "import_seconds", "wall_seconds")}
    largest["processes"] = 2 * largest["processes"] + 16
    return replace(all_limits[0], **largest)


class Zygote:
    """One warm sandbox: the zygote process and its control socket."""

    def __init__(self, *, submission_dir: Path, worker_dir: Path, harness_root: Path | None,
                 preload: tuple[str, ...], limits: Limits, hidden: tuple[Path, ...] = ()):
        self.preload = preload
        self.limits = limits
        self.ready = False
        self.lost: str | None = None  # why the zygote is unusable, once it is
        self._exits: dict[int, int] = {}  # the zygote's pid of a child -> its exit status, once reaped
        self._control, inside = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.sandboxed = SandboxedProcess(
                arguments=lambda where: ["--zygote", str(inside.fileno()), where.submission, ",".join(preload),
                                         where.harness, "1" if where.namespaces else "0"],
                pass_fds=[inside.fileno()], submission_dir=submission_dir, worker_dir=worker_dir,
                harness_dir=harness_root, limits=limits, output_cap=ZYGOTE_OUTPUT_CAP, hidden=hidden)
        except BaseException:
            self._control.close()
            raise
        finally:
            inside.close()
        self.uid = self.sandboxed.uid
        self.isolated = self.sandboxed.isolated

    # ------------------------------------------------------------ the control channel

    def _next(self, deadline: float) -> dict:
        """The zygote's next message (an exit notice is recorded too)."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ZygoteLost("the sandbox did not answer in time")
            ready, _, _ = select.select([self._control], [], [], min(left, 0.5))
            if not ready:
                if self.sandboxed.process.poll() is not None:
                    raise ZygoteLost(self._ended())
                continue
            try:
                data = self._control.recv(MAX_MESSAGE)
            except OSError as error:
                raise ZygoteLost(f"its channel failed ({error.strerror})") from None
            if not data:
                raise ZygoteLost(self._ended())
            try:
                message = json.loads(data)
            except ValueError:
                raise ZygoteLost("it sent a malformed message") from None
            if not isinstance(message, dict):
                raise ZygoteLost("it sent a malformed message")
            if message.get("op") == "exited" and type(message.get("pid")) is int and type(message.get("code")) is int:
                self._exits[message["pid"]] = message["code"]
            return message

    def _expect(self, op: str, deadline: float) -> dict:
        message = self._next(deadline)
        while message.get("op") == "exited":
            message = self._next(deadline)
        if message.get("op") != op:
            raise ZygoteLost(f"it answered {str(message.get('op'))[:40]!r} instead of {op!r}")
        return message

    def _ended(self) -> str:
        self.sandboxed.drain_briefly()
        printed = self.output().strip().splitlines()
        return "the sandbox ended" + (f" ({printed[-1][:300]})" if printed else "")

    def output(self) -> str:
        return b"".join(bytes(d.kept) for d in self.sandboxed.drains).decode("utf-8", "replace")

    def wait_ready(self, deadline: float) -> None:
        if not self.ready:
            self._guarded(lambda: self._expect("ready", deadline))
            self.ready = True

    def _guarded(self, action):
        if self.lost:
            raise ZygoteLost(self.lost)
        try:
            return action()
        except ZygoteLost as lost:
            self.lost = str(lost)
            self.kill()
            raise

    # ------------------------------------------------------------ children

    def fork(self, *, module: str, harness: str, limits: Limits, deadline: float) -> ForkedWorker:
        """A fresh worker for one problem, confined and in its cgroup, waiting for the import request."""
        try:
            self.wait_ready(deadline)
        except ZygoteLost as lost:
            raise WorkerLost(f"could not be started ({lost})", timed_out=time.monotonic() >= deadline) from None
        return ForkedWorker(self, module=module, harness=harness, limits=limits, deadline=deadline)

    def _send(self, message: dict, fds: Sequence[int] = ()) -> None:
        try:
            socket.send_fds(self._control, [json.dumps(message).encode()], list(fds))
        except OSError as error:
            raise ZygoteLost(f"its channel failed ({error.strerror})") from None

    def exit_code(self, pid: int, wait: float) -> int | None:
        """The exit status of child ``pid`` (negative: its signal), waiting up to ``wait`` seconds; None if
        it has not ended (or the zygote cannot say)."""
        deadline = time.monotonic() + wait
        try:
            while pid not in self._exits:
                self._next(deadline)  # anything but an exit notice is out of turn here: ignored
        except ZygoteLost as lost:
            if self.lost is None and self.sandboxed.process.poll() is not None:
                self.lost = str(lost)
            return None
        return self._exits[pid]

    def settle(self, pid: int) -> None:
        """After a child was killed: wait until it is reaped, then kill whatever it left (PID namespace only)."""
        def both():
            if self.exit_code(pid, 5.0) is None:
                raise ZygoteLost("a worker it forked would not die")
            self._send({"op": "sweep"})
            if self._expect("swept", time.monotonic() + 10.0).get("left"):
                raise ZygoteLost("a worker's processes would not die, or its files would not go")
        self._guarded(both)

    # ------------------------------------------------------------ ending

    @property
    def alive(self) -> bool:
        return self.lost is None and self.sandboxed.process.poll() is None

    def kill(self) -> None:
        """End the sandbox and everything in it."""
        self.lost = self.lost or "the sandbox was stopped"
        self.sandboxed.kill()
        self._control.close()

    def close(self) -> None:
        if self.alive:
            try:
                self._send({"op": "exit"})
                self.sandboxed.process.wait(timeout=1)
            except Exception:  # noqa: BLE001  (it is killed below whatever went wrong)
                pass
        self.kill()


class ForkedWorker(Conversation):
    """The worker of one problem: a child of the zygote, talked to like a sandboxed worker of its own."""

    def __init__(self, zygote: Zygote, *, module: str, harness: str, limits: Limits, deadline: float):
        self.zygote = zygote
        self.limits = limits
        self.failure = None
        self.isolated = zygote.isolated
        self.uid = zygote.uid
        self.cgroup: cgroups.Cgroup | None = None
        self.pid: int | None = None  # as the grader sees it
        self._pidfd: int | None = None
        self._child: int | None = None  # as the zygote sees it
        self._ended = False
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        hello, hello_child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        hello.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        cap = limits.output_kb * 1024
        self._drains = [_Drain(out_read, cap), _Drain(err_read, cap)]
        self._threads = [threading.Thread(target=d.run, daemon=True, name=DRAIN_THREAD) for d in self._drains]
        for thread in self._threads:
            thread.start()
        try:
            request = {"op": "fork", "module": module, "harness": harness, "limits": self._rlimits(limits)}
            child_ends = [request_read, reply_write, out_write, err_write, hello_child.fileno()]
            try:
                zygote._guarded(lambda: zygote._send(request, child_ends))
            finally:
                for fd in (request_read, reply_write, out_write, err_write):
                    os.close(fd)
                hello_child.close()
            self._child = zygote._guarded(lambda: zygote._expect("forked", deadline)).get("pid")
            self.pid = self._hello(hello, deadline)
            self._pidfd = os.pidfd_open(self.pid) if hasattr(os, "pidfd_open") else None
            self.cgroup = cgroups.Cgroup.create(processes=limits.processes, memory_bytes=limits.memory_mb * 2**20)
            if self.cgroup is not None and not self.cgroup.move(self.pid):
                self.cgroup.remove()  # the zygote's cgroup still bounds it, with the largest limits
                self.cgroup = None
        except (ZygoteLost, OSError) as error:
            self.kill()
            raise WorkerLost(f"could not be started ({error})") from None
        finally:
            hello.close()

    def _rlimits(self, limits: Limits) -> dict:
        """What the child sets before it runs anything: the problem's limits (``sandbox._confine``'s)."""
        processes = own = None
        if self.uid is not None or (self.isolated and self.zygote.sandboxed.cgroup is None):
            # a uid of the sandbox's own, or bubblewrap's user namespace (RLIMIT_NPROC counts the tasks of the
            # namespace the child is in): besides the child, only the zygote's tasks count
            own = limits.processes
        elif self.zygote.sandboxed.cgroup is None and os.getuid() != 0:
            processes = _user_tasks(os.getuid()) + limits.processes  # all the user's, some outside the sandbox
        return {"memory": limits.memory_mb * 2**20, "cpu": limits.cpu_seconds, "file": limits.file_mb * 2**20,
                "open_files": limits.open_files, "core": 0, "processes": processes, "own_processes": own}

    @staticmethod
    def _hello(hello: socket.socket, deadline: float) -> int:
        """The child's pid, as the kernel vouches for it (SO_PASSCRED), once the child is confined."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ZygoteLost("the new worker did not start in time")
            ready, _, _ = select.select([hello], [], [], left)
            if ready:
                break
        data, ancillary, _, _ = hello.recvmsg(1, socket.CMSG_SPACE(_CREDENTIALS.size))
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and len(payload) >= _CREDENTIALS.size:
                pid, _, _ = _CREDENTIALS.unpack(payload[:_CREDENTIALS.size])
                if data and pid > 0:
                    return pid
        raise ZygoteLost("the new worker did not say who it is")

    # ------------------------------------------------------------ Conversation's hooks

    def _wait_briefly(self) -> None:
        if self._child is not None:
            self.zygote.exit_code(self._child, 1.0)

    def _drain_briefly(self) -> None:
        for thread in self._threads:
            thread.join(timeout=0.2)

    def _death_message(self) -> str:
        self._drain_briefly()
        code = self.zygote.exit_code(self._child, 0.5) if self._child is not None else None
        if code is None and not self.zygote.alive:
            return "was killed with its sandbox (did it signal its parent?)"
        return self._died_of(code)

    # ------------------------------------------------------------ ending

    def kill(self) -> None:
        """End the child and every process it started; return once none is left."""
        if self._ended:
            return
        self._ended = True
        if self.cgroup is not None:
            self.cgroup.kill()
        self._kill_group()
        if self._child is not None and self.zygote.alive:
            try:
                self.zygote.settle(self._child)
            except ZygoteLost:
                pass  # settle killed the whole sandbox: nothing of it is left
        if self.cgroup is not None:
            self.cgroup.kill()
            self.cgroup.remove()
            self.cgroup = None
        for fd in (self._request_write, self._reply_read, self._pidfd):
            _close(fd)
        self._request_write = self._reply_read = -1
        self._pidfd = None
        self._drain_briefly()

    def _kill_group(self) -> None:
        """SIGKILL the child and, while it still lives (so its pid is still its own), its process group."""
        if self.pid is None:
            return
        try:
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, 0)
            else:
                os.kill(self.pid, 0)
        except (ProcessLookupError, PermissionError, OSError):
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def close(self) -> None:
        """Ask the child to exit, then make sure nothing of it is left."""
        if not self._ended and self._request_write >= 0:
            try:
                from gradekit.grading import wire

                wire.write_all(self._request_write, wire.encode_frame({"op": "exit"}))
                if self._child is not None:
                    self.zygote.exit_code(self._child, 1.0)
            except OSError:
                pass
        self.kill()
