"""Everything a check author needs, in one import.

    from gradekit.grading.api import check, expect_real, expect_close
"""

from gradekit.grading.checks import CheckFailed, check
from gradekit.grading.expect import (expect_array, expect_between, expect_close, expect_equal, expect_finite,
                                     expect_int, expect_real, expect_tensor, expect_true, show)
from gradekit.grading.student import Student, StudentRaised, generator, tensor

__all__ = ["CheckFailed", "Student", "StudentRaised", "check", "expect_array", "expect_between", "expect_close",
           "expect_equal", "expect_finite", "expect_int", "expect_real", "expect_tensor", "expect_true",
           "generator", "show", "tensor"]

assert sorted(__all__) == sorted(name for name in dir() if not name.startswith("_")), "api: __all__ out of date"
