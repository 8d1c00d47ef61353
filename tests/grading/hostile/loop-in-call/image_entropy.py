"""Hostile: every call spins forever, ignoring the signals a polite grader would send first."""

import signal

for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGALRM", "SIGXCPU"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)


def image_entropy(image):
    while True:
        pass
