"""Notebook submissions count like .py modules; only their definitions run."""

import json
import subprocess

import pytest

from gradekit.grading import notebook as notebook_module
from gradekit.grading.notebook import NotebookLimits, definitions, module_from_notebooks, read_notebooks
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


# ---------------------------------------------------------------- hostile notebooks (issue 14 §2, §3)


def load(repo, *ids):
    from gradekit.grading.problem import load_problem

    return [load_problem(repo / "problems" / problem_id) for problem_id in ids]


def test_a_notebook_nesting_200000_levels_is_a_note_not_a_crash(tmp_path, repo):
    (tmp_path / "deep.ipynb").write_text("[" * 200_000 + "]" * 200_000)
    [problem] = load(repo, "image-entropy")
    result = grade_submission(tmp_path, [problem]).problems[0]
    assert result.status == "missing"
    assert "'deep.ipynb' could not be read: its JSON nests too deeply" in result.checks[0].message


def test_a_cell_too_deep_for_ast_is_skipped_and_the_other_cells_still_count(tmp_path, repo):
    source = (repo / "references/image_entropy.py").read_text()
    write_notebook(tmp_path / "hw.ipynb", "x = " + " + ".join(["1"] * 3000) + "\n",  # RecursionError in ast
                   "y = " + "(" * 5000 + ")" * 5000 + "\n", source)
    notebooks = read_notebooks(tmp_path)
    assert notebooks[0].source is not None
    assert "cell 1 skipped" in notebooks[0].source and "cell 2 skipped" in notebooks[0].source
    [problem] = load(repo, "image-entropy")
    result = grade_submission(tmp_path, [problem]).problems[0]
    assert result.status == "graded" and result.score == result.max_score


@pytest.mark.parametrize("source", [["def f(): pass\n", 7, None], 12, {"a": 1}])
def test_cells_whose_source_is_not_text_are_read_as_what_text_they_hold(tmp_path, source):
    (tmp_path / "odd.ipynb").write_text(json.dumps({"cells": [{"cell_type": "code", "source": source}]}))
    [notebook] = read_notebooks(tmp_path)
    assert notebook.source is not None


def test_each_notebook_is_read_once_per_submission_whatever_the_number_of_problems(tmp_path, repo, monkeypatch):
    """Every missing problem re-read every notebook before (325 reads for 25 problems)."""
    write_notebook(tmp_path / "a.ipynb", "def unrelated():\n    pass\n")
    write_notebook(tmp_path / "b.ipynb", "LIMIT = 3\n")
    reads = []
    real = notebook_module._read_in_child
    monkeypatch.setattr(notebook_module, "_read_in_child",
                        lambda paths, limits: reads.append([p.name for p in paths]) or real(paths, limits))
    problems = load(repo, "image-entropy", "maxout", "tf-idf", "pooling")
    report = grade_submission(tmp_path, problems)
    assert [p.status for p in report.problems] == ["missing"] * 4
    assert reads == [["a.ipynb", "b.ipynb"]]


def test_the_notebook_size_cap_leaves_a_large_notebook_out_with_a_note(tmp_path):
    write_notebook(tmp_path / "big.ipynb", "x = 1\n" * 1000)
    [notebook] = read_notebooks(tmp_path, NotebookLimits(notebook_bytes=1000))
    assert notebook.source is None and "over 0 MB" in notebook.problem


def test_the_notebook_count_cap_reads_only_the_first(tmp_path):
    for number in range(5):
        write_notebook(tmp_path / f"n{number}.ipynb", f"x{number} = 1\n")
    notebooks = read_notebooks(tmp_path, NotebookLimits(notebooks=3))
    assert [n.source is not None for n in notebooks] == [True, True, True, False, False]
    assert "only the first 3 notebooks" in notebooks[4].problem


def test_the_memory_cap_stops_a_notebook_that_costs_too_much_to_parse(tmp_path):
    write_notebook(tmp_path / "a.ipynb", "def image_entropy(image):\n    return 0.0\n")
    write_notebook(tmp_path / "b.ipynb", "x = [" + "1, " * 2_000_000 + "]\n")  # ~1 GB of AST nodes
    write_notebook(tmp_path / "c.ipynb", "y = 1\n")
    a, b, c = read_notebooks(tmp_path, NotebookLimits(memory_mb=300))
    assert a.source is not None and "def image_entropy" in a.source
    if b.source is not None:  # the child caught its MemoryError: the cell is skipped, the rest goes on
        assert "cell 1 skipped: it could not be read (MemoryError)" in b.source
        assert c.source is not None
    else:  # the child was killed: the notebooks after it are not read at its cost again
        assert "memory" in b.problem and "not read" in c.problem


def test_the_time_cap_turns_a_slow_read_into_a_note(tmp_path, monkeypatch):
    write_notebook(tmp_path / "slow.ipynb", "x = 1\n")

    def too_slow(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], kwargs["timeout"], output=b"")

    monkeypatch.setattr(notebook_module.subprocess, "run", too_slow)
    [notebook] = read_notebooks(tmp_path, NotebookLimits(seconds=7))
    assert notebook.source is None and "more than 7 s" in notebook.problem


def test_the_notebook_caps_are_what_docs_security_says(repo):
    text = (repo / "docs" / "security.md").read_text()
    limits = notebook_module.LIMITS
    assert f"{limits.notebook_bytes // 2**20} MB" in text and f"{limits.memory_mb:,} MB" in text
    assert f"{limits.seconds:g} s" in text and f"{limits.notebooks} notebooks" in text
