"""The wheel carries the bundled course: setuptools' build copies it under gradekit/course/bundled/.

The repository keeps the course at its top level (course.toml, problems/,
references/, assignments/, questions/, templates/), where TAs edit it and a
development install (pip install -e .) reads it in place. A built wheel has
no checkout beside it, so ``build_py`` copies those folders into the package,
where ``gradekit.course.bundled_course_root`` looks first. Everything else is
in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
COURSE = ("course.toml", "problems", "references", "assignments", "questions", "templates")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache")


class BuildWithCourse(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's course where it is
        target = Path(self.build_lib) / "gradekit" / "course" / "bundled"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in COURSE:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=IGNORED)
            else:
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithCourse})
