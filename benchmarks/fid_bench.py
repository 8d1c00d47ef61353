"""Time gradekit's exact Fréchet distance against pytorch-fid's, on Inception-sized statistics.

    python benchmarks/fid_bench.py [--samples 3000] [--dims 2048] [--seed 0] [--repeats 3] [--threads N]

Builds two seeded feature sets the size of the DCGAN assignment's FID (3000
samples of 2048 Inception pool features), takes their means and unbiased
covariances, then times ``gradekit.metrics.frechet.frechet_distance`` and
pytorch-fid's ``calculate_frechet_distance`` (``scipy.linalg.sqrtm`` of the
product) on the same statistics. pytorch-fid is the ``bench`` extra
(``pip install -e '.[bench]'``); without it a faithful copy of its algorithm
stands in, and the output says so. A script run on demand, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
import warnings
from typing import Callable

import numpy as np
from scipy import linalg

from gradekit.metrics.frechet import feature_statistics, frechet_distance

LATENT_DIMS = 256  # features share a low-dimensional cause, so their covariance is far from diagonal


def feature_sets(samples: int, dims: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two sets of non-negative, correlated features, like pooled ReLU activations; the second is shifted."""
    rng = np.random.default_rng(seed)
    loadings = rng.normal(size=(LATENT_DIMS, dims)) / np.sqrt(LATENT_DIMS)  # (latent, dims)

    def features(shift: float) -> np.ndarray:
        latent = rng.normal(loc=shift, size=(samples, LATENT_DIMS))  # (samples, latent)
        noise = 0.3 * rng.normal(size=(samples, dims))  # full-rank covariance
        return np.maximum(latent @ loadings + noise, 0.0)  # (samples, dims)

    return features(0.0), features(0.1)


def pytorch_fid_distance() -> tuple[Callable[..., float], str]:
    """pytorch-fid's ``calculate_frechet_distance``, or a faithful copy when it is not installed."""
    try:
        from pytorch_fid.fid_score import calculate_frechet_distance
    except ImportError:
        return sqrtm_frechet_distance, "a copy of pytorch-fid's algorithm (pytorch-fid is not installed)"
    return calculate_frechet_distance, "pytorch-fid's calculate_frechet_distance"


def sqrtm_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6) -> float:
    """pytorch-fid 0.3.0's calculate_frechet_distance (Dougal J. Sutherland's version), line for line."""
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError(f"Imaginary component {np.max(np.abs(covmean.imag))}")
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))


def best_time(function: Callable[[], float], repeats: int) -> tuple[float, float]:
    """The fastest of ``repeats`` runs, in seconds, and the value it returned."""
    best, value = float("inf"), float("nan")
    for _ in range(repeats):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=3000, help="rows of each feature set")
    parser.add_argument("--dims", type=int, default=2048, help="features per row (Inception pool: 2048)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3, help="runs of gradekit's distance (the best counts)")
    parser.add_argument("--baseline-repeats", type=int, default=1, help="runs of pytorch-fid's (slow)")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads for both (default: the BLAS's own choice); 1 on a busy machine")
    args = parser.parse_args()
    if args.threads:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn

        limit = threadpool_limits(args.threads)
    else:
        limit = contextlib.nullcontext()
    with limit:
        run(args)


def run(args: argparse.Namespace) -> None:
    threads = args.threads or "BLAS default"
    print(f"BLAS threads: {threads}; CPU cores: {os.cpu_count()}")

    a, b = feature_sets(args.samples, args.dims, args.seed)
    start = time.perf_counter()
    statistics = (*feature_statistics(a), *feature_statistics(b))
    print(f"statistics of 2 x {args.samples} samples x {args.dims} features: {time.perf_counter() - start:.2f} s")

    baseline, baseline_name = pytorch_fid_distance()
    ours_seconds, ours = best_time(lambda: frechet_distance(*statistics), args.repeats)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # newer scipy deprecates sqrtm's disp argument
        theirs_seconds, theirs = best_time(lambda: float(baseline(*statistics)), args.baseline_repeats)

    print(f"gradekit frechet_distance: {ours:.10g} in {ours_seconds:.3f} s (best of {args.repeats})")
    print(f"{baseline_name}: {theirs:.10g} in {theirs_seconds:.3f} s (best of {args.baseline_repeats})")
    print(f"speedup vs pytorch-fid: {theirs_seconds / ours_seconds:.1f}x")
    print(f"relative difference: {abs(ours - theirs) / abs(theirs):.2e}")


if __name__ == "__main__":
    main()
