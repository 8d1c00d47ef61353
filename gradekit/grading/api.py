"""Everything a check author needs, in one import.

    from gradekit.grading.api import check, expect_real, expect_close
    from gradekit.grading.api import attach_figure, image_rows   # a model problem's pictures
"""

from gradekit.grading.attachments import Figure, attach_figure, image_rows
from gradekit.grading.checks import CheckFailed, check
from gradekit.grading.expect import (
    expect_array,
    expect_between,
    expect_close,
    expect_equal,
    expect_finite,
    expect_int,
    expect_real,
    expect_tensor,
    expect_true,
    show,
)
from gradekit.grading.student import Student, StudentRaised, generator, tensor

__all__ = ["CheckFailed", "Figure", "Student", "StudentRaised", "attach_figure", "check", "expect_array",
           "expect_between", "expect_close", "expect_equal", "expect_finite", "expect_int", "expect_real",
           "expect_tensor", "expect_true", "generator", "image_rows", "show", "tensor"]

assert sorted(__all__) == sorted(name for name in dir() if not name.startswith("_")), "api: __all__ out of date"
