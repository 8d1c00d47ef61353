"""A synthetic class for the class report's tests (graded once per session by conftest.py).

Two problems, both copies of ``maxout`` under their own ids with few examples
and short limits (a copy, so that the real problem's settings stay as they are
for the tests that follow):

- ``maxout-quick``: maxout's checks as they are;
- ``maxout-wrong-key``: the same, with two checks made deliberately wrong, as
  an instructor's slip would: the exam check expects the strided answer
  (``x.reshape(3, 4).max(axis=0)``, [4, 7, 9, 8] for the exam's own order: a
  wrong answer key, the reference fails it, the strided students pass it), and the one-unit check expects the minimum instead of
  the maximum (nobody passes it).

The students are the kinds a class holds: correct, the problem's wrong
submissions, a trivial one (zeros of the right shape), nothing handed in, an
import that raises, an import that never ends (a timeout), and code that
hangs on one input (a limit hit mid-problem).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAXOUT = REPO / "problems" / "maxout"
QUICK = "maxout-quick"
WRONG_KEY = "maxout-wrong-key"
EXAM_CHECK = "exam_vector_with_4_units_gives_3_6_1_9"
ONE_UNIT_CHECK = "one_unit_takes_the_largest_input"

REFERENCE = (REPO / "references" / "maxout.py").read_text()
SOURCES = {
    "correct": REFERENCE,
    "strided": (MAXOUT / "tests" / "strided-groups" / "maxout.py").read_text(),
    "batch-mixing": (MAXOUT / "tests" / "ignores-batch-axis" / "maxout.py").read_text(),
    "no-value-error": (MAXOUT / "tests" / "no-value-error" / "maxout.py").read_text(),
    "units-as-group-size": (MAXOUT / "tests" / "units-as-group-size" / "maxout.py").read_text(),
    "zeros": "import numpy as np\n\n\ndef maxout(x, units):\n"
             "    return np.zeros(np.shape(x)[:-1] + (units,))\n",
    "import-error": "raise RuntimeError('half-finished homework')\n",
    "import-hangs": "while True:\n    pass\n",
    "hangs-on-one-unit": REFERENCE.replace("    x = np.asarray(x)\n",
                                           "    x = np.asarray(x)\n    while units == 1:\n        pass\n", 1),
}
CLASS = {  # student -> kind
    "ada": "correct", "ben": "correct", "cleo": "correct", "dev": "correct",
    "eli": "strided", "fay": "strided",
    "gus": "batch-mixing", "hal": "no-value-error", "ivy": "units-as-group-size", "jon": "zeros",
    "kim": "missing", "lou": "import-error", "max": "import-hangs", "nia": "hangs-on-one-unit",
}


def copy_problem(root: Path, problem_id: str) -> Path:
    """maxout under ``problem_id``, with few examples and short limits."""
    target = root / problem_id
    shutil.copytree(MAXOUT, target, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    config = (target / "problem.toml").read_text().split("[limits]")[0]
    config = config.replace('title = "Maxout"', f'title = "Maxout ({problem_id})"')
    config = re.sub(r"(?m)^max_examples = .*$", "max_examples = 8", config)
    (target / "problem.toml").write_text(
        config + "\n[limits]\nwall_seconds = 40\ncall_seconds = 2\nimport_seconds = 3\n")
    return target


def break_checks(folder: Path) -> None:
    """The two deliberate mistakes of ``maxout-wrong-key`` (see the module's docstring)."""
    public = folder / "public_checks.py"
    text = public.read_text()
    assert "expect_close(y, expected, what)" in text
    public.write_text(text.replace("expect_close(y, expected, what)", "expect_close(y, x.reshape(3, 4).max(axis=0), what)"))
    hidden = folder / "hidden_checks.py"
    text = hidden.read_text()
    assert "expect_close(y, reference(x, 1)" in text
    hidden.write_text(text.replace("expect_close(y, reference(x, 1)", "expect_close(y, [x.min()]"))


def make_class(root: Path) -> None:
    for student, kind in CLASS.items():
        folder = root / student
        folder.mkdir(parents=True)
        if kind == "missing":
            (folder / "notes.txt").write_text("nothing handed in\n")
        else:
            (folder / "maxout.py").write_text(SOURCES[kind])
