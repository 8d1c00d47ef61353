"""Hidden checks: agreement with the reference on correlated and on singular covariances."""

import math

from hypothesis import given

from gradekit.calc.fid import fid_from_features as reference_from_features
from gradekit.calc.fid import frechet_distance as reference
from gradekit.grading.api import StudentRaised, check, expect_close, expect_real, expect_true

from .strategies import (correlated_features, gaussian_pairs, rank_deficient_feature_sets, sample_statistics,
                         scale_of)


@check(points=2)
@given(gaussians=gaussian_pairs())
def matches_reference_on_correlated_gaussians(student, gaussians):
    """FID matches the reference for full, non-diagonal covariances (a matrix square root, not an elementwise one)"""
    distance = expect_real(student.frechet_distance(*gaussians), "frechet_distance(mu1, S1, mu2, S2)")
    expect_close(distance, reference(*gaussians), "frechet_distance(mu1, S1, mu2, S2)",
                 rtol=1e-6, atol=1e-7 * scale_of(*gaussians))


@check(points=1, max_examples=10)
@given(features=rank_deficient_feature_sets())
def singular_covariances_raise_or_give_the_exact_distance(student, features):
    """With fewer samples than features, fid_from_features raises ValueError or returns the exact FID (and answers with more)"""
    a, b = features
    full = correlated_features(0, a.shape[1] + 3, a.shape[1]), correlated_features(1, a.shape[1] + 4, a.shape[1])
    answer = expect_real(student.fid_from_features(*full), "fid_from_features(a, b) with more samples than features")
    expect_true(math.isfinite(answer), f"fid_from_features(a, b) with more samples than features = {answer!r}")
    try:
        value = student.fid_from_features(a, b)
    except StudentRaised as raised:  # a clear error is an acceptable answer
        expect_true(raised.is_a("ValueError"),
                    f"fid_from_features with fewer samples than features raised {raised.type}, not a ValueError")
        return
    distance = expect_real(value, "fid_from_features(a, b) with singular covariances")
    expect_true(math.isfinite(distance), f"fid_from_features(a, b) with singular covariances = {distance!r}")
    expect_close(distance, reference_from_features(a, b), "fid_from_features(a, b) with singular covariances",
                 rtol=1e-5, atol=1e-7 * scale_of(*sample_statistics(a), *sample_statistics(b)))
