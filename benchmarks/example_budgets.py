"""How many hypothesis examples each property check needs to catch the wrong submissions it must catch.

    python benchmarks/example_budgets.py image-entropy maxout      # problems by id
    python benchmarks/example_budgets.py --all                     # every calculation problem

For each property check of a problem and each submission of
``problems/<id>/tests/`` whose ``expected.toml`` says it fails that check (and
each of the problem's trivial submissions that fails it), the check is run
(in this process: these are the course's own submissions) with 1, 2, 3, ...
examples, and the smallest count at which it fails is kept. A check needs the largest of those counts over its wrong submissions; the
suggested budget is twice that (hypothesis' choice of inputs may change with
its version; ``tests/problems`` then shows which wrong submission slipped
through), at least ``--floor``. Prints, per check: its budget now, what each
wrong submission needed, the suggestion, and the CPU seconds of the reference
at each budget (what the change saves per correct submission).

The budgets are the problems' owners' to set: ``@check(max_examples=N)`` in
the checks, or ``max_examples`` in ``problem.toml`` for a problem's default.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hypothesis import settings

from gradekit.grading.checks import CHECK_ATTRIBUTE, GRADING_SETTINGS
from gradekit.grading.inprocess import InProcessWorker
from gradekit.grading.problem import CHECK_FILES, Problem, discover, load_module
from gradekit.grading.runner import run_check
from gradekit.grading.student import Student
from gradekit.grading.trivial import trivial_kinds, write_trivial_submission
from gradekit.tomlfile import read_toml

REPO = Path(__file__).resolve().parents[1]
COUNTS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100)


def property_checks(problem: Problem) -> dict[str, tuple[object, int]]:
    """Each property check's raw function (before the grader's settings) and its budget now."""
    found = {}
    for file in CHECK_FILES.values():
        path = problem.folder / file
        if not path.exists():
            continue
        for value in vars(load_module(problem, path)).values():
            marked = getattr(value, CHECK_ATTRIBUTE, None)
            if marked is not None and hasattr(value, "hypothesis"):
                _, name, own, _ = marked
                found[name] = (value, own or problem.max_examples)
    return found


def fails_with(problem: Problem, function, examples: int, folder: Path) -> tuple[bool, float]:
    """Whether the check fails the submission in ``folder`` with ``examples`` examples; its CPU seconds."""
    from gradekit.grading.checks import CheckSpec

    function._hypothesis_internal_use_settings = settings(GRADING_SETTINGS, max_examples=examples)  # re-decorated
    spec = CheckSpec(name="measured", points=1.0, visibility="hidden", description="measured", function=function,
                     is_property=True)
    worker = InProcessWorker(submission_dir=folder.resolve(), module=problem.module, harness_dir=None)
    header, _ = worker.request({"op": "import"}, None)
    if header.get("ok") is not True:
        return True, 0.0
    started = time.process_time()
    result = run_check(spec, Student(worker, problem.names))
    return not result.passed, time.process_time() - started


def needed(problem: Problem, name: str, function, budget: int, folder: Path) -> int | None:
    """The fewest examples (of ``COUNTS``, up to ``budget``) with which the check fails ``folder``; None: never."""
    for count in [c for c in COUNTS if c < budget] + [budget]:
        if fails_with(problem, function, count, folder)[0]:
            return count
    return None


def measure(problem: Problem, floor: int, scratch: Path) -> None:
    checks = property_checks(problem)
    cases = sorted(p.parent for p in (problem.folder / "tests").glob("*/expected.toml"))
    trivial = [write_trivial_submission(problem, kind, scratch / problem.id / kind, REPO / "references").folder
               for kind in trivial_kinds(problem)]
    print(f"{problem.id} (problem default {problem.max_examples})")
    for name, (function, budget) in checks.items():
        counts = {}
        for case in cases:
            if name in read_toml(case / "expected.toml").get("failed", []):
                counts[case.name] = needed(problem, name, function, budget, case)
        for folder in trivial:  # each must score 0; a check it passes alone is left to the others (preconditions)
            if fails_with(problem, function, budget, folder)[0]:
                counts[f"trivial {folder.name}"] = needed(problem, name, function, budget, folder)
        caught = [c for c in counts.values() if c is not None]  # None: caught by a precondition, not this check
        suggestion = max(floor, 2 * max(caught)) if caught else floor
        suggestion = min(suggestion, budget)
        reference = REPO / "references"
        _, now = fails_with(problem, function, budget, reference)
        _, then = fails_with(problem, function, suggestion, reference)
        shown = ", ".join(f"{case} {count if count is not None else 'NOT CAUGHT'}" for case, count in counts.items())
        print(f"  {name}: {budget} now, needs {max(caught) if caught else '-'} ({shown or 'no wrong submission'}); "
              f"suggest {suggestion}; reference {now:.2f} s -> {then:.2f} s CPU", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problems", nargs="*")
    parser.add_argument("--all", action="store_true", help="every calculation problem")
    parser.add_argument("--floor", type=int, default=10, help="the least budget suggested (default 10)")
    args = parser.parse_args()
    problems = [p for p in discover(REPO / "problems")
                if p.id in args.problems or (args.all and p.section == "calculations")]
    with tempfile.TemporaryDirectory(prefix="gradekit-budgets-") as scratch:
        for problem in problems:
            measure(problem, args.floor, Path(scratch))


if __name__ == "__main__":
    main()
