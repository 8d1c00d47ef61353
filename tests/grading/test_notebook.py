"""Notebook submissions count like .py modules; only their definitions run."""

import json

from gradekit.grading.notebook import definitions, module_from_notebooks
from gradekit.grading.runner import grade_submission


def write_notebook(path, *cells):
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                                           "execution_count": None, "source": c} for c in cells],
                                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def test_magics_shell_lines_and_top_level_calls_are_skipped(tmp_path):
    write_notebook(tmp_path / "hw.ipynb", "%matplotlib inline\nimport numpy as np\n!pip install x\n",
                   "%%time\nwhile True: pass\n", "def f(x):\n    return x + 1\n\nf(2)\nprint('hi')\n",
                   "LIMIT = 3\n")
    source = definitions(tmp_path / "hw.ipynb")
    assert "import numpy as np" in source and "def f(x)" in source and "LIMIT = 3" in source
    assert "while True" not in source and "print" not in source and "pip" not in source


def test_a_cell_that_does_not_parse_is_skipped_with_a_note(tmp_path):
    write_notebook(tmp_path / "hw.ipynb", "def broken(:\n", "def fine():\n    return 1\n")
    source = definitions(tmp_path / "hw.ipynb")
    assert "cell 1 skipped" in source and "def fine" in source


def test_only_a_notebook_defining_the_names_is_used(tmp_path):
    write_notebook(tmp_path / "a.ipynb", "def other():\n    pass\n")
    assert module_from_notebooks(tmp_path, ("image_entropy",)) is None
    write_notebook(tmp_path / "b.ipynb", "def image_entropy(image):\n    return 0.0\n")
    assert "def image_entropy" in module_from_notebooks(tmp_path, ("image_entropy",))


def test_a_notebook_submission_is_graded_like_a_module(tmp_path, problems, repo):
    source = (repo / "references/image_entropy.py").read_text()
    write_notebook(tmp_path / "homework.ipynb", "%load_ext autoreload\n" + source,
                   "image_entropy([[1]])\nimport time\ntime.sleep(100)\n")
    result = grade_submission(tmp_path, [problems["image-entropy"]]).problems[0]
    assert result.status == "graded"
    assert result.score == result.max_score
    assert not (tmp_path / "image_entropy.py").exists()  # the student's folder is never touched
