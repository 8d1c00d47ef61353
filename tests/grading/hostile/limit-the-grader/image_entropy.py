"""Lower the resource limits of the grader and of its own parents with prlimit.

``prlimit`` on another process needs only the same uid, not ptrace's access:
where the worker shares the grader's uid and sees its pid (an ordinary user
without bubblewrap), a lower RLIMIT_CPU kills the grader with SIGXCPU, a lower
RLIMIT_NOFILE or RLIMIT_AS makes it fail. This lowers a harmless one,
RLIMIT_NOFILE's hard limit by one, on the grader (its pid is in
``target.json``) and on every ancestor it can find; the test checks that the
grader's limits did not change. The worker refuses prlimit on any process but
itself (a seccomp filter); it still sets its own limits.
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
    try:
        soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (min(soft, hard - 1), hard - 1))
        lowered.append(pid)
    except (OSError, ValueError):
        pass
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft - 1, hard))  # its own: still allowed
print(f"lowered the limits of {lowered}" if lowered else "lowered no other process's limits", flush=True)


def image_entropy(image):
    return -1.0
