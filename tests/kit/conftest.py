"""Kits exported once per session: every problem there is, and the spine students try first."""

import sys
from pathlib import Path

import pytest

from gradekit.grading.problem import discover
from gradekit.kit.export import export_kit

REPO = Path(__file__).resolve().parents[2]
SPINE = ("image-entropy", "tf-idf")  # the calculation problems the grading tests fill in


@pytest.fixture(scope="session")
def all_problems():
    return discover(REPO / "problems")


@pytest.fixture(scope="session")
def spine_problems(all_problems):
    return [p for p in all_problems if p.id in SPINE]


@pytest.fixture(scope="session")
def full_kit(all_problems, tmp_path_factory) -> Path:
    """The kit of every problem in the checkout."""
    return export_kit(all_problems, tmp_path_factory.mktemp("full") / "kit")


@pytest.fixture(scope="session")
def spine_kit(spine_problems, tmp_path_factory) -> Path:
    return export_kit(spine_problems, tmp_path_factory.mktemp("spine") / "kit")


@pytest.fixture
def fresh_problem_modules():
    """Load the problems' check modules afresh for this test, and put the checkout's back after.

    Check modules import as ``gradekit_problems.<id>.*`` wherever their folder is, so
    without this a kit's copy of a problem would silently reuse the checkout's.
    """
    saved = {name: module for name, module in sys.modules.items() if _is_problem_module(name)}
    for name in saved:
        del sys.modules[name]
    yield
    for name in [n for n in sys.modules if _is_problem_module(n)]:
        del sys.modules[name]
    sys.modules.update(saved)


def _is_problem_module(name: str) -> bool:
    return name == "gradekit_problems" or name.startswith("gradekit_problems.")
