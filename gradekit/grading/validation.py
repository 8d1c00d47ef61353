"""Whether a problem's grade means something: the evidence ``tests/problems`` and ``gradekit validate`` ask for.

Each rule grades real submissions in the sandbox and returns a ``Finding``:

- the checks' points add up to ``problem.toml``'s ``points``;
- the reference (``references/``) scores full marks;
- each wrong submission (``problems/<id>/tests/<case>/`` with ``expected.toml``)
  fails exactly the checks it names and scores exactly its points;
- every check (preconditions too) is failed by some wrong submission;
- every trivial submission (``gradekit.grading.trivial``) scores 0.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gradekit.grading.problem import Problem, ProblemError, validate
from gradekit.grading.runner import grade_submission
from gradekit.grading.trivial import trivial_kinds, write_trivial_submission
from gradekit.tomlfile import TOMLDecodeError, read_toml

EXPECTED_FILE = "expected.toml"
EXPECTED_KEYS = {"why", "score", "failed", "status"}


@dataclass(frozen=True)
class Finding:
    problem_id: str
    rule: str  # what was checked, e.g. "wrong submission natural-log"
    ok: bool
    detail: str = ""  # what was found when it is not ok (or a summary when it is)


@dataclass(frozen=True)
class WrongCase:
    """A deliberately wrong submission and what it must lose."""

    folder: Path
    why: str
    score: float
    failed: tuple[str, ...]
    status: str | None = None

    @property
    def name(self) -> str:
        return self.folder.name


def wrong_cases(problem: Problem) -> list[WrongCase]:
    """The problem's wrong submissions, sorted by folder name."""
    cases = []
    for path in sorted((problem.folder / "tests").glob(f"*/{EXPECTED_FILE}")):
        try:
            expected = read_toml(path)
        except TOMLDecodeError as error:
            raise ProblemError(f"{path}: {error}") from None
        unknown = set(expected) - EXPECTED_KEYS
        missing = {"why", "score", "failed"} - set(expected)
        if unknown or missing:
            raise ProblemError(f"{path}: " + "; ".join(
                part for part in (f"unknown keys {sorted(unknown)}" if unknown else "",
                                  f"missing {sorted(missing)}" if missing else "") if part))
        cases.append(WrongCase(path.parent, expected["why"], float(expected["score"]), tuple(expected["failed"]),
                               expected.get("status")))
    return cases


def points_add_up(problem: Problem) -> Finding:
    try:
        validate(problem)
    except ProblemError as error:
        return Finding(problem.id, "points add up", False, str(error))
    return Finding(problem.id, "points add up", True, f"{problem.points:g} points")


def reference_scores_full_marks(problem: Problem, references_dir: Path | None = None) -> Finding:
    result = grade_submission(_references(references_dir), [problem]).problems[0]
    failures = [f"{c.name}: {c.message}" for c in result.checks if not c.passed]
    ok = not failures and result.score == problem.points
    detail = "; ".join(failures) or f"{result.score:g} of {problem.points:g}"
    return Finding(problem.id, "reference scores full marks", ok, detail)


def wrong_case_loses_exactly_its_points(problem: Problem, case: WrongCase) -> Finding:
    result = grade_submission(case.folder, [problem]).problems[0]
    failed = sorted(c.name for c in result.checks if not c.passed)
    wrong = []
    if failed != sorted(case.failed):
        extra, spared = sorted(set(failed) - set(case.failed)), sorted(set(case.failed) - set(failed))
        wrong.append(f"also failed {extra}" if extra else "")
        wrong.append(f"passed {spared}" if spared else "")
        messages = {c.name: c.message for c in result.checks}
        wrong += [f"{name}: {messages[name]}" for name in extra]
    if abs(result.score - case.score) > 1e-9:
        wrong.append(f"scored {result.score:g}, expected {case.score:g}")
    if case.status is not None and result.status != case.status:
        wrong.append(f"status {result.status}, expected {case.status}")
    wrong = [w for w in wrong if w]
    return Finding(problem.id, f"wrong submission {case.name}", not wrong,
                   f"{case.why}: " + "; ".join(wrong) if wrong else f"{result.score:g} of {problem.points:g}")


def every_check_is_failed_by_some_wrong_case(problem: Problem) -> Finding:
    failed = {name for case in wrong_cases(problem) for name in case.failed}
    never = sorted({c.name for c in problem.all_checks()} - failed)  # preconditions too: each must be seen failing
    return Finding(problem.id, "every check is failed by some wrong submission", not never,
                   f"no wrong submission shows these checks can fail: {never}" if never else "")


def trivial_scores_zero(problem: Problem, kind: str, references_dir: Path | None = None) -> Finding:
    """Grade the trivial submission of ``kind`` (written to a scratch folder); it must score 0."""
    scratch = Path(tempfile.mkdtemp(prefix="gradekit-trivial-"))
    try:
        submission = write_trivial_submission(problem, kind, scratch / kind, references_dir)
        result = grade_submission(submission.folder, [problem]).problems[0]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    earned = [f"{c.name} ({c.score:g})" for c in result.checks if c.score > 0]
    return Finding(problem.id, f"trivial submission {kind}", result.score == 0,
                   f"{submission.why}, yet it earns {result.score:g}: {', '.join(earned)}" if earned else "0")


def findings(problem: Problem, *, references_dir: Path | None = None, trivial: bool = True) -> Iterator[Finding]:
    """Every rule for ``problem``, one finding at a time (each grades in the sandbox: seconds to minutes)."""
    yield points_add_up(problem)
    yield reference_scores_full_marks(problem, references_dir)
    for case in wrong_cases(problem):
        yield wrong_case_loses_exactly_its_points(problem, case)
    yield every_check_is_failed_by_some_wrong_case(problem)
    if trivial:
        for kind in trivial_kinds(problem):
            yield trivial_scores_zero(problem, kind, references_dir)


def validate_problems(problems: list[Problem], *, references_dir: Path | None = None, trivial: bool = True,
                      on_finding: Callable[[Finding], None] | None = None) -> list[Finding]:
    """``findings`` of every problem; ``on_finding`` sees each as it comes (for a progress display)."""
    found = []
    for problem in problems:
        for finding in findings(problem, references_dir=references_dir, trivial=trivial):
            found.append(finding)
            if on_finding is not None:
                on_finding(finding)
    return found


def _references(references_dir: Path | None) -> Path:
    if references_dir is not None:
        return Path(references_dir)
    from gradekit.calc import REFERENCES_DIR

    if REFERENCES_DIR is None:  # an install without a course's references (a student's kit)
        raise ProblemError("no references folder to grade (name one)")
    return REFERENCES_DIR
