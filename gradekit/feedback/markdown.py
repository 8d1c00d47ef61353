"""A student's feedback as Markdown: for an LMS comment box, an e-mail, Gradescope's ``output_format: "md"``.

The course's text (titles, check descriptions, captions) is written as it
is, TeX math included (``$...$``, which Markdown viewers with math typeset);
every string that came from the student's code (the grader's reasons, the
smallest failing input, a traceback) goes in a fenced code block whose fence
is longer than any run of backticks inside it, so none of it is read as
Markdown, links or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gradekit.feedback.model import CheckView, Feedback, ProblemView

STATUS_WORDS = {"graded": "", "missing": " (missing)", "error": " (error)", "timeout": " (time limit)"}


def feedback_markdown(feedback: Feedback, *, figure_link: Callable[[str], str] | None = None) -> str:
    """The whole page. ``figure_link(file)`` gives a figure's address (None: figures are named, not shown)."""
    total = _points(feedback.score, feedback.max_score)
    lines = [f"# {feedback.title}", "", f"{_inline_code(feedback.student)}: **{total}**"]
    if feedback.late and (feedback.late.days_late or feedback.late.penalty):
        lines += ["", late_line(feedback)]
    lines += ["", "| problem | score |", "|---|---:|"]
    lines += [f"| {_cell(p.title)}{STATUS_WORDS.get(p.status, '')} | {_points(p.score, p.max_score)} |"
              for p in feedback.problems]
    if any(p.hidden for p in feedback.problems) or feedback.hidden_shown:
        lines += ["", f"_{feedback.hidden_note}_"]
    for problem in feedback.problems:
        lines += ["", *problem_markdown(problem, figure_link=figure_link)]
    return "\n".join(lines).rstrip() + "\n"


def problem_markdown(problem: ProblemView, *, figure_link: Callable[[str], str] | None = None,
                     heading: str = "##") -> list[str]:
    lines = [f"{heading} {problem.title}: {_points(problem.score, problem.max_score)}"]
    if problem.summary:
        lines += ["", f"_{problem.summary}_"]
    if problem.shared_why:
        lines += ["", "Every check failed for one reason:", "", *code_block(problem.shared_why)]
    for check in problem.checks:
        lines += ["", *check_markdown(check, figure_link=figure_link, with_reason=not problem.shared_why)]
    if problem.hidden:
        hidden = problem.hidden
        lines += ["", f"- {hidden.count} hidden check(s): {hidden.passed} passed, "
                      f"{_points(hidden.score, hidden.max_score)}"]
    return lines


def check_markdown(check: CheckView, *, figure_link: Callable[[str], str] | None = None,
                   with_reason: bool = True, with_figures: bool = True) -> list[str]:
    mark = "✎" if check.hand_marked else "✓" if check.passed else "✗"
    tags = " _(hidden)_" if check.visibility != "public" else ""
    tags += " _(marked by hand)_" if check.hand_marked else ""
    lines = [f"- {mark} **{check.description}**{tags}: {_points(check.score, check.max_score)}"]
    if check.note:
        lines += ["", f"  {'comment' if check.hand_marked else 'measured'}: {_inline_code(check.note)}"]
    if not check.passed and with_reason:
        if check.why:
            lines += ["", *_indented(code_block(check.why))]
        if check.smallest_input:
            lines += ["", "  smallest failing input:", "", *_indented(code_block(check.smallest_input))]
        if check.traceback:
            lines += ["", *_indented(code_block(check.traceback))]
    for figure in check.figures if with_figures else ():
        if figure_link and figure.png is not None:
            lines += ["", f"  ![{_alt(figure.caption)}]({figure_link(figure.file)})", "", f"  _{figure.caption}_"]
        else:
            lines += ["", f"  figure: {figure.caption}" + ("" if figure.png is not None else " (file missing)")]
    return lines


def late_line(feedback: Feedback) -> str:
    late = feedback.late
    if late is None:  # on time: nothing to say
        return ""
    return (f"{late.days_late} day(s) late ({late.policy}): {late.score_before_penalty:g} "
            f"less {late.penalty:.0%} is {feedback.score:g} / {feedback.max_score:g}")


def code_block(text: str) -> list[str]:
    """``text`` fenced so that nothing inside reads as Markdown (CommonMark: a longer fence than any inside)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *text.split("\n"), fence]


def _inline_code(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""  # CommonMark strips one space each side
    return f"{ticks}{pad}{text}{pad}{ticks}" if text else ""


def _indented(lines: list[str]) -> list[str]:
    return ["  " + line if line else "" for line in lines]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _alt(text: str) -> str:
    return re.sub(r"[\[\]\n]", " ", text)


def _points(score: float, max_score: float) -> str:
    return f"{score:g} / {max_score:g}"
