"""Hostile: eats memory until refused, then in three children at once, touching every page.

Each process is capped by its address-space limit; the children together are
capped by the worker's memory cgroup where there is one.
"""

import os
import time

CHUNK = 32 * 2**20


def hog():
    held = []
    while True:
        try:
            held.append(b"\x01" * CHUNK)  # bytes filled with ones: the pages are really touched
        except MemoryError:
            time.sleep(0.05)


def image_entropy(image):
    for _ in range(3):
        try:
            if os.fork() == 0:
                hog()
        except OSError:
            break
    hog()
