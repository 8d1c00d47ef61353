"""Who runs a student's code: never the grader's root.

A root grader gives each worker a uid of its own, unprivileged and unused by
any account (``worker_uid``), with no supplementary groups, no capabilities
(bounding set emptied too) and ``no_new_privs`` (no setuid binary, no file
capability can give any of it back). Under bubblewrap the drop happens inside
the sandbox, after bubblewrap has set it up and before Python starts
(``drop_command``: util-linux ``setpriv``, or a few lines of Python run with
``-I -S`` where ``setpriv`` is missing); without bubblewrap, between fork and
exec (``drop_now``).

Why a uid per worker rather than one shared ``nobody``: whatever the kernel
accounts per uid is then the worker's alone. ``RLIMIT_NPROC`` counts only its
own tasks (an exact bound on a fork storm, even without a cgroup), and the
per-uid keyrings (``@u``, ``@us``) are not shared with another student's
worker running at the same time. Each worker also starts with a fresh session
keyring (``fresh_session_keyring``), so it does not possess the grader's.

An ordinary-user grader keeps its uid: bubblewrap maps it into a user
namespace of its own (see ``sandbox``), and the kernel already refuses it
everything the host's root could do.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import platform
import shutil
import subprocess
import sys

# Above the ids distributions give to people (1000-60000), systemd's dynamic users (61184-65519)
# and nobody (65534); below 2**31, which some tools still read as negative. No account owns them.
WORKER_UID_BASE = 1_600_000_000
_SLOTS_PER_PROCESS = 64  # workers one grading process may run at once (it runs two: now and next)
_slot = itertools.count()

PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
KEYCTL_JOIN_SESSION_KEYRING = 1
_KEYCTL_SYSCALL = {"x86_64": 250, "aarch64": 219, "ppc64le": 280, "s390x": 280, "riscv64": 219}

_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None

# What runs in place of setpriv where it is missing: the same drop, in Python started with -I -S
# (no site, no .pth file, nothing of the submission), then exec of the rest of the command line.
_PYTHON_DROP = """\
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
uid = int(sys.argv[1])
if libc.prctl(38, 1, 0, 0, 0) != 0:
    sys.exit("gradekit: could not set no_new_privs")
for cap in range(64):
    libc.prctl(24, cap, 0, 0, 0)
os.setgroups([])
os.setresgid(uid, uid, uid)
os.setresuid(uid, uid, uid)
if os.getresuid() != (uid, uid, uid) or os.getgroups():
    sys.exit("gradekit: could not drop to the worker's uid")
os.execv(sys.argv[2], sys.argv[2:])
"""


def grader_is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def worker_uid() -> int | None:
    """A uid for the next worker if the grader is root (its workers must not be), else None.

    Distinct for the workers of one grading process, and for those of graders
    running at once (the grader's pid is part of it).
    """
    if not grader_is_root():
        return None
    return WORKER_UID_BASE + (os.getpid() % 2**22) * _SLOTS_PER_PROCESS + next(_slot) % _SLOTS_PER_PROCESS


def setpriv_path() -> str | None:
    """util-linux's setpriv in a system folder the sandbox binds (never one of the grader's PATH)."""
    return shutil.which("setpriv", path="/usr/bin:/bin:/usr/sbin:/sbin")


def drop_command(uid: int) -> list[str]:
    """The command prefix that becomes ``uid`` with nothing else, then runs what follows it."""
    setpriv = setpriv_path()
    if setpriv:
        return [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"]
    return [sys.executable, "-I", "-S", "-c", _PYTHON_DROP, str(uid)]


def drop_now(uid: int) -> None:
    """Become ``uid`` (gid too) for good, in the child between fork and exec; raises if it cannot."""
    if _LIBC is None or _LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError("could not set no_new_privs")
    for cap in range(64):  # the bounding set: nothing to gain back, even by a bug
        _LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid):
        raise OSError(f"could not become uid {uid}")


def die_with_parent(signal_number: int) -> None:
    """PR_SET_PDEATHSIG; set after any uid change, which clears it."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0)


def fresh_session_keyring() -> None:
    """Join a new, empty session keyring: the worker must not possess the grader's keys."""
    number = _KEYCTL_SYSCALL.get(platform.machine())
    if _LIBC is not None and number is not None:
        _LIBC.syscall(ctypes.c_long(number), ctypes.c_long(KEYCTL_JOIN_SESSION_KEYRING), None)


PROBE_UID = WORKER_UID_BASE - 1  # the uid that probes what workers can do


@functools.cache
def python_reachable_by_workers() -> bool:
    """Whether a worker's uid can start this Python and import numpy (probed once), for running
    without bubblewrap: a Python under /root (mode 0700) cannot be reached by anyone else."""
    try:
        probe = subprocess.run([sys.executable, "-I", "-c", "import numpy"], capture_output=True, timeout=60,
                               preexec_fn=lambda: drop_now(PROBE_UID), cwd="/")
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0
