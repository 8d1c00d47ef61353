"""The worker's reports of what student code raised: a check asking for a builtin gets the builtin."""

from __future__ import annotations

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
