"""Hidden checks: counts and shares on planted healthy and collapsed generators, against the reference."""

import numpy as np
from hypothesis import example, given

from gradekit.calc.mode_collapse import count_modes, high_quality_fraction
from gradekit.grading.api import check, expect_close, expect_equal, expect_int, expect_real

from .strategies import collapsed_onto_two_modes, overlapping_radius, planted_generators


def describe(samples: np.ndarray, centers: np.ndarray, radius: float) -> str:
    return f"{len(samples)} samples, a ring of {len(centers)} centres, radius {radius:.4g}"


@check(points=4)
@given(planted=planted_generators())
@example(planted=collapsed_onto_two_modes())
def mode_count_matches_the_reference_on_planted_generators(student, planted):
    """count_modes matches the reference on healthy and collapsed generators, radius three standard deviations"""
    samples, centers, radius, min_count = planted
    what = f"count_modes({describe(samples, centers, radius)}, min_count={min_count})"
    count = expect_int(student.count_modes(samples, centers, radius, min_count=min_count), what)
    expect_equal(count, count_modes(samples, centers, radius, min_count), what)


@check(points=3)
@given(planted=planted_generators())
@example(planted=collapsed_onto_two_modes())
def high_quality_fraction_matches_the_reference_on_planted_generators(student, planted):
    """high_quality_fraction matches the reference on healthy and collapsed generators"""
    samples, centers, radius, _ = planted
    what = f"high_quality_fraction({describe(samples, centers, radius)})"
    fraction = expect_real(student.high_quality_fraction(samples, centers, radius), what)
    expect_close(fraction, high_quality_fraction(samples, centers, radius), what, atol=1e-12)


@check(points=2)
@given(planted=planted_generators(large_radius=True))
@example(planted=overlapping_radius())
def a_sample_counts_only_for_its_nearest_centre(student, planted):
    """With a radius over half the spacing of the centres, each sample still counts only for its nearest centre"""
    samples, centers, radius, min_count = planted
    what = f"count_modes({describe(samples, centers, radius)}, min_count={min_count})"
    count = expect_int(student.count_modes(samples, centers, radius, min_count=min_count), what)
    expect_equal(count, count_modes(samples, centers, radius, min_count), what)
