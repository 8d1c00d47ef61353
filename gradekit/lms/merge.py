"""``merge-marks``'s I/O: hand marks into the reports of ``grade-all``'s output folder, and grades.csv again."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gradekit.lms.hand_marks import HandMark, MarksError, merged_report, parse_marks


@dataclass
class Merged:
    students: list[str] = field(default_factory=list)  # whose reports now hold their hand marks
    unmarked: list[str] = field(default_factory=list)  # reports the file gives no mark
    csv: Path | None = None


def read_marks(path: Path) -> list[HandMark]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MarksError(f"{path}: cannot be read ({error})") from None
    return parse_marks(text, str(path))


def merge_marks(out: Path, marks: list[HandMark]) -> Merged:
    """Merge ``marks`` into the reports in ``out``, all or nothing: every fault is found before a file is written.

    Holds ``out`` as ``grade-all`` does (one writer at a time). Raises
    ``MarksError`` (a student with no report, a clash), ``OutputInUse`` or ``OutputError``.
    """
    from gradekit.grading.batch import REPORT_SUFFIX, read_report, student_name, write_csv
    from gradekit.grading.output import exclusive, write_atomically

    out = Path(out)
    by_student: dict[str, list[HandMark]] = {}
    for mark in marks:
        by_student.setdefault(student_name(Path(mark.student)), []).append(mark)
    with exclusive(out):
        found = {student: read_report(out / f"{student}{REPORT_SUFFIX}") for student in by_student}
        unknown = sorted(student for student, report in found.items() if report is None)
        if unknown:
            raise MarksError(f"no report in {out} for: {', '.join(unknown)} (a typo, or not graded yet?)")
        reports = {student: report for student, report in found.items() if report is not None}
        faults, merged = [], {}
        for student, report in reports.items():
            try:
                merged[student] = merged_report(report, by_student[student])
            except MarksError as error:
                faults.append(f"{student}: {error}")
        if faults:
            raise MarksError("\n".join(faults))
        for student, report in merged.items():
            write_atomically(out / f"{student}{REPORT_SUFFIX}", json.dumps(report, indent=2))
        result = Merged(students=sorted(merged))
        everyone = {p.name[:-len(REPORT_SUFFIX)] for p in out.glob(f"*{REPORT_SUFFIX}")
                    if not p.name.endswith(".results.json") and read_report(p) is not None}
        result.unmarked = sorted(everyone - set(merged))
        stamp = _common_stamp(merged.values())
        problem_ids = list(dict.fromkeys(p["id"] for r in merged.values() for p in r["problems"]))
        result.csv = write_csv(out, problem_ids, stamp=stamp)
    return result


def _common_stamp(reports) -> dict | None:
    """The grading stamp most merged reports share (assignment, problems, fingerprint), for grades.csv's rows."""
    stamps = Counter(json.dumps({k: r["grading"][k] for k in ("assignment", "problems", "fingerprint")}, sort_keys=True)
                     for r in reports if isinstance(r.get("grading"), dict)
                     and all(k in r["grading"] for k in ("assignment", "problems", "fingerprint")))
    return json.loads(stamps.most_common(1)[0][0]) if stamps else None
