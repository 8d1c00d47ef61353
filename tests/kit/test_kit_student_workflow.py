"""A student's first hour with the kit: copy it, fill in a function right and one wrong, check.

The CLI run blocks ``gradekit.calc`` (and ``references``) at import, as on a
student's machine, where gradekit is installed without the references: the
kit's public checks must run on what the kit holds alone.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gradekit.grading.problem import discover
from gradekit.grading import runner
from gradekit.grading.runner import grade_submission

REPO = Path(__file__).resolve().parents[2]

RIGHT_ENTROPY = '''
from collections import Counter
import math


def image_entropy(image):
    """A student's own entropy, in bits: counts of each pixel value."""
    counts = Counter(int(v) for v in image.ravel())
    n = sum(counts.values())
    return -sum(c / n * math.log2(c / n) for c in counts.values()) + 0.0
'''

WRONG_TOKENIZE = """import string
    return text.translate(str.maketrans("", "", string.punctuation)).split()  # forgets to lowercase"""

WITHOUT_REFERENCES = """
import sys

class RefuseReferences:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[:2] == ["gradekit", "calc"] or name.split(".")[0] == "references":
            raise ImportError(f"{name}: a student's gradekit has no references")

sys.meta_path.insert(0, RefuseReferences())
from gradekit.cli import app
app()
"""


@pytest.fixture(scope="module")
def working_folder(spine_kit, tmp_path_factory) -> Path:
    """A copy of the kit with image_entropy written right and tokenize written wrong."""
    folder = tmp_path_factory.mktemp("student") / "work"
    shutil.copytree(spine_kit, folder)
    (folder / "image_entropy.py").write_text(RIGHT_ENTROPY)
    before, tokenize = (folder / "tf_idf.py").read_text().split("def tokenize(", 1)
    (folder / "tf_idf.py").write_text(before + "def tokenize(" + tokenize.replace(
        "raise NotImplementedError", WRONG_TOKENIZE, 1))
    return folder


def _assert_right_passes_and_wrong_fails(problems: dict) -> None:
    entropy, tf_idf = problems["image-entropy"], problems["tf-idf"]
    assert [c["message"] for c in entropy["checks"] if not c["passed"]] == []
    assert entropy["score"] == entropy["max_score"] > 0
    tokenize = [c for c in tf_idf["checks"] if not c["passed"] and "tokenize(" in c["message"]]
    assert tokenize, tf_idf["checks"]
    message = tokenize[0]["message"]
    assert "'The'" in message and "expected" in message, message  # what it returned and what it should


def test_public_checks_pass_the_right_function_and_explain_the_wrong_one(working_folder, fresh_problem_modules):
    report = grade_submission(working_folder, discover(working_folder / "problems"), include_hidden=False)
    problems = {p["id"]: p for p in report.to_json()["problems"]}
    _assert_right_passes_and_wrong_fails(problems)
    not_written = [c for c in problems["tf-idf"]["checks"] if "not implemented yet" in c["message"]]
    assert not_written, "tf, idf and tf_idf are still the starter's"
    assert all(c["visibility"] == "public" for p in problems.values() for c in p["checks"])


def test_gradekit_check_runs_offline_from_the_kit_alone(working_folder):
    environment = {k: v for k, v in os.environ.items() if k != "GRADEKIT_PROBLEMS"}
    run = subprocess.run([sys.executable, "-c", WITHOUT_REFERENCES, "check", ".", "--problems-dir", "problems",
                          "--format", "json"], cwd=working_folder, env=environment,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # 1: some public check failed
    problems = {p["id"]: p for p in json.loads(run.stdout)["problems"]}
    assert set(problems) == {"image-entropy", "tf-idf"}
    _assert_right_passes_and_wrong_fails(problems)


def test_the_untouched_starter_scores_zero_as_not_implemented(spine_kit, all_problems, monkeypatch):
    """Graded by the instructor's full grader, hidden checks included: zero, explained, no crash.

    And fast: a property stops at the first call that raises NotImplementedError instead of
    shrinking an input that cannot matter (800 worker calls, past the 30 s budget, before).
    """
    calls = []
    request = runner.ProblemSession.request
    monkeypatch.setattr(runner.ProblemSession, "request",
                        lambda session, header, value: calls.append(header) or request(session, header, value))
    entropy = [p for p in all_problems if p.id == "image-entropy"]
    result = grade_submission(spine_kit, entropy).problems[0]
    assert result.status == "graded" and result.score == 0
    assert {c.visibility for c in result.checks} == {"public", "hidden"}
    assert [c.message for c in result.checks if "image_entropy is not implemented yet" not in c.message] == []
    assert len(calls) <= len(result.checks)


@pytest.mark.slow
def test_every_starter_scores_zero_as_not_implemented(full_kit, all_problems):
    report = grade_submission(full_kit, all_problems)
    for result in report.problems:
        assert result.status == "graded" and result.score == 0, result.id
        # "not implemented yet", or a check's own words for an exception it expected of another type; a type
        # precondition that skips the functions that raise passes, worth nothing (tf-idf, pooling, ...)
        assert [c.message for c in result.checks if not c.passed and "NotImplementedError" not in c.message] == [], \
            result.id
        assert all(c.max_score == 0 for c in result.checks if c.passed), result.id


@pytest.mark.slow
def test_the_references_pass_every_public_check_of_the_kit(full_kit, fresh_problem_modules):
    """The kit's public checks, with the helpers and data it ships, give the references full marks."""
    report = grade_submission(REPO / "references", discover(full_kit / "problems"), include_hidden=False)
    assert [f"{p.id}: {c.message}" for p in report.problems for c in p.checks if not c.passed] == []
