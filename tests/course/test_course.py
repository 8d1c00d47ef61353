"""Which course a command uses, decided once for every verb; a course folder of one's own."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.course import CourseError, bundled_course_root, load_course, resolve_course, resolve_problems_dir
from gradekit.course.scaffold import init_course

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working directory with no course.toml above it, and no course in the environment."""
    monkeypatch.delenv("GRADEKIT_COURSE", raising=False)
    monkeypatch.delenv("GRADEKIT_PROBLEMS", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def small_course(root: Path, title: str = "Small") -> Path:
    """A course of one problem (maxout, copied from the bundled course)."""
    init_course(root, empty=True, title=title)
    bundled = bundled_course_root()
    import shutil

    shutil.copytree(bundled / "problems" / "maxout", root / "problems" / "maxout",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(bundled / "references" / "maxout.py", root / "references" / "maxout.py")
    return root


def test_the_bundled_course_is_used_where_no_other_is_named(elsewhere):
    course = resolve_course()
    assert course.source == "bundled" and course.root == bundled_course_root()
    assert course.title == "Generative AI"


def test_course_option_beats_the_environment_which_beats_upward_search(elsewhere, monkeypatch):
    a, b, c = (small_course(elsewhere / name, name) for name in ("a", "b", "c"))
    monkeypatch.chdir(c / "problems")
    assert resolve_course().root == c.resolve() and resolve_course().source == "found upward"
    monkeypatch.setenv("GRADEKIT_COURSE", str(b))
    assert resolve_course().root == b.resolve()
    assert resolve_course(a).root == a.resolve() and resolve_course(a).source == "--course"


def test_a_folder_without_course_toml_is_a_clear_error(elsewhere):
    with pytest.raises(CourseError, match="gradekit init"):
        resolve_course(elsewhere)
    result = runner.invoke(app, ["list", "--course", str(elsewhere)])
    assert result.exit_code == 2 and "no course.toml" in result.output


@pytest.mark.parametrize("text, why", [("title = 3", "title"), ("title = 'x'\ntitel = 'y'", "unknown key"),
                                       ("title = ", "course.toml")])
def test_a_broken_course_toml_names_the_fault(elsewhere, text, why):
    (elsewhere / "course.toml").write_text(text)
    with pytest.raises(CourseError, match=why):
        load_course(elsewhere)


def test_list_shows_the_course_of_the_working_directory(elsewhere):
    small_course(elsewhere / "mine")
    os.chdir(elsewhere / "mine")
    listed = json.loads(invoke("list", "--format", "json").stdout)
    assert [p["id"] for p in listed["problems"]] == ["maxout"]


def test_a_student_kit_folder_uses_its_own_problems(elsewhere):
    (elsewhere / "problems").mkdir()
    import shutil

    shutil.copytree(bundled_course_root() / "problems" / "pooling", elsewhere / "problems" / "pooling")
    assert resolve_problems_dir(resolve_course()) == elsewhere / "problems"
    listed = json.loads(invoke("list", "--format", "json").stdout)
    assert [p["id"] for p in listed["problems"]] == ["pooling"]


def test_problems_dir_and_its_environment_variable_still_win(elsewhere, monkeypatch):
    small_course(elsewhere / "mine")
    course = resolve_course(elsewhere / "mine")
    assert resolve_problems_dir(course, elsewhere / "x") == elsewhere / "x"
    monkeypatch.setenv("GRADEKIT_PROBLEMS", str(elsewhere / "y"))
    assert resolve_problems_dir(course) == elsewhere / "y"


def test_init_copies_the_bundled_course(elsewhere):
    result = invoke("init", elsewhere / "copy")
    assert result.exit_code == 0, result.output
    copy = load_course(elsewhere / "copy")
    bundled = bundled_course_root()
    for folder in ("problems", "references", "assignments", "questions", "templates"):
        names = sorted(p.name for p in (bundled / folder).iterdir() if p.name != "__pycache__")
        assert sorted(p.name for p in (copy.root / folder).iterdir()) == names, folder
    assert copy.title == "Generative AI"


def test_init_empty_has_the_layout_and_the_sheet_templates_only(elsewhere):
    assert invoke("init", elsewhere / "new", "--empty", "--title", 'Say "hi"').exit_code == 0
    course = load_course(elsewhere / "new")
    assert course.title == 'Say "hi"'
    assert not any(course.problems_dir.iterdir()) and not any(course.assignments_dir.iterdir())
    assert (course.templates_dir / "sheet.md.j2").is_file()


def test_init_refuses_a_folder_in_use(elsewhere):
    (elsewhere / "used").mkdir()
    (elsewhere / "used" / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["init", str(elsewhere / "used")])
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert (elsewhere / "used" / "notes.txt").read_text() == "mine"


def test_a_courses_own_reference_shadows_the_bundled_one(elsewhere):
    """gradekit.calc follows the course of the problem being loaded: the course's file first."""
    import importlib

    from gradekit.course import use_references

    course = small_course(elsewhere / "mine")
    (course / "references" / "maxout.py").write_text("def maxout(x, units):\n    return 'the course copy'\n")
    try:
        use_references(course / "references")
        import gradekit.calc.maxout as ours

        assert ours.maxout(None, 1) == "the course copy"
        import gradekit.calc.pooling as bundled_only  # not in the course: the bundled reference

        assert Path(bundled_only.__file__).parent == bundled_course_root() / "references"
    finally:
        use_references(bundled_course_root() / "references")
    assert importlib.import_module("gradekit.calc.maxout").maxout([1.0, 2.0], 1).tolist() == [2.0]


def test_a_verb_is_a_keyword_only_function_tests_can_call(elsewhere, capsys):
    """cli.py only wires typer to these: the shared options are plain keyword arguments."""
    from gradekit.commands.list import ListFormat, list_problems

    small_course(elsewhere / "mine")
    list_problems(course=elsewhere / "mine", format=ListFormat.json)
    assert [p["id"] for p in json.loads(capsys.readouterr().out)["problems"]] == ["maxout"]
    with pytest.raises(TypeError):
        list_problems(None)  # keyword-only
