"""Where ``gradekit.calc`` finds the references: the course in use first, then the bundled course.

A course's checks import their references as ``gradekit.calc.<module>``, so
``gradekit.calc``'s search path is the course's ``references/`` followed by
the bundled course's (whose references gradekit's own models are built on).
A course's file shadows the bundled one of the same name; one the course does
not have comes from the bundled course.

``use_references`` switches the path; ``gradekit.grading.problem`` calls it
before loading a problem's checks with the ``references/`` beside the
problem's folder, so in any process (a worker of a parallel grading, a Dask
worker) the checks of a course import that course's references, with no
reinstall and no fork of gradekit.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

CALC = "gradekit.calc"
_chosen: list[Path] = []  # the references folder chosen before gradekit.calc was imported


def search_path(references_dir: Path | None) -> list[str]:
    """``gradekit.calc``'s ``__path__`` for a course whose references are in ``references_dir``."""
    from gradekit.course.course import CourseError, bundled_course_root

    folders = [Path(references_dir).resolve()] if references_dir is not None else []
    try:
        folders.append((bundled_course_root() / "references").resolve())
    except CourseError:
        pass
    path: list[str] = []
    for folder in folders:
        if folder.is_dir() and str(folder) not in path:
            path.append(str(folder))
    return path


def initial_path() -> list[str]:
    """The path ``gradekit.calc`` starts with: the chosen course's, or the default course's."""
    if _chosen:
        return search_path(_chosen[-1])
    from gradekit.course.course import CourseError, resolve_course

    try:
        return search_path(resolve_course().references_dir)
    except CourseError:  # a broken $GRADEKIT_COURSE is reported by the command that reads it
        return search_path(None)


def use_references(references_dir: Path) -> None:
    """Make ``gradekit.calc.<module>`` the file ``references_dir/<module>.py`` (or the bundled one).

    References already imported from elsewhere are forgotten, so the next
    import finds the right file.
    """
    _chosen[:] = [Path(references_dir)]
    calc = sys.modules.get(CALC)
    if calc is None:
        return
    wanted = search_path(references_dir)
    if list(calc.__path__) == wanted:
        return
    calc.__path__[:] = wanted
    importlib.invalidate_caches()  # a folder written since the last import (a TA's new reference)
    for name in [n for n in sys.modules if n.startswith(CALC + ".")]:
        top = name[len(CALC) + 1:].split(".")[0]
        if not _served_from(sys.modules[name], _serving_folder(top, wanted)):
            del sys.modules[name]
            if name == f"{CALC}.{top}" and hasattr(calc, top):
                delattr(calc, top)


def use_references_beside(problem_folder: Path) -> None:
    """Use the ``references/`` of the course that holds ``problem_folder`` (course/problems/<id>)."""
    references = Path(problem_folder).resolve().parent.parent / "references"
    if references.is_dir():
        use_references(references)


def _serving_folder(top: str, path: list[str]) -> Path | None:
    """The folder of ``path`` that ``gradekit.calc.<top>`` would be imported from."""
    for folder in path:
        if (Path(folder) / f"{top}.py").is_file() or (Path(folder) / top / "__init__.py").is_file():
            return Path(folder)
    return None


def _served_from(module, folder: Path | None) -> bool:
    file = getattr(module, "__file__", None)
    if folder is None or file is None:
        return False
    try:
        Path(file).resolve().relative_to(folder)
        return True
    except ValueError:
        return False
