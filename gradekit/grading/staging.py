"""The grader's private copy of a submission: one linear walk, capped, never led outside by a link.

Everything here reads what a student controls (names, links, sizes, depth,
pipes where files should be), so each step is bounded before it is taken and
no input can make the walk raise, loop or grow without limit:

- one pass over the folder: every entry is looked at once (``Staged.examined``),
  folders that are not the student's answer (version control, caches, virtual
  environments) are not entered at all;
- at most ``Caps.entries`` entries and ``Caps.bytes`` bytes actually written to
  the copy (a link's copy counts like a file), else the submission is an error;
- at most ``Caps.depth`` folders deep; deeper folders are left out with a note;
- a symbolic link is copied as the file it names only if that file lies inside
  the submission and outside the ignored folders; links out of the folder, into
  an ignored folder, to a folder, broken or looping are left out with a note;
- named pipes, sockets and devices are left out (opening one would block or
  read forever); the copy is open to the worker's uid (folders 0755, files 0644).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

IGNORED_FOLDERS = frozenset({"__pycache__", ".git", ".hg", ".svn", ".ipynb_checkpoints"})
IGNORED_SUFFIXES = (".pyc",)
ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")  # a folder holding one is a Python environment
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Caps:
    """What one submission may cost the grader (docs/security.md, "Bounded cost")."""

    entries: int = 10_000  # files, folders and links looked at (ignored folders are not entered)
    bytes: int = 50 * 2**20  # written to the copy, links' copies included
    depth: int = 32  # folders within folders


CAPS = Caps()


@dataclass
class Staged:
    """The copy, or why the submission cannot be graded, and what was left out of it."""

    path: Path
    error: str | None = None  # set: the submission as a whole cannot be graded
    left_out: dict[str, str] = field(default_factory=dict)  # relative path -> why it is not in the copy
    examined: int = 0  # entries looked at: the walk's cost
    written: int = 0  # bytes written to the copy

    def notes(self, limit: int = 20) -> list[str]:
        """What was left out, for the report: one line each, the first ``limit``."""
        lines = [f"{path!r} was left out: {why}" for path, why in list(self.left_out.items())[:limit]]
        if len(self.left_out) > limit:
            lines.append(f"... and {len(self.left_out) - limit} more entries were left out")
        return lines


class _OverCap(Exception):
    """A cap of the whole submission was passed: the walk stops."""


def is_ignored_folder(path: str, name: str) -> bool:
    """Version control, caches and Python environments: never a student's answer."""
    return name in IGNORED_FOLDERS or any(os.path.lexists(os.path.join(path, m)) for m in ENVIRONMENT_MARKERS)


def stage(source: Path, target: Path, caps: Caps = CAPS) -> Staged:
    """Copy ``source`` to ``target`` (which must not exist) within ``caps``; never raises for the folder's sake."""
    staged = Staged(Path(target))
    target.mkdir(parents=True)
    os.chmod(target, 0o755)
    try:
        if not source.is_dir():
            staged.error = f"the submission {str(source)!r} is not a folder"
            return staged
        walker = _Walker(Path(source), Path(target), caps, staged)
        walker.walk()
        walker.copy_links()
    except _OverCap as over:
        staged.error = str(over)
    except (OSError, ValueError) as error:  # the folder vanished, or a name the OS refuses
        staged.error = f"the submission could not be copied ({type(error).__name__}: {error})"
    return staged


class _Walker:
    def __init__(self, source: Path, target: Path, caps: Caps, staged: Staged):
        self.source, self.target, self.caps, self.staged = source, target, caps, staged
        self.real_source = os.path.realpath(source)
        self.links: list[tuple[str, str]] = []  # (source path, relative path), copied after the walk

    def walk(self) -> None:
        pending = [(str(self.source), "", 0)]
        while pending:
            folder, relative, depth = pending.pop()
            try:
                entries = os.scandir(folder)
            except OSError as error:
                self.leave_out(relative or ".", f"it could not be read ({error.strerror})")
                continue
            with entries:
                self.copy_entries(entries, relative, depth, pending)

    def copy_entries(self, entries, relative: str, depth: int, pending: list) -> None:
        """One folder's entries, counted as they come (a folder of a million names stops at the cap)."""
        for entry in entries:
            self.count()
            name = f"{relative}/{entry.name}" if relative else entry.name
            try:
                self.copy_entry(entry, name, depth, pending)
            except _OverCap:
                raise
            except OSError as error:
                self.leave_out(name, f"it could not be copied ({error.strerror or error})")

    def copy_entry(self, entry: os.DirEntry, name: str, depth: int, pending: list) -> None:
        if entry.is_symlink():
            self.links.append((entry.path, name))
        elif entry.is_dir(follow_symlinks=False):
            if is_ignored_folder(entry.path, entry.name):
                return
            if depth + 1 > self.caps.depth:
                self.leave_out(name, f"it is more than {self.caps.depth} folders deep")
                return
            os.mkdir(self.target / name)
            os.chmod(self.target / name, 0o755)  # whatever the umask
            pending.append((entry.path, name, depth + 1))
        elif entry.is_file(follow_symlinks=False):
            if not entry.name.endswith(IGNORED_SUFFIXES):
                self.copy_file(entry.path, name)
        else:
            self.leave_out(name, "it is not a regular file (a pipe, a socket or a device)")

    def copy_links(self) -> None:
        """Each link becomes a copy of the file it names, if that file is the student's."""
        for link, name in self.links:
            try:
                resolved = os.path.realpath(link, strict=True)
            except (OSError, RuntimeError):  # broken, or a loop (ELOOP; RuntimeError before Python 3.11)
                self.leave_out(name, "it is a symbolic link that is broken or loops")
                continue
            why = self.why_not_followed(resolved)
            if why:
                self.leave_out(name, why)
                continue
            try:
                self.copy_file(resolved, name)
            except OSError as error:
                self.leave_out(name, f"the file it links to could not be copied ({error.strerror or error})")

    def why_not_followed(self, resolved: str) -> str | None:
        if os.path.commonpath([self.real_source, resolved]) != self.real_source:
            return "it is a symbolic link to a place outside the submission folder"
        parts = Path(os.path.relpath(resolved, self.real_source)).parts
        if len(parts) > self.caps.depth + 1:
            return f"it is a symbolic link to a file more than {self.caps.depth} folders deep"
        folder = self.real_source
        for part in parts[:-1]:
            if is_ignored_folder(os.path.join(folder, part), part):
                return (f"it is a symbolic link into {part!r}, which is not graded "
                        "(version control, cache or environment)")
            folder = os.path.join(folder, part)
        if not stat.S_ISREG(os.stat(resolved).st_mode):
            return "it is a symbolic link to a folder or a special file (only links to files are followed)"
        return None

    def copy_file(self, path: str, name: str) -> None:
        """Copy one regular file, never more bytes than are left of the cap, never blocking on a pipe."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        source = os.open(path, flags)
        try:
            if not stat.S_ISREG(os.fstat(source).st_mode):  # swapped for a pipe since it was listed
                self.leave_out(name, "it is not a regular file (a pipe, a socket or a device)")
                return
            room = self.caps.bytes - self.staged.written
            if os.fstat(source).st_size > room:
                raise _OverCap(self.over_bytes())
            destination = os.open(self.target / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                while chunk := os.read(source, min(_CHUNK, room + 1)):
                    if len(chunk) > room:  # it grew while we read it
                        raise _OverCap(self.over_bytes())
                    os.write(destination, chunk)
                    room -= len(chunk)
                    self.staged.written += len(chunk)
                os.fchmod(destination, 0o644)
            finally:
                os.close(destination)
        finally:
            os.close(source)

    def count(self) -> None:
        self.staged.examined += 1
        if self.staged.examined > self.caps.entries:
            raise _OverCap(f"the submission holds more than {self.caps.entries} files and folders "
                           "(caches, version control and virtual environments not counted); remove what is "
                           "not part of your answer")

    def over_bytes(self) -> str:
        return (f"the submission is over the limit of {self.caps.bytes // 2**20} MB (links to files count "
                "as copies); remove data files and outputs that are not part of your answer")

    def leave_out(self, name: str, why: str) -> None:
        self.staged.left_out[name] = why
