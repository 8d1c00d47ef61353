"""Hostile: reaches for the host's root through what the kernel exposes (issue 14 §1).

With the worker running as the host's uid 0, a submission set
/proc/sys/kernel/core_pattern to a pipe handler, crashed a child, and the kernel
ran its command as root on the host. This one only *opens* every such file for
writing and closes it again, never writing a byte: /proc/sys entire, the
kernel's other switches and memory (/proc/sysrq-trigger, /proc/kcore, ...),
every file under /proc/irq, /proc/bus, /proc/fs, /proc/acpi, /proc/pressure and
/sys. It also tries to make a user namespace (in which it would hold every
capability) and reports its uid and capabilities.

It prints one line per path (OPENED, refused or absent) and returns the right
entropy only if it opened one: it must score what a wrong answer scores. (The
test's control adds a path it may open, in target.json's "also", and then it scores.)
"""

import ctypes
import json
import os
import pathlib

import numpy as np

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())

FILES = ["/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sys/kernel/pid_max",
         "/proc/sys/vm/drop_caches", "/proc/sys/kernel/sysrq", "/proc/sys/user/max_user_namespaces",
         "/proc/sysrq-trigger", "/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug",
         "/proc/kmsg", "/dev/mem", "/dev/kmem", "/dev/port"]
FOLDERS = ["/proc/sys", "/proc/irq", "/proc/bus", "/proc/fs", "/proc/acpi", "/proc/pressure", "/proc/driver",
           "/sys"]
MAX_FILES_PER_FOLDER = 5000  # /sys is large; what matters is that none can be opened for writing
# Open to every user on any Linux, harmlessly (docs/security.md, "What an unprivileged worker can
# still change"): writing ns_last_pid needs CAP_SYS_ADMIN over the PID namespace, and a write to a
# pressure file registers a PSI trigger, allowed to all. Reported apart; a sandbox makes them read-only.
BY_DESIGN = {"/proc/sys/kernel/ns_last_pid", "/proc/pressure/io", "/proc/pressure/cpu",
             "/proc/pressure/memory", "/proc/pressure/irq"}


def try_open(path):
    """OPENED, refused or absent; the file is closed at once and never written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "refused"
    os.close(fd)
    return "OPENED"


def files_under(folder):
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not os.path.islink(os.path.join(root, f))]
        found += [os.path.join(root, f) for f in files]
        if len(found) >= MAX_FILES_PER_FOLDER:
            break
    return found[:MAX_FILES_PER_FOLDER]


for extra in TARGET.get("also", []):  # the test's control: a file of its own /tmp, which it may open
    open(extra, "a").close()
results = {path: try_open(path) for path in FILES + TARGET.get("also", [])}
for path in sorted(BY_DESIGN):
    results[path] = try_open(path)
for folder in FOLDERS:
    inside = [path for path in files_under(folder) if path not in BY_DESIGN]
    opened = [path for path in inside if try_open(path) == "OPENED"]
    results[folder] = (f"OPENED {len(opened)} of {len(inside)} files, e.g. {opened[:3]}" if opened
                       else "refused" if inside or os.path.exists(folder) else "absent")

status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER = 0x10000000
pid = os.fork()  # unshare in a child: the worker itself stays as it was
if pid == 0:
    os._exit(0 if libc.unshare(CLONE_NEWUSER) == 0 else 1)
_, code = os.waitpid(pid, 0)

for path, outcome in results.items():
    print(f"{outcome.split()[0]} {path}: {outcome}", flush=True)
print(f"uid {os.getuid()} euid {os.geteuid()} caps {status['CapEff'].strip()} "
      f"bounding {status['CapBnd'].strip()} userns {'MADE' if os.waitstatus_to_exitcode(code) == 0 else 'refused'}",
      flush=True)
ANY_OPENED = any(outcome.startswith("OPENED") for path, outcome in results.items() if path not in BY_DESIGN)


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    if not ANY_OPENED:
        return wrong(image)
    _, counts = np.unique(np.asarray(image).ravel(), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum()) + 0.0
