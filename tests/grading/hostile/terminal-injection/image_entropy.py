"""Type into, or write escapes onto, a terminal of the grader's user.

With TIOCSTI a process pushes bytes into a terminal's input, as if typed: a
command for the shell that started the grader. It needs the terminal to be
its controlling one (or CAP_SYS_ADMIN); writing to the terminal device itself
bypasses the cleaning of every string the grader prints (a fake "10 / 10",
OSC 52 into the clipboard). This tries /dev/tty, its own descriptors, and the
terminals named in ``target.json`` (a pseudo-terminal the test holds open),
opened without O_NOCTTY so that a session leader without a terminal would take
it as its own. It prints what got through; the test reads the terminal.
"""

import fcntl
import json
import os
import termios

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "target.json")) as file:
    target = json.load(file)
payload = f"echo {target['marker']}\n".encode()
reached = []


def inject(fd, name):
    try:
        for byte in payload:
            fcntl.ioctl(fd, termios.TIOCSTI, bytes([byte]))
        reached.append(f"TIOCSTI into {name}")
    except OSError:
        pass


for fd in (0, 1, 2):
    inject(fd, f"fd {fd}")
for path in ["/dev/tty", *target.get("ttys", [])]:
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        continue
    inject(fd, path)
    try:
        os.write(fd, f"\x1b]0;{target['marker']}\x07".encode())
        reached.append(f"wrote to {path}")
    except OSError:
        pass
    os.close(fd)
print("REACHED: " + ", ".join(reached) if reached else "no terminal reached", flush=True)


def image_entropy(image):
    return -1.0
