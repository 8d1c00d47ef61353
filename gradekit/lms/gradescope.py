"""Gradescope's ``results.json`` as its autograder documentation describes it (pure: a graded report in, JSON out).

On top of ``to_gradescope`` (score after the late penalty, one test per
check, hidden checks ``after_due_date`` where the assignment shows them once
due, ``hidden`` otherwise):

- ``output_format: "md"``, and each test's ``output`` in Markdown: the
  reason, the smallest failing input and the traceback in code blocks, a
  metric's margin, a hand mark's comment (``feedback.markdown``, as in the
  feedback pages);
- ``execution_time`` in seconds;
- ``leaderboard``: each metric a check measured (``measurements``), ranked
  ascending where lower is better (FID), descending where higher is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from gradekit.feedback.markdown import check_markdown
from gradekit.feedback.model import ProblemText, feedback_of


def autograder_results(gradescope: dict, report: dict, texts: Mapping[str, ProblemText], *,
                       seconds: float) -> dict:
    """``gradescope`` (``to_gradescope()``) enriched from ``report`` (the same grading's ``to_json()``)."""
    checks = [(p["id"], c) for p in report.get("problems", []) for c in p.get("checks", [])]
    tests = gradescope.get("tests", [])
    if len(checks) != len(tests):
        raise ValueError(f"{len(tests)} Gradescope tests for {len(checks)} checks: not the same grading")
    views = {(p.id, c.name): c for p in feedback_of("", report, texts, show_hidden=True).problems for c in p.checks}
    enriched = []
    for (problem_id, check), test in zip(checks, tests, strict=True):
        view = views.get((problem_id, check.get("name", "")))
        enriched.append({**test, "output": _output(view) if view is not None else test.get("output", "")})
    results = {**gradescope, "tests": enriched, "output_format": "md", "execution_time": round(seconds, 1)}
    board = leaderboard(report)
    if board:
        results["leaderboard"] = board
    return results


def _output(view) -> str:
    """The check's Markdown as the feedback page has it, as a block of its own (not a list item)."""
    head, *body = check_markdown(view, with_figures=False)  # Gradescope shows no images: the feedback pages do
    return "\n".join([head.removeprefix("- "), *(line.removeprefix("  ") for line in body)]).strip()


def leaderboard(report: dict) -> list[dict]:
    """One entry per measured metric: ``{"name": "dcgan: fid", "value": 935.7, "order": "asc"}``."""
    entries = []
    for problem in report.get("problems", []):
        for check in problem.get("checks", []):
            for measured in check.get("measurements", []):
                value = float(measured.get("value", math.nan))
                if math.isfinite(value):
                    entries.append({"name": f"{problem['id']}: {measured['name']}", "value": round(value, 6),
                                    "order": "asc" if measured.get("direction") == "max" else "desc"})
    return entries


def failure_results(why: str, seconds: float) -> dict:
    """What Gradescope shows when the grader itself could not grade: no score taken, the reason."""
    return {"score": 0.0, "output": f"The autograder could not grade this submission: {why}\n\n"
                                    "Please tell your instructor.", "output_format": "md",
            "execution_time": round(seconds, 1), "tests": []}
