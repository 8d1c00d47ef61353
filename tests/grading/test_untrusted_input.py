"""Fuzzing the trusted side with what a student controls: it always ends in a report (issue 14 §2).

Random and truncated notebooks, random folder shapes (files, folders, links
anywhere, pipes) and random reply frames are fed to the grader's side; the
only outcomes allowed are a report (for folders and notebooks) or a
``WireError`` (for frames, which the sandbox turns into a failed check).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradekit.grading import wire
from gradekit.grading.runner import grade_submission, run_check
from gradekit.grading.student import Student, StudentRaised

SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
pytestmark = pytest.mark.filterwarnings("ignore:bubblewrap:RuntimeWarning")


@pytest.fixture(scope="module")
def image_entropy(repo):
    from gradekit.grading.problem import load_problem

    return load_problem(repo / "problems" / "image-entropy")


def assert_a_report(folder: Path, problem) -> None:
    report = grade_submission(folder, [problem])
    [result] = report.problems
    assert result.status in ("graded", "missing", "error", "timeout")
    assert len(result.checks) == len(problem.all_checks()) and all(c.message for c in result.checks)


# ---------------------------------------------------------------- notebooks

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4),
                           max_leaves=20)
cells = st.fixed_dictionaries({"cell_type": st.sampled_from(["code", "markdown", 3]),
                               "source": st.one_of(st.text(max_size=200), st.lists(st.text(max_size=40), max_size=5),
                                                   json_values)})
notebooks = st.one_of(
    st.fixed_dictionaries({"cells": st.lists(cells, max_size=5), "nbformat": st.just(4)}).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=300),
)


@SLOW
@given(text=notebooks, cut=st.one_of(st.none(), st.integers(0, 400)), raw=st.binary(max_size=40))
def test_any_notebook_whole_truncated_or_garbled_ends_in_a_report(tmp_path_factory, image_entropy, text, cut, raw):
    folder = tmp_path_factory.mktemp("notebook")
    data = text.encode("utf-8", "surrogatepass")[:cut] + (raw if cut is not None else b"")
    (folder / "homework.ipynb").write_bytes(data)
    assert_a_report(folder, image_entropy)


# ---------------------------------------------------------------- folder shapes

names = st.sampled_from(["a", "b", "c.py", "image_entropy.py", ".git", "env", "d.ipynb", "\x1b[2J", "é"])
entries = st.lists(st.tuples(st.lists(names, min_size=1, max_size=4),
                             st.sampled_from(["file", "folder", "link", "pipe", "venv marker"]),
                             st.sampled_from(["a", "../a", "/etc/passwd", "b/c.py", ".", "..", "missing",
                                              "image_entropy.py", "/"])),
                   max_size=12)


@SLOW
@given(shape=entries)
def test_any_folder_shape_ends_in_a_report(tmp_path_factory, image_entropy, shape):
    folder = tmp_path_factory.mktemp("shape")
    for parts, kind, target in shape:
        path = folder.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_text("def image_entropy(image):\n    return -1.0\n")
            elif kind == "folder":
                path.mkdir()
            elif kind == "link":
                path.symlink_to(target)
            elif kind == "pipe":
                os.mkfifo(path)
            else:
                (path / "pyvenv.cfg").write_text("")
        except OSError:  # a name already taken by another kind: the shape is what could be built
            pass
    assert_a_report(folder, image_entropy)


# ---------------------------------------------------------------- reply frames


def reader(data: bytes):
    """``read(size)`` over ``data``: exactly ``size`` bytes, or EOFError (the worker closed the pipe)."""
    position = 0

    def read(size: int) -> bytes:
        nonlocal position
        if position + size > len(data):
            raise EOFError("the worker closed its channel")
        position += size
        return data[position - size:position]
    return read


def frame(header: dict, body: bytes = b"") -> bytes:
    head = json.dumps(header).encode()
    return struct.pack(">I", len(head)) + head + body


valid = [wire.encode_frame({"ok": True, "id": "r1"}, value) for value in
         (1.5, np.arange(6.0).reshape(2, 3), [np.float32(2), {"k": (1, "s")}], wire.WireTensor(np.ones(3), "float32"))]
headers = st.dictionaries(st.sampled_from(["ok", "id", "value", "blobs", "error", "names"]), json_values, max_size=5)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=200),
                      st.tuples(st.sampled_from(valid), st.integers(0, 400)).map(lambda v: v[0][:v[1]]),
                      st.tuples(st.sampled_from(valid), st.integers(0, 400), st.binary(min_size=1, max_size=4)).map(
                          lambda v: v[0][:v[1]] + v[2] + v[0][v[1] + len(v[2]):]),
                      st.builds(frame, headers, st.binary(max_size=64))))
def test_any_reply_frame_decodes_or_is_a_wire_error(data):
    try:
        header, value = wire.read_reply(reader(data), 2**20, "r1")
    except (wire.WireError, EOFError) as error:
        if isinstance(error, wire.WireError):
            assert error.student_message()
        return
    assert isinstance(header, dict) and header.get("id") == "r1"
    StudentRaised("f", header.get("error"))  # whatever the error field holds, it is read without raising


class Replying:
    """A channel that answers every call with one forged reply."""

    def __init__(self, header: dict, value):
        self.reply = (header, value)

    def request(self, header: dict, value):
        return self.reply


FORGED_REPLIES = [({"ok": False, "error": error}, None) for error in
                  ([1], "text", 3, None, {"type": 5, "types": "x", "message": [1], "traceback": {}},
                   {"types": ["ValueError"] * 10_000, "message": "m" * 100_000})] + \
                 [({"ok": ok}, value) for ok, value in
                  (("yes", 3.0), (1, 3.0), (True, wire.Opaque("evil.Float")), (True, [[[]]]), (True, {"v": 1}),
                   (True, float("nan")), (True, 10**30), (True, np.zeros((0, 3))), (True, "3.0"),
                   (True, wire.WireTensor(np.ones(2), "float32")))]


@pytest.mark.parametrize("reply", FORGED_REPLIES, ids=[str(i) for i in range(len(FORGED_REPLIES))])
def test_every_check_turns_any_forged_reply_into_a_result(image_entropy, reply):
    student = Student(Replying(*reply), image_entropy.names)
    for spec in image_entropy.all_checks():
        result = run_check(spec, student)
        assert result.score == 0, result.message
        assert "internal error" not in result.message, result.message
        assert len(result.message) < 20_000


def test_a_grader_failure_on_one_problem_fails_that_problem_only(tmp_path, image_entropy, repo, monkeypatch):
    """Whatever a submission triggers in the grader, that problem gets a result and the rest are graded."""
    from gradekit.grading import runner
    from gradekit.grading.problem import load_problem

    (tmp_path / "image_entropy.py").write_text("def image_entropy(image):\n    return -1.0\n")
    maxout = load_problem(repo / "problems" / "maxout")
    real = runner.ProblemSession.start

    def start(session):
        if session.problem.id == "image-entropy":
            raise RuntimeError("a bug of the grader")
        return real(session)

    monkeypatch.setattr(runner.ProblemSession, "start", start)
    report = grade_submission(tmp_path, [image_entropy, maxout])
    broken, other = report.problems
    assert broken.status == "error"
    assert "the grader failed on this problem (RuntimeError: a bug of the grader)" in broken.checks[0].message
    assert other.status == "missing"
