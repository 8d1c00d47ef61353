"""``assignments/<name>.toml``: one typed object, clear errors, and the late penalty's arithmetic."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gradekit.course import bundled_course_root
from gradekit.course.assignment import (AssignmentError, LatePolicy, days_late, discover_assignments,
                                        find_assignment, load_assignment, parse_time)
from gradekit.grading.problem import discover

IST = timezone(timedelta(hours=5, minutes=30))
COURSE = bundled_course_root()


def write(tmp_path: Path, text: str, name: str = "hw") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return path


def test_a_full_assignment_reads_into_typed_fields(tmp_path):
    task = load_assignment(write(tmp_path, '''
        title = "Homework 2"
        problems = ["maxout", {id = "pooling", points = 4}]
        due = 2024-09-06T23:59:00+05:30
        show_hidden_after_due = true
        [late]
        policy = "per-day"
        per_day = 0.1
        cap = 0.3
    '''))
    assert task.name == "hw" and task.title == "Homework 2"
    assert task.problem_ids == ["maxout", "pooling"]
    assert task.points_of("maxout") is None and task.points_of("pooling") == 4.0
    assert task.due == datetime(2024, 9, 6, 23, 59, tzinfo=IST)
    assert task.late == LatePolicy("per-day", 0.1, 0.3) and task.show_hidden_after_due


def test_a_local_due_date_takes_the_named_time_zone(tmp_path):
    task = load_assignment(write(tmp_path, 'title = "t"\nproblems = ["maxout"]\n'
                                           'due = 2024-04-30T23:59:00\ntimezone = "Asia/Kolkata"\n'))
    assert task.due.utcoffset() == timedelta(hours=5, minutes=30)
    assert task.late.policy == "none" and task.penalty(task.due + timedelta(days=9)) == 0


@pytest.mark.parametrize("text, why", [
    ('problems = ["a"]', "'title' must be"),
    ('title = "t"', "'problems' must be a non-empty list"),
    ('title = "t"\nproblems = []', "non-empty list"),
    ('title = "t"\nproblems = ["a", "a"]', "listed twice: a"),
    ('title = "t"\nproblems = [{id = "a", points = 0}]', "points must be a positive number"),
    ('title = "t"\nproblems = [{id = "a", pts = 3}]', "unknown key\\(s\\) pts"),
    ('title = "t"\nproblems = [3]', "an id or a table"),
    ('title = "t"\nproblems = ["a"]\ndue_date = 2024-01-01T00:00:00Z', "unknown key\\(s\\) due_date"),
    ('title = "t"\nproblems = ["a"]\ndue = 2024-01-01T00:00:00', "no time zone"),
    ('title = "t"\nproblems = ["a"]\ndue = 2024-01-01', "needs a time of day"),
    ('title = "t"\nproblems = ["a"]\ndue = 2024-01-01T00:00:00\ntimezone = "Mars/Base"', "unknown time zone"),
    ('title = "t"\nproblems = ["a"]\ndue = 2024-01-01T00:00:00Z\ntimezone = "UTC"', "keep one"),
    ('title = "t"\nproblems = ["a"]\ntimezone = "UTC"', "no 'due' date"),
    ('title = "t"\nproblems = ["a"]\n[late]\npolicy = "weekly"', "unknown policy 'weekly'"),
    ('title = "t"\nproblems = ["a"]\n[late]\npolicy = "per-day"', "needs per_day"),
    ('title = "t"\nproblems = ["a"]\n[late]\nper_day = 10', "between 0 and 1"),
    ('title = "t"\nproblems = ["a"]\n[late]\npolicy = "cutoff"\ncap = 0.5', "only apply to policy"),
    ('title = "t"\nproblems = ["a"]\nshow_hidden_after_due = "yes"', "true or false"),
    ('title = "t"\nproblems = ["a"', "not valid TOML"),
])
def test_a_mistake_in_an_assignment_file_is_named(tmp_path, text, why):
    with pytest.raises(AssignmentError, match=why) as raised:
        load_assignment(write(tmp_path, text))
    assert "hw.toml" in str(raised.value)


def test_an_unknown_assignment_lists_the_known_ones(tmp_path):
    write(tmp_path, 'title = "t"\nproblems = ["a"]', "hw1")
    with pytest.raises(AssignmentError, match="unknown assignment 'hw9'; known: hw1"):
        find_assignment(tmp_path, "hw9")
    assert find_assignment(tmp_path, str(tmp_path / "hw1.toml")).name == "hw1"


@pytest.mark.parametrize("late_by, days", [(timedelta(0), 0), (timedelta(seconds=-5), 0), (timedelta(seconds=1), 1),
                                           (timedelta(days=1), 1), (timedelta(days=1, seconds=1), 2)])
def test_a_started_day_counts_as_a_day(late_by, days):
    assert days_late(late_by) == days


def test_per_day_penalty_grows_to_its_cap():
    policy = LatePolicy("per-day", per_day=0.1, cap=0.25)
    assert [policy.penalty(timedelta(days=d, seconds=-1)) for d in (0, 1, 2, 3, 9)] == [0, 0.1, 0.2, 0.25, 0.25]


def test_a_cutoff_takes_everything_from_the_first_second_late():
    policy = LatePolicy("cutoff")
    assert policy.penalty(timedelta(0)) == 0 and policy.penalty(timedelta(seconds=1)) == 1


def test_submission_times_need_an_offset_unless_a_zone_is_known():
    with pytest.raises(AssignmentError, match="no time zone"):
        parse_time("2024-09-07T10:00:00", None, "row 2")
    assert parse_time("2024-09-07T10:00:00Z", None, "x").utcoffset() == timedelta(0)
    assert parse_time("2024-09-07 10:00", IST, "x") == datetime(2024, 9, 7, 10, tzinfo=IST)
    with pytest.raises(AssignmentError, match="not an ISO 8601 time"):
        parse_time("next tuesday", IST, "x")


SEEDS = {  # the course material's assignments (/work/shared/course) and the problems each one asks for
    "ae-gan-vae": ["denoising-autoencoder", "toy-gan", "gan-losses", "dcgan", "frechet-distance", "vae",
                              "inception-score"],
    "vae-gan-diffusion": ["vae", "gan-losses", "dcgan", "ddpm-forward", "ddpm", "latent-arithmetic",
                                   "cycle-loss", "cyclegan"],
    "sessional-exam": ["maxout", "image-entropy", "tf-idf"],
    "gan-vae-quiz": ["reparameterize", "gan-losses", "gaussian-kl"],
}


def test_the_bundled_course_ships_the_seeds_assignments_with_problems_that_exist():
    tasks = {task.name: task for task in discover_assignments(COURSE / "assignments")}
    assert {name: task.problem_ids for name, task in tasks.items()} == SEEDS
    known = {p.id for p in discover(COURSE / "problems")}
    for task in tasks.values():
        assert set(task.problem_ids) <= known, task.name
        assert task.due is None or task.due.tzinfo is not None
    exam = tasks["sessional-exam"]  # the exam's marks: Q1.9 is 2, Q2a and Q3a are 5 each
    assert [(p.id, p.points) for p in exam.problems] == [("maxout", 2), ("image-entropy", 5), ("tf-idf", 5)]
    assert exam.late.policy == "cutoff"
