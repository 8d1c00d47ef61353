"""A sound submission written with plain Python loops and math.dist: it must score full marks."""

import math

import numpy as np


def ring_centers(modes=8, radius=2.0):
    return np.array([[radius * math.cos(2 * math.pi * k / modes), radius * math.sin(2 * math.pi * k / modes)]
                     for k in range(modes)])


def _nearest(sample, centers):
    best, best_distance = 0, math.inf
    for k, centre in enumerate(centers):
        distance = math.dist(sample, centre)
        if distance < best_distance:  # strict: a tie keeps the centre listed first
            best, best_distance = k, distance
    return best, best_distance


def count_modes(samples, centers, radius, min_count=1):
    counts = [0] * len(centers)
    for sample in samples:
        k, distance = _nearest(sample, centers)
        if distance <= radius:
            counts[k] += 1
    return sum(1 for c in counts if c >= min_count)


def high_quality_fraction(samples, centers, radius):
    good = sum(1 for sample in samples if _nearest(sample, centers)[1] <= radius)
    return good / len(samples)
