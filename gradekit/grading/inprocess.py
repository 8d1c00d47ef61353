"""Benchmarks only: the worker's side run in the grader's own process, with no sandbox at all.

``benchmarks/grade_bench.py`` compares the sandboxed grading with this to
measure what the sandbox costs. It runs the submission's code as the grader,
with the grader's files, network and privileges: never use it on untrusted
code. It is chosen only by ``$GRADEKIT_BENCH_WORKERS=in-process`` (see
``workers``), and a report graded so says it in its warnings.

Requests still cross the wire format both ways (encoded, then decoded), and
the student's functions are called by ``worker.py``'s own code, so checks see
exactly the values a sandboxed worker would send.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

from gradekit.grading import wire

_GRADING_DIR = Path(__file__).resolve().parent
_imported: list[str] = []  # the modules the last import loaded from a submission folder


def _inside(file: str | None, folder: str) -> bool:
    if not file:
        return False
    return Path(file).resolve().is_relative_to(Path(folder).resolve())


def _worker_module() -> types.ModuleType:
    """``worker.py`` loaded here, with this package's wire module standing for ``gradekit_wire``."""
    name = "gradekit_inprocess_worker"
    if name not in sys.modules:
        sys.modules.setdefault("gradekit_wire", wire)
        spec = importlib.util.spec_from_file_location(name, _GRADING_DIR / "worker.py")
        assert spec is not None and spec.loader is not None, "gradekit's worker.py is missing"
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _through_wire(value: Any) -> tuple[dict, Any]:
    frame = wire.encode_frame({}, value)
    (size,) = wire.HEADER.unpack(frame[:4])
    return wire.decode_frame(frame[4:4 + size], frame[4 + size:])


class InProcessWorker:
    """Answers the runner's requests by calling the student's module in this process."""

    isolated = False
    uid = None
    failure: str | None = None

    def __init__(self, *, submission_dir: Path, module: str, harness_dir: Path | None):
        worker = _worker_module()
        self._replies: list[tuple[dict, Any]] = []
        self._worker = worker.Worker(-1, -1, str(submission_dir), module, str(harness_dir or ""))
        self._worker.reply = self._keep  # the reply goes through the wire format into a list, not a pipe
        self._module_name = module

    def _keep(self, request: dict, header: dict, value: Any = None) -> None:
        _, decoded = _through_wire(value)
        self._replies.append(({**header, "id": request.get("id")}, decoded))

    def request(self, header: dict, value: Any, timeout: float | None = None, *,
                budget: float | None = None) -> tuple[dict, Any]:
        _, value = _through_wire(value)
        if header.get("op") == "import":
            for name in _imported:  # each import starts afresh: no module of an earlier one is reused
                sys.modules.pop(name, None)
            _imported.clear()
            before = set(sys.modules)
            try:
                self._worker.import_student(header)  # puts the folder first on sys.path
            finally:
                while self._worker.submission_dir in sys.path:
                    sys.path.remove(self._worker.submission_dir)
                _imported.extend(name for name in set(sys.modules) - before
                                 if _inside(getattr(sys.modules[name], "__file__", None), self._worker.submission_dir))
        else:
            self._worker.call(header, value)
        return self._replies.pop()

    def output(self) -> str:
        return ""

    def kill(self) -> None:
        pass

    def close(self) -> None:
        pass
