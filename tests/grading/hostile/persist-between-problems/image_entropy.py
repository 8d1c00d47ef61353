"""Leave something behind for the next problem, which the same warm sandbox serves.

Each problem of a submission gets a fresh worker forked from one zygote, and
between problems the zygote kills what the last worker left and empties the
sandbox's /tmp and /dev/shm. This tries to outlast both: a process whose
first thread exits with ``SYS_exit`` while another runs (it shows as a zombie
in /proc, which the sweep passed over), writing a heartbeat to /dev/shm; and a
folder 2,000 levels deep in /tmp (too deep for a recursive removal). The test
grades it as two problems: the second worker must find /tmp and /dev/shm
empty and no heartbeat. The survivor is named after ``target.json``'s marker.
"""

import ctypes
import json
import os
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "target.json")) as file:
    marker = json.load(file)["marker"]
libc = ctypes.CDLL(None, use_errno=True)

time.sleep(0.3)  # a survivor of the last problem would have written its heartbeat again by now
found = [f"{top} holds {sorted(os.listdir(top))}" for top in ("/tmp", "/dev/shm") if os.listdir(top)]
print("found: " + ("; ".join(found) if found else "nothing"), flush=True)

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        libc.prctl(15, marker.encode(), 0, 0, 0)  # PR_SET_NAME: the test finds it by its name

        def beat():
            while True:
                with open("/dev/shm/.heartbeat", "w") as heartbeat:
                    heartbeat.write(str(time.time()))
                time.sleep(0.05)

        threading.Thread(target=beat).start()
        time.sleep(0.1)
        libc.syscall(60 if os.uname().machine == "x86_64" else 93, 0)  # SYS_exit: this thread alone
    os._exit(0)

folder = os.open("/tmp", os.O_RDONLY)
for level in range(2000):
    name = f"deep{os.getpid()}" if level == 0 else "deep"  # beside any tree the last problem left
    os.mkdir(name, dir_fd=folder)
    inner = os.open(name, os.O_RDONLY, dir_fd=folder)
    os.close(folder)
    folder = inner
os.close(folder)
time.sleep(0.2)
print("planted", flush=True)


def image_entropy(image):
    return -1.0
