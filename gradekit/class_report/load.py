"""The reports ``grade-all`` wrote: ``OUT/<student>.json``, read back as plain dictionaries."""

from __future__ import annotations

from pathlib import Path

from gradekit.grading.batch import GRADESCOPE_SUFFIX, REPORT_SUFFIX, read_report


class NoReports(Exception):
    """The folder holds no report of ``grade-all``."""


def load_reports(out: Path) -> dict[str, dict]:
    """Each student's report in ``out``, by student (the file's name), in name order.

    Gradescope's ``<student>.results.json`` and any JSON that is not a report are skipped.
    """
    out = Path(out)
    if not out.is_dir():
        raise NoReports(f"{out} is not a folder; give the --out folder of gradekit grade-all")
    reports = {}
    for path in sorted(out.glob(f"*{REPORT_SUFFIX}")):
        if path.name.endswith(GRADESCOPE_SUFFIX) or path.name.startswith("."):
            continue
        report = read_report(path)
        if report is not None:
            reports[path.name[: -len(REPORT_SUFFIX)]] = report
    if not reports:
        raise NoReports(f"{out} holds no student report (<student>.json); run gradekit grade-all --out {out} first")
    return reports
