"""Hostile: rewrites the worker's encoder so that every error it reports is malformed (issue 14 §2).

The grader assumed the error field of a reply was a dict and crashed with a
traceback. target.json's "shape" says what the error becomes (a list, a number,
a string, null, fields of the wrong types, 30 levels of nesting, a 10 MB
string), and "when" whether the import fails or each call raises.
"""

import json
import pathlib
import sys

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())
nested = "bottom"
for _ in range(30):
    nested = {"message": [nested]}
MALFORMED = {
    "list": [1, 2, 3],
    "number": 42,
    "string": "not a dict",
    "null": None,
    "fields": {"type": ["ValueError"], "types": "ValueError", "message": {"a": 1}, "traceback": 7},
    "nested": nested,
    "huge": {"type": "ValueError", "message": "x" * 10_000_000},
}[TARGET["shape"]]

wire = sys.modules["gradekit_wire"]
real_encode_frame = wire.encode_frame


def forged(header, value=None):
    if "error" in header:
        header = {**header, "error": MALFORMED}
    return real_encode_frame(header, value)


wire.encode_frame = forged

if TARGET["when"] == "import":
    raise ValueError("the import fails, and its report is forged")


def image_entropy(image):
    raise ValueError("every call fails, and its report is forged")
