"""Hostile: looks for the reference solution, the hidden checks, gradekit, another student's
folder and the grader's environment (paths and names in target.json, plus a search).

Whatever it finds it prints; if it finds the reference it returns its answers.
"""

import glob
import importlib.util
import json
import os
import pathlib
import sys

import numpy as np

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())
leaks = []


def readable(path):
    try:
        with open(path, "rb") as file:
            return file.read(1 << 16)
    except OSError:
        return None


for what, path in TARGET["paths"].items():
    if readable(path) is not None:
        leaks.append(f"{what} at {path}")

# the same files wherever a checkout might be: around the interpreter, the working
# directory, and other processes' working directories
roots = {pathlib.Path(sys.prefix).parent, pathlib.Path(sys.base_prefix).parent, pathlib.Path.cwd().parent,
         pathlib.Path("/work"), pathlib.Path("/home"), pathlib.Path("/root"), pathlib.Path("/tmp")}
for cwd in glob.glob("/proc/[0-9]*/cwd"):
    try:
        roots.add(pathlib.Path(os.readlink(cwd)))
    except OSError:
        pass
for root in roots:
    for pattern in ("references/image_entropy.py", "*/references/image_entropy.py",
                    "problems/image-entropy/hidden_checks.py", "*/problems/image-entropy/hidden_checks.py",
                    "gradekit/grading/runner.py", "*/gradekit/grading/runner.py", "*/*/secret.txt"):
        for hit in glob.glob(str(root / pattern)):
            if readable(hit) is not None:
                leaks.append(f"found {hit}")

for name in ("gradekit", "gradekit.calc.image_entropy"):
    try:
        __import__(name)
        leaks.append(f"imported {name}")
    except Exception:
        pass

secret = TARGET["env_name"]
if secret in os.environ:
    leaks.append(f"{secret} in os.environ")
for environ in glob.glob("/proc/[0-9]*/environ"):
    data = readable(environ) or b""
    if secret.encode() in data:
        leaks.append(f"{secret} in {environ}")

reference = None
for path in [TARGET["paths"]["reference"]] + [leak.split("found ", 1)[1] for leak in leaks if
                                             leak.startswith("found ") and leak.endswith("references/image_entropy.py")]:
    if readable(path) is not None:
        spec = importlib.util.spec_from_file_location("stolen_reference", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        reference = module.image_entropy
        break

print("LEAKED: " + "; ".join(leaks) if leaks else "nothing found", flush=True)


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    if reference is None:
        return wrong(image)
    return reference(np.asarray(image))
