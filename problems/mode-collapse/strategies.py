"""Planted generators: samples from some of the modes of a ring of Gaussians, with outliers."""

import numpy as np
from hypothesis import strategies as st


def ring(modes: int, radius: float) -> np.ndarray:
    """The ring's centres, made here (not by the student's ring_centers): (modes, 2).

    The modes-th roots of unity, scaled: the statement's definition, written
    differently from the reference so the student kit (which ships this file
    for the public checks) holds no line of the reference.
    """
    roots = radius * np.exp(2j * np.pi * np.arange(modes) / modes)  # (modes,) complex
    return np.column_stack([roots.real, roots.imag])


@st.composite
def planted_generators(draw, large_radius: bool = False):
    """(samples, centers, radius, min_count): a healthy or collapsed generator's samples.

    Each covered mode gets its own number of samples (1 to 60) spread with the
    mode's standard deviation, some modes get none (collapse), and a few
    outliers land anywhere near the ring; two samples at least. ``large_radius`` makes the radius
    exceed half the distance between neighbouring centres, so that a sample
    can lie within it of two centres.
    """
    modes = draw(st.integers(4, 10))
    ring_radius = draw(st.sampled_from([1.0, 2.0, 5.0]))
    std = draw(st.sampled_from([0.02, 0.05, 0.1])) * ring_radius
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    centers = ring(modes, ring_radius)
    covered = draw(st.sampled_from(["all", "some", "one"]))
    weights = {"all": np.ones(modes), "some": rng.integers(0, 2, modes), "one": np.eye(modes)[rng.integers(modes)]}
    counts = (weights[covered] * rng.integers(1, 61, modes)).astype(int)
    spread = draw(st.sampled_from([1.0, 3.0, 6.0]))  # sample spread in standard deviations
    points = [centers[k] + spread * std * rng.standard_normal((counts[k], 2)) for k in range(modes)]
    outliers = rng.uniform(-1.5 * ring_radius, 1.5 * ring_radius, (draw(st.integers(0, 20)), 2))
    samples = np.concatenate([*points, outliers])
    if len(samples) < 2:  # ordinary sizes: at least two samples (one sample is an edge check of its own)
        samples = np.concatenate([samples, centers[:1], rng.uniform(-1.5 * ring_radius, 1.5 * ring_radius, (1, 2))])
    spacing = 2 * ring_radius * np.sin(np.pi / modes)  # distance between neighbouring centres
    radius = (draw(st.floats(0.55, 1.5)) * spacing) if large_radius else 3 * std
    min_count = draw(st.sampled_from([1, 1, 3, 10]))
    return rng.permutation(samples), centers, float(radius), min_count


def collapsed_onto_two_modes():
    """A fixed planted generator: 30 samples near centre 0, 2 near centre 4, 5 strays, on 8 modes of radius 2.

    With min_count = 3 one mode counts, not two: the worked edge of the count.
    """
    rng = np.random.default_rng(7)
    centers = ring(8, 2.0)
    samples = np.concatenate([centers[0] + 0.03 * rng.standard_normal((30, 2)),
                              centers[4] + 0.03 * rng.standard_normal((2, 2)),
                              rng.uniform(-3, 3, (5, 2))])
    return samples, centers, 0.15, 3


def overlapping_radius():
    """A fixed planted generator whose radius reaches the neighbouring centres: 40 samples on centre 2 only.

    Radius 1.6 exceeds the spacing of 8 centres on a ring of radius 2 (1.53),
    so the samples lie within it of centres 1 and 3 too: 1 mode, counting
    each sample for its nearest centre; 3 when counting any centre in reach.
    """
    rng = np.random.default_rng(8)
    centers = ring(8, 2.0)
    return centers[2] + 0.03 * rng.standard_normal((40, 2)), centers, 1.6, 1

