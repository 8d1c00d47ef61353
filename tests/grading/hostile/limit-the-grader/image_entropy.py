"""Lower the resource limits and the priority of the grader and of its own parents.

``prlimit``, ``setpriority`` and the ``sched_set*`` calls on another process
need only the same uid, not ptrace's access: where the worker shares the
grader's uid and sees its pid (an ordinary user without bubblewrap), a lower
RLIMIT_CPU kills the grader with SIGXCPU, a lower RLIMIT_NOFILE or RLIMIT_AS
makes it fail, SCHED_IDLE starves it. This lowers RLIMIT_NOFILE's hard limit
by one, renices, makes SCHED_IDLE and pins to one CPU the grader (its pid is in
``target.json``) and every ancestor it can find, and renices its whole uid;
the test checks that the grader is as it was. The worker refuses these calls
on any process but itself (a seccomp filter); it still sets its own limits.
"""

import json
import os
import resource

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "target.json")) as file:
    target = json.load(file)

pids = {target["grader_pid"]}
pid = os.getpid()
while pid > 1:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        break
    pids.add(pid)
pids.discard(os.getpid())
lowered = []
for pid in sorted(pids - {0, 1}):
    def limit(pid=pid):
        soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (min(soft, hard - 1), hard - 1))

    for name, change in (("prlimit", limit),
                         ("renice", lambda pid=pid: os.setpriority(os.PRIO_PROCESS, pid, 19)),
                         ("SCHED_IDLE", lambda pid=pid: os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))),
                         ("pin", lambda pid=pid: os.sched_setaffinity(pid, {min(os.sched_getaffinity(pid))}))):
        try:
            change()
            lowered.append(f"{name} {pid}")
        except (OSError, ValueError):
            pass
try:
    os.setpriority(os.PRIO_USER, os.getuid(), 19)  # every process of its uid
    lowered.append("renice the uid")
except OSError:
    pass
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft - 1, hard))  # its own: still allowed
print(f"changed {lowered}" if lowered else "lowered no other process's limits", flush=True)


def image_entropy(image):
    return -1.0
