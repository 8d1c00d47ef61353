"""Public checks: the ring's layout and the worked cases of healthy, collapsed and empty generators."""

import numpy as np

from gradekit.grading.api import check, expect_array, expect_close, expect_equal, expect_int, expect_real

from .strategies import ring

CENTERS = ring(8, 2.0)
MODE_STD = 0.05
RADIUS = 3 * MODE_STD  # VEEGAN's three standard deviations


def modes_and_fraction(student, samples, centers, radius, what: str) -> tuple[int, float]:
    count = expect_int(student.count_modes(samples, centers, radius), f"count_modes({what})")
    fraction = expect_real(student.high_quality_fraction(samples, centers, radius), f"high_quality_fraction({what})")
    return count, fraction


@check(points=2)
def ring_centers_start_on_the_x_axis_and_turn_counter_clockwise(student):
    """ring_centers(8, 2.0) is (2, 0), (√2, √2), (0, 2), ...: centre k at angle 2πk/8, shape (8, 2)"""
    centers = expect_array(student.ring_centers(8, 2.0), "ring_centers(8, 2.0)", shape=(8, 2))
    expect_close(centers, CENTERS, "ring_centers(8, 2.0)", atol=1e-9)
    square = expect_array(student.ring_centers(4, 1.0), "ring_centers(4, 1.0)", shape=(4, 2))
    expect_close(square, [[1, 0], [0, 1], [-1, 0], [0, -1]], "ring_centers(4, 1.0)", atol=1e-9)


@check(points=2)
def a_healthy_generator_covers_every_mode(student):
    """Samples near all 8 centres cover 8 modes, all high quality; with every other one moved away, 8 modes, half"""
    rng = np.random.default_rng(0)
    samples = np.repeat(CENTERS, 25, axis=0) + MODE_STD * np.clip(rng.standard_normal((200, 2)), -2, 2)
    count, fraction = modes_and_fraction(student, samples, CENTERS, RADIUS, "samples near all 8 centres, radius 0.15")
    expect_equal(count, 8, "count_modes(samples near all 8 centres)")
    expect_close(fraction, 1.0, "high_quality_fraction(samples near all 8 centres)")
    samples[1::2] = 0.0  # every other sample to the origin, 2 away from every centre: each mode keeps 12 or 13
    count, fraction = modes_and_fraction(student, samples, CENTERS, RADIUS,
                                         "the same samples, every other one moved to the origin")
    expect_equal(count, 8, "count_modes(samples near all 8 centres, half of them moved to the origin)")
    expect_close(fraction, 0.5, "high_quality_fraction(samples near all 8 centres, half of them moved to the origin)")


@check(points=2)
def a_collapsed_generator_covers_one_mode(student):
    """Samples all near centre 3 cover 1 mode, though every one of them is high quality; near centres 3 and 6, 2"""
    rng = np.random.default_rng(1)
    noise = MODE_STD * np.clip(rng.standard_normal((200, 2)), -2, 2)
    count, fraction = modes_and_fraction(student, CENTERS[3] + noise, CENTERS, RADIUS,
                                         "samples all near centre 3, radius 0.15")
    expect_equal(count, 1, "count_modes(samples all near centre 3)")
    expect_close(fraction, 1.0, "high_quality_fraction(samples all near centre 3)")
    # anchored (decision 1): a count that never changes must not pass
    two = np.repeat(CENTERS[[3, 6]], 100, axis=0) + noise
    count = expect_int(student.count_modes(two, CENTERS, RADIUS), "count_modes(samples near centres 3 and 6)")
    expect_equal(count, 2, "count_modes(samples near centres 3 and 6)")


@check(points=2)
def samples_far_from_every_centre_cover_nothing(student):
    """Samples at the origin, 2 away from every centre, cover 0 modes with radius 0.15 and none is high quality;
    the same samples on centre 0 cover 1"""
    samples = np.zeros((50, 2))
    count, fraction = modes_and_fraction(student, samples, CENTERS, RADIUS, "50 samples at the origin, radius 0.15")
    expect_equal(count, 0, "count_modes(samples at the origin)")
    expect_close(fraction, 0.0, "high_quality_fraction(samples at the origin)")
    # anchored (decision 1): zero for everything must not pass
    count, fraction = modes_and_fraction(student, samples + CENTERS[0], CENTERS, RADIUS,
                                         "50 samples on centre 0, radius 0.15")
    expect_equal(count, 1, "count_modes(samples on centre 0)")
    expect_close(fraction, 1.0, "high_quality_fraction(samples on centre 0)")


@check(points=1)
def a_sample_at_exactly_the_radius_is_high_quality(student):
    """The radius is inclusive: a sample at distance exactly 0.5 from a centre counts with radius 0.5"""
    centers, samples = np.array([[0.0, 0.0], [4.0, 0.0]]), np.array([[0.0, 0.5], [4.0, 2.0]])
    count, fraction = modes_and_fraction(student, samples, centers, 0.5,
                                         "samples (0, 0.5) and (4, 2), centres (0, 0) and (4, 0), radius 0.5")
    expect_equal(count, 1, "count_modes with a sample at distance exactly radius")
    expect_close(fraction, 0.5, "high_quality_fraction with one of two samples at distance exactly radius")


@check(points=1)
def a_mode_needs_min_count_samples(student):
    """With min_count = 3, a mode holding 3 high-quality samples is covered and one holding 2 is not"""
    samples = np.concatenate([np.repeat(CENTERS[:1], 3, axis=0), np.repeat(CENTERS[5:6], 2, axis=0)])
    what = "count_modes(3 samples on centre 0 and 2 on centre 5, min_count=3)"
    expect_equal(expect_int(student.count_modes(samples, CENTERS, RADIUS, min_count=3), what), 1, what)
    what = "count_modes(the same samples, min_count=2)"
    expect_equal(expect_int(student.count_modes(samples, CENTERS, RADIUS, min_count=2), what), 2, what)


@check(points=1)
def a_single_sample_or_a_single_centre(student):
    """The edges: one sample (N = 1) and one centre (K = 1) are counted like any other"""
    one_sample = CENTERS[2:3] + 0.01  # (1, 2), near centre 2
    count, fraction = modes_and_fraction(student, one_sample, CENTERS, RADIUS, "one sample near centre 2")
    expect_equal(count, 1, "count_modes(one sample near centre 2)")
    expect_close(fraction, 1.0, "high_quality_fraction(one sample near centre 2)")
    far = CENTERS[2:3] * 0.5  # (1, 2), 1 away from centre 2
    count, fraction = modes_and_fraction(student, far, CENTERS, RADIUS, "one sample far from every centre")
    expect_equal(count, 0, "count_modes(one sample far from every centre)")
    expect_close(fraction, 0.0, "high_quality_fraction(one sample far from every centre)")
    samples = np.array([[0.1, 0.0], [0.0, 0.1], [3.0, 3.0]])
    count, fraction = modes_and_fraction(student, samples, np.zeros((1, 2)), 0.5,
                                         "three samples, one centre at the origin, radius 0.5")
    expect_equal(count, 1, "count_modes(three samples, one centre)")
    expect_close(fraction, 2 / 3, "high_quality_fraction(three samples, one centre)")
