"""The reference calculations, importable as ``gradekit.calc.<module>``.

Their source lives in the checkout's ``references/`` folder, which is itself a
submission (``gradekit grade references`` gives full marks): one copy of each
formula serves the grader's checks, the quiz keys and the models. This package
only extends its import path to that folder, so ``gradekit.calc.maxout`` *is*
``references/maxout.py``.
"""

from pathlib import Path

REFERENCES_DIR = Path(__file__).resolve().parents[2] / "references"

__path__.append(str(REFERENCES_DIR))  # noqa: F821  (a package's __path__ is set by the import system)
