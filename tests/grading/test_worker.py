"""The worker's reports of what student code raised: a check asking for a builtin gets the builtin."""

from __future__ import annotations

import os

import numpy as np
import pytest

from gradekit.grading import sandbox
from gradekit.grading.student import StudentRaised

MODULE = '''
import builtins


class ValueError(Exception):
    """Not the builtin: a check asking for a ValueError must not accept it."""


def fake(x):
    raise ValueError("looks like one")


def real(x):
    raise builtins.ValueError("is one")
'''


@pytest.fixture
def worker(tmp_path):
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "raising.py").write_text(MODULE)
    process = sandbox.WorkerProcess(submission_dir=tmp_path / "submission", module="raising",
                                    worker_dir=sandbox.stage_worker(tmp_path / "worker"),
                                    limits=sandbox.Limits(), preload=("numpy",))
    assert process.request({"op": "import"}, None, 30)[0]["ok"]
    yield process
    process.close()


def raised(worker, name: str) -> StudentRaised:
    header, _ = worker.request({"op": "call", "name": name}, {"args": [np.zeros(1)], "kwargs": {}}, 10)
    assert not header["ok"]
    return StudentRaised(name, header["error"])


def test_a_students_own_class_named_valueerror_is_not_a_valueerror(worker):
    fake = raised(worker, "fake")
    assert fake.type == "ValueError" and not fake.is_a("ValueError")
    assert fake.is_a("Exception")


def test_a_real_valueerror_is_one(worker):
    assert raised(worker, "real").is_a("ValueError")


GRADIENT_MODULE = '''
import torch


def squared(x):
    return x * x


def detached(x):
    return (x * x).detach()


def number(x):
    return float((x * x).sum())
'''


@pytest.fixture
def torch_worker(tmp_path):
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "grads.py").write_text(GRADIENT_MODULE)
    process = sandbox.WorkerProcess(submission_dir=tmp_path / "submission", module="grads",
                                    worker_dir=sandbox.stage_worker(tmp_path / "worker"),
                                    limits=sandbox.Limits(memory_mb=6144), preload=("numpy", "torch"))  # torch maps ~3 GB
    assert process.request({"op": "import"}, None, 60)[0]["ok"]
    yield process
    process.close()


def backward(worker, name: str):
    from gradekit.grading.student import tensor

    x = tensor(np.array([1.0, 2.0]), requires_grad=True)
    request = {"args": [x], "kwargs": {}, "vjp": {"wrt": [0], "cotangent": tensor(np.ones(2))}}
    return worker.request({"op": "call", "name": name}, request, 30)


def test_gradients_come_back_through_a_tensor_output(torch_worker):
    header, (output, (grad,)) = backward(torch_worker, "squared")
    assert header["ok"]
    assert np.allclose(grad.array, [2.0, 4.0])


@pytest.mark.parametrize("name, says", [("detached", "cut off from its inputs' gradients"),
                                         ("number", "must return a torch tensor; it returned float")])
def test_an_output_no_gradient_can_flow_through_is_explained(torch_worker, name, says):
    header, _ = backward(torch_worker, name)
    assert not header["ok"]
    error = StudentRaised(name, header["error"])
    assert error.is_a("TypeError")
    assert all(part in error.error_message for part in says.split("; "))


IDENTITY_MODULE = '''
import os


def identity(x):
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    return [os.getuid(), os.getgid(), len(os.getgroups()), int(status["CapEff"], 16), int(status["CapBnd"], 16),
            int(status["NoNewPrivs"])]
'''


@pytest.mark.parametrize("setpriv", ["setpriv", "python fallback"])
def test_a_root_graders_worker_runs_as_its_own_unprivileged_uid(tmp_path, monkeypatch, setpriv):
    """issue 14 §1: with setpriv, or without it (the drop done by python -I -S), never uid 0."""
    from gradekit.grading import privileges

    bwrap = sandbox.bubblewrap_path()
    if os.getuid() != 0 or not bwrap:
        pytest.skip("a root grader with bubblewrap")
    if setpriv != "setpriv":
        monkeypatch.setattr(privileges, "setpriv_path", lambda: None)
    monkeypatch.setattr(sandbox, "_PROBED", {})
    if not sandbox.bubblewrap_works(bwrap):
        pytest.skip("bubblewrap refuses to start here")
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "who.py").write_text(IDENTITY_MODULE)
    process = sandbox.WorkerProcess(submission_dir=tmp_path / "submission", module="who",
                                    worker_dir=sandbox.stage_worker(tmp_path / "worker"), limits=sandbox.Limits())
    try:
        assert process.request({"op": "import"}, None, 30)[0]["ok"]
        header, (uid, gid, groups, caps, bounding, no_new_privs) = process.request(
            {"op": "call", "name": "identity"}, {"args": [0], "kwargs": {}}, 10)
    finally:
        process.close()
    assert uid == gid == process.uid >= privileges.WORKER_UID_BASE
    assert (groups, caps, bounding, no_new_privs) == (0, 0, 0, 1)


# ---------------------------------------------------------------- the warm sandbox: a forked worker per problem

FIRST_PROBLEM = '''
import os, sys
import numpy


def leave_traces():
    numpy.GRADEKIT_LEFT_BY_THE_FIRST_PROBLEM = True
    sys.modules["left_behind"] = sys
    with open("/tmp/left-behind", "w") as note:
        note.write("the first problem was here")
    return os.getpid()


def kill_the_zygote():
    import signal, time
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(20)  # this worker dies with its zygote before it could answer
    return 1
'''

SECOND_PROBLEM = '''
import os, resource, sys
import numpy


def traces():
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    try:
        open(f"/proc/{os.getppid()}/environ").close()
        zygote_open = True
    except OSError:
        zygote_open = False
    return {"numpy_patched": hasattr(numpy, "GRADEKIT_LEFT_BY_THE_FIRST_PROBLEM"),
            "first_module_loaded": "first" in sys.modules or "left_behind" in sys.modules,
            "tmp_file": os.path.exists("/tmp/left-behind"),
            "zygote_environ_readable": zygote_open,
            "memory": resource.getrlimit(resource.RLIMIT_AS)[0], "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
            "files": resource.getrlimit(resource.RLIMIT_NOFILE)[0], "uid": os.getuid(),
            "caps": int(status["CapEff"], 16), "no_new_privs": int(status["NoNewPrivs"]),
            "cgroup": open("/proc/self/cgroup").read(), "pid": os.getpid()}
'''


@pytest.fixture
def two_problems(tmp_path):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "first.py").write_text(FIRST_PROBLEM)
    (submission / "second.py").write_text(SECOND_PROBLEM)
    return submission, sandbox.stage_worker(tmp_path / "worker")


def forked(zygote, module: str, limits: sandbox.Limits):
    import time

    worker = zygote.fork(module=module, harness="", limits=limits, deadline=time.monotonic() + 60)
    header, _ = worker.request({"op": "import"}, None, 30)
    assert header["ok"], header
    return worker


def call(worker, name: str):
    header, value = worker.request({"op": "call", "name": name}, {"args": [], "kwargs": {}}, 30)
    assert header["ok"], header
    return value


def test_a_forked_worker_has_its_problems_limits_and_nothing_of_the_problem_before(two_problems):
    from gradekit.grading import cgroups, privileges
    from gradekit.grading.zygote import Zygote

    submission, worker_dir = two_problems
    first_limits = sandbox.Limits(memory_mb=1536)
    second_limits = sandbox.Limits(memory_mb=1024, cpu_seconds=7, open_files=100)
    zygote = Zygote(submission_dir=submission, worker_dir=worker_dir, harness_root=None, preload=("numpy",),
                    limits=sandbox.Limits(memory_mb=2048))
    try:
        first = forked(zygote, "first", first_limits)
        first_pid = call(first, "leave_traces")
        first.close()
        second = forked(zygote, "second", second_limits)
        seen = call(second, "traces")
        group = second.cgroup
        second.close()
    finally:
        zygote.close()
    assert not seen["numpy_patched"] and not seen["first_module_loaded"]
    assert not seen["tmp_file"] or not zygote.isolated  # emptied between problems (the sandbox's own /tmp)
    assert seen["pid"] != first_pid
    assert not seen["zygote_environ_readable"]  # the zygote is not dumpable: its /proc files are closed
    assert (seen["memory"], seen["cpu"], seen["files"]) == (1024 * 2**20, 7, 100)
    if privileges.grader_is_root() and not sandbox.isolation().as_root:
        assert seen["uid"] >= privileges.WORKER_UID_BASE and seen["caps"] == 0 and seen["no_new_privs"] == 1
    if cgroups.version() is not None:
        assert group is not None and all(d.name in seen["cgroup"] for d in group.directories)


def test_a_worker_that_kills_its_zygote_costs_only_its_own_problem(two_problems):
    import time

    from gradekit.grading.problem import Problem
    from gradekit.grading.workers import WarmWorkers

    submission, worker_dir = two_problems
    problems = [Problem(id=name, title=name, points=1, module=name, names=(name,), folder=submission)
                for name in ("first", "second")]
    source = WarmWorkers(submission, worker_dir, None, problems)
    try:
        worker = source.start(problems[0], time.monotonic() + 60)
        assert worker.request({"op": "import"}, None, 30)[0]["ok"]
        with pytest.raises(sandbox.WorkerLost):
            worker.request({"op": "call", "name": "kill_the_zygote"}, {"args": [], "kwargs": {}}, 30)
        worker.close()
        replacement = source.start(problems[1], time.monotonic() + 60)  # a fresh sandbox, transparently
        assert replacement.request({"op": "import"}, None, 30)[0]["ok"]
        assert call(replacement, "traces")["numpy_patched"] is False
        replacement.close()
    finally:
        source.close()


def test_the_graded_courses_problems_and_references_are_blanked_when_inside_the_python():
    """A course folder may sit under a directory the sandbox binds (the Python's prefix): it is hidden too."""
    import secrets
    import shutil
    import sys
    from pathlib import Path

    from gradekit.grading.problem import Problem
    from gradekit.grading.workers import course_folders

    if not os.access(sys.prefix, os.W_OK):
        pytest.skip("the Python's prefix is not writable by this user (the run as an ordinary user)")
    course = Path(sys.prefix) / f"gkt-course-{secrets.token_hex(4)}"
    try:
        (course / "problems" / "p").mkdir(parents=True)
        (course / "references").mkdir()
        problem = Problem(id="p", title="p", points=1, module="p", names=("p",), folder=course / "problems" / "p")
        hidden = course_folders([problem])
        assert hidden == (course / "problems", course / "references")
        overlays = sandbox._hidden_overlays(hidden)
        for folder in hidden:
            assert ["--tmpfs", str(folder)] == overlays[overlays.index(str(folder)) - 1:overlays.index(str(folder)) + 1]
        assert sandbox._hidden_overlays((Path("/nonexistent-course/problems"),)) == sandbox._hidden_overlays()
    finally:
        shutil.rmtree(course, ignore_errors=True)
