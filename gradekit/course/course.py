"""A course is a folder, and which one a command uses is decided here, once, for every verb.

```
mycourse/
  course.toml        title (and a summary): what marks the folder as a course
  problems/<id>/     problem folders (problem.toml, statement, checks, wrong submissions)
  references/        the full-marks submission, importable by the checks as gradekit.calc.<module>
  assignments/       <name>.toml: title, problems, due date, late policy
  questions/         the conceptual question bank of the quiz sheets
  templates/         the quiz sheets' layouts
```

The course in use: ``--course DIR``, else ``$GRADEKIT_COURSE``, else the first
``course.toml`` found upward from the working directory, else the course
bundled with gradekit (package data of an installed wheel; the checkout's top
level in a development install, which is itself a course).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gradekit.tomlfile import TOMLDecodeError, loads

COURSE_FILE = "course.toml"
FOLDERS = ("problems", "references", "assignments", "questions", "templates")
COURSE_ENV = "GRADEKIT_COURSE"
PROBLEMS_ENV = "GRADEKIT_PROBLEMS"  # a problems folder alone (a student kit, or an old checkout layout)
PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DATA = PACKAGE_DIR / "bundled"  # where a wheel's build copies the course (see setup.py)
CHECKOUT = PACKAGE_DIR.parents[1]  # the repository, in a development install

Source = Literal["--course", "$GRADEKIT_COURSE", "found upward", "bundled"]
COURSE_KEYS = {"title", "summary"}


class CourseError(Exception):
    """No usable course where one was asked for (a clear message, never a traceback)."""


@dataclass(frozen=True)
class Course:
    root: Path  # absolute
    title: str
    summary: str = ""
    source: Source = "bundled"  # how it was chosen, for messages

    @property
    def problems_dir(self) -> Path:
        return self.root / "problems"

    @property
    def references_dir(self) -> Path:
        return self.root / "references"

    @property
    def assignments_dir(self) -> Path:
        return self.root / "assignments"

    @property
    def questions_dir(self) -> Path:
        return self.root / "questions"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def installed(self) -> bool:
        """True for the course inside an installed gradekit (read-only for a TA: use ``gradekit init``)."""
        return _is_within(self.root, BUNDLED_DATA)

    def describe(self) -> str:
        return f"{self.title} ({self.root}, {self.source})"


def load_course(root: Path, source: Source = "bundled") -> Course:
    """The course whose ``course.toml`` is in ``root``."""
    root = Path(root).expanduser().resolve()
    path = root / COURSE_FILE
    if not path.is_file():
        hint = "" if root.exists() else " (the folder does not exist)"
        raise CourseError(f"no {COURSE_FILE} in {root}{hint}; `gradekit init {root}` makes a course folder")
    try:
        config = loads(path.read_text(encoding="utf-8"))
    except (TOMLDecodeError, UnicodeDecodeError) as error:
        raise CourseError(f"{path}: {error}") from None
    unknown = sorted(set(config) - COURSE_KEYS)
    if unknown:
        raise CourseError(f"{path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(COURSE_KEYS))}")
    title = config.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CourseError(f"{path}: 'title' must be a non-empty string")
    summary = config.get("summary", "")
    if not isinstance(summary, str):
        raise CourseError(f"{path}: 'summary' must be a string")
    return Course(root=root, title=title, summary=summary, source=source)


def bundled_course_root() -> Path:
    """The course shipped with gradekit: package data when installed, else the checkout's top level."""
    for root in (BUNDLED_DATA, CHECKOUT):
        if (root / COURSE_FILE).is_file():
            return root
    raise CourseError("this gradekit has no bundled course (a broken install?); "
                      "pass --course DIR or set $GRADEKIT_COURSE")


def find_upward(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding a ``course.toml``."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    return None


def resolve_course(course: Path | None = None, *, cwd: Path | None = None) -> Course:
    """The course a command uses: ``course``, else ``$GRADEKIT_COURSE``, else upward, else bundled."""
    if course is not None:
        return load_course(course, "--course")
    if os.environ.get(COURSE_ENV):
        return load_course(Path(os.environ[COURSE_ENV]), "$GRADEKIT_COURSE")
    found = find_upward(cwd or Path.cwd())
    if found is not None:
        return load_course(found, "found upward")
    return load_course(bundled_course_root(), "bundled")


def resolve_problems_dir(course: Course, problems_dir: Path | None = None, *, cwd: Path | None = None) -> Path:
    """The problems folder: ``--problems-dir``, ``$GRADEKIT_PROBLEMS``, a student kit's, or the course's.

    A kit is a folder with ``problems/`` and no ``course.toml`` of its own: in it
    ``gradekit check`` uses the kit's problems, unless a course was named.
    """
    if problems_dir is not None:
        return Path(problems_dir)
    if os.environ.get(PROBLEMS_ENV):
        return Path(os.environ[PROBLEMS_ENV])
    here = Path(cwd or Path.cwd()) / "problems"
    if course.source in ("bundled", "found upward") and here.is_dir():
        return here
    return course.problems_dir


def _is_within(path: Path, root: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
        return True
    except ValueError:
        return False
