"""A student's notebook, as it runs on their machine: the kit's wheel in a fresh venv, a real kernel.

The kit of the sessional exam's assignment is exported; its wheel is
installed with no package index into a fresh venv, whose other packages
(numpy, torch, ipykernel, ...) are this environment's own, hard-linked rather
than downloaded; and the kit's starter notebook, filled in, is executed
headless by nbclient on an IPython kernel of that venv. Each ``check(...)``
cell's output is read back as the student would see it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "sessional-exam"
MODULES = {"maxout": "maxout", "image-entropy": "image_entropy", "tf-idf": "tf_idf"}
WRONG_MAXOUT = (REPO / "problems" / "maxout" / "tests" / "no-value-error" / "maxout.py").read_text()
KERNEL = "gradekit-kit-test"


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "kit"
    result = CliRunner().invoke(app, ["export-student", "--out", str(out), "--assignment", ASSIGNMENT])
    assert result.exit_code == 0, result.output
    return out


def link_tree(source: Path, target: Path) -> None:
    """``source``'s packages as hard links under ``target``, leaving gradekit's own install out."""
    for entry in source.iterdir():
        if entry.name.lower().startswith(("gradekit", "__editable__", "_gradekit")) or (target / entry.name).exists():
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, copy_function=os.link, symlinks=True)
        else:
            os.link(entry, target / entry.name)


@pytest.fixture(scope="module")
def student_python(kit, tmp_path_factory) -> Path:
    """A fresh venv holding gradekit from the kit's wheel; everything else is this environment's, linked."""
    root = tmp_path_factory.mktemp("venv") / "student"
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    try:
        link_tree(Path(sysconfig.get_paths()["purelib"]), site)
    except OSError as error:  # another file system: linking is what keeps this test offline and small
        pytest.skip(f"cannot hard-link this environment's packages into a fresh venv ({error})")
    wheels = sorted((kit / "wheels").glob("gradekit-*.whl"))
    assert len(wheels) == 1
    readme = (kit / "README.md").read_text()
    assert f"pip install wheels/{wheels[0].name}" in readme  # the line the student runs
    done = subprocess.run([python, "-m", "pip", "install", "--no-index", "-q", f"wheels/{wheels[0].name}"],
                          cwd=kit, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    where = subprocess.run([python, "-c", "import gradekit; print(gradekit.__file__)"], cwd=root,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site), where
    return python


@pytest.fixture(scope="module")
def kernel(student_python, tmp_path_factory, monkeypatch_module) -> str:
    """A kernel spec running ipykernel on the student's venv."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(student_python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "student", "language": "python"}))
    monkeypatch_module.setenv("JUPYTER_PATH", str(jupyter))
    return KERNEL


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def run_notebook(kit: Path, kernel: str, solutions: dict[str, str], extra_cells: list[str] = ()) -> dict[str, str]:
    """Fill the kit's starter cells with ``solutions`` (problem id -> source), run it; each check cell's HTML."""
    path = kit / "notebook" / "assignment.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        problem = cell.get("id", "").removesuffix("-starter")
        if cell.get("id", "").endswith("-starter") and problem in solutions:
            cell.source = solutions[problem]
    notebook.cells += [nbformat.v4.new_code_cell(source, id=f"extra-{i}") for i, source in enumerate(extra_cells)]
    nbclient.NotebookClient(notebook, kernel_name=kernel, timeout=600,
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], (cell.get("id"), cell.outputs)
        html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        outputs[cell.get("id")] = "".join(html) or text
    return outputs


def reference(problem: str) -> str:
    return (REPO / "references" / f"{MODULES[problem]}.py").read_text()


def rows(html: str) -> list[tuple[bool, str]]:
    """(passed, check name) of every row of a check's output."""
    return [(mark == "ok", name) for mark, name in
            re.findall(r'<span class="gk-(ok|no)">.</span></td><td class="gk-name">([^<]+)</td>', html)]


def test_a_correct_notebook_passes_every_check_cell(kit, kernel):
    outputs = run_notebook(kit, kernel, {p: reference(p) for p in MODULES},
                           ["import gradekit\nprint(gradekit.__file__)"])
    assert "/student/" in outputs["extra-0"]  # the kernel ran the wheel's gradekit, not this checkout's
    for problem in MODULES:
        found = rows(outputs[f"{problem}-check"])
        assert found and all(passed for passed, _ in found), (problem, found)
        assert f"<b>{problem}</b>" in outputs[f"{problem}-check"]
    everything = rows(outputs["check"])  # check(): the kit's assignment
    assert len(everything) == sum(len(rows(outputs[f"{p}-check"])) for p in MODULES)
    assert all(passed for passed, _ in everything)


def test_a_wrong_solution_shows_its_failing_check_and_smallest_input(kit, kernel):
    right = "import numpy as np\n" + reference("maxout").replace("def maxout(", "def right_maxout(")
    outputs = run_notebook(kit, kernel, {"maxout": WRONG_MAXOUT + "\n\n" + right + "\n\n"
                                         "globals().update(maxout=right_maxout)  # the kernel's maxout is right\n"})
    maxout = outputs["maxout-check"]
    assert [name for passed, name in rows(maxout) if not passed] == ["indivisible_length_raises_value_error"]
    # what was checked is the code, not the kernel's objects: the wrong maxout it defines
    assert "should raise ValueError, but it returned a value" in maxout
    assert re.search(r"smallest failing input: layer=\(array\(\[[^]]*\]\), \d\)", maxout)
    score, top = map(float, re.search(r"<b>maxout</b> \(Maxout\): <b>([\d.]+) / ([\d.]+)</b>", maxout).groups())
    assert 0 < score < top
    assert rows(outputs["image-entropy-check"]) and not [n for p, n in rows(outputs["image-entropy-check"]) if p]


def test_outside_jupyter_check_prints_the_rich_report_of_the_script(kit, tmp_path):
    """A plain script (no IPython): its own source is what is checked, and the terminal report is printed."""
    script = kit / "try_maxout.py"
    script.write_text(reference("maxout") + '\n\nfrom gradekit.notebook import check\n\nresult = check("maxout")\n'
                      'print("SCORE", result.score, result.max_score, len(result.checks))\n')
    try:
        run = subprocess.run([sys.executable, script.name], cwd=kit, capture_output=True, text=True, timeout=600)
    finally:
        script.unlink()
    assert run.returncode == 0, run.stderr[-3000:]
    assert "maxout" in run.stdout and "graded" in run.stdout  # the rich summary table
    score, top, checks = run.stdout.split("SCORE ")[1].split()
    assert float(score) == float(top) > 0 and int(checks) >= 3


def test_the_readme_check_command_runs_on_the_student_venv(kit, student_python):
    """The wheel without the modules that import the references still gives the student their command."""
    run = subprocess.run([student_python, "-m", "gradekit.cli", "check", ".", "--problems-dir", "problems",
                          "--problem", "maxout"], cwd=kit, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr[-3000:]  # the starters are not written yet
    assert "not implemented yet" in run.stdout and "maxout" in run.stdout
