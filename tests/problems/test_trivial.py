"""The trivial family (decision 5) scores 0 on every problem.

Each kind is generated from the contract (``gradekit.grading.trivial``): a constant,
zeros of the reference's output shape, the first argument unchanged, NaN, seeded
random values; a problem adds its own kinds as ``problems/<id>/trivial/<kind>/``.
A new problem is covered without writing anything here. Model problems train
the stand-ins, hence ``slow`` (CI still runs them).
"""

from pathlib import Path

import numpy as np
import pytest

from gradekit.grading import trivial_runtime
from gradekit.grading.problem import discover
from gradekit.grading.trivial import trivial_kinds
from gradekit.grading.validation import trivial_scores_zero

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = discover(REPO / "problems")

# Problems whose checks are being re-stated under decisions 1-5 (issue 15): their owner removes the id
# once its trivial family scores 0. Model problems listed here are not run (each kind trains).
PENDING: set[str] = set()


def marks(problem):
    slow = [pytest.mark.slow] if problem.section == "models" else []
    if problem.id in PENDING:
        return [*slow, pytest.mark.xfail(reason=f"{problem.id}: checks not yet re-stated (issue 15)",
                                         run=problem.section != "models", strict=False)]
    return slow


FAMILY = [pytest.param(problem, kind, id=f"{problem.id}/{kind}", marks=marks(problem))
          for problem in PROBLEMS for kind in trivial_kinds(problem)]


def test_pending_names_only_problems_that_exist():
    assert PENDING <= {problem.id for problem in PROBLEMS}


@pytest.mark.parametrize(("problem", "kind"), FAMILY)
def test_trivial_submission_scores_zero(problem, kind):
    finding = trivial_scores_zero(problem, kind, REPO / "references")
    assert finding.ok, f"{problem.id}: {finding.detail}"


def stand_ins(kind: str):
    namespace: dict = {}

    class Reference:
        def pair(a, b):  # noqa: N805 (a module of functions, made a class here for brevity)
            return np.arange(6.0).reshape(2, 3), {"n": 3, "name": "abc"}

        def refuses(x):  # noqa: N805
            raise ValueError("no")

    trivial_runtime.install(namespace, Reference, ["pair", "refuses"], kind=kind, seed=0)
    return namespace


@pytest.mark.parametrize("kind", trivial_runtime.KINDS)
def test_stand_ins_keep_the_shape_of_the_reference_output_and_never_raise(kind):
    namespace = stand_ins(kind)
    answer = namespace["pair"](np.ones(2), 1)
    if kind == "first-argument":
        assert np.array_equal(answer, np.ones(2))
        return
    array, table = answer
    assert array.shape == (2, 3) and set(table) == {"n", "name"}
    assert not np.array_equal(array, np.arange(6.0).reshape(2, 3))
    assert isinstance(namespace["refuses"](1), float)


def test_tensor_stand_ins_stay_on_the_graph_with_a_zero_gradient():
    torch = pytest.importorskip("torch")

    class Reference:
        def square(x):  # noqa: N805
            return (x ** 2).sum()

    namespace: dict = {}
    trivial_runtime.install(namespace, Reference, ["square"], kind="zeros", seed=0)
    x = torch.ones(3, requires_grad=True)
    loss = namespace["square"](x)
    loss.backward()
    assert loss.item() == 0 and torch.equal(x.grad, torch.zeros(3))
