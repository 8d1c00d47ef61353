"""The class report's statistics on hand-written reports, where every number can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from gradekit.class_report.statistics import (CHECK_ERROR, EVERYBODY_PASSES, NEGATIVE_DISCRIMINATION,
                                              NOBODY_PASSES, class_statistics, common_failure, histogram)


def check(name: str, passed: bool, points: float = 1.0, message: str | None = None) -> dict:
    return {"name": name, "score": points if passed else 0.0, "max_score": points, "visibility": "public",
            "passed": passed, "message": message or (name if passed else f"{name}: wrong")}


def report(problems: list[dict], **extra) -> dict:
    score = sum(c["score"] for p in problems for c in p["checks"])
    top = sum(c["max_score"] for p in problems for c in p["checks"])
    return {"submission": "x", "score": score, "max_score": top, "problems": problems, **extra}


def problem(pid: str, checks: list[dict], status: str = "graded", **extra) -> dict:
    return {"id": pid, "score": sum(c["score"] for c in checks), "max_score": sum(c["max_score"] for c in checks),
            "status": status, "checks": checks, **extra}


def five_students() -> dict[str, dict]:
    """Three checks: ``sound`` passed by the strong students, ``inverted`` by the weak, ``warmup`` by all."""
    passes = {  # student -> (sound, inverted, warmup, other problem's points out of 4)
        "a": (True, False, True, 4), "b": (True, False, True, 3), "c": (True, True, True, 2),
        "d": (False, True, True, 1), "e": (False, True, True, 0),
    }
    reports = {}
    for student, (sound, inverted, warmup, other) in passes.items():
        other_checks = [check(f"o{i}", i < other) for i in range(4)]
        reports[student] = report([
            problem("p", [check("sound", sound, 2), check("inverted", inverted), check("warmup", warmup)]),
            problem("q", other_checks, seconds=1.0 + other)])
    return reports


def test_pass_rate_is_the_share_of_graded_students_passing():
    stats = class_statistics(five_students())
    rates = {c.name: c.pass_rate for c in stats.checks}
    assert rates["sound"] == pytest.approx(3 / 5) and rates["inverted"] == pytest.approx(3 / 5)
    assert rates["warmup"] == 1.0 and rates["o0"] == pytest.approx(4 / 5)


def test_discrimination_is_the_corrected_item_total_correlation():
    reports = five_students()
    stats = class_statistics(reports)
    by_name = {c.name: c for c in stats.checks}
    # worked by hand: passing `sound` against the total without sound's own points
    passed = np.array([1, 1, 1, 0, 0], dtype=float)
    rest = np.array([r["score"] for r in reports.values()]) - 2 * passed
    assert by_name["sound"].discrimination == pytest.approx(np.corrcoef(passed, rest)[0, 1])
    assert by_name["sound"].discrimination > 0.8
    assert by_name["inverted"].discrimination < -0.5
    assert by_name["warmup"].discrimination is None  # everybody passes: no variance to correlate


def test_the_uncorrected_correlation_would_differ_so_the_item_is_left_out():
    """A check worth most of the score correlates with a total that contains it; with the rest, not at all."""
    reports = {}
    for student, (big, small) in {"a": (True, False), "b": (True, True), "c": (False, False),
                                  "d": (False, True)}.items():
        reports[student] = report([problem("p", [check("big", big, 10), check("small", small)])])
    big = next(c for c in class_statistics(reports).checks if c.name == "big")
    assert big.discrimination == pytest.approx(0.0, abs=1e-12)


def test_flags_nobody_everybody_negative_and_a_check_that_errs():
    reports = five_students()
    for student, r in reports.items():
        r["problems"][0]["checks"].append(check("impossible", False))
        message = "erring: internal error in this check (KeyError: 'x'); please tell your instructor"
        r["problems"][0]["checks"].append(check("erring", student != "a", message=None if student != "a" else message))
    flags = {c.name: c.flags for c in class_statistics(reports).checks}
    assert flags["sound"] == ()
    assert flags["inverted"] == (NEGATIVE_DISCRIMINATION,)
    assert flags["warmup"] == (EVERYBODY_PASSES,)
    assert flags["impossible"] == (NOBODY_PASSES,)
    assert CHECK_ERROR in flags["erring"]


def test_missing_and_errored_students_count_in_the_statuses_not_in_the_item_analysis():
    reports = five_students()
    reports["f"] = report([problem("p", [check("sound", False, 2), check("inverted", False),
                                         check("warmup", False)], status="missing"),
                           problem("q", [check(f"o{i}", False) for i in range(4)], status="error")])
    stats = class_statistics(reports)
    p = next(d for d in stats.problems if d.id == "p")
    assert (p.statuses.graded, p.statuses.missing, p.statuses.errored, p.statuses.timed_out) == (5, 1, 0, 0)
    assert p.students == 6 and p.mean == pytest.approx(sum(p.scores) / 6)  # the missing 0 is a grade
    sound = next(c for c in stats.checks if c.name == "sound")
    assert sound.attempted == 5 and sound.pass_rate == pytest.approx(3 / 5)


def test_a_report_the_grader_failed_on_is_left_out_and_listed():
    reports = five_students()
    failed = report([problem("p", [check("sound", False, 2)], status="error")],
                    grader_error="the grader failed on this submission (OSError: disk full); it will be retried")
    reports["z"] = failed
    stats = class_statistics(reports)
    assert stats.students == 5 and stats.grader_errors == ("z",)
    assert [(i.student, i.kind) for i in stats.incidents] == [("z", "grader error")]
    assert "z" not in str(stats.total.scores) and stats.total.students == 5


def test_limits_and_timeouts_are_incidents():
    reports = five_students()
    reports["a"]["problems"][0]["checks"][1] = check(
        "inverted", False, message="inverted: your code did not answer within 2 s (an infinite loop, ...)")
    reports["b"]["problems"][1]["status"] = "timeout"
    incidents = {(i.student, i.problem, i.kind) for i in class_statistics(reports).incidents}
    assert incidents == {("a", "p", "limit"), ("b", "q", "timeout")}


def test_the_most_common_failure_groups_messages_that_differ_only_in_numbers():
    description = "maxout matches the reference"
    messages = [f"{description}: maxout([{i}, 2], 1) is [{i}], expected [2]" for i in range(3)]
    messages += [f"{description}: maxout raised ValueError"] * 2
    failure = common_failure(messages, description)
    assert failure.count == 3 and failure.failures == 5
    assert failure.message.startswith("maxout([") and not failure.message.startswith(description)
    assert common_failure([]) is None


def test_histogram_has_a_bar_per_point_for_whole_scores_and_even_bins_otherwise():
    whole = histogram(np.array([0, 3, 3, 10.0]), 10)
    assert len(whole.counts) == 11 and whole.counts[3] == 2 and sum(whole.counts) == 4
    assert whole.edges[0] == -0.5 and whole.edges[-1] == 10.5
    halves = histogram(np.array([0.5, 7.25, 10.0]), 10)
    assert len(halves.counts) == 20 and sum(halves.counts) == 3 and halves.counts[-1] == 1


def test_problem_time_per_student_and_the_slowest_first():
    stats = class_statistics(five_students())
    q = next(d for d in stats.problems if d.id == "q")
    assert q.seconds_per_student == pytest.approx(3.0)  # 1 + (4 + 3 + 2 + 1 + 0) / 5
    assert [d.id for d in stats.slowest] == ["q"]  # p records no time


def test_assignments_recorded_in_the_reports_have_their_grades_late_penalty_included():
    reports = five_students()
    for student, r in reports.items():
        r["assignment"] = {"name": "hw1" if student in "abc" else "hw2", "title": "Homework", "due": None}
    reports["a"]["score"] = reports["a"]["score"] / 2  # late: half the points
    stats = class_statistics(reports)
    hw1, hw2 = stats.assignments
    assert (hw1.id, hw1.title, hw1.students, hw2.students) == ("hw1", "Homework", 3, 2)
    assert hw1.scores == (3.5, 6.0, 6.0) and hw1.max_score == 8  # a: 7 points, halved
    # the late penalty is a grade, not a skill: the item analysis reads the points earned
    assert stats.checks == class_statistics(five_students()).checks


def test_json_shape():
    shape = class_statistics(five_students()).to_json()
    assert set(shape) >= {"problems", "checks", "total", "incidents", "slowest", "students"}
    first = shape["checks"][0]
    assert set(first) >= {"problem", "name", "pass_rate", "discrimination", "flags"}
    assert first["problem"] == "p" and first["name"] == "sound" and first["flags"] == []
    problem_shape = shape["problems"][0]
    assert set(problem_shape) >= {"id", "mean", "median", "histogram", "missing", "errored", "timed_out"}
