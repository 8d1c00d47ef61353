"""Time ``gradekit similarity`` on a large class: 300 students x 5 problems (by default).

    python benchmarks/similarity_bench.py [--students 300] [--problems 5] [--seed 0]

Each student's solution to each problem is one of the synthetic class's
hand-written designs (tests/similarity/), disguised at random (renamed,
reformatted, reordered, re-commented), so most pairs share some code and the
comparison does real work. Times the pure comparison (tokens, fingerprints,
pairs) per problem, and reading the class from disk for the three problems
the designs are for. A script run on demand, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "similarity"))

import copied_class  # noqa: E402  (the tests' synthetic class)
from similarity_designs import DESIGNS  # noqa: E402

from gradekit.grading.problem import discover, select  # noqa: E402
from gradekit.similarity import SimilarityConfig, compare_class, compare_problem  # noqa: E402
from gradekit.similarity.compare import Solution  # noqa: E402


def disguised(rng: random.Random, source: str) -> str:
    """A design, disguised at random, with a helper of the student's own (so most code is not one of 7)."""
    for name, disguise in copied_class.DISGUISES.items():
        if name != "add_code" and rng.random() < 0.5:
            source = disguise(source)
    operators = ["+", "-", "*", "//", "%"]
    body = [f"    v{i} = v{i - 1} {rng.choice(operators)} {rng.randint(1, 9)}" if rng.random() < 0.7 else
            f"    v{i} = [w {rng.choice(operators)} {rng.randint(1, 9)} for w in range(v{i - 1} % 5)]"
            for i in range(1, rng.randint(4, 12))]
    return source + "\n\ndef _own(v0):\n" + "\n".join(body) + "\n    return v0\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--problems", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    design_lists = list(DESIGNS.items())
    config = SimilarityConfig()

    started = time.perf_counter()
    classes = []
    for index in range(args.problems):
        problem, designs = design_lists[index % len(design_lists)]
        classes.append([Solution(f"s{s:04d}", f"{problem}-{index}", disguised(rng, rng.choice(designs)), "x.py")
                        for s in range(args.students)])
    made = time.perf_counter() - started

    timings = []
    for solutions in classes:
        started = time.perf_counter()
        pairs = compare_problem(solutions, None, config)
        timings.append(time.perf_counter() - started)
        print(f"{solutions[0].problem:>18}: {len(pairs):6d} pairs share a fingerprint, "
              f"{sum(p.flagged for p in pairs):5d} flagged, {timings[-1]:.2f} s")
    print(f"compare: {sum(timings):.2f} s for {args.students} students x {args.problems} problems "
          f"(making the class took {made:.1f} s)")

    problems = select(discover(REPO / "problems"), list(DESIGNS))
    with tempfile.TemporaryDirectory() as folder:
        for s in range(args.students):
            home = Path(folder) / f"s{s:04d}"
            home.mkdir()
            for problem in problems:
                (home / f"{problem.module}.py").write_text(disguised(rng, rng.choice(DESIGNS[problem.id])))
        started = time.perf_counter()
        compare_class(Path(folder), problems, REPO / "references", config)
        print(f"from disk, with starters: {time.perf_counter() - started:.2f} s for {args.students} students x "
              f"{len(problems)} problems")


if __name__ == "__main__":
    main()
