"""Render a ``SubmissionReport``: rich terminal tables, JSON, Gradescope ``results.json``."""

from __future__ import annotations

import json
import os

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gradekit.grading.results import SubmissionReport

STATUS_STYLE = {"graded": "green", "missing": "yellow", "error": "red", "timeout": "red"}


def render_rich(report: SubmissionReport, console: Console, *, show_output: bool = True) -> None:
    """The report as tables and lines of text.

    Every string of the report goes out as a ``Text``, never as console
    markup: a message holding ``[bold red]`` prints those characters, and a
    stray ``[/]`` cannot break the report. (The strings are already free of
    escape sequences: ``results`` cleans them.)
    """
    for warning in report.warnings:
        console.print(Text.assemble(("warning:", "bold yellow"), " ", warning))
    summary = Table(title=Text(f"gradekit: {report.submission}"), title_justify="left")
    summary.add_column("problem")
    summary.add_column("status")
    summary.add_column("score", justify="right")
    for problem in report.problems:
        style = STATUS_STYLE[problem.status]
        summary.add_row(Text(problem.id), Text(problem.status, style=style),
                        f"{problem.score:g} / {problem.max_score:g}")
    summary.add_section()
    summary.add_row(Text("total", style="bold"), "", Text(f"{report.score:g} / {report.max_score:g}", style="bold"))
    console.print(summary)
    for problem in report.problems:
        failed = [c for c in problem.checks if not c.passed]
        measured = [c for c in problem.checks if c.passed and c.note]
        if not failed and not measured:
            continue
        verdict = "every check passed" if not failed else f"{len(failed)} check(s) failed"
        console.print(Text.assemble("\n", (problem.id, "bold"), f" ({problem.title}): {verdict}"))
        for result in measured:  # by how much a metric passed
            console.print(Text.assemble("  ", ("✓", "green"), " ", (result.name, "bold"), " ", (result.note, "dim")))
        if not failed:
            continue
        shared = _shared_reason(problem)
        if shared:  # missing, or an import that failed: one reason, said once
            console.print(Text("      " + shared.replace("\n", "\n      ")))
            continue
        for result in failed:
            hidden = ("(hidden) ", "dim") if result.visibility == "hidden" else ""
            console.print(Text.assemble("  ", ("✗", "red"), " ", hidden, (result.name, "bold"), " ",
                                        (f"-{result.max_score:g}", "dim")))
            console.print(Text("      " + result.message.replace("\n", "\n      ")))
        if show_output and problem.output.strip():
            console.print(Text("  your code printed:", style="dim"))
            console.print(Text("      " + problem.output.strip()[-2000:].replace("\n", "\n      "), style="dim"))


def _shared_reason(problem) -> str | None:
    """The one reason every check failed for, when it is the same for all (a missing module, say).

    Each message is ``"<property>: <reason>"``; a reason shared by all is their common ending.
    """
    if problem.status == "graded" or not problem.checks or any(c.passed for c in problem.checks):
        return None
    messages = [c.message for c in problem.checks]
    ending = os.path.commonprefix([m[::-1] for m in messages])[::-1]
    if not all(m[: len(m) - len(ending)].endswith(": ") or m == ending for m in messages):
        ending = ending.split(": ", 1)[1] if ": " in ending else ""
    return ending or None


def to_json(report: SubmissionReport) -> str:
    return json.dumps(report.to_json(), indent=2)


def to_gradescope(report: SubmissionReport) -> dict:
    """Gradescope's autograder ``results.json``: one test per check."""
    tests = []
    for problem in report.problems:
        for result in problem.checks:
            tests.append({
                "name": f"{problem.id}: {result.name}",
                "score": result.score,
                "max_score": result.max_score,
                "status": "passed" if result.passed else "failed",
                "visibility": "visible" if result.visibility == "public" else "hidden",
                "output": result.message,
            })
    output = "\n".join(report.warnings)
    return {"score": report.score, "output": output, "tests": tests}
