"""Grading a submission's problems in several processes changes nothing but the time it takes."""

from collections import Counter

import pytest

from gradekit.grading.report import to_json
from gradekit.grading.runner import grade_submission

SPINE = ("image-entropy", "tf-idf", "maxout", "pooling")


@pytest.fixture(scope="module")
def spine(problems):
    return [problems[name] for name in SPINE]


def test_two_processes_give_the_serial_report_in_the_problems_order(repo, spine):
    submission = repo / "examples" / "student"
    serial = grade_submission(submission, spine, jobs=1)
    parallel = grade_submission(submission, spine, jobs=2)
    assert [p.id for p in parallel.problems] == list(SPINE)
    assert to_json(parallel) == to_json(serial)
    assert 0 < parallel.score < parallel.max_score  # partly wrong, so the comparison means something


def test_progress_hears_of_every_check_once_from_every_process(repo, spine):
    heard = Counter()
    report = grade_submission(repo / "references", spine, jobs=3,
                              on_check=lambda problem, result: heard.update([(problem.id, result.name)]))
    assert report.score == report.max_score
    expected = Counter((p.id, c.name) for p in report.problems for c in p.checks)
    assert heard == expected and set(heard.values()) == {1}


def test_more_processes_than_problems_is_fine(repo, spine):
    report = grade_submission(repo / "references", spine[:2], jobs=8)
    assert [p.id for p in report.problems] == list(SPINE[:2])
    assert report.score == report.max_score


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_helpers_forked_from_the_grader_or_from_a_fork_server_give_the_same_report(repo, spine, start,
                                                                                     monkeypatch):
    """Forked once the checks are loaded (nothing to import again) or started clean where threads run."""
    import multiprocessing

    from gradekit.grading import parallel

    def context():
        chosen = multiprocessing.get_context(start)
        if start == "forkserver":
            chosen.set_forkserver_preload(["gradekit.grading.runner"])
        return chosen

    monkeypatch.setattr(parallel, "_helper_context", context)
    submission = repo / "examples" / "student"
    assert to_json(grade_submission(submission, spine, jobs=2)) == to_json(grade_submission(submission, spine, jobs=1))


def test_the_runner_and_the_scheduler_do_not_import_each_other(repo):
    """One place decides serial or parallel (parallel), and it knows nothing of how a problem is graded."""
    import ast

    tree = ast.parse((repo / "gradekit" / "grading" / "parallel.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "gradekit.grading.runner" not in imported


def claims_of_two_processes(problems, names):
    from gradekit.grading.parallel import Claims, Work
    from gradekit.grading.plan import plan_grading

    work = Work(plan_grading([problems[name] for name in names], jobs=2), None, None, None, {})
    first = Claims.local(work)
    return work, first, Claims(work, first.taken, first.holders, first.lock)


def test_two_processes_split_torch_and_numpy_problems_one_expensive_sandbox_each(problems):
    work, first, second = claims_of_two_processes(problems, ("gaussian-kl", "reparameterize", "cycle-loss",
                                                             "image-entropy", "maxout", "tf-idf", "pooling"))
    taken = {"first": set(), "second": set()}
    for name, claims in [("first", first), ("second", second)] * 4:
        index = claims.claim()
        if index is not None:
            taken[name].add(work.plan.problems[index].problem.preload)
    assert ("numpy", "torch") in taken["first"] and taken["second"] == {("numpy",)}
    assert first.holders[first.keys.index((("numpy", "torch"), 1))] == 1  # one torch sandbox in all
    assert first.claim() is None and second.claim() is None  # all taken


@pytest.mark.parametrize(("torch_problems", "steals"), [(3, False), (5, True)])
def test_a_process_starts_a_second_torch_sandbox_only_for_a_worthwhile_share(problems, torch_problems, steals):
    from gradekit.grading.parallel import STEAL_AT_LEAST

    torch = ("gaussian-kl", "reparameterize", "cycle-loss", "gan-losses", "ddpm-forward")[:torch_problems]
    work, first, second = claims_of_two_processes(problems, (*torch, "image-entropy"))
    first.claim()  # a torch problem
    assert work.plan.problems[second.claim()].problem.id == "image-entropy"  # the sandbox nobody holds
    assert (torch_problems - 1 >= STEAL_AT_LEAST) == steals
    assert (second.claim() is not None) == steals


def test_isolation_is_a_value_the_report_shows_not_a_python_warning(tmp_path, problems, monkeypatch):
    import warnings

    from gradekit.grading.plan import plan_grading

    monkeypatch.setenv("GRADEKIT_NO_BWRAP", "1")
    (tmp_path / "image_entropy.py").write_text("def image_entropy(image):\n    return 0.0\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any Python warning fails the test
        report = grade_submission(tmp_path, [problems["image-entropy"]])
    plan = plan_grading([problems["image-entropy"]])
    assert plan.isolation.warning and plan.isolation.warning in report.warnings
    assert "bubblewrap is switched off ($GRADEKIT_NO_BWRAP)" in plan.isolation.warning


def test_each_problems_check_list_is_made_once_per_grading(tmp_path, problems, monkeypatch):
    from gradekit.grading.problem import Problem

    calls = Counter()
    real = Problem.all_checks
    monkeypatch.setattr(Problem, "all_checks", lambda self, include_hidden=True: calls.update([self.id]) or
                        real(self, include_hidden))
    chosen = [problems["image-entropy"], problems["maxout"]]
    grade_submission(tmp_path, chosen, jobs=1)
    assert calls == Counter({"image-entropy": 1, "maxout": 1})
