"""Fixtures shared by the grading tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def deep_folders():
    """``make(folder, depth)`` nests ``depth`` folders named ``d`` in ``folder``; removed afterwards.

    Made and removed through folder descriptors, one level at a time: ``os.makedirs`` and
    ``shutil.rmtree`` recurse, and pytest's own clean-up of old temporary folders dies on
    1,500 levels.
    """
    made: list[Path] = []

    def make(folder: Path, depth: int) -> None:
        made.append(folder)
        fd = os.open(folder, os.O_RDONLY)
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            fd, parent = os.open("d", os.O_RDONLY, dir_fd=fd), fd
            os.close(parent)
        os.close(fd)

    yield make
    for folder in made:
        remove_deep(folder / "d")


def remove_deep(top: Path) -> None:
    """Remove a chain of folders named ``d`` (and the files in them), bottom first."""
    if not top.is_dir():
        return
    fds = [os.open(top, os.O_RDONLY)]
    while "d" in os.listdir(fds[-1]):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    for child, parent in zip(reversed(fds), reversed([None, *fds[:-1]])):
        for name in os.listdir(child):
            if name != "d":
                os.unlink(name, dir_fd=child)
        os.close(child)
        if parent is not None:
            os.rmdir("d", dir_fd=parent)
    os.rmdir(top)
