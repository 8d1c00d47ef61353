"""Writing a quiz to a folder: one file per sheet, the key in the same format, and ``key.json``.

    out/sheet.md                 (no roster: one unnamed sheet)
    out/sheet-<student>.md       (a roster: one per student)
    out/key.md                   every sheet with its answers
    out/key.json                 the key as data, for ``gradekit mark-quiz``

Moodle XML is an import format, not a reading one, so ``--format moodle``
writes its human-readable key as Markdown (``key.md``).
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradekit.sheets.key import answer_template, dump_key
from gradekit.sheets.model import Quiz, Sheet
from gradekit.sheets.pdf import compile_pdf, find_engine
from gradekit.sheets.render import FORMATS, render

OUTPUT_FORMATS = (*FORMATS, "pdf")
KEY_FORMAT = {"moodle": "md"}  # the human-readable key's format, where it differs from the sheets'


def sheet_stem(sheet: Sheet) -> str:
    """``sheet-<student>``, made filename-safe; a changed id gets a hash suffix so names stay unique."""
    if not sheet.student:
        return "sheet"
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", sheet.student).strip("._") or "student"
    if safe != sheet.student:
        safe += "-" + hashlib.sha256(sheet.student.encode("utf-8")).hexdigest()[:8]
    return f"sheet-{safe}"


def write_quiz(quiz: Quiz, format: str, out_dir: Path, *, templates_dir: Path | None = None) -> list[Path]:
    """Render every sheet and the key of ``quiz`` in ``format`` into ``out_dir``; returns the files written.

    Layouts come from ``templates_dir`` (default: the course's ``templates/``), then the bundled ones.
    """
    if format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(OUTPUT_FORMATS)}")
    engine = find_engine() if format == "pdf" else None  # fail before writing anything
    source_format = "tex" if format == "pdf" else format
    key_format = KEY_FORMAT.get(format, source_format)
    documents = [(sheet_stem(sheet) + _suffix(format), source_format, [sheet], False) for sheet in quiz.sheets]
    documents.append(("key" + _suffix(KEY_FORMAT.get(format, format)), key_format, list(quiz.sheets), True))

    def produce(document) -> bytes:
        _, fmt, sheets, show_key = document
        text = render(fmt, quiz, sheets, show_key=show_key, templates_dir=templates_dir)
        if engine is not None:  # format == "pdf"
            return compile_pdf(text, engine)
        return text.encode("utf-8")

    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(len(documents), os.cpu_count() or 1) if format == "pdf" else 1  # TeX runs are processes
    with ThreadPoolExecutor(max_workers=workers) as pool:
        contents = list(pool.map(produce, documents))
    written = []
    for (name, *_), content in zip(documents, contents, strict=True):
        (out_dir / name).write_bytes(content)
        written.append(out_dir / name)
    (out_dir / "key.json").write_text(dump_key(quiz), encoding="utf-8")
    written.append(out_dir / "key.json")
    return written


def write_answer_template(quiz: Quiz, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(answer_template(quiz), encoding="utf-8")
    return path


def _suffix(format: str) -> str:
    return ".pdf" if format == "pdf" else FORMATS[format].suffix
