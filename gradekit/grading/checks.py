"""What a check is, for the people who write them.

A check is a function of one argument, the ``student`` proxy, decorated with
``@check(points=...)``. It passes by returning and fails by raising
``CheckFailed`` (the ``expect_*`` helpers do that). Its docstring's first
paragraph (up to a blank line; its lines joined) names the property it tests;
that is what the student reads when it fails.
A check that measures something (a metric against its threshold) may return a
short note, such as ``"FID 936 (at most 3000)"``, shown beside that line when it
passes, so the grade says by how much it passed.
A check may be a hypothesis property (``@given`` under ``@check``): the grader
runs it derandomized, and for public checks reports the smallest failing input.

A precondition (``@check(points=0, precondition=True)``) checks type and shape:
it earns nothing, and when it fails every other check of the problem fails with
"not run: <precondition> failed: <why>", so a submission of the wrong kind is
told once what is wrong and earns nothing from laws its output cannot satisfy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from hypothesis import HealthCheck, Phase, Verbosity, settings

from gradekit.grading.student import StudentRaised

CHECK_ATTRIBUTE = "_gradekit_check"


class CheckFailed(AssertionError):
    """A check's verdict: failed. ``message`` is for everyone, ``detail`` only for public checks.

    ``detail`` may hold the expected value; hidden checks never show it.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class CheckSpec:
    name: str
    points: float
    visibility: Literal["public", "hidden"]
    description: str
    function: Callable
    is_property: bool  # a hypothesis @given test
    precondition: bool = False  # worth nothing; when it fails, no other check of the problem runs


# Derandomized, no example database: the same submission always gets the same grade.
# Verbosity stays normal because hypothesis attaches the shrunk failing input to the
# exception only then; the runner silences what it would print. No explain phase: it
# only annotates the failing input (the runner drops the annotations) and costs ~100
# worker calls per failed property, which made wrong submissions overrun their budgets.
GRADING_SETTINGS = settings(
    derandomize=True, database=None, deadline=None, print_blob=False,
    report_multiple_bugs=False, suppress_health_check=list(HealthCheck), verbosity=Verbosity.normal,
    phases=[phase for phase in Phase if phase is not Phase.explain])


def _draw_no_local_constants() -> None:
    """Make generated inputs independent of which modules this process has loaded.

    Hypothesis (6.131 and later) now and then draws a literal found in the
    project's loaded modules; the more problems a process has loaded, the more
    literals, so one submission's inputs (and grade) would depend on what was
    graded before it. An empty local pool keeps every draw a function of the
    check alone. The hook is private, hence the guard: without it hypothesis
    behaves as before and the explicit examples in the checks still hold.
    """
    from hypothesis.internal.conjecture import providers

    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty


_draw_no_local_constants()


def check(points: float, *, name: str | None = None, max_examples: int | None = None,
          precondition: bool = False) -> Callable[[Callable], Callable]:
    """Mark a function as a check worth ``points``; its name defaults to the function's.

    ``max_examples`` overrides the problem's for a hypothesis check (do not put
    ``@settings`` on checks: the grader applies its own, derandomized).
    ``precondition=True`` (with ``points=0``) makes it a type/shape gate: it runs
    before the other checks, and if it fails none of them runs.
    """
    if precondition and points != 0:
        raise ValueError(f"a precondition earns nothing: write points=0, not {points}")
    if not precondition and points <= 0:
        raise ValueError(f"a check must be worth positive points, not {points}")

    def mark(function: Callable) -> Callable:
        setattr(function, CHECK_ATTRIBUTE, (points, name or function.__name__, max_examples, precondition))
        return function

    return mark


def collect_checks(module, visibility: Literal["public", "hidden"], max_examples: int) -> list[CheckSpec]:
    """The checks of a freshly loaded module, hypothesis ones given the grading settings."""
    specs = []
    for value in vars(module).values():
        marked = getattr(value, CHECK_ATTRIBUTE, None)
        if marked is None:
            continue
        points, name, own_examples, precondition = marked
        is_property = hasattr(value, "hypothesis")
        if is_property:
            value = _stop_at_missing_functions(
                settings(GRADING_SETTINGS, max_examples=own_examples or max_examples)(value))
        specs.append(CheckSpec(
            name=name, points=float(points), visibility=visibility,
            description=_first_paragraph(value.__doc__) or name.replace("_", " "),
            function=value, is_property=is_property, precondition=precondition))
    return specs


def _first_paragraph(doc: str | None) -> str:
    """A docstring's first paragraph as one line (a property stated over two lines is not cut mid-sentence)."""
    paragraph = (doc or "").strip().split("\n\n")[0]
    return " ".join(line.strip() for line in paragraph.splitlines()).rstrip(".")


class _NotThereYet(BaseException):
    """Carries a ``StudentRaised`` out of hypothesis, which lets BaseExceptions through unshrunk."""

    def __init__(self, raised: StudentRaised):
        super().__init__(raised.describe())
        self.raised = raised


def _stop_at_missing_functions(test: Any) -> Callable:  # Any: a @given test, with hypothesis's own attribute
    """End a property at the first call of a function that is missing or raises NotImplementedError.

    Such a function fails alike on every input, so shrinking finds nothing and only
    spends the problem's time budget: an untouched starter made image-entropy's checks
    send 800 calls to the worker and overrun its 30 s on a busy machine.
    """
    inner = test.hypothesis.inner_test

    @functools.wraps(inner)
    def stopping(*args, **kwargs):
        try:
            return inner(*args, **kwargs)
        except StudentRaised as raised:
            if raised.type in ("NotImplementedError", "MissingName"):
                raise _NotThereYet(raised) from None
            raise

    test.hypothesis.inner_test = stopping  # hypothesis reads it at each run, for wrappers like this one

    @functools.wraps(test)
    def run(student):
        try:
            return test(student)
        except _NotThereYet as carrier:
            raise carrier.raised from None

    return run
