"""``gradekit quiz`` and ``gradekit mark-quiz`` as a user types them."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.sheets.pdf import TexError, find_engine

SAMPLE_BANK = Path(__file__).resolve().parent / "data" / "bank"
runner = CliRunner()
QUESTIONS = "image-entropy:1,tf-idf:1,sample:3"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("student,name\nada,Ada\nbob,Bob\nchen,Chen\n")
    return path


def make_quiz(tmp_path, roster, *extra):
    out = tmp_path / "sheets"
    result = invoke("quiz", "--seed", 7, "--out", out, "--roster", roster, "--questions", QUESTIONS,
                    "--bank-dir", SAMPLE_BANK, "--answer-template", tmp_path / "answers.csv", *extra)
    assert result.exit_code == 0, result.output
    return out


def fill_with_key(tmp_path, key: dict, wrong: tuple[str, str] | None = None):
    """The answer CSV with every answer from the key (and ``wrong`` = (student, id) made wrong)."""
    template = (tmp_path / "answers.csv").read_text().splitlines()
    columns = template[0].split(",")[1:]
    lines = [template[0]]
    for sheet in key["sheets"]:
        answers = {q["id"]: q for q in sheet["questions"]}
        cells = []
        for column in columns:
            answer = answers[column]["answer"]
            if (sheet["student"], column) == wrong:
                answer = answer + 1 if not isinstance(answer, (str, bool)) else answer
                answer = not answer if isinstance(answer, bool) else answer
            cells.append(("T" if answer else "F") if isinstance(answer, bool) else str(answer))
        lines.append(",".join([sheet["student"], *cells]))
    path = tmp_path / "filled.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_quiz_writes_a_sheet_per_student_the_key_and_key_json(tmp_path, roster):
    out = make_quiz(tmp_path, roster, "--format", "md")
    assert sorted(p.name for p in out.iterdir()) == ["key.json", "key.md", "sheet-ada.md", "sheet-bob.md",
                                                     "sheet-chen.md"]
    key = json.loads((out / "key.json").read_text())
    assert set(key) == {"seed", "variant", "sheets"} and key["seed"] == 7
    assert [s["student"] for s in key["sheets"]] == ["ada", "bob", "chen"]
    for question in key["sheets"][0]["questions"]:
        assert {"id", "problem", "answer", "tolerance", "points"} <= set(question)
    assert (tmp_path / "answers.csv").read_text().splitlines() == [
        "student,q1,q2a,q2b,q2c,q4,q5", "ada,,,,,,", "bob,,,,,,", "chen,,,,,,"]


def test_the_same_seed_writes_the_same_bytes(tmp_path, roster):
    first = make_quiz(tmp_path / "a", roster, "--format", "html")
    second = make_quiz(tmp_path / "b", roster, "--format", "html")
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_mark_quiz_gives_the_keys_answers_full_marks_and_a_wrong_one_loses_its_points(tmp_path, roster):
    out = make_quiz(tmp_path, roster)
    key = json.loads((out / "key.json").read_text())
    answers = fill_with_key(tmp_path, key, wrong=("bob", "q2b"))
    result = invoke("mark-quiz", answers, "--key", out / "key.json", "--format", "json")
    assert result.exit_code == 0, result.output
    marks = {s["student"]: s for s in json.loads(result.stdout)["students"]}
    assert marks["ada"]["score"] == marks["chen"]["score"] == 11
    assert marks["ada"]["max_score"] == 13  # the short answer's 2 points count, 0 until marked by hand (--marks)
    lost = [q["id"] for q in marks["bob"]["questions"] if not q["correct"] and not q.get("hand_marked")]
    assert lost == ["q2b"] and marks["bob"]["score"] == 10  # IDF is worth 1 point


def test_mark_quiz_reports_a_malformed_cell_and_still_marks_everyone(tmp_path, roster):
    out = make_quiz(tmp_path, roster)
    answers = fill_with_key(tmp_path, json.loads((out / "key.json").read_text()))
    lines = answers.read_text().splitlines()
    lines[2] = lines[2].replace("bob,", "bob,oops", 1)
    answers.write_text("\n".join(lines) + "\n")
    result = invoke("mark-quiz", answers, "--key", out / "key.json", "--format", "csv")
    assert result.exit_code == 1
    assert "row 3, column 'q1'" in result.stderr and "'oops" in result.stderr
    rows = result.stdout.splitlines()
    assert rows[0] == "student,score,max_score,q1,q2a,q2b,q2c,q3,q4,q5"  # q3: the short answer, marked by hand
    assert rows[1].startswith("ada,11,13") and rows[2].startswith("bob,7,13,0,") and rows[3].startswith("chen,11")


def test_mark_quiz_rich_prints_a_table(tmp_path, roster):
    out = make_quiz(tmp_path, roster)
    result = invoke("mark-quiz", tmp_path / "answers.csv", "--key", out / "key.json")
    assert result.exit_code == 0 and "0 / 13" in result.stdout


def test_quiz_errors_are_clear(tmp_path):
    result = invoke("quiz", "--seed", 1, "--out", tmp_path, "--questions", "nosuch:1", "--bank-dir", SAMPLE_BANK)
    assert result.exit_code == 2 and "unknown question source 'nosuch'" in result.stderr


def test_exam_variant_key_holds_the_worked_answers(tmp_path):
    result = invoke("quiz", "--seed", 1, "--out", tmp_path, "--variant", "exam", "--bank-dir", SAMPLE_BANK,
                    "--questions", "image-entropy,tf-idf,maxout,pooling")
    assert result.exit_code == 0, result.output
    (sheet,) = json.loads((tmp_path / "key.json").read_text())["sheets"]
    answers = {q["id"]: q["answer"] for q in sheet["questions"]}
    assert answers["q1"] == 3.0
    assert round(answers["q2a"], 3) == 0.111 and round(answers["q2b"], 3) == 0.511
    assert round(answers["q2c"], 3) == 0.057
    assert answers["q3"] == [3, 6, 1, 9]
    assert answers["q4a"] == [13, 22, 17, 4] and answers["q4b"] == [7, 15.5, 9, 2.5]  # row-major 2x2


def test_pdf_without_a_tex_engine_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GRADEKIT_TEX", raising=False)
    result = invoke("quiz", "--seed", 1, "--out", tmp_path / "out", "--format", "pdf", "--questions",
                    "image-entropy", "--bank-dir", SAMPLE_BANK)
    assert result.exit_code == 2 and "texlive-latex-base" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing is written when the PDF cannot be made"


def test_pdf_sheets_compile_and_are_reproducible(tmp_path, roster):
    try:
        find_engine()
    except TexError:
        pytest.skip("no TeX engine (CI installs texlive-latex-base)")
    first = make_quiz(tmp_path / "a", roster, "--format", "pdf")
    second = make_quiz(tmp_path / "b", roster, "--format", "pdf")
    assert sorted(p.name for p in first.iterdir()) == ["key.json", "key.pdf", "sheet-ada.pdf", "sheet-bob.pdf",
                                                       "sheet-chen.pdf"]
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    assert (first / "key.pdf").read_bytes().startswith(b"%PDF")


def test_mark_quiz_at_80_columns_never_cuts_a_student_id(tmp_path):
    """Many questions and long ids at 80 columns: the question columns wrap into more tables, the ids stay whole."""
    students = ["student-with-a-long-id-0001", "student-with-a-long-id-0002", "[red]bob"]
    roster = tmp_path / "roster.csv"
    roster.write_text("student\n" + "\n".join(students) + "\n")
    out = tmp_path / "sheets"
    result = invoke("quiz", "--seed", 7, "--out", out, "--roster", roster, "--bank-dir", SAMPLE_BANK,
                    "--questions", "image-entropy:2,tf-idf:2,ddpm-forward:1,pooling:1,sample:3",
                    "--answer-template", tmp_path / "answers.csv")
    assert result.exit_code == 0, result.output
    key = json.loads((out / "key.json").read_text())
    columns = (tmp_path / "answers.csv").read_text().splitlines()[0].split(",")[1:]
    rows = ["student," + ",".join(columns)]
    for sheet in key["sheets"]:
        given = {q["id"]: q["answer"] for q in sheet["questions"]}
        if sheet["student"] == students[1]:
            given["q6a"] = given["q6a"][:3] + [-1]  # 3 of the 4 max-pooled numbers right: 3 points of 4
        cells = [" ".join(map(str, a)) if isinstance(a, list) else ("T" if a else "F") if isinstance(a, bool)
                 else str(a) for a in (given[c] for c in columns)]
        rows.append(",".join([sheet["student"], *cells]))
    answers = tmp_path / "filled.csv"
    answers.write_text("\n".join(rows) + "\n")

    result = runner.invoke(app, ["mark-quiz", str(answers), "--key", str(out / "key.json")],
                           env={"COLUMNS": "80"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert max(map(len, printed)) <= 80
    for student in students:
        assert sum(student in line for line in printed) >= 2, f"{student} cut or missing: every table names it"
    assert "q1" in result.stdout and "q9" in result.stdout and "quiz marks, q1 to" in result.stdout
    assert any("3" in line and students[1] in line for line in printed), "3 of 4 numbers right show 3 points"
