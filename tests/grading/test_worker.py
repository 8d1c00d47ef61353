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
