"""What one grading does, decided once: the problems and their checks, the processes, the isolation.

``grade_submission`` makes one ``GradingPlan`` and hands it down: each
problem's check list is computed here once (public checks, plus hidden ones
for the instructor's grade), what isolates student code here is a value the
report shows (``Isolation.warning``; no Python warning to filter), and the
number of trusted processes is set here and obeyed by ``parallel`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gradekit.grading.checks import CheckSpec
from gradekit.grading.problem import Problem
from gradekit.grading.sandbox import Isolation, isolation
from gradekit.grading.workers import IN_PROCESS_WARNING, chosen_kind


@dataclass(frozen=True)
class ProblemPlan:
    """One problem and the checks it is graded with, in the order they are written.

    The list is made once, on first use (loading the checks imports the
    references, torch among them: the grader starts the sandboxes first, so
    that both happen at once).
    """

    problem: Problem
    include_hidden: bool
    _made: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def checks(self) -> tuple[CheckSpec, ...]:
        if "checks" not in self._made:
            self._made["checks"] = tuple(self.problem.all_checks(self.include_hidden))
        return self._made["checks"]

    @property
    def max_score(self) -> float:
        return sum(spec.points for spec in self.checks)

    def __reduce__(self):
        # checks hold functions of problem modules loaded by path, which do not pickle: a helper
        # process lists them again (from the problem's cache, when it was forked with it)
        return ProblemPlan, (self.problem, self.include_hidden)


@dataclass(frozen=True)
class GradingPlan:
    problems: tuple[ProblemPlan, ...]
    include_hidden: bool
    jobs: int  # trusted processes grading at once; 1: the calling process alone
    isolation: Isolation
    workers: str  # where workers come from: "warm" (always, but in benchmarks), "cold", "in-process"

    @property
    def check_count(self) -> int:
        return sum(len(p.checks) for p in self.problems)

    def load_checks(self) -> None:
        """List every problem's checks now (they load once; ``check_count`` does the same)."""
        self.check_count  # noqa: B018

    @property
    def warnings(self) -> list[str]:
        """What the report must say about how student code ran."""
        said = [self.isolation.warning] if self.isolation.warning else []
        return said + ([IN_PROCESS_WARNING] if self.workers == "in-process" else [])


def plan_grading(problems: list[Problem], *, include_hidden: bool = True, jobs: int = 1) -> GradingPlan:
    """The plan for grading ``problems`` with ``jobs`` trusted processes (at most one per problem)."""
    return GradingPlan(tuple(ProblemPlan(p, include_hidden) for p in problems), include_hidden,
                       max(1, min(jobs, len(problems))), isolation(), chosen_kind())
