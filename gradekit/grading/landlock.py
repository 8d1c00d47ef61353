"""Where bubblewrap is missing: confine a worker's files with Landlock (Linux 5.13 and later).

Without bubblewrap the worker sees the host's filesystem: its uid could read
the course's references and hidden checks (and score with them), another
student's staged copy, the grader user's own files, and write wherever that
uid may. Landlock lets an unprivileged process give up, for itself and all it
starts, every access to files but the ones it names; the grader does so in the
worker's process between fork and exec (``sandbox._confine``), after the uid
drop and before the worker's Python runs.

What a confined worker may still open: for reading (and running) the system
(``/usr``, ``/bin``, ``/lib``..., ``/etc``), ``/proc`` and ``/sys``, the Python
that runs it (less gradekit and the course's folders, where they sit inside
it), the staged worker, harness and submission (and ``/proc`` for writing
too, where the worker is not root: its own processes' files); for reading and writing,
``/dev/null`` and the like, and a private temporary folder (``$TMPDIR``,
``$HOME``). Names stay visible (Landlock does not hide what a folder lists,
nor ``stat``), contents do not. Landlock also keeps the worker from tracing,
or reading the ``/proc`` files (``environ``, ``mem``) of, any process
outside its domain, the grader's included; from ABI 6 on, from signalling
them or connecting to their abstract unix sockets.
"""

from __future__ import annotations

import ctypes
import functools
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same numbers on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_ABI1_ALL = (1 << 13) - 1  # execute ... make_sym
_REFER, _TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
READ = EXECUTE | READ_FILE | READ_DIR
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6
_FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | _TRUNCATE  # what a rule on a file (not a folder) may grant

SYSTEM = ("/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin", "/etc", "/proc", "/sys")
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")

_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


@functools.cache
def abi() -> int:
    """The Landlock ABI this kernel offers (0: none, or not Linux)."""
    if _LIBC is None:
        return 0
    version = _LIBC.syscall(ctypes.c_long(_CREATE_RULESET), None, ctypes.c_size_t(0),
                            ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(int(version), 0)


def handled() -> int:
    """Every access right to files this kernel's Landlock knows (what a ruleset takes away)."""
    version = abi()
    rights = _ABI1_ALL if version >= 1 else 0
    if version >= 2:
        rights |= _REFER
    if version >= 3:
        rights |= _TRUNCATE
    return rights


def scopes_signals() -> bool:
    """Whether a confined worker can signal no process outside its domain (Landlock ABI 6)."""
    return abi() >= 6


def rules(*, readable: Iterable[Path], writable: Iterable[Path], hidden: Iterable[Path],
          proc_writable: bool = False) -> list[tuple[str, int]]:
    """The (path, rights) a worker gets: ``SYSTEM`` and ``readable`` to read, less what ``hidden`` names
    inside them; ``DEVICES`` and ``writable`` to read and write; with ``proc_writable``, the files of
    ``/proc`` to write as far as the kernel lets the worker's uid (never for a worker that is root)."""
    secrets = [Path(os.path.realpath(p)) for p in hidden if os.path.exists(p)]
    everything = handled()
    found: list[tuple[str, int]] = []
    for path in dict.fromkeys([*SYSTEM, *map(str, readable)]):
        if os.path.exists(path):
            found += _readable_except(Path(os.path.realpath(path)), secrets)
    found += [(device, (READ_FILE | WRITE_FILE | _TRUNCATE) & everything) for device in DEVICES
              if os.path.exists(device)]
    found += [(str(path), everything) for path in writable]
    if proc_writable and os.path.isdir("/proc"):
        found.append(("/proc", (WRITE_FILE | _TRUNCATE) & everything))
    return found


def _readable_except(root: Path, secrets: list[Path]) -> list[tuple[str, int]]:
    """Read access to ``root``, but not to the ``secrets`` within it: the folders on the way to a secret
    may be listed; everything else beside them is readable."""
    inside = [s for s in secrets if s == root or root in s.parents]
    if not inside:
        return [(str(root), READ)]
    if root in inside or not root.is_dir():
        return []
    found = [(str(root), READ_DIR)]
    try:
        children = sorted(root.iterdir())
    except OSError:
        return found
    for child in children:
        if child.is_symlink():
            continue  # where it leads is allowed (or not) on its own
        found += _readable_except(child, inside)
    return found


def restrict_self(allowed: list[tuple[str, int]]) -> None:
    """Give up every access to files but ``allowed``, for this process and all it starts (raises OSError).

    Needs ``no_new_privs`` (set here) or CAP_SYS_ADMIN. Runs between fork and exec: no allocation
    beyond ctypes' own, one descriptor open at a time.
    """
    if _LIBC is None or not abi():
        raise OSError("Landlock is not available")
    everything = handled()
    # ABI 6: no signal to a process outside the domain (the grader), no abstract unix socket outside it
    attr = struct.pack("QQQ", everything, 0, _SCOPE_SIGNAL | _SCOPE_ABSTRACT_UNIX_SOCKET) if scopes_signals() else \
        struct.pack("Q", everything)
    ruleset = _LIBC.syscall(ctypes.c_long(_CREATE_RULESET), ctypes.c_char_p(attr), ctypes.c_size_t(len(attr)),
                            ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        for path, rights in allowed:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # gone since the rules were made: nothing to allow
            try:
                if not os.path.isdir(path):
                    rights &= _FILE_ONLY
                beneath = struct.pack("=Qi", rights & everything, fd)
                if _LIBC.syscall(ctypes.c_long(_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH),
                                 ctypes.c_char_p(beneath), ctypes.c_uint32(0)) != 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
            finally:
                os.close(fd)
        if _LIBC.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            raise OSError(ctypes.get_errno(), "could not set no_new_privs")
        if _LIBC.syscall(ctypes.c_long(_RESTRICT_SELF), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)
