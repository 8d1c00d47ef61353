"""Writing course folders and problem folders for a TA to fill in.

``init_course`` copies the bundled course (or lays out an empty one);
``new_problem`` writes a problem folder whose every file says what to fill in:
``problem.toml``, the statement, public and hidden checks, the strategies that
draw their inputs, two wrong submissions with the checks each must fail, and a
reference stub in the course's ``references/``. Once the TA has written the
reference and the checks, ``gradekit validate ID`` proves them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from gradekit.course.course import COURSE_FILE, FOLDERS, Course, CourseError, bundled_course_root

PROBLEM_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", ".*.partial-*")


def init_course(target: Path, *, empty: bool = False, title: str | None = None) -> Path:
    """A new course folder at ``target``: a copy of the bundled course, or an empty layout with ``empty``.

    An empty course still gets the quiz sheets' templates (layouts, not content).
    """
    target = Path(target).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise CourseError(f"{target} exists and is not an empty folder; choose a new one")
    source = bundled_course_root()
    target.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        if empty and folder != "templates":
            (target / folder).mkdir()
        else:
            shutil.copytree(source / folder, target / folder, ignore=IGNORED)
    name = title or (target.resolve().name.replace("-", " ").replace("_", " ").strip() or "My course")
    if empty or title:
        (target / COURSE_FILE).write_text(f'title = "{_toml_string(name)}"\n')
    else:
        shutil.copyfile(source / COURSE_FILE, target / COURSE_FILE)
    return target


def check_problem_id(problem_id: str) -> None:
    if not PROBLEM_ID.match(problem_id):
        raise CourseError(f"{problem_id!r} is not a problem id: lower-case letters and digits, words joined "
                          f"by '-', starting with a letter (e.g. psnr, image-entropy)")


def new_problem(course: Course, problem_id: str, *, title: str | None = None, module: str | None = None) -> list[Path]:
    """Write the problem folder ``problems/<problem_id>`` and ``references/<module>.py``; return the files."""
    check_problem_id(problem_id)
    if course.installed or course.source == "bundled":
        raise CourseError(f"no course folder here (the course in use is the one bundled with gradekit, "
                          f"{course.root}); make one with `gradekit init DIR`, then run this inside it "
                          f"or pass --course DIR")
    module = module or problem_id.replace("-", "_")
    if not module.isidentifier():
        raise CourseError(f"{module!r} is not a Python module name")
    folder = course.problems_dir / problem_id
    reference = course.references_dir / f"{module}.py"
    for path in (folder, reference):
        if path.exists():
            raise CourseError(f"{path} already exists")
    title = title or problem_id.replace("-", " ").capitalize()
    files = {folder / name.format(module=module): text.format(id=problem_id, title=_toml_string(title), module=module)
             for name, text in PROBLEM_FILES.items()}
    files[reference] = REFERENCE.format(id=problem_id, title=title, module=module)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return sorted(files)


def _toml_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# ---------------------------------------------------------------- what a new problem starts with

PROBLEM_TOML = '''\
# Read once by gradekit (see docs/writing-problems.md). The statement sees every key as {{{{ key }}}}.
title = "{title}"
summary = "TODO: one line on what the student computes"
points = 10                 # the checks' points must add up to this
module = "{module}"           # the student's file: {module}.py
names = ["{module}"]          # what that module must define
max_examples = 40           # hypothesis examples per property check

[limits]
wall_seconds = 60           # the whole problem, per submission

[statement]
worked_input = "TODO: the worked example's input, as the statement shows it"
worked_answer = "TODO: its answer"
'''

STATEMENT = '''\
# {{{{ title }}}}

TODO: what the student computes, with the formula and where it comes from.

Write `{{{{ module }}}}.py` with

```python
def {module}(x: np.ndarray) -> float:
    """TODO: one line."""
```

Conventions:
- TODO: units, bases of logarithms, what an empty or degenerate input gives;
- return a Python float.

Worked example: for `{{{{ worked_input }}}}` the answer is `{{{{ worked_answer }}}}`.
'''

STRATEGIES = '''\
"""The inputs the checks draw (hypothesis strategies), shared by the public and the hidden checks."""

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

WORKED_INPUT = [1.0, 2.0, 3.0]  # TODO: the statement's worked example
WORKED_ANSWER = 0.0  # TODO: its answer, worked by hand (not computed by the reference)


def inputs():
    """TODO: arrays the function takes; ordinary sizes (>= 2), edge cases get checks of their own."""
    return hnp.arrays("float64", st.integers(2, 8), elements=st.floats(-10, 10))
'''

PUBLIC_CHECKS = '''\
"""Public checks: they ship to students, so they never import the reference (gradekit.calc)."""

import numpy as np
from hypothesis import given

from gradekit.grading.api import check, expect_close, expect_real

from .strategies import WORKED_ANSWER, WORKED_INPUT, inputs


@check(points=0, precondition=True)
def returns_a_number(student):
    """{module} returns one real number"""
    expect_real(student.{module}(np.array(WORKED_INPUT)), "{module}(worked input)")


@check(points=4)
def worked_example(student):
    """The statement's worked example gives its answer"""
    value = expect_real(student.{module}(np.array(WORKED_INPUT)), "{module}(worked input)")
    expect_close(value, WORKED_ANSWER, "{module}(worked input)")


@check(points=2)
@given(x=inputs())
def is_finite_on_ordinary_inputs(student, x):
    """TODO: a law every correct answer obeys (a bound, an invariance), with a non-degenerate anchor"""
    value = expect_real(student.{module}(x), f"{module}(x of shape {{x.shape}})")
    expect_close(value, value, f"{module}(x of shape {{x.shape}})")  # TODO: replace with the law
'''

HIDDEN_CHECKS = '''\
"""Hidden checks: agreement with the reference on drawn inputs (they never leave the instructor)."""

from hypothesis import given

from gradekit.calc.{module} import {module} as reference
from gradekit.grading.api import check, expect_close, expect_real

from .strategies import inputs


@check(points=4)
@given(x=inputs())
def matches_reference(student, x):
    """{module} matches the reference on drawn inputs"""
    value = expect_real(student.{module}(x), f"{module}(x of shape {{x.shape}})")
    expect_close(value, reference(x), f"{module}({{x.tolist()}})")
'''

WRONG_SUBMISSION = '''\
"""A wrong submission: the same number whatever the input. TODO: add the mistakes students make."""


def {module}(x):
    return 0.0
'''

EXPECTED = '''\
why = "a constant answer: it passes the type check and nothing else"
score = 2  # TODO: after writing the checks, the points this submission keeps
failed = ["worked_example", "matches_reference"]  # TODO: exactly the checks it fails
'''

WRONG_TYPE = '''\
"""A wrong submission: an answer of the wrong type, which the precondition stops before any other check."""


def {module}(x):
    return "a number"
'''

WRONG_TYPE_EXPECTED = '''\
why = "a string instead of a number: the precondition fails, so every other check fails unrun"
score = 0
failed = ["returns_a_number", "worked_example", "is_finite_on_ordinary_inputs", "matches_reference"]
'''

REFERENCE = '''\
"""{title}: the reference answer (a submission that earns full marks; importable as gradekit.calc.{module})."""

import numpy as np


def {module}(x: np.ndarray) -> float:
    """TODO: the reference computation; the checks compare students' answers with it."""
    raise NotImplementedError
'''

PROBLEM_FILES = {
    "problem.toml": PROBLEM_TOML,
    "statement.md.j2": STATEMENT,
    "strategies.py": STRATEGIES,
    "public_checks.py": PUBLIC_CHECKS,
    "hidden_checks.py": HIDDEN_CHECKS,
    "tests/constant/{module}.py": WRONG_SUBMISSION,
    "tests/constant/expected.toml": EXPECTED,
    "tests/wrong-type/{module}.py": WRONG_TYPE,
    "tests/wrong-type/expected.toml": WRONG_TYPE_EXPECTED,
}
