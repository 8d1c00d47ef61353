"""What a command works on: the course, its problems folder, an assignment, and the problems chosen.

Every verb calls ``select`` with the shared options (``--course``,
``--problems-dir``, ``--assignment``, ``--problem``), so they all mean the
same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gradekit.course.assignment import Assignment, AssignmentError, find_assignment
from gradekit.course.course import Course, resolve_course, resolve_problems_dir
from gradekit.course.references import use_references
from gradekit.grading import problem as problems_lib
from gradekit.grading.problem import Problem


@dataclass(frozen=True)
class Selection:
    course: Course
    problems_dir: Path
    problems: list[Problem]
    assignment: Assignment | None = None

    @property
    def problem_ids(self) -> list[str]:
        return [p.id for p in self.problems]


def select(*, course: Path | None = None, problems_dir: Path | None = None, assignment: str | None = None,
           problem_ids: list[str] | None = None) -> Selection:
    """Resolve the course and choose problems; raises ``CourseError``, ``AssignmentError`` or ``ProblemError``.

    With an assignment, its problems in its order; ``problem_ids`` narrows that
    down and must name problems of the assignment.
    """
    chosen = resolve_course(course)
    use_references(chosen.references_dir)
    folder = resolve_problems_dir(chosen, problems_dir)
    available = problems_lib.discover(folder)
    task = find_assignment(chosen.assignments_dir, assignment) if assignment else None
    ids = [i.strip() for entry in problem_ids or [] for i in entry.split(",") if i.strip()]
    if task is not None:
        known = {p.id for p in available}
        unknown = [i for i in task.problem_ids if i not in known]
        if unknown:
            raise AssignmentError(f"assignment {task.name!r} names problem(s) not in {folder}: {', '.join(unknown)}")
        outside = [i for i in ids if i not in task.problem_ids]
        if outside:
            raise AssignmentError(f"problem(s) {', '.join(outside)} are not part of assignment {task.name!r} "
                                  f"({', '.join(task.problem_ids)})")
        ids = ids or task.problem_ids
    return Selection(chosen, folder, problems_lib.select(available, ids), task)
