"""Courses and assignments: which course a command uses, its assignments, due dates and late policies.

    from gradekit.course import resolve_course, load_assignment
"""

from gradekit.course.course import (
    COURSE_FILE,
    Course,
    CourseError,
    bundled_course_root,
    find_upward,
    load_course,
    resolve_course,
    resolve_problems_dir,
)
from gradekit.course.references import use_references, use_references_beside

__all__ = ["COURSE_FILE", "Course", "CourseError", "bundled_course_root", "find_upward", "load_course",
           "resolve_course", "resolve_problems_dir", "use_references", "use_references_beside"]
