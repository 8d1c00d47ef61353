"""A TA's own problem in a course folder outside the repository: scaffolded, written, validated, graded.

No fork and no reinstall: the course's reference ``references/psnr.py`` is
importable by its checks as ``gradekit.calc.psnr``.
"""

import json
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from gradekit.cli import app

runner = CliRunner()

REFERENCE = '''
"""Peak signal-to-noise ratio: the reference."""

import numpy as np


def psnr(reference, image, peak=1.0):
    """10 log10(peak^2 / MSE) in decibels, for two images that differ."""
    error = np.mean((np.asarray(reference, dtype=float) - np.asarray(image, dtype=float)) ** 2)
    return float(10 * np.log10(peak ** 2 / error))
'''

STRATEGIES = '''
"""Pairs of images that differ: an image and the image plus a non-zero error."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

WORKED_REFERENCE = np.zeros((2, 2))
WORKED_IMAGE = np.full((2, 2), 0.1)  # MSE 0.01, so PSNR = 10 log10(1 / 0.01) = 20 dB
WORKED_ANSWER = 20.0


@st.composite
def pairs(draw):
    shape = (draw(st.integers(2, 6)), draw(st.integers(2, 6)))
    image = draw(hnp.arrays("float64", shape, elements=st.floats(0, 1)))
    error = draw(hnp.arrays("float64", shape, elements=st.floats(-0.2, 0.2)))
    error[0, 0] = 0.1  # never identical: PSNR is finite
    return image, error
'''

PUBLIC = '''
"""Public checks: the worked example and the 6 dB law; no reference here."""

import math

from hypothesis import given

from gradekit.grading.api import check, expect_close, expect_real

from .strategies import WORKED_ANSWER, WORKED_IMAGE, WORKED_REFERENCE, pairs


@check(points=0, precondition=True)
def returns_a_number(student):
    """psnr returns one real number"""
    expect_real(student.psnr(WORKED_REFERENCE, WORKED_IMAGE), "psnr(worked pair)")


@check(points=4)
def worked_example(student):
    """An error of 0.1 everywhere gives 20 dB"""
    expect_close(expect_real(student.psnr(WORKED_REFERENCE, WORKED_IMAGE), "psnr"), WORKED_ANSWER, "psnr")


@check(points=2)
@given(pair=pairs())
def doubling_the_error_costs_6_db(student, pair):
    """Twice the error lowers PSNR by 10 log10(4) = 6.02 dB"""
    image, error = pair
    once = expect_real(student.psnr(image, image + error), "psnr(x, x + e)")
    twice = expect_real(student.psnr(image, image + 2 * error), "psnr(x, x + 2e)")
    expect_close(once - twice, 10 * math.log10(4), "psnr(x, x + e) - psnr(x, x + 2e)")
'''

HIDDEN = '''
"""Hidden checks: agreement with the course's own reference."""

from hypothesis import given

from gradekit.calc.psnr import psnr as reference
from gradekit.grading.api import check, expect_close, expect_real

from .strategies import pairs


@check(points=4)
@given(pair=pairs())
def matches_reference(student, pair):
    """psnr matches the reference on drawn pairs"""
    image, error = pair
    expect_close(expect_real(student.psnr(image, image + error), "psnr"), reference(image, image + error), "psnr")
'''

WRONG = {
    "constant": ("def psnr(reference, image, peak=1.0):\n    return 0.0\n",
                 'why = "a constant"\nscore = 0\n'
                 'failed = ["worked_example", "doubling_the_error_costs_6_db", "matches_reference"]\n'),
    "wrong-type": ("def psnr(reference, image, peak=1.0):\n    return 'twenty'\n",
                   'why = "a string"\nscore = 0\nfailed = ["returns_a_number", "worked_example", '
                   '"doubling_the_error_costs_6_db", "matches_reference"]\n'),
    "natural-log": ("import numpy as np\n\n\ndef psnr(reference, image, peak=1.0):\n"
                    "    error = np.mean((np.asarray(reference) - np.asarray(image)) ** 2)\n"
                    "    return float(10 * np.log(peak ** 2 / error))\n",
                    'why = "ln instead of log10"\nscore = 0\n'
                    'failed = ["worked_example", "doubling_the_error_costs_6_db", "matches_reference"]\n'),
}


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def write_psnr(course):
    folder = course / "problems" / "psnr"
    (course / "references" / "psnr.py").write_text(textwrap.dedent(REFERENCE))
    (folder / "strategies.py").write_text(textwrap.dedent(STRATEGIES))
    (folder / "public_checks.py").write_text(textwrap.dedent(PUBLIC))
    (folder / "hidden_checks.py").write_text(textwrap.dedent(HIDDEN))
    toml = (folder / "problem.toml").read_text()
    (folder / "problem.toml").write_text(toml.replace('title = "Psnr"', 'title = "PSNR"'))
    for case in folder.glob("tests/*"):
        for file in case.iterdir():
            file.unlink()
        case.rmdir()
    for name, (module, expected) in WRONG.items():
        (folder / "tests" / name).mkdir(parents=True)
        (folder / "tests" / name / "psnr.py").write_text(module)
        (folder / "tests" / name / "expected.toml").write_text(expected)


def test_new_problem_scaffolds_every_file_and_refuses_the_bundled_course(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused = runner.invoke(app, ["new-problem", "psnr"])
    assert refused.exit_code == 2 and "gradekit init" in refused.output
    assert invoke("init", tmp_path / "course", "--empty").exit_code == 0
    result = invoke("new-problem", "psnr", "--course", tmp_path / "course")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "course" / "problems" / "psnr"
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {
        "problem.toml", "statement.md.j2", "strategies.py", "public_checks.py", "hidden_checks.py",
        "tests/constant/psnr.py", "tests/constant/expected.toml",
        "tests/wrong-type/psnr.py", "tests/wrong-type/expected.toml"}
    assert "raise NotImplementedError" in (tmp_path / "course" / "references" / "psnr.py").read_text()
    again = runner.invoke(app, ["new-problem", "psnr", "--course", str(tmp_path / "course")])
    assert again.exit_code == 2 and "already exists" in again.output
    bad = runner.invoke(app, ["new-problem", "PSNR!", "--course", str(tmp_path / "course")])
    assert bad.exit_code == 2 and "not a problem id" in bad.output


def test_a_tas_new_problem_validates_and_grades_in_a_course_outside_the_repo(tmp_path, monkeypatch):
    course = tmp_path / "mycourse"
    assert invoke("init", course, "--empty", "--title", "Image quality").exit_code == 0
    monkeypatch.chdir(course)  # the course is found upward from here: no --course
    assert invoke("new-problem", "psnr").exit_code == 0

    # its own process, as a TA runs it (this one must not keep the stub's checks loaded)
    unfilled = subprocess.run([sys.executable, "-m", "gradekit.cli", "validate", "psnr", "--no-trivial"],
                              capture_output=True, text=True, timeout=600)
    assert unfilled.returncode == 1  # the reference stub raises NotImplementedError
    assert "✗ reference scores full marks" in unfilled.stdout

    write_psnr(course)
    result = invoke("validate", "psnr")
    assert result.exit_code == 0, result.stdout
    for rule in ("statement renders", "public checks import no reference", "reference scores full marks",
                 "wrong submission natural-log", "every check is failed by some wrong submission",
                 "points add up"):
        assert rule in result.stdout

    graded = invoke("grade", course / "references", "--format", "json")
    report = json.loads(graded.stdout)
    assert [p["id"] for p in report["problems"]] == ["psnr"]
    assert report["score"] == report["max_score"] == 10


def test_validate_names_a_public_check_that_imports_the_reference(tmp_path, monkeypatch):
    course = tmp_path / "course"
    invoke("init", course, "--empty")
    invoke("new-problem", "psnr", "--course", course)
    write_psnr(course)
    public = course / "problems" / "psnr" / "public_checks.py"
    public.write_text(public.read_text() + "\nfrom gradekit.calc.psnr import psnr as leaked\n")
    result = invoke("validate", "psnr", "--no-trivial", "--course", course)
    assert result.exit_code == 1
    assert "public checks import no reference" in result.stdout and "gradekit.calc.psnr" in result.stdout


@pytest.mark.parametrize("template, why", [("{{ undefined_key }}", "undefined_key"), ("{% if %}", "")])
def test_validate_names_a_statement_that_does_not_render(tmp_path, template, why):
    course = tmp_path / "course"
    invoke("init", course, "--empty")
    invoke("new-problem", "psnr", "--course", course)
    write_psnr(course)
    (course / "problems" / "psnr" / "statement.md.j2").write_text(template)
    result = invoke("validate", "psnr", "--no-trivial", "--course", course)
    assert result.exit_code == 1
    assert "✗ statement renders" in result.stdout and why in result.stdout
