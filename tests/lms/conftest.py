"""The tiny course and its class, graded once per session (``grade-all --feedback``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from tiny_course import make_class, make_course


@pytest.fixture(scope="session")
def tiny_course(tmp_path_factory) -> Path:
    return make_course(tmp_path_factory.mktemp("tiny") / "course")


@pytest.fixture(scope="session")
def graded(tiny_course, tmp_path_factory) -> Path:
    """``grade-all --assignment tiny --feedback``'s output folder."""
    root = tmp_path_factory.mktemp("graded")
    submissions = make_class(root / "submissions")
    out = root / "out"
    result = CliRunner().invoke(app, ["grade-all", str(submissions), "--out", str(out), "--course", str(tiny_course),
                                      "--assignment", "tiny", "--feedback", "--workers", "2"])
    assert result.exit_code == 0, result.output
    return out
