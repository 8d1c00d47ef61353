"""One verb, one module: each module here defines ``register(app)`` adding its command(s).

``gradekit.cli`` calls ``register_all`` so that a new command is a new file here
and nothing else. Modules must import their heavy dependencies (torch, the
trainers) inside the command functions, so ``gradekit --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)
