"""Hostile submissions earn nothing, leave nothing behind and never stop the grader.

Each case under ``hostile/`` attacks the grader in one way (see its docstring
and ``hostile/README.md``); each test below covers one category of attack and
grades its cases against ``image-entropy`` with short limits. Every case runs
with bubblewrap and without it (``GRADEKIT_NO_BWRAP``); the process categories
also run without cgroups (``GRADEKIT_NO_CGROUP``). A category the weaker
sandbox cannot defend is skipped there, with the reason, before anything runs.
"""

from __future__ import annotations

import builtins
import dataclasses
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from gradekit.grading import cgroups, sandbox
from gradekit.grading.runner import grade_submission

REPO = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent / "hostile"
SHORT = dict(call_seconds=2, wall_seconds=10, import_seconds=3)
GRADING_SECONDS = 30  # the wall budget, one call's timeout and the cleanup, with room for a loaded machine

WITHOUT_NAMESPACES = ("without bubblewrap the worker shares the grader's filesystem, network and "
                      "process table: nothing can hide them from student code (docs/security.md)")
WITHOUT_FILE_CONFINEMENT = ("neither bubblewrap nor Landlock (Linux 5.13 or later): the worker's uid may read and "
                            "write whatever the host lets it (docs/security.md)")
WITHOUT_SIGNAL_SCOPE = ("neither bubblewrap nor Landlock's signal scope (Linux 6.12 or later): the worker may "
                        "signal the grader where its uid may (docs/security.md)")
WITHOUT_PROCESS_BOUND = ("root without a writable pids cgroup: RLIMIT_NPROC does not bind root, so "
                         "nothing bounds a fork storm here (docs/security.md)")
WITHOUT_UID_DROP = ("the grader is root and, without bubblewrap, the worker's uid cannot reach this Python: "
                    "student code runs as root, as gradekit warns (docs/security.md)")
WITHOUT_REAPER = ("neither a cgroup nor a PID namespace: a process that calls setsid() leaves the "
                  "worker's process group and cannot be found to be killed (docs/security.md)")

MODES = {
    "bubblewrap": {},
    "no-bubblewrap": {"GRADEKIT_NO_BWRAP": "1"},
    "no-cgroup": {"GRADEKIT_NO_CGROUP": "1"},
}
USUAL_MODES = ("bubblewrap", "no-bubblewrap")

pytestmark = pytest.mark.filterwarnings("ignore:bubblewrap:RuntimeWarning")  # expected without it


@pytest.fixture(scope="module")
def problems():
    """The one problem every hostile case attacks (the suite needs no other problem to load)."""
    from gradekit.grading.problem import load_problem

    return {"image-entropy": load_problem(REPO / "problems" / "image-entropy")}


@pytest.fixture
def isolation(request, monkeypatch) -> sandbox.Isolation:
    """The sandbox of the mode named by the test's ``mode`` parameter."""
    mode = request.node.callspec.params["mode"]
    for name, value in MODES[mode].items():
        monkeypatch.setenv(name, value)
    found = sandbox.isolation()
    if mode != "no-bubblewrap" and not found.namespaces:
        pytest.skip("bubblewrap is not installed or refuses to start here")
    return found


def require(isolation: sandbox.Isolation, needs: str) -> None:
    if needs == "namespaces" and not isolation.namespaces:
        pytest.skip(WITHOUT_NAMESPACES)
    if needs == "files" and not (isolation.namespaces or isolation.files_confined):
        pytest.skip(WITHOUT_FILE_CONFINEMENT)
    if needs == "signals" and not (isolation.namespaces or isolation.signals_confined):
        pytest.skip(WITHOUT_SIGNAL_SCOPE)
    if needs == "process bound" and not isolation.process_bound:
        pytest.skip(WITHOUT_PROCESS_BOUND)
    if needs == "unprivileged" and isolation.as_root:
        pytest.skip(WITHOUT_UID_DROP)
    if needs == "reaper" and not (isolation.cgroup or isolation.namespaces):
        pytest.skip(WITHOUT_REAPER)


@dataclasses.dataclass
class Graded:
    folder: Path
    score: float
    messages: str  # every check's message, joined
    output: str  # what the submission printed
    seconds: float


def grade_hostile(case: str, tmp_path: Path, problems, *, target: dict | None = None,
                  **limits) -> Graded:
    """Grade ``hostile/<case>`` with short limits; check it earned nothing and left nothing behind."""
    graded, report = grade_case(case, tmp_path, problems, target=target, **limits)
    assert report.problems[0].score == 0 and report.score == 0, graded.messages
    return graded


def grade_case(case: str, tmp_path: Path, problems, *, target: dict | None = None, **limits):
    """Grade ``hostile/<case>`` with short limits; check it left nothing behind, whatever it scored."""
    folder = tmp_path / "class" / case
    shutil.copytree(HOSTILE / case, folder)
    for stored in folder.glob("*.hostile"):
        stored.rename(stored.with_suffix(""))
    marker = target["marker"] if target and "marker" in target else f"gkh{secrets.token_hex(6)}"
    (folder / "target.json").write_text(json.dumps({"marker": marker, **(target or {})}))
    problem = problems["image-entropy"]
    problem = dataclasses.replace(problem, limits=problem.limits.replace(**{**SHORT, **limits}))

    started = time.monotonic()
    report = grade_submission(folder, [problem])
    seconds = time.monotonic() - started

    result = report.problems[0]
    graded = Graded(folder, report.score, "\n".join(c.message for c in result.checks), result.output, seconds)
    assert seconds < GRADING_SECONDS
    assert survivors(marker) == [], "processes of the submission outlived its grading"
    assert leftovers() == [], "the grader left staging folders or cgroups behind"
    return graded, report


def survivors(marker: str) -> list[str]:
    """Live processes whose command line or name carries ``marker``.

    Zombies do not count: they run nothing and hold nothing but their pid,
    until init reaps them (the dead children of a killed worker are its).
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            name = (entry / "comm").read_text().strip()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and (marker.encode() in cmdline or name == marker):
            found.append(f"{entry.name}: {name} {cmdline[:200]!r}")
    return found


def leftovers() -> list[str]:
    """This process's staging folders and cgroups still on disk."""
    mine = f"{sandbox.STAGING_PREFIX}{os.getpid()}-"
    found = [str(p) for p in Path(tempfile.gettempdir()).glob(f"{mine}*")]
    for hierarchy in cgroups.usable():
        found += [str(p) for p in hierarchy.parent.glob(f"{cgroups.PREFIX}{os.getpid()}-*")]
    return found


# ---------------------------------------------------------------- CPU, time and control flow


@pytest.mark.parametrize("mode", USUAL_MODES)
@pytest.mark.parametrize(("case", "reason"), [
    ("loop-at-import", "did not answer within 3 s"),
    ("sleep-at-import", "did not answer within 3 s"),
    ("loop-in-call", "did not answer within 2 s"),
    ("sleep-in-call", "did not answer within 2 s"),
    ("deep-recursion", "SIGSEGV|RecursionError"),
    ("keyboard-interrupt", "raised KeyboardInterrupt"),
    ("system-exit", "raised SystemExit"),
])
def test_runaway_code_is_stopped_and_earns_nothing(case, reason, mode, isolation, tmp_path, problems):
    graded = grade_hostile(case, tmp_path, problems)
    assert any(alternative in graded.messages for alternative in reason.split("|")), graded.messages


# ---------------------------------------------------------------- memory, processes, output, replies


EXHAUSTION = [("memory-exhaustion", "did not answer within 2 s|was killed by SIGKILL"),
              ("fork-storm", "did not answer within 3 s"),
              ("stdout-flood", "printed more than 256 KB"), ("stderr-flood", "printed more than 256 KB"),
              ("huge-return", "too large to send back")]


@pytest.mark.parametrize(("case", "reason", "mode"), [
    *[(case, reason, mode) for case, reason in EXHAUSTION for mode in USUAL_MODES],
    ("fork-storm", "did not answer within 3 s", "no-cgroup"),  # only the process bound depends on cgroups
])
def test_resource_exhaustion_is_bounded_and_earns_nothing(case, reason, mode, isolation, tmp_path, problems):
    if case == "fork-storm":
        require(isolation, "process bound")
    limits = {"memory_mb": 1024} if case == "memory-exhaustion" else {}
    if case == "huge-return":  # building 16 MB of JSON on a loaded machine can outlast a 2 s call
        limits = {"call_seconds": 8, "wall_seconds": 20}
    graded = grade_hostile(case, tmp_path, problems, **limits)
    assert any(alternative in graded.messages for alternative in reason.split("|")), graded.messages
    if case == "memory-exhaustion":
        held = [int(megabytes) for megabytes in re.findall(r"held (\d+) MB", graded.output)]
        assert held and max(held) <= 1024  # each process was refused within its limit
    if case == "fork-storm":
        forked = int(graded.output.split("forked ")[1].split()[0])
        assert forked < sandbox.Limits().processes


def ipc_objects_on_the_host(keys: range, queue: str) -> list[str]:
    """System V IPC objects of ``keys`` and the POSIX message queue ``queue`` on the host, removed if found."""
    import ctypes

    found = []
    for kind, flag in (("shm", "-m"), ("msg", "-q"), ("sem", "-s")):
        try:
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            key, ident = (int(field) for field in line.split()[:2])
            if key in keys:
                found.append(f"{kind} {key}")
                subprocess.run(["ipcrm", flag, str(ident)], capture_output=True, check=False)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mq_unlink(queue.encode()) == 0:
        found.append(f"message queue {queue}")
    return found


@pytest.mark.parametrize("mode", list(MODES))
def test_memory_held_in_ipc_objects_is_refused_and_nothing_is_left_on_the_host(mode, isolation, tmp_path, problems):
    """System V shared memory escapes RLIMIT_AS, and IPC objects outlive their processes: both refused."""
    import platform

    if platform.machine() not in ("x86_64", "aarch64"):
        pytest.skip("the worker's seccomp filter knows the system calls of x86_64 and aarch64 only")
    marker = f"gkh{secrets.token_hex(6)}"
    key = int(marker[3:11], 16) & 0x7FFFFFFF
    try:
        graded = grade_hostile("ipc-memory", tmp_path, problems, target={"marker": marker, "segments": 20},
                               memory_mb=1024)
    finally:
        left = ipc_objects_on_the_host(range(key, key + 20), "/" + marker)
    assert left == []
    assert "is wrong: got -1.0" in graded.messages
    for call in ("msgget", "semget", "mq_open", "io_uring_setup", "shmget", "memfd_create"):
        assert f"{call}: refused" in graded.output, graded.output
    assert "held" not in graded.output, graded.output


# ---------------------------------------------------------------- network


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_the_network_is_unreachable(mode, isolation, tmp_path, problems):
    require(isolation, "namespaces")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    connections: list[bytes] = []
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                connections.append(connection.recv(100))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        graded = grade_hostile("network", tmp_path, problems, target={"port": listener.getsockname()[1]})
    finally:
        done.set()
        thread.join()
        listener.close()
    assert connections == []
    assert "LEAKED" not in graded.output


# ---------------------------------------------------------------- the grader's files and environment


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_hidden_checks_references_gradekit_classmates_and_environment_are_invisible(
        mode, isolation, tmp_path, problems, monkeypatch):
    require(isolation, "files")
    classmate = tmp_path / "class" / "classmate"
    classmate.mkdir(parents=True)
    (classmate / "secret.txt").write_text("a classmate's work\n")
    env_name = f"GRADEKIT_HOSTILE_SECRET_{secrets.token_hex(4).upper()}"
    monkeypatch.setenv(env_name, "the grader's secret")
    paths = {
        "reference": str(REPO / "references" / "image_entropy.py"),
        "hidden checks": str(REPO / "problems" / "image-entropy" / "hidden_checks.py"),
        "gradekit": str(REPO / "gradekit" / "grading" / "runner.py"),
        "classmate": str(classmate / "secret.txt"),
    }
    graded = grade_hostile("read-secrets", tmp_path, problems, target={"paths": paths, "env_name": env_name})
    assert "nothing found" in graded.output, graded.output


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_no_terminal_of_the_graders_user_is_typed_into_or_written_to(mode, isolation, tmp_path, problems):
    """TIOCSTI and raw writes to a pseudo-terminal of the grader's user (legacy_tiocsti, where the kernel
    still has it): with bubblewrap no host terminal is in the sandbox, without it Landlock refuses to open one."""
    require(isolation, "files")
    marker = f"gkh{secrets.token_hex(6)}"
    master, slave = os.openpty()
    try:
        graded = grade_hostile("terminal-injection", tmp_path, problems,
                               target={"marker": marker, "ttys": [os.ttyname(slave)]})
        seen = b""
        for fd in (master, slave):  # what was written on it, and what was typed into it
            os.set_blocking(fd, False)
            try:
                seen += os.read(fd, 65536)
            except (BlockingIOError, OSError):
                pass
    finally:
        os.close(master)
        os.close(slave)
    assert marker.encode() not in seen, seen
    assert "no terminal reached" in graded.output, graded.output


# ---------------------------------------------------------------- writing outside the sandbox


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_writes_outside_the_sandbox_never_reach_the_host(mode, isolation, tmp_path, problems):
    require(isolation, "files")
    name = f"gkh-written-{secrets.token_hex(4)}"
    original = tmp_path / "class" / "write-outside"
    host_tmp = Path(tempfile.gettempdir())
    target = {"file_name": name, "directories": [str(host_tmp), str(REPO), str(original)]}
    graded = grade_hostile("write-outside", tmp_path, problems, target=target)
    landed = [p for p in (host_tmp / name, REPO / name, original / name, Path(sys.prefix) / name,
                          Path("/dev/shm") / name, Path.home() / name) if p.exists()]
    for path in landed:
        path.unlink()
    assert landed == []
    assert sorted(p.name for p in graded.folder.iterdir()) == ["image_entropy.py", "target.json"]


# ---------------------------------------------------------------- forged results


@pytest.mark.parametrize("mode", USUAL_MODES)
@pytest.mark.parametrize(("case", "reason"), [
    ("forge-printed-report", "is wrong: got -1.0"),  # the exam image's first pixel is 0
    ("forge-reply-frames", "a forged reply"),
    ("early-exit", "exited with status 0 before answering"),
    ("lying-objects", "an object of type"),
    ("pickle-payload", "are not accepted"),
])
def test_forged_results_earn_nothing(case, reason, mode, isolation, tmp_path, problems):
    graded = grade_hostile(case, tmp_path, problems)
    assert reason in graded.messages
    assert not hasattr(builtins, "GRADEKIT_PWNED"), "decoding a reply ran the submission's code"
    if case == "forge-printed-report" and mode == "bubblewrap":
        # the printed reports reach neither the command's JSON report on stdout nor its score
        command = [sys.executable, "-m", "gradekit.cli", "grade", str(graded.folder), "--format", "json",
                   "--problems-dir", str(short_problems_dir(tmp_path, problems["image-entropy"]))]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["score"] == 0


def short_problems_dir(tmp_path: Path, problem) -> Path:
    """A problems folder holding a copy of ``problem`` whose problem.toml has the short limits."""
    target = tmp_path / "problems" / problem.id
    shutil.copytree(problem.folder, target, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    config = (target / "problem.toml").read_text().split("[limits]")[0]
    limits = "".join(f"{name} = {value}\n" for name, value in SHORT.items())
    (target / "problem.toml").write_text(f"{config}[limits]\n{limits}")
    return target.parent


# ---------------------------------------------------------------- monkeypatching and shadowing


@pytest.mark.parametrize("mode", USUAL_MODES)
@pytest.mark.parametrize("case", ["patch-comparisons", "shadow-modules", "site-customize", "conftest-hooks"])
def test_patched_comparisons_and_shadowing_modules_earn_nothing(case, mode, isolation, tmp_path, problems):
    import numpy

    # patch-comparisons imports torch (image-entropy's memory_mb lets it): 2 to 5 s on a loaded machine
    limits = {"import_seconds": 15, "wall_seconds": 25} if case == "patch-comparisons" else {}
    graded = grade_hostile(case, tmp_path, problems, **limits)
    assert "is wrong: got -1.0" in graded.messages
    for mark in ("GRADEKIT_SITECUSTOMIZE_RAN", "GRADEKIT_USERCUSTOMIZE_RAN", "GRADEKIT_CONFTEST_RAN"):
        assert not hasattr(builtins, mark)
    assert not numpy.allclose(1.0, -1.0)


# ---------------------------------------------------------------- processes


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_signals_to_the_grader_are_harmless(mode, isolation, tmp_path, problems):
    require(isolation, "signals")
    grade_hostile("signal-grader", tmp_path, problems, target={"grader_pid": os.getpid()})
    state = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()[0]
    assert state in "RS"  # running, not stopped


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_the_graders_resource_limits_are_out_of_reach(mode, isolation, tmp_path, problems):
    """prlimit, setpriority, sched_set* need only the same uid (an ordinary user's worker without bubblewrap):
    refused but on the worker itself."""
    import resource

    require(isolation, "unprivileged")
    def state():
        return (resource.getrlimit(resource.RLIMIT_NOFILE), os.getpriority(os.PRIO_PROCESS, 0),
                os.sched_getscheduler(0), os.sched_getaffinity(0))

    before = state()
    graded = grade_hostile("limit-the-grader", tmp_path, problems, target={"grader_pid": os.getpid()})
    assert state() == before
    assert "lowered no other process's limits" in graded.output, graded.output


@pytest.mark.parametrize("mode", list(MODES))
def test_no_process_outlives_grading(mode, isolation, tmp_path, problems):
    require(isolation, "reaper")
    graded = grade_hostile("outlive-grading", tmp_path, problems)
    assert "is wrong: got -1.0" in graded.messages


@pytest.mark.parametrize("mode", ["bubblewrap", "no-cgroup"])
def test_nothing_one_problem_leaves_reaches_the_next_problem_of_the_warm_sandbox(mode, isolation, tmp_path,
                                                                                 problems):
    """The zygote's sweep between problems: a process with a zombie first thread, a folder too deep to recurse."""
    require(isolation, "namespaces")
    folder = tmp_path / "class" / "persist-between-problems"
    shutil.copytree(HOSTILE / "persist-between-problems", folder)
    marker = f"gkh{secrets.token_hex(6)}"
    (folder / "target.json").write_text(json.dumps({"marker": marker}))
    first = problems["image-entropy"]
    first = dataclasses.replace(first, limits=first.limits.replace(**SHORT))
    second = dataclasses.replace(first, id="image-entropy-again")
    report = grade_submission(folder, [first, second], jobs=1)  # one grading process: one warm sandbox
    outputs = [result.output for result in report.problems]
    assert report.score == 0
    assert "planted" in outputs[0] and "found: nothing" in outputs[0], outputs[0]
    assert "found: nothing" in outputs[1], [outputs[1], [c.message for c in report.problems[1].checks][:2]]
    assert survivors(marker) == []
    assert leftovers() == []


# ---------------------------------------------------------------- the host's kernel (issue 14 §1)

# What host-privileges/ opens for writing (and closes at once, never writing): each must refuse.
# A folder stands for every file under it.
HOST_SWITCHES = ["/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sys/kernel/pid_max",
                 "/proc/sys/vm/drop_caches", "/proc/sys/kernel/sysrq", "/proc/sys/user/max_user_namespaces",
                 "/proc/sysrq-trigger", "/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug",
                 "/proc/kmsg", "/dev/mem", "/dev/kmem", "/dev/port",
                 "/proc/sys", "/proc/irq", "/proc/bus", "/proc/fs", "/proc/acpi", "/proc/pressure", "/proc/driver",
                 "/sys"]
_host_probes: dict[str, Graded] = {}


def host_probe(mode: str, tmp_path: Path, problems) -> Graded:
    """host-privileges/ graded once per mode: every path's test reads the same run."""
    if mode not in _host_probes:
        _host_probes[mode] = grade_hostile("host-privileges", tmp_path, problems)
    return _host_probes[mode]


def probe_line(graded: Graded, path: str) -> str:
    lines = [line for line in graded.output.splitlines() if line.partition(" ")[2].startswith(path + ":")]
    assert len(lines) == 1, graded.output
    return lines[0]


@pytest.mark.parametrize("mode", USUAL_MODES)
@pytest.mark.parametrize("path", HOST_SWITCHES)
def test_nothing_that_configures_the_host_opens_for_writing(path, mode, isolation, tmp_path, problems):
    require(isolation, "unprivileged")
    line = probe_line(host_probe(mode, tmp_path, problems), path)
    assert not line.startswith("OPENED"), line


@pytest.mark.parametrize("mode", ["bubblewrap"])
@pytest.mark.parametrize("path", ["/proc/sys/kernel/ns_last_pid", "/proc/pressure/cpu", "/proc/pressure/io",
                                  "/proc/pressure/memory"])
def test_files_open_to_every_user_are_read_only_in_the_sandbox(path, mode, isolation, tmp_path, problems):
    """Writable by anyone on the host, harmlessly (docs/security.md): the sandbox still closes them."""
    graded = host_probe(mode, tmp_path, problems)
    lines = [line for line in graded.output.splitlines() if line.partition(" ")[2].startswith(path + ":")]
    assert lines == [] or not lines[0].startswith("OPENED"), lines


@pytest.mark.parametrize("mode", USUAL_MODES)
def test_student_code_runs_without_root_or_capabilities(mode, isolation, tmp_path, problems):
    require(isolation, "unprivileged")
    graded = host_probe(mode, tmp_path, problems)
    identity = dict(zip(*[iter(graded.output.splitlines()[-1].split())] * 2))
    assert identity["uid"] != "0" and identity["euid"] != "0", identity
    assert int(identity["caps"], 16) == 0, identity
    if os.getuid() == 0:
        assert int(identity["bounding"], 16) == 0, identity
    if isolation.user_namespaces_blocked:
        assert identity["userns"] == "refused", identity


@pytest.mark.parametrize("mode", ["bubblewrap"])
def test_the_trap_is_live_a_submission_that_opens_something_scores(mode, isolation, tmp_path, problems):
    """host-privileges/ answers right when an open succeeds: given a path it may open, it scores."""
    graded, report = grade_case("host-privileges", tmp_path, problems, target={"also": ["/tmp/gkh-writable"]})
    assert "OPENED /tmp/gkh-writable" in graded.output
    assert report.score == report.max_score > 0, graded.messages


def test_proc_stays_read_only_even_for_a_root_that_kept_its_uid(tmp_path):
    """The /proc masks hold by themselves: a sandbox left as root (no drop) still cannot open them."""
    bwrap = sandbox.bubblewrap_path()
    if os.getuid() != 0 or not bwrap or not sandbox.bubblewrap_works(bwrap):
        pytest.skip("needs root and a working bubblewrap")
    probe = ("import os\n"
             "for p in ['/proc/sys/kernel/core_pattern', '/proc/sys/vm/drop_caches', '/proc/sys/kernel/pid_max',\n"
             "          '/proc/sysrq-trigger', '/proc/keys', '/proc/timer_list', '/proc/pressure/cpu']:\n"
             "    try:\n"
             "        os.close(os.open(p, os.O_WRONLY)); print('OPENED', p)\n"
             "    except OSError as e:\n"
             "        print('refused', p, e.strerror)\n")
    command = [bwrap, *sandbox._ROOT_NAMESPACES, "--die-with-parent", "--cap-drop", "ALL",
               *sandbox._mounts([]), sys.executable, "-I", "-c", probe]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd="/")
    assert done.returncode == 0, done.stderr
    assert "refused /proc/sys/kernel/core_pattern" in done.stdout
    assert "OPENED" not in done.stdout, done.stdout


# ---------------------------------------------------------------- folders and replies that crashed the grader (§2)


def _notebook(*cells: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": cell} for cell in cells], "nbformat": 4})


SHAPES = {  # what each adds to crash-the-grader/, and what the report must then say
    "symlink loop": (lambda f: [(f / "loop").symlink_to("loop"), (f / "a").symlink_to("b"),
                                (f / "b").symlink_to("a")], "'loop' was left out: it is a symbolic link that is broken or loops"),
    "1,500 nested folders": (None, "more than 32 folders deep"),  # made by the deep_folders fixture
    "notebook nesting 200,000 levels": (
        lambda f: [(f / "image_entropy.py").unlink(), (f / "deep.ipynb").write_text("[" * 200_000 + "]" * 200_000)],
        "'deep.ipynb' could not be read: its JSON nests too deeply"),
    "a 3,000-term expression": (
        lambda f: [(f / "image_entropy.py").unlink(),
                   (f / "hw.ipynb").write_text(_notebook("x = " + " + ".join(["1"] * 3000),
                                                         "def image_entropy(image):\n    return -1.0\n"))],
        "is wrong: got -1.0"),
    "links into .git": (
        lambda f: [(f / ".git").mkdir(), (f / ".git" / "pack").write_bytes(b"x" * 2**20),
                   *[(f / f"data{n}.bin").symlink_to(f / ".git" / "pack") for n in range(5)]],
        "'data0.bin' was left out: it is a symbolic link into '.git'"),
    "more files than the cap": (
        lambda f: [(f / "many").mkdir(), *[(f / "many" / str(n)).touch() for n in range(10_001)]],
        "more than 10000 files and folders"),
}


@pytest.mark.parametrize("mode", ["bubblewrap"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_folders_shaped_to_crash_the_grader_become_notes_or_errors(shape, mode, isolation, tmp_path, problems,
                                                                    deep_folders):
    build, says = SHAPES[shape]
    folder = tmp_path / "class" / "crash-the-grader"
    shutil.copytree(HOSTILE / "crash-the-grader", folder)
    if shape == "1,500 nested folders":
        deep_folders(folder, 1500)
    else:
        build(folder)
    report = grade_submission(folder, [problems["image-entropy"]])
    said = "\n".join([*report.warnings, *(c.message for c in report.problems[0].checks)])
    assert says in said, said
    assert report.score == 0
    assert leftovers() == []


@pytest.mark.parametrize("mode", USUAL_MODES)
@pytest.mark.parametrize("when", ["import", "call"])
@pytest.mark.parametrize("shape", ["list", "number", "string", "null", "fields", "nested", "huge"])
def test_malformed_error_reports_of_the_worker_fail_the_problem_cleanly(shape, when, mode, isolation, tmp_path,
                                                                        problems):
    graded = grade_hostile("malformed-error-reply", tmp_path, problems, target={"shape": shape, "when": when})
    if shape in ("list", "number", "string"):
        assert "the worker's report of an error was malformed" in graded.messages
    assert len(graded.messages) < 20_000  # a 10 MB message is cut before it reaches a report
