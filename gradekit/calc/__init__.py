"""The reference calculations, importable as ``gradekit.calc.<module>``.

Their source lives in a course's ``references/`` folder, which is itself a
submission (``gradekit grade references`` gives full marks): one copy of each
formula serves the grader's checks, the quiz keys and the models. This package
only sets its import path to that folder, then to the bundled course's
(``gradekit.course.references``), so ``gradekit.calc.maxout`` *is* the course's
``references/maxout.py``, and a course's own reference (``psnr.py``) is
importable by its checks without a reinstall.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gradekit.course.references import initial_path

if TYPE_CHECKING:  # for mypy only: the modules live in the course's references/, found at run time
    def __getattr__(name: str) -> Any: ...

__path__[:] = initial_path()  # noqa: F821  (a package's __path__ is set by the import system)

REFERENCES_DIR = Path(__path__[0]) if __path__ else None  # noqa: F821  (the course's references at import)
