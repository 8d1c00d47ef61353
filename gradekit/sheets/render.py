"""Sheets and keys as text, through one Jinja layout per format in ``templates/``.

Each layout renders a list of sheets; ``show_key`` adds the answers. A
student's sheet is the layout over that one sheet without answers; the key is
the layout over every sheet with them. No timestamps and no dict-order
surprises: the same quiz renders to the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from gradekit.sheets.model import LETTERS, Matrix, Numbered, NumericQuestion, Part, Quiz, Sheet, Text
from gradekit.sheets.text import format_number, grid, markdown_escape, tex_escape, vector, within


def templates_path(templates_dir: Path | None = None) -> tuple[str, ...]:
    """Where sheet layouts are looked up: ``templates_dir`` (default: the course's), then the bundled ones."""
    from gradekit.course.course import CourseError, bundled_course_root, resolve_course

    folders = [Path(templates_dir)] if templates_dir is not None else []
    try:
        folders += [resolve_course().templates_dir] if templates_dir is None else []
    except CourseError:
        pass
    folders.append(bundled_course_root() / "templates")
    return tuple(dict.fromkeys(str(f.resolve()) for f in folders if f.is_dir()))


@dataclass(frozen=True)
class Format:
    template: str
    suffix: str  # of the files written


FORMATS = {
    "md": Format("sheet.md.j2", ".md"),
    "html": Format("sheet.html.j2", ".html"),
    "tex": Format("sheet.tex.j2", ".tex"),
    "moodle": Format("sheet.moodle.xml.j2", ".xml"),
}


def render(format: str, quiz: Quiz, sheets: Sequence[Sheet], *, show_key: bool,
           templates_dir: Path | None = None) -> str:
    """``sheets`` of ``quiz`` in ``format`` (md, html, tex, moodle), with the answers if ``show_key``."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")
    template = _environment(templates_path(templates_dir)).get_template(FORMATS[format].template)
    return template.render(quiz=quiz, sheets=list(sheets), show_key=show_key)


def sheet_title(quiz: Quiz, sheet: Sheet | None, show_key: bool) -> str:
    """"Quiz: ada" on a student's sheet; the key adds the seed, which a student must not see
    (with the tools and the seed, the key can be made again)."""
    name = "Quiz" if quiz.variant == "random" else "Quiz (exam numbers)"
    student = f": {sheet.student}" if sheet is not None and sheet.student else ""
    return f"{name}, seed {quiz.seed}{student} (answer key)" if show_key else f"{name}{student}"


def cloze_blanks(question: NumericQuestion) -> list[list[str]]:
    """Moodle cloze fields, one per answer number: ``{weight:NUMERICAL:=answer:tolerance}``.

    Moodle imports a cloze question at the sum of its fields' weights, which
    are whole numbers, and gives each field its weight when right. Each number
    weighs its part's points over its count of numbers (whole, as the variants
    contract requires), so the question imports at the sheet's points and its
    partial credit is ``mark-quiz``'s.
    """
    return [[f"{{{field_weight(part)}:NUMERICAL:={value!r}:{part.tolerance!r}}}" for value in part.answer]
            for part in question.parts]


def field_weight(part: Part) -> int:
    """A number's whole weight in Moodle: its share of the part's points."""
    weight = part.points / len(part.answer)
    if not weight.is_integer():  # novm (a float)
        raise ValueError(f"part {part.id}: {part.points:g} points over {len(part.answer)} numbers is no whole weight")
    return int(weight)


@cache
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=jinja2.select_autoescape(["html.j2", "xml.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=format_number, grid=grid, vector=vector, within=within, md=markdown_escape,
                       tex=tex_escape)
    env.globals.update(LETTERS=LETTERS, zip=zip, cloze_blanks=cloze_blanks, sheet_title=sheet_title)
    env.tests.update(text=lambda b: isinstance(b, Text), matrix=lambda b: isinstance(b, Matrix),
                     numbered=lambda b: isinstance(b, Numbered))
    return env
