"""A course of one small problem, for the LMS tests: graded in seconds, with every kind of feedback.

``tiny-sampler`` asks for ``scale(x)`` (twice x) and ``samples(n)`` (n images of
8x8 pixels in [0, 1]). Its checks cover what feedback shows: a public
property with TeX in its description (a failure shows the smallest input), a
public metric check (a threshold: a note, a measurement for the leaderboard)
that attaches a figure of the student's samples, and a hidden check. Its assignment ``tiny`` is long past
due, shows hidden messages after it, and takes 10 % a day.

The class: ``ada`` right; ``bob`` scales by 3 (bright samples) and is one day
late; ``dee`` scales right but draws dark samples; ``cy`` handed in nothing.
"""

from __future__ import annotations

from pathlib import Path

PROBLEM_TOML = '''title = "Tiny sampler"
summary = "Scaling by $\\\\lambda = 2$, and samples of an $8 \\\\times 8$ image"
points = 6
module = "tiny_sampler"
names = ["scale", "samples"]
max_examples = 20

[limits]
wall_seconds = 60
call_seconds = 20
import_seconds = 20

[metrics]
brightness_min = 0.25
'''

PUBLIC_CHECKS = '''"""Public checks of the tiny sampler."""

from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import attach_figure, check, expect_array, expect_close, image_rows
from gradekit.grading.problem import problem_here

PROBLEM = problem_here(__file__)


@check(points=2)
@given(x=st.integers(-1000, 1000))
def scale_is_lambda_times_x(student, x):
    r"""scale(x) returns $y = \\lambda x$ with $\\lambda = 2$ for every integer $x$"""
    expect_close(float(student.scale(x)), 2.0 * x, f"scale({x})")


@check(points=2)
def samples_are_bright_enough(student):
    r"""The samples' mean brightness $\\bar{x} = \\frac{1}{n}\\sum_i x_i$ is at least 0.25"""
    images = expect_array(student.samples(8), "samples(8)", shape=(8, 8, 8))
    attach_figure(lambda: image_rows("samples", "Your eight samples, as the grader drew them", [images]))
    return PROBLEM.threshold("brightness").judge(float(images.mean()), "the samples' mean brightness", digits=3)
'''

HIDDEN_CHECKS = '''"""Hidden checks of the tiny sampler."""

from gradekit.grading.api import check, expect_close


@check(points=2)
def scale_keeps_its_factor_for_large_inputs(student):
    """scale keeps its factor for large inputs"""
    expect_close(float(student.scale(10**6)), 2e6, "scale(10**6)")
'''

RIGHT = '''import numpy as np


def scale(x):
    return 2 * x


def samples(n):
    grid = np.linspace(0, 1, 64).reshape(8, 8)
    return np.stack([np.roll(grid, k, axis=1) for k in range(n)])
'''

WRONG_SCALE = RIGHT.replace("2 * x", "3 * x")
DARK = RIGHT.replace("np.linspace(0, 1, 64)", "np.linspace(0, 0.2, 64)")

ASSIGNMENT = '''title = "Tiny assignment"
problems = ["tiny-sampler"]
due = 2024-09-06T23:59:00+00:00
show_hidden_after_due = true

[late]
policy = "per-day"
per_day = 0.10
cap = 0.50
'''

KEPT_ASSIGNMENT = ASSIGNMENT.replace("show_hidden_after_due = true", "show_hidden_after_due = false")


def make_course(root: Path) -> Path:
    """The course folder ``root`` (course.toml, the problem, its assignments ``tiny`` and ``tiny-kept``)."""
    problem = root / "problems" / "tiny-sampler"
    problem.mkdir(parents=True)
    (root / "course.toml").write_text('title = "Tiny course"\n')
    (problem / "problem.toml").write_text(PROBLEM_TOML)
    (problem / "public_checks.py").write_text(PUBLIC_CHECKS)
    (problem / "hidden_checks.py").write_text(HIDDEN_CHECKS)
    (problem / "statement.md.j2").write_text("# {{ title }}\n\nWrite `scale` and `samples`.\n")
    (root / "references").mkdir()
    (root / "references" / "tiny_sampler.py").write_text(RIGHT)
    (root / "assignments").mkdir()
    (root / "assignments" / "tiny.toml").write_text(ASSIGNMENT)
    (root / "assignments" / "tiny-kept.toml").write_text(KEPT_ASSIGNMENT)
    return root


def make_class(root: Path) -> Path:
    """Submissions: ada, bob (a day late), cy (nothing), dee, and submissions.csv."""
    for student, source in (("ada", RIGHT), ("bob", WRONG_SCALE), ("dee", DARK)):
        (root / student).mkdir(parents=True)
        (root / student / "tiny_sampler.py").write_text(source)
    (root / "cy").mkdir()
    (root / "submissions.csv").write_text("student,submitted_at\nada,2024-09-06T20:00:00+00:00\n"
                                          "bob,2024-09-07T10:00:00+00:00\ncy,2024-09-06T20:00:00+00:00\n"
                                          "dee,2024-09-06T23:00:00+00:00\n")
    return root
