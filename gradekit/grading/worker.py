"""The sandboxed side of grading: import the student's module, answer call requests.

Runs inside the sandbox with only this file and ``gradekit_wire.py`` beside it:
the ``gradekit`` package, the problems and the references are not visible.
It returns values, never verdicts; the grader compares them outside.

Usage: python -I worker.py REQUEST_FD REPLY_FD SUBMISSION_DIR MODULE PRELOAD,... [HARNESS_DIR]
       python -I worker.py --zygote CONTROL_FD SUBMISSION_DIR PRELOAD,... HARNESS_ROOT OWN_PID_NAMESPACE

The first request is ``{"op": "import"}``; every reply repeats the ``id`` of
the request it answers. Student code runs in this process and can write to the
reply pipe, but a frame it writes before knowing the id of the request in
progress is told apart from ours and ends the worker.

With ``--zygote`` this process is the warm sandbox of one submission
(``zygote.py`` on the grader's side): it imports numpy and torch once, runs no
student code itself, and forks a fresh child per problem that the grader asks
for. The child confines itself (its own session, the problem's resource
limits), tells the grader who it is, then serves that problem like a worker
started on its own: the submission's module is imported in the child only, so
nothing one problem's code does reaches another's.

A problem may ship harness modules (``harness = [...]`` in its problem.toml):
code that is not secret and must run next to the student's, such as a training
loop that calls the student's model and loss within a budget. A request named
``"file:function"`` calls ``function`` of the harness file ``file.py``.
"""

import builtins
import importlib.util
import os
import sys
import traceback
import types
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import gradekit_wire as wire  # noqa: E402  (must come after the path fix above)
import numpy as np  # noqa: E402,F401  (preloaded so a submission's numpy.py cannot shadow it)

MAX_TRACEBACK = 4000


def describe_exception(error: BaseException, submission_dir: str) -> dict:
    """The student's exception: its type, message and the frames from their own files.

    ``types`` names the builtin exceptions it is an instance of as themselves
    (``ValueError``) and any other class with its module (a student's own
    ``class ValueError(Exception)`` is ``image_entropy.ValueError``), so a
    check asking for a ValueError gets the builtin one.
    """
    try:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if os.path.abspath(f.filename).startswith(submission_dir)]
        text = "".join(traceback.format_list(frames[-6:]))
    except BaseException:  # a traceback the student tampered with
        text = ""
    return {
        "type": str(type(error).__name__)[:100],
        "types": [_class_name(cls) for cls in type(error).__mro__][:20],
        "message": _safe_str(error)[:1000],
        "traceback": text[-MAX_TRACEBACK:],
    }


def _class_name(cls: type) -> str:
    name = str(cls.__name__)[:100]
    return name if getattr(builtins, name, None) is cls else f"{str(cls.__module__)[:100]}.{name}"


def _safe_str(error: BaseException) -> str:
    try:
        return str.__str__(str(error))
    except BaseException:  # a student's __str__ may itself raise
        return f"<{type(error).__name__} whose message could not be printed>"


def to_student(value):
    """Turn wire values into what the student's function expects (tensors, generators)."""
    if isinstance(value, wire.WireTensor):
        import torch

        tensor = torch.from_numpy(value.array.copy()).to(getattr(torch, value.dtype))
        return tensor.requires_grad_(value.requires_grad)
    if isinstance(value, wire.WireGenerator):
        import torch

        return torch.Generator().manual_seed(value.seed)
    if isinstance(value, list):
        return [to_student(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_student(v) for v in value)
    if isinstance(value, dict):
        return {k: to_student(v) for k, v in value.items()}
    return value


class Worker:
    def __init__(self, request_fd: int, reply_fd: int, submission_dir: str, module_name: str,
                 harness_dir: str = ""):
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.submission_dir = submission_dir
        self.module_name = module_name
        self.harness_dir = harness_dir
        self.module: types.ModuleType | None = None
        self.harness: dict[str, types.ModuleType] = {}

    def reply(self, request: dict, header: dict, value=None) -> None:
        header = {**header, "id": request.get("id")}
        try:
            frame = wire.encode_frame(header, value)
        except BaseException as error:  # a value that cannot even be encoded
            frame = wire.encode_frame({"ok": False, "id": request.get("id"), "error": {
                "type": "EncodingError", "types": ["EncodingError"], "traceback": "",
                "message": f"the returned value could not be sent to the grader: {_safe_str(error)}"}})
        wire.write_all(self.reply_fd, frame)

    def import_student(self, request: dict) -> None:
        sys.path.insert(0, self.submission_dir)
        try:
            self.module = __import__(self.module_name)
            names = sorted(n for n in dir(self.module) if not n.startswith("__"))[:1000]
        except BaseException as error:  # SystemExit and KeyboardInterrupt included
            self.module = None
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        self.reply(request, {"ok": True, "names": [str(n) for n in names]})

    def resolve(self, name: str):
        """The student's ``name``, or the harness function ``file:function``."""
        if ":" not in name:
            return getattr(self.module, name, None)
        file, function = name.split(":", 1)
        if file not in self.harness:
            path = os.path.join(self.harness_dir, file + ".py")
            spec = importlib.util.spec_from_file_location(f"gradekit_harness_{file}", path)
            if spec is None or spec.loader is None:
                raise ImportError(f"the problem's harness file {file}.py cannot be loaded")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            self.harness[file] = module
        return getattr(self.harness[file], function)

    def call(self, request: dict, value: dict) -> None:
        name = request["name"]
        try:
            function = self.resolve(name)
        except BaseException as error:  # importing a harness runs student code too
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        if function is None:
            self.reply(request, {"ok": False, "error": {
                "type": "MissingName", "types": ["MissingName"], "traceback": "",
                "message": f"{self.module_name}.py defines no {name!r}"}})
            return
        positional, keywords = to_student(value["args"]), to_student(value["kwargs"])
        try:
            result = function(*positional, **keywords)
            if value.get("vjp") is not None:
                result = self.vector_jacobian_product(name, result, positional, value["vjp"])
        except BaseException as error:
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        self.reply(request, {"ok": True}, result)

    @staticmethod
    def vector_jacobian_product(name, output, positional, vjp):
        """Back-propagate ``cotangent`` through ``output``; return it and the gradients asked for.

        Raised here, as the student's error, when no gradient can flow: the
        student reads why instead of torch's "element 0 of tensors does not
        require grad".
        """
        import torch

        if not isinstance(output, torch.Tensor):
            raise TypeError(f"{name} must return a torch tensor, so that gradients flow back to its "
                            f"inputs; it returned {type(output).__name__}")
        if not output.requires_grad:
            raise TypeError(f"{name} returned a tensor cut off from its inputs' gradients: .detach(), "
                            f".item(), .numpy() or torch.tensor(...) of an intermediate result break the graph")
        cotangent = to_student(vjp["cotangent"])
        (output * cotangent).sum().backward()
        grads = [positional[i].grad for i in vjp["wrt"]]
        return (output, grads)

    def serve(self) -> None:
        while True:
            try:
                header, value = wire.read_frame(self.request_fd)
            except EOFError:
                return
            op = header.get("op")
            if op == "exit":
                return
            if op == "import" and self.module is None:
                self.import_student(header)
            elif op == "call" and self.module is not None:
                self.call(header, value)
            else:
                self.reply(header, {"ok": False, "error": {
                    "type": "ProtocolError", "types": ["ProtocolError"], "traceback": "",
                    "message": f"unknown request {op!r}"}})


# ---------------------------------------------------------------- system calls no worker needs


# Refused (EPERM) by a seccomp filter the worker installs on itself before any student code runs; every
# process it starts inherits it, and none can lift it. System V shared memory, message queues and
# semaphores, POSIX message queues and memfd files hold memory that no process maps (RLIMIT_AS does not
# see it; a memfd is bounded only by RLIMIT_FSIZE per file); all but memfd outlive the processes that
# made them and, outside an IPC namespace of the sandbox's own, the grading itself. io_uring and
# userfaultfd are kernel attack surface that no grading needs (refused by Docker's default profile too).
_REFUSED_CALLS = {
    "x86_64": {"shmget": 29, "shmat": 30, "semget": 64, "msgget": 68, "mq_open": 240, "memfd_create": 319,
               "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427},
    "aarch64": {"mq_open": 180, "msgget": 186, "semget": 190, "shmget": 194, "shmat": 196, "memfd_create": 279,
                "userfaultfd": 282, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427},
}
# Allowed on the caller alone: these need only the same uid (not ptrace's access, so neither
# PR_SET_DUMPABLE nor Landlock stops them), and a worker sharing the grader's uid (an ordinary user
# without bubblewrap) could lower the grader's limits (a lower RLIMIT_CPU kills it), make it SCHED_IDLE,
# renice or pin it; with bubblewrap, its zygote's. Each: number, then (argument, value) pairs that must
# all hold (0 for a pid: the caller itself; PRIO_PROCESS 0 and IOPRIO_WHO_PROCESS 1).
_OWN_PROCESS_ONLY = {
    "x86_64": {"prlimit64": (302, ((0, 0),)), "sched_setparam": (142, ((0, 0),)),
               "sched_setscheduler": (144, ((0, 0),)), "sched_setaffinity": (203, ((0, 0),)),
               "sched_setattr": (314, ((0, 0),)), "setpriority": (141, ((0, 0), (1, 0))),
               "ioprio_set": (251, ((0, 1), (1, 0)))},
    "aarch64": {"prlimit64": (261, ((0, 0),)), "sched_setparam": (118, ((0, 0),)),
                "sched_setscheduler": (119, ((0, 0),)), "sched_setaffinity": (122, ((0, 0),)),
                "sched_setattr": (274, ((0, 0),)), "setpriority": (140, ((0, 0), (1, 0))),
                "ioprio_set": (30, ((0, 1), (1, 0)))},
}
# No user namespace (a large kernel attack surface; bubblewrap's --disable-userns where it can): clone and
# unshare with CLONE_NEWUSER refused, clone3 (whose flags a filter cannot read) ENOSYS, on which the C
# library falls back on clone (Docker's default profile does the same).
_NO_USER_NAMESPACE = {"x86_64": {"clone": 56, "unshare": 272, "clone3": 435},
                      "aarch64": {"clone": 220, "unshare": 97, "clone3": 435}}
CLONE_NEWUSER, ENOSYS = 0x10000000, 38
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_X32_SYSCALL_BIT = 0x40000000


def refuse_system_calls() -> bool:
    """Install the filter of ``_REFUSED_CALLS``, ``_OWN_PROCESS_ONLY`` and ``_NO_USER_NAMESPACE`` on this
    process (and all it starts); False where it cannot.

    A system call made through another ABI than this machine's (32-bit ``int 0x80`` or x32 on x86_64,
    whose numbers differ) is refused whatever it is. An argument is compared by its low 32 bits (a pid_t,
    an int).
    """
    import ctypes
    import platform
    import struct

    machine = platform.machine()
    if machine not in _AUDIT_ARCH:
        return False
    ld_abs, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    refused, allowed = 0x00050000 | 1, 0x7FFF0000  # SECCOMP_RET_ERRNO | EPERM, SECCOMP_RET_ALLOW
    refuse = -1  # a jump target resolved below: the last instruction
    program: list[tuple[int, int, int, int]] = [
        (ld_abs, 0, 0, 4),  # seccomp_data.arch
        (jeq, 1, 0, _AUDIT_ARCH[machine]),
        (ret, 0, 0, refused),
        (ld_abs, 0, 0, 0),  # seccomp_data.nr
        (jge, refuse, 0, _X32_SYSCALL_BIT)]
    for number, conditions in _OWN_PROCESS_ONLY[machine].values():
        program.append((jeq, 0, 2 * len(conditions) + 1, number))  # not this call: past its checks and ret
        for argument, value in conditions:
            program += [(ld_abs, 0, 0, 16 + 8 * argument), (jeq, 0, refuse, value)]  # seccomp_data.args[i]
        program.append((ret, 0, 0, allowed))
    calls = _NO_USER_NAMESPACE[machine]
    program.append((jeq, 0, 1, calls["clone3"]))
    program.append((ret, 0, 0, 0x00050000 | ENOSYS))
    for number in (calls["clone"], calls["unshare"]):  # flags: the first argument of both
        program += [(jeq, 0, 3, number), (ld_abs, 0, 0, 16), (jset, refuse, 0, CLONE_NEWUSER), (ret, 0, 0, allowed)]
    for number in sorted(_REFUSED_CALLS[machine].values()):
        program.append((jeq, refuse, 0, number))
    program += [(ret, 0, 0, allowed), (ret, 0, 0, refused)]
    last = len(program) - 1
    code = b"".join(struct.pack("HBBI", op, last - i - 1 if jt == refuse else jt, last - i - 1 if jf == refuse else jf,
                                k) for i, (op, jt, jf, k) in enumerate(program))
    filters = ctypes.create_string_buffer(code, len(code))
    fprog = struct.pack("HxxxxxxP", len(program), ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS: what an unprivileged filter needs
        return False
    prog = ctypes.create_string_buffer(fprog, len(fprog))
    return libc.prctl(22, 2, prog, 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER


# ---------------------------------------------------------------- the zygote


PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
MAX_CONTROL_MESSAGE = 65536


def _prctl(option: int, value: int) -> None:
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


class Zygote:
    """Forks a fresh worker per problem on the grader's request; never runs student code itself.

    Requests come on ``control`` (a SOCK_SEQPACKET socket; only this process holds
    its end, and it is not dumpable, so a child of the same uid can neither attach
    to it nor reach its descriptors through /proc). Replies: ``ready`` once the
    preloaded modules are in, ``forked`` with the child's pid, ``exited`` with its
    status once reaped, ``swept`` after a sweep.
    """

    def __init__(self, control_fd: int, submission_dir: str, harness_root: str, own_pid_namespace: bool):
        import signal
        import socket

        self.control = socket.socket(fileno=control_fd)
        self.submission_dir = submission_dir
        self.harness_root = harness_root
        self.own_pid_namespace = own_pid_namespace
        self.children: set[int] = set()
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_write, False)
        signal.set_wakeup_fd(self.wake_write)
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)  # wakes the select below

    def send(self, message: dict) -> None:
        import json

        self.control.send(json.dumps(message).encode())

    def serve(self) -> None:
        import json
        import select
        import socket

        self.send({"op": "ready"})
        while True:
            waited: list[Any] = [self.control, self.wake_read]  # a socket and a pipe's fd
            ready, _, _ = select.select(waited, [], [])
            if self.wake_read in ready:
                os.read(self.wake_read, 4096)
            self.reap()
            if self.control not in ready:
                continue
            data, fds, _, _ = socket.recv_fds(self.control, MAX_CONTROL_MESSAGE, 8)
            if not data:
                return  # the grader is gone
            try:
                request = json.loads(data)
                op = request.get("op")
                if op == "fork" and len(fds) == 5:
                    self.send({"op": "forked", "pid": self.fork(request, fds)})
                elif op == "sweep":
                    self.send({"op": "swept", "left": self.sweep()})
                elif op == "exit":
                    return
            finally:
                for fd in fds:
                    _close_quietly(fd)

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.children:
                self.children.discard(pid)
                code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                self.send({"op": "exited", "pid": pid, "code": code})

    def fork(self, request: dict, fds: list[int]) -> int:
        request["zygote_tasks"] = _tasks_of_this_process()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            try:
                self.become_worker(request, fds)
            finally:
                os._exit(70)
        self.children.add(pid)
        return pid

    def become_worker(self, request: dict, fds: list[int]) -> None:
        import resource
        import signal

        request_fd, reply_fd, out_fd, err_fd, hello_fd = fds
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in (self.control.fileno(), self.wake_read, self.wake_write):
            _close_quietly(fd)
        os.setsid()  # its own session and process group: the grader kills the group
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.close(out_fd)
        os.close(err_fd)
        _prctl(PR_SET_DUMPABLE, 1)  # an ordinary process again (the zygote is not dumpable)
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # dies with the zygote
        limits = dict(request["limits"])
        if limits.get("own_processes") is not None:  # a uid of the sandbox's own: besides this child, only the
            limits["processes"] = int(request["zygote_tasks"]) + int(limits["own_processes"])  # zygote counts
        for name, key in (("RLIMIT_AS", "memory"), ("RLIMIT_CPU", "cpu"), ("RLIMIT_FSIZE", "file"),
                          ("RLIMIT_NOFILE", "open_files"), ("RLIMIT_CORE", "core"), ("RLIMIT_NPROC", "processes")):
            if limits.get(key) is not None:
                kind = getattr(resource, name)
                value, ceiling = int(limits[key]), resource.getrlimit(kind)[1]
                if ceiling != resource.RLIM_INFINITY:
                    value = min(value, ceiling)  # the zygote's own bound holds in any case
                resource.setrlimit(kind, (value, value))
        os.write(hello_fd, b"h")  # the kernel tells the grader this process's pid, as the grader sees it
        os.close(hello_fd)
        harness = str(request.get("harness") or "")
        harness_dir = os.path.join(self.harness_root, harness) if harness and "/" not in harness else ""
        os.chdir(self.submission_dir)
        Worker(request_fd, reply_fd, self.submission_dir, str(request["module"]), harness_dir).serve()
        os._exit(0)

    def sweep(self) -> int:
        """Kill every process of the sandbox but this one and its ancestors (bwrap): what a child left.

        Only in a PID namespace of the sandbox's own, where /proc lists nothing else.
        Returns how many processes could not be killed.
        """
        import signal
        import time

        if not self.own_pid_namespace:
            return 0
        spared = _ancestors()
        left = 0
        for _ in range(200):
            self.reap()
            victims = [pid for pid in _live_pids() if pid not in spared and pid not in self.children]
            victims += [pid for pid in self.children]  # a child still running when asked to sweep
            left = 0
            for pid in victims:
                try:
                    os.kill(pid, signal.SIGKILL)
                    left += 1
                except ProcessLookupError:
                    pass
                except PermissionError:  # not ours (bwrap's init): nothing a child could have started
                    pass
            if not left:  # what the private folders still hold after emptying: the grader starts a fresh sandbox
                return self.empty_private_folders()
            time.sleep(0.005)
        return left

    @staticmethod
    def empty_private_folders() -> int:
        """Empty the sandbox's own /tmp and /dev/shm: what one problem's code wrote there, the next never reads.

        Returns how many entries are left (a tree too deep to remove): the grader then replaces the sandbox.
        """
        import shutil
        import stat

        def writable_again(function, path, _):
            try:  # a folder the child made read-only: it is ours (same uid), so open it and retry
                os.chmod(os.path.dirname(path), stat.S_IRWXU)
                function(path)
            except OSError:
                pass

        for top in ("/tmp", "/dev/shm"):
            try:
                for name in os.listdir(top):
                    path = os.path.join(top, name)
                    if os.path.isdir(path) and not os.path.islink(path):
                        os.chmod(path, stat.S_IRWXU)
                        shutil.rmtree(path, onerror=writable_again)
                    else:
                        os.unlink(path)
            except Exception:  # noqa: BLE001  (a tree too deep or too odd stays: counted below)
                pass
        left = 0
        for top in ("/tmp", "/dev/shm"):
            try:
                left += len(os.listdir(top))
            except OSError:
                pass
        return left


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _tasks_of_this_process() -> int:
    try:
        with open("/proc/self/status") as status:
            return int(status.read().split("Threads:", 1)[1].split()[0])
    except (OSError, IndexError, ValueError):
        return 1


def _ancestors() -> set[int]:
    pid, found = os.getpid(), set()
    while pid > 1 and pid not in found:
        found.add(pid)
        try:
            with open(f"/proc/{pid}/stat") as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            break
    return found | {1}


def _live_pids() -> list[int]:
    """The processes /proc lists that are not zombies.

    A process whose first thread exited (``SYS_exit``) while others run shows as a zombie: it is
    live while its thread count (``num_threads``) is above the zombie's own 1.
    """
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            state, threads = fields[0], int(fields[17])
        except (OSError, IndexError, ValueError):
            continue
        if state != "Z" or threads > 1:
            pids.append(int(name))
    return pids


def zygote_main(argv: list[str]) -> None:
    control_fd, submission_dir, preload, harness_root, own_pid_namespace = (
        int(argv[2]), argv[3], argv[4], argv[5], argv[6] == "1")
    for name in filter(None, preload.split(",")):
        __import__(name)  # once for every problem; before the submission could shadow them
    refuse_system_calls()  # inherited by every child
    _prctl(PR_SET_DUMPABLE, 0)  # no child (same uid) may ptrace this process or open its /proc files
    os.chdir(submission_dir)
    Zygote(control_fd, os.path.abspath(submission_dir), harness_root, own_pid_namespace).serve()
    os._exit(0)


def main(argv: list[str]) -> None:
    if len(argv) > 1 and argv[1] == "--zygote":
        zygote_main(argv)
    request_fd, reply_fd, submission_dir, module_name = int(argv[1]), int(argv[2]), argv[3], argv[4]
    for name in filter(None, (argv[5] if len(argv) > 5 else "").split(",")):
        __import__(name)  # before the submission joins sys.path: its numpy.py cannot shadow these
    refuse_system_calls()
    harness_dir = argv[6] if len(argv) > 6 else ""
    os.chdir(submission_dir)
    Worker(request_fd, reply_fd, os.path.abspath(submission_dir), module_name, harness_dir).serve()
    os._exit(0)  # now: no atexit handler or lingering thread of the student's runs after the grader is done


if __name__ == "__main__":
    main(sys.argv)
