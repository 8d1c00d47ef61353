"""Hostile: takes all the memory it is given, then as much again in three children at once.

Each process reserves address space until refused (printing how much it held
then: the test checks the per-process limit), then touches every page of it,
forever; the processes together are capped by the worker's memory cgroup where
there is one, whose OOM killer ends them.
"""

import mmap
import os

CHUNK = 32 * 2**20
PAGE = 4096


def hog():
    held = []
    try:
        while True:
            held.append(mmap.mmap(-1, CHUNK))  # address space first, untouched: refused at the limit at once
    except (MemoryError, OSError):
        print(f"held {len(held) * CHUNK // 2**20} MB", flush=True)
    while True:
        for block in held:
            block[::PAGE] = b"\x01" * len(range(0, CHUNK, PAGE))  # then real memory: every page touched


def image_entropy(image):
    for _ in range(3):
        try:
            if os.fork() == 0:
                hog()
        except OSError:
            break
    hog()
