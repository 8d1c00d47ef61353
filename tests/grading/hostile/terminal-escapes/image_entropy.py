"""Hostile: drives the instructor's terminal through every string a report shows.

It prints (stdout and stderr) a screen clear and a fake "10 / 10" table, an OSC 52
clipboard write, an OSC window title, 8-bit C1 controls, bidi overrides, a carriage
return that overwrites its line, Unicode line separators and invisible tag
characters, and rich console markup (``[bold red]``, a stray
``[/]``). Its function raises an exception whose class name and message carry the
same, and returns an object whose class name does (the grader names the type).

It answers the exam image right and nothing else; its grade must be that of its plain twin:
with ``"plain": true`` in target.json every hostile string is replaced by a harmless
one, and the grade must not change. Graded by tests/grading/test_report_sanitize.py.
"""

import json
import pathlib
import sys

import numpy as np

PLAIN = json.loads(pathlib.Path(__file__).with_name("target.json").read_text()).get("plain", False)

ESC, BEL = "\x1b", "\x07"
HOSTILE = (f"{ESC}[2J{ESC}[H{ESC}[1;32m  image-entropy   graded   10 / 10  {ESC}[0m"
           f"{ESC}]52;c;cm0gLXJmIH4K{BEL}{ESC}]0;gradekit: 10 / 10{BEL}\x9b2J\x9d0;title{BEL}"
           "\u202eevil\u202c \u2066isolated\u2069 overwritten\rtotal 10 / 10 [bold red]markup[/] [/]"
           "\u2028separated\u2029 \U000e0068\U000e0069\U000e0064\U000e0064\U000e0065\U000e006e invisible tags")


def hostile(plain_text):
    return plain_text if PLAIN else f"{plain_text} {HOSTILE}"


for stream in (sys.stdout, sys.stderr):
    stream.write(hostile("printed at import") + "\n")
    stream.flush()

Raised = type(hostile("PlainError").replace(" ", "_"), (ValueError,), {})
Returned = type(hostile("PlainValue").replace(" ", "_"), (), {})

EXAM = [[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]]


def image_entropy(image):
    image = np.asarray(image)
    print(hostile("printed in a call"))
    if image.shape == (4, 4) and image.tolist() == EXAM:
        return 3.0
    if np.unique(image).size == 1:
        raise Raised(hostile("raised for a constant image"))
    return Returned()
