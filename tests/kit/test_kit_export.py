"""The kit's layout, its problem.toml, notebooks and zip, and what the export refuses to write."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.grading.notebook import defined_names, module_from_notebooks
from gradekit.grading.problem import discover, load_problem, validate
from gradekit.kit.audit import KitLeak
from gradekit.kit.export import KitError, export_kit, kit_problem_toml
from gradekit.kit.notebook import SETUP
from gradekit.notebook import without_gradekit
from gradekit.kit.statement import StatementError
from gradekit.tomlfile import loads

REPO = Path(__file__).resolve().parents[2]


def test_kit_holds_readme_starters_notebook_and_each_problems_public_part(spine_kit, spine_problems):
    for problem in spine_problems:
        assert (spine_kit / f"{problem.module}.py").is_file()
        folder = spine_kit / "problems" / problem.id
        assert {"problem.toml", "statement.md", "statement.html", "public_checks.py"} <= {
            p.name for p in folder.iterdir()}
    readme = (spine_kit / "README.md").read_text()
    wheels = [p.name for p in (spine_kit / "wheels").iterdir()]
    assert len(wheels) == 1 and wheels[0].startswith("gradekit-") and wheels[0].endswith(".whl")
    assert f"pip install wheels/{wheels[0]}" in readme and "gradekit check . --problems-dir problems" in readme
    assert (spine_kit / "notebook" / "assignment.ipynb").is_file()


def test_statement_shows_the_exams_worked_example(spine_kit):
    statement = (spine_kit / "problems" / "image-entropy" / "statement.md").read_text()
    assert "0 1 2 3\n4 5 6 7\n7 6 5 4\n3 2 1 0" in statement
    assert "{{" not in statement


def test_kit_problems_are_worth_their_public_points(spine_kit, spine_problems, fresh_problem_modules):
    kit_problems = {p.id: p for p in discover(spine_kit / "problems")}
    for problem in spine_problems:
        in_kit = kit_problems[problem.id]
        validate(in_kit)  # the checks the kit holds add up to the points it states
        assert in_kit.points == sum(c.points for c in problem.checks("public")) < problem.points
        assert (in_kit.module, in_kit.names, in_kit.limits) == (problem.module, problem.names, problem.limits)


def test_kit_problem_toml_changes_points_only():
    toml = 'title = "T"\npoints = 10  # all\nmodule = "m"\n\n[limits]\npoints = 3\n'
    rewritten = kit_problem_toml(toml, 4)
    assert loads(rewritten) == {"title": "T", "points": 4, "module": "m", "limits": {"points": 3}}
    assert "with the hidden checks it is 10" in rewritten


def test_notebook_is_nbformat_4_and_defines_the_contract(spine_kit, spine_problems):
    notebook = json.loads((spine_kit / "notebook" / "assignment.ipynb").read_text())
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, 5)
    assert all({"cell_type", "id", "metadata", "source"} <= set(cell) for cell in notebook["cells"])
    for problem in spine_problems:
        module = module_from_notebooks(spine_kit / "notebook", problem.names)
        assert set(problem.names) <= defined_names(module)


def test_numpy_and_torch_problems_get_a_notebook_each(all_problems, tmp_path):
    """A notebook importing torch cannot be imported under a numpy problem's 2 GB limit."""
    mixed = [p for p in all_problems if p.id in ("gaussian-kl", "image-entropy")]
    assert sorted(p.preload for p in mixed) == [("numpy",), ("numpy", "torch")]
    kit = export_kit(mixed, tmp_path / "kit")
    assert sorted(p.name for p in (kit / "notebook").iterdir()) == ["assignment-numpy.ipynb",
                                                                   "assignment-torch.ipynb"]
    numpy_notebook = (kit / "notebook" / "assignment-numpy.ipynb").read_text()
    assert "import torch" not in numpy_notebook
    # check() would check the kit's every problem; each notebook's last cell names its own
    last = json.loads(numpy_notebook)["cells"][-1]
    assert "".join(last["source"]) == 'check("image-entropy")'


def test_notebook_has_a_check_cell_after_each_starter(spine_kit, spine_problems):
    cells = json.loads((spine_kit / "notebook" / "assignment.ipynb").read_text())["cells"]
    sources = {cell["id"]: "".join(cell["source"]) for cell in cells}
    ids = [cell["id"] for cell in cells]
    assert sources["setup"] == SETUP and ids.index("setup") < ids.index(f"{spine_problems[0].id}-starter")
    for problem in spine_problems:
        assert ids.index(f"{problem.id}-check") == ids.index(f"{problem.id}-starter") + 1
        assert sources[f"{problem.id}-check"] == f'check("{problem.id}")'
    assert ids[-1] == "check" and sources["check"] == "check()"


def test_the_grader_reads_a_checked_notebook_without_its_check_lines():
    """The grader keeps imports and assignments: the check lines must not reach the sandbox."""
    cells = without_gradekit([SETUP + "\nimport numpy as np", "def f(x):\n    check = 2\n    return x",
                              'result = check("maxout")\nN = 3', "%time y = f(1)\ncheck()", "def broken(:"])
    assert cells == ["import numpy as np", "def f(x):\n    check = 2\n    return x", "N = 3",
                     "%time y = f(1)", "def broken(:"]


def test_zip_holds_the_kit_under_one_folder_and_is_reproducible(spine_kit, spine_problems, tmp_path):
    first = export_kit(spine_problems, tmp_path / "one" / "kit", as_zip=True)
    second = export_kit(spine_problems, tmp_path / "two" / "kit.zip", as_zip=True)
    assert first.name == "kit.zip" and first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert sorted(names) == sorted(f"kit/{p.relative_to(spine_kit).as_posix()}"
                                   for p in spine_kit.rglob("*") if p.is_file())


def test_export_refuses_a_folder_in_use(spine_problems, tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "notes.txt").write_text("mine")
    with pytest.raises(KitError, match="not an empty folder"):
        export_kit(spine_problems, tmp_path / "kit")


def _copy_problem(tmp_path, problem_id: str) -> Path:
    folder = tmp_path / "problems" / problem_id
    shutil.copytree(REPO / "problems" / problem_id, folder)
    return folder


def test_export_refuses_a_public_helper_that_imports_the_reference(tmp_path):
    folder = _copy_problem(tmp_path, "image-entropy")
    strategies = folder / "strategies.py"
    strategies.write_text(strategies.read_text() + "\nfrom gradekit.calc.image_entropy import image_entropy\n")
    with pytest.raises(KitLeak, match="strategies.py ships to students but imports gradekit.calc.image_entropy"):
        export_kit([load_problem(folder)], tmp_path / "kit")
    assert not (tmp_path / "kit").exists()


def test_export_refuses_public_checks_that_need_a_hidden_module(tmp_path):
    folder = _copy_problem(tmp_path, "image-entropy")
    public = folder / "public_checks.py"
    public.write_text(public.read_text().replace("from .strategies import", "from .hidden_checks import"))
    with pytest.raises(KitLeak, match="need hidden_checks.py, which never ships"):
        export_kit([load_problem(folder)], tmp_path / "kit")


def test_export_refuses_a_statement_with_a_hole(tmp_path):
    folder = _copy_problem(tmp_path, "image-entropy")
    (folder / "statement.md.j2").write_text("{{ title }}: {{ worked_answer }}\n")
    with pytest.raises(StatementError, match="worked_answer"):
        export_kit([load_problem(folder)], tmp_path / "kit")


def test_cli_exports_comma_separated_problems_as_a_zip(tmp_path):
    result = CliRunner().invoke(app, ["export-student", "--problems", "image-entropy,tf-idf",
                                      "--out", str(tmp_path / "kit"), "--format", "zip",
                                      "--problems-dir", str(REPO / "problems")])
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(tmp_path / "kit.zip").namelist()
    assert "kit/image_entropy.py" in names and "kit/tf_idf.py" in names


def test_cli_reports_an_unknown_problem(tmp_path):
    result = CliRunner().invoke(app, ["export-student", "-p", "no-such-problem", "--out", str(tmp_path / "k"),
                                      "--problems-dir", str(REPO / "problems")])
    assert result.exit_code == 2 and "no-such-problem" in result.output


def test_the_kits_assignment_gives_each_problem_its_public_share_of_the_points():
    """In the kit, problem.toml's points are the public checks'; the assignment's points follow, so a check
    weighs in the kit's `check --assignment` what it weighs in the instructor's grade."""
    from gradekit.kit.export import kit_assignment_toml
    from gradekit.tomlfile import loads

    original = ('title = "Exam"\nproblems = [\n    {id = "maxout", points = 2},  # Q1\n    "tf-idf",\n'
                '    {id="pooling",points=5},\n]\n')
    kit = loads(kit_assignment_toml(original, {"maxout": 0.4, "tf-idf": 0.5, "pooling": 0.5}))
    assert kit["problems"] == [{"id": "maxout", "points": 0.8}, "tf-idf", {"id": "pooling", "points": 2.5}]
    assert kit["title"] == "Exam"
