"""Hostile: unbounded recursion through C calls with Python's recursion limit lifted,
so the C stack overflows (on Pythons that guard the C stack, a RecursionError).
"""

import sys

sys.setrecursionlimit(10**8)


def descend(depth):
    return sum(map(descend, [depth + 1])) + 1  # map and sum are C frames between the Python ones


def image_entropy(image):
    return float(descend(0))
