"""What the autograder zip's ``run_autograder`` runs on Gradescope: grade the submission, write results.json.

    python -m gradekit.lms.gradescope_run --root /autograder

Gradescope's tree: ``source/`` (the zip, unpacked: ``gradekit-autograder.json``
and the course), ``submission/`` (the student's files),
``submission_metadata.json`` (``created_at``: when it was handed in, for the
assignment's late policy) and ``results/results.json`` (written here).
``--root`` moves the tree, so a test can run it in a temporary folder.

A grader that fails still writes a results.json (score 0, the reason), so
Gradescope shows why instead of a bare error; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

CONFIG_NAME = "gradekit-autograder.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/autograder"), help="Gradescope's /autograder folder.")
    root = parser.parse_args(argv).root
    started = time.monotonic()
    results_file = root / "results" / "results.json"
    try:
        results, code = grade(root, started), 0
    except Exception as error:  # noqa: BLE001  (Gradescope must get a results.json whatever happened)
        from gradekit.lms.gradescope import failure_results

        traceback.print_exc()
        results, code = failure_results(f"{type(error).__name__}: {error}", time.monotonic() - started), 1
    results_file.parent.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {results_file}: score {results['score']:g}")
    return code


def grade(root: Path, started: float) -> dict:
    from gradekit.course.assignment import parse_time
    from gradekit.course.graded import grade_under
    from gradekit.course.selection import select
    from gradekit.feedback.write import problem_texts
    from gradekit.grading.report import to_gradescope
    from gradekit.grading.runner import grade_submission
    from gradekit.lms.gradescope import autograder_results

    source = root / "source"
    config = json.loads((source / CONFIG_NAME).read_text(encoding="utf-8"))
    selection = select(course=source / config["course"], assignment=config.get("assignment"),
                       problem_ids=config.get("problems"))
    assignment = selection.assignment
    report = grade_submission(root / "submission", selection.problems, include_hidden=True)
    if assignment is None:
        gradescope, data = to_gradescope(report), report.to_json()
    else:
        submitted = _submitted_at(root / "submission_metadata.json")
        moment = parse_time(submitted, assignment.due.tzinfo if assignment.due else None, "created_at") \
            if submitted else None
        graded = grade_under(report, assignment, moment)
        gradescope, data = graded.to_gradescope(), graded.to_json()
    return autograder_results(gradescope, data, problem_texts(selection.problems),
                              seconds=time.monotonic() - started)


def _submitted_at(path: Path) -> str | None:
    """Gradescope's ``created_at`` for this submission (None where the metadata is not there)."""
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("created_at")
    except (OSError, ValueError, AttributeError):
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
